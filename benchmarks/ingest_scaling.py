"""Ingest of Reuters-21578 SGML files: single process vs a Dask LocalCluster, in one run.

    .venv/bin/python benchmarks/ingest_scaling.py --files 22 --workers 2

Both runs go through the real ``Ingestion`` loop on the ``.sgm`` files (the SGML reader,
known-content check, analysis, MinHash linking, one transaction per article) into fresh
SQLite stores. Model loading is outside the timings (``local_analyzer`` loads before the
clock starts; ``DaskAnalyzer.warm_up`` loads on every worker before it). Scaling efficiency
is (Dask articles/s / single articles/s) / workers. The 1-minute load average is printed
before and after, since other processes may share the machine.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from reuters import reuters_files

from newsgraph.batch import Ingestion, local_analyzer
from newsgraph.batch.dask_engine import DaskAnalyzer
from newsgraph.settings import Settings
from newsgraph.store import Store


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--files", type=int, default=22, help="how many reut2-NNN.sgm files, in order")
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--partition-size", type=int, default=64)
    parser.add_argument("--keep", type=Path, default=None, help="keep the single-process store at this path")
    args = parser.parse_args()

    files = reuters_files()[: args.files]
    settings = Settings()
    print(f"{len(files)} files ({files[0].name} .. {files[-1].name}); load average before: {_load()}")
    with tempfile.TemporaryDirectory() as tmp:
        single_db = args.keep or Path(tmp) / "single.db"
        with Store.open(single_db) as store:
            run = Ingestion(store, local_analyzer(settings), settings=settings, partition_size=args.partition_size)
            t0 = time.perf_counter()
            single = run.run(files)
            single_s = time.perf_counter() - t0
            single_ids = sorted(store.article_ids())
        rate1 = single.ingested / single_s
        print(
            f"single process: {single.ingested} ingested ({single.near_duplicates} near-duplicates), "
            f"{single.duplicates} duplicates, {len(single.failed)} failed in {single_s:.1f}s = {rate1:.2f} articles/s; "
            f"load average {_load()}"
        )
        with DaskAnalyzer(settings, workers=args.workers) as cluster, Store.open(Path(tmp) / "dask.db") as store:
            cluster.warm_up()
            run = Ingestion(store, cluster, settings=settings, partition_size=args.partition_size)
            t0 = time.perf_counter()
            dask = run.run(files)
            dask_s = time.perf_counter() - t0
            same = sorted(store.article_ids()) == single_ids
        rate = dask.ingested / dask_s
        print(
            f"dask --workers {args.workers}: {dask.ingested} ingested ({dask.near_duplicates} near-duplicates), "
            f"{dask.duplicates} duplicates, {len(dask.failed)} failed in {dask_s:.1f}s = {rate:.2f} articles/s; "
            f"load average {_load()}"
        )
        print(
            f"speed-up {rate / rate1:.2f}x, scaling efficiency {rate / rate1 / args.workers:.2f} per worker; "
            f"same articles stored: {same}"
        )


def _load() -> str:
    return " ".join(f"{x:.2f}" for x in os.getloadavg())


if __name__ == "__main__":
    main()
