"""French named entities: the French model's NER (WikiNER labels) in the OntoNotes types records use.

``PER`` → PERSON, ``ORG`` → ORG, ``LOC`` → GPE, ``MISC`` stays MISC. Names lose their article and titles
("le président Emmanuel Macron" → "Emmanuel Macron", "l'AFP" → "AFP"); mentions of one name cluster as
in English (a surname joins the full name). There is no pronoun coreference for French.
"""

from __future__ import annotations

from spacy.tokens import Doc
from spacy.tokens import Span as SpacySpan

from newsgraph.extract.entities import build_entities
from newsgraph.records import Entity

LABELS = {"PER": "PERSON", "ORG": "ORG", "LOC": "GPE", "MISC": "MISC"}
_ARTICLES = frozenset({"le", "la", "les", "l'", "l\u2019", "du", "des", "de", "d'", "d\u2019", "au", "aux"})
_TITLE_TEXT = """président présidente m. mme mlle monsieur madame ministre premier première porte-parole chef
    cheffe général sénateur sénatrice député députée maire juge docteur dr roi reine prince princesse pape"""
TITLES = frozenset(_TITLE_TEXT.split())
_INSTITUTIONS = frozenset(
    {"ministère", "gouvernement", "parlement", "assemblée", "sénat", "commission", "conseil", "parquet", "tribunal"}
    | {"cour", "police", "armée", "banque", "agence", "université", "parti", "mairie", "préfecture", "ambassade"}
)
_NAME_NOUNS = frozenset({"agence", "journal", "quotidien", "hebdomadaire", "chaîne", "site", "groupe", "société"})
# "Poutine" is a person, "Kremlin" a seat of power the model tags as a place: what the English model calls them.
_PLACES_AS_ORGS = frozenset({"kremlin", "élysée", "elysee", "matignon", "maison-blanche", "pentagone", "quai d'orsay"})


def french_entity_spans(doc: Doc) -> list[SpacySpan]:
    """The model's entities with OntoNotes labels, without leading articles and titles."""
    spans = []
    for ent in doc.ents:
        label = LABELS.get(ent.label_)
        if label is None:
            continue
        start = ent.start
        while start < ent.end - 1 and (doc[start].lower_ in _ARTICLES or doc[start].lower_ in TITLES):
            start += 1
        # "l'agence Interfax": the name after the common noun the model ran into it.
        # ("Agence France-Presse" keeps its capital and its word).
        if ent.end - start > 1 and doc[start].is_lower and doc[start].lower_ in _NAME_NOUNS:
            start += 1
        text = doc[start : ent.end].text.lower()
        # "ministère russe des Affaires étrangères", "parquet de Paris": institutions the model tags as places.
        if label == "GPE" and (text in _PLACES_AS_ORGS or doc[start].lower_ in _INSTITUTIONS):
            label = "ORG"
        spans.append(SpacySpan(doc, start, ent.end, label=label))
    return spans


def extract_entities_fr(doc: Doc) -> list[Entity]:
    """The named entities of a French ``doc``, one record per entity, numbered ``E1``, ``E2``, ..."""
    spans = french_entity_spans(doc)
    # A name ending with a person's surname is that person ("Bachar al-Assad" LOC, then "Assad" PER).
    surnames = {s[-1].text for s in spans if s.label_ == "PERSON"}
    spans = [
        SpacySpan(doc, s.start, s.end, label="PERSON")
        if s.label_ != "PERSON" and len(s) > 1 and s[-1].text in surnames
        else s
        for s in spans
    ]
    return build_entities(doc, spans, coreference=False)
