"""The REST API through FastAPI's TestClient: pagination, filters, tokens, limits, errors, headers."""

from __future__ import annotations

from fastapi.testclient import TestClient

from peacewatch.ingest import Limits
from peacewatch.store import Store
from peacewatch.web.app import create_app
from tests.web.conftest import HOSTILE, N_DOCS, TOKEN, FakePipeline, auth, synthetic


def test_documents_are_paged_with_a_total(client: TestClient) -> None:
    first = client.get("/api/v1/documents", params={"limit": 10}).json()
    assert first["total"] == N_DOCS + 1 and len(first["items"]) == 10
    last = client.get("/api/v1/documents", params={"limit": 10, "offset": 30}).json()
    assert len(last["items"]) == 1
    ids = {d["id"] for offset in (0, 10, 20, 30)
           for d in client.get("/api/v1/documents", params={"limit": 10, "offset": offset}).json()["items"]}
    assert len(ids) == N_DOCS + 1  # pages neither overlap nor skip
    assert "text" not in first["items"][0]  # a list never carries the texts


def test_limit_has_a_maximum(client: TestClient) -> None:
    assert client.get("/api/v1/stances", params={"limit": 1000}).status_code == 422
    assert client.get("/api/v1/stances", params={"limit": 0}).status_code == 422
    assert client.get("/api/v1/stances", params={"offset": -1}).status_code == 422


def test_documents_filter_by_words_outlet_dates_and_records(client: TestClient) -> None:
    def total(**params: str) -> int:
        return client.get("/api/v1/documents", params=params).json()["total"]

    assert total(q="disgrace") == N_DOCS + 1
    assert total(q="ministry archive") == 1
    assert total(outlet="Outlet A") == N_DOCS // 2
    assert total(since="2026-01-11", until="2026-01-20") == 10
    assert total(kind="claims") == 3
    assert total(actor="Betania", kind="events") == N_DOCS
    assert total(topic="sanctions") == N_DOCS
    assert total(actor="nobody") == 0


def test_stances_filter_by_actor_name_topic_polarity_and_dates(client: TestClient) -> None:
    page = client.get("/api/v1/stances", params={"actor": "Alphaland", "limit": 200}).json()
    assert page["total"] == N_DOCS
    assert {i["record"]["actor"] for i in page["items"]} == {"alpha"}
    assert client.get("/api/v1/stances", params={"actor": "alpha", "polarity": "oppose"}).json()["total"] == 10
    assert client.get("/api/v1/stances", params={"topic": "sanctions"}).json()["total"] == N_DOCS
    dated = client.get("/api/v1/stances", params={"since": "2026-01-30", "until": "2026-01-30"}).json()
    assert dated["total"] == 2 and {i["published"] for i in dated["items"]} == {"2026-01-30"}


def test_each_record_type_has_its_list(client: TestClient) -> None:
    doc_id = synthetic(4).document.id
    for kind in ("attributions", "claims", "commitments", "events", "deadlines", "techniques", "stances"):
        page = client.get(f"/api/v1/{kind}", params={"document": doc_id}).json()
        assert all(item["doc_id"] == doc_id for item in page["items"]), kind
    assert client.get("/api/v1/events", params={"type": "ASSAULT", "actor": "alpha"}).json()["total"] == N_DOCS
    assert client.get("/api/v1/events", params={"type": "AGREE"}).json()["total"] == 0
    assert client.get("/api/v1/claims", params={"actor": "alpha"}).json()["total"] == 3  # via the attribution
    assert client.get("/api/v1/deadlines", params={"due_after": "2026-06-01"}).json()["total"] == 0
    assert client.get("/api/v1/techniques", params={"technique": "name_calling"}).json()["total"] == N_DOCS


def test_actors(client: TestClient) -> None:
    page = client.get("/api/v1/actors").json()
    assert {a["id"] for a in page["items"]} == {"alpha", "beta"}
    alpha = client.get("/api/v1/actors/alpha").json()
    assert alpha["name"] == "Alphaland" and alpha["documents"] == N_DOCS + 0
    assert client.get("/api/v1/actors/nobody").status_code == 404


def test_one_document_with_its_records_and_404(client: TestClient) -> None:
    analysis = synthetic(7)
    got = client.get(f"/api/v1/documents/{analysis.document.id}").json()
    assert got["analysis"]["document"]["text"] == analysis.document.text
    assert got["analysis"]["stances"][0]["polarity"] == "support"
    missing = client.get("/api/v1/documents/0000000000000000")
    assert missing.status_code == 404 and "0000000000000000" in missing.json()["detail"]


def test_writes_need_the_token(writable: TestClient) -> None:
    body = {"text": "Betania and Alphaland agreed to exchange prisoners.", "published": "2026-02-01"}
    assert writable.post("/api/v1/documents", json=body).status_code == 401
    assert writable.post("/api/v1/documents", json=body, headers=auth("wrong")).status_code == 401
    doc_id = synthetic(1).document.id
    assert writable.delete(f"/api/v1/documents/{doc_id}").status_code == 401
    assert writable.get(f"/api/v1/documents/{doc_id}").status_code == 200  # nothing was deleted


