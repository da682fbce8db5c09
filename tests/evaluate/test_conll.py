"""CoNLL-2003 NER evaluation: reader, scorer, and the quality gate on eng.testa."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import shared_path
from spacy.language import Language

from newsgraph.errors import DataError
from newsgraph.evaluate.conll import evaluate_ner, iob_chunks, read_conll

SAMPLE = """-DOCSTART- -X- O O

Rebels NNS I-NP O
reached VBD I-VP O
Aleppo NNP I-NP I-LOC
, , O O
John NNP I-NP I-PER
Smith NNP I-NP I-PER
said VBD I-VP O
. . O O

-DOCSTART- -X- O O

Reuters NNP I-NP I-ORG
reported VBD I-VP O
. . O O
"""


def test_iob1_chunks() -> None:
    assert iob_chunks(["I-PER", "I-PER", "O", "I-LOC", "B-LOC", "I-ORG"]) == [
        (0, 2, "PER"),
        (3, 4, "LOC"),
        (4, 5, "LOC"),
        (5, 6, "ORG"),
    ]


def test_reads_documents(tmp_path: Path) -> None:
    path = tmp_path / "sample.conll"
    path.write_text(SAMPLE, encoding="utf-8")
    docs = read_conll(path)
    assert len(docs) == 2
    assert docs[0].gold == frozenset({(2, 3, "LOC"), (4, 6, "PER")})


def test_scores_a_small_file(tmp_path: Path, nlp: Language) -> None:
    path = tmp_path / "sample.conll"
    path.write_text(SAMPLE, encoding="utf-8")
    report = evaluate_ner(path, nlp)
    assert report.task == "ner" and report.documents == 2
    overall = report.scores["overall"]
    assert overall.tp + overall.fn == 3
    assert set(report.scores) == {"overall", "PER", "ORG", "LOC", "MISC"}


def test_missing_file_is_a_data_error(tmp_path: Path, nlp: Language) -> None:
    with pytest.raises(DataError, match="no such"):
        evaluate_ner(tmp_path / "absent.conll", nlp)


def test_empty_file_is_a_data_error(tmp_path: Path, nlp: Language) -> None:
    (tmp_path / "empty.conll").write_text("", encoding="utf-8")
    with pytest.raises(DataError, match="no CoNLL-2003 tokens"):
        evaluate_ner(tmp_path / "empty.conll", nlp)


@pytest.mark.shared
@pytest.mark.slow
def test_testa_quality_gate(nlp: Language) -> None:
    path = shared_path("data", "conll2003", "eng.testa")
    fixed = evaluate_ner(path, nlp)
    bare = evaluate_ner(path, nlp, fixes=False)
    assert fixed.documents == 216
    # Measured 2026-11-26 (benchmarks/RESULTS.md): bare 0.6411, fixed 0.6518.
    assert fixed.scores["overall"].f1 >= 0.6518 - 0.005
    assert fixed.scores["overall"].f1 > bare.scores["overall"].f1
