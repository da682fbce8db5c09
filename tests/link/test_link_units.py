"""Claims, contradictions, origins, timelines and stories on hand-made records."""

from __future__ import annotations

import dataclasses
import datetime as dt

from newsgraph.link.claims import Claim, ClaimIndex, ClaimVersion, version_similarity
from newsgraph.link.contradictions import contradictions, disputing, status_history, within_claim
from newsgraph.link.origins import corroboration
from newsgraph.link.stories import StoryFeatures, StoryIndex
from newsgraph.link.timelines import TimelineEntry, date_start, timeline
from newsgraph.records import Span


def version(article: str, **overrides: object) -> ClaimVersion:
    base = ClaimVersion(
        article_id=article,
        record_id="A1",
        kind="attribution",
        wording="12 people were killed in the blast",
        span=Span(0, 34, "12 people were killed in the blast"),
        status="asserted",
        polarity="pos",
        source_kind="organization",
        outlet=f"outlet {article}",
        published=dt.date(2024, 12, 8),
        source="the ministry",
        source_key="i-1",
        lemmas=frozenset({"kill"}),
        terms=frozenset({"people", "kill", "blast"}),
        numbers=("12",),
        actor=None,
    )
    return dataclasses.replace(base, **overrides)  # type: ignore[arg-type]


def test_a_count_far_below_the_reported_one_is_a_value_contradiction() -> None:
    toll = "the death toll has reached 11,300"
    claim = Claim(
        "c-0",
        "s-0",
        (
            version("a", wording=toll),
            version("b", wording="the toll rose to 11,300 dead"),
            version("c", wording="at least 3,958 people have died, instead of 11,300"),
        ),
    )
    found = within_claim(claim)
    assert [c.kind for c in found] == ["value"]
    assert found[0].reason == "dead: 11,300 vs 3,958"
    assert [v.article_id for v in found[0].side_b] == ["c"]


def test_status_history_records_each_change_with_its_date() -> None:
    versions = [
        version("c", status="confirmed", published=dt.date(2024, 12, 10)),
        version("a", status="unverified", published=dt.date(2024, 12, 8)),
        version("b", status="unverified", published=dt.date(2024, 12, 9)),
    ]
    history = status_history(versions)
    assert [(h.before, h.after, h.date, h.article_id) for h in history] == [
        ("unverified", "confirmed", dt.date(2024, 12, 10), "c")
    ]


def test_one_named_source_through_two_outlets_is_one_origin_and_a_relay_without_source_adds_none() -> None:
    named = [version("a"), version("b")]
    assert corroboration(named, {}).independent_origins == 1
    own = [version("a", source_kind="unspecified", source=None, source_key=None), version("b")]
    co = corroboration(own, {})
    assert (co.articles, co.outlets, co.independent_origins) == (2, 2, 1)
    assert co.relays == ("a",)
    # A denial does not corroborate.
    assert corroboration([version("a"), version("b", status="denied")], {}).articles == 1


def test_an_agency_named_as_the_speaker_is_an_intermediary_not_an_origin() -> None:
    versions = [
        version("a", source="Interfax", source_key="i-5"),
        version("b", source="the Associated Press", source_key="i-6"),
        version("c", source="Kremlin spokesman Dmitry Peskov", source_key="i-7", source_kind="person"),
    ]
    co = corroboration(versions, {})
    assert co.independent_origins == co.lenient_origins == 1
    assert [o.label for o in co.origin_list] == ["Kremlin spokesman Dmitry Peskov"]
    assert set(co.relays) == {"a", "b"}
    # An outlet of the store is a relay too, whatever its name.
    store_outlet = [version("a", source="Meduza Daily", source_key="i-8"), version("b")]
    assert corroboration(store_outlet, {}, outlets={"Meduza Daily (meduza.io)"}).relays == ("a",)


def test_a_copy_without_a_source_inherits_the_origin_of_the_report_it_reuses() -> None:
    versions = [version("a"), version("b", source_kind="unspecified", source=None, source_key=None)]
    co = corroboration(versions, {"b": "a"})
    assert co.relays == ()
    assert co.origin_list[0].articles == ("a", "b")


