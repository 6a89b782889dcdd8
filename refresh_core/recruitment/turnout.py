"""Who actually came: attendance and Eventbrite check-ins update the prospects,
and past meetings give this partnership's show rate (confirmed people who came).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import pandas as pd

from refresh_core.db import Connection, registered, transaction
from refresh_core.meetings import Meeting, get_meeting
from refresh_core.recruitment.pipeline import ProspectStatus, StepSource
from refresh_core.recruitment.prospects import prospect_table
from refresh_core.recruitment.steps import advance

# With no history, assume 4 in 5 confirmed people come. A planning assumption of
# this product (not from the guide), shown as such; replaced by the partnership's
# own rate once its past meetings have at least MIN_HISTORY_CONFIRMED confirmations
# with attendance recorded.
DEFAULT_SHOW_RATE = 0.8
MIN_HISTORY_CONFIRMED = 5


@dataclass(frozen=True)
class SyncResult:
    marked: int  # prospects newly marked attended from attendance
    unmarked: int  # attendance-based marks removed because the attendance is gone


@dataclass(frozen=True)
class ShowRate:
    rate: float
    is_default: bool
    confirmed: int  # confirmed prospects at past meetings with attendance recorded
    attended: int  # of them, those who came
    meetings: int

    @property
    def explanation(self) -> str:
        if self.is_default:
            return (f"No past meeting has enough recruitment history yet, so this assumes "
                    f"{self.rate:.0%} of confirmed people come (a default, not your data).")
        return (f"{self.attended} of {self.confirmed} people who confirmed for your last "
                f"{self.meetings} meeting(s) came: {self.rate:.0%}.")


# Per prospect of the meeting: did their person (or a duplicate merged into them) attend a
# non-action-team meeting of the partnership that day, and is an attendance mark recorded?
_SYNC_SQL = """
SELECT p.id,
       coalesce(per.merged_into_id, per.id) IN (
           SELECT coalesce(x.merged_into_id, x.id) FROM attendance a JOIN person x ON x.id = a.person_id
           WHERE a.meeting_id IN (SELECT id FROM meeting WHERE partnership_id = $pid AND date = $day
                                  AND kind <> 'action_team')) AS came,
       p.id IN (SELECT prospect_id FROM prospect_step WHERE status = 'attended' AND source = 'attendance')
           AS marked
FROM prospect p JOIN person per ON per.id = p.person_id WHERE p.meeting_id = $meeting
"""


def sync_attendance(
    conn: Connection, *, meeting_id: int, meeting: Meeting | None = None
) -> SyncResult:
    """Record 'attended' (dated the meeting day) for prospects whose attendance is recorded,
    and drop such marks whose attendance was since removed. Writes only when something changed."""
    meeting = meeting or get_meeting(conn, meeting_id=meeting_id)
    rows = conn.execute(_SYNC_SQL, {"pid": meeting.partnership_id, "day": meeting.date,
                                    "meeting": meeting_id}).fetchall()
    to_mark = sorted(int(r[0]) for r in rows if r[1] and not r[2])
    to_unmark = sorted(int(r[0]) for r in rows if r[2] and not r[1])
    if not to_mark and not to_unmark:
        return SyncResult(0, 0)
    with transaction(conn):
        if to_unmark:
            conn.execute("DELETE FROM prospect_step WHERE source = 'attendance' AND status = 'attended' "
                         "AND (prospect_id = ANY(?))", [to_unmark])
        if to_mark:
            with registered(conn, "sync_ids", pd.DataFrame({"prospect_id": to_mark})):
                conn.execute("INSERT INTO prospect_step (prospect_id, status, on_date, source) "
                             "SELECT prospect_id, 'attended', ?, 'attendance' FROM sync_ids "
                             "ORDER BY prospect_id", [meeting.date])
    return SyncResult(len(to_mark), len(to_unmark))


def mark_registrations(
    conn: Connection, *, meeting_id: int, rows: pd.DataFrame, on: dt.date
) -> tuple[int, int]:
    """Inside a transaction: prospects in ``rows`` (prospect_id, checked_in) become confirmed,
    and those checked in attended (dated the meeting day). Returns (confirmed, attended) moved."""
    meeting = get_meeting(conn, meeting_id=meeting_id)
    checked = rows["checked_in"].map(lambda v: v is True or v == 1).astype(bool)
    confirmed = len(advance(conn, prospect_ids=rows.loc[~checked, "prospect_id"],
                            status=ProspectStatus.CONFIRMED, on=on, source=StepSource.EVENTBRITE))
    attended = len(advance(conn, prospect_ids=rows.loc[checked, "prospect_id"],
                           status=ProspectStatus.ATTENDED, on=meeting.date, source=StepSource.EVENTBRITE))
    return confirmed, attended


def show_rate(conn: Connection, *, partnership_id: int, before: dt.date) -> ShowRate:
    """Share of confirmed prospects who came, over past meetings (before ``before``) that have
    prospects and attendance recorded; the default when there are too few confirmations."""
    past = conn.execute(
        "SELECT DISTINCT m.id, m.date FROM prospect p JOIN meeting m ON m.id = p.meeting_id "
        "WHERE m.partnership_id = ? AND m.date < ? ORDER BY m.id", [partnership_id, before]).fetchall()
    if past:  # only meetings whose attendance has been recorded tell us anything
        held = {r[0] for r in conn.execute(
            "SELECT DISTINCT m.date FROM meeting m JOIN attendance a ON a.meeting_id = m.id "
            "WHERE m.partnership_id = ? AND (m.date = ANY(?))",
            [partnership_id, [d for _, d in past]]).fetchall()}
        past = [(i, d) for i, d in past if d in held]
    confirmed = attended = 0
    for meeting_id, _ in past:
        table = prospect_table(conn, meeting_id=int(meeting_id), as_of=dt.date.max)
        was_confirmed = table["confirmed_on"].notna()
        confirmed += int(was_confirmed.sum())
        attended += int((was_confirmed & (table["status"] == ProspectStatus.ATTENDED.value)).sum())
    if confirmed < MIN_HISTORY_CONFIRMED:
        return ShowRate(DEFAULT_SHOW_RATE, True, confirmed, attended, len(past))
    return ShowRate(attended / confirmed, False, confirmed, attended, len(past))
