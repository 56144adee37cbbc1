"""Fixtures for the web tests: a small synthetic store (fast, no spaCy), its app, and a stand-in pipeline;
and the demo corpus analysed into a store once per session (for the browser tests and the ledger checks).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from datetime import date, timedelta
from pathlib import Path

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient

from peacewatch.contract import (
    Actor,
    Analysis,
    Attribution,
    Claim,
    Commitment,
    Deadline,
    Document,
    Event,
    Span,
    Stance,
    Technique,
)
from peacewatch.errors import PeacewatchError
from peacewatch.ingest import expand_paths, read_path
from peacewatch.store import Store, ingest_analyses
from peacewatch.store.ingest import ingest_documents
from peacewatch.web.app import create_app
from tests.conftest import EXAMPLES

TOKEN = "test-token"
N_DOCS = 30
HOSTILE = ("Alphaland said <script>alert(1)</script> was found in the ministry's feed, "
           "and <img src=x onerror=alert(2)> in its archive. Critics called it a disgrace.")


def span(text: str, part: str, after: int = 0) -> Span:
    start = text.index(part, after)
    return Span(start=start, end=start + len(part), text=part)


def synthetic(i: int) -> Analysis:
    """Document i: Alphaland supports monitors until day 20, then opposes them; Betania strikes Alphaland."""
    day = (date(2026, 1, 1) + timedelta(days=i)).isoformat()
    polarity = "support" if i < 20 else "oppose"
    text = (f"Report {i} on the talks. Alphaland said it would {polarity} international monitors. "
            f"Betania opposes new sanctions. Alphaland pledged troops by the end of May. "
            f"Betania shelled Alphaland on day {i}. Critics called the plan a disgrace.")
    doc = Document(id=Document.content_id(text), text=text, published=day,
                   outlet="Outlet A" if i % 2 else "Outlet B", title=f"Report {i}", source_id=f"synthetic/{i}")
    stance_text = f"Alphaland said it would {polarity} international monitors."
    claims = [Claim(id="claim-1", span=span(text, f"Betania shelled Alphaland on day {i}."), checkworthy=0.9,
                    attribution="attr-1", sourcing="named")] if i < 3 else []
    return Analysis(
        document=doc,
        actors=[Actor(id="alpha", name="Alphaland", kind="state", mentions=[span(text, "Alphaland")]),
                Actor(id="beta", name="Betania", kind="state", mentions=[span(text, "Betania")])],
        attributions=[Attribution(id="attr-1", kind="indirect", source=span(text, "Alphaland"),
                                  source_actor="alpha", cue=span(text, "said"),
                                  content=span(text, f"it would {polarity} international monitors"))],
        claims=claims,
        stances=[Stance(id="stance-1", actor="alpha", topic="monitoring_intelligence", polarity=polarity,
                        strength=0.8, evidence=span(text, stance_text)),
                 Stance(id="stance-2", actor="beta", topic="sanctions", polarity="oppose", strength=0.7,
                        evidence=span(text, "Betania opposes new sanctions."))],
        commitments=[Commitment(id="commitment-1", actor="alpha", action="troops", topic="foreign_troops",
                                modality="pledged",
                                evidence=span(text, "Alphaland pledged troops by the end of May."))],
        events=[Event(id="event-1", type="ASSAULT", source_actor="beta", target_actor="alpha", date=day,
                      evidence=span(text, f"Betania shelled Alphaland on day {i}."))],
        deadlines=[Deadline(id="deadline-1", actor="alpha", content=span(text, "Alphaland pledged troops"),
                            due="2026-05-31", expression=span(text, "by the end of May"))],
        techniques=[Technique(id="technique-1", technique="name_calling", span=span(text, "a disgrace"), score=0.8)],
    )


def hostile() -> Analysis:
    """A document whose text and title are markup; its technique span covers the script tag."""
    doc = Document(id=Document.content_id(HOSTILE), text=HOSTILE, published="2026-03-01", outlet="<b>Outlet</b>",
                   title="<script>alert(3)</script> hostile", source_id="hostile")
    technique = Technique(id="technique-1", technique="loaded_language",
                          span=span(HOSTILE, "<script>alert(1)</script> was"), score=0.5)
    return Analysis(document=doc, techniques=[technique])


class FakePipeline:
    """Stands in for the spaCy pipeline: an analysis with no records; counts how often it is built."""

    built = 0

    def __init__(self) -> None:
        FakePipeline.built += 1

    def process(self, items: Iterable[Document]) -> Iterator[Analysis]:
        for item in items:
            yield Analysis(document=item)


@pytest.fixture(scope="session")
def store_url(tmp_path_factory: pytest.TempPathFactory) -> str:
    """A SQLite store of N_DOCS synthetic analyses and the hostile document (read-only for the tests)."""
    path: Path = tmp_path_factory.mktemp("web") / "synthetic.db"
    with Store(path) as store:
        ingest_analyses(store, [*(synthetic(i) for i in range(N_DOCS)), hostile()])
    return f"sqlite:///{path}"


@pytest.fixture(scope="session")
def app(store_url: str) -> FastAPI:
    return create_app(store_url, token=TOKEN, pipeline_factory=FakePipeline)


@pytest.fixture(scope="session")
def client(app: FastAPI) -> Iterator[TestClient]:
    with TestClient(app, raise_server_exceptions=False) as c:
        yield c


@pytest.fixture
def writable(tmp_path: Path) -> Iterator[TestClient]:
    """A client over a fresh copy of a few synthetic documents, for tests that upload or delete."""
    path = tmp_path / "writable.db"
    with Store(path) as store:
        ingest_analyses(store, [synthetic(i) for i in range(5)])
    with TestClient(create_app(path, token=TOKEN, pipeline_factory=FakePipeline),
                    raise_server_exceptions=False) as c:
        yield c


def auth(token: str = TOKEN) -> dict[str, str]:
    return {"Authorization": f"Bearer {token}"}


@pytest.fixture(scope="session")
def demo_db(tmp_path_factory: pytest.TempPathFactory, demo_pipeline) -> Path:
    """The demo corpus, analysed with the real pipeline into a SQLite store (what `peacewatch ingest` does)."""
    db = tmp_path_factory.mktemp("demo") / "demo.db"

    def documents() -> Iterator[Document | PeacewatchError]:
        for entry in expand_paths([EXAMPLES / "corpus"]):
            if isinstance(entry, PeacewatchError):
                yield entry
            else:
                yield from read_path(entry)

    with Store(db) as store:
        report = ingest_documents(store, documents(), lambda: demo_pipeline)
    assert report.stored >= 25 and not report.errors, report
    return db
