"""Article lists: filters, full-text ranking, paging and facet counts."""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections import Counter
from dataclasses import dataclass
from typing import Any

from sqlalchemy import ColumnElement, Connection, String, any_, bindparam, func, select
from sqlalchemy.dialects.postgresql import ARRAY

from newsgraph.records import ClaimStatus, SourceKind
from newsgraph.store import crossdoc
from newsgraph.store import schema as t
from newsgraph.store.queries.paging import Page
from newsgraph.store.queries.search import ranked_window, search, snippets_for

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
    language: str | None = None


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
class ArticleFilter:
    """Conditions on articles; None means any."""

    outlet: str | None = None
    since: dt.date | None = None
    until: dt.date | None = None
    source_kind: SourceKind | None = None
    status: ClaimStatus | None = None
    story: str | None = None
    language: str | None = None


@dataclass(frozen=True, slots=True)
class SearchResult:
    """Articles matching a query and filters, with facet counts over all matches before paging."""

    page: Page[ArticleSummary]
    facets: Facets


def _article_conditions(flt: ArticleFilter) -> list[ColumnElement[bool]]:
    a, attr = t.articles, t.attributions
    conditions: list[ColumnElement[bool]] = []
    if flt.outlet is not None:
        conditions.append(a.c.outlet == flt.outlet)
    if flt.language is not None:
        conditions.append(a.c.language == flt.language)
    if flt.since is not None:
        conditions.append(a.c.published >= flt.since)
    if flt.until is not None:
        conditions.append(a.c.published <= flt.until)
    # Uncorrelated: the articles with such a claim are found once, through the index on the
    # claim column. A correlated EXISTS made SQLite walk that index for every article
    # (minutes on 18k articles).
    if flt.source_kind is not None:
        conditions.append(a.c.id.in_(select(attr.c.article_id).where(attr.c.source_kind == flt.source_kind)))
    if flt.status is not None:
        conditions.append(a.c.id.in_(select(attr.c.article_id).where(attr.c.status == flt.status)))
    if flt.story is not None:
        sa = crossdoc.story_articles
        conditions.append(a.c.id.in_(select(sa.c.article_id).where(sa.c.story_id == flt.story)))
    return conditions


def one_of(conn: Connection, column: ColumnElement[Any], values: list[str]) -> ColumnElement[bool]:
    """``column IN values``; on PostgreSQL as ``= ANY(array)``, one parameter instead of one per value.

    Search windows pass up to 1,000 ids: as separate parameters PostgreSQL took twice as long
    to bind and plan each of the three queries that read them.
    """
    if conn.dialect.name == "postgresql":
        return column == any_(bindparam(None, values, type_=ARRAY(String), unique=True))
    return column.in_(values)


def _summary(row: Any, snippet: str | None = None, score: float | None = None) -> ArticleSummary:
    return ArticleSummary(
        row.id, row.title, row.outlet, row.author, row.url, row.published, snippet, score, row.language
    )


def list_articles(conn: Connection, flt: ArticleFilter, *, limit: int, offset: int) -> Page[ArticleSummary]:
    """Stored articles matching ``flt``, newest first."""
    a = t.articles
    conditions = _article_conditions(flt)
    query = select(a.c.id, a.c.title, a.c.outlet, a.c.author, a.c.url, a.c.published, a.c.language).where(*conditions)
    query = query.order_by(a.c.published.desc().nulls_last(), a.c.seq.desc()).limit(limit).offset(offset)
    total = int(conn.scalar(select(func.count()).select_from(a).where(*conditions)) or 0)
    items = tuple(_summary(r) for r in conn.execute(query).all())
    return Page(items, total, limit, offset)


def search_articles(conn: Connection, query: str, flt: ArticleFilter, *, limit: int, offset: int) -> SearchResult:
    """Articles matching ``query`` (every word, ranked; all articles when blank) and ``flt``.

    Ranked hits are the first ``MAX_SEARCH_WINDOW`` of ``search``. Facets count the values
    over the matches of ``query`` with the *other* filters applied, so choosing an outlet
    still shows how many hits the other outlets have.
    """
    a = t.articles
    words = query.strip()
    if words:
        # Snippets only for the page shown (below): over the whole window they cost more than the rest.
        if flt.story is None:
            return _search_window(conn, words, flt, limit=limit, offset=offset)
        ranked = {h.article_id: h for h in search(conn, words, limit=MAX_SEARCH_WINDOW, snippets=False)}
        base: ColumnElement[bool] = one_of(conn, a.c.id, list(ranked)) if ranked else a.c.id.is_(None)
    else:
        ranked = {}
        base = a.c.id.is_not(None)
    facets = _facets(conn, base, flt)
    conditions = [base, *_article_conditions(flt)]
    columns = select(a.c.id, a.c.title, a.c.outlet, a.c.author, a.c.url, a.c.published, a.c.language, a.c.seq)
    if ranked:
        rank = {article_id: i for i, article_id in enumerate(ranked)}
        rows = sorted(conn.execute(columns.where(*conditions)), key=lambda r: rank[r.id])
        total = len(rows)
        shown = rows[offset : offset + limit]
        snippets = snippets_for(conn, words, [r.id for r in shown])
        items = tuple(_summary(r, snippets.get(r.id, ""), ranked[r.id].score) for r in shown)
    elif words:
        total, items = 0, ()
    else:
        total = int(conn.scalar(select(func.count()).select_from(a).where(*conditions)) or 0)
        ordered = columns.where(*conditions).order_by(a.c.published.desc().nulls_last(), a.c.seq.desc())
        items = tuple(_summary(r) for r in conn.execute(ordered.limit(limit).offset(offset)).all())
    return SearchResult(Page(items, total, limit, offset), facets)


