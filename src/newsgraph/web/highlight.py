"""The article text as HTML: attribution parts highlighted by status, entity mentions linked.

Built here rather than in a template so that every piece of article text passes through
``markupsafe.escape`` exactly once: whatever the article contains renders as text.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from itertools import pairwise
from urllib.parse import quote

from markupsafe import Markup, escape

from newsgraph.records import Article, Span
from newsgraph.web.text import shown

# When parts overlap, the innermost wins: a cue inside a content is shown as the cue.
_ROLE_RANK = {"cue": 0, "source": 1, "via": 2, "content": 3}


@dataclass(frozen=True, slots=True)
class _Mark:
    start: int
    end: int
    role: str
    status: str
    attribution: str


@dataclass(frozen=True, slots=True)
class _Link:
    start: int
    end: int
    entity: str
    type: str


def entity_url(name: str) -> Markup:
    """The web page of the entity named ``name`` (percent-encoded, so safe in markup as it is)."""
    return Markup("/entities/" + quote(name, safe=""))


def claim_url(article_id: str, attribution_id: str) -> Markup:
    """The web page of one claim (percent-encoded, so safe in markup as it is)."""
    return Markup(f"/claims/{quote(article_id, safe='')}/{quote(attribution_id, safe='')}")


def highlighted_text(article: Article, *, link_entities: bool = True) -> Markup:
    """The article text with ``<span class="hl ROLE st-STATUS" data-attr=ID>`` around sources,
    cues, contents and intermediaries, and ``<a class="ent">`` around entity mentions."""
    text = article.text
    marks = list(_marks(article))
    links = [
        _Link(m.span.start, m.span.end, e.name, e.type)
        for e in article.entities
        for m in e.mentions
        if m.kind != "pronoun" and link_entities
    ]
    cuts = {0, len(text)}
    for start, end in [(m.start, m.end) for m in marks] + [(k.start, k.end) for k in links]:
        cuts.update((max(0, min(start, len(text))), max(0, min(end, len(text)))))
    bounds = sorted(cuts)
    out: list[str] = []
    # Each attribution's content is anchored where it starts (``#A5``): a claim version links to its words.
    anchored: set[str] = set()
    for start, end in pairwise(bounds):
        if start >= end:
            continue
        piece = escape(text[start:end])
        covering = [m for m in marks if m.start <= start and end <= m.end]
        link = next((k for k in links if k.start <= start and end <= k.end), None)
        if link is not None:
            piece = Markup('<a class="ent t-{}" href="{}" title="{}">{}</a>').format(
                link.type.lower(), entity_url(link.entity), shown(f"{link.entity} ({link.type})"), piece
            )
        if covering:
            mark = min(covering, key=lambda m: (_ROLE_RANK[m.role], m.end - m.start))
            anchor = ""
            if mark.role == "content" and mark.attribution not in anchored:
                anchored.add(mark.attribution)
                anchor = Markup(' id="{}"').format(mark.attribution)
            piece = Markup('<span class="hl {} st-{}" data-attr="{}"{} title="{}">{}</span>').format(
                mark.role, mark.status, mark.attribution, anchor, f"{mark.role} · {mark.status}", piece
            )
        out.append(str(piece))
    return Markup("".join(out))


def _marks(article: Article) -> Iterable[_Mark]:
    for a in article.attributions:
        parts: list[tuple[str, Span | None]] = [
            ("content", a.content),
            ("source", a.source.span),
            ("cue", a.cue.span),
            ("via", a.via.span if a.via else None),
        ]
        for role, span in parts:
            if span is not None and span.end > span.start:
                yield _Mark(span.start, span.end, role, a.status, a.id)


def snippet_html(snippet: str, marks: tuple[str, str]) -> Markup:
    """A search snippet with its matched words (between ``marks``) in ``<mark>``, all else escaped."""
    start, stop = marks
    out: list[str] = []
    rest = snippet
    while start in rest:
        before, _, after = rest.partition(start)
        word, found, rest = after.partition(stop)
        out.append(str(escape(before)))
        out.append(str(Markup("<mark>{}</mark>").format(word)))
        if not found:
            rest = ""
    out.append(str(escape(rest)))
    return Markup("".join(out))
