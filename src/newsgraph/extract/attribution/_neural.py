"""The network of the learned attribution tagger. Imports torch: only the ``accurate`` profile loads it.

all-MiniLM-L6-v2 (``newsgraph.nlp.minilm``) reads a paragraph at a time, in windows of whole sentences;
each word's first piece, with the rule finder's tag for the word and whether it lies inside a quotation,
goes through a small head to one of the CRF's BIO labels (``tagger.LABELS``).
"""

from __future__ import annotations

import itertools
import json
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import torch
from spacy.tokens import Doc
from torch import nn

from newsgraph.errors import ModelError
from newsgraph.extract.attribution.finder import Found
from newsgraph.extract.attribution.quotes import Quotes
from newsgraph.extract.attribution.tagger import LABELS, _quote_state, paragraphs, rule_tags
from newsgraph.nlp import minilm

MAX_PIECES = 512
WINDOW = 160
"""Most words in one window: a paragraph longer than this is cut at sentence starts."""
EXTRA = len(LABELS) + 1
# The encoder's tokenizer gives no piece to a whitespace token; a visible stand-in keeps the words aligned.
_BLANK = "|"


@dataclass(frozen=True, slots=True)
class Window:
    """Tokens ``[start, end)`` of a Doc as words, with each word's extra inputs."""

    start: int
    end: int
    words: Sequence[str]
    extra: Sequence[Sequence[float]]


class TaggerNet(nn.Module):
    """The encoder and the per-word classification head."""

    def __init__(self, encoder: nn.Module) -> None:
        super().__init__()
        self.encoder = encoder
        self.head = nn.Sequential(
            nn.Dropout(0.1), nn.Linear(minilm.WIDTH + EXTRA, 256), nn.GELU(), nn.Linear(256, len(LABELS))
        )

    def forward(self, encoded: Any, windows: Sequence[Window]) -> torch.Tensor:
        """Label scores, one row per word of the windows in order."""
        states = minilm.hidden_states(self.encoder, encoded)
        rows = []
        for row, window in enumerate(windows):
            first: dict[int, int] = {}
            for piece, word in enumerate(encoded.word_ids(row)):
                if word is not None and word not in first:
                    first[word] = piece
            extra = torch.tensor(window.extra, dtype=states.dtype)
            # A word past the truncation point is read from the window's first piece ([CLS]).
            pieces = [first.get(k, 0) for k in range(len(window.words))]
            rows.append(torch.cat([states[row, pieces], extra], dim=1))
        scores: torch.Tensor = self.head(torch.cat(rows))
        return scores


def windows(doc: Doc, found: Sequence[Found], quotes: Quotes) -> list[Window]:
    """The Doc's paragraphs as windows of whole sentences (at most ``WINDOW`` words unless one sentence is longer,
    which is cut)."""
    rules = rule_tags(doc, found)
    inside = _quote_state(doc, quotes)
    ranges: list[tuple[int, int]] = []
    for start, end in paragraphs(doc):
        starts = [i for i in range(start, end) if i == start or doc[i].is_sent_start] + [end]
        first = start
        for sentence, following in itertools.pairwise(starts):
            if following - first > WINDOW and sentence > first:
                ranges.append((first, sentence))
                first = sentence
            while following - first > WINDOW:
                ranges.append((first, first + WINDOW))
                first += WINDOW
        if end > first:
            ranges.append((first, end))
    found_windows = []
    for start, end in ranges:
        words = [doc[i].text if doc[i].text.strip() else _BLANK for i in range(start, end)]
        extra = [[float(rules[i] == label) for label in LABELS] + [float(inside[i])] for i in range(start, end)]
        found_windows.append(Window(start, end, words, extra))
    return found_windows


def encode(tokenizer: Any, batch: Sequence[Window]) -> Any:
    """The windows as one padded batch of word pieces."""
    return minilm.encode(tokenizer, [w.words for w in batch], MAX_PIECES)


def labels(net: TaggerNet, tokenizer: Any, doc: Doc, found: Sequence[Found], quotes: Quotes) -> list[str]:
    """One BIO label per token of ``doc``; a whitespace token only continues a run around it."""
    tags = ["O"] * len(doc)
    batch_size = 16
    parts = windows(doc, found, quotes)
    with torch.inference_mode():
        for first in range(0, len(parts), batch_size):
            batch = parts[first : first + batch_size]
            best = net(encode(tokenizer, batch), batch).argmax(1).tolist()
            tokens = [i for window in batch for i in range(window.start, window.end)]
            for token, label in zip(tokens, best, strict=True):
                tags[token] = LABELS[label]
    for i, word in enumerate(doc):
        if not word.text.strip():
            before = tags[i - 1] if i else "O"
            after = tags[i + 1] if i + 1 < len(doc) else "O"
            tags[i] = f"I-{before[2:]}" if before != "O" and after == f"I-{before[2:]}" else "O"
    return tags


def save(net: TaggerNet, path: Path) -> None:
    """Write the trained layers and head, with the labels they predict."""
    minilm.save_trained(net, path, {"labels": json.dumps(list(LABELS))})


def load(path: Path) -> tuple[TaggerNet, Any]:
    """The trained tagger in evaluation mode, and its tokenizer.

    Raises:
        ModelError: the weights are missing, unreadable, or predict other labels.
    """
    state, metadata = minilm.read_trained(path)
    if json.loads(metadata.get("labels", "[]")) != list(LABELS):
        raise ModelError(f"{path}: an attribution model for other labels (retrain it)")
    encoder, tokenizer = minilm.load_encoder()
    net = TaggerNet(encoder)
    minilm.load_into(net, state, path)
    return net, tokenizer
