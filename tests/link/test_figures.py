"""Figures in claim wordings: the measure counted and how firmly the count is given."""

from __future__ import annotations

import pytest

from newsgraph.link.figures import Figure, anchor_keys, figures, shared_figure


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("the death toll in Derna has soared to 11,300", [(11300, "dead", "count")]),
        ("a further 10,100 are reported missing", [(10100, "missing", "count")]),
        ("at least 3,958 people have died instead of 11,300", [(3958, "dead", "count"), (11300, "dead", "replaced")]),
        ("the toll rose from 5,500 to 11,300 dead", [(5500, "dead", "earlier"), (11300, "dead", "count")]),
        ("authorities previously put the death toll at 5,500", [(5500, "dead", "earlier")]),
        ("up to 20,000 people could die there", [(20000, "dead", "projection")]),
        ("nearly 4,000 people killed in the floods had been identified", [(4000, "dead", "subcount")]),
        ("about 6,000 people were confirmed to have died", [(6000, "dead", "subcount")]),
        ("an appeal for $71.4 million", [(71.4e6, None, "count")]),
        (
            "10,100 missing, while 170 people were killed elsewhere",
            [(10100, "missing", "count"), (170, "dead", "count")],
        ),
        ("a 2011 uprising toppled Gadhafi", []),
    ],
)
def test_figures(text: str, expected: list[tuple[float, str | None, str]]) -> None:
    assert [(f.value, f.measure, f.kind) for f in figures(text)] == expected


def test_rounded_figures_agree_and_far_ones_do_not() -> None:
    assert Figure(11300, "dead", "count").agrees(Figure(11000, "dead", "count"))
    assert not Figure(11300, "dead", "count").agrees(Figure(3958, "dead", "count"))


def test_one_figure_of_one_measure_is_shared_and_its_buckets_meet() -> None:
    assert shared_figure("the toll reached 11,300", "11,000 people have died")
    assert not shared_figure("the toll reached 11,300", "11,300 people are missing")
    assert not shared_figure("12 people were killed", "12 people died")  # too small to anchor a claim
    assert set(anchor_keys("11,000 people have died")) & set(anchor_keys("the toll reached 11,300", spread=True))
