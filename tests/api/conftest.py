"""API tests run on SQLite and PostgreSQL (``tests/storedb.py``).

The sample store is built once per test module and backend: creating and migrating a
PostgreSQL database per test would dominate the run. Tests that write use their own
texts, so they do not disturb each other; tests that need an empty store use ``store``.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from fastapi.testclient import TestClient
from sitearticles import TOKEN, analysed_articles, counting_factory, fill
from spacy.language import Language
from storedb import BACKENDS, db_url, fresh_database_url, store

from newsgraph.records import Article
from newsgraph.store import Store
from newsgraph.web import create_site

__all__ = ["articles", "client", "db_url", "sample_store", "store"]


@pytest.fixture(scope="session")
def articles(nlp: Language) -> list[Article]:
    return analysed_articles(nlp)


@pytest.fixture(scope="module", params=BACKENDS)
def sample_store(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory, articles: list[Article]
) -> Iterator[Store]:
    """A store holding ``articles``, once per module and backend."""
    urls = fresh_database_url(request.param, tmp_path_factory.mktemp("sample"))
    try:
        with Store.open(next(urls)) as opened:
            fill(opened, articles)
            yield opened
    finally:
        next(urls, None)


@pytest.fixture(scope="module")
def client(sample_store: Store, nlp: Language) -> Iterator[TestClient]:
    """The whole site (API and pages) over ``sample_store``; ingest token ``TOKEN``."""
    factory, calls = counting_factory(nlp)
    app = create_site(sample_store, nlp_factory=factory, token=TOKEN, max_body_bytes=50_000)
    app.state.model_calls = calls
    with TestClient(app) as test_client:
        yield test_client
