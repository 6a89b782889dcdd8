"""Killing a process in the middle of an import loses nothing committed and leaves no half import.

A real child process (``python -m tests.hosting.import_child``: the import page's path, under the
shared import lock, in one transaction; or the command line's ``import``) is SIGKILLed while its
import transaction is open and has written rows. The tests never sleep a fixed time: they wait for
the child's own signal that it is inside the transaction and, on PostgreSQL, for
``pg_stat_activity`` to show that transaction (it has a transaction id: it wrote) or its end.
Afterwards: the import committed before is intact, no row of the killed import exists (no
import batch, meeting, person or attendance), the lease it left on the import lock blocks nobody,
and importing the same files again succeeds at once.
"""

from __future__ import annotations

import json
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import psycopg
import pytest

from refresh_core.db import connect
from refresh_core.hosting import tasks
from refresh_core.imports.apply import import_files
from tests import pg
from tests.conftest import ROOT
from tests.hosting.import_child import MARK
from tests.hosting.killing import (
    DEADLINE,
    counts,
    kill,
    read_line,
    signin,
    traces,
    wait_until,
    writing_backends,
)

PARTNERSHIP = "Kill Test Partnership"


@pytest.fixture
def database(tmp_path: Path) -> Iterator[str]:
    """A new database (a fresh PostgreSQL one on that pass, else a DuckDB file) with one committed import."""
    target = pg.fresh() if pg.enabled() else str(tmp_path / "kill.duckdb")
    conn = connect(target)
    import_files(conn, partnership=PARTNERSHIP, files=[("committed.csv", signin("Committed", people=30,
                                                                                   meetings=4))])
    conn.close()
    yield target
    if pg.enabled():
        pg.drop(target)


def test_a_session_killed_inside_its_import_transaction_leaves_no_half_import(
        database: str, tmp_path: Path) -> None:
    """The import page's path in a child process writes one file of two, then is killed before the
    commit: the earlier import is intact, nothing of the two files exists, and a new session's import
    of the same two files (under the import lock the dead one left held) succeeds at once."""
    files = [tmp_path / "killed-a.csv", tmp_path / "killed-b.csv"]
    files[0].write_bytes(signin("Killed", people=300, meetings=3))
    files[1].write_bytes(signin("Killed", people=300, meetings=3, start=10))
    conn = connect(database)
    before = counts(conn)
    conn.close()  # DuckDB: one process holds the file at a time
    child = subprocess.Popen([sys.executable, "-m", "tests.hosting.import_child", database, PARTNERSHIP,
                              *map(str, files)], cwd=ROOT, stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                             text=True)
    try:
        assert read_line(child) == MARK
        if pg.enabled():  # the database itself shows the open transaction with its writes
            assert writing_backends(database)
    finally:
        kill(child)
    if pg.enabled():
        wait_until("the killed transaction to end", lambda: not writing_backends(database))
    conn = connect(database)
    try:
        assert counts(conn) == before
        assert traces(conn, "Killed") == dict.fromkeys(("batches", "meetings", "people", "organisations",
                                                         "attendance"), 0)
        assert traces(conn, "Committed")["attendance"] == 30 * 4
        lease = conn.execute("SELECT holder FROM app_task WHERE name = ?", [tasks.IMPORT]).fetchone()
        assert lease == (f"killed session {child.pid}",)  # the dead session's lease is still there...
        with tasks.exclusive(conn, name=tasks.IMPORT, holder="next session"):  # ...and blocks nobody
            again = import_files(conn, partnership=PARTNERSHIP,
                                 files=[(f.name, f.read_bytes()) for f in files])
        assert [r.status for r in again] == ["imported", "imported"]
        assert traces(conn, "Killed")["attendance"] == 300 * 6
        assert traces(conn, "Killed")["batches"] == 2
        assert traces(conn, "Committed")["attendance"] == 30 * 4
    finally:
        conn.close()


def test_the_command_line_killed_mid_import_on_postgresql_leaves_no_half_import(
        database: str, tmp_path: Path) -> None:
    """``python -m refresh_core import`` of a 10,000-row file is killed while its transaction has
    written organisations, people and meetings and waits to write attendance (held up by a table lock
    the test takes): nothing of it stays, and the same command succeeds at once afterwards."""
    if not pg.enabled():
        pytest.skip("PostgreSQL pass only (REFRESH_DATABASE_URL); the DuckDB kill is the test above")
    big = tmp_path / "killed-big.csv"
    big.write_bytes(signin("Killed", people=500, meetings=20))
    command = [sys.executable, "-m", "refresh_core", "--db", database, "import", str(big),
               "--partnership", PARTNERSHIP, "--json"]
    conn = connect(database)
    before = counts(conn)
    conn.close()
    with psycopg.connect(database) as blocker:
        blocker.execute("LOCK TABLE attendance IN SHARE MODE")
        child = subprocess.Popen(command, cwd=ROOT, stdout=subprocess.PIPE, text=True)
        try:
            wait_until("the import to write and then wait", lambda: bool(writing_backends(database,
                                                                                           waiting=True)))
        finally:
            kill(child)
        blocker.rollback()
    wait_until("the killed transaction to end", lambda: not writing_backends(database))
    conn = connect(database)
    try:
        assert counts(conn) == before
        assert traces(conn, "Killed")["people"] == 0
    finally:
        conn.close()
    done = subprocess.run(command, cwd=ROOT, capture_output=True, text=True, timeout=DEADLINE)
    assert done.returncode == 0, done.stderr
    result = json.loads(done.stdout)["files"][0]
    assert (result["status"], result["attendance_added"], result["people_added"]) == ("imported", 10_000, 500)
