"""Fixing meetings after the fact: kind (in words), title and date; rescheduling and cancelling a
planned meeting, refused with what to do when something is recorded for it."""

from __future__ import annotations

import datetime as dt

import pytest

from refresh_core.enums import MeetingKind
from refresh_core.errors import PermissionDenied, ValidationError
from refresh_core.guard import mark_viewer
from refresh_core.health.attendance import full_meeting_counts
from refresh_core.meeting.schedule import (
    MeetingChange,
    cancel_meeting,
    changed_meetings,
    likely_duplicates,
    meetings_table,
    reschedule_meeting,
    update_meeting,
    update_meetings,
)
from refresh_core.meetings import get_meeting, kind_choices, kind_label
from refresh_core.schema import problems
from tests.builders import Builder
from tests.conftest import TODAY

PAST = dt.date(2026, 3, 12)
SOON = TODAY + dt.timedelta(days=30)


def change(meeting_id: int, day: dt.date, title: str, kind: str, team: int | None = None) -> MeetingChange:
    return MeetingChange(meeting_id=meeting_id, date=day, title=title, kind=kind, action_team_id=team)


def test_kinds_in_words(build: Builder) -> None:
    """'quarterly' reads 'Full partnership (regular)'; teams are named; other says it is not counted."""
    team = build.team("Talent Pipeline", dt.date(2026, 1, 5))
    assert kind_label("quarterly") == "Full partnership (regular)"
    assert kind_label("action_team", "Talent Pipeline") == "Action team: Talent Pipeline"
    assert kind_label("other") == "Other (not counted)"
    labels = [(c.label, c.team_id) for c in kind_choices(build.conn, partnership_id=build.pid)]
    assert labels == [("Full partnership (regular)", None), ("Launch", None), ("Refresh", None),
                      ("Action team: Talent Pipeline", team),
                      ("Action team (no team, not counted)", None), ("Other (not counted)", None)]


def test_the_list_says_which_meetings_count(build: Builder) -> None:
    """The list shows each type in words, people recorded, planned or not, and whether Health counts it."""
    team = build.team("Talent", dt.date(2026, 1, 5))
    regular = build.meeting(PAST, "quarterly", "Spring partnership meeting")
    build.attend(regular, build.people(3))
    build.meeting(PAST, "action_team", "Talent team", team=team)
    build.meeting(PAST, "action_team", "Some team")
    build.meeting(SOON, "refresh", "Refresh")
    build.meeting(PAST - dt.timedelta(days=1), "other", "Breakfast")
    table = meetings_table(build.conn, partnership_id=build.pid, as_of=TODAY).set_index("title")
    assert table.loc["Spring partnership meeting", ["type", "attendees", "counted"]].tolist() == [
        "Full partnership (regular)", 3, True]
    assert table.loc["Talent team", "type"] == "Action team: Talent" and table.loc["Talent team", "counted"]
    assert table.loc["Some team", "type"] == "Action team (no team, not counted)"
    assert not table.loc["Some team", "counted"] and not table.loc["Breakfast", "counted"]
    assert table.loc["Refresh", "planned"] and not table.loc["Breakfast", "planned"]


def test_likely_duplicates_are_full_or_other_meetings_sharing_a_day(build: Builder) -> None:
    """A regular meeting and an 'other' one on one day may be one meeting; two team meetings are not."""
    team = build.team("Talent", dt.date(2026, 1, 5))
    build.meeting(PAST, "quarterly", "Spring meeting")
    build.meeting(PAST, "other", "Sign-in sheet")
    build.meeting(PAST, "action_team", "Talent team", team=team)
    later = PAST + dt.timedelta(days=14)
    build.meeting(later, "action_team", "Logistics team")
    build.meeting(later, "action_team", "Marketing team")
    table = meetings_table(build.conn, partnership_id=build.pid, as_of=TODAY)
    assert likely_duplicates(table) == [(PAST, 2)]


