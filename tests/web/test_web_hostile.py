"""Hostile input against the web pages, on SQLite and PostgreSQL: stored XSS through every field an
article, entity or claim shows (HTML and the SVG origin graphs), reflected XSS through every query
and path parameter, path traversal, oversized and streamed bodies on a real server, and one page
in the real browser with hostile articles, where no dialog may open and no script may run.
"""

from __future__ import annotations

import dataclasses
import select
import socket
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import quote

import pytest
import uvicorn
from fastapi.testclient import TestClient
from hostilearticles import EVIL_URLS, PAYLOADS, TEXT_A, audit_html, hostile_articles, hostile_site
from sitearticles import TOKEN
from spacy.language import Language
from storedb import BACKENDS

from newsgraph.records import Article
from newsgraph.store import Store
from newsgraph.web import create_site
from newsgraph.web.pages import safe_url

LIMIT = 50_000
CHROMIUM = Path("/usr/bin/chromium")


@pytest.fixture(scope="module")
def evil(nlp: Language) -> list[Article]:
    return hostile_articles(nlp)


@pytest.fixture(scope="module", params=BACKENDS)
def site(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory, evil: list[Article], nlp: Language
) -> Iterator[TestClient]:
    """The site over a store holding the hostile articles, once per backend."""
    yield from hostile_site(request.param, tmp_path_factory.mktemp("hostile-web"), evil, nlp, max_body_bytes=LIMIT)


def assert_safe(response: Any, *statuses: int, shows: str | None = None) -> str:
    """The page is HTML with the security headers, and nothing in it is markup that was not meant; returns its text."""
    assert response.status_code in (statuses or (200,)), (response.status_code, response.text[:300])
    assert response.headers["content-type"].startswith("text/html")
    assert response.headers["x-content-type-options"] == "nosniff"
    assert "frame-ancestors 'none'" in response.headers["content-security-policy"]
    problems, text = audit_html(response.text)
    assert problems == [], problems
    if shows is not None:
        # The payload reached the page, as text.
        assert shows in text, shows
    return text


def _internal_links(html: str) -> set[str]:
    from html.parser import HTMLParser

    found: set[str] = set()

    class Links(HTMLParser):
        def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
            href = dict(attrs).get("href")
            if (
                tag == "a"
                and href
                and href.startswith(("/articles/", "/entities/", "/claims/", "/stories/", "/linked"))
            ):
                found.add(href)

    Links().feed(html)
    return found


# Stored XSS -----------------------------------------------------------------------------------------------------


def test_every_page_showing_hostile_articles_escapes_them(site: TestClient, evil: list[Article]) -> None:
    """Crawl from the lists and the hostile articles through every linked page: none may carry markup."""
    start = ["/", "/?q=harmless", "/entities", "/entities?name=script", "/claims", "/stories"]
    start += [f"/articles/{a.id}" for a in evil]
    seen: set[str] = set()
    queue = list(start)
    texts: dict[str, str] = {}
    while queue and len(seen) < 400:
        url = queue.pop(0)
        if url in seen:
            continue
        seen.add(url)
        response = site.get(url)
        texts[url] = assert_safe(response)
        queue.extend(sorted(_internal_links(response.text) - seen))
    kinds = {u.split("/")[1].split("?")[0] for u in seen}
    assert {"", "articles", "entities", "claims", "stories", "linked-claims"} <= kinds, kinds
    # Titles, outlets, bodies, quotes and entity names all reached the pages as text.
    for article in evil:
        text = texts[f"/articles/{article.id}"]
        assert str(article.title) in text and str(article.outlet) in text and str(article.author) in text
        assert all(e.name in text for e in article.entities)
    assert "alert('xss-quote')" in texts["/claims"]
    assert any(p in texts["/"] for p in PAYLOADS)


def test_origin_graphs_escape_labels(site: TestClient, evil: list[Article]) -> None:
    html = site.get(f"/articles/{evil[0].id}").text
    start, end = html.index("<svg"), html.index("</svg>") + len("</svg>")
    graph = html[start:end]
    problems, text = audit_html(graph)
    assert problems == []
    assert "<script" not in graph and "onload=" not in graph.replace("onload=alert", "")  # only as escaped text
    assert "&lt;script&gt;" in graph or "&lt;/textarea&gt;" in graph
    assert str(evil[0].outlet) in text


