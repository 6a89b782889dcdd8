"""Talking points for "Where we've been", drafted from the partnership's records.

The guide asks industry champions to reflect on why the partnership came
together, its most significant accomplishments, and the work ongoing and
completed. These facts give them something concrete to start from. Missteps come
too (R10: "Don't be afraid to acknowledge missteps. Learning from what didn't work
is critical to future success."), and the core principles to reaffirm (R11).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from refresh_core import words
from refresh_core.db import Connection, one
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
    missteps: tuple[tuple[dt.date, str, str, str], ...] = ()  # (date, team or "", what, lesson or "")
    principles: tuple[str, ...] = ()  # the core principles to reaffirm or change

    @property
    def talking_points(self) -> list[str]:
        """Plain sentences a champion can read or adapt."""
        return talking_points(self)


def where_weve_been(conn: Connection, *, partnership_id: int, as_of: dt.date) -> WhereWeveBeen:
    """Facts about the partnership up to ``as_of``: age, meetings, people, teams, accomplishments.
    (long: one query's facts unpacked into the talking points' fields)"""
    row = one(
        conn,
        """
        SELECT coalesce((SELECT min(date) FROM meeting WHERE partnership_id = $p AND kind = 'launch'
                           AND date <= $d),
                        (SELECT min(date) FROM meeting WHERE partnership_id = $p AND date <= $d
                           AND (kind = ANY($full)))),
               (SELECT count(*) FROM meeting WHERE partnership_id = $p AND date <= $d
                  AND (kind = ANY($full))),
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
    lessons = conn.execute(
        """SELECT s.date, coalesce(t.name, ''), s.text, coalesce(s.lesson, '') FROM misstep s
           LEFT JOIN action_team t ON t.id = s.team_id
           WHERE s.partnership_id = ? AND s.date <= ? ORDER BY s.date, s.id""",
        [partnership_id, as_of],
    ).fetchall()
    principles = conn.execute(
        "SELECT text FROM principle WHERE partnership_id = ? ORDER BY position, id", [partnership_id]
    ).fetchall()
    years = round((as_of - launched).days / 365.25, 1) if launched else 0.0
    return WhereWeveBeen(
        launched_on=launched,
        years=years,
        full_meetings=int(meetings),
        industry_leaders=int(leaders),
        companies=int(companies),
        teams_chartered=int(chartered),
        active_teams=tuple(n for n, active in teams if active),
        closed_teams=tuple(n for n, active in teams if not active),
        completed_priorities=tuple(r[0] for r in completed),
        accomplishments=tuple((d, t, x) for d, t, x in wins),
        missteps=tuple((d, t, x, lesson) for d, t, x, lesson in lessons),
        principles=tuple(str(r[0]) for r in principles),
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
        return ["No full-partnership meeting recorded yet: import past sign-in sheets (or set a meeting's "
                "type on the Meetings page) to draft these talking points."]
    points = [
        f"We launched on {words.day(facts.launched_on, '%B %Y')}, {_age(facts.years)}.",
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
    points += [
        f"What didn't work, {d:%B %Y}{' (' + team + ')' if team else ''}: {_stop(text)}"
        + (f" What we learned: {_stop(lesson)}" if lesson else "")
        for d, team, text, lesson in facts.missteps
    ]
    return points


def _stop(text: str) -> str:
    """The text as a sentence: a full stop added unless it already ends one."""
    return text if text.endswith((".", "!", "?")) else text + "."
