"""Named entities: spaCy NER, corrected for news, clustered into entities with coreference.

Span convention (what ``Mention.span`` covers):

* ``name``: the proper name alone — no leading "the", no title ("President"), no possessive
  ending: "United Nations", "Assad", "Russian Foreign Ministry".
* ``nominal``: the noun phrase from its determiner to its head noun: "the unnamed Kremlin source",
  "The ministry", "the country".
* ``pronoun``: the pronoun token: "his", "it".
"""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc
from spacy.tokens import Span as SpacySpan

from newsgraph.extract.coref import (
    Cluster,
    MentionRef,
    description_chains,
    resolve_interview,
    resolve_nominals,
    resolve_pronouns,
    sentence_ordinals,
)
from newsgraph.extract.ner_fixes import ENTITY_LABELS, fix_entities
from newsgraph.records import Entity, Mention, Span, clean_name

# Honorifics and offices that precede a name but are not part of it.
TITLES = frozenset(
    {
        "president",
        "former",
        "mr",
        "mr.",
        "mrs",
        "mrs.",
        "ms",
        "ms.",
        "dr",
        "dr.",
        "prof.",
        "professor",
        "gen.",
        "general",
        "prime",
        "minister",
        "king",
        "queen",
        "prince",
        "princess",
        "sir",
        "lady",
        "lord",
        "sen.",
        "senator",
        "rep.",
        "gov.",
        "governor",
        "chancellor",
        "pope",
        "sheikh",
        "vice",
        "col.",
        "colonel",
        "lt.",
        "capt.",
        "captain",
        "judge",
        "secretary",
        "chairman",
        "leader",
        "ambassador",
        "spokesman",
        "spokeswoman",
    }
)
MALE_TITLES = frozenset({"mr", "mr.", "king", "prince", "sir", "lord"})
FEMALE_TITLES = frozenset({"mrs", "mrs.", "ms", "ms.", "queen", "princess", "lady"})
_DASHES = "-\u2013\u2014"
# Labels whose short forms ("Assad", "Foreign Ministry") may name a longer name's referent.
PARTIAL_NAME_LABELS = frozenset({"PERSON", "ORG"})


def extract_entities(doc: Doc) -> list[Entity]:
    """The named entities of ``doc``, one record per real-world entity, with all mentions.

    NER corrections (``ner_fixes``) are applied to the model's entities first; ``doc`` is not changed.

    Returns:
        Entities numbered ``E1``, ``E2``, ... in order of first mention.
    """
    return build_entities(doc, fix_entities(doc))


def build_entities(doc: Doc, ents: list[SpacySpan], *, coreference: bool = True) -> list[Entity]:
    """Cluster the given (already corrected) entity spans of ``doc`` and resolve coreference.

    Without ``coreference`` only names cluster (the nominal and pronoun rules read English words).
    """
    clusters: list[Cluster] = []
    taken: set[int] = set()
    for ent in ents:
        if ent.label_ not in ENTITY_LABELS:
            continue
        ref, titles = _name_mention(doc, ent)
        if ref is None:
            continue
        taken.update(range(ent.start, ent.end))
        taken.update(range(ref.start - len(titles), ref.start))
        key = tuple(t.lower_ for t in doc[ref.start : ref.end])
        cluster = _matching_cluster(clusters, ent.label_, key)
        if cluster is None:
            cluster = Cluster(ent.label_)
            clusters.append(cluster)
        cluster.mentions.append(ref)
        if key not in cluster.names:
            cluster.names.append(key)
        cluster.titles.update(titles)
        if titles & MALE_TITLES:
            cluster.gender = "m"
        elif titles & FEMALE_TITLES:
            cluster.gender = "f"
        cluster.descriptors.update(_descriptors(doc, ent))
    if not coreference:
        return _records(doc, clusters)
    sents = sentence_ordinals(doc)
    clusters.extend(description_chains(doc, taken))
    for cluster in clusters:
        if cluster.description:
            for m in cluster.mentions:
                taken.update(range(m.start, m.end))
    resolve_nominals(doc, clusters, taken, sents)
    resolve_interview(doc, clusters)
    resolve_pronouns(doc, clusters, sents)
    return _records(doc, clusters)


