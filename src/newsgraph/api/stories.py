"""Stories, cross-article claims and timelines (``newsgraph.store.crossdoc``) in the API.

A *story* groups the articles about one event; a *linked claim* (id ``c-…``) joins the
versions of one statement across articles, with its corroboration (articles, outlets,
independent origins and the chains source → via → outlet), contradictions and status
history. Attributions (``/claims?...``) are the versions; their ``claim_id`` links them.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Annotated

from fastapi import APIRouter, HTTPException, Query
from pydantic import BaseModel, ConfigDict
from sqlalchemy import and_, or_, select

from newsgraph.api.deps import NOT_FOUND, Limit, Offset, Services, Svc
from newsgraph.api.models import PageInfo, ReuseOut
from newsgraph.link.claims import ClaimVersion
from newsgraph.link.contradictions import Contradiction, StatusChange
from newsgraph.link.origins import Corroboration
from newsgraph.link.timelines import TimelineEntry
from newsgraph.store import Store, crossdoc

# Reading ------------------------------------------------------------------------------------------------------


def list_stories(store: Store, *, limit: int, offset: int) -> tuple[list[crossdoc.StorySummary], int]:
    """A page of stories, biggest and latest first, and how many there are."""
    with store.engine.connect() as conn:
        found = crossdoc.list_stories(conn, limit=None)
    return found[offset : offset + limit], len(found)


def get_story(store: Store, story_id: str) -> crossdoc.StoryView | None:
    """One story with its articles, claims and contradictions."""
    with store.engine.connect() as conn:
        return crossdoc.get_story(conn, story_id)


STORY_CACHE_SIZE = 32


def cached_story(svc: Services, story_id: str) -> crossdoc.StoryView | None:
    """``get_story``, remembered until the store's article count changes: big stories take seconds to build."""
    key = (story_id, svc.store.count())
    view = svc.story_views.get(key)
    if view is not None:
        svc.story_views.move_to_end(key)
        return view
    view = get_story(svc.store, story_id)
    if view is not None:
        svc.story_views[key] = view
        while len(svc.story_views) > STORY_CACHE_SIZE:
            svc.story_views.popitem(last=False)
    return view


def get_linked_claim(store: Store, claim_id: str) -> crossdoc.ClaimView | None:
    """One cross-article claim with versions, corroboration, contradictions and history."""
    with store.engine.connect() as conn:
        return crossdoc.get_claim(conn, claim_id)


def story_timeline(store: Store, story_id: str) -> list[TimelineEntry]:
    """The events of a story in time order."""
    with store.engine.connect() as conn:
        return crossdoc.story_timeline(conn, story_id)


def find_identity(store: Store, name: str) -> tuple[str, str, str] | None:
    """The cross-article identity called ``name`` (``id, name, type``), or None."""
    with store.engine.connect() as conn:
        found = crossdoc.find_identities(conn, name)
    return found[0] if found else None


def identity_timeline(store: Store, identity_id: str, *, limit: int = 500) -> list[TimelineEntry]:
    """Events whose actor, target or place is this identity, in time order."""
    with store.engine.connect() as conn:
        return crossdoc.entity_timeline(conn, identity_id, limit=limit)


def story_of_article(store: Store, article_id: str) -> crossdoc.StorySummary | None:
    """The story an article belongs to, or None."""
    sa, st = crossdoc.story_articles, crossdoc.stories
    with store.engine.connect() as conn:
        row = conn.execute(select(st).join(sa, sa.c.story_id == st.c.id).where(sa.c.article_id == article_id)).first()
    if row is None:
        return None
    return crossdoc.StorySummary(row.id, row.label, row.size, row.first_published, row.last_published, 0)


