"""The five-part agenda: fitting minutes to a length, checking edits, prompts, history, saving."""

from __future__ import annotations

import datetime as dt
import itertools

import duckdb
import pytest
from hypothesis import given
from hypothesis import strategies as st

from refresh_core.errors import ValidationError
from refresh_core.meeting.agenda import (
    LONGEST,
    SHORTEST,
    agenda_json,
    check_agenda,
    fit_agenda,
    reschedule,
)
from refresh_core.meeting.agenda_guide import KEY_QUESTION, PARTS
from refresh_core.meeting.agenda_store import save_agenda, saved_agenda
from refresh_core.meeting.history import where_weve_been
from tests.builders import Builder
from tests.refresh_scenario import LAUNCH, REFRESH, refresh_scenario

TITLES = [
    "Welcome & introductions",
    "Where we've been",
    "Where we are",
    "Where we're going",
    "Commitments & next steps",
]
starts = st.times(min_value=dt.time(6, 0), max_value=dt.time(18, 0)).map(
    lambda t: t.replace(second=0, microsecond=0)
)
heads = st.one_of(st.none(), st.integers(min_value=0, max_value=80))


def _minutes(t: dt.time) -> int:
    return t.hour * 60 + t.minute


@given(length=st.integers(min_value=SHORTEST, max_value=LONGEST), start=starts, attendees=heads)
def test_every_feasible_length_fits_in_range(length: int, start: dt.time, attendees: int | None) -> None:
    """From 80 to 110 minutes every part stays in its range and the parts add up to the length."""
    agenda = fit_agenda(start=start, minutes=length, attendees=attendees)
    assert [i.title for i in agenda.items] == TITLES
    assert all(i.low <= i.minutes <= i.high for i in agenda.items)
    assert sum(i.minutes for i in agenda.items) == length
    assert agenda.spare_minutes == 0


@given(length=st.integers(min_value=SHORTEST, max_value=300), start=starts, attendees=heads)
def test_parts_run_back_to_back_from_the_start(length: int, start: dt.time, attendees: int | None) -> None:
    """Each part starts when the previous one ends, the first at the meeting's start."""
    items = fit_agenda(start=start, minutes=length, attendees=attendees).items
    assert items[0].start == start
    for before, after in itertools.pairwise(items):
        assert before.end == after.start
    for item in items:
        assert (_minutes(item.end) - _minutes(item.start)) % (24 * 60) == item.minutes


@given(length=st.integers(min_value=LONGEST + 1, max_value=400))
def test_longer_meetings_take_every_maximum_and_leave_spare_time(length: int) -> None:
    """Past 110 minutes every part is at its maximum and the rest is spare, kept for a break: a note,
    not a warning (the proposal never warns about its own spare minutes)."""
    agenda = fit_agenda(start=dt.time(8, 0), minutes=length)
    assert [i.minutes for i in agenda.items] == [p.high for p in PARTS]
    assert agenda.spare_minutes == length - LONGEST
    assert agenda.spare_note is not None and "break or networking" in agenda.spare_note
    assert agenda.warnings == ()


@given(length=st.integers(min_value=-10, max_value=SHORTEST - 1))
def test_too_short_a_meeting_names_the_shortest_workable_length(length: int) -> None:
    """Below 80 minutes a typed error says 80 minutes is the shortest workable meeting."""
    with pytest.raises(ValidationError, match=r"\b80 minutes\b"):
        fit_agenda(start=dt.time(8, 0), minutes=length)


def test_two_hour_meeting_has_ten_spare_minutes() -> None:
    """The issue's example: a 2-hour refresh meeting leaves 10 minutes for a break or networking."""
    agenda = fit_agenda(start=dt.time(7, 30), minutes=120)
    assert agenda.spare_minutes == 10
    assert agenda_json(agenda)["total"] == 120
    assert agenda_json(agenda)["warnings"] == []
    assert agenda.spare_note is not None and agenda.spare_note.startswith("The 10 minutes left over go")
    assert agenda.end == dt.time(9, 30)


