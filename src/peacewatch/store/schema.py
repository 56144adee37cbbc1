"""The store's tables (SQLAlchemy Core): one for documents, one per record type of the contract.

Every record table keeps the typed columns that queries filter on, the evidence span, and the full
record as JSON, so a stored analysis can be rebuilt exactly (`Store.analyses`).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from sqlalchemy import (
    JSON,
    Boolean,
    Column,
    DateTime,
    Float,
    Index,
    Integer,
    LargeBinary,
    MetaData,
    String,
    Table,
    Text,
)

from peacewatch.contract import Record

metadata = MetaData()

documents = Table(
    "documents", metadata,
    Column("id", String(64), primary_key=True, comment="content hash (Document.id)"),
    Column("source_id", Text),
    Column("title", Text),
    Column("outlet", Text),
    Column("url", Text),
    Column("published", String(10), index=True),
    Column("genre", Text),
    Column("language", String(16)),
    Column("text", Text, nullable=False),
    Column("ingested_at", DateTime(timezone=True), nullable=False),
    Column("near_duplicate_of", String(64), index=True),
    Column("text_length", Integer, nullable=False),
    Column("summary", JSON),
    Column("schema", String(32)),
)

schema_version = Table(
    "schema_version", metadata,
    Column("version", Integer, primary_key=True),
    Column("name", Text, nullable=False),
    Column("applied_at", DateTime(timezone=True), nullable=False),
)


def _record_table(name: str, *columns: Column) -> Table:
    table = Table(
        name, metadata,
        Column("doc_id", String(64), primary_key=True),
        Column("record_id", String(128), primary_key=True),
        Column("position", Integer, nullable=False),  # order within the document, to rebuild it exactly
        *columns,
        Column("span_start", Integer),
        Column("span_end", Integer),
        Column("span_text", Text),
        Column("record", JSON, nullable=False),
    )
    return table


actors = _record_table(
    "actors", Column("name", Text, index=True), Column("kind", String(16)), Column("affiliation", Text),
    Column("in_gazetteer", Boolean), Column("n_mentions", Integer))
times = _record_table(
    "times", Column("value", String(10)), Column("granularity", String(8)), Column("start", String(10)),
    Column("end", String(10)))
attributions = _record_table(
    "attributions", Column("kind", String(8)), Column("source_actor", Text, index=True), Column("anonymous", Boolean))
claims = _record_table(
    "claims", Column("checkworthy", Float), Column("attribution", Text), Column("hedged", Boolean),
    Column("sourcing", String(10)))
stances = _record_table(
    "stances", Column("actor", Text, index=True), Column("topic", Text, index=True), Column("polarity", String(12)),
    Column("strength", Float))
commitments = _record_table(
    "commitments", Column("actor", Text, index=True), Column("action", Text), Column("topic", Text, index=True),
    Column("modality", String(12)))
events = _record_table(
    "events", Column("type", String(10), index=True), Column("mode", Text), Column("source_actor", Text, index=True),
    Column("target_actor", Text, index=True), Column("date", String(10)), Column("place", Text))
deadlines = _record_table(
    "deadlines", Column("actor", Text, index=True), Column("due", String(10), index=True), Column("hedged", Boolean))
techniques = _record_table(
    "techniques", Column("technique", Text, index=True), Column("score", Float))

Index("ix_documents_outlet", documents.c.outlet)

#: Each stored claim's MiniLM vector (float16) and its cluster of near-identical claims across documents,
#: assigned at ingest against the clusters' first members ("leaders"), so the claims view is a grouping.
claim_groups = Table(
    "claim_groups", metadata,
    Column("doc_id", String(64), primary_key=True),
    Column("record_id", String(128), primary_key=True),
    Column("cluster", Integer, nullable=False, index=True),
    Column("leader", Boolean, nullable=False),
    Column("vector", LargeBinary, nullable=False),
)

#: Record field of `Analysis` → its table (the same names, in contract order).
RECORD_TABLES: dict[str, Table] = {
    t.name: t for t in (actors, times, attributions, claims, stances, commitments, events, deadlines, techniques)
}


def _span(record: Record, name: str) -> dict[str, Any]:
    span = getattr(record, name)
    return {"span_start": span.start, "span_end": span.end, "span_text": span.text}


def _actor_row(r: Any) -> dict[str, Any]:
    first = r.mentions[0] if r.mentions else None
    return {"name": r.name, "kind": r.kind, "affiliation": r.affiliation, "in_gazetteer": r.in_gazetteer,
            "n_mentions": len(r.mentions), "span_start": first.start if first else None,
            "span_end": first.end if first else None, "span_text": first.text if first else None}


#: How one record becomes its typed columns; the evidence span is the one a reader checks first.
ROW_BUILDERS: dict[str, Callable[[Any], dict[str, Any]]] = {
    "actors": _actor_row,
    "times": lambda r: {"value": r.value, "granularity": r.granularity, "start": r.start, "end": r.end,
                        **_span(r, "span")},
    "attributions": lambda r: {"kind": r.kind, "source_actor": r.source_actor, "anonymous": r.anonymous,
                               **_span(r, "content")},
    "claims": lambda r: {"checkworthy": r.checkworthy, "attribution": r.attribution, "hedged": r.hedged,
                         "sourcing": r.sourcing, **_span(r, "span")},
    "stances": lambda r: {"actor": r.actor, "topic": r.topic, "polarity": r.polarity, "strength": r.strength,
                          **_span(r, "evidence")},
    "commitments": lambda r: {"actor": r.actor, "action": r.action, "topic": r.topic, "modality": r.modality,
                              **_span(r, "evidence")},
    "events": lambda r: {"type": r.type, "mode": r.mode, "source_actor": r.source_actor,
                         "target_actor": r.target_actor, "date": r.date, "place": r.place, **_span(r, "evidence")},
    "deadlines": lambda r: {"actor": r.actor, "due": r.due, "hedged": r.hedged, **_span(r, "content")},
    "techniques": lambda r: {"technique": r.technique, "score": r.score, **_span(r, "span")},
}
