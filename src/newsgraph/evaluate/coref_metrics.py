"""Coreference metrics: MUC, B³, CEAF-e (and their CoNLL average), and the adjusted Rand index.

Items are anything hashable; a clustering is a mapping item → cluster label. The key (gold) and the
response (predicted) may hold different items, as with predicted mentions: a response item missing
from the key is *twinless* and counts against precision, a key item missing from the response
counts against recall — the convention of the CoNLL reference scorer (v8) as described by
Pradhan et al. (2014): MUC partitions count a missing mention as its own singleton, B³ averages
recall over key mentions and precision over response mentions, and CEAF-e aligns whole clusters
with phi4, so clusters of twinless mentions only lower precision.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Hashable, Iterable, Mapping
from dataclasses import dataclass
from typing import TypeVar

import numpy as np

K = TypeVar("K", bound=Hashable)


@dataclass(frozen=True, slots=True)
class CorefScores:
    """MUC, B³ and CEAF-e (precision, recall, F1 each) and the CoNLL average of the three F1."""

    muc: tuple[float, float, float]
    b3: tuple[float, float, float]
    ceafe: tuple[float, float, float]

    @property
    def conll(self) -> float:
        """The mean of the MUC, B³ and CEAF-e F1."""
        return (self.muc[2] + self.b3[2] + self.ceafe[2]) / 3


def _f1(p: float, r: float) -> float:
    return 2 * p * r / (p + r) if p + r else 0.0


def _clusters(assignment: Mapping[K, Hashable]) -> list[frozenset[K]]:
    groups: defaultdict[Hashable, set[K]] = defaultdict(set)
    for item, cluster in assignment.items():
        groups[cluster].add(item)
    return [frozenset(g) for g in groups.values()]


def b_cubed(gold: Mapping[K, Hashable], predicted: Mapping[K, Hashable]) -> tuple[float, float, float]:
    """B³ precision (over response items), recall (over key items) and F1 of ``predicted`` against ``gold``."""
    gold_of = {i: c for c in _clusters(gold) for i in c}
    pred_of = {i: c for c in _clusters(predicted) for i in c}
    if not gold_of or not pred_of:
        return 0.0, 0.0, 0.0
    empty: frozenset[K] = frozenset()
    r = sum(len(gold_of[i] & pred_of.get(i, empty)) / len(gold_of[i]) for i in gold_of) / len(gold_of)
    p = sum(len(pred_of[i] & gold_of.get(i, empty)) / len(pred_of[i]) for i in pred_of) / len(pred_of)
    return p, r, _f1(p, r)


def muc(gold: Mapping[K, Hashable], predicted: Mapping[K, Hashable]) -> tuple[float, float, float]:
    """MUC link-based precision, recall, F1 (Vilain et al. 1995)."""

    def score(keys: list[frozenset[K]], other: Mapping[K, Hashable]) -> float:
        # A mention the other side lacks is a partition of its own.
        num = sum(len(k) - len({other[i] for i in k if i in other}) - sum(i not in other for i in k) for k in keys)
        den = sum(len(k) - 1 for k in keys)
        return num / den if den else 0.0

    r = score(_clusters(gold), predicted)
    p = score(_clusters(predicted), gold)
    return p, r, _f1(p, r)


def ceaf_e(gold: Mapping[K, Hashable], predicted: Mapping[K, Hashable]) -> tuple[float, float, float]:
    """Entity-based CEAF (Luo 2005) with phi4 similarity, aligned by the Hungarian algorithm."""
    # scipy comes with datasketch (a dependency) and ships no type stubs.
    from scipy.optimize import linear_sum_assignment  # type: ignore[import-untyped]

    keys, responses = _clusters(gold), _clusters(predicted)
    if not keys or not responses:
        return 0.0, 0.0, 0.0
    matrix = np.zeros((len(keys), len(responses)))
    where: defaultdict[K, list[int]] = defaultdict(list)
    for j, response in enumerate(responses):
        for item in response:
            where[item].append(j)
    for i, key in enumerate(keys):
        for item in key:
            for j in where[item]:
                matrix[i, j] += 1.0
    for i, key in enumerate(keys):
        for col in np.nonzero(matrix[i])[0]:
            matrix[i, col] = 2 * matrix[i, col] / (len(key) + len(responses[int(col)]))
    rows, cols = linear_sum_assignment(-matrix)
    total = float(matrix[rows, cols].sum())
    p, r = total / len(responses), total / len(keys)
    return p, r, _f1(p, r)


def coref_scores(gold: Mapping[K, Hashable], predicted: Mapping[K, Hashable]) -> CorefScores:
    """All three coreference metrics of ``predicted`` against ``gold``."""
    return CorefScores(muc(gold, predicted), b_cubed(gold, predicted), ceaf_e(gold, predicted))


def adjusted_rand_index(gold: Mapping[K, Hashable], predicted: Mapping[K, Hashable]) -> float:
    """The adjusted Rand index (Hubert & Arabie 1985) of two clusterings of the same items."""
    from math import comb

    pairs: defaultdict[tuple[Hashable, Hashable], int] = defaultdict(int)
    for item, label in gold.items():
        pairs[(label, predicted[item])] += 1
    n = len(gold)
    index = sum(comb(c, 2) for c in pairs.values())
    a = sum(comb(c, 2) for c in _counts(gold.values()).values())
    b = sum(comb(c, 2) for c in _counts(predicted.values()).values())
    expected = a * b / comb(n, 2) if n > 1 else 0.0
    maximum = (a + b) / 2
    return (index - expected) / (maximum - expected) if maximum != expected else 1.0


def _counts(values: Iterable[Hashable]) -> dict[Hashable, int]:
    counts: defaultdict[Hashable, int] = defaultdict(int)
    for v in values:
        counts[v] += 1
    return counts
