"""The engine-neutral unit of work: analyse a partition of documents into plain records.

``process_partition`` is what a single process, a Dask worker or any other engine runs.
It takes plain ``Document``s and returns plain, picklable records: never spaCy objects,
never a database handle. A document that cannot be analysed becomes a ``Failed`` record
instead of stopping the partition.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

from spacy.language import Language

from newsgraph.errors import NewsgraphError
from newsgraph.link import signature
from newsgraph.nlp.analyze import analyze_documents, check_text
from newsgraph.nlp.model import LANGUAGES, Pipelines
from newsgraph.records import Article, Document


@dataclass(frozen=True, slots=True)
class Analyzed:
    """One analysed document: the article, where it came from, and its near-duplicate signature."""

    article: Article
    origin: str
    signature: bytes
    warnings: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Failed:
    """An input that produced no article, with the one-line reason."""

    origin: str
    reason: str


def process_partition(
    documents: Sequence[Document],
    nlp: Language | Pipelines,
    *,
    today: dt.date | None = None,
    batch_size: int = 32,
) -> list[Analyzed | Failed]:
    """Analyse ``documents`` and compute their MinHash signatures, one record per document, in order.

    Args:
        documents: the partition.
        nlp: the pipeline from ``newsgraph.nlp.load_model``, loaded once per process (the other
            languages' pipelines load when their first article comes).
        today: the latest date an inferred publication date may have.
        batch_size: documents per ``nlp.pipe`` batch.

    Returns:
        ``Analyzed`` for each document that was analysed, ``Failed`` (with the reason) for the others.
    """
    results: list[Analyzed | Failed | None] = [None] * len(documents)
    valid: list[int] = []
    max_length = Pipelines.of(nlp).default.max_length
    for i, document in enumerate(documents):
        try:
            check_text(document.text, document.origin, max_length)
        except NewsgraphError as exc:
            results[i] = Failed(document.origin, str(exc))
        else:
            valid.append(i)
    articles: list[Article | Failed]
    try:
        articles = list(analyze_documents([documents[i] for i in valid], nlp=nlp, today=today, batch_size=batch_size))
    except Exception:
        # One document broke the batch: analyse one at a time so only that one fails.
        articles = [_analyze_one(documents[i], nlp, today) for i in valid]
    for i, article in zip(valid, articles, strict=True):
        document = documents[i]
        if isinstance(article, Failed):
            results[i] = article
        else:
            warnings = document.warnings
            if article.language not in (None, *LANGUAGES):
                warnings += (
                    f"{document.origin}: written in {article.language!r}, which newsgraph has no pipeline for: "
                    "stored without analysis",
                )
            results[i] = Analyzed(article, document.origin, signature(article.text).to_bytes(), warnings)
    return [r for r in results if r is not None]


def _analyze_one(document: Document, nlp: Language | Pipelines, today: dt.date | None) -> Article | Failed:
    try:
        return next(analyze_documents([document], nlp=nlp, today=today))
    except NewsgraphError as exc:
        return Failed(document.origin, str(exc))
    except Exception as exc:
        # A bug in an extractor must not lose the rest of the corpus; the reason names it.
        return Failed(document.origin, f"analysis failed: {type(exc).__name__}: {exc}")
