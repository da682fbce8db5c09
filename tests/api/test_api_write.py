"""POST endpoints: analyze (nothing stored, model loaded once), token-guarded ingest, body-size limit."""

from __future__ import annotations

from collections.abc import Iterator

import jsonschema
import pytest
from fastapi.testclient import TestClient
from sitearticles import TOKEN
from spacy.language import Language

from newsgraph.schema import load_schema
from newsgraph.store import Store
from newsgraph.web import create_site

TEXT = "The Kremlin said on Monday that the talks in Geneva had failed, a spokesman told Interfax."
AUTH = {"Authorization": f"Bearer {TOKEN}"}


def test_analyze_returns_the_analyze_json_and_stores_nothing(client: TestClient) -> None:
    before = client.get("/api/v1/health").json()["articles"]
    response = client.post("/api/v1/analyze", json={"text": TEXT, "published": "2024-12-09", "outlet": "Test"})
    assert response.status_code == 200, response.text
    body = response.json()
    jsonschema.validate(body, load_schema())
    assert body["text"] == TEXT and body["published"] == "2024-12-09" and body["outlet"] == "Test"
    assert any(e["name"] == "Kremlin" for e in body["entities"])
    assert body["attributions"]
    assert client.get("/api/v1/health").json()["articles"] == before


def test_analyze_loads_the_model_once(client: TestClient) -> None:
    for _ in range(3):
        assert client.post("/api/v1/analyze", json={"text": TEXT}).status_code == 200
    assert client.app.state.model_calls == [1]  # type: ignore[attr-defined]


def test_a_preloaded_model_is_loaded_once_and_a_failing_one_left_to_the_request(nlp: Language) -> None:
    from newsgraph.api.deps import LazyModel
    from newsgraph.errors import ModelError

    model = LazyModel(lambda: nlp)
    model.preload().join(timeout=30)
    with model.lock:
        assert model.get() is nlp and model.loads == 1

    def broken() -> Language:
        raise ModelError("no such model")

    failing = LazyModel(broken)
    failing.preload().join(timeout=30)
    with failing.lock, pytest.raises(ModelError):
        failing.get()


@pytest.mark.parametrize(
    "body",
    [{}, {"text": ""}, {"text": "   \n "}, {"text": TEXT, "colour": "red"}, {"text": TEXT, "published": "soon"}],
)
def test_analyze_refuses_bad_bodies(client: TestClient, body: dict[str, str]) -> None:
    response = client.post("/api/v1/analyze", json=body)
    assert response.status_code == 422
    assert set(response.json()["error"]) == {"code", "message"}


def test_analyze_refuses_non_json(client: TestClient) -> None:
    response = client.post("/api/v1/analyze", content=b"not json", headers={"content-type": "application/json"})
    assert response.status_code == 422 and response.json()["error"]["code"] == "invalid_request"


def test_ingest_needs_the_token(client: TestClient) -> None:
    before = client.get("/api/v1/health").json()["articles"]
    assert client.post("/api/v1/articles", json={"text": TEXT}).status_code == 401
    wrong = client.post("/api/v1/articles", json={"text": TEXT}, headers={"Authorization": "Bearer nope"})
    assert wrong.status_code == 403 and wrong.json()["error"]["code"] == "forbidden"
    basic = client.post("/api/v1/articles", json={"text": TEXT}, headers={"Authorization": "Basic dXNlcjpwdw=="})
    assert basic.status_code == 401
    assert client.get("/api/v1/health").json()["articles"] == before


def test_ingest_stores_once(client: TestClient) -> None:
    first = client.post("/api/v1/articles", json={"text": TEXT, "title": "Talks fail", "outlet": "Wire"}, headers=AUTH)
    assert first.status_code == 201, first.text
    article_id = first.json()["id"]
    assert first.json()["status"] == "ingested"
    again = client.post("/api/v1/articles", json={"text": TEXT}, headers=AUTH)
    assert again.status_code == 200 and again.json() == {
        "id": article_id,
        "status": "duplicate",
        "near_duplicate_of": None,
        "warnings": [],
    }
    stored = client.get(f"/api/v1/articles/{article_id}").json()["article"]
    assert stored["title"] == "Talks fail" and stored["text"] == TEXT
    assert client.get("/api/v1/search", params={"q": "Geneva"}).json()["items"][0]["id"] == article_id


def test_nul_characters_are_removed_and_said(client: TestClient) -> None:
    text = "The court in Lyon adjourned the trial until March, its clerk said."
    sent = client.post("/api/v1/articles", json={"text": text.replace("Lyon", "Ly\u0000on")}, headers=AUTH)
    assert sent.status_code == 201, sent.text
    assert sent.json()["warnings"] == ["api: removed 1 NUL character from text (no database can store them)"]
    assert client.get(f"/api/v1/articles/{sent.json()['id']}").json()["article"]["text"] == text


def test_ingest_links_near_duplicates(client: TestClient) -> None:
    wire = (
        "Rescue teams searched the flooded valley on Tuesday after heavy rain, the regional governor told AFP. "
        "Hundreds of homes were damaged and roads to three villages were cut, officials said. "
    ) * 3
    original = client.post("/api/v1/articles", json={"text": wire}, headers=AUTH).json()
    copy = client.post("/api/v1/articles", json={"text": wire + "Updated at noon."}, headers=AUTH).json()
    assert copy["status"] == "ingested" and copy["near_duplicate_of"] == original["id"]


@pytest.fixture
def tokenless(store: Store, nlp: Language, monkeypatch: pytest.MonkeyPatch) -> Iterator[TestClient]:
    monkeypatch.delenv("NEWSGRAPH_TOKEN", raising=False)
    with TestClient(create_site(store, nlp_factory=lambda: nlp)) as test_client:
        yield test_client


def test_ingest_is_disabled_without_a_server_token(tokenless: TestClient) -> None:
    response = tokenless.post("/api/v1/articles", json={"text": TEXT}, headers={"Authorization": "Bearer "})
    assert response.status_code in (401, 403)
    response = tokenless.post("/api/v1/articles", json={"text": TEXT}, headers={"Authorization": "Bearer x"})
    assert response.status_code == 403 and "NEWSGRAPH_TOKEN" in response.json()["error"]["message"]


def test_token_comes_from_the_environment(store: Store, nlp: Language, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("NEWSGRAPH_TOKEN", "from-env")
    with TestClient(create_site(store, nlp_factory=lambda: nlp)) as test_client:
        ok = test_client.post("/api/v1/articles", json={"text": TEXT}, headers={"Authorization": "Bearer from-env"})
        assert ok.status_code == 201


def test_bodies_over_the_limit_get_413(client: TestClient) -> None:
    big = {"text": "x" * 60_000}
    for url in ("/api/v1/analyze", "/api/v1/articles"):
        response = client.post(url, json=big, headers=AUTH)
        assert response.status_code == 413
        assert response.json()["error"]["code"] == "payload_too_large"
        assert response.headers["x-frame-options"] == "DENY"


def test_streamed_bodies_over_the_limit_get_413(client: TestClient) -> None:
    def chunks() -> Iterator[bytes]:
        yield b'{"text": "'
        for _ in range(100):
            yield b"y" * 1000
        yield b'"}'

    response = client.post("/api/v1/analyze", content=chunks(), headers={"content-type": "application/json"})
    assert response.status_code == 413
