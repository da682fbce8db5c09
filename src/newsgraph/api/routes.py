"""The endpoints of ``/api/v1``: thin handlers over ``newsgraph.api.queries`` and the store."""

from __future__ import annotations

import hmac
from collections.abc import Sequence
from typing import Annotated, Any

from fastapi import APIRouter, Depends, HTTPException, Query, Response
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer

from newsgraph.api import queries as q
from newsgraph.api.deps import (
    ERRORS,
    NOT_FOUND,
    LanguageParam,
    Limit,
    Offset,
    Services,
    Since,
    SourceKindParam,
    StatusParam,
    Svc,
    Text,
    Until,
)
from newsgraph.api.models import (
    AnalyzeRequest,
    ArticleList,
    ArticleSummaryOut,
    ClaimDetail,
    ClaimList,
    ClaimOut,
    EntityDetail,
    EntityList,
    EntitySummaryOut,
    ErrorResponse,
    FacetCountOut,
    FacetsOut,
    Health,
    IngestResult,
    MentionList,
    MentionOut,
    PageInfo,
    ReuseOut,
    SearchResults,
    SourceCountOut,
    StoredArticle,
)
from newsgraph.ingest.normalize import storable
from newsgraph.records import Article, Document
from newsgraph.store import queries as sq

router = APIRouter(responses=ERRORS)

_bearer = HTTPBearer(auto_error=False, description="The token set in the server's NEWSGRAPH_TOKEN.")


@router.get("/health", response_model=Health, tags=["meta"], summary="Is the store reachable")
def health(svc: Svc) -> Health:
    return Health(status="ok", articles=svc.store.count(), backend=svc.store.backend)


@router.get("/articles", response_model=ArticleList, tags=["articles"], summary="List articles, newest first")
def list_articles(
    svc: Svc,
    outlet: Text = None,
    since: Since = None,
    until: Until = None,
    source_kind: SourceKindParam | None = None,
    status: StatusParam | None = None,
    story: Annotated[str | None, Query(max_length=64, description="Only articles of this story.")] = None,
    language: LanguageParam = None,
    limit: Limit = 20,
    offset: Offset = 0,
) -> ArticleList:
    """Articles filtered by outlet, language, publication date range, story, and whether they cite a kind of
    source or hold a claim of a status."""
    flt = sq.ArticleFilter(
        outlet=outlet, since=since, until=until, source_kind=source_kind, status=status, story=story, language=language
    )
    page = q.list_articles(svc.store, flt, limit=limit, offset=offset)
    return ArticleList(items=[ArticleSummaryOut.of(a) for a in page.items], page=PageInfo.of(page))


@router.get(
    "/articles/{article_id}",
    response_model=StoredArticle,
    tags=["articles"],
    summary="One article with everything analysed in it",
    responses=NOT_FOUND,
)
def get_article(svc: Svc, article_id: str) -> StoredArticle:
    article = svc.store.get_article(article_id)
    if article is None:
        raise HTTPException(404, f"no article {article_id}")
    link = svc.store.near_duplicate_of(article_id)
    copies = svc.store.near_duplicates_of(article_id)
    return StoredArticle(
        article=article.to_dict(),
        near_duplicate_of=link.original_id if link else None,
        near_duplicates=[c.article_id for c in copies],
        reuses=ReuseOut.of(link) if link else None,
        reused_by=[ReuseOut.of(c) for c in copies],
    )


