"""The partnership's living plan: priorities, action teams and accomplishments.

Listing functions return tables shaped for ``st.data_editor``; each ``save_*``
takes the edited table back and applies it in one transaction. These tables
feed sign 4 (agenda stale) and sign 1's action-team rule.
"""

from __future__ import annotations

import datetime as dt

import pandas as pd

from refresh_core import words
from refresh_core.db import Connection, one, registered, transaction
from refresh_core.enums import PriorityStatus, TeamStatus, from_label
from refresh_core.errors import ValidationError
from refresh_core.tables import day, text, whole

STATUS_LABELS = {s: s.label for s in PriorityStatus}  # the words the plan shows ("No champion yet")
_CHAMPIONS = """(SELECT string_agg(x.full_name, ', ' ORDER BY x.full_name) FROM team_member tm
                 JOIN person x ON x.id = tm.person_id WHERE tm.team_id = t.id AND tm.role = '{role}')"""


def _text(value: object, what: str) -> str:
    clean = text(value)
    if not clean:
        raise ValidationError(f"Every {what} needs a name; type one or remove the empty row.")
    return clean


def priorities(conn: Connection, *, partnership_id: int) -> pd.DataFrame:
    """Priorities, newest first: id, title, description, status (label), identified_on, meeting, teams."""
    frame = conn.execute(
        """SELECT p.id, p.title, p.description, p.status, p.identified_on, m.title AS identified_at,
                  (SELECT string_agg(t.name, ', ' ORDER BY t.name) FROM action_team t
                     WHERE t.priority_id = p.id AND t.status = 'active') AS teams
           FROM priority p LEFT JOIN meeting m ON m.id = p.identified_meeting_id
           WHERE p.partnership_id = ? ORDER BY p.identified_on DESC, p.id DESC""",
        [partnership_id],
    ).df()
    frame["status"] = [STATUS_LABELS[PriorityStatus(s)] for s in frame["status"]]
    return frame


def _has_champion(conn: Connection, priority_id: int) -> bool:
    row = one(
        conn,
        """SELECT count(*) FROM action_team t JOIN team_member tm ON tm.team_id = t.id
           JOIN person x ON x.id = tm.person_id JOIN organisation o ON o.id = x.organisation_id
           WHERE t.priority_id = ? AND t.status = 'active' AND tm.role = 'champion'
           AND o.kind = 'industry'""",
        [priority_id],
    )
    return bool(row and row[0])


def _priority_rows(frame: pd.DataFrame, today: dt.date) -> pd.DataFrame:
    rows = []
    for r in frame.to_dict("records"):
        status = from_label(PriorityStatus, r.get("status") or PriorityStatus.ON_HOLD, what="priority status")
        rows.append(
            {
                "id": whole(r.get("id")),
                "title": _text(r.get("title"), "priority"),
                "description": text(r.get("description")) or None,
                "status": status.value,
                "identified_on": day(r.get("identified_on")) or today,
            }
        )
    return pd.DataFrame(rows, columns=["id", "title", "description", "status", "identified_on"]).astype(
        {"id": "Int64", "description": object}
    )


def save_priorities(
    conn: Connection, *, partnership_id: int, frame: pd.DataFrame, today: dt.date | None = None
) -> None:
    """Apply edits and new rows. A priority becomes active only with an industry champion on a team."""
    rows = _priority_rows(frame, today or dt.date.today())
    before = dict(
        conn.execute("SELECT id, status FROM priority WHERE partnership_id = ?", [partnership_id]).fetchall()
    )
    for r in rows.to_dict("records"):
        pid = whole(r["id"])
        newly_active = r["status"] == PriorityStatus.ACTIVE and before.get(pid) != PriorityStatus.ACTIVE
        if newly_active and (pid is None or not _has_champion(conn, pid)):
            raise ValidationError(
                f"{r['title']} has no industry champion: no champion, no initiative. "
                "Charter its action team with a champion first (it then becomes active)."
            )
    with transaction(conn), registered(conn, "priority_edits", rows):
        conn.execute(
            """UPDATE priority SET title = e.title, description = e.description, status = e.status,
                            identified_on = e.identified_on FROM priority_edits e
                            WHERE priority.id = e.id AND priority.partnership_id = ?""",
            [partnership_id],
        )
        conn.execute(
            """INSERT INTO priority (partnership_id, title, description, status, identified_on)
                            SELECT ?, title, description, status, identified_on FROM priority_edits
                            WHERE id IS NULL""",
            [partnership_id],
        )


