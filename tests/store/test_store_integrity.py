"""The integrity check passes on whole stores and names each kind of damage, on SQLite and PostgreSQL."""

from __future__ import annotations

import dataclasses
import json
from collections.abc import Iterator
from contextlib import contextmanager

import click
import pytest
import sqlalchemy as sa
from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings
from sqlalchemy import Connection
from storearticles import TEXT, articles, plain_article, sample_article

from newsgraph.records import Article
from newsgraph.store import Store, content_hash
from newsgraph.store import crossdoc as links
from newsgraph.store import schema as t
from newsgraph.store.integrity import CHECKS, IntegrityReport, check
from newsgraph.store.repository import record_counts
from newsgraph.store_cli import COMMANDS

OTHER = "The European Central Bank left interest rates unchanged on Thursday, its president said."


def _whole(article: Article) -> Article:
    """The article with the content-hash id every real writer gives it."""
    return dataclasses.replace(article, id=content_hash(article.text)[:16])


@pytest.fixture
def filled(store: Store) -> Store:
    """A store with a fully populated article and a plain one, both linked."""
    assert store.add_article(_whole(sample_article()), signature=("test", b"\x00" * 8))
    assert store.add_article(_whole(plain_article(OTHER, "x", title="ECB")))
    return store


@contextmanager
def _unchecked(store: Store) -> Iterator[Connection]:
    """A transaction that may break references: foreign keys off, as damage from outside would be."""
    with store.engine.connect() as conn:
        if store.backend == "sqlite":
            # Only outside a transaction, on the driver connection (SQLAlchemy has not begun yet).
            conn.connection.driver_connection.execute("PRAGMA foreign_keys=OFF")  # type: ignore[union-attr]
        with conn.begin():
            if store.backend == "postgresql":
                conn.exec_driver_sql("SET LOCAL session_replication_role = replica")
            yield conn
        conn.invalidate()  # never hand a connection without foreign keys back to the pool


def _checks(report: IntegrityReport) -> set[str]:
    return {p.check for p in report.problems}


def _messages(report: IntegrityReport) -> str:
    return "\n".join(str(p) for p in report.problems)


SAMPLE_ID = content_hash(TEXT)[:16]


def test_a_whole_store_passes(filled: Store) -> None:
    report = check(filled, sample=None)
    assert report.ok, _messages(report)
    assert report.articles == 2
    assert report.checks == CHECKS
    assert report.summary().startswith("ok: 2 articles")
    assert any("2 of 2 articles looked up" in n for n in report.notes)


def test_an_empty_store_passes(store: Store) -> None:
    assert check(store).ok


def test_counts_are_written_with_the_article(filled: Store) -> None:
    with filled.engine.connect() as conn:
        row = conn.execute(sa.select(t.articles).where(t.articles.c.id == SAMPLE_ID)).one()
    expected = record_counts(sample_article())
    assert {k: getattr(row, k) for k in expected} == expected
    # Each entity's name is one of its aliases (`Entity`): the three names join the two other aliases.
    assert expected["mention_count"] == 6 and expected["alias_count"] == 5


def test_a_lost_record_is_a_half_written_article(filled: Store) -> None:
    with filled.engine.begin() as conn:
        conn.execute(sa.delete(t.events).where(t.events.c.id == "v2"))
        conn.execute(sa.delete(t.entity_aliases).where(t.entity_aliases.c.position == 1))
    report = check(filled)
    assert _checks(report) == {"record-counts"}
    messages = _messages(report)
    assert "events rows differ" in messages and "entity_aliases rows differ" in messages
    assert all(p.examples == (SAMPLE_ID,) for p in report.problems)


def test_an_article_row_without_its_records_is_found(filled: Store) -> None:
    # What a write cut between the article row and its records would leave.
    article = _whole(sample_article(TEXT + " More to follow."))
    with filled.engine.begin() as conn:
        conn.execute(
            sa.insert(t.articles).values(
                id=article.id,
                content_hash=content_hash(article.text),
                text=article.text,
                published_from="unknown",
                ingested_at=sa.func.now(),
                **record_counts(sample_article()),
            )
        )
    report = check(filled)
    assert "record-counts" in _checks(report)
    assert all(article.id in p.examples for p in report.problems if p.check == "record-counts")


def test_an_article_without_counts_is_not_whole(filled: Store) -> None:
    with filled.engine.begin() as conn:
        conn.execute(sa.update(t.articles).values(event_count=None))
    report = check(filled)
    assert _checks(report) == {"record-counts"}
    assert report.problems[0].count == 2


