"""Paged reads for the web: one page of rows and the total per call, never a whole table.

The store's views build whole cross-document findings; the UI and the API need filtered, counted
pages, so these are written against the store's tables directly (SQLAlchemy Core, SQLite and PostgreSQL).
"""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass
from datetime import date
from typing import Any, Literal, get_args

from sqlalchemy import (
    ColumnElement,
    Connection,
    and_,
    delete,
    exists,
    false,
    func,
    literal_column,
    or_,
    select,
    text,
    update,
)

from peacewatch.contract import Analysis, Document
from peacewatch.store import schema
from peacewatch.store.db import Store, fts5_query

Row = dict[str, Any]
d = schema.documents.c

#: Record types a reader filters and highlights (times are shown through deadlines).
RecordKind = Literal["attributions", "claims", "stances", "commitments", "events", "deadlines", "techniques"]
RECORD_KINDS: tuple[str, ...] = get_args(RecordKind)
#: The column(s) naming the actor of each record type.
ACTOR_COLUMNS: dict[str, tuple[str, ...]] = {
    "attributions": ("source_actor",), "stances": ("actor",), "commitments": ("actor",),
    "events": ("source_actor", "target_actor"), "deadlines": ("actor",),
}
TOPIC_KINDS = ("stances", "commitments")


@dataclass
class Filters:
    """What a reader narrows a list by; unset fields do not filter."""

    actor_ids: set[str] | None = None
    topic: str | None = None
    doc: str | None = None
    since: str | None = None
    until: str | None = None
    outlet: str | None = None
    kind: str | None = None  # a record type the document must have (with the actor/topic filters)
    q: str | None = None  # full-text words


def actor_ids(conn: Connection, actor: str) -> set[str]:
    """Canonical ids an actor id or name stands for (the id as given is kept, so unknown names match nothing)."""
    a = schema.actors.c
    found = set(conn.execute(select(a.record_id).where(
        or_(a.record_id == actor, func.lower(a.name) == actor.casefold())).distinct()).scalars())
    return found | {actor}


def actor_names(conn: Connection, ids: set[str]) -> dict[str, str]:
    """Display names of these actor ids (ids without a stored actor map to themselves)."""
    a = schema.actors.c
    wanted = [i for i in ids if i]
    names: dict[str, str] = {}
    for i in range(0, len(wanted), 500):
        chunk = wanted[i:i + 500]
        names.update(conn.execute(select(a.record_id, func.min(a.name)).where(a.record_id.in_(chunk))
                                  .group_by(a.record_id)).all())
    return {i: names.get(i, i) for i in wanted}


# -- records ---------------------------------------------------------------------------------------

def _record_where(kind: str, f: Filters) -> list[ColumnElement[bool]]:
    table = schema.RECORD_TABLES[kind]
    where: list[ColumnElement[bool]] = []
    if f.actor_ids is not None:
        columns = ACTOR_COLUMNS.get(kind)
        if kind == "claims":  # a claim's actor is the speaker of its attribution
            at = schema.attributions.c
            where.append(exists().where(at.doc_id == table.c.doc_id, at.record_id == table.c.attribution,
                                        at.source_actor.in_(f.actor_ids)))
        elif columns:
            where.append(or_(*[table.c[c].in_(f.actor_ids) for c in columns]))
        else:
            where.append(false())  # techniques have no actor
    if f.topic is not None:
        where.append(table.c.topic == f.topic if kind in TOPIC_KINDS else false())
    if f.doc is not None:
        where.append(table.c.doc_id == f.doc)
    when = func.coalesce(table.c.date, d.published) if kind == "events" else d.published
    if f.since:
        where.append(when >= f.since)
    if f.until:
        where.append(when <= f.until)
    if f.outlet is not None:
        where.append(d.outlet == f.outlet)
    return where


def record_page(conn: Connection, kind: str, f: Filters, limit: int, offset: int,
                extra: list[ColumnElement[bool]] | None = None, **equals: Any) -> tuple[int, list[Row]]:
    """One page of a record type (oldest first) with its document's date and outlet, and the total.

    `equals` filters typed columns by value (None: no filter); `extra` adds other conditions."""
    table = schema.RECORD_TABLES[kind]
    where = _record_where(kind, f) + [table.c[k] == v for k, v in equals.items() if v is not None] + (extra or [])
    joined = table.join(schema.documents, d.id == table.c.doc_id)
    total = conn.execute(select(func.count()).select_from(joined).where(*where)).scalar_one()
    rows = conn.execute(select(table.c.doc_id, table.c.record, d.published, d.outlet, d.title).select_from(joined)
                        .where(*where).order_by(d.published, table.c.doc_id, table.c.position)
                        .limit(limit).offset(offset)).mappings().all()
    return total, [dict(r) for r in rows]


