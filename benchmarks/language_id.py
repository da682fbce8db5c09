"""Accuracy and cost of language detection (``newsgraph.nlp.language``) on real news, whole texts and paragraphs.

Usage: .venv/bin/python benchmarks/language_id.py [N]   (N WikiNews rows and N Reuters bodies, default 300)

Data (../shared/data): the bilingual story set (30 reports, a language per report in EXPECTED.json), the 20
French attribution texts, the three English story sets (60 reports), the first N WikiNews 2019 articles and the
first N Reuters-21578 bodies (English). Each text is classified whole, and each of its paragraphs of at least
80 characters alone (a "short news paragraph": a lede, a quote, a wire paragraph). "und" (too little evidence)
is not a wrong answer: such a text goes to the default (English) pipeline.
"""

from __future__ import annotations

import csv
import json
import sys
import time
from collections import Counter
from collections.abc import Iterator
from pathlib import Path

from reuters import reuters_stories  # benchmarks/reuters.py, beside this script

from newsgraph.nlp.language import LanguageDetector

SHARED = Path(__file__).resolve().parents[1].parent / "shared" / "data"


def labelled_texts(n: int) -> Iterator[tuple[str, str, str]]:
    """``(corpus, gold language, text)``."""
    bilingual = SHARED / "french" / "stories" / "2020-putin-parkinsons-bilingual"
    expected = json.loads((bilingual / "EXPECTED.json").read_text())["articles"]
    for name, info in expected.items():
        yield "bilingual story set", info["language"], json.loads((bilingual / f"{name}.json").read_text())["text"]
    for path in sorted((SHARED / "french" / "text").glob("*.txt")):
        yield "French attribution set", "fr", path.read_text()
    for path in sorted((SHARED / "stories").glob("*/[0-9]*.json")):
        yield "English story sets", "en", json.loads(path.read_text())["text"]
    csv.field_size_limit(10_000_000)
    with (SHARED / "corpus" / "wikinews" / "data" / "wikinews_2019.csv").open(newline="") as f:
        for i, row in enumerate(csv.DictReader(f)):
            if i >= n:
                break
            yield "WikiNews 2019", "en", row.get("text") or row.get("content") or ""
    for _, _, body in reuters_stories(limit=n):
        yield "Reuters-21578", "en", body


def main() -> None:
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 300
    started = time.perf_counter()
    detector = LanguageDetector()
    loaded = time.perf_counter() - started
    right: Counter[tuple[str, str]] = Counter()
    total: Counter[tuple[str, str]] = Counter()
    wrong: Counter[tuple[str, str]] = Counter()
    undetermined: Counter[tuple[str, str]] = Counter()
    spent = {"text": 0.0, "paragraph": 0.0}
    for corpus, gold, text in labelled_texts(n):
        units = [("text", text)] + [("paragraph", p) for p in text.split("\n") if len(p.strip()) >= 80]
        for unit, piece in units:
            t = time.perf_counter()
            found = detector.detect(piece)
            spent[unit] += time.perf_counter() - t
            total[(corpus, unit)] += 1
            right[(corpus, unit)] += found == gold
            if found != gold:
                wrong[(gold, found)] += 1
                undetermined[(corpus, unit)] += found == "und"
    print(f"model load {loaded:.2f} s\n")
    print("| corpus | texts correct | paragraphs (≥ 80 chars) correct |")
    print("|---|---:|---:|")
    for corpus in dict.fromkeys(c for c, _ in total):
        cells = [f"{right[(corpus, u)]} / {total[(corpus, u)]}" for u in ("text", "paragraph")]
        print(f"| {corpus} | {cells[0]} | {cells[1]} |")
    for unit in ("text", "paragraph"):
        count = sum(v for (_, u), v in total.items() if u == unit)
        good = sum(v for (_, u), v in right.items() if u == unit)
        told = sum(v for (_, u), v in undetermined.items() if u == unit)
        print(
            f"\n{unit}s: {good} / {count} = {good / count:.4f} correct, {told} undetermined, "
            f"{count - good - told} wrong; {spent[unit] / count * 1000:.3f} ms each"
        )
    print("\nerrors (gold → found):", dict(wrong.most_common()))


if __name__ == "__main__":
    main()
