"""From parse findings to records: entities, source kind, affiliation, claim status, time."""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Sequence
from dataclasses import dataclass

from spacy.tokens import Doc, Token

from newsgraph.extract.attribution import lexicon
from newsgraph.extract.attribution.finder import Found, negated, text_of
from newsgraph.records import ClaimStatus, Entity, SourceKind, Span, TimeExpr

_PERSONAL = frozenset({"PERSON"})
_ORGANIZATIONAL = frozenset({"ORG", "GPE", "NORP", "FAC", "LOC"})


@dataclass(frozen=True, slots=True)
class _Mention:
    start: int
    end: int
    entity: Entity


class EntityIndex:
    """Entity mentions by position, to find which entity a span or token refers to."""

    def __init__(self, entities: Sequence[Entity]) -> None:
        mentions = [_Mention(m.span.start, m.span.end, e) for e in entities for m in e.mentions]
        mentions.sort(key=lambda m: (m.start, -m.end))
        self._mentions = mentions
        self._starts = [m.start for m in mentions]

    def within(self, start: int, end: int) -> list[_Mention]:
        """Mentions that overlap ``[start, end)``, in text order."""
        i = bisect_right(self._starts, end)
        return [m for m in self._mentions[max(0, i - 64) : i] if m.start < end and start < m.end]

    def at_token(self, tok: Token) -> Entity | None:
        """The entity whose mention covers the token, preferring the tightest mention."""
        hits = [m for m in self.within(tok.idx, tok.idx + len(tok)) if m.start <= tok.idx]
        return min(hits, key=lambda m: m.end - m.start).entity if hits else None

    def of_span(self, start: int, end: int, head: Token, *, inside: bool = False) -> Entity | None:
        """The entity a phrase refers to: a mention equal to it, or covering its head.

        Works with one entity per named entity (then the head decides) and with coreference
        chains whose mentions are whole noun phrases and pronouns. With ``inside``, a name within
        the phrase also counts ("the Interfax news agency" → Interfax); sources do not use it,
        since "a Kremlin source" is not the Kremlin.
        """
        overlapping = self.within(start, end)
        for m in overlapping:
            if m.start == start and m.end == end:
                return m.entity
        found = self.at_token(head)
        if found is not None or not inside:
            return found
        names = [m for m in overlapping if start <= m.start and m.end <= end and m.entity.type in _ORGANIZATIONAL]
        return names[-1].entity if names else None


def source_kind(doc: Doc, head: Token | None, entity: Entity | None) -> SourceKind:
    """Person, organisation, anonymous (an unnamed person or group) or unspecified."""
    if head is None:
        return "unspecified"
    lemma = head.lemma_.lower()
    lower = head.lower_
    if head.pos_ in ("NOUN", "PRON", "DET", "ADJ", "NUM") and lemma in lexicon.UNSPECIFIED_NOUNS:
        return "unspecified"
    if head.pos_ == "NOUN" and lemma in lexicon.ANONYMOUS_NOUNS:
        # "a Kremlin source" may be a PERSON entity made by coreference; it stays unnamed.
        return "anonymous"
    if entity is not None:
        if entity.type in _PERSONAL:
            return "person"
        if entity.type in _ORGANIZATIONAL:
            return "organization"
    if lower in lexicon.PERSON_PRONOUNS or head.ent_type_ == "PERSON":
        return "person"
    if lower == "it" or head.ent_type_ in _ORGANIZATIONAL or lemma in lexicon.ORGANIZATION_NOUNS:
        return "organization"
    if head.pos_ == "PROPN":
        return "person"
    return "anonymous"


def affiliation(doc: Doc, head: Token | None, kind: SourceKind, index: EntityIndex, own: Entity | None) -> str | None:
    """The organisation an unnamed or personal source belongs to: "a Kremlin source" → Kremlin."""
    if head is None or kind not in ("anonymous", "person"):
        return None
    candidates = []
    for c in head.children:
        if c.dep_ in ("compound", "amod", "poss", "nmod") and c.i < head.i:
            candidates.append(c)
        elif c.dep_ == "prep" and c.lower_ in ("for", "of", "from", "at", "in", "with"):
            candidates.extend(g for g in c.children if g.dep_ == "pobj")
        elif c.dep_ == "appos":
            candidates.extend(g for g in c.subtree if g.dep_ == "pobj")
    for c in candidates:
        entity = index.at_token(c)
        if entity is not None and entity is not own and entity.type in _ORGANIZATIONAL:
            return entity.id
    return None


