"""The API and pages on PostgreSQL too (full-text search there is tsvector, not FTS5)."""

from __future__ import annotations

import re

from fastapi.testclient import TestClient

from peacewatch.store import Store, ingest_analyses
from peacewatch.web.app import create_app
from tests.store.conftest import pg_server, pg_url  # noqa: F401  (fixtures: a throwaway server, a database)
from tests.web.conftest import TOKEN, FakePipeline, auth, hostile, synthetic


def test_reads_writes_and_search_on_postgresql(pg_url: str) -> None:  # noqa: F811
    with Store(pg_url) as store:
        ingest_analyses(store, [*(synthetic(i) for i in range(6)), hostile()])
    with TestClient(create_app(pg_url, token=TOKEN, pipeline_factory=FakePipeline)) as c:
        assert c.get("/api/v1/documents", params={"q": "disgrace", "limit": 2}).json()["total"] == 7
        assert c.get("/api/v1/documents", params={"q": "ministry archive"}).json()["total"] == 1
        assert c.get("/api/v1/stances", params={"actor": "Alphaland", "since": "2026-01-03"}).json()["total"] == 4
        assert c.get("/api/v1/claims", params={"actor": "alpha"}).json()["total"] == 3
        for url in ("/", "/topics", "/outlets?outlet=Outlet+A", "/ledgers/guarantees", "/actors/alpha",
                    "/ledgers/deadlines?as_of=2026-02-01", f"/documents/{hostile().document.id}"):
            assert c.get(url).status_code == 200, url
        found = c.get("/search", params={"q": "disgrace", "outlet": "Outlet B"}).text
        assert re.search(r"(\d+) document\(s\)", found).group(1) == "3"
        uploaded = c.post("/api/v1/documents", json={"text": "Betania agreed to talks."}, headers=auth())
        assert uploaded.status_code == 201
        assert c.delete(f"/api/v1/documents/{uploaded.json()['id']}", headers=auth()).status_code == 204
