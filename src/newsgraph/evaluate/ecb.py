"""Event trigger detection on ECB+ (Cybulska & Vossen 2014), topics 1-35.

Each ``ECB+/<topic>/*.xml`` file holds its tokens (``t_id``, ``sentence``) and markables; the
action mentions are the ``ACTION_*`` tags (and their negated ``NEG_ACTION_*`` forms), each
anchored to one or more tokens. Only the sentences listed in ``ECBplus_coreference_sentences.csv``
were annotated, so only those are scored, for gold and predictions alike. Docs are built from the
gold tokens, the whole pipeline runs over each document, and every event trigger the pipeline
finds is compared with the gold action mentions: exact (same token range) and partial (any
overlap, one-to-one greedy matching).

The established split of these topics (Cybulska & Vossen 2015) keeps topics 2, 5, 12, 18, 21,
23, 34 and 35 for development; the other topics are for training.
"""

from __future__ import annotations

import csv
import datetime as dt
import re
from collections.abc import Collection, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

from spacy.language import Language
from spacy.tokens import Doc

from newsgraph.errors import DataError
from newsgraph.evaluate.scores import PRF, EvaluationReport
from newsgraph.extract.extensions import prepare_doc

DEV_TOPICS = frozenset({2, 5, 12, 18, 21, 23, 34, 35})
TRAIN_TOPICS = frozenset(range(1, 36)) - DEV_TOPICS
SENTENCES_FILE = "ECBplus_coreference_sentences.csv"

_TOKEN = re.compile(r'<token t_id="(\d+)" sentence="(\d+)" number="\d+">([^<]*)</token>')
_ACTION = re.compile(r"<((?:NEG_)?ACTION_[A-Z]+) m_id=\"\d+\"\s*>(.*?)</\1>", re.DOTALL)
_ANCHOR = re.compile(r'<token_anchor t_id="(\d+)"')
_ENTITIES = {"&amp;": "&", "&lt;": "<", "&gt;": ">", "&quot;": '"', "&apos;": "'"}

TokenRange = tuple[int, int]


@dataclass(frozen=True, slots=True)
class ECBDocument:
    """One ECB+ file: tokens, their sentence numbers, the annotated sentences and gold actions.

    ``actions`` are half-open token index ranges ``[start, end)`` (from the first to the last
    anchored token).
    """

    name: str
    topic: int
    words: tuple[str, ...]
    sentences: tuple[int, ...]
    annotated: frozenset[int]
    actions: tuple[TokenRange, ...]


def _unescape(text: str) -> str:
    for entity, char in _ENTITIES.items():
        text = text.replace(entity, char)
    return text


def annotated_sentences(path: Path) -> dict[str, frozenset[int]]:
    """File stem (``1_10ecbplus``) → the sentence numbers annotated in it.

    Raises:
        DataError: the file is missing or not in the expected CSV layout.
    """
    try:
        with path.open(encoding="utf-8", newline="") as handle:
            rows = list(csv.DictReader(handle))
    except OSError as exc:
        raise DataError(f"{path}: cannot read the annotated-sentence index ({exc.__class__.__name__})") from exc
    found: dict[str, set[int]] = {}
    try:
        for row in rows:
            found.setdefault(f"{row['Topic']}_{row['File']}", set()).add(int(row["Sentence Number"]))
    except (KeyError, ValueError) as exc:
        raise DataError(f"{path}: expected columns Topic, File, Sentence Number ({exc})") from exc
    return {name: frozenset(numbers) for name, numbers in found.items()}


def read_ecb(path: Path, topic: int, annotated: frozenset[int]) -> ECBDocument:
    """Read one ECB+ XML file.

    Raises:
        DataError: the file cannot be read or holds no tokens.
    """
    try:
        raw = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise DataError(f"{path}: cannot read ECB+ file ({exc.__class__.__name__})") from exc
    tokens = _TOKEN.findall(raw)
    if not tokens:
        raise DataError(f"{path}: no <token> elements, not an ECB+ file")
    position = {int(t_id): i for i, (t_id, _, _) in enumerate(tokens)}
    actions = set()
    for match in _ACTION.finditer(raw):
        anchored = [position[int(t)] for t in _ANCHOR.findall(match.group(2)) if int(t) in position]
        if anchored:
            actions.add((min(anchored), max(anchored) + 1))
    return ECBDocument(
        name=path.stem,
        topic=topic,
        words=tuple(_unescape(text) or "_" for _, _, text in tokens),
        sentences=tuple(int(s) for _, s, _ in tokens),
        annotated=annotated,
        actions=tuple(sorted(actions)),
    )


