"""Real SMTP servers (aiosmtpd) on 127.0.0.1 for the delivery tests, and a minimal brief to send."""
from __future__ import annotations

import socket
import ssl
import textwrap
from dataclasses import dataclass, field
from email import policy
from email.parser import BytesParser
from pathlib import Path

import pytest

aiosmtpd_controller = pytest.importorskip("aiosmtpd.controller")
from aiosmtpd.smtp import AuthResult, LoginPassword  # noqa: E402

TITLE = "长兴路街道办事处2020年工作总结"
PASSWORD = "s3cret-Pässwörd"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@dataclass
class Received:
    """One message as the server got it: the envelope and the parsed message."""

    mail_from: str
    rcpt_tos: list[str]
    raw: bytes

    @property
    def message(self):
        return BytesParser(policy=policy.default).parsebytes(self.raw)


@dataclass
class Handler:
    """Accepts everything, except: ``reject`` recipients get 550, the first ``busy`` DATA get 421."""

    reject: set = field(default_factory=set)
    busy: int = 0
    received: list = field(default_factory=list)
    data_attempts: int = 0

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        if address in self.reject:
            return "550 5.1.1 mailbox unavailable"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):
        self.data_attempts += 1
        if self.data_attempts <= self.busy:
            return "421 4.3.2 service busy, try again later"
        self.received.append(Received(envelope.mail_from, list(envelope.rcpt_tos), envelope.original_content))
        return "250 OK queued"


class Server:
    """A running server; ``env`` holds the BRIEFMAKER_SMTP_* settings that reach it."""

    def __init__(self, handler: Handler, security: str = "none", *, tls=None, auth: bool = False, cafile=None):
        self.handler = handler
        self.port = free_port()
        kwargs = {"decode_data": False}
        if security == "starttls":
            kwargs.update(tls_context=tls, require_starttls=True)
        if auth:
            kwargs.update(authenticator=self._authenticate, auth_required=True, auth_require_tls=True)
        if security == "ssl":
            kwargs.update(ssl_context=tls)
        self.logins: list[tuple[str, bool]] = []
        self.controller = aiosmtpd_controller.Controller(handler, hostname="127.0.0.1", port=self.port,
                                                         server_hostname="localhost", **kwargs)
        self.env = {"BRIEFMAKER_SMTP_HOST": "127.0.0.1", "BRIEFMAKER_SMTP_PORT": str(self.port),
                    "BRIEFMAKER_SMTP_SECURITY": security, "BRIEFMAKER_SMTP_FROM": "街道办 <office@example.org>",
                    "BRIEFMAKER_SMTP_RETRY_DELAY": "0.01"}
        if cafile:
            self.env["BRIEFMAKER_SMTP_CAFILE"] = str(cafile)

    def _authenticate(self, server, session, envelope, mechanism, auth_data):
        ok = isinstance(auth_data, LoginPassword) and auth_data.login == b"office" \
            and auth_data.password == PASSWORD.encode()
        self.logins.append((mechanism, ok))
        return AuthResult(success=ok, handled=False)

    @property
    def received(self) -> list[Received]:
        return self.handler.received

    def start(self) -> "Server":
        self.controller.start()
        return self

    def stop(self) -> None:
        self.controller.stop()


@pytest.fixture
def smtp_server():
    """Start servers with ``smtp_server(handler, security, ...)``; every one is stopped afterwards."""
    started = []

    def start(handler: Handler | None = None, security: str = "none", **kwargs) -> Server:
        server = Server(handler or Handler(), security, **kwargs)
        started.append(server.start())
        return server

    yield start
    for server in started:
        server.stop()


@pytest.fixture
def tls(tmp_path):
    """A certificate authority made for this test and a server certificate for 127.0.0.1 it signed."""
    trustme = pytest.importorskip("trustme")
    ca = trustme.CA()
    cert = ca.issue_cert("127.0.0.1", "localhost")
    server_context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    cert.configure_cert(server_context)
    cafile = tmp_path / "ca.pem"
    ca.cert_pem.write_to_path(str(cafile))
    return server_context, cafile


BRIEF = """\
meta:
  title: 长兴路街道办事处{{{{ meta.year }}}}年工作总结
  unit: 长兴路街道办事处
  year: 2020
data:
  disputes: {{found: 246, resolved: 241}}
  note: "{note}"
sections:
  - title: 社会大局保持和谐稳定
    body:
      - 排查矛盾{{{{ disputes.found }}}}起，化解各类纠纷{{{{ disputes.resolved }}}}起。
distribution:
  report_to: [区委办公室, 区政府办公室]
email:
{email}
"""


@pytest.fixture
def make_brief(tmp_path):
    """Write a one-paragraph brief (and its address book) into tmp_path; returns its path."""

    def make(email: str = "  address_book: book.yaml", note: str = "无", book: str | None = None,
             name: str = "changxing.yaml") -> Path:
        (tmp_path / "book.yaml").write_text(book or textwrap.dedent("""\
            区委办公室: leader@example.org
            区政府办公室: [gov@example.org, gov-office@example.org]
            """), encoding="utf-8")
        path = tmp_path / name
        path.write_text(BRIEF.format(email=email, note=note), encoding="utf-8")
        return path

    return make
