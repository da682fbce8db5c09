"""Factuality of an event predicate: polarity, certainty (FactBank/MEANTIME) and a UW-scale score.

The score (-3 certainly did not happen … +3 certainly happened) is a linear function of a small set
of binary cues read off the dependency parse — negation, modals, hedges, conditionals, the future,
infinitives, and the class of the predicate the event is embedded under (reporting, factive,
belief, intention, negative implicative, "possibility of") — clipped to [-3, 3]. The weights are
fitted by least squares on the UW train split only (``benchmarks/fit_factuality.py`` writes
``_weights.py``). A reported event then inherits the status of the claim that holds it: inside a
``hedged`` claim it is at most probable, inside an ``unverified`` one at most possible, inside a
``denied`` one its polarity flips to negative.

Certainty from the score's magnitude: ≥ 2.5 certain, ≥ 1.5 probable, ≥ 0.5 possible, else
underspecified; polarity is ``neg`` when the score is -0.5 or lower.
"""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Token

from newsgraph.extract.events import lexicon as lx
from newsgraph.extract.events._weights import WEIGHTS
from newsgraph.records import Certainty, ClaimStatus, Polarity

# The highest score an event may keep inside a claim of this status (UW scale).
STATUS_CAP: dict[str, float] = {"hedged": 2.0, "unverified": 1.0}
# Below this score an event is presented as not having happened (FactBank PR-/PS-/CT-).
_NEGATIVE = 0.5

_CLAUSAL = frozenset({"ccomp", "xcomp", "advcl", "pcomp", "csubj", "parataxis", "oprd", "acl", "relcl", "dobj"})
_WALK_THROUGH = frozenset({"prep", "pobj", "pcomp", "agent", "dative", "attr", "appos", "compound", "amod"})


@dataclass(frozen=True, slots=True)
class Factuality:
    """How firmly the text presents an event as having happened."""

    polarity: Polarity
    certainty: Certainty
    score: float


def _first_conjunct(token: Token) -> Token:
    # Conjuncts share their first conjunct's auxiliaries and embedding ("had left X and ordered Y").
    steps = 0
    while token.dep_ == "conj" and token.head.i != token.i and steps < 10:
        token = token.head
        steps += 1
    return token


def _aux_lemmas(token: Token) -> set[str]:
    return {c.lower_ for c in token.children if c.dep_ in ("aux", "auxpass")}


def _negated(token: Token) -> bool:
    for child in token.children:
        if child.dep_ == "neg" or (child.dep_ in ("det", "advmod", "preconj") and child.lower_ in lx.NEGATORS):
            return True
        # "has, however, not yet approached": the parser hangs the negation on "yet".
        if child.dep_ == "advmod" and child.lower_ == "yet" and any(g.dep_ == "neg" for g in child.children):
            return True
    # "has yet to approach", "is yet to decide": not done so far.
    return token.dep_ == "xcomp" and _yet_to(token.head)


def _governor(token: Token) -> tuple[Token | None, str, bool]:
    """The predicate that embeds ``token``'s clause, the relation, and whether a possibility noun
    ("the possibility of taking") lies on the way."""
    relation = token.dep_
    possibility = False
    current = token
    for _ in range(6):
        if current.dep_ == "ROOT" or current.head.i == current.i:
            return None, relation, possibility
        head = current.head
        if head.pos_ in ("VERB", "AUX") and current.dep_ not in _WALK_THROUGH:
            return head, current.dep_, possibility
        if head.pos_ in ("VERB", "AUX"):
            return head, relation, possibility
        if head.lemma_.lower() in lx.POSSIBILITY_NOUNS:
            possibility = True
        current = head
    return None, relation, possibility


def _ancestor_nonfactual(token: Token) -> bool:
    """Whether a clause above the governor is itself modal, negated or conditional."""
    for ancestor in token.ancestors:
        if ancestor.pos_ not in ("VERB", "AUX"):
            continue
        aux = _aux_lemmas(ancestor)
        if aux & (lx.MODAL_WEAK | lx.MODAL_COND | lx.MODAL_FUTURE) or _negated(ancestor):
            return True
        if any(c.dep_ == "mark" and c.lower_ in lx.CONDITIONAL_MARKS for c in ancestor.children):
            return True
    return False


