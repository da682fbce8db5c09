"""Reading Reuters-21578 bodies for benchmarks through newsgraph's own SGML reader.

The corpus lives in ../shared, never in the project.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path

from newsgraph.ingest.reuters import ReutersSgmlReader
from newsgraph.records import Document
from newsgraph.settings import Settings

REUTERS = Path(__file__).resolve().parents[1].parent / "shared" / "data" / "corpus" / "reuters21578" / "data"


def reuters_files(directory: Path = REUTERS) -> list[Path]:
    """The ``reut2-*.sgm`` files in order.

    Raises:
        FileNotFoundError: the corpus is not at ``directory``.
    """
    files = sorted(directory.glob("reut2-*.sgm"))
    if not files:
        raise FileNotFoundError(f"no reut2-*.sgm files in {directory}")
    return files


def reuters_documents(directory: Path = REUTERS, limit: int | None = None) -> Iterator[Document]:
    """Every story with a body as the ingest reader makes it, in file order."""
    reader = ReutersSgmlReader()
    count = 0
    for file in reuters_files(directory):
        for document in reader.read(file.read_bytes(), file.name, Settings()):
            yield document
            count += 1
            if limit is not None and count >= limit:
                return


def reuters_stories(directory: Path = REUTERS, limit: int | None = None) -> Iterator[tuple[dt.date | None, str, str]]:
    """Yield ``(date, title, body)`` for every story with a body, in file order."""
    for document in reuters_documents(directory, limit):
        yield document.published, document.title or "", document.text
