"""Articles, entities with aliases and mentions, times, attributions, signatures, near-duplicates, full text.

Revision ID: 0001
Revises:
Create Date: 2026-11-26
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None

ID = sa.String(64)

# FTS5 over title and text, kept in step with ``articles`` by triggers. The external
# content table means the text is stored once; ``seq`` is the FTS rowid.
_SQLITE_FTS = (
    "CREATE VIRTUAL TABLE articles_fts USING fts5("
    "title, text, content='articles', content_rowid='seq', tokenize='porter unicode61 remove_diacritics 2')",
    "CREATE TRIGGER articles_fts_insert AFTER INSERT ON articles BEGIN "
    "INSERT INTO articles_fts(rowid, title, text) VALUES (new.seq, new.title, new.text); END",
    "CREATE TRIGGER articles_fts_delete AFTER DELETE ON articles BEGIN "
    "INSERT INTO articles_fts(articles_fts, rowid, title, text) VALUES ('delete', old.seq, old.title, old.text); END",
    "CREATE TRIGGER articles_fts_update AFTER UPDATE ON articles BEGIN "
    "INSERT INTO articles_fts(articles_fts, rowid, title, text) VALUES ('delete', old.seq, old.title, old.text); "
    "INSERT INTO articles_fts(rowid, title, text) VALUES (new.seq, new.title, new.text); END",
)

# A stored generated tsvector (title weighted above body) with a GIN index.
_POSTGRES_FTS = (
    "ALTER TABLE articles ADD COLUMN search_vector tsvector GENERATED ALWAYS AS ("
    "setweight(to_tsvector('english', coalesce(title, '')), 'A') || "
    "setweight(to_tsvector('english', text), 'B')) STORED",
    "CREATE INDEX ix_articles_search_vector ON articles USING gin (search_vector)",
)


def upgrade() -> None:
    op.create_table(
        "articles",
        sa.Column("seq", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("id", ID, nullable=False),
        sa.Column("content_hash", sa.String(64), nullable=False),
        sa.Column("title", sa.Text),
        sa.Column("url", sa.Text),
        sa.Column("outlet", sa.Text),
        sa.Column("author", sa.Text),
        sa.Column("published", sa.Date),
        sa.Column("published_from", sa.String(16), nullable=False),
        sa.Column("text", sa.Text, nullable=False),
        sa.Column("origin", sa.Text),
        sa.Column("ingested_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("seq", name="pk_articles"),
        sa.UniqueConstraint("id", name="uq_articles_id"),
        sa.UniqueConstraint("content_hash", name="uq_articles_content_hash"),
    )
    op.create_index("ix_articles_published", "articles", ["published"])

    op.create_table(
        "entities",
        sa.Column("article_id", ID, nullable=False),
        sa.Column("id", sa.String(64), nullable=False),
        sa.Column("position", sa.Integer, nullable=False),
        sa.Column("name", sa.Text, nullable=False),
        sa.Column("type", sa.String(32), nullable=False),
        sa.PrimaryKeyConstraint("article_id", "id", name="pk_entities"),
        sa.ForeignKeyConstraint(
            ["article_id"], ["articles.id"], ondelete="CASCADE", name="fk_entities_article_id_articles"
        ),
    )
    op.create_index("ix_entities_name", "entities", ["name"])
    op.create_index("ix_entities_type", "entities", ["type"])

    op.create_table(
        "entity_aliases",
        sa.Column("article_id", ID, nullable=False),
        sa.Column("entity_id", sa.String(64), nullable=False),
        sa.Column("position", sa.Integer, nullable=False),
        sa.Column("alias", sa.Text, nullable=False),
        sa.PrimaryKeyConstraint("article_id", "entity_id", "position", name="pk_entity_aliases"),
        sa.ForeignKeyConstraint(
            ["article_id", "entity_id"],
            ["entities.article_id", "entities.id"],
            ondelete="CASCADE",
            name="fk_aliases_entity",
        ),
    )
    op.create_index("ix_entity_aliases_alias", "entity_aliases", ["alias"])

    op.create_table(
        "mentions",
        sa.Column("article_id", ID, nullable=False),
        sa.Column("entity_id", sa.String(64), nullable=False),
        sa.Column("position", sa.Integer, nullable=False),
        sa.Column("kind", sa.String(16), nullable=False),
        sa.Column("span_start", sa.Integer, nullable=False),
        sa.Column("span_end", sa.Integer, nullable=False),
        sa.Column("span_text", sa.Text, nullable=False),
        sa.PrimaryKeyConstraint("article_id", "entity_id", "position", name="pk_mentions"),
        sa.ForeignKeyConstraint(
            ["article_id", "entity_id"],
            ["entities.article_id", "entities.id"],
            ondelete="CASCADE",
            name="fk_mentions_entity",
        ),
    )

    op.create_table(
        "times",
        sa.Column("article_id", ID, nullable=False),
        sa.Column("id", sa.String(64), nullable=False),
        sa.Column("position", sa.Integer, nullable=False),
        sa.Column("type", sa.String(16), nullable=False),
        sa.Column("value", sa.Text, nullable=False),
        sa.Column("mod", sa.String(32)),
        sa.Column("span_start", sa.Integer, nullable=False),
        sa.Column("span_end", sa.Integer, nullable=False),
        sa.Column("span_text", sa.Text, nullable=False),
        sa.PrimaryKeyConstraint("article_id", "id", name="pk_times"),
        sa.ForeignKeyConstraint(
            ["article_id"], ["articles.id"], ondelete="CASCADE", name="fk_times_article_id_articles"
        ),
    )
    op.create_index("ix_times_value", "times", ["value"])

    op.create_table(
        "attributions",
        sa.Column("article_id", ID, nullable=False),
        sa.Column("id", sa.String(64), nullable=False),
        sa.Column("position", sa.Integer, nullable=False),
        sa.Column("form", sa.String(16), nullable=False),
        sa.Column("status", sa.String(16), nullable=False),
        sa.Column("when_value", sa.Text),
        sa.Column("source_kind", sa.String(16), nullable=False),
        sa.Column("source_entity", sa.Text),
        sa.Column("source_affiliation", sa.Text),
        sa.Column("source_start", sa.Integer),
        sa.Column("source_end", sa.Integer),
        sa.Column("source_text", sa.Text),
        sa.Column("cue_lemma", sa.Text, nullable=False),
        sa.Column("cue_start", sa.Integer, nullable=False),
        sa.Column("cue_end", sa.Integer, nullable=False),
        sa.Column("cue_text", sa.Text, nullable=False),
        sa.Column("content_start", sa.Integer, nullable=False),
        sa.Column("content_end", sa.Integer, nullable=False),
        sa.Column("content_text", sa.Text, nullable=False),
        sa.Column("via_entity", sa.Text),
        sa.Column("via_start", sa.Integer),
        sa.Column("via_end", sa.Integer),
        sa.Column("via_text", sa.Text),
        sa.PrimaryKeyConstraint("article_id", "id", name="pk_attributions"),
        sa.ForeignKeyConstraint(
            ["article_id"], ["articles.id"], ondelete="CASCADE", name="fk_attributions_article_id_articles"
        ),
    )
    op.create_index("ix_attributions_status", "attributions", ["status"])
    op.create_index("ix_attributions_source_kind", "attributions", ["source_kind"])
    op.create_index("ix_attributions_source_entity", "attributions", ["source_entity"])

    op.create_table(
        "signatures",
        sa.Column("article_id", ID, nullable=False),
        sa.Column("scheme", sa.String(64), nullable=False),
        sa.Column("signature", sa.LargeBinary, nullable=False),
        sa.PrimaryKeyConstraint("article_id", name="pk_signatures"),
        sa.ForeignKeyConstraint(
            ["article_id"], ["articles.id"], ondelete="CASCADE", name="fk_signatures_article_id_articles"
        ),
    )

    op.create_table(
        "near_duplicates",
        sa.Column("article_id", ID, nullable=False),
        sa.Column("original_id", ID, nullable=False),
        sa.Column("similarity", sa.Float, nullable=False),
        sa.PrimaryKeyConstraint("article_id", name="pk_near_duplicates"),
        sa.ForeignKeyConstraint(
            ["article_id"], ["articles.id"], ondelete="CASCADE", name="fk_near_duplicates_article_id_articles"
        ),
        sa.ForeignKeyConstraint(
            ["original_id"], ["articles.id"], ondelete="CASCADE", name="fk_near_duplicates_original_id_articles"
        ),
    )
    op.create_index("ix_near_duplicates_original_id", "near_duplicates", ["original_id"])

    statements = _SQLITE_FTS if op.get_bind().dialect.name == "sqlite" else _POSTGRES_FTS
    for statement in statements:
        op.execute(statement)


def downgrade() -> None:
    if op.get_bind().dialect.name == "sqlite":
        for trigger in ("articles_fts_insert", "articles_fts_delete", "articles_fts_update"):
            op.execute(f"DROP TRIGGER IF EXISTS {trigger}")
        op.execute("DROP TABLE IF EXISTS articles_fts")
    for table in ("near_duplicates", "signatures", "attributions", "times", "mentions", "entity_aliases", "entities"):
        op.drop_table(table)
    op.drop_table("articles")
