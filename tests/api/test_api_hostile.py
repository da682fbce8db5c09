"""Hostile requests against the REST API, on SQLite and PostgreSQL: SQL injection and full-text query
syntax through every filter, hostile path parameters, malformed and oversized bodies, the ingest
token, absurd pagination, and the security headers on every kind of response.

Every answer must be a clean 2xx/4xx with the one JSON error shape, never a 500, and the store
must be intact afterwards.
"""

from __future__ import annotations

import hmac
import json
from collections.abc import Iterator
from typing import Any
from urllib.parse import quote

import pytest
from fastapi.testclient import TestClient
from hostilearticles import PAYLOADS, hostile_articles, hostile_site
from sitearticles import TOKEN
from spacy.language import Language
from storedb import BACKENDS

from newsgraph.records import Article
from newsgraph.store import Store
from newsgraph.web import create_site

LIMIT = 50_000
AUTH = {"Authorization": f"Bearer {TOKEN}"}
JSON = {"content-type": "application/json"}

INJECTIONS = (
    "' OR '1'='1",
    "' OR 1=1 --",
    '" OR ""="',
    "1; DROP TABLE articles; --",
    "'; DELETE FROM entities; --",
    "') UNION SELECT id, text, text, text, text, published FROM articles --",
    "%",
    "_",
    "\\",
    "%' OR '%'='",
    "' AND pg_sleep(5) --",
    "'||(SELECT sqlite_version())||'",
    # FTS5 query syntax: unbalanced quotes, NEAR, prefix stars, column filters, boolean operators.
    '"unbalanced',
    'Damascus" OR NEAR(*',
    "NEAR(",
    "*",
    "title:Damascus",
    "Damascus AND OR NOT",
    "^Damascus",
    "-Damascus",
    "(((",
    # PostgreSQL tsquery syntax.
    "Damascus & | !",
    "Damascus:*",
    "Damascus <-> Moscow",
    "!!!",
    "':*",
    # Bytes databases and drivers choke on.
    "Damascus\x00' OR 1=1",
    "\x00",
    "\x1b[31m\x7f",
    "\ufffd\ud7ff\U0001f600",
    "\u202eDamascus",
    "x" * 500,
)
"""Classic SQL injection, FTS5 and tsquery syntax errors, NUL and control characters."""

FILTERS = (
    ("/api/v1/search", "q"),
    ("/api/v1/search", "outlet"),
    ("/api/v1/articles", "outlet"),
    ("/api/v1/articles", "story"),
    ("/api/v1/entities", "name"),
    ("/api/v1/mentions", "entity"),
    ("/api/v1/claims", "source"),
    ("/api/v1/claims", "via"),
    ("/api/v1/claims", "entity"),
    ("/api/v1/claims", "article_id"),
    ("/api/v1/claims", "since"),
    ("/api/v1/articles", "until"),
    ("/api/v1/search", "status"),
    ("/api/v1/claims", "source_kind"),
)
"""Every free-text, date and choice filter of the API."""

PATHS = (
    "/api/v1/articles/{}",
    "/api/v1/entities/{}",
    "/api/v1/entities/{}/timeline",
    "/api/v1/claims/{}/{}",
    "/api/v1/stories/{}",
    "/api/v1/stories/{}/timeline",
    "/api/v1/linked-claims/{}",
)
"""Every path parameter of the API."""


@pytest.fixture(scope="module")
def evil(nlp: Language) -> list[Article]:
    return hostile_articles(nlp)


@pytest.fixture(scope="module", params=BACKENDS)
def hostile(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory, evil: list[Article], nlp: Language
) -> Iterator[TestClient]:
    """The site over a store holding the hostile articles, once per backend."""
    yield from hostile_site(request.param, tmp_path_factory.mktemp("hostile"), evil, nlp, max_body_bytes=LIMIT)


