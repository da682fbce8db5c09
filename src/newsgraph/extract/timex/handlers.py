"""The handlers of the time grammar: each turns one regex match into a TIMEX3 type, value and mod.

A handler returns None to reject a match its pattern over-generates ("May" the modal, an age).
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from collections.abc import Callable
from dataclasses import dataclass

from newsgraph.extract.timex import resolve as R
from newsgraph.extract.timex.context import Context
from newsgraph.extract.timex.lexicon import (
    DAY_PARTS,
    MONTHS,
    NUMBER_WORDS,
    ORDINAL,
    ORDINALS,
    SEASONS,
    UNITS,
    WEEKDAYS,
)
from newsgraph.records import TimexType


@dataclass(frozen=True, slots=True)
class Found:
    """A normalised match: TIMEX3 type, value and mod."""

    type: TimexType
    value: str
    mod: str | None = None


Handler = Callable[[re.Match[str], Context], Found | None]

# Span-internal modifiers of a point in time ("early next year", "the end of 1990").
PREMOD = (
    r"(?:\b(?P<pre>(?:the\s+)?(?:early|late|mid-?)|earlier|later|the\s+(?:end|beginning|start|middle|close|turn)\s+of"
    r"|the\s+(?:first|second)\s+half\s+of)\s*)?"
)
_PRE_MODS = {
    "early": "START",
    "beginning": "START",
    "start": "START",
    "first": "START",
    "late": "END",
    "end": "END",
    "close": "END",
    "second": "END",
    "mid": "MID",
    "middle": "MID",
}
# Span-internal modifiers of an amount of time (TimeML mod values). "nearly"/"almost" mean
# "approaching from below", which TimeML encodes as LESS_THAN ("about" is APPROX).
AMOUNT_MOD = (
    r"(?:\b(?P<amod>about|around|roughly|approximately|some|nearly|almost|close\s+to|more\s+than|less\s+than"
    r"|fewer\s+than|at\s+least|no\s+more\s+than|no\s+less\s+than|up\s+to|at\s+most|just\s+over|just\s+under"
    r"|well\s+over)\s+)?"
)
_AMOUNT_MODS = {
    "about": "APPROX",
    "around": "APPROX",
    "roughly": "APPROX",
    "approximately": "APPROX",
    "some": "APPROX",
    "close to": "APPROX",
    "nearly": "LESS_THAN",
    "almost": "LESS_THAN",
    "just under": "LESS_THAN",
    "less than": "LESS_THAN",
    "fewer than": "LESS_THAN",
    "under": "LESS_THAN",
    "more than": "MORE_THAN",
    "just over": "MORE_THAN",
    "well over": "MORE_THAN",
    "over": "MORE_THAN",
    "at least": "EQUAL_OR_MORE",
    "no less than": "EQUAL_OR_MORE",
    "no more than": "EQUAL_OR_LESS",
    "up to": "EQUAL_OR_LESS",
    "at most": "EQUAL_OR_LESS",
}


def _words(s: str | None) -> str:
    return " ".join((s or "").lower().split())


def _pre_mod(m: re.Match[str]) -> str | None:
    pre = _words(m.group("pre"))
    if not pre:
        return None
    for word in pre.replace("-", " ").split():
        if word in _PRE_MODS:
            return _PRE_MODS[word]
    return None


def _amount_mod(m: re.Match[str]) -> str | None:
    return _AMOUNT_MODS.get(_words(m.group("amod")))


def _month(name: str) -> int:
    return MONTHS[name.lower().rstrip(".")]


def _weekday(name: str) -> int:
    return WEEKDAYS[name.lower().rstrip(".")]


def _unit(word: str) -> str:
    w = word.lower()
    if w in ("centuries",):
        return "C"
    if w == "millennia":
        return "L"
    return UNITS[w[:-1] if w.endswith("s") and w[:-1] in UNITS else w]


def _number(text: str) -> int | None:
    """The value of a number in digits or words; None for vague amounts ("several")."""
    t = _words(text).replace("-", " ").replace(",", "")
    half = t.endswith(" and a half")
    if half:
        t = t[: -len(" and a half")]
    for word, factor in ((" hundred", 100), (" thousand", 1000)):
        if t.endswith(word):
            base = _number(t[: -len(word)])
            return None if base is None or half else base * factor
    if t.replace(".", "", 1).isdigit():
        value = float(t)
    elif t in NUMBER_WORDS:
        value = NUMBER_WORDS[t]
    else:
        parts = t.split()
        if not parts or any(p not in NUMBER_WORDS for p in parts):
            return None
        value = sum(NUMBER_WORDS[p] for p in parts)
    if half or value != int(value):
        return None  # fractional amounts are written in a smaller unit below
    return int(value)


def _duration(amount: int | None, unit: str) -> str:
    n = "X" if amount is None else str(amount)
    if unit in ("H", "MIN", "S"):
        return f"PT{n}{'M' if unit == 'MIN' else unit}"
    if unit == "WE":
        return f"P{n}WE"
    if unit == "FN":
        return f"P{'X' if amount is None else 2 * amount}W"
    return f"P{n}{unit}"


def _point(value: str, mod: str | None, kind: TimexType = "DATE") -> Found:
    return Found(kind, value, mod)


# --- absolute dates -------------------------------------------------------------------------


def _full_date(m: re.Match[str], ctx: Context) -> Found | None:
    mon = _month(m.group("mon") or m.group("mon2"))
    dom = int(re.sub(r"\D", "", m.group("dom") or m.group("dom2")))
    yr = m.group("yr") or m.group("yr2")
    if yr:
        value = R.iso_date(int(yr), mon, dom)
        return _point(value, _pre_mod(m)) if value else None
    # 2000 is a leap year, so February 29 stays possible; "September 31" is no date.
    if not 1 <= dom <= calendar.monthrange(2000, mon)[1]:
        return None
    wd = m.group("wd")
    if wd and ctx.anchor:
        # A weekday fixes the year: take the nearest year around the anchor where it fits.
        for y in (ctx.anchor.year, ctx.anchor.year - 1, ctx.anchor.year + 1):
            value = R.iso_date(y, mon, dom)
            if value and dt.date.fromisoformat(value).isoweekday() == _weekday(wd):
                return _point(value, _pre_mod(m))
    return _point(R.month_day(ctx.anchor, mon, dom, ctx.direction(m.start(), m.end())), _pre_mod(m))


def _numeric_date(m: re.Match[str], ctx: Context) -> Found | None:
    if m.group("iy"):
        value = R.iso_date(int(m.group("iy")), int(m.group("im")), int(m.group("id")))
    else:
        y = int(m.group("uy"))
        y = y + (1900 if y >= 50 else 2000) if y < 100 else y
        value = R.iso_date(y, int(m.group("um")), int(m.group("ud")))
    return Found("DATE", value) if value else None


def _month_year(m: re.Match[str], ctx: Context) -> Found | None:
    return _point(f"{int(m.group('yr')):04d}-{_month(m.group('mon')):02d}", _pre_mod(m))


_MAY_BEFORE = re.compile(r"\b(?:in|since|until|till|by|of|from|through|during|before|after|and|to)\s+$")


def _bare_month(m: re.Match[str], ctx: Context) -> Found | None:
    name = m.group("mon")
    rel = _words(m.group("rel"))
    # "May" is mostly the modal or a name; accept it only after a temporal preposition.
    if name in ("May", "MAY") and not rel and not m.group("pre") and not _MAY_BEFORE.search(ctx.before(m.start())):
        return None
    if name.isupper() and len(name) > 3:
        return None
    number = _month(name)
    if rel in ("last", "past", "previous", "this past"):
        value = R.month_name(ctx.anchor, number, "past", strict=True)
    elif rel in ("next", "coming", "this coming"):
        value = R.month_name(ctx.anchor, number, "future", strict=True)
    elif rel == "this":
        value = f"{R.year(ctx.anchor)}-{number:02d}"
    else:
        value = R.month_name(ctx.anchor, number, ctx.direction(m.start(), m.end()))
    return _point(value, _pre_mod(m))


_YEAR_BLOCK_BEFORE = re.compile(r"(?:[$£€#]|no\.\s?|\d[,.]?|model\s|flight\s|room\s|route\s)$")
_YEAR_BLOCK_AFTER = re.compile(
    r"^(?:[,.]\d|%|-\d|\s?percent|\s+(?:shares|people|points|tons|barrels|units|cars|troops|jobs|members|employees|"
    r"acres|miles|feet|meters|votes|seats|pounds|dollars|yuan|yen|marks|francs|workers|students))"
)


def _year(m: re.Match[str], ctx: Context) -> Found | None:
    if _YEAR_BLOCK_BEFORE.search(ctx.before(m.start(), 8)) or _YEAR_BLOCK_AFTER.search(ctx.after(m.end(), 14)):
        return None
    return _point(m.group("yr"), _pre_mod(m))


DECADE_WORDS = {
    "twenties": 2,
    "thirties": 3,
    "forties": 4,
    "fifties": 5,
    "sixties": 6,
    "seventies": 7,
    "eighties": 8,
    "nineties": 9,
}


def _decade(m: re.Match[str], ctx: Context) -> Found | None:
    if m.group("cent"):
        return _point(f"{m.group('cent')}{m.group('dec')}", _pre_mod(m))
    digit = int(m.group("dec2")) if m.group("dec2") else DECADE_WORDS[m.group("word").lower()]
    return _point(f"19{digit}", _pre_mod(m))


def _century(m: re.Match[str], ctx: Context) -> Found | None:
    n = int(re.sub(r"\D", "", m.group("ord")))
    return _point(f"{n - 1:02d}", _pre_mod(m))


# --- relative dates -------------------------------------------------------------------------

_OFFSETS = {
    "this past": -1,
    "this coming": 1,
    "last": -1,
    "past": -1,
    "previous": -1,
    "next": 1,
    "coming": 1,
    "following": 1,
    "this": 0,
    "current": 0,
}


def _relative_unit(m: re.Match[str], ctx: Context) -> Found | None:
    rel = _words(m.group("rel"))
    unit = _unit(m.group("unit"))
    if m.group("the") and rel in ("past", "last"):
        return Found("DURATION", _duration(1, unit), _pre_mod(m))
    if unit == "D" and not (m.group("the") and rel in ("following", "next", "previous")):
        return None  # "next day" alone is rare; "the last day" is not a relative date
    base = ctx.anchor
    if m.group("the") and rel in ("following", "next", "previous") and ctx.last_date and ctx.anchor:
        # "the following month" is relative to the time the story is at, not to the publication date.
        base = ctx.last_date
    value = R.unit_ref(base, unit, _OFFSETS[rel])
    if unit == "Q" and ctx.anchor:
        ctx.last_quarter = _quarter_key(value)
    return _point(value, _pre_mod(m))


def _quarter_key(value: str) -> tuple[int, int] | None:
    q = re.match(r"(\d{4})-Q(\d)", value)
    return (int(q.group(1)), int(q.group(2))) if q else None


def _deictic(m: re.Match[str], ctx: Context) -> Found | None:
    word = _words(m.group("day"))
    offset = {"today": 0, "tonight": 0, "yesterday": -1, "tomorrow": 1, "the day before yesterday": -2}[word]
    value = R.day(ctx.anchor, offset)
    part = _words(m.group("part"))
    if word == "tonight":
        part = "night"
    if part:
        return Found("TIME", f"{value}T{DAY_PARTS[part]}", _pre_mod(m))
    return _point(value, _pre_mod(m))


def _day_part(m: re.Match[str], ctx: Context) -> Found | None:
    rel = _words(m.group("rel"))
    part = _words(m.group("part"))
    offset = -1 if rel == "last" else 0
    if rel == "last" and part != "night":
        return None
    return Found("TIME", f"{R.day(ctx.anchor, offset)}T{DAY_PARTS[part]}", _pre_mod(m))


def _weekday_ref(m: re.Match[str], ctx: Context) -> Found | None:
    isoday = _weekday(m.group("wd"))
    rel = _words(m.group("rel"))
    if rel in ("last", "past", "previous", "this past"):
        value = R.weekday(ctx.anchor, isoday, "past", strict=True)
    elif rel in ("next", "coming", "this coming"):
        value = R.weekday(ctx.anchor, isoday, "future")
    else:
        direction = ctx.direction(m.start(), m.end())
        value = R.weekday(ctx.anchor, isoday, "future" if direction == "future" else "past")
    part = _words(m.group("part"))
    if part:
        return Found("TIME", f"{value}T{DAY_PARTS[part]}", _pre_mod(m))
    return _point(value, _pre_mod(m))


def _ago(m: re.Match[str], ctx: Context) -> Found | None:
    unit = _unit(m.group("unit"))
    amount = _number(m.group("num"))
    direction = _words(m.group("dir"))
    sign = -1 if direction in ("ago", "earlier", "before") else 1
    if (
        unit == "Y"
        and amount == 1
        and ctx.last_quarter
        and direction in ("ago", "earlier")
        and m.group("num").lower() in ("a", "one")
    ):
        # "a year earlier" in an earnings story: the same quarter one year before.
        y, q = ctx.last_quarter
        return Found("DATE", f"{y - 1}-Q{q}", _amount_mod(m))
    if amount is None or ctx.anchor is None:
        return Found("DATE", R.unit_ref(None, unit, 0) if ctx.anchor is None else "PAST_REF", _amount_mod(m))
    return Found("DATE", R.shifted(ctx.anchor, unit, sign * amount), _amount_mod(m))


def _year_ago_adj(m: re.Match[str], ctx: Context) -> Found | None:
    ordinal = re.search(ORDINAL, m.group(0), re.IGNORECASE)
    if ordinal and ctx.anchor:
        return Found("DATE", f"{ctx.anchor.year - 1}-Q{ORDINALS[ordinal.group(0).lower()]}")
    if ctx.last_quarter:
        y, q = ctx.last_quarter
        return Found("DATE", f"{y - 1}-Q{q}")
    return Found("DATE", R.year(ctx.anchor, -1))


def _quarter(m: re.Match[str], ctx: Context) -> Found | None:
    yr = m.group("y") or m.group("y2") or m.group("y3")
    ordinal = _words(m.group("ord"))
    rel = _words(m.group("qrel"))
    if ctx.after(m.end(), 1) == "-":
        return None  # "quarter-to-quarter", "half-hour"
    if ordinal not in ORDINALS:
        if m.group("half") or not m.group(0).lower().startswith("the"):
            return None  # "half" alone is an amount; "quarter" alone is a fraction
        if ordinal in ("", "same") and ctx.last_quarter:
            y, q = ctx.last_quarter
            return Found("DATE", f"{y}-Q{q}", _pre_mod(m))
        # News reports results after the quarter closes: "the latest quarter" is the previous one.
        value = R.quarter(ctx.anchor, 0 if ordinal == "current" else -1)
        ctx.last_quarter = _quarter_key(value)
        return Found("DATE", value, _pre_mod(m))
    if m.group("half"):
        half = 1 if ordinal in ("first", "1st") else 2
        y_text = yr or R.year(ctx.anchor, -1 if rel == "last" else 0)
        return Found("DATE", f"{y_text}-H{half}", _pre_mod(m))
    q = ORDINALS[ordinal]
    if yr:
        value = f"{yr}-Q{q}"
    elif rel == "last":
        value = f"{R.year(ctx.anchor, -1)}-Q{q}"
    elif rel == "next":
        value = f"{R.year(ctx.anchor, 1)}-Q{q}"
    elif ctx.anchor is None:
        value = f"XXXX-Q{q}"
    else:
        y = ctx.anchor.year
        if ctx.direction(m.start(), m.end()) == "past" and (q - 1) * 3 + 1 > ctx.anchor.month:
            y -= 1
        value = f"{y}-Q{q}"
    ctx.last_quarter = _quarter_key(value)
    return Found("DATE", value, _pre_mod(m))


def _season(m: re.Match[str], ctx: Context) -> Found | None:
    rel = _words(m.group("rel"))
    yr = m.group("yr")
    if not (rel or yr or m.group("the") or re.search(r"\b(?:in|during|by|until|since)\s+$", ctx.before(m.start()))):
        return None
    if not yr and re.match(r"^\s+of\b", ctx.after(m.end(), 6)):
        # "the fall of Assad", "the summer of love": a collapse and an era, not seasons ("the fall of 2024" is one).
        return None
    code = SEASONS[m.group("season").lower()]
    if yr:
        return _point(f"{yr}-{code}", _pre_mod(m))
    offset = _OFFSETS.get(rel, 0)
    return _point(R.season(ctx.anchor, code, offset), _pre_mod(m))


def _clock(m: re.Match[str], ctx: Context) -> Found | None:
    word = _words(m.group("word"))
    if word:
        hh, mm = (12, 0) if word == "noon" else (24, 0)
    else:
        hh = int(m.group("h"))
        mm = int(m.group("mi") or 0)
        if hh > 12 or mm > 59:
            return None
        ap = m.group("ap").lower()
        if ap.startswith("p") and hh != 12:
            hh += 12
        elif ap.startswith("a") and hh == 12:
            hh = 0
    return Found("TIME", f"{R.day(ctx.anchor)}T{hh:02d}:{mm:02d}", _amount_mod(m))


# --- durations, sets and references -------------------------------------------------------------


def _amount(m: re.Match[str], ctx: Context) -> Found | None:
    if re.match(r"^[-\s]old\b", ctx.after(m.end(), 5)):
        return None  # an age ("60 years old", "a 45-year-old"), not a time
    num = m.group("num")
    unit = _unit(m.group("unit"))
    amount = _number(num)
    if amount is None and _words(num) not in ("several", "a few", "few", "many", "some", "a number of"):
        return None
    if amount is not None and amount > 5000:
        return None
    if unit == "D" and m.group("unit").lower().startswith("night"):
        return None
    if unit == "Q" and re.match(r"^\s+of\b", ctx.after(m.end(), 4)):
        return None  # "three-quarters of its food": a fraction
    return Found("DURATION", _duration(amount, unit), _amount_mod(m))


def _amount_range(m: re.Match[str], ctx: Context) -> Found | None:
    """ "two to three weeks", "between five and six years", "10-12 days": at least the lower amount (as TimeML
    annotates "two to three weeks": P2W, EQUAL_OR_MORE)."""
    low, high = _number(m.group("low") or m.group("low2")), _number(m.group("num"))
    if low is None or high is None or not 0 < low < high <= 5000:
        return None
    if re.match(r"^[-\s]old\b", ctx.after(m.end(), 5)):
        return None
    return Found("DURATION", _duration(low, _unit(m.group("unit"))), "EQUAL_OR_MORE")


def _plural_units(m: re.Match[str], ctx: Context) -> Found | None:
    unit = _unit(m.group("unit"))
    lead = _words(m.group("lead"))
    if lead == "recent" and unit == "Y":
        return Found("DATE", "PAST_REF")
    if lead in ("coming", "the coming"):
        return Found("DATE", "FUTURE_REF")
    return Found("DURATION", _duration(None, unit))


SET_ADVERBS = {
    "hourly": "PT1H",
    "daily": "P1D",
    "nightly": "P1D",
    "weekly": "P1W",
    "biweekly": "P2W",
    "monthly": "P1M",
    "quarterly": "P1Q",
    "annually": "P1Y",
    "yearly": "P1Y",
    "semiannually": "P6M",
}


def _set_adverb(m: re.Match[str], ctx: Context) -> Found | None:
    span = ctx.doc.char_span(m.start(), m.end())
    if span is not None and span.root.dep_ in ("amod", "compound", "nmod"):
        return None  # "daily flights", "quarterly dividend": a property of a thing, not a timex
    return Found("SET", SET_ADVERBS[m.group(0).lower()])


def _set_every(m: re.Match[str], ctx: Context) -> Found | None:
    if m.group("wd"):
        return Found("SET", f"XXXX-WXX-{_weekday(m.group('wd'))}")
    if m.group("mon"):
        return Found("SET", f"XXXX-{_month(m.group('mon')):02d}")
    if m.group("part"):
        return Found("SET", f"TXX{DAY_PARTS[_words(m.group('part'))]}".replace("TXX", "XXXX-XX-XXT"))
    amount = _number(m.group("num")) if m.group("num") else 1
    if _words(m.group("other")):
        amount = 2
    return Found("SET", _duration(amount, _unit(m.group("unit"))))


_RATE_BEFORE = re.compile(r"(?:times|once|twice|million|billion|percent|%|dollars|cents|\d)\s+$")


def _set_rate(m: re.Match[str], ctx: Context) -> Found | None:
    if not _RATE_BEFORE.search(ctx.before(m.start(), 15)):
        return None
    return Found("SET", _duration(1, _unit(m.group("unit"))))


_CURRENT_NOUNS = frozenset(
    {"account", "accounts", "assets", "liabilities", "events", "affairs", "flow", "members", "level", "levels", "form"}
)
_REFS = {
    "current": "PRESENT_REF",
    "now": "PRESENT_REF",
    "right now": "PRESENT_REF",
    "currently": "PRESENT_REF",
    "nowadays": "PRESENT_REF",
    "these days": "PRESENT_REF",
    "the present": "PRESENT_REF",
    "present": "PRESENT_REF",
    "recently": "PAST_REF",
    "recent": "PAST_REF",
    "lately": "PAST_REF",
    "the past": "PAST_REF",
    "formerly": "PAST_REF",
    "the future": "FUTURE_REF",
    "the near future": "FUTURE_REF",
    "the near term": "FUTURE_REF",
    "the short term": "FUTURE_REF",
    "the long term": "FUTURE_REF",
    "future": "FUTURE_REF",
    "soon": "FUTURE_REF",
    "shortly": "FUTURE_REF",
}


def _reference(m: re.Match[str], ctx: Context) -> Found | None:
    word = _words(m.group(0))
    if word == "present" and not re.search(r"\bat\s+$", ctx.before(m.start())):
        return None
    if word == "now" and re.match(r"^\s*(?:that|defunct)\b", ctx.after(m.end(), 10)):
        return None
    if word in ("soon", "shortly") and (
        re.search(r"\bas\s+$", ctx.before(m.start(), 6))
        or re.match(r"^\s+(?:after|before|as)\b", ctx.after(m.end(), 8))
    ):
        return None  # "as soon as", "soon after the vote": a relation, not a time
    if word == "current":
        span = ctx.doc.char_span(m.start(), m.end())
        if span is None or span.root.dep_ != "amod" or span.root.head.lower_ in _CURRENT_NOUNS:
            return None
    return Found("DATE", _REFS[word])


def _day_of(m: re.Match[str], ctx: Context) -> Found | None:
    return Found("DATE", R.unit_ref(ctx.anchor, _unit(m.group("unit")), 0))


def _day_value(m: re.Match[str], ctx: Context) -> str:
    """The date named by the ``dwd``/``dmon``/``ddom``/``dday`` groups of a clock-time rule."""
    if m.group("dwd"):
        direction = ctx.direction(m.start(), m.end())
        return R.weekday(ctx.anchor, _weekday(m.group("dwd")), "future" if direction == "future" else "past")
    if m.group("dmon"):
        dom = int(re.sub(r"\D", "", m.group("ddom")))
        return R.month_day(ctx.anchor, _month(m.group("dmon")), dom, ctx.direction(m.start(), m.end()))
    offset = {"today": 0, "tonight": 0, "yesterday": -1, "tomorrow": 1}[_words(m.group("dday"))]
    return R.day(ctx.anchor, offset)


def _clock_day(m: re.Match[str], ctx: Context) -> Found | None:
    clock = _clock(m, ctx)
    if clock is None:
        return None
    return Found("TIME", _day_value(m, ctx) + clock.value[clock.value.index("T") :], clock.mod)


def _month_rel_year(m: re.Match[str], ctx: Context) -> Found | None:
    offset = _OFFSETS[_words(m.group("rel"))]
    return _point(f"{R.year(ctx.anchor, offset)}-{_month(m.group('mon')):02d}", _pre_mod(m))


def _period(m: re.Match[str], ctx: Context) -> Found | None:
    """ "The 1989 period", "the latest period": the quarter an earnings story is about."""
    q = ctx.last_quarter[1] if ctx.last_quarter else None
    if m.group("yr"):
        return Found("DATE", f"{m.group('yr')}-Q{q}" if q else m.group("yr"))
    if ctx.last_quarter and _words(m.group("rel")) != "latest":
        return Found("DATE", f"{ctx.last_quarter[0]}-Q{q}")
    value = R.quarter(ctx.anchor, -1)
    ctx.last_quarter = _quarter_key(value)
    return Found("DATE", value)


def _the_unit(m: re.Match[str], ctx: Context) -> Found | None:
    """ "the year", "the week": the current period of the story; "the year ended June 30" is a length.

    "The day before", "the week after": one unit from the date the story is at (the last date it named),
    the publication date only when it named none.
    """
    unit = _unit(m.group("unit"))
    side = m.group("side")
    if side:
        base = ctx.last_date or ctx.anchor
        return Found("DATE", R.shifted(base, unit, -1 if side.lower() in ("before", "earlier") else 1))
    if re.match(r"^\s+(?:ended|ending|to)\b", ctx.after(m.end(), 8)):
        return Found("DURATION", _duration(1, unit))
    if ctx.last_date and ctx.anchor and unit == "D":
        return Found("DATE", R.day(ctx.last_date))
    return Found("DATE", R.unit_ref(ctx.anchor, unit, 0))


def _weekend(m: re.Match[str], ctx: Context) -> Found | None:
    if ctx.anchor is None:
        return Found("DATE", "XXXX-WXX-WE")
    weekday = ctx.anchor.isoweekday()
    direction = ctx.direction(m.start(), m.end())
    if direction == "past" and weekday < 6:
        return Found("DATE", R.week(ctx.anchor, -1) + "-WE")
    return Found("DATE", R.week(ctx.anchor, 1 if direction == "future" and weekday == 7 else 0) + "-WE")


def _year_end(m: re.Match[str], ctx: Context) -> Found | None:
    offset = _OFFSETS.get(_words(m.group("rel")), 0)
    return Found("DATE", m.group("yr") or R.year(ctx.anchor, offset), "END")


_TEEN_VALUES = {w: v for w, v in NUMBER_WORDS.items() if 10 <= v <= 19}


def _word_year(m: re.Match[str], ctx: Context) -> Found | None:
    if m.group("thousand"):
        rest = _number(m.group("rest")) if m.group("rest") else 0
        return None if rest is None else Found("DATE", f"{2000 + rest:04d}")
    rest = _number(m.group("tail"))
    if rest is None or rest > 99:
        return None
    century = _TEEN_VALUES[m.group("cent").lower()]
    return Found("DATE", f"{century:02d}{rest:02d}")
