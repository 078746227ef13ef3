"""Accounts, tokens, login throttling and the audit log, in one SQLite file in the workspace.

Passwords are kept as scrypt hashes (memory-hard: 16 MiB per check), tokens only as their
SHA-256, so a copy of the file gives away neither. Roles: ``admin`` does everything; ``editor``
edits, builds, batches and sends the briefs of its units; ``viewer`` reads and downloads the
briefs of its units (every unit when it has none). A brief without ``meta.unit`` (a template)
is read by everyone and changed by admins only.
"""
from __future__ import annotations

import hashlib
import hmac
import json
import secrets
import sqlite3
import threading
import time
from dataclasses import dataclass
from pathlib import Path

ROLES = ("admin", "editor", "viewer")
DB_NAME = "service.sqlite"
MIN_PASSWORD = 8
LOGIN_WINDOW = 15 * 60  # seconds over which failed logins are counted
LOGIN_FAILURES = 5  # failed logins per name (×4 per client address) before the next must wait
LOGIN_TOKEN_HOURS = 12
_SCRYPT = dict(n=2 ** 14, r=8, p=1, maxmem=64 * 1024 * 1024, dklen=32)

_SCHEMA = """
CREATE TABLE IF NOT EXISTS users (
    name TEXT PRIMARY KEY, role TEXT NOT NULL, units TEXT NOT NULL, password TEXT NOT NULL, created REAL NOT NULL);
CREATE TABLE IF NOT EXISTS tokens (
    hash TEXT PRIMARY KEY, user TEXT NOT NULL REFERENCES users(name) ON DELETE CASCADE,
    created REAL NOT NULL, expires REAL);
CREATE TABLE IF NOT EXISTS login_failures (who TEXT NOT NULL, at REAL NOT NULL);
CREATE INDEX IF NOT EXISTS login_failures_who ON login_failures (who, at);
CREATE TABLE IF NOT EXISTS audit (
    at REAL NOT NULL, user TEXT NOT NULL, action TEXT NOT NULL, brief TEXT NOT NULL,
    version TEXT NOT NULL, detail TEXT NOT NULL);
CREATE INDEX IF NOT EXISTS audit_brief ON audit (brief, action, at);
CREATE TABLE IF NOT EXISTS versions (
    brief TEXT NOT NULL, seq INTEGER NOT NULL, etag TEXT NOT NULL, user TEXT NOT NULL, at REAL NOT NULL,
    text BLOB NOT NULL, PRIMARY KEY (brief, seq));
"""


class AccountError(ValueError):
    """A user-management request that cannot be done (unknown user, bad role, short password)."""


class Throttled(Exception):
    """Too many failed logins: try again after ``retry_after`` seconds."""

    def __init__(self, retry_after: int):
        super().__init__(retry_after)
        self.retry_after = retry_after


@dataclass(frozen=True)
class User:
    """Who a request comes from, and what it may touch."""

    name: str
    role: str
    units: tuple[str, ...] = ()

    def may_read(self, unit: str | None) -> bool:
        """Admins read everything; others the briefs of their units and those of no unit (templates);
        a viewer without units reads every brief."""
        if self.role == "admin" or (self.role == "viewer" and not self.units):
            return True
        return unit is None or unit in self.units

    def may_write(self, unit: str | None) -> bool:
        """Admins change everything; editors the briefs whose ``meta.unit`` is one of theirs."""
        return self.role == "admin" or (self.role == "editor" and unit is not None and unit in self.units)

    def public(self) -> dict:
        return {"name": self.name, "role": self.role, "units": list(self.units)}


def hash_password(password: str) -> str:
    """``scrypt$n$r$p$salt$hash`` (hex) for ``password``."""
    salt = secrets.token_bytes(16)
    digest = hashlib.scrypt(password.encode(), salt=salt, **_SCRYPT)
    return f"scrypt${_SCRYPT['n']}${_SCRYPT['r']}${_SCRYPT['p']}${salt.hex()}${digest.hex()}"


