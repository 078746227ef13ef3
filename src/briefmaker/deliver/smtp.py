"""Handing messages to an SMTP server under deadlines: TLS as configured, AUTH, retries with backoff.

Every wait is bounded three ways: each answer of the server must arrive whole within
``timeout`` (a server trickling its greeting byte by byte times out like a silent one); opening
a connection, and then each message sent on it, must end within ``connection_deadline`` (a
watchdog shuts the socket down when it passes); and nothing starts after ``run_deadline``. An
answer may hold at most 100 lines of at most 2,048 bytes.

Temporary failures (connection refused or dropped before the message's end, 4xx answers) are
retried after ``retry_delay × 2ⁿ`` seconds within the run's deadline; 5xx answers are not. Once
the message's final ``.`` has gone out, a missing answer makes the copy *in doubt*: it is never
retried. A server that stops answering, misbehaves, refuses TLS or the login, or cannot be
reached at all fails every later copy of the run without new attempts.

Over 400 lines on purpose: the deadlines, the answer reader and the retry rules are one state
machine around one connection.
"""
from __future__ import annotations

import base64
import re
import select
import smtplib
import socket
import ssl
import threading
import time
from dataclasses import dataclass, replace

from ..i18n import LocalText
from .settings import SmtpSettings

MAX_REPLY_LINES = 100
MAX_LINE = 2048  # RFC 5321 allows 512 octets per reply line
_CHUNK = 64 * 1024


@dataclass(frozen=True)
class Failure:
    """Why a copy was not (surely) delivered.

    ``kind``: 'temporary' (retries ran out), 'permanent' (a 5xx answer), 'fatal' (the server
    cannot be used for the rest of the run), 'in_doubt' (the message went out, no answer came),
    or 'lost' (another run took the copy over). ``code`` is the server's reply code, if any.
    """

    kind: str
    detail: str | LocalText
    code: int | None = None
    attempts: int = 1
    earlier: bool = False  # the failure came to an earlier copy; this one was not tried


class NoAnswer(smtplib.SMTPException):
    """The server did not answer in time (silent, trickling, or past a deadline)."""


class Misbehaved(smtplib.SMTPException):
    """The server's answer broke SMTP's rules (too long, too many lines, not a reply)."""


class _Fatal(Exception):
    """A failure to connect or log in that no retry can fix; fails every later copy too."""


class _Watchdog:
    """Shuts a socket down when a deadline passes, waking any read or write blocked on it."""

    def __init__(self):
        self.lock = threading.Lock()
        self.timer: threading.Timer | None = None
        self.fd = -1
        self.fired = False

    def arm(self, fd: int, at: float) -> None:
        self.disarm()
        with self.lock:
            self.fd, self.fired = fd, False
            self.timer = threading.Timer(max(0.0, at - time.monotonic()), self._fire)
            self.timer.daemon = True
            self.timer.start()

    def disarm(self) -> None:
        with self.lock:
            if self.timer is not None:
                self.timer.cancel()
            self.timer, self.fd = None, -1

    def _fire(self) -> None:
        with self.lock:  # disarm() runs before the socket is closed, so fd is still this socket
            if self.fd < 0:
                return
            self.fired = True
            try:
                dup = socket.fromfd(self.fd, socket.AF_INET, socket.SOCK_STREAM)
            except OSError:
                return
            try:
                dup.shutdown(socket.SHUT_RDWR)
            except OSError:
                pass
            finally:
                dup.close()


