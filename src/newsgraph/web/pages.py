"""The web interface: server-rendered pages over the same store and queries as the API."""

from __future__ import annotations

import datetime as dt
import re
import typing
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path
from typing import Annotated, Any
from urllib.parse import parse_qs, urlencode, urlsplit

import jinja2
from fastapi import APIRouter, HTTPException, Query, Request
from fastapi.responses import HTMLResponse
from jinja2.filters import do_urlencode
from markupsafe import Markup, escape
from pydantic import ValidationError

from newsgraph.api import queries as q
from newsgraph.api import stories
from newsgraph.api.deps import LanguageParam, Offset, SourceKindParam, StatusParam, Svc
from newsgraph.api.models import AnalyzeRequest
from newsgraph.api.routes import analyze_text
from newsgraph.errors import NewsgraphError
from newsgraph.extract.timex.human import describe
from newsgraph.records import Article, Attribution, ClaimStatus, SourceKind
from newsgraph.store import HIGHLIGHT
from newsgraph.store import queries as sq
from newsgraph.web.highlight import claim_url, entity_url, highlighted_text, snippet_html
from newsgraph.web.svg import Chain, origin_graph
from newsgraph.web.text import MAX_SHOWN, shown

PAGE_SIZE = 20
ENTITY_TIMELINE_ARTICLES = 20
"""An entity page's timeline reads at most this many articles; the full one is at /api/v1/entities/NAME/timeline."""
STATUSES = typing.get_args(ClaimStatus)
SOURCE_KINDS = typing.get_args(SourceKind)

router = APIRouter(include_in_schema=False, default_response_class=HTMLResponse)


_URL_NOISE = re.compile(r"[\x00-\x20\x7f]")


def safe_url(url: str | None) -> str | None:
    """``url`` if it is an absolute http(s) address a link may carry, else None.

    Stored URLs come from the open web: ``javascript:``, ``data:`` and the like must never become an
    ``href``. Browsers drop ASCII whitespace and control characters before reading the scheme, so the
    check reads the URL the same way.
    """
    if not url:
        return None
    cleaned = _URL_NOISE.sub("", url)
    try:
        parts = urlsplit(cleaned)
    except ValueError:
        return None
    if parts.scheme.lower() not in ("http", "https") or not parts.hostname or cleaned != url.strip():
        return None
    return url


def make_environment() -> jinja2.Environment:
    """The template environment: autoescaping on for everything, every shown string through ``shown``."""
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(Path(__file__).parent / "templates"),
        autoescape=True,
        trim_blocks=True,
        lstrip_blocks=True,
        undefined=jinja2.StrictUndefined,
        finalize=shown,
    )
    env.globals.update(entity_url=entity_url, claim_url=claim_url, statuses=STATUSES, source_kinds=SOURCE_KINDS)
    # Links are markup, not shown strings: never cut or isolated (``shown``).
    env.filters["safe_url"] = lambda url: escape(found) if (found := safe_url(url)) else None
    env.filters["urlencode"] = _link_value
    env.filters["human_time"] = describe
    return env


def _link_value(value: Any) -> Markup:
    # A link's parameter is bounded as the string it stands for is (a 2 MB outlet makes no filter).
    return escape(do_urlencode(value[:MAX_SHOWN] if isinstance(value, str) else value))


def render(request: Request, template: str, status_code: int = 200, **context: Any) -> HTMLResponse:
    """Render ``template`` with ``context``."""
    env: jinja2.Environment = request.app.state.templates
    html = env.get_template(template).render(request_path=request.url.path, **context)
    return HTMLResponse(html, status_code=status_code)


def _link(path: str, params: dict[str, Any]) -> Markup:
    # Parameters bounded as the strings they stand for are (a 2 MB outlet makes no filter); the link is
    # Markup, so it is never cut or isolated as a shown string is.
    kept = {k: v[:MAX_SHOWN] if isinstance(v, str) else v for k, v in params.items() if v not in (None, "", 0)}
    return escape(path + ("?" + urlencode(kept) if kept else ""))


