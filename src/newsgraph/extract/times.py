"""Time expressions: the ``newsgraph_times_v1`` component (the grammar lives in ``extract.timex``)."""

from __future__ import annotations

import datetime as dt

from spacy.language import Language
from spacy.tokens import Doc

from newsgraph.extract.timex import extract_times, infer_publication_date

__all__ = ["extract_times", "infer_publication_date", "times_component"]


@Language.component("newsgraph_times_v1", requires=["token.pos"], assigns=["doc._.newsgraph_times"])
def times_component(doc: Doc) -> Doc:
    """Fill ``doc._.newsgraph_times``; infer ``doc._.published`` from the text when it is unknown."""
    if doc._.published is None:
        inferred = infer_publication_date(doc.text, doc._.today or dt.date.today())
        if inferred is not None:
            doc._.published = inferred
            doc._.published_from = "text"
    doc._.newsgraph_times = extract_times(doc, doc._.published)
    return doc
