"""Indexes for the served reads, and a PostgreSQL search vector that keeps ``<Company Name>``.

- ``ix_attributions_article_id_source_kind_status`` (both dialects): the facets of a search
  read the (source kind, status) pairs of up to 1,000 articles' claims; this index answers
  that without reading the attribution rows (their contents make them wide).
- ``ix_attributions_article_id_source_entity`` and ``..._source_affiliation`` (both
  dialects): ``said_by`` finds the claims of the entities called a name through them, one
  look-up per article naming it (a common name like "U.S." is named in 2,761 articles).
- ``ix_entities_lower_name`` and ``ix_entity_aliases_lower_alias`` (both dialects) now hold
  the entity's key after ``lower(name)``: the entities called a name are found from the index
  alone (2,761 rows for "U.S.", read up to eight times by one claim page).
- ``ix_articles_published_desc_seq_desc`` (PostgreSQL only): the newest-first claim and
  article lists walk it instead of sorting every article (40.6 -> 3.2 ms a claim page on the
  Reuters collection). SQLite walks ``ix_articles_published`` backwards already, and its
  indexes cannot say NULLS LAST.
- PostgreSQL's ``search_vector`` is generated from the title and text with ``<`` and ``>``
  replaced by spaces: its parser takes Reuters' ``<Scandinavian Airline System>`` for a
  markup tag and drops it, so those names were unsearchable there (FTS5 finds them).
  Regenerating the column re-reads every article (tens of seconds on 18k articles).

Revision ID: 0006
Revises: 0005
Create Date: 2026-11-26
"""

from __future__ import annotations

from alembic import op

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None

FACET_INDEX = "ix_attributions_article_id_source_kind_status"
NEWEST_INDEX = "ix_articles_published_desc_seq_desc"
NAME_INDEXES = (
    ("ix_entities_lower_name", "entities", "name", "article_id, id"),
    ("ix_entity_aliases_lower_alias", "entity_aliases", "alias", "article_id, entity_id"),
)
SOURCE_INDEXES = {
    "ix_attributions_article_id_source_entity": "source_entity",
    "ix_attributions_article_id_source_affiliation": "source_affiliation",
}

SEARCH_VECTOR = (
    "setweight(to_tsvector('english', translate(coalesce(title, ''), '<>', '  ')), 'A') || "
    "setweight(to_tsvector('english', translate(text, '<>', '  ')), 'B')"
)
"""The expression of ``articles.search_vector`` from this revision on (``newsgraph check`` compares it)."""

_OLD_SEARCH_VECTOR = (
    "setweight(to_tsvector('english', coalesce(title, '')), 'A') || setweight(to_tsvector('english', text), 'B')"
)


def _search_vector(expression: str) -> None:
    # A generated column's expression cannot be altered: drop it (and its GIN index) and add it again.
    op.execute("DROP INDEX IF EXISTS ix_articles_search_vector")
    op.execute("ALTER TABLE articles DROP COLUMN search_vector")
    op.execute(f"ALTER TABLE articles ADD COLUMN search_vector tsvector GENERATED ALWAYS AS ({expression}) STORED")
    op.execute("CREATE INDEX ix_articles_search_vector ON articles USING gin (search_vector)")


def upgrade() -> None:
    op.create_index(FACET_INDEX, "attributions", ["article_id", "source_kind", "status"])
    for name, column in SOURCE_INDEXES.items():
        op.create_index(name, "attributions", ["article_id", column])
    for name, table, column, key in NAME_INDEXES:
        op.execute(f"DROP INDEX {name}")
        op.execute(f"CREATE INDEX {name} ON {table} (lower({column}), {key})")
    if op.get_bind().dialect.name == "postgresql":
        op.execute(f"CREATE INDEX {NEWEST_INDEX} ON articles (published DESC NULLS LAST, seq DESC)")
        _search_vector(SEARCH_VECTOR)


def downgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        _search_vector(_OLD_SEARCH_VECTOR)
        op.execute(f"DROP INDEX IF EXISTS {NEWEST_INDEX}")
    for name, table, column, _key in NAME_INDEXES:
        op.execute(f"DROP INDEX {name}")
        op.execute(f"CREATE INDEX {name} ON {table} (lower({column}))")
    for name in SOURCE_INDEXES:
        op.drop_index(name, table_name="attributions")
    op.drop_index(FACET_INDEX, table_name="attributions")
