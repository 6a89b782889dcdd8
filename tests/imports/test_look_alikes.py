"""The import preview's look-alike warning: pairs against people already here apart from pairs within
the file (issue 10)."""

from __future__ import annotations

import duckdb

from refresh_core.imports.apply import plan_import
from refresh_core.ingest import parse_file
from refresh_core.partnerships import ensure_partnership
from tests.importing import load, sheet


def test_look_alikes_count_only_people_already_here_as_such(conn: duckdb.DuckDBPyConnection) -> None:
    """Reported: '15 people look like someone already here' for a 6-row file into an empty partnership.
    Pairs within the file are now counted apart, and none of them is called 'already here'."""
    pid = ensure_partnership(conn, name="Fresh").id
    rows = [("Chris Lee", f"chris{i}@leeworks.com", "Lee Works", "3/12/2026", "Q") for i in range(6)]
    plan = plan_import(conn, partnership_id=pid, parsed=parse_file(sheet(rows), file_name="six.csv"))
    words = plan.look_alikes()
    assert words is not None and "already here" not in words
    assert words.startswith(f"{len(plan.reviews)} pairs of people within this file may be one person.")
    load(conn, sheet(rows[:1]), partnership="Fresh")
    again = plan_import(conn, partnership_id=pid, parsed=parse_file(sheet([
        ("Chris Lee", "chris@elsewhere.com", "Elsewhere Inc", "4/12/2026", "Q")]), file_name="one.csv"))
    assert again.look_alikes() == (
        "1 person in this file may be someone already here. They are kept apart; after importing, merge or "
        "dismiss them under Possible duplicates on the People and organisations page.")
