"""Who is on an action team, as champion or member.

An active team exists only while it has at least one industry champion (the
guide's "no champion, no initiative"); a roster edit that would leave it with
none is refused with a message saying what to do instead.
"""

from __future__ import annotations

import datetime as dt

import pandas as pd

from refresh_core.db import Connection, one, registered, transaction
from refresh_core.enums import TeamRole, from_label
from refresh_core.errors import NotFoundError, ValidationError


def roster(conn: Connection, *, team_id: int) -> pd.DataFrame:
    """A team's people, no contact details: person_id, person, organisation, kind, role, joined_on."""
    return conn.execute(
        """SELECT x.id AS person_id, x.full_name || coalesce(' (' || o.name || ')', '') AS person,
                  o.name AS organisation, coalesce(o.kind, 'unclassified') AS kind, tm.role, tm.joined_on
           FROM team_member tm JOIN person x ON x.id = tm.person_id
           LEFT JOIN organisation o ON o.id = x.organisation_id
           WHERE tm.team_id = ? ORDER BY tm.role, x.full_name""",
        [team_id],
    ).df()


def _roster_rows(frame: pd.DataFrame, by_label: dict[str, tuple[int, str]]) -> dict[int, str]:
    """The edited table as person id -> role (blank rows skipped; unknown people refused)."""
    rows: dict[int, str] = {}
    for r in frame.to_dict("records"):
        label = r.get("person")
        if label is None or (not isinstance(label, str) and pd.isna(label)):
            continue
        if label not in by_label:
            raise ValidationError(f"{label} is not in this partnership's records; add them first.")
        role = from_label(TeamRole, r.get("role") or TeamRole.MEMBER, what="team role")
        rows[by_label[str(label)][0]] = role.value
    return rows


def _keep_a_champion(team: str, rows: dict[int, str], kinds: dict[int, str]) -> None:
    """No champion, no initiative: an active team keeps at least one industry champion."""
    if not any(role == "champion" and kinds.get(pid) == "industry" for pid, role in rows.items()):
        raise ValidationError(
            f"{team} would have no industry champion. No champion, no initiative: name "
            "another industry champion, or close the team on the Action teams table."
        )


def save_roster(
    conn: Connection,
    *,
    team_id: int,
    frame: pd.DataFrame,
    people: pd.DataFrame,
    today: dt.date | None = None,
) -> None:
    """Apply an edited roster (columns person = label from ``people``, role); rows removed leave the team.

    ``people`` is :func:`refresh_core.meeting.champions.people_for_call` (id, label, kind).
    """
    team = one(conn, "SELECT name, status, partnership_id FROM action_team WHERE id = ?", [team_id])
    if team is None:
        raise NotFoundError("That action team no longer exists; reload the page.")
    by_label = {
        str(label): (int(pid), str(kind))
        for label, pid, kind in zip(people["label"], people["id"], people["kind"], strict=True)
    }
    rows = _roster_rows(frame, by_label)
    if team[1] == "active":
        _keep_a_champion(str(team[0]), rows, {pid: kind for pid, kind in by_label.values()})
    edits = pd.DataFrame({"person_id": list(rows), "role": list(rows.values())}, dtype=object)
    edits = edits.astype({"person_id": "Int64", "role": object})
    with transaction(conn), registered(conn, "roster_edits", edits):
        conn.execute(
            "DELETE FROM team_member WHERE team_id = ? AND person_id NOT IN "
            "(SELECT person_id FROM roster_edits)",
            [team_id],
        )
        conn.execute(
            "UPDATE team_member SET role = e.role FROM roster_edits e WHERE team_member.team_id = ? "
            "AND team_member.person_id = e.person_id",
            [team_id],
        )
        conn.execute(
            "INSERT INTO team_member (team_id, person_id, role, joined_on) "
            "SELECT ?, person_id, role, ? FROM roster_edits WHERE person_id NOT IN "
            "(SELECT person_id FROM team_member WHERE team_id = ?)",
            [team_id, today or dt.date.today(), team_id],
        )
