"""The `peacewatch` command line."""

from __future__ import annotations

import json
from collections import deque
from collections.abc import Iterator
from enum import StrEnum
from pathlib import Path
from typing import Annotated, TextIO

import typer
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

from peacewatch.contract import Analysis, Document, json_schema
from peacewatch.errors import PeacewatchError
from peacewatch.ingest import Limits, expand_paths, normalize_date, read_path
from peacewatch.ingest.readers import FEED_SUFFIXES, JSONL_SUFFIXES
from peacewatch.render.markdown import render_document, render_index

app = typer.Typer(help="peacewatch: who said, promised and did what in a peace process, with the sentence to prove it.",
                  no_args_is_help=True, add_completion=False)
err = Console(stderr=True)


def _register_subcommands() -> None:
    import importlib

    from peacewatch.subcommands import MODULES, eval_app, train_app

    for module in MODULES:
        importlib.import_module(module)
    for name, group in (("eval", eval_app), ("train", train_app)):
        if group.registered_commands:
            app.add_typer(group, name=name)
    from peacewatch.store.cli import register

    register(app)  # ingest, query, export, report: the record across documents
    from peacewatch.bench.cli import register as register_bench

    register_bench(app)  # bench: speed and memory beside bare spaCy
    from peacewatch.web.cli import register as register_web

    register_web(app)  # serve: the web UI and REST API


class Format(StrEnum):
    json = "json"
    jsonl = "jsonl"
    md = "md"


def _fail(message: str, code: int = 2) -> typer.Exit:
    err.print(f"[bold red]error:[/] {message}", highlight=False)
    return typer.Exit(code)


def _pipeline(config: Path | None, gazetteer: list[Path] | None, workers: int = 1):
    from peacewatch.pipeline import Settings
    from peacewatch.scale.workers import analyzer

    settings = Settings.from_file(config) if config else Settings()
    settings.gazetteer += [str(g) for g in gazetteer or []]
    return analyzer(settings, workers)  # the pipeline itself, or a pool of processes each loading it


class _Outputs:
    """Writes each input file's analyses as they stream in: to `--out DIR`, or to stdout."""

    def __init__(self, fmt: Format, out: Path | None, stdout: TextIO) -> None:
        self.fmt, self.out, self.stdout = fmt, out, stdout
        self.current: tuple[str, TextIO] | None = None
        self.pending: list[Analysis] = []  # one input's analyses, until the input is complete
        self.stdout_json: list[dict] = []
        self.index: list[Analysis] = []
        self.links: dict[str, str] = {}

    def add(self, source: str, name: str, analysis: Analysis) -> None:
        if self.out is None:
            self._to_stdout(analysis)
            return
        if self.current is None or self.current[0] != source:
            self._flush()
            self.current = (source, name)  # type: ignore[assignment]
        self.pending.append(analysis)

    def _to_stdout(self, analysis: Analysis) -> None:
        if self.fmt is Format.json:
            self.stdout_json.append(analysis.to_dict())
        elif self.fmt is Format.jsonl:
            self.stdout.write(analysis.to_json(indent=None) + "\n")
        else:
            self.stdout.write(render_document(analysis) + "\n")

    def _flush(self) -> None:
        if self.current is None or not self.pending:
            return
        source, name = self.current
        many = Path(source).suffix.lower() in JSONL_SUFFIXES | FEED_SUFFIXES
        suffix = {Format.md: ".md", Format.jsonl: ".jsonl"}.get(self.fmt, ".jsonl" if many else ".json")
        target = self.out / f"{name}{suffix}"  # type: ignore[operator]
        target.parent.mkdir(parents=True, exist_ok=True)
        if self.fmt is Format.md:
            body = "\n".join(render_document(a, level=1 if len(self.pending) == 1 else 2) for a in self.pending)
            if len(self.pending) > 1:
                body = f"# {Path(source).name}\n\n{body}"
            target.write_text(body, "utf-8")
            self.index += self.pending
            self.links.update({a.document.id: f"{name}{suffix}" for a in self.pending})
        elif suffix == ".json":
            target.write_text(self.pending[0].to_json() + "\n", "utf-8")
        else:
            target.write_text("".join(a.to_json(indent=None) + "\n" for a in self.pending), "utf-8")
        self.pending = []

    def close(self) -> None:
        self._flush()
        if self.out is None and self.fmt is Format.json and self.stdout_json:
            value = self.stdout_json[0] if len(self.stdout_json) == 1 else self.stdout_json
            self.stdout.write(json.dumps(value, indent=2, ensure_ascii=False) + "\n")
        if self.out is not None and self.fmt is Format.md and self.index:
            (self.out / "index.md").write_text(render_index(self.index, self.links), "utf-8")


