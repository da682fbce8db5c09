"""The tables of the store, as SQLAlchemy Core metadata.

Every record of an ``Article`` has its own table with one column per field, so
everything ``analyze`` produces can be queried with SQL. Spans are flattened into
``<name>_start``, ``<name>_end`` and ``<name>_text`` columns. ``position`` keeps the
order of records within their article so reading back gives an equal ``Article``.

The migrations in ``newsgraph/store/migrations`` create exactly these tables (a test
compares them); full-text search objects are dialect-specific and exist only there:
the ``articles_fts`` FTS5 table and its triggers on SQLite, the generated
``search_vector`` column and its GIN index on PostgreSQL (generated from the text with
``<`` and ``>`` as spaces since migration 0006), and PostgreSQL's index on ``articles
(published DESC NULLS LAST, seq DESC)`` for newest-first lists.
"""

from __future__ import annotations

from sqlalchemy import (
    Column,
    Date,
    DateTime,
    Float,
    ForeignKey,
    ForeignKeyConstraint,
    Index,
    Integer,
    LargeBinary,
    MetaData,
    String,
    Table,
    Text,
    func,
)

# Names for constraints, so migrations on both dialects can refer to them.
metadata = MetaData(
    naming_convention={
        "ix": "ix_%(table_name)s_%(column_0_N_name)s",
        "uq": "uq_%(table_name)s_%(column_0_N_name)s",
        "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
        "pk": "pk_%(table_name)s",
    }
)

ID = String(64)
"""Article ids are 16 hex digits today; room is left for longer hashes."""

articles = Table(
    "articles",
    metadata,
    # An integer key the SQLite FTS5 index refers to (its rowid must be an integer that
    # VACUUM never renumbers); the article id is the content hash.
    Column("seq", Integer, primary_key=True, autoincrement=True),
    Column("id", ID, nullable=False, unique=True),
    Column("content_hash", String(64), nullable=False, unique=True),
    Column("title", Text),
    Column("url", Text),
    Column("outlet", Text),
    Column("author", Text),
    Column("published", Date, index=True),
    Column("published_from", String(16), nullable=False),
    # ISO 639-1 code (migration 0009); NULL for articles stored before languages were told apart.
    Column("language", String(8), index=True),
    Column("text", Text, nullable=False),
    Column("origin", Text),
    Column("ingested_at", DateTime(timezone=True), nullable=False),
    # How many records the writer stored with the article, in the same transaction
    # (migration 0004): ``newsgraph check`` compares them with the rows, so a partial
    # write cannot pass for a whole article. Nullable only because adding a NOT NULL
    # column would rebuild the table (and drop its FTS triggers) on SQLite.
    Column("entity_count", Integer),
    Column("alias_count", Integer),
    Column("mention_count", Integer),
    Column("time_count", Integer),
    Column("attribution_count", Integer),
    Column("event_count", Integer),
)

entities = Table(
    "entities",
    metadata,
    Column("article_id", ID, ForeignKey("articles.id", ondelete="CASCADE"), primary_key=True),
    Column("id", String(64), primary_key=True),
    Column("position", Integer, nullable=False),
    Column("name", Text, nullable=False),
    Column("type", String(32), nullable=False),
    Index(None, "name"),
    Index(None, "type"),
)
# Case-insensitive lookups (``claims --entity``) use these instead of scanning the table.
# With the entity's key, so that finding the entities called a name reads the index alone (0006).
Index("ix_entities_lower_name", func.lower(entities.c.name), entities.c.article_id, entities.c.id)

entity_aliases = Table(
    "entity_aliases",
    metadata,
    Column("article_id", ID, primary_key=True),
    Column("entity_id", String(64), primary_key=True),
    Column("position", Integer, primary_key=True),
    Column("alias", Text, nullable=False),
    ForeignKeyConstraint(
        ["article_id", "entity_id"],
        ["entities.article_id", "entities.id"],
        ondelete="CASCADE",
        name="fk_aliases_entity",
    ),
    Index(None, "alias"),
)
Index(
    "ix_entity_aliases_lower_alias",
    func.lower(entity_aliases.c.alias),
    entity_aliases.c.article_id,
    entity_aliases.c.entity_id,
)

mentions = Table(
    "mentions",
    metadata,
    Column("article_id", ID, primary_key=True),
    Column("entity_id", String(64), primary_key=True),
    Column("position", Integer, primary_key=True),
    Column("kind", String(16), nullable=False),
    Column("span_start", Integer, nullable=False),
    Column("span_end", Integer, nullable=False),
    Column("span_text", Text, nullable=False),
    ForeignKeyConstraint(
        ["article_id", "entity_id"],
        ["entities.article_id", "entities.id"],
        ondelete="CASCADE",
        name="fk_mentions_entity",
    ),
)

