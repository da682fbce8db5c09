"""Building the pipeline: the installed spaCy model plus newsgraph's registered components."""

from __future__ import annotations

import spacy
from spacy.language import Language

from newsgraph.errors import ModelError
from newsgraph.settings import Settings

# Order matters: entity fixes feed coreference, and attributions read entities and times.
PIPELINE = (
    "newsgraph_entities_v1",
    "newsgraph_times_v1",
    "newsgraph_attributions_v1",
    "newsgraph_events_v1",
)


def load_model(settings: Settings | None = None) -> Language:
    """Load the spaCy model named in ``settings`` and append newsgraph's components.

    Call it once and pass the result to ``analyze``; loading takes about a second.

    Raises:
        ModelError: the model package is not installed.
    """
    settings = settings or Settings()
    # Importing the extractors registers their components with spaCy.
    import newsgraph.extract  # noqa: F401

    try:
        nlp = spacy.load(settings.model)
    except OSError as exc:
        raise ModelError(f"spaCy model {settings.model!r} is not installed (pip install it)") from exc
    from newsgraph.extract.attribution import COMPONENTS

    if settings.attribution not in COMPONENTS:
        raise ModelError(f"setting attribution={settings.attribution!r} is not one of {', '.join(COMPONENTS)}")
    # The attribution slot holds the extractor the settings choose (rules alone, or rules + CRF).
    chosen = {COMPONENTS["rules"]: COMPONENTS[settings.attribution]}
    for name in PIPELINE:
        nlp.add_pipe(chosen.get(name, name))
    return nlp
