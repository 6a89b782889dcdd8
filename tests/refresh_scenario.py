"""A small partnership that has just held its refresh meeting, built through the real schema.

Shared by the meeting-day tests (agenda, sticky wall, champions, clock, plan).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

import duckdb

from refresh_core.meeting import stickywall as sw
from refresh_core.meeting.champions import call_for_champions
from refresh_core.meeting.volunteers import people_for_call
from refresh_core.meetings import add_meeting
from tests.builders import Builder

LAUNCH = dt.date(2024, 1, 10)
REFRESH = dt.date(2026, 11, 12)


@dataclass(frozen=True)
class Scenario:
    build: Builder
    launch: int
    refresh: int
    industry: list[int]  # eight industry leaders; industry[0] already champions the team
    public: list[int]  # three public partners
    team: int  # the existing "Apprenticeship" action team
    team_priority: int


def refresh_scenario(build: Builder) -> Scenario:
    """Launch in 2024 with one team; a refresh meeting with 8 industry leaders and 3 public partners."""
    industry = build.people(8, prefix="Ind")
    public = build.people(3, kind="public_partner", prefix="Pub")
    launch = build.meeting(LAUNCH, "launch", title="Launch meeting")
    build.attend(launch, industry[:5] + public[:2])
    priority = build.priority("Apprenticeship expansion", LAUNCH, meeting=launch)
    team = build.team("Apprenticeship", dt.date(2024, 2, 1), priority=priority)
    build.conn.execute(
        "INSERT INTO team_member (team_id, person_id, role) VALUES (?, ?, 'champion')", [team, industry[0]]
    )
    refresh = build.meeting(REFRESH, "refresh", title="Refresh meeting")
    build.attend(refresh, industry + public)
    build.conn.execute("UPDATE meeting SET start_time = '07:30', minutes = 120 WHERE id = ?", [refresh])
    return Scenario(build, launch, refresh, industry, public, team, priority)


def hold_refresh_meeting(
    conn: duckdb.DuckDBPyConnection,
    *,
    partnership_id: int,
    day: dt.date,
    ideas: Sequence[str],
    groups: Sequence[str],
    champions: int,
    with_members: bool = True,
    location: str | None = None,
) -> int:
    """A 2-hour refresh meeting whose sticky wall is grouped and whose call for champions is done:
    the first ``champions`` categories get an industry champion, the others are parked."""
    meeting = add_meeting(
        conn,
        partnership_id=partnership_id,
        date=day,
        kind="refresh",
        title="Refresh meeting",
        start_time="07:30",
        minutes=120,
        location=location,
    )
    sw.add_ideas(conn, meeting_id=meeting, ideas=list(ideas), groups=list(groups))
    people = people_for_call(conn, partnership_id=partnership_id)
    industry = people[people["kind"] == "industry"]["id"].tolist()
    for n, cat in enumerate(sw.categories(conn, meeting_id=meeting).itertuples()):
        call_for_champions(
            conn,
            meeting_id=meeting,
            title=str(cat.name),
            category_id=int(cat.id),
            champion_ids=[int(industry[n])] if n < champions else [],
            member_ids=[int(industry[10 + n])] if with_members else [],
        )
    return meeting


def thirty_notes() -> tuple[list[str], list[str]]:
    """The done-when sticky wall: 30 notes in 5 categories."""
    names = ["Apprenticeships", "Automation", "Youth pipeline", "Suppliers", "Housing"]
    return [f"Idea {n}" for n in range(30)], [names[n % 5] for n in range(30)]
