"""The JSON API under /api: thin HTTP adapters over :class:`~.ops.Service` (see docs/service.md).

Each handler authenticates, reads its parameters, calls one operation and shapes the answer;
errors become JSON by the handlers in ``app.py``. Names of endpoints, parameters, status codes
and JSON fields are a contract (issue 19): keep them.
"""
from __future__ import annotations

import asyncio
import json
from pathlib import PurePath
from urllib.parse import quote

from starlette.requests import Request
from starlette.responses import FileResponse, JSONResponse, Response
from starlette.routing import Route

from .accounts import Throttled, User
from .ops import Refused, Service
from .problems import language, localize
from .workspace import BadName, check_name

MEDIA = {"pdf": "application/pdf", "png": "image/png",
         "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document"}
TABLE_MEDIA = {"text/csv": "csv", "application/csv": "csv",
               "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": "xlsx"}
YAML_MEDIA = ("application/yaml", "application/x-yaml", "text/yaml", "text/x-yaml", "text/plain")


def service(request: Request) -> Service:
    return request.app.state.service


def lang(request: Request) -> str:
    return language(request.headers.get("accept-language"))


def bearer(request: Request) -> str | None:
    scheme, _, token = request.headers.get("authorization", "").partition(" ")
    return token.strip() if scheme.lower() == "bearer" and token.strip() else None


def user_of(request: Request) -> User:
    """The authenticated user of the request; Refused 401 without a valid token."""
    token = bearer(request)
    user = service(request).accounts.authenticate(token) if token else None
    if user is None:
        raise Refused(401, "service_unauthorized", headers={"WWW-Authenticate": 'Bearer realm="briefmaker"'})
    return user


def _media(request: Request) -> str:
    return request.headers.get("content-type", "").split(";")[0].strip().lower()


def _file(built, fmt: str) -> Response:
    return Response(built.data, media_type=MEDIA[fmt], headers={
        "Content-Disposition": f"attachment; filename*=UTF-8''{quote(built.filename)}",
        "X-Brief-Version": built.version, "X-Warnings": str(len(built.warnings))})


# ---- accounts ------------------------------------------------------------------------------
async def login(request: Request) -> Response:
    try:
        body = json.loads(await request.body())
        name, password = str(body["name"]), str(body["password"])
    except (ValueError, KeyError, TypeError):
        raise Refused(400, "service_bad_request", detail='send {"name": …, "password": …}') from None
    svc = service(request)
    client = request.client.host if request.client else "?"
    try:
        token = await asyncio.to_thread(svc.accounts.login, name, password, client)
    except Throttled as exc:
        raise Refused(429, "service_throttled", headers={"Retry-After": str(exc.retry_after)},
                      seconds=exc.retry_after) from None
    if token is None:
        raise Refused(401, "service_login_failed")
    await asyncio.to_thread(svc.accounts.audit, name, "login", "", "", {"client": client})
    return JSONResponse({"token": token, "user": svc.accounts.get(name).public()})


async def logout(request: Request) -> Response:
    user_of(request)
    service(request).accounts.revoke(bearer(request))
    return Response(status_code=204)


async def me(request: Request) -> Response:
    return JSONResponse(user_of(request).public())


# ---- briefs --------------------------------------------------------------------------------
async def list_briefs(request: Request) -> Response:
    return JSONResponse(await service(request).list(user_of(request)))


async def get_brief(request: Request) -> Response:
    data, tag = await service(request).read(user_of(request), request.path_params["name"])
    return Response(data, media_type="application/yaml; charset=utf-8", headers={"ETag": f'"{tag}"'})


async def put_brief(request: Request) -> Response:
    user = user_of(request)
    name = request.path_params["name"]
    if _media(request) not in YAML_MEDIA:
        raise Refused(415, "service_media_type", expected="application/yaml", got=_media(request) or "-")
    match = request.headers.get("if-match")
    tag_in = match.strip().removeprefix("W/").strip('"') if match else None
    svc = service(request)
    existed = svc.path(name, must_exist=False).exists()
    tag = await svc.save(user, name, await request.body(), tag_in)
    return JSONResponse({"name": name, "version": tag}, status_code=200 if existed else 201,
                        headers={"ETag": f'"{tag}"'})


async def brief_versions(request: Request) -> Response:
    svc, name = service(request), request.path_params["name"]
    await svc.allow(user_of(request), name, "read")
    return JSONResponse(svc.versions.history(name))


