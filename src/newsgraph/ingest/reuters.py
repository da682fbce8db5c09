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

# Elements are found with str.find, not lazy ``(.*?)</X>`` regexes: those rescan to the end of the file
# from every opening tag that has no closing one, quadratic time on a truncated or hostile file.
_STORY_OPEN = re.compile(r"<REUTERS\b([^<>]*)>")
_NEWID = re.compile(r'\bNEWID="(\d+)"')
_DATE = re.compile(r"<DATE>\s*(\d{1,2}-[A-Za-z]{3}-\d{4})")
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
        for index, (attributes, story) in enumerate(_stories(decoded.text)):
            stories += 1
            newid = _NEWID.search(attributes)
            where = f"{origin}#{newid.group(1) if newid else index}"
            body = _element(story, "BODY")
            if body is None:
                continue
            text = html.unescape(body).replace(_ETX, "").strip()
            if not text:
                yield RecordError(where, f"{where}: empty <BODY>, no text to analyze")
                continue
            title = _element(story, "TITLE")
            published = _date(story)
            yield Document(
                text=text,
                origin=where,
                title=html.unescape(title).strip() or None if title is not None else None,
                outlet=OUTLET,
                published=published,
                published_from="metadata" if published else "unknown",
                warnings=warnings,
            )
        if not stories:
            raise EmptyInputError(f"{origin}: no <REUTERS> story in this SGML file")


def _stories(text: str) -> Iterator[tuple[str, str]]:
    """Each ``<REUTERS attributes>content</REUTERS>``, as (attributes, content), in one pass."""
    position = 0
    while (opening := _STORY_OPEN.search(text, position)) is not None:
        end = text.find("</REUTERS>", opening.end())
        if end < 0:
            return  # no later story can be closed either
        yield opening.group(1), text[opening.end() : end]
        position = end + len("</REUTERS>")


def _element(story: str, tag: str) -> str | None:
    """The content of the first ``<TAG>...</TAG>`` in ``story``, None when there is none."""
    start = story.find(f"<{tag}>")
    if start < 0:
        return None
    start += len(tag) + 2
    end = story.find(f"</{tag}>", start)
    return story[start:end] if end >= 0 else None


def _date(story: str) -> dt.date | None:
    found = _DATE.search(story)
    if found is None:
        return None
    try:
        return dt.datetime.strptime(found.group(1).title(), "%d-%b-%Y").date()
    except ValueError:
        return None