def test_a_report_relaying_an_outlet_inherits_the_originator_that_outlets_report_names() -> None:
    versions = [
        version("a", outlet="Axios", source_kind="anonymous", source="a source", source_key=None),
        version("b", source_kind="unspecified", source=None, source_key=None, via="the Axios report"),
        version("c", source_kind="unspecified", source=None, source_key=None),
    ]
    co = corroboration(versions, {})
    assert co.relays == ("c",)
    assert co.origin_list[0].articles == ("a", "b")


def test_unnamed_sources_count_once_strictly_and_apart_leniently() -> None:
    versions = [
        version("a", source_kind="anonymous", source="a Kremlin source", source_key=None, affiliation_key="i-2"),
        version("b", source_kind="anonymous", source="a source in the Kremlin", source_key=None, affiliation_key="i-2"),
        version("c", source_kind="anonymous", source="two officials", source_key=None, via="AP", via_key="ap"),
        version("d", source_kind="anonymous", source="officials", source_key=None, via="AP", via_key="ap"),
    ]
    co = corroboration(versions, {})
    assert (co.independent_origins, co.lenient_origins) == (1, 2)
    assert sum(o.independent for o in co.origin_list) == 1


def test_a_spokesperson_cited_with_the_body_in_one_report_is_not_an_independent_origin() -> None:
    versions = [
        version("a", source="the Red Crescent", source_key="i-1"),
        version("a", record_id="A2", source="Marie Doe", source_key="i-9", source_kind="person", via="the AP"),
        version("b", source="Marie Doe", source_key="i-9", source_kind="person", via="The Associated Press"),
        version("c", source="the Red Crescent", source_key="i-1"),
    ]
    co = corroboration(versions, {})
    assert (co.independent_origins, co.lenient_origins) == (1, 2)
    dependent = next(o for o in co.origin_list if not o.independent)
    assert "cited together" in dependent.why
    # The answer speaks for the group: its reports and, once each, the agencies its voices went through.
    assert co.answer.startswith("1 independent origin: the Red Crescent, relayed by the AP to 3 report(s)")


def test_one_name_in_other_words_is_one_origin() -> None:
    versions = [
        version("a", source="Prof Solovei", source_key="i-3", source_kind="person"),
        version("b", source="Valery Solovei", source_key="i-4", source_kind="person"),
    ]
    co = corroboration(versions, {})
    # One originator however named: the lenient count does not split him in two either.
    assert (co.independent_origins, co.lenient_origins) == (1, 1)


def test_an_office_and_its_organisation_under_their_acronyms_are_one_origin_strictly() -> None:
    versions = [
        version("a", source="the United Nations Office for the Coordination of Humanitarian Affairs", source_key="i-1"),
        version("b", source="OCHA", source_key="i-2"),
        version("c", source="the UN", source_key="i-3"),
        version("d", source="the Red Crescent", source_key="i-4"),
        version("e", source="the Red Crescent", source_key="i-4"),
    ]
    co = corroboration(versions, {})
    # The office under its long name, its acronym and "the UN" are one originator (as a reader counts the UN and
    # the Red Crescent behind Derna's toll), strictly and leniently.
    assert (co.independent_origins, co.lenient_origins) == (2, 2)


def test_a_report_replacing_the_figure_elsewhere_in_the_story_supports_none_of_it() -> None:
    toll = [version(a, wording="the death toll has soared to 11,300", source_key=f"i-{a}") for a in ("a", "b")]
    restated = version("c", wording="the UN amended the previous death toll", source="the UN", source_key="i-9")
    retraction = version("c", record_id="A2", wording="at least 3,958 people have died instead of 11,300")
    assert corroboration([*toll, restated], {}).independent_origins == 3
    # Its retraction sits in another claim of the story; the report still cannot back the figure it replaces.
    found = corroboration([*toll, restated], {}, story_versions=[*toll, restated, retraction])
    assert found.independent_origins == 2 and "c" not in found.asserting


def test_a_speaker_the_text_does_not_name_is_no_origin() -> None:
    versions = [version("a", source="the organization", source_key=None), version("b", source="He", source_key=None)]
    co = corroboration(versions, {})
    assert co.independent_origins == 0 and set(co.relays) == {"a", "b"}


