"""Entities across articles: by name or alias (any case), with counts and mentions in context.

Entity ids are per article; across articles an entity is the set of entities with the same
name or alias, compared case-insensitively (through the ``lower(...)`` expression indexes).
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass
from typing import Any

from sqlalchemy import ColumnElement, Connection, Select, and_, case, func, select, tuple_

from newsgraph.records import clean_name
from newsgraph.store import schema as t
from newsgraph.store.queries.paging import Page


@dataclass(frozen=True, slots=True)
class EntitySummary:
    """An entity across articles: its name, most frequent type, and how often it appears."""

    name: str
    type: str
    articles: int
    mentions: int


@dataclass(frozen=True, slots=True)
class MentionInContext:
    """One mention of an entity with a little of the text around it."""

    article_id: str
    title: str | None
    published: dt.date | None
    start: int
    end: int
    text: str
    kind: str
    before: str
    after: str


def matching_entities(name: str) -> Select[Any]:
    """``(article_id, entity_id)`` of the entities called ``name`` (any case), by name or by alias.

    An entity's name is one of its aliases (``Entity``), so the aliases alone answer.
    """
    al = t.entity_aliases
    key = clean_name(name).lower()
    return select(al.c.article_id, al.c.entity_id).where(func.lower(al.c.alias) == key).distinct()


def search_entities(conn: Connection, name: str | None, *, limit: int, offset: int) -> Page[EntitySummary]:
    """Entities whose name contains ``name`` (any case; all when None), most mentioned first."""
    e, m = t.entities, t.mentions
    key = func.lower(e.c.name)
    mention_counts = (
        select(m.c.article_id, m.c.entity_id, func.count().label("n"))
        .group_by(m.c.article_id, m.c.entity_id)
        .subquery()
    )
    conditions: list[ColumnElement[bool]] = []
    if name and name.strip():
        needle = name.strip().lower().replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
        conditions.append(key.like(f"%{needle}%", escape="\\"))
    mentions = func.coalesce(func.sum(mention_counts.c.n), 0)
    grouped = (
        select(
            func.min(e.c.name).label("name"),
            func.min(e.c.type).label("type"),
            func.count(e.c.article_id.distinct()).label("articles"),
            mentions.label("mentions"),
        )
        .select_from(e)
        .outerjoin(
            mention_counts,
            and_(mention_counts.c.article_id == e.c.article_id, mention_counts.c.entity_id == e.c.id),
        )
        .where(*conditions)
        .group_by(key)
    )
    total = int(conn.scalar(select(func.count(key.distinct())).where(*conditions)) or 0)
    rows = conn.execute(grouped.order_by(mentions.desc(), key).limit(limit).offset(offset))
    items = tuple(EntitySummary(r.name, r.type, int(r.articles), int(r.mentions)) for r in rows)
    return Page(items, total, limit, offset)


def entity_summary(conn: Connection, name: str) -> tuple[EntitySummary, tuple[str, ...]] | None:
    """The entity called ``name`` (any case, by name or alias) across articles with its aliases, or None.

    Its display name is ``name`` as stored when some article uses it as the name, else the
    most frequent name of the matching entities.
    """
    e, al, m = t.entities, t.entity_aliases, t.mentions
    key = name.strip().lower()
    matching = matching_entities(name)
    rows = list(
        conn.execute(
            select(e.c.article_id, e.c.id, e.c.name, e.c.type).where(tuple_(e.c.article_id, e.c.id).in_(matching))
        )
    )
    if not rows:
        return None
    aliases = set(conn.scalars(select(al.c.alias).where(tuple_(al.c.article_id, al.c.entity_id).in_(matching))))
    mentions = int(
        conn.scalar(select(func.count()).select_from(m).where(tuple_(m.c.article_id, m.c.entity_id).in_(matching))) or 0
    )
    names = Counter(r.name for r in rows)
    exact = [n for n in names if n.lower() == key]
    shown = exact[0] if exact else names.most_common(1)[0][0]
    types = Counter(r.type for r in rows)
    summary = EntitySummary(shown, types.most_common(1)[0][0], len({r.article_id for r in rows}), mentions)
    # Ties in case ("BRAZIL", "brazil") by the exact text: set order changes with the hash seed.
    others = sorted((set(names) | aliases) - {shown}, key=lambda n: (n.lower(), n))
    return summary, tuple(others)


def entity_mentions(
    conn: Connection, name: str, *, limit: int, offset: int, context: int = 60
) -> Page[MentionInContext]:
    """Mentions of the entity named ``name`` (any case), newest articles first, with context."""
    m, a = t.mentions, t.articles
    condition = tuple_(m.c.article_id, m.c.entity_id).in_(matching_entities(name))
    # SQL substr counts from 1; the context starts ``context`` characters before the mention.
    begin = case((m.c.span_start > context, m.c.span_start + 1 - context), else_=1)
    joined = (
        select(
            m.c.article_id,
            a.c.title,
            a.c.published,
            m.c.span_start,
            m.c.span_end,
            m.c.span_text,
            m.c.kind,
            func.substr(a.c.text, begin, m.c.span_start + 1 - begin).label("before"),
            func.substr(a.c.text, m.c.span_end + 1, context).label("after"),
        )
        .select_from(m)
        .join(a, a.c.id == m.c.article_id)
        .where(condition)
    )
    total = int(conn.scalar(select(func.count()).select_from(m).where(condition)) or 0)
    rows = conn.execute(
        joined.order_by(a.c.published.desc().nulls_last(), a.c.seq.desc(), m.c.span_start).limit(limit).offset(offset)
    )
    items = tuple(
        MentionInContext(
            r.article_id, r.title, r.published, r.span_start, r.span_end, r.span_text, r.kind, r.before, r.after
        )
        for r in rows
    )
    return Page(items, total, limit, offset)