def test_links_never_carry_a_script_url(site: TestClient, evil: list[Article]) -> None:
    for article, url in zip(evil, EVIL_URLS, strict=False):
        assert article.url == url
        html = site.get(f"/articles/{article.id}").text
        problems, text = audit_html(html)
        assert problems == []
        # The unsafe address is shown as text, for a reader to judge, but is not a link.
        assert url.strip() in text
        assert 'rel="noopener noreferrer nofollow"' not in html


@pytest.mark.parametrize(
    "url", [*EVIL_URLS, "//evil.example/x", "https:", "http:///x", "\x00javascript:x", "ftp://x/y"]
)
def test_only_web_addresses_become_links(url: str) -> None:
    assert safe_url(url) is None


@pytest.mark.parametrize("url", ["https://example.org/a?b=c#d", "http://example.org", "HTTPS://EXAMPLE.ORG/x"])
def test_web_addresses_stay_links(url: str) -> None:
    assert safe_url(url) == url


def test_analyze_form_escapes_what_it_echoes(site: TestClient) -> None:
    hostile = TEXT_A + " " + " ".join(PAYLOADS)
    response = site.post("/analyze", data={"text": hostile, "published": PAYLOADS[1]})
    assert_safe(response, 200, 422, shows="alert('xss-quote')")
    response = site.post("/analyze", data={"text": hostile, "published": "2025-01-06"})
    assert_safe(response, shows="alert('xss-close')")
    # Invalid form encoding and NUL are a clean answer.
    for body in (b"text=%ff%fe%00&published=%00", b"%%%", b"text", b"\xff\xfe", b"text=" + b"%" * 100):
        response = site.post("/analyze", content=body, headers={"content-type": "application/x-www-form-urlencoded"})
        assert_safe(response, 200, 400, 422)


# Reflected XSS --------------------------------------------------------------------------------------------------

REFLECTED = (
    ("/", ("q", "outlet", "source_kind", "status", "offset")),
    ("/entities", ("name", "offset")),
    ("/claims", ("source", "via", "entity", "source_kind", "status", "offset")),
    ("/stories", ("offset",)),
)
PATH_PAGES = (
    "/articles/{}",
    "/entities/{}",
    "/claims/{}/{}",
    "/stories/{}",
    "/stories/{}/timeline",
    "/linked-claims/{}",
    "/{}",
    "/static/{}",
)


@pytest.mark.parametrize(("path", "names"), REFLECTED, ids=[p for p, _ in REFLECTED])
def test_query_parameters_are_escaped_when_echoed(site: TestClient, path: str, names: tuple[str, ...]) -> None:
    for name in names:
        for payload in (*PAYLOADS, "javascript:alert('xss-q')", "\x00<script>alert(1)</script>"):
            response = site.get(path, params={name: payload})
            text = assert_safe(response, 200, 422)
            if response.status_code == 200 and name == "q":
                assert payload in text  # echoed, as text
        # Several parameters at once, and one given twice.
        response = site.get(path + "?" + "&".join(f"{n}={quote(PAYLOADS[0])}&{n}=x" for n in names))
        assert_safe(response, 200, 422)


@pytest.mark.parametrize("template", PATH_PAGES)
def test_path_parameters_are_escaped_when_echoed(site: TestClient, template: str) -> None:
    for payload in (*PAYLOADS, "javascript:alert(1)", "\x00", "' OR '1'='1"):
        url = template.format(*(quote(payload, safe="") for _ in range(template.count("{}"))))
        response = site.get(url)
        assert_safe(response, 404, 422)


@pytest.mark.parametrize("path", ["/", "/entities", "/claims", "/stories"])
def test_absurd_page_offsets_are_refused(site: TestClient, path: str) -> None:
    for value in ("-1", "abc", "1e9", str(10**30), "9" * 5000, "100001", "", "0x1", "\x00"):
        response = site.get(path, params={"offset": value})
        assert_safe(response, 422)
    started = time.perf_counter()
    assert_safe(site.get(path, params={"offset": "100000"}))
    assert time.perf_counter() - started < 5
    # ``page`` and ``limit`` are not parameters of the pages: ignored, whatever they hold.
    assert_safe(site.get(path, params={"page": "-1", "limit": str(10**30)}))


# Path traversal -------------------------------------------------------------------------------------------------

