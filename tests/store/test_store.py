"""The store, used as a person would: ingest the demo corpus, ingest it again, query, export."""

from __future__ import annotations

import csv
import json
import os
import signal
import sqlite3
import subprocess
import sys
import time
from contextlib import closing
from pathlib import Path

import pyarrow.parquet as pq
import pytest
from sqlalchemy import select
from typer.testing import CliRunner

from peacewatch.cli import app
from peacewatch.contract import Analysis
from peacewatch.store import Store, ingest_analyses, views
from peacewatch.store import schema as tables
from peacewatch.store.migrations import LATEST, migrate

from ..conftest import EXAMPLES
from .builders import timeline_corpus

runner = CliRunner()
CORPUS = EXAMPLES / "corpus"
CONFIG = EXAMPLES / "peacewatch.yaml"
HARBOR = "2026-03-04-harborwire-compact-force-ready-within-days.txt"
KESTREL = "2026-03-05-kestrel-daily-compact-troops-within-days.txt"


def ingest(db: Path | str, *paths: Path, batch: int = 16):
    return runner.invoke(app, ["ingest", *map(str, paths), "--db", str(db), "--config", str(CONFIG),
                               "--batch-size", str(batch)])


@pytest.fixture(scope="session")
def demo_db(tmp_path_factory) -> Path:
    """The demo corpus, analyzed and stored once per test session (spaCy runs here only)."""
    db = tmp_path_factory.mktemp("demo") / "peacewatch.db"
    result = ingest(db, CORPUS)
    assert result.exit_code == 0, result.output
    return db


@pytest.fixture(scope="session")
def demo_analyses(demo_db) -> list[Analysis]:
    with Store(demo_db) as stored:
        return list(stored.analyses())


def test_ingesting_the_demo_corpus_twice_adds_nothing(demo_db):
    with Store(demo_db) as stored:
        before = stored.counts()
    assert before["documents"] == 30 and before["actors"] > 100 and before["times"] > 50
    result = ingest(demo_db, CORPUS)
    assert result.exit_code == 0, result.output
    assert "stored 0, near-duplicates linked 0, already stored 30, failed 0" in result.output
    with Store(demo_db) as stored:
        assert stored.counts() == before


def test_the_wire_copy_on_a_second_site_is_linked_to_the_first_story(demo_db):
    with Store(demo_db) as stored:
        docs = {Path(d["source_id"]).name: d for d in stored.documents()}
    assert docs[KESTREL]["near_duplicate_of"] == docs[HARBOR]["id"]
    assert docs[HARBOR]["near_duplicate_of"] is None
    assert sum(d["near_duplicate_of"] is not None for d in docs.values()) == 1


def test_the_same_analyses_load_into_sqlite_and_postgresql_alike(store, demo_db, demo_analyses):
    report = ingest_analyses(store, demo_analyses)
    assert (report.stored, report.near_duplicates, report.errors) == (29, 1, [])
    with Store(demo_db) as original:
        assert store.counts() == original.counts()
    assert list(store.analyses()) == demo_analyses  # every record rebuilt exactly from the JSON column
    hits = store.search("prisoner exchange deadline")
    assert "Prisoner exchange deadline passes without deal" in hits[0].title
    assert store.search('"; DROP TABLE documents; --') == []  # user text never reaches the query syntax


def test_an_interrupted_run_keeps_committed_batches_and_resumes(store):
    corpus = timeline_corpus()

    def crashing():
        yield from corpus[:3]
        raise KeyboardInterrupt  # killed while the second batch of two is in flight

    with pytest.raises(KeyboardInterrupt):
        ingest_analyses(store, crashing(), batch_size=2)
    assert store.counts()["documents"] == 2  # the first batch was committed, the second was not
    report = ingest_analyses(store, corpus, batch_size=2)
    assert (report.skipped, report.stored + report.near_duplicates) == (2, 3)
    assert store.counts()["documents"] == 5


def test_a_kill_9_mid_run_loses_nothing_committed_and_a_rerun_completes(tmp_path, demo_analyses):
    files = sorted(CORPUS.glob("*.txt"))[:6]
    db = tmp_path / "killed.db"
    command = [sys.executable, "-m", "peacewatch", "ingest", *map(str, files), "--db", str(db),
               "--config", str(CONFIG), "--batch-size", "1"]
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    try:
        deadline = time.monotonic() + 180
        while time.monotonic() < deadline and process.poll() is None and _documents(db) < 2:
            time.sleep(0.05)
    finally:
        if process.poll() is None:
            os.kill(process.pid, signal.SIGKILL)  # mid-run: the next batch is in flight
        _, errors = process.communicate()
    assert process.returncode == -signal.SIGKILL, f"the run ended on its own before the kill: {errors}"
    committed = _documents(db)
    assert committed >= 2
    result = ingest(db, *files)
    assert result.exit_code == 0, result.output
    assert f"already stored {committed}," in result.output
    wanted = {str(f) for f in files}
    with Store(db) as resumed:
        assert list(resumed.analyses()) == [a for a in demo_analyses if a.document.source_id in wanted]


