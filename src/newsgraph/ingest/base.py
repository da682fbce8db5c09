"""The one interface every input reader implements; a new input format is one module with one subclass."""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import PurePath
from typing import ClassVar

from newsgraph.errors import InputFormatError
from newsgraph.records import Document
from newsgraph.settings import Settings


@dataclass(frozen=True, slots=True)
class RecordError:
    """One record of a multi-record input (a JSON Lines line, a CSV row, a feed entry) that could not be read.

    The other records of the input are kept. ``origin`` names the record (``feed.jsonl:7``);
    ``reason`` is the one-line message, starting with that origin.
    """

    origin: str
    reason: str


class Reader(ABC):
    """Turns the bytes of one input into one or more ``Document``s.

    Subclasses set ``name`` and ``extensions``, implement ``read``, and may override ``sniff`` so
    inputs without a telling file name (standard input, ``article.dat``) are recognised by content.
    They are listed in ``newsgraph.ingest.registry``.

    Attributes:
        name: short format name shown to users ("text", "html", "json").
        extensions: lower-case file name endings this reader claims, with the dot (".html").
    """

    name: ClassVar[str]
    extensions: ClassVar[tuple[str, ...]] = ()

    def claims(self, path: PurePath) -> bool:
        """Whether the file name alone says this reader's format."""
        name = path.name.lower()
        return any(name.endswith(ext) for ext in self.extensions)

    def sniff(self, head: bytes) -> bool:
        """Whether the first bytes of an input look like this reader's format."""
        return False

    def matches(self, path: PurePath | None, head: bytes) -> bool:
        """Whether this reader should read an input, by file name, else by content."""
        return (path is not None and self.claims(path)) or self.sniff(head)

    @abstractmethod
    def read(self, data: bytes, origin: str, settings: Settings) -> Iterator[Document]:
        """Yield the documents in ``data``.

        Args:
            data: the whole input (already checked against ``settings.max_input_bytes``).
            origin: the input's name for messages and ``Document.origin``.
            settings: the run's settings.

        Raises:
            InputError: the input is empty, binary, or malformed for this format; the message names ``origin``.
        """

    def read_records(self, data: bytes, origin: str, settings: Settings) -> Iterator[Document | RecordError]:
        """Yield the documents in ``data`` and, for inputs of many records, a ``RecordError`` per bad record.

        The default is ``read``: a single-document format fails (raises) as a whole.

        Raises:
            InputError: the input as a whole cannot be read (see ``read``).
        """
        yield from self.read(data, origin, settings)


class RecordReader(Reader):
    """A reader of inputs holding many independent records: one bad record fails alone.

    Subclasses implement ``read_records``; ``read`` is its strict form, for callers that want
    documents only (it raises at the first bad record).
    """

    @abstractmethod
    def read_records(self, data: bytes, origin: str, settings: Settings) -> Iterator[Document | RecordError]:
        """Yield each record's ``Document``, or a ``RecordError`` for a record that cannot be read.

        Raises:
            InputError: the input as a whole is empty or unreadable (no record could even be found).
        """

    def read(self, data: bytes, origin: str, settings: Settings) -> Iterator[Document]:
        for record in self.read_records(data, origin, settings):
            if isinstance(record, RecordError):
                raise InputFormatError(record.reason)
            yield record
