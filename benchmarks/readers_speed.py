"""Reader throughput: 200 Reuters-21578 bodies read as plain text, JSON objects and minimal HTML pages.

Readers run before the spaCy pipeline, so they are outside the analysis speed budget; this shows
what they add to a run of ``analyze`` or ``ingest``.

    .venv/bin/python benchmarks/readers_speed.py
"""

from __future__ import annotations

import html
import json
import re
import time
from collections.abc import Callable
from pathlib import Path

from newsgraph.ingest import read_bytes
from newsgraph.settings import Settings

SGM = Path(__file__).resolve().parents[2] / "shared" / "data" / "corpus" / "reuters21578" / "data" / "reut2-000.sgm"


def as_html(body: str) -> bytes:
    paragraphs = "".join(f"<p>{html.escape(line)}</p>" for line in body.split("\n"))
    page = f"<!DOCTYPE html><html><head><title>T</title></head><body><article>{paragraphs}</article></body></html>"
    return page.encode()


def main(count: int = 200) -> None:
    raw = SGM.read_text(encoding="latin-1")
    bodies = [html.unescape(body) for body in re.findall(r"<BODY>(.*?)</BODY>", raw, re.S)][:count]
    settings = Settings()
    formats: dict[str, Callable[[str], bytes]] = {
        "text": str.encode,
        "json": lambda body: json.dumps({"text": body}).encode(),
        "html": as_html,
    }
    for name, make in formats.items():
        inputs = [make(body) for body in bodies]
        start = time.perf_counter()
        documents = sum(len(read_bytes(data, name, settings)) for data in inputs)
        seconds = time.perf_counter() - start
        print(f"{name:5} {documents} documents in {seconds:.3f} s: {documents / seconds:,.0f} documents/s")


if __name__ == "__main__":
    main()
