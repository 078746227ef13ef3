"""The service as a client sees it: a real ``briefmaker serve`` process on loopback (conftest.py)."""
from __future__ import annotations

import io
import json
import re
import zipfile

import pytest
from pypdf import PdfReader

from .conftest import PASSWORD, UNIT

CJK = re.compile(r"[\u4e00-\u9fff]")
SMALL = """\
meta:
  title: 测试简报
  unit: 长兴路街道办事处
  year: 2020
data:
  found: 12
sections:
  - title: 一、基本情况
    body:
      - 排查矛盾{{ found }}起。
"""


def test_healthz_needs_no_token(server):
    answer = server.request("GET", "/healthz")
    assert answer.status == 200
    assert answer.json()["status"] == "ok" and answer.json()["workers"] == 2


@pytest.mark.parametrize("authorization", [None, "Bearer bm_not-a-token", "Basic YWRtaW46eA==", "Bearer "])
def test_without_a_valid_token_401(server, authorization):
    headers = {"Authorization": authorization} if authorization else {}
    for method, path in (("GET", "/api/briefs"), ("POST", "/api/briefs/changxing-2020/build"),
                         ("GET", "/api/briefs/changxing-2020"), ("POST", "/api/build")):
        answer = server.request(method, path, headers=headers)
        assert answer.status == 401, (method, path)
        assert answer.json()["error"] == "service_unauthorized"
        assert answer.headers["www-authenticate"].startswith("Bearer")


def test_login_gives_a_token_and_wrong_passwords_are_throttled(server):
    good = server.request("POST", "/api/login", body=json.dumps({"name": "viewer", "password": PASSWORD}).encode())
    assert good.status == 200
    token = good.json()["token"]
    assert server.request("GET", "/api/me", token=token).json() == {"name": "viewer", "role": "viewer", "units": []}
    assert server.request("POST", "/api/logout", token=token).status == 204
    assert server.request("GET", "/api/me", token=token).status == 401  # revoked

    statuses = [server.request("POST", "/api/login", body=json.dumps({"name": "other", "password": "wrong-guess"})
                               .encode()).status for _ in range(6)]
    assert statuses[:5] == [401] * 5 and statuses[5] == 429
    # throttled: even the right password waits now, and the answer says how long
    blocked = server.request("POST", "/api/login", body=json.dumps({"name": "other", "password": PASSWORD}).encode())
    assert blocked.status == 429 and int(blocked.headers["retry-after"]) > 0


def test_list_shows_the_briefs_a_user_may_read(server):
    everything = server.request("GET", "/api/briefs", token=server.tokens["admin"]).json()
    names = {b["name"] for b in everything}
    assert {"changxing-2020", "fenglin-2020", "mail-2020", "_district-2020"} <= names
    seed = next(b for b in everything if b["name"] == "changxing-2020")
    assert seed["unit"] == UNIT and seed["title"] and set(seed) >= {"name", "title", "unit", "last_build", "last_send"}
    mine = {b["name"] for b in server.request("GET", "/api/briefs", token=server.tokens["editor"]).json()}
    assert "changxing-2020" in mine and "fenglin-2020" not in mine


def test_roles_are_enforced_on_every_endpoint(server):
    viewer, editor, other = (server.tokens[k] for k in ("viewer", "editor", "other"))
    text = server.request("GET", "/api/briefs/mail-2020", token=viewer)
    assert text.status == 200
    yaml = {"Content-Type": "application/yaml"}
    etag = text.headers["etag"]
    # a viewer reads and downloads, and changes nothing
    assert server.request("PUT", "/api/briefs/mail-2020", token=viewer, body=text.body,
                          headers={**yaml, "If-Match": etag}).status == 403
    assert server.request("POST", "/api/briefs/mail-2020/send", token=viewer).status == 403
    assert server.request("POST", "/api/briefs/mail-2020/batch", token=viewer, body=b"a\n1\n",
                          headers={"Content-Type": "text/csv"}).status == 403
    assert server.request("POST", "/api/build", token=viewer, body=SMALL.encode(), headers=yaml).status == 403
    assert server.request("GET", "/api/audit", token=viewer).status == 403
    # an editor of another unit neither reads nor changes this unit's briefs
    assert server.request("GET", "/api/briefs/mail-2020", token=other).status == 403
    assert server.request("POST", "/api/briefs/mail-2020/build", token=other).status == 403
    assert server.request("PUT", "/api/briefs/mail-2020", token=other, body=text.body,
                          headers={**yaml, "If-Match": etag}).status == 403
    assert server.request("POST", "/api/briefs/mail-2020/send", token=other).status == 403
    # an editor may not take a brief of its unit to another unit by editing meta.unit
    moved = text.body.decode().replace("unit: 长兴路街道办事处", "unit: 枫林街道办事处").encode()
    assert server.request("PUT", "/api/briefs/mail-2020", token=editor, body=moved,
                          headers={**yaml, "If-Match": etag}).status == 403
    after = server.request("GET", "/api/briefs/mail-2020", token=editor)
    assert after.headers.get("etag") == etag, (after.status, after.body)
    forbidden = server.request("GET", "/api/briefs/mail-2020", token=other, headers={"Accept-Language": "zh-CN"})
    assert CJK.search(forbidden.json()["message"])


