"""The FastAPI application factory: one app over one store, no global state.

``create_app(store)`` returns an app serving the REST API under ``/api/v1`` and its
OpenAPI document at ``/openapi.json``. The web interface (``newsgraph.web``) adds its
pages to the same app. Every response carries security headers; every error is
``{"error": {"code", "message"}}``; request bodies over the limit get 413.
"""

from __future__ import annotations

import os
from http import HTTPStatus
from typing import TYPE_CHECKING

from fastapi import Depends, FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from newsgraph.api.deps import LazyModel, NlpFactory, Services
from newsgraph.api.routes import router
from newsgraph.api.stories import router as stories_router
from newsgraph.errors import InputError, ModelError, NewsgraphError, StoreError
from newsgraph.settings import Settings
from newsgraph.store import Store

if TYPE_CHECKING:
    from spacy.language import Language

API_PREFIX = "/api/v1"
TOKEN_ENV = "NEWSGRAPH_TOKEN"
DEFAULT_MAX_BODY_BYTES = 2_000_000
MAX_HEADER_BYTES = 32_768

SECURITY_HEADERS = {
    # No inline script anywhere: pages load /static/*.js only.
    "Content-Security-Policy": (
        "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
        "object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'"
    ),
    "X-Content-Type-Options": "nosniff",
    "X-Frame-Options": "DENY",
    "Referrer-Policy": "same-origin",
}


def create_app(
    store: Store,
    *,
    settings: Settings | None = None,
    nlp_factory: NlpFactory | None = None,
    token: str | None = None,
    max_body_bytes: int = DEFAULT_MAX_BODY_BYTES,
) -> FastAPI:
    """The REST API over ``store``.

    Args:
        store: an opened store; the app does not close it.
        settings: model name and limits (default: from the environment).
        nlp_factory: loads the pipeline; called at most once, on the first analyze or
            ingest request (default: ``load_model(settings)``).
        token: the bearer token ``POST /api/v1/articles`` requires; default the
            ``NEWSGRAPH_TOKEN`` environment variable. Without one, ingest is refused.
        max_body_bytes: larger request bodies get 413.
    """
    settings = settings or Settings.from_env()

    def load() -> Language:
        from newsgraph.nlp import load_model

        return load_model(settings)

    app = FastAPI(
        dependencies=[Depends(refuse_control_characters)],
        title="newsgraph",
        summary="Who said what, through whom, how firmly, and when: the REST API over a newsgraph store.",
        version=_version(),
        # Swagger UI and ReDoc need inline script and a CDN, which the CSP forbids; the document is enough.
        docs_url=None,
        redoc_url=None,
    )
    app.state.newsgraph = Services(
        store=store,
        settings=settings,
        model=LazyModel(nlp_factory or load),
        # An empty token would be no secret at all: it disables ingest like no token.
        token=(token if token is not None else os.environ.get(TOKEN_ENV)) or None,
        max_body_bytes=max_body_bytes,
    )
    install_error_handlers(app)
    # Stories first: its /entities/{name}/timeline must be tried before /entities/{name}, which takes any path
    # (a name may hold a slash: "AC/DC").
    app.include_router(stories_router, prefix=API_PREFIX)
    app.include_router(router, prefix=API_PREFIX)
    app.add_middleware(BodySizeLimit, limit=max_body_bytes)
    app.add_middleware(SecurityHeaders)
    app.add_middleware(HeadAsGet)
    return app


def refuse_control_characters(request: Request) -> None:
    """Refuse NUL in query and path parameters (422): SQLite cuts strings at NUL (``name=%00`` would match
    every entity) and PostgreSQL refuses them, so no filter or id can mean anything with one."""
    found = [("query", k) for k, v in request.query_params.multi_items() if "\x00" in k or "\x00" in v]
    found += [("path", k) for k, v in request.path_params.items() if isinstance(v, str) and "\x00" in v]
    if found:
        raise RequestValidationError(
            [{"loc": where, "msg": "NUL characters are not allowed", "type": "value_error"} for where in found]
        )


def _version() -> str:
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version("newsgraph")
    except PackageNotFoundError:
        return "0"


def error_body(status: int, message: str, code: str | None = None) -> dict[str, dict[str, str]]:
    """The JSON body of an error response."""
    return {"error": {"code": code or _code(status), "message": message}}


def _code(status: int) -> str:
    try:
        return HTTPStatus(status).phrase.lower().replace(" ", "_").replace("-", "_")
    except ValueError:
        return "error"


def json_error(
    status: int, message: str, code: str | None = None, headers: dict[str, str] | None = None
) -> JSONResponse:
    """An error response in the one JSON shape."""
    return JSONResponse(error_body(status, message, code), status_code=status, headers=headers)


