"""Word lists and regex fragments shared by the time grammar.

Month and weekday names are matched case-sensitively (``(?-i:...)``) so that the modal
"may" or the verb "march" never start a date.
"""

from __future__ import annotations

MONTHS: dict[str, int] = {}
for _number, _names in enumerate(
    (
        ("january", "jan"),
        ("february", "feb"),
        ("march", "mar"),
        ("april", "apr"),
        ("may",),
        ("june", "jun"),
        ("july", "jul"),
        ("august", "aug"),
        ("september", "sep", "sept"),
        ("october", "oct"),
        ("november", "nov"),
        ("december", "dec"),
    ),
    start=1,
):
    for _name in _names:
        MONTHS[_name] = _number

WEEKDAYS: dict[str, int] = {}
for _number, _names in enumerate(
    (
        ("monday", "mon"),
        ("tuesday", "tue", "tues"),
        ("wednesday", "wed"),
        ("thursday", "thu", "thur", "thurs"),
        ("friday", "fri"),
        ("saturday", "sat"),
        ("sunday", "sun"),
    ),
    start=1,
):
    for _name in _names:
        WEEKDAYS[_name] = _number

UNITS: dict[str, str] = {
    "second": "S",
    "minute": "MIN",
    "hour": "H",
    "day": "D",
    "night": "D",
    "week": "W",
    "weekend": "WE",
    "fortnight": "FN",
    "month": "M",
    "quarter": "Q",
    "year": "Y",
    "decade": "E",
    "century": "C",
    "centurie": "C",
    "millennium": "L",
    "millennia": "L",
}

ORDINALS: dict[str, int] = {
    "first": 1,
    "1st": 1,
    "second": 2,
    "2nd": 2,
    "third": 3,
    "3rd": 3,
    "fourth": 4,
    "4th": 4,
}

SEASONS: dict[str, str] = {"spring": "SP", "summer": "SU", "fall": "FA", "autumn": "FA", "winter": "WI"}

DAY_PARTS: dict[str, str] = {"morning": "MO", "afternoon": "AF", "evening": "EV", "night": "NI"}

_SMALL = [
    *("zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten"),
    *("eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen", "nineteen"),
]
_TENS = ["twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"]
NUMBER_WORDS: dict[str, int] = {word: value for value, word in enumerate(_SMALL)}
NUMBER_WORDS.update({word: 20 + 10 * i for i, word in enumerate(_TENS)})
NUMBER_WORDS.update({"a": 1, "an": 1, "one": 1, "a single": 1, "a couple of": 2, "a dozen": 12, "dozen": 12})
VAGUE_NUMBERS = ("several", "a few", "few", "many", "some", "a number of")


def _alt(words: list[str] | tuple[str, ...]) -> str:
    # Longest first so that "sept" wins over "sep".
    return "|".join(sorted((w.replace(" ", r"\s+") for w in words), key=len, reverse=True))


def _cap(words: list[str]) -> str:
    return "|".join(sorted({w.capitalize() for w in words} | {w.upper() for w in words}, key=len, reverse=True))


_LONG_MONTHS = [m for m in MONTHS if len(m) > 3 and m != "sept"] + ["may"]
_SHORT_MONTHS = [m for m in MONTHS if len(m) <= 4 and m not in ("may", "june", "july")]
MONTH = rf"(?-i:(?:{_cap(_LONG_MONTHS)})\b|(?:{_cap(_SHORT_MONTHS)})(?:\.|\b))"
_LONG_DAYS = [d for d in WEEKDAYS if d.endswith("day")]
_SHORT_DAYS = [d for d in WEEKDAYS if not d.endswith("day")]
WEEKDAY = rf"(?-i:(?:{_cap(_LONG_DAYS)})\b|(?:{_cap(_SHORT_DAYS)})\.)"
DAY_NUM = r"(?:[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th)?\b"
YEAR = r"(?:1[6-9]\d\d|20\d\d)\b"
TENS_WORD = _alt(_TENS)
SMALL_WORD = _alt(_SMALL[1:10])
TEEN_WORD = _alt(_SMALL[10:])
NUMBER = (
    rf"(?:\d+(?:[.,]\d+)?|(?:{TENS_WORD})(?:[-\s](?:{_alt(_SMALL[1:10])}))?|{_alt(_SMALL[1:])}"
    rf"|a\s+couple\s+of|a\s+dozen|a\s+single|an?|{_alt(VAGUE_NUMBERS)})(?:[-\s]+(?:hundred|thousand))?"
    r"(?:\s+and\s+a\s+half)?"
)
UNIT = rf"(?:{_alt([u for u in UNITS if u != 'centurie'])}|centuries|millennia)"
UNIT_S = rf"(?:{_alt([u for u in UNITS if u not in ('centurie', 'millennia')])})s?|centuries|millennia"
SEASON = _alt(list(SEASONS))
DAY_PART = _alt(list(DAY_PARTS))
ORDINAL = _alt(list(ORDINALS))
