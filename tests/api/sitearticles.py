"""Analysed articles and a filled store for the API and web tests (real model, real analysis)."""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Callable
from pathlib import Path

from spacy.language import Language

from newsgraph.nlp import analyze
from newsgraph.records import Article
from newsgraph.store import Store

EXAMPLE = Path(__file__).resolve().parents[2] / "examples" / "assad-moscow.txt"
TOKEN = "test-token-7f3a"
EVIL_TITLE = "<script>alert(1)</script> Breaking <b>news</b>"
EVIL_TEXT = (
    "Police said <script>alert(1)</script> was found on a page in Damascus on Monday. "
    'The mayor told Reuters that <img src=x onerror="alert(2)"> & <b>bold</b> markup was harmless.'
)
OTHER_TEXT = (
    "Syrian rebels entered Damascus on Sunday, a rebel commander told Reuters. "
    "The Russian Foreign Ministry denied reports that Assad had died in a plane crash. "
    "Officials in Moscow said the naval base in Tartous was safe."
)


def analysed_articles(nlp: Language) -> list[Article]:
    """The example, an article full of markup, and a third from another outlet."""
    example = analyze(
        EXAMPLE.read_text(encoding="utf-8"),
        nlp=nlp,
        published=dt.date(2024, 12, 8),
        title="Assad and his family arrive in Moscow",
        outlet="Interfax Wire",
        url="https://example.org/assad-moscow",
    )
    evil = analyze(EVIL_TEXT, nlp=nlp, published=dt.date(2024, 12, 9), title=EVIL_TITLE, outlet="<i>Evil</i> Times")
    other = analyze(
        OTHER_TEXT, nlp=nlp, published=dt.date(2024, 12, 7), title="Rebels in Damascus", outlet="Daily Example"
    )
    return [example, evil, other]


def fill(store: Store, articles: list[Article]) -> None:
    """Store the articles."""
    for article in articles:
        assert store.add_article(dataclasses.replace(article))


def counting_factory(nlp: Language) -> tuple[Callable[[], Language], list[int]]:
    """A model factory that hands out the session model and counts its calls."""
    calls: list[int] = []

    def factory() -> Language:
        calls.append(1)
        return nlp

    return factory, calls
