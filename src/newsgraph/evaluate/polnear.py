"""Scoring attributions against PolNeAR (Newell, Margolin & Ruths, LREC 2018).

Data layout: ``DIR/text/NAME.txt`` and ``DIR/attributions/NAME_XXXX.ann`` (brat standoff; ``XXXX``
names the annotator). Where several annotators' files exist for one article, the first by file
name is scored. ``T`` lines carry ``Source``, ``Cue`` and ``Content`` spans (possibly
discontinuous: ``start end;start end``); ``E`` lines (``Attribution`` or ``Attribution-no-source``)
tie them into one attribution, with extra pieces as ``Content2``, ``Source2``...

Scoring rules, so figures can be compared:

* **Spans.** A gold role may have several fragments (discontinuous spans, ``Content2``). *Exact*:
  the predicted span equals the gold role's hull (first fragment start to last fragment end), so
  “A,” he said, “B.” predicted as one span from the first quote to the last counts as exact.
  *Partial*: the predicted span overlaps any gold fragment by at least one character.
* **Matching** is one-to-one per role, in document order: each predicted span takes the first
  unmatched gold span it matches. Counts are summed over documents (micro-averaged).
* **Sources.** Only attributions with a source span take part in the source rows (gold without a
  source and predictions with ``source.span is None`` are left out of them).
* **Whole attributions** (``attribution``): cue, content and source all overlap. When the gold
  attribution has no source, the prediction must have no source span either (both agree there is
  no explicit source); when it has one, the predicted source must overlap it.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

from spacy.language import Language
from spacy.tokens import Doc

from newsgraph.errors import DataError
from newsgraph.evaluate.scores import PRF, EvaluationReport
from newsgraph.records import Attribution, Document

Fragments = tuple[tuple[int, int], ...]
_ROLE = re.compile(r"^(Source|Cue|Content)\d*$")
_T_LINE = re.compile(r"^T\d+\t[^\t]+\t")
_E_LINE = re.compile(r"^E\d+\t")
_ANNOTATOR = re.compile(r"_[0-9a-f]{4}$")


@dataclass(frozen=True, slots=True)
class GoldAttribution:
    """One annotated attribution: each role as character fragments (``()`` when absent)."""

    source: Fragments
    cue: Fragments
    content: Fragments


@dataclass(frozen=True, slots=True)
class _Item:
    """One role span of one attribution, as scored: its fragments and hull."""

    fragments: Fragments

    @property
    def hull(self) -> tuple[int, int]:
        return self.fragments[0][0], self.fragments[-1][1]

    def overlaps(self, other: _Item) -> bool:
        return any(s1 < e2 and s2 < e1 for s1, e1 in self.fragments for s2, e2 in other.fragments)


def read_ann(path: Path) -> list[GoldAttribution]:
    """The attributions of one brat ``.ann`` file, in order of their ``E`` lines."""
    spans: dict[str, tuple[str, Fragments]] = {}
    events: list[list[tuple[str, str]]] = []
    for line in path.read_text(encoding="utf-8").splitlines():
        # A span's text may run over a line break, so only lines shaped like an entry count.
        if _T_LINE.match(line):
            tid, middle, *_ = line.split("\t")
            label, _, offsets = middle.partition(" ")
            fragments = tuple(
                (int(a), int(b)) for a, b in (piece.split() for piece in offsets.split(";") if piece.strip())
            )
            spans[tid] = (label, tuple(sorted(fragments)))
        elif _E_LINE.match(line):
            pieces = line.split("\t")[1].split()
            events.append([(arg.split(":", 1)[0], arg.split(":", 1)[1]) for arg in pieces if ":" in arg])
    gold = []
    for args in events:
        roles: dict[str, list[tuple[int, int]]] = {"Source": [], "Cue": [], "Content": []}
        for role, tid in args:
            match = _ROLE.match(role)
            if match and tid in spans:
                roles[match.group(1)].extend(spans[tid][1])
        if roles["Cue"] or roles["Content"]:
            gold.append(GoldAttribution(*(tuple(sorted(roles[r])) for r in ("Source", "Cue", "Content"))))
    return gold


def corpus_files(directory: Path) -> list[tuple[Path, Path]]:
    """Pairs of (text, annotation) files: per article, the first annotator's file by name.

    Raises:
        DataError: the directory or its ``text``/``attributions`` folders are missing or empty.
    """
    texts, anns = directory / "text", directory / "attributions"
    if not texts.is_dir() or not anns.is_dir():
        raise DataError(f"{directory}: not a PolNeAR folder (needs text/ and attributions/)")
    first: dict[str, Path] = {}
    for ann in sorted(anns.glob("*.ann")):
        first.setdefault(_ANNOTATOR.sub("", ann.stem), ann)
    pairs = [(texts / f"{stem}.txt", ann) for stem, ann in sorted(first.items()) if (texts / f"{stem}.txt").is_file()]
    if not pairs:
        raise DataError(f"{directory}: no annotated articles (text/*.txt with attributions/*.ann)")
    return pairs


def _match(pred: Sequence[_Item], gold: Sequence[_Item], same: Callable[[_Item, _Item], bool]) -> PRF:
    used = [False] * len(gold)
    tp = 0
    for p in pred:
        for j, g in enumerate(gold):
            if not used[j] and same(p, g):
                used[j] = True
                tp += 1
                break
    return PRF(tp, len(pred) - tp, len(gold) - tp)


def _exact(p: _Item, g: _Item) -> bool:
    return p.hull == g.hull


def _partial(p: _Item, g: _Item) -> bool:
    return p.overlaps(g)


def score_document(predicted: Iterable[Attribution], gold: Iterable[GoldAttribution]) -> dict[str, PRF]:
    """P/R/F1 counts of one document's predicted attributions against its gold ones."""
    preds = list(predicted)
    golds = list(gold)
    scores: dict[str, PRF] = {}
    for role in ("cue", "source", "content"):
        p_items = []
        for a in preds:
            span = a.cue.span if role == "cue" else a.content if role == "content" else a.source.span
            if span is not None:
                p_items.append(_Item(((span.start, span.end),)))
        g_items = [_Item(getattr(g, role)) for g in golds if getattr(g, role)]
        scores[f"{role} exact"] = _match(p_items, g_items, _exact)
        scores[f"{role} partial"] = _match(p_items, g_items, _partial)
    scores["attribution"] = _match_whole(preds, golds)
    return scores


