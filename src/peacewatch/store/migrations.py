"""Numbered schema migrations, applied in order; `schema_version` records which have run.

To change the schema, append a function to `MIGRATIONS` — never edit one that has shipped.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime

from sqlalchemy import Connection, inspect, select, text

from peacewatch.store import schema

Migration = Callable[[Connection], None]


def _v1_tables(conn: Connection) -> None:
    schema.metadata.create_all(conn, tables=[t for t in schema.metadata.sorted_tables if t.name != "schema_version"])


def _v2_full_text(conn: Connection) -> None:
    """Full-text search: FTS5 on SQLite (a side table kept in step by the store), tsvector + GIN on PostgreSQL."""
    if conn.dialect.name == "sqlite":
        conn.execute(text("CREATE VIRTUAL TABLE documents_fts USING fts5(doc_id UNINDEXED, title, text, "
                          "tokenize='porter unicode61')"))
        conn.execute(text("INSERT INTO documents_fts (doc_id, title, text) "
                          "SELECT id, coalesce(title, ''), text FROM documents"))
    elif conn.dialect.name == "postgresql":
        conn.execute(text("ALTER TABLE documents ADD COLUMN tsv tsvector GENERATED ALWAYS AS "
                          "(to_tsvector('english', coalesce(title, '') || ' ' || text)) STORED"))
        conn.execute(text("CREATE INDEX ix_documents_tsv ON documents USING GIN (tsv)"))


def _v3_claim_clusters(conn: Connection) -> None:
    """Claims clustered by sentence vectors: the table, and the claims already stored assigned to clusters."""
    from peacewatch.contract import Claim
    from peacewatch.store.clusters import ClaimClusters

    schema.claim_groups.create(conn, checkfirst=True)
    c = schema.claims.c
    grouped = select(schema.claim_groups.c.doc_id)
    rows = conn.execute(select(c.doc_id, c.record).where(c.doc_id.not_in(grouped))
                        .order_by(c.doc_id, c.position)).all()
    clusters = ClaimClusters()
    by_doc: dict[str, list[Claim]] = {}
    for doc_id, record in rows:
        by_doc.setdefault(doc_id, []).append(Claim.model_validate(record))
    for doc_id, claims in by_doc.items():
        clusters.assign(conn, doc_id, claims)


#: (version, name, function), in order.
MIGRATIONS: list[tuple[int, str, Migration]] = [
    (1, "tables", _v1_tables),
    (2, "full-text search", _v2_full_text),
    (3, "claim clusters", _v3_claim_clusters),
]
LATEST = MIGRATIONS[-1][0]


def current_version(conn: Connection) -> int:
    if not inspect(conn).has_table("schema_version"):
        return 0
    return conn.execute(select(schema.schema_version.c.version).order_by(
        schema.schema_version.c.version.desc()).limit(1)).scalar() or 0


def migrate(conn: Connection) -> list[int]:
    """Applies the migrations this database lacks; returns their numbers."""
    schema.schema_version.create(conn, checkfirst=True)
    done = current_version(conn)
    applied = []
    for version, name, step in MIGRATIONS:
        if version <= done:
            continue
        step(conn)
        conn.execute(schema.schema_version.insert().values(version=version, name=name, applied_at=datetime.now(UTC)))
        applied.append(version)
    return applied
