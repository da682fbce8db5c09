"""The network of the learned factuality scorer. Imports torch: only the ``accurate`` profile loads it.

all-MiniLM-L6-v2 (``newsgraph.nlp.minilm``) reads the sentence; a small head scores each event from
the mean of its word pieces, the sentence's mean and the rules' reading of the event
(``factuality.rule_inputs``).
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import torch
from torch import nn

from newsgraph.errors import ModelError
from newsgraph.nlp import minilm

MAX_PIECES = 256


@dataclass(frozen=True, slots=True)
class Target:
    """An event to score: its sentence's row in the batch, its word range, and the rules' inputs."""

    row: int
    start: int
    end: int
    rules: Sequence[float]


class FactualityNet(nn.Module):
    """The encoder and the regression head (UW scale, unclipped)."""

    def __init__(self, encoder: nn.Module, rule_width: int) -> None:
        super().__init__()
        self.encoder = encoder
        self.head = nn.Sequential(
            nn.Dropout(0.1), nn.Linear(2 * minilm.WIDTH + rule_width, 256), nn.GELU(), nn.Linear(256, 1)
        )

    def forward(self, encoded: Any, targets: Sequence[Target]) -> torch.Tensor:
        states = minilm.hidden_states(self.encoder, encoded)
        mask = encoded["attention_mask"].unsqueeze(-1).to(states.dtype)
        sentences = (states * mask).sum(1) / mask.sum(1)
        rows = []
        for target in targets:
            word_ids = encoded.word_ids(target.row)
            pieces = [i for i, word in enumerate(word_ids) if word is not None and target.start <= word < target.end]
            # A word past the truncation point is read from the sentence's first piece ([CLS]).
            word = states[target.row, pieces or [0]].mean(0)
            rules = torch.tensor(target.rules, dtype=states.dtype)
            rows.append(torch.cat([word, sentences[target.row], rules]))
        scores: torch.Tensor = self.head(torch.stack(rows)).squeeze(1)
        return scores


def load_base(rule_width: int) -> tuple[FactualityNet, Any]:
    """The untrained network over the pretrained encoder, and its tokenizer."""
    encoder, tokenizer = minilm.load_encoder()
    return FactualityNet(encoder, rule_width), tokenizer


def encode(tokenizer: Any, sentences: Sequence[Sequence[str]]) -> Any:
    """The sentences (as words) as one padded batch of word pieces."""
    return minilm.encode(tokenizer, sentences, MAX_PIECES)


def save(net: FactualityNet, path: Path, cues: Sequence[str]) -> None:
    """Write the trained layers and head, with the cue names they were trained on."""
    minilm.save_trained(net, path, {"cues": json.dumps(list(cues))})


def load(path: Path, cues: Sequence[str]) -> tuple[FactualityNet, Any]:
    """The trained network in evaluation mode, and its tokenizer.

    Raises:
        ModelError: the weights are missing, unreadable, or were trained on other cues than ``cues``.
    """
    state, metadata = minilm.read_trained(path)
    if json.loads(metadata.get("cues", "[]")) != list(cues):
        raise ModelError(f"{path}: trained on other factuality cues than these rules give (retrain it)")
    net, tokenizer = load_base(len(cues) + 1)
    minilm.load_into(net, state, path)
    return net, tokenizer