@router.get("/")
def search_page(
    request: Request,
    svc: Svc,
    q_: Annotated[str, Query(alias="q", max_length=500)] = "",
    outlet: Annotated[str | None, Query(max_length=500)] = None,
    source_kind: SourceKindParam | None = None,
    status: StatusParam | None = None,
    since_: Annotated[str, Query(alias="since", max_length=10)] = "",
    until_: Annotated[str, Query(alias="until", max_length=10)] = "",
    language: LanguageParam = None,
    offset: Offset = 0,
) -> HTMLResponse:
    # The form's date fields send "" when left empty: no bound, not an error.
    since, until = _form_date("since", since_), _form_date("until", until_)
    flt = sq.ArticleFilter(
        outlet=outlet or None, since=since, until=until, source_kind=source_kind, status=status, language=language
    )
    result = q.search_articles(svc.store, q_, flt, limit=PAGE_SIZE, offset=offset)
    params: dict[str, Any] = {
        "q": q_,
        "outlet": outlet,
        "source_kind": source_kind,
        "status": status,
        "language": language,
        "since": since.isoformat() if since else None,
        "until": until.isoformat() if until else None,
    }

    def toggle(name: str, value: str) -> str:
        changed = dict(params)
        changed[name] = None if params.get(name) == value else value
        return _link("/", changed)

    page = result.page
    return render(
        request,
        "search.html",
        query=q_,
        params=params,
        page=page,
        hits=[(hit, snippet_html(hit.snippet, HIGHLIGHT) if hit.snippet else None) for hit in page.items],
        facets=result.facets,
        toggle=toggle,
        previous=_link("/", {**params, "offset": max(0, offset - PAGE_SIZE)}) if offset else None,
        following=_link("/", {**params, "offset": page.next_offset}) if page.next_offset else None,
        sources=q.source_counts(svc.store, limit=10),
    )


@router.get("/articles/{article_id}")
def article_page(request: Request, svc: Svc, article_id: str) -> HTMLResponse:
    article = svc.store.get_article(article_id)
    if article is None:
        raise HTTPException(404, f"no article {article_id}")
    link = svc.store.near_duplicate_of(article_id)
    copies = svc.store.near_duplicates_of(article_id)
    linked = stories.claim_ids(svc.store, [(article_id, a.id) for a in article.attributions])
    return render(
        request,
        "article.html",
        stored=True,
        reuses=link,
        reused_by=copies,
        story=stories.story_of_article(svc.store, article_id),
        linked={attribution: claim for (_, attribution), claim in linked.items()},
        **article_context(article),
    )


@dataclass(frozen=True, slots=True)
class SaidRow:
    """One line of an article's "who said what, via whom" table, with names resolved."""

    a: Attribution
    source: str
    affiliation: str | None
    via: str | None


def article_context(article: Article) -> dict[str, Any]:
    """What the article body, its side table and its origin graph need (stored or just analysed)."""
    names = {e.id: e.name for e in article.entities}
    rows = []
    for a in article.attributions:
        source = names.get(a.source.entity or "") or (a.source.span.text if a.source.span else None)
        affiliation = names.get(a.source.affiliation or "")
        via = (names.get(a.via.entity or "") or a.via.span.text) if a.via else None
        rows.append(SaidRow(a, source or affiliation or "(unnamed)", affiliation, via))
    outlet = article.outlet or "this article"
    chains = [Chain(r.source, r.via, outlet) for r in rows]
    return {
        "article": article,
        "body": highlighted_text(article),
        "rows": rows,
        "graph": origin_graph(chains, title=f"Who said what through whom in {outlet}") if chains else None,
        "entities": sorted(article.entities, key=lambda e: (-len(e.mentions), e.name)),
        "names": names,
    }


@router.get("/entities")
def entities_page(
    request: Request, svc: Svc, name: Annotated[str, Query(max_length=200)] = "", offset: Offset = 0
) -> HTMLResponse:
    page = q.search_entities(svc.store, name or None, limit=50, offset=offset)
    return render(
        request,
        "entities.html",
        name=name,
        page=page,
        previous=_link("/entities", {"name": name, "offset": max(0, offset - 50)}) if offset else None,
        following=_link("/entities", {"name": name, "offset": page.next_offset}) if page.next_offset else None,
    )


