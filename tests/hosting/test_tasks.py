"""Shared chores in the database: the daily-backup check and the import lock."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import duckdb
import pytest

from refresh_core.db import connect
from refresh_core.errors import BusyError
from refresh_core.hosting import tasks
from tests.conftest import run_cli

NOW = dt.datetime(2026, 11, 27, 12, 0)
EVERY = dt.timedelta(minutes=10)


def test_periodic_chore_runs_once_per_period_across_servers(conn: duckdb.DuckDBPyConnection) -> None:
    """Two servers asking together: one runs the daily-backup check; ten minutes later one runs it again."""
    server_a, server_b = conn.cursor(), conn.cursor()
    claims = [tasks.claim_periodic(c, name=tasks.DAILY_BACKUP, every=EVERY, now=NOW)
              for c in (server_a, server_b)]
    assert claims == [True, False]
    assert not tasks.claim_periodic(server_a, name=tasks.DAILY_BACKUP, every=EVERY, now=NOW + EVERY / 2)
    assert tasks.claim_periodic(server_b, name=tasks.DAILY_BACKUP, every=EVERY, now=NOW + EVERY)


def test_an_import_held_elsewhere_is_refused_with_a_plain_message(conn: duckdb.DuckDBPyConnection) -> None:
    """While one session imports, another is told to wait; afterwards it may import."""
    with tasks.exclusive(conn, name=tasks.IMPORT, holder="session-a", now=NOW), \
            pytest.raises(BusyError, match="Another import is running"), \
            tasks.exclusive(conn.cursor(), name=tasks.IMPORT, holder="session-b", now=NOW):
        pytest.fail("the second import must not start")
    with tasks.exclusive(conn, name=tasks.IMPORT, holder="session-b", now=NOW):
        holder = conn.execute("SELECT holder FROM app_task WHERE name = 'import'").fetchone()
        assert holder == ("session-b",)
    lease = conn.execute("SELECT holder, held_until FROM app_task WHERE name = 'import'").fetchone()
    assert lease == (None, None)


def test_a_lease_left_by_a_dead_server_expires(conn: duckdb.DuckDBPyConnection) -> None:
    """A server that died holding the import lock blocks others only until its lease runs out."""
    assert tasks.hold(conn, name=tasks.IMPORT, holder="crashed", lease=dt.timedelta(minutes=10), now=NOW)
    assert not tasks.hold(conn, name=tasks.IMPORT, holder="next", lease=dt.timedelta(minutes=10),
                          now=NOW + dt.timedelta(minutes=9))
    assert tasks.hold(conn, name=tasks.IMPORT, holder="next", lease=dt.timedelta(minutes=10),
                      now=NOW + dt.timedelta(minutes=10))
    tasks.release(conn, name=tasks.IMPORT, holder="crashed")  # too late: it is not theirs any more
    assert conn.execute("SELECT holder FROM app_task WHERE name = 'import'").fetchone() == ("next",)


def test_an_error_inside_the_block_still_releases(conn: duckdb.DuckDBPyConnection) -> None:
    """A failed import gives the lock back at once."""
    with pytest.raises(RuntimeError), tasks.exclusive(conn, name=tasks.IMPORT, holder="a", now=NOW):
        raise RuntimeError("the import failed")
    assert tasks.hold(conn, name=tasks.IMPORT, holder="b", lease=dt.timedelta(minutes=1), now=NOW)


def test_a_lease_left_by_a_process_that_died_does_not_block_the_next_import(conn: duckdb.DuckDBPyConnection
                                                                            ) -> None:
    """A server killed mid-import leaves its lease in the table (as here: a lease no live session
    holds, far from expiring); the next session imports at once, and while it does, a third is told
    to wait. Before, every import was refused for ten minutes."""
    now = tasks.utc_now()
    assert tasks.hold(conn, name=tasks.IMPORT, holder="killed server", lease=tasks.IMPORT_LEASE, now=now)
    with tasks.exclusive(conn, name=tasks.IMPORT, holder="next session"):
        lease = conn.execute("SELECT holder FROM app_task WHERE name = 'import'").fetchone()
        assert lease == ("next session",)
        with pytest.raises(BusyError, match="Another import is running"), \
                tasks.exclusive(conn.cursor(), name=tasks.IMPORT, holder="third session"):
            pytest.fail("a live holder must still keep others out")
    assert conn.execute("SELECT holder FROM app_task WHERE name = 'import'").fetchone() == (None,)


def test_the_command_line_import_waits_its_turn(db: str, tmp_path: Path,
                                                 capsys: pytest.CaptureFixture[str]) -> None:
    """While a session of the app imports into the same database, ``import`` on the command line is
    refused with the same plain sentence and changes nothing."""
    sheet = tmp_path / "sheet.csv"
    sheet.write_text("Name,Email,Organization,Date,Meeting\n"
                     "Ana Diaz,ana@acme.example,Acme,3/4/2026,Kickoff\n", encoding="utf-8")
    conn = connect(db)
    try:
        with tasks.exclusive(conn, name=tasks.IMPORT, holder="app session"):
            code, _, err = run_cli(capsys, "--db", db, "import", str(sheet), "--partnership", "Cli Test")
            assert code == 2 and "Another import is running" in err
            assert conn.execute("SELECT count(*) FROM partnership WHERE name = 'Cli Test'").fetchone() == (0,)
    finally:
        conn.close()
