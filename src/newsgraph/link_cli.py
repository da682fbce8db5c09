"""Command-line commands over cross-article links: ``stories``, ``story``, ``claim``, ``timeline``, ``relink``.

Thin click commands over ``newsgraph.store.crossdoc``; they read what linking wrote as
articles were stored (``newsgraph ingest``). ``relink`` rebuilds those links from the stored
articles (``relink_store``).
"""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence
from typing import Any

import click
from rich.console import Console
from rich.markup import escape
from rich.table import Table
from rich.tree import Tree

from newsgraph.errors import InputError
from newsgraph.extract.timex.human import describe
from newsgraph.link.claims import ClaimVersion
from newsgraph.link.contradictions import Contradiction
from newsgraph.link.origins import Corroboration
from newsgraph.link.timelines import TimelineEntry
from newsgraph.store import Store, crossdoc
from newsgraph.store_cli import _print_json, _stdout, db_option, json_option


def _plain(value: Any) -> Any:
    if isinstance(value, Corroboration):
        return {"answer": value.answer, **{f.name: _plain(getattr(value, f.name)) for f in dataclasses.fields(value)}}
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {f.name: _plain(getattr(value, f.name)) for f in dataclasses.fields(value)}
    if isinstance(value, tuple | list):
        return [_plain(v) for v in value]
    if isinstance(value, frozenset | set):
        return sorted(value)
    return value


def _version_json(v: ClaimVersion) -> dict[str, Any]:
    data: dict[str, Any] = _plain(v)
    for internal in ("lemmas", "identities", "terms"):
        # Matching keys, not something a reader of a claim needs.
        data.pop(internal)
    return data


def _contradiction_json(c: Contradiction) -> dict[str, Any]:
    return {
        "kind": c.kind,
        "reason": c.reason,
        "claim_a": c.claim_a,
        "claim_b": c.claim_b,
        "side_a": [_version_json(v) for v in c.side_a],
        "side_b": [_version_json(v) for v in c.side_b],
    }


@click.command(short_help="List stories: articles grouped as they were stored.")
@db_option
@click.option("--limit", default=50, show_default=True)
@json_option
def stories(db: str | None, limit: int, as_json: bool) -> None:
    """List stories, biggest first: how many articles, over which dates, with how many claims."""
    with Store.open(db) as store, store.engine.connect() as conn:
        found = crossdoc.list_stories(conn, limit=limit)
    if as_json:
        _print_json(_plain(found))
        return
    table = Table("story", "articles", "from", "to", "claims", "label", title=f"{len(found)} stories")
    for s in found:
        table.add_row(
            s.id, str(s.size), str(s.first_published or ""), str(s.last_published or ""), str(s.claims), escape(s.label)
        )
    _stdout().print(table)


@click.command(short_help="Show one story: articles, claims, contradictions, timeline.")
@click.argument("story_id", metavar="ID")
@db_option
@json_option
def story(story_id: str, db: str | None, as_json: bool) -> None:
    """Show a story: its articles, its claims with how many independent origins back each,
    the contradictions among them, and its events in time order."""
    with Store.open(db) as store, store.engine.connect() as conn:
        view = crossdoc.get_story(conn, story_id)
        if view is None:
            raise InputError(f"{story_id}: no such story in {store.describe()}")
        events = crossdoc.story_timeline(conn, story_id)
    if as_json:
        data = _plain(view)
        data["contradictions"] = [_contradiction_json(c) for c in view.contradictions]
        data["timeline"] = _plain(events)
        _print_json(data)
        return
    out = _stdout()
    s = view.summary
    dates = f"{s.first_published or '?'} to {s.last_published or '?'}"
    out.print(f"[bold]{escape(s.id)}[/bold] {escape(s.label)}: {s.size} articles, {dates}")
    articles = Table("article", "published", "outlet", "match", "title", title="Articles")
    for a in view.articles:
        articles.add_row(a.id, str(a.published or ""), escape(a.outlet or ""), f"{a.score:.2f}", escape(a.title or ""))
    out.print(articles)
    claims = Table("claim", "versions", "articles", "outlets", "origins", "claim", title="Claims")
    for c in view.claims:
        co = c.corroboration
        claims.add_row(
            c.id, str(c.versions), str(co.articles), str(co.outlets), str(co.independent_origins), escape(c.label)
        )
    out.print(claims)
    _print_contradictions(out, view.contradictions)
    _print_timeline(out, events, "Timeline")


