"""The web pages: thin handlers over :class:`~..ops.Service`, rendered from ``templates/``.

Every page needs a session (else it sends the browser to the login page); every POST checks
the CSRF token; every response carries the strict security headers of ``session.harden``.
Operations, permissions and problems are the service's own, so the pages and the API agree.
"""
from __future__ import annotations

import asyncio
import functools
import hashlib
import json
import re
import time
from collections import OrderedDict
from pathlib import Path, PurePath
from urllib.parse import quote

from jinja2 import Environment, FileSystemLoader, select_autoescape
from starlette.requests import Request
from starlette.responses import FileResponse, HTMLResponse, JSONResponse, RedirectResponse, Response
from starlette.routing import Mount, Route
from starlette.staticfiles import StaticFiles

from ...errors import BriefError
from ..accounts import Throttled, User
from ..ops import Refused, Service
from ..problems import localize
from ..workspace import BadName, check_name
from . import figures as figs
from . import session as sess
from .texts import STYLE_NAMES, text

HERE = Path(__file__).parent
MEDIA = {"pdf": "application/pdf", "png": "image/png",
         "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document"}
PREVIEWS_KEPT = 24  # sets of preview pictures kept in memory (a few per person editing)
MAX_TEXT = 2 * 1024 * 1024

_env = Environment(loader=FileSystemLoader(HERE / "templates"), autoescape=select_autoescape(default=True),
                   trim_blocks=True, lstrip_blocks=True)


def shown_title(info: dict) -> str:
    """What a page calls a brief: its title, unless that is a template of the brief's text
    (a title quoting data is made at build time), then its unit, else its name."""
    title = info.get("title")
    return title if title and "{{" not in title and "{%" not in title else info.get("unit") or info["name"]


_env.globals["shown_title"] = shown_title


def service(request: Request) -> Service:
    return request.app.state.service


def render(request: Request, template: str, status: int = 200, **context) -> Response:
    """``template`` rendered in the request's language, with the user and CSRF token at hand."""
    lang = sess.page_language(request.headers.get("accept-language"))
    context.setdefault("user", getattr(request.state, "user", None))
    body = _env.get_template(template).render(
        lang=lang, t=functools.partial(text, lang=lang), csrf=context.pop("csrf", None) or sess.csrf_token(request),
        html_lang="zh-CN" if lang == "zh" else "en", **context)
    return sess.harden(HTMLResponse(body, status_code=status))


def page(handler=None, *, post: bool = False, api: bool = False):
    """A page handler: needs a session (→ login page, or 401 for script requests), checks the
    CSRF token of a POST, turns a refusal into an error page (or JSON for script requests)."""
    def wrap(fn):
        @functools.wraps(fn)
        async def run(request: Request) -> Response:
            user = sess.user_of(request)
            if user is None:
                if api or request.method != "GET":
                    return sess.harden(JSONResponse({"error": "login"}, status_code=401))
                return sess.harden(RedirectResponse(f"/web/login?next={quote(request.url.path)}", 303))
            request.state.user = user
            if post:
                sent = request.headers.get(sess.CSRF_HEADER)
                if sent is None and not api:
                    form = await request.form()
                    request.state.form = form
                    sent = form.get(sess.CSRF_FIELD)
                if not sess.csrf_ok(request, sent):
                    return _refusal(request, Refused(403, "web_csrf"), api)
            try:
                return sess.harden(await fn(request, user))
            except Refused as exc:
                return _refusal(request, exc, api)
        return run
    return wrap(handler) if handler else wrap


def _refusal(request: Request, exc: Refused, api: bool) -> Response:
    lang = sess.page_language(request.headers.get("accept-language"))
    message = text(exc.code, lang, **exc.params)
    if api:
        return sess.harden(JSONResponse({"error": exc.code, "message": message}, status_code=exc.status))
    return render(request, "error.html", status=exc.status, message=message, status_code=exc.status)


async def _form(request: Request):
    form = getattr(request.state, "form", None)
    return form if form is not None else await request.form()


# ---- login ---------------------------------------------------------------------------------
async def home(request: Request) -> Response:
    return RedirectResponse("/web/", 303)


async def favicon(request: Request) -> Response:
    return Response(status_code=204)


def _next(value: str | None) -> str:
    """Only a path on this site (never //host or a scheme): where to go after logging in."""
    if value and value.startswith("/web/") and "//" not in value and "\\" not in value:
        return value
    return "/web/"