# -- documents -------------------------------------------------------------------------------------

def document_page(store: Store, conn: Connection, f: Filters, limit: int, offset: int) -> tuple[int, list[Row]]:
    """Documents matching the filters (best match first with words, else newest first), without their text."""
    source: Any = schema.documents
    where: list[Any] = []
    order: list[Any] = [d.published.desc(), d.id]
    if f.q and f.q.strip():
        if store.dialect == "sqlite":  # joined, not correlated: FTS5 answers the MATCH once
            matched = (select(literal_column("doc_id").label("doc_id"), literal_column("rank").label("rank"))
                       .select_from(text("documents_fts"))
                       .where(text("documents_fts MATCH :fts_q").bindparams(fts_q=fts5_query(f.q)))).subquery()
            source = source.join(matched, matched.c.doc_id == d.id)
            order = [matched.c.rank, *order]
        else:
            tsv, query = literal_column("documents.tsv"), func.plainto_tsquery("english", f.q)
            where.append(tsv.op("@@")(query))
            order = [func.ts_rank(tsv, query).desc(), *order]
    if f.since:
        where.append(d.published >= f.since)
    if f.until:
        where.append(d.published <= f.until)
    if f.outlet:
        where.append(d.outlet == f.outlet)
    if f.doc:
        where.append(d.id == f.doc)
    if f.kind or f.actor_ids is not None or f.topic:
        kinds = [f.kind] if f.kind else [
            k for k in RECORD_KINDS if (f.actor_ids is None or k in ACTOR_COLUMNS or k == "claims")
            and (f.topic is None or k in TOPIC_KINDS)]
        inner = Filters(actor_ids=f.actor_ids, topic=f.topic)
        # IN (subquery), not EXISTS: the records are selected once, not looked up per document
        where.append(or_(false(), *[d.id.in_(select(schema.RECORD_TABLES[k].c.doc_id).where(*_record_where(k, inner)))
                                    for k in kinds]))
    total = conn.execute(select(func.count()).select_from(source).where(*where)).scalar_one()
    columns = [c for c in schema.documents.c if c.name not in {"text"}]
    rows = conn.execute(select(*columns).select_from(source).where(*where).order_by(*order)
                        .limit(limit).offset(offset)).mappings()
    return total, [dict(r) for r in rows]


def document_row(conn: Connection, doc_id: str) -> Row | None:
    row = conn.execute(select(schema.documents).where(d.id == doc_id)).mappings().first()
    return dict(row) if row else None


def analysis(conn: Connection, doc_id: str) -> Analysis | None:
    """One stored document's analysis, rebuilt from its records."""
    row = document_row(conn, doc_id)
    if row is None:
        return None
    fields = {name: list(conn.execute(select(t.c.record).where(t.c.doc_id == doc_id).order_by(t.c.position))
                         .scalars()) for name, t in schema.RECORD_TABLES.items()}
    document = Document(**{k: row[k] for k in Document.model_fields})
    return Analysis.model_validate({"schema": row["schema"], "document": document.model_dump(),
                                    "summary": row["summary"] or {}, **fields})


def delete_document(store: Store, doc_id: str) -> bool:
    """Removes a document and every record of it; copies that pointed to it become originals."""
    with store.engine.begin() as conn:
        if conn.execute(select(d.id).where(d.id == doc_id)).first() is None:
            return False
        for table in (*schema.RECORD_TABLES.values(), schema.claim_groups):
            conn.execute(delete(table).where(table.c.doc_id == doc_id))
        if store.dialect == "sqlite":
            conn.execute(text("DELETE FROM documents_fts WHERE doc_id = :id"), {"id": doc_id})
        conn.execute(update(schema.documents).where(d.near_duplicate_of == doc_id).values(near_duplicate_of=None))
        conn.execute(delete(schema.documents).where(d.id == doc_id))
    store.clusters = type(store.clusters)()  # its cached leaders may include the deleted claims
    return True


