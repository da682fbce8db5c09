"""JSON: one article object ``{"text", "published"?, "title"?, "url"?, "outlet"?, "author"?}``, or an array of them."""

from __future__ import annotations

import datetime as dt
import json
import re
from collections.abc import Iterator, Mapping
from typing import Any

from newsgraph.errors import EmptyInputError, InputFormatError
from newsgraph.ingest.base import Reader
from newsgraph.ingest.decoding import decode_text
from newsgraph.records import Document
from newsgraph.settings import Settings

METADATA_FIELDS = ("title", "url", "outlet", "author")
# Paired surrogate escapes are decoded to one character by json; what is left alone is invalid.
_SURROGATE = re.compile("[\ud800-\udfff]")


class JsonReader(Reader):
    """A JSON article object, or an array of article objects (one document each)."""

    name = "json"
    extensions = (".json",)

    def sniff(self, head: bytes) -> bool:
        return head.removeprefix(b"\xef\xbb\xbf").lstrip()[:1] in (b"{", b"[")

    def read(self, data: bytes, origin: str, settings: Settings) -> Iterator[Document]:
        decoded = decode_text(data, origin)
        try:
            value = json.loads(decoded.text)
        except json.JSONDecodeError as exc:
            raise InputFormatError(
                f"{origin}: malformed JSON: {exc.msg} (line {exc.lineno}, column {exc.colno})"
            ) from None
        except RecursionError:
            raise InputFormatError(f"{origin}: malformed JSON: nested too deeply") from None
        except ValueError as exc:
            # Not a syntax error but a value Python refuses, e.g. an integer of more than 4300 digits.
            raise InputFormatError(f"{origin}: malformed JSON: {str(exc).splitlines()[0]}") from None
        warnings = decoded.warnings(origin)
        if isinstance(value, list):
            if not value:
                raise EmptyInputError(f"{origin}: empty JSON array, no article to analyze")
            for index, item in enumerate(value):
                yield document_from_json(item, f"{origin}[{index}]", warnings)
        else:
            yield document_from_json(value, origin, warnings)


def document_from_json(value: Any, origin: str, warnings: tuple[str, ...] = ()) -> Document:
    """A ``Document`` from one decoded JSON article object.

    Also the building block for line- and record-oriented readers (JSON Lines, CSV rows).

    Raises:
        InputFormatError: not an object, ``text`` missing or not a string, a metadata field
            not a string, or ``published`` not a date; the message names the field.
        EmptyInputError: ``text`` is empty or only whitespace.
    """
    if not isinstance(value, Mapping):
        raise InputFormatError(f'{origin}: expected a JSON object with a "text" field, got {_kind(value)}')
    if "text" not in value:
        raise InputFormatError(f'{origin}: missing field "text" (the article body)')
    text = value["text"]
    if not isinstance(text, str):
        raise InputFormatError(f'{origin}: field "text" must be a string, got {_kind(text)}')
    _check_unicode(text, "text", origin)
    if not text.strip():
        raise EmptyInputError(f'{origin}: field "text" is empty, no text to analyze')
    metadata: dict[str, str | None] = {}
    for name in METADATA_FIELDS:
        field = value.get(name)
        if field is not None and not isinstance(field, str):
            raise InputFormatError(f'{origin}: field "{name}" must be a string, got {_kind(field)}')
        if field is not None:
            _check_unicode(field, name, origin)
        metadata[name] = field.strip() or None if isinstance(field, str) else None
    published = parse_published(value.get("published"), origin)
    language = _language(value.get("language"), origin)
    return Document(
        text=text,
        origin=origin,
        published=published,
        published_from="metadata" if published else "unknown",
        warnings=warnings,
        title=metadata["title"],
        url=metadata["url"],
        outlet=metadata["outlet"],
        author=metadata["author"],
        language=language,
    )


_LANGUAGE = re.compile(r"^[a-z]{2}$")


def _language(value: object, origin: str) -> str | None:
    """A ``language`` field: an ISO 639-1 code ("fr", "EN", "fr-CA" → "fr"); null or "" is not said."""
    if value is None or value == "":
        return None
    code = value.strip().lower().split("-")[0].split("_")[0] if isinstance(value, str) else ""
    if not _LANGUAGE.match(code):
        raise InputFormatError(f'{origin}: field "language" must be an ISO 639-1 code such as "fr", got {value!r}')
    return code


def parse_published(value: object, origin: str, field: str = "published") -> dt.date | None:
    """The date of a ``published`` value: ``YYYY-MM-DD`` or an ISO 8601 date-time; null or "" is no date.

    Raises:
        InputFormatError: anything else, naming the field and the value.
    """
    if value is None or value == "":
        return None
    if isinstance(value, str):
        text = value.strip()
        try:
            return dt.date.fromisoformat(text) if len(text) == 10 else dt.datetime.fromisoformat(text).date()
        except ValueError:
            pass
    raise InputFormatError(
        f'{origin}: field "{field}" must be a date like 2024-12-08 or an ISO date-time, got {json.dumps(value)[:60]}'
    )


def _check_unicode(value: str, field: str, origin: str) -> None:
    """Refuse a string holding an unpaired surrogate: JSON's ``\\ud800`` escapes allow one, UTF-8 cannot encode it."""
    if _SURROGATE.search(value):
        raise InputFormatError(f'{origin}: field "{field}" holds an unpaired surrogate escape, not valid Unicode')


def _kind(value: object) -> str:
    names = {dict: "an object", list: "an array", str: "a string", bool: "a boolean", type(None): "null"}
    return names.get(type(value), "a number")
