"""Schema migrations and transactions."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from pathlib import Path

import duckdb
import pytest

from refresh_core import db
from refresh_core.errors import SchemaError, StorageError
from refresh_core.hosting.archive import migrate_to


def test_new_database_gets_every_migration(conn: duckdb.DuckDBPyConnection) -> None:
    """A fresh database is brought to the newest schema and records each step."""
    versions = [r[0] for r in conn.execute("SELECT version FROM schema_version ORDER BY 1").fetchall()]
    assert versions == [v for v, _, _ in db.migrations()]
    assert db.schema_version(conn) == db.latest_version()


def test_reconnecting_applies_nothing_twice(tmp_path: Path) -> None:
    """Opening the same file again keeps its data and its schema version."""
    path = tmp_path / "x.duckdb"
    first = db.connect(path)
    first.execute("INSERT INTO partnership (name) VALUES ('Keep me')")
    first.close()
    again = db.connect(path)
    assert again.execute("SELECT name FROM partnership").fetchall() == [("Keep me",)]
    assert again.execute("SELECT count(*) FROM schema_version").fetchone() == (len(db.migrations()),)
    again.close()


def test_a_database_whose_process_was_killed_opens_again(tmp_path: Path) -> None:
    """Regression: a new database's process killed before DuckDB folded its log into the file (a
    migration's ALTER TABLE still in the log) could never be opened again offline ("Failed to
    download extension core_functions"). It opens, with what the killed process had committed."""
    path = tmp_path / "killed.duckdb"
    code = ("import os, signal, sys\nfrom refresh_core.db import connect\n"
            "conn = connect(sys.argv[1])\n"
            "conn.execute(\"INSERT INTO partnership (name) VALUES ('Kept')\")\n"
            "os.kill(os.getpid(), signal.SIGKILL)\n")
    killed = subprocess.run([sys.executable, "-c", code, str(path)], cwd=Path(__file__).parent.parent,
                            capture_output=True, text=True, timeout=120)
    assert killed.returncode == -signal.SIGKILL, killed.stderr
    assert Path(f"{path}.wal").exists()  # the log the next open must replay
    again = db.connect(path)
    assert again.execute("SELECT name FROM partnership").fetchall() == [("Kept",)]
    again.close()


def test_newer_database_is_refused(tmp_path: Path) -> None:
    """A database written by a newer version is refused with advice, not damaged."""
    path = tmp_path / "x.duckdb"
    c = db.connect(path)
    c.execute("INSERT INTO schema_version (version, name) VALUES (999, '999_future.sql')")
    c.close()
    with pytest.raises(SchemaError, match="Upgrade the program"):
        db.connect(path)


def test_failed_transaction_writes_nothing(conn: duckdb.DuckDBPyConnection) -> None:
    """An error half-way through an edit leaves no trace and says nothing was written."""
    with pytest.raises(StorageError, match="nothing was written"), db.transaction(conn):
        conn.execute("INSERT INTO partnership (name) VALUES ('First')")
        conn.execute("INSERT INTO partnership (name) VALUES ('First')")  # duplicate name
    assert conn.execute("SELECT count(*) FROM partnership").fetchone() == (0,)


def test_a_rehearsal_writes_nothing_whether_it_ends_or_fails(conn: duckdb.DuckDBPyConnection) -> None:
    """What a rehearsal writes is read back inside it and gone after it, on a normal end and on an
    error alike (the preview of a later file imports the files above it this way)."""
    conn.execute("INSERT INTO partnership (name) VALUES ('Before')")
    with db.rehearsal(conn):
        conn.execute("INSERT INTO partnership (name) VALUES ('Rehearsed')")
        assert db.one(conn, "SELECT count(*) FROM partnership") == (2,)
    with pytest.raises(RuntimeError), db.rehearsal(conn):
        conn.execute("INSERT INTO partnership (name) VALUES ('Rehearsed')")
        raise RuntimeError("stop")
    assert conn.execute("SELECT name FROM partnership").fetchall() == [("Before",)]


