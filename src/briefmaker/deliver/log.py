"""The delivery log: an SQLite file next to the outputs recording what went to whom.

A row is keyed by (content hash, recipient address): one version of a brief to one person.
Its state moves ``claimed`` → ``sending`` → ``sent``, or to ``in_doubt``; a copy the server
refused loses its row, so the next run sends it. Every change is one short transaction
(``BEGIN IMMEDIATE``, WAL, a busy timeout), so several runs may share one log:

* ``claimed`` — a run holds this copy and has not yet sent its text. Another run leaves it alone
  until the holder finishes it, or the claim lapses (its ``expires`` passed, or the holding
  process on this machine is gone); a lapsed claim is free, as nothing was sent.
* ``sending`` — the message's text has started to go out. If the run never learns the server's
  answer (silence, a dropped line, a crash), the copy is *in doubt*: it may have arrived.
* ``in_doubt`` — never sent again without ``--force``; every run reports it.
* ``sent`` — the server accepted it.
"""
from __future__ import annotations

import os
import secrets
import socket
import sqlite3
import time
from dataclasses import dataclass
from pathlib import Path

from ..errors import BriefError, Location, Problem

LOG_NAME = ".deliveries.sqlite"
VERSION = 2
STATES = ("claimed", "sending", "in_doubt", "sent")

_SCHEMA = """
CREATE TABLE deliveries (
    content_hash TEXT NOT NULL,
    address TEXT NOT NULL,
    state TEXT NOT NULL CHECK (state IN ('claimed', 'sending', 'in_doubt', 'sent')),
    brief TEXT NOT NULL,
    message_id TEXT NOT NULL,
    owner TEXT NOT NULL DEFAULT '',
    expires REAL NOT NULL DEFAULT 0,
    updated REAL NOT NULL,
    detail TEXT NOT NULL DEFAULT '',
    PRIMARY KEY (content_hash, address)
)
"""
_COLUMNS = ["content_hash", "address", "state", "brief", "message_id", "owner", "expires", "updated", "detail"]
_V1_COLUMNS = ["content_hash", "address", "state", "brief", "message_id", "updated"]


@dataclass(frozen=True)
class Claim:
    """The answer to :meth:`DeliveryLog.claim`: ``state`` is 'claimed' when this run now holds the copy,
    else what stops it: 'sent', 'in_doubt', or 'held' (another run is on it until ``expires``)."""

    state: str
    expires: float = 0.0
    detail: str = ""


