"""The login cookie, CSRF tokens, the page language and the security headers of every page.

A session is an API token from :meth:`Accounts.login` (valid 12 hours, stored hashed) kept in
an HttpOnly, SameSite=Strict cookie (Secure when the request came over HTTPS, directly or
through the reverse proxy). Every form and every script request carries a CSRF token derived
from the session token, so a page on another site can neither read nor forge it; the login
form, before any session, uses a double-submit cookie.
"""
from __future__ import annotations

import hashlib
import hmac
import secrets

from starlette.requests import Request
from starlette.responses import Response

from ..accounts import User

COOKIE = "bm_session"
LOGIN_COOKIE = "bm_login_csrf"
CSRF_FIELD = "csrf"
CSRF_HEADER = "x-csrf-token"
SESSION_SECONDS = 12 * 3600
CSP = ("default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; connect-src 'self'; "
       "font-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'")
HEADERS = {"Content-Security-Policy": CSP, "X-Content-Type-Options": "nosniff", "Referrer-Policy": "same-origin",
           "X-Frame-Options": "DENY", "Cache-Control": "no-store"}


def page_language(accept: str | None) -> str:
    """'en' when the browser prefers English to Chinese, else 'zh' (also when it names neither)."""
    best: dict[str, float] = {}
    for position, part in enumerate((accept or "").split(",")):
        tag, _, params = part.strip().partition(";")
        q = 1.0
        for param in params.split(";"):
            key, _, value = param.strip().partition("=")
            if key.strip() == "q":
                try:
                    q = float(value)
                except ValueError:
                    q = 0.0
        lang = tag.strip().lower().split("-")[0]
        if lang in ("zh", "en") and q > 0:
            best.setdefault(lang, q - position * 1e-6)
    return "en" if best.get("en", -1) > best.get("zh", -1) else "zh"


def session_token(request: Request) -> str | None:
    return request.cookies.get(COOKIE) or None


def user_of(request: Request) -> User | None:
    """The logged-in user, or None (no cookie, or an expired or revoked session)."""
    token = session_token(request)
    return request.app.state.service.accounts.authenticate(token) if token else None


def csrf_token(request: Request) -> str:
    """The CSRF token of the request's session (of the login form before there is one)."""
    token = session_token(request)
    return hashlib.sha256(b"briefmaker-csrf\0" + token.encode()).hexdigest() if token else ""


def csrf_ok(request: Request, sent: str | None) -> bool:
    """True when ``sent`` (a form field or the X-CSRF-Token header) is the session's token."""
    expected = csrf_token(request)
    return bool(expected and isinstance(sent, str)) and hmac.compare_digest(expected, sent)


def secure(request: Request) -> bool:
    """True when the browser reached us over HTTPS (uvicorn applies X-Forwarded-Proto behind a proxy)."""
    return request.url.scheme == "https"


def set_session(response: Response, request: Request, token: str) -> None:
    response.set_cookie(COOKIE, token, max_age=SESSION_SECONDS, httponly=True, samesite="strict",
                        secure=secure(request), path="/")
    response.delete_cookie(LOGIN_COOKIE, path="/")


def clear_session(response: Response, request: Request) -> None:
    response.delete_cookie(COOKIE, path="/", httponly=True, samesite="strict", secure=secure(request))


def new_login_token() -> str:
    return secrets.token_urlsafe(24)


def remember_login_token(response: Response, request: Request, token: str) -> None:
    """Keep the login form's token in a cookie too (double submit: a foreign page can send
    the form but cannot read or set the cookie)."""
    response.set_cookie(LOGIN_COOKIE, token, max_age=3600, httponly=True, samesite="strict",
                        secure=secure(request), path="/")


def login_csrf_ok(request: Request, sent) -> bool:
    """True when the login form's token matches its cookie."""
    expected = request.cookies.get(LOGIN_COOKIE)
    return bool(expected and isinstance(sent, str)) and hmac.compare_digest(expected, sent)


def harden(response: Response) -> Response:
    """``response`` with the page security headers (strict CSP, no framing, no sniffing, no caching)."""
    for key, value in HEADERS.items():
        response.headers.setdefault(key, value)
    return response
