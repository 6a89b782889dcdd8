"""A small partnership that has just held its refresh meeting, built through the real schema.

Shared by the meeting-day tests (agenda, sticky wall, champions, clock, plan).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

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
