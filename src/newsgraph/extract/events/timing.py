"""When an event happened, and how that was established.

1. ``explicit``: a date or time expression attached to the event in the parse ("On Sunday, the flag
   was lowered", "its intervention ... in 2015", "reached Aleppo last month"). From the expression's
   head the parse is walked up to the first predicate; if that predicate is a trigger the time is
   its own. Conjoined verbs share it ("left Syria and ordered ..."). Durations and sets anchor nothing.
2. ``attribution``: the event sits in the content of a claim whose statement time the text gives
   ("the ministry said on Sunday that ..."): the event happened on or before it.
3. ``publication``: nothing said; the event happened on or before the publication date.

Events presented as future ("will", "would", "going to") are placed ``AFTER`` their reference time
rather than on or before it.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from spacy.tokens import Doc, Token

from newsgraph.records import Attribution, EventTime, TimeExpr

_ANCHORING_TYPES = frozenset({"DATE", "TIME"})
_FUTURE_AUX = frozenset({"will", "'ll", "wo", "would", "'d"})


def explicit_times(doc: Doc, times: Sequence[TimeExpr], triggers: set[int]) -> dict[int, TimeExpr]:
    """Trigger token index → the time expression attached to it in the parse."""
    attached: dict[int, TimeExpr] = {}
    for timex in times:
        if timex.type not in _ANCHORING_TYPES:
            continue
        span = doc.char_span(timex.span.start, timex.span.end, alignment_mode="expand")
        if span is None:
            continue
        current = span.root
        for _ in range(8):
            if current.head.i == current.i:
                break
            current = current.head
            if current.i in triggers:
                attached.setdefault(current.i, timex)
                break
            if current.pos_ in ("VERB", "AUX") and current.lower_ not in ("according", "following"):
                break
    for index in sorted(triggers):
        token = doc[index]
        if index not in attached and token.dep_ == "conj" and token.head.i in attached:
            attached[index] = attached[token.head.i]
    return attached


def is_future(token: Token) -> bool:
    """Whether the event of ``token`` is presented as still to come."""
    return any(c.dep_ == "aux" and c.lower_ in _FUTURE_AUX for c in token.children)


def event_time(
    token: Token,
    explicit: TimeExpr | None,
    attribution: Attribution | None,
    published: dt.date | None,
) -> EventTime | None:
    """The time of the event of ``token`` by the first rule that applies (see the module doc)."""
    future = is_future(token)
    if explicit is not None:
        return EventTime(value=explicit.value, anchor="explicit", mod=explicit.mod, timex=explicit.id)
    bound = "AFTER" if future else "ON_OR_BEFORE"
    if attribution is not None and attribution.when:
        return EventTime(value=attribution.when, anchor="attribution", mod=bound)
    if published is not None:
        return EventTime(value=published.isoformat(), anchor="publication", mod=bound)
    return None
