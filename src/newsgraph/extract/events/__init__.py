"""Events: who did what to whom, where and when, and how firmly the text says it happened.

Rule-based over spaCy's parse, reading the entities, times and attributions the earlier
components left on the Doc:

* ``triggers``: content verbs and eventive nouns.
* ``arguments``: actor, target and place, resolved to entity ids.
* ``timing``: explicit, attribution or publication time anchoring.
* ``taxonomy``: a compact class per event and its CAMEO root code.
* ``factuality``: polarity, certainty and a UW-scale score; a reported event inherits the status
  of the claim whose content holds it.
"""

from __future__ import annotations

from collections.abc import Sequence

from spacy.language import Language
from spacy.tokens import Doc

from newsgraph.extract.events import arguments, factuality, taxonomy, timing, triggers
from newsgraph.extract.intervals import Intervals
from newsgraph.records import Attribution, Entity, Event, Span, TimeExpr

__all__ = ["events_component", "extract_events"]


def _containing(contents: Intervals[Attribution], start: int, end: int) -> Attribution | None:
    """The attribution with the smallest content holding ``[start, end)`` (the innermost claim)."""
    best: Attribution | None = None
    for attribution in contents.containing(start, end):
        content = attribution.content
        if best is None or content.end - content.start < best.content.end - best.content.start:
            best = attribution
    return best


def extract_events(
    doc: Doc,
    entities: Sequence[Entity],
    times: Sequence[TimeExpr],
    attributions: Sequence[Attribution],
) -> list[Event]:
    """The events of ``doc``, ids ``EV1``, ``EV2``, ... in text order.

    Args:
        doc: a parsed Doc (dependency parse, tags and lemmas); ``doc._.published`` anchors events
            the text gives no time for.
        entities: the article's entities; arguments resolve to them through their mention spans.
        times: the article's time expressions; one attached to a trigger is its explicit time.
        attributions: the article's attributions; an event inside one's content takes its id,
            its statement time as a fallback, and its claim status (see ``factuality``).

    Returns:
        One record per trigger.
    """
    found = triggers.find_triggers(doc)
    if not found:
        return []
    index = arguments.EntityIndex(doc, entities)
    explicit = timing.explicit_times(doc, times, {t.i for t in found})
    published = doc._.published
    # Sentences ending in "?" once per Doc, not once per event.
    questions = {i for sent in doc.sents if sent.text.rstrip().endswith("?") for i in range(sent.start, sent.end)}
    contents = Intervals(attributions, lambda a: (a.content.start, a.content.end))
    events: list[Event] = []
    for number, token in enumerate(found, start=1):
        end = triggers.trigger_end(token)
        words = doc[token.i : end]
        trigger = Span(words.start_char, words.end_char, words.text)
        attribution = _containing(contents, trigger.start, trigger.end)
        actor = arguments.actor(doc, token, index)
        target = arguments.target(doc, token, index)
        obj = next((c.lemma_.lower() for c in token.children if c.dep_ == "dobj"), None)
        if obj is None and token.pos_ == "NOUN" and end > token.i + 1:
            obj = doc[end - 1].lemma_.lower()
        kind = taxonomy.classify(token, actor.span.text if actor else None, obj)
        fact = factuality.assess(token, attribution.status if attribution else None, token.i in questions)
        lemma = (
            token.lemma_.lower()
            if end == token.i + 1
            else " ".join([token.lemma_.lower(), *(t.lower_ for t in doc[token.i + 1 : end])])
        )
        events.append(
            Event(
                id=f"EV{number}",
                trigger=trigger,
                lemma=lemma,
                type=kind.name,
                cameo=kind.cameo,
                polarity=fact.polarity,
                certainty=fact.certainty,
                factuality=fact.score,
                actor=actor,
                target=target,
                place=arguments.place(doc, token, index),
                time=timing.event_time(token, explicit.get(token.i), attribution, published),
                attribution=attribution.id if attribution else None,
            )
        )
    return events


@Language.component(
    "newsgraph_events_v1",
    requires=["token.dep", "doc._.newsgraph_entities", "doc._.newsgraph_times", "doc._.newsgraph_attributions"],
    assigns=["doc._.newsgraph_events"],
)
def events_component(doc: Doc) -> Doc:
    """Fill ``doc._.newsgraph_events`` from the entities, times and attributions on ``doc``."""
    doc._.newsgraph_events = extract_events(
        doc,
        doc._.newsgraph_entities or [],
        doc._.newsgraph_times or [],
        doc._.newsgraph_attributions or [],
    )
    return doc
