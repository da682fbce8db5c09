"""Fit the story and claim linking parameters on the ECB+ train topics (never on dev, which is reported).

    .venv/bin/python benchmarks/fit_ecb_params.py [DIR] [--semantic]

Grid-searches ``StoryParams`` against the sub-topic gold stories, then ``ClaimParams`` inside the fitted
stories against the gold event chains (gold and predicted mentions), and prints both; the defaults in
``newsgraph.link.stories`` and ``newsgraph.link.claims`` are set from these. Scoring on dev is
``newsgraph eval coref DIR``.
"""

from __future__ import annotations

import argparse
from pathlib import Path

from newsgraph.evaluate.ecb import TRAIN_TOPICS
from newsgraph.evaluate.ecb_coref import (
    analyze_corpus,
    cluster_stories,
    fit_claim_params,
    fit_story_params,
    read_corpus,
    wording_vectors,
)
from newsgraph.nlp import load_model


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("directory", nargs="?", default="../shared/data/ecbplus", type=Path)
    parser.add_argument("--semantic", action="store_true", help="Fit with the embedding signal (the 'semantic' extra).")
    args = parser.parse_args()
    encoder = None
    if args.semantic:
        from newsgraph.link.semantic import load_encoder

        encoder = load_encoder()
    corpus = analyze_corpus(read_corpus(args.directory, TRAIN_TOPICS), load_model())
    story_params = fit_story_params(corpus, "subtopic")
    stories, identities = cluster_stories(corpus, story_params)
    print(story_params)
    vectors = wording_vectors(corpus, encoder) if encoder is not None else None
    print(fit_claim_params(corpus, stories, identities, vectors))


if __name__ == "__main__":
    main()
