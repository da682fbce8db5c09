"""RSS and Atom feed files (feedparser): each entry with content becomes a document."""

from __future__ import annotations

import datetime as dt
import re
import time
from collections.abc import Iterator, Mapping
from typing import Any

from newsgraph.errors import EmptyInputError, InputFormatError
from newsgraph.ingest.base import RecordError, RecordReader
from newsgraph.ingest.markup import html_to_text
from newsgraph.records import Document
from newsgraph.settings import Settings

# An optional BOM, XML declaration, comments and processing instructions, then a feed's root element.
_FEED_START = re.compile(rb"^(?:\xef\xbb\xbf)?\s*(?:<\?[^>]*\?>\s*|<!--.*?-->\s*)*<(?:rss|feed|rdf:RDF)\b", re.S | re.I)


# Numeric character references: feedparser's loose parser turns them into characters with chr() and
# UTF-8, so a surrogate (&#xD800;) or an out-of-range one (&#1114112;) raised instead of being reported.
_CHARREF = re.compile(rb"&#(?:[xX]([0-9a-fA-F]+)|([0-9]+))")
_REPLACEMENT = b"&#xFFFD"


class FeedReader(RecordReader):
    """An RSS 0.9x/1.0/2.0 or Atom feed saved as a file.

    Each entry becomes a document: its full content when the feed carries it, else its
    summary, as plain text; its link as URL, its published (else updated) date, its title and
    author, and the feed's title as outlet. An entry without any text becomes a ``RecordError``
    naming the entry (``feed.rss#3``); the other entries are kept.
    """

    name = "feed"
    extensions = (".rss", ".atom", ".rdf")

    def sniff(self, head: bytes) -> bool:
        return _FEED_START.match(head) is not None

    def read_records(self, data: bytes, origin: str, settings: Settings) -> Iterator[Document | RecordError]:
        # Imported here: feedparser is only needed by those who read feeds.
        import feedparser

        try:
            parsed = feedparser.parse(_CHARREF.sub(_valid_charref, data))
        except Exception as exc:
            # feedparser means to report, not raise (``bozo``); on malformed input its loose parser
            # still raises now and then (ValueError, KeyError on a context it never opened, ...):
            # whatever it raises, the input is a malformed feed, not a crash.
            raise InputFormatError(f"{origin}: malformed feed: {type(exc).__name__}: {_first_line(exc)}") from None
        entries: list[Mapping[str, Any]] = list(parsed.get("entries") or [])
        if not entries:
            if parsed.get("bozo"):
                problem = str(parsed.get("bozo_exception") or "not a feed").splitlines()[0]
                raise InputFormatError(f"{origin}: malformed feed: {problem}")
            raise EmptyInputError(f"{origin}: feed has no entries, no article to analyze")
        outlet = _clean(parsed.get("feed", {}).get("title"))
        for number, entry in enumerate(entries, start=1):
            where = f"{origin}#{number}"
            text = html_to_text(_content(entry))
            if not text:
                yield RecordError(where, f"{where}: entry has no content or summary, no text to analyze")
                continue
            published = _date(entry.get("published_parsed") or entry.get("updated_parsed"))
            yield Document(
                text=text,
                origin=where,
                title=_clean(entry.get("title")),
                url=_clean(entry.get("link")),
                outlet=outlet,
                author=_clean(entry.get("author")),
                published=published,
                published_from="metadata" if published else "unknown",
            )


def _content(entry: Mapping[str, Any]) -> str:
    """The entry's longest full content, else its summary."""
    contents = [c.get("value") or "" for c in entry.get("content") or [] if isinstance(c, Mapping)]
    best = max(contents, key=len, default="")
    summary = entry.get("summary") or ""
    return best if len(best) >= len(summary) else str(summary)


def _date(value: object) -> dt.date | None:
    # feedparser normalises every date format it knows to a UTC struct_time.
    if isinstance(value, time.struct_time):
        try:
            return dt.date(value.tm_year, value.tm_mon, value.tm_mday)
        except ValueError:
            return None
    return None


def _clean(value: object) -> str | None:
    return " ".join(value.split()) or None if isinstance(value, str) else None


def _valid_charref(found: re.Match[bytes]) -> bytes:
    """The reference itself when it names a character, else one to U+FFFD (as an HTML5 parser does)."""
    digits = (found.group(1) or found.group(2)).lstrip(b"0")
    # Seven digits already exceed U+10FFFF in either base; int() of a long run would also hit Python's limit.
    if len(digits) > 7:
        return _REPLACEMENT
    code = int(digits or b"0", 16 if found.group(1) is not None else 10)
    return found.group(0) if 0 < code <= 0x10FFFF and not 0xD800 <= code <= 0xDFFF else _REPLACEMENT


def _first_line(exc: BaseException) -> str:
    text = str(exc).strip()
    return text.splitlines()[0] if text else type(exc).__name__
