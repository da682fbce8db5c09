"""Content words for comparing texts across articles, without a model.

A light normaliser (lowercase, stop words and numbers out, a crude suffix strip so
"arrived"/"arrives"/"arrival" meet) is enough to compare headlines and claim contents;
it is also cheap enough to run on every stored article.
"""

from __future__ import annotations

import re
from collections import Counter
from functools import lru_cache

_WORD = re.compile(r"[^\W\d_]+(?:['\u2019-][^\W\d_]+)*")
_NUMBER = re.compile(r"\b\d[\d,.]*\b")

_STOP_TEXT = """a about above after again against all also am an and any are as at be because been before being below
    between both but by can could did do does doing down during each few for from further had has have having he
    her here hers herself him himself his how i if in into is it its itself just me more most my myself no nor not
    now of off on once only or other our ours ourselves out over own same she should so some such than that the
    their theirs them themselves then there these they this those through to too under until up very was we were
    what when where which while who whom why will with would you your yours yourself yourselves said says say told
    tell according reported reports report news agency mr mrs ms one two new year years day days week last first
    monday tuesday wednesday thursday friday saturday sunday may might must shall us s t"""
STOP_WORDS = frozenset(_STOP_TEXT.split())
"""Function words and reporting words: they say nothing about what a text is about."""

NEGATION_WORDS = frozenset({"not", "no", "never", "deny", "denied", "denies", "false", "untrue", "nor"})

_SUFFIXES = ("ations", "ation", "ings", "ing", "ies", "ied", "ed", "es", "s", "al")


@lru_cache(maxsize=131072)
def stem(word: str) -> str:
    """A crude stem: strip one common suffix when at least four letters remain."""
    for suffix in _SUFFIXES:
        if word.endswith(suffix) and len(word) - len(suffix) >= 4:
            word = word[: -len(suffix)]
            if suffix in ("ies", "ied"):
                word += "y"
            break
    # "arrive"/"arrival" → "arriv"; a final e is dropped so verb and noun forms meet.
    return word[:-1] if word.endswith("e") and len(word) > 4 else word


def content_terms(text: str) -> Counter[str]:
    """Stemmed content words of ``text`` with their counts."""
    return Counter(stem(w) for w in (m.group().lower() for m in _WORD.finditer(text)) if w not in STOP_WORDS)


def numbers(text: str) -> tuple[str, ...]:
    """The numbers written in ``text`` with digits, separators removed, in order."""
    return tuple(n.replace(",", "").rstrip(".") for n in _NUMBER.findall(text))