def test_bigger_rooms_give_the_welcome_more_time() -> None:
    """Introductions take about a minute each, so more expected attendees lengthen the welcome."""
    welcome = [
        fit_agenda(start=dt.time(8, 0), minutes=95, attendees=n).items[0].minutes
        for n in (None, 8, 12, 15, 30)
    ]
    assert welcome == [10, 10, 12, 15, 15]


def test_where_were_going_gets_slack_first() -> None:
    """The heart of the meeting grows first: at 90 minutes it has 40 and the others their minimum."""
    agenda = fit_agenda(start=dt.time(8, 0), minutes=90)
    assert [i.minutes for i in agenda.items] == [10, 10, 15, 40, 15]


def test_crowded_room_warns_that_introductions_will_not_fit() -> None:
    """With 25 expected people the welcome's 15 minutes cannot hold a minute each; the page says so."""
    agenda = fit_agenda(start=dt.time(8, 0), minutes=110, attendees=25)
    assert any("25 people" in w and "15" in w for w in agenda.warnings)


def test_meeting_running_past_midnight_is_refused() -> None:
    """A late start that would cross midnight asks for an earlier start."""
    with pytest.raises(ValidationError, match="midnight"):
        fit_agenda(start=dt.time(23, 0), minutes=120)


def rows(*minutes: int, notes: str = "") -> list[dict[str, object]]:
    return [
        {"part": t, "minutes": m, "notes": notes if i == 1 else ""}
        for i, (t, m) in enumerate(zip(TITLES, minutes, strict=True))
    ]


def test_a_guide_shaped_agenda_has_no_warnings() -> None:
    """Parts in range that fill the meeting exactly pass the check silently."""
    assert check_agenda(rows(15, 15, 20, 45, 15), total=110) == []


def test_part_outside_its_range_is_named() -> None:
    """A 25-minute 'Where we are' is flagged with the guide's 15-20 range."""
    warnings = check_agenda(rows(10, 10, 25, 35, 15), total=95)
    assert any("Where we are" in w and "15-20" in w for w in warnings)


def test_short_where_were_going_gets_its_own_warning() -> None:
    """Under 30 minutes for 'Where we're going' is called out as the heart of the meeting."""
    warnings = check_agenda(rows(15, 15, 20, 20, 15), total=85)
    assert any("Where we're going" in w and "at least 30" in w for w in warnings)


def test_total_that_does_not_fit_the_meeting_is_flagged() -> None:
    """Parts adding up to more than the meeting's length say by how much."""
    warnings = check_agenda(rows(15, 15, 20, 45, 15), total=100)
    assert any("110 minutes but the meeting is 100" in w for w in warnings)


@pytest.mark.parametrize(
    "note",
    [
        "Guest speaker from the state",
        "Keynote by the mayor",
        "Short presentation on labour data",
        "Employer panel",
        "PowerPoint recap",
    ],
)
def test_presentations_and_guest_speakers_get_the_guides_warning(note: str) -> None:
    """The guide's 'not so well' column: a presentation or guest speaker draws a quoted warning."""
    warnings = check_agenda(rows(15, 15, 20, 45, 15, notes=note), total=110)
    assert len(warnings) == 1
    assert "a presentation or a guest speaker" in warnings[0]
    assert "Where we've been" in warnings[0]


def test_missing_part_is_reported() -> None:
    """Dropping a part from the agenda is noticed."""
    warnings = check_agenda(rows(15, 15, 20, 45, 15)[:4], total=95)
    assert any("Commitments & next steps" in w for w in warnings)


def test_parts_carry_the_guides_prompts_and_leads() -> None:
    """Business champion opens; industry champions reflect; the key question and the call for champions."""
    items = {i.key: i for i in fit_agenda(start=dt.time(8, 0), minutes=100).items}
    assert items["welcome"].lead == "A business champion"
    assert "industry champions" in items["been"].lead
    assert len([p for p in items["are"].prompts if p.endswith("?")]) == 3
    assert KEY_QUESTION in items["going"].prompts
    assert "no one company could do on its own" in KEY_QUESTION
    assert any("Champions are industry leaders" in p for p in items["commitments"].prompts)


