"""A file mixing a known meeting kind with an unknown one imports (issue 13, "A generic error")."""

from __future__ import annotations

import duckdb
import pandas as pd
import psycopg
import pytest

from refresh_core import db
from refresh_core.errors import StorageError
from tests.importing import count, load, sheet

HEADER = ("Name", "Email", "Organization", "Date", "Meeting", "Meeting type")


def test_quarterly_and_workshop_in_one_file_import_with_a_warning(conn: duckdb.DuckDBPyConnection) -> None:
    """The reported case: 'Quarterly meeting' and 'Workshop' rows. Both meetings import; the workshop is
    'other' (never the text 'nan'), and a warning names the unknown type and its line."""
    data = sheet(
        [
            ("Ann Lee", "ann@acme.com", "Acme", "2026-03-12", "Spring gathering", "Quarterly meeting"),
            ("Bo Chan", "bo@acme.com", "Acme", "2026-04-12", "Skills session", "Workshop"),
        ],
        header=HEADER,
    )
    result = load(conn, data)
    assert result.status == "imported"
    kinds = dict(conn.execute("SELECT title, kind FROM meeting").fetchall())
    assert kinds == {"Spring gathering": "quarterly", "Skills session": "other"}
    assert [w for w in result.warnings if "'Workshop'" in w and "line 3" in w]
    assert count(conn, "SELECT count(*) FROM attendance") == 2


def test_untitled_meeting_with_unknown_type_gets_a_date_title_not_nan(
    conn: duckdb.DuckDBPyConnection,
) -> None:
    """No title and an unknown type: the meeting is 'Meeting on 12 Apr 2026', kind 'other'."""
    data = sheet([("Bo Chan", "bo@acme.com", "Acme", "2026-04-12", "", "Workshop")], header=HEADER)
    load(conn, data)
    assert conn.execute("SELECT title, kind FROM meeting").fetchall() == [("Meeting on 12 Apr 2026", "other")]


def test_registered_block_failing_in_a_transaction_shows_the_first_error(
    conn: duckdb.DuckDBPyConnection,
) -> None:
    """A query that fails inside ``registered()`` inside a transaction reports its own error (here a
    CHECK constraint), not DuckDB's refusal to unregister in an aborted transaction."""
    conn.execute("INSERT INTO partnership (name) VALUES ('P')")
    frame = pd.DataFrame({"kind": ["nan"]})
    with pytest.raises(StorageError) as caught, db.transaction(conn), db.registered(conn, "_bad", frame):
        conn.execute(
            "INSERT INTO meeting (partnership_id, date, title, kind) SELECT 1, DATE '2026-01-01', 'x', kind "
            "FROM _bad"
        )
    assert isinstance(caught.value.__cause__, (duckdb.ConstraintException, psycopg.errors.CheckViolation))
    assert "check constraint" in str(caught.value.__cause__).lower()
    assert count(conn, "SELECT count(*) FROM meeting") == 0
