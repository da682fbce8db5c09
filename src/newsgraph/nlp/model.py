"""Building the pipelines: an installed spaCy model per language plus newsgraph's registered components."""

from __future__ import annotations

import weakref
from collections.abc import Mapping
from dataclasses import dataclass

import spacy
from spacy.language import Language

from newsgraph.errors import ModelError
from newsgraph.nlp.language import UNDETERMINED, LanguageDetector
from newsgraph.records import Document
from newsgraph.settings import Settings

# Order matters: entity fixes feed coreference, and attributions read entities and times.
PIPELINE = (
    "newsgraph_entities_v1",
    "newsgraph_times_v1",
    "newsgraph_attributions_v1",
    "newsgraph_events_v1",
)
FRENCH_PIPELINE = (
    "newsgraph_entities_fr_v1",
    "newsgraph_times_fr_v1",
    "newsgraph_attributions_fr_v1",
    "newsgraph_events_fr_v1",
)


@dataclass(frozen=True, slots=True)
class Profile:
    """What a profile (``Settings.profile``) changes in the English pipeline.

    Attributes:
        attribution: the attribution extractor (a key of ``COMPONENTS``) that replaces the default CRF tagger;
            a setting that chose another extractor (``rules``) is kept.
        extra: components appended after the events.
    """

    attribution: str = "tagger"
    extra: tuple[str, ...] = ()


PIPELINE_PROFILES: dict[str, Profile] = {
    "default": Profile(),
    "accurate": Profile(attribution="neural", extra=("newsgraph_factuality_model_v1",)),
}
"""Learned models that cost more than the default's budget (1.25x the bare spaCy parse) belong to a named
profile; the names are ``newsgraph.settings.PROFILES``."""
LANGUAGES = ("en", "fr")
"""The languages newsgraph has a pipeline for; an article in another is stored without analysis."""


def load_model(settings: Settings | None = None, language: str = "en") -> Language:
    """Load the spaCy model for ``language`` named in ``settings`` and append newsgraph's components.

    Call it once and pass the result to ``analyze``; loading takes about a second. Articles in another
    language than the model's are analysed by that language's pipeline, loaded when the first one comes
    (``Pipelines``).

    Raises:
        ModelError: the model package is not installed, or ``language`` has no pipeline.
    """
    settings = settings or Settings()
    # Importing the extractors registers their components with spaCy.
    import newsgraph.extract  # noqa: F401

    if language not in LANGUAGES:
        raise ModelError(f"no pipeline for language {language!r} (newsgraph reads {', '.join(LANGUAGES)})")
    name = settings.model if language == "en" else settings.french_model
    try:
        nlp = spacy.load(name)
    except OSError as exc:
        raise ModelError(f"spaCy model {name!r} is not installed (pip install it)") from exc
    if language == "fr":
        for component in FRENCH_PIPELINE:
            nlp.add_pipe(component)
    else:
        from newsgraph.extract.attribution import COMPONENTS

        if settings.attribution not in COMPONENTS:
            raise ModelError(f"setting attribution={settings.attribution!r} is not one of {', '.join(COMPONENTS)}")
        profile = PIPELINE_PROFILES[settings.profile]
        attribution = profile.attribution if settings.attribution == "tagger" else settings.attribution
        # The attribution slot holds the extractor the settings and the profile choose.
        chosen = {COMPONENTS["rules"]: COMPONENTS[attribution]}
        for component in (*PIPELINE, *profile.extra):
            nlp.add_pipe(chosen.get(component, component))
    _PIPELINES[nlp] = Pipelines(nlp, settings)
    return nlp


class Pipelines:
    """The pipeline of each language: ``default`` for its own, the others loaded when first asked for.

    ``language_of`` tells a document's language: the one its reader gave, else the detected one, else
    (too little text to tell) the default pipeline's.
    """

    def __init__(self, default: Language, settings: Settings | None = None) -> None:
        self.default = default
        self.settings = settings or Settings()
        self.language: str = default.lang or "en"
        self._loaded: dict[str, Language] = {self.language: default}
        self._detector: LanguageDetector | None = None

    @classmethod
    def of(cls, nlp: Language | Pipelines) -> Pipelines:
        """The pipelines ``nlp`` belongs to: those ``load_model`` made it with, else a new set around it."""
        if isinstance(nlp, Pipelines):
            return nlp
        found = _PIPELINES.get(nlp)
        if found is None:
            found = _PIPELINES[nlp] = cls(nlp)
        return found

    @property
    def loaded(self) -> Mapping[str, Language]:
        """The pipelines loaded so far, by language."""
        return self._loaded

    def language_of(self, document: Document) -> str:
        """``document``'s language: given by its reader, else detected, else the default pipeline's."""
        if document.language:
            return document.language
        if self._detector is None:
            self._detector = LanguageDetector()
        found = self._detector.detect(document.text)
        return self.language if found == UNDETERMINED else found

    def get(self, language: str) -> Language | None:
        """The pipeline for ``language``, loaded the first time; None when newsgraph has none for it."""
        if language not in self._loaded:
            if language not in LANGUAGES:
                return None
            self._loaded[language] = load_model(self.settings, language)
            _PIPELINES[self._loaded[language]] = self
        return self._loaded[language]


# Which set of pipelines a loaded model belongs to, so that code handed one model finds the others.
_PIPELINES: weakref.WeakKeyDictionary[Language, Pipelines] = weakref.WeakKeyDictionary()
