"""Questions asked of the store, shared by the command line, the REST API and the web pages.

- ``search``: full-text search (FTS5 on SQLite, tsvector on PostgreSQL).
- ``articles``: article lists with filters, ranking, paging and facet counts.
- ``entities``: entities across articles by name or alias, with their mentions.
- ``claims``: attributed claims filtered on every field, and who is cited how often.

Every function takes a ``Connection``; all but search are plain SQLAlchemy Core and run
unchanged on SQLite and PostgreSQL.
"""

from newsgraph.store.queries.articles import (
    MAX_SEARCH_WINDOW,
    ArticleFilter,
    ArticleSummary,
    FacetCount,
    Facets,
    SearchResult,
    list_articles,
    outlets,
    search_articles,
)
from newsgraph.store.queries.claims import (
    Claim,
    ClaimFilter,
    ClaimRow,
    SourceCount,
    SourceCountCache,
    by_or_about,
    claim_page,
    claims,
    get_claim,
    in_articles_naming,
    mentioned_in_content,
    said_by,
    same_content,
    sources,
)
from newsgraph.store.queries.entities import (
    EntitySummary,
    MentionInContext,
    entity_mentions,
    entity_summary,
    matching_entities,
    search_entities,
)
from newsgraph.store.queries.paging import Page
from newsgraph.store.queries.search import HIGHLIGHT, SearchHit, search, snippets_for

__all__ = [
    "HIGHLIGHT",
    "MAX_SEARCH_WINDOW",
    "ArticleFilter",
    "ArticleSummary",
    "Claim",
    "ClaimFilter",
    "ClaimRow",
    "EntitySummary",
    "FacetCount",
    "Facets",
    "MentionInContext",
    "Page",
    "SearchHit",
    "SearchResult",
    "SourceCount",
    "SourceCountCache",
    "by_or_about",
    "claim_page",
    "claims",
    "entity_mentions",
    "entity_summary",
    "get_claim",
    "in_articles_naming",
    "list_articles",
    "matching_entities",
    "mentioned_in_content",
    "outlets",
    "said_by",
    "same_content",
    "search",
    "search_articles",
    "search_entities",
    "snippets_for",
    "sources",
]
