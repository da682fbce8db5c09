"""Ranges that overlap or contain a range, found without scanning every range.

Extractors pair their findings with each other (an event with the attribution whose content holds
it, a rule's cue with the tagger's cue spans). Pairing by scanning is quadratic in the article,
which a long text with thousands of findings turns into minutes; sorted starts and the longest
range bound each lookup to the ranges that can possibly match.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Callable, Iterable
from typing import Generic, TypeVar

T = TypeVar("T")


class Intervals(Generic[T]):
    """Items with half-open character ranges ``[start, end)``; lookups answer in the items' own order."""

    def __init__(self, items: Iterable[T], bounds: Callable[[T], tuple[int, int]]) -> None:
        self._items = list(items)
        entries = sorted((bounds(item), order, item) for order, item in enumerate(self._items))
        self._starts = [start for (start, _end), _order, _item in entries]
        self._entries = entries
        self._longest = max((end - start for (start, end), _order, _item in entries), default=0)

    @property
    def items(self) -> list[T]:
        """Every item, in the order given."""
        return self._items

    def overlapping(self, start: int, end: int) -> list[T]:
        """Items whose range shares at least one character with ``[start, end)``."""
        low = bisect_right(self._starts, start - self._longest)
        high = bisect_left(self._starts, end)
        found = [(order, item) for (_s, e), order, item in self._entries[low:high] if start < e]
        return [item for _order, item in sorted(found, key=lambda pair: pair[0])]

    def containing(self, start: int, end: int) -> list[T]:
        """Items whose range holds all of ``[start, end)``."""
        low = bisect_left(self._starts, end - self._longest)
        high = bisect_right(self._starts, start)
        found = [(order, item) for (_s, e), order, item in self._entries[low:high] if end <= e]
        return [item for _order, item in sorted(found, key=lambda pair: pair[0])]