def check_password(password: str, stored: str) -> bool:
    """True when ``password`` matches a :func:`hash_password` result (constant-time compare)."""
    try:
        _, n, r, p, salt, digest = stored.split("$")
        mine = hashlib.scrypt(password.encode(), salt=bytes.fromhex(salt), n=int(n), r=int(r), p=int(p),
                              maxmem=_SCRYPT["maxmem"], dklen=len(digest) // 2)
    except (ValueError, TypeError):
        return False
    return hmac.compare_digest(mine.hex(), digest)


def _token_hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


class Accounts:
    """The service database of one workspace. Safe to share between threads (one lock)."""

    def __init__(self, state_dir: str | Path):
        path = Path(state_dir) / DB_NAME
        path.parent.mkdir(parents=True, exist_ok=True)
        self.path = path
        self._lock = threading.Lock()
        self.db = sqlite3.connect(path, timeout=30, isolation_level=None, check_same_thread=False)
        self.db.execute("PRAGMA journal_mode=WAL")
        self.db.execute("PRAGMA foreign_keys=ON")
        self.db.executescript(_SCHEMA)
        path.chmod(0o600)

    def close(self) -> None:
        self.db.close()

    def _run(self, sql: str, args=()) -> list[tuple]:
        with self._lock:
            return self.db.execute(sql, args).fetchall()

    # ---- users -------------------------------------------------------------------------------
    def add(self, name: str, role: str, units: list[str], password: str) -> User:
        """A new user; raises AccountError for a taken name, an unknown role or a short password."""
        _check(name, role, password)
        if role == "editor" and not units:
            raise AccountError("an editor needs --units: the units whose briefs it may change")
        try:
            self._run("INSERT INTO users VALUES (?, ?, ?, ?, ?)",
                      (name, role, json.dumps(units, ensure_ascii=False), hash_password(password), time.time()))
        except sqlite3.IntegrityError:
            raise AccountError(f"a user named {name!r} exists already") from None
        return User(name, role, tuple(units))

    def remove(self, name: str) -> None:
        """Delete the user and every token of theirs (the audit log keeps their name)."""
        self.get(name)
        self._run("DELETE FROM tokens WHERE user = ?", (name,))
        self._run("DELETE FROM users WHERE name = ?", (name,))

    def passwd(self, name: str, password: str) -> None:
        """Set a new password and revoke every token of the user."""
        self.get(name)
        _check(name, "admin", password)
        self._run("UPDATE users SET password = ? WHERE name = ?", (hash_password(password), name))
        self._run("DELETE FROM tokens WHERE user = ?", (name,))

    def get(self, name: str) -> User:
        rows = self._run("SELECT name, role, units FROM users WHERE name = ?", (name,))
        if not rows:
            raise AccountError(f"no user named {name!r}")
        return User(rows[0][0], rows[0][1], tuple(json.loads(rows[0][2])))

    def users(self) -> list[User]:
        return [User(n, r, tuple(json.loads(u))) for n, r, u in
                self._run("SELECT name, role, units FROM users ORDER BY name")]

    # ---- tokens ------------------------------------------------------------------------------
    def new_token(self, name: str, hours: float | None = None) -> str:
        """A new API token for ``name`` (only its hash is stored); ``hours``: when it expires."""
        self.get(name)
        token = "bm_" + secrets.token_urlsafe(32)
        expires = time.time() + hours * 3600 if hours else None
        self._run("INSERT INTO tokens VALUES (?, ?, ?, ?)", (_token_hash(token), name, time.time(), expires))
        return token

    def authenticate(self, token: str) -> User | None:
        """The user a token belongs to, or None (unknown, revoked or expired)."""
        rows = self._run("SELECT u.name, u.role, u.units, t.expires FROM tokens t JOIN users u ON u.name = t.user "
                         "WHERE t.hash = ?", (_token_hash(token),))
        if not rows or (rows[0][3] is not None and rows[0][3] < time.time()):
            return None
        return User(rows[0][0], rows[0][1], tuple(json.loads(rows[0][2])))

    def revoke(self, token: str) -> None:
        self._run("DELETE FROM tokens WHERE hash = ?", (_token_hash(token),))

    def login(self, name: str, password: str, client: str) -> str | None:
        """A new token valid for 12 hours, or None for a wrong name or password.

        Raises :class:`Throttled` while the name (or the client address) has too many recent
        failures; the password is not even checked then."""
        now = time.time()
        self._run("DELETE FROM login_failures WHERE at < ?", (now - LOGIN_WINDOW,))
        for who, limit in ((f"user:{name}", LOGIN_FAILURES), (f"client:{client}", 4 * LOGIN_FAILURES)):
            rows = self._run("SELECT COUNT(*), MIN(at) FROM login_failures WHERE who = ?", (who,))
            if rows[0][0] >= limit:
                raise Throttled(max(1, int(rows[0][1] + LOGIN_WINDOW - now) + 1))
        rows = self._run("SELECT password FROM users WHERE name = ?", (name,))
        if rows and check_password(password, rows[0][0]):
            return self.new_token(name, LOGIN_TOKEN_HOURS)
        if not rows:
            check_password(password, hash_password("x" * MIN_PASSWORD))  # same time for unknown names
        for who in (f"user:{name}", f"client:{client}"):
            self._run("INSERT INTO login_failures VALUES (?, ?)", (who, now))
        return None

    # ---- audit log ---------------------------------------------------------------------------
    def audit(self, user: str, action: str, brief: str, version: str = "", detail: dict | None = None) -> None:
        """Record who did what to which brief version (action: save, build, batch, send, login)."""
        self._run("INSERT INTO audit VALUES (?, ?, ?, ?, ?, ?)",
                  (time.time(), user, action, brief, version, json.dumps(detail or {}, ensure_ascii=False)))

    def events(self, brief: str | None = None, limit: int = 200) -> list[dict]:
        """The newest audit rows first (of one brief, or all)."""
        sql = "SELECT at, user, action, brief, version, detail FROM audit"
        args: tuple = ()
        if brief is not None:
            sql, args = sql + " WHERE brief = ?", (brief,)
        rows = self._run(sql + " ORDER BY at DESC LIMIT ?", args + (limit,))
        return [{"at": _iso(at), "user": u, "action": a, "brief": b, "version": v, "detail": json.loads(d)}
                for at, u, a, b, v, d in rows]

    def last(self, brief: str, action: str) -> dict | None:
        """The newest audit row of ``action`` on ``brief`` (for a send: one that sent a copy), or None."""
        sent = " AND json_extract(detail, '$.sent') > 0" if action == "send" else ""
        rows = self._run("SELECT at, user, version, detail FROM audit WHERE brief = ? AND action = ?" + sent +
                         " ORDER BY at DESC LIMIT 1", (brief, action))
        if not rows:
            return None
        at, user, version, detail = rows[0]
        return {"at": _iso(at), "user": user, "version": version, "detail": json.loads(detail)}


def _check(name: str, role: str, password: str) -> None:
    from .workspace import BadName, check_name

    try:
        check_name(name)
    except BadName:
        raise AccountError(f"{name!r} cannot be a user name (letters, digits, - and _; no / or leading dot)") from None
    if role not in ROLES:
        raise AccountError(f"unknown role {role!r}: one of {', '.join(ROLES)}")
    if len(password) < MIN_PASSWORD:
        raise AccountError(f"the password needs at least {MIN_PASSWORD} characters")


def _iso(at: float) -> str:
    return time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime(at))