def test_a_report_takes_the_side_of_its_lede() -> None:
    background = version("a", record_id="A2", span=Span(400, 420, "x"), status="denied")
    claim = Claim("c-0", "s-0", (version("a"), background, version("b")))
    assert not [c for c in within_claim(claim) if c.kind == "polarity"]
    denial = version("c", span=Span(0, 20, "x"), status="denied")
    restated = version("c", record_id="A2", span=Span(100, 120, "x"))
    found = within_claim(Claim("c-0", "s-0", (version("a"), denial, restated)))
    polarity = next(c for c in found if c.kind == "polarity")
    assert {v.article_id for v in polarity.side_a} == {"a"}
    assert {v.article_id for v in polarity.side_b} == {"c"}


def test_one_sentence_read_two_ways_in_two_copies_is_no_contradiction() -> None:
    sentence = "a spokesman for the aid group voiced astonishment at the numbers"
    rejected = version("a", wording=f"the figures. But {sentence} and rejected them", polarity="neg")
    copied = version("b", wording=sentence, kind="event")
    assert within_claim(Claim("c-0", "s-0", (rejected, copied))) == []
    # Another report asserting the claim in its own words still stands against the denial.
    other = version("c", span=Span(0, 20, "x"))
    found = within_claim(Claim("c-0", "s-0", (other, rejected, copied)))
    assert [{v.article_id for v in c.side_a} for c in found] == [{"c"}]


def test_contradictions_come_strongest_first() -> None:
    denial = Claim(
        "c-0",
        "s-0",
        (version("a"), version("b"), version("c"), version("d", status="denied"), version("e", status="denied")),
    )
    lone = Claim("c-1", "s-0", (version("f"), version("g", status="denied")))
    found = contradictions([lone, denial])
    assert [c.claim_a for c in found] == ["c-0", "c-1"]


def test_rounded_updated_projected_and_partial_figures_are_no_value_contradiction() -> None:
    def claim(*wordings: tuple[str, str]) -> Claim:
        return Claim("c-0", "s-0", tuple(version(a, wording=w) for a, w in wordings))

    toll = ("a", "the death toll has soared to 11,300")
    assert within_claim(claim(toll, ("b", "the number of dead has risen to 11,000"))) == []
    assert within_claim(claim(toll, ("b", "the death toll could reach 20,000"))) == []
    assert within_claim(claim(toll, ("b", "about 6,000 deaths have been confirmed"))) == []
    assert within_claim(claim(toll, ("b", "health authorities previously put the death toll at 5,500"))) == []
    assert within_claim(claim(toll, ("b", "another 10,100 people are missing"))) == []
    assert within_claim(claim(toll, ("b", "an appeal for $71.4 million for 250,000 people"))) == []
    # A report giving the lower count and the claim's figure as counts is on neither side.
    assert within_claim(claim(toll, ("a", "elsewhere 170 people have died"))) == []
    # A lower count in a report published before the claim's is where the toll rose from.
    earlier = version("b", wording="the death toll stands at 3,000", published=dt.date(2024, 12, 7))
    assert within_claim(Claim("c-0", "s-0", (version(*toll[:1], wording=toll[1]), earlier))) == []


def test_a_retraction_that_recalls_the_figure_it_replaces_is_still_a_cut() -> None:
    later = dt.date(2024, 12, 10)
    reported = [version(a, wording="the death toll has soared to 11,300") for a in ("a", "b")]
    retraction = [
        version(a, wording="at least 3,958 people have died instead of 11,300", published=later, record_id="A1")
        for a in ("c", "d")
    ]
    recalled = [
        version(a, wording="at least 11,300 people died, officials said", published=later, record_id="A2")
        for a in ("c", "d")
    ]
    found = within_claim(Claim("c-0", "s-0", (*reported, *retraction, *recalled)))
    value = next(c for c in found if c.kind == "value")
    assert {v.article_id for v in value.side_a} == {"a", "b"}
    assert {v.article_id for v in value.side_b} == {"c", "d"}


def test_between_two_figures_as_many_reports_give_the_first_published_is_the_claims() -> None:
    later = dt.date(2024, 12, 10)
    cut = [version(a, wording="the death toll stands at 3,958", published=later) for a in ("c", "d")]
    reported = [version(a, wording="the death toll has soared to 11,300") for a in ("a", "b")]
    value = next(c for c in within_claim(Claim("c-0", "s-0", (*cut, *reported))) if c.kind == "value")
    assert value.reason == "dead: 11,300 vs 3,958"


