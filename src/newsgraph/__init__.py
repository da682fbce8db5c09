"""newsgraph: turn news articles into sourced, time-anchored knowledge.

Load the model once and pass it in::

    import datetime
    import newsgraph

    nlp = newsgraph.load_model()
    article = newsgraph.analyze(text, nlp=nlp, published=datetime.date(2024, 12, 8))
    article.to_dict()  # the JSON contract: `newsgraph schema`
"""

from newsgraph.errors import (
    BinaryInputError,
    DataError,
    EmptyInputError,
    InputError,
    InputFormatError,
    InputNotFoundError,
    InputTooLargeError,
    ModelError,
    NewsgraphError,
)
from newsgraph.nlp import analyze, analyze_document, analyze_documents, load_model
from newsgraph.records import (
    Article,
    Attribution,
    Cue,
    Document,
    Entity,
    Mention,
    Source,
    Span,
    TimeExpr,
    Via,
)
from newsgraph.settings import Settings

__version__ = "0.1.0"

__all__ = [
    "Article",
    "Attribution",
    "BinaryInputError",
    "Cue",
    "DataError",
    "Document",
    "EmptyInputError",
    "Entity",
    "InputError",
    "InputFormatError",
    "InputNotFoundError",
    "InputTooLargeError",
    "Mention",
    "ModelError",
    "NewsgraphError",
    "Settings",
    "Source",
    "Span",
    "TimeExpr",
    "Via",
    "__version__",
    "analyze",
    "analyze_document",
    "analyze_documents",
    "load_model",
]
