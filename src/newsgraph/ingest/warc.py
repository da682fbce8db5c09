"""WARC web archives (warcio): each archived HTML page becomes a document, like the HTML reader's."""

from __future__ import annotations

import dataclasses
import datetime as dt
import io
import zlib
from collections.abc import Iterator
from typing import Any

from newsgraph.errors import EmptyInputError, InputFormatError, NewsgraphError
from newsgraph.ingest.base import RecordError, RecordReader
from newsgraph.ingest.dates import parse_date
from newsgraph.ingest.decoding import decode_text
from newsgraph.ingest.html import document_from_html
from newsgraph.records import Document
from newsgraph.settings import Settings

_HTML_TYPES = ("text/html", "application/xhtml+xml")
_TEXT_TYPES = ("text/plain",)
_GZIP = b"\x1f\x8b"
# Besides its own ArchiveLoadFailed, warcio lets these escape on malformed records (found by fuzzing):
# AttributeError from a response record without WARC-Target-URI, and the like.
_WARCIO_SLIPS: tuple[type[Exception], ...] = (AttributeError, TypeError, LookupError)


class WarcReader(RecordReader):
    """A WARC file (``.warc`` or ``.warc.gz``) of crawled pages.

    ``response`` records with status 2xx and ``resource`` records are read when they hold HTML
    (through trafilatura, as the HTML reader does) or plain text; requests, metadata, redirects,
    errors, images and the like are not articles and are skipped. The record's WARC-Target-URI
    is the document's URL; the page's own date is its publication date, else the WARC-Date (the
    capture time: the article was published on or before it). Origin is ``file.warc@OFFSET``.
    A page with no article text becomes a ``RecordError``; the other records are kept.
    """

    name = "warc"
    extensions = (".warc", ".warc.gz")

    def sniff(self, head: bytes) -> bool:
        return head.startswith(b"WARC/")

    def read_records(self, data: bytes, origin: str, settings: Settings) -> Iterator[Document | RecordError]:
        # Imported here: only those who read web archives need warcio.
        from warcio.archiveiterator import ArchiveIterator
        from warcio.exceptions import ArchiveLoadFailed

        if not (data.startswith(b"WARC/") or data.startswith(_GZIP)):
            raise InputFormatError(f"{origin}: not a WARC file (no WARC/1.x header)")
        records = ArchiveIterator(io.BytesIO(data))
        seen = 0
        while True:
            try:
                record = next(records)
                page = _page(record)
                # Only now: finding the record's offset reads the record to its end.
                where = f"{origin}@{records.get_record_offset()}"
            except StopIteration:
                break
            except (ArchiveLoadFailed, ValueError, OSError, EOFError, zlib.error, *_WARCIO_SLIPS) as exc:
                # A damaged record: what came before is kept, nothing after it can be found reliably.
                where = f"{origin}@{getattr(records, 'offset', '?')}"
                if seen == 0:
                    raise InputFormatError(f"{origin}: not a readable WARC file: {_first_line(exc)}") from None
                yield RecordError(
                    where, f"{where}: damaged WARC record, the rest of the file is skipped: {_first_line(exc)}"
                )
                break
            seen += 1
            if page is not None:
                yield _document(page, where)
        if seen == 0:
            raise EmptyInputError(f"{origin}: WARC file has no records")


@dataclasses.dataclass(frozen=True, slots=True)
class _Page:
    """What an article-like WARC record holds."""

    media: str
    payload: bytes
    target: str | None
    captured: dt.date | None


def _page(record: Any) -> _Page | None:
    """The payload of a 2xx HTML or plain-text response or resource, None for anything else."""
    rec_headers = record.rec_headers
    if record.rec_type == "response":
        http = record.http_headers
        if http is None or not (http.get_statuscode() or "").startswith("2"):
            return None
        content_type = http.get_header("Content-Type") or ""
    elif record.rec_type == "resource":
        content_type = rec_headers.get_header("Content-Type") or ""
    else:
        return None
    media = content_type.split(";", 1)[0].strip().lower()
    if media not in _HTML_TYPES + _TEXT_TYPES:
        return None
    return _Page(
        media=media,
        payload=record.content_stream().read(),
        target=(rec_headers.get_header("WARC-Target-URI") or "").strip() or None,
        captured=parse_date(rec_headers.get_header("WARC-Date") or ""),
    )


def _document(page: _Page, where: str) -> Document | RecordError:
    """The document in one page, or a RecordError when it holds no article text."""
    try:
        if page.media in _HTML_TYPES:
            document = document_from_html(page.payload, where)
        else:
            decoded = decode_text(page.payload, where)
            text = decoded.text.replace("\r\n", "\n").replace("\r", "\n")
            if not text.strip():
                return RecordError(where, f"{where}: only whitespace, no text to analyze")
            document = Document(text=text, origin=where, warnings=decoded.warnings(where))
    except NewsgraphError as exc:
        return RecordError(where, str(exc))
    published = document.published or page.captured
    return dataclasses.replace(
        document,
        url=page.target or document.url,
        published=published,
        published_from="metadata" if published else "unknown",
    )


def _first_line(exc: BaseException) -> str:
    text = str(exc).strip()
    return text.splitlines()[0] if text else type(exc).__name__
