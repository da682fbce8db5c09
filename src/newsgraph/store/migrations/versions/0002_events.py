"""Events with their arguments and time; case-insensitive indexes for entity lookups.

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-26
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None

ID = sa.String(64)

# ``claims --entity`` compares lower(...) on these columns; without an index on the same
# expression PostgreSQL scans every entity and alias of the corpus.
_LOWER_INDEXES = (
    ("ix_entities_lower_name", "entities", "name"),
    ("ix_entity_aliases_lower_alias", "entity_aliases", "alias"),
    ("ix_attributions_lower_source_entity", "attributions", "source_entity"),
    ("ix_attributions_lower_source_text", "attributions", "source_text"),
    ("ix_events_lower_actor_entity", "events", "actor_entity"),
    ("ix_events_lower_target_entity", "events", "target_entity"),
)


def _argument(role: str) -> list[sa.Column[object]]:
    return [
        sa.Column(f"{role}_entity", sa.Text),
        sa.Column(f"{role}_start", sa.Integer),
        sa.Column(f"{role}_end", sa.Integer),
        sa.Column(f"{role}_text", sa.Text),
    ]


def upgrade() -> None:
    op.create_table(
        "events",
        sa.Column("article_id", ID, nullable=False),
        sa.Column("id", sa.String(64), nullable=False),
        sa.Column("position", sa.Integer, nullable=False),
        sa.Column("lemma", sa.Text, nullable=False),
        sa.Column("type", sa.String(32), nullable=False),
        sa.Column("cameo", sa.String(8)),
        sa.Column("polarity", sa.String(8), nullable=False),
        sa.Column("certainty", sa.String(16), nullable=False),
        sa.Column("factuality", sa.Float, nullable=False),
        sa.Column("trigger_start", sa.Integer, nullable=False),
        sa.Column("trigger_end", sa.Integer, nullable=False),
        sa.Column("trigger_text", sa.Text, nullable=False),
        *_argument("actor"),
        *_argument("target"),
        *_argument("place"),
        sa.Column("time_value", sa.Text),
        sa.Column("time_anchor", sa.String(16)),
        sa.Column("time_mod", sa.String(32)),
        sa.Column("time_timex", sa.String(64)),
        sa.Column("attribution_id", sa.String(64)),
        sa.PrimaryKeyConstraint("article_id", "id", name="pk_events"),
        sa.ForeignKeyConstraint(
            ["article_id"], ["articles.id"], ondelete="CASCADE", name="fk_events_article_id_articles"
        ),
    )
    for column in ("type", "cameo", "lemma", "time_value"):
        op.create_index(f"ix_events_{column}", "events", [column])
    for name, table, column in _LOWER_INDEXES:
        op.create_index(name, table, [sa.func.lower(sa.column(column))])


def downgrade() -> None:
    for name, table, _ in _LOWER_INDEXES:
        if table != "events":
            op.drop_index(name, table_name=table)
    op.drop_table("events")
