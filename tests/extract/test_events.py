"""Events: triggers, arguments, time anchoring, CAMEO classes and factuality, on small texts and the example."""

from __future__ import annotations

import datetime as dt

import pytest
from spacy.language import Language

from newsgraph.extract.events import factuality, taxonomy
from newsgraph.nlp.analyze import analyze
from newsgraph.records import Article, Event

PUBLISHED = dt.date(2024, 12, 8)


def _events(nlp: Language, text: str) -> tuple[Article, dict[str, Event]]:
    article = analyze(text, nlp=nlp, published=PUBLISHED)
    return article, {e.trigger.text: e for e in article.events}


@pytest.fixture(scope="module")
def example(nlp: Language, example_text: str) -> Article:
    return analyze(example_text, nlp=nlp, published=PUBLISHED)


def _find(article: Article, trigger: str, near: str) -> Event:
    start = article.text.index(near)
    return next(e for e in article.events if e.trigger.text == trigger and e.trigger.start >= start)


def _entity_name(article: Article, entity_id: str | None) -> str | None:
    return next((e.name for e in article.entities if e.id == entity_id), None)


def test_plain_past_event_is_certain_and_positive(nlp: Language) -> None:
    _, events = _events(nlp, "The army shelled the town on Monday.")
    shelled = events["shelled"]
    assert (shelled.polarity, shelled.certainty) == ("pos", "certain")
    assert shelled.factuality >= 2.5
    assert shelled.type == "fight" and shelled.cameo == "19"


def test_negation_makes_the_event_negative(nlp: Language) -> None:
    _, events = _events(nlp, "The army did not shell the town.")
    assert events["shell"].polarity == "neg"
    assert events["shell"].factuality <= -1.0


@pytest.mark.parametrize(
    "text", ["Bloomberg has yet to approach Murdoch.", "Bloomberg has, however, not yet approached Murdoch."]
)
def test_not_yet_is_a_negation(nlp: Language, text: str) -> None:
    _, events = _events(nlp, text)
    assert next(e for t, e in events.items() if t.startswith("approach")).polarity == "neg"


def test_modals_and_hedges_lower_certainty(nlp: Language) -> None:
    _, events = _events(nlp, "Troops may attack the city. Officials will probably meet next week.")
    assert events["attack"].certainty in ("possible", "probable", "underspecified")
    assert events["attack"].factuality < 2.0
    assert events["meet"].factuality < 2.5


def test_conditional_and_intended_events_are_not_certain(nlp: Language) -> None:
    _, events = _events(nlp, "If the rebels win, they want to seize the airport.")
    assert events["win"].certainty != "certain"
    assert events["seize"].certainty != "certain"


def test_event_under_suggested_by_unverified_reports_is_at_most_possible(nlp: Language) -> None:
    article, events = _events(nlp, "Unverified reports suggested that the general fled to Turkey.")
    fled = events["fled"]
    claim = next(a for a in article.attributions if a.id == fled.attribution)
    assert claim.status == "unverified"
    assert fled.factuality <= 1.0
    assert fled.certainty in ("possible", "underspecified")


def test_status_caps() -> None:
    assert factuality.certainty_of(3.0) == "certain"
    assert factuality.certainty_of(-1.6) == "probable"
    assert factuality.certainty_of(0.2) == "underspecified"


def test_explicit_time_anchor(nlp: Language) -> None:
    _, events = _events(nlp, "The minister resigned on Friday.")
    time = events["resigned"].time
    assert time is not None and (time.value, time.anchor) == ("2024-12-06", "explicit")
    assert time.timex is not None


def test_attribution_time_anchor(nlp: Language) -> None:
    article, events = _events(nlp, "The ministry said on Thursday that the convoy had crossed the border.")
    crossed = events["crossed"]
    assert crossed.attribution is not None
    claim = next(a for a in article.attributions if a.id == crossed.attribution)
    if claim.when is None:
        pytest.skip("the attribution extractor gives no statement time here")
    assert crossed.time is not None and crossed.time.anchor in ("attribution", "explicit")
    assert crossed.time.value == "2024-12-05"


