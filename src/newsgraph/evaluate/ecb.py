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
import dataclasses
import datetime as dt
import re
import xml.etree.ElementTree as ET
from collections.abc import Collection, Iterator, Mapping, Sequence
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

TokenRange = tuple[int, int]


@dataclass(frozen=True, slots=True)
class EcbToken:
    """One token of an ECB+ file: its id, sentence number and text (entities decoded)."""

    t_id: str
    sentence: int
    text: str


@dataclass(frozen=True, slots=True)
class EcbMarkable:
    """One markable: its tag (``ACTION_OCCURRENCE``, ``HUMAN_PART_PER``, ...), id and anchor token ids."""

    tag: str
    m_id: str
    anchors: tuple[str, ...]

    @property
    def action(self) -> bool:
        """Whether this is an action mention (an event), negated or not."""
        return self.tag.startswith(("ACTION", "NEG_ACTION"))


@dataclass(frozen=True, slots=True)
class EcbFile:
    """One ECB+ XML file as it is: tokens, markables and each mention's coreference chain.

    ``chains`` maps a markable id to its cross-document chain (the relation's ``note``) or, failing
    that, to ``<name>:<r_id>`` of its in-document chain. ``annotated`` holds the sentence numbers ECB+
    validated in this file (``ECBplus_coreference_sentences.csv``).
    """

    name: str
    topic: int
    tokens: tuple[EcbToken, ...]
    markables: tuple[EcbMarkable, ...]
    chains: Mapping[str, str]
    annotated: frozenset[int]


def read_file(path: Path, annotated: frozenset[int] = frozenset()) -> EcbFile:
    """Read one ECB+ XML file.

    Raises:
        DataError: the file cannot be read, is not XML, or holds no tokens.
    """
    try:
        root = ET.parse(path).getroot()
    except (OSError, ET.ParseError) as exc:
        raise DataError(f"{path}: cannot read ECB+ file ({exc.__class__.__name__})") from exc
    tokens = tuple(EcbToken(t.get("t_id", ""), int(t.get("sentence", "0")), t.text or "") for t in root.iter("token"))
    if not tokens:
        raise DataError(f"{path}: no <token> elements, not an ECB+ file")
    found = root.find("Markables")
    markables = tuple(
        EcbMarkable(m.tag, m.get("m_id", ""), tuple(a.get("t_id", "") for a in m.iter("token_anchor")))
        for m in (found if found is not None else ())
    )
    chains: dict[str, str] = {}
    for relation in root.iter("CROSS_DOC_COREF"):
        for source in relation.iter("source"):
            chains[source.get("m_id", "")] = relation.get("note", "")
    for relation in root.iter("INTRA_DOC_COREF"):
        for source in relation.iter("source"):
            chains.setdefault(source.get("m_id", ""), f"{path.stem}:{relation.get('r_id', '')}")
    topic = path.stem.split("_")[0]
    return EcbFile(path.stem, int(topic) if topic.isdigit() else 0, tokens, markables, chains, annotated)


def read_files(directory: Path, topics: Collection[int] | None = None) -> list[EcbFile]:
    """The ECB+ files of ``topics`` (all when None) under ``directory``, topic by topic in file-number order.

    ``directory`` is the corpus root (holding ``ECB+/`` and the sentence index) or ``ECB+`` itself.

    Raises:
        DataError: the layout is not ECB+'s, a file is unreadable, or no file matches.
    """
    root = directory if (directory / SENTENCES_FILE).exists() else directory.parent
    corpus = root / "ECB+" if (root / "ECB+").is_dir() else directory
    index = annotated_sentences(root / SENTENCES_FILE)
    folders = sorted((p for p in corpus.iterdir() if p.is_dir() and p.name.isdigit()), key=lambda p: int(p.name))
    files = [
        read_file(path, index.get(path.stem, frozenset()))
        for folder in (folders if corpus.is_dir() else [])
        if topics is None or int(folder.name) in topics
        for path in sorted(folder.glob("*.xml"), key=_natural)
    ]
    if not files:
        raise DataError(f"{directory}: no ECB+ documents found (expected ECB+/<topic>/*.xml)")
    return files


def _natural(path: Path) -> tuple[int, str]:
    match = re.match(r"\d+_(\d+)", path.stem)
    return (int(match.group(1)) if match else 0, path.stem)


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


@dataclass(frozen=True, slots=True)
class ECBDocument:
    """One ECB+ file for trigger scoring: tokens, their sentence numbers, the annotated sentences and gold actions.

    ``actions`` are half-open token index ranges ``[start, end)`` (from the first to the last
    anchored token).
    """

    name: str
    topic: int
    words: tuple[str, ...]
    sentences: tuple[int, ...]
    annotated: frozenset[int]
    actions: tuple[TokenRange, ...]

    @classmethod
    def of(cls, file: EcbFile) -> ECBDocument:
        """The trigger-scoring view of one file."""
        position = {t.t_id: i for i, t in enumerate(file.tokens)}
        actions = set()
        for markable in file.markables:
            anchored = [position[t] for t in markable.anchors if t in position]
            if markable.action and anchored:
                actions.add((min(anchored), max(anchored) + 1))
        return cls(
            name=file.name,
            topic=file.topic,
            words=tuple(t.text or "_" for t in file.tokens),
            sentences=tuple(t.sentence for t in file.tokens),
            annotated=file.annotated,
            actions=tuple(sorted(actions)),
        )


def read_ecb(path: Path, topic: int, annotated: frozenset[int]) -> ECBDocument:
    """Read one ECB+ XML file for trigger scoring.

    Raises:
        DataError: the file cannot be read or holds no tokens.
    """
    return dataclasses.replace(ECBDocument.of(read_file(path, annotated)), topic=topic)


def read_corpus(directory: Path, topics: Collection[int] | None = None) -> list[ECBDocument]:
    """The ECB+ documents of ``topics`` (all when None) under ``directory``, for trigger scoring.

    Raises:
        DataError: see ``read_files``.
    """
    return [ECBDocument.of(f) for f in read_files(directory, topics)]


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
