"""News reuse: reports that copy, edit or quote paragraphs of an earlier one.

Wire copy reaches a corpus many times: reprinted verbatim, edited (paragraphs cut or trimmed, a new
headline, byline, dateline or sign-off), or with some of its paragraphs inside another outlet's own
text. The Jaccard similarity of whole documents misses the last two (a report reusing three
paragraphs of a long dispatch shares a small part of their union); *containment* does not: the share
of one report's word 5-grams that occur in the other.

Words inside quotation marks are left out of the fingerprint: they are a third party's, and two
outlets quoting the same spokesman share them without either copying the other. A text made almost
only of quotes keeps them, since then the quotes are all there is to share.

A fingerprint is the sorted set of 32-bit hashes of a text's word 5-grams. The index keeps, for
candidate search, only the hashes divisible by ``SAMPLE`` (a fixed sample, so two texts sharing a
passage share its sampled hashes), and checks containment exactly on the few best candidates.

A fingerprint is stored as bytes (``Signature.to_bytes``) with ``SIGNATURE_SCHEME``, so the index can be
rebuilt from the store and a fingerprint made under other parameters is never compared with this one.
"""

from __future__ import annotations

import re
import zlib
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Literal

import numpy as np
import numpy.typing as npt

SHINGLE_WORDS = 5
SAMPLE = 4
SIGNATURE_SCHEME = f"containment-crc32-w{SHINGLE_WORDS}-unquoted"
"""Names the shingling and hashing parameters; stored beside every fingerprint."""

DEFAULT_THRESHOLD = 0.3
"""Containment at and above which one report reuses another: the share of either report's 5-grams
found in the other. Unrelated reports of one event share under 0.05 (names and set phrases)."""

MIN_SHARED = 10
"""5-grams two reports must share at the least: a sentence of about fifteen words, not a set phrase."""

CANDIDATES = 20
# A sampled hash held by this many stored articles is boilerplate ("Reporting by ... Editing by"): skipped.
_COMMON = 200

ReuseKind = Literal["verbatim", "edited", "partial"]
_WORD = re.compile(r"\w+")
_DOUBLE_QUOTE = re.compile(r'["“”«»„]')

Hashes = npt.NDArray[np.uint32]


def _words(text: str) -> list[re.Match[str]]:
    return list(_WORD.finditer(text.lower()))


def _hashes(words: list[str]) -> list[int]:
    if len(words) < SHINGLE_WORDS:
        return [zlib.crc32(" ".join(words).encode("utf-8"))] if words else []
    return [
        zlib.crc32(" ".join(words[i : i + SHINGLE_WORDS]).encode("utf-8"))
        for i in range(len(words) - SHINGLE_WORDS + 1)
    ]


def quoted_spans(text: str) -> list[tuple[int, int]]:
    """Character ranges of ``text`` inside double quotation marks or guillemets, paragraph by paragraph.

    A quote still open at the end of a paragraph runs to its end: news style reopens a quote that
    goes on over several paragraphs instead of closing it.
    """
    spans: list[tuple[int, int]] = []
    offset = 0
    for paragraph in text.split("\n"):
        opened: int | None = None
        for mark in _DOUBLE_QUOTE.finditer(paragraph):
            if opened is None:
                opened = mark.start()
            else:
                spans.append((offset + opened, offset + mark.end()))
                opened = None
        if opened is not None:
            spans.append((offset + opened, offset + len(paragraph)))
        offset += len(paragraph) + 1
    return spans


def _unquoted_hashes(text: str) -> list[int]:
    words = _words(text)
    hashes = _hashes([m.group() for m in words])
    # Word offsets are into the lowercased text, which a few characters ("İ") make longer.
    lowered = text.lower()
    spans = quoted_spans(lowered)
    if not spans or len(words) < SHINGLE_WORDS:
        return hashes
    inside = np.zeros(len(lowered) + 1, dtype=np.int32)
    for start, end in spans:
        inside[start] += 1
        inside[end] -= 1
    quoted = np.cumsum(inside) > 0
    kept = [h for i, h in enumerate(hashes) if not quoted[words[i].start() : words[i + SHINGLE_WORDS - 1].end()].all()]
    return kept if len(kept) >= MIN_SHARED else hashes


def shingles(text: str, size: int = SHINGLE_WORDS) -> set[str]:
    """The set of ``size``-word shingles of ``text``, lowercased, punctuation ignored.

    A text shorter than ``size`` words is one shingle of all its words.
    """
    words = [m.group() for m in _words(text)]
    if len(words) < size:
        return {" ".join(words)} if words else set()
    return {" ".join(words[i : i + size]) for i in range(len(words) - size + 1)}


