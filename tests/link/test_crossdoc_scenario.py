"""The done-when scenario of cross-article linking: one origin through many agencies, a denial flagged.

Outlets A, B and C report that Assad arrived in Moscow, each citing a Kremlin source through
a different agency (Interfax, TASS, RIA Novosti); D reprints A's wire copy; E carries the
Kremlin's denial; F an unverified report that Assad died. All on 2024-12-08.
"""

from __future__ import annotations

import datetime as dt
import json

import pytest
from click.testing import CliRunner
from spacy.language import Language

from newsgraph.cli import cli
from newsgraph.errors import InputError
from newsgraph.link.contradictions import contradictions, status_history
from newsgraph.link.linker import CrossDocLinker, LinkResult
from newsgraph.link.origins import corroboration, origin_graph
from newsgraph.nlp.analyze import analyze
from newsgraph.records import Article
from newsgraph.store import NearDuplicateLink, Store, crossdoc

A = (
    "Syrian President Bashar al-Assad and his family arrived in Moscow on Sunday, a Kremlin source told "
    "the Interfax news agency. Russia granted them asylum on humanitarian grounds, the source said."
)
B = "Bashar al-Assad has arrived in Moscow with his family, a source in the Kremlin told TASS on Sunday."
C = "Assad and his family arrived in Moscow, an unnamed Kremlin source told the RIA Novosti news agency."
D = A + " (Reuters)"
E = "The Kremlin denied that Assad had arrived in Moscow."
F = (
    "Unverified reports said on Sunday that Syrian President Bashar al-Assad died in a plane crash "
    "after he fled Damascus, before Russian news agencies reported his arrival in Moscow."
)
SUNDAY = dt.date(2024, 12, 8)
MONDAY = dt.date(2024, 12, 9)


@pytest.fixture(scope="module")
def articles(nlp: Language) -> list[Article]:
    texts = [(A, "Outlet A", SUNDAY), (B, "Outlet B", SUNDAY), (C, "Outlet C", SUNDAY), (D, "Outlet D", SUNDAY)]
    texts += [(F, "Outlet F", SUNDAY), (E, "Outlet E", MONDAY)]
    return [analyze(text, nlp=nlp, published=day, outlet=outlet, title=None) for text, outlet, day in texts]


@pytest.fixture(scope="module")
def linked(articles: list[Article]) -> tuple[CrossDocLinker, list[LinkResult]]:
    linker = CrossDocLinker()
    return linker, [linker.link(a) for a in articles]


def _arrival_claim(results: list[LinkResult]) -> str:
    return next(c.claim_id for c in results[0].claims if "arrived" in c.version.wording)


def test_all_reports_form_one_story(linked: tuple[CrossDocLinker, list[LinkResult]]) -> None:
    _, results = linked
    assert len({r.story.story_id for r in results}) == 1


def test_name_variants_are_one_identity(linked: tuple[CrossDocLinker, list[LinkResult]]) -> None:
    _, results = linked
    assad = {x.identity_id for r in results for x in r.identities if "Assad" in x.name}
    assert len(assad) == 1


def test_the_arrival_is_one_claim_from_one_independent_origin(
    articles: list[Article], linked: tuple[CrossDocLinker, list[LinkResult]]
) -> None:
    linker, results = linked
    claim = linker.claims.claim(_arrival_claim(results))
    assert claim is not None
    by_article = {v.article_id for v in claim.versions}
    assert {articles[i].id for i in (0, 1, 2, 3, 5)} <= by_article  # A, B, C, the reprint D and the denial E
    originals = {articles[3].id: articles[0].id}
    co = corroboration(claim.versions, originals)
    assert co.independent_origins == 1
    assert co.articles == 4
    assert co.outlets == 4
    assert co.origins == ("unnamed Kremlin source",)
    chains = {c.via: c for c in co.chains}
    assert set(chains) == {"the Interfax news agency", "TASS", "the RIA Novosti news agency"}
    # The reprint is shown as a copy on its original's chain, not as another report.
    assert chains["the Interfax news agency"].copies == (articles[3].id,)
    graph = origin_graph(co)
    assert graph["unnamed Kremlin source"] == set(chains)
    assert graph["TASS"] == {"Outlet B"}


def test_the_denial_is_flagged_with_both_sides(
    articles: list[Article], linked: tuple[CrossDocLinker, list[LinkResult]]
) -> None:
    linker, results = linked
    claim_id = _arrival_claim(results)
    found = [c for c in contradictions(linker.claims.claims(results[0].story.story_id)) if c.kind == "polarity"]
    assert [c.claim_a for c in found] == [claim_id]
    assert {v.article_id for v in found[0].side_b} == {articles[5].id}
    assert articles[0].id in {v.article_id for v in found[0].side_a}
    claim = linker.claims.claim(claim_id)
    assert claim is not None
    history = status_history(claim.versions)
    assert [(h.before, h.after, h.date) for h in history] == [("asserted", "denied", MONDAY)]


