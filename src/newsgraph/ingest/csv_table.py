"""CSV: one article per row, ``url,date,title,text`` (the WikiNews layout) or a header with similar names."""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterator

from newsgraph.errors import EmptyInputError, InputFormatError
from newsgraph.ingest.base import RecordError, RecordReader
from newsgraph.ingest.dates import parse_date
from newsgraph.ingest.decoding import decode_text
from newsgraph.records import Document
from newsgraph.settings import Settings

# Header names (lower-cased, spaces/dashes as underscores) that mean each field; the first found wins.
COLUMN_NAMES: dict[str, tuple[str, ...]] = {
    "text": ("text", "body", "content", "article", "article_text", "story", "maintext"),
    "title": ("title", "headline", "heading"),
    "url": ("url", "link", "uri", "source_url"),
    "published": ("published", "date", "pubdate", "pub_date", "publication_date", "published_at", "datetime", "time"),
    "outlet": ("outlet", "source", "publisher", "site", "sitename", "site_name", "newspaper", "domain"),
    "author": ("author", "authors", "byline", "writer"),
}
_NORMALISE = re.compile(r"[\s\-]+")


class CsvReader(RecordReader):
    """A table with a header row naming at least a text column (``text``, ``body``, ``content``, ...).

    Other columns are matched by name to title, URL, publication date, outlet and author; unknown
    columns are ignored. The delimiter (comma, semicolon, tab) is detected. A row with no text or an
    unreadable date becomes a ``RecordError`` naming the line it starts on; the other rows are kept.
    """

    name = "csv"
    extensions = (".csv", ".tsv")

    def read_records(self, data: bytes, origin: str, settings: Settings) -> Iterator[Document | RecordError]:
        decoded = decode_text(data, origin)
        warnings = decoded.warnings(origin)
        text = decoded.text.removeprefix("\ufeff")
        # The delimiter is the candidate most frequent in the header line; the rest is Excel's dialect
        # (csv.Sniffer guesses quoting from the body and gets doubled quotes in long texts wrong).
        header_line = text.split("\n", 1)[0]
        delimiter = max(",;\t", key=header_line.count)
        # Article bodies are long fields; the default limit (128 KiB) would refuse some.
        csv.field_size_limit(max(settings.max_input_bytes, csv.field_size_limit()))
        rows = csv.reader(io.StringIO(text, newline=""), csv.excel, delimiter=delimiter)
        try:
            header = next(rows)
        except StopIteration:
            raise EmptyInputError(f"{origin}: empty CSV, no article to analyze") from None
        except csv.Error as exc:
            raise InputFormatError(f"{origin}: malformed CSV header: {exc}") from None
        columns = _columns(header, origin)
        found = False
        line = rows.line_num
        while True:
            start = line + 1
            where = f"{origin}:{start}"
            try:
                row = next(rows)
            except StopIteration:
                break
            except csv.Error as exc:
                # The reader cannot resynchronise after a broken quote: the rest of the file is lost.
                yield RecordError(where, f"{where}: malformed CSV: {exc}")
                found = True
                break
            line = rows.line_num
            if not any(cell.strip() for cell in row):
                continue
            found = True
            yield _document(row, columns, where, warnings)
        if not found:
            raise EmptyInputError(f"{origin}: CSV has a header but no rows, no article to analyze")


def _columns(header: list[str], origin: str) -> dict[str, int]:
    names = [_NORMALISE.sub("_", h.strip().lower()) for h in header]
    columns: dict[str, int] = {}
    for field, accepted in COLUMN_NAMES.items():
        index = next((names.index(n) for n in accepted if n in names), None)
        if index is not None:
            columns[field] = index
    if "text" not in columns:
        raise InputFormatError(
            f"{origin}: no text column in the CSV header (expected one of: {', '.join(COLUMN_NAMES['text'])}; "
            f"found: {_one_line(', '.join(header))[:120]})"
        )
    return columns


def _document(row: list[str], columns: dict[str, int], where: str, warnings: tuple[str, ...]) -> Document | RecordError:
    values = {field: (row[i].strip() if i < len(row) else "") for field, i in columns.items()}
    # Line endings inside a quoted field are normalised so offsets mean the same everywhere.
    text = row[columns["text"]].replace("\r\n", "\n").replace("\r", "\n") if columns["text"] < len(row) else ""
    if not text.strip():
        return RecordError(where, f"{where}: empty text, no article to analyze")
    published = None
    if values.get("published"):
        published = parse_date(values["published"])
        if published is None:
            return RecordError(where, f'{where}: unreadable date "{_one_line(values["published"])[:40]}"')
    return Document(
        text=text,
        origin=where,
        title=values.get("title") or None,
        url=values.get("url") or None,
        outlet=values.get("outlet") or None,
        author=values.get("author") or None,
        published=published,
        published_from="metadata" if published else "unknown",
        warnings=warnings,
    )


def _one_line(value: str) -> str:
    """A cell quoted in a message: a quoted CSV cell may span lines, a message must not."""
    return " ".join(value.split())
