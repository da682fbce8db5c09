"""The common shape of every evaluation result, so the CLI renders them all the same way."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any


@dataclass(frozen=True, slots=True)
class PRF:
    """Counts of true positives, false positives and false negatives, and the scores they give."""

    tp: int
    fp: int
    fn: int

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def __add__(self, other: PRF) -> PRF:
        return PRF(self.tp + other.tp, self.fp + other.fp, self.fn + other.fn)

    def to_dict(self) -> dict[str, float | int]:
        return {
            "precision": round(self.precision, 4),
            "recall": round(self.recall, 4),
            "f1": round(self.f1, 4),
            "tp": self.tp,
            "fp": self.fp,
            "fn": self.fn,
        }


@dataclass(frozen=True, slots=True)
class EvaluationReport:
    """What an evaluation measured.

    Attributes:
        task: what was evaluated ("timex", "ner", "attribution", ...).
        data: the file or folder scored.
        documents: how many documents were scored.
        scores: precision/recall/F1 rows, by name ("strict extraction", "PER", ...).
        metrics: other figures, by name ("value accuracy", "Pearson r", ...).
    """

    task: str
    data: str
    documents: int
    scores: Mapping[str, PRF] = field(default_factory=dict)
    metrics: Mapping[str, float] = field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        return {
            "task": self.task,
            "data": self.data,
            "documents": self.documents,
            "scores": {name: prf.to_dict() for name, prf in self.scores.items()},
            "metrics": {name: round(value, 4) for name, value in self.metrics.items()},
        }
