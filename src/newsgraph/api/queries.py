"""Read-only questions the web interface and the REST API ask of the store.

The store answers full-text search, claims and sources itself; this module adds what
browsing needs: article lists with filters and facet counts, entities across articles
(grouped by name, case-insensitively, until cross-document identities exist), and claims
filtered on every field. Everything is SQLAlchemy Core and runs on SQLite and PostgreSQL.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, Generic, TypeVar

from sqlalchemy import ColumnElement, CompoundSelect, Connection, Select, and_, case, exists, func, or_, select, tuple_

from newsgraph.records import ClaimStatus, SourceKind
from newsgraph.store import SourceCount, Store, crossdoc
from newsgraph.store import schema as t

# Attributions name their source, affiliation and intermediary by entity id within the
# article; these aliases of the entities table give their names.
_source_entity = t.entities.alias("source_entity")
_affiliation = t.entities.alias("affiliation")
_via_entity = t.entities.alias("via_entity")

T = TypeVar("T")

MAX_SEARCH_WINDOW = 1000
"""Full-text hits considered for facets and paging: ranking beyond this is not worth reading."""


@dataclass(frozen=True, slots=True)
class ArticleSummary:
    """One line of an article list."""

    id: str
    title: str | None
    outlet: str | None
    author: str | None
    url: str | None
    published: dt.date | None
    snippet: str | None = None
    score: float | None = None


@dataclass(frozen=True, slots=True)
class FacetCount:
    """How many of the listed articles have this facet value."""

    value: str
    count: int


@dataclass(frozen=True, slots=True)
class Facets:
    """Counts per outlet, per source kind and per claim status over a result set."""

    outlet: tuple[FacetCount, ...] = ()
    source_kind: tuple[FacetCount, ...] = ()
    status: tuple[FacetCount, ...] = ()


@dataclass(frozen=True, slots=True)
class Page(Generic[T]):
    """One page of results: ``total`` counts every match, ``items`` those from ``offset``."""

    items: tuple[T, ...]
    total: int
    limit: int
    offset: int

    @property
    def next_offset(self) -> int | None:
        """Where the next page starts, or None on the last page."""
        following = self.offset + len(self.items)
        return following if following < self.total and self.items else None


@dataclass(frozen=True, slots=True)
class ArticleFilter:
    """Conditions on articles; None means any."""

    outlet: str | None = None
    since: dt.date | None = None
    until: dt.date | None = None
    source_kind: SourceKind | None = None
    status: ClaimStatus | None = None
    story: str | None = None


@dataclass(frozen=True, slots=True)
class SearchResult:
    """Articles matching a query and filters, with facet counts over all matches before paging."""

    page: Page[ArticleSummary]
    facets: Facets


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


@dataclass(frozen=True, slots=True)
class ClaimFilter:
    """Conditions on attributed claims; None means any. Text conditions ignore case."""

    source: str | None = None
    source_kind: SourceKind | None = None
    status: ClaimStatus | None = None
    via: str | None = None
    entity: str | None = None
    article_id: str | None = None
    since: dt.date | None = None
    until: dt.date | None = None


@dataclass(frozen=True, slots=True)
class ClaimRow:
    """An attributed claim with the article it is in."""

    article_id: str
    attribution_id: str
    title: str | None
    outlet: str | None
    published: dt.date | None
    source_kind: SourceKind
    source_entity: str | None
    source_affiliation: str | None
    source_text: str | None
    cue: str
    cue_lemma: str
    content: str
    status: ClaimStatus
    form: str
    via: str | None
    via_entity: str | None
    when: str | None

    @property
    def source_label(self) -> str:
        """Who the claim is attributed to, as a reader would name it."""
        return self.source_entity or self.source_text or self.source_affiliation or "(unnamed)"


def _article_conditions(flt: ArticleFilter) -> list[ColumnElement[bool]]:
    a, attr = t.articles, t.attributions
    conditions: list[ColumnElement[bool]] = []
    if flt.outlet is not None:
        conditions.append(a.c.outlet == flt.outlet)
    if flt.since is not None:
        conditions.append(a.c.published >= flt.since)
    if flt.until is not None:
        conditions.append(a.c.published <= flt.until)
    if flt.source_kind is not None:
        conditions.append(exists().where(attr.c.article_id == a.c.id, attr.c.source_kind == flt.source_kind))
    if flt.status is not None:
        conditions.append(exists().where(attr.c.article_id == a.c.id, attr.c.status == flt.status))
    if flt.story is not None:
        sa = crossdoc.story_articles
        conditions.append(a.c.id.in_(select(sa.c.article_id).where(sa.c.story_id == flt.story)))
    return conditions


def _summary(row: Any, snippet: str | None = None, score: float | None = None) -> ArticleSummary:
    return ArticleSummary(row.id, row.title, row.outlet, row.author, row.url, row.published, snippet, score)


def list_articles(store: Store, flt: ArticleFilter, *, limit: int, offset: int) -> Page[ArticleSummary]:
    """Stored articles matching ``flt``, newest first."""
    a = t.articles
    conditions = _article_conditions(flt)
    query = select(a.c.id, a.c.title, a.c.outlet, a.c.author, a.c.url, a.c.published).where(*conditions)
    query = query.order_by(a.c.published.desc().nulls_last(), a.c.seq.desc()).limit(limit).offset(offset)
    with store.engine.connect() as conn:
        total = int(conn.scalar(select(func.count()).select_from(a).where(*conditions)) or 0)
        items = tuple(_summary(r) for r in conn.execute(query))
    return Page(items, total, limit, offset)


def search_articles(store: Store, query: str, flt: ArticleFilter, *, limit: int, offset: int) -> SearchResult:
    """Articles matching ``query`` (every word, ranked; all articles when blank) and ``flt``.

    Facets count the values over the matches of ``query`` with the *other* filters
    applied, so choosing an outlet still shows how many hits the other outlets have.
    """
    a = t.articles
    words = query.strip()
    with store.engine.connect() as conn:
        if words:
            hits = store.search(words, limit=MAX_SEARCH_WINDOW)
            ranked = {h.article_id: h for h in hits}
            base: ColumnElement[bool] = a.c.id.in_(list(ranked)) if ranked else a.c.id.is_(None)
        else:
            ranked = {}
            base = a.c.id.is_not(None)
        facets = _facets(conn, base, flt)
        conditions = [base, *_article_conditions(flt)]
        columns = select(a.c.id, a.c.title, a.c.outlet, a.c.author, a.c.url, a.c.published, a.c.seq)
        if ranked:
            rank = {article_id: i for i, article_id in enumerate(ranked)}
            rows = sorted(conn.execute(columns.where(*conditions)), key=lambda r: rank[r.id])
            total = len(rows)
            items = tuple(_summary(r, ranked[r.id].snippet, ranked[r.id].score) for r in rows[offset : offset + limit])
        elif words:
            total, items = 0, ()
        else:
            total = int(conn.scalar(select(func.count()).select_from(a).where(*conditions)) or 0)
            ordered = columns.where(*conditions).order_by(a.c.published.desc().nulls_last(), a.c.seq.desc())
            items = tuple(_summary(r) for r in conn.execute(ordered.limit(limit).offset(offset)))
    return SearchResult(Page(items, total, limit, offset), facets)


def _facets(conn: Connection, base: ColumnElement[bool], flt: ArticleFilter) -> Facets:
    a, attr = t.articles, t.attributions

    def without(**cleared: None) -> list[ColumnElement[bool]]:
        return [base, *_article_conditions(_replace(flt, **cleared))]

    outlets = conn.execute(
        select(func.coalesce(a.c.outlet, "(unknown)").label("v"), func.count().label("n"))
        .where(*without(outlet=None))
        .group_by("v")
        .order_by(func.count().desc(), "v")
    )

    def attribution_facet(column: Any, cleared: dict[str, None]) -> tuple[FacetCount, ...]:
        ids = select(a.c.id).where(*without(**cleared))
        rows = conn.execute(
            select(column.label("v"), func.count(attr.c.article_id.distinct()).label("n"))
            .where(attr.c.article_id.in_(ids))
            .group_by(column)
            .order_by(func.count(attr.c.article_id.distinct()).desc(), column)
        )
        return tuple(FacetCount(r.v, int(r.n)) for r in rows)

    return Facets(
        outlet=tuple(FacetCount(r.v, int(r.n)) for r in outlets),
        source_kind=attribution_facet(attr.c.source_kind, {"source_kind": None}),
        status=attribution_facet(attr.c.status, {"status": None}),
    )


def _replace(flt: ArticleFilter, **changes: None) -> ArticleFilter:
    values = {f: getattr(flt, f) for f in ArticleFilter.__dataclass_fields__}
    values.update(changes)
    return ArticleFilter(**values)


def outlets(store: Store) -> list[FacetCount]:
    """Every outlet with its number of articles, most articles first."""
    a = t.articles
    with store.engine.connect() as conn:
        rows = conn.execute(
            select(a.c.outlet, func.count().label("n"))
            .where(a.c.outlet.is_not(None))
            .group_by(a.c.outlet)
            .order_by(func.count().desc(), a.c.outlet)
        )
        return [FacetCount(r.outlet, int(r.n)) for r in rows]


def search_entities(store: Store, name: str | None, *, limit: int, offset: int) -> Page[EntitySummary]:
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
    with store.engine.connect() as conn:
        total = int(conn.scalar(select(func.count(key.distinct())).where(*conditions)) or 0)
        rows = conn.execute(grouped.order_by(mentions.desc(), key).limit(limit).offset(offset))
        items = tuple(EntitySummary(r.name, r.type, int(r.articles), int(r.mentions)) for r in rows)
    return Page(items, total, limit, offset)


def matching_entities(name: str) -> CompoundSelect[Any]:
    """``(article_id, entity_id)`` of the entities called ``name`` (any case), by name or by alias."""
    e, al = t.entities, t.entity_aliases
    key = name.strip().lower()
    return (
        select(e.c.article_id, e.c.id.label("entity_id"))
        .where(func.lower(e.c.name) == key)
        .union(select(al.c.article_id, al.c.entity_id).where(func.lower(al.c.alias) == key))
    )


def entity_summary(store: Store, name: str) -> tuple[EntitySummary, tuple[str, ...]] | None:
    """The entity called ``name`` (any case, by name or alias) across articles with its aliases, or None.

    Its display name is ``name`` as stored when some article uses it as the name, else the
    most frequent name of the matching entities.
    """
    e, al, m = t.entities, t.entity_aliases, t.mentions
    key = name.strip().lower()
    matching = matching_entities(name)
    with store.engine.connect() as conn:
        rows = list(
            conn.execute(
                select(e.c.article_id, e.c.id, e.c.name, e.c.type).where(tuple_(e.c.article_id, e.c.id).in_(matching))
            )
        )
        if not rows:
            return None
        aliases = set(conn.scalars(select(al.c.alias).where(tuple_(al.c.article_id, al.c.entity_id).in_(matching))))
        mentions = int(
            conn.scalar(select(func.count()).select_from(m).where(tuple_(m.c.article_id, m.c.entity_id).in_(matching)))
            or 0
        )
    names = Counter(r.name for r in rows)
    exact = [n for n in names if n.lower() == key]
    shown = exact[0] if exact else names.most_common(1)[0][0]
    types = Counter(r.type for r in rows)
    summary = EntitySummary(shown, types.most_common(1)[0][0], len({r.article_id for r in rows}), mentions)
    others = sorted((set(names) | aliases) - {shown}, key=str.lower)
    return summary, tuple(others)


def entity_mentions(store: Store, name: str, *, limit: int, offset: int, context: int = 60) -> Page[MentionInContext]:
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
    with store.engine.connect() as conn:
        total = int(conn.scalar(select(func.count()).select_from(m).where(condition)) or 0)
        rows = conn.execute(
            joined.order_by(a.c.published.desc().nulls_last(), a.c.seq.desc(), m.c.span_start)
            .limit(limit)
            .offset(offset)
        )
        items = tuple(
            MentionInContext(
                r.article_id, r.title, r.published, r.span_start, r.span_end, r.span_text, r.kind, r.before, r.after
            )
            for r in rows
        )
    return Page(items, total, limit, offset)


def _claim_query() -> Select[Any]:
    attr, art = t.attributions, t.articles
    return select(
        attr.c.article_id,
        attr.c.id,
        art.c.title,
        art.c.outlet,
        art.c.published,
        attr.c.source_kind,
        _source_entity.c.name.label("source_entity"),
        _affiliation.c.name.label("source_affiliation"),
        attr.c.source_text,
        attr.c.cue_text,
        attr.c.cue_lemma,
        attr.c.content_text,
        attr.c.status,
        attr.c.form,
        attr.c.via_text,
        _via_entity.c.name.label("via_entity"),
        attr.c.when_value,
    ).select_from(_claim_tables())


def _claim_tables() -> Any:
    attr, art = t.attributions, t.articles
    return (
        attr.join(art, art.c.id == attr.c.article_id)
        .outerjoin(
            _source_entity,
            and_(_source_entity.c.article_id == attr.c.article_id, _source_entity.c.id == attr.c.source_entity),
        )
        .outerjoin(
            _affiliation,
            and_(_affiliation.c.article_id == attr.c.article_id, _affiliation.c.id == attr.c.source_affiliation),
        )
        .outerjoin(
            _via_entity, and_(_via_entity.c.article_id == attr.c.article_id, _via_entity.c.id == attr.c.via_entity)
        )
    )


def _claim(r: Any) -> ClaimRow:
    return ClaimRow(
        r.article_id,
        r.id,
        r.title,
        r.outlet,
        r.published,
        r.source_kind,
        r.source_entity,
        r.source_affiliation,
        r.source_text,
        r.cue_text,
        r.cue_lemma,
        r.content_text,
        r.status,
        r.form,
        r.via_text,
        r.via_entity,
        r.when_value,
    )


def said_by(name: str) -> ColumnElement[bool]:
    """Claims whose source is ``name`` (its entity, its words or its affiliation; any case)."""
    attr = t.attributions
    key = name.strip().lower()
    matching = matching_entities(name)
    # coalesce: never NULL, so that ``~said_by(name)`` keeps the claims of other sources.
    return or_(
        tuple_(attr.c.article_id, func.coalesce(attr.c.source_entity, "")).in_(matching),
        func.lower(func.coalesce(attr.c.source_text, "")) == key,
        tuple_(attr.c.article_id, func.coalesce(attr.c.source_affiliation, "")).in_(matching),
    )


def in_articles_naming(name: str) -> ColumnElement[bool]:
    """Claims in articles with an entity called ``name``: a cheap, uncorrelated pre-filter."""
    matching = matching_entities(name).subquery()
    return t.attributions.c.article_id.in_(select(matching.c.article_id))


def mentioned_in_content(name: str) -> ColumnElement[bool]:
    """Claims whose content holds a mention of the entity called ``name`` (any case, by name or alias)."""
    attr, m = t.attributions, t.mentions
    matching = matching_entities(name).subquery()
    # Uncorrelated: the claims are found once by joining the entity's mentions to the contents
    # they fall in, not by a subquery run for every claim.
    inside = (
        select(attr.c.article_id, attr.c.id)
        .join(
            m,
            and_(
                m.c.article_id == attr.c.article_id,
                m.c.span_start >= attr.c.content_start,
                m.c.span_end <= attr.c.content_end,
            ),
        )
        .join(matching, and_(matching.c.article_id == m.c.article_id, matching.c.entity_id == m.c.entity_id))
    )
    return tuple_(attr.c.article_id, attr.c.id).in_(inside)


def _claim_conditions(flt: ClaimFilter) -> list[ColumnElement[bool]]:
    attr, art = t.attributions, t.articles
    conditions: list[ColumnElement[bool]] = []
    if flt.source is not None:
        conditions.append(said_by(flt.source))
    if flt.source_kind is not None:
        conditions.append(attr.c.source_kind == flt.source_kind)
    if flt.status is not None:
        conditions.append(attr.c.status == flt.status)
    if flt.via is not None:
        key = flt.via.strip().lower()
        conditions.append(or_(func.lower(_via_entity.c.name) == key, func.lower(attr.c.via_text) == key))
    if flt.entity is not None:
        conditions.append(or_(said_by(flt.entity), mentioned_in_content(flt.entity)))
    if flt.article_id is not None:
        conditions.append(attr.c.article_id == flt.article_id)
    if flt.since is not None:
        conditions.append(art.c.published >= flt.since)
    if flt.until is not None:
        conditions.append(art.c.published <= flt.until)
    return conditions


def list_claims(
    store: Store, flt: ClaimFilter, *, limit: int, offset: int, extra: Sequence[ColumnElement[bool]] = ()
) -> Page[ClaimRow]:
    """Attributed claims matching ``flt`` (and ``extra`` conditions), newest articles first."""
    attr, art = t.attributions, t.articles
    conditions = [*_claim_conditions(flt), *extra]
    query = (
        _claim_query()
        .where(*conditions)
        .order_by(art.c.published.desc().nulls_last(), art.c.seq.desc(), attr.c.position)
        .limit(limit)
        .offset(offset)
    )
    counted = select(func.count()).select_from(_claim_tables()).where(*conditions)
    with store.engine.connect() as conn:
        total = int(conn.scalar(counted) or 0)
        items = tuple(_claim(r) for r in conn.execute(query))
    return Page(items, total, limit, offset)


def get_claim(store: Store, article_id: str, attribution_id: str) -> ClaimRow | None:
    """One attributed claim, or None."""
    attr = t.attributions
    query = _claim_query().where(attr.c.article_id == article_id, attr.c.id == attribution_id)
    with store.engine.connect() as conn:
        row = conn.execute(query).first()
    return _claim(row) if row is not None else None


def same_content(store: Store, claim: ClaimRow, *, limit: int = 50) -> list[ClaimRow]:
    """Other claims, in any article, whose content is the same words (ignoring case)."""
    attr, art = t.attributions, t.articles
    key = claim.content.lower()
    query = (
        _claim_query()
        .where(
            func.lower(attr.c.content_text) == key,
            or_(attr.c.article_id != claim.article_id, attr.c.id != claim.attribution_id),
        )
        .order_by(art.c.published.nulls_last(), art.c.seq)
        .limit(limit)
    )
    with store.engine.connect() as conn:
        return [_claim(r) for r in conn.execute(query)]


def source_counts(store: Store, *, limit: int) -> list[SourceCount]:
    """Who is cited how often and how often without a name, most cited first.

    A source is its entity's name, else its affiliation's name ("a Kremlin source" counts
    for the Kremlin), else the words that name it.
    """
    attr = t.attributions
    who = func.coalesce(_source_entity.c.name, _affiliation.c.name, attr.c.source_text, "(unnamed)").label("who")
    anonymous = func.sum(case((attr.c.source_kind == "anonymous", 1), else_=0)).label("anonymous")
    citations = func.count().label("citations")
    query = (
        select(who, citations, anonymous, func.count(attr.c.article_id.distinct()).label("articles"))
        .select_from(_claim_tables())
        .group_by(who)
        .order_by(citations.desc(), who)
        .limit(limit)
    )
    with store.engine.connect() as conn:
        return [
            SourceCount(r.who, int(r.citations), int(r.anonymous or 0), int(r.articles)) for r in conn.execute(query)
        ]
