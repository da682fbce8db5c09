"""Reading endpoints of /api/v1 on SQLite and PostgreSQL: articles, search, entities, claims, sources."""

from __future__ import annotations

from typing import Any

from fastapi.testclient import TestClient
from sitearticles import EVIL_TEXT, EVIL_TITLE

from newsgraph.records import Article


def _error(response: Any, status: int, code: str | None = None) -> dict[str, str]:
    assert response.status_code == status, response.text
    assert response.headers["content-type"].startswith("application/json")
    body = response.json()
    assert set(body) == {"error"} and set(body["error"]) == {"code", "message"}
    if code is not None:
        assert body["error"]["code"] == code
    assert body["error"]["message"]
    return body["error"]  # type: ignore[no-any-return]


def test_health_and_openapi(client: TestClient) -> None:
    health = client.get("/api/v1/health").json()
    assert health["status"] == "ok" and health["articles"] == 3
    doc = client.get("/openapi.json").json()
    for path in ("/api/v1/articles", "/api/v1/search", "/api/v1/entities/{name}", "/api/v1/claims", "/api/v1/analyze"):
        assert path in doc["paths"]
    # Pages are not part of the API document.
    assert "/" not in doc["paths"] and "/articles/{article_id}" not in doc["paths"]


def test_list_articles_newest_first_with_paging(client: TestClient, articles: list[Article]) -> None:
    body = client.get("/api/v1/articles").json()
    assert [a["title"] for a in body["items"]] == [EVIL_TITLE, articles[0].title, "Rebels in Damascus"]
    assert body["page"] == {"total": 3, "limit": 20, "offset": 0, "next_offset": None}
    page = client.get("/api/v1/articles", params={"limit": 1, "offset": 1}).json()
    assert [a["id"] for a in page["items"]] == [articles[0].id]
    assert page["page"]["next_offset"] == 2


def test_list_articles_filters(client: TestClient, articles: list[Article]) -> None:
    def ids(**params: Any) -> list[str]:
        return [a["id"] for a in client.get("/api/v1/articles", params=params).json()["items"]]

    assert ids(outlet="Interfax Wire") == [articles[0].id]
    assert ids(since="2024-12-08", until="2024-12-08") == [articles[0].id]
    assert ids(until="2024-12-07") == [articles[2].id]
    assert ids(status="denied") == [articles[2].id]
    assert articles[0].id in ids(source_kind="anonymous")
    assert ids(outlet="Nobody") == []
    assert set(ids(language="en")) == {a.id for a in articles}
    assert ids(language="fr") == []
    _error(client.get("/api/v1/articles", params={"language": "French"}), 422)


def test_limits_and_validation_are_json_errors(client: TestClient) -> None:
    _error(client.get("/api/v1/articles", params={"limit": 101}), 422, "invalid_request")
    _error(client.get("/api/v1/articles", params={"limit": 0}), 422)
    _error(client.get("/api/v1/articles", params={"offset": -1}), 422)
    _error(client.get("/api/v1/articles", params={"since": "yesterday"}), 422)
    _error(client.get("/api/v1/claims", params={"status": "rumoured"}), 422)
    _error(client.get("/api/v1/nothing-here"), 404, "not_found")
    _error(client.delete("/api/v1/articles"), 405, "method_not_allowed")


def test_get_article_is_the_analyze_json(client: TestClient, articles: list[Article]) -> None:
    example = articles[0]
    body = client.get(f"/api/v1/articles/{example.id}").json()
    assert body["article"]["text"] == example.text
    assert body["article"]["attributions"] == example.to_dict()["attributions"]
    assert body["near_duplicate_of"] is None
    message = _error(client.get("/api/v1/articles/0000000000000000"), 404, "not_found")["message"]
    assert "0000000000000000" in message


def test_search_ranks_snippets_and_facets(client: TestClient, articles: list[Article]) -> None:
    body = client.get("/api/v1/search", params={"q": "Moscow asylum"}).json()
    assert [h["id"] for h in body["items"]] == [articles[0].id]
    assert "«Moscow»" in body["items"][0]["snippet"] or "«asylum»" in body["items"][0]["snippet"]
    both = client.get("/api/v1/search", params={"q": "Damascus"}).json()
    assert {h["id"] for h in both["items"]} == {a.id for a in articles}
    outlets = {f["value"]: f["count"] for f in both["facets"]["outlet"]}
    assert outlets == {"Interfax Wire": 1, "<i>Evil</i> Times": 1, "Daily Example": 1}
    statuses = {f["value"]: f["count"] for f in both["facets"]["status"]}
    assert statuses["denied"] == 1 and statuses["asserted"] == 3
    # A filter narrows the hits; its own facet still counts the other values.
    narrowed = client.get("/api/v1/search", params={"q": "Damascus", "status": "denied"}).json()
    assert [h["id"] for h in narrowed["items"]] == [articles[2].id]
    assert {f["value"] for f in narrowed["facets"]["status"]} >= {"denied", "asserted"}
    assert client.get("/api/v1/search", params={"q": "zeppelin"}).json()["items"] == []
    # Query syntax is just words.
    assert client.get("/api/v1/search", params={"q": 'Moscow" OR NEAR(*'}).status_code == 200


