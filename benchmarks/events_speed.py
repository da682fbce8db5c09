"""Cost of the events component relative to the bare spaCy parse.

Usage: .venv/bin/python benchmarks/events_speed.py [N]   (N Reuters-21578 bodies, default 200)

Parses the bodies once with the model's own components and runs newsgraph's earlier components
(entities, times, attributions) untimed, then times ``newsgraph_events_v1`` alone over the Docs.
"""

from __future__ import annotations

import datetime as dt
import sys
import time

from reuters import reuters_stories  # benchmarks/reuters.py, beside this script

from newsgraph.extract.events import events_component
from newsgraph.extract.extensions import prepare_doc
from newsgraph.nlp import load_model


def main() -> None:
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 200
    stories = list(reuters_stories(limit=n))
    bodies = [body for _, _, body in stories]
    nlp = load_model()
    ours = [name for name in nlp.pipe_names if name.startswith("newsgraph_")]
    today = dt.date(1987, 12, 31)
    with nlp.select_pipes(disable=ours):
        list(nlp.pipe([bodies[0]]))  # warm up
        start = time.perf_counter()
        parsed = list(nlp.pipe((nlp.make_doc(b) for b in bodies), batch_size=32))
        parse = time.perf_counter() - start
    earlier = [(name, nlp.get_pipe(name)) for name in ours if name != "newsgraph_events_v1"]
    docs = []
    for doc, (date, _, _) in zip(parsed, stories, strict=True):
        doc = prepare_doc(doc, date, "given" if date else "unknown", today)
        for _, component in earlier:
            doc = component(doc)
        docs.append(doc)
    start = time.perf_counter()
    found = sum(len(events_component(doc)._.newsgraph_events) for doc in docs)
    component = time.perf_counter() - start
    words = sum(len(doc) for doc in docs)
    print(f"{len(docs)} bodies, {words:,} tokens, {found:,} events")
    print(f"bare parse {parse:.2f} s; events component {component:.3f} s = {100 * component / parse:.1f}% of parse")


if __name__ == "__main__":
    main()
