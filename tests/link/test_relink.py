"""``newsgraph relink``: a store's links rebuilt from its articles, idempotent, as if linked on ingest."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from spacy.language import Language
from sqlalchemy import select

from newsgraph.cli import cli
from newsgraph.link_cli import relink_store
from newsgraph.nlp.analyze import analyze
from newsgraph.records import Article
from newsgraph.store import Store, crossdoc

TEXTS = (
    "Syrian President Bashar al-Assad arrived in Moscow on Sunday, a Kremlin source told the Interfax news agency.",
    "Bashar al-Assad has arrived in Moscow with his family, a source in the Kremlin told TASS.",
    "The Kremlin denied that Assad had arrived in Moscow.",
    "Heavy rain flooded the football stadium in Manchester on Saturday, the club said.",
)


@pytest.fixture(scope="module")
def articles(nlp: Language) -> list[Article]:
    day = dt.date(2024, 12, 8)
    return [analyze(t, nlp=nlp, published=day, outlet=f"Outlet {i}") for i, t in enumerate(TEXTS)]


def snapshot(store: Store) -> dict[str, list[tuple[Any, ...]]]:
    """The link tables' rows, sorted: what relinking must reproduce."""
    with store.engine.connect() as conn:
        return {
            "stories": sorted(
                conn.execute(select(crossdoc.story_articles.c.article_id, crossdoc.story_articles.c.story_id)).all()
            ),
            "claims": sorted(
                conn.execute(
                    select(
                        crossdoc.claim_versions.c.article_id,
                        crossdoc.claim_versions.c.record_id,
                        crossdoc.claim_versions.c.claim_id,
                    )
                ).all()
            ),
            "identities": sorted(conn.execute(select(crossdoc.entity_identities)).all()),
        }


def test_relink_builds_links_idempotently(store: Store, articles: list[Article], tmp_path: Path, nlp: Language) -> None:
    for article in articles:
        assert store.add_article(article, link=False)
    assert snapshot(store)["stories"] == []
    summary = relink_store(store)
    assert summary.articles == 4 and summary.stories >= 2 and summary.claims > 0
    first = snapshot(store)
    assert len(first["stories"]) == 4 and first["claims"] and first["identities"]
    with store.engine.connect() as conn:
        assert sum(s.size for s in crossdoc.list_stories(conn)) == 4
    # Twice gives the same links, ids included.
    relink_store(store)
    assert snapshot(store) == first
    # The same as linking each article as it was stored.
    with Store.open(tmp_path / "linked.db") as linked:
        for article in articles:
            assert linked.add_article(article)
        assert snapshot(linked) == first
    # The store keeps linking new articles into the rebuilt stories.
    extra = analyze("Assad arrived in Moscow, a Kremlin source told RIA Novosti.", nlp=nlp)
    assert store.add_article(extra)
    after = snapshot(store)
    story_of = dict(after["stories"])
    assert story_of[extra.id] == story_of[articles[0].id]


def test_relink_command(db_url: str, articles: list[Article]) -> None:
    with Store.open(db_url) as store:
        for article in articles:
            store.add_article(article, link=False)
    result = CliRunner().invoke(cli, ["relink", "--db", db_url, "--json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert data["articles"] == 4 and data["stories"] >= 2
    text = CliRunner().invoke(cli, ["relink", "--db", db_url])
    assert text.exit_code == 0 and "4 articles relinked" in text.output
