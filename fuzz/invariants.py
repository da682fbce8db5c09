"""The invariants every fuzz target, property test and regression replay checks.

One module, so the atheris harnesses (``fuzz/*.py``), the hypothesis tests and the replay of
``tests/fuzz_regressions/`` agree on what "no crash" means:

- the only exceptions are ``NewsgraphError``s, each with a non-empty one-line message;
- a reader yields ``Document``s (valid Unicode, non-blank text) or ``RecordError``s (one-line reason
  naming the input);
- every span of an analysed article lies inside its text, ``text[start:end] == span.text``, and
  ``Article.to_dict()`` validates against the published JSON Schema.

A broken invariant is an ``AssertionError`` (or the unexpected exception itself, left to propagate).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Callable, Iterator
from typing import Any, TypeVar

from newsgraph.errors import NewsgraphError
from newsgraph.ingest import RecordError, read_bytes_records, registry
from newsgraph.records import Article, Document, Span
from newsgraph.schema import validate_article
from newsgraph.settings import Settings

# Reader targets: each reader by its registry name, plus "detect" (format chosen by content, as for stdin).
READERS = tuple(reader.name for reader in registry)
READER_TARGETS = ("detect", *READERS)
# "readers" dispatches on its first byte to one of READER_TARGETS, so one process (one CI run) fuzzes them all.
TARGETS = ("analyze", "readers", *READER_TARGETS)
SETTINGS = Settings()
# A fixed "today" keeps inferred publication dates reproducible between runs.
TODAY = dt.date(2025, 6, 1)

T = TypeVar("T")


def check_user_error(exc: BaseException) -> None:
    """Assert ``exc`` is a documented user error: a ``NewsgraphError`` with a non-empty one-line message."""
    if not isinstance(exc, NewsgraphError):
        raise exc
    message = str(exc)
    assert message.strip(), f"{type(exc).__name__} with an empty message"
    assert "\n" not in message and "\r" not in message, f"multi-line message: {message!r}"


def guarded(call: Callable[[], T]) -> T | None:
    """``call()``, or None when it raised a well-formed ``NewsgraphError``; anything else propagates."""
    try:
        return call()
    except NewsgraphError as exc:
        check_user_error(exc)
        return None


def check_valid_unicode(value: str | None, what: str) -> None:
    """Assert ``value`` encodes to UTF-8 (no unpaired surrogate), as the store, JSON output and hashing need."""
    if value is not None:
        try:
            value.encode("utf-8")
        except UnicodeEncodeError as exc:
            raise AssertionError(f"{what} is not valid Unicode: {exc}") from None


def check_document(document: Document, origin: str) -> None:
    """Assert a reader's document is usable by ``analyze`` and the store."""
    assert isinstance(document.text, str) and document.text.strip(), "blank document text"
    for field in ("text", "title", "url", "outlet", "author", "origin"):
        check_valid_unicode(getattr(document, field), f"document {field}")
    assert document.origin.startswith(origin), document.origin
    assert (document.published is None) == (document.published_from == "unknown"), document
    for warning in document.warnings:
        assert "\n" not in warning, warning


def check_records(records: list[Document | RecordError], origin: str) -> list[Document]:
    """Assert every record is a good document or a well-formed ``RecordError``; return the documents."""
    documents = []
    for record in records:
        if isinstance(record, RecordError):
            assert record.reason.strip() and "\n" not in record.reason, record
            assert record.reason.startswith(record.origin) and record.origin.startswith(origin), record
        else:
            assert isinstance(record, Document), type(record)
            check_document(record, origin)
            documents.append(record)
    return documents


def read_target(target: str, data: bytes, origin: str = "fuzz") -> list[Document]:
    """Read ``data`` with one reader (``detect``: the format sniffed from content) and check the invariants.

    Returns:
        The documents read, or none when the input was refused with a documented error.
    """
    if target == "detect":
        records = guarded(lambda: read_bytes_records(data, origin, SETTINGS))
    else:
        reader = registry.get(target)
        assert reader is not None, f"unknown reader {target}"
        records = guarded(lambda: list(reader.read_records(data, origin, SETTINGS)))
    return check_records(records, origin) if records is not None else []


def iter_spans(value: Any) -> Iterator[Span]:
    """Every ``Span`` anywhere inside a record."""
    if isinstance(value, Span):
        yield value
    elif dataclasses.is_dataclass(value) and not isinstance(value, type):
        for field in dataclasses.fields(value):
            yield from iter_spans(getattr(value, field.name))
    elif isinstance(value, tuple | list):
        for item in value:
            yield from iter_spans(item)


def check_article(article: Article, text: str) -> int:
    """Assert the article keeps the contract on ``text``; return how many spans were checked."""
    assert article.text == text
    count = 0
    for span in iter_spans(article):
        assert 0 <= span.start <= span.end <= len(text), span
        assert text[span.start : span.end] == span.text, span
        count += 1
    data = article.to_dict()
    validate_article(data)
    return count


def analyze_text(nlp: Any, text: str, published: dt.date | None = None) -> Article | None:
    """Analyze ``text`` and check the invariants; None when it was refused with a documented error."""
    from newsgraph.nlp import analyze

    article = guarded(lambda: analyze(text, nlp=nlp, published=published, today=TODAY))
    if article is None:
        return None
    check_article(article, text)
    return article


def published_from_bytes(head: bytes) -> dt.date | None:
    """A publication date (or none) chosen by two bytes, so fuzz inputs steer it too."""
    if len(head) < 2 or head[0] % 3 == 0:
        return None
    return dt.date(1900, 1, 1) + dt.timedelta(days=int.from_bytes(head[:2], "big") % 73000)


def run_target(target: str, data: bytes, nlp: Any = None) -> None:
    """One fuzz execution, as the harnesses and the regression replay run it.

    ``analyze`` decodes the bytes to text (two leading bytes choose the date); a reader target reads
    them; ``readers`` picks the reader target by the first byte (``READER_TARGETS``) and reads the rest.
    """
    if target == "readers":
        if data:
            read_target(READER_TARGETS[data[0] % len(READER_TARGETS)], data[1:])
    elif target == "analyze":
        # One input in eight keeps undecodable bytes as lone surrogates, which a Python caller can pass too.
        errors = "surrogateescape" if len(data) > 1 and data[1] & 7 == 7 else "replace"
        text = data[2:].decode("utf-8", errors)
        analyze_text(nlp, text, published_from_bytes(data[:2]))
    else:
        read_target(target, data)
