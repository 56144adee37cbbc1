"""`Store`: a SQLite file by default, PostgreSQL by URL, the same schema on both."""

from __future__ import annotations

import os
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any, Literal

from sqlalchemy import Connection, Engine, create_engine, event, func, select, text
from sqlalchemy.engine import make_url

from peacewatch.contract import RECORD_FIELDS, Analysis, Document
from peacewatch.store import dedup, schema
from peacewatch.store.clusters import ClaimClusters
from peacewatch.store.migrations import migrate

DEFAULT_URL = "sqlite:///peacewatch.db"
AddResult = Literal["stored", "near-duplicate", "exists"]


def database_url(value: str | os.PathLike[str] | None) -> str:
    """A URL as given, or a file path taken as a SQLite file."""
    if value is None:
        return DEFAULT_URL
    value = str(value)
    for bare in ("postgresql://", "postgres://"):  # the driver we ship is psycopg 3
        if value.startswith(bare):
            return "postgresql+psycopg://" + value[len(bare):]
    return value if "://" in value else f"sqlite:///{value}"


@dataclass(frozen=True)
class SearchHit:
    doc_id: str
    title: str | None
    outlet: str | None
    published: str | None


class Store:
    """The analyses of many documents, queryable. Reuse one per process; `close()` when done."""

    def __init__(self, url: str | os.PathLike[str] | None = None) -> None:
        self.url = database_url(url)
        self.engine: Engine = create_engine(self.url)
        self.dialect = make_url(self.url).get_backend_name()
        self.clusters = ClaimClusters()
        if self.dialect == "sqlite":
            event.listen(self.engine, "connect", _sqlite_pragmas)
        with self.engine.begin() as conn:
            migrate(conn)

    def close(self) -> None:
        self.engine.dispose()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- writing ---------------------------------------------------------------------------------

    def stored_ids(self, ids: Iterable[str]) -> set[str]:
        """Which of these document ids are already stored (to skip them before analysis)."""
        wanted = list(set(ids))
        found: set[str] = set()
        with self.engine.connect() as conn:
            for i in range(0, len(wanted), 500):
                chunk = wanted[i:i + 500]
                found.update(conn.execute(select(schema.documents.c.id).where(
                    schema.documents.c.id.in_(chunk))).scalars())
        return found

    def add_batch(self, analyses: Iterable[Analysis]) -> list[AddResult]:
        """Stores analyses in one transaction: all of the batch is committed, or none of it."""
        try:
            with self.engine.begin() as conn:
                results = [self.add(conn, a) for a in analyses]
        except BaseException:
            self.clusters.rolled_back()
            raise
        self.clusters.committed()
        return results

    def add(self, conn: Connection, analysis: Analysis) -> AddResult:
        doc = analysis.document
        if conn.execute(select(schema.documents.c.id).where(schema.documents.c.id == doc.id)).first():
            return "exists"
        original = self._near_duplicate_of(conn, doc)
        conn.execute(schema.documents.insert().values(
            **doc.model_dump(exclude={"id"}), id=doc.id, ingested_at=datetime.now(UTC), near_duplicate_of=original,
            text_length=len(doc.text), summary=analysis.summary.model_dump(mode="json"), schema=analysis.schema_))
        if self.dialect == "sqlite":  # FTS5 side table; PostgreSQL keeps its tsvector column itself
            conn.execute(text("INSERT INTO documents_fts (doc_id, title, text) VALUES (:id, :title, :text)"),
                         {"id": doc.id, "title": doc.title or "", "text": doc.text})
        for field in RECORD_FIELDS:
            records = getattr(analysis, field)
            if not records:
                continue
            build = schema.ROW_BUILDERS[field]
            conn.execute(schema.RECORD_TABLES[field].insert(), [
                {"doc_id": doc.id, "record_id": r.id, "position": i, "record": r.model_dump(mode="json"), **build(r)}
                for i, r in enumerate(records)])
        self.clusters.assign(conn, doc.id, analysis.claims, analysis.claim_vectors)
        return "near-duplicate" if original else "stored"

    def _near_duplicate_of(self, conn: Connection, doc: Document) -> str | None:
        d = schema.documents.c
        n = len(doc.text)
        query = select(d.id, d.text, d.near_duplicate_of).where(
            d.text_length.between(int(n * (1 - dedup.LENGTH_TOLERANCE)), int(n * (1 + dedup.LENGTH_TOLERANCE))))
        window = dedup.date_window(doc.published)
        if window:
            query = query.where(d.published.between(*window) | d.published.is_(None))
        query = query.order_by(d.published, d.id).limit(500)
        wanted = dedup.normalise(doc.text)
        for other_id, other_text, other_original in conn.execute(query):
            if dedup.fuzz.ratio(wanted, dedup.normalise(other_text), score_cutoff=dedup.THRESHOLD):
                return other_original or other_id  # link to the first copy, not to a copy of it
        return None

    # -- reading ---------------------------------------------------------------------------------

    def counts(self) -> dict[str, int]:
        """Rows per table (documents and every record table)."""
        with self.engine.connect() as conn:
            tables = [schema.documents, *schema.RECORD_TABLES.values()]
            return {t.name: conn.execute(select(func.count()).select_from(t)).scalar_one() for t in tables}

    def search(self, query: str, limit: int = 20) -> list[SearchHit]:
        """Documents matching a full-text query, best first."""
        with self.engine.connect() as conn:
            if self.dialect == "sqlite":
                rows = conn.execute(text(
                    "SELECT d.id, d.title, d.outlet, d.published FROM documents_fts f JOIN documents d "
                    "ON d.id = f.doc_id WHERE documents_fts MATCH :q ORDER BY bm25(documents_fts) LIMIT :n"),
                    {"q": fts5_query(query), "n": limit})
            else:
                rows = conn.execute(text(
                    "SELECT id, title, outlet, published FROM documents, plainto_tsquery('english', :q) q "
                    "WHERE tsv @@ q ORDER BY ts_rank(tsv, q) DESC, id LIMIT :n"), {"q": query, "n": limit})
            return [SearchHit(*row) for row in rows]

    def documents(self) -> list[dict[str, Any]]:
        with self.engine.connect() as conn:
            rows = conn.execute(select(schema.documents).order_by(schema.documents.c.published, schema.documents.c.id))
            return [dict(r._mapping) for r in rows]

    def analyses(self) -> Iterator[Analysis]:
        """Every stored analysis, rebuilt from its records (by date, then id)."""
        d = schema.documents.c
        with self.engine.connect() as conn:
            docs = conn.execute(select(schema.documents).order_by(d.published, d.id)).mappings().all()
            for row in docs:
                document = Document(**{k: row[k] for k in Document.model_fields})
                fields: dict[str, Any] = {}
                for name, table in schema.RECORD_TABLES.items():
                    fields[name] = list(conn.execute(select(table.c.record).where(
                        table.c.doc_id == row["id"]).order_by(table.c.position)).scalars())
                yield Analysis.model_validate({"schema": row["schema"], "document": document.model_dump(),
                                               "summary": row["summary"] or {}, **fields})


def fts5_query(query: str) -> str:
    """Plain words, each quoted, so user input never reaches FTS5's query syntax."""
    words = [w for w in dedup.normalise(query).split() if w]
    return " ".join(f'"{w}"' for w in words) or '""'


def _sqlite_pragmas(dbapi_conn: Any, _record: Any) -> None:
    cursor = dbapi_conn.cursor()
    cursor.execute("PRAGMA busy_timeout = 10000")
    cursor.close()