async def login_page(request: Request) -> Response:
    if sess.user_of(request) is not None:
        return RedirectResponse(_next(request.query_params.get("next")), 303)
    return _login_form(request, None, request.query_params.get("next"), "")


def _login_form(request: Request, error: str | None, next_url: str | None, name: str, status: int = 200,
                headers: dict | None = None) -> Response:
    token = request.cookies.get(sess.LOGIN_COOKIE) or sess.new_login_token()
    response = render(request, "login.html", status=status, csrf=token, error=error, next=_next(next_url),
                      name=name, user=None)
    sess.remember_login_token(response, request, token)
    for key, value in (headers or {}).items():
        response.headers[key] = value
    return response


async def login(request: Request) -> Response:
    form = await request.form()
    name, password = str(form.get("name", "")), str(form.get("password", ""))
    next_url = str(form.get("next", ""))
    lang = sess.page_language(request.headers.get("accept-language"))
    if not sess.login_csrf_ok(request, form.get(sess.CSRF_FIELD)):
        return _login_form(request, text("web_csrf", lang), next_url, name, 403)
    svc = service(request)
    client = request.client.host if request.client else "?"
    try:
        token = await asyncio.to_thread(svc.accounts.login, name, password, client)
    except Throttled as exc:
        return _login_form(request, text("service_throttled", lang, seconds=exc.retry_after), next_url, name, 429,
                           {"Retry-After": str(exc.retry_after)})
    if token is None:
        return _login_form(request, text("service_login_failed", lang), next_url, name, 401)
    svc.accounts.audit(name, "login", "", "", {"client": client, "via": "web"})
    response = sess.harden(RedirectResponse(_next(next_url), 303))
    sess.set_session(response, request, token)
    return response


@page(post=True)
async def logout(request: Request, user: User) -> Response:
    service(request).accounts.revoke(sess.session_token(request))
    response = RedirectResponse("/web/login", 303)
    sess.clear_session(response, request)
    return response


# ---- the units -----------------------------------------------------------------------------
@page
async def units(request: Request, user: User) -> Response:
    svc = service(request)
    briefs = await svc.list(user)
    for info in briefs:
        info["to_fill"] = await asyncio.to_thread(_to_fill, svc, info["name"])
        info["editable"] = user.may_write(info["unit"])
    briefs.sort(key=lambda b: (b["template"], b["name"]))
    return render(request, "units.html", briefs=briefs)


_fill_cache: dict[str, tuple] = {}


def _to_fill(svc: Service, name: str) -> int:
    path = svc.ws.brief(name)
    stat = path.stat()
    key = (stat.st_mtime_ns, stat.st_size)
    cached = _fill_cache.get(str(path))
    if cached and cached[0] == key:
        return cached[1]
    count = figs.to_fill(path.read_text(encoding="utf-8", errors="replace"))
    _fill_cache[str(path)] = (key, count)
    return count


# ---- one brief -----------------------------------------------------------------------------
def _styles(svc: Service) -> list[tuple[str, str]]:
    """(value, name shown) of the styles to pick from: the brief's own, built-in, the workspace's."""
    from ...style import builtin_styles

    names = list(builtin_styles())
    if svc.ws.styles.is_dir():
        names += sorted(p.stem for p in svc.ws.styles.glob("*.yaml") if not p.name.startswith("."))
    return [(n, STYLE_NAMES.get(n, n)) for n in dict.fromkeys(names)]


def _groups(fields: list[figs.Field]) -> list[tuple[str, list[figs.Field]]]:
    groups: OrderedDict[str, list] = OrderedDict()
    for field in fields:
        groups.setdefault(field.group, []).append(field)
    return list(groups.items())


@page
async def brief(request: Request, user: User) -> Response:
    return await _brief_page(request, user, request.path_params["name"])


async def _brief_page(request: Request, user: User, name: str, *, text_override: str | None = None,
                      problems: list | None = None, notice: str | None = None, status: int = 200) -> Response:
    svc = service(request)
    data, version = await svc.read(user, name)
    info = await svc.summary(name)
    source = text_override if text_override is not None else data.decode("utf-8", errors="replace")
    fields = figs.figures(source, await asyncio.to_thread(_template_text, svc, source))
    lang = sess.page_language(request.headers.get("accept-language"))
    return render(request, "brief.html", status=status, name=name, info=info, version=version, source=source,
                  groups=_groups(fields), styles=_styles(svc), editable=user.may_write(info["unit"]),
                  problems=localize(problems or [], lang), notice=notice,
                  can_send=user.may_write(info["unit"]), saved=request.query_params.get("saved") == "1")


