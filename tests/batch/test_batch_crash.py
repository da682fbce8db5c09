"""A real crash: an ingest process killed with SIGKILL mid-run loses and duplicates nothing on re-run.

The analysis is replaced by a fast stand-in (no model) so the test controls timing; the
store and the ingest loop are the real ones.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time

import pytest

from newsgraph.store import Store

DRIVER = r"""
import sys, time
from newsgraph.batch import Analyzed, Ingestion
from newsgraph.link import signature
from newsgraph.nlp.analyze import article_id
from newsgraph.records import Article, Document
import pytest

from newsgraph.store import Store

def analyze(documents):
    time.sleep(float(sys.argv[3]))
    return [Analyzed(Article(id=article_id(d.text), text=d.text), d.origin, signature(d.text).to_bytes())
            for d in documents]

n = int(sys.argv[2])
documents = [Document(f"Article {i} about council meeting number {i} in town {i % 7}.", str(i)) for i in range(n)]
with Store.open(sys.argv[1]) as store:
    summary = Ingestion(store, analyze, partition_size=1).run_documents(documents)
    print(summary.ingested, summary.duplicates)
"""


def _run(db: str, count: int, delay: float) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, "-c", DRIVER, db, str(count), str(delay)], stdout=subprocess.PIPE, text=True
    )


@pytest.mark.slow
def test_killed_ingest_resumes_without_loss_or_duplicates(db_url: str) -> None:
    count = 40
    with Store.open(db_url):
        pass  # migrate first, so the child's start-up time is not in the race
    child = _run(db_url, count, 0.05)
    deadline = time.monotonic() + 60
    with Store.open(db_url) as store:
        while store.count() < 10 and time.monotonic() < deadline and child.poll() is None:
            time.sleep(0.02)
        os.kill(child.pid, signal.SIGKILL)
        child.wait()
        stored_before = store.count()
    assert 10 <= stored_before < count, "the child should have been killed midway"

    rerun = _run(db_url, count, 0.0)
    out, _ = rerun.communicate(timeout=120)
    assert rerun.returncode == 0
    assert out.split() == [str(count - stored_before), str(stored_before)]
    with Store.open(db_url) as store:
        ids = store.article_ids()
        assert len(ids) == len(set(ids)) == count
