"""Near-duplicate detection with MinHash LSH over word shingles.

Syndicated wire copy reaches a corpus many times with a new headline, a dropped
paragraph or a changed dateline. Exact hashing misses these; MinHash estimates the
Jaccard similarity of the articles' word 3-shingle sets, and LSH finds the candidates
above a threshold without comparing every pair.

A signature is stored as bytes (``Signature.to_bytes``) together with
``SIGNATURE_SCHEME``, so the in-memory index can be rebuilt from the store and a
signature made under other parameters is never compared with this one.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

import numpy as np
from datasketch import MinHash, MinHashLSH

SHINGLE_WORDS = 3
NUM_PERM = 128
SEED = 1
# datasketch's own hashing scheme; named explicitly so an upgrade of its default cannot
# silently make old and new signatures incomparable.
_DATASKETCH_SCHEME = "affine32"
SIGNATURE_SCHEME = f"minhash-{_DATASKETCH_SCHEME}-w{SHINGLE_WORDS}-p{NUM_PERM}-s{SEED}"
"""Names the shingling and hashing parameters; stored beside every signature."""

DEFAULT_THRESHOLD = 0.7
"""Estimated Jaccard similarity of shingle sets at and above which two articles are near-duplicates.

Wire copy reprinted with a new headline or a trimmed last paragraph scores 0.8-1.0;
unrelated articles on the same story score below 0.2.
"""

_WORD = re.compile(r"\w+")


def shingles(text: str, size: int = SHINGLE_WORDS) -> set[str]:
    """The set of ``size``-word shingles of ``text``, lowercased, punctuation ignored.

    A text shorter than ``size`` words is one shingle of all its words.
    """
    words = _WORD.findall(text.lower())
    if len(words) < size:
        return {" ".join(words)} if words else set()
    return {" ".join(words[i : i + size]) for i in range(len(words) - size + 1)}


@dataclass(frozen=True, slots=True, eq=False)
class Signature:
    """The MinHash signature of one article's shingle set."""

    minhash: MinHash

    @property
    def empty(self) -> bool:
        """True when the text had no words at all (nothing to compare)."""
        return bool(self.minhash.is_empty())

    def to_bytes(self) -> bytes:
        """The hash values as little-endian unsigned 32-bit integers (``NUM_PERM * 4`` bytes)."""
        return np.asarray(self.minhash.hashvalues, dtype="<u4").tobytes()

    @classmethod
    def from_bytes(cls, data: bytes) -> Signature:
        """The signature stored by ``to_bytes``.

        Raises:
            ValueError: ``data`` is not a signature of ``NUM_PERM`` values.
        """
        values = np.frombuffer(data, dtype="<u4")
        if values.size != NUM_PERM:
            raise ValueError(f"a signature has {NUM_PERM} values, got {values.size}")
        return cls(
            MinHash(num_perm=NUM_PERM, seed=SEED, hashvalues=values.astype(np.uint32), scheme=_DATASKETCH_SCHEME)
        )

    def similarity(self, other: Signature) -> float:
        """The estimated Jaccard similarity of the two shingle sets."""
        return float(self.minhash.jaccard(other.minhash))


def signature(text: str) -> Signature:
    """The MinHash signature of ``text``'s word shingles."""
    minhash = MinHash(num_perm=NUM_PERM, seed=SEED, scheme=_DATASKETCH_SCHEME)
    minhash.update_batch([s.encode("utf-8") for s in sorted(shingles(text))])
    return Signature(minhash)


@dataclass(frozen=True, slots=True)
class NearMatch:
    """An indexed article similar to the one queried."""

    article_id: str
    similarity: float


class NearDuplicateIndex:
    """An in-memory LSH index of article signatures.

    Args:
        threshold: estimated Jaccard similarity from which articles count as near-duplicates.
    """

    def __init__(self, threshold: float = DEFAULT_THRESHOLD) -> None:
        if not 0.0 < threshold <= 1.0:
            raise ValueError(f"threshold must be in (0, 1], got {threshold}")
        self.threshold = threshold
        self._lsh = MinHashLSH(threshold=threshold, num_perm=NUM_PERM)
        self._signatures: dict[str, Signature] = {}

    def __len__(self) -> int:
        return len(self._signatures)

    def __contains__(self, article_id: object) -> bool:
        return article_id in self._signatures

    def add(self, article_id: str, sig: Signature) -> None:
        """Index ``sig`` under ``article_id``; empty signatures and known ids are ignored."""
        if sig.empty or article_id in self._signatures:
            return
        self._lsh.insert(article_id, sig.minhash)
        self._signatures[article_id] = sig

    def get(self, article_id: str) -> Signature | None:
        """The indexed signature of ``article_id``."""
        return self._signatures.get(article_id)

    def add_all(self, items: Iterable[tuple[str, Signature]]) -> None:
        """Index many signatures, e.g. all of those kept in a store."""
        for article_id, sig in items:
            self.add(article_id, sig)

    def matches(self, sig: Signature) -> list[NearMatch]:
        """Indexed articles whose estimated similarity to ``sig`` reaches the threshold, most similar first.

        LSH candidates are checked against the threshold, since banding lets some through below it.
        Ties are broken by article id so the answer does not depend on insertion order.
        """
        if sig.empty:
            return []
        found = []
        for key in self._lsh.query(sig.minhash):
            article_id = str(key)
            similarity = sig.similarity(self._signatures[article_id])
            if similarity >= self.threshold:
                found.append(NearMatch(article_id, similarity))
        return sorted(found, key=lambda m: (-m.similarity, m.article_id))
