"""The living plan (priorities, teams, rosters, accomplishments) and the per-meeting summary."""

from __future__ import annotations

import datetime as dt

import duckdb
import pandas as pd
import pytest

from refresh_core.errors import ValidationError
from refresh_core.meeting import priorities as plan
from refresh_core.meeting import stickywall as sw
from refresh_core.meeting import teams as team_roster
from refresh_core.meeting.champions import call_for_champions
from refresh_core.meeting.summary import meeting_summary
from refresh_core.meeting.volunteers import people_for_call
from tests.builders import Builder
from tests.refresh_scenario import REFRESH, Scenario, refresh_scenario


@pytest.fixture
def s(build: Builder) -> Scenario:
    return refresh_scenario(build)


def test_on_hold_priorities_read_no_champion_yet(conn: duckdb.DuckDBPyConnection, s: Scenario) -> None:
    """The plan shows parked priorities as 'No champion yet' and others in words ('Active', never a code),
    newest first, with their meeting and team."""
    call_for_champions(conn, meeting_id=s.refresh, title="Housing")
    table = plan.priorities(conn, partnership_id=s.build.pid)
    assert table[["title", "status", "identified_at", "teams"]].fillna("-").values.tolist() == [
        ["Housing", "No champion yet", "Refresh meeting", "-"],
        ["Apprenticeship expansion", "Active", "Launch meeting", "Apprenticeship"],
    ]


def test_priority_edits_and_new_rows_are_saved(conn: duckdb.DuckDBPyConnection, s: Scenario) -> None:
    """Titles, descriptions and statuses save; a new row becomes a parked priority dated today by default."""
    table = plan.priorities(conn, partnership_id=s.build.pid)
    table.loc[0, ["title", "status", "description"]] = ["Apprenticeships", "Completed", " CNC and welding "]
    added = pd.DataFrame([{"id": None, "title": "Supplier directory", "status": None}])
    plan.save_priorities(conn, partnership_id=s.build.pid, frame=pd.concat([table, added]), today=REFRESH)
    after = plan.priorities(conn, partnership_id=s.build.pid).set_index("title")
    assert after.loc["Apprenticeships", ["status", "description"]].tolist() == [
        "Completed",
        "CNC and welding",
    ]
    assert after.loc["Supplier directory", "status"] == "No champion yet"
    assert pd.Timestamp(after.loc["Supplier directory", "identified_on"]).date() == REFRESH


def test_a_parked_priority_cannot_be_switched_to_active(conn: duckdb.DuckDBPyConnection, s: Scenario) -> None:
    """No champion, no initiative: making a parked priority active without a champion is refused."""
    call_for_champions(conn, meeting_id=s.refresh, title="Housing")
    table = plan.priorities(conn, partnership_id=s.build.pid)
    table.loc[table["title"] == "Housing", "status"] = "active"
    with pytest.raises(ValidationError, match="Housing has no industry champion"):
        plan.save_priorities(conn, partnership_id=s.build.pid, frame=table)


def test_blank_priority_title_is_refused(conn: duckdb.DuckDBPyConnection, s: Scenario) -> None:
    """An emptied title is refused and nothing is written."""
    table = plan.priorities(conn, partnership_id=s.build.pid)
    table.loc[0, "title"] = "  "
    with pytest.raises(ValidationError, match="needs a name"):
        plan.save_priorities(conn, partnership_id=s.build.pid, frame=table)
    assert plan.priorities(conn, partnership_id=s.build.pid)["title"].tolist() == ["Apprenticeship expansion"]


def test_closing_a_team_records_the_date(conn: duckdb.DuckDBPyConnection, s: Scenario) -> None:
    """Setting a team to closed without a date closes it today; a close before the charter is refused."""
    table = plan.teams(conn, partnership_id=s.build.pid)
    assert table[["name", "champions", "status"]].values.tolist() == [
        ["Apprenticeship", "Ind0 Person", "active"]
    ]
    plan.save_teams(conn, partnership_id=s.build.pid, frame=table.assign(status="closed"), today=REFRESH)
    closed = plan.teams(conn, partnership_id=s.build.pid).iloc[0]
    assert (closed["status"], pd.Timestamp(closed["closed_on"]).date()) == ("closed", REFRESH)
    with pytest.raises(ValidationError, match="cannot close before"):
        plan.save_teams(
            conn,
            partnership_id=s.build.pid,
            frame=table.assign(status="closed", closed_on=pd.Timestamp("2020-01-01")),
        )


def test_accomplishments_add_edit_and_remove(conn: duckdb.DuckDBPyConnection, s: Scenario) -> None:
    """Accomplishments are one table: new rows added, edits kept, removed rows deleted."""
    first = pd.DataFrame(
        [
            {"id": None, "date": dt.date(2025, 5, 1), "team": "Apprenticeship", "text": "Cohort 1"},
            {"id": None, "date": None, "team": None, "text": "Tours"},
        ]
    )
    plan.save_accomplishments(conn, partnership_id=s.build.pid, frame=first, today=REFRESH)
    table = plan.accomplishments(conn, partnership_id=s.build.pid)
    assert table[["team", "text"]].fillna("-").values.tolist() == [
        ["-", "Tours"],
        ["Apprenticeship", "Cohort 1"],
    ]
    kept = table[table["text"] == "Cohort 1"].assign(text="Cohort 1 of 9 apprentices")
    plan.save_accomplishments(conn, partnership_id=s.build.pid, frame=kept)
    assert plan.accomplishments(conn, partnership_id=s.build.pid)["text"].tolist() == [
        "Cohort 1 of 9 apprentices"
    ]


