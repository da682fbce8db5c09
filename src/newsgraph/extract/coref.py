"""Rule-based coreference over the dependency parse: pronouns, definite nominals, recurring descriptions.

No coreference model is available offline, so the rules are few and precise:

* **Recurring descriptions** ("a Kremlin source" ... "the source" ... "the unnamed Kremlin source")
  become one PERSON cluster when a singular description headed by source, official, spokesman, ...
  recurs with a definite article and compatible proper-noun modifiers.
* **Definite nominals** ("the ministry", "the country", "the president", "the agency") join the most
  recent cluster whose name, title or descriptor contains the head noun, or whose type the head
  names (country → GPE).
* **Interviews** ("((Zara Kay))  I was born in Tanzania", "Stallman: We ..."): paragraphs that open with a
  speaker's label, at least two speakers each labelled at least twice, make turns; in a turn, the first
  person is the turn's speaker and the second person the one they answer (a label no entity names
  becomes an entity of its own, at the label).
* **Pronouns** join the best preceding cluster that agrees in number, personhood and (when titles
  tell) gender, scored by sentence distance and subject role, never the subject of their own clause
  (binding). A pronoun with no compatible candidate stays unattached.

Mention spans: a nominal covers its noun phrase from the determiner to the head noun ("the unnamed
Kremlin source"), without post-modifiers or a possessive ending; a pronoun covers its token.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from spacy.tokens import Doc, Token

# Heads of descriptions that stand in for an unnamed person across an article.
DESCRIPTION_HEADS = frozenset(
    {"source", "official", "spokesman", "spokeswoman", "spokesperson", "diplomat", "witness", "aide"}
)
# Head nouns that name an entity type rather than part of a name.
TYPE_HEADS = {
    "country": "GPE",
    "nation": "GPE",
    "city": "GPE",
    "capital": "GPE",
    "town": "GPE",
    "company": "ORG",
    "firm": "ORG",
    "organisation": "ORG",
    "organization": "ORG",
}
NON_PERSON_LABELS = frozenset({"ORG", "GPE", "LOC", "FAC", "PRODUCT", "EVENT", "WORK_OF_ART", "LAW"})
SUBJECT_DEPS = frozenset({"nsubj", "nsubjpass"})


@dataclass(frozen=True, slots=True)
class Pronoun:
    """What a pronoun form says about its antecedent."""

    plural: bool
    person: bool | None  # None: either (they)
    gender: str | None  # "m", "f" or None


PRONOUNS = {
    **dict.fromkeys(("he", "him", "his", "himself"), Pronoun(False, True, "m")),
    **dict.fromkeys(("she", "her", "hers", "herself"), Pronoun(False, True, "f")),
    **dict.fromkeys(("it", "its", "itself"), Pronoun(False, False, None)),
    **dict.fromkeys(("they", "them", "their", "theirs", "themselves"), Pronoun(True, None, None)),
}


@dataclass(slots=True)
class MentionRef:
    """A mention while clustering: token range, kind, and the token that carries its role."""

    start: int
    end: int
    kind: str
    head: int


@dataclass(slots=True)
class Cluster:
    """A growing entity: label, mentions so far, and what the text says about it."""

    label: str
    mentions: list[MentionRef] = field(default_factory=list)
    names: list[tuple[str, ...]] = field(default_factory=list)  # name token sequences (lower-cased)
    titles: set[str] = field(default_factory=set)  # "president", "minister", ...
    descriptors: set[str] = field(default_factory=set)  # head nouns it was called ("agency")
    gender: str | None = None
    description: bool = False

    def fits_head(self, lemma: str) -> bool:
        """Whether a definite noun phrase with head ``lemma`` can name this cluster."""
        if lemma in self.titles or lemma in self.descriptors:
            return True
        if any(lemma in name for name in self.names):
            return True
        return TYPE_HEADS.get(lemma) == self.label


def description_chains(doc: Doc, taken: set[int]) -> list[Cluster]:
    """Clusters for recurring descriptions of unnamed people ("a Kremlin source" ... "the source").

    Args:
        doc: the parsed document.
        taken: token indices already inside a named mention (they cannot head a description).
    """
    chains: list[tuple[frozenset[str], Cluster]] = []
    for token in doc:
        if token.tag_ != "NN" or token.lemma_.lower() not in DESCRIPTION_HEADS or token.i in taken:
            continue
        if token.dep_ == "compound":
            continue
        det = next((c for c in token.lefts if c.dep_ == "det"), None)
        proper = frozenset(c.lower_ for c in token.lefts if c.dep_ == "compound" and c.pos_ == "PROPN")
        start = det.i if det is not None else _np_start(token)
        ref = MentionRef(start, token.i + 1, "nominal", token.i)
        definite = det is not None and det.lower_ in {"the", "this", "that"}
        chain = None
        if definite:
            for modifiers, cluster in reversed(chains):
                if cluster.descriptors == {token.lemma_.lower()} and (not proper or proper <= modifiers):
                    chain = cluster
                    break
        if chain is None:
            chain = Cluster("PERSON", descriptors={token.lemma_.lower()}, description=True)
            chains.append((proper, chain))
        chain.mentions.append(ref)
    return [cluster for _, cluster in chains if len(cluster.mentions) > 1]


def _np_start(token: Token) -> int:
    start = token.i
    for child in token.lefts:
        if child.dep_ in {"amod", "compound", "nmod", "det", "poss"}:
            start = min(start, child.left_edge.i)
    return start


def resolve_nominals(doc: Doc, clusters: list[Cluster], taken: set[int], sents: list[int]) -> None:
    """Attach definite noun phrases ("the ministry") to the most recent cluster they fit."""
    for token in doc:
        if token.pos_ != "NOUN" or token.tag_ != "NN" or token.i in taken or token.dep_ == "compound":
            continue
        lemma = token.lemma_.lower()
        if lemma in DESCRIPTION_HEADS:
            continue
        det = next((c for c in token.lefts if c.dep_ == "det"), None)
        if det is None or det.lower_ != "the":
            continue
        # "the president of France" names its own referent through the of-phrase.
        if any(c.dep_ == "prep" and c.lower_ == "of" for c in token.rights):
            continue
        best: tuple[int, Cluster] | None = None
        for cluster in clusters:
            last = max((m.end for m in cluster.mentions if m.end <= det.i), default=-1)
            if last < 0 or not cluster.fits_head(lemma):
                continue
            # A bare type word reaches only a few sentences back; a name or title word reaches farther.
            bare_type = TYPE_HEADS.get(lemma) == cluster.label and not _in_names(cluster, lemma)
            if bare_type and sents[token.i] - sents[last - 1] > 2:
                continue
            if best is None or last > best[0]:
                best = (last, cluster)
        if best is not None:
            best[1].mentions.append(MentionRef(det.i, token.i + 1, "nominal", token.i))
            taken.update(range(det.i, token.i + 1))


def _in_names(cluster: Cluster, lemma: str) -> bool:
    return lemma in cluster.titles or lemma in cluster.descriptors or any(lemma in n for n in cluster.names)


def sentence_ordinals(doc: Doc) -> list[int]:
    """The sentence number of every token of ``doc``."""
    ordinals: list[int] = []
    for n, sent in enumerate(doc.sents):
        ordinals.extend([n] * len(sent))
    return ordinals


def resolve_pronouns(doc: Doc, clusters: list[Cluster], sents: list[int]) -> None:
    """Attach third-person pronouns to their best preceding antecedent cluster, if any agrees."""
    for token in doc:
        form = PRONOUNS.get(token.lower_)
        if form is None or token.tag_ not in {"PRP", "PRP$"}:
            continue
        sent = sents[token.i]
        clause_subjects = _clause_subjects(token)
        best: tuple[float, Cluster] | None = None
        for cluster in clusters:
            if not _agrees(form, cluster, doc) or any(m.head in clause_subjects for m in cluster.mentions):
                continue
            for m in cluster.mentions:
                if m.end > token.i:
                    continue
                distance = sent - sents[m.head]
                if distance > 2:
                    continue
                head = doc[m.head]
                score = -10.0 * distance + (5 if head.dep_ in SUBJECT_DEPS else 0) + m.head / 10_000
                if token.dep_ in SUBJECT_DEPS and head.dep_ in SUBJECT_DEPS:
                    score += 2
                if best is None or score > best[0]:
                    best = (score, cluster)
        if best is not None:
            best[1].mentions.append(MentionRef(token.i, token.i + 1, "pronoun", token.i))


def _clause_subjects(pronoun: Token) -> set[int]:
    """Subjects a non-possessive, non-reflexive pronoun cannot corefer with (binding)."""
    if pronoun.tag_ == "PRP$" or pronoun.lower_.endswith(("self", "selves")) or pronoun.dep_ in SUBJECT_DEPS:
        return set()
    verb = pronoun.head.head if pronoun.dep_ == "pobj" else pronoun.head
    return {c.i for c in verb.children if c.dep_ in SUBJECT_DEPS}


def _agrees(form: Pronoun, cluster: Cluster, doc: Doc) -> bool:
    if form.person is True:
        return cluster.label == "PERSON" and (form.gender is None or cluster.gender in {None, form.gender})
    if form.person is False:
        return cluster.label in NON_PERSON_LABELS and not _plural(cluster, doc)
    # "they": only groups the text itself makes plural ("the Russians", "the Allied Forces").
    return cluster.label in {"NORP", "ORG"} and _plural(cluster, doc)


def _plural(cluster: Cluster, doc: Doc) -> bool:
    named = [m for m in cluster.mentions if m.kind != "pronoun"]
    return bool(named) and all(doc[m.head].tag_ in {"NNS", "NNPS"} for m in named)


# A speaker's label opening a paragraph: Wikinews' "((Name))" or a transcript's "Name:" (up to four capitalised words).
_TURN_LABEL = re.compile(
    r"(?m)^[ \t]*(?:\(\((?P<wiki>[^()\n]{1,60})\)\)"
    r"|(?P<name>[A-Z][\w.'\u2019-]*(?: [A-Z][\w.'\u2019-]*){0,3}):(?=[ \t]))"
)
# Labels of page furniture, not of speakers ("Image: ...", "Update: ...").
_FURNITURE_TEXT = """image images photo photos picture source sources note update updates correction related video
    caption credit credits file watch listen warning disclaimer transcript editor editors read more see also"""
_FURNITURE = frozenset(_FURNITURE_TEXT.split())
FIRST_PERSON = frozenset({"i", "me", "my", "mine", "myself", "we", "us", "our", "ours", "ourselves"})
SECOND_PERSON = frozenset({"you", "your", "yours", "yourself", "yourselves"})
_DOUBLE_QUOTES = frozenset('"\u201c\u201d')


@dataclass(frozen=True, slots=True)
class Turn:
    """One speaker's turn in an interview: the label's characters and the turn's text after it."""

    speaker: str
    label: tuple[int, int]
    start: int
    end: int


