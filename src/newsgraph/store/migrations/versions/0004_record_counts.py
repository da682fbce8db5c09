"""Record counts on each article, so an integrity check can tell a whole article from a half-written one.

The writer knows how many entities, aliases, mentions, times, attributions and events an
article has before it inserts them; it stores those counts in the article's own row, in
the same transaction as the records. ``newsgraph check`` compares them with the rows.
Articles stored before this revision get the counts of the rows they have (they were
written in one transaction too).

On SQLite the FTS update trigger now fires only when ``title`` or ``text`` change: the
backfill below (and any later bookkeeping update) must not re-index every article.

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-27
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None

COUNTS = (
    ("entity_count", "entities"),
    ("alias_count", "entity_aliases"),
    ("mention_count", "mentions"),
    ("time_count", "times"),
    ("attribution_count", "attributions"),
    ("event_count", "events"),
)
"""Each count column of ``articles`` and the table whose rows it counts."""

_FTS_UPDATE = (
    "CREATE TRIGGER articles_fts_update AFTER UPDATE {columns}ON articles BEGIN "
    "INSERT INTO articles_fts(articles_fts, rowid, title, text) VALUES ('delete', old.seq, old.title, old.text); "
    "INSERT INTO articles_fts(rowid, title, text) VALUES (new.seq, new.title, new.text); END"
)


def upgrade() -> None:
    sqlite = op.get_bind().dialect.name == "sqlite"
    if sqlite:
        op.execute("DROP TRIGGER IF EXISTS articles_fts_update")
        op.execute(_FTS_UPDATE.format(columns="OF title, text "))
    # Plain ALTER TABLE ADD COLUMN (no batch rebuild): rebuilding ``articles`` on SQLite
    # would drop its FTS triggers. Nullable, so adding them is instant on PostgreSQL.
    for column, _table in COUNTS:
        op.execute(f"ALTER TABLE articles ADD COLUMN {column} INTEGER")
    counts = ", ".join(
        f"{column} = (SELECT count(*) FROM {table} WHERE {table}.article_id = articles.id)" for column, table in COUNTS
    )
    op.execute(sa.text(f"UPDATE articles SET {counts}"))


def downgrade() -> None:
    sqlite = op.get_bind().dialect.name == "sqlite"
    for column, _table in COUNTS:
        # Native DROP COLUMN (SQLite >= 3.35) for the same reason as above.
        op.execute(f"ALTER TABLE articles DROP COLUMN {column}")
    if sqlite:
        op.execute("DROP TRIGGER IF EXISTS articles_fts_update")
        op.execute(_FTS_UPDATE.format(columns=""))
