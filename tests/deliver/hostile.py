"""SMTP servers on 127.0.0.1 that misbehave on purpose, one thread per connection.

Each speaks enough SMTP for briefmaker's client (EHLO, MAIL, RCPT, DATA, RSET, QUIT) and
breaks it in one chosen way; ``stored`` holds every message it really kept (envelope recipient
and the raw text), so a test can count the copies that arrived.
"""
from __future__ import annotations

import socket
import threading
import time
from email import policy
from email.parser import BytesParser


class HostileServer:
    """``mode`` picks the misbehaviour:

    * ``silent`` — accepts the connection and never says anything;
    * ``trickle`` — sends its greeting one byte every ``interval`` seconds;
    * ``endless`` — answers EHLO with ``250-`` lines that never end;
    * ``drop_mid_data`` — the first time each recipient's text arrives, reads a little of it and
      hangs up; later attempts are taken normally;
    * ``store_then_silence`` — keeps the first message and then never answers again;
    * ``busy`` — 421 at the greeting of the first connection, 451 to the next ``busy`` RCPTs,
      then normal; ``reject`` recipients always get 550;
    * ``normal`` — a plain server (the test can switch modes between runs).
    """

    def __init__(self, mode: str, *, interval: float = 1.0, busy: int = 0, reject=()):
        self.mode, self.interval, self.busy, self.reject = mode, interval, busy, set(reject)
        self.stored: list[tuple[str, bytes]] = []
        self.connections = 0
        self.rcpt_attempts: dict[str, int] = {}
        self.dropped: set[str] = set()
        self.lock = threading.Lock()
        self.listener = socket.create_server(("127.0.0.1", 0))
        self.port = self.listener.getsockname()[1]
        self.stopping = threading.Event()
        self.open: list[socket.socket] = []
        self.thread = threading.Thread(target=self._accept, daemon=True)

    def env(self, **settings) -> dict:
        """BRIEFMAKER_SMTP_* settings that reach this server, plus ``settings`` (e.g. TIMEOUT="2")."""
        env = {"BRIEFMAKER_SMTP_HOST": "127.0.0.1", "BRIEFMAKER_SMTP_PORT": str(self.port),
               "BRIEFMAKER_SMTP_SECURITY": "none", "BRIEFMAKER_SMTP_FROM": "街道办 <office@example.org>"}
        env.update({f"BRIEFMAKER_SMTP_{k.upper()}": str(v) for k, v in settings.items()})
        return env

    def copies(self) -> dict[str, int]:
        """recipient → number of copies stored."""
        counts: dict[str, int] = {}
        for rcpt, _ in self.stored:
            counts[rcpt] = counts.get(rcpt, 0) + 1
        return counts

    def message_ids(self, rcpt: str) -> list[str]:
        return [str(BytesParser(policy=policy.default).parsebytes(raw)["Message-ID"])
                for to, raw in self.stored if to == rcpt]

    def __enter__(self) -> "HostileServer":
        self.thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self.stopping.set()
        self.listener.close()
        with self.lock:
            for conn in self.open:
                try:
                    conn.shutdown(socket.SHUT_RDWR)
                except OSError:
                    pass
                conn.close()

    # -- the server ------------------------------------------------------------------------

    def _accept(self) -> None:
        while not self.stopping.is_set():
            try:
                conn, _ = self.listener.accept()
            except OSError:
                return
            with self.lock:
                self.connections += 1
                number = self.connections
                self.open.append(conn)
            threading.Thread(target=self._serve, args=(conn, number), daemon=True).start()

    def _serve(self, conn: socket.socket, number: int) -> None:
        try:
            self._session(conn, conn.makefile("rb"), number)
        except OSError:
            pass
        finally:
            try:
                conn.close()
            except OSError:
                pass

    def _silence(self) -> None:
        self.stopping.wait()

    def _session(self, conn, reader, number: int) -> None:
        def say(text: str) -> None:
            conn.sendall(text.encode() + b"\r\n")

        mode = self.mode
        if mode == "silent":
            return self._silence()
        if mode == "trickle":
            for byte in b"220 slow.example.org ESMTP\r\n":
                if self.stopping.wait(self.interval):
                    return
                conn.sendall(bytes([byte]))
            return self._silence()
        if mode == "busy" and number == 1:
            say("421 4.3.2 too busy, try again later")
            return
        if mode == "store_then_silence" and self.stored:
            return self._silence()
        say("220 hostile.example.org ESMTP")
        rcpt = None
        while True:
            line = reader.readline(4096)
            if not line:
                return
            verb = line[:4].upper()
            if verb == b"EHLO":
                if mode == "endless":
                    while not self.stopping.is_set():
                        conn.sendall(b"250-" + b"X" * 60 + b"\r\n" * 1)
                    return
                say("250-hostile.example.org")
                say("250 8BITMIME")
            elif verb == b"HELO":
                say("250 hostile.example.org")
            elif verb == b"MAIL":
                rcpt = None
                say("250 2.1.0 OK")
            elif verb == b"RCPT":
                rcpt = line.split(b"<", 1)[1].split(b">", 1)[0].decode()
                with self.lock:
                    self.rcpt_attempts[rcpt] = self.rcpt_attempts.get(rcpt, 0) + 1
                    busy = mode == "busy" and sum(self.rcpt_attempts.values()) <= self.busy
                if rcpt in self.reject:
                    say("550 5.1.1 no such mailbox")
                    rcpt = None
                elif busy:
                    say("451 4.7.1 greylisted, try again later")
                    rcpt = None
                else:
                    say("250 2.1.5 OK")
            elif verb == b"DATA":
                if rcpt is None:
                    say("503 5.5.1 no valid recipient")
                    continue
                say("354 go ahead")
                if mode == "drop_mid_data" and rcpt not in self.dropped:
                    self.dropped.add(rcpt)
                    reader.read(200)
                    conn.shutdown(socket.SHUT_RDWR)
                    return
                raw = self._text(reader)
                if raw is None:
                    return
                with self.lock:
                    self.stored.append((rcpt, raw))
                if mode == "store_then_silence":
                    return self._silence()
                say("250 2.0.0 queued")
            elif verb == b"RSET":
                rcpt = None
                say("250 OK")
            elif verb == b"QUIT":
                say("221 bye")
                return
            else:
                say("502 5.5.2 not implemented")

    @staticmethod
    def _text(reader) -> bytes | None:
        lines = []
        while True:
            line = reader.readline()
            if not line:
                return None
            if line in (b".\r\n", b".\n"):
                return b"".join(lines)
            lines.append(line[1:] if line.startswith(b"..") else line)


def wait_until(predicate, seconds: float = 10.0) -> bool:
    """Poll ``predicate`` until it is true or ``seconds`` pass; returns its last value."""
    ends = time.monotonic() + seconds
    while not predicate() and time.monotonic() < ends:
        time.sleep(0.05)
    return bool(predicate())
