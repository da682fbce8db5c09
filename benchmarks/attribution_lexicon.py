"""Mine the attribution cue lexicon from PolNeAR's train compartment (never dev).

For every verb (and noun with a that-clause) that the attribution finder would accept as a cue if
its lemma were in the lexicon, count how often its cue span overlaps a gold cue. Lemmas seen at
least ``--min-count`` times as gold cues with precision at least ``--min-precision`` go into
``src/newsgraph/extract/attribution/_mined.py``.

    .venv/bin/python benchmarks/attribution_lexicon.py ../shared/data/polnear/train

Takes about two minutes on two cores (it parses the 840 train articles).
"""

from __future__ import annotations

import argparse
import collections
import os
from pathlib import Path

from spacy.tokens import DocBin

from newsgraph.evaluate.polnear import corpus_files, read_ann
from newsgraph.extract.attribution import finder
from newsgraph.extract.attribution.quotes import Quotes
from newsgraph.nlp import load_model

OUTPUT = Path(__file__).resolve().parents[1] / "src/newsgraph/extract/attribution/_mined.py"


class _Everything:
    """A lexicon that holds every lemma, so the finder proposes every candidate."""

    def __contains__(self, item: object) -> bool:
        return True


def mine(
    directory: Path, parsed: Path | None
) -> tuple[collections.Counter[tuple[str, str]], collections.Counter[tuple[str, str]]]:
    """Per (lemma, part of speech): candidates proposed, and candidates whose cue hits a gold cue.

    ``parsed`` is an optional DocBin of the same articles in ``corpus_files`` order, parsed by the
    same model, to skip the parse when trying options.
    """
    nlp = load_model()
    pairs = corpus_files(directory)
    texts = [text.read_text(encoding="utf-8") for text, _ in pairs]
    proposed: collections.Counter[tuple[str, str]] = collections.Counter()
    hits: collections.Counter[tuple[str, str]] = collections.Counter()
    with nlp.select_pipes(enable=["tok2vec", "tagger", "parser", "attribute_ruler", "lemmatizer", "ner"]):
        if parsed is not None:
            docs = DocBin().from_disk(parsed).get_docs(nlp.vocab)
        else:
            docs = nlp.pipe(texts, batch_size=32, n_process=2)
            if parsed_out := os.environ.get("NEWSGRAPH_SAVE_PARSE"):
                docs_list = list(docs)
                store = DocBin()
                for doc in docs_list:
                    store.add(doc)
                store.to_disk(parsed_out)
                docs = iter(docs_list)
        for doc, (_, ann) in zip(docs, pairs, strict=True):
            gold = [g.cue for g in read_ann(ann) if g.cue]
            everything = _Everything()
            for found in finder.find(doc, Quotes.find(doc.text), None, everything):  # type: ignore[arg-type]
                anchor = doc[found.anchor]
                key = (anchor.lemma_.lower(), "NOUN" if anchor.pos_ == "NOUN" else "VERB")
                proposed[key] += 1
                if any(s < found.cue[1] and found.cue[0] < e for cue in gold for s, e in cue):
                    hits[key] += 1
    return proposed, hits


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("train", type=Path, help="PolNeAR train compartment")
    parser.add_argument("--min-count", type=int, default=3)
    parser.add_argument("--min-precision", type=float, default=0.5)
    parser.add_argument(
        "--parsed", type=Path, help="DocBin of the train articles (set NEWSGRAPH_SAVE_PARSE to write one)"
    )
    args = parser.parse_args()
    if args.train.name != "train":
        parser.error("mine the lexicon from the train compartment only")
    proposed, hits = mine(args.train, args.parsed)
    chosen: dict[str, list[str]] = {"VERB": [], "NOUN": []}
    for (lemma, pos), n in sorted(proposed.items()):
        if lemma.isalpha() and hits[lemma, pos] >= args.min_count and hits[lemma, pos] / n >= args.min_precision:
            chosen[pos].append(lemma)
    lines = [
        '"""Cue lemmas mined from PolNeAR train by benchmarks/attribution_lexicon.py; do not edit.',
        "",
        f"Options: --min-count {args.min_count} --min-precision {args.min_precision}.",
        '"""',
        "",
    ]
    for pos, name in (("VERB", "VERB_CUES"), ("NOUN", "NOUN_CUES")):
        lines.append(f"{name}: frozenset[str] = frozenset(")
        lines.append("    {")
        lines.extend(f'        "{lemma}",' for lemma in chosen[pos])
        lines.append("    }")
        lines.append(")")
    OUTPUT.write_text("\n".join(lines) + "\n", encoding="utf-8")
    print(f"{len(chosen['VERB'])} verbs, {len(chosen['NOUN'])} nouns -> {OUTPUT}")
    for pos in ("VERB", "NOUN"):
        ranked = sorted(((hits[k], proposed[k], k[0]) for k in proposed if k[1] == pos), reverse=True)[:40]
        print(pos, " ".join(f"{lemma}:{h}/{n}" for h, n, lemma in ranked))


if __name__ == "__main__":
    main()
