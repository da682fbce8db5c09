"""The learned attribution tagger: the ``accurate`` profile's replacement for the CRF.

all-MiniLM-L6-v2 fine-tuned on PolNeAR train (``benchmarks/train_attribution_model.py``) tags cue,
source and content words with the CRF's BIO labels, stacked on the rule finder's tags as the CRF is,
and ``assemble`` turns its spans into attributions the same way. Nothing here imports torch until a
tagger is created.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from spacy.language import Language
from spacy.tokens import Doc

from newsgraph.extract.attribution.assemble import Options
from newsgraph.extract.attribution.finder import Found
from newsgraph.extract.attribution.quotes import Quotes
from newsgraph.extract.attribution.tagger import TaggedSpan, paragraphs, spans_of
from newsgraph.nlp.offline import minilm_path

__all__ = ["DEFAULT_WEIGHTS", "NeuralAttributionTagger"]

DEFAULT_WEIGHTS = Path(__file__).with_name("data") / "attribution_minilm.safetensors"
OPTIONS = Options(rebound_content=True, keep_core=False)
"""How its spans change the rules' findings, chosen on held-out PolNeAR train articles (benchmarks/RESULTS.md):
its content boundaries replace the rules', and it may drop a cue the rules were sure of."""


class NeuralAttributionTagger:
    """The fine-tuned encoder, loaded once from ``path`` (the packaged weights by default).

    Raises:
        ModelError: the ``semantic`` extra is missing or the weights do not load.
    """

    def __init__(self, path: Path | None = None) -> None:
        minilm_path("the learned attribution tagger")  # a one-line error without the extra, before torch is imported
        from newsgraph.extract.attribution import _neural

        self.path = path or DEFAULT_WEIGHTS
        self._neural = _neural
        self._net, self._tokenizer = _neural.load(self.path)

    def tag(self, doc: Doc, found: Sequence[Found], quotes: Quotes) -> list[TaggedSpan]:
        """The tagger's cue, source and content spans in ``doc``, in text order."""
        labels = self._neural.labels(self._net, self._tokenizer, doc, found, quotes)
        spans: list[TaggedSpan] = []
        for number, (start, end) in enumerate(paragraphs(doc)):
            spans.extend(spans_of(labels[start:end], start, number))
        return spans


@Language.factory(
    "newsgraph_attributions_neural_v1",
    requires=["token.dep", "token.lemma", "doc._.newsgraph_entities", "doc._.newsgraph_times"],
    assigns=["doc._.newsgraph_attributions"],
    default_config={"model": None},
)
def make_neural_attributions(nlp: Language, name: str, model: str | None) -> object:
    """The learned attribution component; ``model`` overrides the packaged weights' path."""
    from newsgraph.extract.attribution import TaggedAttributions

    return TaggedAttributions(tagger=NeuralAttributionTagger(Path(model) if model else None), options=OPTIONS)