def test_writes_are_refused_without_a_server_token(tmp_path, monkeypatch) -> None:
    monkeypatch.delenv("PEACEWATCH_TOKEN", raising=False)
    with TestClient(create_app(tmp_path / "x.db", pipeline_factory=FakePipeline)) as c:
        refused = c.post("/api/v1/documents", json={"text": "x"}, headers=auth())
        assert refused.status_code == 403 and "PEACEWATCH_TOKEN" in refused.json()["detail"]


def test_upload_analyzes_stores_and_delete_removes(writable: TestClient) -> None:
    built = FakePipeline.built
    body = {"text": "Betania and Alphaland agreed to exchange prisoners.", "published": "2026-02-01",
            "outlet": "Upload Wire"}
    stored = writable.post("/api/v1/documents", json=body, headers=auth())
    assert stored.status_code == 201, stored.text
    doc_id = stored.json()["id"]
    assert writable.get(f"/api/v1/documents/{doc_id}").json()["analysis"]["document"]["outlet"] == "Upload Wire"
    again = writable.post("/api/v1/documents", json=body, headers=auth())
    assert again.status_code == 200 and again.json()["status"] == "exists"
    writable.post("/api/v1/documents", json={"text": "Another report."}, headers=auth())
    assert FakePipeline.built == built + 1  # built lazily, once per app
    assert writable.delete(f"/api/v1/documents/{doc_id}", headers=auth()).status_code == 204
    assert writable.get(f"/api/v1/documents/{doc_id}").status_code == 404
    assert writable.delete(f"/api/v1/documents/{doc_id}", headers=auth()).status_code == 404
    assert writable.get("/api/v1/documents", params={"q": "prisoners"}).json()["total"] == 0  # gone from search


def test_upload_must_be_a_document(writable: TestClient) -> None:
    for body in (b"not json", b'{"title": "no text"}', b'{"text": ""}'):
        bad = writable.post("/api/v1/documents", content=body, headers={**auth(), "Content-Type": "application/json"})
        assert bad.status_code == 422 and "invalid document" in bad.json()["detail"]


def test_oversized_upload_is_413(tmp_path) -> None:
    with Store(tmp_path / "s.db"):
        pass
    app = create_app(tmp_path / "s.db", token=TOKEN, pipeline_factory=FakePipeline,
                     limits=Limits(max_file_bytes=1_000, max_text_chars=500))
    with TestClient(app) as c:
        too_big = c.post("/api/v1/documents", json={"text": "word " * 400}, headers=auth())
        assert too_big.status_code == 413 and "limit" in too_big.json()["detail"]
        too_long = c.post("/api/v1/documents", json={"text": "w" * 600}, headers=auth())
        assert too_long.status_code == 413 and "characters" in too_long.json()["detail"]


def test_every_response_has_the_security_headers(client: TestClient) -> None:
    for url in ("/", "/api/v1/stances", "/static/app.js", "/documents/nope", "/api/v1/documents/nope", "/openapi.json"):
        response = client.get(url)
        csp = response.headers["content-security-policy"]
        assert "script-src 'self'" in csp and "unsafe-inline" not in csp, url
        assert response.headers["x-content-type-options"] == "nosniff"


def test_errors_are_pages_naming_the_problem(client: TestClient) -> None:
    page = client.get("/documents/nope")
    assert page.status_code == 404 and "text/html" in page.headers["content-type"]
    assert "no document with id &#39;nope&#39;" in page.text and "Traceback" not in page.text
    bad = client.get("/search", params={"since": "yesterday"})
    assert bad.status_code == 400 and "not a date" in bad.text
    api = client.get("/api/v1/stances", params={"since": "yesterday"})
    assert api.status_code == 422 and api.json()["detail"][0]["loc"] == ["query", "since"]


def test_hostile_text_is_escaped_in_the_page(client: TestClient) -> None:
    from tests.web.conftest import hostile

    page = client.get(f"/documents/{hostile().document.id}").text
    assert "<script>alert" not in page and "<img src=x" not in page and "<b>Outlet" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert "&lt;img src=x onerror=alert(2)&gt;" in page
    assert HOSTILE.split("<")[0] in page


def test_openapi_document_is_precise(client: TestClient) -> None:
    spec = client.get("/openapi.json").json()
    assert {"/api/v1/documents", "/api/v1/documents/{doc_id}", "/api/v1/stances", "/api/v1/events",
            "/api/v1/deadlines", "/api/v1/claims", "/api/v1/techniques", "/api/v1/actors",
            "/api/v1/commitments"} <= set(spec["paths"])
    assert {"Stance", "Commitment", "Analysis"} <= set(spec["components"]["schemas"])
    upload = spec["paths"]["/api/v1/documents"]["post"]
    assert "413" in upload["responses"] and upload["security"]
    assert not any(p.startswith("/documents") for p in spec["paths"])  # the pages are not API


def test_wrong_method_names_the_allowed_ones(client: TestClient) -> None:
    response = client.put("/api/v1/documents")
    assert response.status_code == 405 and response.headers["allow"] == "GET, POST"
