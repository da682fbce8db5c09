"""Scoring time expressions against TimeML gold (TimeBank, AQUAINT) with TempEval-3's measures.

Strict extraction needs the exact span, relaxed extraction any overlap. Type and value are
judged on the relaxed matches: accuracy is the share of matched gold expressions with the
right attribute, and the attribute F1 is that accuracy times the relaxed F1, as the official
TempEval-3 scorer reports it.
"""

from __future__ import annotations

import datetime as dt
import html
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

from spacy.language import Language

from newsgraph.errors import DataError
from newsgraph.evaluate.scores import PRF, EvaluationReport
from newsgraph.extract.extensions import prepare_doc
from newsgraph.records import TimeExpr

_TEXT = re.compile(r"<TEXT>(.*?)</TEXT>", re.DOTALL)
_PIECE = re.compile(r"<(/?)([A-Za-z0-9]+)([^>]*)>|[^<]+")
_ATTR = re.compile(r'([A-Za-z]+)="([^"]*)"')
_DCT = re.compile(r"<TIMEX3[^>]*functionInDocument=\"CREATION_TIME\"[^>]*>")


@dataclass(frozen=True, slots=True)
class GoldTimex:
    """One gold TIMEX3: its character range in the plain text and its attributes."""

    start: int
    end: int
    type: str
    value: str
    mod: str | None = None


@dataclass(frozen=True, slots=True)
class TimeMLDocument:
    """A TimeML file read into plain text, document creation time and gold expressions."""

    name: str
    text: str
    dct: dt.date | None
    timexes: tuple[GoldTimex, ...]


def read_timeml(path: Path) -> TimeMLDocument:
    """Read one ``.tml`` file: the ``<TEXT>`` content without tags, with gold TIMEX3 offsets.

    Raises:
        DataError: the file cannot be read or has no ``<TEXT>`` element.
    """
    try:
        raw = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise DataError(f"{path}: cannot read TimeML file ({exc.__class__.__name__})") from exc
    body = _TEXT.search(raw)
    if body is None:
        raise DataError(f"{path}: no <TEXT> element, not a TimeML file")
    parts: list[str] = []
    length = 0
    timexes: list[GoldTimex] = []
    open_timex: tuple[int, dict[str, str]] | None = None
    for piece in _PIECE.finditer(body.group(1)):
        if piece.group(2) is None:
            chunk = html.unescape(piece.group(0))
            parts.append(chunk)
            length += len(chunk)
        elif piece.group(2) == "TIMEX3":
            if piece.group(1):
                if open_timex is not None:
                    start, attrs = open_timex
                    timexes.append(
                        GoldTimex(start, length, attrs.get("type", ""), attrs.get("value", ""), attrs.get("mod"))
                    )
                open_timex = None
            else:
                open_timex = (length, dict(_ATTR.findall(piece.group(3))))
    return TimeMLDocument(path.stem, "".join(parts), _creation_date(raw), tuple(timexes))


def _creation_date(raw: str) -> dt.date | None:
    tag = _DCT.search(raw)
    if tag is None:
        return None
    value = dict(_ATTR.findall(tag.group(0))).get("value", "")
    try:
        return dt.date.fromisoformat(value[:10])
    except ValueError:
        return None


def match_timexes(gold: Sequence[GoldTimex], system: Sequence[TimeExpr]) -> list[tuple[GoldTimex, TimeExpr]]:
    """Pair gold and system expressions one to one by overlap, most-overlapping pairs first."""
    overlaps = [
        (min(g.end, s.span.end) - max(g.start, s.span.start), gi, si)
        for gi, g in enumerate(gold)
        for si, s in enumerate(system)
        if g.start < s.span.end and s.span.start < g.end
    ]
    used_gold: set[int] = set()
    used_system: set[int] = set()
    pairs = []
    for _, gi, si in sorted(overlaps, key=lambda o: (-o[0], o[1], o[2])):
        if gi not in used_gold and si not in used_system:
            used_gold.add(gi)
            used_system.add(si)
            pairs.append((gold[gi], system[si]))
    return pairs


@dataclass(slots=True)
class _Tally:
    gold: int = 0
    system: int = 0
    strict: int = 0
    relaxed: int = 0
    type_ok: int = 0
    value_ok: int = 0

    def add(self, gold: Sequence[GoldTimex], system: Sequence[TimeExpr]) -> None:
        pairs = match_timexes(gold, system)
        self.gold += len(gold)
        self.system += len(system)
        self.relaxed += len(pairs)
        self.strict += sum(g.start == s.span.start and g.end == s.span.end for g, s in pairs)
        self.type_ok += sum(g.type == s.type for g, s in pairs)
        self.value_ok += sum(g.value == s.value for g, s in pairs)


def timeml_files(directory: Path) -> list[Path]:
    """The ``.tml`` files under ``directory``, recursively, in a stable order.

    Raises:
        DataError: the directory is missing or holds no ``.tml`` file.
    """
    if not directory.is_dir():
        raise DataError(f"{directory}: no such directory of TimeML files")
    files = sorted(directory.rglob("*.tml"))
    if not files:
        raise DataError(f"{directory}: no .tml files found")
    return files


def system_times(
    documents: Sequence[TimeMLDocument], nlp: Language, today: dt.date | None = None
) -> Iterator[list[TimeExpr]]:
    """Run the full pipeline over each document, anchored at its creation time."""
    today = today or dt.date.today()
    docs = (prepare_doc(nlp.make_doc(d.text), d.dct, "given" if d.dct else "unknown", today) for d in documents)
    for doc in nlp.pipe(docs, batch_size=16):
        yield list(doc._.newsgraph_times)


def evaluate_timex(directory: Path, nlp: Language) -> EvaluationReport:
    """Score ``nlp``'s time expressions on every TimeML file under ``directory``.

    Args:
        directory: a folder of ``.tml`` files (searched recursively), e.g. TBAQ-cleaned/TimeBank.
        nlp: the newsgraph pipeline from ``load_model``.

    Returns:
        Strict and relaxed extraction P/R/F1, and type and value accuracy and F1 (TempEval-3).

    Raises:
        DataError: the directory is missing, has no ``.tml`` files, or a file is unreadable.
    """
    documents = [read_timeml(path) for path in timeml_files(directory)]
    tally = _Tally()
    for document, times in zip(documents, system_times(documents, nlp), strict=True):
        tally.add(document.timexes, times)
    strict = PRF(tally.strict, tally.system - tally.strict, tally.gold - tally.strict)
    relaxed = PRF(tally.relaxed, tally.system - tally.relaxed, tally.gold - tally.relaxed)
    value_accuracy = tally.value_ok / tally.relaxed if tally.relaxed else 0.0
    type_accuracy = tally.type_ok / tally.relaxed if tally.relaxed else 0.0
    return EvaluationReport(
        task="timex",
        data=str(directory),
        documents=len(documents),
        scores={"strict extraction": strict, "relaxed extraction": relaxed},
        metrics={
            "value accuracy": value_accuracy,
            "type accuracy": type_accuracy,
            "value F1": value_accuracy * relaxed.f1,
            "type F1": type_accuracy * relaxed.f1,
        },
    )