def _output_name(path: Path, roots: list[Path]) -> str:
    """The input's name under `--out`: its path below the folder it came from, or its file name."""
    for root in roots:
        if root.is_dir():
            try:
                return str(path.relative_to(root))
            except ValueError:
                continue
    return path.name


@app.command()
def analyze(
    paths: Annotated[list[Path], typer.Argument(help="Files or folders: .txt .md .html .jsonl .rss/.atom/.xml")],
    fmt: Annotated[Format, typer.Option("--format", "-f", help="json, jsonl or md (a report)")] = Format.json,
    out: Annotated[Path | None, typer.Option("--out", "-o", help="Write one file per input into DIR")] = None,
    published: Annotated[str | None, typer.Option(help="Publication date (YYYY-MM-DD) for inputs without one")] = None,
    outlet: Annotated[str | None, typer.Option(help="Outlet name for inputs without one")] = None,
    config: Annotated[Path | None, typer.Option(help="YAML settings: model, gazetteer, extractors")] = None,
    gazetteer: Annotated[list[Path] | None, typer.Option(help="Extra gazetteer YAML (repeatable)")] = None,
    max_bytes: Annotated[int, typer.Option(help="Largest single-document file to read")] = Limits.max_file_bytes,
    workers: Annotated[int, typer.Option(help="Processes analyzing in parallel (output order is kept)")] = 1,
) -> None:
    """Analyze documents into the peacewatch/1 JSON contract (or a Markdown report)."""
    default_date = None
    if published is not None:
        default_date = normalize_date(published)
        if default_date is None:
            raise _fail(f"--published {published!r}: not a date (use YYYY-MM-DD)")
    try:
        pipeline = _pipeline(config, gazetteer, workers)
    except PeacewatchError as exc:
        raise _fail(str(exc)) from None

    limits = Limits(max_file_bytes=max_bytes)
    files = list(expand_paths(paths))
    roots = [Path(p) for p in paths]
    failures = 0
    outputs = _Outputs(fmt, out, typer.get_text_stream("stdout"))
    tags: deque[tuple[str, str]] = deque()

    def items() -> Iterator[Document | PeacewatchError]:
        for entry in files:
            if isinstance(entry, PeacewatchError):
                tags.append((entry.source, entry.source))  # type: ignore[attr-defined]
                yield entry
                continue
            name = _output_name(entry, roots)
            for item in read_path(entry, limits):
                if isinstance(item, Document):
                    updates = {k: v for k, v in (("published", default_date), ("outlet", outlet))
                               if v is not None and getattr(item, k) is None}
                    item = item.model_copy(update=updates) if updates else item
                tags.append((str(entry), name))
                yield item
            progress.advance(task)

    with Progress(TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(),
                  console=err, transient=True, disable=len(files) < 2) as progress:
        task = progress.add_task("analyzing", total=len(files))
        for result in pipeline.process(items()):
            source, name = tags.popleft()
            if isinstance(result, PeacewatchError):
                failures += 1
                err.print(f"[bold red]error:[/] {result}", highlight=False, soft_wrap=True)
                continue
            outputs.add(source, name, result)
    outputs.close()
    if failures:
        err.print(f"{failures} input(s) failed; the others were analyzed.", highlight=False)
        raise typer.Exit(1)


@app.command()
def schema() -> None:
    """Print the JSON Schema of the peacewatch/1 contract."""
    typer.echo(json.dumps(json_schema(), indent=2, sort_keys=True))


@app.command()
def version() -> None:
    """Print the peacewatch version."""
    from peacewatch import __version__

    typer.echo(__version__)


def main() -> None:  # pragma: no cover - console entry point
    app()


_register_subcommands()
