"""The language of each article (ISO 639-1), indexed for filtering.

Articles stored before this migration were all analysed with the English pipeline and keep NULL: their
language was never looked at, and re-analysing them is the way to learn it.

Revision ID: 0009
Revises: 0008
Create Date: 2026-12-01
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0009"
down_revision = "0008"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # No batch mode: adding a nullable column is an ALTER on both backends, and rebuilding the articles table
    # on SQLite would drop the full-text index's triggers.
    op.add_column("articles", sa.Column("language", sa.String(8)))
    op.create_index("ix_articles_language", "articles", ["language"])


def downgrade() -> None:
    op.drop_index("ix_articles_language", "articles")
    # Native DROP COLUMN (SQLite >= 3.35) for the same reason.
    op.execute("ALTER TABLE articles DROP COLUMN language")
