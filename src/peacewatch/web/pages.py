"""Server-rendered pages: documents, actors, topics, ledgers, outlets, search.

Every list is one page of rows (`PER_PAGE`) with its total; query parameters from forms are read
leniently (an empty field is no filter) and a malformed one is a 400 page naming it.
"""

from __future__ import annotations

import math
from collections import Counter
from datetime import date
from typing import Annotated, Any
from urllib.parse import urlsplit

from fastapi import APIRouter, Depends, HTTPException, Query, Request
from fastapi.responses import HTMLResponse, Response

from peacewatch.store import views
from peacewatch.web import charts, highlight, queries
from peacewatch.web.app import Web, web

router = APIRouter(include_in_schema=False)
PER_PAGE = 25
WebState = Annotated[Web, Depends(web)]
PageNo = Annotated[int, Query(ge=1, le=1_000_000)]
Text = Annotated[str | None, Query(max_length=500)]


def _day(value: str | None, name: str) -> str | None:
    """A form's date field: empty is no filter, anything else must be YYYY-MM-DD."""
    if not value or not value.strip():
        return None
    try:
        return date.fromisoformat(value.strip()).isoformat()
    except ValueError:
        raise HTTPException(400, f"{name}: {value!r} is not a date (use YYYY-MM-DD)") from None


def _blank(value: str | None) -> str | None:
    return value.strip() if value and value.strip() else None


def pager(request: Request, total: int, page: int, per_page: int = PER_PAGE) -> dict[str, Any]:
    pages = max(1, math.ceil(total / per_page))
    link = request.url.include_query_params
    return {"total": total, "page": page, "pages": pages, "first": (page - 1) * per_page + 1 if total else 0,
            "last": min(page * per_page, total),
            "prev": str(link(page=page - 1)) if page > 1 else None,
            "next": str(link(page=page + 1)) if page < pages else None}


def safe_url(url: str | None) -> str | None:
    """A document's URL as a link only if it is http(s): a `javascript:` URL is shown, never followed."""
    return url if url and urlsplit(url).scheme in ("http", "https") else None


def render(state: Web, request: Request, template: str, **context: Any) -> Response:
    return state.templates.TemplateResponse(request, template, {"nav": template.split(".")[0], **context})


# -- home and documents ----------------------------------------------------------------------------

@router.get("/", response_class=HTMLResponse)
def home(request: Request, state: WebState, page: PageNo = 1, since: Text = None, until: Text = None) -> Response:
    since_day, until_day = _day(since, "since"), _day(until, "until")
    with state.store.engine.connect() as conn:
        total, docs = queries.document_page(state.store, conn, queries.Filters(), PER_PAGE, (page - 1) * PER_PAGE)
        per_day = queries.events_per_day(conn, since_day, until_day)
    counts = state.store.counts()
    chart = charts.stacked_bars(per_day, "Events per day by type")
    return render(state, request, "home.html", docs=docs, pager=pager(request, total, page), counts=counts,
                  chart=chart, since=since_day or "", until=until_day or "")


@router.get("/documents/{doc_id}", response_class=HTMLResponse)
def document(request: Request, state: WebState, doc_id: str) -> Response:
    with state.store.engine.connect() as conn:
        found = queries.analysis(conn, doc_id)
        if found is None:
            raise HTTPException(404, f"no document with id {doc_id!r}")
        row = queries.document_row(conn, doc_id) or {}
        ids = {a.id for a in found.actors} | {r.actor for r in (*found.stances, *found.commitments)} | {
            x for e in found.events for x in (e.source_actor, e.target_actor) if x} | {
            x for x in (*(a.source_actor for a in found.attributions), *(d.actor for d in found.deadlines)) if x}
        names = queries.actor_names(conn, ids)
    records = highlight.items(found, names)
    marks = [m for item in records for m in item.marks]
    by_kind = {k: [i for i in records if i.kind == k] for k in highlight.KINDS}
    return render(state, request, "document.html", doc=found.document, summary=found.summary,
                  url=safe_url(found.document.url), copy_of=row.get("near_duplicate_of"),
                  text=highlight.render(found.document.text, marks), by_kind=by_kind, legend=highlight.legend(),
                  actors=sorted(found.actors, key=lambda a: -len(a.mentions)))


