"""Shared start-up of the atheris harnesses: instrument newsgraph and its pure-Python readers, then fuzz one target.

Usage (from the project root)::

    .venv/bin/python fuzz/fuzz_readers.py TARGET [libFuzzer options] [corpus folders]
    .venv/bin/python fuzz/fuzz_analyze.py [libFuzzer options] [corpus folders]

A crash is an exception other than a well-formed ``NewsgraphError`` or a broken invariant
(``fuzz/invariants.py``); libFuzzer saves the input as ``crash-*`` (see ``-artifact_prefix=``).
"""

from __future__ import annotations

import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
# Modules worth coverage feedback: ours, and the pure-Python parsers the readers hand bytes to.
INSTRUMENTED = ("newsgraph", "feedparser", "warcio", "trafilatura", "htmldate", "courlan", "justext", "sgmllib")


def main(target: str, argv: Sequence[str]) -> None:
    """Fuzz ``target`` (``analyze``, ``detect`` or a reader's name) with libFuzzer options ``argv``."""
    import atheris

    sys.path.insert(0, str(HERE))
    nlp: Any = None
    if target == "analyze":
        # spaCy and its numeric stack are imported uninstrumented: their coverage is noise for us, and slow.
        import spacy  # noqa: F401
    with atheris.instrument_imports(include=list(INSTRUMENTED)):
        import feedparser  # noqa: F401
        import trafilatura  # noqa: F401
        import warcio.archiveiterator  # noqa: F401

        import newsgraph.extract
        import newsgraph.ingest  # noqa: F401
    import invariants

    if target not in invariants.TARGETS:
        sys.exit(f"unknown target {target!r}; one of: {', '.join(invariants.TARGETS)}")
    if target == "analyze":
        from newsgraph.nlp import load_model

        nlp = load_model()  # once, outside the loop

    def one_input(data: bytes) -> None:
        invariants.run_target(target, data, nlp)

    atheris.Setup([sys.argv[0], *argv], one_input)
    atheris.Fuzz()
