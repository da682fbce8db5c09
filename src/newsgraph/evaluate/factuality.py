"""Event factuality on the UW corpus (Lee et al. 2015) in the unified format of Stanovsky et al. 2017.

One JSON object per sentence: ``text`` (tokens separated by spaces) and ``targets``, each with a
token range ``span1`` ``[start, end)`` and a gold ``label`` in [-3, 3]. Docs are built from the
given tokens, the whole pipeline runs over them (so a target inside an attribution's content
inherits its claim status), and the factuality function scores the head token of every target,
whether or not the trigger detector would have picked it. Scores: mean absolute error and
Pearson r over all targets.
"""

from __future__ import annotations

import datetime as dt
import json
import math
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

from spacy.language import Language
from spacy.tokens import Doc, Token

from newsgraph.errors import DataError
from newsgraph.evaluate.scores import EvaluationReport
from newsgraph.extract.events import factuality
from newsgraph.extract.events.learned import LearnedFactuality
from newsgraph.extract.extensions import prepare_doc
from newsgraph.records import Attribution, ClaimStatus


@dataclass(frozen=True, slots=True)
class Target:
    """One gold event: its token range in the sentence and its UW score."""

    start: int
    end: int
    label: float


@dataclass(frozen=True, slots=True)
class UWSentence:
    """A sentence of the UW corpus: its tokens and gold targets."""

    words: tuple[str, ...]
    targets: tuple[Target, ...]


@dataclass(frozen=True, slots=True)
class ScoredTarget:
    """A target's gold label, the cues found for it and the predicted score."""

    label: float
    cues: frozenset[str]
    status: ClaimStatus | None
    predicted: float


def read_uw(path: Path) -> list[UWSentence]:
    """Read a unified-format UW file.

    Raises:
        DataError: the file is missing, unreadable or not in the unified format.
    """
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError) as exc:
        raise DataError(f"{path}: cannot read factuality file ({exc.__class__.__name__})") from exc
    sentences = []
    for number, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        try:
            record = json.loads(line)
            words = tuple(record["text"].split())
            targets = tuple(
                Target(int(t["span1"][0]), int(t["span1"][1]), float(t["label"])) for t in record["targets"]
            )
        except (ValueError, KeyError, TypeError, IndexError) as exc:
            raise DataError(f"{path}:{number}: not a unified-format factuality record ({exc})") from exc
        if any(not 0 <= t.start < t.end <= len(words) for t in targets):
            raise DataError(f"{path}:{number}: a target span lies outside the sentence")
        sentences.append(UWSentence(words, targets))
    if not sentences:
        raise DataError(f"{path}: no sentences")
    return sentences


def _status(attributions: Sequence[Attribution], start: int, end: int) -> ClaimStatus | None:
    for attribution in attributions:
        if attribution.content.start <= start and end <= attribution.content.end:
            return attribution.status
    return None


def parsed_targets(
    sentences: Sequence[UWSentence], nlp: Language, batch_size: int = 64
) -> Iterator[tuple[UWSentence, list[tuple[Token, ClaimStatus | None]]]]:
    """Run the pipeline over the sentences: each one's targets as head tokens with their claim's status."""
    today = dt.date.today()
    docs = (prepare_doc(Doc(nlp.vocab, words=list(s.words)), None, "unknown", today) for s in sentences)
    for sentence, doc in zip(sentences, nlp.pipe(docs, batch_size=batch_size), strict=True):
        attributions = doc._.newsgraph_attributions or []
        found = []
        for target in sentence.targets:
            token = doc[target.start : target.end].root
            found.append((token, _status(attributions, token.idx, token.idx + len(token.text))))
        yield sentence, found


def score_targets(sentences: Sequence[UWSentence], nlp: Language, batch_size: int = 64) -> Iterator[ScoredTarget]:
    """Score every gold target as the pipeline scores its events: by the learned model when the
    pipeline has one (the accurate profile), else by the rules."""
    learned = next((pipe for _, pipe in nlp.pipeline if isinstance(pipe, LearnedFactuality)), None)
    for sentence, found in parsed_targets(sentences, nlp, batch_size):
        values = learned.scores(found) if learned is not None else [factuality.score(t, s) for t, s in found]
        for target, (token, status), value in zip(sentence.targets, found, values, strict=True):
            yield ScoredTarget(
                label=target.label,
                cues=factuality.features(token, status),
                status=status,
                predicted=factuality.assess_score(value, status).score,
            )


def pearson(xs: Sequence[float], ys: Sequence[float]) -> float:
    """Pearson's correlation coefficient (0 when either side is constant)."""
    n = len(xs)
    mx, my = sum(xs) / n, sum(ys) / n
    sxy = sum((x - mx) * (y - my) for x, y in zip(xs, ys, strict=True))
    sxx = sum((x - mx) ** 2 for x in xs)
    syy = sum((y - my) ** 2 for y in ys)
    return sxy / math.sqrt(sxx * syy) if sxx and syy else 0.0


def evaluate_factuality(path: Path, nlp: Language) -> EvaluationReport:
    """Score predicted event factuality against a UW unified-format file.

    Args:
        path: a ``.jsonl`` file (``../shared/data/factuality/UW/dev.jsonl``).
        nlp: the pipeline from ``newsgraph.load_model``.

    Returns:
        ``metrics``: ``MAE``, ``Pearson r`` and the number of ``targets``; ``documents`` counts
        sentences.

    Raises:
        DataError: the file is missing, unreadable or not in the unified format.
    """
    sentences = read_uw(path)
    scored = list(score_targets(sentences, nlp))
    gold = [s.label for s in scored]
    predicted = [s.predicted for s in scored]
    mae = sum(abs(g - p) for g, p in zip(gold, predicted, strict=True)) / len(scored)
    return EvaluationReport(
        task="factuality",
        data=str(path),
        documents=len(sentences),
        metrics={"MAE": mae, "Pearson r": pearson(gold, predicted), "targets": float(len(scored))},
    )
