"""Reuters-21578 SGML (``.sgm``): one document per ``<REUTERS>`` story that has a ``<BODY>``."""

from __future__ import annotations

import datetime as dt
import html
import re
from collections.abc import Iterator

from newsgraph.errors import EmptyInputError
from newsgraph.ingest.base import RecordError, RecordReader
from newsgraph.ingest.decoding import decode_text
from newsgraph.records import Document
from newsgraph.settings import Settings

OUTLET = "Reuters"

_STORY = re.compile(r"<REUTERS\b([^>]*)>(.*?)</REUTERS>", re.S)
_NEWID = re.compile(r'\bNEWID="(\d+)"')
_DATE = re.compile(r"<DATE>\s*(\d{1,2}-[A-Za-z]{3}-\d{4})")
_TITLE = re.compile(r"<TITLE>(.*?)</TITLE>", re.S)
_BODY = re.compile(r"<BODY>(.*?)</BODY>", re.S)
# The collection marks the end of each text with ETX (&#3;), which is not article text.
_ETX = "\x03"


class ReutersSgmlReader(RecordReader):
    """A Reuters-21578 ``reut2-NNN.sgm`` file.

    Each story with a body becomes a document: the body as text, ``<TITLE>`` as title,
    ``<DATE>`` as the publication date, outlet "Reuters", origin ``file.sgm#NEWID``. Stories
    without a body (headline-only briefs) are not articles and are skipped silently.
    """

    name = "reuters-sgml"
    extensions = (".sgm",)

    def sniff(self, head: bytes) -> bool:
        return b"<REUTERS " in head[:512] or head.lstrip().startswith(b"<!DOCTYPE lewis")

    def read_records(self, data: bytes, origin: str, settings: Settings) -> Iterator[Document | RecordError]:
        decoded = decode_text(data, origin)
        warnings = decoded.warnings(origin)
        stories = 0
        for index, story in enumerate(_STORY.finditer(decoded.text)):
            stories += 1
            newid = _NEWID.search(story.group(1))
            where = f"{origin}#{newid.group(1) if newid else index}"
            body = _BODY.search(story.group(2))
            if body is None:
                continue
            text = html.unescape(body.group(1)).replace(_ETX, "").strip()
            if not text:
                yield RecordError(where, f"{where}: empty <BODY>, no text to analyze")
                continue
            title = _TITLE.search(story.group(2))
            published = _date(story.group(2))
            yield Document(
                text=text,
                origin=where,
                title=html.unescape(title.group(1)).strip() or None if title else None,
                outlet=OUTLET,
                published=published,
                published_from="metadata" if published else "unknown",
                warnings=warnings,
            )
        if not stories:
            raise EmptyInputError(f"{origin}: no <REUTERS> story in this SGML file")


def _date(story: str) -> dt.date | None:
    found = _DATE.search(story)
    if found is None:
        return None
    try:
        return dt.datetime.strptime(found.group(1).title(), "%d-%b-%Y").date()
    except ValueError:
        return None
