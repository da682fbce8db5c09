"""Assembling the site: the API app plus pages, static files and HTML error pages."""

from __future__ import annotations

import os
from http import HTTPStatus
from pathlib import Path
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import Response
from fastapi.staticfiles import StaticFiles
from starlette.exceptions import HTTPException as StarletteHTTPException

from newsgraph.api.app import API_PREFIX, create_app, describe_validation, json_error
from newsgraph.store import Store
from newsgraph.web.pages import make_environment, render, router
from newsgraph.web.story_pages import router as story_router

STATIC = Path(__file__).parent / "static"


def create_site(store: Store, **options: Any) -> FastAPI:
    """The REST API (see ``newsgraph.api.create_app``, which takes the same ``options``) and the web pages."""
    app = create_app(store, **options)
    app.state.templates = make_environment()
    app.include_router(router)
    app.include_router(story_router)
    app.mount("/static", StaticFiles(directory=STATIC), name="static")

    async def http_error(request: Request, exc: Exception) -> Response:
        assert isinstance(exc, StarletteHTTPException)
        message = exc.detail if isinstance(exc.detail, str) else HTTPStatus(exc.status_code).phrase
        if _wants_json(request):
            return json_error(exc.status_code, message, headers=dict(exc.headers) if exc.headers else None)
        return _error_page(request, exc.status_code, message)

    async def validation_error(request: Request, exc: Exception) -> Response:
        assert isinstance(exc, RequestValidationError)
        if _wants_json(request):
            return json_error(422, describe_validation(exc), "invalid_request")
        return _error_page(request, 422, describe_validation(exc))

    app.add_exception_handler(StarletteHTTPException, http_error)
    app.add_exception_handler(RequestValidationError, validation_error)
    return app


def site_from_environment() -> FastAPI:
    """The site over the store named by ``NEWSGRAPH_DB``, with settings from ``NEWSGRAPH_*``: what each worker
    process of ``newsgraph serve --workers N`` builds (the store stays open for the process's life).

    Each worker loads the model at once, in the background: requests are spread over the workers, and
    every worker's first analyze would otherwise stall for the load while the others answer.
    """
    from newsgraph.api.deps import Services
    from newsgraph.settings import Settings

    app = create_site(Store.open(os.environ.get("NEWSGRAPH_DB")), settings=Settings.from_env())
    services = app.state.newsgraph
    assert isinstance(services, Services)
    services.model.preload()
    return app


def _wants_json(request: Request) -> bool:
    return request.url.path.startswith((API_PREFIX, "/openapi.json"))


def _error_page(request: Request, status: int, message: str) -> Response:
    return render(
        request, "error.html", status_code=status, status=status, phrase=HTTPStatus(status).phrase, message=message
    )
