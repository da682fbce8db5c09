"""Cross-article links: entity identities, stories, claims and their versions.

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-26
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None

ID = sa.String(64)


def _article_fk(table: str) -> sa.ForeignKeyConstraint:
    return sa.ForeignKeyConstraint(
        ["article_id"], ["articles.id"], ondelete="CASCADE", name=f"fk_{table}_article_id_articles"
    )


def upgrade() -> None:
    op.create_table(
        "link_identities",
        sa.Column("id", ID, nullable=False),
        sa.Column("name", sa.Text, nullable=False),
        sa.Column("type", sa.String(32), nullable=False),
        sa.Column("members", sa.Integer, nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_link_identities"),
    )
    op.create_index("ix_link_identities_name", "link_identities", ["name"])
    op.create_table(
        "link_identity_forms",
        sa.Column("identity_id", ID, nullable=False),
        sa.Column("form", sa.Text, nullable=False),
        sa.PrimaryKeyConstraint("identity_id", "form", name="pk_link_identity_forms"),
    )
    op.create_index("ix_link_identity_forms_form", "link_identity_forms", ["form"])
    op.create_table(
        "link_entity_identities",
        sa.Column("article_id", ID, nullable=False),
        sa.Column("entity_id", sa.String(64), nullable=False),
        sa.Column("identity_id", ID, nullable=False),
        sa.PrimaryKeyConstraint("article_id", "entity_id", name="pk_link_entity_identities"),
        _article_fk("link_entity_identities"),
    )
    op.create_index("ix_link_entity_identities_identity_id", "link_entity_identities", ["identity_id"])
    op.create_table(
        "link_stories",
        sa.Column("id", ID, nullable=False),
        sa.Column("label", sa.Text, nullable=False),
        sa.Column("size", sa.Integer, nullable=False),
        sa.Column("first_published", sa.Date),
        sa.Column("last_published", sa.Date),
        sa.PrimaryKeyConstraint("id", name="pk_link_stories"),
    )
    op.create_table(
        "link_story_articles",
        sa.Column("article_id", ID, nullable=False),
        sa.Column("story_id", ID, nullable=False),
        sa.Column("seq", sa.Integer, nullable=False),
        sa.Column("score", sa.Float, nullable=False),
        sa.PrimaryKeyConstraint("article_id", name="pk_link_story_articles"),
        _article_fk("link_story_articles"),
    )
    op.create_index("ix_link_story_articles_story_id", "link_story_articles", ["story_id"])
    op.create_table(
        "link_story_features",
        sa.Column("article_id", ID, nullable=False),
        sa.Column("feature", sa.Text, nullable=False),
        sa.Column("weight", sa.Integer, nullable=False),
        sa.PrimaryKeyConstraint("article_id", "feature", name="pk_link_story_features"),
        _article_fk("link_story_features"),
    )
    op.create_table(
        "link_claims",
        sa.Column("id", ID, nullable=False),
        sa.Column("story_id", ID),
        sa.Column("label", sa.Text, nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_link_claims"),
    )
    op.create_index("ix_link_claims_story_id", "link_claims", ["story_id"])
    op.create_table(
        "link_claim_versions",
        sa.Column("article_id", ID, nullable=False),
        sa.Column("kind", sa.String(16), nullable=False),
        sa.Column("record_id", sa.String(64), nullable=False),
        sa.Column("claim_id", ID, nullable=False),
        sa.Column("story_id", ID),
        sa.Column("seq", sa.Integer, nullable=False),
        sa.Column("similarity", sa.Float, nullable=False),
        sa.Column("wording", sa.Text, nullable=False),
        sa.Column("span_start", sa.Integer, nullable=False),
        sa.Column("span_end", sa.Integer, nullable=False),
        sa.Column("status", sa.String(16), nullable=False),
        sa.Column("polarity", sa.String(8), nullable=False),
        sa.Column("source_kind", sa.String(16), nullable=False),
        sa.Column("outlet", sa.Text),
        sa.Column("published", sa.Date),
        sa.Column("source", sa.Text),
        sa.Column("source_key", sa.Text),
        sa.Column("affiliation", sa.Text),
        sa.Column("affiliation_key", sa.Text),
        sa.Column("via", sa.Text),
        sa.Column("via_key", sa.Text),
        sa.Column("when_value", sa.Text),
        sa.Column("lemmas", sa.Text, nullable=False),
        sa.Column("identities", sa.Text, nullable=False),
        sa.Column("terms", sa.Text, nullable=False),
        sa.Column("numbers", sa.Text, nullable=False),
        sa.Column("actor", sa.Text),
        sa.PrimaryKeyConstraint("article_id", "kind", "record_id", name="pk_link_claim_versions"),
        _article_fk("link_claim_versions"),
    )
    op.create_index("ix_link_claim_versions_claim_id", "link_claim_versions", ["claim_id"])
    op.create_index("ix_link_claim_versions_story_id", "link_claim_versions", ["story_id"])


def downgrade() -> None:
    for table in (
        "link_claim_versions",
        "link_claims",
        "link_story_features",
        "link_story_articles",
        "link_stories",
        "link_entity_identities",
        "link_identity_forms",
        "link_identities",
    ):
        op.drop_table(table)