class _Connection(smtplib.SMTP):
    """smtplib's commands, with answers read under a deadline and a size cap."""

    def __init__(self, settings: SmtpSettings, context: ssl.SSLContext | None):
        # socket.getfqdn() (smtplib's default name) can wait on DNS outside any deadline
        super().__init__(timeout=settings.timeout, local_hostname="localhost")
        self.settings, self.context = settings, context
        self.watchdog = _Watchdog()
        self.phase_ends = float("inf")
        self.phase_name = "connection"
        self._buffer = b""
        self._buffer_sock = None

    # -- deadlines ----------------------------------------------------------------------

    def start_phase(self, ends: float, name: str) -> None:
        """Everything from now until the next phase must end by ``ends`` (time.monotonic)."""
        self.phase_ends, self.phase_name = ends, name
        if self.sock is not None:
            self.watchdog.arm(self.sock.fileno(), ends)

    def _remaining(self, limit: float) -> float:
        left = min(limit, self.phase_ends - time.monotonic())
        if left <= 0:
            raise self._late()
        return left

    def _late(self) -> NoAnswer:
        if self.phase_ends - time.monotonic() <= 0.05 or self.watchdog.fired:
            return NoAnswer(LocalText.of("smtp_phase_deadline", seconds=_seconds(self.settings.connection_deadline),
                                         what=LocalText.of(f"smtp_phase_{self.phase_name}")))
        return NoAnswer(LocalText.of("smtp_no_answer", seconds=_seconds(self.settings.timeout)))

    # -- socket ---------------------------------------------------------------------------

    def _get_socket(self, host, port, timeout):
        self._host = host  # the name STARTTLS checks the certificate against
        try:
            sock = socket.create_connection((host, port), self._remaining(timeout), self.source_address)
        except socket.timeout:  # no answer to the connection request (a host that drops it): like silence
            raise self._late() from None
        self.watchdog.arm(sock.fileno(), self.phase_ends)
        self.local_hostname = _helo_name(sock)
        if self.settings.security == "ssl":
            sock.settimeout(self._remaining(self.settings.timeout))
            try:
                sock = self.context.wrap_socket(sock, server_hostname=host)
            except BaseException:
                self.watchdog.disarm()
                sock.close()
                raise
        return sock

    def send(self, data) -> None:
        """Write ``data`` within the current deadlines (each chunk within ``timeout``)."""
        if self.sock is None:
            raise smtplib.SMTPServerDisconnected("not connected")
        if isinstance(data, str):
            data = data.encode(self.command_encoding)
        try:
            for start in range(0, len(data), _CHUNK):
                self.sock.settimeout(self._remaining(self.settings.timeout))
                self.sock.sendall(data[start:start + _CHUNK])
        except (socket.timeout, OSError) as exc:
            if isinstance(exc, socket.timeout) or self.watchdog.fired:
                raise self._late() from None
            raise smtplib.SMTPServerDisconnected(_os_text(exc)) from None

    def getreply(self):
        """One whole answer, (code, text): within ``timeout``, ≤ 100 lines of ≤ 2,048 bytes."""
        ends = time.monotonic() + self.settings.timeout
        if self._buffer_sock is not self.sock:  # a new socket (after STARTTLS): nothing read before counts
            self._buffer, self._buffer_sock = b"", self.sock
        lines, code = [], None
        while True:
            line = self._line(ends)
            if len(lines) == MAX_REPLY_LINES:
                raise Misbehaved(LocalText.of("smtp_too_many_lines", lines=MAX_REPLY_LINES))
            head = line[:3]
            if not (head.isdigit() and line[3:4] in (b"-", b" ", b"\r", b"\n", b"")):
                raise Misbehaved(LocalText.of("smtp_not_smtp", line=repr(line[:60])))
            if code is not None and int(head) != code:
                raise Misbehaved(LocalText.of("smtp_not_smtp", line=repr(line[:60])))
            code = int(head)
            lines.append(line[4:].strip(b" \t\r\n"))
            if line[3:4] != b"-":
                return code, b"\n".join(lines)

    def _line(self, ends: float) -> bytes:
        while True:
            end = self._buffer.find(b"\n")
            if end >= 0:
                line, self._buffer = self._buffer[:end + 1], self._buffer[end + 1:]
                if len(line) > MAX_LINE:
                    raise Misbehaved(LocalText.of("smtp_line_too_long", size=MAX_LINE))
                return line
            if len(self._buffer) > MAX_LINE:
                raise Misbehaved(LocalText.of("smtp_line_too_long", size=MAX_LINE))
            if self.sock is None:
                raise smtplib.SMTPServerDisconnected("not connected")
            try:
                self.sock.settimeout(self._remaining(ends - time.monotonic()))
                chunk = self.sock.recv(4096)
            except socket.timeout:
                raise self._late() from None
            except OSError as exc:
                if self.watchdog.fired:
                    raise self._late() from None
                raise smtplib.SMTPServerDisconnected(_os_text(exc)) from None
            if not chunk:
                if self.watchdog.fired:
                    raise self._late()
                raise smtplib.SMTPServerDisconnected(LocalText.of("smtp_closed"))
            self._buffer += chunk

    def answered_early(self) -> bool:
        """True when the server has something to say (or has hung up) before being asked."""
        if self._buffer:
            return True
        pending = getattr(self.sock, "pending", lambda: 0)()
        return bool(pending) or bool(select.select([self.sock], [], [], 0)[0])

    def close(self) -> None:
        self.watchdog.disarm()  # before the socket (and its descriptor number) goes away
        super().close()


