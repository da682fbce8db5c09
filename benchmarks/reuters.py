"""Reading Reuters-21578 SGML bodies for benchmarks (the corpus lives in ../shared, never in the project)."""

from __future__ import annotations

import datetime as dt
import html
import re
from collections.abc import Iterator
from pathlib import Path

REUTERS = Path(__file__).resolve().parents[1].parent / "shared" / "data" / "corpus" / "reuters21578" / "data"

_STORY = re.compile(r"<REUTERS\b.*?</REUTERS>", re.S)
_DATE = re.compile(r"<DATE>\s*(\d{1,2}-[A-Z]{3}-\d{4})")
_TITLE = re.compile(r"<TITLE>(.*?)</TITLE>", re.S)
_BODY = re.compile(r"<BODY>(.*?)</BODY>", re.S)


def reuters_stories(directory: Path = REUTERS, limit: int | None = None) -> Iterator[tuple[dt.date | None, str, str]]:
    """Yield ``(date, title, body)`` for every story with a body, in file order.

    Raises:
        FileNotFoundError: the corpus is not at ``directory``.
    """
    files = sorted(directory.glob("reut2-*.sgm"))
    if not files:
        raise FileNotFoundError(f"no reut2-*.sgm files in {directory}")
    count = 0
    for file in files:
        # The collection is ASCII with a few stray bytes; latin-1 never fails.
        for story in _STORY.findall(file.read_text(encoding="latin-1")):
            body = _BODY.search(story)
            if not body:
                continue
            date = _DATE.search(story)
            title = _TITLE.search(story)
            yield (
                dt.datetime.strptime(date.group(1).title(), "%d-%b-%Y").date() if date else None,
                html.unescape(title.group(1)).strip() if title else "",
                html.unescape(body.group(1)).replace("\x03", "").strip(),
            )
            count += 1
            if limit is not None and count >= limit:
                return
