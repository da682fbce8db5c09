"""Pages over the cross-article links: stories (corroboration matrix, origin graph, contradictions,
timeline) and linked claims (versions, origins, contradictions, status history)."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, HTTPException, Query, Request
from fastapi.responses import HTMLResponse

from newsgraph.api import stories as s
from newsgraph.api.deps import Svc
from newsgraph.link.origins import Corroboration
from newsgraph.web.pages import render
from newsgraph.web.svg import Chain, origin_graph

router = APIRouter(include_in_schema=False, default_response_class=HTMLResponse)
PAGE_SIZE = 30
INLINE_TIMELINE_ARTICLES = 40


def chains_of(corroborations: list[Corroboration]) -> list[Chain]:
    """The origin graph's paths: origin → intermediary → outlet."""
    return [Chain(c.origin_label, c.via, c.outlet) for x in corroborations for c in x.chains]


@router.get("/stories")
def stories_page(request: Request, svc: Svc, offset: Annotated[int, Query(ge=0, le=100_000)] = 0) -> HTMLResponse:
    found, total = s.list_stories(svc.store, limit=PAGE_SIZE, offset=offset)
    following = offset + len(found)
    return render(
        request,
        "stories.html",
        stories=found,
        total=total,
        offset=offset,
        previous=f"/stories?offset={max(0, offset - PAGE_SIZE)}" if offset else None,
        following=f"/stories?offset={following}" if following < total else None,
    )


@router.get("/stories/{story_id}")
def story_page(request: Request, svc: Svc, story_id: str) -> HTMLResponse:
    view = s.cached_story(svc, story_id)
    if view is None:
        raise HTTPException(404, f"no story {story_id}")
    # A big story's timeline reads every article of it: it gets its own page.
    inline = view.summary.size <= INLINE_TIMELINE_ARTICLES
    matrix = s.corroboration_matrix(svc.store, view)
    graph_claims = [c.corroboration for c in view.claims[:8]]
    return render(
        request,
        "story.html",
        story=view,
        titles={a.id: a.title or (f"{a.outlet} report" if a.outlet else a.id) for a in view.articles},
        matrix=matrix,
        graph=origin_graph(chains_of(graph_claims), title="Origins of the story's most carried claims")
        if graph_claims
        else None,
        timeline=s.story_timeline(svc.store, story_id)[:200] if inline else None,
    )


@router.get("/stories/{story_id}/timeline")
def story_timeline_page(request: Request, svc: Svc, story_id: str) -> HTMLResponse:
    view = s.cached_story(svc, story_id)
    if view is None:
        raise HTTPException(404, f"no story {story_id}")
    return render(request, "story_timeline.html", story=view, timeline=s.story_timeline(svc.store, story_id))


@router.get("/linked-claims/{claim_id}")
def linked_claim_page(request: Request, svc: Svc, claim_id: str) -> HTMLResponse:
    view = s.get_linked_claim(svc.store, claim_id)
    if view is None:
        raise HTTPException(404, f"no claim {claim_id}")
    return render(
        request,
        "linked_claim.html",
        view=view,
        graph=origin_graph(chains_of([view.corroboration]), title="Origins of this claim"),
    )
