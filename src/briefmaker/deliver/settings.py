"""SMTP settings from the environment (``BRIEFMAKER_SMTP_*``) or a config file outside the brief.

The password is kept out of ``repr`` and never copied into a message, a log row or an error.
"""
from __future__ import annotations

import difflib
import os
from dataclasses import dataclass, field
from pathlib import Path

from ..errors import BriefError, Location, Problem
from ..i18n import LocalText

SECURITY = ("starttls", "ssl", "none")
DEFAULT_PORTS = {"starttls": 587, "ssl": 465, "none": 25}
# config-file key → environment variable
KEYS = {
    "host": "BRIEFMAKER_SMTP_HOST",
    "port": "BRIEFMAKER_SMTP_PORT",
    "user": "BRIEFMAKER_SMTP_USER",
    "password": "BRIEFMAKER_SMTP_PASSWORD",
    "security": "BRIEFMAKER_SMTP_SECURITY",
    "from": "BRIEFMAKER_SMTP_FROM",
    "cafile": "BRIEFMAKER_SMTP_CAFILE",
    "retries": "BRIEFMAKER_SMTP_RETRIES",
    "retry_delay": "BRIEFMAKER_SMTP_RETRY_DELAY",
    "timeout": "BRIEFMAKER_SMTP_TIMEOUT",
    "connection_deadline": "BRIEFMAKER_SMTP_CONNECTION_DEADLINE",
    "run_deadline": "BRIEFMAKER_SMTP_RUN_DEADLINE",
}
CONFIG_ENV = "BRIEFMAKER_SMTP_CONFIG"


@dataclass(frozen=True)
class SmtpSettings:
    """Where and how to send. ``attempts`` tries per recipient; waits grow as retry_delay × 2ⁿ.

    Deadlines, in seconds: ``timeout`` for each whole answer of the server (and for connecting, and
    for the delivery log while another program holds it locked);
    ``connection_deadline`` for opening a connection, and again for each message sent on it;
    ``run_deadline`` for all the sending of one run.
    """

    host: str | None = None
    port: int = 587
    user: str | None = None
    password: str | None = field(default=None, repr=False)
    security: str = "starttls"
    sender: str | None = None
    cafile: str | None = None
    attempts: int = 4
    retry_delay: float = 2.0
    timeout: float = 30.0
    connection_deadline: float = 120.0
    run_deadline: float = 1800.0


def load_settings(env: dict | None = None, config: str | os.PathLike | None = None) -> SmtpSettings:
    """Settings from ``config`` (a YAML file; default ``$BRIEFMAKER_SMTP_CONFIG``), then ``env``.

    An environment variable wins over the file. Bad values raise a BriefError located at the
    variable's name or the file's line; a missing host or sender is only an error when sending.
    """
    env = dict(os.environ) if env is None else env
    raw: dict[str, tuple[str, Location]] = {}
    config = config or env.get(CONFIG_ENV)
    problems: list[Problem] = []
    if config:
        raw.update(_from_file(Path(config), problems))
    for key, var in KEYS.items():
        if env.get(var, "") != "":
            raw[key] = (env[var], Location(var))
    if problems:
        raise BriefError(problems)

    def get(key, default=None):
        return raw[key][0] if key in raw else default

    security = str(get("security", "starttls")).strip().lower()
    if security not in SECURITY:
        problems.append(_bad(raw["security"], "security", "starttls, ssl, none"))
        security = "starttls"
    port = _number(raw, "port", DEFAULT_PORTS[security], int, lambda v: 0 < v < 65536, "1–65535", problems)
    attempts = _number(raw, "retries", 4, int, lambda v: 1 <= v <= 20, "1–20", problems)
    delay = _number(raw, "retry_delay", 2.0, float, lambda v: 0 <= v <= 600, "0–600 (seconds)", problems)
    timeout = _number(raw, "timeout", 30.0, float, lambda v: 0.1 <= v <= 600, "0.1–600 (seconds)", problems)
    per_connection = _number(raw, "connection_deadline", 120.0, float, lambda v: 1 <= v <= 3600,
                             "1–3600 (seconds)", problems)
    per_run = _number(raw, "run_deadline", 1800.0, float, lambda v: 1 <= v <= 86400, "1–86400 (seconds)", problems)
    if problems:
        raise BriefError(problems)
    text = lambda key: (str(get(key)).strip() or None) if get(key) is not None else None  # noqa: E731
    return SmtpSettings(host=text("host"), port=port, user=text("user"),
                        password=None if get("password") is None else str(get("password")),
                        security=security, sender=text("from"), cafile=text("cafile"),
                        attempts=attempts, retry_delay=delay, timeout=timeout,
                        connection_deadline=per_connection, run_deadline=per_run)


def _from_file(path: Path, problems: list[Problem]) -> dict:
    from ..brief.source import load_yaml

    data, source = load_yaml(path)
    problems += source.problems
    if not isinstance(data, dict):
        problems.append(Problem(source.locate(()), "wrong_type",
                                {"expected": LocalText.type("a mapping"), "got": type(data).__name__}))
        return {}
    out = {}
    for key, value in data.items():
        if key not in KEYS:
            match = difflib.get_close_matches(str(key), KEYS, n=1)
            hint = LocalText.of("did_you_mean", suggestion=match[0]) if match else ""
            problems.append(Problem(source.locate((key,), key=True), "smtp_config_key", {"key": key, "hint": hint}))
        elif value is not None:
            out[key] = (value, source.locate((key,)))
    return out


def _bad(entry, key, expected) -> Problem:
    value, where = entry
    shown = "***" if key == "password" else value
    return Problem(where, "smtp_setting_bad", {"name": where.file if where.line == 0 else key,
                                                "value": shown, "expected": expected})


def _number(raw, key, default, kind, ok, expected, problems):
    if key not in raw:
        return default
    try:
        value = kind(str(raw[key][0]).strip())
    except ValueError:
        value = None
    if value is None or not ok(value):
        problems.append(_bad(raw[key], key, expected))
        return default
    return value


def require(settings: SmtpSettings) -> list[Problem]:
    """Problems that stop a real send: no host, or no sender address."""
    missing = []
    if not settings.host:
        missing.append(Problem(Location(KEYS["host"]), "smtp_setting_missing", {"name": KEYS["host"]}))
    if not settings.sender:
        missing.append(Problem(Location(KEYS["from"]), "smtp_setting_missing", {"name": KEYS["from"]}))
    return missing