@dataclass(frozen=True, slots=True, eq=False)
class Signature:
    """The fingerprint of one text: its word 5-gram hashes, sorted and unique."""

    hashes: Hashes

    @property
    def empty(self) -> bool:
        """True when the text had no words at all (nothing to compare)."""
        return self.hashes.size == 0

    def to_bytes(self) -> bytes:
        """The hashes as little-endian unsigned 32-bit integers."""
        return np.asarray(self.hashes, dtype="<u4").tobytes()

    @classmethod
    def from_bytes(cls, data: bytes) -> Signature:
        """The fingerprint stored by ``to_bytes``.

        Raises:
            ValueError: ``data`` is not a whole number of 32-bit hashes.
        """
        if len(data) % 4:
            raise ValueError(f"a fingerprint is a whole number of 4-byte hashes, got {len(data)} bytes")
        return cls(np.frombuffer(data, dtype="<u4").astype(np.uint32))

    def shared(self, other: Signature) -> int:
        """How many 5-grams the two texts share."""
        return int(np.intersect1d(self.hashes, other.hashes, assume_unique=True).size)

    def containment(self, other: Signature) -> float:
        """The share of this text's 5-grams that occur in ``other``."""
        return self.shared(other) / self.hashes.size if self.hashes.size else 0.0

    def sample(self) -> Hashes:
        """The hashes the index searches on."""
        sampled: Hashes = self.hashes[self.hashes % SAMPLE == 0]
        return sampled


def signature(text: str) -> Signature:
    """The fingerprint of ``text``'s word 5-grams outside quotation marks."""
    return Signature(np.unique(np.asarray(_unquoted_hashes(text), dtype=np.uint32)))


def reuse_kind(contained: float, reverse: float) -> ReuseKind:
    """How one report reuses another, from the share of each found in the other.

    ``verbatim``: the same text (a headline or a line of furniture aside); ``edited``: one is most of the
    other (cut, trimmed or extended wire copy); ``partial``: some paragraphs of one inside the other.
    """
    if min(contained, reverse) >= 0.9:
        return "verbatim"
    if min(contained, reverse) >= 0.5:
        return "edited"
    return "partial"


def shared_passages(text: str, source: Signature) -> list[tuple[int, int]]:
    """Character ranges of ``text`` made of 5-grams that occur in ``source``, merged."""
    words = _words(text)
    known = set(source.hashes.tolist())
    ranges: list[tuple[int, int]] = []
    for i, h in enumerate(_hashes([m.group() for m in words])):
        if h not in known or len(words) < SHINGLE_WORDS:
            continue
        start, end = words[i].start(), words[i + SHINGLE_WORDS - 1].end()
        if ranges and start <= ranges[-1][1] + 1:
            ranges[-1] = (ranges[-1][0], max(ranges[-1][1], end))
        else:
            ranges.append((start, end))
    return ranges


@dataclass(frozen=True, slots=True)
class NearMatch:
    """An indexed article that shares text with the one queried.

    ``similarity`` is the share of the queried text found in it, ``reverse`` the share of it found in
    the queried text.
    """

    article_id: str
    similarity: float
    reverse: float
    shared: int

    @property
    def kind(self) -> ReuseKind:
        """How the two reuse each other (see ``reuse_kind``)."""
        return reuse_kind(self.similarity, self.reverse)

    @property
    def strength(self) -> float:
        """The larger containment: what decides whether the two are linked."""
        return max(self.similarity, self.reverse)


class NearDuplicateIndex:
    """An in-memory index of article fingerprints, searched by containment.

    Args:
        threshold: containment (either way) from which two articles reuse one another.
    """

    def __init__(self, threshold: float = DEFAULT_THRESHOLD) -> None:
        if not 0.0 < threshold <= 1.0:
            raise ValueError(f"threshold must be in (0, 1], got {threshold}")
        self.threshold = threshold
        self._signatures: dict[str, Signature] = {}
        self._postings: dict[int, list[str]] = {}

    def __len__(self) -> int:
        return len(self._signatures)

    def __contains__(self, article_id: object) -> bool:
        return article_id in self._signatures

    def add(self, article_id: str, sig: Signature) -> None:
        """Index ``sig`` under ``article_id``; empty fingerprints and known ids are ignored."""
        if sig.empty or article_id in self._signatures:
            return
        self._signatures[article_id] = sig
        for h in sig.sample().tolist():
            self._postings.setdefault(h, []).append(article_id)

    def get(self, article_id: str) -> Signature | None:
        """The indexed fingerprint of ``article_id``."""
        return self._signatures.get(article_id)

    def add_all(self, items: Iterable[tuple[str, Signature]]) -> None:
        """Index many fingerprints, e.g. all of those kept in a store."""
        for article_id, sig in items:
            self.add(article_id, sig)

    def matches(self, sig: Signature) -> list[NearMatch]:
        """Indexed articles sharing enough of their text with ``sig``, strongest first.

        Candidates share sampled hashes; the best of them are checked exactly. Ties are broken by
        article id so the answer does not depend on insertion order.
        """
        if sig.empty:
            return []
        votes: Counter[str] = Counter()
        for h in sig.sample().tolist():
            holders = self._postings.get(h, ())
            if len(holders) <= _COMMON:
                votes.update(holders)
        found = []
        for article_id, _ in votes.most_common(CANDIDATES):
            other = self._signatures[article_id]
            shared = sig.shared(other)
            if shared < MIN_SHARED:
                continue
            match = NearMatch(article_id, shared / sig.hashes.size, shared / other.hashes.size, shared)
            if match.strength >= self.threshold:
                found.append(match)
        return sorted(found, key=lambda m: (-m.strength, -m.shared, m.article_id))
