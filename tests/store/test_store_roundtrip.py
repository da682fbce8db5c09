"""Articles go into the store and come back equal, on SQLite and PostgreSQL."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest
import sqlalchemy as sa
from hypothesis import HealthCheck, given, settings
from storearticles import TEXT, articles, sample_article

from newsgraph.errors import StoreError
from newsgraph.records import Article
from newsgraph.store import Store, content_hash, database_url
from newsgraph.store import schema as t
from newsgraph.store.repository import NearDuplicateLink


def test_article_round_trips(store: Store) -> None:
    article = sample_article()
    assert store.add_article(article, origin="a.txt")
    assert store.get_article(article.id) == article
    assert store.count() == 1


def test_records_are_queryable_columns_not_blobs(store: Store) -> None:
    store.add_article(sample_article())
    with store.engine.connect() as conn:
        kinds = dict(conn.execute(sa.select(t.mentions.c.span_text, t.mentions.c.kind)).all())
        via = conn.scalar(sa.select(t.attributions.c.via_entity).where(t.attributions.c.id == "a2"))
        hash_ = conn.scalar(sa.select(t.articles.c.content_hash))
    assert kinds["his"] == "pronoun"
    assert via == "e3"  # the id of the Interfax entity
    assert hash_ == content_hash(TEXT)


def test_storing_the_same_content_twice_stores_it_once(store: Store) -> None:
    article = sample_article()
    assert store.add_article(article)
    assert not store.add_article(dataclasses.replace(article, title="Another headline"))
    assert store.count() == 1
    assert store.get_article(article.id) == article


def test_a_failed_write_leaves_nothing_behind(store: Store) -> None:
    # Two entities with one id violate the key half-way through the article's records.
    article = sample_article()
    broken = dataclasses.replace(article, entities=(*article.entities, article.entities[0]))
    with pytest.raises(StoreError, match=article.id):
        store.add_article(broken)
    assert store.count() == 0
    with store.engine.connect() as conn:
        for table in (t.entities, t.mentions, t.entity_aliases, t.times, t.attributions):
            assert conn.scalar(sa.select(sa.func.count()).select_from(table)) == 0
    assert store.add_article(article)


def test_missing_article_is_none(store: Store) -> None:
    assert store.get_article("nope") is None
    assert store.get_articles(["nope"]) == []


def test_get_articles_keeps_the_order_asked(store: Store) -> None:
    first = sample_article()
    second = sample_article(text=TEXT + " More.", id="fedcba9876543210")
    store.add_article(first)
    store.add_article(second)
    assert [a.id for a in store.get_articles([second.id, first.id])] == [second.id, first.id]
    assert [a.id for a in store.iter_articles(batch=1)] == [first.id, second.id]
    assert store.known_ids([first.id, "zzz"]) == {first.id}


def test_near_duplicate_link_and_signature_are_stored(store: Store) -> None:
    original = sample_article()
    copy = sample_article(text=TEXT + " (Reuters)", id="fedcba9876543210")
    store.add_article(original, signature=("scheme-a", b"\x01\x02"))
    link = NearDuplicateLink(copy.id, original.id, 0.9)
    store.add_article(copy, signature=("scheme-a", b"\x03"), near_duplicate=link)
    assert store.near_duplicate_of(copy.id) == NearDuplicateLink(copy.id, original.id, 0.9)
    assert store.near_duplicate_of(original.id) is None
    assert store.near_duplicates_of(original.id) == [NearDuplicateLink(copy.id, original.id, 0.9)]
    assert store.signatures("scheme-a") == [(original.id, b"\x01\x02"), (copy.id, b"\x03")]
    assert store.signatures("other") == []


def test_delete_removes_every_record(store: Store) -> None:
    article = sample_article()
    store.add_article(article, signature=("s", b"x"))
    assert store.delete_article(article.id)
    assert not store.delete_article(article.id)
    assert store.count() == 0
    assert store.search("Moscow") == []


def test_reopening_keeps_the_data(db_url: str) -> None:
    article = sample_article()
    with Store.open(db_url) as store:
        store.add_article(article)
    with Store.open(db_url) as store:
        assert store.get_article(article.id) == article


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(article=articles())
def test_any_article_round_trips(store: Store, article: Article) -> None:
    assert store.add_article(article)
    try:
        assert store.get_article(article.id) == article
    finally:
        store.delete_article(article.id)


def test_sqlite_uses_wal(tmp_path: Path) -> None:
    with Store.open(tmp_path / "w.db") as store, store.engine.connect() as conn:
        assert conn.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
        assert conn.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1


def test_database_urls() -> None:
    assert database_url(None).render_as_string() == "sqlite:///newsgraph.db"
    assert database_url("data/x.db").database == "data/x.db"
    assert database_url("postgresql://u:p@h:5/db").drivername == "postgresql+psycopg"
    assert database_url("postgres://h/db").drivername == "postgresql+psycopg"
    with pytest.raises(StoreError, match="unsupported database 'mysql'"):
        database_url("mysql://h/db")


def test_unreachable_database_is_one_line_error(tmp_path: Path) -> None:
    with pytest.raises(StoreError, match="does not exist"):
        Store.open(tmp_path / "missing" / "x.db")
    with pytest.raises(StoreError, match=r"cannot open database postgresql\+psycopg://u:\*\*\*@127.0.0.1:1/db"):
        Store.open("postgresql://u:secret@127.0.0.1:1/db")
