"""Real crashes: ingest processes killed with SIGKILL at random points lose, duplicate and half-write nothing.

Two kinds of runs, on SQLite and PostgreSQL:

- ``newsgraph ingest`` itself (real model, real store) killed at seeded random moments
  while it stores, then re-run to completion;
- the ingest loop with a fast stand-in analysis, killed inside the commit of a chosen
  article (after all its rows were sent, before COMMIT), which random timing rarely hits.

After every kill the store must pass the integrity check (no half-written article, no
dangling link); after the last run every input article is stored exactly once.
"""

from __future__ import annotations

import os
import random
import signal
import sqlite3
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

import pytest
from sqlalchemy import text

from newsgraph.nlp.analyze import article_id
from newsgraph.store import Store
from newsgraph.store.integrity import check

DRIVER = r"""
import sys, time
from sqlalchemy import event
from newsgraph.batch import Analyzed, Ingestion
from newsgraph.link import signature
from newsgraph.nlp.analyze import article_id
from newsgraph.records import Article, Document
from newsgraph.store import Store

def analyze(documents):
    time.sleep(float(sys.argv[3]))
    return [Analyzed(Article(id=article_id(d.text), text=d.text), d.origin, signature(d.text).to_bytes())
            for d in documents]

n, pause = int(sys.argv[2]), float(sys.argv[4])
documents = [Document(f"Article {i} about council meeting number {i} in town {i % 7}.", str(i)) for i in range(n)]
with Store.open(sys.argv[1]) as store:
    if pause:
        def committing(conn):
            # Every row of the article is sent; the COMMIT is not: the parent kills us here.
            print("commit", flush=True)
            time.sleep(pause)
        event.listen(store.engine, "commit", committing)
    summary = Ingestion(store, analyze, partition_size=1).run_documents(documents)
    print(summary.ingested, summary.duplicates, flush=True)
"""


def _run(db: str, count: int, delay: float, pause: float = 0.0) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, "-c", DRIVER, db, str(count), str(delay), str(pause)], stdout=subprocess.PIPE, text=True
    )


def _assert_whole(db: str, expected: set[str] | None = None) -> int:
    """The store passes the integrity check (and holds exactly ``expected``); returns its article count."""
    with Store.open(db) as store:
        report = check(store, sample=None)
        assert report.ok, "\n".join(str(p) for p in report.problems)
        ids = store.article_ids()
    assert len(ids) == len(set(ids))
    if expected is not None:
        assert set(ids) == expected
    return len(ids)


@pytest.mark.slow
def test_killed_inside_commits(db_url: str) -> None:
    """Each kill lands after an article's rows were written and before its COMMIT: it must vanish whole."""
    count, rng = 12, random.Random(8)
    with Store.open(db_url):
        pass
    committed = 0
    for _ in range(3):
        # The store holds ``committed`` articles; this run commits new ones until we kill it.
        target = rng.randint(1, 3)
        child = _run(db_url, count, 0.0, pause=0.3)
        assert child.stdout is not None
        for _seen in range(target):
            assert child.stdout.readline().strip() == "commit"
        # The target-th commit is now paused inside the transaction: kill it there.
        os.kill(child.pid, signal.SIGKILL)
        child.wait()
        stored = _assert_whole(db_url)
        assert stored == committed + target - 1, "the killed transaction must leave nothing behind"
        committed = stored
    rerun = _run(db_url, count, 0.0)
    out, _ = rerun.communicate(timeout=120)
    assert rerun.returncode == 0 and out.split() == [str(count - committed), str(committed)]
    expected = {article_id(f"Article {i} about council meeting number {i} in town {i % 7}.") for i in range(count)}
    _assert_whole(db_url, expected)


# ``newsgraph ingest`` itself, on a corpus of short news texts with a duplicate and near-duplicates.

