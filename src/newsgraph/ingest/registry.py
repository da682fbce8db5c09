"""The list of readers and how an input is matched to one.

A new format is a ``Reader`` subclass in its own module, added to ``DEFAULT_READERS``
(or registered at run time with ``registry.register``).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from pathlib import PurePath

from newsgraph.ingest.base import Reader
from newsgraph.ingest.csv_table import CsvReader
from newsgraph.ingest.feed import FeedReader
from newsgraph.ingest.html import HtmlReader
from newsgraph.ingest.json_object import JsonReader
from newsgraph.ingest.jsonl import JsonLinesReader
from newsgraph.ingest.reuters import ReutersSgmlReader
from newsgraph.ingest.text import TextReader
from newsgraph.ingest.warc import WarcReader


class ReaderRegistry:
    """An ordered set of readers: the file name decides first, then content sniffing, in order."""

    def __init__(self, readers: Iterable[Reader] = ()) -> None:
        self._readers: list[Reader] = list(readers)

    def register(self, reader: Reader, *, first: bool = False) -> None:
        """Add ``reader``; ``first`` puts it ahead of the others when sniffing content."""
        self._readers = [r for r in self._readers if r.name != reader.name]
        if first:
            self._readers.insert(0, reader)
        else:
            self._readers.append(reader)

    def __iter__(self) -> Iterator[Reader]:
        return iter(self._readers)

    def get(self, name: str) -> Reader | None:
        """The reader called ``name``, if registered."""
        return next((r for r in self._readers if r.name == name), None)

    def supports(self, path: PurePath) -> bool:
        """Whether some reader claims this file name (used to pick files out of a folder)."""
        return any(r.claims(path) for r in self._readers)

    def extensions(self) -> tuple[str, ...]:
        """Every file name ending some reader claims."""
        return tuple(ext for r in self._readers for ext in r.extensions)

    def detect(self, path: PurePath | None, head: bytes) -> Reader:
        """The reader for an input: the one claiming its file name, else the first whose sniff accepts ``head``.

        Raises:
            InputFormatError: no reader accepts it (only when no catch-all reader is registered).
        """
        if path is not None:
            for reader in self._readers:
                if reader.claims(path):
                    return reader
        for reader in self._readers:
            if reader.sniff(head):
                return reader
        from newsgraph.errors import InputFormatError

        where = str(path) if path is not None else "input"
        raise InputFormatError(f"{where}: unknown format (supported: {', '.join(self.extensions())})")


# Sniffing order: specific formats before plain text, which accepts anything. Feeds and Reuters SGML
# are sniffed before HTML and JSON, whose sniffing is looser; CSV and JSON Lines are known by name only.
DEFAULT_READERS: tuple[type[Reader], ...] = (
    WarcReader,
    FeedReader,
    ReutersSgmlReader,
    HtmlReader,
    JsonReader,
    JsonLinesReader,
    CsvReader,
    TextReader,
)

registry = ReaderRegistry(cls() for cls in DEFAULT_READERS)