def interview_turns(text: str) -> list[Turn]:
    """The turns of an interview or transcript in ``text``; none when it is not one.

    A text is an interview when at least two speakers each open at least two paragraphs with their
    label. A turn runs from its label to the next label (paragraphs without one continue it).
    """
    found = []
    for match in _TURN_LABEL.finditer(text):
        group = "wiki" if match.group("wiki") else "name"
        name = " ".join(match.group(group).split())
        if len(name) < 2 or name.lower() in _FURNITURE or name.split()[0].lower() in _FURNITURE:
            continue
        found.append((name, match.span(group), match.end()))
    counts: dict[str, int] = {}
    for name, _, _ in found:
        counts[name] = counts.get(name, 0) + 1
    speakers = {name for name, n in counts.items() if n >= 2}
    if len(speakers) < 2:
        return []
    kept = [f for f in found if f[0] in speakers]
    return [
        Turn(name, label, start, kept[k + 1][1][0] if k + 1 < len(kept) else len(text))
        for k, (name, label, start) in enumerate(kept)
    ]


def resolve_interview(doc: Doc, clusters: list[Cluster]) -> None:
    """In an interview, attach each turn's first-person pronouns to its speaker and the second person to
    the speaker they answer (outside quotations, which report someone else's words)."""
    turns = interview_turns(doc.text)
    if not turns:
        return
    speakers: dict[str, Cluster] = {}
    for turn in turns:
        if turn.speaker not in speakers:
            speakers[turn.speaker] = _speaker_cluster(doc, clusters, turn)
    for k, turn in enumerate(turns):
        others = [t.speaker for t in reversed(turns[:k]) if t.speaker != turn.speaker]
        others += [t.speaker for t in turns[k + 1 :] if t.speaker != turn.speaker]
        span = doc.char_span(turn.start, turn.end, alignment_mode="expand")
        if span is None:
            continue
        quoted = False
        for token in span:
            if token.text in _DOUBLE_QUOTES or "\n" in token.text:
                quoted = not quoted and token.text in _DOUBLE_QUOTES
                continue
            if quoted or token.tag_ not in {"PRP", "PRP$"}:
                continue
            if token.lower_ in FIRST_PERSON:
                cluster = speakers[turn.speaker]
            elif token.lower_ in SECOND_PERSON and others:
                cluster = speakers[others[0]]
            else:
                continue
            cluster.mentions.append(MentionRef(token.i, token.i + 1, "pronoun", token.i))


def _speaker_cluster(doc: Doc, clusters: list[Cluster], turn: Turn) -> Cluster:
    """The entity a speaker's label names; a new one at the label when no entity does."""
    key = tuple(turn.speaker.lower().split())
    for cluster in clusters:
        if cluster.description or cluster.label not in {"PERSON", "ORG"}:
            continue
        for name in cluster.names:
            short, long = (key, name) if len(key) <= len(name) else (name, key)
            if long[len(long) - len(short) :] == short:
                return cluster
    span = doc.char_span(*turn.label, alignment_mode="expand")
    # An initialism ("WN", "NPR") labels the outlet asking; a name, a person.
    label = "ORG" if turn.speaker.isupper() and len(turn.speaker) <= 5 else "PERSON"
    cluster = Cluster(label, names=[key])
    if span is not None and len(span):
        cluster.mentions.append(MentionRef(span.start, span.end, "name", span.root.i))
    clusters.append(cluster)
    return cluster