def test_unknown_brief_job_and_endpoint_are_404(server):
    admin = server.tokens["admin"]
    assert server.request("GET", "/api/briefs/no-such-brief", token=admin).status == 404
    assert server.request("POST", "/api/briefs/no-such-brief/build", token=admin).status == 404
    assert server.request("GET", "/api/jobs/0123456789abcdef", token=admin).status == 404
    assert server.request("GET", "/api/nothing-here", token=admin).status == 404


@pytest.mark.parametrize("path", [
    "/api/briefs/../build",
    "/api/briefs/%2e%2e/build",
    "/api/briefs/%2E%2E%2F%2E%2E%2Fetc%2Fpasswd/build",
    "/api/briefs/..%2f..%2fchangxing-2020/build",
    "/api/briefs/changxing-2020%00/build",
    "/api/briefs/changxing-2020%00.yaml",
    "/api/briefs/..%5C..%5Cchangxing-2020/build",
    "/api/briefs/%252e%252e%252fchangxing-2020/build",
    "/api/briefs/.hidden/build",
    "/api/briefs/%EF%BC%8E%EF%BC%8E/build",  # full-width ．． (NFKC: ..)
    "/api/briefs/changxing-2020%2Fbuild",
    "/api/briefs/%2Fetc%2Fpasswd",
])
def test_names_that_leave_the_workspace_are_400_or_404(server, path):
    answer = server.request("POST" if path.endswith("/build") else "GET", path, token=server.tokens["admin"])
    assert answer.status in (400, 404), answer.body[:200]
    assert b"root:" not in answer.body and not answer.body.startswith(b"%PDF")


def test_a_bad_posted_brief_is_422_with_located_problems_in_the_asked_language(server):
    bad = SMALL.replace("  year: 2020\n", "  year: 2020\n  titel: 多余\n")
    problems = {}
    for lang, accept in (("en", "en-US,en;q=0.9"), ("zh", "zh-CN,zh;q=0.9,en;q=0.8")):
        answer = server.request("POST", "/api/build?format=pdf", token=server.tokens["editor"], body=bad.encode(),
                                headers={"Content-Type": "application/yaml", "Accept-Language": accept})
        assert answer.status == 422
        problems[lang] = answer.json()["problems"]
        for problem in problems[lang]:
            assert {"line", "column", "path", "message", "code"} <= set(problem)
            assert problem["file"] == "brief.yaml" and problem["line"] > 0
    assert {p["code"] for p in problems["en"]} == {p["code"] for p in problems["zh"]}
    key = next(p for p in problems["en"] if p["path"].startswith("meta"))
    assert key["line"] == 5 and "titel" in key["message"] + key["path"]
    assert all(CJK.search(p["message"]) for p in problems["zh"])
    assert not CJK.search(key["message"])


def test_a_posted_brief_builds_without_touching_the_workspace(server):
    answer = server.request("POST", "/api/build?format=pdf", token=server.tokens["editor"], body=SMALL.encode(),
                            headers={"Content-Type": "application/yaml"})
    assert answer.status == 200 and answer.headers["content-type"] == "application/pdf"
    text = "".join(page.extract_text() for page in PdfReader(io.BytesIO(answer.body)).pages)
    assert "排查矛盾12起" in text.replace(" ", "").replace("\n", "")
    assert not list((server.workspace / ".briefmaker" / "tmp").iterdir())
    assert server.request("POST", "/api/build", token=server.tokens["editor"], body=SMALL.encode(),
                          headers={"Content-Type": "application/json"}).status == 415