def test_publication_anchor_and_future(nlp: Language) -> None:
    _, events = _events(nlp, "The company closed two factories. It will open a new plant.")
    closed, opened = events["closed"].time, events["open"].time
    assert closed is not None and (closed.value, closed.anchor, closed.mod) == (
        "2024-12-08",
        "publication",
        "ON_OR_BEFORE",
    )
    assert opened is not None and opened.mod == "AFTER"


def test_cameo_classes(nlp: Language) -> None:
    _, events = _events(
        nlp,
        "Police arrested two men. The president condemned the bombing. Protesters rallied in Paris. "
        "The government threatened sanctions.",
    )
    assert events["arrested"].cameo == "17"
    assert events["condemned"].cameo == "11"
    assert events["bombing"].cameo == "18"
    assert events["rallied"].cameo == "14"
    assert events["threatened"].cameo == "13"
    assert taxonomy.OCCURRENCE.cameo is None


def test_eventive_nouns_and_multiword_trigger(nlp: Language) -> None:
    _, events = _events(nlp, "His arrival followed the transfer of power and the intervention of foreign troops.")
    assert {"arrival", "transfer of power", "intervention"} <= set(events)
    assert events["transfer of power"].lemma == "transfer of power"


def test_spans_index_the_text(example: Article) -> None:
    assert example.events
    for event in example.events:
        assert example.text[event.trigger.start : event.trigger.end] == event.trigger.text
        for argument in (event.actor, event.target, event.place):
            if argument is not None:
                assert example.text[argument.span.start : argument.span.end] == argument.span.text
        assert -3.0 <= event.factuality <= 3.0
    assert len({e.id for e in example.events}) == len(example.events)


def test_example_arrival_in_moscow(example: Article) -> None:
    arrived = _find(example, "arrived", "Former Syrian")
    assert arrived.actor is not None and "Assad" in (_entity_name(example, arrived.actor.entity) or "")
    assert arrived.place is not None and _entity_name(example, arrived.place.entity) == "Moscow"
    assert arrived.time is not None and arrived.time.value == "2024-12-08"
    assert arrived.time.anchor in ("explicit", "attribution")


def test_example_asylum_is_reported_by_a_source(example: Article) -> None:
    granted = _find(example, "granted", "Former Syrian")
    assert granted.attribution is not None
    assert granted.cameo == "07"
    assert granted.actor is not None and _entity_name(example, granted.actor.entity) == "Russia"


def test_example_rebel_entry_into_damascus(example: Article) -> None:
    entry = _find(example, "entry", "following the entry")
    assert entry.place is not None and _entity_name(example, entry.place.entity) == "Damascus"
    assert entry.actor is not None and "rebel forces" in entry.actor.span.text
    assert entry.cameo == "19"


def test_example_flag_lowered_on_sunday(example: Article) -> None:
    lowered = _find(example, "lowered", "On Sunday")
    assert lowered.time is not None and (lowered.time.value, lowered.time.anchor) == ("2024-12-08", "explicit")
    assert lowered.place is not None and _entity_name(example, lowered.place.entity) == "Moscow"
    assert lowered.target is not None and "flag" in lowered.target.span.text


def test_example_intervention_in_2015(example: Article) -> None:
    intervention = _find(example, "intervention", "since its intervention")
    assert intervention.time is not None
    assert (intervention.time.value, intervention.time.anchor) == ("2015", "explicit")
    assert intervention.cameo == "19"


def test_example_rebels_reached_aleppo_only_per_unverified_reports(example: Article) -> None:
    reached = _find(example, "reached", "rebels reached")
    assert reached.time is not None and (reached.time.value, reached.time.anchor) == ("2024-11", "explicit")
    assert reached.place is not None and _entity_name(example, reached.place.entity) == "Aleppo"
    assert reached.certainty != "certain"
    assert reached.factuality < 3.0
    claim = next(a for a in example.attributions if a.id == reached.attribution)
    assert claim.source.span is not None and claim.source.span.text == "Unverified reports"
    assert claim.status == "unverified"


def test_article_json_has_events(example: Article) -> None:
    data = example.to_dict()
    assert data["events"] and {"trigger", "cameo", "factuality", "time"} <= set(data["events"][0])
