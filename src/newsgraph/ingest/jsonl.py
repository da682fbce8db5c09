"""JSON Lines: one article object per line (``.jsonl``, ``.ndjson``); a bad line fails alone."""

from __future__ import annotations

import json
from collections.abc import Iterator

from newsgraph.errors import EmptyInputError, NewsgraphError
from newsgraph.ingest.base import RecordError, RecordReader
from newsgraph.ingest.decoding import decode_text
from newsgraph.ingest.json_object import document_from_json
from newsgraph.records import Document
from newsgraph.settings import Settings


class JsonLinesReader(RecordReader):
    """One JSON article object per line, as ``newsgraph export --format jsonl`` writes them.

    Blank lines are skipped. A line that is not valid JSON, or not a valid article object,
    becomes a ``RecordError`` naming its line number; the other lines are kept.
    """

    name = "jsonl"
    extensions = (".jsonl", ".ndjson")

    def read_records(self, data: bytes, origin: str, settings: Settings) -> Iterator[Document | RecordError]:
        decoded = decode_text(data, origin)
        warnings = decoded.warnings(origin)
        found = False
        # split("\n") rather than splitlines(): a JSON string may hold U+2028, which splitlines breaks on.
        for number, line in enumerate(decoded.text.split("\n"), start=1):
            if not line.strip():
                continue
            found = True
            where = f"{origin}:{number}"
            try:
                value = json.loads(line)
            except json.JSONDecodeError as exc:
                yield RecordError(where, f"{where}: malformed JSON: {exc.msg} (column {exc.colno})")
                continue
            except RecursionError:
                yield RecordError(where, f"{where}: malformed JSON: nested too deeply")
                continue
            except ValueError as exc:
                # A value Python refuses, e.g. an integer of more than 4300 digits.
                yield RecordError(where, f"{where}: malformed JSON: {str(exc).splitlines()[0]}")
                continue
            try:
                yield document_from_json(value, where, warnings)
            except NewsgraphError as exc:
                yield RecordError(where, str(exc))
        if not found:
            raise EmptyInputError(f"{origin}: no JSON lines, no article to analyze")
