"""`peacewatch serve`: the web UI and REST API over a store, registered onto the main app."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console

err = Console(stderr=True)


def serve(
    db: Annotated[str, typer.Option("--db", help="SQLite file or URL (postgresql+psycopg://…)")] = "peacewatch.db",
    host: Annotated[str, typer.Option(help="Address to listen on (127.0.0.1: this machine only)")] = "127.0.0.1",
    port: Annotated[int, typer.Option(help="Port to listen on")] = 8000,
    config: Annotated[Path | None, typer.Option(help="YAML settings for analysing uploads")] = None,
) -> None:
    """Browse the record in a web browser, and query it over the REST API (/api/v1, /openapi.json).

    Writes through the API (upload, delete) need the token in env PEACEWATCH_TOKEN; without it they are refused.
    """
    import uvicorn

    from peacewatch.web.app import create_app

    try:
        app = create_app(db, config=config)
    except Exception as exc:  # a bad URL or an unreachable server: one line, not a traceback
        err.print(f"[bold red]error:[/] cannot open the store {db!r}: {exc}", highlight=False, soft_wrap=True)
        raise typer.Exit(2) from None
    err.print(f"peacewatch: serving {db} on http://{host}:{port}/ (API: http://{host}:{port}/api/v1)",
              highlight=False, soft_wrap=True)
    uvicorn.run(app, host=host, port=port, log_level="warning")


def register(app: typer.Typer) -> None:
    app.command("serve")(serve)