def test_death_and_arrival_of_the_same_person_are_incompatible(
    articles: list[Article], linked: tuple[CrossDocLinker, list[LinkResult]]
) -> None:
    linker, results = linked
    found = [c for c in contradictions(linker.claims.claims(results[0].story.story_id)) if c.kind == "incompatible"]
    arrival = _arrival_claim(results)
    clash = [c for c in found if arrival in (c.claim_a, c.claim_b) and c.reason.startswith("die vs arrive")]
    assert len(clash) == 1
    assert articles[4].id in {v.article_id for v in clash[0].side_a + clash[0].side_b}
    # Every clash sets the death report against other articles' versions, never against itself.
    for c in found:
        assert {v.article_id for v in c.side_a} != {v.article_id for v in c.side_b}


def test_the_store_links_as_it_stores_and_the_cli_shows_it(
    store: Store, articles: list[Article], nlp: Language
) -> None:
    for i, article in enumerate(articles):
        link = NearDuplicateLink(article.id, articles[0].id, 0.95) if i == 3 else None
        assert store.add_article(article, near_duplicate=link)
    with store.engine.connect() as conn:
        listed = crossdoc.list_stories(conn)
        assert [s.size for s in listed] == [6]
        story_id = listed[0].id
        view = crossdoc.get_story(conn, story_id)
        assert view is not None
        top = view.claims[0]
        claim_view = crossdoc.get_claim(conn, top.id)
        assert claim_view is not None
        assert claim_view.corroboration.independent_origins == 1
        assert claim_view.corroboration.articles == 4
        assert {c.kind for c in claim_view.contradictions} == {"polarity", "incompatible"}
        timeline = crossdoc.story_timeline(conn, story_id)
        assert timeline and all(e.date is None or e.date >= "2024" for e in timeline)
    # A reopened store rebuilds its indexes from the tables and keeps linking into the same story.
    url = store.url.render_as_string(hide_password=False)
    store.close()
    with Store.open(url) as reopened:
        extra = analyze(
            "Bashar al-Assad and his family have arrived in Moscow, a Kremlin source told Sputnik.",
            nlp=nlp,
            published=SUNDAY,
            outlet="Outlet G",
        )
        assert reopened.add_article(extra)
        with reopened.engine.connect() as conn:
            assert [s.size for s in crossdoc.list_stories(conn)] == [7]
            again = crossdoc.get_claim(conn, top.id)
            assert again is not None
            assert (again.corroboration.articles, again.corroboration.independent_origins) == (5, 1)
    runner = CliRunner()
    shown = runner.invoke(cli, ["claim", top.id, "--db", url, "--json"])
    assert shown.exit_code == 0, shown.output
    data = json.loads(shown.output)
    assert data["corroboration"]["independent_origins"] == 1
    assert {c["kind"] for c in data["contradictions"]} == {"polarity", "incompatible"}
    table = runner.invoke(cli, ["claim", top.id, "--db", url])
    assert "1 independent origin" in table.output and "via TASS" in table.output
    assert runner.invoke(cli, ["stories", "--db", url]).exit_code == 0
    assert runner.invoke(cli, ["story", story_id, "--db", url, "--json"]).exit_code == 0
    timeline_out = runner.invoke(cli, ["timeline", "Assad", "--db", url, "--json"])
    assert timeline_out.exit_code == 0, timeline_out.output
    assad = json.loads(timeline_out.output)
    assert {e["lemma"] for e in assad["events"]} >= {"arrive"}
    # One identity behind "Bashar al-Assad" and "Assad", with every article and mention.
    assert {a["name"] for a in assad["articles"]} == {"Bashar al-Assad", "Assad"}
    assert len({a["article_id"] for a in assad["articles"]}) == 7
    assert all(a["mentions"] for a in assad["articles"])
    missing = runner.invoke(cli, ["story", "s-999", "--db", url])
    assert isinstance(missing.exception, InputError) and "no such story" in str(missing.exception)


def test_sources_count_one_organisation_under_its_acronym_and_full_name(store: Store, nlp: Language) -> None:
    texts = [
        "The United Nations said on Sunday that 4,000 people had died in the floods.",
        "The UN said on Monday that the toll had risen to 5,000.",
    ]
    for day, text in enumerate(texts, start=8):
        store.add_article(analyze(text, nlp=nlp, published=dt.date(2024, 12, day), outlet=f"Outlet {day}"))
    counts = {s.source: s.citations for s in store.sources()}
    assert counts.get("United Nations") == 2 and "UN" not in counts