@router.post(
    "/articles",
    response_model=IngestResult,
    status_code=201,
    tags=["articles"],
    summary="Analyze and store one article (needs the bearer token)",
    responses={
        200: {"model": IngestResult, "description": "Already stored (same content)"},
        401: {"model": ErrorResponse, "description": "No bearer token"},
        403: {"model": ErrorResponse, "description": "Wrong token, or ingest disabled on this server"},
    },
)
def ingest_article(
    svc: Svc,
    body: AnalyzeRequest,
    response: Response,
    credentials: Annotated[HTTPAuthorizationCredentials | None, Depends(_bearer)],
) -> IngestResult:
    """Analyze the article and store it. Same content is stored once: sending it again answers 200
    with ``status: duplicate``. Requires ``Authorization: Bearer <token>`` matching the server's
    ``NEWSGRAPH_TOKEN``; without that variable on the server, ingest is disabled (403)."""
    _authorize(svc, credentials)
    from newsgraph.batch import Ingestion, process_partition
    from newsgraph.nlp.analyze import article_id

    document = _document(body, origin="api")
    warnings = list(document.warnings)
    aid = article_id(document.text)
    if svc.store.known_ids([aid]):
        response.status_code = 200
        return IngestResult(id=aid, status="duplicate", warnings=warnings)
    with svc.model.lock:
        if svc.ingestion is None:
            model = svc.model

            def analyze(documents: Sequence[Document]) -> list[Any]:
                return list(process_partition(documents, model.get(), batch_size=svc.settings.batch_size))

            svc.ingestion = Ingestion(svc.store, analyze, settings=svc.settings)
        ingestion = svc.ingestion
        failed_before = len(ingestion.summary.failed)
        ingested_before = ingestion.summary.ingested
        ingestion.run_documents([document])
        if len(ingestion.summary.failed) > failed_before:
            raise HTTPException(422, ingestion.summary.failed[-1].reason)
        stored = ingestion.summary.ingested > ingested_before
    if not stored:
        response.status_code = 200
        return IngestResult(id=aid, status="duplicate", warnings=warnings)
    link = svc.store.near_duplicate_of(aid)
    return IngestResult(
        id=aid, status="ingested", near_duplicate_of=link.original_id if link else None, warnings=warnings
    )


def claims_out(svc: Services, rows: Sequence[sq.ClaimRow]) -> list[ClaimOut]:
    """Claims for the wire, each with the cross-article claim it is a version of."""
    from newsgraph.api.stories import claim_ids

    linked = claim_ids(svc.store, [(c.article_id, c.attribution_id) for c in rows])
    return [ClaimOut.of(c, linked.get((c.article_id, c.attribution_id))) for c in rows]


def _authorize(svc: Services, credentials: HTTPAuthorizationCredentials | None) -> None:
    if credentials is None:
        raise HTTPException(401, "send Authorization: Bearer <token>", headers={"WWW-Authenticate": "Bearer"})
    if svc.token is None:
        raise HTTPException(403, "ingest is disabled on this server: start it with NEWSGRAPH_TOKEN set")
    if not hmac.compare_digest(credentials.credentials.encode(), svc.token.encode()):
        raise HTTPException(403, "wrong token")


def _document(body: AnalyzeRequest, origin: str) -> Document:
    return storable(
        Document(
            text=body.text,
            origin=origin,
            title=body.title,
            url=body.url,
            outlet=body.outlet,
            author=body.author,
            published=body.published,
            published_from="given" if body.published else "unknown",
        )
    )


def analyze_text(svc: Services, body: AnalyzeRequest) -> Article:
    """Analyze without storing, with the app's one pipeline (loaded on first use)."""
    from newsgraph.nlp import analyze_document
    from newsgraph.nlp.analyze import check_text

    document = _document(body, origin="request")
    with svc.model.lock:
        nlp = svc.model.get()
        check_text(document.text, "text", nlp.max_length)
        return analyze_document(document, nlp=nlp)


@router.post("/analyze", tags=["analysis"], summary="Analyze text without storing it")
def analyze(svc: Svc, body: AnalyzeRequest) -> dict[str, Any]:
    """The analyze JSON (the same as ``newsgraph analyze --format json``; see ``newsgraph schema``).
    Nothing is stored."""
    return analyze_text(svc, body).to_dict()


@router.get("/search", response_model=SearchResults, tags=["search"], summary="Full-text search with facets")
def search(
    svc: Svc,
    q_: Annotated[str, Query(alias="q", max_length=500, description="Words that must all occur (stemmed).")] = "",
    outlet: Text = None,
    since: Since = None,
    until: Until = None,
    source_kind: SourceKindParam | None = None,
    status: StatusParam | None = None,
    language: LanguageParam = None,
    limit: Limit = 20,
    offset: Offset = 0,
) -> SearchResults:
    """Articles matching every word of ``q`` (all articles when blank), best first, with snippets
    and counts per outlet, source kind and claim status."""
    flt = sq.ArticleFilter(
        outlet=outlet, since=since, until=until, source_kind=source_kind, status=status, language=language
    )
    result = q.search_articles(svc.store, q_, flt, limit=limit, offset=offset)
    return SearchResults(
        query=q_,
        items=[ArticleSummaryOut.of(a) for a in result.page.items],
        page=PageInfo.of(result.page),
        facets=FacetsOut.of(result.facets),
    )


@router.get("/outlets", response_model=list[FacetCountOut], tags=["articles"], summary="Outlets and their articles")
def outlets(svc: Svc) -> list[FacetCountOut]:
    return [FacetCountOut(value=o.value, count=o.count) for o in q.outlets(svc.store)]


