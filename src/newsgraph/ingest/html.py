"""HTML pages: the article body and its metadata through trafilatura."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator

from newsgraph.errors import EmptyInputError
from newsgraph.ingest.base import Reader
from newsgraph.ingest.decoding import SNIFF_BYTES, decode_text
from newsgraph.records import Document
from newsgraph.settings import Settings

# An optional XML declaration and comments, then the opening of an HTML document.
_HTML_START = re.compile(
    rb"^\s*(?:<\?xml[^>]*>\s*)?(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html|head|body)\b", re.I | re.S
)
_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.I)
# trafilatura falls back to any text it finds, so a page of menu links yields "Home World Sport".
# Article text has at least one line that reads like a sentence (six words); navigation does not.
# Possessive quantifiers and the word boundary keep this linear: a lazy ``^.*?`` prefix backtracked
# quadratically on a long line without six words (8,000 letters took a second, 1 MB hours).
_PROSE_LINE = re.compile(r"\b\w++(?:[^\w\n]++\w++){5}")
# Only the page's own metadata and URL, not dates guessed from the body: those are
# "inferred from the text", which the time extractor does and reports as such.
_DATE_PARAMS = {"extensive_search": False, "original_date": True}


class HtmlReader(Reader):
    """A web page: body text, title, author, site name (outlet), date and canonical URL."""

    name = "html"
    extensions = (".html", ".htm", ".xhtml", ".shtml")

    def sniff(self, head: bytes) -> bool:
        return _HTML_START.match(head.removeprefix(b"\xef\xbb\xbf")) is not None

    def read(self, data: bytes, origin: str, settings: Settings) -> Iterator[Document]:
        yield document_from_html(data, origin)


def document_from_html(data: bytes, origin: str) -> Document:
    """The article in one HTML page: body text and the page's own metadata, through trafilatura.

    Also the building block of container readers (WARC records).

    Raises:
        EmptyInputError: the page has no article text (only navigation, or nothing).
        BinaryInputError: the bytes are not text.
    """
    # Imported here: trafilatura pulls in lxml and friends, which an import of newsgraph should not pay for.
    import trafilatura

    declared = _META_CHARSET.search(data[:SNIFF_BYTES])
    decoded = decode_text(data, origin, declared.group(1).decode("ascii") if declared else None)
    extracted = trafilatura.bare_extraction(
        decoded.text, with_metadata=True, include_comments=False, date_extraction_params=_DATE_PARAMS
    )
    text = (getattr(extracted, "text", None) or "").strip()
    if not text or not _PROSE_LINE.search(text):
        raise EmptyInputError(f"{origin}: no article text found in this HTML page")
    published = _date(getattr(extracted, "date", None))
    return Document(
        text=text,
        origin=origin,
        title=_clean(getattr(extracted, "title", None)),
        url=_clean(getattr(extracted, "url", None)),
        outlet=_clean(getattr(extracted, "sitename", None)),
        author=_clean(getattr(extracted, "author", None)),
        published=published,
        published_from="metadata" if published else "unknown",
        warnings=decoded.warnings(origin),
    )


def _clean(value: object) -> str | None:
    return value.strip() or None if isinstance(value, str) else None


def _date(value: object) -> dt.date | None:
    # trafilatura gives YYYY-MM-DD; anything else is not a date we can trust.
    if not isinstance(value, str):
        return None
    try:
        return dt.date.fromisoformat(value[:10])
    except ValueError:
        return None
