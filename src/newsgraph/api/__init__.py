"""The REST API over a store: ``create_app(store)`` is a FastAPI app serving ``/api/v1``.

    >>> from newsgraph.api import create_app
    >>> app = create_app(Store.open("newsgraph.db"), token="secret")

Nothing is loaded at import beyond FastAPI itself; the spaCy model loads on the first
request that needs it, once per app.
"""

from newsgraph.api.app import API_PREFIX, TOKEN_ENV, create_app
from newsgraph.api.deps import LazyModel, Services

__all__ = ["API_PREFIX", "TOKEN_ENV", "LazyModel", "Services", "create_app"]