class DeliveryLog:
    """What has been sent from one output folder; shared safely by runs at the same time.

    Opening refuses with a located BriefError (never an sqlite3 traceback) when the log is not
    a database, not a file, not ours, or locked past ``busy_timeout`` seconds. Use as a context
    manager.
    """

    def __init__(self, folder: str | Path, *, busy_timeout: float = 10.0):
        self.path = Path(folder) / LOG_NAME
        self.where = Location(str(self.path))
        self.busy_timeout = busy_timeout
        self.owner = f"{socket.gethostname()}:{os.getpid()}:{secrets.token_hex(6)}"
        self.db = None
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            if self.path.exists() and not self.path.is_file():
                raise self._refusal("delivery_log_not_file")
            self.db = sqlite3.connect(self.path, timeout=busy_timeout, isolation_level=None)
            self.db.execute("PRAGMA journal_mode=WAL")
            self.db.execute("PRAGMA synchronous=FULL")
            self._set_up()
        except sqlite3.Error as exc:
            self.close()
            raise self._database_error(exc) from None
        except OSError as exc:
            self.close()
            raise self._refusal("delivery_log_unusable", detail=exc.strerror or str(exc)) from None
        except BaseException:
            self.close()
            raise

    def __enter__(self) -> "DeliveryLog":
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def close(self) -> None:
        """Close the database (idempotent)."""
        db, self.db = self.db, None
        if db is not None:
            db.close()

    # -- reading ---------------------------------------------------------------------------

    def state(self, content_hash: str, address: str) -> str | None:
        """The row's state ('claimed', 'sending', 'in_doubt', 'sent'), or None when there is none."""
        row = self._run(lambda: self.db.execute(
            "SELECT state FROM deliveries WHERE content_hash = ? AND address = ?",
            (content_hash, address.lower())).fetchone())
        return row[0] if row else None

    def rows(self) -> list[tuple]:
        """Every row as (content_hash, address, state, brief, message_id), for tests and reports."""
        return self._run(lambda: self.db.execute(
            "SELECT content_hash, address, state, brief, message_id FROM deliveries ORDER BY brief, address").fetchall())

    # -- changing, each in one transaction --------------------------------------------------

    def claim(self, content_hash: str, address: str, brief: str, message_id: str, *,
              lease: float, force: bool = False) -> Claim:
        """Take this copy for this run for ``lease`` seconds, unless it is sent, in doubt or held.

        With ``force`` a sent or in-doubt copy is taken too (a copy another run is holding
        never is). A claim left by a run that is gone is taken over; one left *sending* by such
        a run becomes in doubt. A copy this run itself sent stays sent, even with ``force``.
        """
        address = address.lower()

        def work() -> Claim:
            now = time.time()
            row = self.db.execute("SELECT state, owner, expires, detail FROM deliveries "
                                  "WHERE content_hash = ? AND address = ?", (content_hash, address)).fetchone()
            if row is not None:
                state, owner, expires, detail = row
                if state in ("claimed", "sending") and owner != self.owner:
                    if not _lapsed(owner, expires, now):
                        return Claim("held", expires)
                    if state == "sending":
                        state, detail = "in_doubt", "lapsed"
                        self.db.execute("UPDATE deliveries SET state = 'in_doubt', detail = ?, updated = ? "
                                        "WHERE content_hash = ? AND address = ?", (detail, now, content_hash, address))
                if state == "sent" and (not force or owner == self.owner):
                    return Claim("sent")
                if state == "in_doubt" and not force:
                    return Claim("in_doubt", detail=detail)
                if state in ("claimed", "sending") and owner == self.owner:
                    return Claim("claimed")
            self.db.execute("INSERT OR REPLACE INTO deliveries VALUES (?, ?, 'claimed', ?, ?, ?, ?, ?, '')",
                            (content_hash, address, brief, message_id, self.owner, now + lease, now))
            return Claim("claimed")

        return self._transaction(work)

    def renew(self, content_hash: str, address: str, lease: float) -> bool:
        """Extend this run's claim by ``lease`` seconds from now, before a new attempt (so a text that
        went out on an attempt that failed is known not to have arrived); False when it is no longer ours."""
        return self._mine("UPDATE deliveries SET state = 'claimed', expires = ?, updated = ? WHERE content_hash = ? AND address = ? "
                          "AND owner = ? AND state IN ('claimed', 'sending')",
                          time.time() + lease, content_hash, address)

    def sending(self, content_hash: str, address: str) -> bool:
        """Record that the message's text is about to go out; False (send nothing) when the claim was lost."""
        return self._mine("UPDATE deliveries SET state = 'sending', updated = ? WHERE content_hash = ? "
                          "AND address = ? AND owner = ? AND state IN ('claimed', 'sending')",
                          None, content_hash, address)

    def sent(self, content_hash: str, address: str) -> None:
        """Record that the server accepted this run's copy."""
        self._mine("UPDATE deliveries SET state = 'sent', expires = 0, updated = ? WHERE content_hash = ? "
                   "AND address = ? AND owner = ?", None, content_hash, address)

    def in_doubt(self, content_hash: str, address: str, detail: str) -> None:
        """Record that this run's copy may or may not have arrived (its text went out, no answer came)."""
        self._mine("UPDATE deliveries SET state = 'in_doubt', expires = 0, detail = ?, updated = ? "
                   "WHERE content_hash = ? AND address = ? AND owner = ?", (detail,), content_hash, address)

    def release(self, content_hash: str, address: str) -> None:
        """Give back this run's claim: nothing was delivered, a later run may send it."""
        self._transaction(lambda: self.db.execute(
            "DELETE FROM deliveries WHERE content_hash = ? AND address = ? AND owner = ? "
            "AND state IN ('claimed', 'sending')", (content_hash, address.lower(), self.owner)))

    # -- internals -------------------------------------------------------------------------

    def _mine(self, sql: str, first, content_hash: str, address: str) -> bool:
        """Run an UPDATE whose parameters are (first..., updated, key, address, owner)."""
        head = first if isinstance(first, tuple) else (() if first is None else (first,))
        params = (*head, time.time(), content_hash, address.lower(), self.owner)
        return self._transaction(lambda: self.db.execute(sql, params).rowcount == 1)

    def _set_up(self) -> None:
        def work():
            version = self.db.execute("PRAGMA user_version").fetchone()[0]
            columns = [r[1] for r in self.db.execute("PRAGMA table_info(deliveries)")]
            if version == VERSION and columns == _COLUMNS:
                return
            if not columns:
                self.db.execute(_SCHEMA)
            elif version == 0 and columns == _V1_COLUMNS:  # the first log format: pending meant in doubt
                self.db.execute("ALTER TABLE deliveries RENAME TO deliveries_v1")
                self.db.execute(_SCHEMA)
                self.db.execute("INSERT INTO deliveries (content_hash, address, state, brief, message_id, updated) "
                                "SELECT content_hash, address, CASE state WHEN 'sent' THEN 'sent' ELSE 'in_doubt' END, "
                                "brief, message_id, updated FROM deliveries_v1")
                self.db.execute("DROP TABLE deliveries_v1")
            else:
                raise self._refusal("delivery_log_foreign")
            self.db.execute(f"PRAGMA user_version = {VERSION}")

        self._transaction(work)

    def _transaction(self, work):
        def run():
            self.db.execute("BEGIN IMMEDIATE")
            try:
                result = work()
            except BaseException:
                self.db.execute("ROLLBACK")
                raise
            self.db.execute("COMMIT")
            return result

        return self._run(run)

    def _run(self, work):
        if self.db is None:
            raise self._refusal("delivery_log_unusable", detail="closed")
        try:
            return work()
        except sqlite3.Error as exc:
            raise self._database_error(exc) from None

    def _database_error(self, exc: sqlite3.Error) -> BriefError:
        text = str(exc)
        if "locked" in text or "busy" in text:
            return self._refusal("delivery_log_locked", seconds=f"{self.busy_timeout:g}")
        if "not a database" in text or "malformed" in text:
            return self._refusal("delivery_log_garbage")
        return self._refusal("delivery_log_unusable", detail=text)

    def _refusal(self, code: str, **params) -> BriefError:
        return BriefError([Problem(self.where, code, params)])