def test_blank_search_lists_everything(client: TestClient) -> None:
    body = client.get("/api/v1/search", params={"q": "", "limit": 2}).json()
    assert body["page"]["total"] == 3 and len(body["items"]) == 2 and body["page"]["next_offset"] == 2


def test_entities_search_and_detail(client: TestClient, articles: list[Article]) -> None:
    found = client.get("/api/v1/entities", params={"name": "mosc"}).json()
    assert [e["name"] for e in found["items"]] == ["Moscow"]
    assert found["items"][0]["articles"] == 2
    detail = client.get("/api/v1/entities/moscow").json()
    assert detail["entity"]["name"] == "Moscow" and detail["entity"]["type"] == "GPE"
    assert detail["mentions"] and all(m["text"] == "Moscow" for m in detail["mentions"])
    example = articles[0]
    for m in detail["mentions"]:
        if m["article_id"] == example.id:
            assert example.text[m["start"] : m["end"]] == "Moscow"
            assert example.text[: m["start"]].endswith(m["before"])
    assert any("Moscow" in c["content"] for c in detail["said_about"])
    _error(client.get("/api/v1/entities/Atlantis"), 404, "not_found")


def test_entity_said_and_said_about(client: TestClient) -> None:
    ministry = client.get("/api/v1/entities/Foreign Ministry").json()
    assert any(c["status"] == "denied" for c in ministry["said"])
    assad = client.get("/api/v1/entities/Assad").json()
    assert any("plane crash" in c["content"] for c in assad["said_about"])
    assert all(c["source"]["entity"] != "Assad" for c in assad["said_about"])


def test_mentions_paging(client: TestClient) -> None:
    first = client.get("/api/v1/mentions", params={"entity": "Assad", "limit": 1}).json()
    assert first["page"]["total"] >= 2 and len(first["items"]) == 1
    second = client.get("/api/v1/mentions", params={"entity": "Assad", "limit": 1, "offset": 1}).json()
    assert second["items"] != first["items"]
    _error(client.get("/api/v1/mentions"), 422)


def test_claims_filters(client: TestClient, articles: list[Article]) -> None:
    def claims(**params: Any) -> list[dict[str, Any]]:
        return client.get("/api/v1/claims", params={"limit": 100, **params}).json()["items"]  # type: ignore[no-any-return]

    everything = claims()
    assert len(everything) == sum(len(a.attributions) for a in articles)
    via = claims(via="Interfax")
    assert via and all(c["via_entity"] == "Interfax" for c in via)
    assert "arrived in Moscow" in via[0]["content"]
    assert {c["status"] for c in claims(status="denied")} == {"denied"}
    anonymous = claims(source_kind="anonymous")
    assert anonymous and all(c["source"]["kind"] == "anonymous" for c in anonymous)
    assert any(c["source"]["affiliation"] == "Kremlin" for c in anonymous)
    kremlin = claims(source="Kremlin")
    assert kremlin and all("Kremlin" in f"{c['source']['affiliation']} {c['source']['entity']}" for c in kremlin)
    assert {c["article_id"] for c in claims(since="2024-12-09")} == {articles[1].id}
    assert {c["article_id"] for c in claims(article_id=articles[2].id)} == {articles[2].id}
    about = claims(entity="Tartous")
    assert about and all("Tartous" in c["content"] for c in about)
    page = client.get("/api/v1/claims", params={"limit": 2, "offset": 2}).json()
    assert page["page"]["total"] == len(everything) and page["page"]["next_offset"] == 4


def test_claim_detail(client: TestClient, articles: list[Article]) -> None:
    other = articles[2]
    denied = next(a for a in other.attributions if a.status == "denied")
    body = client.get(f"/api/v1/claims/{other.id}/{denied.id}").json()
    assert body["claim"]["content"] == denied.content.text
    assert body["claim"]["source"]["entity"] == "Foreign Ministry"
    assert body["same_content"] == []
    _error(client.get(f"/api/v1/claims/{other.id}/A999"), 404)


def test_sources_and_outlets(client: TestClient) -> None:
    sources = client.get("/api/v1/sources").json()
    # The example's unnamed Kremlin source is cited several times, always anonymously.
    kremlin = next(s for s in sources if "Kremlin" in s["source"])
    assert kremlin["anonymous"] == kremlin["citations"] >= 2
    assert not any(s["source"].startswith("E") and s["source"][1:].isdigit() for s in sources)
    outlets = client.get("/api/v1/outlets").json()
    assert {o["value"] for o in outlets} == {"Interfax Wire", "<i>Evil</i> Times", "Daily Example"}


def test_markup_is_data_in_json(client: TestClient, articles: list[Article]) -> None:
    body = client.get(f"/api/v1/articles/{articles[1].id}").json()
    assert body["article"]["title"] == EVIL_TITLE and body["article"]["text"] == EVIL_TEXT


def test_security_headers_everywhere(client: TestClient) -> None:
    for url in ("/api/v1/articles", "/api/v1/articles/nope", "/", "/static/style.css"):
        headers = client.get(url).headers
        assert "script-src 'self'" in headers["content-security-policy"]
        assert "unsafe-inline" not in headers["content-security-policy"]
        assert headers["x-content-type-options"] == "nosniff"
        assert headers["x-frame-options"] == "DENY"
