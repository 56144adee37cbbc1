"""Scale-out gives the same records: worker processes vs one process, Ray Data vs the local path."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import select
from typer.testing import CliRunner

from peacewatch.cli import app
from peacewatch.contract import Analysis, Document
from peacewatch.errors import ConfigError, InputError
from peacewatch.ingest import read_paths
from peacewatch.pipeline import Settings
from peacewatch.scale.workers import ParallelPipeline
from peacewatch.store import clusters, schema
from peacewatch.store.db import Store
from peacewatch.store.ingest import ingest_documents

from .conftest import EXAMPLES

CONFIG = EXAMPLES / "peacewatch.yaml"
TIMESTAMPS = {"ingested_at", "applied_at"}


def demo_documents(limit: int | None = None) -> list[Document]:
    docs = [d for _, items in read_paths([EXAMPLES / "corpus"]) for d in items if isinstance(d, Document)]
    return docs[:limit] if limit else docs


def stored_rows(db: Path) -> dict[str, list[str]]:
    """Every stored row of every table (sorted), minus the ingest timestamps."""
    out: dict[str, list[str]] = {}
    with Store(str(db)) as store, store.engine.connect() as conn:
        for table in schema.metadata.sorted_tables:
            if table.name != "schema_version":
                rows = conn.execute(select(table)).mappings()
                out[table.name] = sorted(repr(sorted((k, v) for k, v in row.items() if k not in TIMESTAMPS))
                                         for row in rows)
    return out


def test_two_workers_give_the_records_of_one_in_order_with_errors_in_place(demo_pipeline) -> None:
    docs = demo_documents(4)
    bad = InputError("broken.txt", "not UTF-8")
    items = [docs[0], bad, *docs[1:]]
    expected = list(demo_pipeline.process(items))
    # chunks of two documents: results come back from two processes, and must still be in input order
    got = list(ParallelPipeline(Settings.from_file(CONFIG), workers=2, chunk=2).process(items))
    assert [type(r) for r in got] == [type(r) for r in expected]
    assert got[1] is bad
    assert [r.to_dict() for r in got if isinstance(r, Analysis)] == \
        [r.to_dict() for r in expected if isinstance(r, Analysis)]
    # the claim vectors survive the trip back from the worker (pickled), so the store need not embed again
    with_claims = [r for r in got if isinstance(r, Analysis) and r.claims]
    assert with_claims and all({c.span.text for c in r.claims} <= set(r.claim_vectors) for r in with_claims)


def test_a_worker_is_replaced_after_its_share_of_documents_and_the_records_stay_the_same(demo_pipeline) -> None:
    import multiprocessing

    docs = demo_documents(3)
    expected = [r.to_dict() for r in demo_pipeline.process(docs)]
    pipeline = ParallelPipeline(Settings.from_file(CONFIG), workers=1, chunk=1, recycle=1)
    got, workers = [], set()
    for result in pipeline.process(docs):
        workers |= {p.pid for p in multiprocessing.active_children()}
        got.append(result.to_dict())
    assert got == expected
    assert len(workers) >= 2  # one document per worker life: the pool started fresh processes


def test_workers_refuse_a_bad_config_up_front() -> None:
    with pytest.raises(ConfigError, match="unknown extractors"):
        ParallelPipeline(Settings(extractors=["actors", "no-such-extractor"]), workers=2)


def test_ray_on_a_cluster_refuses_sqlite(tmp_path: Path) -> None:
    from peacewatch.scale.ray_engine import check_store

    check_store(None, "peacewatch.db")  # a local Ray runtime may write the local file
    check_store("auto", "postgresql+psycopg://user@db/peacewatch")
    result = CliRunner().invoke(app, ["ingest", str(EXAMPLES / "corpus"), "--db", str(tmp_path / "x.db"),
                                      "--engine", "ray", "--address", "ray://head:10001"])
    assert result.exit_code == 2
    assert "PostgreSQL" in result.output
    assert not (tmp_path / "x.db").exists()


def test_ray_and_local_ingest_store_the_same_records(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    ray = pytest.importorskip("ray")
    pytest.importorskip("ray.data")
    from peacewatch.pipeline import Pipeline
    from peacewatch.scale.ray_engine import RayPipeline

    settings = Settings.from_file(CONFIG)
    docs = demo_documents()
    with Store(str(tmp_path / "local.db")) as store:
        local = ingest_documents(store, docs, lambda: Pipeline(settings))
    embedded: list[int] = []
    real_embed = clusters.embed_claims
    # counts the driver's own MiniLM calls for claims (the real function still runs)
    monkeypatch.setattr(clusters, "embed_claims", lambda texts: embedded.append(len(texts)) or real_embed(texts))
    ray.init(num_cpus=2, include_dashboard=False, log_to_driver=False)
    try:
        with Store(str(tmp_path / "ray.db")) as store:
            # windows of 10 documents: several datasets, each of two actors, results merged back in order
            remote = ingest_documents(store, docs, lambda: RayPipeline(settings, workers=2, window=10))
    finally:
        ray.shutdown()
    assert embedded == []  # the claim vectors came back from the actors beside the JSON
    assert (remote.stored, remote.near_duplicates, remote.errors) == (local.stored, local.near_duplicates, [])
    assert local.stored + local.near_duplicates == len(docs)
    local_rows, ray_rows = stored_rows(tmp_path / "local.db"), stored_rows(tmp_path / "ray.db")
    assert local_rows["documents"] and local_rows["claims"]
    assert ray_rows == local_rows
