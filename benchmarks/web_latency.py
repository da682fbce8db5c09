"""Latency of the web pages and API endpoints over a loaded store, server side (in-process ASGI).

    .venv/bin/newsgraph ingest --db /tmp/webbench.db ../shared/data/corpus/reuters21578/data/reut2-00{0,1}.sgm
    .venv/bin/python benchmarks/web_latency.py --db /tmp/webbench.db [--requests 50]

Each route is requested ``--requests`` times (after one warm-up) with varying arguments
drawn from the store: article ids, the most mentioned entities, the largest stories, and
common words. Times are end to end through the ASGI app (routing, queries, rendering,
security headers), without the network.
"""

from __future__ import annotations

import argparse
import random
import statistics
import time
from collections.abc import Callable
from urllib.parse import quote

from fastapi.testclient import TestClient

from newsgraph.api import queries as q
from newsgraph.api import stories
from newsgraph.store import Store
from newsgraph.web import create_site


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--db", required=True)
    parser.add_argument("--requests", type=int, default=50)
    args = parser.parse_args()
    rng = random.Random(7)

    store = Store.open(args.db)
    ids = store.article_ids()
    entities = [e.name for e in q.search_entities(store, None, limit=50, offset=0).items]
    story_ids = [s.id for s in stories.list_stories(store, limit=20, offset=0)[0]]
    claims = q.list_claims(store, q.ClaimFilter(), limit=200, offset=0).items
    words = ["oil", "prices", "bank", "trade deficit", "shares", "company said", "wheat", "dollar", "profit", "tax"]
    print(f"store: {store.describe()}: {len(ids)} articles, {len(story_ids)}+ stories")

    routes: dict[str, Callable[[], str]] = {
        "GET / (search page)": lambda: "/?q=" + quote(rng.choice(words)),
        "GET / (facet: status=denied)": lambda: "/?status=denied&q=" + quote(rng.choice(words)),
        "GET /articles/{id}": lambda: "/articles/" + rng.choice(ids),
        "GET /entities/{name}": lambda: "/entities/" + quote(rng.choice(entities), safe=""),
        "GET /claims?source_kind=anonymous": lambda: (
            "/claims?source_kind=anonymous&offset=" + str(rng.randrange(5) * 20)
        ),
        "GET /stories/{id}": lambda: "/stories/" + rng.choice(story_ids),
        "GET /api/v1/search": lambda: "/api/v1/search?q=" + quote(rng.choice(words)),
        "GET /api/v1/articles/{id}": lambda: "/api/v1/articles/" + rng.choice(ids),
        "GET /api/v1/entities/{name}": lambda: "/api/v1/entities/" + quote(rng.choice(entities), safe=""),
        "GET /api/v1/claims?status=unverified": lambda: "/api/v1/claims?status=unverified",
        "GET /api/v1/claims/{article}/{attr}": lambda: (lambda c: f"/api/v1/claims/{c.article_id}/{c.attribution_id}")(
            rng.choice(claims)
        ),
    }
    client = TestClient(create_site(store))
    print(f"{'route':40} {'p50 ms':>8} {'p99 ms':>8} {'mean ms':>8}")
    for name, make in routes.items():
        assert client.get(make()).status_code == 200, name
        times = []
        for _ in range(args.requests):
            url = make()
            started = time.perf_counter()
            response = client.get(url)
            times.append((time.perf_counter() - started) * 1000)
            assert response.status_code == 200, (url, response.status_code)
        print(f"{name:40} {percentile(times, 0.5):8.1f} {percentile(times, 0.99):8.1f} {statistics.fmean(times):8.1f}")
    store.close()


if __name__ == "__main__":
    main()
