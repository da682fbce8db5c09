"""Fuzz one reader: ``fuzz_readers.py TARGET [libFuzzer options] [corpus]``.

TARGET is a reader's registry name (text, html, json, jsonl, csv, warc, feed, reuters-sgml) or
``detect`` (the reader chosen from the content, as for standard input).
"""

from __future__ import annotations

import sys

from harness import main

if __name__ == "__main__":
    if len(sys.argv) < 2 or sys.argv[1].startswith("-"):
        sys.exit(__doc__)
    main(sys.argv[1], sys.argv[2:])
