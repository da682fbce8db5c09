"""Corrections to the small spaCy model's NER for classes of errors it makes on news.

Four general rules, each measured on CoNLL-2003 eng.train before it was kept
(see benchmarks/RESULTS.md):

1. **Place cue nouns.** A name modifying a settlement noun ("the Idlib province") is a GPE;
   a name modifying a facility noun ("the Hmeimim airbase") is a FAC — unless the same name is a
   place elsewhere in the article ("the naval facility in Tartous" ... "the Tartous facility"),
   in which case it is that GPE. The span is the name alone, never the head noun: names are
   proper nouns throughout newsgraph (and CoNLL-2003 marks "Stansted" in "Stansted airport").
2. **Place slots.** A proper-noun run the model left untagged — or a one-word name it took for a
   PERSON or NORP — that is the object of a motion verb ("rebels reached Aleppo") or of a
   locative preposition ("fled to Idlib", "the bridge in Kyiv") is a GPE.
3. **"who" clauses.** A name the model took for a place that a ", who" clause describes ("Bloomberg, who
   owns the Bloomberg media outlet") is a PERSON. Not a group or an organisation: "the Kurds, who" and
   British English's "Leicestershire, who" are not people.
4. **Document-level consistency.** One article uses one name for one thing, so the same
   surface name gets one label: the label with the strongest evidence (cue-backed labels
   first, then the majority) wins; a one-word name that is the surname of a PERSON elsewhere
   in the article is that PERSON.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

from spacy.tokens import Doc, Token
from spacy.tokens import Span as SpacySpan

# The OntoNotes labels newsgraph keeps as entities; numbers and times belong elsewhere.
ENTITY_LABELS = frozenset({"PERSON", "ORG", "GPE", "LOC", "FAC", "NORP", "EVENT", "PRODUCT", "WORK_OF_ART", "LAW"})
PLACE_LABELS = frozenset({"GPE", "LOC", "FAC"})

# Head nouns whose proper-noun modifier names a settlement or administrative area.
SETTLEMENT_HEADS = frozenset(
    {
        "city",
        "town",
        "village",
        "province",
        "region",
        "district",
        "county",
        "governorate",
        "municipality",
        "suburb",
        "neighbourhood",
        "neighborhood",
        "enclave",
    }
)
# Head nouns whose proper-noun modifier names a facility after its place.
FACILITY_HEADS = frozenset(
    {
        "airbase",
        "base",
        "port",
        "airport",
        "airfield",
        "facility",
        "harbour",
        "harbor",
        "prison",
        "camp",
        "refinery",
        "checkpoint",
        "crossing",
    }
)
# Verbs whose direct object is a destination or a place taken.
MOTION_VERBS = frozenset({"reach", "enter", "invade", "overrun", "besiege"})
# Prepositions that introduce a destination or origin after a motion verb.
MOTION_PREP_VERBS = frozenset(
    {"arrive", "flee", "travel", "return", "move", "fly", "head", "retreat", "withdraw", "advance", "march", "escape"}
)
LOCATIVE_PREPS = frozenset({"in", "into", "to", "from", "near", "toward", "towards"})
OPEN_PREPS = frozenset({"in", "into", "near"})
MODIFIER_DEPS = frozenset({"compound", "amod", "nmod"})
# The shape of a demonym or group adjective ("Bangladeshi", "Thai", "Bedouin", "Serb-held"):
# a NORP of this shape is an adjective, not a place name mis-typed as a group.
DEMONYM_SHAPE = re.compile(r"(?:[ai]n|ish|ese|[ie]|ic|ch|-[a-z]+)$")


@dataclass(frozen=True, slots=True)
class FixedEnt:
    """A corrected entity: token range, OntoNotes label, and whether a cue rule backs the label."""

    start: int
    end: int
    label: str
    cued: bool = False


def fix_entities(doc: Doc) -> list[SpacySpan]:
    """The entities of ``doc`` with newsgraph's corrections applied, sorted and non-overlapping.

    Pure: ``doc.ents`` is read, not written. Every label the model predicts is kept (DATE,
    MONEY, ... included) so that writing the result back to ``doc.ents`` loses nothing.
    """
    ents = [FixedEnt(e.start, e.end, e.label_) for e in doc.ents]
    ents = _place_slots(doc, ents)
    ents = _cue_nouns(doc, ents)
    ents = _people_by_who(doc, ents)
    ents = _consistent_labels(doc, ents)
    return [SpacySpan(doc, e.start, e.end, label=e.label) for e in sorted(ents, key=lambda e: e.start)]


def _replace(ents: list[FixedEnt], new: FixedEnt) -> list[FixedEnt]:
    """``ents`` with ``new`` added and every entity overlapping it removed."""
    kept = [e for e in ents if e.end <= new.start or e.start >= new.end]
    return [*kept, new]


def _name_run(token: Token) -> tuple[int, int]:
    """The contiguous proper-noun run around ``token`` (its compound name)."""
    doc = token.doc
    start = end = token.i
    while (
        start > token.sent.start and doc[start - 1].pos_ == "PROPN" and doc[start - 1].head.i in range(start, end + 1)
    ):
        start -= 1
    while end + 1 < token.sent.end and doc[end + 1].pos_ == "PROPN" and doc[end].head.i == end + 1:
        end += 1
    return start, end + 1


def _untagged_propn_object(token: Token) -> tuple[int, int] | None:
    """The token range of the untagged capitalised proper-noun name headed by ``token``, if it is one."""
    if token.pos_ != "PROPN" or token.ent_iob_ != "O" or not token.text[:1].isupper() or token.is_sent_start:
        return None
    start, end = _name_run(token)
    run = token.doc[start:end]
    # All-capitals runs are headlines, where the model's tags say little; an indefinite
    # article ("in a Grand Slam") introduces a kind of thing, not a place.
    if run.text.isupper() or any(t.ent_iob_ != "O" or not t.text[:1].isupper() for t in run):
        return None
    if any(c.dep_ == "det" and c.lower_ in {"a", "an"} for c in token.children):
        return None
    return start, end


def _mistyped_place(token: Token, ents: list[FixedEnt]) -> tuple[int, int] | None:
    """A one-word PERSON or NORP name in a place slot ("the bridge in Kyiv", "entered Maarrat")."""
    if token.pos_ != "PROPN" or token.is_sent_start or token.is_upper:
        return None
    ent = next((e for e in ents if e.start == token.i and e.end == token.i + 1), None)
    if ent is None or ent.label not in {"PERSON", "NORP"} or DEMONYM_SHAPE.search(token.text):
        return None
    return ent.start, ent.end


def _in_place_slot(token: Token) -> bool:
    """The object of a motion verb ("reached Aleppo") or of a locative preposition ("in Kyiv", "fled to Idlib")."""
    destination = token.dep_ == "dobj" and token.head.lemma_ in MOTION_VERBS
    located = (
        token.dep_ == "pobj"
        and token.head.lower_ in LOCATIVE_PREPS
        and (token.head.lower_ in OPEN_PREPS or token.head.head.lemma_ in MOTION_PREP_VERBS)
    )
    return destination or located


def _place_slots(doc: Doc, ents: list[FixedEnt]) -> list[FixedEnt]:
    for token in doc:
        if not _in_place_slot(token):
            continue
        run = _untagged_propn_object(token) or _mistyped_place(token, ents)
        if run is not None:
            ents = _replace(ents, FixedEnt(run[0], run[1], "GPE", cued=True))
    return ents


def _cue_nouns(doc: Doc, ents: list[FixedEnt]) -> list[FixedEnt]:
    places = {doc[e.start : e.end].text for e in ents if e.label == "GPE"}
    by_start = {e.start: e for e in ents}
    for head in doc:
        lemma = head.lemma_.lower()
        settlement = lemma in SETTLEMENT_HEADS
        # A named facility is one thing: plural heads ("Kurdish refugee camps") name none.
        if (not settlement and lemma not in FACILITY_HEADS) or head.tag_ != "NN":
            continue
        for child in head.lefts:
            if child.dep_ not in MODIFIER_DEPS or child.is_upper:
                continue
            ent = _entity_of(child, ents, by_start)
            if ent is not None:
                # Demonym adjectives ("the Pakistani town of ...") stay NORP; only a proper-noun
                # compound the model took for a group is a name ("the Hmeimim airbase").
                if ent.label not in ENTITY_LABELS or ent.label in PLACE_LABELS:
                    continue
                if ent.label == "NORP" and (
                    not (child.tag_ == "NNP" and child.dep_ == "compound")
                    or DEMONYM_SHAPE.search(doc[ent.start : ent.end].text)
                ):
                    continue
                start, end = ent.start, ent.end
            elif (
                child.pos_ == "PROPN"
                and child.text[:1].isupper()
                and child.ent_iob_ == "O"
                and not DEMONYM_SHAPE.search(child.text)
            ):
                start, end = _name_run(child)
            else:
                continue
            label = "GPE" if settlement or doc[start:end].text in places else "FAC"
            ents = _replace(ents, FixedEnt(start, end, label, cued=True))
            by_start = {e.start: e for e in ents}
    return ents


def _people_by_who(doc: Doc, ents: list[FixedEnt]) -> list[FixedEnt]:
    """A name the model took for a place that a ", who" clause describes is a person."""
    people = []
    for e in ents:
        if e.label != "GPE" or e.end + 1 >= len(doc):
            continue
        comma, who = doc[e.end], doc[e.end + 1]
        if comma.text == "," and who.lower_ == "who" and doc[e.start : e.end].text[:1].isupper():
            people.append(FixedEnt(e.start, e.end, "PERSON", cued=True))
    for person in people:
        ents = _replace(ents, person)
    return ents


def _entity_of(token: Token, ents: Iterable[FixedEnt], by_start: dict[int, FixedEnt]) -> FixedEnt | None:
    if token.i in by_start:
        return by_start[token.i]
    for e in ents:
        if e.start <= token.i < e.end:
            return e
    return None


def _key(doc: Doc, ent: FixedEnt) -> str:
    span = doc[ent.start : ent.end]
    text = span.text
    if span[0].lower_ == "the" and len(span) > 1:
        text = doc[ent.start + 1 : ent.end].text
    return text


def _consistent_labels(doc: Doc, ents: list[FixedEnt]) -> list[FixedEnt]:
    groups: dict[str, list[int]] = defaultdict(list)
    for i, e in enumerate(ents):
        if e.label in ENTITY_LABELS:
            groups[_key(doc, e)].append(i)
    result = list(ents)
    for members in groups.values():
        votes: Counter[str] = Counter()
        for i in members:
            votes[ents[i].label] += 3 if ents[i].cued else 1
        if len(votes) < 2:
            continue
        (best, n), *rest = votes.most_common()
        if rest[0][1] == n:
            continue
        for i in members:
            e = ents[i]
            result[i] = FixedEnt(e.start, e.end, best, e.cued or best != e.label)
    # A one-word name that ends a multi-word PERSON name of the article is that person's surname —
    # unless the article also uses it as a place ("Dynamo Moscow" ... "arrived in Moscow"). The model's
    # label alone is no such evidence: it types "Bloomberg has not approached Murdoch" a GPE throughout.
    surnames = {doc[e.end - 1].text for e in result if e.label == "PERSON" and e.end - e.start > 1}
    # The place cues' evidence, not the vote's: a relabelled entity is marked cued too.
    places = {_key(doc, e) for e in ents if e.label in PLACE_LABELS and (e.cued or _in_place_slot(doc[e.end - 1]))}
    return [
        FixedEnt(e.start, e.end, "PERSON", e.cued)
        if e.end - e.start == 1
        and e.label in ENTITY_LABELS - {"PERSON"}
        and doc[e.start].text in surnames
        and doc[e.start].text not in places
        else e
        for e in result
    ]
