"""From text to ``Article``: one pass of the pipeline, then reading the records off the Doc."""

from __future__ import annotations

import dataclasses
import datetime as dt
import hashlib
import re
from collections import deque
from collections.abc import Iterable, Iterator

from spacy.language import Language
from spacy.tokens import Doc

from newsgraph.errors import EmptyInputError, InputFormatError, InputTooLargeError
from newsgraph.extract.extensions import prepare_doc
from newsgraph.nlp.model import Pipelines
from newsgraph.records import Article, Document

_SURROGATE = re.compile("[\ud800-\udfff]")


def article_id(text: str) -> str:
    """A stable content hash: the same text always gets the same id."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]


def analyze(
    text: str,
    *,
    nlp: Language | Pipelines,
    published: dt.date | None = None,
    title: str | None = None,
    url: str | None = None,
    outlet: str | None = None,
    author: str | None = None,
    today: dt.date | None = None,
) -> Article:
    """Analyze one article.

    Args:
        text: the article body.
        nlp: the pipeline from ``load_model`` (an article in another language goes to that language's).
        published: publication date; relative dates resolve against it. When absent it is
            inferred from the text (``Article.published_from`` says how).
        title, url, outlet, author: metadata carried into the result.
        today: the latest date an inferred publication date may have (default: today).

    Returns:
        The article with its entities, times and attributions.

    Raises:
        EmptyInputError: the text is empty or only whitespace.
        InputTooLargeError: the text is longer than the model accepts.
        InputFormatError: the text holds an unpaired surrogate (it is not valid Unicode).
    """
    document = Document(
        text=text,
        title=title,
        url=url,
        outlet=outlet,
        author=author,
        published=published,
        published_from="given" if published else "unknown",
    )
    return analyze_document(document, nlp=nlp, today=today)


def analyze_document(document: Document, *, nlp: Language | Pipelines, today: dt.date | None = None) -> Article:
    """Analyze a ``Document`` produced by a reader. See ``analyze``."""
    return next(analyze_documents([document], nlp=nlp, today=today))


def analyze_documents(
    documents: Iterable[Document],
    *,
    nlp: Language | Pipelines,
    today: dt.date | None = None,
    batch_size: int = 32,
) -> Iterator[Article]:
    """Analyze many documents, batching them through ``nlp.pipe``, each with its language's pipeline.

    A document in a language newsgraph has no pipeline for becomes an article with its text, metadata
    and language and no records: it is never analysed with another language's model.

    Raises:
        EmptyInputError, InputTooLargeError: for the first document that cannot be analyzed;
            callers that must not stop at a bad document check with ``check_text`` first.
    """
    today = today or dt.date.today()
    pipelines = Pipelines.of(nlp)
    batch: list[Document] = []
    batch_language: str | None = None
    for document in documents:
        language = pipelines.language_of(document)
        if batch and (language != batch_language or len(batch) >= batch_size):
            yield from _analyze_batch(batch, batch_language or "", pipelines, today)
            batch = []
        batch.append(dataclasses.replace(document, language=language))
        batch_language = language
    if batch:
        yield from _analyze_batch(batch, batch_language or "", pipelines, today)


def _analyze_batch(documents: list[Document], language: str, pipelines: Pipelines, today: dt.date) -> Iterator[Article]:
    pipeline = pipelines.get(language)
    if pipeline is None:
        for document in documents:
            check_text(document.text, document.origin, pipelines.default.max_length)
            yield unanalysed(document)
        return
    pending: deque[Document] = deque()

    def docs() -> Iterator[Doc]:
        for document in documents:
            check_text(document.text, document.origin, pipeline.max_length)
            pending.append(document)
            yield prepare_doc(pipeline.make_doc(document.text), document.published, document.published_from, today)

    for doc in pipeline.pipe(docs(), batch_size=len(documents)):
        yield to_article(pending.popleft(), doc)


def unanalysed(document: Document) -> Article:
    """The article of a document no pipeline reads: its text, metadata and language, no records."""
    return Article(
        id=article_id(document.text),
        text=document.text,
        title=document.title,
        url=document.url,
        outlet=document.outlet,
        author=document.author,
        published=document.published,
        published_from=document.published_from if document.published else "unknown",
        language=document.language,
    )


def check_text(text: str, origin: str, max_length: int) -> None:
    """Refuse text the pipeline cannot analyze, with a message naming ``origin``."""
    if not text.strip():
        raise EmptyInputError(f"{origin}: no text to analyze")
    if len(text) > max_length:
        raise InputTooLargeError(f"{origin}: {len(text):,} characters is over the model's limit of {max_length:,}")
    if _SURROGATE.search(text):
        # A Python str may hold one (from surrogateescape decoding, JSON escapes); UTF-8 cannot encode it.
        raise InputFormatError(f"{origin}: the text holds an unpaired surrogate, not valid Unicode")


def to_article(document: Document, doc: Doc) -> Article:
    """Read the records the components left on ``doc`` into an ``Article``."""
    return dataclasses.replace(
        unanalysed(document),
        published=doc._.published,
        published_from=doc._.published_from,
        language=document.language or doc.lang_,
        entities=tuple(doc._.newsgraph_entities),
        times=tuple(doc._.newsgraph_times),
        attributions=tuple(doc._.newsgraph_attributions),
        events=tuple(doc._.newsgraph_events),
    )