def _name_mention(doc: Doc, ent: SpacySpan) -> tuple[MentionRef | None, set[str]]:
    """The name inside ``ent`` (without "the", titles, possessive) and the titles around it."""
    start, end = ent.start, ent.end
    titles: set[str] = set()
    if doc[start].lower_ == "the":
        start += 1
    while start < end - 1 and doc[start].lower_ in TITLES and ent.label_ == "PERSON":
        titles.add(doc[start].lower_.rstrip("."))
        start += 1
    while end > start and doc[end - 1].tag_ == "POS":
        end -= 1
    # "World Health Organization (WHO" without its closing bracket: the name ends before the bracket.
    opening = next((i for i in range(start + 1, end) if doc[i].text == "("), None)
    if opening is not None and not any(doc[i].text == ")" for i in range(opening, end)):
        end = opening
    if start >= end:
        return None, titles
    # Titles just before the name ("Former Syrian President Bashar al-Assad", "President Assad").
    i = start - 1
    while ent.label_ == "PERSON" and i >= 0 and doc[i].lower_ in TITLES:
        titles.add(doc[i].lower_.rstrip("."))
        i -= 1
    return MentionRef(start, end, "name", ent.root.i), titles


def _matching_cluster(clusters: list[Cluster], label: str, key: tuple[str, ...]) -> Cluster | None:
    """The most recently mentioned cluster this name can refer to."""
    best: Cluster | None = None
    for cluster in clusters:
        if cluster.label != label or cluster.description:
            continue
        fits = key in cluster.names or (
            label in PARTIAL_NAME_LABELS and all(_compatible(key, name) for name in cluster.names)
        )
        if fits and (best is None or cluster.mentions[-1].start > best.mentions[-1].start):
            best = cluster
    return best


def _compatible(a: tuple[str, ...], b: tuple[str, ...]) -> bool:
    """Two names of one referent: equal, or one ends the other ("Assad" / "Bashar al-Assad")."""
    short, long = (a, b) if len(a) <= len(b) else (b, a)
    return long[len(long) - len(short) :] == short


def _descriptors(doc: Doc, ent: SpacySpan) -> set[str]:
    """Common nouns the text calls the entity: "the Interfax news agency", "Russia, a strong supporter"."""
    root = ent.root
    found: set[str] = set()
    if root.dep_ == "compound" and root.head.pos_ == "NOUN" and root.head.i >= ent.end:
        found.add(root.head.lemma_.lower())
    for child in root.children:
        if child.dep_ == "appos" and child.pos_ == "NOUN":
            found.add(child.lemma_.lower())
    if root.dep_ == "appos" and root.head.pos_ == "NOUN":
        found.add(root.head.lemma_.lower())
    return found


def _trimmed(text: str, doc: Doc, start: int, end: int) -> Span:
    """Tokens ``start:end`` without whitespace (spaCy keeps runs of spaces as tokens) or dashes at the edges."""
    begin, finish = doc[start].idx, doc[end - 1].idx + len(doc[end - 1])
    # A dash glued to the name is a dateline's ("(Reuters) -Michael Bloomberg"), never part of it.
    while begin < finish and (text[begin].isspace() or text[begin] in _DASHES):
        begin += 1
    while finish > begin and text[finish - 1].isspace():
        finish -= 1
    return Span.of(text, begin, finish)


def _records(doc: Doc, clusters: list[Cluster]) -> list[Entity]:
    text = doc.text
    built: list[tuple[int, Entity]] = []
    for cluster in clusters:
        refs = sorted({(m.start, m.end, m.kind): m for m in cluster.mentions}.values(), key=lambda m: m.start)
        mentions = tuple(Mention(_trimmed(text, doc, m.start, m.end), m.kind) for m in refs)  # type: ignore[arg-type]
        # One spelling per name: the links to an entity's page use it, so "uri  " must not differ from "uri".
        names = [clean_name(m.span.text) for m in mentions if m.kind == "name"]
        if cluster.description:
            first = refs[0]
            det = 1 if doc[first.start].dep_ == "det" else 0
            canonical = clean_name(doc[first.start + det : first.end].text)
            aliases: tuple[str, ...] = (canonical,)
        else:
            aliases = tuple(dict.fromkeys(names))
            canonical = max(aliases, key=lambda n: (len(n.split()), len(n)))
        built.append((mentions[0].span.start, Entity("", canonical, cluster.label, aliases, mentions)))
    built.sort(key=lambda pair: pair[0])
    return [Entity(f"E{i}", e.name, e.type, e.aliases, e.mentions) for i, (_, e) in enumerate(built, start=1)]


@Language.component(
    "newsgraph_entities_v1",
    requires=["doc.ents", "token.dep", "token.pos"],
    assigns=["doc.ents", "doc._.newsgraph_entities"],
)
def entities_component(doc: Doc) -> Doc:
    """Write the corrected labels to ``doc.ents`` (for later components) and the entities to ``doc._``."""
    ents = fix_entities(doc)
    doc.ents = ents
    doc._.newsgraph_entities = build_entities(doc, ents)
    return doc
