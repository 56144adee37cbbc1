"""`peacewatch bench`: bare spaCy and the full analysis side by side on one generated corpus."""

from __future__ import annotations

import shlex
import sys
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console

err = Console(stderr=True)


def bench(
    docs: Annotated[list[int] | None, typer.Option("--docs", help="Corpus size (repeatable: 1000, 10000…)")] = None,
    workers: Annotated[list[int] | None, typer.Option("--workers", help="Processes for the analysis (repeatable)")]
    = None,
    ingest: Annotated[bool, typer.Option("--ingest", help="Also ingest into a temporary SQLite store")] = False,
    write: Annotated[Path | None, typer.Option("--write", help="Regenerate this Markdown file (BENCHMARKS.md)")]
    = None,
    config: Annotated[Path | None, typer.Option(help="YAML settings for the analysis")] = None,
    seed: Annotated[int, typer.Option(help="Corpus seed")] = 0,
    skip_spacy: Annotated[bool, typer.Option("--skip-spacy", help="Do not time bare spaCy")] = False,
    skip_full: Annotated[bool, typer.Option("--skip-full", help="Do not time the analysis alone")] = False,
) -> None:
    """Time bare spaCy and the full analysis (and ingest) on a generated corpus: tokens/s, ratio, peak RSS.

    Each phase runs in a fresh process. Every size gets bare spaCy and the full analysis with each
    `--workers` value (bare spaCy also with one process); `--ingest` ingests each size with the first
    `--workers` value. With `--write`, the page is rewritten after each phase.
    """
    from peacewatch.bench.report import summary_lines
    from peacewatch.bench.report import write as write_report
    from peacewatch.bench.run import PhaseResult, run_isolated

    sizes, counts = docs or [1000], workers or [1]
    if min(sizes) < 1 or min(counts) < 1:
        err.print("[bold red]error:[/] --docs and --workers must be at least 1", highlight=False)
        raise typer.Exit(2)
    plan = []
    for size in sizes:
        # bare spaCy with each process count too (`nlp.pipe(n_process=…)`): ratios compare like with like
        plan += [] if skip_spacy else [("spacy", size, n) for n in sorted({1, *counts})]
        plan += [] if skip_full else [("full", size, n) for n in counts]
        plan += [("ingest", size, counts[0])] if ingest else []
    results: list[PhaseResult] = []
    command = "peacewatch " + shlex.join(sys.argv[1:])
    for phase, size, n in plan:
        err.print(f"{phase}: {size} documents, {n} worker(s)…", highlight=False)
        try:
            results.append(run_isolated(phase, size, n, seed, str(config) if config else None))
        except RuntimeError as exc:
            err.print(f"[bold red]error:[/] {exc}", highlight=False, soft_wrap=True)
            raise typer.Exit(1) from None
        if write is not None:  # after each phase: a long run stopped halfway keeps what it measured
            write_report(write, results, command)
    for line in summary_lines(results):
        typer.echo(line)
    if write is not None:
        err.print(f"wrote {write}", highlight=False)


def register(app: typer.Typer) -> None:
    """Adds `bench` to the `peacewatch` app."""
    app.command("bench")(bench)
