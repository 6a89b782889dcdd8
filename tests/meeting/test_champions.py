"""The call for champions: no champion, no initiative."""

from __future__ import annotations

import datetime as dt

import duckdb
import pytest

from refresh_core.enums import OrgKind, PriorityStatus
from refresh_core.errors import NotFoundError, ValidationError
from refresh_core.meeting import stickywall as sw
from refresh_core.meeting.champions import call_for_champions, charter_team
from refresh_core.meeting.recap import recap
from refresh_core.meeting.volunteers import add_volunteer, people_for_call
from tests.builders import Builder
from tests.refresh_scenario import REFRESH, Scenario, refresh_scenario


@pytest.fixture
def s(build: Builder) -> Scenario:
    return refresh_scenario(build)


def category(conn: duckdb.DuckDBPyConnection, s: Scenario, name: str) -> int:
    return sw.create_category(conn, meeting_id=s.refresh, name=name)


def team_rows(conn: duckdb.DuckDBPyConnection, team_id: int) -> list[tuple[int, str]]:
    return [
        (int(p), str(r))
        for p, r in conn.execute(
            "SELECT person_id, role FROM team_member WHERE team_id = ? ORDER BY person_id", [team_id]
        ).fetchall()
    ]


def test_industry_champion_charters_an_action_team(conn: duckdb.DuckDBPyConnection, s: Scenario) -> None:
    """One industry champion is enough: the priority is active and its team chartered on the meeting date."""
    out = call_for_champions(
        conn,
        meeting_id=s.refresh,
        title="Cobot training",
        category_id=category(conn, s, "Cobots"),
        champion_ids=[s.industry[2]],
        member_ids=[s.industry[3], s.public[0]],
    )
    assert out.status == PriorityStatus.ACTIVE and out.team_id is not None
    assert out.champions == ("Ind2 Person",)
    row = conn.execute(
        "SELECT identified_on, identified_meeting_id, status FROM priority WHERE id = ?", [out.priority_id]
    ).fetchone()
    assert row == (REFRESH, s.refresh, "active")
    chartered = conn.execute(
        "SELECT chartered_on, name FROM action_team WHERE id = ?", [out.team_id]
    ).fetchone()
    assert chartered == (REFRESH, "Cobot training")
    assert team_rows(conn, out.team_id) == sorted(
        [(s.industry[2], "champion"), (s.industry[3], "member"), (s.public[0], "member")]
    )


def test_no_champion_parks_the_priority(conn: duckdb.DuckDBPyConnection, s: Scenario) -> None:
    """Without a champion the priority is saved on hold, no team is formed, and the recap lists it parked."""
    out = call_for_champions(
        conn,
        meeting_id=s.refresh,
        title="Housing",
        category_id=category(conn, s, "Housing"),
        member_ids=[s.industry[4]],
    )
    assert out.status == PriorityStatus.ON_HOLD and out.team_id is None
    assert "no champion yet" in out.message
    assert conn.execute("SELECT count(*) FROM action_team WHERE name = 'Housing'").fetchone() == (0,)
    text = recap(conn, meeting_id=s.refresh).read_out
    assert "Parked for now" in text and "Housing" in text


def test_a_public_partner_cannot_be_the_champion(conn: duckdb.DuckDBPyConnection, s: Scenario) -> None:
    """Champions must be industry leaders: a public partner volunteering alone leaves the priority parked."""
    out = call_for_champions(conn, meeting_id=s.refresh, title="Transit", champion_ids=[s.public[1]])
    assert out.status == PriorityStatus.ON_HOLD and out.team_id is None
    assert "Pub1 Person volunteered to champion but champions must be industry leaders" in out.message
    role = conn.execute("SELECT role FROM commitment WHERE person_id = ?", [s.public[1]]).fetchone()
    assert role == ("member",)


def test_category_remembers_the_priority_it_became(conn: duckdb.DuckDBPyConnection, s: Scenario) -> None:
    """A decided category points at its priority and cannot be decided twice."""
    cat = category(conn, s, "Youth")
    out = call_for_champions(
        conn, meeting_id=s.refresh, title="Youth", category_id=cat, champion_ids=[s.industry[1]]
    )
    cats = sw.categories(conn, meeting_id=s.refresh)
    assert cats["priority_id"].tolist() == [out.priority_id]
    assert cats["outcome"].tolist() == ["Action team"]
    with pytest.raises(ValidationError, match="already became a priority"):
        call_for_champions(conn, meeting_id=s.refresh, title="Youth again", category_id=cat)