@router.get("/entities/{name:path}")
def entity_page(request: Request, svc: Svc, name: str) -> HTMLResponse:
    found = q.entity_summary(svc.store, name)
    if found is None:
        raise HTTPException(404, f"no entity named {name!r}")
    summary, aliases = found
    mentions = q.entity_mentions(svc.store, name, limit=50, offset=0)
    said = q.list_claims(
        svc.store, sq.ClaimFilter(source=name), limit=50, offset=0, extra=[sq.in_articles_naming(name)]
    )
    about = q.list_claims(
        svc.store, sq.ClaimFilter(), limit=50, offset=0, extra=[~sq.said_by(name), sq.mentioned_in_content(name)]
    )
    identity = stories.find_identity(svc.store, name)
    events = stories.identity_timeline(svc.store, identity[0], limit=ENTITY_TIMELINE_ARTICLES) if identity else []
    # Without cross-article events: the dated articles that mention the entity, oldest first.
    by_date: defaultdict[dt.date | None, dict[str, str | None]] = defaultdict(dict)
    for m in mentions.items:
        by_date[m.published][m.article_id] = m.title
    timeline = sorted(((d, items) for d, items in by_date.items() if d is not None), key=lambda x: x[0])
    chains = [Chain(c.source_label, c.via_entity or c.via, c.outlet or c.title or c.article_id) for c in said.items]
    return render(
        request,
        "entity.html",
        entity=summary,
        aliases=aliases,
        mentions=mentions,
        said=said,
        about=about,
        timeline=timeline,
        events=events,
        graph=origin_graph(chains, title=f"What {summary.name} said, through whom, where") if chains else None,
    )


@router.get("/claims")
def claims_page(
    request: Request,
    svc: Svc,
    source: Annotated[str | None, Query(max_length=200)] = None,
    source_kind: SourceKindParam | None = None,
    status: StatusParam | None = None,
    via: Annotated[str | None, Query(max_length=200)] = None,
    entity: Annotated[str | None, Query(max_length=200)] = None,
    offset: Offset = 0,
) -> HTMLResponse:
    params: dict[str, Any] = {
        "source": source or None,
        "source_kind": source_kind,
        "status": status,
        "via": via or None,
        "entity": entity or None,
    }
    flt = sq.ClaimFilter(**params)
    page = q.list_claims(svc.store, flt, limit=PAGE_SIZE, offset=offset)
    return render(
        request,
        "claims.html",
        params=params,
        page=page,
        previous=_link("/claims", {**params, "offset": max(0, offset - PAGE_SIZE)}) if offset else None,
        following=_link("/claims", {**params, "offset": page.next_offset}) if page.next_offset else None,
    )


@router.get("/claims/{article_id}/{attribution_id}")
def claim_page(request: Request, svc: Svc, article_id: str, attribution_id: str) -> HTMLResponse:
    claim = q.get_claim(svc.store, article_id, attribution_id)
    if claim is None:
        raise HTTPException(404, f"no claim {attribution_id} in article {article_id}")
    versions = [claim, *q.same_content(svc.store, claim)]
    chains = [Chain(c.source_label, c.via_entity or c.via, c.outlet or c.title or c.article_id) for c in versions]
    return render(
        request,
        "claim.html",
        claim=claim,
        versions=versions,
        graph=origin_graph(chains, title="Origins of this claim"),
    )


def _form_date(name: str, value: str) -> dt.date | None:
    if not value.strip():
        return None
    try:
        return dt.date.fromisoformat(value.strip())
    except ValueError:
        raise HTTPException(422, f"{name}: a date like 2024-12-08, got {value!r}") from None


def _form_error(error: Any) -> str:
    if error.get("loc") == ("text",) and error.get("type") in ("string_too_short", "string_pattern_mismatch"):
        return "paste the text of an article to analyze"
    if error.get("loc") == ("published",):
        return "the publication date must be a date like 2024-12-08"
    return str(error.get("msg", "invalid"))


@router.get("/analyze")
def analyze_form(request: Request) -> HTMLResponse:
    return render(request, "analyze.html", text="", published="", error=None, result=None)


@router.post("/analyze")
async def analyze_submit(request: Request, svc: Svc) -> HTMLResponse:
    # A plain urlencoded form, parsed here: no multipart dependency for one text field.
    form = parse_qs((await request.body()).decode("utf-8", "replace"), keep_blank_values=True)
    text = form.get("text", [""])[0]
    published = form.get("published", [""])[0].strip()
    # The text goes back into the form whole (escaped here), not cut as a shown string would be.
    context: dict[str, Any] = {"text": escape(text), "published": published, "error": None, "result": None}
    try:
        body = AnalyzeRequest.model_validate({"text": text, "published": published or None})
    except ValidationError as exc:
        context["error"] = "; ".join(_form_error(e) for e in exc.errors())
        return render(request, "analyze.html", status_code=422, **context)
    from starlette.concurrency import run_in_threadpool

    try:
        article = await run_in_threadpool(analyze_text, svc, body)
    except NewsgraphError as exc:
        context["error"] = str(exc)
        return render(request, "analyze.html", status_code=422, **context)
    context["result"] = article_context(article)
    return render(request, "analyze.html", **context)
