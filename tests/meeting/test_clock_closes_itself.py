"""The follow-through clock closes itself from the records (R22: within two weeks, a survey to all
participants and follow-up meetings for each action team; R23: a second full-partnership meeting
within 90 days). Manual ticks stay possible."""

from __future__ import annotations

import datetime as dt

import duckdb
import pandas as pd
import pytest

from refresh_core.meeting.champions import call_for_champions
from refresh_core.meeting.followups import clock, clock_json, overdue_items, save_clock
from refresh_core.meeting.surveys import record_survey_results, survey_result
from tests.builders import Builder
from tests.refresh_scenario import REFRESH, Scenario, refresh_scenario

DAY = dt.timedelta(days=1)


@pytest.fixture
def s(build: Builder) -> Scenario:
    """The refresh meeting's call for champions chartered Cobots and Youth; the clock is running."""
    scenario = refresh_scenario(build)
    call_for_champions(
        build.conn, meeting_id=scenario.refresh, title="Cobots", champion_ids=[scenario.industry[1]]
    )
    call_for_champions(
        build.conn, meeting_id=scenario.refresh, title="Youth", champion_ids=[scenario.industry[2]]
    )
    return scenario


def item(conn: duckdb.DuckDBPyConnection, s: Scenario, name: str, as_of: dt.date) -> pd.Series:
    items = clock(conn, partnership_id=s.build.pid, as_of=as_of)
    return items[items["item"] == name].iloc[0]


def team_id(conn: duckdb.DuckDBPyConnection, name: str) -> int:
    row = conn.execute("SELECT id FROM action_team WHERE name = ?", [name]).fetchone()
    assert row is not None
    return int(row[0])


def test_r22_an_action_team_meeting_within_14_days_closes_that_teams_follow_up(
    conn: duckdb.DuckDBPyConnection, s: Scenario
) -> None:
    """Cobots meets on day 9: its item is done that day, said so; Youth has not met and is overdue."""
    s.build.meeting(REFRESH + 9 * DAY, "action_team", title="Cobots kickoff", team=team_id(conn, "Cobots"))
    cobots = item(conn, s, "First Cobots action-team meeting", REFRESH + 20 * DAY)
    assert pd.Timestamp(cobots["done"]).date() == REFRESH + 9 * DAY and not cobots["overdue"]
    assert cobots["closed_by"] == "Cobots kickoff"
    youth = item(conn, s, "First Youth action-team meeting", REFRESH + 20 * DAY)
    assert pd.isna(youth["done"]) and youth["overdue"]
    late = overdue_items(conn, partnership_id=s.build.pid, as_of=REFRESH + 20 * DAY)["item"].tolist()
    assert "First Cobots action-team meeting" not in late and "First Youth action-team meeting" in late


def test_r23_a_quarterly_on_day_69_closes_the_90_day_item(
    conn: duckdb.DuckDBPyConnection, s: Scenario
) -> None:
    """The next quarterly on day 69: on day 95 the second-meeting item is done, not overdue."""
    s.build.meeting(REFRESH + 69 * DAY, "quarterly", title="Winter quarterly")
    second = item(conn, s, "Second full-partnership meeting", REFRESH + 95 * DAY)
    assert pd.Timestamp(second["done"]).date() == REFRESH + 69 * DAY and not second["overdue"]
    assert second["closed_by"].startswith("Winter quarterly")
    [row] = [
        r
        for r in clock_json(clock(conn, partnership_id=s.build.pid, as_of=REFRESH + 95 * DAY))
        if r["item"] == "Second full-partnership meeting"
    ]
    assert row["done"] == (REFRESH + 69 * DAY).isoformat() and row["overdue"] is False


def test_r23_a_meeting_still_ahead_closes_nothing_yet(conn: duckdb.DuckDBPyConnection, s: Scenario) -> None:
    """A quarterly planned for day 80 does not close the item on day 50: it has not happened."""
    s.build.meeting(REFRESH + 80 * DAY, "quarterly")
    assert pd.isna(item(conn, s, "Second full-partnership meeting", REFRESH + 50 * DAY)["done"])


def test_r22_the_survey_item_closes_when_its_results_are_recorded(
    conn: duckdb.DuckDBPyConnection, s: Scenario
) -> None:
    """Results recorded on day 12 (24 responses): the survey item is done on day 12."""
    record_survey_results(
        conn,
        meeting_id=s.refresh,
        recorded_on=REFRESH + 12 * DAY,
        responses=24,
        summary="Most want monthly team calls",
    )
    survey = item(conn, s, "Survey to all participants", REFRESH + 15 * DAY)
    assert pd.Timestamp(survey["done"]).date() == REFRESH + 12 * DAY and not survey["overdue"]
    assert survey["closed_by"] == "Survey results recorded"
    found = survey_result(conn, meeting_id=s.refresh)
    assert found is not None and found.responses == 24


def test_manual_ticks_stay_possible_and_survive_a_save(conn: duckdb.DuckDBPyConnection, s: Scenario) -> None:
    """A one-on-one ticked by hand is done; saving the table does not turn a meeting's closing
    into a tick, so removing that meeting reopens its item."""
    cobots_meeting = s.build.meeting(REFRESH + 5 * DAY, "action_team", team=team_id(conn, "Cobots"))
    items = clock(conn, partnership_id=s.build.pid, as_of=REFRESH + 20 * DAY)
    one_on_one = items["kind"] == "one_on_one"
    edited = items.assign(
        done=[REFRESH + 3 * DAY if o else d for o, d in zip(one_on_one, items["done"], strict=True)]
    )
    save_clock(conn, partnership_id=s.build.pid, frame=edited)
    after = clock(conn, partnership_id=s.build.pid, as_of=REFRESH + 20 * DAY)
    assert (after[after["kind"] == "one_on_one"]["closed_by"] == "Ticked by hand").all()
    conn.execute("DELETE FROM meeting WHERE id = ?", [cobots_meeting])
    assert pd.isna(item(conn, s, "First Cobots action-team meeting", REFRESH + 20 * DAY)["done"])


def test_an_earlier_tick_by_hand_wins_over_a_later_meeting(
    conn: duckdb.DuckDBPyConnection, s: Scenario
) -> None:
    """The convener ticked the team follow-up on day 4 (a call with the champions); the team met on day 10."""
    s.build.meeting(REFRESH + 10 * DAY, "action_team", team=team_id(conn, "Cobots"))
    conn.execute(
        "UPDATE followup SET done_on = ? WHERE item = 'First Cobots action-team meeting'", [REFRESH + 4 * DAY]
    )
    cobots = item(conn, s, "First Cobots action-team meeting", REFRESH + 20 * DAY)
    assert (
        pd.Timestamp(cobots["done"]).date() == REFRESH + 4 * DAY and cobots["closed_by"] == "Ticked by hand"
    )