times = Table(
    "times",
    metadata,
    Column("article_id", ID, ForeignKey("articles.id", ondelete="CASCADE"), primary_key=True),
    Column("id", String(64), primary_key=True),
    Column("position", Integer, nullable=False),
    Column("type", String(16), nullable=False),
    Column("value", Text, nullable=False),
    Column("mod", String(32)),
    Column("span_start", Integer, nullable=False),
    Column("span_end", Integer, nullable=False),
    Column("span_text", Text, nullable=False),
    Index(None, "value"),
)

attributions = Table(
    "attributions",
    metadata,
    Column("article_id", ID, ForeignKey("articles.id", ondelete="CASCADE"), primary_key=True),
    Column("id", String(64), primary_key=True),
    Column("position", Integer, nullable=False),
    Column("form", String(16), nullable=False),
    Column("status", String(16), nullable=False),
    Column("when_value", Text),
    Column("source_kind", String(16), nullable=False),
    Column("source_entity", Text),
    Column("source_affiliation", Text),
    Column("source_start", Integer),
    Column("source_end", Integer),
    Column("source_text", Text),
    Column("cue_lemma", Text, nullable=False),
    Column("cue_start", Integer, nullable=False),
    Column("cue_end", Integer, nullable=False),
    Column("cue_text", Text, nullable=False),
    Column("content_start", Integer, nullable=False),
    Column("content_end", Integer, nullable=False),
    Column("content_text", Text, nullable=False),
    Column("via_entity", Text),
    Column("via_start", Integer),
    Column("via_end", Integer),
    Column("via_text", Text),
    Index(None, "status"),
    Index(None, "source_kind"),
    Index(None, "source_entity"),
)
Index("ix_attributions_lower_source_text", func.lower(attributions.c.source_text))
# A source's entity and affiliation looked up within an article (``said_by``; migration 0006).
Index("ix_attributions_article_id_source_entity", attributions.c.article_id, attributions.c.source_entity)
Index("ix_attributions_article_id_source_affiliation", attributions.c.article_id, attributions.c.source_affiliation)
# Covers the (source kind, status) pairs of given articles' claims: search facets (migration 0006).
Index(
    "ix_attributions_article_id_source_kind_status",
    attributions.c.article_id,
    attributions.c.source_kind,
    attributions.c.status,
)

events = Table(
    "events",
    metadata,
    Column("article_id", ID, ForeignKey("articles.id", ondelete="CASCADE"), primary_key=True),
    Column("id", String(64), primary_key=True),
    Column("position", Integer, nullable=False),
    Column("lemma", Text, nullable=False),
    Column("type", String(32), nullable=False),
    Column("cameo", String(8)),
    Column("polarity", String(8), nullable=False),
    Column("certainty", String(16), nullable=False),
    Column("factuality", Float, nullable=False),
    Column("trigger_start", Integer, nullable=False),
    Column("trigger_end", Integer, nullable=False),
    Column("trigger_text", Text, nullable=False),
    # Arguments are columns, not rows: an event has at most one actor, target and place.
    Column("actor_entity", Text),
    Column("actor_start", Integer),
    Column("actor_end", Integer),
    Column("actor_text", Text),
    Column("target_entity", Text),
    Column("target_start", Integer),
    Column("target_end", Integer),
    Column("target_text", Text),
    Column("place_entity", Text),
    Column("place_start", Integer),
    Column("place_end", Integer),
    Column("place_text", Text),
    Column("time_value", Text),
    Column("time_anchor", String(16)),
    Column("time_mod", String(32)),
    Column("time_timex", String(64)),
    Column("attribution_id", String(64)),
    Index(None, "type"),
    Index(None, "cameo"),
    Index(None, "lemma"),
    Index(None, "time_value"),
)
Index("ix_events_lower_actor_entity", func.lower(events.c.actor_entity))
Index("ix_events_lower_target_entity", func.lower(events.c.target_entity))

signatures = Table(
    "signatures",
    metadata,
    Column("article_id", ID, ForeignKey("articles.id", ondelete="CASCADE"), primary_key=True),
    # Names the shingling/hashing parameters; signatures of another scheme are not compared.
    Column("scheme", String(64), nullable=False),
    Column("signature", LargeBinary, nullable=False),
)

near_duplicates = Table(
    "near_duplicates",
    metadata,
    Column("article_id", ID, ForeignKey("articles.id", ondelete="CASCADE"), primary_key=True),
    # Always the root of its cluster: an original is never itself a near-duplicate.
    Column("original_id", ID, ForeignKey("articles.id", ondelete="CASCADE"), nullable=False, index=True),
    # The share of the article's 5-grams found in its source.
    Column("similarity", Float, nullable=False),
    # Reuse (migration 0008): the report it copies from (a copy itself, maybe), how, the share of that
    # source found in the article, and the article's character ranges taken from it ("start-end,...").
    Column("source_id", ID, ForeignKey("articles.id", ondelete="CASCADE")),
    Column("kind", String(16)),
    Column("reverse", Float),
    Column("passages", Text),
)
