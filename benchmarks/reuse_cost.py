"""What finding reuse costs at ingest: fingerprint and index search per article, as the store grows.

Reads every Reuters-21578 body and WikiNews article (../shared/data/corpus) through newsgraph's readers,
indexes them one at a time in storage order as ``newsgraph ingest`` does (search, then add), and reports
per-article time p50 / p99 for fingerprinting and for the search, the index's memory and how many
articles were linked to an earlier one, by kind.

    .venv/bin/python benchmarks/reuse_cost.py [--limit N]
"""

from __future__ import annotations

import argparse
import statistics
import time
import tracemalloc
from collections import Counter
from pathlib import Path

from newsgraph.ingest.files import read_path
from newsgraph.link.near_duplicates import NearDuplicateIndex, signature
from newsgraph.settings import Settings

CORPUS = Path(__file__).resolve().parents[1].parent / "shared" / "data" / "corpus"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--limit", type=int, default=None, help="at most this many articles")
    args = parser.parse_args()
    settings = Settings()
    paths = sorted((CORPUS / "reuters21578").rglob("*.sgm")) + sorted((CORPUS / "wikinews").rglob("*.csv"))
    texts = [d.text for p in paths for d in read_path(p, settings)][: args.limit]
    index = NearDuplicateIndex()
    fingerprint_ms, search_ms, kinds = [], [], Counter[str]()
    tracemalloc.start()
    for number, text in enumerate(texts):
        t0 = time.perf_counter()
        sig = signature(text)
        t1 = time.perf_counter()
        matches = index.matches(sig)
        t2 = time.perf_counter()
        index.add(str(number), sig)
        fingerprint_ms.append((t1 - t0) * 1000)
        search_ms.append((t2 - t1) * 1000)
        if matches:
            kinds[matches[0].kind] += 1
    _, peak = tracemalloc.get_traced_memory()

    def p(values: list[float], q: int) -> float:
        return statistics.quantiles(values, n=100)[q - 1]

    print(f"articles {len(texts):,}; linked to an earlier one: {sum(kinds.values()):,} {dict(kinds)}")
    print(f"fingerprint ms p50 {p(fingerprint_ms, 50):.3f} p99 {p(fingerprint_ms, 99):.3f}")
    last = p(search_ms[-1000:], 99)
    print(f"search ms p50 {p(search_ms, 50):.3f} p99 {p(search_ms, 99):.3f} (last 1,000: p99 {last:.3f})")
    print(f"index memory peak {peak / 2**20:.0f} MiB")


if __name__ == "__main__":
    main()