def outlets(conn: Connection) -> list[str]:
    return list(conn.execute(select(d.outlet).where(d.outlet.is_not(None)).distinct().order_by(d.outlet)).scalars())


def topics(conn: Connection) -> list[str]:
    s = schema.stances.c
    c = schema.commitments.c
    found = set(conn.execute(select(s.topic).distinct()).scalars()) | set(
        conn.execute(select(c.topic).distinct()).scalars())
    return sorted(t for t in found if t)


# -- actors ----------------------------------------------------------------------------------------

def actor_page(conn: Connection, name: str | None, doc: str | None, kind: str | None, limit: int,
               offset: int) -> tuple[int, list[Row]]:
    """Canonical actors with how many documents mention them, most-mentioned first."""
    a = schema.actors.c
    where: list[Any] = []
    if name:
        where.append(func.lower(a.name).contains(name.casefold(), autoescape=True))
    if doc:
        where.append(a.doc_id == doc)
    if kind:
        where.append(a.kind == kind)
    grouped = (select(a.record_id.label("id"), func.min(a.name).label("name"), func.min(a.kind).label("kind"),
                      func.max(a.affiliation).label("affiliation"), func.count().label("documents"),
                      func.sum(a.n_mentions).label("mentions"))
               .where(*where).group_by(a.record_id))
    total = conn.execute(select(func.count()).select_from(grouped.subquery())).scalar_one()
    rows = conn.execute(grouped.order_by(func.count().desc(), a.record_id).limit(limit).offset(offset)).mappings()
    return total, [dict(r, mentions=int(r["mentions"] or 0)) for r in rows]


def actor_profile(conn: Connection, actor_id: str) -> Row | None:
    a = schema.actors.c
    row = conn.execute(select(func.min(a.name).label("name"), func.min(a.kind).label("kind"),
                              func.max(a.affiliation).label("affiliation"), func.count().label("documents"),
                              func.sum(a.n_mentions).label("mentions"))
                       .where(a.record_id == actor_id)).mappings().first()
    if row is None or not row["documents"]:
        return None
    aliases: Counter[str] = Counter()
    for record in conn.execute(select(a.record).where(a.record_id == actor_id).limit(200)).scalars():
        aliases.update(record.get("aliases") or [])
    members = list(conn.execute(select(a.record_id).where(a.affiliation == actor_id).distinct()
                                .order_by(a.record_id).limit(50)).scalars())
    return {"id": actor_id, **dict(row), "mentions": int(row["mentions"] or 0),
            "aliases": [x for x, _ in aliases.most_common(20)], "members": members}


def stance_history(conn: Connection, actor_id: str) -> dict[str, list[Row]]:
    """Per topic, the actor's stances in date order (date, polarity, strength, document)."""
    s = schema.stances.c
    rows = conn.execute(select(s.topic, s.polarity, s.strength, s.doc_id, s.record_id, s.span_text, d.published)
                        .join(schema.documents, d.id == s.doc_id).where(s.actor == actor_id)
                        .order_by(s.topic, d.published, s.doc_id, s.position).limit(5000)).mappings()
    history: dict[str, list[Row]] = defaultdict(list)
    for r in rows:
        history[r["topic"]].append(dict(r))
    return dict(history)


# -- aggregates for the topics page, outlets and charts --------------------------------------------

def stance_cells(conn: Connection, actor_limit: int, actor_offset: int, topic: str | None = None
                 ) -> tuple[int, list[str], list[str], dict[tuple[str, str], Row]]:
    """The stance matrix, a page of actors at a time: latest polarity per (actor, topic) and whether it moved."""
    s = schema.stances.c
    where = [s.topic == topic] if topic else []
    actor_rank = (select(s.actor).where(*where).group_by(s.actor)
                  .order_by(func.count().desc(), s.actor))
    total = conn.execute(select(func.count()).select_from(actor_rank.subquery())).scalar_one()
    actors = list(conn.execute(actor_rank.limit(actor_limit).offset(actor_offset)).scalars())
    ranked = (select(s.actor, s.topic, s.polarity, d.published,
                     func.row_number().over(partition_by=(s.actor, s.topic),
                                            order_by=(d.published.desc(), s.doc_id.desc(), s.position.desc()))
                     .label("n"))
              .join(schema.documents, d.id == s.doc_id).where(s.actor.in_(actors), *where)).subquery()
    latest = {(r.actor, r.topic): r for r in conn.execute(select(ranked).where(ranked.c.n == 1))}
    stats = conn.execute(select(s.actor, s.topic, func.count().label("n"),
                                func.count(s.polarity.distinct()).label("kinds"))
                         .where(s.actor.in_(actors), *where).group_by(s.actor, s.topic))
    cells: dict[tuple[str, str], Row] = {}
    for r in stats:
        top = latest[(r.actor, r.topic)]
        cells[(r.actor, r.topic)] = {"polarity": top.polarity, "date": top.published, "count": r.n,
                                     "shifted": r.kinds > 1}
    topic_list = sorted({t for _, t in cells})
    return total, actors, topic_list, cells


