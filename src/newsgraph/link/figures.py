"""Figures in a claim's wording: what is counted, and how firmly the count is given.

Reports of one event disagree on numbers all the time without contradicting each other: a toll rises,
"11,000" rounds "11,300", "up to 20,000" is a projection, "about 6,000 confirmed" counts only the
identified dead, "previously 5,500" is where a toll rose from. Two figures can only contradict when
they count the same thing (the measure: dead, missing, injured, displaced, ...) and both are given as
the count now. Read from the wording alone (a few words either side of the number), so that versions
read back from a store need nothing more.
"""

from __future__ import annotations

import math
import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import Literal

FigureKind = Literal["count", "projection", "earlier", "replaced", "subcount"]

_MEASURES: dict[str, str] = {}
for _name, _words in {
    "dead": "dead death deaths died die dying killed kill toll lives fatalities perished bodies victims",
    "missing": "missing unaccounted",
    "injured": "injured wounded hurt injuries",
    "displaced": "displaced homeless evacuated refugees fled",
    "affected": "affected",
    "arrested": "arrested detained",
}.items():
    _MEASURES.update(dict.fromkeys(_words.split(), _name))

# Words around a number that say it is not the count now ("could reach 20,000", "previously 5,500").
_PROJECTION = frozenset(["could", "may", "might", "possible", "possibly", "feared", "fear", "expected"])
_PROJECTION_PHRASES = (("up", "to"), ("as", "many", "as"), ("as", "much", "as"))
_EARLIER = frozenset(["previously", "earlier", "initially", "before"])
# Counts of part of the whole: the identified, buried or registered dead are fewer than the dead.
_SUBCOUNT = frozenset(["identified", "registered", "buried", "recovered", "counted", "officially", "verified"])
_CONFIRMED = frozenset({"confirmed"})
_REPLACED = ("instead of", "rather than", "down from", "not")

# "11,300" or "5500" or "71.4", not a part of "1,2,3" or "v2": a comma may follow ("11,300, as ...").
_NUMBER = re.compile(r"(?<![\w.,])(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?(?!\w|[.,]\d)")
_SCALE = {"thousand": 1e3, "million": 1e6, "billion": 1e9}
_WORD = re.compile(r"[a-z]+")
_CLAUSE_END = re.compile(r"[;.!?]\s|,\s+(?:while|but|whereas)\b")
WINDOW = 8
TOLERANCE = 0.1
"""Two figures within this share of the larger agree: "11,000" and "11,300" are one toll."""


@dataclass(frozen=True, slots=True)
class Figure:
    """A number in a wording, what it counts (None: not a measure we compare) and how it is given."""

    value: float
    measure: str | None
    kind: FigureKind

    def agrees(self, other: Figure, tolerance: float = TOLERANCE) -> bool:
        """Whether the two numbers are one figure, rounded or not."""
        top = max(abs(self.value), abs(other.value))
        return top == 0 or abs(self.value - other.value) <= tolerance * top


@lru_cache(maxsize=65536)
def figures(text: str) -> tuple[Figure, ...]:
    """The figures of ``text`` in order; years (1900-2100 written without a separator) are left out."""
    lowered = text.lower()
    found = []
    for match in _NUMBER.finditer(lowered):
        raw = match.group()
        value = float(raw.replace(",", ""))
        if "," not in raw and "." not in raw and 1900 <= value <= 2100:
            continue
        clause_start = max((m.end() for m in _CLAUSE_END.finditer(lowered, 0, match.start())), default=0)
        end_match = _CLAUSE_END.search(lowered, match.end())
        clause_end = end_match.start() if end_match else len(lowered)
        before = _WORD.findall(lowered[clause_start : match.start()])
        after = _WORD.findall(lowered[match.end() : clause_end])
        if after and after[0] in _SCALE:
            value *= _SCALE[after[0]]
        # Near words first; else the clause's subject ("the death toll from the floods in ... has soared to").
        measure = _measure(before[-WINDOW:], after[:WINDOW]) or _measure(before, [])
        found.append(Figure(value, measure, _kind(lowered[clause_start : match.start()], before, after)))
    return tuple(found)


def _measure(before: Sequence[str], after: Sequence[str]) -> str | None:
    """The measure word nearest the number, after it first ("10,100 missing", "toll rose to 11,300")."""
    candidates = [(i, w) for i, w in enumerate(after)] + [(i + 0.5, w) for i, w in enumerate(reversed(before))]
    for _, word in sorted(candidates):
        if word in _MEASURES:
            return _MEASURES[word]
    return None


def _kind(prefix: str, before: Sequence[str], after: Sequence[str]) -> FigureKind:
    """How the clause gives the number (``before``/``after``: the clause's words on each side)."""
    near = list(before[-3:])
    if any(prefix.rstrip().endswith(p) for p in _REPLACED):
        return "replaced"
    if before and before[-1] == "from":
        return "earlier"
    if _SUBCOUNT.intersection(before[-WINDOW:]) or _SUBCOUNT.intersection(after):
        return "subcount"
    if _CONFIRMED.intersection(near) or _CONFIRMED.intersection(after[:4]):
        return "subcount"
    if _PROJECTION.intersection(near) or any(tuple(before[-len(p) :]) == p for p in _PROJECTION_PHRASES):
        return "projection"
    if _EARLIER.intersection(before):
        return "earlier"
    return "count"


LINKING_MINIMUM = 100
"""Figures below this are too common to say that two wordings state one thing ("12 people")."""


# Figures within ``TOLERANCE`` of each other fall in one bucket or in neighbouring ones of this ratio.
_BUCKET = math.log(1.12)


EXACT_MINIMUM = 1000
"""An exact figure this large ("11,300", "3,958") names a claim even when the words around it do not say
what it counts."""


def _anchors(text: str) -> list[Figure]:
    # A figure said to be replaced ("3,958 instead of 11,300") still names the claim the wording is about.
    return [
        f
        for f in figures(text)
        if f.kind in ("count", "replaced") and f.value >= (LINKING_MINIMUM if f.measure else EXACT_MINIMUM)
    ]


def _same(x: Figure, y: Figure) -> bool:
    if x.measure and y.measure:
        return x.measure == y.measure and x.agrees(y)
    return x.value == y.value


def shared_figure(a: str, b: str) -> bool:
    """Whether two wordings give one figure of one measure, as the count or as the count replaced (a claim's
    strongest anchor); a figure whose measure is not said must be the same number."""
    left = _anchors(a)
    return bool(left) and any(_same(x, y) for x in left for y in _anchors(b))


def anchor_keys(text: str, *, spread: bool = False) -> list[str]:
    """Index keys of the wording's anchor figures; ``spread`` adds the neighbouring buckets (for the index
    side, so that a rounded figure queried with its own bucket meets them) and, for a figure whose measure
    is said, its exact number (which a figure of no said measure is queried with)."""
    keys = []
    for f in _anchors(text):
        if f.measure is None:
            keys.append(f"=:{f.value:g}")
            continue
        bucket = int(math.log(f.value) / _BUCKET)
        keys += [f"{f.measure}:{b}" for b in ((bucket - 1, bucket, bucket + 1) if spread else (bucket,))]
        if spread:
            keys.append(f"=:{f.value:g}")
    return keys
