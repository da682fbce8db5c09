"""Search, claims and sources give the same answers on SQLite and PostgreSQL."""

from __future__ import annotations

import datetime as dt

from storearticles import plain_article, sample_article

from newsgraph.store import HIGHLIGHT, Store, queries

OTHER = "The central bank raised interest rates on Tuesday, its governor said. Markets fell sharply in Frankfurt."


def _fill(store: Store) -> None:
    store.add_article(sample_article())
    store.add_article(plain_article(OTHER, "1111111111111111", "Rates rise"))


def test_search_ranks_matches_with_snippets(store: Store) -> None:
    _fill(store)
    hits = store.search("Moscow")
    assert [h.article_id for h in hits] == ["0123456789abcdef"]
    start, stop = HIGHLIGHT
    assert f"{start}Moscow{stop}" in hits[0].snippet
    assert hits[0].title == "Assad in Moscow"
    assert hits[0].score > 0


def test_search_stems_and_needs_every_word(store: Store) -> None:
    _fill(store)
    assert [h.article_id for h in store.search("raising rates")] == ["1111111111111111"]
    assert store.search("rates Moscow") == []


def test_search_title_ranks_above_body(store: Store) -> None:
    _fill(store)
    store.add_article(plain_article("Rates and more rates were discussed in Paris.", "2222222222222222", "Paris talks"))
    assert next(h.article_id for h in store.search("rates")) == "1111111111111111"


def test_search_ignores_query_syntax(store: Store) -> None:
    _fill(store)
    for query in ['"', "AND", "NEAR(", "*", "moscow -", "'; DROP TABLE articles; --", "", "   "]:
        store.search(query)
    assert store.count() == 2
    # Operators are plain words or punctuation: the quoted word still matches.
    assert [h.article_id for h in store.search('"Moscow" -(')] == ["0123456789abcdef"]


def test_claims_filters(store: Store) -> None:
    _fill(store)
    assert [c.attribution_id for c in store.claims()] == ["a1", "a2"]
    assert [c.attribution_id for c in store.claims(source_kind="anonymous")] == ["a2"]
    assert store.claims(status="denied") == []
    anonymous = store.claims(source_kind="anonymous")[0]
    assert anonymous.via == "Interfax"
    assert anonymous.content == "Assad and his family arrived in the Russian capital"


def test_claims_about_an_entity_by_name_or_alias(store: Store) -> None:
    _fill(store)
    # "Assad" is an alias; both claims mention him inside their content.
    assert [c.attribution_id for c in store.claims(entity="assad")] == ["a1", "a2"]
    assert [c.attribution_id for c in store.claims(entity="Moscow")] == ["a1"]
    assert [c.attribution_id for c in store.claims(entity="Interfax")] == []
    assert store.claims(entity="Nobody") == []


def test_sources_count_citations_and_anonymity(store: Store) -> None:
    _fill(store)
    counts = {s.source: (s.citations, s.anonymous, s.articles) for s in store.sources()}
    assert counts == {"Kremlin": (1, 1, 1), "Russian news agencies": (1, 0, 1)}


# The shared query layer (newsgraph.store.queries) that the API and the web pages call.


def test_claim_page_filters_pages_and_counts(store: Store) -> None:
    _fill(store)
    with store.engine.connect() as conn:
        page = queries.claim_page(conn, queries.ClaimFilter(), limit=1, offset=0)
        assert (page.total, page.next_offset, [c.attribution_id for c in page.items]) == (2, 1, ["a1"])
        second = queries.claim_page(conn, queries.ClaimFilter(), limit=1, offset=1)
        assert ([c.attribution_id for c in second.items], second.next_offset) == (["a2"], None)
        claim = second.items[0]
        assert (claim.source_affiliation, claim.via_entity, claim.outlet) == ("Kremlin", "Interfax", "Example News")
        assert claim.source_label == "a Kremlin source"
        via = queries.claim_page(conn, queries.ClaimFilter(via="interfax"), limit=10, offset=0)
        assert [c.attribution_id for c in via.items] == ["a2"]
        assert queries.claim_page(conn, queries.ClaimFilter(until=dt.date(2024, 12, 7)), limit=10, offset=0).total == 0
        assert queries.get_claim(conn, "0123456789abcdef", "a2") == claim
        assert queries.get_claim(conn, "0123456789abcdef", "a9") is None


