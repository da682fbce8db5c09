"""Cost of the time-expression component relative to the bare spaCy parse.

Usage: .venv/bin/python benchmarks/timex_speed.py [N]   (N Reuters-21578 bodies, default 200)

Parses the bodies once with the model's own components, then times ``newsgraph_times_v1``
over the parsed Docs (publication date given, as the Reuters <DATE> would give it).
"""

from __future__ import annotations

import datetime as dt
import sys
import time

from reuters import reuters_stories  # benchmarks/reuters.py, beside this script

from newsgraph.extract.extensions import prepare_doc
from newsgraph.extract.times import times_component
from newsgraph.nlp import load_model


def main() -> None:
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 200
    stories = list(reuters_stories(limit=n))
    bodies = [body for _, _, body in stories]
    nlp = load_model()
    ours = [name for name in nlp.pipe_names if name.startswith("newsgraph_")]
    today = dt.date(1987, 12, 31)
    with nlp.select_pipes(disable=ours):
        nlp.pipe([bodies[0]])  # warm up
        start = time.perf_counter()
        parsed = list(nlp.pipe((nlp.make_doc(b) for b in bodies), batch_size=32))
        parse = time.perf_counter() - start
    docs = [
        prepare_doc(doc, date, "given" if date else "unknown", today)
        for doc, (date, _, _) in zip(parsed, stories, strict=True)
    ]
    start = time.perf_counter()
    found = sum(len(times_component(doc)._.newsgraph_times) for doc in docs)
    component = time.perf_counter() - start
    chars = sum(len(b) for b in bodies)
    share = 100 * component / parse
    print(f"{len(bodies)} bodies, {chars:,} characters, {found} time expressions")
    print(f"bare parse: {parse:.2f} s; newsgraph_times_v1: {component:.3f} s = {share:.1f}% of the parse")


if __name__ == "__main__":
    main()