_PEOPLE = ["Anna Petrova", "John Miller", "Maria Lopez", "Chen Wei", "Omar Haddad", "Sara Berg", "Ivan Horak"]
_PLACES = ["Ruritania", "Freedonia", "Latveria", "Genovia", "Sokovia", "Elbonia"]
_ORGS = ["Interfax", "the Central Bank", "the Health Ministry", "Reuters", "the port authority"]
_VERBS = ["said", "told reporters", "denied", "confirmed", "announced"]
_THINGS = ["the port", "the bridge", "the airport", "the power plant", "the border crossing", "the railway"]


def _corpus(folder: Path, count: int, seed: int = 8) -> set[str]:
    """``count`` distinct short articles as text files, plus a copy of one; returns their ids."""
    rng = random.Random(seed)
    folder.mkdir()
    texts = []
    for i in range(count):
        person, place, org = rng.choice(_PEOPLE), rng.choice(_PLACES), rng.choice(_ORGS)
        texts.append(
            f"{person}, a spokesperson for {org} in {place}, {rng.choice(_VERBS)} on Monday that "
            f"{rng.choice(_THINGS)} number {i} would reopen on {i % 28 + 1} March after {i + 2} days. "
            f"Officials in {rng.choice(_PLACES)} said the talks with {rng.choice(_PEOPLE)} had failed, "
            f"according to {rng.choice(_ORGS)}."
        )
    for i, body in enumerate(texts):
        (folder / f"{i:03d}.txt").write_text(body, encoding="utf-8")
    (folder / "copy.txt").write_text(texts[3], encoding="utf-8")
    return {article_id(body) for body in texts}


@dataclass(frozen=True)
class Landing:
    """Where a kill landed: articles stored before it, and whether a write transaction was open."""

    delay: float
    stored: int
    in_write: bool


def _in_write(db: str, store: Store) -> bool:
    """Whether the ingest holds a write transaction right now (probed just before the kill)."""
    if store.backend == "sqlite":
        probe = sqlite3.connect(db, timeout=0, isolation_level=None)
        try:
            probe.execute("BEGIN IMMEDIATE")
        except sqlite3.OperationalError:
            return True  # the writer holds the write lock
        else:
            probe.execute("ROLLBACK")
            return False
        finally:
            probe.close()
    with store.engine.connect() as conn:
        return bool(
            conn.scalar(
                text(
                    "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() "
                    "AND pid <> pg_backend_pid() AND backend_xid IS NOT NULL"
                )
            )
        )


def _ingest(db: str, folder: Path) -> subprocess.Popen[str]:
    command = [sys.executable, "-m", "newsgraph", "ingest", str(folder), "--db", db, "--quiet", "--partition-size", "4"]
    return subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)


@pytest.mark.slow
def test_newsgraph_ingest_killed_at_random_points(db_url: str, tmp_path: Path) -> None:
    count = 36
    expected = _corpus(tmp_path / "corpus", count)
    rng = random.Random(2024)
    landings: list[Landing] = []
    stored = 0
    with Store.open(db_url) as store:  # migrated before the first child, and used to watch it
        for _ in range(3):
            # Wait until the run has stored a random few new articles (progress, not wall time, so a
            # fast machine cannot finish the corpus first), then kill it after a short random delay:
            # in the analysis, in a transaction or between two.
            child = _ingest(db_url, tmp_path / "corpus")
            target = stored + rng.randint(1, 6)
            deadline = time.monotonic() + 90
            while store.count() < target and child.poll() is None and time.monotonic() < deadline:
                time.sleep(0.005)
            delay = rng.uniform(0.0, 0.15)
            time.sleep(delay)
            assert child.poll() is None, "the ingest ended before its kill"
            in_write = _in_write(db_url, store)
            os.kill(child.pid, signal.SIGKILL)
            child.wait()
            now = _assert_whole(db_url)
            assert now >= stored
            landings.append(Landing(round(delay, 3), now, in_write))
            stored = now
        backend = store.backend
    print(f"\n{backend} kills: {landings}")
    assert stored < count, "every run finished before its kill: the test did not crash anything"
    final = _ingest(db_url, tmp_path / "corpus")
    _out, err = final.communicate(timeout=120)
    assert final.returncode == 0, err
    assert f"{count - stored} ingested" in err and f"{stored + 1} duplicates" in err
    _assert_whole(db_url, expected)
