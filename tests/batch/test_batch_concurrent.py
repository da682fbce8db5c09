"""Readers keep answering while an ingest writes: library queries, CLI commands, the web API, the integrity check.

The ingest runs in another process (as ``newsgraph ingest`` would next to ``newsgraph serve``)
and stores fully populated articles one transaction each; this process reads the same
database all the while, on SQLite (WAL) and PostgreSQL. Every read must succeed (no
"database is locked"), see only whole articles, and see the corpus only grow.
"""

from __future__ import annotations

import json
import subprocess
import sys
import time
from pathlib import Path

import click
import pytest
from click.testing import CliRunner
from fastapi.testclient import TestClient
from sqlalchemy import text

from newsgraph.api import create_app
from newsgraph.store import Store
from newsgraph.store.integrity import check
from newsgraph.store_cli import COMMANDS

TESTS = Path(__file__).resolve().parents[1]

WRITER = r"""
import dataclasses, sys, time
sys.path.insert(0, sys.argv[4])
from storearticles import TEXT, sample_article
from newsgraph.batch import Analyzed, Ingestion
from newsgraph.link import signature
from newsgraph.nlp.analyze import article_id
from newsgraph.records import Document
from newsgraph.store import Store

def analyze(documents):
    time.sleep(float(sys.argv[3]))
    return [
        Analyzed(dataclasses.replace(sample_article(d.text), id=article_id(d.text)), d.origin,
                 signature(d.text).to_bytes())
        for d in documents
    ]

n = int(sys.argv[2])
documents = [Document(TEXT + f" The council met {i} times in district {i * 7919 % 1000}.", str(i)) for i in range(n)]
with Store.open(sys.argv[1]) as store:
    print("ready", flush=True)
    summary = Ingestion(store, analyze, partition_size=4).run_documents(documents)
    print(summary.ingested, flush=True)
"""

COUNT = 120


def _cli() -> click.Group:
    group = click.Group("newsgraph")
    for command in COMMANDS:
        group.add_command(command)
    return group


@pytest.mark.slow
def test_readers_keep_answering_while_an_ingest_writes(db_url: str) -> None:
    with Store.open(db_url):
        pass  # migrated before both sides start
    writer = subprocess.Popen(
        [sys.executable, "-c", WRITER, db_url, str(COUNT), "0.03", str(TESTS)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    assert writer.stdout is not None and writer.stdout.readline().strip() == "ready"
    runner, cli = CliRunner(), _cli()
    rounds = checks = 0
    last = {"library": 0, "cli": 0, "web": 0, "health": 0}
    with Store.open(db_url) as store, TestClient(create_app(store, token="t")) as web:
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline:
            alive = writer.poll() is None
            # Library: the search sees at least what it saw before, and each hit is a whole article.
            hits = store.search("council", limit=COUNT)
            assert len(hits) >= last["library"]
            last["library"] = len(hits)
            if hits:
                article = store.get_article(hits[-1].article_id)
                assert article is not None and len(article.entities) == 4 and len(article.events) == 2
            # CLI: each command opens the store itself (and checks its migrations) while the writer writes.
            found = runner.invoke(cli, ["search", "council", "--db", db_url, "--limit", str(COUNT), "--json"])
            assert found.exit_code == 0, found.output
            ids = [h["article_id"] for h in json.loads(found.stdout)]
            assert len(ids) >= last["cli"]
            last["cli"] = len(ids)
            if ids:
                shown = runner.invoke(cli, ["show", ids[0], "--db", db_url, "--json"])
                assert shown.exit_code == 0, shown.output
                assert len(json.loads(shown.stdout)["attributions"]) == 2
            # Web API over the same database.
            health = web.get("/api/v1/health")
            assert health.status_code == 200, health.text
            assert health.json()["articles"] >= last["health"]
            last["health"] = health.json()["articles"]
            page = web.get("/api/v1/search", params={"q": "council", "limit": 100})
            assert page.status_code == 200, page.text
            assert page.json()["page"]["total"] >= last["web"]
            last["web"] = page.json()["page"]["total"]
            for item in page.json()["items"][:3]:
                one = web.get(f"/api/v1/articles/{item['id']}")
                assert one.status_code == 200, one.text
                assert len(one.json()["article"]["entities"]) == 4
            # The integrity check reads one snapshot: an ingest mid-way never looks half-written.
            if rounds % 3 == 0:
                report = check(store, quick=True, sample=20)
                assert report.ok, [str(p) for p in report.problems]
                checks += 1
            if alive:
                rounds += 1
            else:
                break
    out, err = writer.communicate(timeout=60)
    assert writer.returncode == 0, err
    assert out.split() == [str(COUNT)]
    assert rounds >= 3, "the readers should have overlapped the ingest several times"
    assert last["library"] == last["cli"] == last["health"] == COUNT
    assert last["web"] == COUNT
    print(f"\n{store.backend}: {rounds} reader rounds and {checks} integrity checks during the ingest")


TWIN = r"""
import sys
sys.path.insert(0, sys.argv[3])
from storearticles import span
from newsgraph.nlp.analyze import article_id
from newsgraph.records import Article, Entity, Mention
from newsgraph.store import Store

tag = sys.argv[2]
with Store.open(sys.argv[1]) as store:
    for i in range(25):
        # New people in every article: each write opens identities, a story and claims of its own.
        name = f"Zork{tag}{i}qua"
        text = f"{name} visited the harbour of Town{tag}{i} on Monday, officials said."
        entity = Entity(id="e1", name=name, type="PERSON", aliases=(), mentions=(Mention(span(text, name), "name"),))
        assert store.add_article(Article(id=article_id(text), text=text, entities=(entity,)))
print("done", flush=True)
"""


@pytest.mark.slow
def test_two_writers_side_by_side(db_url: str) -> None:
    """``ingest`` next to ``serve``'s POST: writers wait for each other instead of failing or reusing link ids."""
    with Store.open(db_url):
        pass
    writers = [
        subprocess.Popen(
            [sys.executable, "-c", TWIN, db_url, tag, str(TESTS)],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for tag in "AB"
    ]
    for writer in writers:
        out, err = writer.communicate(timeout=120)
        assert writer.returncode == 0 and out.strip() == "done", err[-2000:]
    with Store.open(db_url) as store:
        report = check(store, sample=None)
        assert report.ok, [str(p) for p in report.problems]
        assert store.count() == 50
        with store.engine.connect() as conn:
            assert conn.scalar(text("SELECT count(*) FROM link_entity_identities")) == 50