def test_one_figure_links_two_wordings_and_a_lone_shared_word_in_two_contents_does_not() -> None:
    index = ClaimIndex()

    def content(article: str, wording: str, lemmas: set[str]) -> ClaimVersion:
        terms = frozenset(w.strip(",.") for w in wording.lower().split() if len(w) > 3)
        return version(article, wording=wording, lemmas=frozenset(lemmas), terms=terms, numbers=())

    toll = index.add(
        content("a", "the death toll has soared to 11,300 as search efforts continue", {"soar", "search"}), "s"
    )
    same = index.add(content("b", "11,000 people have died, officials said", {"die"}), "s")
    other = index.add(content("c", "rescue teams were searching wrecked buildings", {"search"}), "s")
    assert same.claim_id == toll.claim_id
    assert other.claim_id != toll.claim_id


def test_a_denial_of_the_figure_joins_the_claim_of_the_figure_it_refers_back_to() -> None:
    index = ClaimIndex()

    def said(start: int, wording: str, status: str = "asserted") -> ClaimVersion:
        terms = frozenset(w for w in wording.lower().split() if len(w) > 3)
        return version("a", wording=wording, span=Span(start, start + 10, "x"), status=status, terms=terms)

    toll = index.add(said(0, "the death toll has risen to 11,300"), "s")
    aside = index.add(said(50, "a spokesman voiced astonishment at the numbers"), "s")
    denial = index.add(said(90, "them", status="denied"), "s")
    assert aside.claim_id != toll.claim_id
    assert denial.claim_id == toll.claim_id
    claim = index.claim(toll.claim_id)
    assert claim is not None
    # The report states the figure and reports it disputed: it is on the disputing side.
    assert disputing(claim.versions) == {"a"}


def test_calling_what_was_said_false_denies_it_and_saying_so_twice_does_not() -> None:
    from newsgraph.link.claims import _dismissal_status

    assert _dismissal_status("the report fake", "asserted", "Putin will step down") == "denied"
    assert _dismissal_status("It\u2019s absolute nonsense", "asserted", "Putin will step down") == "denied"
    assert _dismissal_status("It's absolute nonsense", "asserted", "the media report was false") == "asserted"
    assert _dismissal_status("that Putin is in excellent health", "asserted", "") == "asserted"


def test_claims_link_same_statement_and_keep_different_actors_apart() -> None:
    index = ClaimIndex()
    first = index.add(version("a", actor="i-7"), "s-0")
    same = index.add(version("b", actor="i-7", wording="twelve killed"), "s-0")
    other = index.add(version("c", actor="i-9"), "s-0")
    elsewhere = index.add(version("d", actor="i-7"), "s-1")
    assert same.claim_id == first.claim_id
    assert other.claim_id != first.claim_id
    assert elsewhere.claim_id != first.claim_id
    assert version_similarity(version("a", lemmas=frozenset({"arrive"})), version("b")) < index.params.threshold


def test_timeline_orders_partial_dates_by_their_start() -> None:
    def entry(date: str | None, event: str) -> TimelineEntry:
        return TimelineEntry(date, "explicit", "certain", "pos", "x", "", "a", event, "2024-12-08")

    entries = [entry(None, "e1"), entry("2024-12-08", "e2"), entry("2024-11", "e3"), entry("2015", "e4")]
    assert [e.event_id for e in timeline(entries)] == ["e4", "e3", "e2", "e1"]
    assert date_start("2024-Q2") == "2024-04-01"
    assert date_start("PAST_REF") is None


def test_a_story_goes_cold_after_the_gap() -> None:
    index = StoryIndex()
    day = dt.date(2024, 12, 8).toordinal()
    terms = {"assad": 3, "moscow": 2, "asylum": 1}
    first = index.add(StoryFeatures("a", frozenset({"i-1"}), frozenset({"arrive"}), day, terms))
    again = index.add(StoryFeatures("b", frozenset({"i-1"}), frozenset({"arrive"}), day + 1, terms))
    later = index.add(StoryFeatures("c", frozenset({"i-1"}), frozenset({"arrive"}), day + 400, terms))
    unrelated = index.add(StoryFeatures("d", frozenset({"i-5"}), frozenset({"vote"}), day, {"election": 2}))
    assert again.story_id == first.story_id and not again.opened
    assert later.opened and unrelated.opened
