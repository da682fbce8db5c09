"""Scoring extractors against human-annotated corpora (TimeML, CoNLL-2003, PolNeAR, ...)."""

from newsgraph.evaluate.scores import PRF, EvaluationReport

__all__ = ["PRF", "EvaluationReport"]