class Transport:
    """One connection, opened when first needed and reopened after a temporary failure."""

    def __init__(self, settings: SmtpSettings, *, sleep=time.sleep):
        self.settings, self.sleep = settings, sleep
        self.run_ends = time.monotonic() + settings.run_deadline
        self.conn: _Connection | None = None
        self.fatal: Failure | None = None

    def __enter__(self) -> "Transport":
        return self

    def __exit__(self, *exc) -> None:
        self.close(polite=exc[0] is None)

    def send(self, data: bytes, sender: str, address: str, *, before_attempt=lambda: True,
             before_body=lambda: True) -> Failure | None:
        """Deliver the message ``data`` (CRLF lines) from ``sender`` to ``address``; None once accepted.

        ``before_attempt()`` is called before each attempt and ``before_body()`` just before the
        message's text goes out; either returning False stops with a 'lost' Failure and sends
        nothing more.
        """
        failure: Failure | None = None
        reached = False  # did any attempt get a working connection?
        for attempt in range(1, self.settings.attempts + 1):
            if self.fatal:
                return replace(self.fatal, attempts=0, earlier=True)
            if time.monotonic() >= self.run_ends:
                return self._fail_run(Failure("fatal", LocalText.of(
                    "smtp_run_deadline", seconds=_seconds(self.settings.run_deadline)), attempts=attempt - 1))
            if not before_attempt():
                return Failure("lost", "", attempts=attempt)
            stage = "open"
            try:
                conn = self._connection()
                reached = True
                stage = "command"
                conn.start_phase(min(time.monotonic() + self.settings.connection_deadline, self.run_ends), "message")
                stage = self._transaction(conn, data, sender, address, before_body)
                if stage == "lost":
                    return Failure("lost", "", attempts=attempt)
                return None
            except _Fatal as exc:
                return self._fail_run(Failure("fatal", exc.args[1], exc.args[0], attempt))
            except _Stage as exc:
                stage, error = exc.stage, exc.error
            except (smtplib.SMTPException, OSError) as exc:
                error = exc
            failure = self._judge(error, stage, attempt)
            if failure.kind != "temporary":
                self.close(polite=False)
                if failure.kind == "fatal" or (failure.kind == "in_doubt" and isinstance(error, NoAnswer)):
                    self._fail_run(failure if failure.kind == "fatal" else Failure("fatal", failure.detail))
                return failure
            self.close(polite=False)
            if attempt < self.settings.attempts:
                delay = self.settings.retry_delay * 2 ** (attempt - 1)
                if time.monotonic() + delay >= self.run_ends:
                    break
                self.sleep(delay)
        if not reached and failure is not None:  # never got through to the server: it is down for everyone
            self._fail_run(Failure("fatal", failure.detail, failure.code, failure.attempts))
        return failure

    def _judge(self, error: BaseException, stage: str, attempt: int) -> Failure:
        """What an exception at ``stage`` ('open', 'command', 'body', 'answer') means for the copy."""
        if isinstance(error, NoAnswer | Misbehaved):
            return Failure("in_doubt" if stage == "answer" else "fatal", error.args[0], attempts=attempt)
        if isinstance(error, smtplib.SMTPRecipientsRefused):
            code, text = next(iter(error.recipients.values()), (None, b""))
            return _by_code(code, _text(text), attempt)
        if isinstance(error, smtplib.SMTPResponseException):
            return _by_code(error.smtp_code, _text(error.smtp_error), attempt)
        detail = _os_text(error) if isinstance(error, OSError) else _text(error.args[0] if error.args else error)
        if stage == "answer":
            return Failure("in_doubt", detail, attempts=attempt)
        if isinstance(error, smtplib.SMTPServerDisconnected | OSError):
            if stage == "open":
                detail = _at(f"{self.settings.host}:{self.settings.port}", detail)
            return Failure("temporary", detail, attempts=attempt)
        return Failure("fatal", detail, attempts=attempt)

    def _fail_run(self, failure: Failure) -> Failure:
        self.fatal = failure
        self.close(polite=False)
        return failure

    def _transaction(self, conn: _Connection, data: bytes, sender: str, address: str, before_body) -> str:
        """MAIL, RCPT, DATA, the text, the final answer; returns 'sent' or 'lost', raises _Stage."""
        stage = "command"
        try:
            code, reply = conn.mail(sender)
            if code != 250:
                raise smtplib.SMTPSenderRefused(code, reply, sender)
            code, reply = conn.rcpt(address)
            if code not in (250, 251):
                raise smtplib.SMTPRecipientsRefused({address: (code, reply)})
            conn.putcmd("data")
            code, reply = conn.getreply()
            if code != 354:
                raise smtplib.SMTPDataError(code, reply)
            if not before_body():
                conn.rset()
                return "lost"
            stage = "body"
            body = re.sub(rb"(?m)^\.", b"..", data)
            conn.send(body if body.endswith(b"\r\n") else body + b"\r\n")
            if conn.answered_early():  # it hung up or answered before the end: the message was not taken
                code, reply = conn.getreply()
                if 400 <= code < 600:
                    raise smtplib.SMTPDataError(code, reply)
                raise Misbehaved(LocalText.of("smtp_not_smtp", line=repr(reply[:60])))
            stage = "answer"  # from here on, the server may have the whole message
            conn.send(b".\r\n")
            code, reply = conn.getreply()
            if code != 250:
                raise smtplib.SMTPDataError(code, reply)
            return "sent"
        except (smtplib.SMTPException, OSError) as exc:
            raise _Stage(stage, exc) from None

    def _connection(self) -> _Connection:
        if self.conn is not None:
            return self.conn
        s = self.settings
        try:
            context = ssl.create_default_context(cafile=s.cafile) if s.security != "none" else None
        except (OSError, ssl.SSLError) as exc:
            raise _Fatal(None, f"{s.cafile}: {_os_text(exc)}") from None
        conn = _Connection(s, context)
        conn.start_phase(min(time.monotonic() + s.connection_deadline, self.run_ends), "connection")
        self.conn = conn
        try:
            code, reply = conn.connect(s.host, s.port)
            if code != 220:
                raise smtplib.SMTPConnectError(code, reply)
            conn.ehlo_or_helo_if_needed()
            if s.security == "starttls":
                conn.starttls(context=context)
                conn.ehlo_or_helo_if_needed()
            if s.user:
                _login(conn, s.user, s.password or "")
        except ssl.SSLError as exc:  # certificate or protocol: retrying cannot help
            self.close(polite=False)
            raise _Fatal(None, _os_text(exc)) from None
        except smtplib.SMTPNotSupportedError as exc:
            self.close(polite=False)
            raise _Fatal(None, str(exc)) from None
        except (NoAnswer, Misbehaved) as exc:
            self.close(polite=False)
            raise _Fatal(None, _at(f"{s.host}:{s.port}", exc.args[0])) from None
        except smtplib.SMTPResponseException as exc:
            self.close(polite=False)
            if 400 <= exc.smtp_code < 500:
                raise
            raise _Fatal(exc.smtp_code, _text(exc.smtp_error)) from None
        except BaseException:
            self.close(polite=False)
            raise
        return conn

    def close(self, polite: bool = True) -> None:
        """Say QUIT (briefly) when ``polite`` and the connection still works; forget it either way."""
        conn, self.conn = self.conn, None
        if conn is None:
            return
        try:
            if polite and conn.sock is not None:
                conn.start_phase(time.monotonic() + min(5.0, self.settings.timeout), "connection")
                conn.quit()
        except (smtplib.SMTPException, OSError):
            pass
        finally:
            conn.close()


