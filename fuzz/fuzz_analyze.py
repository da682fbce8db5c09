"""Fuzz ``newsgraph.analyze``: ``fuzz_analyze.py [libFuzzer options] [corpus]``.

The model is loaded once; each input's first two bytes choose the publication date (or none)
and how undecodable bytes are kept, the rest is the article text (``invariants.run_target``).
"""

from __future__ import annotations

import sys

from harness import main

if __name__ == "__main__":
    main("analyze", sys.argv[1:])
