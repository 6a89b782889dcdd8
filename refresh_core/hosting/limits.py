"""Failed sign-ins and share-link guesses, counted in the database so every app server sees them.

A client (see :func:`refresh_core.hosting.frontdoor.client_address`) that fails
``max_failures`` times within ``window`` is refused for ``lockout``; and when
all clients together fail ``global_cap`` times within a minute, everyone is
refused until that minute has passed, so no number of addresses buys more
guesses. Share links and the convener password are counted apart (``scope``),
so a flood of link guesses never blocks the convener's sign-in.

Only a SHA-256 digest of the client's address is stored, with the time of
each failure. Rows older than ``lockout + window`` are deleted as new ones
arrive, and nothing is recorded while a client is refused, so the table stays
small: at most about ``global_cap`` rows a minute per scope.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Callable
from dataclasses import dataclass

from refresh_core.db import Connection, one, transaction
from refresh_core.errors import StorageError

# This product's defaults (not from the guide).
MAX_FAILURES = 5
WINDOW = dt.timedelta(minutes=1)
LOCKOUT = dt.timedelta(minutes=15)
GLOBAL_CAP_PER_MINUTE = 100
GLOBAL_WINDOW = dt.timedelta(minutes=1)


def utc_now() -> dt.datetime:
    """Naive UTC, as stored in the database."""
    return dt.datetime.now(dt.UTC).replace(tzinfo=None)


def client_digest(key: str) -> str:
    """What is stored for a client: the SHA-256 of its key, never the address itself."""
    return hashlib.sha256(key.encode("utf-8")).hexdigest()


_CLIENT_LOCKED_SINCE = """
    SELECT max(a.failed_at) FROM access_failure a
    WHERE a.scope = ? AND a.client_sha256 = ? AND a.failed_at > ?
      AND (SELECT count(*) FROM access_failure b
           WHERE b.scope = a.scope AND b.client_sha256 = a.client_sha256
             AND b.failed_at > a.failed_at - ? AND b.failed_at <= a.failed_at) >= ?
"""


@dataclass(frozen=True)
class RateLimiter:
    """Failure counting for one ``scope`` (``share`` or ``password``), kept in ``access_failure``."""

    scope: str
    max_failures: int = MAX_FAILURES
    window: dt.timedelta = WINDOW
    lockout: dt.timedelta = LOCKOUT
    global_cap: int = GLOBAL_CAP_PER_MINUTE
    clock: Callable[[], dt.datetime] = utc_now

    def retry_after(self, conn: Connection, key: str, *,
                    now: dt.datetime | None = None) -> dt.timedelta | None:
        """How long ``key`` is still refused (None when it may try now)."""
        at = now or self.clock()
        row = one(conn, _CLIENT_LOCKED_SINCE, [self.scope, client_digest(key), at - self.lockout, self.window,
                                               self.max_failures])
        waits = [row[0] + self.lockout - at] if row and row[0] is not None else []
        everyone = one(conn, "SELECT count(*), min(failed_at) FROM access_failure WHERE scope = ? "
                             "AND failed_at > ?", [self.scope, at - GLOBAL_WINDOW])
        if everyone and everyone[0] >= self.global_cap:
            waits.append(everyone[1] + GLOBAL_WINDOW - at)
        wait = max(waits, default=None)
        return wait if wait is not None and wait > dt.timedelta(0) else None

    def is_locked(self, conn: Connection, key: str, *, now: dt.datetime | None = None) -> bool:
        """True while ``key`` (or everyone, past the global cap) is refused."""
        return self.retry_after(conn, key, now=now) is not None

    def record_failure(self, conn: Connection, key: str, *,
                       now: dt.datetime | None = None) -> None:
        """Count one failure for ``key`` and forget failures too old to matter."""
        at = now or self.clock()
        with transaction(conn):
            conn.execute("INSERT INTO access_failure (scope, client_sha256, failed_at) VALUES (?, ?, ?)",
                         [self.scope, client_digest(key), at])
        try:
            with transaction(conn):
                conn.execute("DELETE FROM access_failure WHERE scope = ? AND failed_at <= ?",
                             [self.scope, at - max(self.lockout + self.window, GLOBAL_WINDOW)])
        except StorageError:
            pass  # another server pruned the same rows at the same moment: they are gone either way
