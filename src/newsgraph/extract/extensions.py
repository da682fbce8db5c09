"""The custom ``Doc._`` attributes through which components hand records to each other."""

from __future__ import annotations

import datetime as dt

from spacy.tokens import Doc

from newsgraph.records import PublishedFrom

_DEFAULTS: dict[str, object] = {
    "published": None,  # anchor date for relative times; set before the pipeline, or inferred
    "published_from": "unknown",
    "today": None,  # upper bound for an inferred publication date
    "newsgraph_entities": None,
    "newsgraph_times": None,
    "newsgraph_attributions": None,
    "newsgraph_events": None,
}

for _name, _default in _DEFAULTS.items():
    if not Doc.has_extension(_name):
        Doc.set_extension(_name, default=_default)


def prepare_doc(doc: Doc, published: dt.date | None, published_from: PublishedFrom, today: dt.date) -> Doc:
    """Attach the article's metadata that components need before the pipeline runs."""
    doc._.published = published
    doc._.published_from = published_from if published else "unknown"
    doc._.today = today
    doc._.newsgraph_entities = []
    doc._.newsgraph_times = []
    doc._.newsgraph_attributions = []
    doc._.newsgraph_events = []
    return doc
