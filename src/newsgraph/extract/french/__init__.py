"""The French extractors, each a pure function over a French spaCy ``Doc``, wrapped as a component.

``newsgraph_entities_fr_v1``, ``newsgraph_times_fr_v1``, ``newsgraph_attributions_fr_v1`` and
``newsgraph_events_fr_v1`` fill the same ``Doc._`` attributes as the English components, with the same
records: everything downstream (the store, the linker, the pages) reads French articles as it reads
English ones.
"""

from __future__ import annotations

from collections.abc import Sequence

from spacy.language import Language
from spacy.tokens import Doc, Token

from newsgraph.extract.attribution.resolve import EntityIndex
from newsgraph.extract.french.attributions import CUE_VERBS, extract_attributions_fr
from newsgraph.extract.french.entities import extract_entities_fr
from newsgraph.extract.french.times import extract_times_fr
from newsgraph.records import Argument, Attribution, Entity, Event, EventTime, Span, TimeExpr

__all__ = ["extract_attributions_fr", "extract_entities_fr", "extract_events_fr", "extract_times_fr"]

# Verbs that carry no event of their own: auxiliaries, modals, light verbs.
_LIGHT = frozenset(
    {"être", "avoir", "faire", "pouvoir", "devoir", "aller", "vouloir", "venir", "falloir", "sembler", "citer"}
)
_NEGATIONS = frozenset({"pas", "jamais", "plus", "rien", "aucun", "aucune", "guère"})


def extract_events_fr(
    doc: Doc, entities: Sequence[Entity], times: Sequence[TimeExpr], attributions: Sequence[Attribution]
) -> list[Event]:
    """The events of a French ``doc``: its content verbs with their subject, object, polarity and mood."""
    index = EntityIndex(entities)
    # The verb each time expression belongs to, found once: an explicit time is one attached to its event's verb.
    timed: dict[int, TimeExpr] = {}
    for time in times:
        span = doc.char_span(time.span.start, time.span.end, alignment_mode="expand")
        if span is not None:
            timed.setdefault(span.root.head.i, time)
    events: list[Event] = []
    for token in doc:
        if token.pos_ != "VERB" or token.lemma_ in _LIGHT or token.lemma_ in CUE_VERBS:
            continue
        negative = any(c.lower_ in _NEGATIONS for c in token.children if c.dep_ == "advmod")
        moods = set(token.morph.get("Mood", [])) | {
            m for c in token.children if c.dep_.startswith("aux") for m in c.morph.get("Mood", [])
        }
        possible = "Cnd" in moods
        actor = next((c for c in token.children if c.dep_ in ("nsubj", "nsubj:pass")), None)
        target = next((c for c in token.children if c.dep_ == "obj"), None)
        start = token.idx
        holder = next((a.id for a in attributions if a.content.start <= start < a.content.end), None)
        explicit = timed.get(token.i)
        events.append(
            Event(
                id=f"EV{len(events) + 1}",
                trigger=Span.of(doc.text, start, start + len(token)),
                lemma=token.lemma_,
                type="occurrence",
                cameo=None,
                polarity="neg" if negative else "pos",
                certainty="possible" if possible else "certain",
                factuality=(-1.0 if possible else -3.0) if negative else (1.0 if possible else 3.0),
                actor=_argument(doc, actor, index),
                target=_argument(doc, target, index),
                time=EventTime(explicit.value, "explicit", explicit.mod, explicit.id) if explicit else None,
                attribution=holder,
            )
        )
    return events


def _argument(doc: Doc, head: Token | None, index: EntityIndex) -> Argument | None:
    if head is None:
        return None
    tokens = sorted(t.i for t in head.subtree)
    start, end = doc[tokens[0]].idx, doc[tokens[-1]].idx + len(doc[tokens[-1]])
    entity = index.of_span(start, end, head)
    return Argument(Span.of(doc.text, start, end), entity.id if entity else None)


@Language.component("newsgraph_entities_fr_v1", requires=["doc.ents"], assigns=["doc._.newsgraph_entities"])
def entities_fr_component(doc: Doc) -> Doc:
    """Write the French entities to ``doc._``."""
    doc._.newsgraph_entities = extract_entities_fr(doc)
    return doc


@Language.component("newsgraph_times_fr_v1", requires=["token.pos"], assigns=["doc._.newsgraph_times"])
def times_fr_component(doc: Doc) -> Doc:
    """Write the French time expressions to ``doc._``, resolved against the publication date."""
    doc._.newsgraph_times = extract_times_fr(doc, doc._.published)
    return doc


@Language.component(
    "newsgraph_attributions_fr_v1",
    requires=["token.dep", "token.lemma", "doc._.newsgraph_entities", "doc._.newsgraph_times"],
    assigns=["doc._.newsgraph_attributions"],
)
def attributions_fr_component(doc: Doc) -> Doc:
    """Write the French attributions to ``doc._``."""
    doc._.newsgraph_attributions = extract_attributions_fr(
        doc, doc._.newsgraph_entities or [], doc._.newsgraph_times or []
    )
    return doc


@Language.component(
    "newsgraph_events_fr_v1",
    requires=["token.dep", "token.lemma", "doc._.newsgraph_attributions"],
    assigns=["doc._.newsgraph_events"],
)
def events_fr_component(doc: Doc) -> Doc:
    """Write the French events to ``doc._``."""
    doc._.newsgraph_events = extract_events_fr(
        doc, doc._.newsgraph_entities or [], doc._.newsgraph_times or [], doc._.newsgraph_attributions or []
    )
    return doc