def _match_whole(preds: Sequence[Attribution], golds: Sequence[GoldAttribution]) -> PRF:
    used = [False] * len(golds)
    tp = 0
    for a in preds:
        cue = _Item(((a.cue.span.start, a.cue.span.end),))
        content = _Item(((a.content.start, a.content.end),))
        source = _Item(((a.source.span.start, a.source.span.end),)) if a.source.span else None
        for j, g in enumerate(golds):
            if used[j] or not g.cue or not g.content:
                continue
            if not (cue.overlaps(_Item(g.cue)) and content.overlaps(_Item(g.content))):
                continue
            if (source is None) != (not g.source):
                continue
            if source is not None and not source.overlaps(_Item(g.source)):
                continue
            used[j] = True
            tp += 1
            break
    return PRF(tp, len(preds) - tp, len(golds) - tp)


def _attributions(doc: Doc) -> list[Attribution]:
    found = doc._.newsgraph_attributions
    if found is None:
        # A pipeline without newsgraph's components (e.g. the bare model): run the extractor here.
        from newsgraph.extract.attribution import extract_attributions

        found = extract_attributions(doc, doc._.newsgraph_entities or [], doc._.newsgraph_times or [])
    return list(found)


def _predicted(nlp: Language, paths: Sequence[Path]) -> Iterator[list[Attribution]]:
    """Each text's attributions: through its language's pipeline when ``nlp`` is newsgraph's, else here."""
    texts = [path.read_text(encoding="utf-8") for path in paths]
    if not any(name.startswith("newsgraph_") for name in nlp.pipe_names):
        for doc in nlp.pipe(texts, batch_size=16):
            yield _attributions(doc)
        return
    from newsgraph.nlp.analyze import analyze_documents

    documents = [Document(text, origin=str(path)) for text, path in zip(texts, paths, strict=True)]
    for article in analyze_documents(documents, nlp=nlp, batch_size=16):
        yield list(article.attributions)


def evaluate_attribution(directory: Path, nlp: Language) -> EvaluationReport:
    """Score the attribution extractor on a PolNeAR compartment.

    Args:
        directory: a PolNeAR-layout folder (``text/*.txt``, ``attributions/*.ann``).
        nlp: the pipeline from ``load_model`` (or a bare spaCy model; the extractor then runs here).

    Returns:
        Rows ``cue``/``source``/``content`` by ``exact``/``partial`` and ``attribution`` (whole
        attributions, all roles overlapping), and metrics with the gold and predicted counts.

    Raises:
        DataError: the folder is missing or holds no annotated articles.
    """
    if not directory.is_dir():
        raise DataError(f"{directory}: no such PolNeAR folder")
    # Importing the extractors registers the Doc extensions the pipeline reads.
    import newsgraph.extract  # noqa: F401

    pairs = corpus_files(directory)
    totals: dict[str, PRF] = {}
    n_gold = n_pred = 0
    for preds, (_, ann) in zip(_predicted(nlp, [text for text, _ in pairs]), pairs, strict=True):
        gold = read_ann(ann)
        n_gold += len(gold)
        n_pred += len(preds)
        for name, prf in score_document(preds, gold).items():
            totals[name] = totals.get(name, PRF(0, 0, 0)) + prf
    return EvaluationReport(
        task="attribution",
        data=str(directory),
        documents=len(pairs),
        scores=totals,
        metrics={"gold attributions": float(n_gold), "predicted attributions": float(n_pred)},
    )
