"""A linear-chain CRF that tags cue, source and content tokens, stacked on the rule finder.

The CRF reads one paragraph at a time (PolNeAR contents run over sentences, rarely over
paragraphs) with BIO labels for ``CUE``, ``SRC`` and ``CON``. Its features are the parse (word,
lemma, tags, dependency arc, head, which dependent of a cue verb the token sits under), the cue
lexicon, the quotation state and, stacked, the rule finder's own tags for the token, so it learns
PolNeAR's span conventions and picks up cues the rules leave out. ``assemble`` turns its spans back
into attributions.

The weights (``data/tagger.crfsuite``) come from ``benchmarks/train_attribution_tagger.py`` on
PolNeAR train only; they load when an ``AttributionTagger`` is created, never at import.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Protocol

from spacy.attrs import DEP, HEAD, LEMMA, LOWER, ORTH, POS, SENT_START, TAG
from spacy.tokens import Doc

from newsgraph.extract.attribution import lexicon
from newsgraph.extract.attribution.finder import Found
from newsgraph.extract.attribution.quotes import Quotes

DEFAULT_MODEL = Path(__file__).with_name("data") / "tagger.crfsuite"
ROLES = ("CUE", "SRC", "CON")
LABELS = ("O", *(f"{p}-{r}" for r in ROLES for p in "BI"))
TokenRange = tuple[int, int]
# Quotation-mark tokens; single curly ones as escapes (they look too much like ASCII ones in source).
_QUOTE_CHARS = frozenset('“”"\u2018\u2019«»`') | {"''", "``"}
# How far up the head chain a token looks for the cue verb it depends on ("which argument am I").
_MAX_CUE_DEPTH = 6


@dataclass(frozen=True, slots=True)
class TaggedSpan:
    """A run of tokens the CRF gave one role: ``role`` in ``ROLES``, tokens ``[start, end)``."""

    role: str
    start: int
    end: int
    paragraph: int


def paragraphs(doc: Doc) -> list[TokenRange]:
    """Token ranges of the paragraphs (see ``_paragraphs``)."""
    array = doc.to_array([ORTH, SENT_START])
    strings = doc.vocab.strings
    return _paragraphs([strings[k] for k in array[:, 0].tolist()], array[:, 1].tolist())


def _paragraphs(orth: Sequence[str], starts: Sequence[int]) -> list[TokenRange]:
    """Split at blank lines, and at line breaks where a sentence starts (wrapped lines stay whole)."""
    ranges = []
    start = 0
    n = len(orth)
    for i, text in enumerate(orth):
        if "\n" in text and not text.strip() and ("\n\n" in text or (i + 1 < n and starts[i + 1] == 1)):
            if i > start:
                ranges.append((start, i))
            start = i + 1
    if start < n:
        ranges.append((start, n))
    return ranges


def rule_tags(doc: Doc, found: Sequence[Found]) -> list[str]:
    """The rule finder's output as one BIO tag per token (cue over source over content)."""
    tags = ["O"] * len(doc)
    for role in ("CON", "SRC", "CUE"):
        for f in found:
            chars = f.content if role == "CON" else f.source if role == "SRC" else f.cue
            if chars is None:
                continue
            span = doc.char_span(chars[0], chars[1], alignment_mode="expand")
            if span is None or len(span) == 0:
                continue
            tags[span.start] = f"B-{role}"
            for i in range(span.start + 1, span.end):
                tags[i] = f"I-{role}"
    return tags


def _quote_state(doc: Doc, quotes: Quotes) -> list[bool]:
    inside = [False] * len(doc)
    for start, end in quotes.spans:
        span = doc.char_span(start, end, alignment_mode="expand")
        if span is not None:
            for i in range(span.start, span.end):
                inside[i] = True
    return inside


def _shape(text: str) -> str:
    if text.isdigit():
        return "d"
    if text[:1].isupper():
        return "X" if text.isupper() and len(text) > 1 else "Xx"
    if text.isalpha():
        return "x"
    return "p" if not text.isalnum() else "m"