def assert_error_shape(response: Any, *statuses: int) -> None:
    assert response.status_code in statuses, (response.status_code, response.text[:300])
    body = response.json()
    assert set(body) == {"error"} and set(body["error"]) == {"code", "message"}, body
    assert all(isinstance(v, str) and v for v in body["error"].values())


def assert_security_headers(response: Any) -> None:
    headers = response.headers
    csp = headers.get("content-security-policy", "")
    directives = {d.strip().split(" ")[0]: d.strip() for d in csp.split(";") if d.strip()}
    assert "script-src" in directives and "'unsafe-inline'" not in directives["script-src"], csp
    assert "'unsafe-eval'" not in csp and "'unsafe-inline'" not in directives.get("default-src", ""), csp
    assert directives.get("frame-ancestors") == "frame-ancestors 'none'", csp
    assert directives.get("object-src") == "object-src 'none'", csp
    assert headers.get("x-content-type-options") == "nosniff"
    assert headers.get("x-frame-options") == "DENY"
    assert headers.get("referrer-policy") in {"same-origin", "no-referrer", "strict-origin-when-cross-origin"}


def store_fingerprint(client: TestClient) -> tuple[int, int, int, int]:
    """Counts that any injected write or delete would change."""
    health = client.get("/api/v1/health").json()
    entities = client.get("/api/v1/entities", params={"limit": 1}).json()["page"]["total"]
    claims = client.get("/api/v1/claims", params={"limit": 1}).json()["page"]["total"]
    found = client.get("/api/v1/search", params={"q": "Damascus"}).json()["page"]["total"]
    return health["articles"], entities, claims, found


# SQL injection and query syntax ---------------------------------------------------------------------------------


@pytest.mark.parametrize(("path", "param"), FILTERS, ids=[f"{p}?{n}" for p, n in FILTERS])
def test_injection_through_filters_is_inert(hostile: TestClient, path: str, param: str) -> None:
    before = store_fingerprint(hostile)
    assert before[0] == 3 and before[3] >= 2
    for payload in INJECTIONS:
        params = {param: payload}
        if path.endswith("/mentions") and param != "entity":
            params["entity"] = "Damascus"
        response = hostile.get(path, params=params)
        assert response.status_code in (200, 422), (payload, response.status_code, response.text[:300])
        assert_security_headers(response)
        if response.status_code == 422:
            assert_error_shape(response, 422)
            continue
        body = response.json()
        if isinstance(body, dict) and "page" in body:
            # No payload is a word, outlet, name or id of the store: an injection that matched would show here.
            total = body["page"]["total"]
            assert total == 0 or (param == "q" and payload.startswith(("Damascus", "title:", "^", "-", "\u202e"))), (
                payload,
                total,
            )
    assert store_fingerprint(hostile) == before


def test_fts_syntax_is_taken_as_words(hostile: TestClient) -> None:
    plain = hostile.get("/api/v1/search", params={"q": "Damascus"}).json()["page"]["total"]
    assert plain >= 2
    for query in ('Damascus"', "Damascus*", "Damascus NEAR(", "(Damascus)", "Damascus:*", "Damascus & !"):
        response = hostile.get("/api/v1/search", params={"q": query})
        assert response.status_code == 200, (query, response.text[:300])
        assert response.json()["page"]["total"] <= plain


def test_like_wildcards_match_themselves(hostile: TestClient) -> None:
    everything = hostile.get("/api/v1/entities").json()["page"]["total"]
    assert everything > 5
    for needle in ("%", "_", "%%", "\\", "\\%"):
        assert hostile.get("/api/v1/entities", params={"name": needle}).json()["page"]["total"] == 0, needle
    # Markup in names is searchable as text.
    assert hostile.get("/api/v1/entities", params={"name": "<script>"}).json()["page"]["total"] >= 1