def read_corpus(directory: Path, topics: Collection[int] | None = None) -> list[ECBDocument]:
    """The ECB+ documents of ``topics`` (all when None) under ``directory``.

    ``directory`` is the corpus root (holding ``ECB+/`` and the sentence index) or ``ECB+`` itself.

    Raises:
        DataError: the layout is not ECB+'s or no document matches.
    """
    root = directory if (directory / SENTENCES_FILE).exists() else directory.parent
    corpus = root / "ECB+" if (root / "ECB+").is_dir() else directory
    index = annotated_sentences(root / SENTENCES_FILE)
    documents = []
    for folder in sorted(p for p in corpus.iterdir() if p.is_dir() and p.name.isdigit()) if corpus.is_dir() else []:
        topic = int(folder.name)
        if topics is not None and topic not in topics:
            continue
        for path in sorted(folder.glob("*.xml")):
            documents.append(read_ecb(path, topic, index.get(path.stem, frozenset())))
    if not documents:
        raise DataError(f"{directory}: no ECB+ documents found (expected ECB+/<topic>/*.xml)")
    return documents


def predicted_triggers(doc: Doc) -> list[TokenRange]:
    """Token ranges of the event triggers the pipeline left on ``doc``."""
    found = []
    for event in doc._.newsgraph_events or []:
        span = doc.char_span(event.trigger.start, event.trigger.end, alignment_mode="expand")
        if span is not None:
            found.append((span.start, span.end))
    return found


def match(gold: Sequence[TokenRange], predicted: Sequence[TokenRange]) -> tuple[PRF, PRF]:
    """Exact and partial (one-to-one, any overlap) counts."""
    gold_set = set(gold)
    exact_tp = len(gold_set & set(predicted))
    exact = PRF(exact_tp, len(set(predicted)) - exact_tp, len(gold_set) - exact_tp)
    free = sorted(gold_set)
    partial_tp = 0
    for start, end in sorted(set(predicted)):
        hit = next((g for g in free if g[0] < end and start < g[1]), None)
        if hit is not None:
            free.remove(hit)
            partial_tp += 1
    partial = PRF(partial_tp, len(set(predicted)) - partial_tp, len(gold_set) - partial_tp)
    return exact, partial


def score_documents(documents: Sequence[ECBDocument], nlp: Language) -> Iterator[tuple[ECBDocument, PRF, PRF]]:
    """Run the pipeline over each document and score its annotated sentences."""
    today = dt.date.today()

    def docs() -> Iterator[Doc]:
        for document in documents:
            starts: list[bool | int | None] = [
                i == 0 or document.sentences[i] != document.sentences[i - 1] for i in range(len(document.words))
            ]
            doc = Doc(nlp.vocab, words=list(document.words), sent_starts=starts)
            yield prepare_doc(doc, None, "unknown", today)

    for document, doc in zip(documents, nlp.pipe(docs(), batch_size=16), strict=True):

        def scored(r: TokenRange, document: ECBDocument = document) -> bool:
            return document.sentences[r[0]] in document.annotated

        gold = [r for r in document.actions if scored(r)]
        predicted = [r for r in predicted_triggers(doc) if scored(r)]
        exact, partial = match(gold, predicted)
        yield document, exact, partial


def evaluate_events(directory: Path, nlp: Language, topics: Collection[int] | None = None) -> EvaluationReport:
    """Score event trigger detection against ECB+ action mentions.

    Args:
        directory: the ECB+ corpus root (``../shared/data/ecbplus``) or its ``ECB+`` folder.
        nlp: the pipeline from ``newsgraph.load_model``.
        topics: the topic numbers to score (``DEV_TOPICS``, ``TRAIN_TOPICS``); all when None.

    Returns:
        ``exact`` and ``partial`` P/R/F1 over the annotated sentences; ``metrics`` counts the
        gold action mentions scored.

    Raises:
        DataError: the layout is not ECB+'s or no document matches.
    """
    documents = read_corpus(directory, topics)
    exact, partial = PRF(0, 0, 0), PRF(0, 0, 0)
    for _, e, p in score_documents(documents, nlp):
        exact, partial = exact + e, partial + p
    return EvaluationReport(
        task="events",
        data=str(directory),
        documents=len(documents),
        scores={"exact": exact, "partial": partial},
        metrics={"gold actions": float(exact.tp + exact.fn)},
    )