def features(doc: Doc, found: Sequence[Found], quotes: Quotes) -> list[list[list[str]]]:
    """Feature strings per token, one list per paragraph (as ``paragraphs`` splits them)."""
    verbs, nouns = lexicon.VERB_CUES, lexicon.NOUN_CUES
    rules = rule_tags(doc, found)
    inside = _quote_state(doc, quotes)
    # Integer attributes in one call, turned into strings through a per-call cache: reading
    # ``tok.lemma_`` and friends token by token costs several times more.
    array = doc.to_array([LOWER, LEMMA, POS, TAG, DEP, HEAD, SENT_START, ORTH])
    strings = doc.vocab.strings
    cache: dict[int, str] = {}

    def text(key: int) -> str:
        value = cache.get(key)
        if value is None:
            value = cache[key] = strings[key]
        return value

    n = len(doc)
    lower = [text(k) for k in array[:, 0].tolist()]
    lemma = [text(k).lower() for k in array[:, 1].tolist()]
    pos = [text(k) for k in array[:, 2].tolist()]
    tag = [text(k) for k in array[:, 3].tolist()]
    dep = [text(k) for k in array[:, 4].tolist()]
    heads = [i + h for i, h in enumerate(array[:, 5].astype("int64").tolist())]
    starts = array[:, 6].tolist()
    cue_verb = [lemma[i] in verbs and pos[i] in ("VERB", "AUX") for i in range(n)]
    orth = [text(k) for k in array[:, 7].tolist()]
    shape = [_shape(t) for t in orth]
    own: list[list[str]] = []
    for i in range(n):
        h = heads[i]
        hl = lemma[h]
        d = dep[i]
        row = [
            "w=" + lower[i],
            "l=" + lemma[i],
            "p=" + pos[i],
            "t=" + tag[i],
            "d=" + d,
            "pd=" + pos[i] + "|" + d,
            "hl=" + hl,
            "hp=" + pos[h],
            "hd=" + dep[h],
            "dh=" + ("L" if h > i else "R" if h < i else "0"),
            "s=" + shape[i],
            "r=" + rules[i],
        ]
        if cue_verb[i]:
            row.append("vc")
        if lemma[i] in nouns and pos[i] == "NOUN":
            row.append("nc")
        if hl in verbs:
            row.append("hvc|" + d)
        if inside[i]:
            row.append("q")
        if lower[i] in _QUOTE_CHARS:
            row.append("qm")
        if starts[i] == 1:
            row.append("ss")
        # Which argument of a cue verb this token belongs to: "nsubj" of "say", "ccomp" of "claim".
        child, anc = i, h
        for depth in range(_MAX_CUE_DEPTH):
            if anc == child:
                break
            if cue_verb[anc]:
                row += ("arc=" + dep[child], f"arcd={min(depth, 2)}", "arcr=" + rules[anc])
                break
            child, anc = anc, heads[anc]
        own.append(row)
    sequences = []
    for start, end in _paragraphs(orth, starts):
        seq = []
        for i in range(start, end):
            row = own[i]
            if i == start:
                row.append("ps")
            for off, j in ((-2, i - 2), (-1, i - 1), (1, i + 1), (2, i + 2)):
                if start <= j < end:
                    row += (f"{off}w={lower[j]}", f"{off}r={rules[j]}")
                    if off in (-1, 1):
                        row += (f"{off}p={pos[j]}", f"{off}d={dep[j]}", f"{off}l={lemma[j]}|{lemma[i]}")
                else:
                    row.append(f"{off}edge")
            seq.append(row)
        sequences.append(seq)
    return sequences


def gold_labels(doc: Doc, roles: Sequence[tuple[str, Sequence[tuple[int, int]]]]) -> list[str]:
    """BIO labels for ``doc`` from (role, character fragments) pairs; cue over source over content."""
    labels = ["O"] * len(doc)
    order = {"CON": 0, "SRC": 1, "CUE": 2}
    for role, fragments in sorted(roles, key=lambda r: order[r[0]]):
        for start, end in fragments:
            span = doc.char_span(start, end, alignment_mode="contract")
            if span is None or len(span) == 0:
                continue
            labels[span.start] = f"B-{role}"
            for i in range(span.start + 1, span.end):
                labels[i] = f"I-{role}"
    return labels


def spans_of(labels: Sequence[str], start: int, paragraph: int) -> Iterator[TaggedSpan]:
    """Runs of one role in a paragraph's labels (an ``I`` after another role starts a run too)."""
    role, run_start = "", 0
    for k, label in enumerate([*labels, "O"]):
        prefix, _, this = label.partition("-")
        if role and (prefix != "I" or this != role):
            yield TaggedSpan(role, start + run_start, start + k, paragraph)
            role = ""
        if this and not role:
            role, run_start = this, k
    return


class SpanTagger(Protocol):
    """Anything that tags cue, source and content spans over the rules' findings (the CRF, the learned tagger)."""

    def tag(self, doc: Doc, found: Sequence[Found], quotes: Quotes) -> list[TaggedSpan]:
        """The cue, source and content spans in ``doc``, in text order."""
        ...


class AttributionTagger:
    """The trained CRF, loaded once from ``path`` (the packaged weights by default)."""

    def __init__(self, path: Path | None = None) -> None:
        # A compiled extension without type information, loaded only when a tagger is wanted.
        import pycrfsuite  # type: ignore[import-untyped]

        self.path = path or DEFAULT_MODEL
        self._tagger: Any = pycrfsuite.Tagger()
        self._tagger.open(str(self.path))

    def tag(self, doc: Doc, found: Sequence[Found], quotes: Quotes) -> list[TaggedSpan]:
        """The CRF's cue, source and content spans in ``doc``, in text order."""
        spans: list[TaggedSpan] = []
        ranges = paragraphs(doc)
        for number, (seq, (start, _)) in enumerate(zip(features(doc, found, quotes), ranges, strict=True)):
            spans.extend(spans_of(self._tagger.tag(seq), start, number))
        return spans