def features(token: Token, status: ClaimStatus | None = None, question: bool | None = None) -> frozenset[str]:
    """The binary cues of ``token``'s factuality (names are the keys of the fitted weights).

    ``question`` says whether the sentence is a question; when None it is read off the parse.
    """
    found: set[str] = set()
    base = _first_conjunct(token)
    aux = _aux_lemmas(token) or _aux_lemmas(base)
    if _negated(token) or (token.i != base.i and not _aux_lemmas(token) and _negated(base)):
        found.add("neg")
    if aux & lx.MODAL_WEAK:
        found.add("modal_weak")
    if aux & lx.MODAL_STRONG:
        found.add("modal_strong")
    if aux & lx.MODAL_FUTURE or _going_to(token):
        found.add("future")
    if aux & lx.MODAL_COND:
        found.add("would")
    if aux & lx.MODAL_ABILITY:
        found.add("can")
    if "to" in aux:
        found.add("to_inf")
    if any(c.dep_ == "advmod" and c.lower_ in lx.HEDGES for c in token.children):
        found.add("hedge")
    if any(c.dep_ == "mark" and c.lower_ in lx.CONDITIONAL_MARKS for c in base.children):
        found.add("cond")
    tag = token.tag_
    if token.pos_ in ("NOUN", "PROPN"):
        found.add("noun")
    elif tag == "VBG":
        found.add("gerund")
    elif tag == "VBD":
        found.add("past")
    elif tag in ("VBZ", "VBP"):
        found.add("present")
    elif tag == "VB" and "to" not in aux and not aux:
        found.add("bare")
    elif tag == "VBN" and not aux:
        found.add("participle")
    if question if question is not None else _in_question(token):
        found.add("question")
    if token.lemma_.lower() in lx.REPORTING:
        found.add("is_report")
    governor, relation, possibility = _governor(base)
    if possibility:
        found.add("possibility")
    if governor is not None and relation in _CLAUSAL:
        found |= _embedding(governor, relation)
        if relation == "advcl" and "to" in aux:
            found.add("purpose")
        if relation in ("relcl", "acl"):
            found.add("relcl")
        if _ancestor_nonfactual(governor):
            found.add("ancestor_nonfactual")
    if status in ("hedged", "unverified", "denied"):
        found.add(f"claim_{status}")
    return frozenset(found)


def _in_question(token: Token) -> bool:
    return token.sent.text.rstrip().endswith("?")


def _going_to(token: Token) -> bool:
    head = token.head
    return "to" in _aux_lemmas(token) and head.lower_ == "going" and token.dep_ == "xcomp"


def _yet_to(governor: Token) -> bool:
    """ "has yet to approach", "is yet to decide": not done so far."""
    return governor.lemma_.lower() in ("have", "be") and any(
        c.dep_ == "advmod" and c.lower_ == "yet" for c in governor.children
    )


def _embedding(governor: Token, relation: str) -> set[str]:
    lemma = governor.lemma_.lower()
    found: set[str] = set()
    if lemma in lx.NEGATIVE_IMPLICATIVE:
        found.add("gov_negimpl")
    elif lemma in lx.POSITIVE_IMPLICATIVE:
        found.add("gov_posimpl")
    elif lemma in lx.FACTIVE and relation == "ccomp":
        found.add("gov_factive")
    elif lemma in lx.REPORTING and relation in ("ccomp", "parataxis"):
        found.add("gov_report")
    elif lemma in lx.BELIEF and relation == "ccomp":
        found.add("gov_belief")
    elif lemma in lx.INTENT:
        found.add("gov_intent")
    gov_aux = _aux_lemmas(governor)
    if _negated(governor):
        found.add("gov_neg")
    if gov_aux & (lx.MODAL_WEAK | lx.MODAL_COND | lx.MODAL_FUTURE):
        found.add("gov_modal")
    if any(c.dep_ == "mark" and c.lower_ in lx.CONDITIONAL_MARKS for c in governor.children):
        found.add("gov_cond")
    return found


def score(token: Token, status: ClaimStatus | None = None, question: bool | None = None) -> float:
    """The UW-scale factuality of the event ``token`` (-3..+3), before the claim's status applies."""
    return _score_of(features(token, status, question))


def _score_of(cues: frozenset[str]) -> float:
    # Summed in a fixed order: a set's order follows the hash seed, and float sums follow their order.
    value = WEIGHTS.get("bias", 3.0) + sum(WEIGHTS.get(name, 0.0) for name in sorted(cues))
    return max(-3.0, min(3.0, value))


def assess(token: Token, status: ClaimStatus | None = None, question: bool | None = None) -> Factuality:
    """Polarity, certainty and score of the event ``token`` inside a claim of ``status`` (if any)."""
    return assess_score(score(token, status, question), status)


def assess_score(value: float, status: ClaimStatus | None = None) -> Factuality:
    """Polarity, certainty and score of an event scored ``value`` (UW scale) inside a claim of ``status``.

    The claim's status has the last word whoever scored the event: inside a denied claim it did not
    happen, inside a hedged or unverified one it is at most probable or possible.
    """
    if status == "denied":
        value = -min(abs(value), 2.0)
    elif status in STATUS_CAP:
        value = min(value, STATUS_CAP[status])
    return Factuality(
        polarity="neg" if value <= -_NEGATIVE else "pos", certainty=certainty_of(value), score=round(value, 2)
    )


CUES: tuple[str, ...] = tuple(sorted(name for name in WEIGHTS if name != "bias"))
"""The cue names in the order ``rule_inputs`` gives them."""


def rule_inputs(token: Token, status: ClaimStatus | None = None) -> list[float]:
    """The rules' reading of ``token`` as numbers for a learned scorer: one 0/1 per cue of ``CUES``,
    then the rules' score scaled to [-1, 1]."""
    cues = features(token, status)
    return [float(name in cues) for name in CUES] + [assess_score(_score_of(cues), status).score / 3]


def certainty_of(value: float) -> Certainty:
    """FactBank certainty of a UW-scale score."""
    magnitude = abs(value)
    if magnitude >= 2.5:
        return "certain"
    if magnitude >= 1.5:
        return "probable"
    if magnitude >= 0.5:
        return "possible"
    return "underspecified"
