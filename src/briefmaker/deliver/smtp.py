"""Handing messages to an SMTP server: TLS as configured, AUTH, retries with backoff.

Temporary failures (connection refused or dropped, 4xx answers) are retried after
``retry_delay × 2ⁿ`` seconds; permanent ones (5xx, TLS or login failures) are not. A failure to
connect or log in that is permanent fails every later message too, without new attempts.
"""
from __future__ import annotations

import base64
import smtplib
import ssl
import time
from dataclasses import dataclass
from email.message import EmailMessage
from email.utils import parseaddr

from .settings import SmtpSettings


@dataclass(frozen=True)
class Failure:
    """Why a message was not delivered: the server's code (None if it never answered) and text."""

    code: int | None
    detail: str
    attempts: int
    permanent: bool = False  # known to be final although the server gave no code (TLS, login)

    @property
    def temporary(self) -> bool:
        return not self.permanent and (self.code is None or 400 <= self.code < 500)


class _Permanent(Exception):
    """A connect/login failure that no retry can fix; fails every later message too."""


class Transport:
    """One connection, opened when first needed and reopened after a temporary failure."""

    def __init__(self, settings: SmtpSettings, *, sleep=time.sleep, timeout: float = 30):
        self.settings, self.sleep, self.timeout = settings, sleep, timeout
        self.conn: smtplib.SMTP | None = None
        self.fatal: Failure | None = None
        self.in_flight = False  # True while the server may be taking a message (it may have arrived)

    def __enter__(self) -> "Transport":
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def send(self, msg: EmailMessage, address: str) -> Failure | None:
        """Deliver ``msg`` to ``address`` (the envelope recipient); None once the server accepted it."""
        if self.fatal:
            return self.fatal
        sender = parseaddr(self.settings.sender or "")[1]
        failure = None
        for attempt in range(1, self.settings.attempts + 1):
            try:
                conn = self._connection()
                self.in_flight = True
                try:
                    conn.send_message(msg, from_addr=sender, to_addrs=[address])
                except Exception:  # the server refused or the line dropped: nothing was taken
                    self.in_flight = False
                    raise
                self.in_flight = False  # an interrupt leaves it True: the copy may have arrived
                return None
            except _Permanent as exc:
                self.fatal = Failure(*exc.args, attempts=attempt, permanent=True)
                self.close()
                return self.fatal
            except smtplib.SMTPRecipientsRefused as exc:
                code, text = exc.recipients.get(address, next(iter(exc.recipients.values()), (None, b"")))
                failure = Failure(code, _text(text), attempt)
            except smtplib.SMTPResponseException as exc:
                failure = Failure(exc.smtp_code, _text(exc.smtp_error), attempt)
            except (smtplib.SMTPServerDisconnected, OSError) as exc:
                failure = Failure(None, _os_text(exc), attempt)
            except smtplib.SMTPException as exc:
                failure = Failure(None, str(exc), attempt, permanent=True)
            if not failure.temporary:
                return failure
            self.close()
            if attempt < self.settings.attempts:
                self.sleep(self.settings.retry_delay * 2 ** (attempt - 1))
        return failure

    def _connection(self) -> smtplib.SMTP:
        if self.conn is not None:
            return self.conn
        s = self.settings
        try:
            context = ssl.create_default_context(cafile=s.cafile) if s.security != "none" else None
        except (OSError, ssl.SSLError) as exc:
            raise _Permanent(None, f"{s.cafile}: {_os_text(exc)}") from None
        try:
            if s.security == "ssl":
                conn = smtplib.SMTP_SSL(s.host, s.port, timeout=self.timeout, context=context)
            else:
                conn = smtplib.SMTP(s.host, s.port, timeout=self.timeout)
            self.conn = conn
            conn.ehlo()
            if s.security == "starttls":
                conn.starttls(context=context)
                conn.ehlo()
            if s.user:
                _login(conn, s.user, s.password or "")
        except ssl.SSLError as exc:  # certificate or protocol: retrying cannot help
            self.close()
            raise _Permanent(None, _os_text(exc)) from None
        except smtplib.SMTPNotSupportedError as exc:
            self.close()
            raise _Permanent(None, str(exc)) from None
        except smtplib.SMTPResponseException as exc:
            self.close()
            if 400 <= exc.smtp_code < 500:
                raise
            raise _Permanent(exc.smtp_code, _text(exc.smtp_error)) from None
        except BaseException:
            self.close()
            raise
        return conn

    def close(self) -> None:
        """Say QUIT if the connection still answers; forget it either way."""
        conn, self.conn = self.conn, None
        if conn is not None:
            try:
                conn.quit()
            except (smtplib.SMTPException, OSError):
                conn.close()


def _login(conn: smtplib.SMTP, user: str, password: str) -> None:
    """AUTH PLAIN in UTF-8 (RFC 4616) when offered, else whatever smtplib chooses.

    smtplib's own PLAIN encodes as ASCII (a password such as 'Pässwort' crashes it), and after a
    refused PLAIN it goes on to try LOGIN, which some servers answer by waiting forever.
    """
    if "plain" not in conn.esmtp_features.get("auth", "").lower().split():
        conn.login(user, password)
        return
    token = base64.b64encode(b"\0" + user.encode() + b"\0" + password.encode()).decode("ascii")
    code, reply = conn.docmd("AUTH", "PLAIN " + token)
    if code != 235:
        raise smtplib.SMTPAuthenticationError(code, reply)


def _text(value) -> str:
    return value.decode("utf-8", "replace") if isinstance(value, bytes) else str(value)


def _os_text(exc: BaseException) -> str:
    return getattr(exc, "strerror", None) or str(exc) or type(exc).__name__