def test_roster_keeps_at_least_one_industry_champion(conn: duckdb.DuckDBPyConnection, s: Scenario) -> None:
    """Members can be added; removing the only industry champion of an active team is refused."""
    people = people_for_call(conn, partnership_id=s.build.pid)
    label = dict(zip(people["id"], people["label"], strict=True))
    roster = team_roster.roster(conn, team_id=s.team)[["person", "role"]]
    grown = pd.concat([roster, pd.DataFrame([{"person": label[s.public[0]], "role": "member"}])])
    team_roster.save_roster(conn, team_id=s.team, frame=grown, people=people, today=REFRESH)
    assert team_roster.roster(conn, team_id=s.team)[["person", "role"]].values.tolist() == [
        ["Ind0 Person (Ind0 Org)", "champion"],
        ["Pub0 Person (Pub0 Org)", "member"],
    ]
    with pytest.raises(ValidationError, match="no industry champion"):
        team_roster.save_roster(conn, team_id=s.team, frame=grown.assign(role="member"), people=people)
    no_contact = team_roster.roster(conn, team_id=s.team).columns
    assert "email" not in no_contact and "phone" not in no_contact


def test_meeting_summary_counts_the_room_and_the_outcomes(
    conn: duckdb.DuckDBPyConnection, s: Scenario
) -> None:
    """Attendance by kind with newcomers, ideas, priorities, commitments and the clock, in one call."""
    sw.add_ideas(conn, meeting_id=s.refresh, ideas=["a", "b", "c"], groups=["Youth", "Youth", "Housing"])
    cats = sw.categories(conn, meeting_id=s.refresh).set_index("name")["id"]
    call_for_champions(
        conn,
        meeting_id=s.refresh,
        title="Youth",
        category_id=int(cats["Youth"]),
        champion_ids=[s.industry[6]],
        member_ids=[s.public[2]],
    )
    call_for_champions(conn, meeting_id=s.refresh, title="Housing", category_id=int(cats["Housing"]))
    summary = meeting_summary(conn, meeting_id=s.refresh, partnership_id=s.build.pid, as_of=REFRESH)
    att = summary.attendance
    assert (att.industry, att.public_partner) == (8, 3)
    assert att.new_industry_leaders == ("Ind5 Person", "Ind6 Person", "Ind7 Person")
    assert summary.ideas == 3
    assert summary.decisions[["title", "status"]].values.tolist() == [
        ["Youth", "active"],
        ["Housing", "on_hold"],
    ]
    assert summary.commitments[["person", "role", "new_champion"]].values.tolist() == [
        ["Ind6 Person", "champion", True],
        ["Pub2 Person", "member", False],
    ]
    assert len(summary.clock) == 4  # survey, Youth's first meeting, one-on-one, 90-day meeting
    assert summary.takeaway == (
        "8 industry leaders outnumbered 3 public partners, 3 new industry leaders; "
        "3 ideas on the wall; 1 priority with champions, 1 parked."
    )


def test_team_status_and_roles_save_from_the_words_shown(
    conn: duckdb.DuckDBPyConnection, s: Scenario
) -> None:
    """The plan's editors offer "Active"/"Closed" and "Champion"/"Member" (never the stored codes); what
    the convener picks saves as the status and role it names, and a word that is not one is refused with
    the choices."""
    table = plan.teams(conn, partnership_id=s.build.pid)
    plan.save_teams(conn, partnership_id=s.build.pid, frame=table.assign(status="Closed"), today=REFRESH)
    assert plan.teams(conn, partnership_id=s.build.pid)["status"].tolist() == ["closed"]
    with pytest.raises(ValidationError, match="'Paused' is not a team status: use one of Active, Closed"):
        plan.save_teams(conn, partnership_id=s.build.pid, frame=table.assign(status="Paused"))
    people = people_for_call(conn, partnership_id=s.build.pid)
    label = dict(zip(people["id"], people["label"], strict=True))
    roster = team_roster.roster(conn, team_id=s.team)[["person", "role"]].assign(role="Champion")
    grown = pd.concat([roster, pd.DataFrame([{"person": label[s.public[0]], "role": "Member"}])])
    team_roster.save_roster(conn, team_id=s.team, frame=grown, people=people, today=REFRESH)
    assert team_roster.roster(conn, team_id=s.team)["role"].tolist() == ["champion", "member"]
    table = plan.priorities(conn, partnership_id=s.build.pid)
    with pytest.raises(ValidationError, match="use one of Active, No champion yet, Completed, Dropped"):
        plan.save_priorities(conn, partnership_id=s.build.pid, frame=table.assign(status="Someday"))
