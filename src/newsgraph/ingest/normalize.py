"""One normalisation of every input, at the reader boundary: what no database can store is removed, and said;
names (title, outlet, author) are trimmed with their whitespace collapsed, so every link to them resolves; a
report without an outlet is credited to the site its URL names ("en.wikinews.org"), as a reader of the page
would name it, rather than to no one.

PostgreSQL text cannot hold NUL (U+0000) and SQLite cuts strings at it in places, so a NUL in a scraped
page or a JSON field would store on one backend and lose the article on the other. Every reader's
documents, and every document the API builds, pass through ``storable`` before analysis, so character
offsets are those of the text as stored.
"""

from __future__ import annotations

import dataclasses
from urllib.parse import urlsplit

from newsgraph.records import Document, clean_name

_UNSTORABLE = "\x00"
_FIELDS = ("text", "title", "url", "outlet", "author")
_NAMES = ("title", "outlet", "author")


def storable(document: Document) -> Document:
    """``document`` without NUL characters in any of its strings (with a warning saying how many went), its
    names cleaned (``clean_name``; an empty one becomes None) and its outlet, when it has none, its URL's site."""
    removed = {
        name: value.count(_UNSTORABLE)
        for name in _FIELDS
        if isinstance(value := getattr(document, name), str) and _UNSTORABLE in value
    }
    values: dict[str, str | None] = {name: getattr(document, name) for name in _FIELDS}
    for name in removed:
        values[name] = str(values[name]).replace(_UNSTORABLE, "")
    for name in _NAMES:
        value = values[name]
        values[name] = (clean_name(value) or None) if value is not None else None
    if values["outlet"] is None:
        values["outlet"] = _site(values["url"])
    changes = {name: value for name, value in values.items() if value != getattr(document, name)}
    if not changes:
        return document
    warnings = document.warnings
    if removed:
        total = sum(removed.values())
        warnings += (
            f"{document.origin}: removed {total} NUL character{'s' if total != 1 else ''} from "
            f"{', '.join(removed)} (no database can store them)",
        )
    return dataclasses.replace(document, **changes, warnings=warnings)  # type: ignore[arg-type]


def _site(url: str | None) -> str | None:
    """The host a web address names, without "www." ("https://www.bbc.co.uk/news/x" → "bbc.co.uk")."""
    if not url:
        return None
    try:
        parts = urlsplit(url.strip())
        host = parts.hostname
    except ValueError:
        return None
    if parts.scheme.lower() not in ("http", "https") or not host or "." not in host:
        return None
    return host.removeprefix("www.")


__all__ = ["storable"]