_EXTENDS = re.compile(r"^extends:[ \t]*[\"']?([^\"'#\s/\\]+?)(\.yaml)?[\"']?[ \t]*(#.*)?$", re.M)


def _template_text(svc: Service, source: str) -> str:
    """The text of the workspace template ``source`` extends (for labels and units), or ''."""
    match = _EXTENDS.search(source)
    if not match:
        return ""
    try:
        return svc.ws.brief(match.group(1)).read_text(encoding="utf-8", errors="replace")
    except (BadName, OSError):
        return ""


def _previews(request: Request) -> OrderedDict:
    state = request.app.state
    if not hasattr(state, "web_previews"):
        state.web_previews = OrderedDict()
    return state.web_previews


@page(post=True, api=True)
async def preview(request: Request, user: User) -> Response:
    """JSON ``{text, changes, style}`` → the changed text, its figures, and its pages as
    pictures, or its located problems (the pictures of the last good text stay in the page)."""
    name = request.path_params["name"]
    try:
        body = json.loads(await request.body())
        source, changes, style = str(body["text"]), dict(body.get("changes") or {}), body.get("style") or None
    except (ValueError, KeyError, TypeError):
        raise Refused(400, "service_bad_request", detail='send {"text": …}') from None
    if len(source.encode()) > MAX_TEXT:
        raise Refused(413, "service_too_large", limit=MAX_TEXT // (1024 * 1024))
    lang = sess.page_language(request.headers.get("accept-language"))
    changed, refused = figs.apply(source, {str(k): str(v) for k, v in changes.items()})
    answer = {"text": changed if changed != source else None,
              "fields": [{"path": f.path, "value": f.value, "line": f.line} for f in figs.figures(changed)],
              "refused": [{"path": r.path, "message": text(r.code, lang)} for r in refused]}
    key = hashlib.sha256(json.dumps([name, style, changed, user.name]).encode()).hexdigest()[:32]
    kept = _previews(request)
    started = time.perf_counter()
    if key not in kept:
        try:
            result = await service(request).preview(user, name, changed.encode(), style)
        except BriefError as exc:
            answer["problems"] = localize(exc.problems, lang)
            return JSONResponse(answer)
        kept[key] = {"user": user.name, "pages": result["pages"], "warnings": result["warnings"],
                     "draft": result["draft"]}
        while len(kept) > PREVIEWS_KEPT:
            kept.popitem(last=False)
    kept.move_to_end(key)
    entry = kept[key]
    answer.update(problems=localize(entry["warnings"], lang), draft=entry["draft"],
                  pages=[f"/web/previews/{key}/{n + 1}.jpg" for n in range(len(entry["pages"]))],
                  seconds=round(time.perf_counter() - started, 3))
    return JSONResponse(answer)


@page(api=True)
async def preview_page(request: Request, user: User) -> Response:
    entry = _previews(request).get(request.path_params["key"])
    n = request.path_params["n"]
    if entry is None or entry["user"] != user.name or not 1 <= n <= len(entry["pages"]):
        raise Refused(404, "service_not_found", what="preview", name=request.path_params["key"])
    return Response(entry["pages"][n - 1], media_type="image/jpeg", headers={"Cache-Control": "private, max-age=600"})


@page(post=True)
async def save(request: Request, user: User) -> Response:
    name = request.path_params["name"]
    form = await _form(request)
    source = str(form.get("text", "")).replace("\r\n", "\n")
    changes = {k[2:]: str(v) for k, v in form.items() if k.startswith("f:")}
    source, refused = figs.apply(source, changes)
    lang = sess.page_language(request.headers.get("accept-language"))
    if refused:
        return await _brief_page(request, user, name, text_override=source, status=422,
                                 notice=text("web_not_saved", lang))
    try:
        await service(request).save(user, name, source.encode(), str(form.get("version", "")) or None)
    except BriefError as exc:
        return await _brief_page(request, user, name, text_override=source, problems=exc.problems, status=422,
                                 notice=text("web_not_saved", lang))
    except Refused as exc:
        if exc.status != 409:
            raise
        return await _brief_page(request, user, name, text_override=source, status=409,
                                 notice=text("web_conflict", lang))
    return RedirectResponse(f"/web/briefs/{quote(name)}?saved=1", 303)


@page(post=True)
async def download(request: Request, user: User) -> Response:
    name = request.path_params["name"]
    form = await _form(request)
    fmt = str(form.get("format", "pdf"))
    style = str(form.get("style", "")) or None
    built = await service(request).build(user, name, fmt, style)
    return Response(built.data, media_type=MEDIA.get(fmt, "application/octet-stream"), headers={
        "Content-Disposition": f"attachment; filename*=UTF-8''{quote(built.filename)}",
        "X-Brief-Version": built.version})


# ---- history -------------------------------------------------------------------------------
def _diff(before: str | None, after: str, template: str = "") -> list[dict]:
    """The figures that differ between two texts: path, label, value before and after."""
    old = {f.path: f for f in figs.figures(before, template)} if before is not None else {}
    new = {f.path: f for f in figs.figures(after, template)}
    out = []
    for path in list(dict.fromkeys([*old, *new])):
        a, b = old.get(path), new.get(path)
        if a is None or b is None or a.value != b.value:
            out.append({"path": path, "label": (b or a).label, "unit": (b or a).unit,
                        "before": a.value if a else None, "after": b.value if b else None})
    return out


@page
async def history(request: Request, user: User) -> Response:
    svc, name = service(request), request.path_params["name"]
    info = await svc.allow(user, name, "read")
    current, version = await svc.read(user, name)
    kept = await asyncio.to_thread(svc.versions.history, name)
    rows, previous = [], None
    template = await asyncio.to_thread(_template_text, svc, current.decode("utf-8", errors="replace"))
    for entry in kept:  # oldest first: each version against the one before it
        data = await asyncio.to_thread(svc.versions.text, name, entry["version"])
        body = data.decode("utf-8", errors="replace")
        rows.append({**entry, "changes": _diff(previous, body, template) if previous is not None else [],
                     "first": previous is None, "current": entry["etag"] == version})
        previous = body
    rows.reverse()
    return render(request, "history.html", name=name, info=info, version=version, versions=rows,
                  editable=user.may_write(info["unit"]), outside=bool(kept) and kept[-1]["etag"] != version,
                  restored=request.query_params.get("restored"))


@page(post=True)
async def restore(request: Request, user: User) -> Response:
    svc, name = service(request), request.path_params["name"]
    form = await _form(request)
    try:
        seq = int(str(form.get("seq", "")))
    except ValueError:
        raise Refused(400, "service_bad_request", detail="seq must be a version number") from None
    data = await asyncio.to_thread(svc.versions.text, name, seq)
    if data is None:
        raise Refused(404, "service_not_found", what="version", name=str(seq))
    lang = sess.page_language(request.headers.get("accept-language"))
    try:
        await svc.save(user, name, data, str(form.get("version", "")) or None)
    except BriefError as exc:
        return await _brief_page(request, user, name, text_override=data.decode("utf-8", errors="replace"),
                                 problems=exc.problems, status=422, notice=text("web_not_saved", lang))
    except Refused as exc:
        if exc.status != 409:
            raise
        return render(request, "error.html", status=409, status_code=409, message=text("web_conflict_restore", lang))
    return RedirectResponse(f"/web/briefs/{quote(name)}/history?restored={seq}", 303)


# ---- sending -------------------------------------------------------------------------------
def _attach(value: str | None) -> str:
    return "pdf,docx" if value == "pdf,docx" else "pdf"


@page
async def send_page(request: Request, user: User) -> Response:
    svc, name = service(request), request.path_params["name"]
    info = await svc.allow(user, name, "send")
    attach = _attach(request.query_params.get("attach"))
    lang = sess.page_language(request.headers.get("accept-language"))
    try:
        result = await svc.send(user, name, attach, False)
    except BriefError as exc:
        return render(request, "send.html", status=422, name=name, info=info, plan=None, attach=attach,
                      problems=localize(exc.problems, lang))
    plan = localize(result["plan"], lang)
    waiting = sum(r["state"] != "sent" for item in plan for r in item["recipients"])
    return render(request, "send.html", name=name, info=info, plan=plan, attach=attach, waiting=waiting, problems=[])


@page(post=True)
async def send(request: Request, user: User) -> Response:
    svc, name = service(request), request.path_params["name"]
    info = await svc.allow(user, name, "send")
    form = await _form(request)
    attach = _attach(str(form.get("attach", "pdf")))
    lang = sess.page_language(request.headers.get("accept-language"))
    try:
        result = await svc.send(user, name, attach, True)
    except BriefError as exc:
        return render(request, "send.html", status=422, name=name, info=info, plan=None, attach=attach,
                      problems=localize(exc.problems, lang))
    result = localize(result, lang)
    return render(request, "sent.html", name=name, info=info, plan=result["plan"], outcomes=result["outcomes"])


# ---- batches -------------------------------------------------------------------------------
@page
async def batch_page(request: Request, user: User) -> Response:
    svc, name = service(request), request.path_params["name"]
    info = await svc.allow(user, name, "batch")
    return render(request, "batch.html", name=name, info=info, styles=_styles(svc), problem=None)


@page(post=True)
async def batch(request: Request, user: User) -> Response:
    svc, name = service(request), request.path_params["name"]
    info = await svc.allow(user, name, "batch")
    form = await _form(request)
    upload = form.get("table")
    lang = sess.page_language(request.headers.get("accept-language"))
    filename = getattr(upload, "filename", "") or ""
    ext = PurePath(filename).suffix.lower().lstrip(".")
    if upload is None or not hasattr(upload, "read") or ext not in ("csv", "xlsx"):
        return render(request, "batch.html", status=400, name=name, info=info, styles=_styles(svc),
                      problem=text("web_batch_table", lang))
    data = await upload.read()
    try:
        table_name = check_name(PurePath(filename).name)
    except BadName:
        table_name = f"table.{ext}"
    fmt = str(form.get("format", "pdf"))
    job = await svc.batch(user, name, data, table_name, pattern=str(form.get("pattern", "")).strip() or None,
                          fmt=fmt if fmt in ("pdf", "docx") else "pdf", style=str(form.get("style", "")) or None)
    return RedirectResponse(f"/web/jobs/{job.id}", 303)


def _job(svc: Service, user: User, job_id: str, lang: str) -> dict:
    job = svc.job(user, job_id)
    return job.public(lang) if hasattr(job, "public") else job[lang]


@page
async def job_page(request: Request, user: User) -> Response:
    lang = sess.page_language(request.headers.get("accept-language"))
    job = _job(service(request), user, request.path_params["id"], lang)
    return render(request, "job.html", job=job)


@page(api=True)
async def job_status(request: Request, user: User) -> Response:
    lang = sess.page_language(request.headers.get("accept-language"))
    return JSONResponse(_job(service(request), user, request.path_params["id"], lang))


@page
async def job_zip(request: Request, user: User) -> Response:
    job_id = request.path_params["id"]
    svc = service(request)
    path = await svc.outputs(user, job_id)
    brief = _job(svc, user, job_id, "en")["brief"]
    return FileResponse(path, media_type="application/zip", filename=f"{brief}-{job_id}.zip")


async def font(request: Request) -> Response:
    """The bundled 黑体 for screens that have no Chinese font (the last resort of web.css)."""
    from ...fonts import font_path

    return FileResponse(font_path("hei"), media_type="font/ttf",
                        headers={"Cache-Control": "public, max-age=604800"})


routes = [
    Route("/", home, methods=["GET"]),
    Route("/favicon.ico", favicon, methods=["GET"]),
    Route("/web/login", login_page, methods=["GET"]),
    Route("/web/login", login, methods=["POST"]),
    Route("/web/logout", logout, methods=["POST"]),
    Route("/web/", units, methods=["GET"]),
    Route("/web/briefs/{name}", brief, methods=["GET"]),
    Route("/web/briefs/{name}/preview", preview, methods=["POST"]),
    Route("/web/briefs/{name}/save", save, methods=["POST"]),
    Route("/web/briefs/{name}/download", download, methods=["POST"]),
    Route("/web/briefs/{name}/history", history, methods=["GET"]),
    Route("/web/briefs/{name}/restore", restore, methods=["POST"]),
    Route("/web/briefs/{name}/send", send_page, methods=["GET"]),
    Route("/web/briefs/{name}/send", send, methods=["POST"]),
    Route("/web/briefs/{name}/batch", batch_page, methods=["GET"]),
    Route("/web/briefs/{name}/batch", batch, methods=["POST"]),
    Route("/web/jobs/{id}", job_page, methods=["GET"]),
    Route("/web/jobs/{id}/status", job_status, methods=["GET"]),
    Route("/web/jobs/{id}/outputs.zip", job_zip, methods=["GET"]),
    Route("/web/previews/{key}/{n:int}.jpg", preview_page, methods=["GET"]),
    Route("/web/fonts/hei.ttf", font, methods=["GET"]),
    Mount("/web/static", StaticFiles(directory=HERE / "static"), name="static"),
]
