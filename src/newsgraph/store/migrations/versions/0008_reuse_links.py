"""Reuse links: each near-duplicate says which report it copies from, how, and which passages.

Links stored before this migration keep their original and similarity (a MinHash Jaccard estimate);
the new columns stay NULL and the old MinHash signatures are no longer compared with the new
containment fingerprints (another ``scheme``). ``newsgraph relink`` does not recompute reuse.

Revision ID: 0008
Revises: 0007
Create Date: 2026-12-01
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0008"
down_revision = "0007"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("near_duplicates") as batch:
        batch.add_column(sa.Column("source_id", sa.String(64)))
        batch.add_column(sa.Column("kind", sa.String(16)))
        batch.add_column(sa.Column("reverse", sa.Float))
        batch.add_column(sa.Column("passages", sa.Text))
        batch.create_foreign_key(
            "fk_near_duplicates_source_id_articles", "articles", ["source_id"], ["id"], ondelete="CASCADE"
        )


def downgrade() -> None:
    with op.batch_alter_table("near_duplicates") as batch:
        batch.drop_constraint("fk_near_duplicates_source_id_articles", type_="foreignkey")
        batch.drop_column("passages")
        batch.drop_column("reverse")
        batch.drop_column("kind")
        batch.drop_column("source_id")