@pytest.mark.parametrize("fmt", ["pdf", "docx"])
def test_build_gives_the_bytes_of_the_cli(server, fmt):
    answer = server.request("POST", f"/api/briefs/changxing-2020/build?format={fmt}", token=server.tokens["viewer"])
    assert answer.status == 200
    assert answer.headers["content-disposition"].endswith(f"changxing-2020.{fmt}")
    cli = server.cli("build", "briefs/changxing-2020.yaml", "-o", "cli-out", "--format", fmt)
    assert cli.returncode == 0, cli.stderr
    assert answer.body == (server.workspace / "cli-out" / f"changxing-2020.{fmt}").read_bytes()
    assert answer.body == (server.workspace / "out" / f"changxing-2020.{fmt}").read_bytes()
    listed = server.request("GET", "/api/briefs", token=server.tokens["admin"]).json()
    assert next(b for b in listed if b["name"] == "changxing-2020")["last_build"]["user"] == "viewer"


def test_build_refuses_a_bad_format_and_a_style_path(server):
    admin = server.tokens["admin"]
    assert server.request("POST", "/api/briefs/changxing-2020/build?format=exe", token=admin).status == 400
    assert server.request("POST", "/api/briefs/changxing-2020/build?style=../../etc/x", token=admin).status == 400
    unknown = server.request("POST", "/api/briefs/changxing-2020/build?style=nosuchstyle", token=admin)
    assert unknown.status == 422 and unknown.json()["problems"][0]["file"] == "--style"


def test_saving_keeps_every_version_and_refuses_a_stale_one(server):
    editor, yaml = server.tokens["editor"], {"Content-Type": "application/yaml"}
    created = server.request("PUT", "/api/briefs/small-2020", token=editor, body=SMALL.encode(), headers=yaml)
    assert created.status == 201
    first = server.request("GET", "/api/briefs/small-2020", token=editor)
    assert first.headers["etag"] == created.headers["etag"] and first.body == SMALL.encode()
    second_text = SMALL.replace("found: 12", "found: 13").encode()
    assert server.request("PUT", "/api/briefs/small-2020", token=editor, body=second_text,
                          headers=yaml).status == 428  # no If-Match
    saved = server.request("PUT", "/api/briefs/small-2020", token=editor, body=second_text,
                           headers={**yaml, "If-Match": first.headers["etag"]})
    assert saved.status == 200 and saved.headers["etag"] != first.headers["etag"]
    stale = server.request("PUT", "/api/briefs/small-2020", token=editor, body=SMALL.replace("12", "14").encode(),
                           headers={**yaml, "If-Match": first.headers["etag"]})
    assert stale.status == 409 and stale.json()["error"] == "service_conflict"
    assert (server.workspace / "briefs" / "small-2020.yaml").read_bytes() == second_text
    # an invalid text is refused with its problems and saves nothing
    broken = server.request("PUT", "/api/briefs/small-2020", token=editor, body=b"meta: [unclosed\n",
                            headers={**yaml, "If-Match": saved.headers["etag"]})
    assert broken.status == 422 and broken.json()["problems"][0]["file"] == "briefs/small-2020.yaml"
    # an edit made outside the service is kept too, before the next save replaces it
    outside = SMALL.replace("found: 12", "found: 15").encode()
    (server.workspace / "briefs" / "small-2020.yaml").write_bytes(outside)
    current = server.request("GET", "/api/briefs/small-2020", token=editor).headers["etag"]
    assert server.request("PUT", "/api/briefs/small-2020", token=editor, body=SMALL.encode(),
                          headers={**yaml, "If-Match": current}).status == 200
    history = server.request("GET", "/api/briefs/small-2020/versions", token=editor).json()
    texts = [server.request("GET", f"/api/briefs/small-2020/versions/{v['version']}", token=editor).body
             for v in history]
    assert texts == [SMALL.encode(), second_text, outside, SMALL.encode()]
    assert [v["user"] for v in history] == ["editor", "editor", "(outside the service)", "editor"]
    audit = server.request("GET", "/api/audit?brief=small-2020", token=server.tokens["admin"]).json()
    assert [e["action"] for e in audit].count("save") == 3 and audit[0]["version"] == history[-1]["etag"]


def _raw(server, head: bytes, body_parts) -> bytes:
    """Send a request over a plain socket, ignoring a reset once the server has answered."""
    import socket

    with socket.create_connection(("127.0.0.1", server.port), timeout=60) as sock:
        try:
            sock.sendall(head)
            for part in body_parts:
                sock.sendall(part)
        except (BrokenPipeError, ConnectionResetError):
            pass
        answer = b""
        try:
            while chunk := sock.recv(65536):
                answer += chunk
        except ConnectionResetError:
            pass
    return answer


