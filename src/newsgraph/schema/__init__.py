"""The JSON Schema of ``Article.to_dict()``, shipped with the package, and validation against it."""

from __future__ import annotations

import functools
import json
from importlib import resources
from typing import Any

SCHEMA_FILE = "article.schema.json"


@functools.cache
def _schema_text() -> str:
    return resources.files("newsgraph.schema").joinpath(SCHEMA_FILE).read_text(encoding="utf-8")


def load_schema() -> dict[str, Any]:
    """The article JSON Schema (draft 2020-12), a fresh copy the caller may change."""
    schema: dict[str, Any] = json.loads(_schema_text())
    return schema


def validate_article(data: dict[str, Any]) -> None:
    """Check an article's JSON against the schema, including ``format: date``.

    Raises:
        jsonschema.ValidationError: the first (most relevant) violation.
    """
    # Imported here: jsonschema is only needed when validating, not for every import of newsgraph.
    import jsonschema

    validator = _validator()
    error = jsonschema.exceptions.best_match(validator.iter_errors(data))
    if error is not None:
        raise error


@functools.cache
def _validator() -> Any:
    import jsonschema

    schema = load_schema()
    jsonschema.Draft202012Validator.check_schema(schema)
    return jsonschema.Draft202012Validator(schema, format_checker=jsonschema.Draft202012Validator.FORMAT_CHECKER)
