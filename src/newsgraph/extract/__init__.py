"""Extractors: pure functions over a spaCy ``Doc`` returning records, each wrapped as a component.

Importing this package registers the components (``newsgraph_*_v1``) with spaCy.
"""

from newsgraph.extract.attributions import extract_attributions
from newsgraph.extract.entities import extract_entities
from newsgraph.extract.events import extract_events
from newsgraph.extract.events import learned as _learned  # noqa: F401  (registers the accurate profile's scorer)
from newsgraph.extract.french import extract_attributions_fr, extract_entities_fr, extract_events_fr, extract_times_fr
from newsgraph.extract.times import extract_times

__all__ = [
    "extract_attributions",
    "extract_attributions_fr",
    "extract_entities",
    "extract_entities_fr",
    "extract_events",
    "extract_events_fr",
    "extract_times",
    "extract_times_fr",
]
