"""Server-rendered pages on SQLite and PostgreSQL: content, escaping, errors, the analyze form."""

from __future__ import annotations

import re
from html import unescape

from fastapi.testclient import TestClient
from sitearticles import EVIL_TITLE

from newsgraph.records import Article
from newsgraph.web.highlight import entity_url


def _html(response: object) -> str:
    assert getattr(response, "status_code") == 200, getattr(response, "text")  # noqa: B009
    assert getattr(response, "headers")["content-type"].startswith("text/html")  # noqa: B009
    return str(getattr(response, "text"))  # noqa: B009


def test_search_page_lists_hits_with_marked_snippets_and_facets(pages: TestClient, articles: list[Article]) -> None:
    html = _html(pages.get("/", params={"q": "asylum"}))
    assert f'href="/articles/{articles[0].id}"' in html
    assert "<mark>asylum</mark>" in html
    assert "Interfax Wire" in html and "Claim status" in html
    assert f'href="/articles/{articles[2].id}"' not in html


def test_facet_links_filter_and_toggle(pages: TestClient, articles: list[Article]) -> None:
    html = _html(pages.get("/", params={"status": "denied"}))
    assert f'href="/articles/{articles[2].id}"' in html and f'href="/articles/{articles[0].id}"' not in html
    # The chosen facet links back to the unfiltered list.
    assert 'class="facet on" href="/"' in html


def test_search_page_filters_by_date(pages: TestClient, articles: list[Article]) -> None:
    dated = {a.id: a.published for a in articles}
    html = _html(pages.get("/", params={"since": "2024-12-08", "until": ""}))
    shown = {i for i in dated if f'href="/articles/{i}"' in html}
    assert shown == {i for i, day in dated.items() if day is not None and day.isoformat() >= "2024-12-08"}
    assert 'name="since" value="2024-12-08"' in html
    refused = pages.get("/", params={"since": "soon"})
    assert refused.status_code == 422 and "since: a date like 2024-12-08" in refused.text


_SEGMENT = re.compile(r'<span class="hl (\w+) st-(\w+)" data-attr="(\w+)"[^>]*>(.*?)</span>', re.S)


def _highlighted(html: str) -> dict[tuple[str, str], list[str]]:
    """The highlighted pieces of text of each (attribution, role), from the article body's segments."""
    body = html[html.index('id="article-body"') :]
    found: dict[tuple[str, str], list[str]] = {}
    for role, _status, attribution, inner in _SEGMENT.findall(body):
        found.setdefault((attribution, role), []).append(unescape(re.sub(r"<[^>]+>", "", inner)))
    return found


def test_article_page_highlights_and_links(pages: TestClient, articles: list[Article]) -> None:
    example = articles[0]
    html = _html(pages.get(f"/articles/{example.id}"))
    highlighted = _highlighted(html)
    for a in example.attributions:
        # Every cue is highlighted whole; sources and contents at least where no inner part outranks them.
        assert "".join(highlighted[(a.id, "cue")]) == a.cue.span.text
        assert all(piece in a.content.text for piece in highlighted[(a.id, "content")])
        if a.source.span is not None:
            assert all(piece in a.source.span.text for piece in highlighted[(a.id, "source")])
        assert f'class="hl content st-{a.status}" data-attr="{a.id}"' in html
    told = next(a for a in example.attributions if a.via is not None)
    assert told.via is not None and "".join(highlighted[(told.id, "via")]) == told.via.span.text
    # Entity mentions link to their pages.
    for entity in example.entities:
        if any(m.kind == "name" for m in entity.mentions):
            assert f'href="{entity_url(entity.name)}"' in html
    assert "<svg" in html and "Interfax" in html
    # Side table: who said what via whom.
    table = html[html.index('id="said-table"') : html.index("</table>", html.index('id="said-table"'))]
    assert table.count("<tr data-attr=") == len(example.attributions)
    assert "Interfax" in table and "told" in table and "Kremlin" in table


def test_markup_in_articles_renders_as_text(pages: TestClient, articles: list[Article]) -> None:
    evil = articles[1]
    for url in (f"/articles/{evil.id}", "/", "/?q=police", "/claims", "/entities/Damascus"):
        html = pages.get(url).text
        assert "<script>alert" not in html and "<img src=x" not in html and "<b>news</b>" not in html
        assert "<i>Evil</i>" not in html
    html = pages.get(f"/articles/{evil.id}").text
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert EVIL_TITLE.replace("<", "&lt;").replace(">", "&gt;") in html
    # The only scripts are the static file.
    assert re.findall(r"<script[^>]*>", html) == ['<script src="/static/app.js" defer>']


