"""Merging two meetings that are one: each person once, nothing counted twice, records moved,
refused (with what to do) when both meetings carry their own plans."""

from __future__ import annotations

import datetime as dt

import duckdb
import pytest

from refresh_core.errors import ValidationError
from refresh_core.health.attendance import full_meeting_counts
from refresh_core.imports.batches import undo_import
from refresh_core.meeting.merging import merge_meetings, plan_merge
from refresh_core.meeting.schedule import meetings_table
from refresh_core.partnerships import get_partnership
from refresh_core.schema import problems
from tests.builders import Builder
from tests.conftest import TODAY
from tests.importing import PARTNERSHIP, load, sheet

DAY = dt.date(2026, 3, 12)


def test_people_at_both_are_counted_once(build: Builder) -> None:
    """Three at both, two only on the sign-in sheet: after merging, five people, each once."""
    zoom = build.meeting(DAY, "quarterly", "Spring partnership meeting")
    paper = build.meeting(DAY, "other", "Sign-in sheet")
    both, only_paper = build.people(3, prefix="B"), build.people(2, prefix="P")
    build.attend(zoom, both)
    build.attend(paper, both + only_paper)
    before = full_meeting_counts(build.conn, partnership_id=build.pid, as_of=TODAY)
    assert before["industry"].tolist() == [3]
    plan = plan_merge(build.conn, partnership_id=build.pid, keep_id=zoom, remove_id=paper)
    assert (plan.attendance_moved, plan.attendance_shared, plan.problem) == (2, 3, None)
    assert "2 attendance records move over; 3 people were at both and are counted once" in plan.sentence()
    merge_meetings(build.conn, partnership_id=build.pid, keep_id=zoom, remove_id=paper)
    after = full_meeting_counts(build.conn, partnership_id=build.pid, as_of=TODAY)
    assert after["industry"].tolist() == [5]
    assert meetings_table(build.conn, partnership_id=build.pid, as_of=TODAY)["id"].tolist() == [zoom]
    assert problems(build.conn).empty


def test_a_person_at_both_keeps_the_higher_role_and_longer_time(build: Builder) -> None:
    """The host on one report and a participant on the other stays the host, with the longer minutes."""
    a = build.meeting(DAY, "quarterly", "A")
    b = build.meeting(DAY, "other", "B")
    person = build.person("Ann Bell", "Bell Works")
    build.conn.execute("INSERT INTO attendance (meeting_id, person_id, role, minutes) VALUES "
                       "(?, ?, 'participant', 90), (?, ?, 'host', 30)", [a, person, b, person])
    merge_meetings(build.conn, partnership_id=build.pid, keep_id=a, remove_id=b)
    rows = build.conn.execute("SELECT meeting_id, role, minutes FROM attendance").fetchall()
    assert rows == [(a, "host", 90)]


def test_plans_of_the_meeting_merged_away_move_to_the_one_kept(build: Builder) -> None:
    """A planned refresh meeting's prospects and a priority identified there move with the merge."""
    imported = build.meeting(DAY, "quarterly", "Spring partnership meeting")
    planned = build.meeting(DAY, "refresh", "Refresh meeting, March 2026")
    person = build.person("Ann Bell", "Bell Works")
    build.conn.execute("INSERT INTO prospect (meeting_id, person_id) VALUES (?, ?)", [planned, person])
    priority = build.priority("Talent pipeline", DAY, meeting=planned)
    plan = merge_meetings(build.conn, partnership_id=build.pid, keep_id=imported, remove_id=planned)
    assert ": also moved: 1 priority and 1 prospect." in plan.sentence()
    assert build.conn.execute("SELECT meeting_id FROM prospect").fetchall() == [(imported,)]
    assert build.conn.execute("SELECT identified_meeting_id FROM priority WHERE id = ?",
                              [priority]).fetchall() == [(imported,)]
    assert problems(build.conn).empty


def test_two_prospect_lists_are_not_merged(build: Builder) -> None:
    """When both meetings have prospects, nothing changes and the message says what to do."""
    a = build.meeting(DAY, "refresh", "A")
    b = build.meeting(DAY, "quarterly", "B")
    for meeting, name in ((a, "Ann Bell"), (b, "Bo Chan")):
        build.conn.execute("INSERT INTO prospect (meeting_id, person_id) VALUES (?, ?)",
                           [meeting, build.person(name, name + " Co")])
    plan = plan_merge(build.conn, partnership_id=build.pid, keep_id=a, remove_id=b)
    assert plan.problem is not None and "Both meetings have their own prospect records" in plan.problem
    with pytest.raises(ValidationError, match="not merged"):
        merge_meetings(build.conn, partnership_id=build.pid, keep_id=a, remove_id=b)
    assert len(meetings_table(build.conn, partnership_id=build.pid, as_of=TODAY)) == 2


def test_recruitment_does_not_move_onto_a_meeting_that_is_not_counted(build: Builder) -> None:
    """Keeping an 'other' meeting would hide a refresh meeting's prospects: refused, with the way out."""
    other = build.meeting(DAY, "other", "Breakfast")
    planned = build.meeting(DAY, "refresh", "Refresh")
    build.conn.execute("INSERT INTO prospect (meeting_id, person_id) VALUES (?, ?)",
                       [planned, build.person("Ann Bell", "Bell Works")])
    plan = plan_merge(build.conn, partnership_id=build.pid, keep_id=other, remove_id=planned)
    assert plan.problem is not None and "Keep 'Refresh' instead" in plan.problem


def test_a_meeting_cannot_be_merged_into_itself(build: Builder) -> None:
    """Picking the same meeting twice is refused."""
    a = build.meeting(DAY, "quarterly", "A")
    assert plan_merge(build.conn, partnership_id=build.pid, keep_id=a, remove_id=a).problem is not None


def test_undoing_an_import_after_a_merge_removes_only_its_attendance(conn: duckdb.DuckDBPyConnection) -> None:
    """Two files of one meeting merged: undoing the first import keeps the meeting for the second's people."""
    first = load(conn, sheet([("Ann Bell", "ann@bell.com", "Bell", "3/12/2026", "Spring Quarterly Meeting"),
                              ("Bo Chan", "bo@chan.com", "Chan", "3/12/2026", "Spring Quarterly Meeting")]),
                 "zoom.csv")
    load(conn, sheet([("Ann Bell", "ann@bell.com", "Bell", "3/12/2026", "Sign-in"),
                      ("Cy Diaz", "cy@diaz.com", "Diaz", "3/12/2026", "Sign-in")]), "paper.csv")
    pid = get_partnership(conn, name=PARTNERSHIP).id
    table = meetings_table(conn, partnership_id=pid, as_of=TODAY).set_index("title")
    merge_meetings(conn, partnership_id=pid, keep_id=int(table.loc["Spring Quarterly Meeting", "id"]),
                   remove_id=int(table.loc["Sign-in", "id"]))
    assert conn.execute("SELECT count(*) FROM attendance").fetchall() == [(3,)]
    assert first.batch_id is not None
    undo_import(conn, batch_id=first.batch_id)
    left = meetings_table(conn, partnership_id=pid, as_of=TODAY)
    assert left["title"].tolist() == ["Spring Quarterly Meeting"] and left["attendees"].tolist() == [1]
    assert problems(conn).empty
