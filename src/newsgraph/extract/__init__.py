"""Extractors: pure functions over a spaCy ``Doc`` returning records, each wrapped as a component.

Importing this package registers the components (``newsgraph_*_v1``) with spaCy.
"""

# The accurate profile's learned components register here; their models load only when they are created.
from newsgraph.extract.attribution import neural as _neural_attributions  # noqa: F401
from newsgraph.extract.attributions import extract_attributions
from newsgraph.extract.entities import extract_entities
from newsgraph.extract.events import extract_events
from newsgraph.extract.events import learned as _learned_factuality  # noqa: F401
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
