"""Attributions: who said what, through whom, how firmly."""

from __future__ import annotations

from collections.abc import Sequence

from spacy.language import Language
from spacy.tokens import Doc

from newsgraph.records import Attribution, Entity, TimeExpr


def extract_attributions(doc: Doc, entities: Sequence[Entity], times: Sequence[TimeExpr]) -> list[Attribution]:
    """The attributions in ``doc``; sources and intermediaries resolve to ``entities``."""
    return []


@Language.component(
    "newsgraph_attributions_v1",
    requires=["token.dep", "doc._.newsgraph_entities", "doc._.newsgraph_times"],
    assigns=["doc._.newsgraph_attributions"],
)
def attributions_component(doc: Doc) -> Doc:
    doc._.newsgraph_attributions = extract_attributions(doc, doc._.newsgraph_entities, doc._.newsgraph_times)
    return doc