def test_changing_other_to_regular_makes_it_count(build: Builder) -> None:
    """A meeting imported as 'other' counts on Health once its kind is fixed; title and date change too."""
    meeting = build.meeting(PAST, "other", "Meeting on 12 Mar 2026")
    build.attend(meeting, build.people(4))
    assert full_meeting_counts(build.conn, partnership_id=build.pid, as_of=TODAY).empty
    later = PAST + dt.timedelta(days=1)
    fixed = update_meeting(build.conn, partnership_id=build.pid,
                           change=change(meeting, later, "  Spring   meeting ", "quarterly"))
    assert (fixed.kind, fixed.title, fixed.date) == (MeetingKind.QUARTERLY, "Spring meeting", later)
    counts = full_meeting_counts(build.conn, partnership_id=build.pid, as_of=TODAY)
    assert counts["industry"].tolist() == [4]


def test_a_team_goes_with_its_kind(build: Builder) -> None:
    """An action team is kept only for action-team meetings, and must be this partnership's."""
    team = build.team("Talent", dt.date(2026, 1, 5))
    meeting = build.meeting(PAST, "other", "Huddle")
    assert update_meeting(build.conn, partnership_id=build.pid,
                          change=change(meeting, PAST, "Huddle", "action_team", team)).action_team_id == team
    assert update_meeting(build.conn, partnership_id=build.pid,
                          change=change(meeting, PAST, "Huddle", "quarterly", team)).action_team_id is None
    with pytest.raises(ValidationError, match="not one of this partnership's"):
        update_meeting(build.conn, partnership_id=build.pid,
                       change=change(meeting, PAST, "Huddle", "action_team", team + 99))


def test_a_second_meeting_with_the_same_title_that_day_is_refused(build: Builder) -> None:
    """Two meetings called the same on one day are one meeting: the message says to merge them."""
    build.meeting(PAST, "quarterly", "Spring meeting")
    other = build.meeting(PAST + dt.timedelta(days=7), "other", "Spring Meeting")
    with pytest.raises(ValidationError, match="merge them"):
        update_meeting(build.conn, partnership_id=build.pid,
                       change=change(other, PAST, "spring  meeting", "other"))
    with pytest.raises(ValidationError, match="already a meeting on 12 March 2026"):
        update_meeting(build.conn, partnership_id=build.pid,
                       change=change(other, PAST, "Other title", "quarterly"))
    assert get_meeting(build.conn, meeting_id=other).date == PAST + dt.timedelta(days=7)


def test_several_changes_are_all_or_nothing(build: Builder) -> None:
    """When one change in a batch is refused, none of them is saved."""
    a = build.meeting(PAST, "other", "A")
    b = build.meeting(PAST + dt.timedelta(days=1), "other", "B")
    with pytest.raises(ValidationError, match="needs a title"):
        update_meetings(build.conn, partnership_id=build.pid,
                        changes=[change(a, PAST, "A fixed", "quarterly"), change(b, PAST, " ", "other")])
    assert get_meeting(build.conn, meeting_id=a).title == "A"


def test_a_meeting_with_recruitment_stays_a_full_meeting(build: Builder) -> None:
    """A refresh meeting with prospects cannot become 'other' (Recruitment would lose it)."""
    meeting = build.meeting(SOON, "refresh", "Refresh")
    person = build.person("Ann Bell", "Bell Works")
    build.conn.execute("INSERT INTO prospect (meeting_id, person_id) VALUES (?, ?)", [meeting, person])
    with pytest.raises(ValidationError, match="1 prospect recorded"):
        update_meeting(build.conn, partnership_id=build.pid, change=change(meeting, SOON, "Refresh", "other"))
    assert update_meeting(build.conn, partnership_id=build.pid,
                          change=change(meeting, SOON, "Refresh", "quarterly")).kind == MeetingKind.QUARTERLY


def test_changed_meetings_reads_the_edited_table(build: Builder) -> None:
    """Only rows the convener changed become changes; the type in words becomes a kind and a team."""
    team = build.team("Talent", dt.date(2026, 1, 5))
    a = build.meeting(PAST, "other", "A")
    build.meeting(PAST + dt.timedelta(days=1), "quarterly", "B")
    before = meetings_table(build.conn, partnership_id=build.pid, as_of=TODAY)
    choices = kind_choices(build.conn, partnership_id=build.pid)
    assert changed_meetings(before, before.copy(), choices) == []
    after = before.copy()
    after.loc[after["id"] == a, "type"] = "Action team: Talent"
    assert changed_meetings(before, after, choices) == [change(a, PAST, "A", MeetingKind.ACTION_TEAM, team)]