def test_a_span_not_matching_the_text_is_found(filled: Store) -> None:
    with filled.engine.begin() as conn:
        conn.execute(sa.update(t.mentions).where(t.mentions.c.kind == "pronoun").values(span_text="her"))
        conn.execute(sa.update(t.attributions).where(t.attributions.c.id == "a1").values(content_end=10_000))
        conn.execute(sa.update(t.events).where(t.events.c.id == "v1").values(actor_end=None))
    report = check(filled)
    assert _checks(report) == {"spans"}
    messages = _messages(report)
    assert "mentions.span: spans outside the text or not matching it: 1" in messages
    assert "attributions.content: spans outside the text or not matching it: 1" in messages
    assert "events.actor: spans with a start or an end missing: 1" in messages
    assert f"{SAMPLE_ID}/e1/2" in messages  # the pronoun mention, by its primary key


def test_dangling_links_are_found(filled: Store) -> None:
    with _unchecked(filled) as conn:
        conn.execute(sa.delete(links.stories))
        conn.execute(sa.delete(links.identities))
        conn.execute(sa.update(t.events).where(t.events.c.id == "v1").values(attribution_id="a9"))
    report = check(filled)
    assert _checks(report) == {"links"}
    messages = _messages(report)
    for name in ("story article → story", "entity identity → identity", "event → attribution", "claim → story"):
        assert name in messages


def test_records_of_a_deleted_article_are_orphans(filled: Store) -> None:
    with _unchecked(filled) as conn:
        conn.execute(sa.delete(t.articles).where(t.articles.c.id == SAMPLE_ID))
    report = check(filled)
    assert "foreign-keys" in _checks(report)
    assert "entities → articles: rows referring to no row" in _messages(report)
    if filled.backend == "sqlite":
        assert "SQLite foreign_key_check" in _messages(report)


def test_changed_text_no_longer_matches_its_hash(filled: Store) -> None:
    with filled.engine.begin() as conn:
        conn.execute(sa.update(t.articles).where(t.articles.c.id != SAMPLE_ID).values(text=OTHER + " Changed."))
    report = check(filled)
    assert _checks(report) == {"content"}
    assert "id or content hash is not the hash of their text: 1" in _messages(report)


def test_an_article_missing_from_the_search_index_is_found(filled: Store) -> None:
    with filled.engine.begin() as conn:
        if filled.backend == "sqlite":
            # The index entry goes, the article stays: what a write bypassing the triggers leaves.
            seq = conn.scalar(sa.select(t.articles.c.seq).where(t.articles.c.id == SAMPLE_ID))
            row = conn.execute(sa.select(t.articles.c.title, t.articles.c.text).where(t.articles.c.seq == seq)).one()
            conn.exec_driver_sql(
                "INSERT INTO articles_fts(articles_fts, rowid, title, text) VALUES ('delete', ?, ?, ?)",
                (seq, row.title, row.text),
            )
        else:
            # A generated column cannot be damaged by SQL; an index corrupted below SQL shows as here.
            conn.exec_driver_sql("ALTER TABLE articles DROP COLUMN search_vector")
            conn.exec_driver_sql("ALTER TABLE articles ADD COLUMN search_vector tsvector")
    report = check(filled)
    assert _checks(report) == {"full-text"}
    assert SAMPLE_ID in {e for p in report.problems for e in p.examples}


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(article=articles())
def test_any_stored_article_passes(store: Store, article: Article) -> None:
    # Arbitrary Unicode: the span check's character offsets agree with Python's on both engines.
    article = _whole(
        dataclasses.replace(article, events=tuple(dataclasses.replace(e, attribution=None) for e in article.events))
    )
    store.add_article(article, link=False)
    try:
        report = check(store, sample=None)
        assert report.ok, _messages(report)
    finally:
        store.delete_article(article.id)


@pytest.fixture
def cli() -> click.Group:
    group = click.Group("newsgraph")
    for command in COMMANDS:
        group.add_command(command)
    return group


def test_check_command(cli: click.Group, filled: Store) -> None:
    db = filled.url.render_as_string(hide_password=False)
    runner = CliRunner()
    good = runner.invoke(cli, ["check", "--db", db])
    assert good.exit_code == 0, good.output
    assert good.stdout.startswith("ok: 2 articles in ") and good.stdout.count("\n") == 1
    with filled.engine.begin() as conn:
        conn.execute(sa.delete(t.times))
    bad = runner.invoke(cli, ["check", "--db", db, "--quick"])
    assert bad.exit_code == 1
    first, *rest = bad.stdout.splitlines()
    assert first.endswith("failed record-counts")
    assert rest == [
        f"  record-counts: articles whose times rows differ from the count written with them: 1 (e.g. {SAMPLE_ID})"
    ]
    as_json = runner.invoke(cli, ["check", "--db", db, "--json"])
    assert as_json.exit_code == 1
    data = json.loads(as_json.stdout)
    assert data["ok"] is False and data["articles"] == 2
    assert [(p["check"], p["count"], p["examples"]) for p in data["problems"]] == [("record-counts", 1, [SAMPLE_ID])]
