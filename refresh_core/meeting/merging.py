"""Merging two meetings that are one (a Zoom report and a sign-in sheet of the same morning, a typo
in a date): attendance goes to the meeting kept, each person once, and nothing is counted twice.

A person at both keeps one attendance row with the higher role (host, then
participant, then observer) and the longer time. Everything else recorded for
the meeting merged away (prospects, an agenda, priorities identified there...)
moves to the one kept; when both have records of the same sort (two prospect
lists, two agendas), nothing is merged and the message says so. A merge cannot
be undone, so the page shows :func:`plan_merge`'s sentence and asks first.
"""

from __future__ import annotations

from dataclasses import dataclass

from refresh_core.db import Connection, transaction
from refresh_core.errors import ValidationError
from refresh_core.meeting.schedule import FULL_ONLY, meeting_records, record_columns, records_words
from refresh_core.meetings import Meeting, get_meeting

# Records that may sit on both meetings and simply add up once merged.
ADDITIVE = ("attendance", "priority", "person_merge_attendance")
_NOT_SHOWN = ("attendance", "person_merge_attendance")  # said apart, or bookkeeping
_RANK = "CASE {r} WHEN 'host' THEN 2 WHEN 'participant' THEN 1 ELSE 0 END"


@dataclass(frozen=True)
class MergePlan:
    """What merging ``remove`` into ``keep`` does; ``problem`` says why it cannot be done."""

    keep: Meeting
    remove: Meeting
    attendance_moved: int  # people only at the meeting merged away
    attendance_shared: int  # people at both, counted once from now on
    records_moved: str  # other records that move, in words ("" when none)
    problem: str | None

    def sentence(self) -> str:
        """What the merge will do, in words."""
        moved, shared = self.attendance_moved, self.attendance_shared
        parts = [
            f"{moved} attendance record{'s' if moved != 1 else ''} move{'s' if moved == 1 else ''} over"
            if moved else "",
            f"{shared} {'person was' if shared == 1 else 'people were'} at both and "
            f"{'is' if shared == 1 else 'are'} counted once" if shared else "",
            f"also moved: {self.records_moved}" if self.records_moved else "",
        ]
        what = "; ".join(p for p in parts if p) or "nothing is recorded for it"
        return (f"{self.remove.label} goes into {self.keep.label}: {what}. "
                f"{self.remove.title!r} is then removed; the merge cannot be undone.")


def _shared(conn: Connection, keep: int, remove: int) -> tuple[int, int]:
    row = conn.execute(
        """SELECT count(*) FILTER (WHERE k.person_id IS NULL), count(*) FILTER (WHERE k.person_id IS NOT NULL)
           FROM attendance r LEFT JOIN attendance k ON k.meeting_id = ? AND k.person_id = r.person_id
           WHERE r.meeting_id = ?""",
        [keep, remove],
    ).fetchall()[0]
    return int(row[0]), int(row[1])


def plan_merge(conn: Connection, *, partnership_id: int, keep_id: int,
               remove_id: int) -> MergePlan:
    """What merging meeting ``remove_id`` into ``keep_id`` would do (nothing is written)."""
    keep = get_meeting(conn, meeting_id=keep_id, partnership_id=partnership_id)
    remove = get_meeting(conn, meeting_id=remove_id, partnership_id=partnership_id)
    moved, shared = _shared(conn, keep.id, remove.id)
    records = meeting_records(conn, meeting_ids=[keep.id, remove.id])
    records = records[~records["table_name"].isin(_NOT_SHOWN)]
    theirs = records[records["meeting_id"] == remove.id]
    clash = sorted(set(theirs["table_name"]) & set(records[records["meeting_id"] == keep.id]["table_name"])
                   - set(ADDITIVE))
    problem = None
    planning = theirs[theirs["table_name"].isin(FULL_ONLY)]
    if keep.id == remove.id:
        problem = "Pick two different meetings: the one to keep and the one to merge into it."
    elif not planning.empty and not keep.kind.is_full_partnership:
        problem = (f"{remove.title!r} has {records_words(planning)}, which belong to a full-partnership "
                   f"meeting, and {keep.title!r} is not one. Keep {remove.title!r} instead, or change the "
                   "other's type first.")
    elif clash:
        both = records_words(theirs[theirs["table_name"].isin(clash)])
        problem = (f"Both meetings have their own {', '.join(t.replace('_', ' ') for t in clash)} records "
                   f"({remove.title!r} has {both}), so they were not merged. Keep one set: remove the other "
                   "meeting's first, then merge.")
    return MergePlan(keep=keep, remove=remove, attendance_moved=moved, attendance_shared=shared,
                     records_moved="" if theirs.empty else records_words(theirs), problem=problem)


def merge_meetings(conn: Connection, *, partnership_id: int, keep_id: int,
                   remove_id: int) -> MergePlan:
    """Merge meeting ``remove_id`` into ``keep_id`` in one transaction; what was done."""
    with transaction(conn):
        plan = plan_merge(conn, partnership_id=partnership_id, keep_id=keep_id, remove_id=remove_id)
        if plan.problem:
            raise ValidationError(plan.problem)
        keep, remove = plan.keep.id, plan.remove.id
        conn.execute(
            f"""UPDATE attendance SET role = CASE WHEN {_RANK.format(r='r.role')} > {_RANK.format(
                    r='attendance.role')} THEN r.role ELSE attendance.role END,
                    minutes = greatest(attendance.minutes, r.minutes)
                FROM attendance r WHERE attendance.meeting_id = ? AND r.meeting_id = ?
                AND r.person_id = attendance.person_id""", [keep, remove])
        shared = "SELECT person_id FROM attendance WHERE meeting_id = ?"
        conn.execute(f"DELETE FROM import_change WHERE table_name = 'attendance' AND key1 = ? "
                     f"AND key2 IN ({shared})", [remove, keep])
        conn.execute("UPDATE import_change SET key1 = ? WHERE table_name = 'attendance' AND key1 = ?",
                     [keep, remove])
        conn.execute(f"DELETE FROM attendance WHERE meeting_id = ? AND person_id IN ({shared})",
                     [remove, keep])
        for table, column in record_columns(conn):
            conn.execute(f"UPDATE {table} SET {column} = ? WHERE {column} = ?", [keep, remove])
        conn.execute("DELETE FROM meeting WHERE id = ?", [remove])
    return plan
