"""Missteps (R10): what didn't work and what the partnership learned, beside its accomplishments.

The guide, among the goals of a refresh meeting: "To celebrate successes and reflect on
learnings ... Don't be afraid to acknowledge missteps. Learning from what didn't work is
critical to future success." The entries feed the "Where we've been" talking points and
the run-of-show (``history``).
"""

from __future__ import annotations

import datetime as dt

import pandas as pd

from refresh_core.db import Connection, registered, transaction
from refresh_core.errors import ValidationError
from refresh_core.tables import day, text, whole


def missteps(conn: Connection, *, partnership_id: int) -> pd.DataFrame:
    """Missteps, newest first: id, date, team (name or None), text (what didn't work), lesson."""
    return conn.execute(
        """SELECT s.id, s.date, t.name AS team, s.text, s.lesson FROM misstep s
           LEFT JOIN action_team t ON t.id = s.team_id
           WHERE s.partnership_id = ? ORDER BY s.date DESC, s.id DESC""",
        [partnership_id],
    ).df()


def _rows(frame: pd.DataFrame, names: dict[str, int], today: dt.date) -> pd.DataFrame:
    rows = []
    for r in frame.to_dict("records"):
        what, lesson = text(r.get("text")), text(r.get("lesson"))
        if not what and not lesson:
            continue  # an empty row left in the editor
        if not what:
            raise ValidationError(
                f"\u201c{lesson[:40]}\u201d is a lesson without what didn't work: say what happened, "
                "or remove the row."
            )
        team = r.get("team")
        rows.append({"id": whole(r.get("id")), "date": day(r.get("date")) or today,
                     "team_id": names.get(team) if isinstance(team, str) else None,
                     "text": what, "lesson": lesson or None})
    return pd.DataFrame(rows, columns=["id", "date", "team_id", "text", "lesson"]).astype(
        {"id": "Int64", "team_id": "Int64", "lesson": object}
    )


def save_missteps(
    conn: Connection, *, partnership_id: int, frame: pd.DataFrame, today: dt.date | None = None
) -> None:
    """Apply the edited missteps table: edits, new rows, and removed rows, in one transaction."""
    names = dict(
        conn.execute("SELECT name, id FROM action_team WHERE partnership_id = ?", [partnership_id]).fetchall()
    )
    edits = _rows(frame, names, today or dt.date.today())
    with transaction(conn), registered(conn, "misstep_edits", edits):
        conn.execute(
            """DELETE FROM misstep WHERE partnership_id = ? AND id NOT IN
               (SELECT id FROM misstep_edits WHERE id IS NOT NULL)""",
            [partnership_id],
        )
        conn.execute(
            """UPDATE misstep SET date = e.date, team_id = e.team_id, text = e.text, lesson = e.lesson
               FROM misstep_edits e WHERE misstep.id = e.id AND misstep.partnership_id = ?""",
            [partnership_id],
        )
        conn.execute(
            """INSERT INTO misstep (partnership_id, team_id, date, text, lesson)
               SELECT ?, team_id, date, text, lesson FROM misstep_edits WHERE id IS NULL""",
            [partnership_id],
        )
