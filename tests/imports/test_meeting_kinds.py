"""A meeting's kind read from its title (a table of real-world titles), shown before saving.

Regression: every imported meeting used to default to "other" (so it silently
counted for nothing) unless its title said "quarterly".
"""

from __future__ import annotations

import datetime as dt

import duckdb
import pandas as pd
import pytest

from refresh_core.enums import MeetingKind
from refresh_core.imports.meeting_kinds import infer_kind
from refresh_core.imports.upload import (
    edited_meetings,
    meetings_for_editing,
    prepare_upload,
    uncounted_warnings,
    with_kinds,
)
from refresh_core.meetings import kind_choices
from refresh_core.partnerships import ensure_partnership
from tests.builders import Builder
from tests.importing import PARTNERSHIP, load, sheet

Q, R, L, A, X = (MeetingKind.QUARTERLY, MeetingKind.REFRESH, MeetingKind.LAUNCH, MeetingKind.ACTION_TEAM,
                 MeetingKind.OTHER)


@pytest.mark.parametrize(("title", "kind"), [
    ("Monthly Partnership Meeting", Q),
    ("General Membership", Q),
    ("General membership meeting - March", Q),
    ("Full Partnership", Q),
    ("Full-partnership convening", Q),
    ("Spring Quarterly Meeting", Q),
    ("Q3 Partnership Meeting", Q),
    ("Bi-monthly meeting", Q),
    ("Healthcare Partnership Meeting", Q),
    ("Annual meeting", Q),
    ("Partnership Refresh", R),
    ("Relaunch 2026", R),
    ("Re-launch of the partnership", R),
    ("Launch meeting", L),
    ("Kickoff", L),
    ("Partnership kick-off", L),
    ("Workforce Pipeline Action Team", A),
    ("Talent action team kickoff", A),  # the team rule comes before the launch rule
    ("Team meeting", A),
    ("Marketing team call", A),
    ("Heroes meeting", X),
    ("Scrum Meeting", X),
    ("Lunch and learn", X),
    ("Safety refresher training", X),
    ("null", X),
    ("", X),
    (None, X),
])
def test_infer_kind_from_title(title: str | None, kind: MeetingKind) -> None:
    """Each title gets the kind a convener would give it; anything unrecognised is 'other'."""
    guess = infer_kind(title)
    assert guess.kind == kind
    assert guess.recognised == (kind != X)
    if guess.because is not None:
        assert title is not None and guess.because.lower() in title.lower()


def test_monthly_partnership_meeting_imports_as_a_regular_meeting(conn: duckdb.DuckDBPyConnection) -> None:
    """Regression: a Zoom-style 'Monthly Partnership Meeting' is no longer stored as 'other'."""
    title = "Monthly Partnership Meeting"
    result = load(conn, sheet([("Ann Bell", "ann@bell.com", "Bell", "3/12/2026", title),
                               ("Bo Chan", "bo@chan.com", "Chan", "3/12/2026", title)]))
    assert [m["kind"] for m in result.meetings] == ["quarterly"]
    assert conn.execute("SELECT kind FROM meeting").fetchall() == [("quarterly",)]


def test_the_plan_says_how_each_kind_was_chosen(conn: duckdb.DuckDBPyConnection) -> None:
    """Before saving, each meeting's type is in words with where it came from; 'other' gets a warning."""
    pid = ensure_partnership(conn, name=PARTNERSHIP).id
    data = sheet([("Ann Bell", "ann@bell.com", "Bell", "3/12/2026", "General Membership"),
                  ("Bo Chan", "bo@chan.com", "Chan", "3/19/2026", "Leadership breakfast")])
    plan = prepare_upload(conn, partnership_id=pid, data=data, file_name="s.csv").plan
    assert plan is not None
    shown = meetings_for_editing(plan.meetings, kind_choices(conn, partnership_id=pid)).set_index("title")
    assert shown.loc["General Membership", "type"] == "Full partnership (regular)"
    assert shown.loc["General Membership", "type_from"] == "read from the title"
    assert shown.loc["Leadership breakfast", "type"] == "Other (not counted)"
    assert shown.loc["Leadership breakfast", "type_from"] == "not recognised: check it"
    warnings = uncounted_warnings(plan.meetings)
    assert len(warnings) == 1 and "'Leadership breakfast' will be saved as Other (not counted)" in warnings[0]