@pytest.mark.parametrize("template", PATHS)
def test_injection_through_path_parameters_is_a_404(hostile: TestClient, template: str) -> None:
    before = store_fingerprint(hostile)
    for payload in (*INJECTIONS, *PAYLOADS, "../../etc/passwd", "..%2f..%2fetc%2fpasswd", "/etc/passwd"):
        url = template.format(*(quote(payload, safe="") for _ in range(template.count("{}"))))
        response = hostile.get(url)
        assert_security_headers(response)
        if template.endswith("/timeline") and template.startswith("/api/v1/entities/") and response.status_code == 200:
            # Entity timelines find a cross-article identity by the words of its name ("Damascus …").
            assert response.json()["items"] == [], payload
            continue
        assert_error_shape(response, 404, 422)
    assert store_fingerprint(hostile) == before


def test_markup_is_data_in_json(hostile: TestClient, evil: list[Article]) -> None:
    for article in evil:
        response = hostile.get(f"/api/v1/articles/{article.id}")
        assert response.headers["content-type"] == "application/json"
        stored = response.json()["article"]
        assert (stored["title"], stored["url"], stored["outlet"]) == (article.title, article.url, article.outlet)
        assert {e["name"] for e in stored["entities"]} == {e.name for e in article.entities}


# Pagination -----------------------------------------------------------------------------------------------------

BAD_NUMBERS = ("-1", "0", "abc", "1e3", "", "1.5", "0x10", str(10**20), "9" * 5000, "NaN", "\x00")
PAGED = (
    "/api/v1/articles",
    "/api/v1/search",
    "/api/v1/entities",
    "/api/v1/mentions?entity=Damascus",
    "/api/v1/claims",
    "/api/v1/sources",
    "/api/v1/stories",
)


@pytest.mark.parametrize("path", PAGED)
def test_absurd_pagination_is_refused_or_clamped(hostile: TestClient, path: str) -> None:
    join = "&" if "?" in path else "?"
    for name in ("limit", "offset"):
        if name == "offset" and path.endswith("/sources"):
            continue
        for value in (*BAD_NUMBERS, "100001", "101" if name == "limit" else "-5"):
            if name == "offset" and value == "0":
                continue
            response = hostile.get(f"{path}{join}{name}={quote(value)}")
            assert_error_shape(response, 422)
            assert_security_headers(response)
    # The largest allowed values are answered, with an empty page past the end.
    response = hostile.get(f"{path}{join}limit=100" + ("" if path.endswith("/sources") else "&offset=100000"))
    assert response.status_code == 200, response.text[:300]
    # A parameter the endpoint does not take (``page``) is ignored, whatever it holds.
    assert hostile.get(f"{path}{join}page=-99999999999999999999").status_code == 200


# Bodies ---------------------------------------------------------------------------------------------------------

MALFORMED = (
    (b"{", "application/json"),
    (b"not json", "application/json"),
    (b"[]", "application/json"),
    (b"null", "application/json"),
    (b'"text"', "application/json"),
    (b'{"text": 5}', "application/json"),
    (b'{"text": ["a"]}', "application/json"),
    (b'{"text": {"$ne": null}}', "application/json"),
    (b'{"text": "ok", "published": "2025-02-30"}', "application/json"),
    (b'{"text": "ok", "title": 1e999}', "application/json"),
    (b'{"text": "ok", "__proto__": {"admin": true}}', "application/json"),
    (b"[" * 20_000 + b"]" * 20_000, "application/json"),
    (b'{"text": "\xff\xfe broken utf-8"}', "application/json"),
    (b"\xef\xbb\xbf{}", "application/json"),
    (b'{"text": "Damascus said so."}', "text/plain"),
    (b'{"text": "Damascus said so."}', "application/x-www-form-urlencoded"),
    (b"text=Damascus+said+so.", "application/x-www-form-urlencoded"),
    (b'{"text": "Damascus said so."}', "multipart/form-data; boundary=x"),
    (b"", "application/json"),
    (b"", ""),
)


