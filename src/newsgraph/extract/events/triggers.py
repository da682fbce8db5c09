"""Event triggers: content verbs and eventive nouns ("arrival", "transfer of power", "intervention").

A verb is a trigger unless it is a light verb (be, have, ...), an adjectival participle
("Unverified reports"), or a preposition-like form ("according to", "including"). A noun is a
trigger when its lemma is in the list of news event nouns, or it is a regular nominalisation
(-tion, -sion, -ment, -val/-sal/-wal, -ing) that is not on the list of non-event nouns. A noun
trigger followed by "of" and a bare noun that names what changes hands ("transfer of power",
"loss of life") takes that phrase into its span.
"""

from __future__ import annotations

from spacy.tokens import Doc, Token

from newsgraph.extract.events import lexicon as lx
from newsgraph.extract.events.lexicon import words

_PREPOSITIONAL_VERBS = frozenset({"according", "including", "following", "regarding", "concerning", "excluding"})
_NOT_ING = words("""thing something anything nothing everything building morning evening ceiling king ring wing spring
    string sibling earring clothing housing funding spending""")
_NOUN_SUFFIX_MIN = 6


def is_trigger(token: Token) -> bool:
    """Whether ``token`` heads an event mention."""
    if not token.text[:1].isalpha():
        # "'s" in "It's nonsense" with a typographic apostrophe is tagged a verb.
        return False
    pos = token.pos_
    if pos == "VERB":
        lemma = token.lemma_.lower()
        if lemma in lx.LIGHT_VERBS or token.lower_ in _PREPOSITIONAL_VERBS:
            return False
        return token.dep_ != "amod"
    if pos == "NOUN":
        if token.ent_type_ and token.ent_type_ != "EVENT":
            return False
        return is_event_noun(token.lemma_.lower())
    return False


def is_event_noun(lemma: str) -> bool:
    """Whether a noun lemma names an event (list first, then regular nominalisation suffixes)."""
    if lemma in lx.EVENT_NOUNS:
        return True
    if lemma in lx.NOT_EVENT_NOUNS or len(lemma) < _NOUN_SUFFIX_MIN:
        return False
    if lemma.endswith("ing"):
        return lemma not in _NOT_ING
    return lemma.endswith(("tion", "sion", "ment", "val", "sal", "wal"))


def find_triggers(doc: Doc) -> list[Token]:
    """The trigger tokens of ``doc`` in text order."""
    return [token for token in doc if token.pos_ in ("VERB", "NOUN") and is_trigger(token)]


def trigger_end(token: Token) -> int:
    """The index after the trigger's last token: the head, a verb's particle ("went down"), or
    "transfer of power"."""
    if token.pos_ == "VERB":
        following = token.doc[token.i + 1] if token.i + 1 < len(token.doc) else None
        if following is not None and following.dep_ == "prt" and following.head.i == token.i:
            return token.i + 2
        return token.i + 1
    if token.i + 2 >= len(token.doc):
        return token.i + 1
    of, noun = token.doc[token.i + 1], token.doc[token.i + 2]
    if (
        of.lower_ == "of"
        and of.head.i == token.i
        and noun.head.i == of.i
        and noun.pos_ == "NOUN"
        and not noun.ent_type_
        and not any(True for _ in noun.children)
    ):
        return noun.i + 1
    return token.i + 1
