"""Which language an article is written in, offline (py3langid's model, shipped inside the package).

Detected on the text when the reader did not say: a French report analysed with the English pipeline
gives nonsense (entities "Moscou" ORG, events "au"), so each article is analysed by its language's
pipeline, or by none.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from py3langid.langid import LanguageIdentifier

UNDETERMINED = "und"
"""ISO 639's code for a language that cannot be told (too little text)."""

_LETTERS = re.compile(r"[^\W\d_]")
MIN_LETTERS = 20
"""Below this many letters (a headline fragment, a figure) no language is claimed."""

SAMPLE = 1000
"""Characters read from the start of a text: the cost is linear in them, and a lede tells the language."""

MIN_PROBABILITY = 0.9
"""Below this posterior no language is claimed: "Trump attacked Biden." is Swedish at 0.54, English text long
enough to tell is above 0.98 (benchmarks/language_id.py: 31 of 2,440 texts and paragraphs fall below 0.9, 3
wrong above it)."""

_NEWS_LANGUAGE_TEXT = """ar bg bn ca cs da de el en es et fa fi fr he hi hr hu id it ja ko lt lv ms nl no pl pt
    ro ru sk sl sq sr sv sw th tr uk ur vi zh"""
NEWS_LANGUAGES = tuple(_NEWS_LANGUAGE_TEXT.split())
"""The written languages the detector chooses among: the model's 97 include pidgins, Volapük and "no language",
which it gave for English earnings tables ("Shr 45 cts vs 58 cts")."""


_WORDS = re.compile(r"[^\W\d_]+")
_ENGLISH_TEXT = "the of and to in is was that for on with said by from has have"
_ENGLISH = frozenset(_ENGLISH_TEXT.split())
_NOT_ENGLISH_TEXT = "le la les des et est une du que qui dans pour der die und das el los las y"
_NOT_ENGLISH = frozenset(_NOT_ENGLISH_TEXT.split())


def _plainly_english(sample: str) -> bool:
    """Whether English function words are so dense, and others so rare, that no model is needed.

    Most articles are English news; this cascade spares the model for them (news English has "the", "of",
    "and", "to" in about one word in five; French, German or Spanish prose in under one in fifty).
    """
    words = [w.lower() for w in _WORDS.findall(sample)]
    if len(words) < 40:
        return False
    english = sum(w in _ENGLISH for w in words)
    other = sum(w in _NOT_ENGLISH for w in words)
    return english >= 0.15 * len(words) and other <= 0.01 * len(words)


class LanguageDetector:
    """Tells the language of a text: an ISO 639-1 code ("en", "fr"), or ``und``.

    The model (a naive Bayes over byte n-grams, among ``NEWS_LANGUAGES``) loads when the detector is created,
    about 0.4 s; classifying an article costs well under a millisecond.
    """

    def __init__(self) -> None:
        from py3langid.langid import MODEL_FILE, LanguageIdentifier

        self._identifier: LanguageIdentifier = LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)
        self._identifier.set_languages(list(NEWS_LANGUAGES))

    def detect(self, text: str) -> str:
        """The language of ``text``; ``und`` for text with too few letters, or too little evidence, to tell."""
        sample = text[:SAMPLE]
        if len(_LETTERS.findall(sample)) < MIN_LETTERS:
            return UNDETERMINED
        if _plainly_english(sample):
            return "en"
        language, probability = self._identifier.classify(sample)
        return str(language) if probability >= MIN_PROBABILITY else UNDETERMINED
