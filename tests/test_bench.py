"""The benchmark corpus and report: deterministic, fictional, exercising every extractor; figures merge."""

from __future__ import annotations

import re
from pathlib import Path

from typer.testing import CliRunner

from peacewatch.bench.corpus import document, generate
from peacewatch.bench.report import render, summary_lines, write
from peacewatch.bench.run import PhaseResult, run_phase
from peacewatch.cli import app


def test_corpus_is_seeded_and_prefix_stable() -> None:
    ten = list(generate(10, seed=3))
    assert [d.id for d in generate(4, seed=3)] == [d.id for d in ten[:4]]
    assert document(7, seed=3) == ten[7]
    assert document(7, seed=4).text != ten[7].text
    assert len({d.id for d in ten}) == 10


def test_corpus_documents_are_news_like_and_marked_fictional() -> None:
    for doc in generate(20):
        assert "{" not in doc.text and "}" not in doc.text, doc.text  # every placeholder filled
        assert doc.text.endswith("all states, people and outlets are invented.)")
        assert doc.published and doc.outlet and doc.title
        words = len(doc.text.split())
        assert 150 <= words <= 1200, words
        assert re.search(r"\bsaid\b|\btold\b", doc.text)


def test_corpus_gives_every_extractor_work(pipeline) -> None:
    counts: dict[str, int] = {}
    for analysis in pipeline.analyze_many(generate(6, seed=1)):
        for name, n in analysis.summary.counts.items():
            counts[name] = counts.get(name, 0) + n
    for name in ("actors", "times", "attributions", "claims", "commitments", "stances", "events", "deadlines",
                 "techniques"):
        assert counts.get(name, 0) > 0, (name, counts)


def result(phase: str, docs: int, workers: int = 1, seconds: float = 2.0, tokens: int = 1000) -> PhaseResult:
    return PhaseResult(phase, docs, workers, seconds, tokens, peak_rss_mb=500.0)


def test_summary_reports_the_ratio_to_bare_spacy() -> None:
    lines = summary_lines([result("spacy", 10, seconds=1.0), result("full", 10, seconds=4.0)])
    assert any("25.0% of bare spaCy" in line for line in lines)


def test_workers_compare_with_spacy_on_as_many_processes() -> None:
    lines = summary_lines([result("spacy", 10, seconds=1.0), result("spacy", 10, workers=2, seconds=0.5),
                           result("full", 10, workers=2, seconds=2.0)])
    assert any("25.0% of bare spaCy's throughput with 2 process(es)" in line for line in lines)
    assert any("50.0% of one-process bare spaCy" in line for line in lines)


def test_write_merges_runs_and_replaces_a_rerun(tmp_path: Path) -> None:
    target = tmp_path / "BENCHMARKS.md"
    write(target, [result("spacy", 10), result("full", 10, seconds=9.0)], "peacewatch bench --docs 10")
    write(target, [result("full", 10, seconds=3.0), result("full", 30)], "peacewatch bench --docs 30")
    text = target.read_text("utf-8")
    assert "peacewatch bench --docs 10" in text and "peacewatch bench --docs 30" in text
    rows = [line for line in text.splitlines() if line.startswith("| full |")]
    assert len(rows) == 2  # (full, 10, 1) replaced, (full, 30, 1) added
    assert "| full | 10 | 1 | torch | 3.0 |" in text
    # a run with the other engine is a row of its own, beside the torch one
    onnx = result("full", 10, seconds=1.5)
    onnx.engine = "onnx"
    write(target, [onnx], "peacewatch bench --docs 10")
    text = target.read_text("utf-8")
    assert "| full | 10 | 1 | torch | 3.0 |" in text and "| full | 10 | 1 | onnx | 1.5 |" in text
    assert "| spacy | 10 | 1 | - |" in text
    assert "CPU:" in text and "Python" in text
    assert render({"machine": {"cpu": "x", "cores": 2, "ram_gib": 1, "os": "y", "python": "3", "versions": {},
                               "torch_threads": "1", "bf16": "0"}, "runs": [], "commands": []}).startswith("# ")


def test_spacy_phase_counts_tokens_and_memory() -> None:
    r = run_phase("spacy", 3)
    assert r.tokens > 300 and r.seconds > 0 and r.peak_rss_mb > 50
    # memory over the run, per tenth of the corpus: sampled at least once, within the peak
    assert len(r.rss_by_tenth_mb) == 10 and 50 < max(r.rss_by_tenth_mb) <= r.peak_rss_mb + 1


def test_spacy_phase_runs_on_several_processes() -> None:
    one, two = run_phase("spacy", 4), run_phase("spacy", 4, workers=2)
    assert one.tokens == two.tokens > 300  # the same documents, parsed by two processes


def test_summary_shows_memory_across_the_corpus() -> None:
    run = result("full", 10000, workers=2)
    run.rss_by_tenth_mb = [1000.0 + i for i in range(10)]
    assert any("each tenth of the corpus, MB: 1000, 1001" in line for line in summary_lines([run]))


def test_bench_command_rejects_zero_documents() -> None:
    out = CliRunner().invoke(app, ["bench", "--docs", "0"])
    assert out.exit_code == 2