def test_a_body_over_10_mb_is_413(server):
    auth = f"Authorization: Bearer {server.tokens['editor']}\r\nContent-Type: application/yaml\r\n".encode()
    size = 10 * 1024 * 1024 + 10
    declared = _raw(server, b"POST /api/build HTTP/1.1\r\nHost: x\r\n" + auth +
                    f"Content-Length: {size}\r\nConnection: close\r\n\r\n".encode(), [b"#" * 65536] * 4)
    assert declared.startswith(b"HTTP/1.1 413") and b"service_too_large" in declared
    # no Content-Length: counted as it streams
    chunk = b"#" * (1024 * 1024)
    parts = [f"{len(chunk):x}\r\n".encode() + chunk + b"\r\n"] * 10 + [b"10\r\n" + b"#" * 16 + b"\r\n0\r\n\r\n"]
    streamed = _raw(server, b"PUT /api/briefs/big-2020 HTTP/1.1\r\nHost: x\r\n" + auth +
                    b"Transfer-Encoding: chunked\r\nConnection: close\r\n\r\n", parts)
    assert streamed.startswith(b"HTTP/1.1 413")
    assert not (server.workspace / "briefs" / "big-2020.yaml").exists()


def test_a_job_with_one_failing_row(server):
    table = ("unit.name,meta.unit,unit.office,households,party.members,party.trainings,epidemic.cadres,"
             "epidemic.volunteers,epidemic.checkpoints,disputes.found,disputes.resolved,old_areas.total,"
             "old_areas.done,jobs.placed,jobs.trained\n"
             "青桐路街道,青桐路街道办事处,青桐路街道党政办公室,1.85万,2181,25,104,1048,52,225,223,9,1,64,359\n"
             "枫林街道,枫林街道办事处,枫林街道党政办公室,很多,643,15,103,1428,42,169,169,4,4,65,389\n"
             "明山街道,明山街道办事处,明山街道党政办公室,3.3万,1699,20,92,752,17,123,120,12,1,192,168\n")
    started = server.request("POST", "/api/briefs/_district-2020/batch?format=pdf&name={unit.name}-{meta.year}",
                             token=server.tokens["admin"], body=table.encode(), headers={"Content-Type": "text/csv"})
    assert started.status == 202, started.body
    job_id = started.json()["id"]
    assert started.headers["location"] == f"/api/jobs/{job_id}"
    import time

    deadline = time.monotonic() + 300
    while True:
        job = server.request("GET", f"/api/jobs/{job_id}", token=server.tokens["admin"],
                             headers={"Accept-Language": "zh"}).json()
        if job["state"] not in ("queued", "running") or time.monotonic() > deadline:
            break
        time.sleep(0.5)
    assert job["state"] == "done" and (job["total"], job["built"], job["failed"]) == (3, 2, 1)
    failed = next(u for u in job["units"] if u["state"] == "failed")
    assert failed["name"] == "枫林街道-2020"
    problem = failed["problems"][0]
    assert problem["line"] > 0 and "很多" in problem["message"] and CJK.search(problem["message"].replace("很多", ""))
    assert failed["label"].startswith("table.csv:3")
    # only the job's owner (and admins) see it
    assert server.request("GET", f"/api/jobs/{job_id}", token=server.tokens["editor"]).status == 404
    archive = server.request("GET", f"/api/jobs/{job_id}/outputs.zip", token=server.tokens["admin"])
    assert archive.status == 200
    names = zipfile.ZipFile(io.BytesIO(archive.body)).namelist()
    assert names == ["明山街道-2020.pdf", "青桐路街道-2020.pdf"]
    pdf = zipfile.ZipFile(io.BytesIO(archive.body)).read("明山街道-2020.pdf")
    assert "明山" in PdfReader(io.BytesIO(pdf)).pages[0].extract_text()


def test_openapi_describes_every_route(server):
    from briefmaker.service.api import routes

    answer = server.request("GET", "/api/openapi.json")
    assert answer.status == 200
    doc = answer.json()
    assert doc["openapi"].startswith("3.")
    for route in routes:
        path = route.path.replace(":int}", "}")
        if path == "/api/openapi.json":
            continue
        assert path in doc["paths"], path
        assert set(m.lower() for m in route.methods) - {"head"} <= set(doc["paths"][path]), path
