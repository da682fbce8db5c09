"""Test helpers shared by several test modules: a synthetic article with every record, and a span check."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from typing import Any

from newsgraph.records import Article, Attribution, Cue, Entity, Mention, Source, Span, TimeExpr, Via


def iter_spans(value: Any) -> Iterator[dict[str, Any]]:
    """Every ``{start, end, text}`` object anywhere in ``value``."""
    if isinstance(value, dict):
        if set(value) == {"start", "end", "text"}:
            yield value
        else:
            for item in value.values():
                yield from iter_spans(item)
    elif isinstance(value, list):
        for item in value:
            yield from iter_spans(item)


def check_spans(article: dict[str, Any]) -> int:
    """Assert that every span lies inside the article text and matches it; return how many there were."""
    text = article["text"]
    count = 0
    for span in iter_spans({key: value for key, value in article.items() if key != "text"}):
        assert 0 <= span["start"] <= span["end"] <= len(text), span
        assert text[span["start"] : span["end"]] == span["text"], span
        count += 1
    return count


TEXT = "Russia's Foreign Ministry confirmed on Sunday that Assad had left. It said he was safe."


def synthetic_article() -> Article:
    """An article with one of every record, so every part of the schema is exercised."""

    def span(part: str, occurrence: int = 0) -> Span:
        start = -1
        for _ in range(occurrence + 1):
            start = TEXT.index(part, start + 1)
        return Span.of(TEXT, start, start + len(part))

    ministry = Entity(
        id="e1",
        name="Russia's Foreign Ministry",
        type="ORG",
        aliases=("Foreign Ministry",),
        mentions=(Mention(span("Russia's Foreign Ministry"), "name"), Mention(span("It"), "pronoun")),
    )
    assad = Entity("e2", "Assad", "PERSON", (), (Mention(span("Assad"), "name"), Mention(span("he"), "pronoun")))
    sunday = TimeExpr("t1", span("Sunday"), "DATE", "2024-12-08")
    said = Attribution(
        id="a1",
        source=Source(span("It"), "organization", entity="e1"),
        cue=Cue(span("said"), "say"),
        content=span("he was safe"),
        form="indirect",
        status="asserted",
        via=Via(span("Russia"), None),
        when="2024-12-08",
    )
    unsourced = Attribution(
        id="a2",
        source=Source(None, "unspecified"),
        cue=Cue(span("confirmed"), "confirm"),
        content=span("Assad had left"),
        form="indirect",
        status="confirmed",
    )
    return Article(
        id="0123456789abcdef",
        text=TEXT,
        title="T",
        published=dt.date(2024, 12, 8),
        published_from="given",
        entities=(ministry, assad),
        times=(sunday,),
        attributions=(said, unsourced),
    )
