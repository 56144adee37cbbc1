"""`peacewatch ingest | query | export | report`: the store's commands, registered onto the main app."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from datetime import date
from enum import StrEnum
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.console import Console
from rich.table import Table

from peacewatch.contract import Document
from peacewatch.errors import PeacewatchError
from peacewatch.store import views
from peacewatch.store.db import Store

err = Console(stderr=True)
DbOption = Annotated[str, typer.Option("--db", help="SQLite file or URL (postgresql+psycopg://…)")]


class View(StrEnum):
    timeline = "timeline"
    stances = "stances"
    shifts = "shifts"
    guarantees = "guarantees"
    ceasefires = "ceasefires"
    deadlines = "deadlines"
    claims = "claims"
    contradictions = "contradictions"
    search = "search"


class Engine(StrEnum):
    local = "local"
    ray = "ray"


class OutFormat(StrEnum):
    table = "table"
    json = "json"


class ExportFormat(StrEnum):
    jsonl = "jsonl"
    csv = "csv"
    parquet = "parquet"


class ReportFormat(StrEnum):
    md = "md"
    html = "html"


def _open(db: str) -> Store:
    try:
        return Store(db)
    except Exception as exc:  # a bad URL or an unreachable server: one line, not a traceback
        err.print(f"[bold red]error:[/] cannot open the store {db!r}: {exc}", highlight=False, soft_wrap=True)
        raise typer.Exit(2) from None


def _check_date(value: str | None, option: str) -> str | None:
    if value is None:
        return None
    try:
        return date.fromisoformat(value).isoformat()
    except ValueError:
        err.print(f"[bold red]error:[/] {option} {value!r}: not a date (use YYYY-MM-DD)", highlight=False)
        raise typer.Exit(2) from None


def ingest(
    paths: Annotated[list[Path], typer.Argument(help="Files, folders or feeds to analyze and store")],
    db: DbOption = "peacewatch.db",
    config: Annotated[Path | None, typer.Option(help="YAML settings: model, gazetteer, extractors")] = None,
    batch_size: Annotated[int, typer.Option(help="Documents committed per transaction")] = 16,
    workers: Annotated[int, typer.Option(help="Processes (or Ray actors) analyzing in parallel")] = 1,
    engine: Annotated[Engine, typer.Option(help="local processes, or a Ray cluster")] = Engine.local,
    address: Annotated[str | None, typer.Option(help="Ray address: auto, ray://host:10001 (default: local)")] = None,
) -> None:
    """Analyze documents and store them; already-stored texts are skipped, near-copies linked."""
    from peacewatch.ingest import expand_paths, read_path
    from peacewatch.store.ingest import ingest_documents

    if engine is Engine.ray:
        from peacewatch.scale.ray_engine import check_store

        try:
            check_store(address, db)
        except PeacewatchError as exc:
            err.print(f"[bold red]error:[/] {exc}", highlight=False, soft_wrap=True)
            raise typer.Exit(2) from None

    def pipeline():
        from peacewatch.pipeline import Settings

        try:
            settings = Settings.from_file(config) if config else Settings()
            if engine is Engine.ray:
                from peacewatch.scale.ray_engine import RayPipeline

                return RayPipeline(settings, workers=workers, address=address)
            from peacewatch.scale.workers import analyzer

            return analyzer(settings, workers)
        except PeacewatchError as exc:
            err.print(f"[bold red]error:[/] {exc}", highlight=False, soft_wrap=True)
            raise typer.Exit(2) from None

    def items() -> Iterator[Document | PeacewatchError]:
        for entry in expand_paths(paths):
            if isinstance(entry, PeacewatchError):
                yield entry
            else:
                yield from read_path(entry)

    def report_error(error: PeacewatchError) -> None:
        err.print(f"[bold red]error:[/] {error}", highlight=False, soft_wrap=True)

    with _open(db) as store:
        try:
            report = ingest_documents(store, items(), pipeline, max(1, batch_size), on_error=report_error)
        except PeacewatchError as exc:  # the whole run's problem (a model missing in a worker, Ray absent)
            err.print(f"[bold red]error:[/] {exc}", highlight=False, soft_wrap=True)
            raise typer.Exit(2) from None
    err.print(f"stored {report.stored}, near-duplicates linked {report.near_duplicates}, "
              f"already stored {report.skipped}, failed {len(report.errors)}", highlight=False)
    if report.errors:
        raise typer.Exit(1)


def _ev(ev: dict[str, Any] | None, width: int = 70) -> str:
    if not ev:
        return ""
    text = " ".join((ev.get("text") or "").split())
    return f"{ev['doc_id']}: “{text[:width]}{'…' if len(text) > width else ''}”"


#: How each view's rows print as a table: column → value.
TABLES: dict[View, Callable[[dict[str, Any]], dict[str, str]]] = {
    View.timeline: lambda r: {"date": r["date"], "kind": r["kind"], "what": r["what"], "outlet": r["outlet"],
                              "evidence": _ev(r["evidence"])},
    View.stances: lambda r: {"actor": r["actor"], "topic": r["topic"], "latest": r["latest"],
                             "history": " → ".join(h["polarity"] for h in r["history"]),
                             "shifts": str(len(r["shifts"]))},
    View.shifts: lambda r: {"actor": r["actor"], "topic": r["topic"], "shift": f"{r['from']} → {r['to']}",
                            "date": r["date"], "before": _ev(r["before"], 40), "after": _ev(r["after"], 40)},
    View.guarantees: lambda r: {"guarantor": r["actor"], "topic": r["topic"], "latest": r["latest"],
                                "history": " → ".join(f"{h['modality']} ({h['date']})" for h in r["history"])},
    View.ceasefires: lambda r: {"start": r["start"], "end": r["end"] or "", "parties": ", ".join(r["parties"]),
                                "violations": str(len(r["violations"])), "declared": _ev(r["declared"], 50)},
    View.deadlines: lambda r: {"due": r["due"], "actor": r["actor"] or "", "status": r["status"],
                               "set": _ev(r["set"], 40), "verdict": _ev(r["verdict"], 40)},
    View.claims: lambda r: {"claim": r["claim"][:70], "documents": str(len(r["documents"])),
                            "independent outlets": str(r["corroboration"]),
                            "contradictions": str(len(r["contradictions"]))},
    View.contradictions: lambda r: {"reason": r["reason"], "a": _ev(r["a"], 50), "b": _ev(r["b"], 50)},
    View.search: lambda r: {"doc_id": r["doc_id"], "published": r["published"] or "", "outlet": r["outlet"] or "",
                            "title": r["title"] or ""},
}


def run_view(store: Store, view: View, actor: str | None = None, topic: str | None = None,
             as_of: str | None = None, text: str | None = None) -> list[dict[str, Any]]:
    if view is View.timeline:
        if not actor:
            raise ValueError("the timeline needs --actor")
        return views.actor_timeline(store, actor)
    if view is View.search:
        if not text:
            raise ValueError("search needs --text")
        return [hit.__dict__ for hit in store.search(text)]
    calls: dict[View, Callable[[], list[dict[str, Any]]]] = {
        View.stances: lambda: views.stance_matrix(store, actor=actor, topic=topic),
        View.shifts: lambda: views.stance_shifts(store, actor=actor, topic=topic),
        View.guarantees: lambda: views.guarantee_ledger(store, actor=actor, topic=topic),
        View.ceasefires: lambda: views.ceasefire_monitor(store, as_of=as_of),
        View.deadlines: lambda: views.deadlines_ledger(store, as_of=as_of),
        View.claims: lambda: views.claim_clusters(store),
        View.contradictions: lambda: views.contradictions(store),
    }
    return calls[view]()


def query(
    view: Annotated[View, typer.Argument(help="Which view")],
    db: DbOption = "peacewatch.db",
    actor: Annotated[str | None, typer.Option(help="Actor id or name")] = None,
    topic: Annotated[str | None, typer.Option(help="Topic")] = None,
    as_of: Annotated[str | None, typer.Option("--as-of", help="Date the status is judged at (YYYY-MM-DD)")] = None,
    text: Annotated[str | None, typer.Option(help="Words to search for (the search view)")] = None,
    fmt: Annotated[OutFormat, typer.Option("--format", "-f")] = OutFormat.table,
) -> None:
    """Cross-document views: timeline, stances, shifts, guarantees, ceasefires, deadlines, claims, search."""
    as_of = _check_date(as_of, "--as-of")
    with _open(db) as store:
        try:
            rows = run_view(store, view, actor, topic, as_of, text)
        except ValueError as exc:
            err.print(f"[bold red]error:[/] {exc}", highlight=False)
            raise typer.Exit(2) from None
    if fmt is OutFormat.json:
        typer.echo(json.dumps(rows, indent=2, ensure_ascii=False))
        return
    if not rows:
        typer.echo(f"{view.value}: nothing stored")
        return
    table = Table(title=f"{view.value} ({len(rows)})")
    flat = [TABLES[view](r) for r in rows]
    for column in flat[0]:
        table.add_column(column, overflow="fold")
    for r in flat:
        table.add_row(*[str(v) if v is not None else "" for v in r.values()])
    Console(width=200).print(table)


def export(
    db: DbOption = "peacewatch.db",
    fmt: Annotated[ExportFormat, typer.Option("--format", "-f")] = ExportFormat.jsonl,
    out: Annotated[Path, typer.Option("--out", "-o", help="Folder to write into")] = Path("export"),
) -> None:
    """Export every record type (one file per table) and a GDELT-like events.gdelt.csv."""
    from peacewatch.store.export import export as run_export
    from peacewatch.store.export import export_gdelt_events

    with _open(db) as store:
        paths = run_export(store, fmt.value, out)
        paths.append(export_gdelt_events(store, out / "events.gdelt.csv"))
    for path in paths:
        typer.echo(str(path))


def report(
    since: Annotated[str, typer.Option(help="First day (YYYY-MM-DD)")],
    until: Annotated[str, typer.Option(help="Last day (YYYY-MM-DD)")],
    db: DbOption = "peacewatch.db",
    actor: Annotated[str | None, typer.Option(help="Only this actor (id or name)")] = None,
    topic: Annotated[str | None, typer.Option(help="Only this topic")] = None,
    fmt: Annotated[ReportFormat, typer.Option("--format", "-f")] = ReportFormat.md,
    out: Annotated[Path | None, typer.Option("--out", "-o", help="Write to this file instead of stdout")] = None,
) -> None:
    """A briefing of what changed between --since and --until, every line with its evidence."""
    from peacewatch.store.report import build_briefing, render_html, render_markdown

    since_day, until_day = _check_date(since, "--since"), _check_date(until, "--until")
    with _open(db) as store:
        brief = build_briefing(store, since_day, until_day, actor, topic)  # type: ignore[arg-type]
    body = render_html(brief) if fmt is ReportFormat.html else render_markdown(brief)
    if out:
        out.write_text(body, "utf-8")
    else:
        typer.echo(body)


def register(app: typer.Typer) -> None:
    """Adds the store's commands to the `peacewatch` app."""
    for command in (ingest, query, export, report):
        app.command(command.__name__)(command)
