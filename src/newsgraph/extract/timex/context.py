"""What a grammar rule may consult while normalising one match: anchor, text, tense, discourse."""

from __future__ import annotations

import contextlib
import datetime as dt
import re
from dataclasses import dataclass, field

from spacy.tokens import Doc, Token

from newsgraph.extract.timex.resolve import Direction

_CALENDAR = re.compile(r"(\d{4})(?:-(0[1-9]|1[0-2])(?:-(0[1-9]|[12]\d|3[01]))?)?$")
_FUTURE_AUX = frozenset({"will", "'ll", "shall", "wo", "ll"})
_FUTURE_HEADS = frozenset(
    {"schedule", "set", "expect", "due", "plan", "go", "slate", "poise", "likely", "intend", "prepare", "aim", "hope"}
)


@dataclass(slots=True)
class Context:
    """Mutable state of one pass over a document (the last quarter named, for "a year earlier")."""

    doc: Doc
    anchor: dt.date | None
    text: str = ""  # doc.text, read once: spaCy rebuilds it from the tokens on every access
    last_quarter: tuple[int, int] | None = None
    last_date: dt.date | None = None  # the latest calendar date named, for "the following month"
    _tenses: dict[int, Direction] = field(default_factory=dict)

    def __post_init__(self) -> None:
        if not self.text:
            self.text = self.doc.text

    def note(self, value: str) -> None:
        """Remember a resolved calendar value ("1989-04-12", "1989-04", "1989") as the reference time."""
        m = _CALENDAR.match(value)
        if m:
            # February 29 resolved into a common year names no day; keep the previous reference.
            with contextlib.suppress(ValueError):
                self.last_date = dt.date(int(m.group(1)), int(m.group(2) or 1), int(m.group(3) or 1))

    def before(self, start: int, width: int = 25) -> str:
        """The lower-cased text just before ``start``."""
        return self.text[max(0, start - width) : start].lower()

    def after(self, end: int, width: int = 25) -> str:
        """The lower-cased text just after ``end``."""
        return self.text[end : end + width].lower()

    def direction(self, start: int, end: int) -> Direction:
        """Past, future or none: the tense of the verb governing the expression at ``[start, end)``."""
        span = self.doc.char_span(start, end, alignment_mode="expand")
        if span is None or not len(span):
            return "none"
        key = span.root.i
        if key not in self._tenses:
            self._tenses[key] = _tense(span.root)
        return self._tenses[key]


def _tense(token: Token) -> Direction:
    verb = token
    for _ in range(6):
        if verb.pos_ in ("VERB", "AUX") or verb.head is verb:
            break
        verb = verb.head
    if verb.pos_ not in ("VERB", "AUX"):
        verb = verb.sent.root
    words = [verb, *(c for c in verb.children if c.dep_ in ("aux", "auxpass"))]
    if verb.dep_ in ("xcomp", "ccomp") and verb.head.pos_ in ("VERB", "AUX"):
        # "is expected to arrive", "was going to": the finite verb carries the tense.
        words.extend((verb.head, *(c for c in verb.head.children if c.dep_ in ("aux", "auxpass"))))
    lowers = {w.lower_ for w in words}
    if verb.tag_ == "VB" and "to" in lowers and verb.head.lemma_ in _FUTURE_HEADS:
        # "is scheduled to close Monday", "set to resume Monday": the event lies ahead.
        return "future"
    if lowers & _FUTURE_AUX or ("going" in lowers and verb.tag_ == "VB"):
        return "future"
    if any("Past" in w.morph.get("Tense", []) and w.tag_ != "VBN" for w in words):
        return "past"
    if verb.tag_ == "VBN" and any(w.lower_ in ("was", "were", "had") for w in words):
        return "past"
    return "none"