def teams(conn: Connection, *, partnership_id: int) -> pd.DataFrame:
    """Action teams: id, name, priority, champions, members, status, chartered_on, closed_on."""
    return conn.execute(
        f"""SELECT t.id, t.name, p.title AS priority, {_CHAMPIONS.format(role="champion")} AS champions,
                   {_CHAMPIONS.format(role="member")} AS members, t.status, t.chartered_on, t.closed_on
            FROM action_team t LEFT JOIN priority p ON p.id = t.priority_id
            WHERE t.partnership_id = ? ORDER BY t.status = 'active' DESC, t.chartered_on DESC""",
        [partnership_id],
    ).df()


def save_teams(
    conn: Connection, *, partnership_id: int, frame: pd.DataFrame, today: dt.date | None = None
) -> None:
    """Apply edits to teams: name, priority (by title), status, chartered and closed dates."""
    titles = dict(
        conn.execute("SELECT title, id FROM priority WHERE partnership_id = ?", [partnership_id]).fetchall()
    )
    rows = []
    for r in frame.to_dict("records"):
        status = from_label(TeamStatus, r.get("status") or TeamStatus.ACTIVE, what="team status").value
        chartered = day(r.get("chartered_on"))
        closed = day(r.get("closed_on")) or ((today or dt.date.today()) if status == "closed" else None)
        name = _text(r.get("name"), "action team")
        if chartered is None:
            raise ValidationError(f"{name} needs the date it was chartered.")
        if closed is not None and closed < chartered:
            raise ValidationError(f"{name} cannot close before it was chartered ({words.day(chartered)}).")
        priority = r.get("priority")
        rows.append(
            {
                "id": whole(r.get("id")),
                "name": name,
                "status": status,
                "chartered_on": chartered,
                "closed_on": closed if status == "closed" else None,
                "priority_id": titles.get(priority) if isinstance(priority, str) else None,
            }
        )
    edits = pd.DataFrame(rows, columns=["id", "name", "status", "chartered_on", "closed_on", "priority_id"])
    edits = edits.astype({"priority_id": "Int64", "closed_on": object})
    with transaction(conn), registered(conn, "team_edits", edits):
        conn.execute(
            """UPDATE action_team SET name = e.name, status = e.status,
                        chartered_on = e.chartered_on, closed_on = e.closed_on::DATE,
                        priority_id = e.priority_id FROM team_edits e
                        WHERE action_team.id = e.id AND action_team.partnership_id = ?""",
            [partnership_id],
        )


def accomplishments(conn: Connection, *, partnership_id: int) -> pd.DataFrame:
    """Accomplishments, newest first: id, date, team (name or None), text."""
    return conn.execute(
        """SELECT a.id, a.date, t.name AS team, a.text FROM accomplishment a
           LEFT JOIN action_team t ON t.id = a.team_id
           WHERE a.partnership_id = ? ORDER BY a.date DESC, a.id DESC""",
        [partnership_id],
    ).df()


def save_accomplishments(
    conn: Connection, *, partnership_id: int, frame: pd.DataFrame, today: dt.date | None = None
) -> None:
    """Apply the edited accomplishments table: edits, new rows, and removed rows."""
    names = dict(
        conn.execute("SELECT name, id FROM action_team WHERE partnership_id = ?", [partnership_id]).fetchall()
    )
    rows = [
        {
            "id": whole(r.get("id")),
            "date": day(r.get("date")) or today or dt.date.today(),
            "team_id": names.get(r.get("team")) if isinstance(r.get("team"), str) else None,
            "text": _text(r.get("text"), "accomplishment"),
        }
        for r in frame.to_dict("records")
    ]
    edits = pd.DataFrame(rows, columns=["id", "date", "team_id", "text"]).astype(
        {"id": "Int64", "team_id": "Int64"}
    )
    with transaction(conn), registered(conn, "win_edits", edits):
        conn.execute(
            """DELETE FROM accomplishment WHERE partnership_id = ? AND id NOT IN
                            (SELECT id FROM win_edits WHERE id IS NOT NULL)""",
            [partnership_id],
        )
        conn.execute(
            """UPDATE accomplishment SET date = e.date, team_id = e.team_id, text = e.text
                            FROM win_edits e WHERE accomplishment.id = e.id
                            AND accomplishment.partnership_id = ?""",
            [partnership_id],
        )
        conn.execute(
            """INSERT INTO accomplishment (partnership_id, team_id, date, text)
                            SELECT ?, team_id, date, text FROM win_edits WHERE id IS NULL""",
            [partnership_id],
        )
