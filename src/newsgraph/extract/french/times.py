"""French time expressions, resolved against the publication date as the English ones are.

Dates ("le 8 décembre 2024", "8 décembre", "décembre 2024", "en 2015"), weekdays ("dimanche", "lundi
dernier", "mardi prochain"), deictic days ("hier", "aujourd'hui", "demain", "avant-hier"), relative units
("la semaine dernière", "l'an prochain", "cette année", "il y a deux jours", "dans trois mois") and
"depuis 2015" (mod ``START``). A bare weekday takes its direction from the tense of the verb it modifies:
past tense → the last one, future → the next one, otherwise the nearest past one (news reports what
happened).
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata

from spacy.tokens import Doc

from newsgraph.extract.timex import resolve
from newsgraph.records import Span, TimeExpr, TimexType

_WEEKDAYS = {"lundi": 1, "mardi": 2, "mercredi": 3, "jeudi": 4, "vendredi": 5, "samedi": 6, "dimanche": 7}
_MONTHS = {
    "janvier": 1,
    "fevrier": 2,
    "mars": 3,
    "avril": 4,
    "mai": 5,
    "juin": 6,
    "juillet": 7,
    "aout": 8,
    "septembre": 9,
    "octobre": 10,
    "novembre": 11,
    "decembre": 12,
}
_NUMBERS = {
    "un": 1,
    "une": 1,
    "deux": 2,
    "trois": 3,
    "quatre": 4,
    "cinq": 5,
    "six": 6,
    "sept": 7,
    "huit": 8,
    "neuf": 9,
    "dix": 10,
    "onze": 11,
    "douze": 12,
    "quinze": 15,
    "vingt": 20,
    "trente": 30,
    "quelques": 0,
    "plusieurs": 0,
}
_UNITS = {"jour": "D", "jours": "D", "semaine": "W", "semaines": "W", "mois": "M", "an": "Y", "ans": "Y"}
_UNITS |= {"année": "Y", "années": "Y", "heure": "H", "heures": "H"}
_DEICTIC = {"aujourd'hui": 0, "aujourd\u2019hui": 0, "hier": -1, "avant-hier": -2, "demain": 1, "après-demain": 2}

_WEEKDAY = "|".join(_WEEKDAYS)
_MONTH = r"janvier|f[ée]vrier|mars|avril|mai|juin|juillet|ao[ûu]t|septembre|octobre|novembre|d[ée]cembre"
_NUMBER = "|".join(_NUMBERS) + r"|\d{1,3}"
_UNIT = r"jours?|semaines?|mois|ans?|années?|heures?"
_PATTERN = re.compile(
    rf"""(?ix)
    (?P<since>depuis\s+)?
    (?:
        (?P<date>(?:(?:{_WEEKDAY})\s+)?(?P<dom>1er|\d{{1,2}})\s+(?P<dmonth>{_MONTH})(?:\s+(?P<dyear>\d{{4}}))?)
      | (?P<monthyear>(?P<mmonth>{_MONTH})\s+(?P<myear>\d{{4}}))
      | (?P<ago>il\s+y\s+a\s+(?P<agon>{_NUMBER})\s+(?P<agou>{_UNIT}))
      | (?P<ahead>dans\s+(?P<aheadn>{_NUMBER})\s+(?P<aheadu>{_UNIT}))
      | (?P<rel>(?:la|le|l['\u2019]|cette|ce|cet)\s*(?P<relu>semaine|mois|année|an)
          (?:\s+(?P<reld>dernière|dernier|prochaine|prochain|passée|passé))?)
      | (?P<weekday>(?P<wday>{_WEEKDAY})(?:\s+(?P<wdir>dernier|prochain|matin|soir|après-midi))?)
      | (?P<deictic>aujourd['\u2019]hui|avant-hier|après-demain|hier|demain)
      | (?P<year>(?:en\s+)?(?P<yyear>(?:19|20)\d{{2}}))
    )
    (?![\w-])
    """
)
_RELATIVE_UNIT = {"semaine": "W", "mois": "M", "année": "Y", "an": "Y"}


def _fold(word: str) -> str:
    return unicodedata.normalize("NFKD", word.lower()).encode("ascii", "ignore").decode()


def _number(word: str) -> int:
    word = word.lower()
    return int(word) if word.isdigit() else _NUMBERS.get(word, 0)


def _direction(doc: Doc, start: int, end: int) -> resolve.Direction:
    """Past, future or none, from the tense of the verb the expression belongs to."""
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None:
        return "none"
    verb = span.root.head
    while verb.pos_ not in ("VERB", "AUX") and verb.head.i != verb.i:
        verb = verb.head
    if verb.pos_ not in ("VERB", "AUX"):
        return "none"
    tenses = set(verb.morph.get("Tense", []))
    auxiliaries = [c for c in verb.children if c.dep_.startswith("aux")]
    if "Fut" in tenses or any("Fut" in c.morph.get("Tense", []) for c in auxiliaries):
        return "future"
    # "va annoncer": aller + infinitive.
    if "Inf" in verb.morph.get("VerbForm", []) and verb.head.lemma_ == "aller":
        return "future"
    if "Past" in tenses or "Imp" in tenses or auxiliaries:
        return "past"
    return "none"


def _resolve(m: re.Match[str], anchor: dt.date | None, direction: resolve.Direction) -> tuple[TimexType, str] | None:
    if m.group("date"):
        month = _MONTHS[_fold(m.group("dmonth"))]
        dom = 1 if m.group("dom").lower() == "1er" else int(m.group("dom"))
        if not 1 <= dom <= 31:
            return None
        if m.group("dyear"):
            value = resolve.iso_date(int(m.group("dyear")), month, dom)
            return ("DATE", value) if value else None
        return "DATE", resolve.month_day(anchor, month, dom, direction)
    if m.group("monthyear"):
        return "DATE", f"{int(m.group('myear')):04d}-{_MONTHS[_fold(m.group('mmonth'))]:02d}"
    if m.group("ago") or m.group("ahead"):
        amount = _number(m.group("agon") or m.group("aheadn"))
        unit = _UNITS[(m.group("agou") or m.group("aheadu")).lower()]
        if amount == 0:
            return "DATE", "PAST_REF" if m.group("ago") else "FUTURE_REF"
        sign = -1 if m.group("ago") else 1
        if unit == "D":
            return "DATE", resolve.day(anchor, sign * amount)
        if unit == "H":
            return "TIME", "PAST_REF" if sign < 0 else "FUTURE_REF"
        return "DATE", resolve.shifted(anchor, unit, sign * amount)
    if m.group("rel"):
        unit = _RELATIVE_UNIT[m.group("relu").lower()]
        which = (m.group("reld") or "").lower()
        offset = -1 if which.startswith(("dern", "pass")) else 1 if which.startswith("proch") else 0
        return "DATE", resolve.unit_ref(anchor, unit, offset)
    if m.group("weekday"):
        isoday = _WEEKDAYS[m.group("wday").lower()]
        which = (m.group("wdir") or "").lower()
        if which == "dernier":
            return "DATE", resolve.weekday(anchor, isoday, "past", strict=True)
        if which == "prochain":
            return "DATE", resolve.weekday(anchor, isoday, "future")
        return "DATE", resolve.weekday(anchor, isoday, direction)
    if m.group("deictic"):
        return "DATE", resolve.day(anchor, _DEICTIC[m.group("deictic").lower().replace("\u2019", "'")])
    if m.group("year"):
        return "DATE", m.group("yyear")
    return None


def extract_times_fr(doc: Doc, anchor: dt.date | None) -> list[TimeExpr]:
    """The time expressions of a French ``doc``, ids ``T1``, ``T2``, ... in text order."""
    found = []
    for m in _PATTERN.finditer(doc.text):
        start = m.start("since") if m.group("since") else m.start()
        body_start = m.end("since") if m.group("since") else m.start()
        resolved = _resolve(m, anchor, _direction(doc, body_start, m.end()))
        if resolved is None:
            continue
        kind, value = resolved
        # "depuis 2015": from then on; the TIMEX3 mod says where the period starts.
        mod = "START" if m.group("since") else None
        found.append((start, m.end(), kind, value, mod))
    return [
        TimeExpr(f"T{i}", Span.of(doc.text, start, end), kind, value, mod)
        for i, (start, end, kind, value, mod) in enumerate(found, start=1)
    ]
