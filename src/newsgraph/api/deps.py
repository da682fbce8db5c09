"""What the API's and the pages' handlers depend on: the services of the app, the shared query parameters and
the error responses. Handlers import from here, and the app from them: no import goes the other way."""

from __future__ import annotations

import contextlib
import datetime as dt
import threading
from collections import OrderedDict
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Annotated, Any

from fastapi import Depends, Query, Request

from newsgraph.api.models import ErrorResponse
from newsgraph.errors import NewsgraphError
from newsgraph.records import ClaimStatus, SourceKind
from newsgraph.settings import Settings
from newsgraph.store import Store

if TYPE_CHECKING:
    from spacy.language import Language

    from newsgraph.batch import Ingestion
    from newsgraph.store.crossdoc import StoryView

NlpFactory = Callable[[], "Language"]


class LazyModel:
    """The spaCy pipeline, loaded on first use and shared by every request of one app.

    spaCy pipelines are not documented as thread-safe, so requests take turns using it.
    """

    def __init__(self, factory: NlpFactory) -> None:
        self._factory = factory
        self._nlp: Language | None = None
        self.lock = threading.Lock()
        self.loads = 0

    def get(self) -> Language:
        """The pipeline, loading it now if no request has yet. Call with ``lock`` held."""
        if self._nlp is None:
            self._nlp = self._factory()
            self.loads += 1
        return self._nlp

    def preload(self) -> threading.Thread:
        """Start loading the pipeline in the background, so that no request waits for it.

        A model that cannot be loaded is left to the first request that needs it, which reports why.
        """

        def load() -> None:
            with self.lock, contextlib.suppress(NewsgraphError):
                self.get()

        thread = threading.Thread(target=load, name="newsgraph-model", daemon=True)
        thread.start()
        return thread


@dataclass
class Services:
    """What request handlers use, kept on ``app.state.newsgraph``."""

    store: Store
    settings: Settings
    model: LazyModel
    token: str | None
    max_body_bytes: int
    ingestion: Ingestion | None = field(default=None)
    story_views: OrderedDict[tuple[str, int], StoryView] = field(default_factory=OrderedDict)
    """Recently built story views, keyed by story and article count (any new article invalidates them)."""


def services(request: Request) -> Services:
    """The services of the app handling ``request``."""
    found = request.app.state.newsgraph
    assert isinstance(found, Services)
    return found


MAX_LIMIT = 100
"""The largest page any list answers."""

Svc = Annotated[Services, Depends(services)]
Limit = Annotated[int, Query(ge=1, le=MAX_LIMIT, description=f"Page size (at most {MAX_LIMIT}).")]
Offset = Annotated[int, Query(ge=0, le=100_000, description="Items to skip.")]
Since = Annotated[dt.date | None, Query(description="Published on or after this date (YYYY-MM-DD).")]
Until = Annotated[dt.date | None, Query(description="Published on or before this date (YYYY-MM-DD).")]
Text = Annotated[str | None, Query(max_length=500)]
LanguageParam = Annotated[
    str | None, Query(pattern="^([a-z]{2}|und)$", description="Only articles in this language (ISO 639-1: en, fr).")
]
SourceKindParam = SourceKind
StatusParam = ClaimStatus

ERRORS: dict[int | str, dict[str, Any]] = {
    code: {"model": ErrorResponse, "description": description}
    for code, description in [
        (413, "Request body too large"),
        (422, "Invalid request"),
        (500, "Internal error"),
        (503, "Store or model unavailable"),
    ]
}
"""The errors any endpoint may answer, for the OpenAPI document."""

NOT_FOUND: dict[int | str, dict[str, Any]] = {404: {"model": ErrorResponse, "description": "Not found"}}
