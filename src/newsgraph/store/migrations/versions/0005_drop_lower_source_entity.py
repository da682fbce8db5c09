"""Drop the unused expression index on ``lower(attributions.source_entity)``.

``source_entity`` holds an entity id local to the article, not a name: sources are matched
through the names of the entities they resolve to (``entities.name``, indexed by
``ix_entities_lower_name``), so no query compares ``lower(source_entity)`` and the index only
cost writes and space.

Revision ID: 0005
Revises: 0004
Create Date: 2026-11-26
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None

INDEX = "ix_attributions_lower_source_entity"


def upgrade() -> None:
    op.drop_index(INDEX, table_name="attributions")


def downgrade() -> None:
    op.create_index(INDEX, "attributions", [sa.func.lower(sa.column("source_entity"))])
