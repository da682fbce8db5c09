"""Fixtures for tests/store and tests/batch: each test runs on SQLite and on PostgreSQL.

Start a throwaway server with ``eval "$(scripts/start-postgres.sh)"``; it exports
``NEWSGRAPH_TEST_POSTGRES_URL``. Each test gets an empty database either way.
"""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

from newsgraph.store import Store

POSTGRES_ENV = "NEWSGRAPH_TEST_POSTGRES_URL"
BACKENDS = ["sqlite", "postgresql"]


def fresh_database_url(backend: str, tmp_path: Path) -> Iterator[str]:
    """An empty database for one test: a SQLite file, or a new database on the test server."""
    if backend == "sqlite":
        yield str(tmp_path / "test.db")
        return
    server = os.environ.get(POSTGRES_ENV)
    if not server:
        pytest.skip(f"PostgreSQL tests need {POSTGRES_ENV} (start a server with scripts/start-postgres.sh)")
    admin_url = make_url(server).set(drivername="postgresql+psycopg")
    name = f"newsgraph_{uuid.uuid4().hex[:12]}"
    admin = create_engine(admin_url, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f'CREATE DATABASE "{name}"'))
    try:
        yield admin_url.set(database=name).render_as_string(hide_password=False)
    finally:
        with admin.connect() as conn:
            conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()


@pytest.fixture(params=BACKENDS)
def db_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """A URL (or SQLite path) of an empty database, once per backend."""
    yield from fresh_database_url(request.param, tmp_path)


@pytest.fixture
def store(db_url: str) -> Iterator[Store]:
    """An opened, migrated, empty store, once per backend."""
    with Store.open(db_url) as opened:
        yield opened
