"""Time expressions: TIMEX3 extraction and normalisation against the publication date.

``extract_times`` runs the compiled grammar (``grammar.RULES``) over the text, keeps the
longest non-overlapping matches that fall on token boundaries, and normalises each against
the anchor with the tense of its governing verb. ``infer_publication_date`` reads a date
from the text when the article's metadata has none.
"""

from __future__ import annotations

import datetime as dt
import re
from bisect import bisect_left

from spacy.tokens import Doc

from newsgraph.extract.timex.context import Context
from newsgraph.extract.timex.grammar import RULES, Found, Handler, rule_matches, trigger_hits
from newsgraph.extract.timex.publication import infer_publication_date
from newsgraph.records import Span, TimeExpr

__all__ = ["extract_times", "infer_publication_date"]

# "since" heading the phrase that holds the expression, in the same clause:
# "since 2015", "since its intervention in the Syrian civil war in 2015".
_SINCE = re.compile(r"\bsince\b(?P<gap>[^.;:,!?()\"“”]{0,80})$", re.IGNORECASE)


def _select(ctx: Context) -> list[tuple[int, int, Found]]:
    """Longest matches first; a match is kept when it aligns with tokens and its rule accepts it."""
    doc = ctx.doc
    hits = trigger_hits(ctx.text)
    candidates = [
        (m.start(), m.end(), m, rule.handler)
        for rule in RULES
        for m in rule_matches(rule, ctx.text, hits)
        if m.end() > m.start()
    ]
    candidates.sort(key=lambda c: (c[0] - c[1], c[0]))
    kept: list[tuple[int, int, re.Match[str], Handler]] = []
    # Kept spans never overlap, so sorted by start their ends are sorted too: only the last one
    # starting before ``end`` can overlap a candidate (a scan of all of them was quadratic).
    kept_starts: list[int] = []
    kept_ends: list[int] = []
    for start, end, m, handler in candidates:
        before = bisect_left(kept_starts, end)
        if before and kept_ends[before - 1] > start:
            continue
        if doc.char_span(start, end) is None or _resolve(handler, m, ctx) is None:
            continue
        kept.append((start, end, m, handler))
        kept_starts.insert(before, start)
        kept_ends.insert(before, end)
    # Normalise again in text order so that discourse state ("the quarter" named last) flows forwards.
    ctx.last_quarter = None
    result = []
    for start, end, m, handler in sorted(kept, key=lambda k: k[0]):
        found = _resolve(handler, m, ctx)
        if found is not None:
            result.append((start, end, found))
            ctx.note(found.value)
    return result


def _resolve(handler: Handler, m: re.Match[str], ctx: Context) -> Found | None:
    # Arithmetic on numbers read from the text can leave the calendar ("292,000 week ago" in a
    # market report, "February 29" put in a common year): such an expression names no date.
    try:
        return handler(m, ctx)
    except (ValueError, OverflowError):
        return None


def _since_mod(text: str, start: int, found: Found) -> str | None:
    if found.mod is None and found.type == "DATE" and not found.value.endswith("_REF"):
        sentence_start = max(text.rfind("\n", 0, start), start - 120)
        if _SINCE.search(text, max(0, sentence_start), start):
            return "START"
    return found.mod


def extract_times(doc: Doc, anchor: dt.date | None) -> list[TimeExpr]:
    """Every time expression in ``doc``, normalised against ``anchor``.

    Args:
        doc: a parsed Doc (the tense of governing verbs orients bare weekdays and months).
        anchor: the publication date; None leaves anchor-dependent parts as ``X``.

    Returns:
        TIMEX3 records in text order with ids ``T1``, ``T2``, ...
    """
    text = doc.text
    ctx = Context(doc=doc, anchor=anchor, text=text)
    return [
        TimeExpr(
            id=f"T{i}",
            span=Span.of(text, start, end),
            type=found.type,
            value=found.value,
            mod=_since_mod(text, start, found),
        )
        for i, (start, end, found) in enumerate(_select(ctx), start=1)
    ]
