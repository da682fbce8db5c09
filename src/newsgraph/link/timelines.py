"""Timelines: events in time order, per entity identity or per story, with the claims behind them.

Event times are TIMEX3 values of varying precision ("2024-12-08", "2024-11", "2015",
"PAST_REF"). They sort by the start of the period they name; an event with no usable
date sorts after the dated ones by its article's publication date.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from newsgraph.records import Article, Certainty, Polarity, TimeAnchor

REPORTING = frozenset({"say", "tell", "report", "state", "add", "announce", "deny", "confirm", "claim"})
"""Lemmas of the act of reporting: they carry claims (see ``claims``) but are not events of the story."""

_DATE = re.compile(r"^(\d{4})(?:-(\d{2}|W\d{2}|Q\d))?(?:-(\d{2}))?")


@dataclass(frozen=True, slots=True)
class TimelineEntry:
    """One event on a timeline and what stands behind it."""

    date: str | None
    anchor: TimeAnchor | None
    certainty: Certainty
    polarity: Polarity
    lemma: str
    wording: str
    article_id: str
    event_id: str
    published: str | None
    claim_id: str | None = None

    @property
    def sort_key(self) -> tuple[int, str, str, str]:
        """Dated entries first by the start of their period, then undated ones by publication."""
        start = date_start(self.date) if self.date else None
        if start is not None:
            return (0, start, self.published or "", self.event_id)
        return (1, self.published or "9999", self.article_id, self.event_id)


def date_start(value: str) -> str | None:
    """The first day of the period a TIMEX3 value names, as ``YYYY-MM-DD``; None when it names none."""
    match = _DATE.match(value)
    if match is None:
        return None
    year, middle, day = match.groups()
    month = "01"
    if middle and middle.isdigit():
        month = middle
    elif middle and middle.startswith("Q"):
        month = f"{(int(middle[1]) - 1) * 3 + 1:02d}"
    return f"{year}-{month}-{day or '01'}"


def article_entries(
    article: Article,
    claim_of: Mapping[tuple[str, str, str], str] | None = None,
    keep: Iterable[str] | None = None,
) -> list[TimelineEntry]:
    """Timeline entries of an article's events.

    Args:
        article: the analysed article.
        claim_of: ``(article_id, kind, record_id)`` → claim id (kind ``event`` or ``attribution``);
            an event's claim is its own or, when it is reported, its attribution's.
        keep: only these event ids (all when None).
    """
    claim_of = claim_of or {}
    wanted = set(keep) if keep is not None else None
    entries = []
    for e in article.events:
        if (wanted is not None and e.id not in wanted) or e.lemma.lower() in REPORTING:
            continue
        claim = claim_of.get((article.id, "event", e.id)) or (
            claim_of.get((article.id, "attribution", e.attribution)) if e.attribution else None
        )
        entries.append(
            TimelineEntry(
                date=e.time.value if e.time else None,
                anchor=e.time.anchor if e.time else None,
                certainty=e.certainty,
                polarity=e.polarity,
                lemma=e.lemma,
                wording=_sentence(article.text, e.trigger.start, e.trigger.end),
                article_id=article.id,
                event_id=e.id,
                published=article.published.isoformat() if article.published else None,
                claim_id=claim,
            )
        )
    return entries


def _sentence(text: str, start: int, end: int, width: int = 90) -> str:
    """The words around an event trigger, cut at sentence ends."""
    stop = text.rfind(". ", 0, start)
    left = max(stop + 2 if stop != -1 else 0, text.rfind("\n", 0, start) + 1, start - width)
    if left == start - width and left > 0:
        # Cut inside a sentence: start at a word.
        left = text.find(" ", left) + 1 or left
    right_candidates = [i for i in (text.find(". ", end), text.find("\n", end)) if i != -1]
    right = min([*right_candidates, end + width, len(text)])
    return " ".join(text[left:right].split())


def entity_events(article: Article, identity_id: str, identities: Mapping[tuple[str, str], str]) -> list[str]:
    """Ids of the events of ``article`` whose actor, target or place is the entity ``identity_id``."""
    found = []
    for e in article.events:
        for argument in (e.actor, e.target, e.place):
            if argument is not None and identities.get((article.id, argument.entity or "")) == identity_id:
                found.append(e.id)
                break
    return found


def timeline(entries: Iterable[TimelineEntry]) -> list[TimelineEntry]:
    """Entries in time order (see ``TimelineEntry.sort_key``)."""
    return sorted(entries, key=lambda x: x.sort_key)
