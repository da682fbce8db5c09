"""Claim linking needs more than a shared generic lemma, and never links conflicting participants or dates."""

from __future__ import annotations

import dataclasses

from newsgraph.link.claims import ClaimIndex, ClaimParams, ClaimVersion, conflict, version_similarity
from newsgraph.link.terms import content_terms
from newsgraph.records import Span


def version(
    wording: str,
    lemma: str,
    *,
    article: str = "a1",
    actor: str | None = None,
    target: str | None = None,
    day: str | None = None,
    identities: frozenset[str] = frozenset(),
) -> ClaimVersion:
    return ClaimVersion(
        article_id=article,
        record_id=f"{article}:{wording}",
        kind="event",
        wording=wording,
        span=Span(0, len(wording), wording),
        status="asserted",
        polarity="pos",
        source_kind="unspecified",
        lemmas=frozenset({lemma}),
        identities=identities,
        terms=frozenset(content_terms(wording)),
        actor=actor,
        target=target,
        day=day,
    )


def test_conflicting_actors_targets_and_dates() -> None:
    a = version("Trump attacked Biden", "attack", actor="trump", target="biden")
    assert conflict(a, dataclasses.replace(a, actor="biden", target="trump")) == "actor"
    assert conflict(a, dataclasses.replace(a, target="drudge")) == "target"
    assert conflict(a, dataclasses.replace(a, actor=None, target=None)) is None
    dated = dataclasses.replace(a, day="2020-01-02")
    assert conflict(dated, dataclasses.replace(a, day="2020-03-01")) == "date"
    assert conflict(dated, dataclasses.replace(a, day="2020-01-05")) is None
    # Without the guards only different actors conflict (the behaviour before them).
    loose = ClaimParams(guards=False)
    assert conflict(a, dataclasses.replace(a, target="drudge"), loose) is None
    assert conflict(a, dataclasses.replace(a, actor="biden"), loose) == "actor"


def test_a_target_the_other_version_names_is_no_conflict() -> None:
    # The parser takes "News Corp." for the target of "approached News Corp. controlling owner Rupert Murdoch".
    misparsed = version(
        "Bloomberg hasn't approached News Corp. controlling owner Rupert Murdoch",
        "approach",
        actor="bloomberg",
        target="news corp",
        identities=frozenset({"bloomberg", "news corp", "murdoch"}),
    )
    plain = version(
        "Bloomberg has not yet approached Murdoch",
        "approach",
        article="a2",
        actor="bloomberg",
        target="murdoch",
        identities=frozenset({"bloomberg", "murdoch"}),
    )
    assert conflict(misparsed, plain) is None
    assert conflict(plain, dataclasses.replace(plain, target="bezos", identities=frozenset({"bloomberg", "bezos"})))


def test_generic_lemma_alone_does_not_link() -> None:
    embassy = version("the attack on the embassy in Baghdad", "attack", article="a1")
    bare = version("attack", "attack", article="a2")
    oilfield = version("the attack on the Abqaiq oil field", "attack", article="a3")
    assert version_similarity(embassy, bare) < ClaimParams().threshold
    assert version_similarity(embassy, oilfield) < ClaimParams().threshold
    # A shared participant makes a generic lemma count again.
    shared = frozenset({"i-embassy"})
    assert (
        version_similarity(
            dataclasses.replace(embassy, identities=shared), dataclasses.replace(oilfield, identities=shared)
        )
        >= ClaimParams().threshold
    )
    # More shared words than the event word itself count too.
    again = version("rocket attack on the US embassy in Baghdad", "attack", article="a4")
    assert version_similarity(embassy, again) >= ClaimParams().threshold
    # Without the rule (generic_terms 0) any shared lemma links, as before.
    assert version_similarity(embassy, bare, ClaimParams(generic_terms=0.0)) >= ClaimParams().threshold


def test_specific_lemma_still_links_on_its_own() -> None:
    a = version("Assad arrived in Moscow", "arrive", article="a1")
    b = version("the arrival was confirmed", "arrive", article="a2")
    assert version_similarity(a, b) >= ClaimParams().threshold


def test_index_keeps_opposite_attacks_apart() -> None:
    index = ClaimIndex()
    first = index.add(version("Trump attacked Biden", "attack", actor="trump", target="biden", article="a1"), "s")
    second = index.add(version("Biden attacked Trump", "attack", actor="biden", target="trump", article="a2"), "s")
    assert second.opened and second.claim_id != first.claim_id
    again = index.add(version("Trump attacked Biden again", "attack", actor="trump", target="biden", article="a3"), "s")
    assert again.claim_id == first.claim_id


def test_strict_index_refuses_a_claim_holding_a_conflicting_version() -> None:
    hub = version("attacking him in the debate", "attack", target="trump", article="a1", identities=frozenset({"t"}))
    biden = version("Biden attacked Trump in the debate", "attack", actor="biden", target="trump", article="a2")
    trump = version("Trump attacked him in the debate", "attack", actor="trump", target="trump", article="a3")
    for strict, expected in ((False, 1), (True, 2)):
        index = ClaimIndex(ClaimParams(strict=strict))
        for v in (hub, dataclasses.replace(biden, identities=frozenset({"t"}))):
            index.add(v, "s")
        index.add(dataclasses.replace(trump, identities=frozenset({"t"})), "s")
        # Pairwise, the third joins through the version without an actor; strict, it cannot.
        assert len(index.claims("s")) == expected
