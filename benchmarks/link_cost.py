"""The cost of linking one new article into a store of 20k articles (goal: under 100 ms).

Builds the store cheaply: ``--distinct`` Reuters-21578 stories are analysed once, then
replicated with varied ids (a suffix on the text) and dates (each replica round is moved
``ROUND_DAYS`` days on, so rounds do not merge into one story) until ``--articles``
records are stored, linked as they go. Then ``--new`` further, unseen Reuters stories are
stored one by one and timed: the linking alone (identities, story, claims, their rows) and
the whole ``add_article`` transaction.

    .venv/bin/python benchmarks/link_cost.py [--db URL] [--articles 20000] [--distinct 400] [--new 200]
"""

from __future__ import annotations

import argparse
import dataclasses
import datetime as dt
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

from reuters import reuters_documents

from newsgraph.nlp import load_model
from newsgraph.nlp.analyze import analyze_documents, article_id
from newsgraph.records import Article
from newsgraph.store import Store, crossdoc

ROUND_DAYS = 45


def percentile(values: list[float], q: float) -> float:
    """The ``q``-th percentile (nearest rank) of ``values``."""
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, round(q / 100 * len(ordered)) - 1))]


def replica(article: Article, k: int) -> Article:
    """A copy with a distinct id and text (spans stay valid: the suffix is at the end) and a later date."""
    text = f"{article.text}\n[{k}]"
    published = article.published + dt.timedelta(days=ROUND_DAYS * k) if article.published else None
    return dataclasses.replace(article, id=article_id(text), text=text, published=published)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument(
        "--db", default=None, help="SQLite path or postgresql:// URL (default: a temporary SQLite file)"
    )
    parser.add_argument("--articles", type=int, default=20000)
    parser.add_argument("--distinct", type=int, default=400)
    parser.add_argument("--new", type=int, default=200)
    args = parser.parse_args()
    nlp = load_model()
    started = time.perf_counter()
    documents = [d for d in reuters_documents(limit=args.distinct + args.new) if d.text.strip()]
    analysed = list(analyze_documents(documents, nlp=nlp))
    base, fresh = analysed[: args.distinct], analysed[args.distinct :]
    print(f"analysed {len(analysed)} Reuters stories in {time.perf_counter() - started:.0f}s", flush=True)
    db = args.db or str(Path(tempfile.mkdtemp()) / "link-cost.db")
    with Store.open(db) as store:
        started = time.perf_counter()
        stored = store.count()
        k = 0
        while stored < args.articles:
            for article in base:
                if stored >= args.articles:
                    break
                if store.add_article(replica(article, k)):
                    stored += 1
            k += 1
            print(f"  {stored} stored, {time.perf_counter() - started:.0f}s", flush=True)
        build = time.perf_counter() - started
        reopen = time.perf_counter()
        store._linker = None  # measure the rebuild a reopened store pays once
        link_times: list[float] = []
        add_times: list[float] = []
        linker_holder: dict[str, Any] = {}
        for i, article in enumerate(fresh):
            t0 = time.perf_counter()
            if i == 0:
                with store.engine.connect() as conn:
                    linker_holder["linker"] = crossdoc.StoreLinker.load(conn)
                rebuild = time.perf_counter() - reopen
                store._linker = linker_holder["linker"]
                t0 = time.perf_counter()
            linker = store._linker
            assert linker is not None
            original = linker.link

            def timed(conn: Any, a: Article, _original: Any = original) -> Any:
                t = time.perf_counter()
                result = _original(conn, a)
                link_times.append(time.perf_counter() - t)
                return result

            linker.link = timed  # type: ignore[method-assign]
            store.add_article(article)
            linker.link = original  # type: ignore[method-assign]
            add_times.append(time.perf_counter() - t0)
        with store.engine.connect() as conn:
            stories = len(crossdoc.list_stories(conn, limit=None))
        print(f"store {store.describe()} backend {store.backend}: {store.count()} articles, {stories} stories")
        print(f"build (store + link) {build:.0f}s = {build / max(stored, 1) * 1000:.1f} ms/article")
        print(f"rebuild of the link indexes on reopen: {rebuild:.2f}s")
        ms = [x * 1000 for x in link_times]
        total = [x * 1000 for x in add_times]
        print(f"link one new article  ({len(ms)}): p50 {percentile(ms, 50):.1f} ms, p99 {percentile(ms, 99):.1f} ms")
        p50, p99 = percentile(total, 50), percentile(total, 99)
        print(f"add_article with link ({len(total)}): p50 {p50:.1f} ms, p99 {p99:.1f} ms")


if __name__ == "__main__":
    main()