@pytest.mark.parametrize("path", ["/api/v1/analyze", "/api/v1/articles"])
def test_malformed_json_and_wrong_content_types(hostile: TestClient, path: str) -> None:
    before = store_fingerprint(hostile)
    for body, content_type in MALFORMED:
        headers = {**AUTH, "content-type": content_type} if content_type else dict(AUTH)
        response = hostile.post(path, content=body, headers=headers)
        assert_error_shape(response, 400, 415, 422)
        assert_security_headers(response)
    assert store_fingerprint(hostile) == before


@pytest.mark.parametrize("text", ["Police said \x00 was found.", "Police said \ud800 was found.", "\x00"])
def test_nul_and_lone_surrogates_in_bodies(hostile: TestClient, text: str) -> None:
    """Text JSON can carry but a database or an encoder cannot: a clean answer, never a 500."""
    before = store_fingerprint(hostile)
    # Escaped as \\uXXXX: a lone surrogate cannot be sent as UTF-8.
    analyzed = hostile.post("/api/v1/analyze", content=json.dumps({"text": text}), headers=JSON)
    assert analyzed.status_code in (200, 422), analyzed.text[:300]
    stored = hostile.post(
        "/api/v1/articles", content=json.dumps({"text": text, "title": "t\x00"}), headers={**AUTH, **JSON}
    )
    assert stored.status_code in (200, 201, 422), stored.text[:300]
    if stored.status_code == 422:
        assert_error_shape(stored, 422)
        assert store_fingerprint(hostile) == before


