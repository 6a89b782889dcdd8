"""Putting people on an action team: who was picked, enrolling them as champion or member.

Shared by the call for champions and by chartering a parked priority's team later
(:mod:`refresh_core.meeting.champions`).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

import pandas as pd

from refresh_core.db import Connection, one, registered
from refresh_core.enums import TeamRole
from refresh_core.errors import NotFoundError


def people_by_id(conn: Connection, partnership_id: int, ids: Sequence[int]) -> pd.DataFrame:
    """The picked people (id, name, industry, was_champion); NotFoundError if one is not the partnership's."""
    frame = conn.execute(
        """SELECT x.id, x.full_name AS name, coalesce(o.kind, 'unclassified') = 'industry' AS industry,
                  EXISTS (SELECT 1 FROM team_member tm JOIN action_team t ON t.id = tm.team_id
                          WHERE tm.person_id = x.id AND tm.role = 'champion') AS was_champion
           FROM person x LEFT JOIN organisation o ON o.id = x.organisation_id
           WHERE x.partnership_id = ? AND (x.id = ANY(?))""",
        [partnership_id, [int(i) for i in ids]],
    ).df()
    if len(frame) != len(set(ids)):
        raise NotFoundError(
            "Someone picked is not a person of this partnership; reload the page and pick again."
        )
    return frame


def enrol(
    conn: Connection, team_id: int, people: pd.DataFrame, champions: set[int], joined: dt.date
) -> None:
    """Add people to a team (champion role for industry champions); upgrade members who step up."""
    roster = pd.DataFrame(
        {
            "person_id": [int(i) for i in people["id"]],
            "role": [
                TeamRole.CHAMPION.value
                if int(r["id"]) in champions and r["industry"]
                else TeamRole.MEMBER.value
                for r in people.to_dict("records")
            ],
        }
    )
    with registered(conn, "roster_new", roster):
        conn.execute(
            """UPDATE team_member SET role = 'champion' FROM roster_new r
                        WHERE team_member.team_id = ? AND team_member.person_id = r.person_id
                        AND r.role = 'champion'""",
            [team_id],
        )
        conn.execute(
            """INSERT INTO team_member (team_id, person_id, role, joined_on)
                        SELECT ?, person_id, role, ? FROM roster_new WHERE person_id NOT IN
                        (SELECT person_id FROM team_member WHERE team_id = ?)""",
            [team_id, joined, team_id],
        )


def industry_champions(conn: Connection, team_id: int) -> int:
    """How many industry champions the team has."""
    row = one(
        conn,
        """SELECT count(*) FROM team_member tm JOIN person x ON x.id = tm.person_id
                          JOIN organisation o ON o.id = x.organisation_id
                          WHERE tm.team_id = ? AND tm.role = 'champion' AND o.kind = 'industry'""",
        [team_id],
    )
    return int(row[0]) if row else 0
