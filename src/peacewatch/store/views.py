"""Cross-document views: timelines, stances, guarantees, ceasefires, deadlines and claims.

Every view returns plain dicts (JSON-ready); every finding carries its `Evidence`: the document id,
outlet, date and the quoted span, so a reader can check it against the stored text.
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlalchemy import Connection, Table, func, or_, select

from peacewatch.store import schema
from peacewatch.store.db import Store

Row = dict[str, Any]


def _rows(store: Store, table: Table, *where: Any) -> list[Row]:
    """Records of one table with their document's date, outlet and copy link, oldest first."""
    d = schema.documents.c
    query = (select(table, d.published, d.outlet, d.title, d.near_duplicate_of)
             .join(schema.documents, d.id == table.c.doc_id).where(*where)
             .order_by(d.published, table.c.doc_id, table.c.position))
    with store.engine.connect() as conn:
        return [dict(r._mapping) for r in conn.execute(query)]


def evidence(row: Row) -> Row:
    """Where a finding comes from; `copy_of` names the story a near-duplicate copies (not an independent source)."""
    return {"doc_id": row["doc_id"], "outlet": row.get("outlet"), "published": row.get("published"),
            "start": row["span_start"], "end": row["span_end"], "text": row["span_text"],
            "copy_of": row.get("near_duplicate_of")}


def actor_ids(store: Store, actor: str) -> set[str]:
    """The canonical ids an actor name or id stands for (ids as given are kept)."""
    a = schema.actors.c
    with store.engine.connect() as conn:
        found = set(conn.execute(select(a.record_id).where(
            or_(a.record_id == actor, func.lower(a.name) == actor.casefold())).distinct()).scalars())
    return found | {actor}


# -- actor timeline ---------------------------------------------------------------------------------

def actor_timeline(store: Store, actor: str) -> list[Row]:
    """Everything an actor said, promised, rejected or did, by date, with sources."""
    ids = actor_ids(store, actor)
    t = schema.RECORD_TABLES
    entries: list[Row] = []
    for row in _rows(store, t["attributions"], t["attributions"].c.source_actor.in_(ids)):
        entries.append(_entry(row, "said", row["kind"]))
    for row in _rows(store, t["stances"], t["stances"].c.actor.in_(ids)):
        entries.append(_entry(row, "stance", f"{row['polarity']} {row['topic']}"))
    for row in _rows(store, t["commitments"], t["commitments"].c.actor.in_(ids)):
        entries.append(_entry(row, "commitment", f"{row['modality']}: {row['action']}"))
    for row in _rows(store, t["events"], t["events"].c.source_actor.in_(ids)):
        target = f" → {row['target_actor']}" if row["target_actor"] else ""
        entries.append(_entry(row, "event", f"{row['type']}{target}", row["date"]))
    for row in _rows(store, t["deadlines"], t["deadlines"].c.actor.in_(ids)):
        entries.append(_entry(row, "deadline", f"due {row['due']}"))
    entries.sort(key=lambda e: (e["date"] or "", e["doc_id"], e["kind"]))
    return entries


def _entry(row: Row, kind: str, what: str, when: str | None = None) -> Row:
    return {"date": when or row["published"], "kind": kind, "what": what, "record_id": row["record_id"],
            "doc_id": row["doc_id"], "outlet": row["outlet"], "evidence": evidence(row)}


def _by_actor_and_topic(store: Store, table, actor: str | None, topic: str | None):
    """Rows of a stances-like table grouped by (actor, topic), each group in date order, groups sorted."""
    where = []
    if actor:
        where.append(table.c.actor.in_(actor_ids(store, actor)))
    if topic:
        where.append(table.c.topic == topic)
    groups: dict[tuple[str, str], list[Row]] = defaultdict(list)
    for row in _rows(store, table, *where):
        groups[(row["actor"], row["topic"])].append(row)
    return sorted(groups.items())


def _changes(history: list[Row], key: str) -> list[Row]:
    """Consecutive entries whose `key` differs: each change with the evidence before and after."""
    return [{"from": a[key], "to": b[key], "date": b["date"], "before": a["evidence"], "after": b["evidence"]}
            for a, b in zip(history, history[1:], strict=False) if a[key] != b[key]]


# -- stances --------------------------------------------------------------------------------------

