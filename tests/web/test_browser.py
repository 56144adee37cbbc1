"""The UI in a real browser: Playwright drives Debian's headless chromium against a live server.

The server runs uvicorn in a thread over the demo corpus, ingested once per session with the real
pipeline; the hostile document goes in through the API's upload, as a user's would.
"""

from __future__ import annotations

import re
import socket
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from peacewatch.contract import Document
from peacewatch.web.app import create_app
from tests.web.conftest import HOSTILE, TOKEN, auth

CHROMIUM = Path("/usr/bin/chromium")
pytestmark = pytest.mark.skipif(not CHROMIUM.exists(), reason="needs Debian's chromium at /usr/bin/chromium "
                                                               "(apt-get install chromium)")
playwright_api = pytest.importorskip("playwright.sync_api")
expect = playwright_api.expect


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="session")
def server(demo_db: Path, demo_pipeline) -> Iterator[str]:
    """Base URL of a live server over the demo corpus plus an uploaded hostile document."""
    import uvicorn

    db = demo_db
    app = create_app(db, token=TOKEN, pipeline_factory=lambda: demo_pipeline)
    port = _free_port()
    uv = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning"))
    thread = threading.Thread(target=uv.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 30
    while not uv.started:
        assert time.monotonic() < deadline, "the server did not start"
        time.sleep(0.05)
    base = f"http://127.0.0.1:{port}"
    upload = httpx.post(f"{base}/api/v1/documents", headers=auth(), timeout=120, json={
        "text": HOSTILE, "title": "<img src=x onerror=alert(4)> hostile title", "outlet": "Test Wire",
        "published": "2026-03-01"})
    assert upload.status_code == 201, upload.text
    try:
        yield base
    finally:
        uv.should_exit = True
        thread.join(timeout=10)


@pytest.fixture(scope="session")
def browser() -> Iterator:
    with playwright_api.sync_playwright() as p:
        launched = p.chromium.launch(executable_path=str(CHROMIUM), headless=True)
        yield launched
        launched.close()


@pytest.fixture
def page(browser) -> Iterator:
    context = browser.new_context(viewport={"width": 1200, "height": 600})
    opened = context.new_page()
    yield opened
    context.close()


def _document_with(server: str, kind: str) -> str:
    """A demo document that has records of this type (the one with the most)."""
    docs = httpx.get(f"{server}/api/v1/documents", params={"kind": kind, "limit": 200}).json()["items"]
    return max(docs, key=lambda d: (d["counts"].get(kind, 0), d["text_length"]))["id"]


def _background(locator) -> str:
    return locator.evaluate("el => getComputedStyle(el).backgroundColor")


def test_highlights_show_and_unticking_a_type_hides_them(server: str, page) -> None:
    page.goto(f"{server}/documents/{_document_with(server, 'claims')}")
    claim = page.locator("#doctext .hl-claims").first
    expect(claim).to_be_visible()
    assert _background(claim) != "rgba(0, 0, 0, 0)"
    stance_count = page.locator("#doctext .hl-stances").count()
    page.locator("input.kind-toggle[value=claims]").uncheck()
    assert _background(claim) == "rgba(0, 0, 0, 0)"
    expect(page.locator("#doctext")).to_have_class("doctext hide-claims")
    assert page.locator("#doctext .hl-stances").count() == stance_count  # other types untouched
    page.locator("input.kind-toggle[value=claims]").check()
    assert _background(claim) != "rgba(0, 0, 0, 0)"


def test_clicking_a_record_scrolls_to_its_evidence(server: str, page) -> None:
    page.goto(f"{server}/documents/{_document_with(server, 'techniques')}")
    # the record whose evidence lies lowest in the text: out of sight until clicked
    ref = page.evaluate("""() => [...document.querySelectorAll('#records a[data-target]')].map(a => a.dataset.target)
        .sort((a, b) => document.getElementById('ev-' + b).getBoundingClientRect().top
                      - document.getElementById('ev-' + a).getBoundingClientRect().top)[0]""")
    target = page.locator(f"#ev-{ref}")
    expect(target).not_to_be_in_viewport()
    page.locator(f"#records a[data-target='{ref}']").click()
    expect(target).to_be_in_viewport()
    expect(target).to_have_class(re.compile(r"\bflash\b"))  # briefly marked


def test_search_filters_narrow_the_results(server: str, page) -> None:
    def shown() -> int:
        return int(page.locator("#result-count").inner_text().split()[0])

    page.goto(f"{server}/search")
    everything = shown()
    assert everything >= 25
    page.fill("input[name=q]", "ceasefire")
    page.click("#search-form button[type=submit]")
    with_words = shown()
    assert 0 < with_words < everything
    page.select_option("select[name=outlet]", "Harbor Wire")
    page.click("#search-form button[type=submit]")
    narrowed = shown()
    assert 0 < narrowed < with_words
    assert page.locator("table.list tbody tr").count() == narrowed
    page.fill("input[name=until]", "2026-03-03")
    page.click("#search-form button[type=submit]")
    assert shown() < narrowed


def test_hostile_text_renders_as_text(server: str, page) -> None:
    dialogs: list[str] = []
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    doc_id = Document.content_id(HOSTILE)
    page.goto(f"{server}/documents/{doc_id}")
    text = page.locator("#doctext")
    expect(text).to_contain_text("<script>alert(1)</script>")
    expect(text).to_contain_text("<img src=x onerror=alert(2)>")
    expect(page.locator("h1")).to_have_text("<img src=x onerror=alert(4)> hostile title")
    assert page.locator("#doctext img, #doctext script, h1 img").count() == 0
    page.goto(f"{server}/search?q=ministry")  # the title in a list, too
    expect(page.get_by_text("<img src=x onerror=alert(4)> hostile title")).to_be_visible()
    assert page.locator("main img").count() == 0
    page.wait_for_timeout(300)
    assert dialogs == []