# "Reuters could not independently verify the report", "the claims cannot be confirmed": the reporter
# says the claim next to it is unverified, whoever made it.
_NOT_VERIFIED = re.compile(
    r"\b(?:could not|couldn't|cannot|can't|can not|has not|have not|had not|was not|were not|is not|are not"
    r"|unable to|impossible to|no way to)(?: yet)?(?: been| be)?(?: independently)?"
    r" (?:verif|confirm|corroborat|authenticat)\w*",
    re.IGNORECASE,
)
# Words inside a content that hedge it: "it was very likely the attack was planned", "he might be interested",
# "is reportedly interested".
_CONTENT_HEDGES = (
    frozenset({"likely", "probably", "believed", "suspected", "presumably"})
    | lexicon.HEDGE_WORDS
    | (lexicon.HEDGE_MODALS - {"can"})  # "can" in a content is ability, not doubt
)


def unverified_sentences(doc: Doc) -> frozenset[int]:
    """Start tokens of the sentences whose claims the text says were not verified: a sentence saying so,
    and the one before it ("X said Y. The claim could not be independently verified.")."""
    sentences = list(doc.sents)
    flagged: set[int] = set()
    for k, sentence in enumerate(sentences):
        if _NOT_VERIFIED.search(sentence.text):
            flagged.add(sentence.start)
            if k:
                flagged.add(sentences[k - 1].start)
    return frozenset(flagged)


def _hedged_content(doc: Doc, found: Found) -> bool:
    if found.content_head is None:
        return False
    head = doc[found.content_head]
    # The content's head, what hangs on it and on its dependents, and on its own head inside the content
    # ("is reportedly interested": the parse may head the content with "interested").
    top = head.head if found.content[0] <= head.head.idx < found.content[1] else head
    near = [top, *top.children, *(g for c in top.children for g in c.children)]
    return any(t.lower_ in _CONTENT_HEDGES and found.content[0] <= t.idx < found.content[1] for t in near)


def status(doc: Doc, found: Found, source_head: Token | None, unverified: frozenset[int] = frozenset()) -> ClaimStatus:
    """How firmly the claim is held, from the cue, the words around it and negation.

    ``unverified`` holds the sentences the text says it could not verify (``unverified_sentences``).
    """
    anchor = doc[found.anchor]
    lemma = anchor.lemma_.lower()
    words = {c.lower_ for c in anchor.children if c.dep_ in ("advmod", "aux", "npadvmod")}
    if source_head is not None:
        words |= {c.lower_ for c in source_head.children if c.dep_ in ("amod", "compound")}
    if found.content_head is not None:
        head = doc[found.content_head]
        words |= {c.lower_ for c in head.children if c.dep_ == "advmod"}
    if lemma in lexicon.DECLINING or (anchor.dep_ == "xcomp" and anchor.head.lemma_.lower() in lexicon.DECLINING):
        return "declined"
    if negated(anchor) or (anchor.dep_ == "xcomp" and negated(anchor.head)):
        # "did not confirm", "would not comment": the source would not say, neither support nor denial.
        return "declined" if lemma in lexicon.DISCLOSING | lexicon.CONFIRMING else "denied"
    if lemma in lexicon.DENYING:
        return "denied"
    if words & lexicon.UNVERIFIED_WORDS or lemma in lexicon.UNVERIFYING or anchor.sent.start in unverified:
        return "unverified"
    if lemma in lexicon.CONFIRMING:
        return "confirmed"
    hedges = lexicon.HEDGE_WORDS | lexicon.HEDGE_MODALS
    if lemma in lexicon.HEDGING | lexicon.HEDGE_WORDS or words & hedges or _hedged_content(doc, found):
        return "hedged"
    return "asserted"


def statement_time(doc: Doc, found: Found, times: Sequence[TimeExpr]) -> str | None:
    """The TIMEX3 value of the time the statement was made, when the cue's clause carries one.

    ``times`` are the article's time expressions in text order.

    A time expression counts when its syntactic path upward reaches the cue's verb (or the source
    of "according to ...") before it enters the content: "on Sunday, the ministry said ...".
    """
    if not times:
        return None
    anchor = doc[found.anchor]
    stops = {anchor.i}
    if found.form == "according_to" and found.source_head is not None:
        stops.add(found.source_head)
    # A path up to a stop starts inside that stop's subtree: looking only there (``times`` are in
    # text order) keeps this linear in the article, where scanning every time per cue was quadratic.
    heads = [doc[i] for i in stops]
    lowest = min(h.left_edge.idx for h in heads)
    highest = max(h.right_edge.idx + len(h.right_edge) for h in heads)
    first = bisect_left(times, lowest, key=lambda t: t.span.start)
    c_start, c_end = found.content
    for t in times[first:]:
        if t.span.start >= highest:
            break
        if c_start <= t.span.start < c_end:
            continue
        span = doc.char_span(t.span.start, t.span.end, alignment_mode="expand")
        if span is None:
            continue
        tok = span.root
        for _ in range(6):
            if tok.i in stops:
                return t.value
            if tok.head.i == tok.i or (c_start <= tok.head.idx < c_end and tok.head.i not in stops):
                break
            tok = tok.head
    return None


def to_span(doc: Doc, start: int, end: int) -> Span:
    return Span.of(text_of(doc), start, end)
