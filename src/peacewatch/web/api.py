"""REST API under /api/v1: documents, actors and every record type, filtered and paged; upload and delete.

Reads are open. Writes need `Authorization: Bearer <token>`; a server started without a token refuses
them (403). Every list answers `{total, limit, offset, items}`, at most `MAX_LIMIT` items per call.
"""

from __future__ import annotations

import hmac
import re
from datetime import date
from typing import Annotated, Any, Generic, Literal, TypeVar

from fastapi import APIRouter, Depends, HTTPException, Path, Query, Request, Response
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer
from pydantic import BaseModel, BeforeValidator, Field, ValidationError
from sqlalchemy import Connection

from peacewatch.contract import (
    ActorKind,
    Analysis,
    Attribution,
    Claim,
    Commitment,
    Deadline,
    EventType,
    Modality,
    Polarity,
    Sourcing,
    Stance,
    Technique,
)
from peacewatch.contract import Event as EventRecord
from peacewatch.errors import PeacewatchError
from peacewatch.store import schema
from peacewatch.web import queries
from peacewatch.web.app import Web, web

MAX_LIMIT = 200
router = APIRouter(prefix="/api/v1", tags=["api"])
bearer = HTTPBearer(auto_error=False, description="the token the server was started with (PEACEWATCH_TOKEN)")

R = TypeVar("R")
T = TypeVar("T")


class Problem(BaseModel):
    detail: str = Field(description="what went wrong")


class Page(BaseModel, Generic[T]):
    total: int = Field(description="how many items match, over all pages")
    limit: int
    offset: int
    items: list[T]


class RecordItem(BaseModel, Generic[R]):
    """One record with the document it comes from."""

    doc_id: str
    published: str | None
    outlet: str | None
    record: R


class DocumentSummary(BaseModel):
    id: str
    title: str | None
    outlet: str | None
    url: str | None
    published: str | None
    genre: str | None
    language: str | None
    near_duplicate_of: str | None = Field(description="the stored story this one copies, if any")
    text_length: int
    counts: dict[str, int] = Field(description="records per type")


class StoredDocument(BaseModel):
    near_duplicate_of: str | None
    analysis: Analysis


class ActorOut(BaseModel):
    id: str
    name: str
    kind: str | None
    affiliation: str | None
    documents: int = Field(description="documents that mention the actor")
    mentions: int


class ActorDetail(ActorOut):
    aliases: list[str]
    members: list[str] = Field(description="actors affiliated to this one")


class UploadIn(BaseModel):
    """A document to analyze and store."""

    text: str = Field(min_length=1)
    title: str | None = None
    outlet: str | None = None
    url: str | None = None
    published: str | None = Field(default=None, description="ISO date (YYYY-MM-DD)")
    genre: str | None = None


class UploadOut(BaseModel):
    id: str
    status: Literal["stored", "near-duplicate", "exists"]
    url: str = Field(description="the document in the API")


def _iso_day(value: object) -> object:
    """Only YYYY-MM-DD: pydantic alone would also read a number as a Unix timestamp."""
    if isinstance(value, date) or (isinstance(value, str) and re.fullmatch(r"\d{4}-\d{2}-\d{2}", value)):
        return value
    raise ValueError("not a date: use YYYY-MM-DD")


Day = Annotated[date, BeforeValidator(_iso_day)]


class RecordQuery:
    """Filters shared by the record lists."""

    def __init__(
        self,
        actor: Annotated[str | None, Query(max_length=200, description="actor id or name")] = None,
        topic: Annotated[str | None, Query(max_length=200, description="topic (stances, commitments)")] = None,
        document: Annotated[str | None, Query(max_length=64, description="document id")] = None,
        since: Annotated[Day | None, Query(description="first day (document date; events: their own)")] = None,
        until: Annotated[Day | None, Query(description="last day")] = None,
        limit: Annotated[int, Query(ge=1, le=MAX_LIMIT)] = 50,
        offset: Annotated[int, Query(ge=0, le=1_000_000_000)] = 0,
    ) -> None:
        self.actor, self.topic, self.document = actor, topic, document
        self.since, self.until = since, until
        self.limit, self.offset = limit, offset

    def filters(self, conn: Connection) -> queries.Filters:
        return queries.Filters(actor_ids=queries.actor_ids(conn, self.actor) if self.actor else None,
                               topic=self.topic, doc=self.document, since=_iso(self.since), until=_iso(self.until))


Common = Annotated[RecordQuery, Depends()]
WebState = Annotated[Web, Depends(web)]


def _iso(day: date | None) -> str | None:
    return day.isoformat() if day else None


def _records(state: Web, kind: str, q: RecordQuery, model: type[Any], extra: list[Any] | None = None,
             **equals: Any) -> dict[str, Any]:
    with state.store.engine.connect() as conn:
        total, rows = queries.record_page(conn, kind, q.filters(conn), q.limit, q.offset, extra, **equals)
    items = [{"doc_id": r["doc_id"], "published": r["published"], "outlet": r["outlet"],
              "record": model.model_validate(r["record"])} for r in rows]
    return {"total": total, "limit": q.limit, "offset": q.offset, "items": items}


