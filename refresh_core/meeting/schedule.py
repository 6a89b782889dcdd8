"""A partnership's meetings, fixable after the fact: the list with each kind in words, changing a
meeting's kind, title and date, rescheduling and cancelling a planned one.

What is recorded for a meeting is found, not listed: every column named
``meeting_id`` or ``*_meeting_id`` in any table (so tables added later count
too). A planned meeting is one on or after the day in question (``as_of``).
Only full-partnership meetings and action-team meetings with their team count
on the Health page; :func:`meetings_table` says which do.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

import pandas as pd

from refresh_core import words
from refresh_core.db import Connection, transaction
from refresh_core.enums import FULL_KINDS, MeetingKind
from refresh_core.errors import ValidationError
from refresh_core.meetings import (
    KIND_LABELS,
    NO_TEAM_LABEL,
    KindChoice,
    Meeting,
    get_meeting,
    held_sql,
    parse_kind,
)
from refresh_core.tables import day, text

MAX_TITLE = 200
# table -> (one, many, the page where it is kept); tables not listed are named by their table name.
RECORDS: dict[str, tuple[str, str, str | None]] = {
    "attendance": ("attendance record", "attendance records", None),
    "prospect": ("prospect", "prospects", "Recruitment"),
    "meeting_asker": ("asker", "askers", "Recruitment"),
    "invitation_template": ("invitation", "invitations", "Recruitment"),
    "agenda_part": ("agenda part", "agenda parts", "Refresh agenda"),
    "idea": ("sticky-wall idea", "sticky-wall ideas", "Meeting day"),
    "idea_category": ("idea group", "idea groups", "Meeting day"),
    "commitment": ("commitment", "commitments", "Meeting day"),
    "followup": ("follow-through item", "follow-through items", "Follow-through"),
    "priority": ("priority", "priorities", "Priorities & teams"),
    "person_merge_attendance": ("merge history entry", "merge history entries", "People and organisations"),
}
# Records that only make sense on a full-partnership meeting (recruitment and the meeting day).
FULL_ONLY = ("prospect", "meeting_asker", "invitation_template", "agenda_part", "idea", "idea_category",
             "commitment", "followup")


@dataclass(frozen=True)
class MeetingChange:
    """A meeting's new date, title and kind (with its action team for an action-team meeting)."""

    meeting_id: int
    date: dt.date
    title: str
    kind: MeetingKind | str
    action_team_id: int | None = None


def meetings_table(conn: Connection, *, partnership_id: int, as_of: dt.date) -> pd.DataFrame:
    """Every meeting, newest first: id, date, title, kind, action_team_id, team, type (the kind in
    words), attendees, planned (not yet held by ``as_of``: :func:`refresh_core.meetings.held_sql`),
    counted (on the Health page)."""
    frame = conn.execute(
        f"""SELECT m.id, m.date, m.title, m.kind, m.action_team_id, t.name AS team,
                  (SELECT count(*) FROM attendance a WHERE a.meeting_id = m.id) AS attendees,
                  NOT {held_sql("m", "$d")} AS planned,
                  (m.kind = ANY($k)) OR (m.kind = 'action_team' AND t.id IS NOT NULL) AS counted
           FROM meeting m LEFT JOIN action_team t ON t.id = m.action_team_id
           WHERE m.partnership_id = $p ORDER BY m.date DESC, m.id DESC""",
        {"d": as_of, "k": list(FULL_KINDS), "p": partnership_id},
    ).df()
    words = frame["kind"].map({k.value: label for k, label in KIND_LABELS.items()})
    team = frame["kind"].eq(MeetingKind.ACTION_TEAM.value)
    words = words.where(~team, NO_TEAM_LABEL).where(~(team & frame["team"].notna()),
                                                     "Action team: " + frame["team"].astype(str))
    return frame.assign(type=words)


