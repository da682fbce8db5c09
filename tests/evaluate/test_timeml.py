"""TimeML reading and TempEval-3 scoring of time expressions."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from conftest import shared_path
from spacy.language import Language

from newsgraph.errors import DataError
from newsgraph.evaluate.timeml import GoldTimex, evaluate_timex, match_timexes, read_timeml
from newsgraph.records import Span, TimeExpr

TML = (
    '<?xml version="1.0" ?>\n<TimeML>\n<DOCID>T1</DOCID>\n'
    '<DCT><TIMEX3 tid="t0" type="DATE" value="2024-12-08" functionInDocument="CREATION_TIME">20241208</TIMEX3></DCT>\n'
    "<TEXT>\n"
    'Assad <EVENT eid="e1" class="OCCURRENCE">arrived</EVENT> in Moscow '
    '<TIMEX3 tid="t1" type="DATE" value="2024-12-08">on Sunday</TIMEX3> &amp; stayed for '
    '<TIMEX3 tid="t2" type="DURATION" value="P3D">three days</TIMEX3>. Rebels '
    '<EVENT eid="e2" class="OCCURRENCE">reached</EVENT> Aleppo '
    '<TIMEX3 tid="t3" type="DATE" value="2024-11">last month</TIMEX3>.\n'
    "</TEXT>\n</TimeML>\n"
)


def write(tmp_path: Path, name: str = "doc.tml") -> Path:
    path = tmp_path / name
    path.write_text(TML, encoding="utf-8")
    return path


def test_read_timeml_keeps_gold_offsets_in_plain_text(tmp_path: Path) -> None:
    document = read_timeml(write(tmp_path))
    assert document.dct == dt.date(2024, 12, 8)
    assert "<" not in document.text and "&amp;" not in document.text and "&" in document.text
    assert [document.text[t.start : t.end] for t in document.timexes] == ["on Sunday", "three days", "last month"]
    assert [t.value for t in document.timexes] == ["2024-12-08", "P3D", "2024-11"]


def _system(text: str, start: int, end: int, value: str) -> TimeExpr:
    return TimeExpr("T1", Span.of(text, start, end), "DATE", value)


def test_match_is_one_to_one_by_overlap() -> None:
    text = "x" * 40
    gold = [GoldTimex(0, 10, "DATE", "a"), GoldTimex(20, 30, "DATE", "b")]
    system = [_system(text, 2, 10, "a"), _system(text, 5, 8, "z"), _system(text, 31, 35, "b")]
    pairs = match_timexes(gold, system)
    assert [(g.value, s.span.start) for g, s in pairs] == [("a", 2)]


def test_evaluate_timex_scores_strict_relaxed_and_values(tmp_path: Path, nlp: Language) -> None:
    (tmp_path / "sub").mkdir()
    write(tmp_path / "sub")  # found recursively
    report = evaluate_timex(tmp_path, nlp)
    assert report.documents == 1
    strict, relaxed = report.scores["strict extraction"], report.scores["relaxed extraction"]
    # "Sunday" overlaps the gold "on Sunday" (TimeML keeps the preposition out; this gold does not).
    assert (relaxed.tp, relaxed.fp, relaxed.fn) == (3, 0, 0)
    assert (strict.tp, strict.fp, strict.fn) == (2, 1, 1)
    assert report.metrics["value accuracy"] == pytest.approx(1.0)
    assert report.metrics["value F1"] == pytest.approx(relaxed.f1 * 1.0)


def test_missing_or_empty_directory_is_a_data_error(tmp_path: Path, nlp: Language) -> None:
    with pytest.raises(DataError, match="no such directory"):
        evaluate_timex(tmp_path / "absent", nlp)
    with pytest.raises(DataError, match=r"no \.tml files"):
        evaluate_timex(tmp_path, nlp)


@pytest.mark.shared
@pytest.mark.slow
@pytest.mark.parametrize(
    ("split", "strict_f1", "relaxed_f1", "value_accuracy"),
    [
        ("TimeBank", 0.886, 0.937, 0.867),  # development split
        ("AQUAINT", 0.814, 0.911, 0.807),  # held out: never tuned on
    ],
)
def test_quality_gate(nlp: Language, split: str, strict_f1: float, relaxed_f1: float, value_accuracy: float) -> None:
    report = evaluate_timex(shared_path("data", "timeml", "TBAQ-cleaned", split), nlp)
    assert report.scores["strict extraction"].f1 >= strict_f1 - 0.01
    assert report.scores["relaxed extraction"].f1 >= relaxed_f1 - 0.01
    assert report.metrics["value accuracy"] >= value_accuracy - 0.01