def events_per_day(conn: Connection, since: str | None, until: str | None) -> dict[str, Counter[str]]:
    """Events per day (the event's own date, else its document's) and PLOVER type."""
    e = schema.events.c
    when = func.coalesce(e.date, d.published)
    where = [when.is_not(None)]
    if since:
        where.append(when >= since)
    if until:
        where.append(when <= until)
    days: dict[str, Counter[str]] = defaultdict(Counter)
    for day, kind, n in conn.execute(select(when, e.type, func.count()).join(schema.documents, d.id == e.doc_id)
                                     .where(*where).group_by(when, e.type)):
        days[day][kind] += n
    return dict(sorted(days.items()))


def outlet_profiles(conn: Connection, limit: int, offset: int) -> tuple[int, list[Row]]:
    """Per outlet: documents, technique spans, persuasion density (share of characters in technique spans)."""
    t = schema.techniques.c
    total = conn.execute(select(func.count(d.outlet.distinct()))).scalar_one()
    docs = (select(d.outlet, func.count().label("documents"), func.sum(d.text_length).label("chars"))
            .where(d.outlet.is_not(None)).group_by(d.outlet).order_by(d.outlet).limit(limit).offset(offset))
    rows = [dict(r) for r in conn.execute(docs).mappings()]
    names = [r["outlet"] for r in rows]
    spans: dict[str, Counter[str]] = defaultdict(Counter)
    covered: Counter[str] = Counter()
    for outlet, technique, n, chars in conn.execute(
            select(d.outlet, t.technique, func.count(), func.sum(t.span_end - t.span_start))
            .join(schema.documents, d.id == t.doc_id).where(d.outlet.in_(names)).group_by(d.outlet, t.technique)):
        spans[outlet][technique] += n
        covered[outlet] += int(chars or 0)
    for r in rows:
        r["techniques"] = dict(spans[r["outlet"]].most_common())
        r["spans"] = sum(spans[r["outlet"]].values())
        r["density"] = covered[r["outlet"]] / r["chars"] if r["chars"] else 0.0
    return total, rows


def outlet_weeks(conn: Connection, outlet: str) -> list[Row]:
    """One outlet's persuasion per ISO week: documents, technique spans, density."""
    t = schema.techniques.c
    per_day = conn.execute(select(d.published, func.count(), func.sum(d.text_length))
                           .where(d.outlet == outlet, d.published.is_not(None)).group_by(d.published)).all()
    spans = conn.execute(select(d.published, func.count(), func.sum(t.span_end - t.span_start))
                         .join(schema.documents, d.id == t.doc_id)
                         .where(d.outlet == outlet, d.published.is_not(None)).group_by(d.published)).all()
    weeks: dict[str, Row] = defaultdict(lambda: {"documents": 0, "chars": 0, "spans": 0, "covered": 0})
    for day, n, chars in per_day:
        w = weeks[_week(day)]
        w["documents"] += n
        w["chars"] += int(chars or 0)
    for day, n, chars in spans:
        w = weeks[_week(day)]
        w["spans"] += n
        w["covered"] += int(chars or 0)
    return [{"week": k, **v, "density": v["covered"] / v["chars"] if v["chars"] else 0.0}
            for k, v in sorted(weeks.items())]


def _week(day: str) -> str:
    try:
        year, week, _ = date.fromisoformat(day).isocalendar()
    except ValueError:
        return "undated"
    return f"{year}-W{week:02d}"


