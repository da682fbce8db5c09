"""TIMEX3 values as a person reads them: "Mon 9 Dec 2024", "autumn 2024", "about 60 years", "every week".

The value stays what the JSON, the store and the API carry; this is what the pages and the command line
show beside it. An unknown shape comes back as it is, never as a guess.
"""

from __future__ import annotations

import datetime as dt
import re

__all__ = ["describe"]

_MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
_WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
_SEASONS = {"SP": "spring", "SU": "summer", "FA": "autumn", "WI": "winter"}
_PARTS = {"MO": "morning", "AF": "afternoon", "EV": "evening", "NI": "night", "DT": "daytime"}
_HALVES = {"H1": "first half of", "H2": "second half of"}
_REFS = {"PRESENT_REF": "now", "PAST_REF": "the past", "FUTURE_REF": "the future"}
_UNITS = {
    "Y": "year",
    "M": "month",
    "W": "week",
    "D": "day",
    "E": "decade",
    "C": "century",
    "L": "millennium",
    "Q": "quarter",
    "H": "hour",
    "TM": "minute",
    "S": "second",
}
_MODS = {
    "APPROX": "about",
    "LESS_THAN": "less than",
    "MORE_THAN": "more than",
    "EQUAL_OR_LESS": "up to",
    "EQUAL_OR_MORE": "at least",
    "ON_OR_BEFORE": "on or before",
    "ON_OR_AFTER": "on or after",
    "BEFORE": "before",
    "AFTER": "after",
    "MID": "mid",
    "END": "the end of",
}
_DAY = re.compile(r"^(\d{4}|XXXX)-(\d{2})-(\d{2})(?:T(\d{2}):(\d{2})|T(MO|AF|EV|NI|DT))?$")
_MONTH = re.compile(r"^(\d{4})-(\d{2})$")
_PART_OF_YEAR = re.compile(r"^(\d{4})-(SP|SU|FA|WI|Q[1-4]|H[12]|W(\d{2}))$")
_DURATION = re.compile(r"^P(T?)(\d+(?:\.\d+)?|X)([YMWDECLQHS])$")
_SET_WEEKDAY = re.compile(r"^XXXX-WXX-([1-7])$")


def describe(value: str, mod: str | None = None, kind: str | None = None, words: str | None = None) -> str:
    """``value`` (a TIMEX3 value of type ``kind``) with its ``mod``, in words.

    ``words`` are the expression's own words, when known: a START mod reads "early 2015" after "early" or
    "the beginning of", else "since 2015" (the extractor gives both START); LESS_THAN reads "nearly" after
    "nearly" or "almost" (TimeML's value for both), else "less than".
    """
    if kind == "SET":
        return _every(value)
    text = _duration(value) if value.startswith("P") and value not in _REFS else _point(value)
    if mod == "START":
        early = words is not None and re.match(r"(?i)(early|the\s+(start|beginning))\b", words.strip())
        return f"early {text}" if early else f"since {text}"
    if mod == "MID":
        return f"mid-{text}"
    if mod == "LESS_THAN" and words is not None and re.match(r"(?i)(nearly|almost)\b", words.strip()):
        return f"nearly {text}"
    prefix = _MODS.get(mod or "")
    return f"{prefix} {text}" if prefix else text


def _point(value: str) -> str:
    if value in _REFS:
        return _REFS[value]
    day = _DAY.match(value)
    if day:
        year, month, dom, hour, minute, part = day.groups()
        if not 1 <= int(month) <= 12:
            return value
        if year == "XXXX":
            text = f"{int(dom)} {_MONTHS[int(month) - 1]} (year not given)"
        else:
            try:
                date = dt.date(int(year), int(month), int(dom))
            except ValueError:
                return value
            text = f"{_WEEKDAYS[date.weekday()][:3]} {date.day} {_MONTHS[date.month - 1]} {date.year}"
        if hour is not None:
            return f"{text}, {hour}:{minute}"
        return f"{text}, {_PARTS[part]}" if part else text
    month = _MONTH.match(value)
    if month and 1 <= int(month.group(2)) <= 12:
        return f"{_MONTHS[int(month.group(2)) - 1]} {month.group(1)}"
    part = _PART_OF_YEAR.match(value)
    if part:
        year, which, week = part.groups()
        if week:
            return f"week {int(week)} of {year}"
        if which in _SEASONS:
            return f"{_SEASONS[which]} {year}"
        if which in _HALVES:
            return f"{_HALVES[which]} {year}"
        return f"{which} {year}"
    if re.fullmatch(r"\d{4}", value):
        return value
    if re.fullmatch(r"\d{3}", value):
        return f"the {value}0s"
    if re.fullmatch(r"\d{2}", value):
        return f"the {value}00s"
    return value


def _duration(value: str) -> str:
    match = _DURATION.match(value)
    if not match:
        return value
    time, amount, unit = match.groups()
    name = _UNITS["TM" if time and unit == "M" else unit]
    if amount == "X":
        return "years" if name == "year" else f"{name}s" if name != "century" else "centuries"
    number = float(amount)
    shown = f"{number:g}"
    if number == 1:
        return f"1 {name}"
    plural = "centuries" if name == "century" else "millennia" if name == "millennium" else f"{name}s"
    return f"{shown} {plural}"


def _every(value: str) -> str:
    weekday = _SET_WEEKDAY.match(value)
    if weekday:
        return f"every {_WEEKDAYS[int(weekday.group(1)) - 1]}"
    match = _DURATION.match(value)
    if not match:
        return value
    time, amount, unit = match.groups()
    name = _UNITS["TM" if time and unit == "M" else unit]
    if amount in ("1", "X"):
        return f"every {name}"
    return f"every {_duration(value)}"
