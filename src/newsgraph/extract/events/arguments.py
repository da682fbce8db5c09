"""Who did it, to whom, where: actor, target and place of a trigger from the dependency parse,
resolved to entity ids through the entities' mention spans.

* Verbs: the actor is the subject (or the "by" agent of a passive); conjuncts, open complements
  and participial adjuncts without a subject take their governor's. The target is the recipient
  when there is one ("granted them asylum"), else the object, or the passive subject.
* Nouns: the actor is the possessor ("its intervention") or the "by" phrase; "of" gives the actor
  of intransitive nouns ("the entry of rebel forces") and the target of the others.
* Place: a locative prepositional phrase (in, at, into, ...) of the trigger holding a place
  entity (GPE, LOC, FAC), or, for verbs of movement and capture, a place entity as object
  ("reached Aleppo").
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from spacy.tokens import Doc, Token

from newsgraph.extract.events.lexicon import words
from newsgraph.records import Argument, Entity, Span

PLACE_TYPES = frozenset({"GPE", "LOC", "FAC"})
_LOCATIVE = frozenset({"in", "at", "into", "to", "near", "inside", "outside", "across", "toward", "towards", "onto"})
_MOVEMENT = words("reach enter leave visit capture seize take storm invade occupy overrun flee tour besiege cross")
# Nouns whose "of" phrase is who acts, not what is acted on.
_INTRANSITIVE_NOUNS = words(
    """arrival departure entry exit return death visit resignation rise fall collapse advance retreat
    withdrawal escape flight attack victory defeat intervention"""
)
_PHRASE_STOP = frozenset({"relcl", "acl", "appos", "advcl", "punct", "parataxis"})
_SUBJECTS = ("nsubj", "csubj")


class EntityIndex:
    """Maps token indices of a Doc to the entity whose mention covers them."""

    def __init__(self, doc: Doc, entities: Sequence[Entity]) -> None:
        self._by_token: dict[int, tuple[str, str]] = {}
        for entity in entities:
            for mention in entity.mentions:
                span = doc.char_span(mention.span.start, mention.span.end, alignment_mode="expand")
                if span is None:
                    continue
                for token in span:
                    self._by_token.setdefault(token.i, (entity.id, entity.type))

    def entity_of(
        self, tokens: Iterable[Token], head: Token | None = None, types: frozenset[str] | None = None
    ) -> str | None:
        """The entity of ``head`` if it has one of ``types``, else the first such entity in ``tokens``."""
        if head is not None:
            found = self._by_token.get(head.i)
            if found is not None and (types is None or found[1] in types):
                return found[0]
        for token in tokens:
            found = self._by_token.get(token.i)
            if found is not None and (types is None or found[1] in types):
                return found[0]
        return None

    def has_type(self, token: Token, types: frozenset[str]) -> bool:
        found = self._by_token.get(token.i)
        return found is not None and found[1] in types


def _phrase(heads: Sequence[Token]) -> tuple[int, int]:
    """Token range of a noun phrase: its heads and their modifiers, without relative clauses."""
    start = min(h.left_edge.i for h in heads)
    end = max(h.i for h in heads) + 1
    for head in heads:
        for child in head.rights:
            if child.dep_ in _PHRASE_STOP:
                break
            end = max(end, child.right_edge.i + 1)
    return start, end


def _argument(doc: Doc, index: EntityIndex, heads: Sequence[Token], types: frozenset[str] | None = None) -> Argument:
    # Participants resolve through their heads only ("a solution to the crisis in Syria" is not
    # Syria); places may resolve through a place name in the phrase, the phrase's own locative
    # first: "the country's embassy in Moscow" happened in Moscow, not in the country.
    start, end = _phrase(heads)
    tokens = doc[start:end]
    entity = next((e for h in heads if (e := index.entity_of((), h, types))), None)
    if entity is None and types is not None:
        located = [inner for h in heads for inner in _pobj(h, _LOCATIVE)]
        entity = index.entity_of(located, None, types) or index.entity_of(tokens, None, types)
    # ``tokens.text`` is the text slice; ``doc.text`` would rebuild the whole text on every call.
    return Argument(span=Span(tokens.start_char, tokens.end_char, tokens.text), entity=entity)


def _children(token: Token, deps: Iterable[str]) -> list[Token]:
    wanted = set(deps)
    return [c for c in token.children if c.dep_ in wanted]


def _pobj(token: Token, preps: frozenset[str]) -> list[Token]:
    found: list[Token] = []
    for prep in token.children:
        if prep.dep_ in ("prep", "agent", "dative") and prep.lower_ in preps:
            found.extend(c for c in prep.children if c.dep_ == "pobj")
    return found


def _verb_actor(token: Token) -> list[Token]:
    current = token
    for _ in range(6):
        subjects = _children(current, _SUBJECTS)
        if subjects:
            return subjects
        agents = _pobj(current, frozenset({"by"}))
        if agents and any(c.dep_ == "auxpass" for c in current.children):
            return agents
        if current.dep_ == "relcl":
            return [current.head]
        if current.dep_ in ("conj", "xcomp", "advcl", "acl") and current.head.i != current.i:
            if current.dep_ == "acl" and current.head.pos_ in ("NOUN", "PROPN"):
                return [current.head] if current.tag_ == "VBG" else []
            current = current.head
            continue
        break
    return []


def actor(doc: Doc, token: Token, index: EntityIndex) -> Argument | None:
    """The actor of the trigger ``token``, if the parse gives one."""
    if token.pos_ == "NOUN":
        heads = _children(token, ("poss",)) or _pobj(token, frozenset({"by"}))
        if not heads and token.lemma_.lower() in _INTRANSITIVE_NOUNS:
            heads = _pobj(token, frozenset({"of"}))
    else:
        heads = _verb_actor(token)
    # A relative pronoun stands for the noun its clause modifies.
    heads = [h.head.head if h.tag_ in ("WDT", "WP") and h.head.dep_ == "relcl" else h for h in heads]
    return _argument(doc, index, heads) if heads else None


def target(doc: Doc, token: Token, index: EntityIndex) -> Argument | None:
    """The target (recipient, object or patient) of the trigger ``token``."""
    if token.pos_ == "NOUN":
        heads = [] if token.lemma_.lower() in _INTRANSITIVE_NOUNS else _pobj(token, frozenset({"of"}))
        heads = heads or _pobj(token, frozenset({"against", "on"}))
    else:
        passive = any(c.dep_ == "auxpass" for c in token.children)
        heads = _children(token, ("nsubjpass",)) if passive else []
        heads = heads or _children(token, ("dative",)) or _children(token, ("dobj",))
    heads = [h for h in heads if h.dep_ != "dative" or h.pos_ != "ADP"]
    return _argument(doc, index, heads) if heads else None


def place(doc: Doc, token: Token, index: EntityIndex) -> Argument | None:
    """Where the event of ``token`` happened: a locative phrase or a place object."""
    for head in _pobj(token, _LOCATIVE):
        start, end = _phrase([head])
        if index.entity_of(doc[start:end], head, PLACE_TYPES):
            return _argument(doc, index, [head], PLACE_TYPES)
    if token.lemma_.lower() in _MOVEMENT:
        for obj in _children(token, ("dobj",)):
            if index.has_type(obj, PLACE_TYPES):
                return _argument(doc, index, [obj], PLACE_TYPES)
    return None