def test_reschedule_moves_a_planned_meeting_only_forward(build: Builder) -> None:
    """A planned meeting moves to a later day; a past one, or a move into the past, is refused."""
    planned = build.meeting(SOON, "refresh", "Refresh")
    held = build.meeting(PAST, "quarterly", "Spring")
    moved = reschedule_meeting(build.conn, partnership_id=build.pid, meeting_id=planned,
                               date=SOON + dt.timedelta(days=14), as_of=TODAY)
    assert moved.date == SOON + dt.timedelta(days=14)
    with pytest.raises(ValidationError, match="has passed"):
        reschedule_meeting(build.conn, partnership_id=build.pid, meeting_id=planned, date=PAST, as_of=TODAY)
    with pytest.raises(ValidationError, match="only a planned meeting"):
        reschedule_meeting(build.conn, partnership_id=build.pid, meeting_id=held, date=SOON, as_of=TODAY)


def test_cancel_removes_a_planned_meeting_with_nothing_recorded(build: Builder) -> None:
    """Cancelling an empty planned meeting removes it and leaves no dangling reference."""
    planned = build.meeting(SOON, "refresh", "Refresh")
    gone = cancel_meeting(build.conn, partnership_id=build.pid, meeting_id=planned, as_of=TODAY)
    assert gone.title == "Refresh"
    assert meetings_table(build.conn, partnership_id=build.pid, as_of=TODAY).empty
    assert problems(build.conn).empty


def test_cancel_refuses_when_prospects_or_an_agenda_are_recorded(build: Builder) -> None:
    """A planned meeting with prospects and an agenda is kept; the message says what and where."""
    planned = build.meeting(SOON, "refresh", "Refresh")
    for name in ("Ann Bell", "Bo Chan"):
        build.conn.execute("INSERT INTO prospect (meeting_id, person_id) VALUES (?, ?)",
                           [planned, build.person(name, name + " Co")])
    build.conn.execute("INSERT INTO agenda_part (meeting_id, part, position, title, minutes) "
                       "VALUES (?, 1, 1, 'Welcome', 15)", [planned])
    with pytest.raises(ValidationError) as refused:
        cancel_meeting(build.conn, partnership_id=build.pid, meeting_id=planned, as_of=TODAY)
    message = str(refused.value)
    assert "not cancelled" in message and "1 agenda part and 2 prospects" in message
    assert "Reschedule it instead" in message and "Recruitment" in message
    assert get_meeting(build.conn, meeting_id=planned).title == "Refresh"


def test_a_viewer_cannot_change_meetings(build: Builder) -> None:
    """A share link's cursor cannot change, reschedule or cancel a meeting."""
    planned = build.meeting(SOON, "refresh", "Refresh")
    viewer = build.conn.cursor()
    mark_viewer(viewer, partnership_id=build.pid)
    with pytest.raises(PermissionDenied):
        update_meeting(viewer, partnership_id=build.pid, change=change(planned, SOON, "X", "refresh"))
    with pytest.raises(PermissionDenied):
        cancel_meeting(viewer, partnership_id=build.pid, meeting_id=planned, as_of=TODAY)


def test_a_meeting_of_today_is_held_once_its_attendance_is_recorded_on_every_list(build: Builder) -> None:
    """A convener who imported this morning's sign-ins saw the meeting as the partnership's last meeting
    on the Partnerships page but as "Planned" (and reschedulable) on the Meetings page; before any
    attendance is recorded both lists call today's meeting planned."""
    from refresh_core.partnerships import list_partnerships

    morning = build.meeting(TODAY, "quarterly", "Winter partnership meeting")
    later = build.meeting(TODAY, "other", "Evening mixer")
    build.attend(morning, build.people(2))
    table = meetings_table(build.conn, partnership_id=build.pid, as_of=TODAY).set_index("title")
    listed = list_partnerships(build.conn, as_of=TODAY).set_index("id").loc[build.pid]
    assert not table.loc["Winter partnership meeting", "planned"] and listed["last_meeting"].date() == TODAY
    assert table.loc["Evening mixer", "planned"] and listed["next_meeting"].date() == TODAY
    with pytest.raises(ValidationError, match="only a planned meeting"):
        reschedule_meeting(build.conn, partnership_id=build.pid, meeting_id=morning, date=SOON, as_of=TODAY)
    moved = reschedule_meeting(build.conn, partnership_id=build.pid, meeting_id=later, date=SOON, as_of=TODAY)
    assert moved.date == SOON
