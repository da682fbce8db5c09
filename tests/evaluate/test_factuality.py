"""UW factuality evaluation: reader, Pearson r, and the quality gate on UW dev."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from conftest import shared_path
from spacy.language import Language

from newsgraph.errors import DataError
from newsgraph.evaluate.factuality import evaluate_factuality, pearson, read_uw


def test_read_uw(tmp_path: Path) -> None:
    path = tmp_path / "uw.jsonl"
    record = {"text": "He did not leave .", "targets": [{"span1": [3, 4], "label": -3.0, "span_text": "leave"}]}
    path.write_text(json.dumps(record) + "\n", encoding="utf-8")
    (sentence,) = read_uw(path)
    assert sentence.words[3] == "leave" and sentence.targets[0].label == -3.0


def test_read_uw_rejects_bad_spans(tmp_path: Path) -> None:
    path = tmp_path / "bad.jsonl"
    path.write_text(json.dumps({"text": "a b", "targets": [{"span1": [1, 5], "label": 1}]}) + "\n", encoding="utf-8")
    with pytest.raises(DataError):
        read_uw(path)


def test_pearson() -> None:
    assert pearson([1, 2, 3], [2, 4, 6]) == pytest.approx(1.0)
    assert pearson([1, 2, 3], [3, 2, 1]) == pytest.approx(-1.0)
    assert pearson([1, 1, 1], [1, 2, 3]) == 0.0


def test_negated_target_scores_low(nlp: Language, tmp_path: Path) -> None:
    path = tmp_path / "uw.jsonl"
    lines = [
        {"text": "The troops did not leave the city .", "targets": [{"span1": [4, 5], "label": -3.0}]},
        {"text": "The troops left the city .", "targets": [{"span1": [2, 3], "label": 3.0}]},
    ]
    path.write_text("\n".join(json.dumps(line) for line in lines) + "\n", encoding="utf-8")
    report = evaluate_factuality(path, nlp)
    assert report.metrics["Pearson r"] > 0.9


@pytest.mark.shared
@pytest.mark.slow
def test_uw_dev_quality_gate(nlp: Language) -> None:
    report = evaluate_factuality(shared_path("data", "factuality", "UW", "dev.jsonl"), nlp)
    # Measured 2026-11-26 with the CRF attribution tagger: MAE 0.513, r 0.670 on 3,358 dev targets.
    assert report.metrics["MAE"] <= 0.513 + 0.01
    assert report.metrics["Pearson r"] >= 0.670 - 0.01
