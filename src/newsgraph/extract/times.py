"""Time expressions: TIMEX3 extraction and normalisation against the publication date."""

from __future__ import annotations

import datetime as dt

from spacy.language import Language
from spacy.tokens import Doc

from newsgraph.records import TimeExpr


def extract_times(doc: Doc, anchor: dt.date | None) -> list[TimeExpr]:
    """Every time expression in ``doc``, normalised against ``anchor``."""
    return []


@Language.component("newsgraph_times_v1", requires=["token.pos"], assigns=["doc._.newsgraph_times"])
def times_component(doc: Doc) -> Doc:
    doc._.newsgraph_times = extract_times(doc, doc._.published)
    return doc