def test_an_action_team_meeting_finds_its_team_by_name(build: Builder) -> None:
    """'Workforce Pipeline Action Team' belongs to the team 'Workforce Pipeline' and counts for it."""
    team = build.team("Workforce Pipeline", dt.date(2026, 1, 10))
    build.team("Pipeline", dt.date(2026, 1, 10))  # a shorter name inside the title loses to the longer one
    result = load(build.conn, sheet([("Ann Bell", "ann@bell.com", "Bell", "3/26/2026",
                                      "Workforce Pipeline Action Team")]))
    assert result.meetings[0]["kind"] == "action_team"
    assert build.conn.execute("SELECT action_team_id FROM meeting").fetchall() == [(team,)]


def test_the_convener_picks_a_team_in_the_table(build: Builder) -> None:
    """Choosing 'Action team: Talent' in the meetings table saves the meeting with that team."""
    team = build.team("Talent", dt.date(2026, 1, 10))
    data = sheet([("Ann Bell", "ann@bell.com", "Bell", "3/26/2026", "Thursday huddle")])
    plan = prepare_upload(build.conn, partnership_id=build.pid, data=data, file_name="h.csv").plan
    assert plan is not None
    choices = kind_choices(build.conn, partnership_id=build.pid)
    shown = meetings_for_editing(plan.meetings, choices)
    assert edited_meetings(plan.meetings, with_kinds(shown, choices)) is None  # untouched: no override
    picked = with_kinds(shown.assign(type="Action team: Talent"), choices)
    overrides = edited_meetings(plan.meetings, picked)
    fixed = prepare_upload(build.conn, partnership_id=build.pid, data=data, file_name="h.csv",
                           meetings=overrides)
    assert fixed.plan is not None
    row = fixed.plan.meetings.iloc[0]
    assert (row["kind"], int(row["action_team_id"]), row["kind_from"]) == ("action_team", team, "chosen")
    assert uncounted_warnings(fixed.plan.meetings) == []


def test_an_action_team_with_no_team_is_flagged(conn: duckdb.DuckDBPyConnection) -> None:
    """An action-team meeting whose team is unknown is said to count for no team until one is picked."""
    pid = ensure_partnership(conn, name=PARTNERSHIP).id
    data = sheet([("Ann Bell", "ann@bell.com", "Bell", "3/26/2026", "Logistics Action Team")])
    plan = prepare_upload(conn, partnership_id=pid, data=data, file_name="t.csv").plan
    assert plan is not None
    assert "no team chosen" in uncounted_warnings(plan.meetings)[0]


@pytest.mark.parametrize(("title", "date", "named"), [
    (None, None, "The meeting with no title or date will be saved as Other"),
    (None, dt.date(2026, 3, 4), "The untitled meeting of 4 Mar 2026 will be saved as Other"),
    ("Breakfast", None, "'Breakfast' will be saved as Other"),
])
def test_an_uncounted_meeting_is_named_in_words_never_as_none(title: str | None, date: dt.date | None,
                                                              named: str) -> None:
    """Walk-through: a file with no meeting title (an Eventbrite export) said "'None' will be saved as
    Other"; the sentence names the meeting by what is known of it."""
    meetings = pd.DataFrame({"key": [0], "date": [date], "title": [title], "kind": ["other"],
                             "action_team_id": [None], "new": [True]})  # fmt: skip
    (sentence,) = uncounted_warnings(meetings)
    assert sentence.startswith(named) and "None" not in sentence
