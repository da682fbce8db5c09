"""The site in a real browser: Debian's chromium driven by Playwright against a live server.

Clicks through search → article → entity → claim → story → linked claim, checks that markup in articles stays
text (no dialog, no script), that the CSP reports nothing, and saves screenshots to
docs/screenshots/. Never downloads a browser: it uses /usr/bin/chromium or skips.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest

from newsgraph.records import Article

CHROMIUM = Path("/usr/bin/chromium")
DOCS_SCREENSHOTS = Path(__file__).resolve().parents[2] / "docs" / "screenshots"
UPDATE_ENV = "NEWSGRAPH_UPDATE_SCREENSHOTS"
FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(not CHROMIUM.exists(), reason=f"browser tests need {CHROMIUM} (apt-get install chromium)"),
]

if CHROMIUM.exists():
    from playwright.sync_api import Browser, ConsoleMessage, Dialog, Page, expect, sync_playwright


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=str(CHROMIUM), args=FLAGS)
        try:
            yield launched
        finally:
            launched.close()


class Watched:
    """A page with every dialog and console error it produced."""

    def __init__(self, page: Page) -> None:
        self.page = page
        self.dialogs: list[str] = []
        self.errors: list[str] = []
        page.on("dialog", self._dialog)
        page.on("console", self._console)
        page.on("pageerror", lambda exc: self.errors.append(str(exc)))

    def _dialog(self, dialog: Dialog) -> None:
        self.dialogs.append(dialog.message)
        dialog.dismiss()

    def _console(self, message: ConsoleMessage) -> None:
        if message.type == "error":
            self.errors.append(message.text)


@pytest.fixture
def watched(browser: Browser) -> Iterator[Watched]:
    context = browser.new_context(viewport={"width": 1280, "height": 860})
    page = context.new_page()
    page.set_default_timeout(15_000)
    try:
        yield Watched(page)
    finally:
        context.close()


@pytest.fixture(scope="module")
def screenshots(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """docs/screenshots with NEWSGRAPH_UPDATE_SCREENSHOTS=1 (to commit them), else a temporary folder."""
    return DOCS_SCREENSHOTS if os.environ.get(UPDATE_ENV) == "1" else tmp_path_factory.mktemp("screenshots")


def _shot(page: Page, folder: Path, name: str) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(folder / name))
    assert (folder / name).stat().st_size > 5_000


def test_search_article_entity_claim_story(
    live_server: str, watched: Watched, articles: list[Article], screenshots: Path
) -> None:
    page = watched.page
    page.goto(live_server + "/")
    page.get_by_label("Query").fill("Moscow asylum")
    page.get_by_label("Query").press("Enter")
    expect(page.locator("h1")).to_contain_text("Moscow asylum")
    hit = page.locator("ol.hits a.title")
    expect(hit).to_have_count(1)
    expect(page.locator("ol.hits mark").first).to_be_visible()
    _shot(page, screenshots, "search.png")

    hit.click()
    expect(page.locator("h1")).to_have_text(str(articles[0].title))
    body = page.locator("#article-body")
    expect(body.locator(".hl.source").first).to_be_visible()
    expect(body.locator(".hl.cue", has_text="told")).to_be_visible()
    expect(body.locator(".hl.via").first).to_be_visible()
    table = page.locator("#said-table")
    expect(table.locator("tr", has_text="Interfax").first).to_be_visible()
    expect(page.locator("svg.origin-graph")).to_be_visible()
    _shot(page, screenshots, "article.png")
    # Hovering a row outlines its statement in the text (the one small script).
    row = table.locator("tr[data-attr]", has_text="Interfax").first
    row.hover()
    attribution = row.get_attribute("data-attr")
    expect(body.locator(f'.hl.focus[data-attr="{attribution}"]').first).to_be_visible()

    body.locator("a.ent", has_text="Moscow").first.click()
    expect(page.locator("h1")).to_contain_text("Moscow")
    expect(page.get_by_role("heading", name="What was said about Moscow")).to_be_visible()
    expect(page.locator("ol.timeline li").first).to_be_visible()
    _shot(page, screenshots, "entity.png")

    page.locator("table.claims a[href^='/claims/']").first.click()
    expect(page.locator("blockquote.claim")).to_be_visible()
    expect(page.locator("svg.origin-graph")).to_be_visible()
    _shot(page, screenshots, "claim.png")

    # → the story of the article: corroboration matrix, origin graph, a claim across articles.
    page.locator("table.claims td a[href^='/articles/']").first.click()
    page.locator("p.note a[href^='/stories/']").click()
    matrix = page.locator("#corroboration-matrix")
    expect(matrix).to_be_visible()
    expect(matrix.locator("th.outlet", has_text="Interfax Wire")).to_be_visible()
    expect(matrix.locator("th.outlet", has_text="Daily Example")).to_be_visible()
    expect(page.locator("svg.origin-graph")).to_be_visible()
    _shot(page, screenshots, "story.png")
    matrix.locator("a[href^='/linked-claims/']").first.click()
    expect(page.locator("h1")).to_contain_text("Claim c-")
    # The answer in one line: how many origins, who, through whom.
    expect(page.locator("p.answer")).to_contain_text("independent origin")
    _shot(page, screenshots, "linked-claim.png")
    assert watched.dialogs == [] and watched.errors == []


def test_facets_narrow_the_results(live_server: str, watched: Watched, articles: list[Article]) -> None:
    page = watched.page
    page.goto(live_server + "/")
    expect(page.locator("ol.hits li.hit")).to_have_count(3)
    page.locator("aside.facets a.facet", has_text="denied").click()
    expect(page.locator("ol.hits li.hit")).to_have_count(1)
    expect(page.locator("ol.hits a.title")).to_have_text(str(articles[2].title))
    page.locator("aside.facets a.facet.on").click()
    expect(page.locator("ol.hits li.hit")).to_have_count(3)
    assert watched.errors == []


def test_markup_in_an_article_is_shown_not_run(
    live_server: str, watched: Watched, articles: list[Article], screenshots: Path
) -> None:
    page = watched.page
    evil = articles[1]
    page.goto(live_server + "/")
    expect(page.locator("ol.hits a.title", has_text="<script>alert(1)</script>")).to_be_visible()
    page.goto(f"{live_server}/articles/{evil.id}")
    expect(page.locator("h1")).to_have_text(str(evil.title))
    expect(page.locator("#article-body")).to_contain_text("<script>alert(1)</script>")
    expect(page.locator("#article-body")).to_contain_text('<img src=x onerror="alert(2)">')
    injected = page.evaluate(
        "document.querySelectorAll('#article-body script, #article-body img, #article-body b, h1 *').length"
        " + document.querySelectorAll('script:not([src])').length"
    )
    assert injected == 0
    _shot(page, screenshots, "escaped.png")
    assert watched.dialogs == [] and watched.errors == []


def test_analyze_page(live_server: str, watched: Watched, screenshots: Path) -> None:
    page = watched.page
    page.goto(live_server + "/analyze")
    text = (
        "A Kremlin source told the Interfax news agency on Sunday that Assad had arrived in Moscow. "
        "The ministry denied that <script>alert(3)</script> anything had happened."
    )
    page.get_by_label("Article text").fill(text)
    page.get_by_role("button", name="Analyze").click()
    expect(page.get_by_role("heading", name="Result")).to_be_visible()
    expect(page.locator("#article-body .hl.cue", has_text="told")).to_be_visible()
    expect(page.locator("#article-body")).to_contain_text("<script>alert(3)</script>")
    _shot(page, screenshots, "analyze.png")
    assert watched.dialogs == [] and watched.errors == []
