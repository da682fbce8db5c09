"""Write newsgraph's time expressions as TimeML files for the official TempEval-3 scorer.

Usage:
    .venv/bin/python benchmarks/timex_te3_crosscheck.py GOLD_DIR OUT_DIR
    cd ../shared/data/timeml/te3-tools && python2.7 evaluation-entities/evaluate_entities.py GOLD_DIR OUT_DIR 1

Each output file has the gold file's name, its plain ``<TEXT>`` with newsgraph's TIMEX3
tags, and the gold DCT, so the scorer's text check passes and it scores the timexes.
The distribution lacks the TimeML-Normalizer jar that ``TE3-evaluation.py`` runs first to give
each system TIMEX3 the id of the gold TIMEX3 it overlaps; this script does that step itself
(largest overlap; unmatched ones get fresh ids), so ``evaluate_entities.py`` can run directly.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path
from xml.sax.saxutils import escape, quoteattr

from newsgraph.evaluate.timeml import GoldTimex, read_timeml, system_times, timeml_files
from newsgraph.nlp import load_model
from newsgraph.records import TimeExpr

_GOLD_TID = re.compile(r'<TIMEX3[^>]*\btid="([^"]+)"')


def gold_tid(time: TimeExpr, gold: list[GoldTimex], tids: list[str], fresh: str) -> str:
    """The id of the gold TIMEX3 that ``time`` overlaps most, else ``fresh``."""
    best, tid = 0, fresh
    for g, g_tid in zip(gold, tids, strict=True):
        overlap = min(g.end, time.span.end) - max(g.start, time.span.start)
        if overlap > best:
            best, tid = overlap, g_tid
    return tid


def system_tml(name: str, text: str, dct: str, times: list[TimeExpr], gold: list[GoldTimex], tids: list[str]) -> str:
    """A TimeML document with ``times`` tagged in ``text``, ids aligned with the gold ones."""
    parts, last = [], 0
    for i, t in enumerate(times, start=1):
        parts.append(escape(text[last : t.span.start]))
        attrs = f'tid="{gold_tid(t, gold, tids, f"ts{i}")}" type="{t.type}" value={quoteattr(t.value)}'
        parts.append(f"<TIMEX3 {attrs}>{escape(t.span.text)}</TIMEX3>")
        last = t.span.end
    parts.append(escape(text[last:]))
    return (
        '<?xml version="1.0" ?>\n<TimeML>\n'
        f"<DOCID>{name}</DOCID>\n\n"
        f'<DCT><TIMEX3 tid="t0" type="DATE" value="{dct}" functionInDocument="CREATION_TIME">{dct}</TIMEX3></DCT>\n\n'
        f"<TEXT>{''.join(parts)}</TEXT>\n\n</TimeML>\n"
    )


def main() -> None:
    gold, out = Path(sys.argv[1]), Path(sys.argv[2])
    out.mkdir(parents=True, exist_ok=True)
    files = timeml_files(gold)
    documents = [read_timeml(path) for path in files]
    nlp = load_model()
    for path, document, times in zip(files, documents, system_times(documents, nlp), strict=True):
        dct = document.dct.isoformat() if document.dct else ""
        body = path.read_text(encoding="utf-8").split("<TEXT>", 1)[1]
        tids = _GOLD_TID.findall(body)
        tml = system_tml(document.name, document.text, dct, times, list(document.timexes), tids)
        (out / path.name).write_text(tml, encoding="utf-8")
    print(f"wrote {len(files)} system files to {out}")


if __name__ == "__main__":
    main()