TRAVERSALS = (
    "/static/../pyproject.toml",
    "/static/../../../../../../etc/passwd",
    "/static/../web/pages.py",
    "/static/%2e%2e/%2e%2e/%2e%2e/%2e%2e/%2e%2e/etc/passwd",
    "/static/%2e%2e%2f%2e%2e%2f%2e%2e%2f%2e%2e%2fetc%2fpasswd",
    "/static/..%2f..%2f..%2f..%2f..%2f..%2fetc%2fpasswd",
    "/static/..%2fpages.py",
    "/static/%2e%2e/pages.py",
    "/static/%252e%252e%252fpages.py",
    "/static/..%5c..%5cpages.py",
    "/static/..\\..\\pages.py",
    "/static//etc/passwd",
    "/static/%2fetc%2fpasswd",
    "/static/%2Fetc/passwd",
    "/static/....//....//etc/passwd",
    "/static/app.js%00.png",
    "/static/%00",
    "/static/",
    "/static",
    "/static/.",
    "/static/%2e",
    "/../../../../etc/passwd",
    "/%2e%2e/%2e%2e/etc/passwd",
    "/articles/../../../../etc/passwd",
    "/entities/..%2f..%2f..%2fetc%2fpasswd",
    "/api/v1/articles/..%2f..%2f..%2fetc%2fpasswd",
    "//etc/passwd",
)


def _raw_get(base: tuple[str, int], target: str) -> tuple[int, dict[str, str], bytes]:
    """GET exactly ``target`` (no client normalizes it) and read the whole answer."""
    with socket.create_connection(base, timeout=10) as conn:
        conn.sendall(f"GET {target} HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n".encode())
        data = b""
        while chunk := conn.recv(65536):
            data += chunk
    head, _, body = data.partition(b"\r\n\r\n")
    lines = head.decode("latin-1").split("\r\n")
    headers = {k.strip().lower(): v.strip() for k, _, v in (line.partition(":") for line in lines[1:])}
    return int(lines[0].split()[1]), headers, body


def test_path_traversal_is_refused(live: tuple[str, int]) -> None:
    secrets = (b"root:", b"[project]", b"def ", b"import ")
    for target in TRAVERSALS:
        status, headers, body = _raw_get(live, target)
        assert status in (400, 404, 405, 422) or (status in (200, 307) and target in ("/static", "//etc/passwd")), (
            target,
            status,
        )
        assert not any(s in body for s in secrets), (target, body[:200])
        if status != 400:  # 400 may come from the HTTP parser itself, before the app
            assert headers.get("x-content-type-options") == "nosniff", (target, headers)
    # The real static files are served, with the headers.
    status, headers, body = _raw_get(live, "/static/app.js")
    assert status == 200 and b"use strict" in body
    assert (
        headers["x-content-type-options"] == "nosniff"
        and "frame-ancestors 'none'" in headers["content-security-policy"]
    )


# Bodies on a real server ----------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def live(tmp_path_factory: pytest.TempPathFactory, evil: list[Article], nlp: Language) -> Iterator[tuple[str, int]]:
    """A real uvicorn server on a free loopback port over a SQLite store with the hostile articles."""
    store = Store.open(tmp_path_factory.mktemp("live-hostile") / "newsgraph.db")
    for article in evil:
        store.add_article(dataclasses.replace(article))
    app = create_site(store, nlp_factory=lambda: nlp, token=TOKEN, max_body_bytes=LIMIT)
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = int(s.getsockname()[1])
    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="critical"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not server.started:
        if time.monotonic() > deadline or not thread.is_alive():
            raise RuntimeError("the test server did not start")
        time.sleep(0.05)
    try:
        yield "127.0.0.1", port
    finally:
        server.should_exit = True
        thread.join(timeout=10)
        store.close()


@pytest.mark.parametrize("path", ["/api/v1/analyze", "/api/v1/articles", "/analyze"])
def test_a_chunked_body_without_length_is_cut_off(live: tuple[str, int], path: str) -> None:
    """Stream up to 64 MB without Content-Length: the server must answer 413 and stop reading long before."""
    chunk = b"x" * 65536
    frame = b"%x\r\n%s\r\n" % (len(chunk), chunk)
    sent = 0
    with socket.create_connection(live, timeout=10) as conn:
        conn.sendall(
            f"POST {path} HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer {TOKEN}\r\n"
            "Content-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n".encode()
        )
        try:
            while sent < 64 * 2**20:
                readable, _, _ = select.select([conn], [], [], 0)
                if readable:
                    break
                conn.sendall(frame)
                sent += len(chunk)
        except (BrokenPipeError, ConnectionResetError, TimeoutError):
            pass
        answer = b""
        try:
            while chunk_in := conn.recv(65536):
                answer += chunk_in
                if b"\r\n\r\n" in answer and b"}" in answer:
                    break
        except (ConnectionResetError, TimeoutError):
            pass
    assert answer.startswith(b"HTTP/1.1 413"), answer[:200]
    assert b'"payload_too_large"' in answer
    # Kernel buffers hold a few MB at most; the server read not much past its limit.
    assert sent < 16 * 2**20, sent


