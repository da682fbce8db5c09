"""Cost of ``analyze`` on one very long line: it must grow in step with the text, not faster.

A line of news-like text without a full stop (quotation marks of every kind, an attribution cue, dates, a
right-to-left word) repeated to each size; CPU seconds of ``analyze`` and the records found. Every span is
checked against the text and the JSON against the schema (the fuzz harness's invariants), outside the timing.

    .venv/bin/python benchmarks/long_text.py 100000 300000 1000000
"""

from __future__ import annotations

import argparse
import datetime as dt
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "fuzz"))

import invariants

import newsgraph

LINE = (
    "Assad said on Sunday, according to a Kremlin source, that \u201cwe will \u00abwin\u00bb \u2018soon\u2019 "
    "he told Reuters in 2015 \u200f \u0642\u0627\u0644 \u200b "
)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("sizes", nargs="+", type=int, help="characters of the line")
    args = parser.parse_args(argv)
    nlp = newsgraph.load_model()
    print("| characters | CPU s | CPU µs per character | attributions | times |")
    print("| ---: | ---: | ---: | ---: | ---: |")
    for size in args.sizes:
        text = (LINE * (size // len(LINE) + 1))[:size]
        started = time.process_time()
        article = newsgraph.analyze(text, nlp=nlp, published=dt.date(2024, 12, 8))
        cpu = time.process_time() - started
        invariants.check_article(article, text)
        found = f"{len(article.attributions):,} | {len(article.times):,}"
        print(f"| {size:,} | {cpu:.1f} | {cpu / size * 1e6:.0f} | {found} |")


if __name__ == "__main__":
    main()
