"""Two files describing one meeting give one meeting (issue 13, "Double count")."""

from __future__ import annotations

import duckdb
import pytest

from tests.conftest import REAL_EXPORTS
from tests.importing import count, load, sheet

HEROES = REAL_EXPORTS / "zoom"
BLOCK = b"""Meeting ID,Topic,Start Time,End Time,User Email,Duration (Minutes),Participants
812 3456 7890,Healthcare Quarterly Meeting,1/16/2025 9:00,1/16/2025 10:30,host@threerivers.org,90,4
,,,,,,
"""
TABLE = b"""Name (Original Name),User Email,Join Time,Leave Time,Duration (Minutes),Guest,Recording Consent
Ann Lee,ann@mercy.org,1/16/2025 8:55,1/16/2025 10:31,96,No,Y
Bo Chan (Bo Chan),bo@valleyhealth.com,1/16/2025 9:01,1/16/2025 10:30,89,No,Y
Cy Diaz,cy@valleyhealth.com,1/16/2025 9:02,1/16/2025 10:30,88,No,Y
Di Eze,di@college.edu,1/16/2025 9:03,1/16/2025 10:30,87,No,Y
"""


def _meetings(conn: duckdb.DuckDBPyConnection) -> list[tuple[str, str]]:
    rows = conn.execute("SELECT date, title FROM meeting ORDER BY id").fetchall()
    return [(str(d), str(t)) for d, t in rows]


def test_real_zoom_plain_then_with_meeting_block_is_one_meeting(conn: duckdb.DuckDBPyConnection) -> None:
    """The reported case: the heroes report plain, then with its meeting block: one meeting, 27 people."""
    plain = HEROES / "zoomclass_participants_heroes.csv"
    full = HEROES / "zoomclass_participants_heroes_full.csv"
    if not (plain.exists() and full.exists()):
        pytest.skip("../shared/real_exports/zoom is not available on this machine")
    first = load(conn, plain.read_bytes(), plain.name)
    second = load(conn, full.read_bytes(), full.name)
    assert (first.attendance_added, second.attendance_added, second.people_added) == (27, 0, 0)
    assert count(conn, "SELECT count(*) FROM meeting") == 1
    assert count(conn, "SELECT count(*) FROM attendance") == 27
    assert any("Heroes meeting" in w and "already recorded" in w for w in second.warnings)


@pytest.mark.parametrize("order", ["plain first", "block first"])
def test_both_zoom_variants_in_either_order_give_one_meeting(
    conn: duckdb.DuckDBPyConnection, order: str
) -> None:
    """Plain report and block report of the same call, in either order: one meeting, four attendees."""
    files = [(TABLE, "plain.csv"), (BLOCK + TABLE, "block.csv")]
    for data, name in files if order == "plain first" else files[::-1]:
        load(conn, data, name)
    assert count(conn, "SELECT count(*) FROM meeting") == 1
    assert count(conn, "SELECT count(*) FROM attendance") == 4
    assert count(conn, "SELECT count(*) FROM person") == 4


def test_second_file_adds_only_the_new_people(conn: duckdb.DuckDBPyConnection) -> None:
    """A titled copy with one more attendee joins the untitled meeting and adds just that person."""
    load(conn, TABLE, "plain.csv")
    extra = b"Ed Fox,ed@mercy.org,1/16/2025 9:10,1/16/2025 10:30,80,No,Y\n"
    again = load(conn, BLOCK + TABLE + extra, "block.csv")
    assert (again.attendance_added, again.people_added, again.people_matched) == (1, 1, 4)
    assert count(conn, "SELECT count(*) FROM meeting") == 1


def test_two_titled_meetings_the_same_day_with_the_same_people_stay_two(
    conn: duckdb.DuckDBPyConnection,
) -> None:
    """A quarterly meeting and an action-team meeting on one day, same people: two meetings, not one."""
    people = [(f"P{i}", f"p{i}@acme.com", "Acme", "2026-03-12") for i in range(4)]
    load(conn, sheet([(*p, "Quarterly meeting") for p in people]), "q.csv")
    load(conn, sheet([(*p, "Workforce action team") for p in people]), "t.csv")
    assert _meetings(conn) == [("2026-03-12", "Quarterly meeting"), ("2026-03-12", "Workforce action team")]
    assert count(conn, "SELECT count(*) FROM attendance") == 8


def test_an_untitled_sheet_joins_the_same_day_quarterly_its_people_attended(
    conn: duckdb.DuckDBPyConnection,
) -> None:
    """A day with two meetings (an employer roundtable and a quarterly); then a sign-in sheet with no
    title and no meeting type, naming three of the quarterly's four people: it is the quarterly again,
    so its people are not counted twice on one day (a missing type reads as 'other', which joins any
    kind, as the rule says)."""
    load(conn, sheet([(f"P{i} Q{i}", f"p{i}@acme.com", "Acme", "8/13/2026", "Employer Roundtable")
                      for i in range(4)]), "roundtable.csv")  # fmt: skip
    load(conn, sheet([(f"R{i} S{i}", f"r{i}@mercy.org", "Mercy", "8/13/2026", "Fall Quarterly Meeting")
                      for i in range(4)]), "quarterly.csv")  # fmt: skip
    again = load(conn, sheet([(f"R{i} S{i}", f"r{i}@mercy.org", "Mercy", "8/13/2026") for i in range(3)],
                             header=("Name", "Email", "Organization", "Date")), "untitled.csv")  # fmt: skip
    assert [t for _, t in _meetings(conn)] == ["Employer Roundtable", "Fall Quarterly Meeting"]
    assert again.attendance_added == 0
    assert count(conn, "SELECT count(*) FROM attendance") == 8