def stance_matrix(store: Store, actor: str | None = None, topic: str | None = None) -> list[Row]:
    """Actors × topics: the latest polarity, its history, and every shift with both pieces of evidence."""
    matrix = []
    for (who, what), rows in _by_actor_and_topic(store, schema.stances, actor, topic):
        history = []
        for r in rows:
            previous = (r["record"] or {}).get("previous_polarity")
            if previous:  # a reversal the document itself reports ("after months of refusing …"): its own step
                history.append({"date": r["published"], "polarity": previous, "strength": None,
                                "evidence": evidence(r), "reported_earlier": True})
            history.append({"date": r["published"], "polarity": r["polarity"], "strength": r["strength"],
                            "evidence": evidence(r)})
        matrix.append({"actor": who, "topic": what, "latest": history[-1]["polarity"], "history": history,
                       "shifts": _changes(history, "polarity")})
    return matrix


def stance_shifts(store: Store, **filters: str | None) -> list[Row]:
    return [{"actor": c["actor"], "topic": c["topic"], **shift}
            for c in stance_matrix(store, **filters) for shift in c["shifts"]]


# -- guarantees -----------------------------------------------------------------------------------

MODALITY_ORDER = ["refused", "demanded", "considering", "offered", "ready", "pledged", "signed"]


def guarantee_ledger(store: Store, actor: str | None = None, topic: str | None = None) -> list[Row]:
    """Guarantor × commitment × modality over time: who moved from considering to signed."""
    ledger = []
    for (who, what), rows in _by_actor_and_topic(store, schema.commitments, actor, topic):
        history = [{"date": r["published"], "modality": r["modality"], "action": r["action"],
                    "evidence": evidence(r)} for r in rows]
        ledger.append({"actor": who, "topic": what, "latest": history[-1]["modality"], "history": history,
                       "moves": _changes(history, "modality")})
    return ledger


# -- ceasefires -----------------------------------------------------------------------------------

#: PLOVER modes of an AGREE event that declare a ceasefire (the events extractor writes these); a ceasefire
#: "implemented" or observed is one already declared
_CEASEFIRE_MODE = re.compile(r"^cease-?fire(?:-declared)?$", re.I)


def ceasefire_monitor(store: Store, as_of: str | None = None) -> list[Row]:
    """Ceasefires declared (AGREE events in a ceasefire mode), and later ASSAULTs between their parties.

    A ceasefire's span runs from its date to the next ceasefire between the same parties, or to `as_of`.
    An agreement that merely mentions a ceasefire ("agreed a mechanism for monitoring their ceasefire") is
    not a declaration.
    """
    e = schema.events.c
    rows = _rows(store, schema.events, e.type.in_(["AGREE", "ASSAULT"]))
    declared = [r for r in rows if r["type"] == "AGREE" and _CEASEFIRE_MODE.match(r["mode"] or "")]
    assaults: dict[frozenset[str], list[Row]] = defaultdict(list)  # by pair of parties: one lookup per ceasefire
    for r in rows:
        if r["type"] == "ASSAULT" and r["source_actor"] and r["target_actor"]:
            assaults[frozenset((r["source_actor"], r["target_actor"]))].append(r)
    seen: set[tuple[str, frozenset[str]]] = set()
    ceasefires = []
    for row in sorted(declared, key=lambda r: (_date(r) or "", r["doc_id"])):
        parties = frozenset(p for p in (row["source_actor"], row["target_actor"]) if p)
        if not parties:
            continue  # "a truce was declared": no one to hold to it
        start = _date(row)
        if (start or "", parties) in seen:  # the same declaration reported again
            continue
        seen.add((start or "", parties))
        ceasefires.append({"start": start, "parties": sorted(parties), "mode": row["mode"],
                           "declared": evidence(row), "row": row})
    by_parties: dict[frozenset[str], list[Row]] = defaultdict(list)  # in date order: each ends at the next
    for cf in ceasefires:
        by_parties[frozenset(cf["parties"])].append(cf)
    for group in by_parties.values():
        next_start = as_of
        for cf in reversed(group):  # sorted by start, undated first: the next dated one ends it
            cf["end"] = next_start
            next_start = cf["start"] or next_start
    for cf in ceasefires:
        cf["violations"] = [
            {"date": _date(a), "source_actor": a["source_actor"], "target_actor": a["target_actor"],
             "evidence": evidence(a)}
            for a in assaults.get(frozenset(cf["parties"]), []) if _violates(a, cf)]
        del cf["row"]
    return ceasefires


def _violates(assault: Row, cf: Row) -> bool:
    """An ASSAULT between the two parties, dated after the declaration and within the span."""
    when = _date(assault) or ""
    return (len(cf["parties"]) == 2 and {assault["source_actor"], assault["target_actor"]} == set(cf["parties"])
            and when > (cf["start"] or "") and (cf["end"] is None or when <= cf["end"]))


