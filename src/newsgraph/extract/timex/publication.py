"""Inferring an article's publication date from its own text."""

from __future__ import annotations

import datetime as dt
import re

from newsgraph.extract.timex.lexicon import DAY_NUM, MONTH, MONTHS, WEEKDAY, WEEKDAYS, YEAR

_HEAD_CHARS = 400  # a dateline or a "published" date sits in the first lines
_FULL_DATE = re.compile(
    rf"(?:(?P<mon>{MONTH})\s*(?P<dom>{DAY_NUM}),?\s*(?P<yr>{YEAR})"
    rf"|(?P<dom2>{DAY_NUM})\s+(?P<mon2>{MONTH}),?\s*(?P<yr2>{YEAR})"
    r"|\b(?P<iy>(?:19|20)\d\d)-(?P<im>[01]\d)-(?P<id>[0-3]\d)\b)"
)
_WEEKDAY_DATE = re.compile(
    rf"(?P<wd>{WEEKDAY}),?\s*\(?(?:(?P<mon>{MONTH})\s*(?P<dom>{DAY_NUM})|(?P<dom2>{DAY_NUM})\s+(?P<mon2>{MONTH}))"
    rf"(?!,?\s*{YEAR})"
)


def _date(year: int, month: int, day: int) -> dt.date | None:
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


def _month_number(name: str) -> int:
    return MONTHS[name.lower().rstrip(".")]


def infer_publication_date(text: str, today: dt.date) -> dt.date | None:
    """The publication date the text itself gives, or None.

    A full date near the start (a dateline such as "MOSCOW, Dec 8, 2024 (Reuters) -" or
    "December 8, 2024" in the first lines) is taken as is. Otherwise the first
    weekday-and-date pair ("Sunday, December 8") fixes the year: the latest year, not after
    ``today``, in which that day falls on that weekday.

    Args:
        text: the article text.
        today: no inferred date is later than this.

    Returns:
        The inferred date, or None when the text does not say.
    """
    for m in _FULL_DATE.finditer(text[:_HEAD_CHARS]):
        if m.group("iy"):
            found = _date(int(m.group("iy")), int(m.group("im")), int(m.group("id")))
        else:
            mon = _month_number(m.group("mon") or m.group("mon2"))
            dom = int(re.sub(r"\D", "", m.group("dom") or m.group("dom2")))
            found = _date(int(m.group("yr") or m.group("yr2")), mon, dom)
        if found and found <= today:
            return found
    for m in _WEEKDAY_DATE.finditer(text):
        isoday = WEEKDAYS[m.group("wd").lower().rstrip(".")]
        mon = _month_number(m.group("mon") or m.group("mon2"))
        dom = int(re.sub(r"\D", "", m.group("dom") or m.group("dom2")))
        # The weekday/date calendar repeats within 28 years (Feb 29 within 28*4+).
        for year in range(today.year, today.year - 120, -1):
            found = _date(year, mon, dom)
            if found and found <= today and found.isoweekday() == isoday:
                return found
    return None
