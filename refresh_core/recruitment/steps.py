"""Recording pipeline steps, with the rules that keep the dated history honest.

Rules for a step recorded by the convener:
- it cannot be dated before the prospect's latest step (history is not rewritten);
- 'attended' cannot be recorded before the meeting's day;
- a prospect whose attendance at the meeting is recorded stays 'attended' (to
  change that, undo the import the attendance came from).
Automatic updates (files, Eventbrite) only ever move a prospect forward.
"""

from __future__ import annotations

import datetime as dt

import pandas as pd

from refresh_core import words
from refresh_core.db import Connection, registered, transaction
from refresh_core.errors import NotFoundError, ValidationError
from refresh_core.meetings import get_meeting
from refresh_core.recruitment.pipeline import RANK, ProspectStatus, StepSource, parse_status
from refresh_core.recruitment.prospects import meeting_of


def _names(frame: pd.DataFrame) -> str:
    shown = frame["name"].astype(str).head(3).tolist()
    more = f" and {len(frame) - 3} more" if len(frame) > 3 else ""
    return ", ".join(shown) + more


def check_steps(
    conn: Connection, *, meeting_id: int, steps: pd.DataFrame, on: dt.date
) -> None:
    """Raise ValidationError (naming the prospects) when recording ``steps`` (prospect_id,
    status) on ``on`` would break a rule; nothing is written."""
    meeting = get_meeting(conn, meeting_id=meeting_id)
    ids = [int(i) for i in steps["prospect_id"]]
    found = conn.execute(
        """SELECT p.id AS prospect_id, per.full_name AS name,
                  (SELECT max(s.on_date) FROM prospect_step s WHERE s.prospect_id = p.id) AS latest_on,
                  coalesce(per.merged_into_id, per.id) IN (
                      SELECT coalesce(x.merged_into_id, x.id) FROM attendance a
                      JOIN person x ON x.id = a.person_id JOIN meeting m ON m.id = a.meeting_id
                      WHERE m.partnership_id = ? AND m.date = ? AND m.kind <> 'action_team') AS came
           FROM prospect p JOIN person per ON per.id = p.person_id
           WHERE p.meeting_id = ? AND (p.id = ANY(?))""",
        [meeting.partnership_id, meeting.date, meeting_id, ids]).df()
    merged = steps.merge(found, on="prospect_id", how="left")
    if merged["name"].isna().any():
        raise NotFoundError("Some prospects are no longer on this meeting's list. Reload the page.")
    day = pd.Timestamp(on)
    early = merged[pd.to_datetime(merged["latest_on"]) > day]
    if len(early):
        last = pd.to_datetime(early["latest_on"]).max()
        raise ValidationError(
            f"{_names(early)}: a step cannot be dated before the prospect's latest step "
            f"({words.day(last)}). Use that date or later.")
    attended = merged["status"] == ProspectStatus.ATTENDED.value
    if attended.any() and on < meeting.date:
        raise ValidationError(
            f"The meeting is on {words.day(meeting.date)}: mark people attended on or after that day, "
            "or import the meeting's attendance and they are marked automatically.")
    undo = merged[merged["came"].astype(bool) & ~attended]
    if len(undo):
        raise ValidationError(
            f"{_names(undo)}: attendance at the meeting is recorded, so they stay 'attended'. If that "
            "attendance is wrong, undo the import it came from.")


def write_steps(
    conn: Connection, *, steps: pd.DataFrame, on: dt.date,
    source: StepSource = StepSource.CONVENER,
) -> None:
    """Inside a transaction: record each (prospect_id, status) step dated ``on``."""
    if steps.empty:
        return
    frame = steps[["prospect_id", "status"]].astype({"prospect_id": "int64", "status": object})
    with registered(conn, "new_steps", frame):
        conn.execute("INSERT INTO prospect_step (prospect_id, status, on_date, source) "
                     "SELECT prospect_id, status, ?, ? FROM new_steps ORDER BY prospect_id",
                     [on, source.value])


def set_status(
    conn: Connection, *, prospect_id: int, status: ProspectStatus | str, on: dt.date
) -> None:
    """Record one pipeline step by hand, dated ``on`` (see the rules above)."""
    new = parse_status(str(status))
    if new is None:
        raise ValidationError("Choose a status for the prospect.")
    meeting_id = meeting_of(conn, prospect_id)
    steps = pd.DataFrame({"prospect_id": [prospect_id], "status": [new.value]})
    check_steps(conn, meeting_id=meeting_id, steps=steps, on=on)
    with transaction(conn):
        write_steps(conn, steps=steps, on=on)


def advance(
    conn: Connection, *, prospect_ids: pd.Series, status: ProspectStatus, on: dt.date,
    source: StepSource,
) -> list[int]:
    """Inside a transaction: record ``status`` for the prospects whose latest step is earlier in
    the pipeline (never moves anyone backward), dated ``on`` or their latest step's date if later.
    Returns the ids of the prospects moved."""
    earlier = [s.value for s, rank in RANK.items() if rank < RANK[status]]
    frame = pd.DataFrame({"prospect_id": prospect_ids.astype("int64").unique()})
    with registered(conn, "advance_ids", frame):
        moved = conn.execute(
            """INSERT INTO prospect_step (prospect_id, status, on_date, source)
               SELECT s.prospect_id, ?, greatest(?::DATE, max(s.on_date)), ?
               FROM prospect_step s JOIN advance_ids a USING (prospect_id)
               GROUP BY s.prospect_id
               HAVING ((array_agg(s.status ORDER BY s.on_date DESC, s.seq DESC))[1] = ANY(?))
               ORDER BY s.prospect_id RETURNING prospect_id""",
            [status.value, on, source.value, earlier],
        ).fetchall()
    return [int(r[0]) for r in moved]
