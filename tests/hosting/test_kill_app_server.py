"""Killing one app server mid-import: a real ``streamlit run`` importing a 10,000-row file through its
Import attendance page (driven over its WebSocket by ``tests/hosting/app_import.py``: upload, plan,
press Import) is SIGKILLed inside the import's transaction. On PostgreSQL the transaction has
written and waits for a table lock the test holds (seen in ``pg_stat_activity``); on DuckDB the kill
comes when the page reports the file's import under way (its progress line, written inside the
transaction). Afterwards nothing committed is lost, nothing of the killed import exists, and another
app server imports the same file through the same page at once (the dead server's lease on the import
lock blocks nobody).
"""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Iterator
from contextlib import ExitStack, contextmanager, suppress
from pathlib import Path

import psycopg
from websockets.exceptions import ConnectionClosed

from refresh_core.db import Connection, connect
from refresh_core.hosting import tasks
from refresh_core.imports.apply import import_files
from tests import pg
from tests.conftest import LAKESHORE, ROOT
from tests.e2e.conftest import free_port, wait_healthy
from tests.hosting.app_import import ImportPage
from tests.hosting.killing import counts, kill, signin, wait_until, writing_backends

BIG = "big-signin.csv"


@contextmanager
def app_server(db: str, log: Path) -> Iterator[tuple[str, subprocess.Popen[bytes]]]:
    """`streamlit run` on a free loopback port over ``db`` (a DuckDB file or a PostgreSQL URL)."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("REFRESH_")}
    env["REFRESH_DATABASE_URL" if pg.enabled() else "REFRESH_DB"] = db
    port = free_port()
    url = f"http://127.0.0.1:{port}/"
    with open(log, "wb") as out:
        proc = subprocess.Popen(
            [sys.executable, "-m", "ui.serve", "--server.port", str(port),
             "--server.address", "127.0.0.1", "--server.headless", "true", "--server.fileWatcherType", "none",
             "--browser.gatherUsageStats", "false"], cwd=ROOT, env=env, stdout=out, stderr=subprocess.STDOUT)
    try:
        wait_healthy(url, proc, log)
        yield url, proc
    finally:
        if proc.poll() is None:
            proc.terminate()
            proc.wait(timeout=30)


def big_import(conn: Connection) -> tuple[int, int, int]:
    """The big file's import batches, and attendance rows (all, distinct person-meeting pairs) in them."""
    row = conn.execute(
        "SELECT (SELECT count(*) FROM import_batch WHERE file_name = ?), count(*), "
        "count(DISTINCT (a.meeting_id, a.person_id)) FROM attendance a "
        "JOIN import_batch b ON b.id = a.batch_id WHERE b.file_name = ?", [BIG, BIG]).fetchone()
    assert row is not None
    return int(row[0]), int(row[1]), int(row[2])


@contextmanager
def importing(url: str, data: bytes, *, until_text: str | None) -> Iterator[ImportPage]:
    """Open the Import page on the server at ``url``, upload the big file and press Import; the
    session stays open for the block (the server may die in it: closing then raises nothing)."""
    with suppress(ConnectionClosed), ImportPage.opened(url) as page:
        uploaded = page.upload(BIG, data)
        page.run([uploaded])
        page.run([uploaded, page.button("Import 1 file")], until_text=until_text)
        yield page


def test_an_app_server_killed_mid_import_loses_nothing_and_blocks_nobody(db: str, tmp_path: Path) -> None:
    """Server A is killed inside its import's transaction: the import committed before is intact, no
    batch, meeting, person or attendance of the killed one exists, and server B then imports the same
    file through the same page: 10,000 attendance rows, each person-meeting pair once."""
    data = signin("Big", people=500, meetings=20)
    conn = connect(db)
    import_files(conn, partnership=LAKESHORE, files=[("committed.csv", signin("Committed", people=30,
                                                                                  meetings=4))])
    before = counts(conn)
    conn.close()  # DuckDB: the app server holds the file from now on
    with ExitStack() as servers:
        url_a, proc_a = servers.enter_context(app_server(db, tmp_path / "a.log"))
        if pg.enabled():  # two servers on one database: B stays up while A dies
            url_b, _ = servers.enter_context(app_server(db, tmp_path / "b.log"))
            with psycopg.connect(db) as blocker:
                blocker.execute("LOCK TABLE attendance IN SHARE MODE")
                with importing(url_a, data, until_text="1/1:"):
                    wait_until("server A's import to write, then wait",
                               lambda: bool(writing_backends(db, waiting=True)))
                    kill(proc_a)
                blocker.rollback()
            wait_until("the killed transaction to end", lambda: not writing_backends(db))
        else:
            with importing(url_a, data, until_text="1/1:"):
                kill(proc_a)
        if not pg.enabled():  # DuckDB: look at the file between the two servers
            servers.close()
        conn = connect(db)
        try:
            assert counts(conn) == before
            assert big_import(conn) == (0, 0, 0)
            holder = conn.execute("SELECT holder FROM app_task WHERE name = ?", [tasks.IMPORT]).fetchone()
            assert holder is not None and holder[0] is not None  # the dead session's lease is left behind
        finally:
            conn.close()
        if not pg.enabled():
            url_b, _ = servers.enter_context(app_server(db, tmp_path / "b.log"))
        with importing(url_b, data, until_text=None) as again:
            pass
        assert not any("Another import is running" in t for t in again.texts), again.texts[-10:]
    conn = connect(db)
    try:
        assert big_import(conn) == (1, 10_000, 10_000)
        assert counts(conn)["import_batch"] == before["import_batch"] + 1
    finally:
        conn.close()