def _date(row: Row) -> str | None:
    return row.get("date") or row.get("published")


# -- deadlines ------------------------------------------------------------------------------------

_MISSED = re.compile(r"\b(missed|passed|expired|lapsed|not (?:be )?met|(?:not|n't|fail(?:ed|s)? to) meet|overran|blown|"
                     r"slipped)\b", re.I)
_MET = re.compile(r"\b(met|meeting|meets|completed|fulfilled|honou?red|on time|ahead of)\b", re.I)
#: a verdict given before the due date ("will not meet the end-of-May deadline")
_FORESEEN = re.compile(r"\b(?:will|would|wo|won't|cannot|can't)\s*(?:n't\s+|not\s+)?(?:be\s+)?"
                       r"(?:meet|miss|met|missed)\b", re.I)
_DATELINE = re.compile(r"^[A-Z][A-Z/ .'-]+,[^\n]{0,40}?(?:\([^)\n]*\))?\s+[-–—]\s")
_MONTHS = ["january", "february", "march", "april", "may", "june", "july", "august", "september", "october",
           "november", "december"]
_STOP_WORDS = "the a an of to in on by and or for with at from that this is was be will would its their it"
_STOP = set(_STOP_WORDS.split())


def deadlines_ledger(store: Store, as_of: str | None = None) -> list[Row]:
    """Deadlines with their status by `as_of`: open, due, overdue — or met/missed when a later document says so."""
    as_of = as_of or date.today().isoformat()
    rows = _rows(store, schema.deadlines)
    with store.engine.connect() as conn:
        verdicts = deadline_verdicts(conn, rows, as_of)
    ledger = []
    for row, (status, verdict) in zip(rows, verdicts, strict=True):
        if status is None:
            status = "open" if row["due"] > as_of else "due" if row["due"] == as_of else "overdue"
        ledger.append({"due": row["due"], "actor": row["actor"], "status": status, "hedged": row["hedged"],
                       "set": evidence(row), "verdict": verdict, "record_id": row["record_id"]})
    ledger.sort(key=lambda r: (r["due"], r["set"]["doc_id"]))
    return ledger


@dataclass(frozen=True)
class _Verdict:
    """A later sentence that says a deadline was met or missed, with what the rules check."""

    doc_id: str
    outlet: str | None
    published: str
    start: int
    text: str
    words: frozenset[str]
    months: frozenset[str]
    status: str
    foreseen: bool


#: a sentence is a run of text between [.!?\n] with its closing [.!?]: cutting the runs first and then looking
#: for the word is linear ("[^.!?]*\bdeadline\b[^.!?]*" backtracks quadratically on long texts)
_RUN = re.compile(r"[^.!?\n]+[.!?]?")
_DEADLINE_WORD = re.compile(r"\bdeadline\b", re.I)


def deadline_verdicts(conn: Connection, rows: list[Row], as_of: str) -> list[tuple[str | None, Row | None]]:
    """Met or missed for each deadline row, only when a later document (published by `as_of`) has a sentence
    that names a deadline, shares two content words with it, names its month if it names any, and says met or
    missed (after the due date, unless it foresees: "will not meet"). The later documents are read once for all
    the rows (a web page of them, or the whole ledger)."""
    if not rows:
        return []
    d = schema.documents.c
    earliest = min(r["published"] or "" for r in rows)
    said: list[_Verdict] = []
    for doc_id, outlet, published, body in conn.execute(
            select(d.id, d.outlet, d.published, d.text).where(
                d.published > earliest, d.published <= as_of, func.lower(d.text).contains("deadline"))
            .order_by(d.published, d.id)).yield_per(100):
        for match in _RUN.finditer(body):
            sentence = match.group(0)
            if not _DEADLINE_WORD.search(sentence):
                continue
            status = "missed" if _MISSED.search(sentence) else "met" if _MET.search(sentence) else None
            if status is None:
                continue  # a sentence that says neither can never settle a deadline
            cleaned = _DATELINE.sub("", sentence.strip())  # "LIRSK, April 1 (Harbor Wire) - …" dates the story
            months = frozenset(m for m in _MONTHS if re.search(rf"\b{m}\b", cleaned, re.I))
            said.append(_Verdict(doc_id, outlet, published, match.start() + len(sentence) - len(sentence.lstrip()),
                                 sentence.strip(), frozenset(_content_words(sentence)), months, status,
                                 bool(_FORESEEN.search(sentence))))
    out: list[tuple[str | None, Row | None]] = []
    for row in rows:
        words, due = _content_words(row["span_text"] or ""), row["due"]
        # "missed their end-of-March deadline" is not about one due in April; "that deadline passed" before
        # this one was due speaks of another
        hit = next((s for s in said if s.published > (row["published"] or "") and len(words & s.words) >= 2
                    and (not s.months or _MONTHS[int(due[5:7]) - 1] in s.months)
                    and not (s.published < due and not s.foreseen)), None)
        out.append((hit.status, {"doc_id": hit.doc_id, "outlet": hit.outlet, "published": hit.published,
                                 "start": hit.start, "end": hit.start + len(hit.text), "text": hit.text})
                   if hit else (None, None))
    return out


