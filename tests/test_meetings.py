"""Planning meetings: they appear as upcoming, the next one is found, bad input is refused."""

from __future__ import annotations

import datetime as dt

import duckdb
import pytest

from refresh_core.errors import NotFoundError, ValidationError
from refresh_core.meeting.principles import review_meetings
from refresh_core.meetings import (
    add_meeting,
    find_meeting,
    full_meetings,
    get_meeting,
    meeting_label,
    next_meeting,
    parse_kind,
    recent_meetings,
    upcoming_meetings,
)
from tests.builders import Builder
from tests.conftest import TODAY


def test_planned_refresh_meeting_is_upcoming_with_a_default_title(build: Builder) -> None:
    """A meeting planned with only a date is a refresh meeting, titled by month, and upcoming."""
    day = TODAY + dt.timedelta(days=40)
    meeting_id = add_meeting(build.conn, partnership_id=build.pid, date=day, start_time="7:30", minutes=120)
    meeting = get_meeting(build.conn, meeting_id=meeting_id)
    assert meeting.kind == "refresh"
    assert meeting.title == f"Refresh meeting, {day:%B %Y}"
    assert meeting.start_time == dt.time(7, 30)
    upcoming = upcoming_meetings(build.conn, partnership_id=build.pid, as_of=TODAY)
    assert upcoming["id"].tolist() == [meeting_id]


def test_meeting_on_the_day_itself_is_still_upcoming_but_not_the_day_after(build: Builder) -> None:
    """'Upcoming' means date >= today."""
    meeting_id = add_meeting(build.conn, partnership_id=build.pid, date=TODAY)
    assert upcoming_meetings(build.conn, partnership_id=build.pid, as_of=TODAY)["id"].tolist() == [meeting_id]
    after = TODAY + dt.timedelta(days=1)
    assert upcoming_meetings(build.conn, partnership_id=build.pid, as_of=after).empty


def test_next_meeting_is_the_soonest_full_partnership_meeting(build: Builder) -> None:
    """Action-team meetings are not recruited for, so the next meeting skips them."""
    build.meeting(TODAY + dt.timedelta(days=3), "action_team")
    later = add_meeting(build.conn, partnership_id=build.pid, date=TODAY + dt.timedelta(days=60))
    sooner = add_meeting(build.conn, partnership_id=build.pid, date=TODAY + dt.timedelta(days=20),
                         kind="quarterly")
    found = next_meeting(build.conn, partnership_id=build.pid, as_of=TODAY)
    assert found is not None and found.id == sooner
    assert next_meeting(build.conn, partnership_id=build.pid, as_of=TODAY + dt.timedelta(days=21)).id == later  # type: ignore[union-attr]
    assert next_meeting(build.conn, partnership_id=build.pid, as_of=TODAY + dt.timedelta(days=61)) is None


def test_second_meeting_of_the_same_kind_on_a_day_is_refused(build: Builder) -> None:
    """The convener is pointed at the meeting that already exists."""
    day = TODAY + dt.timedelta(days=10)
    add_meeting(build.conn, partnership_id=build.pid, date=day, title="Spring relaunch")
    with pytest.raises(ValidationError, match=r"already a meeting of this type \(Refresh\).*Spring relaunch"):
        add_meeting(build.conn, partnership_id=build.pid, date=day)


@pytest.mark.parametrize(("field", "value", "message"), [
    ("start_time", "25:99", "not a start time"),
    ("minutes", 0, "not plausible"),
    ("minutes", 24 * 60, "not plausible"),
    ("kind", "party", "not a meeting kind"),
])
def test_implausible_meeting_details_are_refused(
    build: Builder, field: str, value: object, message: str
) -> None:
    """Each bad detail gets a message naming it; nothing is written."""
    with pytest.raises(ValidationError, match=message):
        add_meeting(build.conn, partnership_id=build.pid, date=TODAY, **{field: value})  # type: ignore[arg-type]
    assert upcoming_meetings(build.conn, partnership_id=build.pid, as_of=TODAY - dt.timedelta(days=1)).empty


def test_find_meeting_by_date_explains_how_to_plan_one(
    conn: duckdb.DuckDBPyConnection, build: Builder
) -> None:
    """Asking for a date with no meeting suggests the command that plans it."""
    with pytest.raises(NotFoundError, match="meeting add --date 2027-01-14"):
        find_meeting(conn, partnership_id=build.pid, date=dt.date(2027, 1, 14))


def test_kind_accepts_any_case() -> None:
    """'Quarterly' and 'action team' are read as the kinds they name."""
    assert parse_kind("Quarterly") == "quarterly"
    assert parse_kind("action team") == "action_team"


def test_recruitment_lists_upcoming_meetings_and_past_campaigns_only(
    conn: duckdb.DuckDBPyConnection, build: Builder
) -> None:
    """Past quarterlies with no prospect list stay off the Recruitment page; a past campaign stays on."""
    from refresh_core.meetings import recent_meetings
    from refresh_core.recruitment.prospect_import import add_by_hand

    old = build.meeting(TODAY - dt.timedelta(days=90), "quarterly", title="Old quarterly")
    campaign = add_meeting(
        conn, partnership_id=build.pid, date=TODAY - dt.timedelta(days=20), title="Last refresh"
    )
    add_by_hand(conn, meeting_id=campaign, on=TODAY - dt.timedelta(days=40), name="Ann Leader")
    upcoming = add_meeting(conn, partnership_id=build.pid, date=TODAY + dt.timedelta(days=30))
    listed = recent_meetings(conn, partnership_id=build.pid, as_of=TODAY)["id"].tolist()
    assert listed == [upcoming, campaign]
    assert old not in listed


def test_every_picker_names_a_meeting_the_same_way(build: Builder) -> None:
    """Regression: Recruitment said "Partnership refresh meeting · Thu 24 Dec 2026" where Agenda and Meeting
    day said "24 Dec 2026 · Partnership refresh meeting". Every list of meetings now uses the one label."""
    day = dt.date(2026, 12, 4)
    mid = add_meeting(build.conn, partnership_id=build.pid, date=day, title="Partnership refresh meeting")
    expected = "4 Dec 2026 · Partnership refresh meeting"
    assert meeting_label(day, "Partnership refresh meeting") == expected
    assert get_meeting(build.conn, meeting_id=mid).label == expected
    assert full_meetings(build.conn, partnership_id=build.pid)["label"].tolist() == [expected]
    assert recent_meetings(build.conn, partnership_id=build.pid, as_of=day)["label"].tolist() == [expected]
    assert review_meetings(build.conn, partnership_id=build.pid, as_of=day) == {expected: mid}
