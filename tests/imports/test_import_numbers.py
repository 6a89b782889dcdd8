"""Each partnership numbers its own imports: its first is "Import 1", whatever other partnerships on the
same installation imported first, and a number is never given twice (the walk's case: a new
partnership's first import read "Import 2")."""

from __future__ import annotations

from pathlib import Path

import duckdb

from refresh_core import db
from refresh_core.hosting.archive import migrate_to
from refresh_core.imports.batches import import_history, undo_import
from tests.importing import load, sheet


def _file(day: str, who: str = "Ann Lee") -> bytes:
    return sheet([(who, f"{who.split()[0].lower()}@acme.com", "Acme", day, "Quarterly meeting")])


def _numbers(conn: duckdb.DuckDBPyConnection, partnership: str) -> list[int]:
    history = import_history(conn)
    return sorted(int(n) for n in history.loc[history["partnership"] == partnership, "number"])


def test_a_new_partnerships_first_import_is_import_1(conn: duckdb.DuckDBPyConnection) -> None:
    """Lakeshore imports two files, then Three Rivers its first: Three Rivers' history says Import 1
    (the batch id, 3, is not what a convener reads), and "already imported" quotes that number."""
    load(conn, _file("2026-03-12"), "a.csv", partnership="Lakeshore")
    load(conn, _file("2026-06-12"), "b.csv", partnership="Lakeshore")
    first = load(conn, _file("2026-03-19"), "c.csv", partnership="Three Rivers")
    assert first.batch_id == 3
    assert _numbers(conn, "Lakeshore") == [1, 2] and _numbers(conn, "Three Rivers") == [1]
    again = load(conn, _file("2026-03-19"), "c-again.csv", partnership="Three Rivers")
    assert "(import 1, as 'c.csv')" in again.warnings[0]


def test_after_undoing_the_last_import_the_next_takes_its_number(conn: duckdb.DuckDBPyConnection) -> None:
    """Import 1 and 2, undo 2 ("Removed import 2"): the history is 1 alone again, and the next import is
    Import 2 (an undo leaves the partnership exactly as it was before the import, its numbering too).
    Undoing Import 1 of 1, 2 leaves 2, and the next is 3: a number still in the history is never given
    twice."""
    load(conn, _file("2026-03-12"), "a.csv", partnership="Lakeshore")
    second = load(conn, _file("2026-06-12"), "b.csv", partnership="Lakeshore")
    assert second.batch_id is not None
    assert undo_import(conn, batch_id=second.batch_id).sentence().startswith("Removed import 2 (b.csv)")
    assert _numbers(conn, "Lakeshore") == [1]
    third = load(conn, _file("2026-09-12"), "c.csv", partnership="Lakeshore")
    assert _numbers(conn, "Lakeshore") == [1, 2]
    first_id = int(conn.execute("SELECT min(id) FROM import_batch").fetchone()[0])  # type: ignore[index]
    assert third.batch_id != first_id
    undo_import(conn, batch_id=first_id)
    load(conn, _file("2026-12-12"), "d.csv", partnership="Lakeshore")
    assert _numbers(conn, "Lakeshore") == [2, 3]


def test_imports_made_before_numbering_are_numbered_in_order(tmp_path: Path) -> None:
    """A database from before migration 014, with two partnerships' imports interleaved: each
    partnership's imports are numbered 1, 2, ... in the order they were made, and the next one goes on
    from there."""
    path = tmp_path / "old.duckdb"
    old = duckdb.connect(str(path))
    migrate_to(old, 13)
    old.execute("INSERT INTO partnership (id, name) VALUES (1, 'Lakeshore'), (2, 'Three Rivers')")
    old.execute("SELECT nextval('import_batch_id_seq') FROM range(5)")  # (ids given out, as they were)
    old.execute(
        "INSERT INTO import_batch (id, partnership_id, file_name, sha256, format, rows_read, rows_rejected) "
        "VALUES (1, 1, 'a.csv', 'x1', 'signin', 1, 0), (2, 2, 'b.csv', 'x2', 'signin', 1, 0), "
        "(4, 1, 'c.csv', 'x4', 'signin', 1, 0), (5, 2, 'd.csv', 'x5', 'signin', 1, 0)"
    )
    old.close()
    conn = db.connect(path)
    assert conn.execute("SELECT id, number FROM import_batch ORDER BY id").fetchall() == [
        (1, 1), (2, 1), (4, 2), (5, 2)]
    load(conn, _file("2026-09-12"), "e.csv", partnership="Three Rivers")
    assert _numbers(conn, "Three Rivers") == [1, 2, 3]
    conn.close()
