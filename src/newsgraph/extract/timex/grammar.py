"""The time grammar: compiled patterns over the text, each with the handler that normalises a match.

Patterns never begin with a preposition (TimeML leaves "in", "on", "since" outside the
TIMEX3) and include determiners and modifiers ("the past two months", "nearly 60 years").
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from newsgraph.extract.timex.handlers import (
    AMOUNT_MOD,
    DECADE_WORDS,
    PREMOD,
    SET_ADVERBS,
    Found,
    Handler,
    _ago,
    _amount,
    _amount_range,
    _bare_month,
    _century,
    _clock,
    _clock_day,
    _day_of,
    _day_part,
    _decade,
    _deictic,
    _full_date,
    _month_rel_year,
    _month_year,
    _numeric_date,
    _period,
    _plural_units,
    _quarter,
    _reference,
    _relative_unit,
    _season,
    _set_adverb,
    _set_every,
    _set_rate,
    _the_unit,
    _weekday_ref,
    _weekend,
    _word_year,
    _year,
    _year_ago_adj,
    _year_end,
)
from newsgraph.extract.timex.lexicon import (
    DAY_NUM,
    DAY_PART,
    DAY_PARTS,
    MONTH,
    MONTHS,
    NUMBER,
    ORDINAL,
    SEASON,
    SEASONS,
    SMALL_WORD,
    TEEN_WORD,
    TENS_WORD,
    UNIT,
    UNIT_S,
    UNITS,
    WEEKDAY,
    WEEKDAYS,
    YEAR,
)

__all__ = ["RULES", "Found", "Handler", "Rule", "rule_matches", "trigger_hits"]

_RULE_SOURCES: list[tuple[str, Handler]] = [
    (
        rf"{PREMOD}(?:(?P<wd>{WEEKDAY}),?\s+)?(?:(?P<mon>{MONTH})\s*(?P<dom>{DAY_NUM})(?:,?\s*(?P<yr>{YEAR}))?"
        rf"|(?:the\s+)?(?P<dom2>{DAY_NUM})\s+(?:of\s+)?(?P<mon2>{MONTH}),?(?:\s*(?P<yr2>{YEAR}))?)",
        _full_date,
    ),
    (
        r"\b(?:(?P<iy>(?:19|20)\d\d)-(?P<im>[01]\d)-(?P<id>[0-3]\d)|(?P<um>1[0-2]|0?[1-9])/(?P<ud>[0-3]?\d)/(?P<uy>\d\d(?:\d\d)?))\b",
        _numeric_date,
    ),
    (rf"{PREMOD}(?P<mon>{MONTH}),?\s+(?:of\s+)?(?P<yr>{YEAR})", _month_year),
    (
        rf"{AMOUNT_MOD}(?:(?P<word>noon|midnight)|(?P<h>[01]?\d)(?::(?P<mi>[0-5]\d))?\s*(?P<ap>a\.m\.|p\.m\.|am\b|pm\b))"
        r"(?:\s+(?:[ECMP][SD]T|GMT|UTC))?,?\s+(?:on\s+)?"
        rf"(?:(?P<dwd>{WEEKDAY})|(?P<dmon>{MONTH})\s*(?P<ddom>{DAY_NUM})|(?P<dday>today|tonight|yesterday|tomorrow)\b)",
        _clock_day,
    ),
    (rf"{PREMOD}(?P<mon>{MONTH})\s+(?:of\s+)?(?P<rel>this|last|next)\s+year\b", _month_rel_year),
    (r"\bthe\s+weekend\b", _weekend),
    (r"\bthe\s+(?P<unit>day|week|month|year)\b(?!-)(?:\s+(?P<side>before|after|earlier|later)\b)?", _the_unit),
    (
        rf"\bthe\s+(?:(?P<yr>{YEAR})|(?P<rel>latest|same|comparable|current))\s+(?:fiscal\s+)?(?:period|(?<=\d\s)quarter)\b",
        _period,
    ),
    (
        r"\b(?:(?:the\s+)?(?:(?P<rel>this|last|next)\s+)?year(?:-|\s|'s\s+)end\b(?:\s+(?P<yr>(?:19|20)\d\d)\b)?"
        r"|the\s+end\s+of\s+(?:the|this)\s+year\b)",
        _year_end,
    ),
    (
        rf"\b(?:the\s+year\s+)?(?:(?P<thousand>two\s+thousand)(?:\s+and\s+(?P<rest>{SMALL_WORD}|{TEEN_WORD}))?"
        rf"|(?P<cent>nineteen|eighteen)[-\s]+(?P<tail>(?:{TENS_WORD})(?:[-\s](?:{SMALL_WORD}))?|{TEEN_WORD}))\b",
        _word_year,
    ),
    (rf"{PREMOD}(?:(?P<rel>last|next|this|past|coming|previous)\s+)?(?P<mon>{MONTH})", _bare_month),
    (rf"{PREMOD}(?:(?:fiscal|calendar|the\s+year|the\s+fiscal\s+year|FY)\s*)?\b(?P<yr>{YEAR})", _year),
    (
        rf"{PREMOD}(?:the\s+)?(?:(?P<cent>1[6-9]|20)(?P<dec>\d)0'?s\b|'(?P<dec2>\d)0s\b"
        r"|(?P<word>twenties|thirties|forties|fifties|sixties|seventies|eighties|nineties)\b)",
        _decade,
    ),
    (rf"{PREMOD}(?:the\s+)?(?P<ord>1\dth|2[01](?:st|th))\s+century\b", _century),
    (
        rf"{PREMOD}(?P<the>the\s+)?(?P<rel>last|next|this|past|coming|previous|current|following)\s+"
        r"(?P<unit>day|week|weekend|month|year|decade|century|fortnight)\b",
        _relative_unit,
    ),
    (
        rf"{PREMOD}(?P<day>today|tonight|yesterday|tomorrow|the\s+day\s+before\s+yesterday)\b"
        rf"(?:\s+(?P<part>{DAY_PART})\b)?",
        _deictic,
    ),
    (rf"{PREMOD}(?P<rel>this|last|tomorrow)\s+(?P<part>{DAY_PART})\b", _day_part),
    (
        rf"{PREMOD}(?:(?:the\s+)?(?P<rel>last|next|this|coming|past|previous|this\s+past|this\s+coming)\s+)?(?P<wd>{WEEKDAY})"
        rf"(?:\s+(?P<part>{DAY_PART})\b)?",
        _weekday_ref,
    ),
    (
        rf"{AMOUNT_MOD}(?P<num>{NUMBER})[-\s]+(?P<unit>{UNIT_S})\s+(?P<dir>ago|earlier|from\s+now|hence)\b",
        _ago,
    ),
    (
        rf"\b(?:(?:the\s+)?(?:comparable\s+|corresponding\s+)?(?:year|quarter)-(?:earlier|ago)\s+(?:(?:{ORDINAL})[-\s]+)?"
        r"(?:quarter|period)\b|(?:year|quarter)-(?:earlier|ago)\b)",
        _year_ago_adj,
    ),
    (
        rf"{PREMOD}(?:the\s+(?!(?:{ORDINAL}|fourth)-))?(?:(?P<y>{YEAR})\s+|(?P<qrel>this|last|next)\s+year'?s\s+)?(?:fiscal\s+)?"
        rf"(?:(?P<ord>{ORDINAL}|latest|current|same|final|fourth|comparable)[-\s]+)?(?:fiscal\s+)?(?:(?P<q>quarter)|(?P<half>half))\b"
        rf"(?:\s+of\s+(?:fiscal\s+)?(?P<y2>{YEAR})|\s+(?P<y3>{YEAR}))?",
        _quarter,
    ),
    (
        rf"{PREMOD}(?:(?P<the>the)\s+)?(?:(?P<rel>last|next|this|past|coming|this\s+past|this\s+coming)\s+)?(?P<season>{SEASON})\b(?:\s+(?:of\s+)?(?P<yr>{YEAR}))?",
        _season,
    ),
    (
        rf"{AMOUNT_MOD}(?:(?P<word>noon|midnight)\b|(?P<h>[01]?\d)(?::(?P<mi>[0-5]\d))?\s*(?P<ap>a\.m\.|p\.m\.|am\b|pm\b))",
        _clock,
    ),
    (
        rf"{AMOUNT_MOD}(?:the\s+(?:(?:first|last|past|next|previous|coming|following|final|initial|latest|same)\s+)?)?"
        rf"(?P<num>{NUMBER})[-\s]+(?P<unit>{UNIT_S})\b",
        _amount,
    ),
    (
        rf"(?:(?<=between\s)(?P<low>{NUMBER})\s+and|(?P<low2>{NUMBER})\s*(?:to|or|-|\u2013))\s*(?P<num>{NUMBER})[-\s]+"
        rf"(?P<unit>{UNIT_S})\b",
        _amount_range,
    ),
    (
        r"(?P<lead>recent|the\s+coming|coming|the\s+past\s+few|the\s+last\s+few|the\s+next\s+few)\s+"
        r"(?P<unit>days|weeks|months|years|decades|quarters)\b",
        _plural_units,
    ),
    (r"(?<=\bfor\s)(?P<lead>)(?P<unit>years|decades|months|weeks|centuries)\b", _plural_units),
    (r"\b(?:hourly|daily|nightly|weekly|biweekly|monthly|quarterly|annually|yearly|semiannually)\b", _set_adverb),
    (
        rf"\b(?:every|each|per)\s+(?:(?P<other>other)\s+)?(?:(?P<wd>{WEEKDAY})|(?P<mon>{MONTH})|(?P<part>{DAY_PART})\b"
        rf"|(?:(?P<num>{NUMBER})\s+)?(?P<unit>{UNIT})s?\b)",
        _set_every,
    ),
    (r"\b(?:a|an|per)\s+(?P<unit>day|week|month|year)\b", _set_rate),
    (
        r"\b(?:now|currently|nowadays|these\s+days|(?:the\s+)?present|recently|lately|the\s+past"
        r"|the\s+(?:near\s+)?future|the\s+(?:near|short|long)\s+term|soon|shortly|current)\b",
        _reference,
    ),
    (r"\b(?:earlier|later)\s+(?:in|during)\s+the\s+(?P<unit>day|week|month|year)\b", _day_of),
]

# The word without which a rule cannot match. Scanning the text for these cheap patterns first
# and running a rule only in windows around them keeps the grammar a few percent of the parse.
# The word without which a rule cannot match. One pass over the words of the text finds these
# triggers, and each rule runs only in windows around its own: that keeps the grammar a few
# percent of the parse (a scan of every pattern over the whole text costs ten times more).
_TRIGGER_WORDS: dict[str, tuple[str, ...]] = {
    "month": tuple(MONTHS),
    "weekday": tuple(WEEKDAYS),
    "unit": (
        *UNITS,
        *(u + "s" for u in UNITS),
        "half",
        "halves",
        "centuries",
        "millennia",
    ),
    "deictic": ("today", "tonight", "yesterday", "tomorrow", *DAY_PARTS, "nights", "mornings"),
    "relative": ("ago", "earlier", "before", "later", "now", "hence"),
    "end": ("end",),
    "wordyear": ("thousand", "nineteen", "eighteen"),
    "season": tuple(SEASONS),
    "every": ("every", "each", "per"),
    "decade": tuple(DECADE_WORDS),
    "clock": ("noon", "midnight"),
    "reference": (
        *("now", "currently", "nowadays", "days", "present", "recently", "lately", "past", "future", "term"),
        *("soon", "shortly", "current"),
    ),
    "frequency": tuple(SET_ADVERBS),
    "period": ("period", "quarter"),
}
_CAPITALISED = frozenset({"month", "weekday"})  # "may", "march", "sun" in lower case are other words
_WORD_TRIGGERS: dict[str, list[str]] = {}
for _category, _words_of in _TRIGGER_WORDS.items():
    for _word in _words_of:
        _WORD_TRIGGERS.setdefault(_word, []).append(_category)
_DIGIT_TRIGGERS = {
    "year": re.compile(rf"\b{YEAR}"),
    "decade": re.compile(r"\d0'?s\b"),
    "numeric": re.compile(r"\d[-/]\d"),
    "clock": re.compile(r"\d\s?[apAP]\.?[mM]\b"),
}
_WORD = re.compile(r"[A-Za-z]+")

_TRIGGERS: dict[Handler, str] = {
    _full_date: "month",
    _numeric_date: "numeric",
    _month_year: "month",
    _clock_day: "clock",
    _month_rel_year: "month",
    _weekend: "unit",
    _the_unit: "unit",
    _period: "period",
    _year_end: "end",
    _word_year: "wordyear",
    _bare_month: "month",
    _year: "year",
    _decade: "decade",
    _century: "unit",
    _relative_unit: "unit",
    _deictic: "deictic",
    _day_part: "deictic",
    _weekday_ref: "weekday",
    _ago: "relative",
    _year_ago_adj: "relative",
    _quarter: "unit",
    _season: "season",
    _clock: "clock",
    _amount: "unit",
    _amount_range: "unit",
    _plural_units: "unit",
    _set_every: "every",
    _set_rate: "unit",
    _day_of: "relative",
    _reference: "reference",
    _set_adverb: "frequency",
}


@dataclass(frozen=True, slots=True)
class Rule:
    """A pattern, the handler that normalises its matches, and the trigger category a match contains."""

    pattern: re.Pattern[str]
    handler: Handler
    trigger: str | None


RULES: list[Rule] = [
    Rule(re.compile(source, re.IGNORECASE), handler, _TRIGGERS.get(handler)) for source, handler in _RULE_SOURCES
]
# How far a match may extend before its trigger ("no more than the first twenty-four hours")
# and after it ("December 8, 2024", "quarter of fiscal 1989").
_BEFORE, _AFTER = 45, 30


def trigger_hits(text: str) -> dict[str, list[tuple[int, int]]]:
    """Where each trigger category occurs in ``text``, from one pass over its words."""
    hits: dict[str, list[tuple[int, int]]] = {c: [] for c in (*_TRIGGER_WORDS, *_DIGIT_TRIGGERS)}
    for m in _WORD.finditer(text):
        word = m.group()
        categories = _WORD_TRIGGERS.get(word.lower())
        if categories:
            for category in categories:
                if category not in _CAPITALISED or word[0].isupper():
                    hits[category].append(m.span())
    for category, pattern in _DIGIT_TRIGGERS.items():
        hits[category].extend(m.span() for m in pattern.finditer(text))
    return hits


def rule_matches(rule: Rule, text: str, hits: dict[str, list[tuple[int, int]]]) -> list[re.Match[str]]:
    """The rule's matches in ``text``, searched only in windows around its trigger's ``hits``."""
    if rule.trigger is None:
        return list(rule.pattern.finditer(text))
    windows: list[list[int]] = []
    for start, end in sorted(hits[rule.trigger]):
        lo, hi = max(0, start - _BEFORE), end + _AFTER
        if windows and lo <= windows[-1][1]:
            windows[-1][1] = hi
        else:
            windows.append([lo, hi])
    found: list[re.Match[str]] = []
    for lo, hi in windows:
        if lo:
            # Start at a word boundary so that no match begins inside a word.
            space = text.find(" ", lo)
            lo = space + 1 if 0 <= space < hi else lo
        found.extend(rule.pattern.finditer(text, lo, min(hi, len(text))))
    return found