def _content_words(text: str) -> set[str]:
    return {w for w in re.findall(r"[a-z0-9]+", text.casefold()) if w not in _STOP and len(w) > 2} - {"deadline"}


# -- claims ---------------------------------------------------------------------------------------

_NEGATION = re.compile(r"\b(not|no|never|none|neither|nor|denied|denies|deny|without)\b|n't\b", re.I)
_NUMBERS = ("zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen sixteen "
            "seventeen eighteen nineteen twenty")
_NUMBER_WORDS = {w: i for i, w in enumerate(_NUMBERS.split())}
_OPPOSITES = [("accepted", "rejected"), ("agreed", "refused"), ("met", "missed"), ("increased", "decreased"),
              ("held", "collapsed"), ("withdrew", "advanced"), ("confirmed", "denied")]


def claim_clusters(store: Store) -> list[Row]:
    """Near-identical claims across documents (clustered by sentence vectors at ingest, `store.clusters`);
    corroboration and contradictions per cluster.

    Corroboration counts independent outlets: a near-duplicate counts as the document it copies.
    """
    g = schema.claim_groups.c
    cluster_of = {}
    with store.engine.connect() as conn:
        for doc_id, record_id, cluster in conn.execute(select(g.doc_id, g.record_id, g.cluster)):
            cluster_of[(doc_id, record_id)] = cluster
    groups: dict[int, list[Row]] = defaultdict(list)
    for row in _rows(store, schema.claims):
        cluster = cluster_of.get((row["doc_id"], row["record_id"]))
        if cluster is not None:
            groups[cluster].append(row)
    result = []
    for members in groups.values():
        if len({m["doc_id"] for m in members}) < 2:
            continue
        outlets = {m["outlet"] or m["doc_id"] for m in members if not m["near_duplicate_of"]}
        copies = [m["doc_id"] for m in members if m["near_duplicate_of"]]
        result.append({"claim": members[0]["span_text"], "documents": sorted({m["doc_id"] for m in members}),
                       "independent_outlets": sorted(outlets), "corroboration": len(outlets), "copies": copies,
                       "members": [evidence(m) for m in members], "contradictions": _contradictions(members)})
    return result


def contradictions(store: Store) -> list[Row]:
    return [{"claim": c["claim"], **x} for c in claim_clusters(store) for x in c["contradictions"]]


def _contradictions(members: list[Row]) -> list[Row]:
    found = []
    for i, a in enumerate(members):
        for b in members[i + 1:]:
            if a["doc_id"] == b["doc_id"]:
                continue
            reason = contradiction_reason(a["span_text"] or "", b["span_text"] or "")
            if reason:
                found.append({"reason": reason, "a": evidence(a), "b": evidence(b)})
    return found


def contradiction_reason(a: str, b: str) -> str | None:
    """Why two similar claims disagree: conflicting numbers, negation on one side only, or opposite verbs."""
    na, nb = _numbers(a), _numbers(b)
    if na and nb and na != nb:
        return "conflicting numbers"
    if bool(_NEGATION.search(a)) != bool(_NEGATION.search(b)):
        return "negation"
    wa, wb = set(re.findall(r"[a-z]+", a.casefold())), set(re.findall(r"[a-z]+", b.casefold()))
    for x, y in _OPPOSITES:
        if (x in wa and y in wb) or (y in wa and x in wb):
            return "opposite polarity"
    return None


def _numbers(text: str) -> set[int]:
    found = {int(n.replace(",", "")) for n in re.findall(r"\b\d[\d,]*\b", text)}
    found |= {_NUMBER_WORDS[w] for w in re.findall(r"[a-z]+", text.casefold()) if w in _NUMBER_WORDS}
    return found
