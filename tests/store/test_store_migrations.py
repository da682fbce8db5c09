"""The packaged migrations build exactly the tables of ``schema.py``, and run on open."""

from __future__ import annotations

import pytest
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import inspect, text
from storearticles import plain_article

from newsgraph.store import Store
from newsgraph.store import schema as t
from newsgraph.store.migrate import current_revision, downgrade, head_revision, upgrade

# Full-text objects (and PostgreSQL's NULLS LAST index) exist only in the migrations, per dialect, by design.
_FTS_ONLY = {"search_vector", "ix_articles_search_vector", "articles_fts", "ix_articles_published_desc_seq_desc"}


def _include(obj: object, name: str | None, type_: str, reflected: bool, compare_to: object) -> bool:
    return name not in _FTS_ONLY and not (name or "").startswith("articles_fts") and name != "alembic_version"


# SQLite cannot reflect expression indexes, so autogenerate skips them there (with a warning);
# ``test_case_insensitive_indexes_exist`` checks them on both dialects instead.
@pytest.mark.filterwarnings("ignore:autogenerate skipping metadata-specified expression-based index")
@pytest.mark.filterwarnings("ignore:Skipped unsupported reflection of expression-based index")
def test_migrations_match_the_schema(store: Store) -> None:
    with store.engine.connect() as conn:
        context = MigrationContext.configure(conn, opts={"include_object": _include, "compare_type": True})
        assert compare_metadata(context, t.metadata) == []
        assert current_revision(conn) == head_revision()


def test_downgrade_to_base_and_up_again(store: Store) -> None:
    with store.engine.begin() as conn:
        downgrade(conn, "base")
    assert "articles" not in inspect(store.engine).get_table_names()
    with store.engine.begin() as conn:
        upgrade(conn)
    assert {"articles", "entities", "attributions", "near_duplicates"} <= set(inspect(store.engine).get_table_names())


def test_full_text_objects_exist(store: Store) -> None:
    names = set(inspect(store.engine).get_table_names())
    if store.backend == "sqlite":
        assert "articles_fts" in names
    else:
        assert "search_vector" in {c["name"] for c in inspect(store.engine).get_columns("articles")}


def _index_names(store: Store) -> set[str]:
    with store.engine.connect() as conn:
        if store.backend == "sqlite":
            return set(conn.scalars(text("SELECT name FROM sqlite_master WHERE type = 'index'")))
        return set(conn.scalars(text("SELECT indexname FROM pg_indexes WHERE schemaname = current_schema()")))


def test_case_insensitive_indexes_exist(store: Store) -> None:
    expected = {
        "ix_entities_lower_name",
        "ix_entity_aliases_lower_alias",
        "ix_attributions_lower_source_text",
        "ix_events_lower_actor_entity",
        "ix_events_lower_target_entity",
    }
    assert expected <= _index_names(store)


def test_0005_drops_the_lower_source_entity_index(store: Store) -> None:
    unused = "ix_attributions_lower_source_entity"
    assert unused not in _index_names(store)
    with store.engine.begin() as conn:
        downgrade(conn, "0004")
    assert unused in _index_names(store)
    # An existing database at 0004 (with the index) upgrades to head without it.
    with store.engine.begin() as conn:
        upgrade(conn)
        assert current_revision(conn) == head_revision()
    assert unused not in _index_names(store)
    assert "ix_attributions_lower_source_text" in _index_names(store)


def test_events_table_has_a_column_per_field(store: Store) -> None:
    columns = {c["name"] for c in inspect(store.engine).get_columns("events")}
    assert {"trigger_text", "actor_entity", "target_start", "place_text", "time_anchor", "factuality"} <= columns


def test_downgrade_to_0001_drops_events_only(store: Store) -> None:
    with store.engine.begin() as conn:
        downgrade(conn, "0001")
    names = set(inspect(store.engine).get_table_names())
    assert "events" not in names and "attributions" in names
    with store.engine.begin() as conn:
        upgrade(conn)
        assert current_revision(conn) == head_revision()


COMPANY = "Shares of <Scandinavian Airline System> rose after the carrier reported record traffic in March."


def test_0006_adds_read_indexes_and_makes_company_markers_searchable(store: Store) -> None:
    both = {
        "ix_attributions_article_id_source_kind_status",
        "ix_attributions_article_id_source_entity",
        "ix_attributions_article_id_source_affiliation",
    }
    newest = "ix_articles_published_desc_seq_desc"
    store.add_article(plain_article(COMPANY, "3333333333333333", "Airline traffic"))
    assert [h.article_id for h in store.search("Scandinavian airline")] == ["3333333333333333"]
    names = _index_names(store)
    assert both <= names
    assert (newest in names) == (store.backend == "postgresql")
    with store.engine.begin() as conn:
        downgrade(conn, "0005")
    assert not (both | {newest}) & _index_names(store)
    if store.backend == "postgresql":
        # Before 0006 PostgreSQL's parser dropped ``<Scandinavian Airline System>`` as a markup tag.
        assert store.search("Scandinavian") == []
    # An existing database at 0005 upgrades to head: the indexes appear, the vector is regenerated.
    with store.engine.begin() as conn:
        upgrade(conn)
        assert current_revision(conn) == head_revision()
    assert both <= _index_names(store)
    assert [h.article_id for h in store.search("Scandinavian")] == ["3333333333333333"]
    assert store.search("traffic")[0].article_id == "3333333333333333"