def require_token(state: WebState,
                  credentials: Annotated[HTTPAuthorizationCredentials | None, Depends(bearer)]) -> None:
    if not state.token:
        raise HTTPException(403, "writes are disabled: start the server with PEACEWATCH_TOKEN set to allow them")
    if credentials is None or not hmac.compare_digest(credentials.credentials.encode(), state.token.encode()):
        raise HTTPException(401, "a valid bearer token is required for writes (Authorization: Bearer <token>)",
                            headers={"WWW-Authenticate": "Bearer"})


NOT_FOUND = {404: {"model": Problem, "description": "no such id"}}


# -- documents -------------------------------------------------------------------------------------

@router.get("/documents", response_model=Page[DocumentSummary], summary="List or search documents")
def list_documents(
    state: WebState,
    q: Annotated[str | None, Query(max_length=500, description="full-text words")] = None,
    outlet: Annotated[str | None, Query(max_length=200)] = None,
    since: Annotated[Day | None, Query(description="published on or after")] = None,
    until: Annotated[Day | None, Query(description="published on or before")] = None,
    actor: Annotated[str | None, Query(max_length=200, description="has a record of this actor (id or name)")] = None,
    topic: Annotated[str | None, Query(max_length=200, description="has a stance or commitment on this topic")] = None,
    kind: Annotated[queries.RecordKind | None, Query(description="has a record of this type")] = None,
    limit: Annotated[int, Query(ge=1, le=MAX_LIMIT)] = 50,
    offset: Annotated[int, Query(ge=0, le=1_000_000_000)] = 0,
) -> dict[str, Any]:
    with state.store.engine.connect() as conn:
        filters = queries.Filters(actor_ids=queries.actor_ids(conn, actor) if actor else None, topic=topic,
                                  since=_iso(since), until=_iso(until), outlet=outlet, kind=kind, q=q)
        total, rows = queries.document_page(state.store, conn, filters, limit, offset)
    items = [{**r, "counts": (r.get("summary") or {}).get("counts", {})} for r in rows]
    return {"total": total, "limit": limit, "offset": offset, "items": items}


@router.get("/documents/{doc_id}", response_model=StoredDocument, responses=NOT_FOUND,
            summary="One document with every record")
def get_document(state: WebState, doc_id: Annotated[str, Path(max_length=64)]) -> dict[str, Any]:
    with state.store.engine.connect() as conn:
        found = queries.analysis(conn, doc_id)
        row = queries.document_row(conn, doc_id) if found else None
    if found is None or row is None:
        raise HTTPException(404, f"no document with id {doc_id!r}")
    return {"near_duplicate_of": row["near_duplicate_of"], "analysis": found}


@router.post("/documents", response_model=UploadOut, status_code=201, dependencies=[Depends(require_token)],
             responses={401: {"model": Problem}, 403: {"model": Problem}, 413: {"model": Problem},
                        422: {"model": Problem}},
             openapi_extra={"requestBody": {"required": True, "content": {
                 "application/json": {"schema": UploadIn.model_json_schema()}}}},
             summary="Upload a document: it is analyzed and stored")
async def upload_document(state: WebState, request: Request, response: Response) -> dict[str, Any]:
    # read by hand, not as a body parameter, so an oversized body is refused before it is all in memory
    limit = state.limits.max_file_bytes
    declared = request.headers.get("content-length", "")
    if declared.isdigit() and int(declared) > limit:
        raise HTTPException(413, f"the upload is {int(declared)} bytes; the limit is {limit} bytes")
    body = bytearray()
    async for chunk in request.stream():
        body += chunk
        if len(body) > limit:
            raise HTTPException(413, f"the upload is over the limit of {limit} bytes")
    try:
        upload = UploadIn.model_validate_json(bytes(body))
    except ValidationError as exc:
        problems = "; ".join(f"{'.'.join(str(p) for p in e['loc']) or 'body'}: {e['msg']}" for e in exc.errors())
        raise HTTPException(422, f"invalid document: {problems}") from None
    if len(upload.text) > state.limits.max_text_chars:
        raise HTTPException(413, f"the text has {len(upload.text)} characters; the limit is "
                                 f"{state.limits.max_text_chars}")
    from starlette.concurrency import run_in_threadpool

    doc_id, status = await run_in_threadpool(_analyze_and_store, state, upload)
    response.status_code = 200 if status == "exists" else 201
    return {"id": doc_id, "status": status, "url": f"/api/v1/documents/{doc_id}"}


