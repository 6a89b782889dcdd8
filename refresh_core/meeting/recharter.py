"""R9: every action team is re-chartered at the refresh meeting, or closed.

The guide: "A refresh meeting will result in the formation of action teams around
priorities ... Action teams only move forward if there are industry champions committed
to them." A team that was active before the refresh meeting and did not come up at its
call for champions has nobody's fresh commitment: the convener re-charters it (its
champions step up again, ``champions.call_for_champions`` with ``continue_team_id``) or
closes it, parking its priority (no champion, no initiative).
"""

from __future__ import annotations

from collections.abc import Iterable

import pandas as pd

from refresh_core.db import Connection, transaction
from refresh_core.errors import ValidationError
from refresh_core.meeting.followups import CLOCK_MEETING_KINDS
from refresh_core.meetings import get_meeting


def teams_not_raised(conn: Connection, *, meeting_id: int) -> pd.DataFrame:
    """Teams active before a refresh (or launch) meeting that nobody committed to at its call for
    champions, still active: id, name, priority, champions, chartered_on. Empty for other meetings."""
    meeting = get_meeting(conn, meeting_id=meeting_id)
    if meeting.kind not in CLOCK_MEETING_KINDS:
        return pd.DataFrame(columns=["id", "name", "priority", "champions", "chartered_on"])
    return conn.execute(
        """SELECT t.id, t.name, p.title AS priority,
                  (SELECT string_agg(x.full_name, ', ' ORDER BY x.full_name) FROM team_member tm
                     JOIN person x ON x.id = tm.person_id WHERE tm.team_id = t.id AND tm.role = 'champion')
                     AS champions,
                  t.chartered_on
           FROM action_team t LEFT JOIN priority p ON p.id = t.priority_id
           WHERE t.partnership_id = $p AND t.status = 'active' AND t.chartered_on < $d
             AND t.id NOT IN (SELECT team_id FROM commitment WHERE meeting_id = $m AND team_id IS NOT NULL)
           ORDER BY t.name, t.id""",
        {"p": meeting.partnership_id, "d": meeting.date, "m": meeting_id},
    ).df()


def close_teams(conn: Connection, *, meeting_id: int, team_ids: Iterable[int]) -> int:
    """Close teams nobody re-chartered at the meeting (dated the meeting day) and park their
    priorities when no other active team carries them; returns how many were closed."""
    meeting = get_meeting(conn, meeting_id=meeting_id)
    wanted = sorted({int(t) for t in team_ids})
    if not wanted:
        return 0
    open_ids = set(teams_not_raised(conn, meeting_id=meeting_id)["id"].astype(int).tolist())
    if not set(wanted) <= open_ids:
        raise ValidationError("Some of these teams were re-chartered or closed already; reload the page.")
    with transaction(conn):
        conn.execute(
            "UPDATE action_team SET status = 'closed', closed_on = greatest(chartered_on, ?) "
            "WHERE (id = ANY(?))",
            [meeting.date, wanted],
        )
        conn.execute(
            """UPDATE priority SET status = 'on_hold' WHERE status = 'active' AND id IN
               (SELECT priority_id FROM action_team WHERE (id = ANY($t)))
               AND id NOT IN (SELECT priority_id FROM action_team WHERE status = 'active'
                              AND priority_id IS NOT NULL)""",
            {"t": wanted},
        )
    return len(wanted)


def not_raised_warning(left_out: pd.DataFrame) -> str | None:
    """The prompt for teams nobody re-chartered at the call for champions (``teams_not_raised``)."""
    if left_out.empty:
        return None
    names = [str(n) for n in left_out["name"]]
    one = len(names) == 1
    return (f"{len(names)} action {'team' if one else 'teams'} active before this meeting "
            f"{'has' if one else 'have'} not come up at the call for champions: {', '.join(names)}. "
            "The guide: action teams only move forward if there are industry champions committed to "
            f"them. Re-charter {'it' if one else 'each'} (its champions step up again) or close "
            f"{'it' if one else 'them'}.")


def closed_message(team: str) -> str:
    return f"{team} is closed and its priority parked: no champion, no initiative."
