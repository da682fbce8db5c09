"""Questions asked of the store: full-text search, claims, sources.

Search is dialect-specific (FTS5 on SQLite, tsvector on PostgreSQL); the other
queries are plain SQLAlchemy Core and run unchanged on both.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from sqlalchemy import ColumnElement, Connection, and_, case, func, select, text, tuple_, union

from newsgraph.records import ClaimStatus, SourceKind
from newsgraph.store import schema as t

HIGHLIGHT = ("«", "»")
"""Marks around matched words in search snippets."""

_WORD = re.compile(r"\w+")


@dataclass(frozen=True, slots=True)
class SearchHit:
    """One article matching a full-text query; higher ``score`` ranks first."""

    article_id: str
    title: str | None
    published: dt.date | None
    snippet: str
    score: float


@dataclass(frozen=True, slots=True)
class Claim:
    """An attribution with the article it is in."""

    article_id: str
    attribution_id: str
    title: str | None
    published: dt.date | None
    source_kind: SourceKind
    source_entity: str | None  # the name of the entity the source resolved to
    source_text: str | None
    cue: str
    content: str
    status: ClaimStatus
    via: str | None


@dataclass(frozen=True, slots=True)
class SourceCount:
    """How often one source is cited: ``anonymous`` of ``citations`` are without a name."""

    source: str
    citations: int
    anonymous: int
    articles: int


def search(conn: Connection, query: str, *, limit: int = 10) -> list[SearchHit]:
    """Articles matching every word of ``query`` in title or text, best first, with snippets.

    Words are matched after stemming (``ministries`` finds ``ministry``); punctuation and
    query operators in ``query`` are ignored, so any user input is safe.
    """
    words = _WORD.findall(query)
    if not words or limit <= 0:
        return []
    if conn.dialect.name == "sqlite":
        return _search_sqlite(conn, words, limit)
    return _search_postgres(conn, words, limit)


def _search_sqlite(conn: Connection, words: list[str], limit: int) -> list[SearchHit]:
    # Every word quoted: a plain AND of terms, never FTS5 syntax from the user.
    match = " ".join('"' + w.replace('"', "") + '"' for w in words)
    start, stop = HIGHLIGHT
    # bm25 weights the title column 5x; lower bm25 is better, so the score is its negation.
    sql = text(
        "SELECT a.id, a.title, a.published, "
        "snippet(articles_fts, 1, :start, :stop, '…', 24) AS snippet, "
        "-bm25(articles_fts, 5.0, 1.0) AS score "
        "FROM articles_fts JOIN articles a ON a.seq = articles_fts.rowid "
        "WHERE articles_fts MATCH :match ORDER BY bm25(articles_fts, 5.0, 1.0), a.seq LIMIT :limit"
    ).columns(t.articles.c.id, t.articles.c.title, t.articles.c.published)
    rows = conn.execute(sql, {"match": match, "start": start, "stop": stop, "limit": limit})
    return [SearchHit(r.id, r.title, r.published, r.snippet, float(r.score)) for r in rows]


def _search_postgres(conn: Connection, words: list[str], limit: int) -> list[SearchHit]:
    start, stop = HIGHLIGHT
    # ts_headline re-parses the text, so it runs only on the page of ranked hits.
    sql = text(
        "WITH q AS (SELECT plainto_tsquery('english', :query) AS query), "
        "hits AS (SELECT a.seq, a.id, a.title, a.published, a.text, "
        "ts_rank(a.search_vector, q.query) AS score FROM articles a, q "
        "WHERE a.search_vector @@ q.query ORDER BY score DESC, a.seq LIMIT :limit) "
        "SELECT hits.id, hits.title, hits.published, hits.score, "
        "ts_headline('english', hits.text, q.query, :options) AS snippet "
        "FROM hits, q ORDER BY hits.score DESC, hits.seq"
    ).columns(t.articles.c.id, t.articles.c.title, t.articles.c.published)
    options = f"StartSel={start}, StopSel={stop}, MaxWords=30, MinWords=12, MaxFragments=2, FragmentDelimiter= … "
    rows = conn.execute(sql, {"query": " ".join(words), "limit": limit, "options": options})
    return [SearchHit(r.id, r.title, r.published, r.snippet, float(r.score)) for r in rows]


def claims(
    conn: Connection,
    *,
    entity: str | None = None,
    status: ClaimStatus | None = None,
    source_kind: SourceKind | None = None,
    limit: int | None = 100,
) -> list[Claim]:
    """Attributed claims, newest articles first.

    Args:
        conn: a connection.
        entity: only claims made by this entity or mentioning it in their content: matched
            case-insensitively against the source's entity and text, and against the names
            and aliases of entities with a mention inside the claim's content.
        status: only claims with this status (``unverified``, ``denied``, ...).
        source_kind: only claims from this kind of source (``anonymous``, ``person``, ...).
        limit: at most this many; None for all.
    """
    a, art = t.attributions, t.articles
    source = t.entities.alias("source")
    query = (
        select(
            a.c.article_id,
            a.c.id,
            art.c.title,
            art.c.published,
            a.c.source_kind,
            source.c.name.label("source_entity"),
            a.c.source_text,
            a.c.cue_text,
            a.c.content_text,
            a.c.status,
            a.c.via_text,
        )
        .join(art, art.c.id == a.c.article_id)
        .outerjoin(source, and_(source.c.article_id == a.c.article_id, source.c.id == a.c.source_entity))
    )
    if status is not None:
        query = query.where(a.c.status == status)
    if source_kind is not None:
        query = query.where(a.c.source_kind == source_kind)
    if entity is not None:
        query = query.where(_about(entity))
    query = query.order_by(art.c.published.desc().nulls_last(), art.c.seq.desc(), a.c.position)
    if limit is not None:
        query = query.limit(limit)
    return [
        Claim(
            article_id=r.article_id,
            attribution_id=r.id,
            title=r.title,
            published=r.published,
            source_kind=r.source_kind,
            source_entity=r.source_entity,
            source_text=r.source_text,
            cue=r.cue_text,
            content=r.content_text,
            status=r.status,
            via=r.via_text,
        )
        for r in conn.execute(query)
    ]


def _about(entity: str) -> ColumnElement[bool]:
    a, e, m, al = t.attributions, t.entities, t.mentions, t.entity_aliases
    name = entity.strip().lower()
    # One union of attribution keys, each branch driven by a lower(...) expression index, rather
    # than an OR evaluated on every attribution row (which PostgreSQL can only run as a scan).
    matching_entities = (
        select(e.c.article_id, e.c.id.label("entity_id"))
        .where(func.lower(e.c.name) == name)
        .union(select(al.c.article_id, al.c.entity_id).where(func.lower(al.c.alias) == name))
    )
    mentioned_in_content = (
        select(a.c.article_id, a.c.id)
        .join(
            m,
            and_(
                m.c.article_id == a.c.article_id,
                m.c.span_start >= a.c.content_start,
                m.c.span_end <= a.c.content_end,
            ),
        )
        .where(tuple_(m.c.article_id, m.c.entity_id).in_(matching_entities))
    )
    # Entity ids are per article, so a source matches through the entities named ``entity``.
    named = matching_entities.subquery()
    by_source = select(a.c.article_id, a.c.id).join(
        named, and_(named.c.article_id == a.c.article_id, named.c.entity_id == a.c.source_entity)
    )
    keys = union(
        by_source,
        select(a.c.article_id, a.c.id).where(func.lower(a.c.source_text) == name),
        mentioned_in_content,
    )
    return tuple_(a.c.article_id, a.c.id).in_(select(keys.subquery()))


def sources(conn: Connection, *, limit: int | None = 50) -> list[SourceCount]:
    """Who is cited how often, and how often without a name, most cited first.

    A source is its resolved entity, else its affiliation ("a Defense Ministry official"
    counts for the Defense Ministry), else the words that name it, else ``(unnamed)``.
    """
    a = t.attributions
    # Entity ids are per article: group by the names they stand for.
    source, affiliation = t.entities.alias("source"), t.entities.alias("affiliation")
    who = func.coalesce(source.c.name, affiliation.c.name, a.c.source_text, "(unnamed)").label("who")
    anonymous = func.sum(case((a.c.source_kind == "anonymous", 1), else_=0)).label("anonymous")
    citations = func.count().label("citations")
    query = (
        select(who, citations, anonymous, func.count(a.c.article_id.distinct()).label("articles"))
        .select_from(a)
        .outerjoin(source, and_(source.c.article_id == a.c.article_id, source.c.id == a.c.source_entity))
        .outerjoin(
            affiliation, and_(affiliation.c.article_id == a.c.article_id, affiliation.c.id == a.c.source_affiliation)
        )
        .group_by(who)
        .order_by(citations.desc(), who)
    )
    if limit is not None:
        query = query.limit(limit)
    return [SourceCount(r.who, int(r.citations), int(r.anonymous or 0), int(r.articles)) for r in conn.execute(query)]
