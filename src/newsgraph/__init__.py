"""newsgraph: turn news articles into sourced, time-anchored knowledge.

Load the model once and pass it in::

    import datetime
    import newsgraph

    nlp = newsgraph.load_model()
    article = newsgraph.analyze(text, nlp=nlp, published=datetime.date(2024, 12, 8))
    article.to_dict()  # the JSON contract: `newsgraph schema`

The names below are imported on first use (PEP 562), so that importing the package, and
commands that never load a model (``newsgraph --help``, the store commands, ``serve``),
do not pay for importing spaCy.
"""

# Private aliases: the package namespace holds only the public names (tests/test_api.py).
import importlib as _importlib
import typing as _typing

if _typing.TYPE_CHECKING:
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
    from newsgraph.nlp.analyze import analyze, analyze_document, analyze_documents
    from newsgraph.nlp.model import load_model
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

# Public name -> the module that defines it.
_LAZY: dict[str, str] = {
    **dict.fromkeys(
        (
            "BinaryInputError",
            "DataError",
            "EmptyInputError",
            "InputError",
            "InputFormatError",
            "InputNotFoundError",
            "InputTooLargeError",
            "ModelError",
            "NewsgraphError",
        ),
        "newsgraph.errors",
    ),
    **dict.fromkeys(("analyze", "analyze_document", "analyze_documents", "load_model"), "newsgraph.nlp"),
    **dict.fromkeys(
        ("Article", "Attribution", "Cue", "Document", "Entity", "Mention", "Source", "Span", "TimeExpr", "Via"),
        "newsgraph.records",
    ),
    "Settings": "newsgraph.settings",
}

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


def __getattr__(name: str) -> _typing.Any:
    """Import a public name on first use and keep it, so later lookups are plain attribute reads."""
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(_importlib.import_module(module), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted({*globals(), *__all__})
