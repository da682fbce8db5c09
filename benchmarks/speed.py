"""Speed of the whole analysis against the bare spaCy parse of the same texts, in one run.

    .venv/bin/python benchmarks/speed.py [--limit 1000] [--rounds 3]

Prints articles/s and words/s for both, the ratio full/bare (goal: at most 1.25), the share of
each newsgraph component, and the peak memory of the process. Rounds alternate bare and full so
that drift on a busy machine hits both; the median round of each counts.
"""

from __future__ import annotations

import argparse
import datetime as dt
import platform
import resource
import statistics
import time
from collections.abc import Callable, Sequence

import spacy
from reuters import REUTERS, reuters_documents  # benchmarks/reuters.py, beside this script
from spacy.language import Language

from newsgraph.extract.extensions import prepare_doc
from newsgraph.nlp import analyze_documents, load_model
from newsgraph.records import Document
from newsgraph.settings import Settings


def timed(run: Callable[[], int]) -> float:
    start = time.perf_counter()
    run()
    return time.perf_counter() - start


def newsgraph_components(nlp: Language) -> list[str]:
    return [name for name in nlp.pipe_names if name.startswith("newsgraph_")]


def component_seconds(nlp: Language, documents: Sequence[Document]) -> dict[str, float]:
    """Seconds each newsgraph component takes over ``documents``, run after spaCy's own parse."""
    today = dt.date.today()
    prepared = [prepare_doc(nlp.make_doc(d.text), d.published, d.published_from, today) for d in documents]
    ours = newsgraph_components(nlp)
    with nlp.select_pipes(disable=ours):
        docs = list(nlp.pipe(prepared))
    seconds = {}
    for name in ours:
        component = nlp.get_pipe(name)
        start = time.perf_counter()
        docs = [component(doc) for doc in docs]
        seconds[name] = time.perf_counter() - start
    return seconds


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--limit", type=int, default=1000, help="Reuters bodies to analyze (default 1000)")
    parser.add_argument("--rounds", type=int, default=3, help="alternating rounds of bare and full (default 3)")
    parser.add_argument("--batch-size", type=int, default=32)
    args = parser.parse_args(argv)

    documents = list(reuters_documents(REUTERS, limit=args.limit))
    texts = [d.text for d in documents]
    words = sum(len(t.split()) for t in texts)

    settings = Settings.from_env()
    bare = spacy.load(settings.model)
    full = load_model(settings)

    def run_bare() -> int:
        return sum(1 for _ in bare.pipe(texts, batch_size=args.batch_size))

    def run_full() -> int:
        return sum(1 for _ in analyze_documents(documents, nlp=full, batch_size=args.batch_size))

    # Warm both up so that neither pays for first-call allocation.
    sum(1 for _ in bare.pipe(texts[:50]))
    sum(1 for _ in analyze_documents(documents[:50], nlp=full))

    bare_times, full_times = [], []
    for _ in range(args.rounds):
        bare_times.append(timed(run_bare))
        full_times.append(timed(run_full))
    bare_s, full_s = statistics.median(bare_times), statistics.median(full_times)

    # Where the extra time goes: each newsgraph component alone, over the same texts.
    shares = component_seconds(full, documents)
    peak_mib = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024

    print(f"machine: {platform.machine()}, {platform.python_implementation()} {platform.python_version()}")
    print(f"texts: {len(texts)} Reuters-21578 bodies, {words:,} words; model {settings.model}; rounds {args.rounds}")
    print(f"{'':6} {'seconds':>8} {'articles/s':>11} {'words/s':>9}")
    for name, seconds in (("bare", bare_s), ("full", full_s)):
        print(f"{name:6} {seconds:8.2f} {len(texts) / seconds:11.1f} {words / seconds:9,.0f}")
    print(f"ratio full/bare: {full_s / bare_s:.3f} (goal <= 1.25)")
    for name in newsgraph_components(full):
        print(f"  {name}: {shares[name]:.2f} s = {shares[name] / bare_s:.1%} of the bare parse")
    print(f"peak memory (RSS): {peak_mib:,.0f} MiB")


if __name__ == "__main__":
    main()
