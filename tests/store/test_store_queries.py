"""Search, claims and sources give the same answers on SQLite and PostgreSQL."""

from __future__ import annotations

from storearticles import plain_article, sample_article

from newsgraph.store import HIGHLIGHT, Store

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
