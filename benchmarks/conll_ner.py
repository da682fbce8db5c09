"""CoNLL-2003 NER: bare spaCy vs newsgraph's corrected NER, overall and per type.

.venv/bin/python benchmarks/conll_ner.py ../shared/data/conll2003/eng.testa
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

from newsgraph.evaluate.conll import evaluate_ner
from newsgraph.nlp import load_model


def main() -> None:
    path = Path(sys.argv[1])
    nlp = load_model()
    for fixes in (False, True):
        start = time.perf_counter()
        report = evaluate_ner(path, nlp, fixes=fixes)
        took = time.perf_counter() - start
        print(f"{'fixed' if fixes else 'bare'}: {report.documents} documents, {took:.1f} s")
        for name, prf in report.scores.items():
            print(f"  {name:8s} P={prf.precision:.4f} R={prf.recall:.4f} F1={prf.f1:.4f}")


if __name__ == "__main__":
    main()
