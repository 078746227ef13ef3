"""The OpenAPI 3.1 document served at /api/openapi.json (the contract of issue 19, written out)."""
from __future__ import annotations

from .. import __version__

_NAME = {"name": "name", "in": "path", "required": True, "schema": {"type": "string", "maxLength": 100},
         "description": "a brief's name: briefs/NAME.yaml (no /, \\, .., NUL, % or leading dot)"}
_FORMAT = {"name": "format", "in": "query", "schema": {"enum": ["pdf", "docx"], "default": "pdf"}}
_STYLE = {"name": "style", "in": "query", "schema": {"type": "string"},
          "description": "a built-in style or a workspace style (styles/NAME.yaml)"}
_LANG = {"name": "Accept-Language", "in": "header", "schema": {"type": "string"},
         "description": "zh or en: the language of messages"}
_FILE = {"application/pdf": {"schema": {"type": "string", "format": "binary"}},
         "application/vnd.openxmlformats-officedocument.wordprocessingml.document":
             {"schema": {"type": "string", "format": "binary"}}}


def _ref(name: str) -> dict:
    return {"$ref": f"#/components/schemas/{name}"}


def _json(schema: dict, description: str = "OK") -> dict:
    return {"description": description, "content": {"application/json": {"schema": schema}}}


def _errors(*codes: int) -> dict:
    text = {400: "a bad name or parameter", 401: "no valid token", 403: "the role may not do this",
            404: "no such brief or job", 409: "changed since the version read / job still running",
            413: "body over 10 MB", 415: "wrong Content-Type", 422: "the brief's problems",
            428: "If-Match missing", 429: "too many failed logins (Retry-After)",
            503: "every worker busy, queue full (Retry-After)"}
    return {str(c): (_json(_ref("Problems"), text[c]) if c == 422 else _json(_ref("Error"), text[c])) for c in codes}


