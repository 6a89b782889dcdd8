"""Chores that several app servers share through the database (table ``app_task``).

- A *periodic* chore (the daily-backup check) runs for one caller per period,
  whichever server asks first: :func:`claim_periodic`.
- An *exclusive* chore (an import) is leased to one holder at a time:
  :func:`exclusive`. The lease ends when the holder is done, or by itself
  after ``lease`` if its server died, so a crash never blocks imports for good.

Claims are single ``UPDATE ... WHERE`` statements: on two servers at once the
database lets one through, and the other sees no row changed (or a write
conflict, which counts the same).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from contextlib import contextmanager

from refresh_core.db import Connection, transaction
from refresh_core.errors import BusyError, StorageError

DAILY_BACKUP = "daily_backup"
IMPORT = "import"
IMPORT_LEASE = dt.timedelta(minutes=10)  # this product's default: far longer than an import takes


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


@contextmanager
def exclusive(conn: Connection, *, name: str, holder: str,
              lease: dt.timedelta = IMPORT_LEASE, now: dt.datetime | None = None) -> Iterator[None]:
    """Run the block holding ``name``; :class:`BusyError` at once if another holder has it."""
    if not hold(conn, name=name, holder=holder, lease=lease, now=now):
        raise BusyError(f"Another {name.replace('_', ' ')} is running right now, perhaps from another "
                        "window or another convener. Wait for it to finish, then try again.")
    try:
        yield
    finally:
        release(conn, name=name, holder=holder)
