"""Property tests: on any text, analysis fails only with NewsgraphError and its output keeps the contract."""

from __future__ import annotations

import datetime as dt

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from samples import check_spans
from spacy.language import Language

from newsgraph import NewsgraphError, analyze
from newsgraph.ingest import read_bytes
from newsgraph.schema import validate_article
from newsgraph.settings import Settings

# News-like fragments mixed with arbitrary unicode, so the extractors meet both words and noise.
FRAGMENTS = st.sampled_from(
    [
        "Assad",
        "President Assad",
        " said on Sunday, December 8",
        ' "We will win," he told Reuters.',
        "according to a Kremlin source",
        "last month",
        "nearly 60 years",
        "since 2015",
        "\u201cquoted\u201d",
        "It",
        "the ministry",
        "\n\n",
        ".",
        "\u00a0",
        "\u200b",
        "\t",
    ]
)
TEXTS = st.lists(
    st.one_of(FRAGMENTS, st.text(st.characters(codec="utf-8"), max_size=40)),
    max_size=12,
).map("".join)

COMMON = settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])


@COMMON
@given(
    text=TEXTS,
    published=st.one_of(st.none(), st.dates(min_value=dt.date(1900, 1, 1), max_value=dt.date(2100, 12, 31))),
)
def test_analyze_any_text_keeps_the_contract(nlp: Language, text: str, published: dt.date | None) -> None:
    try:
        article = analyze(text, nlp=nlp, published=published, today=dt.date(2025, 6, 1))
    except NewsgraphError:
        assert not text.strip()
        return
    data = article.to_dict()
    assert data["text"] == text
    validate_article(data)
    check_spans(data)


# Prefixes steer the bytes to each reader, so every one of them gets fuzzed.
PREFIXES = st.sampled_from([b"", b"<!DOCTYPE html><html><body><p>", b'{"text": "', b"[", b"\xef\xbb\xbf", b"\xff\xfe"])


@COMMON
@given(prefix=PREFIXES, body=st.binary(max_size=300))
def test_reading_any_bytes_fails_only_with_newsgraph_errors(prefix: bytes, body: bytes) -> None:
    data = prefix + body
    try:
        documents = read_bytes(data, "fuzz", Settings())
    except NewsgraphError as exc:
        assert "\n" not in str(exc) and str(exc).startswith("fuzz")
        return
    for document in documents:
        assert document.text.strip()