def test_a_lying_content_length_is_refused(live: tuple[str, int]) -> None:
    with socket.create_connection(live, timeout=10) as conn:
        conn.sendall(
            b"POST /api/v1/analyze HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
            b"Content-Length: 10000000000\r\n\r\n{}"
        )
        answer = conn.recv(65536)
    assert answer.startswith(b"HTTP/1.1 413"), answer[:200]


def test_oversized_request_lines_and_headers_are_refused(live: tuple[str, int]) -> None:
    """A 100 kB path or header is refused by the HTTP layer (or the connection dropped), and the server lives on."""
    for request in (
        b"GET /entities/" + b"A" * 100_000 + b" HTTP/1.1\r\nHost: x\r\n\r\n",
        b"GET /?q=" + b"a" * 100_000 + b" HTTP/1.1\r\nHost: x\r\n\r\n",
        b"GET / HTTP/1.1\r\nHost: x\r\nX-Big: " + b"b" * 100_000 + b"\r\n\r\n",
        b"GET / HTTP/1.1\r\nHost: x\r\n" + b"X-Many: c\r\n" * 20_000 + b"\r\n",
    ):
        with socket.create_connection(live, timeout=10) as conn:
            try:
                conn.sendall(request)
                answer = conn.recv(4096)
            except (BrokenPipeError, ConnectionResetError):
                answer = b""
        assert answer == b"" or answer.split(b" ")[1][:1] == b"4", (request[:40], len(request), answer[:100])
    assert _raw_get(live, "/api/v1/health")[0] == 200


# The real browser -----------------------------------------------------------------------------------------------


@pytest.mark.browser
@pytest.mark.skipif(not CHROMIUM.exists(), reason=f"browser tests need {CHROMIUM} (apt-get install chromium)")
def test_hostile_pages_run_no_script_in_the_browser(live: tuple[str, int], evil: list[Article]) -> None:
    from playwright.sync_api import sync_playwright

    base = f"http://{live[0]}:{live[1]}"
    flags = ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking"]
    dialogs: list[str] = []
    errors: list[str] = []
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=flags)
        try:
            page = browser.new_page()
            page.set_default_timeout(15_000)
            page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
            page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
            page.on("pageerror", lambda exc: errors.append(str(exc)))
            evil_entity = next(e.name for e in evil[0].entities if "<script>" in e.name)
            for path in (
                f"/articles/{evil[0].id}",
                f"/articles/{evil[1].id}",
                f"/entities/{quote(evil_entity, safe='')}",
                "/?q=" + quote(PAYLOADS[1]),
                "/claims?source=" + quote(PAYLOADS[0]),
            ):
                page.goto(base + path)
                page.wait_for_load_state("load")
                # Only the one site script exists; no element or handler came from the data.
                scripts = page.evaluate("Array.from(document.scripts).map(s => s.getAttribute('src'))")
                assert scripts == ["/static/app.js"], (path, scripts)
                injected = page.evaluate(
                    "document.querySelectorAll('img, iframe, object, embed, svg script, [onerror], [onload]').length"
                )
                assert injected == 0, path
                hrefs = page.evaluate("Array.from(document.querySelectorAll('a[href]')).map(a => a.href)")
                assert not [h for h in hrefs if not h.startswith(base)], (path, hrefs)
            # The stored payloads were on the page, as text.
            page.goto(f"{base}/articles/{evil[0].id}")
            assert "alert('xss-quote')" in page.inner_text("#article-body")
            assert evil[0].title == page.inner_text("h1")
            # Hovering the statements runs the site's own script, which must not trip on the data.
            page.locator("#said-table tr[data-attr]").first.hover()
        finally:
            browser.close()
    assert dialogs == [] and errors == [], (dialogs, errors)


# Load -----------------------------------------------------------------------------------------------------------


def test_serving_gives_sqlite_planner_statistics(tmp_path: Path, evil: list[Article]) -> None:
    """``serve`` runs ANALYZE: without statistics SQLite sorts every claim to list the newest."""
    from sqlalchemy import text

    from newsgraph.web.cli import refresh_statistics

    with Store.open(tmp_path / "stats.db") as opened:
        for article in evil:
            opened.add_article(dataclasses.replace(article))
        refresh_statistics(opened)
        with opened.engine.connect() as conn:
            assert conn.scalar(text("SELECT count(*) FROM sqlite_stat1 WHERE tbl = 'articles'"))
