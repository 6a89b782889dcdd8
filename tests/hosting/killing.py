"""Helpers for the tests that kill a process mid-import: sign-in sheets, table counts, waiting on
PostgreSQL's view of open transactions (never a fixed pause), and the kill itself."""

from __future__ import annotations

import os
import select
import signal
import subprocess
import time
from collections.abc import Callable

import psycopg

from refresh_core.db import Connection
from tests import pg

PARTNERSHIP = "Kill Test Partnership"
DEADLINE = 120.0  # seconds: a bound on every wait, never a pause
TABLES = ("import_batch", "meeting", "organisation", "person", "attendance", "person_review", "import_change")


def signin(tag: str, *, people: int, meetings: int, start: int = 1) -> bytes:
    """A sign-in sheet: every one of ``people`` at every one of ``meetings`` (titled ``tag``), each
    person at an organisation of their own tagged ``tag`` (so their rows are easy to find)."""
    lines = ["Name,Email,Organization,Date,Meeting"]
    for m in range(meetings):
        day = f"{(m % 12) + 1}/{(m % 27) + start}/2025"
        for p in range(people):
            lines.append(f"{tag} Person {p},p{p}@{tag.lower()}.example,{tag} Works {p % 40},{day},"
                         f"{tag} meeting {m}")
    return ("\n".join(lines) + "\n").encode("utf-8")


def counts(conn: Connection) -> dict[str, int]:
    """Rows in each table an import writes."""
    found = {}
    for table in TABLES:
        row = conn.execute(f"SELECT count(*) FROM {table}").fetchone()
        found[table] = int(row[0]) if row else -1
    return found


def traces(conn: Connection, tag: str) -> dict[str, int]:
    """Rows anywhere that came from the files tagged ``tag``."""
    like = f"{tag}%"
    queries = {
        "batches": ("SELECT count(*) FROM import_batch WHERE file_name LIKE ?", [f"{tag.lower()}%"]),
        "meetings": ("SELECT count(*) FROM meeting WHERE title LIKE ?", [like]),
        "people": ("SELECT count(*) FROM person WHERE full_name LIKE ?", [like]),
        "organisations": ("SELECT count(*) FROM organisation WHERE name LIKE ?", [like]),
        "attendance": ("SELECT count(*) FROM attendance a JOIN meeting m ON m.id = a.meeting_id "
                       "WHERE m.title LIKE ?", [like]),
    }
    return {k: int((conn.execute(sql, params).fetchone() or [-1])[0]) for k, (sql, params) in queries.items()}


def wait_until(what: str, check: Callable[[], bool]) -> None:
    """Poll ``check`` until it holds (bounded by DEADLINE)."""
    deadline = time.monotonic() + DEADLINE
    while not check():
        assert time.monotonic() < deadline, f"gave up waiting for {what}"
        time.sleep(0.05)


def read_line(proc: subprocess.Popen[str]) -> str:
    """The child's next line of output (bounded by DEADLINE)."""
    assert proc.stdout is not None
    ready, _, _ = select.select([proc.stdout], [], [], DEADLINE)
    assert ready, "the child said nothing"
    return proc.stdout.readline().strip()


def writing_backends(url: str, *, waiting: bool = False) -> list[int]:
    """PostgreSQL backends of the database at ``url`` inside a transaction that has written
    (``waiting``: and now waits for a lock)."""
    with psycopg.connect(pg.url_of("postgres"), autocommit=True) as admin:
        rows = admin.execute(
            "SELECT pid FROM pg_stat_activity WHERE datname = %s AND backend_xid IS NOT NULL"
            + (" AND wait_event_type = 'Lock'" if waiting else ""),
            [psycopg.conninfo.conninfo_to_dict(url)["dbname"]]).fetchall()
    return [int(r[0]) for r in rows]


def kill(proc: subprocess.Popen[str] | subprocess.Popen[bytes]) -> None:
    """SIGKILL ``proc`` (no chance to clean up) and reap it."""
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait(timeout=DEADLINE)
    assert proc.returncode == -signal.SIGKILL


