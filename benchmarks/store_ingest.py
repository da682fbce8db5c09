"""Ingest overhead, store size and query latency on Reuters-21578 bodies, for SQLite and PostgreSQL.

    .venv/bin/python benchmarks/store_ingest.py --limit 1000 [--postgres URL]

Analysis runs once (``process_partition``, the real pipeline); the same records are then
stored into each backend, so "overhead" is the storing cost (dedupe check, near-duplicate
linking, one transaction per article) relative to the analysis.
"""

from __future__ import annotations

import argparse
import pickle
import sys
import tempfile
import time
from pathlib import Path

from sqlalchemy import text

sys.path.insert(0, str(Path(__file__).resolve().parent))
from reuters import reuters_documents

from newsgraph.batch import Analyzed, Failed, Ingestion, process_partition
from newsgraph.nlp import load_model
from newsgraph.records import Document
from newsgraph.store import Store


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--limit", type=int, default=1000)
    parser.add_argument("--postgres", default=None, help="an empty PostgreSQL database URL")
    parser.add_argument("--no-link", action="store_true", help="store without cross-article linking (issue 6)")
    parser.add_argument("--cache", type=Path, default=None, help="keep the analysed records here between runs")
    args = parser.parse_args()

    documents = list(reuters_documents(limit=args.limit))
    if args.cache is not None and args.cache.exists():
        results, analysis = pickle.loads(args.cache.read_bytes())
    else:
        nlp = load_model()
        started = time.perf_counter()
        results = []
        for i in range(0, len(documents), 64):
            results.extend(process_partition(documents[i : i + 64], nlp))
        analysis = time.perf_counter() - started
        if args.cache is not None:
            args.cache.write_bytes(pickle.dumps((results, analysis)))
    print(f"{len(documents)} Reuters bodies analysed in {analysis:.1f}s ({len(documents) / analysis:.1f} articles/s)")

    by_id = {r.article.id: r for r in results if isinstance(r, Analyzed)}

    def precomputed(docs: list[Document]) -> list[Analyzed | Failed]:
        return [by_id[_id(d)] for d in docs]

    with tempfile.TemporaryDirectory() as tmp:
        targets = [("sqlite", str(Path(tmp) / "bench.db"))]
        if args.postgres:
            targets.append(("postgresql", args.postgres))
        for backend, url in targets:
            with Store.open(url) as store:
                run = Ingestion(store, precomputed, link=not args.no_link)
                t0 = time.perf_counter()
                run.run_documents(documents)
                storing = time.perf_counter() - t0
                s = run.summary
                size = _size(store, url)
                titles = [d.title for d in documents if d.title][:200]
                words = [w for t in titles for w in t.split() if w.isalpha() and len(w) > 4][:200]
                search_ms = _timed(lambda w: store.search(w, limit=10), words)
                names = [e.name for r in by_id.values() for e in r.article.entities][:200]
                claims_ms = _timed(lambda n: store.claims(entity=n, limit=50), names)
                sources_ms = _timed(lambda _n: store.sources(limit=30), range(20))
            print(
                f"[{backend}{', no linking' if args.no_link else ''}] stored {s.ingested} "
                f"({s.near_duplicates} near-duplicates, {s.duplicates} duplicates) "
                f"in {storing:.1f}s: overhead {storing / analysis:.1%} of analysis; "
                f"{size / max(s.ingested, 1) / 1024:.1f} KiB/article; "
                f"search p50 {percentile(search_ms, 0.5):.1f} ms p99 {percentile(search_ms, 0.99):.1f} ms; "
                f"claims --entity p50 {percentile(claims_ms, 0.5):.1f} ms p99 {percentile(claims_ms, 0.99):.1f} ms; "
                f"sources p50 {percentile(sources_ms, 0.5):.1f} ms"
            )


def _id(document: Document) -> str:
    from newsgraph.nlp.analyze import article_id

    return article_id(document.text)


def _timed(query: object, inputs: object) -> list[float]:
    times = []
    for item in inputs:  # type: ignore[attr-defined]
        t0 = time.perf_counter()
        query(item)  # type: ignore[operator]
        times.append((time.perf_counter() - t0) * 1000)
    return times


def _size(store: Store, url: str) -> int:
    if store.backend == "sqlite":
        with store.engine.connect() as conn:
            conn.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
        return Path(url).stat().st_size
    with store.engine.connect() as conn:
        return int(conn.execute(text("SELECT pg_database_size(current_database())")).scalar_one())


if __name__ == "__main__":
    main()
