"""Undo never loses attendance another live import also recorded (issue 13, "Data loss")."""

from __future__ import annotations

import duckdb
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from refresh_core.db import connect
from refresh_core.imports.batches import import_history, undo_import
from refresh_core.people.merges import merge_people, undo_merge
from refresh_core.schema import problems
from tests.importing import count, load, sheet


def _people(lo: int, hi: int, day: str = "2026-03-12", title: str = "Quarterly meeting") -> bytes:
    return sheet([(f"Person {i}", f"p{i}@acme.com", "Acme Tools", day, title) for i in range(lo, hi)])


def _attending(conn: duckdb.DuckDBPyConnection) -> set[tuple[str, str]]:
    rows = conn.execute(
        "SELECT p.email, m.date::VARCHAR FROM attendance a JOIN person p ON p.id = a.person_id "
        "JOIN meeting m ON m.id = a.meeting_id"
    ).fetchall()
    return {(str(e), str(d)) for e, d in rows}


def test_undo_first_of_two_overlapping_imports_keeps_the_second_ones_attendance(
    conn: duckdb.DuckDBPyConnection,
) -> None:
    """The reported case: A (people 0-9), B (people 5-14, same meeting), undo A: 5-14 still attended."""
    a = load(conn, _people(0, 10), "a.csv")
    b = load(conn, _people(5, 15), "b.csv")
    assert (a.attendance_added, b.attendance_added) == (10, 5)
    undone = undo_import(conn, batch_id=a.batch_id or 0)
    assert undone.attendance_removed == 5
    assert _attending(conn) == {(f"p{i}@acme.com", "2026-03-12") for i in range(5, 15)}
    history = import_history(conn)
    assert list(history["file_name"]) == ["b.csv"]
    assert int(history["attendance_now"].iloc[0]) == 10  # B now answers for all ten of its rows
    assert problems(conn).empty
    # and undoing B as well leaves nothing behind
    undo_import(conn, batch_id=b.batch_id or 0)
    assert count(conn, "SELECT count(*) FROM attendance") == 0
    assert count(conn, "SELECT count(*) FROM person") == 0


def test_undo_never_removes_attendance_entered_by_hand(conn: duckdb.DuckDBPyConnection) -> None:
    """An import that repeats hand-entered attendance, once undone, leaves the hand-entered row."""
    a = load(conn, _people(0, 3), "a.csv")
    conn.execute("UPDATE attendance SET batch_id = NULL, batch_ids = NULL")  # as if typed in by hand
    b = load(conn, _people(0, 4), "b.csv")
    assert b.attendance_added == 1
    undo_import(conn, batch_id=b.batch_id or 0)
    assert count(conn, "SELECT count(*) FROM attendance") == 3
    undo_import(conn, batch_id=a.batch_id or 0)
    assert count(conn, "SELECT count(*) FROM attendance") == 3


def test_undoing_a_merge_after_an_undo_restores_only_live_attendance(conn: duckdb.DuckDBPyConnection) -> None:
    """A merge drops a duplicate row; once its only import is gone, undoing the merge does not revive it."""
    a = load(conn, sheet([("Jo Smith", "jo@acme.com", "Acme", "2026-03-12", "Quarterly meeting")]), "a.csv")
    b = sheet([("Jo Smith", "jsmith@beta.com", "Beta Corp", "2026-03-12", "Quarterly meeting")])
    load(conn, b, "b.csv")
    keep, other = (int(r[0]) for r in conn.execute("SELECT id FROM person ORDER BY id").fetchall())
    merge_id = merge_people(conn, keep_id=other, merge_id=keep)
    undo_import(conn, batch_id=a.batch_id or 0)
    undo_merge(conn, merge_id=merge_id)
    assert _attending(conn) == {("jsmith@beta.com", "2026-03-12")}
    assert problems(conn).empty


BATCHES = st.lists(
    st.tuples(st.integers(0, 2), st.integers(0, 8), st.integers(1, 6)), min_size=1, max_size=5
)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(batches=BATCHES, data=st.data())
def test_any_order_of_undos_leaves_exactly_the_live_batches_attendance(
    batches: list[tuple[int, int, int]], data: st.DataObject
) -> None:
    """Overlapping imports (same meetings, shared people), then undos in any order: the attendance left
    is exactly the union of what the imports still live recorded."""
    conn = connect(":memory:")
    try:
        recorded: dict[int, set[tuple[str, str]]] = {}
        for n, (day, lo, width) in enumerate(batches):
            date = f"2026-03-1{day}"
            result = load(conn, _people(lo, lo + width, date), f"batch{n}.csv")
            if result.status == "imported":
                recorded[result.batch_id or 0] = {(f"p{i}@acme.com", date) for i in range(lo, lo + width)}
        order = data.draw(st.permutations(sorted(recorded)))
        undo_count = data.draw(st.integers(0, len(order)))
        for batch_id in order[:undo_count]:
            undo_import(conn, batch_id=batch_id)
            del recorded[batch_id]
            live = set().union(*recorded.values()) if recorded else set()
            assert _attending(conn) == live
            assert problems(conn).empty
    finally:
        conn.close()
