"""Property-based conformance: schemathesis drives every operation of /openapi.json.

Bounded and deterministic (derandomized, a few examples per operation, no example
database), over a SQLite store holding the sample articles.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import schemathesis
from hypothesis import HealthCheck, given, settings
from sitearticles import fill
from spacy.language import Language

from newsgraph.records import Article
from newsgraph.store import Store
from newsgraph.web import create_site


@pytest.fixture
def api_schema(tmp_path: Path, articles: list[Article], nlp: Language) -> Any:
    store = Store.open(tmp_path / "schemathesis.db")
    fill(store, articles)
    app = create_site(store, nlp_factory=lambda: nlp, token="schemathesis-token", max_body_bytes=20_000)
    return schemathesis.openapi.from_asgi("/openapi.json", app)


def _operations(schema: Any) -> list[Any]:
    return [result.ok() for result in schema.get_all_operations()]


def test_api_conforms_to_its_openapi_document(api_schema: Any) -> None:
    operations = _operations(api_schema)
    assert len(operations) >= 12
    calls: list[int] = []
    for operation in operations:

        @given(case=operation.as_strategy())
        @settings(
            max_examples=12,
            derandomize=True,
            deadline=None,
            database=None,
            suppress_health_check=list(HealthCheck),
        )
        def conforms(case: Any) -> None:
            calls.append(case.call_and_validate().status_code)

        conforms()
    assert len(calls) >= 100 and 200 in calls and 404 in calls and 401 in calls
