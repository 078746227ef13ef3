"""The ASGI application: route modules, the body limit, errors as JSON, start-up and shutdown.

Routes come from the modules in :data:`ROUTE_MODULES`, each exposing ``routes`` (a list of
Starlette routes) and sharing one :class:`~.ops.Service` through ``app.state.service``; the web
pages are another such module. ``/healthz`` answers without authentication.
"""
from __future__ import annotations

import asyncio
import contextlib
import importlib
import logging
import re
from dataclasses import dataclass

from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse
from starlette.routing import Route

from ..errors import BriefError
from ..infra import memory
from ..i18n import message
from .ops import Refused, Service
from .pool import Busy, Pool
from .problems import language, localize
from .workspace import Workspace

ROUTE_MODULES = ("briefmaker.service.api", "briefmaker.service.web.pages")
MAX_BODY = 10 * 1024 * 1024
log = logging.getLogger("briefmaker.service")


@dataclass(frozen=True)
class Settings:
    """How to serve: the workspace, the pool's size and queue, and the per-build time limit."""

    workspace: str
    workers: int = 2
    queue: int = 16
    build_timeout: float = 120.0


def _error(request: Request, status: int, code: str, headers: dict | None = None, **params) -> JSONResponse:
    lang = language(request.headers.get("accept-language"))
    return JSONResponse({"error": code, "message": message(code, lang, **params)}, status_code=status,
                        headers=headers)


async def _refused(request: Request, exc: Refused) -> JSONResponse:
    return _error(request, exc.status, exc.code, exc.headers, **exc.params)


async def _problems(request: Request, exc: BriefError) -> JSONResponse:
    lang = language(request.headers.get("accept-language"))
    return JSONResponse({"problems": localize(exc.problems, lang)}, status_code=422)


async def _busy(request: Request, exc: Busy) -> JSONResponse:
    return _error(request, 503, "service_busy", {"Retry-After": str(exc.retry_after)}, seconds=exc.retry_after)


async def _not_found(request: Request, exc) -> JSONResponse:
    status = getattr(exc, "status_code", 404)
    if status == 405:
        return _error(request, 405, "service_bad_request", detail=f"{request.method} is not allowed here")
    return _error(request, 404, "service_not_found", what="endpoint", name=request.url.path)


async def _failed(request: Request, exc: Exception) -> JSONResponse:
    log.exception("request failed: %s %s", request.method, request.url.path)
    return _error(request, 500, "service_failed")


async def healthz(request: Request) -> JSONResponse:
    pool = request.app.state.service.pool
    return JSONResponse({"status": "ok", "workers": pool.size, "busy": pool.busy, "waiting": pool.waiting})


class BodyLimit:
    """Refuse a request body over ``limit`` bytes with 413, by Content-Length or while it streams."""

    def __init__(self, app, limit: int = MAX_BODY):
        self.app, self.limit = app, limit

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http":
            return await self.app(scope, receive, send)
        headers = dict(scope.get("headers") or [])
        try:
            declared = int(headers.get(b"content-length", b"0"))
        except ValueError:
            declared = 0
        if declared > self.limit:
            return await self._refuse(scope, receive, send)
        seen = 0
        started = False

        async def counted():
            nonlocal seen
            event = await receive()
            if event["type"] == "http.request":
                seen += len(event.get("body", b""))
                if seen > self.limit:
                    raise _TooLarge()
            return event

        async def tracked(event):
            nonlocal started
            started = started or event["type"] == "http.response.start"
            await send(event)

        try:
            await self.app(scope, counted, tracked)
        except _TooLarge:
            if not started:
                await self._refuse(scope, receive, send)

    async def _refuse(self, scope, receive, send):
        request = Request(scope, receive)
        response = _error(request, 413, "service_too_large", {"Connection": "close"}, limit=self.limit // (1024 * 1024))
        await response(scope, receive, send)


class _TooLarge(Exception):
    pass


_ENCODED = re.compile(rb"%(2f|5c|00|2e)", re.I)


class PlainPaths:
    """Refuse with 400 a path holding an encoded '/', '\\', NUL or '.': a name never needs one, and
    decoded they would change which endpoint (or file) the path means."""

    def __init__(self, app):
        self.app = app

    async def __call__(self, scope, receive, send):
        if scope["type"] == "http" and _ENCODED.search(scope.get("raw_path") or b""):
            request = Request(scope, receive)
            response = _error(request, 400, "service_bad_name", name=request.url.path)
            return await response(scope, receive, send)
        return await self.app(scope, receive, send)


async def _trim_memory(every: float = 30.0) -> None:
    """Give the memory freed since the last time back to the system, every ``every`` seconds:
    without it the server's RSS crept up by about 4 MB in a 30-minute soak (benchmarks/RESULTS.md)."""
    while True:
        await asyncio.sleep(every)
        memory.trim()


def create_app(settings: Settings) -> Starlette:
    """The application serving ``settings.workspace``; its worker pool starts with the app."""
    workspace = Workspace.open(settings.workspace)
    pool = Pool(str(workspace.root), settings.workers, settings.queue, settings.build_timeout)
    svc = Service(workspace, pool)

    @contextlib.asynccontextmanager
    async def lifespan(app):
        await pool.start()
        log.info("serving %s with %d workers", workspace.root, settings.workers)
        memory.map_large_blocks()  # response-sized buffers go back to the system when freed
        trimmer = asyncio.create_task(_trim_memory())
        try:
            yield
        finally:  # uvicorn has stopped taking requests and waited for the running ones
            trimmer.cancel()
            await svc.close()

    routes = [Route("/healthz", healthz, methods=["GET"])]
    for name in ROUTE_MODULES:
        routes += importlib.import_module(name).routes
    app = Starlette(routes=routes, lifespan=lifespan, exception_handlers={
        Refused: _refused, BriefError: _problems, Busy: _busy, 404: _not_found, 405: _not_found,
        Exception: _failed})
    app.state.service = svc
    app.state.settings = settings
    app.add_middleware(BodyLimit)
    app.add_middleware(PlainPaths)
    return app
