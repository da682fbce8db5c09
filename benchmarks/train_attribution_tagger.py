"""Train the attribution CRF (cue/source/content BIO tags, stacked on the rules) on PolNeAR train.

    .venv/bin/python benchmarks/train_attribution_tagger.py ../shared/data/polnear/train \\
        [--out src/newsgraph/extract/attribution/data/tagger.crfsuite] [--holdout N] [--c1 X] [--c2 Y]

Reads only the compartment given (train; never dev). Each article is parsed by the newsgraph
pipeline without its attribution and event components (the tagger runs after entities and
times), the rule finder runs on the parse, and each paragraph becomes one training sequence; the
first annotator's file per article gives the labels (as the scorer does). With ``--holdout N``
the last N articles (by file name) are kept out of training and scored, rules alone against the
tagger, to choose hyper-parameters and assembly options; without it the model trains on all.
``--cache FILE`` keeps the parses (a spaCy DocBin) between runs.
"""

from __future__ import annotations

import argparse
import time
from pathlib import Path

import pycrfsuite
from spacy.tokens import Doc, DocBin

from newsgraph.evaluate.polnear import corpus_files, read_ann, score_document
from newsgraph.evaluate.scores import PRF
from newsgraph.extract.attribution import finder, lexicon, to_records
from newsgraph.extract.attribution.assemble import Options, merge
from newsgraph.extract.attribution.quotes import Quotes
from newsgraph.extract.attribution.tagger import DEFAULT_MODEL, AttributionTagger, features, gold_labels, paragraphs
from newsgraph.nlp import load_model
from newsgraph.settings import Settings

_ATTRS = ["ORTH", "TAG", "HEAD", "DEP", "SENT_START", "LEMMA", "POS", "ENT_IOB", "ENT_TYPE", "MORPH", "SPACY"]


def parse(directory: Path, cache: Path | None) -> tuple[list[Doc], list[Path]]:
    """The compartment's articles parsed (from the cache when it exists) and their annotation files."""
    pairs = corpus_files(directory)
    nlp = load_model(Settings(attribution="rules"))
    if cache is not None and cache.exists():
        docs = list(DocBin().from_disk(cache).get_docs(nlp.vocab))
    else:
        texts = (text.read_text(encoding="utf-8") for text, _ in pairs)
        with nlp.select_pipes(disable=["newsgraph_attributions_v1", "newsgraph_events_v1"]):
            docs = list(nlp.pipe(texts, batch_size=16))
        if cache is not None:
            bin_ = DocBin(attrs=_ATTRS)
            for doc in docs:
                bin_.add(doc)
            bin_.to_disk(cache)
    return docs, [ann for _, ann in pairs]


def examples(doc: Doc, ann: Path) -> tuple[list[list[list[str]]], list[list[str]], list[finder.Found], Quotes]:
    """Feature and label sequences per paragraph, with the rule findings the features stack on."""
    quotes = Quotes.find(doc.text)
    found = finder.find(doc, quotes, lexicon.VERB_CUES, lexicon.NOUN_CUES)
    roles = []
    for g in read_ann(ann):
        roles += [("CUE", g.cue), ("SRC", g.source), ("CON", g.content)]
    labels = gold_labels(doc, roles)
    xs = features(doc, found, quotes)
    ys = [labels[start:end] for start, end in paragraphs(doc)]
    return xs, ys, found, quotes


def score(docs: list[Doc], anns: list[Path], model: Path) -> None:
    """Rules alone against the tagger's assembly options, on held-out articles."""
    tagger = AttributionTagger(model)
    variants = {
        "rules": None,
        "shipped": Options(),
        "+content rebound": Options(rebound_content=True),
        "+source rebound": Options(rebound_source=True),
        "no add": Options(add=False),
        "no drop": Options(drop_unconfirmed=False),
        "drop sure too": Options(keep_core=False),
    }
    totals: dict[str, dict[str, PRF]] = {name: {} for name in variants}
    for doc, ann in zip(docs, anns, strict=True):
        gold = read_ann(ann)
        quotes = Quotes.find(doc.text)
        found = finder.find(doc, quotes, lexicon.VERB_CUES, lexicon.NOUN_CUES)
        tagged = tagger.tag(doc, found, quotes)
        for name, options in variants.items():
            merged = found if options is None else merge(doc, found, tagged, options)
            for row, prf in score_document(to_records(doc, merged, [], []), gold).items():
                totals[name][row] = totals[name].get(row, PRF(0, 0, 0)) + prf
    rows = list(totals["rules"])
    print(f"{'variant':18s} " + " ".join(f"{r[:14]:>14s}" for r in rows))
    for name, scores in totals.items():
        print(f"{name:18s} " + " ".join(f"{scores[r].f1:14.3f}" for r in rows))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("directory", type=Path)
    parser.add_argument("--out", type=Path, default=DEFAULT_MODEL)
    parser.add_argument("--holdout", type=int, default=0)
    parser.add_argument("--c1", type=float, default=1.0)
    parser.add_argument("--c2", type=float, default=0.01)
    parser.add_argument("--iterations", type=int, default=150)
    parser.add_argument("--cache", type=Path)
    args = parser.parse_args()

    started = time.perf_counter()
    docs, anns = parse(args.directory, args.cache)
    print(f"parsed {len(docs)} articles in {time.perf_counter() - started:.0f} s", flush=True)
    cut = len(docs) - args.holdout
    trainer = pycrfsuite.Trainer(verbose=False)
    for doc, ann in zip(docs[:cut], anns[:cut], strict=True):
        xs, ys, _, _ = examples(doc, ann)
        for x, y in zip(xs, ys, strict=True):
            trainer.append(x, y)
    trainer.set_params(
        {"c1": args.c1, "c2": args.c2, "max_iterations": args.iterations, "feature.possible_transitions": True}
    )
    started = time.perf_counter()
    args.out.parent.mkdir(parents=True, exist_ok=True)
    trainer.train(str(args.out))
    print(
        f"trained on {cut} articles in {time.perf_counter() - started:.0f} s: "
        f"{args.out} ({args.out.stat().st_size / 1e6:.1f} MB)",
        flush=True,
    )
    if args.holdout:
        score(docs[cut:], anns[cut:], args.out)


if __name__ == "__main__":
    main()