async def brief_version(request: Request) -> Response:
    svc, name = service(request), request.path_params["name"]
    await svc.allow(user_of(request), name, "read")
    data = svc.versions.text(name, request.path_params["seq"])
    if data is None:
        raise Refused(404, "service_not_found", what="version", name=str(request.path_params["seq"]))
    return Response(data, media_type="application/yaml; charset=utf-8")


async def build_stored(request: Request) -> Response:
    fmt = request.query_params.get("format", "pdf")
    built = await service(request).build(user_of(request), request.path_params["name"], fmt,
                                         request.query_params.get("style"))
    return _file(built, fmt)


async def build_posted(request: Request) -> Response:
    user = user_of(request)
    if _media(request) not in YAML_MEDIA:
        raise Refused(415, "service_media_type", expected="application/yaml", got=_media(request) or "-")
    fmt = request.query_params.get("format", "pdf")
    return _file(await service(request).build_posted(user, await request.body(), fmt), fmt)


async def batch(request: Request) -> Response:
    user = user_of(request)
    media = _media(request)
    if media == "multipart/form-data":
        form = await request.form()
        upload = form.get("table")
        if upload is None or not hasattr(upload, "read"):
            raise Refused(400, "service_bad_request", detail="the form needs a file field named 'table'")
        data, filename = await upload.read(), upload.filename or "table.csv"
        ext = PurePath(filename).suffix.lower().lstrip(".")
    elif media in TABLE_MEDIA:
        data, ext, filename = await request.body(), TABLE_MEDIA[media], None
    else:
        raise Refused(415, "service_media_type", expected="text/csv, an XLSX workbook or multipart/form-data",
                      got=media or "-")
    if ext not in ("csv", "xlsx"):
        raise Refused(415, "service_media_type", expected=".csv or .xlsx", got=filename or ext)
    table_name = f"table.{ext}"
    if filename:
        try:
            table_name = check_name(PurePath(filename).name)
        except BadName:
            pass
    query = request.query_params
    job = await service(request).batch(user, request.path_params["name"], data, table_name,
                                       pattern=query.get("name"), fmt=query.get("format", "pdf"),
                                       style=query.get("style"))
    return JSONResponse(job.public(lang(request)), status_code=202,
                        headers={"Location": f"/api/jobs/{job.id}"})


async def job_status(request: Request) -> Response:
    job = service(request).job(user_of(request), request.path_params["id"])
    return JSONResponse(job.public(lang(request)) if hasattr(job, "public") else job[lang(request)])


async def job_outputs(request: Request) -> Response:
    job_id = request.path_params["id"]
    path = await service(request).outputs(user_of(request), job_id)
    return FileResponse(path, media_type="application/zip", filename=f"{job_id}-outputs.zip")


async def send(request: Request) -> Response:
    query = request.query_params
    confirm = query.get("confirm", "false").lower() in ("true", "1", "yes")
    result = await service(request).send(user_of(request), request.path_params["name"],
                                         query.get("attach", "pdf"), confirm)
    return JSONResponse(localize(result, lang(request)))


async def audit(request: Request) -> Response:
    user = user_of(request)
    if user.role != "admin":
        raise Refused(403, "service_forbidden", role=user.role, action="read", name="audit")
    return JSONResponse(service(request).accounts.events(request.query_params.get("brief")))


async def openapi(request: Request) -> Response:
    from .openapi import document

    return JSONResponse(document())


routes = [
    Route("/api/openapi.json", openapi, methods=["GET"]),
    Route("/api/login", login, methods=["POST"]),
    Route("/api/logout", logout, methods=["POST"]),
    Route("/api/me", me, methods=["GET"]),
    Route("/api/briefs", list_briefs, methods=["GET"]),
    Route("/api/briefs/{name}", get_brief, methods=["GET"]),
    Route("/api/briefs/{name}", put_brief, methods=["PUT"]),
    Route("/api/briefs/{name}/versions", brief_versions, methods=["GET"]),
    Route("/api/briefs/{name}/versions/{seq:int}", brief_version, methods=["GET"]),
    Route("/api/briefs/{name}/build", build_stored, methods=["POST"]),
    Route("/api/briefs/{name}/batch", batch, methods=["POST"]),
    Route("/api/briefs/{name}/send", send, methods=["POST"]),
    Route("/api/build", build_posted, methods=["POST"]),
    Route("/api/jobs/{id}", job_status, methods=["GET"]),
    Route("/api/jobs/{id}/outputs.zip", job_outputs, methods=["GET"]),
    Route("/api/audit", audit, methods=["GET"]),
]
