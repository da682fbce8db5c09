"""Calendar arithmetic that turns a relative reference into a TIMEX3 value.

Every function takes the anchor (publication date) or None; without an anchor the parts
that depend on it stay as ``X`` placeholders instead of being guessed.
"""

from __future__ import annotations

import datetime as dt
from typing import Literal

Direction = Literal["past", "future", "none"]


def day(anchor: dt.date | None, offset: int = 0) -> str:
    """The day ``offset`` days from the anchor, as ``YYYY-MM-DD``."""
    if anchor is None:
        return "XXXX-XX-XX"
    return (anchor + dt.timedelta(days=offset)).isoformat()


def month(anchor: dt.date | None, offset: int = 0) -> str:
    """The calendar month ``offset`` months from the anchor's month."""
    if anchor is None:
        return "XXXX-XX"
    index = anchor.year * 12 + anchor.month - 1 + offset
    return f"{index // 12:04d}-{index % 12 + 1:02d}"


def year(anchor: dt.date | None, offset: int = 0) -> str:
    """The year ``offset`` years from the anchor's year."""
    return "XXXX" if anchor is None else f"{anchor.year + offset:04d}"


def week(anchor: dt.date | None, offset: int = 0) -> str:
    """The ISO week ``offset`` weeks from the anchor's week."""
    if anchor is None:
        return "XXXX-WXX"
    iso = (anchor + dt.timedelta(weeks=offset)).isocalendar()
    return f"{iso.year:04d}-W{iso.week:02d}"


def quarter_of(date: dt.date) -> int:
    """The calendar quarter (1-4) of ``date``."""
    return (date.month - 1) // 3 + 1


def quarter(anchor: dt.date | None, offset: int = 0) -> str:
    """The calendar quarter ``offset`` quarters from the anchor's quarter."""
    if anchor is None:
        return "XXXX-QX"
    index = anchor.year * 4 + quarter_of(anchor) - 1 + offset
    return f"{index // 4:04d}-Q{index % 4 + 1}"


def decade(anchor: dt.date | None, offset: int = 0) -> str:
    """The decade ``offset`` decades from the anchor's, as TimeML writes it ("199" for the 1990s)."""
    return "XXX" if anchor is None else f"{anchor.year // 10 + offset:03d}"


def century(anchor: dt.date | None, offset: int = 0) -> str:
    """The century ``offset`` centuries from the anchor's ("19" for the 1900s)."""
    return "XX" if anchor is None else f"{anchor.year // 100 + offset:02d}"


def unit_ref(anchor: dt.date | None, unit: str, offset: int) -> str:
    """``last week``, ``next month``, ``this year``: the unit-sized period ``offset`` units away."""
    if unit == "D":
        return day(anchor, offset)
    if unit in ("W", "FN"):
        return week(anchor, offset)
    if unit == "WE":
        return week(anchor, offset) + "-WE"
    if unit == "M":
        return month(anchor, offset)
    if unit == "Q":
        return quarter(anchor, offset)
    if unit == "E":
        return decade(anchor, offset)
    if unit == "C":
        return century(anchor, offset)
    return year(anchor, offset)


def shifted(anchor: dt.date | None, unit: str, amount: int) -> str:
    """``three weeks ago`` (amount -3): the anchor moved by whole units, at that unit's granularity."""
    if anchor is None:
        return unit_ref(None, unit, 0)
    if unit in ("D", "W", "FN", "WE"):
        days = {"D": 1, "W": 7, "WE": 7, "FN": 14}[unit] * amount
        return day(anchor, days) if unit == "D" else week(anchor, days // 7)
    if unit in ("H", "MIN", "S"):
        return day(anchor, 0)
    if unit == "M":
        return month(anchor, amount)
    if unit == "Q":
        return quarter(anchor, amount)
    if unit == "E":
        return year(anchor, 10 * amount)
    if unit == "C":
        return year(anchor, 100 * amount)
    return year(anchor, amount)


def weekday(anchor: dt.date | None, isoday: int, direction: Direction, strict: bool = False) -> str:
    """The weekday nearest the anchor in ``direction``; past includes the anchor day unless ``strict``."""
    if anchor is None:
        return f"XXXX-WXX-{isoday}"
    delta = isoday - anchor.isoweekday()
    if direction == "future":
        delta = delta % 7 or 7
    else:
        delta = -((-delta) % 7)
        if strict and delta == 0:
            delta = -7
    return day(anchor, delta)


def _nearest_year(anchor: dt.date, months: float, direction: Direction) -> int:
    """The year (anchor's, or one either side) that puts a month-of-year nearest the anchor.

    ``months`` is the position in the year (1.0 = January 1st). The tense biases the choice:
    a past-tense sentence pays a penalty for a date after the anchor and vice versa, so
    "in January" written in late October is next January unless the verb says otherwise.
    """
    here = anchor.month + (anchor.day - 1) / 31

    def cost(y: int) -> float:
        diff = (y - anchor.year) * 12 + months - here
        penalty = 5.0 if (direction == "past" and diff > 0.5) or (direction == "future" and diff < -0.5) else 0.0
        return abs(diff) + penalty

    return min((anchor.year, anchor.year - 1, anchor.year + 1), key=cost)


def month_name(anchor: dt.date | None, number: int, direction: Direction, strict: bool = False) -> str:
    """A named month without a year, in the year that puts it nearest the anchor (tense-biased).

    With ``strict`` ("last May", "next May") the month is strictly before or after the anchor's.
    """
    if anchor is None:
        return f"XXXX-{number:02d}"
    if strict:
        y = anchor.year
        if direction == "past" and number >= anchor.month:
            y -= 1
        elif direction == "future" and number <= anchor.month:
            y += 1
    else:
        y = _nearest_year(anchor, number + 0.5, direction)
    return f"{y:04d}-{number:02d}"


def month_day(anchor: dt.date | None, number: int, dom: int, direction: Direction) -> str:
    """A month and day without a year, in the year that puts it nearest the anchor (tense-biased)."""
    if anchor is None:
        return f"XXXX-{number:02d}-{dom:02d}"
    y = _nearest_year(anchor, number + (dom - 1) / 31, direction)
    return f"{y:04d}-{number:02d}-{dom:02d}"


def season(anchor: dt.date | None, code: str, offset: int) -> str:
    """A season (``code`` SP, SU, FA, WI) of the year ``offset`` years from the anchor's."""
    return f"{year(anchor, offset)}-{code}"


def iso_date(y: int, m: int, d: int) -> str | None:
    """``YYYY-MM-DD`` when the date exists, else None (so "February 30" is not a date)."""
    try:
        return dt.date(y, m, d).isoformat()
    except ValueError:
        return None