def test_reschedule_moves_the_clock_and_rechecks() -> None:
    """Editing minutes shifts later parts' times and reports a part outside its range."""
    base = fit_agenda(start=dt.time(9, 0), minutes=100)
    edited = reschedule(base, minutes=[10, 10, 15, 25, 15], notes=["", "", "", "Sticky wall", ""])
    going = edited.items[3]
    assert (going.start, going.end) == (dt.time(9, 35), dt.time(10, 0))
    assert edited.items[4].start == dt.time(10, 0)
    assert going.notes == "Sticky wall"
    assert any("at least 30" in w for w in edited.warnings)


def test_where_weve_been_counts_the_partnerships_history(build: Builder) -> None:
    """Years since launch, meetings, leaders and companies, teams and accomplishments come from records."""
    s = refresh_scenario(build)
    build.conn.execute(
        "INSERT INTO accomplishment (partnership_id, team_id, date, text) VALUES (?, ?, ?, ?)",
        [build.pid, s.team, dt.date(2025, 5, 1), "First cohort of 9 apprentices started."],
    )
    facts = where_weve_been(build.conn, partnership_id=build.pid, as_of=REFRESH - dt.timedelta(days=1))
    assert facts.launched_on == LAUNCH
    assert facts.years == pytest.approx(2.8, abs=0.1)
    assert (facts.full_meetings, facts.industry_leaders, facts.companies) == (1, 5, 5)
    assert facts.teams_chartered == 1 and facts.active_teams == ("Apprenticeship",)
    points = facts.talking_points
    assert points[0].startswith("We launched on 10 January 2024")
    assert any("First cohort of 9 apprentices" in p and "(Apprenticeship)" in p for p in points)


def test_a_meeting_saved_as_other_is_not_the_launch(build: Builder) -> None:
    """Regression (first-hour walk): a Google Meet call of 7 July 2020 imported as Other (not counted)
    made the talking points say "We launched on 7 July 2020", years before the partnership's first
    full meeting; with no launch meeting recorded, the first full-partnership meeting is the start."""
    build.meeting(dt.date(2020, 7, 7), kind="other", title="Meeting on 7 Jul 2020")
    build.meeting(dt.date(2021, 11, 19), kind="quarterly", title="Heroes meeting")
    facts = where_weve_been(build.conn, partnership_id=build.pid, as_of=dt.date(2026, 11, 30))
    assert facts.launched_on == dt.date(2021, 11, 19)
    assert facts.talking_points[0].startswith("We launched on 19 November 2021")


def test_where_weve_been_without_meetings_says_what_to_do(build: Builder) -> None:
    """A partnership with no records gets a hint instead of empty numbers."""
    facts = where_weve_been(build.conn, partnership_id=build.pid, as_of=REFRESH)
    assert facts.launched_on is None
    assert "import past sign-in sheets" in facts.talking_points[0]


def test_saved_agenda_comes_back_with_its_edits(build: Builder, conn: duckdb.DuckDBPyConnection) -> None:
    """An agenda saved with its meeting returns with the edited minutes, prompts and notes."""
    s = refresh_scenario(build)
    base = fit_agenda(start=dt.time(8, 0), minutes=100)
    edited = reschedule(
        base,
        minutes=[12, 12, 16, 45, 15],
        notes=["", "Bring the photos", "", "", ""],
        prompts=[i.prompts for i in base.items[:4]] + [("Who will champion this?",)],
    )
    save_agenda(conn, meeting_id=s.refresh, agenda=edited)
    back = saved_agenda(conn, meeting_id=s.refresh)
    assert back is not None
    assert [i.minutes for i in back.items] == [12, 12, 16, 45, 15]
    assert back.items[1].notes == "Bring the photos"
    assert back.items[4].prompts == ("Who will champion this?",)
    assert (back.start, back.total) == (dt.time(8, 0), 100)
