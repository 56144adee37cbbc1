"""The web app: server-rendered pages and the REST API over one store.

`create_app(db_url)` builds it; `peacewatch serve` runs it with uvicorn. Article text is hostile input:
templates autoescape, every response carries a strict Content-Security-Policy (scripts only from
/static, no inline script), and errors are pages (or JSON under /api) that name the problem, never a traceback.
"""

from __future__ import annotations

import logging
import os
import threading
from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import HTMLResponse, JSONResponse, Response
from fastapi.staticfiles import StaticFiles
from fastapi.templating import Jinja2Templates
from jinja2 import Environment, FileSystemLoader
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.routing import Match
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from peacewatch.ingest import Limits
from peacewatch.store.db import Store

if TYPE_CHECKING:
    from peacewatch.pipeline import Pipeline

HERE = Path(__file__).parent
log = logging.getLogger("peacewatch.web")

#: No inline script, no inline style, nothing from elsewhere; pages may not be framed.
CSP = ("default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; "
       "form-action 'self'; base-uri 'none'; frame-ancestors 'none'")
SECURITY_HEADERS = [(b"content-security-policy", CSP.encode()), (b"x-content-type-options", b"nosniff"),
                    (b"referrer-policy", b"same-origin"), (b"x-frame-options", b"DENY")]


class SecurityHeaders:
    """Adds the security headers to every response, and turns an unexpected exception into an error page."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        started = False

        async def send_with_headers(message: Message) -> None:
            nonlocal started
            if message["type"] == "http.response.start":
                started = True
                names = {name for name, _ in SECURITY_HEADERS}
                message["headers"] = [h for h in message.get("headers", []) if h[0] not in names] + SECURITY_HEADERS
            await send(message)

        try:
            await self.app(scope, receive, send_with_headers)
        except Exception:
            log.exception("unhandled error on %s", scope.get("path"))
            if started:
                raise
            request = Request(scope)
            response = error_response(request, 500, "internal error: the server could not answer this request")
            await response(scope, receive, send_with_headers)


class Web:
    """What the routes share: the store, the templates, the token and the lazily built pipeline."""

    def __init__(self, store: Store, token: str | None, pipeline_factory: Callable[[], Pipeline],
                 limits: Limits) -> None:
        self.store = store
        self.token = token
        self.limits = limits
        self._pipeline_factory = pipeline_factory
        self._pipeline: Pipeline | None = None
        self.pipeline_lock = threading.Lock()  # spaCy and the taggers are not shared between threads
        env = Environment(loader=FileSystemLoader(HERE / "templates"), autoescape=True, trim_blocks=True,
                          lstrip_blocks=True)
        self.templates = Jinja2Templates(env=env)

    def pipeline(self) -> Pipeline:
        """Built on first use (it loads spaCy and the models), then reused; call with `pipeline_lock` held."""
        if self._pipeline is None:
            self._pipeline = self._pipeline_factory()
        return self._pipeline


def web(request: Request) -> Web:
    return request.app.state.web


def wants_json(request: Request) -> bool:
    return request.url.path.startswith("/api/")


def error_response(request: Request, status: int, message: str, detail: Any = None) -> Response:
    """JSON `{"detail": …}` under /api, an HTML page elsewhere; both name the problem."""
    if wants_json(request):
        return JSONResponse({"detail": detail if detail is not None else message}, status_code=status)
    state = getattr(request.app.state, "web", None)
    if state is None:
        return HTMLResponse(f"<h1>{status}</h1>", status_code=status)
    return state.templates.TemplateResponse(request, "error.html", {"status": status, "message": message},
                                            status_code=status)


def _http_error(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, StarletteHTTPException)
    message = exc.detail if isinstance(exc.detail, str) else str(exc.detail)
    response = error_response(request, exc.status_code, message)
    for name, value in (exc.headers or {}).items():
        response.headers[name] = value
    if exc.status_code == 405:  # Starlette names only the first route's methods; a path may have several
        response.headers["Allow"] = ", ".join(_allowed_methods(request))
    return response


def _allowed_methods(request: Request) -> list[str]:
    """The methods some route answers on this path (asked of the router, method by method)."""
    allowed = []
    for method in ("GET", "POST", "PUT", "PATCH", "DELETE"):
        scope = {**request.scope, "method": method}
        if any(route.matches(scope)[0] == Match.FULL for route in request.app.router.routes):
            allowed.append(method)
    return allowed


def _validation_error(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, RequestValidationError)
    problems = "; ".join(f"{'.'.join(str(p) for p in e.get('loc', ()))}: {e.get('msg')}" for e in exc.errors())
    detail = [{k: v for k, v in e.items() if k in ("loc", "msg", "type")} for e in exc.errors()]
    return error_response(request, 422, f"invalid request: {problems}", detail)


def _default_pipeline(config: str | os.PathLike[str] | None) -> Callable[[], Pipeline]:
    def build() -> Pipeline:
        from peacewatch.pipeline import Pipeline, Settings

        return Pipeline(Settings.from_file(config) if config else Settings())

    return build


def create_app(db_url: str | os.PathLike[str] | None = None, token: str | None = None, *,
               config: str | os.PathLike[str] | None = None,
               pipeline_factory: Callable[[], Pipeline] | None = None, limits: Limits | None = None) -> FastAPI:
    """The app over the store at `db_url`. Writes need `token` (default: env PEACEWATCH_TOKEN)."""
    from peacewatch.web import api, pages

    store = Store(db_url)
    token = token if token is not None else os.environ.get("PEACEWATCH_TOKEN") or None
    @asynccontextmanager
    async def lifespan(_app: FastAPI) -> AsyncIterator[None]:
        yield
        store.close()

    app = FastAPI(title="peacewatch", lifespan=lifespan, version="1",
                  summary="The source-linked record of a peace process.",
                  description="Reads are open; writes (upload, delete) need `Authorization: Bearer <token>`, "
                              "the token the server was started with (env PEACEWATCH_TOKEN).",
                  docs_url=None, redoc_url=None)  # the docs pages load scripts from a CDN, which the CSP forbids
    app.state.web = Web(store, token, pipeline_factory or _default_pipeline(config), limits or Limits())
    app.add_middleware(SecurityHeaders)
    app.add_exception_handler(StarletteHTTPException, _http_error)
    app.add_exception_handler(RequestValidationError, _validation_error)
    app.mount("/static", StaticFiles(directory=HERE / "static"), name="static")
    app.include_router(api.router)
    app.include_router(pages.router)
    return app
