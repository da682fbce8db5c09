"""Keep the claim guards of each linked version: its target identity and its explicit day.

``newsgraph.link.claims.conflict`` keeps versions with different targets or far-apart explicit
dates out of one claim. Without these columns a store read back after reopening had neither,
so the guards held only among versions linked in the same process. Versions linked before
this migration have none (NULL, as a version without a target or day); ``newsgraph relink``
fills them.

Revision ID: 0007
Revises: 0006
Create Date: 2026-11-26
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("link_claim_versions") as batch:
        batch.add_column(sa.Column("target", sa.Text))
        batch.add_column(sa.Column("day", sa.String(10)))


def downgrade() -> None:
    with op.batch_alter_table("link_claim_versions") as batch:
        batch.drop_column("day")
        batch.drop_column("target")