@click.command(short_help="Show one claim: versions, origins, contradictions, status history.")
@click.argument("claim_id", metavar="ID")
@db_option
@json_option
def claim(claim_id: str, db: str | None, as_json: bool) -> None:
    """Show a claim: every version (article, outlet, source, via, status, wording), the origin
    graph with how many independent origins stand behind it (near-duplicates and versions
    going back to the same source count once), contradictions and how its status changed."""
    with Store.open(db) as store, store.engine.connect() as conn:
        view = crossdoc.get_claim(conn, claim_id)
    if view is None:
        raise InputError(f"{claim_id}: no such claim")
    if as_json:
        _print_json(
            {
                "id": view.claim.id,
                "story_id": view.claim.story_id,
                "versions": [_version_json(v) for v in view.claim.versions],
                "corroboration": _plain(view.corroboration) | {"origins": list(view.corroboration.origins)},
                "contradictions": [_contradiction_json(c) for c in view.contradictions],
                "history": _plain(view.history),
            }
        )
        return
    out = _stdout()
    out.print(f"[bold]{escape(view.claim.id)}[/bold] {escape(view.claim.label)}")
    _print_versions(out, view.claim.versions)
    _print_origins(out, view.corroboration)
    _print_contradictions(out, view.contradictions)
    if view.history:
        history = Table("date", "article", "from", "to", title="Status history")
        for h in view.history:
            history.add_row(str(h.date or "?"), h.article_id, h.before, h.after)
        out.print(history)


@click.command(short_help="Events of an entity in time order, with the claims behind them.")
@click.argument("entity", metavar="ENTITY")
@db_option
@click.option("--limit", default=500, show_default=True, help="At most this many articles are read.")
@json_option
def timeline(entity: str, db: str | None, limit: int, as_json: bool) -> None:
    """Events whose actor, target or place is ENTITY (any name variant: "Assad", "Bashar al-Assad"),
    in time order, with their anchored dates, certainty and the claims behind them."""
    with Store.open(db) as store, store.engine.connect() as conn:
        found = crossdoc.find_identities(conn, entity)
        if not found:
            raise InputError(f"{entity}: no such entity in {store.describe()}")
        identity_id, name, kind = found[0]
        entries = crossdoc.entity_timeline(conn, identity_id, limit=limit)
        identity = crossdoc.get_identity(conn, identity_id, limit=limit)
    assert identity is not None
    if as_json:
        data = {"identity": identity_id, "name": name, "type": kind, "events": _plain(entries)}
        data["forms"] = list(identity.forms)
        data["articles"] = _plain(identity.articles)
        _print_json(data)
        return
    out = _stdout()
    names = sorted({a.name for a in identity.articles})
    mentions = sum(len(a.mentions) for a in identity.articles)
    out.print(
        f"[bold]{escape(name)}[/bold] ({kind}, {identity_id}): {len(identity.articles)} articles, "
        f"{mentions} mentions, as {escape(', '.join(names))}"
    )
    _print_timeline(out, entries, f"Timeline of {name}")


@dataclasses.dataclass(frozen=True, slots=True)
class RelinkSummary:
    """What ``relink_store`` rebuilt."""

    articles: int
    identities: int
    stories: int
    claims: int