def test_continuing_a_team_adds_new_champions(conn: duckdb.DuckDBPyConnection, s: Scenario) -> None:
    """'Continue' keeps the team and its priority (not a new one), adding volunteers and upgrading members."""
    conn.execute(
        "INSERT INTO team_member (team_id, person_id, role) VALUES (?, ?, 'member')", [s.team, s.industry[5]]
    )
    out = call_for_champions(
        conn,
        meeting_id=s.refresh,
        continue_team_id=s.team,
        champion_ids=[s.industry[5]],
        member_ids=[s.industry[6]],
    )
    assert (out.priority_id, out.team_id, out.status) == (s.team_priority, s.team, PriorityStatus.ACTIVE)
    assert team_rows(conn, s.team) == [
        (s.industry[0], "champion"),
        (s.industry[5], "champion"),
        (s.industry[6], "member"),
    ]
    assert conn.execute("SELECT count(*) FROM priority").fetchone() == (1,)


def test_continuing_a_team_with_no_industry_champion_closes_it(
    conn: duckdb.DuckDBPyConnection, s: Scenario
) -> None:
    """A continued team whose only champions are gone is closed and its priority parked."""
    conn.execute("UPDATE team_member SET role = 'member' WHERE team_id = ?", [s.team])
    out = call_for_champions(conn, meeting_id=s.refresh, continue_team_id=s.team, member_ids=[s.public[0]])
    assert out.status == PriorityStatus.ON_HOLD and out.team_id is None
    assert conn.execute("SELECT status, closed_on FROM action_team WHERE id = ?", [s.team]).fetchone() == (
        "closed",
        REFRESH,
    )


def test_new_champions_are_told_apart_from_existing_ones(
    conn: duckdb.DuckDBPyConnection, s: Scenario
) -> None:
    """Someone already championing a team is not a new champion; a first-timer is, once."""
    call_for_champions(conn, meeting_id=s.refresh, title="A", champion_ids=[s.industry[0], s.industry[7]])
    call_for_champions(conn, meeting_id=s.refresh, title="B", champion_ids=[s.industry[7]])
    rows = conn.execute("SELECT person_id, new_champion FROM commitment ORDER BY id").fetchall()
    assert rows == [(s.industry[0], False), (s.industry[7], True), (s.industry[7], False)]


def test_unknown_people_and_foreign_teams_are_refused(conn: duckdb.DuckDBPyConnection, s: Scenario) -> None:
    """Picks that are not this partnership's people or teams raise a typed error and write nothing."""
    with pytest.raises(NotFoundError):
        call_for_champions(conn, meeting_id=s.refresh, title="X", champion_ids=[99999])
    with pytest.raises(NotFoundError):
        call_for_champions(conn, meeting_id=s.refresh, continue_team_id=99999)
    with pytest.raises(ValidationError, match="title"):
        call_for_champions(conn, meeting_id=s.refresh, title="  ")
    assert conn.execute("SELECT count(*) FROM priority").fetchone() == (1,)


def test_parked_priority_becomes_a_team_when_a_champion_steps_up(
    conn: duckdb.DuckDBPyConnection, s: Scenario
) -> None:
    """Later, an industry champion turns a parked priority into an active team; a public partner cannot."""
    out = call_for_champions(conn, meeting_id=s.refresh, title="Housing")
    with pytest.raises(ValidationError, match="no champion, no initiative"):
        charter_team(conn, priority_id=out.priority_id, champion_ids=[s.public[0]], chartered_on=REFRESH)
    team = charter_team(
        conn, priority_id=out.priority_id, champion_ids=[s.industry[4]], chartered_on=dt.date(2026, 12, 1)
    )
    assert conn.execute("SELECT status FROM priority WHERE id = ?", [out.priority_id]).fetchone() == (
        "active",
    )
    assert team_rows(conn, team) == [(s.industry[4], "champion")]


def test_volunteer_on_the_day_is_added_once(conn: duckdb.DuckDBPyConnection, s: Scenario) -> None:
    """A newcomer typed in on the day is created once (same name reuses them) and can champion."""
    first = add_volunteer(conn, partnership_id=s.build.pid, full_name="Dana  Okafor", organisation="New Co")
    again = add_volunteer(conn, partnership_id=s.build.pid, full_name="dana okafor", organisation="New Co")
    assert first == again
    people = people_for_call(conn, partnership_id=s.build.pid)
    assert "Dana Okafor (New Co)" in people["label"].tolist()
    out = call_for_champions(conn, meeting_id=s.refresh, title="Newcomers", champion_ids=[first])
    assert out.status == PriorityStatus.ACTIVE
    public = add_volunteer(
        conn, partnership_id=s.build.pid, full_name="Lee", organisation="County", kind=OrgKind.PUBLIC_PARTNER
    )
    assert (
        people_for_call(conn, partnership_id=s.build.pid).set_index("id").loc[public, "kind"]
        == "public_partner"
    )