def _analyze_and_store(state: Web, upload: UploadIn) -> tuple[str, str]:
    from peacewatch.ingest import make_document
    from peacewatch.store.ingest import ingest_analyses

    document = make_document(upload.text, source_id="upload", title=upload.title, outlet=upload.outlet,
                             url=upload.url, published=upload.published, genre=upload.genre)
    if not document.text.strip():
        raise HTTPException(422, "invalid document: the text is empty")
    if state.store.stored_ids([document.id]):
        return document.id, "exists"
    with state.pipeline_lock:
        try:
            result = next(state.pipeline().process([document]))
        except PeacewatchError as exc:
            raise HTTPException(503, f"the analysis pipeline is unavailable: {exc}") from None
        if isinstance(result, PeacewatchError):
            raise HTTPException(422, f"the document could not be analyzed: {result}")
        report = ingest_analyses(state.store, [result])
    return document.id, "near-duplicate" if report.near_duplicates else "stored" if report.stored else "exists"


@router.delete("/documents/{doc_id}", status_code=204, dependencies=[Depends(require_token)],
               responses={**NOT_FOUND, 401: {"model": Problem}, 403: {"model": Problem}},
               summary="Delete a document and its records")
def delete_document(state: WebState, doc_id: Annotated[str, Path(max_length=64)]) -> Response:
    with state.pipeline_lock:  # writes one at a time: deleting resets the store's cached claim clusters
        deleted = queries.delete_document(state.store, doc_id)
    if not deleted:
        raise HTTPException(404, f"no document with id {doc_id!r}")
    return Response(status_code=204)


# -- actors ----------------------------------------------------------------------------------------

@router.get("/actors", response_model=Page[ActorOut], summary="Actors, most-mentioned first")
def list_actors(
    state: WebState,
    name: Annotated[str | None, Query(max_length=200, description="part of the name")] = None,
    document: Annotated[str | None, Query(max_length=64)] = None,
    kind: ActorKind | None = None,
    limit: Annotated[int, Query(ge=1, le=MAX_LIMIT)] = 50,
    offset: Annotated[int, Query(ge=0, le=1_000_000_000)] = 0,
) -> dict[str, Any]:
    with state.store.engine.connect() as conn:
        total, rows = queries.actor_page(conn, name, document, kind, limit, offset)
    return {"total": total, "limit": limit, "offset": offset, "items": rows}


@router.get("/actors/{actor_id}", response_model=ActorDetail, responses=NOT_FOUND, summary="One actor")
def get_actor(state: WebState, actor_id: Annotated[str, Path(max_length=200)]) -> dict[str, Any]:
    with state.store.engine.connect() as conn:
        profile = queries.actor_profile(conn, actor_id)
    if profile is None:
        raise HTTPException(404, f"no actor with id {actor_id!r}")
    return profile


# -- records ---------------------------------------------------------------------------------------

@router.get("/stances", response_model=Page[RecordItem[Stance]], summary="Stances")
def list_stances(state: WebState, q: Common, polarity: Polarity | None = None) -> dict[str, Any]:
    return _records(state, "stances", q, Stance, polarity=polarity)


@router.get("/commitments", response_model=Page[RecordItem[Commitment]], summary="Commitments")
def list_commitments(state: WebState, q: Common, modality: Modality | None = None) -> dict[str, Any]:
    return _records(state, "commitments", q, Commitment, modality=modality)


@router.get("/events", response_model=Page[RecordItem[EventRecord]], summary="Events (PLOVER)")
def list_events(state: WebState, q: Common, type: EventType | None = None) -> dict[str, Any]:  # noqa: A002
    return _records(state, "events", q, EventRecord, type=type)


@router.get("/deadlines", response_model=Page[RecordItem[Deadline]], summary="Deadlines")
def list_deadlines(state: WebState, q: Common,
                   due_after: Annotated[Day | None, Query(description="due on or after")] = None,
                   due_before: Annotated[Day | None, Query(description="due on or before")] = None,
                   ) -> dict[str, Any]:
    due = schema.deadlines.c.due
    extra = [due >= due_after.isoformat()] if due_after else []
    extra += [due <= due_before.isoformat()] if due_before else []
    return _records(state, "deadlines", q, Deadline, extra)


@router.get("/claims", response_model=Page[RecordItem[Claim]], summary="Claims (actor: the attributed speaker)")
def list_claims(state: WebState, q: Common, sourcing: Sourcing | None = None,
                min_checkworthy: Annotated[float | None, Query(ge=0.0, le=1.0)] = None) -> dict[str, Any]:
    extra = [schema.claims.c.checkworthy >= min_checkworthy] if min_checkworthy is not None else []
    return _records(state, "claims", q, Claim, extra, sourcing=sourcing)


@router.get("/techniques", response_model=Page[RecordItem[Technique]], summary="Persuasion techniques")
def list_techniques(state: WebState, q: Common,
                    technique: Annotated[str | None, Query(max_length=100)] = None) -> dict[str, Any]:
    return _records(state, "techniques", q, Technique, technique=technique)


@router.get("/attributions", response_model=Page[RecordItem[Attribution]], summary="Attributions (who said what)")
def list_attributions(state: WebState, q: Common, anonymous: bool | None = None) -> dict[str, Any]:
    return _records(state, "attributions", q, Attribution, anonymous=anonymous)