def test_claims_by_or_about_an_entity_count_affiliations_only_in_the_api(store: Store) -> None:
    _fill(store)
    # "a Kremlin source" is the Kremlin for the API's filters, not for `newsgraph claims --entity`.
    with store.engine.connect() as conn:
        api = queries.claim_page(conn, queries.ClaimFilter(entity="kremlin"), limit=10, offset=0)
        said = queries.claim_page(conn, queries.ClaimFilter(source="Kremlin"), limit=10, offset=0)
        about = queries.claim_page(conn, queries.ClaimFilter(entity="Assad"), limit=10, offset=0)
    assert [c.attribution_id for c in api.items] == [c.attribution_id for c in said.items] == ["a2"]
    assert store.claims(entity="Kremlin") == []
    assert [c.attribution_id for c in about.items] == ["a1", "a2"]
    # The command line's records are the API's rows, fewer fields.
    assert [c.attribution_id for c in store.claims(entity="Assad")] == ["a1", "a2"]
    assert store.claims(entity="Assad")[1] == about.items[1].brief()


def test_entities_across_articles(store: Store) -> None:
    _fill(store)
    with store.engine.connect() as conn:
        found = queries.entity_summary(conn, "assad")
        assert found is not None
        summary, aliases = found
        assert (summary.name, summary.type, summary.articles) == ("Bashar al-Assad", "PERSON", 1)
        assert aliases == ("Assad",)
        assert queries.entity_summary(conn, "Nobody") is None
        mentions = queries.entity_mentions(conn, "Moscow", limit=10, offset=0, context=10)
        assert [(m.text, m.after[:1]) for m in mentions.items] == [("Moscow", ",")]
        listed = queries.search_entities(conn, "OSC", limit=10, offset=0)
        assert [e.name for e in listed.items] == ["Moscow"]


def test_articles_with_filters_and_facets(store: Store) -> None:
    _fill(store)
    with store.engine.connect() as conn:
        every = queries.list_articles(conn, queries.ArticleFilter(), limit=10, offset=0)
        assert [a.id for a in every.items] == ["1111111111111111", "0123456789abcdef"]
        found = queries.search_articles(conn, "Moscow", queries.ArticleFilter(), limit=10, offset=0)
        assert [a.id for a in found.page.items] == ["0123456789abcdef"]
        assert found.facets.outlet == (queries.FacetCount("Example News", 1),)
        assert found.facets.source_kind == (queries.FacetCount("anonymous", 1), queries.FacetCount("organization", 1))
        # The facets of a filter count the matches without that filter.
        denied = queries.search_articles(conn, "", queries.ArticleFilter(status="denied"), limit=10, offset=0)
        assert denied.page.total == 0 and denied.facets.status == (queries.FacetCount("unverified", 1),)
        assert queries.outlets(conn) == [queries.FacetCount("Example News", 1)]


def test_source_count_cache_follows_every_write(store: Store) -> None:
    cache = queries.SourceCountCache()

    def both() -> tuple[list[queries.SourceCount], list[queries.SourceCount]]:
        with store.engine.connect() as conn:
            return cache.sources(conn, limit=50), queries.sources(conn, limit=50)

    cached, fresh = both()
    assert cached == fresh == []
    store.add_article(plain_article(OTHER, "1111111111111111", "Rates rise"))
    store.add_article(sample_article())
    cached, fresh = both()
    assert cached == fresh and {s.source for s in cached} == {"Kremlin", "Russian news agencies"}
    with store.engine.connect() as conn:
        assert cache.sources(conn, limit=1) == queries.sources(conn, limit=1)
    # The newest article deleted and another stored in its place (SQLite may reuse its seq).
    assert store.delete_article("0123456789abcdef")
    store.add_article(plain_article("Wheat prices rose in Chicago on Monday.", "2222222222222222", "Wheat"))
    cached, fresh = both()
    assert cached == fresh == []
    store.add_article(sample_article())
    cached, fresh = both()
    assert cached == fresh and len(cached) == 2
    assert store.delete_article("0123456789abcdef")
    cached, fresh = both()
    assert cached == fresh == []


def test_search_pages_carry_the_snippets_of_search(store: Store) -> None:
    _fill(store)
    store.add_article(plain_article("Rates and more rates were discussed in Paris.", "2222222222222222", "Paris talks"))
    hits = store.search("rates")
    with store.engine.connect() as conn:
        pages = [queries.search_articles(conn, "rates", queries.ArticleFilter(), limit=1, offset=i) for i in (0, 1)]
        assert queries.snippets_for(conn, "rates", ["0123456789abcdef"]) == {}  # no match: no snippet
    assert [p.page.items[0].id for p in pages] == [h.article_id for h in hits]
    assert [p.page.items[0].snippet for p in pages] == [h.snippet for h in hits]
    assert all("«" in h.snippet for h in hits)
