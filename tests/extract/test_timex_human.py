"""TIMEX3 values in words, as the pages and the command line show them."""

from __future__ import annotations

import pytest

from newsgraph.extract.timex.human import describe


@pytest.mark.parametrize(
    ("value", "mod", "kind", "words", "expected"),
    [
        ("2024-12-09", None, "DATE", None, "Mon 9 Dec 2024"),
        ("2024-FA", None, "DATE", None, "autumn 2024"),
        ("P60Y", "APPROX", "DURATION", None, "about 60 years"),
        ("P1W", None, "SET", None, "every week"),
        ("XXXX-WXX-1", None, "SET", None, "every Monday"),
        ("2015", "START", "DATE", "2015", "since 2015"),
        ("2015", "START", "DATE", "early 2015", "early 2015"),
        ("2024-12-08TEV", None, "TIME", None, "Sun 8 Dec 2024, evening"),
        ("PRESENT_REF", None, "DATE", None, "now"),
        ("198", None, "DATE", None, "the 1980s"),
        ("P2W", "EQUAL_OR_MORE", "DURATION", None, "at least 2 weeks"),
        ("2024-Q3", None, "DATE", None, "Q3 2024"),
        ("PT30M", None, "DURATION", None, "30 minutes"),
        ("XXXX-12-08", None, "DATE", None, "8 Dec (year not given)"),
        ("2020", "MID", "DATE", None, "mid-2020"),
        ("2019", "END", "DATE", None, "the end of 2019"),
        ("2024-11", None, "DATE", None, "Nov 2024"),
        ("P60Y", "LESS_THAN", "DURATION", "nearly 60 years", "nearly 60 years"),
        ("PT3H", "LESS_THAN", "DURATION", "less than 3 hours", "less than 3 hours"),
        ("2024-13-40", None, "DATE", None, "2024-13-40"),
    ],
)
def test_values_in_words(value: str, mod: str | None, kind: str, words: str | None, expected: str) -> None:
    assert describe(value, mod, kind, words) == expected