# -- actors ----------------------------------------------------------------------------------------

@router.get("/actors", response_class=HTMLResponse)
def actors(request: Request, state: WebState, page: PageNo = 1, name: Text = None) -> Response:
    with state.store.engine.connect() as conn:
        total, rows = queries.actor_page(conn, _blank(name), None, None, PER_PAGE, (page - 1) * PER_PAGE)
    return render(state, request, "actors.html", rows=rows, pager=pager(request, total, page), name=name or "")


@router.get("/actors/{actor_id}", response_class=HTMLResponse)
def actor(request: Request, state: WebState, actor_id: str, page: PageNo = 1) -> Response:
    with state.store.engine.connect() as conn:
        profile = queries.actor_profile(conn, actor_id)
        if profile is None:
            raise HTTPException(404, f"no actor with id {actor_id!r}")
        history = queries.stance_history(conn, actor_id)
        related = {profile["affiliation"], *profile["members"]} - {None}
        names = queries.actor_names(conn, related)  # type: ignore[arg-type]
    timeline = views.actor_timeline(state.store, actor_id)
    start = (page - 1) * PER_PAGE
    chart = charts.stance_steps({t: [(r["published"], r["polarity"]) for r in rows] for t, rows in history.items()},
                                "Stance over time, per topic")
    return render(state, request, "actor.html", actor=profile, names=names, history=history, chart=chart,
                  timeline=timeline[start:start + PER_PAGE], pager=pager(request, len(timeline), page))


# -- topics ----------------------------------------------------------------------------------------

@router.get("/topics", response_class=HTMLResponse)
def topics(request: Request, state: WebState, page: PageNo = 1, topic: Text = None) -> Response:
    per_page = 40
    with state.store.engine.connect() as conn:
        total, actor_list, topic_list, cells = queries.stance_cells(conn, per_page, (page - 1) * per_page,
                                                                    _blank(topic))
        names = queries.actor_names(conn, set(actor_list))
        all_topics = queries.topics(conn)
    return render(state, request, "topics.html", actors=actor_list, topics=topic_list, cells=cells, names=names,
                  all_topics=all_topics, topic=topic or "", pager=pager(request, total, page, per_page),
                  colours=charts.POLARITY_COLOURS)


# -- ledgers ---------------------------------------------------------------------------------------

@router.get("/ledgers/guarantees", response_class=HTMLResponse)
def guarantees(request: Request, state: WebState, page: PageNo = 1, actor: Text = None,
               topic: Text = None) -> Response:
    with state.store.engine.connect() as conn:
        ids = queries.actor_ids(conn, actor) if _blank(actor) else None
        total, rows = queries.guarantee_groups(conn, PER_PAGE, (page - 1) * PER_PAGE, ids, _blank(topic))
        names = queries.actor_names(conn, {r["actor"] for r in rows})
        all_topics = queries.topics(conn)
    return render(state, request, "guarantees.html", rows=rows, names=names, pager=pager(request, total, page),
                  actor=actor or "", topic=topic or "", all_topics=all_topics, order=views.MODALITY_ORDER)


@router.get("/ledgers/ceasefires", response_class=HTMLResponse)
def ceasefires(request: Request, state: WebState, page: PageNo = 1, as_of: Text = None) -> Response:
    day = _day(as_of, "as_of")
    found = views.ceasefire_monitor(state.store, as_of=day)
    start = (page - 1) * PER_PAGE
    shown = found[start:start + PER_PAGE]
    with state.store.engine.connect() as conn:
        names = queries.actor_names(conn, {p for cf in shown for p in cf["parties"]})
    return render(state, request, "ceasefires.html", rows=shown, names=names, as_of=day or "",
                  pager=pager(request, len(found), page))