def claim_ids(store: Store, versions: Sequence[tuple[str, str]]) -> dict[tuple[str, str], str]:
    """The linked claim of each ``(article_id, attribution_id)`` that has one."""
    cv = crossdoc.claim_versions
    wanted = list(dict.fromkeys(versions))
    found: dict[tuple[str, str], str] = {}
    with store.engine.connect() as conn:
        for i in range(0, len(wanted), 200):
            chunk = wanted[i : i + 200]
            rows = conn.execute(
                select(cv.c.article_id, cv.c.record_id, cv.c.claim_id).where(
                    cv.c.kind == "attribution",
                    or_(*(and_(cv.c.article_id == a, cv.c.record_id == r) for a, r in chunk)),
                )
            )
            found.update({(r.article_id, r.record_id): r.claim_id for r in rows})
    return found


@dataclass(frozen=True, slots=True)
class MatrixCell:
    """How one outlet carries one claim: its versions, their statuses, and whether any says it did not happen."""

    versions: int
    statuses: tuple[str, ...]
    negative: bool


@dataclass(frozen=True, slots=True)
class Matrix:
    """The corroboration matrix of a story: claims (rows) by outlets (columns)."""

    outlets: tuple[str, ...]
    rows: tuple[tuple[crossdoc.ClaimSummary, tuple[MatrixCell | None, ...]], ...]


def corroboration_matrix(store: Store, story: crossdoc.StoryView, *, max_claims: int = 30) -> Matrix:
    """Which outlet carries which of the story's best-corroborated claims, and how firmly."""
    cv = crossdoc.claim_versions
    shown = story.claims[:max_claims]
    wanted = [c.id for c in shown]
    cells: defaultdict[tuple[str, str], list[tuple[str, bool]]] = defaultdict(list)
    if wanted:
        with store.engine.connect() as conn:
            rows = conn.execute(
                select(cv.c.claim_id, cv.c.outlet, cv.c.status, cv.c.polarity).where(cv.c.claim_id.in_(wanted))
            )
            for r in rows:
                cells[(r.claim_id, r.outlet or "(unknown outlet)")].append(
                    (r.status, r.status == "denied" or r.polarity == "neg")
                )
    outlets = tuple(dict.fromkeys(a.outlet or "(unknown outlet)" for a in story.articles))
    return Matrix(
        outlets,
        tuple(
            (
                claim,
                tuple(
                    MatrixCell(
                        len(cells[(claim.id, o)]),
                        tuple(sorted({s for s, _ in cells[(claim.id, o)]})),
                        any(n for _, n in cells[(claim.id, o)]),
                    )
                    if cells[(claim.id, o)]
                    else None
                    for o in outlets
                ),
            )
            for claim in shown
        ),
    )


# Wire models --------------------------------------------------------------------------------------------------


class StorySummaryOut(BaseModel):
    id: str
    label: str
    articles: int
    claims: int
    first_published: dt.date | None
    last_published: dt.date | None

    @classmethod
    def of(cls, s: crossdoc.StorySummary) -> StorySummaryOut:
        return cls(
            id=s.id,
            label=s.label,
            articles=s.size,
            claims=s.claims,
            first_published=s.first_published,
            last_published=s.last_published,
        )


class StoryList(BaseModel):
    items: list[StorySummaryOut]
    page: PageInfo


class StoryArticleOut(BaseModel):
    """An article of a story, built from ``crossdoc.StoryArticle``."""

    model_config = ConfigDict(from_attributes=True)

    id: str
    title: str | None
    outlet: str | None
    published: dt.date | None
    score: float
    language: str | None = None


class OriginChainOut(BaseModel):
    """One path of a claim: its origin, the intermediary (if any), the outlet, the articles (and their copies)."""

    origin: str
    origin_label: str
    via: str | None
    outlet: str
    articles: list[str]
    copies: list[str]


class OriginOut(BaseModel):
    """One originator of a claim and whether the strict count takes it (``why`` says why)."""

    key: str
    label: str
    kind: str
    articles: list[str]
    intermediaries: list[str]
    independent: bool
    why: str
    counted_as: str | None = None


