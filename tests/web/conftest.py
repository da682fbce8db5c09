"""Web tests: pages through TestClient on both backends, and a real browser against a real server."""

from __future__ import annotations

import socket
import threading
import time
from collections.abc import Iterator

import pytest
import uvicorn
from fastapi.testclient import TestClient

# The sample articles are shared with the API tests (tests/api is on pytest's pythonpath).
from sitearticles import TOKEN, analysed_articles, fill
from spacy.language import Language
from storedb import BACKENDS, db_url, fresh_database_url, store

from newsgraph.records import Article
from newsgraph.store import Store
from newsgraph.web import create_site

__all__ = ["articles", "db_url", "live_server", "pages", "store"]


@pytest.fixture(scope="session")
def articles(nlp: Language) -> list[Article]:
    return analysed_articles(nlp)


@pytest.fixture(scope="module", params=BACKENDS)
def pages(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory, articles: list[Article], nlp: Language
) -> Iterator[TestClient]:
    """The site over a store holding ``articles``, through TestClient, once per module and backend."""
    urls = fresh_database_url(request.param, tmp_path_factory.mktemp("pages"))
    try:
        with Store.open(next(urls)) as opened:
            fill(opened, articles)
            with TestClient(create_site(opened, nlp_factory=lambda: nlp, token=TOKEN)) as client:
                yield client
    finally:
        next(urls, None)


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.fixture(scope="module")
def live_server(tmp_path_factory: pytest.TempPathFactory, articles: list[Article], nlp: Language) -> Iterator[str]:
    """A real uvicorn server on a free loopback port over a SQLite store with ``articles``; yields its URL."""
    store = Store.open(tmp_path_factory.mktemp("live") / "newsgraph.db")
    fill(store, articles)
    app = create_site(store, nlp_factory=lambda: nlp, token=TOKEN)
    port = _free_port()
    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not server.started:
        if time.monotonic() > deadline or not thread.is_alive():
            raise RuntimeError("the test server did not start")
        time.sleep(0.05)
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        server.should_exit = True
        thread.join(timeout=10)
        store.close()
