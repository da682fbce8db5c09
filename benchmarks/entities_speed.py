"""Cost of the entities component relative to the bare spaCy parse, on 200 Reuters-21578 bodies.

.venv/bin/python benchmarks/entities_speed.py
"""

from __future__ import annotations

import datetime as dt
import html
import re
import time
from pathlib import Path

from newsgraph.extract.entities import entities_component
from newsgraph.extract.extensions import prepare_doc
from newsgraph.nlp import load_model

SGM = Path(__file__).resolve().parents[2] / "shared" / "data" / "corpus" / "reuters21578" / "data" / "reut2-000.sgm"


def main() -> None:
    raw = SGM.read_text(encoding="latin-1")
    bodies = [html.unescape(b) for b in re.findall(r"<BODY>(.*?)</BODY>", raw, re.S)][:200]
    nlp = load_model()
    spacy_pipes = [n for n in nlp.pipe_names if not n.startswith("newsgraph_")]
    today = dt.date.today()
    with nlp.select_pipes(enable=spacy_pipes):
        start = time.perf_counter()
        docs = [prepare_doc(d, None, "unknown", today) for d in nlp.pipe(bodies, batch_size=32)]
        parse = time.perf_counter() - start
    best = float("inf")
    for _ in range(3):
        start = time.perf_counter()
        for doc in docs:
            entities_component(doc)
        best = min(best, time.perf_counter() - start)
    chars = sum(map(len, bodies))
    print(f"{len(bodies)} bodies, {chars} chars: bare parse {parse:.2f} s, entities component {best:.3f} s")
    print(f"component cost = {100 * best / parse:.1f}% of the bare parse")


if __name__ == "__main__":
    main()