class CorroborationOut(BaseModel):
    """How many articles and outlets carry a claim, from how many independent origins (strict and lenient)."""

    articles: int
    outlets: int
    independent_origins: int
    lenient_origins: int
    answer: str
    origins: list[OriginOut]
    relays: list[str]
    chains: list[OriginChainOut]

    @classmethod
    def of(cls, c: Corroboration) -> CorroborationOut:
        return cls(
            articles=c.articles,
            outlets=c.outlets,
            independent_origins=c.independent_origins,
            lenient_origins=c.lenient_origins,
            answer=c.answer,
            origins=[
                OriginOut(
                    key=o.key,
                    label=o.label,
                    kind=o.kind,
                    articles=list(o.articles),
                    intermediaries=list(o.intermediaries),
                    independent=o.independent,
                    why=o.why,
                    counted_as=o.counted_as,
                )
                for o in c.origin_list
            ],
            relays=list(c.relays),
            chains=[
                OriginChainOut(
                    origin=x.origin,
                    origin_label=x.origin_label,
                    via=x.via,
                    outlet=x.outlet,
                    articles=list(x.articles),
                    copies=list(x.copies),
                )
                for x in c.chains
            ],
        )


class ClaimSummaryOut(BaseModel):
    id: str
    label: str
    versions: int
    corroboration: CorroborationOut

    @classmethod
    def of(cls, c: crossdoc.ClaimSummary) -> ClaimSummaryOut:
        return cls(id=c.id, label=c.label, versions=c.versions, corroboration=CorroborationOut.of(c.corroboration))


class VersionOut(BaseModel):
    """One article's version of a claim, with offsets into that article's text."""

    article_id: str
    record_id: str
    kind: str
    wording: str
    start: int
    end: int
    status: str
    polarity: str
    source_kind: str
    outlet: str | None
    published: dt.date | None
    source: str | None
    affiliation: str | None
    via: str | None
    when: str | None

    @classmethod
    def of(cls, v: ClaimVersion) -> VersionOut:
        return cls(
            article_id=v.article_id,
            record_id=v.record_id,
            kind=v.kind,
            wording=v.wording,
            start=v.span.start,
            end=v.span.end,
            status=v.status,
            polarity=v.polarity,
            source_kind=v.source_kind,
            outlet=v.outlet,
            published=v.published,
            source=v.source,
            affiliation=v.affiliation,
            via=v.via,
            when=v.when,
        )


class ContradictionOut(BaseModel):
    """Two sides that cannot both be right, with the versions on each side."""

    kind: str
    reason: str
    claim_a: str
    claim_b: str
    side_a: list[VersionOut]
    side_b: list[VersionOut]

    @classmethod
    def of(cls, c: Contradiction) -> ContradictionOut:
        return cls(
            kind=c.kind,
            reason=c.reason,
            claim_a=c.claim_a,
            claim_b=c.claim_b,
            side_a=[VersionOut.of(v) for v in c.side_a],
            side_b=[VersionOut.of(v) for v in c.side_b],
        )


class StatusChangeOut(BaseModel):
    date: dt.date | None
    article_id: str
    before: str
    after: str

    @classmethod
    def of(cls, s: StatusChange) -> StatusChangeOut:
        return cls(date=s.date, article_id=s.article_id, before=s.before, after=s.after)


class StoryDetail(BaseModel):
    story: StorySummaryOut
    articles: list[StoryArticleOut]
    claims: list[ClaimSummaryOut]
    contradictions: list[ContradictionOut]
    reuse: list[ReuseOut]


class LinkedClaimDetail(BaseModel):
    """A claim across articles: every version, corroboration, contradictions and status history."""

    id: str
    story_id: str | None
    label: str
    versions: list[VersionOut]
    corroboration: CorroborationOut
    contradictions: list[ContradictionOut]
    history: list[StatusChangeOut]


