"""CoNLL-2003 NER evaluation: exact-span precision, recall and F1 (the conlleval definition).

spaCy predicts OntoNotes labels; they are mapped onto CoNLL's four types before scoring
(PERSON→PER, ORG→ORG, GPE/LOC/FAC→LOC, NORP/EVENT/PRODUCT/WORK_OF_ART/LAW/LANGUAGE→MISC,
everything else dropped). Docs are built from the gold tokens, one per ``-DOCSTART-`` document,
so that document-level corrections see a whole article.
"""

from __future__ import annotations

import datetime as dt
import pathlib
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from spacy.language import Language
from spacy.tokens import Doc

from newsgraph.errors import DataError
from newsgraph.evaluate.scores import PRF, EvaluationReport
from newsgraph.extract.extensions import prepare_doc

CONLL_TYPES = ("PER", "ORG", "LOC", "MISC")

ONTONOTES_TO_CONLL = {
    "PERSON": "PER",
    "ORG": "ORG",
    "GPE": "LOC",
    "LOC": "LOC",
    "FAC": "LOC",
    "NORP": "MISC",
    "EVENT": "MISC",
    "PRODUCT": "MISC",
    "WORK_OF_ART": "MISC",
    "LAW": "MISC",
    "LANGUAGE": "MISC",
}

ENTITIES_COMPONENT = "newsgraph_entities_v1"

# A gold or predicted entity: token start, token end (exclusive), CoNLL type.
Chunk = tuple[int, int, str]


@dataclass(frozen=True, slots=True)
class ConllDocument:
    """One ``-DOCSTART-`` document: its tokens, sentence starts and gold entity chunks."""

    words: tuple[str, ...]
    sent_starts: tuple[bool, ...]
    gold: frozenset[Chunk]


def read_conll(path: pathlib.Path) -> list[ConllDocument]:
    """The documents of a CoNLL-2003 file (IOB1 or IOB2 tags in the last column).

    Raises:
        DataError: the file is missing, unreadable or has no tokens.
    """
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError) as exc:
        raise DataError(f"{path}: cannot read CoNLL-2003 data ({exc.__class__.__name__})") from exc
    documents = list(_documents(lines))
    if not documents:
        raise DataError(f"{path}: no CoNLL-2003 tokens found")
    return documents


def _documents(lines: Iterable[str]) -> Iterator[ConllDocument]:
    words: list[str] = []
    tags: list[str] = []
    starts: list[bool] = []
    new_sentence = True
    for line in lines:
        fields = line.split()
        if not fields or fields[0] == "-DOCSTART-":
            new_sentence = True
            if fields and words:
                yield ConllDocument(tuple(words), tuple(starts), frozenset(iob_chunks(tags)))
                words, tags, starts = [], [], []
            continue
        words.append(fields[0])
        tags.append(fields[-1])
        starts.append(new_sentence)
        new_sentence = False
    if words:
        yield ConllDocument(tuple(words), tuple(starts), frozenset(iob_chunks(tags)))


def iob_chunks(tags: list[str]) -> list[Chunk]:
    """Entity chunks from IOB1 or IOB2 tags, as conlleval reads them."""
    chunks: list[Chunk] = []
    start, kind = -1, ""
    for i, tag in enumerate([*tags, "O"]):
        prefix, _, label = tag.partition("-")
        begins = prefix == "B" or (prefix == "I" and label != kind)
        if kind and (prefix == "O" or begins):
            chunks.append((start, i, kind))
            kind = ""
        if begins:
            start, kind = i, label
    return chunks


def conll_files(path: pathlib.Path) -> list[pathlib.Path]:
    """``path`` itself, or the files of a directory (sorted), skipping hidden files.

    Raises:
        DataError: the path does not exist or the directory holds no files.
    """
    if path.is_dir():
        files = sorted(p for p in path.iterdir() if p.is_file() and not p.name.startswith("."))
        if not files:
            raise DataError(f"{path}: no CoNLL-2003 files in this directory")
        return files
    if not path.exists():
        raise DataError(f"{path}: no such CoNLL-2003 file")
    return [path]


def predict(doc: Doc, nlp: Language, *, fixes: bool) -> Doc:
    """Run ``nlp``'s components on ``doc`` up to entity extraction.

    With ``fixes`` the newsgraph entities component runs after spaCy's own components (it rewrites
    ``doc.ents``); without it only the bare model's components run. Later newsgraph components
    (times, attributions) do not affect NER and are skipped.
    """
    for name, proc in nlp.pipeline:
        if name.startswith("newsgraph_"):
            continue
        doc = proc(doc)
    if fixes:
        if ENTITIES_COMPONENT in nlp.pipe_names:
            doc = nlp.get_pipe(ENTITIES_COMPONENT)(doc)
        else:
            from newsgraph.extract.entities import entities_component

            doc = entities_component(doc)
    return doc


def predicted_chunks(doc: Doc) -> set[Chunk]:
    """The entities of ``doc`` mapped onto CoNLL types; unmapped labels are dropped."""
    return {
        (ent.start, ent.end, ONTONOTES_TO_CONLL[ent.label_]) for ent in doc.ents if ent.label_ in ONTONOTES_TO_CONLL
    }


def evaluate_ner(
    path: pathlib.Path,
    nlp: Language,
    *,
    fixes: bool = True,
    limit: int | None = None,
) -> EvaluationReport:
    """Score the pipeline's named entities on CoNLL-2003 data.

    Args:
        path: a CoNLL-2003 file (``eng.testa``) or a directory of them.
        nlp: the pipeline from ``newsgraph.load_model``.
        fixes: apply newsgraph's NER corrections (``False`` scores the bare spaCy model).
        limit: score only the first ``limit`` documents (of all files, in order).

    Returns:
        Exact-span P/R/F1 overall (``"overall"``) and per CoNLL type, plus the token count.

    Raises:
        DataError: the path is missing, unreadable or holds no tokens.
    """
    documents = [document for file in conll_files(path) for document in read_conll(file)]
    if limit is not None:
        documents = documents[:limit]
    today = dt.date.today()
    counts = {kind: PRF(0, 0, 0) for kind in CONLL_TYPES}
    tokens = 0
    for document in documents:
        words = list(document.words)
        doc = Doc(
            nlp.vocab,
            words=words,
            spaces=[True] * len(words),
            sent_starts=[True if s else None for s in document.sent_starts],
        )
        doc = predict(prepare_doc(doc, None, "unknown", today), nlp, fixes=fixes)
        predicted = predicted_chunks(doc)
        tokens += len(words)
        for kind in CONLL_TYPES:
            gold = {c for c in document.gold if c[2] == kind}
            guess = {c for c in predicted if c[2] == kind}
            counts[kind] += PRF(len(gold & guess), len(guess - gold), len(gold - guess))
    overall = sum(counts.values(), PRF(0, 0, 0))
    return EvaluationReport(
        task="ner",
        data=str(path),
        documents=len(documents),
        scores={"overall": overall, **counts},
        metrics={"tokens": float(tokens)},
    )
