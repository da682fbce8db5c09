"""From paths to documents: the adapter between the readers and the ingest loop."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from newsgraph.batch.partition import Failed
from newsgraph.errors import NewsgraphError
from newsgraph.ingest import RecordError, iter_paths, read_path_records
from newsgraph.ingest.files import SkipHandler
from newsgraph.records import Document
from newsgraph.settings import Settings


@dataclass(frozen=True, slots=True)
class InputFile:
    """One file to ingest and its size, which weighs it in the progress estimate."""

    path: Path
    size: int


def list_inputs(paths: Iterable[str | Path], on_skip: SkipHandler | None = None) -> list[InputFile]:
    """The files under ``paths`` (folders expanded by the readers' registry), with their sizes.

    Files of a folder that no reader takes go to ``on_skip`` with the reason.
    """
    files = []
    for path in iter_paths(paths, on_skip=on_skip):
        try:
            size = path.stat().st_size if path.is_file() else 0
        except OSError:
            size = 0
        files.append(InputFile(path, size))
    return files


def read_documents(file: InputFile, settings: Settings) -> list[Document] | Failed:
    """The documents in one file, or why there are none (a bad record fails the whole file)."""
    records = read_records(file, settings)
    if isinstance(records, Failed):
        return records
    failed = next((r for r in records if isinstance(r, Failed)), None)
    return failed if failed is not None else [r for r in records if isinstance(r, Document)]


def read_records(file: InputFile, settings: Settings) -> list[Document | Failed] | Failed:
    """The documents in one file with a ``Failed`` in place of each bad record, or why the file has none."""
    try:
        records = read_path_records(file.path, settings)
    except NewsgraphError as exc:
        return Failed(str(file.path), str(exc))
    return [Failed(r.origin, r.reason) if isinstance(r, RecordError) else r for r in records]


def iter_documents(
    files: Iterable[InputFile], settings: Settings
) -> Iterator[tuple[InputFile, list[Document | Failed] | Failed]]:
    """Each file with its records (documents, and failed records in place) or its failure, in order."""
    for file in files:
        yield file, read_records(file, settings)