def check_log(folder: str | os.PathLike) -> None:
    """Refuse (BriefError, located at the log) a delivery log in ``folder`` that cannot be ours:
    not a regular file, or not an SQLite database. Reads at most 16 bytes and writes nothing, so
    a run can be refused before it builds anything; a missing log is fine (it will be created)."""
    path = Path(folder) / LOG_NAME
    where = Location(str(path))
    if not os.path.lexists(path):
        return
    if not path.is_file():
        raise BriefError([Problem(where, "delivery_log_not_file", {})])
    try:
        with open(path, "rb", opener=lambda p, flags: os.open(p, flags | os.O_NONBLOCK)) as handle:
            head = handle.read(16)
    except OSError as exc:
        raise BriefError([Problem(where, "delivery_log_unusable", {"detail": exc.strerror or str(exc)})]) from None
    if head and head != b"SQLite format 3\x00":
        raise BriefError([Problem(where, "delivery_log_garbage", {})])


def _lapsed(owner: str, expires: float, now: float) -> bool:
    """True when the run holding a claim cannot still be working on it."""
    if expires < now:
        return True
    host, _, rest = owner.partition(":")
    pid = rest.partition(":")[0]
    if host != socket.gethostname() or not pid.isdigit():
        return False
    try:
        os.kill(int(pid), 0)
    except ProcessLookupError:
        return True
    except OSError:  # alive, owned by another user
        return False
    return False


__all__ = ["Claim", "DeliveryLog", "LOG_NAME", "STATES"]
