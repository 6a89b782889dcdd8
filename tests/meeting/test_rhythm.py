"""The Health page's notes: a partnership that has not met for more than twice its usual gap, and
meetings that count nowhere."""

from __future__ import annotations

import datetime as dt

from refresh_core import words
from refresh_core.meeting.rhythm import gap_note, meeting_gap, span, uncounted_note
from tests.builders import Builder

START = dt.date(2021, 1, 14)


def quarterly(build: Builder, n: int, start: dt.date = START, every: int = 91) -> dt.date:
    """``n`` regular meetings ``every`` days apart; the date of the last."""
    days = [start + dt.timedelta(days=every * i) for i in range(n)]
    for day in days:
        build.meeting(day, "quarterly")
    return days[-1]


def test_four_years_without_a_meeting_is_remarked(build: Builder) -> None:
    """Regression: a quarterly partnership silent for four years gets a note naming the last meeting."""
    last = quarterly(build, 5)
    as_of = last + dt.timedelta(days=4 * 365)
    note = gap_note(build.conn, partnership_id=build.pid, as_of=as_of)
    assert note is not None
    since = words.day(last, "%B %Y")
    assert note.startswith(f"No full-partnership meeting since {since}, 4 years ago: more than")
    assert "twice its usual gap of about 3 months" in note and "Plan the next one." in note
    assert "this product's default" in note


def test_within_twice_the_usual_gap_there_is_no_note(build: Builder) -> None:
    """Five months after the last of a quarterly series is late but not twice the gap: no note."""
    last = quarterly(build, 5)
    assert gap_note(build.conn, partnership_id=build.pid, as_of=last + dt.timedelta(days=150)) is None
    assert gap_note(build.conn, partnership_id=build.pid, as_of=last + dt.timedelta(days=190)) is not None


def test_a_monthly_partnership_is_judged_by_its_own_rhythm(build: Builder) -> None:
    """Monthly meetings: ten weeks of silence is more than twice the usual month."""
    last = quarterly(build, 6, every=30)
    gap = meeting_gap(build.conn, partnership_id=build.pid, as_of=last + dt.timedelta(days=70))
    assert gap is not None and (gap.usual_gap, gap.from_history, gap.overdue) == (30, True, True)


def test_with_few_meetings_the_guides_quarterly_rhythm_stands_in(build: Builder) -> None:
    """Two meetings are too few to know the rhythm: the guide's quarter is used, and said so."""
    last = quarterly(build, 2, every=20)
    note = gap_note(build.conn, partnership_id=build.pid, as_of=last + dt.timedelta(days=200))
    assert note is not None and "the guide's quarterly rhythm" in note
    assert gap_note(build.conn, partnership_id=build.pid, as_of=last + dt.timedelta(days=100)) is None


def test_a_planned_meeting_is_mentioned(build: Builder) -> None:
    """When the next full meeting is already planned, the note says when."""
    last = quarterly(build, 4)
    as_of = last + dt.timedelta(days=400)
    build.meeting(as_of + dt.timedelta(days=20), "refresh", "Refresh")
    note = gap_note(build.conn, partnership_id=build.pid, as_of=as_of)
    assert note is not None and f"planned for {words.day(as_of + dt.timedelta(days=20), '%B %Y')}" in note


def test_action_team_meetings_do_not_end_the_silence(build: Builder) -> None:
    """Only full-partnership meetings count: a recent action-team meeting does not hide the gap."""
    last = quarterly(build, 4)
    as_of = last + dt.timedelta(days=800)
    build.meeting(as_of - dt.timedelta(days=5), "action_team", "Team")
    assert gap_note(build.conn, partnership_id=build.pid, as_of=as_of) is not None


def test_no_meetings_no_note(build: Builder) -> None:
    """A partnership that never met has nothing to compare: no note."""
    assert gap_note(build.conn, partnership_id=build.pid, as_of=START) is None


def test_span_words() -> None:
    """Gaps read as days, months or years."""
    assert [span(1), span(40), span(91), span(700), span(1461)] == [
        "1 day", "40 days", "3 months", "23 months", "4 years"]


def test_uncounted_meetings_are_said(build: Builder) -> None:
    """Meetings marked other and team meetings without a team are counted and named."""
    assert uncounted_note(build.conn, partnership_id=build.pid, as_of=START) is None
    build.meeting(START, "other", "Breakfast")
    build.meeting(START, "other", "Webinar")
    build.meeting(START, "action_team", "Team")
    note = uncounted_note(build.conn, partnership_id=build.pid, as_of=START)
    assert note == ("3 meetings are not counted on the Health overview (2 marked Other and 1 action-team "
                    "meeting with no team chosen). If they were a partnership or action-team meeting, set "
                    "their kind on the Meetings page.")
    build.conn.execute("DELETE FROM meeting WHERE kind = 'action_team' OR title = 'Webinar'")
    assert uncounted_note(build.conn, partnership_id=build.pid, as_of=START, advice=False) == (
        "1 meeting is not counted on the Health overview (1 marked Other).")
