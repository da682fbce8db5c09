"""The JSON Schema: it is valid, matches the records' Literal types, accepts real output and rejects broken output."""

from __future__ import annotations

import copy
import datetime as dt
import typing
from typing import Any

import jsonschema
import pytest
from samples import check_spans, synthetic_article
from spacy.language import Language

from newsgraph import analyze
from newsgraph.records import (
    Article,
    AttributionForm,
    ClaimStatus,
    MentionKind,
    PublishedFrom,
    SourceKind,
    TimexType,
)
from newsgraph.schema import load_schema, validate_article


def test_schema_is_valid_draft_2020_12() -> None:
    schema = load_schema()
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    jsonschema.Draft202012Validator.check_schema(schema)


@pytest.mark.parametrize(
    ("definition", "literal"),
    [
        (("properties", "published_from"), PublishedFrom),
        (("$defs", "mention", "properties", "kind"), MentionKind),
        (("$defs", "time", "properties", "type"), TimexType),
        (("$defs", "source", "properties", "kind"), SourceKind),
        (("$defs", "attribution", "properties", "form"), AttributionForm),
        (("$defs", "attribution", "properties", "status"), ClaimStatus),
    ],
)
def test_enums_match_the_records_literal_types(definition: tuple[str, ...], literal: Any) -> None:
    node: Any = load_schema()
    for key in definition:
        node = node[key]
    assert set(node["enum"]) == set(typing.get_args(literal))


def test_top_level_fields_are_exactly_the_article_fields() -> None:
    schema = load_schema()
    fields = set(Article.__dataclass_fields__)
    assert set(schema["properties"]) == fields
    assert set(schema["required"]) == fields


def test_synthetic_article_with_every_record_validates() -> None:
    data = synthetic_article().to_dict()
    validate_article(data)
    assert check_spans(data) == 11


def test_example_article_validates_with_and_without_published(nlp: Language, example_text: str) -> None:
    for published in (dt.date(2024, 12, 8), None):
        data = analyze(example_text, nlp=nlp, published=published, today=dt.date(2025, 6, 1)).to_dict()
        validate_article(data)
        assert check_spans(data) > 0


def broken(change: str) -> dict[str, Any]:
    data = copy.deepcopy(synthetic_article().to_dict())
    if change == "span with extra key":
        data["times"][0]["span"]["label"] = "x"
    elif change == "negative offset":
        data["entities"][0]["mentions"][0]["span"]["start"] = -1
    elif change == "offset as string":
        data["times"][0]["span"]["end"] = "7"
    elif change == "unknown published_from":
        data["published_from"] = "guessed"
    elif change == "published not a date":
        data["published"] = "2024-02-30"
    elif change == "missing events":
        del data["events"]
    elif change == "unknown status":
        data["attributions"][0]["status"] = "probable"
    elif change == "unknown mention kind":
        data["entities"][1]["mentions"][1]["kind"] = "zero"
    elif change == "unknown timex type":
        data["times"][0]["type"] = "MONTH"
    elif change == "unknown mod":
        data["times"][0]["mod"] = "ABOUT"
    elif change == "extra top-level field":
        data["sentiment"] = 0.5
    elif change == "id not a hash":
        data["id"] = "article-1"
    return data


@pytest.mark.parametrize(
    "change",
    [
        "span with extra key",
        "negative offset",
        "offset as string",
        "unknown published_from",
        "published not a date",
        "missing events",
        "unknown status",
        "unknown mention kind",
        "unknown timex type",
        "unknown mod",
        "extra top-level field",
        "id not a hash",
    ],
)
def test_broken_articles_do_not_validate(change: str) -> None:
    with pytest.raises(jsonschema.ValidationError):
        validate_article(broken(change))


def test_check_spans_catches_a_span_that_does_not_match() -> None:
    data = synthetic_article().to_dict()
    data["times"][0]["span"]["start"] += 1
    with pytest.raises(AssertionError):
        check_spans(data)
