"""The delivery log: an SQLite file next to the outputs recording what went to whom.

A row is keyed by (content hash, recipient address). It is written *pending* just before the
message is handed to the server and *sent* once the server has accepted it, each in its own
committed transaction; a failure removes the pending row. A run killed while the server was
receiving leaves the row pending: the next run cannot know whether that copy arrived, so it
reports it instead of sending it twice (``--force`` resends).
"""
from __future__ import annotations

import sqlite3
import time
from pathlib import Path

LOG_NAME = ".deliveries.sqlite"

_SCHEMA = """
CREATE TABLE IF NOT EXISTS deliveries (
    content_hash TEXT NOT NULL,
    address TEXT NOT NULL,
    state TEXT NOT NULL CHECK (state IN ('pending', 'sent')),
    brief TEXT NOT NULL,
    message_id TEXT NOT NULL,
    updated REAL NOT NULL,
    PRIMARY KEY (content_hash, address)
)
"""


class DeliveryLog:
    """What has been sent; one instance per output folder. Use as a context manager."""

    def __init__(self, folder: str | Path):
        path = Path(folder) / LOG_NAME
        path.parent.mkdir(parents=True, exist_ok=True)
        self.path = path
        self.db = sqlite3.connect(path, timeout=30, isolation_level=None)  # autocommit; one statement = one transaction
        self.db.execute("PRAGMA journal_mode=WAL")
        self.db.execute(_SCHEMA)

    def __enter__(self) -> "DeliveryLog":
        return self

    def __exit__(self, *exc) -> None:
        self.db.close()

    def state(self, content_hash: str, address: str) -> str | None:
        """'sent', 'pending' (interrupted mid-send) or None (never tried or failed)."""
        row = self.db.execute("SELECT state FROM deliveries WHERE content_hash = ? AND address = ?",
                              (content_hash, address.lower())).fetchone()
        return row[0] if row else None

    def pending(self, content_hash: str, address: str, brief: str, message_id: str) -> None:
        """Record that this message is about to be handed to the server."""
        self._put(content_hash, address, "pending", brief, message_id)

    def sent(self, content_hash: str, address: str, brief: str, message_id: str) -> None:
        """Record that the server accepted this message."""
        self._put(content_hash, address, "sent", brief, message_id)

    def failed(self, content_hash: str, address: str) -> None:
        """Forget a pending row: the server refused, so nothing was delivered."""
        self.db.execute("DELETE FROM deliveries WHERE content_hash = ? AND address = ? AND state = 'pending'",
                        (content_hash, address.lower()))

    def _put(self, content_hash, address, state, brief, message_id) -> None:
        self.db.execute("INSERT OR REPLACE INTO deliveries VALUES (?, ?, ?, ?, ?, ?)",
                        (content_hash, address.lower(), state, brief, message_id, time.time()))

    def rows(self) -> list[tuple]:
        """Every row as (content_hash, address, state, brief, message_id), for tests and reports."""
        return self.db.execute("SELECT content_hash, address, state, brief, message_id FROM deliveries "
                               "ORDER BY brief, address").fetchall()
