"""Stories, linked claims and timelines in the API (cross-article links made as articles are stored)."""

from __future__ import annotations

from typing import Any

import pytest
from fastapi.testclient import TestClient

from newsgraph.records import Article
from newsgraph.store import Store


def _story_of(client: TestClient, article_id: str) -> dict[str, Any]:
    for story in client.get("/api/v1/stories", params={"limit": 100}).json()["items"]:
        ids = [a["id"] for a in client.get(f"/api/v1/stories/{story['id']}").json()["articles"]]
        if article_id in ids:
            return story  # type: ignore[no-any-return]
    raise AssertionError(f"article {article_id} is in no story")


def test_stories_group_the_articles(client: TestClient, articles: list[Article]) -> None:
    body = client.get("/api/v1/stories").json()
    assert body["page"]["total"] == len(body["items"]) >= 1
    assert sum(s["articles"] for s in body["items"]) == len(articles)
    # The two reports on Assad and Syria are one story; the markup article is not in it.
    story = _story_of(client, articles[0].id)
    members = {a["id"] for a in client.get(f"/api/v1/stories/{story['id']}").json()["articles"]}
    assert articles[2].id in members and articles[1].id not in members
    listed = client.get("/api/v1/articles", params={"story": story["id"]}).json()["items"]
    assert {a["id"] for a in listed} == members


def test_story_detail_claims_and_contradictions(client: TestClient, articles: list[Article]) -> None:
    story = _story_of(client, articles[0].id)
    detail = client.get(f"/api/v1/stories/{story['id']}").json()
    assert detail["story"]["claims"] == len(detail["claims"]) > 0
    carried = [c["corroboration"]["articles"] for c in detail["claims"]]
    assert carried == sorted(carried, reverse=True)
    assert any(c["corroboration"]["chains"] for c in detail["claims"])
    for contradiction in detail["contradictions"]:
        assert contradiction["side_a"] and contradiction["side_b"]
    assert client.get("/api/v1/stories/s-nope").status_code == 404


def test_linked_claim_and_attribution_link(client: TestClient, articles: list[Article]) -> None:
    example = articles[0]
    told = next(a for a in example.attributions if a.via is not None)
    listed = client.get("/api/v1/claims", params={"article_id": example.id, "limit": 100}).json()["items"]
    version = next(c for c in listed if c["attribution_id"] == told.id)
    assert version["claim_id"]
    claim = client.get(f"/api/v1/linked-claims/{version['claim_id']}").json()
    assert any(v["article_id"] == example.id and v["record_id"] == told.id for v in claim["versions"])
    corroboration = claim["corroboration"]
    assert corroboration["independent_origins"] >= 1
    assert any(chain["via"] and "Interfax" in chain["via"] for chain in corroboration["chains"])
    assert client.get("/api/v1/linked-claims/c-nope").json()["error"]["code"] == "not_found"


def test_timelines(client: TestClient, articles: list[Article]) -> None:
    story = _story_of(client, articles[0].id)
    events = client.get(f"/api/v1/stories/{story['id']}/timeline").json()["items"]
    assert events and all(e["article_id"] in {articles[0].id, articles[2].id} for e in events)
    assad = client.get("/api/v1/entities/Assad/timeline").json()
    assert assad["subject"] and assad["items"]
    dated = [e["date"] for e in assad["items"] if e["date"] and e["date"][:4].isdigit()]
    assert dated == sorted(dated, key=lambda d: d[:10])
    assert client.get("/api/v1/entities/Atlantis/timeline").status_code == 404
    assert client.get("/api/v1/stories/s-nope/timeline").status_code == 404


def test_story_views_are_cached_until_the_store_changes(client: TestClient, monkeypatch: pytest.MonkeyPatch) -> None:
    from newsgraph.api import stories

    story_id = client.get("/api/v1/stories").json()["items"][0]["id"]
    built: list[str] = []
    original = stories.get_story

    def counting(store: Store, wanted: str) -> Any:
        built.append(wanted)
        return original(store, wanted)

    monkeypatch.setattr(stories, "get_story", counting)
    client.app.state.newsgraph.story_views.clear()  # type: ignore[attr-defined]
    first = client.get(f"/api/v1/stories/{story_id}").json()
    assert client.get(f"/api/v1/stories/{story_id}").json() == first
    assert client.get(f"/stories/{story_id}").status_code == 200
    assert built == [story_id]