def document() -> dict:
    """The OpenAPI document as a dict."""
    auth = [{"bearer": []}]
    common = (400, 401, 403, 404)
    return {
        "openapi": "3.1.0",
        "info": {"title": "briefmaker serve", "version": __version__,
                 "description": "Briefs of a workspace: read, save (every version kept), build, batch, send. "
                                "See docs/service.md."},
        "components": {
            "securitySchemes": {"bearer": {"type": "http", "scheme": "bearer"}},
            "schemas": {
                "Error": {"type": "object", "required": ["error", "message"],
                          "properties": {"error": {"type": "string"}, "message": {"type": "string"}}},
                "Problem": {"type": "object", "required": ["line", "column", "path", "message", "code"],
                            "properties": {"line": {"type": "integer"}, "column": {"type": "integer"},
                                           "path": {"type": "string"}, "message": {"type": "string"},
                                           "code": {"type": "string"}, "file": {"type": "string"},
                                           "severity": {"enum": ["error", "warning"]}}},
                "Problems": {"type": "object", "required": ["problems"],
                             "properties": {"problems": {"type": "array", "items": _ref("Problem")}}},
                "Brief": {"type": "object", "properties": {
                    "name": {"type": "string"}, "title": {"type": ["string", "null"]},
                    "unit": {"type": ["string", "null"]}, "template": {"type": "boolean"},
                    "version": {"type": "string"}, "valid": {"type": "boolean"},
                    "last_build": {"type": ["object", "null"]}, "last_send": {"type": ["object", "null"]}}},
                "Job": {"type": "object", "properties": {
                    "id": {"type": "string"}, "brief": {"type": "string"},
                    "state": {"enum": ["queued", "running", "done", "failed", "interrupted"]},
                    "total": {"type": "integer"}, "done": {"type": "integer"}, "built": {"type": "integer"},
                    "failed": {"type": "integer"}, "problems": {"type": "array", "items": _ref("Problem")},
                    "units": {"type": "array", "items": {"type": "object", "properties": {
                        "label": {"type": "string"}, "name": {"type": ["string", "null"]},
                        "state": {"enum": ["waiting", "built", "failed", "interrupted"]},
                        "outputs": {"type": "array", "items": {"type": "string"}},
                        "problems": {"type": "array", "items": _ref("Problem")}}}}}},
                "Plan": {"type": "object", "properties": {
                    "plan": {"type": "array", "items": {"type": "object", "properties": {
                        "subject": {"type": "string"}, "version": {"type": "string"},
                        "attachments": {"type": "array", "items": {"type": "string"}},
                        "recipients": {"type": "array", "items": {"type": "object", "properties": {
                            "name": {"type": "string"}, "address": {"type": "string"},
                            "state": {"enum": ["sent", "pending", None]}}}}}}},
                    "outcomes": {"type": "array", "items": {"type": "object", "properties": {
                        "address": {"type": "string"}, "status": {"enum": ["sent", "skipped", "failed"]},
                        "problem": {"anyOf": [_ref("Problem"), {"type": "null"}]}}}}}},
            },
        },
        "paths": {
            "/healthz": {"get": {"summary": "liveness (no token)", "responses": {"200": _json({"type": "object"})}}},
            "/api/login": {"post": {
                "summary": "a 12-hour token for a name and password",
                "requestBody": {"content": {"application/json": {"schema": {
                    "type": "object", "required": ["name", "password"],
                    "properties": {"name": {"type": "string"}, "password": {"type": "string"}}}}}},
                "responses": {"200": _json({"type": "object", "properties": {"token": {"type": "string"}}}),
                              **_errors(400, 401, 429)}}},
            "/api/logout": {"post": {"security": auth, "summary": "revoke this token",
                                     "responses": {"204": {"description": "revoked"}, **_errors(401)}}},
            "/api/me": {"get": {"security": auth, "responses": {"200": _json({"type": "object"}), **_errors(401)}}},
            "/api/briefs": {"get": {"security": auth, "summary": "the briefs the user may read",
                                    "responses": {"200": _json({"type": "array", "items": _ref("Brief")}),
                                                  **_errors(401)}}},
            "/api/briefs/{name}": {
                "get": {"security": auth, "parameters": [_NAME], "summary": "the brief's text (ETag: its version)",
                        "responses": {"200": {"description": "YAML", "content": {"application/yaml": {}}},
                                      **_errors(*common)}},
                "put": {"security": auth, "summary": "save a new version (If-Match: the version read)",
                        "parameters": [_NAME, {"name": "If-Match", "in": "header", "schema": {"type": "string"}}, _LANG],
                        "requestBody": {"content": {"application/yaml": {}}},
                        "responses": {"200": _json({"type": "object"}), "201": _json({"type": "object"}, "created"),
                                      **_errors(*common, 409, 413, 415, 422, 428)}}},
            "/api/briefs/{name}/versions": {"get": {"security": auth, "parameters": [_NAME],
                                                    "responses": {"200": _json({"type": "array"}), **_errors(*common)}}},
            "/api/briefs/{name}/versions/{seq}": {"get": {
                "security": auth, "parameters": [_NAME, {"name": "seq", "in": "path", "required": True,
                                                         "schema": {"type": "integer"}}],
                "responses": {"200": {"description": "YAML", "content": {"application/yaml": {}}},
                              **_errors(*common)}}},
            "/api/briefs/{name}/build": {"post": {
                "security": auth, "summary": "build the stored brief: the bytes `briefmaker build` writes",
                "parameters": [_NAME, _FORMAT, _STYLE, _LANG],
                "responses": {"200": {"description": "the file", "content": _FILE},
                              **_errors(*common, 422, 503)}}},
            "/api/build": {"post": {
                "security": auth, "summary": "build a brief sent in the body (alone: it reaches no workspace file)",
                "parameters": [_FORMAT, _LANG], "requestBody": {"content": {"application/yaml": {}}},
                "responses": {"200": {"description": "the file", "content": _FILE},
                              **_errors(400, 401, 403, 413, 415, 422, 503)}}},
            "/api/briefs/{name}/batch": {"post": {
                "security": auth, "summary": "build the brief once per row of an uploaded CSV/XLSX table",
                "parameters": [_NAME, _FORMAT, _STYLE, {"name": "name", "in": "query", "schema": {"type": "string"},
                                                        "description": "output name pattern, e.g. {unit.name}-{meta.year}"}],
                "requestBody": {"content": {"text/csv": {}, "application/vnd.openxmlformats-officedocument."
                                                              "spreadsheetml.sheet": {},
                                            "multipart/form-data": {"schema": {"type": "object", "properties": {
                                                "table": {"type": "string", "format": "binary"}}}}}},
                "responses": {"202": _json(_ref("Job"), "the job started"), **_errors(*common, 413, 415)}}},
            "/api/jobs/{id}": {"get": {"security": auth, "parameters": [
                {"name": "id", "in": "path", "required": True, "schema": {"type": "string"}}, _LANG],
                "responses": {"200": _json(_ref("Job")), **_errors(401, 404)}}},
            "/api/jobs/{id}/outputs.zip": {"get": {"security": auth, "parameters": [
                {"name": "id", "in": "path", "required": True, "schema": {"type": "string"}}],
                "responses": {"200": {"description": "the built files", "content": {"application/zip": {}}},
                              **_errors(401, 404, 409)}}},
            "/api/briefs/{name}/send": {"post": {
                "security": auth, "summary": "the delivery plan; with confirm=true, send what the log lacks",
                "parameters": [_NAME, _LANG, {"name": "confirm", "in": "query", "schema": {"type": "boolean"}},
                               {"name": "attach", "in": "query", "schema": {"type": "string", "default": "pdf"}}],
                "responses": {"200": _json(_ref("Plan")), **_errors(*common, 422, 503)}}},
            "/api/audit": {"get": {"security": auth, "summary": "the audit log (admins)",
                                   "parameters": [{"name": "brief", "in": "query", "schema": {"type": "string"}}],
                                   "responses": {"200": _json({"type": "array"}), **_errors(401, 403)}}},
        },
    }