def _search_window(conn: Connection, words: str, flt: ArticleFilter, *, limit: int, offset: int) -> SearchResult:
    """``search_articles`` over the ranked window: the window's articles (with the ranking) and their claims'
    kinds and statuses read once, then filtered, counted and paged here.

    The same answers as filtering in SQL, at a fraction of the cost: there every facet and the page
    re-read the window's thousand rows, and a search of a common word was the slowest read under load.
    """
    window = ranked_window(conn, words, limit=MAX_SEARCH_WINDOW)
    if not window:
        return SearchResult(Page((), 0, limit, offset), Facets())
    kinds, statuses = _claim_kinds(conn, [r.id for r in window])

    def dated(r: Any) -> bool:
        return (
            (flt.since is None or (r.published is not None and r.published >= flt.since))
            and (flt.until is None or (r.published is not None and r.published <= flt.until))
            and (flt.language is None or r.language == flt.language)
        )

    def has(values: dict[str, set[str]], article_id: str, wanted: str | None) -> bool:
        return wanted is None or wanted in values.get(article_id, ())

    in_window = [r for r in window if dated(r)]
    by_claims = [r for r in in_window if has(kinds, r.id, flt.source_kind) and has(statuses, r.id, flt.status)]
    outlets = Counter(r.outlet or "(unknown)" for r in by_claims)
    in_outlet = [r for r in in_window if flt.outlet is None or r.outlet == flt.outlet]
    kept = {r.id for r in in_outlet}
    facets = Facets(
        outlet=tuple(FacetCount(v, n) for v, n in sorted(outlets.items(), key=lambda vn: (-vn[1], vn[0]))),
        source_kind=_count_facets({k: v for k, v in kinds.items() if k in kept}, statuses, flt.status),
        status=_count_facets({k: v for k, v in statuses.items() if k in kept}, kinds, flt.source_kind),
    )
    matching = [r for r in by_claims if flt.outlet is None or r.outlet == flt.outlet]
    shown = matching[offset : offset + limit]
    snippets = snippets_for(conn, words, [r.id for r in shown])
    items = tuple(_summary(r, snippets.get(r.id, ""), float(r.score)) for r in shown)
    return SearchResult(Page(items, len(matching), limit, offset), facets)


def _facets(conn: Connection, base: ColumnElement[bool], flt: ArticleFilter) -> Facets:
    a = t.articles

    def without(**cleared: None) -> list[ColumnElement[bool]]:
        return [base, *_article_conditions(dataclasses.replace(flt, **cleared))]

    outlets = tuple(
        FacetCount(r.v, int(r.n))
        for r in conn.execute(
            select(func.coalesce(a.c.outlet, "(unknown)").label("v"), func.count().label("n"))
            .where(*without(outlet=None))
            .group_by("v")
            .order_by(func.count().desc(), "v")
        )
    )
    source_kind, status = _attribution_facets(conn, without(source_kind=None, status=None), flt)
    return Facets(outlet=outlets, source_kind=source_kind, status=status)


def _attribution_facets(
    conn: Connection, conditions: list[ColumnElement[bool]], flt: ArticleFilter
) -> tuple[tuple[FacetCount, ...], tuple[FacetCount, ...]]:
    """Articles per source kind and per claim status among those matching ``conditions``.

    Each facet applies the other one's filter, never its own. One read of the (kind, status)
    pairs of the articles' claims, counted here: two grouped queries over the attributions
    cost 50-150 ms on a 1,000-hit window (PostgreSQL scanned every attribution).
    """
    ids = list(conn.scalars(select(t.articles.c.id).where(*conditions)))
    if not ids:
        return (), ()
    kinds, statuses = _claim_kinds(conn, ids)
    return _count_facets(kinds, statuses, flt.status), _count_facets(statuses, kinds, flt.source_kind)


def _claim_kinds(conn: Connection, ids: list[str]) -> tuple[dict[str, set[str]], dict[str, set[str]]]:
    """The source kinds and the statuses of each article's claims, by article id, in one read."""
    attr = t.attributions
    kinds: dict[str, set[str]] = {}
    statuses: dict[str, set[str]] = {}
    pairs = select(attr.c.article_id, attr.c.source_kind, attr.c.status).where(one_of(conn, attr.c.article_id, ids))
    for r in conn.execute(pairs.distinct()).all():
        kinds.setdefault(r.article_id, set()).add(r.source_kind)
        statuses.setdefault(r.article_id, set()).add(r.status)
    return kinds, statuses


def _count_facets(values: dict[str, set[str]], keep: dict[str, set[str]], wanted: str | None) -> tuple[FacetCount, ...]:
    """Articles per value of ``values``, among those whose ``keep`` values include ``wanted`` (any when None)."""
    counts: dict[str, int] = {}
    for article_id, present in values.items():
        if wanted is None or wanted in keep[article_id]:
            for value in present:
                counts[value] = counts.get(value, 0) + 1
    # Values are lowercase ASCII words: Python's order is every database collation's.
    return tuple(FacetCount(v, n) for v, n in sorted(counts.items(), key=lambda vn: (-vn[1], vn[0])))


def outlets(conn: Connection) -> list[FacetCount]:
    """Every outlet with its number of articles, most articles first."""
    a = t.articles
    rows = conn.execute(
        select(a.c.outlet, func.count().label("n"))
        .where(a.c.outlet.is_not(None))
        .group_by(a.c.outlet)
        .order_by(func.count().desc(), a.c.outlet)
    )
    return [FacetCount(r.outlet, int(r.n)) for r in rows]
