"""Chores that several app servers share through the database (table ``app_task``).

- A *periodic* chore (the daily-backup check) runs for one caller per period,
  whichever server asks first: :func:`claim_periodic`.
- An *exclusive* chore (an import) is leased to one holder at a time:
  :func:`exclusive`. The lease ends when the holder is done. A holder whose
  process died (an app server or a command killed mid-import) blocks nobody:
  on PostgreSQL every holder also keeps a transaction-scoped advisory lock on
  a connection of its own for the whole block, which the database drops the
  moment that process's connections close, so whoever gets the advisory lock
  knows the lease row is a dead holder's and takes it over; on DuckDB one
  process writes the file, so a lease no holder in this process has is a dead
  process's. Otherwise a lease ends by itself after ``lease``.

Claims are single ``UPDATE ... WHERE`` statements: on two servers at once the
database lets one through, and the other sees no row changed (or a write
conflict, which counts the same).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import threading
from collections.abc import Iterator
from contextlib import contextmanager

from refresh_core.db import Connection, is_postgres, transaction
from refresh_core.errors import BusyError, StorageError

DAILY_BACKUP = "daily_backup"
IMPORT = "import"
IMPORT_LEASE = dt.timedelta(minutes=10)  # this product's default: far longer than an import takes
_HOLDING: dict[tuple[str, str], int] = {}  # (name, holder) -> blocks of this process inside exclusive
_HOLDING_LOCK = threading.Lock()


def utc_now() -> dt.datetime:
    """Naive UTC, as stored in the database."""
    return dt.datetime.now(dt.UTC).replace(tzinfo=None)


def _claimed(conn: Connection, sql: str, params: list[object]) -> bool:
    """Run one claiming UPDATE ... RETURNING; True when it changed the row."""
    try:
        with transaction(conn):
            return bool(conn.execute(sql, params).fetchall())
    except StorageError:
        return False  # another server changed the row at the same moment and won


def claim_periodic(conn: Connection, *, name: str, every: dt.timedelta,
                   now: dt.datetime | None = None) -> bool:
    """True for exactly one caller per ``every`` across all servers (it should then do the chore)."""
    at = now or utc_now()
    return _claimed(conn, "UPDATE app_task SET last_run_at = ? WHERE name = ? "
                          "AND (last_run_at IS NULL OR last_run_at <= ?) RETURNING name",
                    [at, name, at - every])


def hold(conn: Connection, *, name: str, holder: str, lease: dt.timedelta,
         now: dt.datetime | None = None) -> bool:
    """Take (or renew) the lease on ``name`` for ``holder``; False while someone else holds it."""
    at = now or utc_now()
    return _claimed(conn, "UPDATE app_task SET holder = ?, held_until = ? WHERE name = ? "
                          "AND (holder IS NULL OR holder = ? OR held_until <= ?) RETURNING name",
                    [holder, at + lease, name, holder, at])


def release(conn: Connection, *, name: str, holder: str) -> None:
    """Give the lease back (nothing happens if ``holder`` no longer holds it)."""
    with transaction(conn):
        conn.execute("UPDATE app_task SET holder = NULL, held_until = NULL WHERE name = ? AND holder = ?",
                     [name, holder])


def _advisory_key(name: str) -> int:
    """A stable 63-bit advisory-lock key for the chore ``name`` (not the migrations' key)."""
    return int.from_bytes(hashlib.sha256(f"refresh_core task {name}".encode()).digest()[:8], "big") >> 1


@contextmanager
def _alive_gate(conn: Connection, *, name: str) -> Iterator[bool]:
    """PostgreSQL: hold ``pg_try_advisory_xact_lock`` for ``name`` in a transaction on a connection
    of its own for the block; True when got (then no live process holds ``name``). The database
    ends that transaction, and the lock, when this process dies. DuckDB: always True."""
    if not is_postgres(conn):
        yield True
        return
    side = conn.cursor()
    try:
        side.execute("BEGIN")
        got = side.execute("SELECT pg_try_advisory_xact_lock(?)", [_advisory_key(name)]).fetchone()
        yield bool(got and got[0])
    finally:
        side.close()  # rolls the empty transaction back: the advisory lock ends


def _dead_holder(conn: Connection, *, name: str) -> str | None:
    """DuckDB (one writing process per file): the lease's holder when it is in no exclusive block
    of this process, so its process is gone; None when the lease is free or its holder is alive."""
    row = conn.execute("SELECT holder FROM app_task WHERE name = ?", [name]).fetchone()
    if row is None or row[0] is None:
        return None
    with _HOLDING_LOCK:
        return None if (name, str(row[0])) in _HOLDING else str(row[0])


def _take_over(conn: Connection, *, name: str, holder: str, lease: dt.timedelta, now: dt.datetime,
               dead: str | None = None) -> bool:
    """Take the lease whoever's it is (PostgreSQL, under the advisory lock), or only from the dead
    holder ``dead`` (DuckDB: if another session took it over first, this one is refused)."""
    if dead is None:
        return _claimed(conn, "UPDATE app_task SET holder = ?, held_until = ? WHERE name = ? RETURNING name",
                        [holder, now + lease, name])
    return _claimed(conn, "UPDATE app_task SET holder = ?, held_until = ? WHERE name = ? AND holder = ? "
                          "RETURNING name", [holder, now + lease, name, dead])


def _claim(conn: Connection, *, name: str, holder: str, lease: dt.timedelta, now: dt.datetime) -> bool:
    """The lease for ``holder``: on PostgreSQL (called under the advisory lock) at once; on DuckDB
    when free, expired, or its holder's process is gone."""
    if is_postgres(conn):
        return _take_over(conn, name=name, holder=holder, lease=lease, now=now)
    if hold(conn, name=name, holder=holder, lease=lease, now=now):
        return True
    dead = _dead_holder(conn, name=name)
    return dead is not None and _take_over(conn, name=name, holder=holder, lease=lease, now=now, dead=dead)


@contextmanager
def exclusive(conn: Connection, *, name: str, holder: str,
              lease: dt.timedelta = IMPORT_LEASE, now: dt.datetime | None = None) -> Iterator[None]:
    """Run the block holding ``name``; :class:`BusyError` at once if a live holder has it.

    A lease left by a holder whose process died is taken over at once (see the module docstring)."""
    with _alive_gate(conn, name=name) as free:
        with _HOLDING_LOCK:  # alive from before the claim: no other session may think it dead
            _HOLDING[name, holder] = _HOLDING.get((name, holder), 0) + 1
        try:
            if not (free and _claim(conn, name=name, holder=holder, lease=lease, now=now or utc_now())):
                raise BusyError(f"Another {name.replace('_', ' ')} is running right now, perhaps from "
                                "another window or another convener. Wait for it to finish, then try again.")
            try:
                yield
            finally:
                release(conn, name=name, holder=holder)
        finally:
            with _HOLDING_LOCK:
                left = _HOLDING.pop((name, holder)) - 1
                if left:
                    _HOLDING[name, holder] = left