@router.get("/ledgers/deadlines", response_class=HTMLResponse)
def deadlines(request: Request, state: WebState, page: PageNo = 1, as_of: Text = None,
              status: Text = None) -> Response:
    day = _day(as_of, "as_of") or date.today().isoformat()
    wanted = _blank(status)
    if wanted not in (None, "open", "due", "overdue"):
        raise HTTPException(400, f"status: {wanted!r} is not one of open, due, overdue")
    with state.store.engine.connect() as conn:
        total, rows = queries.deadline_page(conn, PER_PAGE, (page - 1) * PER_PAGE, day, wanted)
        names = queries.actor_names(conn, {r["actor"] for r in rows if r["actor"]})
        verdicts = views.deadline_verdicts(conn, rows, day)
    for r, (verdict_status, verdict) in zip(rows, verdicts, strict=True):  # met/missed: a later document says so
        r["status"] = verdict_status or ("open" if r["due"] > day else "due" if r["due"] == day else "overdue")
        r["verdict"] = verdict
    return render(state, request, "deadlines.html", rows=rows, names=names, as_of=day, status=wanted or "",
                  pager=pager(request, total, page))


@router.get("/ledgers/claims", response_class=HTMLResponse)
def claims(request: Request, state: WebState, page: PageNo = 1) -> Response:
    with state.store.engine.connect() as conn:
        rows, more = queries.contested_claims(conn, PER_PAGE, (page - 1) * PER_PAGE)
    link = request.url.include_query_params
    return render(state, request, "claims.html", rows=rows, page=page,
                  prev=str(link(page=page - 1)) if page > 1 else None, next=str(link(page=page + 1)) if more else None)


# -- outlets ---------------------------------------------------------------------------------------

@router.get("/outlets", response_class=HTMLResponse)
def outlets(request: Request, state: WebState, page: PageNo = 1, outlet: Text = None) -> Response:
    chosen = _blank(outlet)
    with state.store.engine.connect() as conn:
        total, rows = queries.outlet_profiles(conn, PER_PAGE, (page - 1) * PER_PAGE)
        weeks = queries.outlet_weeks(conn, chosen) if chosen else []
    chart = charts.hbars([(r["outlet"], r["density"]) for r in rows], "Persuasion density by outlet")
    week_chart = charts.stacked_bars({w["week"]: Counter({"technique spans": w["spans"]}) for w in weeks},
                                     f"Technique spans per week: {chosen}") if chosen else None
    return render(state, request, "outlets.html", rows=rows, chart=chart, outlet=chosen, weeks=weeks,
                  week_chart=week_chart, pager=pager(request, total, page))


# -- search ----------------------------------------------------------------------------------------

@router.get("/search", response_class=HTMLResponse)
def search(request: Request, state: WebState, page: PageNo = 1, q: Text = None, since: Text = None,
           until: Text = None, actor: Text = None, topic: Text = None, kind: Text = None,
           outlet: Text = None) -> Response:
    kind = _blank(kind)
    if kind is not None and kind not in queries.RECORD_KINDS:
        raise HTTPException(400, f"kind: {kind!r} is not a record type ({', '.join(queries.RECORD_KINDS)})")
    form = {"q": q or "", "since": _day(since, "since") or "", "until": _day(until, "until") or "",
            "actor": actor or "", "topic": topic or "", "kind": kind or "", "outlet": outlet or ""}
    with state.store.engine.connect() as conn:
        filters = queries.Filters(q=_blank(q), since=form["since"] or None, until=form["until"] or None,
                                  actor_ids=queries.actor_ids(conn, actor.strip()) if _blank(actor) else None,
                                  topic=_blank(topic), kind=kind, outlet=_blank(outlet))
        total, docs = queries.document_page(state.store, conn, filters, PER_PAGE, (page - 1) * PER_PAGE)
        choices = {"topics": queries.topics(conn), "outlets": queries.outlets(conn), "kinds": queries.RECORD_KINDS}
    return render(state, request, "search.html", docs=docs, form=form, choices=choices,
                  pager=pager(request, total, page))
