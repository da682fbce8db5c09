"""Reading inputs from paths, folders, bytes and standard input, within the size limit."""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import BinaryIO

from newsgraph.errors import EmptyInputError, InputError, InputFormatError, InputNotFoundError, InputTooLargeError
from newsgraph.ingest.base import RecordError
from newsgraph.ingest.decoding import SNIFF_BYTES
from newsgraph.ingest.normalize import storable
from newsgraph.ingest.registry import ReaderRegistry, registry
from newsgraph.records import Document
from newsgraph.settings import Settings

STDIN = "-"


UNSUPPORTED = "unsupported file type"

SkipHandler = Callable[[Path, str], None]
"""Told of each file a folder holds that no reader takes, with the reason (``UNSUPPORTED``)."""


def iter_paths(
    paths: Iterable[str | Path], readers: ReaderRegistry = registry, *, on_skip: SkipHandler | None = None
) -> Iterator[Path]:
    """Expand folders into the supported files inside them (recursively, sorted, hidden ones skipped).

    Files named explicitly are yielded whatever their extension (their content decides the reader);
    missing paths are yielded too, so that reading them reports the error in order. A folder with no
    supported file is yielded itself, and reading it says so. A file of a folder that no reader takes
    is passed to ``on_skip``, so that nothing is left out without a word.
    """
    for item in paths:
        path = Path(item)
        if not path.is_dir():
            yield path
            continue
        found = False
        for root, dirs, files in os.walk(path):
            # Sorted in place so the walk, and the output order, is the same on every machine.
            dirs[:] = sorted(d for d in dirs if not d.startswith("."))
            for name in sorted(files):
                candidate = Path(root, name)
                if name.startswith("."):
                    continue
                if readers.supports(candidate):
                    found = True
                    yield candidate
                elif on_skip is not None:
                    on_skip(candidate, UNSUPPORTED)
        if not found:
            yield path


def read_path(path: str | Path, settings: Settings, readers: ReaderRegistry = registry) -> list[Document]:
    """Read the documents in one file (``-`` is standard input); a bad record fails the whole file.

    ``read_path_records`` keeps the good records of a multi-record file instead.

    The file's size is checked before it is read, so a huge file costs nothing.

    Raises:
        InputNotFoundError: no such file.
        InputTooLargeError: over ``settings.max_input_bytes``.
        EmptyInputError, BinaryInputError, InputFormatError: see the readers.
        InputError: the file cannot be read (permissions, a folder without supported files).
    """
    return _documents(read_path_records(path, settings, readers))


def read_path_records(
    path: str | Path, settings: Settings, readers: ReaderRegistry = registry
) -> list[Document | RecordError]:
    """Read one file into documents and, for multi-record formats, a ``RecordError`` per bad record.

    Raises:
        InputError: the file as a whole cannot be read (see ``read_path``).
    """
    if str(path) == STDIN:
        import sys

        return read_stream_records(sys.stdin.buffer, STDIN, settings, readers)
    path = Path(path)
    origin = str(path)
    try:
        if path.is_dir():
            raise EmptyInputError(f"{origin}: folder has no supported files ({', '.join(readers.extensions())})")
        size = path.stat().st_size
        if size > settings.max_input_bytes:
            raise _too_large(origin, size, settings)
        with path.open("rb") as stream:
            return read_stream_records(stream, origin, settings, readers, path=path)
    except FileNotFoundError:
        raise InputNotFoundError(f"{origin}: no such file or folder") from None
    except OSError as exc:
        raise InputError(f"{origin}: cannot read: {exc.strerror or exc}") from None


def read_stream(
    stream: BinaryIO,
    origin: str,
    settings: Settings,
    readers: ReaderRegistry = registry,
    *,
    path: Path | None = None,
) -> list[Document]:
    """Read the documents from a binary stream, stopping at one byte over the size limit.

    Raises:
        InputTooLargeError: the stream holds more than ``settings.max_input_bytes``.
    """
    return _documents(read_stream_records(stream, origin, settings, readers, path=path))


def read_stream_records(
    stream: BinaryIO,
    origin: str,
    settings: Settings,
    readers: ReaderRegistry = registry,
    *,
    path: Path | None = None,
) -> list[Document | RecordError]:
    """``read_stream`` keeping the good records of a multi-record input (see ``read_path_records``)."""
    data = stream.read(settings.max_input_bytes + 1)
    if len(data) > settings.max_input_bytes:
        raise _too_large(origin, None, settings)
    return read_bytes_records(data, origin, settings, readers, path=path)


def read_bytes(
    data: bytes,
    origin: str,
    settings: Settings,
    readers: ReaderRegistry = registry,
    *,
    path: Path | None = None,
) -> list[Document]:
    """Read the documents in ``data``, choosing the reader by ``path``'s name, else by content.

    Args:
        data: the input's bytes.
        origin: the input's name for messages and ``Document.origin``.
        settings: the run's settings (``max_input_bytes``).
        readers: where to find readers.
        path: the file name, when there is one, for format detection.

    Raises:
        InputTooLargeError, EmptyInputError, BinaryInputError, InputFormatError: see ``read_path``.
    """
    return _documents(read_bytes_records(data, origin, settings, readers, path=path))


def read_bytes_records(
    data: bytes,
    origin: str,
    settings: Settings,
    readers: ReaderRegistry = registry,
    *,
    path: Path | None = None,
) -> list[Document | RecordError]:
    """``read_bytes`` keeping the good records of a multi-record input (see ``read_path_records``)."""
    if len(data) > settings.max_input_bytes:
        raise _too_large(origin, len(data), settings)
    if not data.strip():
        raise EmptyInputError(f"{origin}: empty input, no text to analyze")
    reader = readers.detect(path, data[:SNIFF_BYTES])
    return [storable(r) if isinstance(r, Document) else r for r in reader.read_records(data, origin, settings)]


def _documents(records: list[Document | RecordError]) -> list[Document]:
    """The documents, failing at the first bad record (the strict reading)."""
    for record in records:
        if isinstance(record, RecordError):
            raise InputFormatError(record.reason)
    return [r for r in records if isinstance(r, Document)]


def _too_large(origin: str, size: int | None, settings: Settings) -> InputTooLargeError:
    amount = f"{size:,} bytes" if size is not None else "more bytes than that"
    return InputTooLargeError(
        f"{origin}: {amount} is over the input limit of {settings.max_input_bytes:,} bytes "
        "(raise it with NEWSGRAPH_MAX_INPUT_BYTES)"
    )
