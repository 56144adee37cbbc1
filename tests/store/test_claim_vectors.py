"""The store clusters claims by the vectors the analysis already computed, and falls back to embedding without them."""

from __future__ import annotations

import pickle
from collections.abc import Callable
from pathlib import Path

import numpy as np
import pytest
from sqlalchemy import select

from peacewatch.contract import Analysis, Claim
from peacewatch.ingest import read_paths
from peacewatch.pipeline import Pipeline
from peacewatch.store import Store, ingest_analyses
from peacewatch.store import clusters as clusters_module
from peacewatch.store import schema as tables

from ..conftest import EXAMPLES
from .builders import claim, document

CORPUS = EXAMPLES / "corpus"
Rows = list[tuple[str, str, int, bool, bytes]]


@pytest.fixture(scope="module")
def analyzed(demo_pipeline: Pipeline) -> list[Analysis]:
    """The demo corpus analyzed in this process, each analysis still carrying its claim vectors."""
    return list(demo_pipeline.analyze_many(d for _, items in read_paths([CORPUS]) for d in items))


def counting_embedder(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """Wraps the real `embed_claims` of the store (it still embeds): each call appends how many texts it got."""
    calls: list[int] = []
    real: Callable[[list[str]], np.ndarray] = clusters_module.embed_claims

    def counted(texts: list[str]) -> np.ndarray:
        calls.append(len(texts))
        return real(texts)

    monkeypatch.setattr(clusters_module, "embed_claims", counted)
    return calls


def claim_groups(db: Path, analyses: list[Analysis]) -> Rows:
    with Store(db) as store:
        ingest_analyses(store, analyses)
        with store.engine.connect() as conn:
            g = tables.claim_groups.c
            rows = conn.execute(select(g.doc_id, g.record_id, g.cluster, g.leader, g.vector)
                                .order_by(g.doc_id, g.record_id)).all()
    return [tuple(r) for r in rows]


def test_the_analysis_carries_a_vector_for_every_claim_outside_its_json(analyzed: list[Analysis]) -> None:
    with_claims = [a for a in analyzed if a.claims]
    assert with_claims
    for analysis in with_claims:
        assert {c.span.text for c in analysis.claims} <= set(analysis.claim_vectors)
        assert "vector" not in analysis.to_json() and "claim_vectors" not in analysis.to_dict()
        loaded = Analysis.model_validate_json(analysis.to_json())
        assert loaded.claim_vectors == {}  # JSON never carries them: the store must fall back
        assert loaded == analysis  # a cache, not content: equality is that of the records


def test_pickling_keeps_the_vectors_so_worker_processes_hand_them_on(analyzed: list[Analysis]) -> None:
    analysis = next(a for a in analyzed if a.claims)
    copy = pickle.loads(pickle.dumps(analysis))  # what a `--workers` pool does to each result
    assert copy.claim_vectors.keys() == analysis.claim_vectors.keys()
    for text, vector in analysis.claim_vectors.items():
        assert np.array_equal(copy.claim_vectors[text], vector)


def test_reused_vectors_are_those_of_a_fresh_embedding(analyzed: list[Analysis]) -> None:
    texts = [c.span.text for a in analyzed for c in a.claims]
    known = np.stack([a.claim_vectors[c.span.text] for a in analyzed for c in a.claims])
    fresh = clusters_module.embed_claims(texts)
    assert np.abs(known - fresh).max() < 1e-5  # the stored float16 would hide far more


def test_ingest_reuses_the_vectors_and_clusters_as_the_fallback_does(
        tmp_path: Path, analyzed: list[Analysis], monkeypatch: pytest.MonkeyPatch) -> None:
    calls = counting_embedder(monkeypatch)
    reused = claim_groups(tmp_path / "reused.db", analyzed)
    assert calls == []  # MiniLM did not run again for a single claim
    fallback = claim_groups(tmp_path / "fallback.db",
                            [Analysis.model_validate_json(a.to_json()) for a in analyzed])
    assert sum(calls) == len(reused) > 0  # without vectors every claim is embedded at ingest
    assert [r[:4] for r in reused] == [r[:4] for r in fallback]  # the same clusters, leaders and members
    assert len({r[2] for r in reused}) < len(reused)  # and the corpus does have claims clustered together
    difference = max(np.abs(np.frombuffer(a[4], np.float16).astype(np.float32)
                            - np.frombuffer(b[4], np.float16).astype(np.float32)).max()
                     for a, b in zip(reused, fallback, strict=True))
    assert difference <= 1e-3  # at most float16 rounding


def test_only_the_claims_without_a_vector_are_embedded(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    texts = ["Troops will withdraw from the border by Friday.", "The ministry reported 40 casualties on Monday."]
    analysis = Analysis(document=document(" ".join(texts), "2026-03-14", "Wire"),
                        claims=[claim(texts[0], 1, texts[0]), claim(texts[1], 2, texts[1])])
    analysis.claim_vectors = {texts[0]: clusters_module.embed_claims([texts[0]])[0]}
    calls = counting_embedder(monkeypatch)
    with Store(tmp_path / "partial.db") as store:
        ingest_analyses(store, [analysis])
    assert calls == [1]


def test_vectors_of_the_wrong_shape_are_ignored() -> None:
    claims: list[Claim] = [claim("A claim that is long enough.", 1, "A claim that is long enough.")]
    vectors = clusters_module.claim_vectors(claims, {"A claim that is long enough.": np.zeros(3, np.float32)})
    assert vectors.shape == (1, 384) and abs(float(np.linalg.norm(vectors[0])) - 1.0) < 1e-4
