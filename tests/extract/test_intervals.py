"""Intervals answers exactly what a scan of every range would, in the order given."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from newsgraph.extract.intervals import Intervals

ranges = st.lists(st.tuples(st.integers(0, 60), st.integers(0, 20)).map(lambda p: (p[0], p[0] + p[1])), max_size=30)
query = st.tuples(st.integers(0, 80), st.integers(0, 20)).map(lambda p: (p[0], p[0] + p[1]))


@given(ranges, query)
def test_overlapping_and_containing_match_a_scan(items: list[tuple[int, int]], q: tuple[int, int]) -> None:
    index = Intervals(items, lambda r: r)
    start, end = q
    assert index.overlapping(start, end) == [r for r in items if r[0] < end and start < r[1]]
    assert index.containing(start, end) == [r for r in items if r[0] <= start and end <= r[1]]
    assert index.items == items


def test_an_empty_index_finds_nothing() -> None:
    assert Intervals([], lambda r: r).overlapping(0, 10) == []