def changed_meetings(
    before: pd.DataFrame, after: pd.DataFrame, choices: Sequence[KindChoice]
) -> list[MeetingChange]:
    """The rows of an edited :func:`meetings_table` (id, date, title, type in words) that differ from
    ``before``, as changes; a type that is not one of ``choices`` keeps the meeting's kind."""
    by_label = {c.label: c for c in choices}
    old = before.set_index("id")
    changes = []
    for row in after.to_dict("records"):
        was = old.loc[row["id"]]
        new_day, new_title = day(row["date"]) or day(was["date"]) or dt.date.min, text(row["title"])
        picked = by_label.get(str(row["type"]))
        same_type = picked is None or str(row["type"]) == str(was["type"])
        if new_day == day(was["date"]) and new_title == str(was["title"]) and same_type:
            continue
        team = None if pd.isna(was["action_team_id"]) else int(was["action_team_id"])
        changes.append(MeetingChange(
            meeting_id=int(row["id"]), date=new_day, title=new_title,
            kind=picked.kind if picked and not same_type else str(was["kind"]),
            action_team_id=picked.team_id if picked and not same_type else team))
    return changes


def likely_duplicates(table: pd.DataFrame) -> list[tuple[dt.date, int]]:
    """Days of a :func:`meetings_table` with more than one meeting that could be the same one (full
    partnership or other; team meetings beside them, or several teams on one day, are normal),
    newest first."""
    days = table[table["kind"] != MeetingKind.ACTION_TEAM.value].groupby("date").size()
    many = days[days > 1].sort_index(ascending=False)
    return [(pd.Timestamp(str(d)).date(), int(n)) for d, n in many.items()]


def record_columns(conn: Connection) -> list[tuple[str, str]]:
    """(table, column) of every column that holds a meeting's id."""
    return [(str(t), str(c)) for t, c in conn.execute(
        "SELECT table_name, column_name FROM information_schema.columns "
        "WHERE table_schema = current_schema() "
        "AND table_name <> 'meeting' AND (column_name = 'meeting_id' OR column_name LIKE '%\\_meeting\\_id' "
        "ESCAPE '\\') ORDER BY table_name, column_name"
    ).fetchall()]


def meeting_records(conn: Connection, *, meeting_ids: Sequence[int]) -> pd.DataFrame:
    """What is recorded for these meetings: meeting_id, table, rows (tables with none left out)."""
    parts = [f"SELECT {c} AS meeting_id, '{t}' AS table_name, count(*) AS rows FROM {t} "
             f"WHERE ({c} = ANY($ids)) GROUP BY {c}" for t, c in record_columns(conn)]
    return conn.execute(" UNION ALL ".join(parts) + " ORDER BY 1, 2", {"ids": list(meeting_ids)}).df()


def records_words(records: pd.DataFrame) -> str:
    """'12 prospects and an agenda part'-style words for a meeting's records."""
    items = []
    for row in records.to_dict("records"):
        name = str(row["table_name"]).replace("_", " ")
        one, many, _ = RECORDS.get(str(row["table_name"]), (f"{name} row", f"{name} rows", None))
        n = int(row["rows"])
        items.append(f"{n} {one if n == 1 else many}")
    if not items:
        return "nothing"
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " and " + items[-1]


def _clean_title(title: str) -> str:
    clean = " ".join(str(title or "").split())
    if not clean:
        raise ValidationError("A meeting needs a title. Type one, for example 'Spring partnership meeting'.")
    if len(clean) > MAX_TITLE:
        raise ValidationError(f"That title has {len(clean)} characters; keep it to {MAX_TITLE} or fewer.")
    return clean


def _check_team(conn: Connection, partnership_id: int, team_id: int) -> None:
    found = conn.execute("SELECT 1 FROM action_team WHERE id = ? AND partnership_id = ?",
                         [team_id, partnership_id]).fetchall()
    if not found:
        raise ValidationError("That action team is not one of this partnership's. Pick a team from the list.")


def _check_clash(conn: Connection, before: Meeting, change: MeetingChange, kind: MeetingKind,
                 title: str) -> None:
    """Refuse a second meeting with the same title that day, or a second full meeting of one kind."""
    moved = change.date != before.date or kind != before.kind
    rows = conn.execute(
        """SELECT title, kind FROM meeting WHERE partnership_id = ? AND date = ? AND id <> ?
           AND (lower(regexp_replace(trim(title), '\\s+', ' ', 'g')) = lower(?)
                OR (? AND kind = ? AND (kind = ANY(?))))""",
        [before.partnership_id, change.date, before.id, title, moved, kind.value, list(FULL_KINDS)],
    ).fetchall()
    if rows:
        raise ValidationError(
            f"There is already a meeting on {words.day(change.date, '%B %Y')} called {rows[0][0]!r} "
            f"({KIND_LABELS[MeetingKind(rows[0][1])]}). If the two are one meeting, merge them; "
            "otherwise give this one another title or date.")


