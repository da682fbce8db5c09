"""API tests run on SQLite and PostgreSQL: ``db_url``/``store`` come from ``tests/storedb.py``."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from fastapi.testclient import TestClient
from sitearticles import TOKEN, analysed_articles, counting_factory, fill
from spacy.language import Language
from storedb import db_url, store

from newsgraph.records import Article
from newsgraph.store import Store
from newsgraph.web import create_site

__all__ = ["articles", "client", "db_url", "store"]


@pytest.fixture(scope="session")
def articles(nlp: Language) -> list[Article]:
    return analysed_articles(nlp)


@pytest.fixture
def client(store: Store, articles: list[Article], nlp: Language) -> Iterator[TestClient]:
    """The whole site (API and pages) over a store holding ``articles``; ingest token ``TOKEN``."""
    fill(store, articles)
    factory, calls = counting_factory(nlp)
    app = create_site(store, nlp_factory=factory, token=TOKEN, max_body_bytes=50_000)
    app.state.model_calls = calls
    with TestClient(app) as test_client:
        yield test_client