def test_entity_page(pages: TestClient) -> None:
    html = _html(pages.get("/entities/Foreign%20Ministry"))
    assert "What Foreign Ministry said" in html and "denied" in html
    html = _html(pages.get("/entities/Assad"))
    assert "What was said about Assad" in html and "plane crash" in html
    assert "Timeline" in html and "2024-12-07" in html and "2024-12-08" in html


def test_entities_and_claims_lists(pages: TestClient) -> None:
    html = _html(pages.get("/entities", params={"name": "tart"}))
    assert 'href="/entities/Tartous"' in html
    html = _html(pages.get("/claims", params={"via": "Interfax"}))
    assert "arrived in Moscow" in html and "plane crash" not in html


def test_claim_page_has_origin_graph(pages: TestClient, articles: list[Article]) -> None:
    example = articles[0]
    told = next(a for a in example.attributions if a.via is not None)
    html = _html(pages.get(f"/claims/{example.id}/{told.id}"))
    assert "<svg" in html and "Kremlin" in html and "Interfax" in html and "Interfax Wire" in html


def test_missing_pages_are_html_404s(pages: TestClient) -> None:
    for url in ("/articles/nope", "/entities/Atlantis", "/claims/nope/A1", "/no/such/page"):
        response = pages.get(url)
        assert response.status_code == 404 and response.headers["content-type"].startswith("text/html")
        assert "404" in response.text
    assert pages.get("/?status=rumoured").status_code == 422


def test_analyze_form_shows_result_and_stores_nothing(pages: TestClient) -> None:
    assert 'action="/analyze"' in _html(pages.get("/analyze"))
    text = "The spokesman told AFP that <script>alert(3)</script> talks in Geneva failed."
    html = _html(pages.post("/analyze", data={"text": text, "published": "2024-12-09"}))
    assert 'class="hl cue' in html and "&lt;script&gt;alert(3)" in html and "<script>alert" not in html
    assert pages.get("/api/v1/health").json()["articles"] == 3
    bad = pages.post("/analyze", data={"text": "  "})
    assert bad.status_code == 422 and 'role="alert"' in bad.text


def test_story_pages(pages: TestClient, articles: list[Article]) -> None:
    example = articles[0]
    html = _html(pages.get(f"/articles/{example.id}"))
    match = re.search(r'Part of the story <a href="(/stories/[^"]+)">', html)
    assert match, "the article page links its story"
    assert re.search(r'<a href="/linked-claims/c-\d+"', html), "the side table links cross-article claims"
    story = _html(pages.get(match.group(1)))
    assert 'id="corroboration-matrix"' in story
    assert "Interfax Wire" in story and "Daily Example" in story
    assert "<svg" in story and "Contradictions" in story and 'class="timeline"' in story
    assert f'href="/articles/{articles[2].id}"' in story
    claim = re.search(r'href="(/linked-claims/c-\d+)"', story)
    assert claim
    page = _html(pages.get(claim.group(1)))
    assert "independent origin" in page and "<svg" in page and "Versions" in page
    # An attribution version links to its words in the article, where the content is anchored.
    version = re.search(r'href="/articles/(\w+)#(A\d+)"', page)
    assert version, "a claim version links to its sentence"
    assert f'id="{version.group(2)}"' in _html(pages.get(f"/articles/{version.group(1)}"))
    assert 'class="timeline"' in _html(pages.get(match.group(1) + "/timeline"))
    assert "Stories" in _html(pages.get("/stories"))
    assert pages.get("/stories/s-nope").status_code == 404
    assert pages.get("/linked-claims/c-nope").status_code == 404


def test_entity_page_timeline_of_events(pages: TestClient) -> None:
    html = _html(pages.get("/entities/Assad"))
    assert 'class="timeline"' in html and "Articles by date" in html


def test_article_page_reads_times_in_words_with_the_value_beside(pages: TestClient, articles: list[Article]) -> None:
    from newsgraph.extract.timex.human import describe

    example = next(a for a in articles if a.times)
    text = unescape(re.sub(r"<[^>]+>", "", _html(pages.get(f"/articles/{example.id}"))))
    for time in example.times:
        assert f"{time.span.text} → {describe(time.value, time.mod, time.type, time.span.text)} {time.value}" in text