def test_oversized_bodies_are_refused(hostile: TestClient) -> None:
    before = store_fingerprint(hostile)
    big = {"text": "Damascus said so. " * (LIMIT // 10)}
    for path, headers in (("/api/v1/analyze", {}), ("/api/v1/articles", AUTH)):
        response = hostile.post(path, json=big, headers=headers)
        assert_error_shape(response, 413)
        assert_security_headers(response)

        def chunks() -> Iterator[bytes]:
            # No Content-Length: the limit must hold while the body streams in.
            yield b'{"text": "'
            for _ in range(100):
                yield b"x" * 10_000
            yield b'"}'

        streamed = hostile.post(path, content=chunks(), headers={**headers, "content-type": "application/json"})
        assert "content-length" not in streamed.request.headers
        assert_error_shape(streamed, 413)
        lying = hostile.post(path, content=b"{}", headers={**headers, "content-length": "99999999999999999999"})
        assert lying.status_code in (400, 413)
    # The HTML form too.
    form = hostile.post("/analyze", content=b"text=" + b"x" * (LIMIT + 10), headers={"content-type": "text/plain"})
    assert form.status_code == 413
    assert store_fingerprint(hostile) == before


# The ingest token -----------------------------------------------------------------------------------------------

TEXT = "The Kremlin said on Monday that the talks in Geneva had failed, a spokesman told Interfax."


@pytest.mark.parametrize(
    ("headers", "status"),
    [
        ({}, 401),
        ({"Authorization": ""}, 401),
        ({"Authorization": "Bearer"}, 401),
        ({"Authorization": "Bearer "}, 401),
        ({"Authorization": "Basic " + TOKEN}, 401),
        ({"Authorization": TOKEN}, 401),
        ({"X-Token": TOKEN}, 401),
        ({"Authorization": "Bearer wrong"}, 403),
        ({"Authorization": f"Bearer {TOKEN[:-1]}"}, 403),
        ({"Authorization": f"Bearer {TOKEN}x"}, 403),
        ({"Authorization": f"Bearer {TOKEN.upper()}"}, 403),
        ({"Authorization": f"Bearer {TOKEN} {TOKEN}"}, 403),
    ],
)
def test_ingest_refuses_missing_and_wrong_tokens(hostile: TestClient, headers: dict[str, str], status: int) -> None:
    before = store_fingerprint(hostile)
    response = hostile.post("/api/v1/articles", json={"text": TEXT}, headers=headers)
    assert_error_shape(response, status)
    assert_security_headers(response)
    if status == 401:
        assert response.headers.get("www-authenticate") == "Bearer"
    response = hostile.post(f"/api/v1/articles?token={TOKEN}", json={"text": TEXT}, headers=headers)
    assert response.status_code == status
    assert store_fingerprint(hostile) == before


def test_token_is_compared_in_constant_time(hostile: TestClient, monkeypatch: pytest.MonkeyPatch) -> None:
    seen: list[tuple[bytes, bytes]] = []
    compare = hmac.compare_digest

    def spy(a: bytes, b: bytes) -> bool:
        seen.append((a, b))
        return compare(a, b)

    import newsgraph.api.routes as routes

    monkeypatch.setattr(routes.hmac, "compare_digest", spy)
    hostile.post("/api/v1/articles", json={"text": TEXT}, headers={"Authorization": "Bearer nope"})
    assert seen and seen[-1][0] == b"nope"


@pytest.mark.parametrize("token", [None, ""])
def test_ingest_is_disabled_without_a_server_token(
    token: str | None, tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch, nlp: Language
) -> None:
    monkeypatch.delenv("NEWSGRAPH_TOKEN", raising=False)
    opened = Store.open(tmp_path_factory.mktemp("notoken") / "t.db")
    with opened, TestClient(create_site(opened, nlp_factory=lambda: nlp, token=token)) as client:
        for headers in ({"Authorization": "Bearer "}, {"Authorization": "Bearer x"}, {}):
            response = client.post("/api/v1/articles", json={"text": TEXT}, headers=headers)
            assert_error_shape(response, 401, 403)
        assert opened.count() == 0


# Security headers -----------------------------------------------------------------------------------------------


def test_security_headers_on_every_kind_of_response(hostile: TestClient) -> None:
    responses = [
        hostile.get("/api/v1/health"),
        hostile.get("/api/v1/articles/nope"),
        hostile.get("/api/v1/articles?limit=0"),
        hostile.post("/api/v1/articles", json={"text": TEXT}),
        hostile.post("/api/v1/analyze", content=b"x" * (LIMIT + 1), headers={"content-type": "application/json"}),
        hostile.put("/api/v1/articles"),
        hostile.delete("/api/v1/health"),
        hostile.options("/api/v1/health"),
        hostile.head("/"),
        hostile.get("/openapi.json"),
        hostile.get("/"),
        hostile.get("/no/such/page"),
        hostile.get("/?offset=-1"),
        hostile.get("/static/app.js"),
        hostile.get("/static/style.css"),
        hostile.get("/static/favicon.svg"),
        hostile.get("/static/nothing.js"),
        hostile.get("/docs"),
    ]
    for response in responses:
        assert_security_headers(response)
    assert [r.status_code for r in responses[:6]] == [200, 404, 422, 401, 413, 405]


def test_security_headers_on_internal_errors(
    tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch
) -> None:
    with Store.open(tmp_path_factory.mktemp("broken") / "t.db") as opened:
        app = create_site(opened, token=TOKEN)
        with TestClient(app, raise_server_exceptions=False) as client:

            def broken(*args: object, **kwargs: object) -> int:
                raise RuntimeError("secret detail /etc/passwd")

            monkeypatch.setattr(opened, "count", broken)
            monkeypatch.setattr(opened, "get_article", broken)
            for path in ("/api/v1/health", "/articles/abc", "/api/v1/articles/abc"):
                response = client.get(path)
                assert response.status_code == 500
                assert_security_headers(response)
                assert "secret detail" not in response.text
                if path.startswith("/api"):
                    assert_error_shape(response, 500)


def test_oversized_headers_are_refused(hostile: TestClient) -> None:
    response = hostile.get("/api/v1/health", headers={f"x-h{i}": "v" * 1000 for i in range(40)})
    assert_error_shape(response, 431)
    assert_security_headers(response)
    assert hostile.get("/api/v1/health", headers={"x-h": "v" * 8000}).status_code == 200