def relink_store(store: Store, *, batch: int = 200) -> RelinkSummary:
    """Rebuild every cross-article link (identities, stories, claims) of ``store`` from its stored articles.

    For stores made before linking existed, stored with ``link=False``, or linked with other
    parameters. The old links are deleted and the articles linked again in storage order, with
    the current parameters, in one transaction: on failure the old links stay. Running it twice
    gives the same links (ids included), and the same as linking each article as it was stored.
    """
    linker = store.relink(batch=batch)
    lk = linker.linker
    return RelinkSummary(
        articles=lk.stories.articles,
        identities=len(lk.identities.identities),
        stories=len(lk.stories.stories),
        claims=len(lk.claims),
    )


@click.command(short_help="Rebuild the cross-article links of a store from its articles.")
@db_option
@json_option
def relink(db: str | None, as_json: bool) -> None:
    """Rebuild identities, stories and claims from the stored articles, with the current linking
    parameters: for stores made before linking existed or after a parameter change. Idempotent;
    one transaction (the old links stay if it fails)."""
    with Store.open(db) as store:
        summary = relink_store(store)
        where = store.describe()
    if as_json:
        _print_json(_plain(summary))
        return
    click.echo(
        f"{where}: {summary.articles} articles relinked into {summary.stories} stories, "
        f"{summary.claims} claims, {summary.identities} identities"
    )


def _print_versions(out: Console, versions: Sequence[ClaimVersion]) -> None:
    table = Table("published", "outlet", "source", "via", "status", "wording", title=f"{len(versions)} versions")
    for v in versions:
        source = v.source or (f"anonymous ({v.affiliation})" if v.affiliation else v.source_kind)
        status = v.status + (" (neg)" if v.polarity == "neg" else "")
        table.add_row(
            str(v.published or ""),
            escape(v.outlet or v.article_id),
            escape(source),
            escape(v.via or ""),
            status,
            escape(v.wording),
        )
    out.print(table)


def _print_origins(out: Console, co: Corroboration) -> None:
    out.print(f"[bold]{escape(co.answer)}[/bold]")
    for origin in co.origin_list:
        mark = "counted" if origin.independent else "not counted"
        out.print(f"  {escape(origin.label)} ({origin.kind}, {mark}): {escape(origin.why)}")
    tree = Tree(
        f"[bold]{co.independent_origins} independent origin(s)[/bold] ({co.lenient_origins} originators), "
        f"{co.articles} articles, {co.outlets} outlets"
    )
    origins: dict[str, Tree] = {}
    for chain in co.chains:
        node = origins.get(chain.origin) or tree.add(escape(chain.origin_label))
        origins[chain.origin] = node
        parent = node.add(f"via {escape(chain.via)}") if chain.via else node
        leaf = parent.add(f"{escape(chain.outlet)}: {', '.join(chain.articles)}")
        for copy in chain.copies:
            leaf.add(f"reprinted in {copy}")
    out.print(tree)


def _print_contradictions(out: Console, found: Sequence[Contradiction]) -> None:
    if not found:
        return
    table = Table("kind", "claims", "reason", "one side", "other side", title="Contradictions")
    for c in found:
        table.add_row(
            c.kind,
            c.claim_a if c.claim_a == c.claim_b else f"{c.claim_a} / {c.claim_b}",
            escape(c.reason),
            escape("; ".join(f"{v.outlet or v.article_id}: {v.wording}" for v in c.side_a[:3])),
            escape("; ".join(f"{v.outlet or v.article_id}: {v.wording}" for v in c.side_b[:3])),
        )
    out.print(table)


def _print_timeline(out: Console, entries: Sequence[TimelineEntry], title: str) -> None:
    table = Table("date", "anchored", "certainty", "event", "claim", "article", title=title)
    for e in entries:
        event = ("not " if e.polarity == "neg" else "") + e.lemma
        table.add_row(
            describe(e.date) if e.date else "?",
            e.anchor or "",
            e.certainty,
            f"{escape(event)}: {escape(e.wording)}",
            e.claim_id or "",
            e.article_id,
        )
    out.print(table)
