"""The store's queries (``newsgraph.store.queries``) as the web interface and the REST API call them.

Each function opens a connection on the store and asks ``newsgraph.store.queries``, which the
command line uses too: one implementation of article lists, entities and claims. The records
and conditions are named from ``newsgraph.store.queries`` itself.
"""

from __future__ import annotations

import threading
import weakref
from collections.abc import Sequence

from sqlalchemy import ColumnElement

from newsgraph.store import Store
from newsgraph.store import queries as sq
from newsgraph.store.queries import (
    ArticleFilter,
    ArticleSummary,
    ClaimFilter,
    ClaimRow,
    EntitySummary,
    FacetCount,
    MentionInContext,
    Page,
    SearchResult,
    SourceCount,
)

__all__ = [
    "entity_mentions",
    "entity_summary",
    "get_claim",
    "list_articles",
    "list_claims",
    "outlets",
    "same_content",
    "search_articles",
    "search_entities",
    "source_counts",
]


def list_articles(store: Store, flt: ArticleFilter, *, limit: int, offset: int) -> Page[ArticleSummary]:
    """Stored articles matching ``flt``, newest first; see ``newsgraph.store.queries.list_articles``."""
    with store.engine.connect() as conn:
        return sq.list_articles(conn, flt, limit=limit, offset=offset)


def search_articles(store: Store, query: str, flt: ArticleFilter, *, limit: int, offset: int) -> SearchResult:
    """Ranked matches of ``query`` with facets; see ``newsgraph.store.queries.search_articles``."""
    with store.engine.connect() as conn:
        return sq.search_articles(conn, query, flt, limit=limit, offset=offset)


def outlets(store: Store) -> list[FacetCount]:
    """Every outlet with its number of articles, most articles first."""
    with store.engine.connect() as conn:
        return sq.outlets(conn)


def search_entities(store: Store, name: str | None, *, limit: int, offset: int) -> Page[EntitySummary]:
    """Entities whose name contains ``name``; see ``newsgraph.store.queries.search_entities``."""
    with store.engine.connect() as conn:
        return sq.search_entities(conn, name, limit=limit, offset=offset)


def entity_summary(store: Store, name: str) -> tuple[EntitySummary, tuple[str, ...]] | None:
    """The entity called ``name`` with its aliases, or None; see ``newsgraph.store.queries.entity_summary``."""
    with store.engine.connect() as conn:
        return sq.entity_summary(conn, name)


def entity_mentions(store: Store, name: str, *, limit: int, offset: int, context: int = 60) -> Page[MentionInContext]:
    """Mentions of the entity named ``name`` with context; see ``newsgraph.store.queries.entity_mentions``."""
    with store.engine.connect() as conn:
        return sq.entity_mentions(conn, name, limit=limit, offset=offset, context=context)


def list_claims(
    store: Store, flt: ClaimFilter, *, limit: int, offset: int, extra: Sequence[ColumnElement[bool]] = ()
) -> Page[ClaimRow]:
    """Attributed claims matching ``flt`` and ``extra``; see ``newsgraph.store.queries.claim_page``."""
    with store.engine.connect() as conn:
        return sq.claim_page(conn, flt, limit=limit, offset=offset, extra=extra)


def get_claim(store: Store, article_id: str, attribution_id: str) -> ClaimRow | None:
    """One attributed claim, or None."""
    with store.engine.connect() as conn:
        return sq.get_claim(conn, article_id, attribution_id)


def same_content(store: Store, claim: ClaimRow, *, limit: int = 50) -> list[ClaimRow]:
    """Other claims whose content is the same words; see ``newsgraph.store.queries.same_content``."""
    with store.engine.connect() as conn:
        return sq.same_content(conn, claim, limit=limit)


_source_caches: weakref.WeakKeyDictionary[Store, sq.SourceCountCache] = weakref.WeakKeyDictionary()
_source_caches_lock = threading.Lock()


def source_counts(store: Store, *, limit: int) -> list[SourceCount]:
    """Who is cited how often and how often without a name; see ``newsgraph.store.queries.sources``.

    Remembered per store until its articles change (``SourceCountCache``): the count reads every
    claim, and the home page and ``/api/v1/sources`` ask for it on every request.
    """
    with _source_caches_lock:
        cache = _source_caches.get(store)
        if cache is None:
            cache = _source_caches[store] = sq.SourceCountCache()
    with store.engine.connect() as conn:
        return cache.sources(conn, limit=limit)
