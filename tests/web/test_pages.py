"""The pages through TestClient: each renders from the store, pages, filters, and names its errors."""

from __future__ import annotations

import re

import pytest
from fastapi.testclient import TestClient

from tests.web.conftest import N_DOCS, synthetic

PAGES = ["/", "/actors", "/actors/alpha", "/topics", "/ledgers/guarantees", "/ledgers/ceasefires",
         "/ledgers/deadlines?as_of=2026-05-01", "/ledgers/claims", "/outlets", "/outlets?outlet=Outlet+A",
         "/search?q=disgrace", f"/documents/{synthetic(0).document.id}"]


@pytest.mark.parametrize("url", PAGES)
def test_page_renders(client: TestClient, url: str) -> None:
    page = client.get(url)
    assert page.status_code == 200, page.text[-500:]
    assert '<script src="/static/app.js" defer></script>' in page.text
    assert "<script>" not in page.text  # never an inline script


def test_document_page_highlights_every_record_type(client: TestClient) -> None:
    page = client.get(f"/documents/{synthetic(2).document.id}").text
    for kind in ("attributions", "claims", "stances", "commitments", "events", "deadlines", "techniques"):
        assert f'class="hl hl-{kind}' in page, kind
        assert f'class="kind-toggle" value="{kind}" checked' in page
    refs = re.findall(r'data-target="(\d+)"', page)
    assert refs and all(f'id="ev-{r}"' in page for r in refs)  # every record has its scroll target


def test_topics_page_marks_the_shift(client: TestClient) -> None:
    page = client.get("/topics").text
    assert 'class="cell pol-oppose shifted"' in page  # alpha: support → oppose on monitoring
    assert 'class="cell pol-oppose"' in page  # beta: always oppose on sanctions


def test_search_filters_narrow(client: TestClient) -> None:
    def count(**params: str) -> int:
        return int(re.search(r"(\d+) document\(s\)", client.get("/search", params=params).text).group(1))

    assert count() == N_DOCS + 1
    assert count(q="disgrace") == N_DOCS + 1
    assert count(q="disgrace", outlet="Outlet A") == N_DOCS // 2
    assert count(q="disgrace", since="2026-01-01", until="2026-01-05") == 5
    assert count(actor="Alphaland", topic="monitoring_intelligence", kind="stances") == N_DOCS
    assert count(kind="claims") == 3
    assert count(q="", since="", until="", actor="", topic="", kind="", outlet="") == N_DOCS + 1  # empty fields


def test_pages_are_paged(client: TestClient) -> None:
    first = client.get("/").text
    assert f"1–25 of {N_DOCS + 1}" in first and 'rel="next"' in first
    second = client.get("/?page=2").text
    assert f"26–{N_DOCS + 1} of {N_DOCS + 1}" in second and 'rel="next"' not in second


def test_charts_are_inline_svg(client: TestClient) -> None:
    assert client.get("/").text.count("<rect") >= N_DOCS  # an events-per-day bar per day
    assert "<circle" in client.get("/actors/alpha").text  # stance over time
    assert "Persuasion density by outlet" in client.get("/outlets").text


def test_deadlines_and_ceasefire_pages_show_status(client: TestClient) -> None:
    page = client.get("/ledgers/deadlines", params={"as_of": "2026-06-30"}).text
    assert "status-overdue" in page
    assert "status-open" in client.get("/ledgers/deadlines", params={"as_of": "2026-02-01"}).text
    assert client.get("/ledgers/deadlines", params={"status": "bogus"}).status_code == 400


def test_unknown_actor_is_404(client: TestClient) -> None:
    page = client.get("/actors/nobody")
    assert page.status_code == 404 and "no actor" in page.text


def test_contested_claims_side_by_side(client: TestClient) -> None:
    page = client.get("/ledgers/claims").text  # "Betania shelled Alphaland on day 0." vs "… on day 1."
    assert "conflicting numbers" in page and page.count('class="side"') >= 2
    assert 'rel="next"' not in page