def test_database_path_follows_environment(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """REFRESH_DB overrides where the database lives."""
    monkeypatch.setenv("REFRESH_DB", str(tmp_path / "elsewhere.duckdb"))
    assert db.default_db_path() == tmp_path / "elsewhere.duckdb"


def test_refusal_message_is_plain(conn: duckdb.DuckDBPyConnection) -> None:
    """A rule broken in the database is explained in plain words, without the database's own jargon."""
    with pytest.raises(StorageError) as caught, db.transaction(conn):
        conn.execute("INSERT INTO partnership (name) VALUES ('   ')")
    assert "empty name" in str(caught.value)
    assert "CHECK" not in str(caught.value) and "Constraint Error" not in str(caught.value)


def test_migration_007_turns_unknown_into_unclassified_and_keeps_every_row(tmp_path: Path) -> None:
    """A database from before 007: 'unknown' kinds become 'unclassified', kinds the old catch-all rule gave
    become guesses to confirm, the convener's stay, and each attendance keeps the person's organisation."""
    path = tmp_path / "old.duckdb"
    old = duckdb.connect(str(path))
    migrate_to(old, 6)
    old.execute("INSERT INTO partnership (id, name) VALUES (1, 'Old')")
    old.execute(
        "INSERT INTO organisation (id, partnership_id, name, name_key, domain, kind, public_subtype,"
        " kind_source) VALUES (1, 1, 'acme.com', 'acme com', 'acme.com', 'industry', NULL, 'rule'),"
        " (2, 1, 'Harbor Group', 'harbor group', NULL, 'unknown', NULL, 'rule'),"
        " (3, 1, 'Lakeshore College', 'lakeshore college', NULL, 'public_partner', 'education', 'convener')"
    )
    old.execute("INSERT INTO person (id, partnership_id, full_name, name_key, organisation_id) VALUES"
                " (1, 1, 'Ann', 'ann', 1), (2, 1, 'Bo', 'bo', 2), (3, 1, 'Cy', 'cy', NULL)")
    old.execute("INSERT INTO meeting (id, partnership_id, date, title, kind)"
                " VALUES (1, 1, '2026-03-12', 'Q', 'quarterly')")
    old.execute("INSERT INTO attendance (meeting_id, person_id) VALUES (1, 1), (1, 2), (1, 3)")
    old.close()
    conn = db.connect(path)
    kinds = conn.execute(
        "SELECT id, kind, public_subtype, kind_source FROM organisation ORDER BY id"
    ).fetchall()
    assert kinds == [(1, "industry", None, "guess"), (2, "unclassified", None, "rule"),
                     (3, "public_partner", "education", "convener")]
    assert conn.execute("SELECT person_id, organisation_id FROM attendance ORDER BY 1").fetchall() == [
        (1, 1), (2, 2), (3, None)]
    assert conn.execute("SELECT cadence FROM partnership").fetchone() == ("quarterly",)
    conn.close()


def test_the_default_database_is_the_projects_data_file(monkeypatch: pytest.MonkeyPatch) -> None:
    """`make run` loads the demo into data/refresh.duckdb and the app opens the default database: they
    must be one file. When db.py became a package the default moved to refresh_core/data/, so a fresh
    clone's app showed "No partnership yet" beside a loaded demo."""
    monkeypatch.delenv("REFRESH_DB", raising=False)
    root = Path(__file__).resolve().parent.parent
    assert db.default_db_path() == root / "data" / "refresh.duckdb"


@pytest.mark.parametrize(("day", "label"), [("2026-10-08", "8 Oct 2026"), ("2026-11-12", "12 Nov 2026")])
def test_a_meeting_pickers_day_is_written_without_a_leading_zero(
    conn: duckdb.DuckDBPyConnection, day: str, label: str
) -> None:
    """The store writes a meeting's day in a picker as people write it, '8 Oct 2026' (as words.day does
    in sentences), on either store."""
    row = conn.execute(f"SELECT {db.day_label(conn, 'CAST(? AS DATE)')}", [day]).fetchone()
    assert row is not None and row[0] == label


def test_moments_are_stored_in_utc_on_a_server_set_to_another_zone() -> None:
    """A server whose clock is set to New York time stored every ``DEFAULT current_timestamp`` (when a
    person was added, a link made, a status recorded) five hours behind the UTC the pages name; the
    embedded store now works in UTC, as the PostgreSQL store already did."""
    script = ("import datetime as dt; from refresh_core.db import connect; c = connect(':memory:'); "
              "[(x,)] = c.execute('SELECT current_timestamp::TIMESTAMP').fetchall(); "
              "print(abs((x - dt.datetime.now(dt.UTC).replace(tzinfo=None)).total_seconds()) < 60)")
    out = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True,
                         env={**os.environ, "TZ": "America/New_York"},
                         cwd=Path(__file__).resolve().parent.parent)
    assert out.stdout.strip() == "True", out.stderr
