"""Keeping a planned agenda with its meeting, so the edits survive until the day."""

from __future__ import annotations

import pandas as pd

from refresh_core.db import Connection, registered, transaction
from refresh_core.errors import ValidationError
from refresh_core.meeting.agenda import Agenda, fit_agenda, reschedule
from refresh_core.meeting.agenda_guide import PARTS
from refresh_core.meetings import get_meeting


def save_agenda(conn: Connection, *, meeting_id: int, agenda: Agenda) -> None:
    """Store the agenda's parts (minutes, prompts, notes) with the meeting, replacing any before,
    and record the start time and length on the meeting itself."""
    get_meeting(conn, meeting_id=meeting_id)
    rows = pd.DataFrame(
        [
            {
                "position": n,
                "part": i.key,
                "title": i.title,
                "minutes": i.minutes,
                "lead": i.lead,
                "prompts": "\n".join(i.prompts),
                "notes": i.notes,
            }
            for n, i in enumerate(agenda.items)
        ]
    )
    with transaction(conn):
        conn.execute("DELETE FROM agenda_part WHERE meeting_id = ?", [meeting_id])
        with registered(conn, "agenda_rows", rows):
            conn.execute(
                """INSERT INTO agenda_part (meeting_id, position, part, title, minutes, lead,
                            prompts, notes) SELECT ?, position, part, title, minutes, lead, prompts, notes
                            FROM agenda_rows ORDER BY position""",
                [meeting_id],
            )
        conn.execute(
            "UPDATE meeting SET start_time = ?, minutes = ? WHERE id = ?",
            [agenda.start, agenda.total, meeting_id],
        )


def saved_agenda(
    conn: Connection, *, meeting_id: int, attendees: int | None = None
) -> Agenda | None:
    """The agenda stored with the meeting (None when none was saved or the meeting has no time)."""
    meeting = get_meeting(conn, meeting_id=meeting_id)
    rows = conn.execute(
        "SELECT part, minutes, prompts, notes FROM agenda_part WHERE meeting_id = ? ORDER BY position",
        [meeting_id],
    ).fetchall()
    if not rows or meeting.start_time is None or meeting.minutes is None:
        return None
    if [r[0] for r in rows] != [p.key for p in PARTS]:
        raise ValidationError("The saved agenda does not have the five parts in order; plan it again.")
    try:
        base = fit_agenda(start=meeting.start_time, minutes=meeting.minutes, attendees=attendees)
    except ValidationError:
        return None
    return reschedule(
        base,
        minutes=[int(r[1]) for r in rows],
        notes=[r[3] or "" for r in rows],
        prompts=[tuple((r[2] or "").splitlines()) for r in rows],
    )
