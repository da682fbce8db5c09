"""Fit the factuality cue weights on UW train and write src/newsgraph/extract/events/_weights.py.

Usage: .venv/bin/python benchmarks/fit_factuality.py [../shared/data/factuality/UW/train.jsonl]

Least absolute deviations (iteratively reweighted least squares, a light ridge) over the binary
cues of ``newsgraph.extract.events.factuality.features``; cues seen on fewer than 5 train targets
get no weight. Deterministic: the same data and code give the same weights. Never run on dev.
"""

from __future__ import annotations

import sys
from pathlib import Path

import numpy as np

from newsgraph.evaluate.factuality import read_uw, score_targets
from newsgraph.nlp import load_model

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "src" / "newsgraph" / "extract" / "events" / "_weights.py"
MIN_COUNT = 5
RIDGE = 1.0
ITERATIONS = 40


def main() -> None:
    path = Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT.parent / "shared/data/factuality/UW/train.jsonl"
    if "dev" in path.name or "test" in path.name:
        raise SystemExit("fit on the train split only")
    scored = list(score_targets(read_uw(path), load_model()))
    counts: dict[str, int] = {}
    for s in scored:
        for cue in s.cues:
            counts[cue] = counts.get(cue, 0) + 1
    names = sorted(c for c, n in counts.items() if n >= MIN_COUNT)
    x = np.zeros((len(scored), len(names) + 1))
    x[:, 0] = 1.0
    for row, s in enumerate(scored):
        for col, name in enumerate(names, start=1):
            if name in s.cues:
                x[row, col] = 1.0
    y = np.array([s.label for s in scored])
    penalty = np.eye(len(names) + 1) * RIDGE
    penalty[0, 0] = 0.0
    w = np.ones(len(scored))
    for _ in range(ITERATIONS):
        xw = x * w[:, None]
        beta = np.linalg.solve(x.T @ xw + penalty, xw.T @ y)
        residual = np.abs(y - np.clip(x @ beta, -3, 3))
        w = 1.0 / np.maximum(residual, 0.05)
    predicted = np.clip(x @ beta, -3, 3)
    print(f"train MAE {np.mean(np.abs(predicted - y)):.4f} r {np.corrcoef(predicted, y)[0, 1]:.4f} on {len(y)} targets")
    lines = [
        '"""Factuality weights: written by ``benchmarks/fit_factuality.py`` (LAD fit on UW train)."""',
        "",
        "WEIGHTS: dict[str, float] = {",
        f'    "bias": {beta[0]:.3f},',
        *(f'    "{name}": {beta[i]:.3f},  # {counts[name]} train targets' for i, name in enumerate(names, start=1)),
        "}",
        "",
    ]
    OUT.write_text("\n".join(lines), encoding="utf-8")
    print(f"wrote {OUT.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
