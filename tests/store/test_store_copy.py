"""``copy_store`` / ``newsgraph copy``: a whole store into another database, resumable and idempotent."""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import click
import pytest
import sqlalchemy as sa
from click.testing import CliRunner
from storearticles import TEXT, plain_article, sample_article
from storedb import fresh_database_url

from newsgraph.errors import StoreError
from newsgraph.records import Article
from newsgraph.store import Store, content_hash
from newsgraph.store.copy import copy_store, tables
from newsgraph.store.integrity import check
from newsgraph.store.repository import NearDuplicateLink
from newsgraph.store_cli import COMMANDS

PAIRS = [("sqlite", "postgresql"), ("postgresql", "sqlite"), ("sqlite", "sqlite")]


def _whole(article: Article) -> Article:
    return dataclasses.replace(article, id=content_hash(article.text)[:16])


ARTICLES = [
    _whole(sample_article()),
    _whole(sample_article(TEXT + " Later the ministry confirmed it.")),
    _whole(plain_article("The European Central Bank left rates unchanged on Thursday.", "x", title="ECB")),
]


@pytest.fixture(params=PAIRS, ids=["-".join(p) for p in PAIRS])
def pair(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[tuple[Store, Store]]:
    """A filled source store and an empty target, on the backends of ``PAIRS``."""
    first, second = request.param
    source_urls = fresh_database_url(first, tmp_path / "source")
    target_urls = fresh_database_url(second, tmp_path / "target")
    (tmp_path / "source").mkdir()
    (tmp_path / "target").mkdir()
    try:
        with Store.open(next(source_urls)) as source, Store.open(next(target_urls)) as target:
            source.add_article(ARTICLES[0], origin="a.txt", signature=("test", b"\x01" * 16))
            near = NearDuplicateLink(ARTICLES[1].id, ARTICLES[0].id, 0.9)
            source.add_article(ARTICLES[1], signature=("test", b"\x02" * 16), near_duplicate=near)
            source.add_article(ARTICLES[2])
            yield source, target
    finally:
        next(source_urls, None)
        next(target_urls, None)


def _rows(store: Store) -> dict[str, set[tuple[Any, ...]]]:
    """Every row of every table but the article numbers, comparable across engines."""
    out = {}
    with store.engine.connect() as conn:
        for table in tables():
            columns = [c for c in table.columns if not (table.name == "articles" and c.name in ("seq", "ingested_at"))]
            out[table.name] = {
                tuple(bytes(v) if isinstance(v, memoryview) else v for v in r)
                for r in conn.execute(sa.select(*columns))
            }
    return out


def test_copy_gives_an_equal_store(pair: tuple[Store, Store]) -> None:
    source, target = pair
    summary = copy_store(source, target, batch=2)
    assert summary.updated == 0 and summary.inserted == sum(len(v) for v in _rows(source).values())
    assert _rows(target) == _rows(source)
    assert target.get_articles(source.article_ids()) == source.get_articles(source.article_ids())
    assert target.article_ids() == source.article_ids()  # storage order kept
    assert [h.article_id for h in target.search("naval")] == [h.article_id for h in source.search("naval")]
    assert target.near_duplicate_of(ARTICLES[1].id) == source.near_duplicate_of(ARTICLES[1].id)
    report = check(target, sample=None)
    assert report.ok, [str(p) for p in report.problems]

    again = copy_store(source, target)
    assert again.inserted == again.updated == 0


def test_an_interrupted_copy_is_finished_by_running_it_again(pair: tuple[Store, Store]) -> None:
    source, target = pair

    class Stop(Exception):
        pass

    def stop_after_entities(done: Any) -> None:
        if done.table == "entities":
            raise Stop

    with pytest.raises(Stop):
        copy_store(source, target, batch=2, on_table=stop_after_entities)
    assert "record-counts" in {p.check for p in check(target).problems}  # mentions, times... not there yet
    copy_store(source, target)
    assert _rows(target) == _rows(source)
    assert check(target).ok


def test_the_copy_follows_the_source(pair: tuple[Store, Store]) -> None:
    source, target = pair
    copy_store(source, target)
    extra = _whole(plain_article("A fourth article, about the naval base again.", "y"))
    source.add_article(extra)
    summary = copy_store(source, target)
    assert summary.inserted >= 1
    assert target.get_article(extra.id) == extra
    assert _rows(target) == _rows(source)


def test_another_store_is_not_overwritten(pair: tuple[Store, Store]) -> None:
    source, target = pair
    target.add_article(_whole(plain_article("Something only the target holds.", "z")))
    with pytest.raises(StoreError, match="holds 1 article"):
        copy_store(source, target)


def test_copy_command(pair: tuple[Store, Store]) -> None:
    source, target = pair
    urls = [s.url.render_as_string(hide_password=False) for s in (source, target)]
    result = CliRunner().invoke(_group(), ["copy", "--from", urls[0], "--to", urls[1]])
    assert result.exit_code == 0, result.output
    assert "articles: 3 rows, 3 copied, 0 updated" in result.stderr
    assert result.stderr.splitlines()[-1].startswith("copied ")
    assert _rows(target) == _rows(source)


def test_a_row_postgresql_cannot_hold_is_reported_and_the_rest_copied(tmp_path: Path) -> None:
    # A SQLite store written before readers removed NUL characters can hold them; PostgreSQL cannot.
    target_urls = fresh_database_url("postgresql", tmp_path)
    nul = _whole(sample_article(TEXT + " More\x00 later."))
    with Store.open(tmp_path / "old.db") as source, Store.open(next(target_urls)) as target:
        source.add_article(ARTICLES[0])
        source.add_article(nul)
        source.add_article(ARTICLES[2])
        summary = copy_store(source, target, batch=2)
        assert summary.skipped == (
            f"article {nul.id}: not copied, it holds NUL characters PostgreSQL cannot store (re-ingest its source)",
        )
        assert sorted(target.article_ids()) == sorted([ARTICLES[0].id, ARTICLES[2].id])
        assert target.get_article(ARTICLES[0].id) == ARTICLES[0]
        report = check(target, sample=None)
        assert report.ok, [str(p) for p in report.problems]
        result = CliRunner().invoke(
            _group(),
            ["copy", "--from", str(tmp_path / "old.db"), "--to", target.url.render_as_string(hide_password=False)],
        )
        assert isinstance(result.exception, StoreError), result.output
        assert f"skipped: article {nul.id}: not copied" in result.stderr
    next(target_urls, None)


def _group() -> click.Group:
    group = click.Group("newsgraph")
    for command in COMMANDS:
        group.add_command(command)
    return group