def install_error_handlers(app: FastAPI) -> None:
    """Map every exception to ``{"error": {"code", "message"}}`` with a fitting status."""

    async def http_error(request: Request, exc: Exception) -> JSONResponse:
        assert isinstance(exc, StarletteHTTPException)
        message = exc.detail if isinstance(exc.detail, str) else HTTPStatus(exc.status_code).phrase
        return json_error(exc.status_code, message, headers=dict(exc.headers) if exc.headers else None)

    async def validation_error(request: Request, exc: Exception) -> JSONResponse:
        assert isinstance(exc, RequestValidationError)
        return json_error(422, describe_validation(exc), "invalid_request")

    async def newsgraph_error(request: Request, exc: Exception) -> JSONResponse:
        if isinstance(exc, InputError):
            return json_error(422, str(exc), "invalid_input")
        if isinstance(exc, StoreError | ModelError):
            return json_error(503, str(exc), "unavailable")
        return json_error(500, str(exc), "internal_error")

    async def unexpected(request: Request, exc: Exception) -> JSONResponse:
        return json_error(500, "internal error", "internal_error")

    app.add_exception_handler(StarletteHTTPException, http_error)
    app.add_exception_handler(RequestValidationError, validation_error)
    app.add_exception_handler(NewsgraphError, newsgraph_error)
    app.add_exception_handler(Exception, unexpected)


def describe_validation(exc: RequestValidationError) -> str:
    """The validation errors on one line: ``where: what; ...``."""
    parts = []
    for error in exc.errors()[:5]:
        where = ".".join(str(p) for p in error.get("loc", ()) if p != "body") or "body"
        parts.append(f"{where}: {error.get('msg', 'invalid')}")
    return "; ".join(parts) or "invalid request"


class BodyTooLarge(Exception):
    """Raised inside ``receive`` when a streamed body passes the limit."""


class HeadAsGet:
    """Answers HEAD wherever GET is answered (monitors and link checkers send it): the GET response's status
    and headers, without its body."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope["method"] != "HEAD":
            await self.app(scope, receive, send)
            return

        async def headers_only(message: Message) -> None:
            if message["type"] == "http.response.body":
                if message.get("more_body", False):
                    return
                message = {"type": "http.response.body", "body": b"", "more_body": False}
            await send(message)

        await self.app({**scope, "method": "GET"}, receive, headers_only)


class BodySizeLimit:
    """Refuses request bodies over ``limit`` bytes with 413, by Content-Length or while streaming,
    and header blocks over ``MAX_HEADER_BYTES`` with 431."""

    def __init__(self, app: ASGIApp, limit: int) -> None:
        self.app = app
        self.limit = limit

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        headers = scope["headers"]
        # uvicorn takes whatever header block arrives in one read (hundreds of kB): nothing here needs more.
        if sum(len(k) + len(v) + 4 for k, v in headers) > MAX_HEADER_BYTES:
            response = json_error(431, f"request headers are over {MAX_HEADER_BYTES:,} bytes", headers=SECURITY_HEADERS)
            await response(scope, receive, send)
            return
        length = dict(headers).get(b"content-length")
        if length is not None and (not length.isdigit() or int(length) > self.limit):
            await self._refuse(scope, receive, send)
            return
        seen = 0
        too_large = False
        replaced = False

        async def limited_receive() -> Message:
            nonlocal seen, too_large
            message = await receive()
            if message["type"] == "http.request":
                seen += len(message.get("body", b""))
                if seen > self.limit:
                    too_large = True
                    raise BodyTooLarge
            return message

        async def checked_send(message: Message) -> None:
            nonlocal replaced
            # The framework may turn the exception from ``receive`` into its own 400: answer 413 instead.
            if too_large:
                if message["type"] == "http.response.start" and not replaced:
                    replaced = True
                    await self._refuse(scope, receive, send)
                return
            await send(message)

        try:
            await self.app(scope, limited_receive, checked_send)
        except BodyTooLarge:
            if not replaced:
                replaced = True
                await self._refuse(scope, receive, send)

    async def _refuse(self, scope: Scope, receive: Receive, send: Send) -> None:
        response = json_error(413, f"request body is over the limit of {self.limit:,} bytes", "payload_too_large")
        response.headers.update(SECURITY_HEADERS)
        await response(scope, receive, send)


class SecurityHeaders:
    """Adds ``SECURITY_HEADERS`` to every HTTP response."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        started = False

        async def with_headers(message: Message) -> None:
            nonlocal started
            if message["type"] == "http.response.start":
                started = True
                headers = list(message.get("headers", []))
                present = {k.lower() for k, _ in headers}
                for name, value in SECURITY_HEADERS.items():
                    if name.lower().encode() not in present:
                        headers.append((name.lower().encode(), value.encode()))
                message["headers"] = headers
            await send(message)

        try:
            await self.app(scope, receive, with_headers)
        except Exception:
            # Unexpected errors are answered by Starlette's outermost middleware, which this one sits
            # inside of: answer here so that the 500 carries the headers too, then let it log the error.
            if not started:
                response = json_error(500, "internal error", "internal_error", headers=SECURITY_HEADERS)
                await response(scope, receive, send)
            raise