class _Stage(Exception):
    """An SMTP error together with how far the transaction had got."""

    def __init__(self, stage: str, error: BaseException):
        super().__init__(stage, error)
        self.stage, self.error = stage, error


def _by_code(code: int | None, text: str, attempt: int) -> Failure:
    if code is not None and 400 <= code < 500:
        return Failure("temporary", text, code, attempt)
    if code is not None and 500 <= code < 600:
        return Failure("permanent", text, code, attempt)
    return Failure("fatal", LocalText.of("smtp_not_smtp", line=repr(f"{code} {text}"[:60])), code, attempt)


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


def _helo_name(sock: socket.socket) -> str:
    """This machine's name for EHLO: the host name when it is a domain, else the address literal."""
    name = socket.gethostname()
    if "." in name:
        return name
    address = sock.getsockname()[0]
    return f"[IPv6:{address}]" if ":" in address else f"[{address}]"


def _at(where: str, detail: str | LocalText) -> str | LocalText:
    """``detail`` about the server ``where`` (host:port)."""
    if isinstance(detail, LocalText):
        return LocalText(f"{where}: {detail.en}", f"{where}：{detail.zh}")
    return f"{where}: {detail}"


def _seconds(value: float) -> str:
    return f"{value:g}"


def _text(value) -> str | LocalText:
    if isinstance(value, LocalText):
        return value
    return value.decode("utf-8", "replace") if isinstance(value, bytes) else str(value)


def _os_text(exc: BaseException) -> str:
    return getattr(exc, "strerror", None) or str(exc) or type(exc).__name__
