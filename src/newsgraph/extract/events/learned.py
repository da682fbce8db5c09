"""Learned event factuality: the ``accurate`` profile's scorer, stacked on the rules.

all-MiniLM-L6-v2 fine-tuned on UW train (``benchmarks/train_factuality_model.py``) reads each
sentence that holds an event, and a small head turns the event's word, its sentence and the rules'
cues into a UW-scale score; the claim's status then applies as it does to the rules' score
(``factuality.assess_score``). On UW dev it is far closer to the annotators than the rules
(benchmarks/RESULTS.md) and costs almost two bare parses, so the default profile keeps the rules.
Nothing here imports torch until the component is created.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from spacy.language import Language
from spacy.tokens import Doc, Token

from newsgraph.extract.events import factuality
from newsgraph.nlp.offline import minilm_path
from newsgraph.records import ClaimStatus, Event

__all__ = ["DEFAULT_WEIGHTS", "LearnedFactuality"]

DEFAULT_WEIGHTS = Path(__file__).with_name("data") / "factuality_minilm.safetensors"
_BATCH = 32


class LearnedFactuality:
    """Scores events with the fine-tuned encoder; loads the weights when created.

    Args:
        weights: the trained layers and head (default: the file the package ships).

    Raises:
        ModelError: the ``semantic`` extra is missing or the weights do not load.
    """

    def __init__(self, weights: Path = DEFAULT_WEIGHTS) -> None:
        minilm_path("the learned factuality model")  # a one-line error without the extra, before torch is imported
        from newsgraph.extract.events import _net

        self._net_module = _net
        self._net, self._tokenizer = _net.load(weights, factuality.CUES)

    def scores(self, items: Sequence[tuple[Token, ClaimStatus | None]]) -> list[float]:
        """The UW-scale score (-3..3) of each event token inside a claim of its status, in order."""
        import torch

        net_module = self._net_module
        by_sentence: dict[int, int] = {}
        sentences: list[list[str]] = []
        targets = []
        for token, status in items:
            sent = token.sent
            if sent.start not in by_sentence:
                by_sentence[sent.start] = len(sentences)
                sentences.append([t.text for t in sent])
            position = token.i - sent.start
            targets.append((by_sentence[sent.start], position, factuality.rule_inputs(token, status)))
        found: list[float] = []
        with torch.inference_mode():
            for first in range(0, len(sentences), _BATCH):
                batch = [
                    net_module.Target(row - first, position, position + 1, rules)
                    for row, position, rules in targets
                    if first <= row < first + _BATCH
                ]
                encoded = net_module.encode(self._tokenizer, sentences[first : first + _BATCH])
                found.extend(float(v) for v in self._net(encoded, batch).clamp(-3.0, 3.0))
        return found

    def __call__(self, doc: Doc) -> Doc:
        events: list[Event] = doc._.newsgraph_events or []
        if not events:
            return doc
        statuses = {a.id: a.status for a in doc._.newsgraph_attributions or []}
        by_start = {token.idx: token for token in doc}
        items = [(by_start[e.trigger.start], statuses.get(e.attribution) if e.attribution else None) for e in events]
        rescored = []
        for event, (_, status), value in zip(events, items, self.scores(items), strict=True):
            fact = factuality.assess_score(value, status)
            rescored.append(
                dataclasses.replace(event, polarity=fact.polarity, certainty=fact.certainty, factuality=fact.score)
            )
        doc._.newsgraph_events = rescored
        return doc


@Language.factory(
    "newsgraph_factuality_model_v1",
    requires=["doc._.newsgraph_events", "doc._.newsgraph_attributions"],
    assigns=["doc._.newsgraph_events"],
)
def make_learned_factuality(nlp: Language, name: str) -> Any:
    """The ``accurate`` profile's factuality scorer (replaces the rules' score on every event)."""
    return LearnedFactuality()