@router.get("/entities", response_model=EntityList, tags=["entities"], summary="Search entities by name")
def list_entities(
    svc: Svc,
    name: Annotated[str | None, Query(max_length=200, description="Part of the name, any case.")] = None,
    limit: Limit = 20,
    offset: Offset = 0,
) -> EntityList:
    """Entities across articles (same name, any case, is one entity), most mentioned first."""
    page = q.search_entities(svc.store, name, limit=limit, offset=offset)
    return EntityList(items=[EntitySummaryOut.of(e) for e in page.items], page=PageInfo.of(page))


@router.get(
    "/entities/{name:path}",
    response_model=EntityDetail,
    tags=["entities"],
    summary="An entity with mentions and claims",
    responses=NOT_FOUND,
)
def get_entity(svc: Svc, name: str, limit: Limit = 20) -> EntityDetail:
    """The entity named ``name`` (any case): its first ``limit`` mentions, the claims it made and
    the claims about it. Page further with ``/mentions?entity=`` and ``/claims?source=`` or ``?entity=``."""
    found = q.entity_summary(svc.store, name)
    if found is None:
        raise HTTPException(404, f"no entity named {name!r}")
    summary, aliases = found
    mentions = q.entity_mentions(svc.store, name, limit=limit, offset=0)
    said = q.list_claims(
        svc.store, sq.ClaimFilter(source=name), limit=limit, offset=0, extra=[sq.in_articles_naming(name)]
    )
    about = q.list_claims(
        svc.store, sq.ClaimFilter(), limit=limit, offset=0, extra=[~sq.said_by(name), sq.mentioned_in_content(name)]
    )
    return EntityDetail(
        entity=EntitySummaryOut.of(summary),
        aliases=list(aliases),
        mentions=[MentionOut.of(m) for m in mentions.items],
        said=claims_out(svc, said.items),
        said_about=claims_out(svc, about.items),
    )


@router.get("/mentions", response_model=MentionList, tags=["entities"], summary="Mentions of an entity")
def list_mentions(
    svc: Svc,
    entity: Annotated[str, Query(min_length=1, max_length=200, description="The entity's name, any case.")],
    limit: Limit = 20,
    offset: Offset = 0,
) -> MentionList:
    page = q.entity_mentions(svc.store, entity, limit=limit, offset=offset)
    return MentionList(items=[MentionOut.of(m) for m in page.items], page=PageInfo.of(page))


@router.get("/claims", response_model=ClaimList, tags=["claims"], summary="Attributed claims, filtered")
def list_claims(
    svc: Svc,
    source: Annotated[str | None, Query(max_length=200, description="Said by (entity, words or affiliation).")] = None,
    source_kind: SourceKindParam | None = None,
    status: StatusParam | None = None,
    via: Annotated[str | None, Query(max_length=200, description="Passed on through (e.g. Interfax).")] = None,
    entity: Annotated[str | None, Query(max_length=200, description="Said by or about this entity.")] = None,
    article_id: Annotated[str | None, Query(max_length=64)] = None,
    since: Since = None,
    until: Until = None,
    limit: Limit = 20,
    offset: Offset = 0,
) -> ClaimList:
    """Who said what, via whom, how firmly: every attribution matching all the filters, newest first."""
    flt = sq.ClaimFilter(
        source=source,
        source_kind=source_kind,
        status=status,
        via=via,
        entity=entity,
        article_id=article_id,
        since=since,
        until=until,
    )
    page = q.list_claims(svc.store, flt, limit=limit, offset=offset)
    return ClaimList(items=claims_out(svc, page.items), page=PageInfo.of(page))


@router.get(
    "/claims/{article_id}/{attribution_id}",
    response_model=ClaimDetail,
    tags=["claims"],
    summary="One claim and its other versions",
    responses=NOT_FOUND,
)
def get_claim(svc: Svc, article_id: str, attribution_id: str) -> ClaimDetail:
    claim = q.get_claim(svc.store, article_id, attribution_id)
    if claim is None:
        raise HTTPException(404, f"no claim {attribution_id} in article {article_id}")
    first, *others = claims_out(svc, [claim, *q.same_content(svc.store, claim)])
    return ClaimDetail(claim=first, same_content=others)


@router.get("/sources", response_model=list[SourceCountOut], tags=["claims"], summary="Who is cited how often")
def sources(svc: Svc, limit: Limit = 50) -> list[SourceCountOut]:
    return [SourceCountOut.of(s) for s in q.source_counts(svc.store, limit=limit)]
