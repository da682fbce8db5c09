"""The attribution CRF: features, labels, span decoding, assembly, packaged weights, component."""

from __future__ import annotations

import pytest
from spacy.language import Language
from spacy.tokens import Doc

from newsgraph.errors import ModelError
from newsgraph.extract.attribution import (
    COMPONENTS,
    TaggedAttributions,
    extract_attributions,
    extract_attributions_tagged,
    finder,
    lexicon,
)
from newsgraph.extract.attribution.assemble import Options, merge
from newsgraph.extract.attribution.quotes import Quotes
from newsgraph.extract.attribution.tagger import (
    DEFAULT_MODEL,
    LABELS,
    AttributionTagger,
    TaggedSpan,
    features,
    gold_labels,
    paragraphs,
    spans_of,
)
from newsgraph.nlp import load_model
from newsgraph.settings import Settings

TEXT = "The minister said that taxes would rise.\n\n“We will not back down,” she told reporters. It rained."


def parse(nlp: Language, text: str) -> Doc:
    with nlp.select_pipes(enable=["tok2vec", "tagger", "parser", "attribute_ruler", "lemmatizer", "ner"]):
        return nlp(text)


@pytest.fixture(scope="module")
def tagger() -> AttributionTagger:
    return AttributionTagger()


def test_paragraphs_split_at_blank_lines(nlp: Language) -> None:
    doc = parse(nlp, TEXT)
    ranges = paragraphs(doc)
    assert len(ranges) == 2
    assert doc[ranges[0][0] : ranges[0][1]].text == "The minister said that taxes would rise."
    assert doc[ranges[1][0]].text == "“"


def test_features_one_row_per_token_with_rule_tags(nlp: Language) -> None:
    doc = parse(nlp, TEXT)
    quotes = Quotes.find(doc.text)
    found = finder.find(doc, quotes, lexicon.VERB_CUES, lexicon.NOUN_CUES)
    sequences = features(doc, found, quotes)
    assert [len(s) for s in sequences] == [end - start for start, end in paragraphs(doc)]
    said = next(t.i for t in doc if t.text == "said")
    row = sequences[0][said]
    assert "r=B-CUE" in row and "vc" in row and "l=say" in row
    # "taxes" sits under the cue's clausal complement.
    assert "arc=ccomp" in sequences[0][next(t.i for t in doc if t.text == "taxes")]


def test_gold_labels_put_cue_over_content(nlp: Language) -> None:
    doc = parse(nlp, "He said it rained.")
    labels = gold_labels(doc, [("SRC", ((0, 2),)), ("CON", ((3, 17),)), ("CUE", ((3, 7),))])
    # The content's rest keeps its inside tags; decoding starts a run there all the same.
    assert labels == ["B-SRC", "B-CUE", "I-CON", "I-CON", "O"]
    assert [(s.role, s.start, s.end) for s in spans_of(labels, 0, 0)] == [("SRC", 0, 1), ("CUE", 1, 2), ("CON", 2, 4)]


def test_spans_of_decodes_runs_and_stray_inside_tags() -> None:
    labels = ["B-SRC", "B-CUE", "I-CUE", "O", "I-CON", "I-CON", "B-CON"]
    assert list(spans_of(labels, 10, 0)) == [
        TaggedSpan("SRC", 10, 11, 0),
        TaggedSpan("CUE", 11, 13, 0),
        TaggedSpan("CON", 14, 16, 0),
        TaggedSpan("CON", 16, 17, 0),
    ]
    assert set(LABELS) >= set(labels)


def test_merge_redraws_rule_spans_and_adds_new_cues(nlp: Language) -> None:
    doc = parse(nlp, "The minister said that taxes would rise. Critics are skeptical the plan works.")
    quotes = Quotes.find(doc.text)
    found = finder.find(doc, quotes, lexicon.VERB_CUES, lexicon.NOUN_CUES)
    assert len(found) == 1
    tok = {t.text: t.i for t in doc}
    tagged = [
        TaggedSpan("SRC", tok["The"], tok["minister"] + 1, 0),
        TaggedSpan("CUE", tok["said"], tok["said"] + 1, 0),
        TaggedSpan("CON", tok["that"], tok["rise"] + 1, 0),  # PolNeAR keeps "that"
        TaggedSpan("SRC", tok["Critics"], tok["Critics"] + 1, 0),
        TaggedSpan("CUE", tok["are"], tok["skeptical"] + 1, 0),
        TaggedSpan("CON", tok["skeptical"] + 1, tok["works"] + 1, 0),
    ]
    merged = merge(doc, found, tagged)
    text = doc.text
    assert [text[f.cue[0] : f.cue[1]] for f in merged] == ["said", "are skeptical"]
    assert text[merged[0].content[0] : merged[0].content[1]] == "that taxes would rise"
    assert merged[1].source is not None and text[merged[1].source[0] : merged[1].source[1]] == "Critics"
    assert text[merged[1].content[0] : merged[1].content[1]] == "the plan works"
    assert merge(doc, found, tagged, Options(rebound=False, add=False)) == found


def test_packaged_weights_exist_and_are_small() -> None:
    assert DEFAULT_MODEL.is_file()
    assert DEFAULT_MODEL.stat().st_size <= 25_000_000


def test_tagger_finds_a_plain_statement(nlp: Language, tagger: AttributionTagger) -> None:
    doc = parse(nlp, "The senator said on Tuesday that the bill would pass.")
    found = extract_attributions_tagged(doc, [], [], tagger)
    assert len(found) == 1
    a = found[0]
    assert a.cue.span.text == "said"
    assert a.source.span is not None and a.source.span.text == "The senator"
    assert "the bill would pass" in a.content.text


def test_tagger_keeps_nothing_in_plain_narration(nlp: Language, tagger: AttributionTagger) -> None:
    doc = parse(nlp, "The river flooded the town. Rain fell for three days.")
    assert extract_attributions_tagged(doc, [], [], tagger) == extract_attributions(doc, [], []) == []


def test_component_registry_and_lazy_weights(nlp: Language) -> None:
    assert set(COMPONENTS) == {"rules", "tagger", "neural"}
    component = TaggedAttributions()
    assert component.tagger.path == DEFAULT_MODEL
    doc = parse(nlp, "The senator said that the bill would pass.")
    doc._.newsgraph_entities = []
    doc._.newsgraph_times = []
    assert [a.cue.span.text for a in component(doc)._.newsgraph_attributions] == ["said"]


def test_settings_choose_the_extractor() -> None:
    rules = load_model(Settings(attribution="rules"))
    assert "newsgraph_attributions_v1" in rules.pipe_names
    assert "newsgraph_attributions_tagged_v1" not in rules.pipe_names
    with pytest.raises(ModelError, match="attribution='crf'"):
        load_model(Settings(attribution="crf"))


def test_default_pipeline_uses_the_tagger(nlp: Language) -> None:
    assert "newsgraph_attributions_tagged_v1" in nlp.pipe_names
    assert Settings.from_env({"NEWSGRAPH_ATTRIBUTION": "rules"}).attribution == "rules"
