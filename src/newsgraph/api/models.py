"""The REST API's request and response bodies (pydantic lives here, at the edge, only).

Domain records stay frozen dataclasses; these models describe the JSON on the wire and
are built from the records with the ``of`` class methods.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator

from newsgraph.records import ClaimStatus
from newsgraph.store import NearDuplicateLink, SourceCount
from newsgraph.store import queries as sq

MAX_TEXT_CHARS = 1_000_000
"""Longest article text accepted by analyze and ingest (the model's own limit)."""


class ErrorDetail(BaseModel):
    """What went wrong: a stable machine-readable ``code`` and a one-line ``message``."""

    code: str = Field(examples=["not_found"])
    message: str = Field(examples=["no article 0123456789abcdef"])


class ErrorResponse(BaseModel):
    """Every 4xx and 5xx response has this body."""

    error: ErrorDetail


class PageInfo(BaseModel):
    """Paging of a list: ``total`` matches, this page from ``offset``; ``next_offset`` is null on the last page."""

    total: int
    limit: int
    offset: int
    next_offset: int | None

    @classmethod
    def of(cls, page: sq.Page[Any]) -> PageInfo:
        return cls(total=page.total, limit=page.limit, offset=page.offset, next_offset=page.next_offset)


class ArticleSummaryOut(BaseModel):
    """An article in a list; ``snippet`` and ``score`` only in search results."""

    id: str
    title: str | None
    outlet: str | None
    author: str | None
    url: str | None
    published: dt.date | None
    snippet: str | None = None
    score: float | None = None
    language: str | None = None

    @classmethod
    def of(cls, s: sq.ArticleSummary) -> ArticleSummaryOut:
        return cls(
            id=s.id,
            title=s.title,
            outlet=s.outlet,
            author=s.author,
            url=s.url,
            published=s.published,
            snippet=s.snippet,
            score=s.score,
            language=s.language,
        )


class ArticleList(BaseModel):
    """A page of articles."""

    items: list[ArticleSummaryOut]
    page: PageInfo


class FacetCountOut(BaseModel):
    value: str
    count: int


class FacetsOut(BaseModel):
    """Counts per value over all matches (each facet ignoring its own filter)."""

    outlet: list[FacetCountOut]
    source_kind: list[FacetCountOut]
    status: list[FacetCountOut]

    @classmethod
    def of(cls, f: sq.Facets) -> FacetsOut:
        def counts(values: tuple[sq.FacetCount, ...]) -> list[FacetCountOut]:
            return [FacetCountOut(value=c.value, count=c.count) for c in values]

        return cls(outlet=counts(f.outlet), source_kind=counts(f.source_kind), status=counts(f.status))


class SearchResults(BaseModel):
    """Full-text matches, best first, with snippets (matched words between « and ») and facets."""

    query: str
    items: list[ArticleSummaryOut]
    page: PageInfo
    facets: FacetsOut


class ReuseOut(BaseModel):
    """A report reusing an earlier one's text: its source, the cluster's original, how (verbatim / edited /
    partial), the share of its 5-grams found in the source (``similarity``) and the reverse, and its character
    ranges made of the source's text."""

    article_id: str
    original_id: str
    similarity: float
    source_id: str | None
    kind: str | None
    reverse: float | None
    passages: list[tuple[int, int]]

    @classmethod
    def of(cls, link: NearDuplicateLink) -> ReuseOut:
        return cls.model_validate(dataclasses.asdict(link))


class StoredArticle(BaseModel):
    """A stored article: the analyze JSON (``article``, see ``newsgraph schema``) and its reuse links."""

    article: dict[str, Any]
    near_duplicate_of: str | None = None
    near_duplicates: list[str] = []
    reuses: ReuseOut | None = None
    reused_by: list[ReuseOut] = []


class EntitySummaryOut(BaseModel):
    """An entity across articles (grouped by name, ignoring case)."""

    name: str
    type: str
    articles: int
    mentions: int

    @classmethod
    def of(cls, e: sq.EntitySummary) -> EntitySummaryOut:
        return cls(name=e.name, type=e.type, articles=e.articles, mentions=e.mentions)


class EntityList(BaseModel):
    items: list[EntitySummaryOut]
    page: PageInfo


class MentionOut(BaseModel):
    """A mention, with offsets into its article's text and some context either side."""

    article_id: str
    title: str | None
    published: dt.date | None
    start: int
    end: int
    text: str
    kind: str
    before: str
    after: str

    @classmethod
    def of(cls, m: sq.MentionInContext) -> MentionOut:
        return cls(
            article_id=m.article_id,
            title=m.title,
            published=m.published,
            start=m.start,
            end=m.end,
            text=m.text,
            kind=m.kind,
            before=m.before,
            after=m.after,
        )


class MentionList(BaseModel):
    items: list[MentionOut]
    page: PageInfo


class ClaimSourceOut(BaseModel):
    kind: Literal["person", "organization", "anonymous", "unspecified"]
    entity: str | None
    affiliation: str | None
    text: str | None


class ClaimOut(BaseModel):
    """An attributed claim: who (source, via whom) said what (content), how (cue, status), where (article)."""

    article_id: str
    attribution_id: str
    title: str | None
    outlet: str | None
    published: dt.date | None
    source: ClaimSourceOut
    cue: str
    cue_lemma: str
    content: str
    status: ClaimStatus
    form: str
    via: str | None
    via_entity: str | None
    when: str | None
    claim_id: str | None = Field(default=None, description="The cross-article claim this is a version of.")

    @classmethod
    def of(cls, c: sq.ClaimRow, claim_id: str | None = None) -> ClaimOut:
        return cls(
            article_id=c.article_id,
            attribution_id=c.attribution_id,
            title=c.title,
            outlet=c.outlet,
            published=c.published,
            source=ClaimSourceOut(
                kind=c.source_kind, entity=c.source_entity, affiliation=c.source_affiliation, text=c.source_text
            ),
            cue=c.cue,
            cue_lemma=c.cue_lemma,
            content=c.content,
            status=c.status,
            form=c.form,
            via=c.via,
            via_entity=c.via_entity,
            when=c.when,
            claim_id=claim_id,
        )


class ClaimList(BaseModel):
    items: list[ClaimOut]
    page: PageInfo


class ClaimDetail(BaseModel):
    """One claim and the claims elsewhere with the same content."""

    claim: ClaimOut
    same_content: list[ClaimOut]


class EntityDetail(BaseModel):
    """An entity with its first mentions, what it said and what was said about it (first page of each)."""

    entity: EntitySummaryOut
    aliases: list[str]
    mentions: list[MentionOut]
    said: list[ClaimOut]
    said_about: list[ClaimOut]


class SourceCountOut(BaseModel):
    source: str
    citations: int
    anonymous: int
    articles: int

    @classmethod
    def of(cls, s: SourceCount) -> SourceCountOut:
        return cls(source=s.source, citations=s.citations, anonymous=s.anonymous, articles=s.articles)


class AnalyzeRequest(BaseModel):
    """An article to analyze (or ingest): its text and optional metadata."""

    model_config = ConfigDict(extra="forbid")

    # Something besides whitespace and NUL (which is removed before analysis): else there is nothing to analyze.
    text: str = Field(min_length=1, max_length=MAX_TEXT_CHARS, pattern=r"[^\s\x00]", description="The article body.")
    published: dt.date | None = Field(default=None, description="Publication date; relative dates resolve to it.")
    title: str | None = Field(default=None, max_length=2000)
    url: str | None = Field(default=None, max_length=4000)
    outlet: str | None = Field(default=None, max_length=500)
    author: str | None = Field(default=None, max_length=500)

    @field_validator("text", "title", "url", "outlet", "author")
    @classmethod
    def _encodable(cls, value: str | None) -> str | None:
        # JSON can carry lone surrogates ("\ud800"), which no UTF-8 answer or database can hold.
        if value is not None and _SURROGATE.search(value):
            raise ValueError("lone UTF-16 surrogates are not text")
        return value


_SURROGATE = re.compile("[\ud800-\udfff]")


class IngestResult(BaseModel):
    """What ingest did: ``ingested`` (new) or ``duplicate`` (same content already stored)."""

    id: str
    status: Literal["ingested", "duplicate"]
    near_duplicate_of: str | None = None
    warnings: list[str] = []
    """How the input was changed to be stored (NUL characters removed), one line each."""


class Health(BaseModel):
    status: Literal["ok"]
    articles: int
    backend: str
