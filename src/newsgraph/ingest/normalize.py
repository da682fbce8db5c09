"""One normalisation of every input, at the reader boundary: what no database can store is removed, and said.

PostgreSQL text cannot hold NUL (U+0000) and SQLite cuts strings at it in places, so a NUL in a scraped
page or a JSON field would store on one backend and lose the article on the other. Every reader's
documents, and every document the API builds, pass through ``storable`` before analysis, so character
offsets are those of the text as stored.
"""

from __future__ import annotations

import dataclasses

from newsgraph.records import Document

_UNSTORABLE = "\x00"
_FIELDS = ("text", "title", "url", "outlet", "author")


def storable(document: Document) -> Document:
    """``document`` without NUL characters in any of its strings, with a warning saying how many went."""
    removed = {
        name: value.count(_UNSTORABLE)
        for name in _FIELDS
        if isinstance(value := getattr(document, name), str) and _UNSTORABLE in value
    }
    if not removed:
        return document
    changes = {name: getattr(document, name).replace(_UNSTORABLE, "") for name in removed}
    total = sum(removed.values())
    warning = (
        f"{document.origin}: removed {total} NUL character{'s' if total != 1 else ''} from "
        f"{', '.join(removed)} (no database can store them)"
    )
    return dataclasses.replace(document, **changes, warnings=(*document.warnings, warning))


__all__ = ["storable"]
