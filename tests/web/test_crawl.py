"""Every link of every page leads somewhere, and every page shows what users supplied isolated and bounded:
a crawl of the whole site on a hostile store and on a real story set; HEAD wherever GET."""

from __future__ import annotations

from collections import deque
from collections.abc import Iterator
from html.parser import HTMLParser
from pathlib import Path

import pytest
from conftest import shared_path
from fastapi.testclient import TestClient
from hostilearticles import hostile_articles, hostile_site
from spacy.language import Language
from storedb import BACKENDS

from newsgraph.batch import Ingestion, process_partition
from newsgraph.ingest import read_path
from newsgraph.settings import Settings
from newsgraph.store import Store
from newsgraph.web import create_site

MAX_PAGES = 1500


class _Links(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.found: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        for name, value in attrs:
            if name in ("href", "src", "action") and value and value.startswith("/") and not value.startswith("//"):
                self.found.append(value.split("#")[0])


def unisolated_overrides(html: str) -> int:
    """How many right-to-left overrides of ``html`` stand outside an isolate (FSI … PDI)."""
    depth = loose = 0
    for char in html:
        if char == "\u2068":
            depth += 1
        elif char == "\u2069":
            depth = max(0, depth - 1)
        elif char == "\u202e" and depth == 0:
            loose += 1
    return loose


def crawl(client: TestClient, start: str = "/") -> tuple[int, list[tuple[str, int, str]]]:
    """Pages visited from ``start`` following every same-site link (up to ``MAX_PAGES``), and the broken ones
    with the page that links to them: not found, failed, or showing a right-to-left override unisolated."""
    seen = {start}
    queue: deque[tuple[str, str]] = deque([(start, "")])
    broken = []
    visited = 0
    while queue and visited < MAX_PAGES:
        url, linked_from = queue.popleft()
        response = client.get(url)
        visited += 1
        if response.status_code != 200:
            broken.append((url, response.status_code, linked_from))
            continue
        if not response.headers["content-type"].startswith("text/html"):
            continue
        if unisolated_overrides(response.text):
            broken.append((url, 200, "a right-to-left override outside an isolate"))
        parser = _Links()
        parser.feed(response.text)
        for link in parser.found:
            # Export links and the analyze form's target are not pages to read.
            if link not in seen and not link.startswith("/analyze"):
                seen.add(link)
                queue.append((link, url))
    return visited, broken


@pytest.fixture(scope="module", params=BACKENDS)
def hostile(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory, nlp: Language
) -> Iterator[TestClient]:
    articles = hostile_articles(nlp)
    yield from hostile_site(request.param, tmp_path_factory.mktemp("crawl"), articles, nlp, max_body_bytes=50_000)


def test_no_link_of_a_hostile_store_is_dead(hostile: TestClient) -> None:
    visited, broken = crawl(hostile)
    assert visited > 20
    assert broken == []


def test_head_is_answered_wherever_get_is(hostile: TestClient) -> None:
    for url in ("/", "/api/v1/health", "/stories", "/entities", "/static/app.js"):
        got, head = hostile.get(url), hostile.head(url)
        assert head.status_code == got.status_code == 200, url
        assert head.content == b"" and head.headers["content-type"] == got.headers["content-type"]
    assert hostile.head("/articles/nope").status_code == 404


def test_a_huge_title_is_shown_cut_and_kept_whole(store: Store, nlp: Language) -> None:
    from newsgraph.nlp import analyze

    title = "Breaking: " + "very " * 400_000 + "long"
    article = analyze("The council met in Leeds on Monday, its chair said.", nlp=nlp, title=title, outlet=title)
    assert store.add_article(article)
    with TestClient(create_site(store, nlp_factory=lambda: nlp)) as client:
        page = client.get(f"/articles/{article.id}")
        assert page.status_code == 200 and len(page.content) < 100_000
        assert "…</h1>" in page.text
        assert client.get(f"/api/v1/articles/{article.id}").json()["article"]["title"] == title
        assert len(client.get("/").content) < 100_000


@pytest.mark.shared
@pytest.mark.slow
def test_no_link_of_a_real_story_set_is_dead(nlp: Language, tmp_path: Path) -> None:
    folder = shared_path("data", "stories", "2023-derna-flood-toll")
    documents = [d for p in sorted(folder.glob("[0-9]*.json")) for d in read_path(p, Settings())]
    with Store.open(tmp_path / "derna.db") as store:
        Ingestion(store, lambda docs: process_partition(docs, nlp)).run_documents(documents)
        with TestClient(create_site(store, nlp_factory=lambda: nlp)) as client:
            visited, broken = crawl(client)
    assert visited > 200
    assert broken == []