def _check_records(conn: Connection, before: Meeting, kind: MeetingKind) -> None:
    """A meeting with recruitment or meeting-day records stays a full-partnership meeting."""
    if kind.is_full_partnership or not before.kind.is_full_partnership:
        return
    records = meeting_records(conn, meeting_ids=[before.id])
    kept = records[records["table_name"].isin(FULL_ONLY)]
    if not kept.empty:
        raise ValidationError(
            f"{before.title!r} has {records_words(kept)} recorded, which belong to a full-partnership "
            "meeting. Keep it a launch, regular or refresh meeting, or remove those records first.")


def _apply(conn: Connection, partnership_id: int, change: MeetingChange) -> None:
    before = get_meeting(conn, meeting_id=change.meeting_id, partnership_id=partnership_id)
    kind = parse_kind(change.kind)
    title = _clean_title(change.title)
    team = change.action_team_id if kind is MeetingKind.ACTION_TEAM else None
    if team is not None:
        _check_team(conn, partnership_id, team)
    _check_clash(conn, before, change, kind, title)
    _check_records(conn, before, kind)
    conn.execute("UPDATE meeting SET date = ?, title = ?, kind = ?, action_team_id = ? WHERE id = ?",
                 [change.date, title, kind.value, team, before.id])


def update_meetings(
    conn: Connection, *, partnership_id: int, changes: Sequence[MeetingChange]
) -> int:
    """Apply the changes in one go (all or nothing); the number of meetings changed."""
    with transaction(conn):
        for change in changes:
            _apply(conn, partnership_id, change)
    return len(changes)


def update_meeting(conn: Connection, *, partnership_id: int, change: MeetingChange) -> Meeting:
    """Change one meeting's date, title and kind; the meeting as it is now."""
    update_meetings(conn, partnership_id=partnership_id, changes=[change])
    return get_meeting(conn, meeting_id=change.meeting_id)


def _planned(conn: Connection, partnership_id: int, meeting_id: int,
             as_of: dt.date) -> Meeting:
    meeting = get_meeting(conn, meeting_id=meeting_id, partnership_id=partnership_id)
    held = conn.execute(f"SELECT {held_sql('m', '$d')} FROM meeting m WHERE m.id = $id",
                        {"d": as_of, "id": meeting.id}).fetchone()
    if held and held[0]:
        raise ValidationError(
            f"{meeting.title!r} took place on {words.day(meeting.date, '%B %Y')}; only a planned meeting can "
            "be "
            "rescheduled or cancelled. To correct a past meeting, change its date or kind in the list.")
    return meeting


def reschedule_meeting(conn: Connection, *, partnership_id: int, meeting_id: int,
                       date: dt.date, as_of: dt.date) -> Meeting:
    """Move a planned meeting to another day (today or later)."""
    meeting = _planned(conn, partnership_id, meeting_id, as_of)
    if date < as_of:
        raise ValidationError(f"{words.day(date, '%B %Y')} has passed; a planned meeting moves to "
                              f"{words.day(as_of, '%B %Y')} or "
                              "later. To record a past meeting, import its attendance.")
    return update_meeting(conn, partnership_id=partnership_id, change=MeetingChange(
        meeting_id=meeting.id, date=date, title=meeting.title, kind=meeting.kind,
        action_team_id=meeting.action_team_id))


def cancel_meeting(conn: Connection, *, partnership_id: int, meeting_id: int,
                   as_of: dt.date) -> Meeting:
    """Remove a planned meeting that has nothing recorded for it; the meeting that was removed."""
    meeting = _planned(conn, partnership_id, meeting_id, as_of)
    with transaction(conn):
        records = meeting_records(conn, meeting_ids=[meeting.id])
        if not records.empty:
            pages = sorted({RECORDS[t][2] or "" for t in records["table_name"] if t in RECORDS} - {""})
            where = f" (on the {' and '.join(pages)} page{'s' if len(pages) > 1 else ''})" if pages else ""
            raise ValidationError(
                f"{meeting.title!r} was not cancelled: it has {records_words(records)} recorded. "
                f"Reschedule it instead, or remove those first{where} and cancel it then.")
        conn.execute("DELETE FROM meeting WHERE id = ?", [meeting.id])
    return meeting
