"""PolNeAR attribution scores of the full newsgraph pipeline, as a table and JSON.

.venv/bin/python benchmarks/attribution_eval.py ../shared/data/polnear/dev

The extractor is the settings' default (rules + CRF); ``NEWSGRAPH_ATTRIBUTION=rules`` scores the rules alone.
"""

from __future__ import annotations

import json
import sys
import time
from pathlib import Path

from newsgraph.evaluate.polnear import evaluate_attribution
from newsgraph.nlp import load_model
from newsgraph.settings import Settings


def main() -> None:
    directory = Path(sys.argv[1])
    nlp = load_model(Settings.from_env())
    started = time.perf_counter()
    report = evaluate_attribution(directory, nlp)
    print(f"{report.data}: {report.documents} documents, {time.perf_counter() - started:.0f} s")
    print(f"{'row':16s} {'P':>6s} {'R':>6s} {'F1':>6s}")
    for name, prf in report.scores.items():
        print(f"{name:16s} {prf.precision:6.3f} {prf.recall:6.3f} {prf.f1:6.3f}")
    print(json.dumps(report.to_dict()))


if __name__ == "__main__":
    main()