def guarantee_groups(conn: Connection, limit: int, offset: int, actor: set[str] | None = None,
                     topic: str | None = None) -> tuple[int, list[Row]]:
    """A page of (guarantor, topic) pairs, each with its commitments in date order."""
    c = schema.commitments.c
    where: list[Any] = []
    if actor is not None:
        where.append(c.actor.in_(actor))
    if topic:
        where.append(c.topic == topic)
    pairs = select(c.actor, c.topic).where(*where).group_by(c.actor, c.topic)
    total = conn.execute(select(func.count()).select_from(pairs.subquery())).scalar_one()
    page = conn.execute(pairs.order_by(c.actor, c.topic).limit(limit).offset(offset)).all()
    if not page:
        return total, []
    rows = conn.execute(select(c.actor, c.topic, c.modality, c.action, c.doc_id, c.span_start, c.span_end,
                               c.span_text, d.published, d.outlet)
                        .join(schema.documents, d.id == c.doc_id)
                        .where(or_(*[and_(c.actor == a, c.topic == t) for a, t in page]))
                        .order_by(d.published, c.doc_id, c.position)).mappings()
    history: dict[tuple[str, str], list[Row]] = defaultdict(list)
    for r in rows:
        history[(r["actor"], r["topic"])].append(dict(r))
    return total, [{"actor": a, "topic": t, "history": history[(a, t)], "latest": history[(a, t)][-1]["modality"]}
                   for a, t in page]


def deadline_page(conn: Connection, limit: int, offset: int, as_of: str, status: str | None
                  ) -> tuple[int, list[Row]]:
    """A page of deadlines by due date; `status` (open/due/overdue) filters on the date alone."""
    dl = schema.deadlines.c
    where: list[Any] = []
    if status == "open":
        where.append(dl.due > as_of)
    elif status == "due":
        where.append(dl.due == as_of)
    elif status == "overdue":
        where.append(dl.due < as_of)
    joined = schema.deadlines.join(schema.documents, d.id == dl.doc_id)
    total = conn.execute(select(func.count()).select_from(joined).where(*where)).scalar_one()
    rows = conn.execute(select(schema.deadlines, d.published, d.outlet, d.title, d.near_duplicate_of)
                        .select_from(joined).where(*where).order_by(dl.due, dl.doc_id, dl.position)
                        .limit(limit).offset(offset)).mappings()
    return total, [dict(r) for r in rows]


def contested_claims(conn: Connection, limit: int, offset: int, chunk: int = 200) -> tuple[list[Row], bool]:
    """A page of claim clusters (claims in ≥ 2 documents) that contradict themselves, and whether more follow.

    Walks the multi-document clusters in chunks and stops once the page is full, so a page costs the
    clusters before it, not the whole store (the store's `claim_clusters` view reads every claim).
    """
    from peacewatch.store.views import contradiction_reason, evidence

    g, c = schema.claim_groups.c, schema.claims.c
    clusters = list(conn.execute(select(g.cluster).group_by(g.cluster)
                                 .having(func.count(g.doc_id.distinct()) >= 2).order_by(g.cluster)).scalars())
    found: list[Row] = []
    for i in range(0, len(clusters), chunk):
        members: dict[int, list[Row]] = defaultdict(list)
        for r in conn.execute(select(g.cluster, c.doc_id, c.record_id, c.span_start, c.span_end, c.span_text,
                                     d.published, d.outlet, d.near_duplicate_of)
                              .join(schema.claims, and_(c.doc_id == g.doc_id, c.record_id == g.record_id))
                              .join(schema.documents, d.id == g.doc_id).where(g.cluster.in_(clusters[i:i + chunk]))
                              .order_by(d.published, c.doc_id, c.position)).mappings():
            members[r["cluster"]].append(dict(r))
        for cluster in clusters[i:i + chunk]:
            rows = members.get(cluster, [])
            sides = [{"reason": reason, "a": evidence(a), "b": evidence(b)}
                     for j, a in enumerate(rows) for b in rows[j + 1:] if a["doc_id"] != b["doc_id"]
                     and (reason := contradiction_reason(a["span_text"] or "", b["span_text"] or ""))]
            if not sides:
                continue
            outlets = {m["outlet"] or m["doc_id"] for m in rows if not m["near_duplicate_of"]}
            found.append({"claim": rows[0]["span_text"], "documents": sorted({m["doc_id"] for m in rows}),
                          "corroboration": len(outlets),
                          "copies": [m["doc_id"] for m in rows if m["near_duplicate_of"]], "contradictions": sides})
            if len(found) > offset + limit:
                return found[offset:offset + limit], True
    return found[offset:offset + limit], False
