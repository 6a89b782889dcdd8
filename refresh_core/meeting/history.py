"""Talking points for "Where we've been", drafted from the partnership's records.

The guide asks industry champions to reflect on why the partnership came
together, its most significant accomplishments, and the work ongoing and
completed. These facts give them something concrete to start from.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import duckdb

from refresh_core.db import one
from refresh_core.enums import FULL_KINDS


@dataclass(frozen=True)
class WhereWeveBeen:
    launched_on: dt.date | None
    years: float
    full_meetings: int
    industry_leaders: int
    companies: int
    teams_chartered: int
    active_teams: tuple[str, ...]
    closed_teams: tuple[str, ...]
    completed_priorities: tuple[str, ...]
    accomplishments: tuple[tuple[dt.date, str, str], ...]  # (date, team or "", text)

    @property
    def talking_points(self) -> list[str]:
        """Plain sentences a champion can read or adapt."""
        return talking_points(self)


def where_weve_been(conn: duckdb.DuckDBPyConnection, *, partnership_id: int, as_of: dt.date) -> WhereWeveBeen:
    """Facts about the partnership up to ``as_of``: age, meetings, people, teams, accomplishments."""
    row = one(
        conn,
        """
        SELECT coalesce((SELECT min(date) FROM meeting WHERE partnership_id = $p AND kind = 'launch'
                           AND date <= $d),
                        (SELECT min(date) FROM meeting WHERE partnership_id = $p AND date <= $d)),
               (SELECT count(*) FROM meeting WHERE partnership_id = $p AND date <= $d
                  AND list_contains($full, kind)),
               (SELECT count(DISTINCT a.person_id) FROM attendance a JOIN meeting m ON m.id = a.meeting_id
                  JOIN person x ON x.id = a.person_id JOIN organisation o ON o.id = x.organisation_id
                  WHERE m.partnership_id = $p AND m.date <= $d AND o.kind = 'industry'),
               (SELECT count(DISTINCT x.organisation_id) FROM attendance a
                  JOIN meeting m ON m.id = a.meeting_id JOIN person x ON x.id = a.person_id
                  JOIN organisation o ON o.id = x.organisation_id
                  WHERE m.partnership_id = $p AND m.date <= $d AND o.kind = 'industry'),
               (SELECT count(*) FROM action_team WHERE partnership_id = $p AND chartered_on <= $d)
        """,
        {"p": partnership_id, "d": as_of, "full": list(FULL_KINDS)},
    )
    assert row is not None
    launched, meetings, leaders, companies, chartered = row
    teams = conn.execute(
        """SELECT name, status = 'active' AND (closed_on IS NULL OR closed_on > $d) FROM action_team
           WHERE partnership_id = $p AND chartered_on <= $d ORDER BY chartered_on, name""",
        {"p": partnership_id, "d": as_of},
    ).fetchall()
    completed = conn.execute(
        """SELECT title FROM priority WHERE partnership_id = ? AND status = 'completed'
           AND identified_on <= ? ORDER BY identified_on""",
        [partnership_id, as_of],
    ).fetchall()
    wins = conn.execute(
        """SELECT a.date, coalesce(t.name, ''), a.text FROM accomplishment a
           LEFT JOIN action_team t ON t.id = a.team_id
           WHERE a.partnership_id = ? AND a.date <= ? ORDER BY a.date""",
        [partnership_id, as_of],
    ).fetchall()
    years = round((as_of - launched).days / 365.25, 1) if launched else 0.0
    return WhereWeveBeen(
        launched,
        years,
        int(meetings),
        int(leaders),
        int(companies),
        int(chartered),
        tuple(n for n, active in teams if active),
        tuple(n for n, active in teams if not active),
        tuple(r[0] for r in completed),
        tuple((d, t, x) for d, t, x in wins),
    )


def _age(years: float) -> str:
    if years < 1:
        return "less than a year ago"
    whole = int(years)
    return (
        f"about {whole} year{'s' if whole != 1 else ''} ago"
        if years - whole < 0.5
        else f"about {whole} and a half years ago"
    )


def talking_points(facts: WhereWeveBeen) -> list[str]:
    """The facts as sentences for the champion opening "Where we've been"."""
    if facts.launched_on is None:
        return ["No meetings recorded yet: import past sign-in sheets to draft these talking points."]
    points = [
        f"We launched on {facts.launched_on:%d %B %Y}, {_age(facts.years)}.",
        f"We have held {facts.full_meetings} full-partnership meeting"
        f"{'s' if facts.full_meetings != 1 else ''}.",
        f"{facts.industry_leaders} industry leaders from {facts.companies} companies have taken part.",
    ]
    if facts.teams_chartered:
        points.append(
            f"We chartered {facts.teams_chartered} action team"
            f"{'s' if facts.teams_chartered != 1 else ''}"
            + (f"; still going: {', '.join(facts.active_teams)}" if facts.active_teams else "")
            + (f"; completed or closed: {', '.join(facts.closed_teams)}" if facts.closed_teams else "")
            + "."
        )
    if facts.completed_priorities:
        points.append("Priorities we saw through: " + ", ".join(facts.completed_priorities) + ".")
    points += [
        f"{d:%B %Y}{' (' + team + ')' if team else ''}: {text}" for d, team, text in facts.accomplishments
    ]
    return points