def _documents(db: Path) -> int:
    """Documents committed so far, read without opening a `Store` (which would migrate alongside the run)."""
    if not db.exists():
        return 0
    try:
        with closing(sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=1)) as conn:
            return conn.execute("SELECT count(*) FROM documents").fetchone()[0]
    except sqlite3.Error:  # the schema may not be there yet
        return 0


def test_bad_inputs_get_one_line_each_and_the_rest_is_stored(tmp_path):
    inputs = tmp_path / "in"
    inputs.mkdir()
    (inputs / "good.txt").write_text("date: 2026-03-02\n\nKesh and Valdoria agreed a ceasefire on Monday.")
    (inputs / "empty.txt").write_text("")
    (inputs / "binary.txt").write_bytes(b"\x00\x01\x02\xff" * 10)
    db = tmp_path / "peacewatch.db"
    result = ingest(db, inputs)
    assert result.exit_code == 1
    errors = [line for line in result.output.splitlines() if line.startswith("error:")]
    assert len(errors) == 2 and any("empty.txt" in e for e in errors) and any("binary.txt" in e for e in errors)
    with Store(db) as stored:
        assert stored.counts()["documents"] == 1


def test_migrations_are_numbered_recorded_and_applied_once(tmp_path):
    db = tmp_path / "peacewatch.db"
    with Store(db) as stored:
        with stored.engine.connect() as conn:
            versions = list(conn.execute(select(tables.schema_version.c.version)).scalars())
        assert versions == list(range(1, LATEST + 1))
        with stored.engine.begin() as conn:
            assert migrate(conn) == []


def test_exports_open_in_their_readers(tmp_path, demo_db):
    with Store(demo_db) as stored:
        ingest_analyses(stored, timeline_corpus())
        counts = stored.counts()
    out = tmp_path / "export"
    for fmt in ("jsonl", "csv", "parquet"):
        result = runner.invoke(app, ["export", "--db", str(demo_db), "--format", fmt, "--out", str(out)])
        assert result.exit_code == 0, result.output
    for name, n in counts.items():
        with (out / f"{name}.csv").open(newline="", encoding="utf-8") as f:
            assert len(list(csv.DictReader(f))) == n
        assert pq.read_table(out / f"{name}.parquet").num_rows == n
        lines = (out / f"{name}.jsonl").read_text("utf-8").splitlines()
        assert len(lines) == n
    stance = json.loads((out / "stances.jsonl").read_text("utf-8").splitlines()[0])
    assert stance["record"]["polarity"] == stance["polarity"]
    with (out / "events.gdelt.csv").open(newline="", encoding="utf-8") as f:
        events = list(csv.DictReader(f))
    assert len(events) == counts["events"]
    # the timeline corpus's shelling (the demo corpus, analyzed with the events extractor, has ASSAULTs of its own)
    assault = next(e for e in events if e["EventType"] == "ASSAULT" and "suburbs" in e["Evidence"])
    assert (assault["EventRootCode"], assault["QuadClass"], assault["SQLDATE"]) == ("18", "4", "20260220")


def test_query_prints_json_and_tables(demo_db):
    result = runner.invoke(app, ["query", "search", "--db", str(demo_db), "--text", "ceasefire", "--format", "json"])
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout) and all("doc_id" in hit for hit in json.loads(result.stdout))
    result = runner.invoke(app, ["query", "timeline", "--db", str(demo_db), "--actor", "Henrik Aalto"])
    assert result.exit_code == 0 and "timeline" in result.stdout
    result = runner.invoke(app, ["query", "deadlines", "--db", str(demo_db), "--as-of", "May 1"])
    assert result.exit_code == 2 and "not a date" in result.output


def test_report_writes_markdown_and_html(tmp_path, demo_db):
    out = tmp_path / "brief.html"
    result = runner.invoke(app, ["report", "--db", str(demo_db), "--since", "2026-03-01", "--until", "2026-03-31",
                                 "--format", "html", "--out", str(out)])
    assert result.exit_code == 0, result.output
    assert out.read_text("utf-8").startswith("<!doctype html>")
    result = runner.invoke(app, ["report", "--db", str(demo_db), "--since", "2026-03-01", "--until", "2026-03-31"])
    assert result.stdout.startswith("# Briefing 2026-03-01 – 2026-03-31")


def test_the_demo_corpus_shows_every_cross_document_view(demo_db):
    """What the README's demo run promises: each view has something to show on the demo corpus."""
    with Store(demo_db) as stored:
        assert views.actor_timeline(stored, "kesh")
        assert views.stance_shifts(stored)
        assert any(line["moves"] for line in views.guarantee_ledger(stored))
        assert any(cf["violations"] for cf in views.ceasefire_monitor(stored, as_of="2026-06-01"))
        statuses = {d["status"] for d in views.deadlines_ledger(stored, as_of="2026-06-01")}
        assert {"met", "missed"} <= statuses
        clusters = views.claim_clusters(stored)
        assert any(c["corroboration"] >= 2 for c in clusters)
        assert any(c["contradictions"] for c in clusters)