class TimelineEntryOut(BaseModel):
    """An event on a timeline: its date (TIMEX3 value) and how it was anchored, and the claim behind it."""

    date: str | None
    anchor: str | None
    certainty: str
    polarity: str
    lemma: str
    wording: str
    article_id: str
    event_id: str
    published: str | None
    claim_id: str | None

    @classmethod
    def of(cls, e: TimelineEntry) -> TimelineEntryOut:
        return cls(
            date=e.date,
            anchor=e.anchor,
            certainty=e.certainty,
            polarity=e.polarity,
            lemma=e.lemma,
            wording=e.wording,
            article_id=e.article_id,
            event_id=e.event_id,
            published=e.published,
            claim_id=e.claim_id,
        )


class Timeline(BaseModel):
    subject: str
    items: list[TimelineEntryOut]


# Routes -------------------------------------------------------------------------------------------------------

router = APIRouter(tags=["stories"])


@router.get("/stories", response_model=StoryList, summary="Stories, biggest and latest first")
def stories(svc: Svc, limit: Limit = 20, offset: Offset = 0) -> StoryList:
    found, total = list_stories(svc.store, limit=limit, offset=offset)
    following = offset + len(found)
    return StoryList(
        items=[StorySummaryOut.of(s) for s in found],
        page=PageInfo(
            total=total, limit=limit, offset=offset, next_offset=following if found and following < total else None
        ),
    )


@router.get(
    "/stories/{story_id}",
    response_model=StoryDetail,
    summary="A story: articles, claims by corroboration, contradictions",
    responses=NOT_FOUND,
)
def story(svc: Svc, story_id: str) -> StoryDetail:
    view = cached_story(svc, story_id)
    if view is None:
        raise HTTPException(404, f"no story {story_id}")
    return StoryDetail(
        story=StorySummaryOut.of(view.summary),
        articles=[StoryArticleOut.model_validate(a) for a in view.articles],
        claims=[ClaimSummaryOut.of(c) for c in view.claims],
        contradictions=[ContradictionOut.of(c) for c in view.contradictions],
        reuse=[ReuseOut.of(link) for link in view.reuse],
    )


@router.get(
    "/stories/{story_id}/timeline",
    response_model=Timeline,
    summary="A story's events in time order",
    responses=NOT_FOUND,
)
def story_events(svc: Svc, story_id: str) -> Timeline:
    if cached_story(svc, story_id) is None:
        raise HTTPException(404, f"no story {story_id}")
    return Timeline(subject=story_id, items=[TimelineEntryOut.of(e) for e in story_timeline(svc.store, story_id)])


@router.get(
    "/linked-claims/{claim_id}",
    response_model=LinkedClaimDetail,
    summary="A claim across articles: versions, corroboration, contradictions, history",
    responses=NOT_FOUND,
)
def linked_claim(svc: Svc, claim_id: str) -> LinkedClaimDetail:
    view = get_linked_claim(svc.store, claim_id)
    if view is None:
        raise HTTPException(404, f"no claim {claim_id}")
    return LinkedClaimDetail(
        id=view.claim.id,
        story_id=view.claim.story_id,
        label=view.claim.label,
        versions=[VersionOut.of(v) for v in view.claim.versions],
        corroboration=CorroborationOut.of(view.corroboration),
        contradictions=[ContradictionOut.of(c) for c in view.contradictions],
        history=[StatusChangeOut.of(h) for h in view.history],
    )


@router.get(
    "/entities/{name:path}/timeline",
    response_model=Timeline,
    tags=["entities"],
    summary="Events an entity took part in, in time order",
    responses=NOT_FOUND,
)
def entity_events(svc: Svc, name: str, limit: Annotated[int, Query(ge=1, le=500)] = 200) -> Timeline:
    """Events whose actor, target or place is the entity (its cross-article identity, any name form)."""
    identity = find_identity(svc.store, name)
    if identity is None:
        raise HTTPException(404, f"no entity named {name!r}")
    entries = identity_timeline(svc.store, identity[0], limit=limit)
    return Timeline(subject=identity[1], items=[TimelineEntryOut.of(e) for e in entries])
