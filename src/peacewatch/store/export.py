"""Exports of every stored record type: JSONL, CSV, Parquet, and a GDELT-like event table."""

from __future__ import annotations

import csv
import json
from collections.abc import Iterator
from datetime import datetime
from pathlib import Path
from typing import Any, Literal

from sqlalchemy import Table, select

from peacewatch.store import schema
from peacewatch.store.db import Store

ExportFormat = Literal["jsonl", "csv", "parquet"]

#: Our event types → CAMEO root codes and GDELT's QuadClass (1 verbal/2 material cooperation, 3/4 conflict).
CAMEO: dict[str, tuple[str, int]] = {
    "REQUEST": ("02", 1), "CONSULT": ("04", 1), "SUPPORT": ("05", 1), "AGREE": ("05", 1),
    "COOPERATE": ("06", 2), "AID": ("07", 2), "CONCEDE": ("08", 2), "RETREAT": ("08", 2),
    "ACCUSE": ("11", 3), "REJECT": ("12", 3), "THREATEN": ("13", 3),
    "PROTEST": ("14", 4), "MOBILIZE": ("15", 4), "SANCTION": ("16", 4), "COERCE": ("17", 4), "ASSAULT": ("18", 4),
}
GDELT_COLUMNS = ["GLOBALEVENTID", "SQLDATE", "Actor1Code", "Actor1Name", "Actor2Code", "Actor2Name",
                 "EventCode", "EventRootCode", "QuadClass", "EventType", "EventMode", "ActionGeo_FullName",
                 "NumSources", "DATEADDED", "SOURCEURL", "DocumentId", "Evidence"]


def _plain(value: Any) -> Any:
    return value.isoformat() if isinstance(value, datetime) else value


def table_rows(store: Store, table: Table) -> Iterator[dict[str, Any]]:
    key = [table.c.id] if "id" in table.c else [table.c.doc_id, table.c.position]
    with store.engine.connect() as conn:
        for row in conn.execute(select(table).order_by(*key)):
            yield {k: _plain(v) for k, v in row._mapping.items() if k != "tsv"}


def export(store: Store, fmt: ExportFormat, out: str | Path) -> list[Path]:
    """One file per table (documents and each record type) in `out`; returns the paths written."""
    out = Path(out)
    out.mkdir(parents=True, exist_ok=True)
    written = []
    for table in [schema.documents, *schema.RECORD_TABLES.values()]:
        path = out / f"{table.name}.{fmt}"
        rows = table_rows(store, table)
        columns = [c.name for c in table.columns]
        if fmt == "jsonl":
            with path.open("w", encoding="utf-8") as f:
                for row in rows:
                    f.write(json.dumps(row, ensure_ascii=False) + "\n")
        elif fmt == "csv":
            with path.open("w", encoding="utf-8", newline="") as f:
                writer = csv.DictWriter(f, fieldnames=columns)
                writer.writeheader()
                for row in rows:
                    writer.writerow(_flat(row))
        elif fmt == "parquet":
            import pyarrow as pa
            import pyarrow.parquet as pq

            flat = [_flat(r) for r in rows]
            data = pa.Table.from_pylist(flat) if flat else pa.table({c: pa.array([], pa.string()) for c in columns})
            pq.write_table(data, path)
        else:
            raise ValueError(f"unknown export format {fmt!r}")
        written.append(path)
    return written


def _flat(row: dict[str, Any]) -> dict[str, Any]:
    """Nested JSON (the full record, the summary) as a JSON string, so every column is a scalar."""
    return {k: json.dumps(v, ensure_ascii=False) if isinstance(v, dict | list) else v for k, v in row.items()}


def export_gdelt_events(store: Store, path: str | Path) -> Path:
    """Events as a GDELT-like table: one row per event, CAMEO root codes, the source document and evidence."""
    e, d = schema.events.c, schema.documents.c
    query = (select(schema.events, d.published, d.url, d.ingested_at, d.near_duplicate_of)
             .join(schema.documents, d.id == e.doc_id).order_by(d.published, e.doc_id, e.position))
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    with store.engine.connect() as conn, path.open("w", encoding="utf-8", newline="") as f:
        writer = csv.writer(f)
        writer.writerow(GDELT_COLUMNS)
        names = dict(conn.execute(select(schema.actors.c.record_id, schema.actors.c.name).distinct()).all())
        for row in conn.execute(query).mappings():
            code, quad = CAMEO.get(row["type"], ("", 0))
            day = (row["date"] or row["published"] or "").replace("-", "")
            writer.writerow([
                f"{row['doc_id']}:{row['record_id']}", day, row["source_actor"] or "",
                names.get(row["source_actor"], row["source_actor"] or ""), row["target_actor"] or "",
                names.get(row["target_actor"], row["target_actor"] or ""), code, code, quad, row["type"],
                row["mode"] or "", row["place"] or "", 1, row["ingested_at"].strftime("%Y%m%d%H%M%S"),
                row["url"] or "", row["doc_id"], row["span_text"] or ""])
    return path
