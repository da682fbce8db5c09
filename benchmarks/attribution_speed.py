"""Cost of the attribution component relative to the bare spaCy parse, on Reuters-21578 bodies.

    .venv/bin/python benchmarks/attribution_speed.py [N]

Parses N (default 200) bodies from reut2-000.sgm once with the bare model, then times
``extract_attributions`` (rules) and ``extract_attributions_tagged`` (rules + CRF) on the parsed
Docs (entities and times from the stubs' inputs are not
needed for its cost: it reads them through an index built once per Doc).
"""

from __future__ import annotations

import html
import re
import sys
import time
from pathlib import Path

import spacy

from newsgraph.extract.attribution import extract_attributions, extract_attributions_tagged
from newsgraph.extract.attribution.tagger import AttributionTagger
from newsgraph.settings import Settings

SGM = Path(__file__).resolve().parents[2] / "shared/data/corpus/reuters21578/data/reut2-000.sgm"


def main() -> None:
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 200
    raw = SGM.read_text(encoding="latin-1")
    bodies = [html.unescape(b) for b in re.findall(r"<BODY>(.*?)</BODY>", raw, re.S)][:n]
    nlp = spacy.load(Settings().model)
    list(nlp.pipe(bodies[:10]))  # warm up
    tagger = AttributionTagger()
    best_parse = best_attr = best_tagged = float("inf")
    for _ in range(3):
        started = time.perf_counter()
        docs = list(nlp.pipe(bodies, batch_size=32))
        best_parse = min(best_parse, time.perf_counter() - started)
        started = time.perf_counter()
        found = sum(len(extract_attributions(doc, [], [])) for doc in docs)
        best_attr = min(best_attr, time.perf_counter() - started)
        started = time.perf_counter()
        tagged = sum(len(extract_attributions_tagged(doc, [], [], tagger)) for doc in docs)
        best_tagged = min(best_tagged, time.perf_counter() - started)
    print(
        f"{len(bodies)} bodies: parse {best_parse:.2f} s, attributions {best_attr:.3f} s "
        f"({100 * best_attr / best_parse:.1f}% of parse), {found} attributions; "
        f"tagged {best_tagged:.3f} s ({100 * best_tagged / best_parse:.1f}% of parse), {tagged} attributions"
    )


if __name__ == "__main__":
    main()
