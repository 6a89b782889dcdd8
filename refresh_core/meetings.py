"""Meetings: the one :class:`Meeting` type, looking one up, planning one, and the pickers' lists.

A meeting is *held* once its date has passed, or on its day once its attendance is
recorded; until then it is *planned* (upcoming). :func:`held_sql` is that rule in SQL, the one
every list of meetings uses (the Partnerships page's last and next meeting, the Meetings page).

Full-partnership meetings are the kinds in
:data:`FULL_KINDS` (launch, quarterly, refresh); every query that needs them
passes that list as a parameter. Recruitment works on full-partnership
meetings: action-team meetings are not recruited for.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import pandas as pd

from refresh_core import words
from refresh_core.db import Connection, day_label, transaction
from refresh_core.enums import FULL_KINDS, FULL_PARTNERSHIP_KINDS, MeetingKind
from refresh_core.errors import NotFoundError, ValidationError

DEFAULT_TITLES: dict[MeetingKind, str] = {
    MeetingKind.LAUNCH: "Launch meeting",
    MeetingKind.QUARTERLY: "Quarterly meeting",
    MeetingKind.REFRESH: "Refresh meeting",
    MeetingKind.ACTION_TEAM: "Action team meeting",
    MeetingKind.OTHER: "Meeting",
}
MAX_MINUTES = 12 * 60
KIND_LABELS: dict[MeetingKind, str] = {
    MeetingKind.QUARTERLY: "Full partnership (regular)",
    MeetingKind.LAUNCH: "Launch",
    MeetingKind.REFRESH: "Refresh",
    MeetingKind.ACTION_TEAM: "Action team",
    MeetingKind.OTHER: "Other (not counted)",
}
NO_TEAM_LABEL = "Action team (no team, not counted)"


def held_sql(meeting: str = "m", day: str = "$d") -> str:
    """SQL that is true for a meeting (table alias ``meeting``) held by the day ``day`` (a parameter or
    expression): dated before it, or dated that day with attendance recorded (a meeting of today that
    has not yet taken place is still planned)."""
    return (f"({meeting}.date < {day} OR ({meeting}.date = {day} AND EXISTS "
            f"(SELECT 1 FROM attendance held_a WHERE held_a.meeting_id = {meeting}.id)))")


@dataclass(frozen=True)
class Meeting:
    id: int
    partnership_id: int
    date: dt.date
    title: str
    kind: MeetingKind
    start_time: dt.time | None
    minutes: int | None
    location: str | None
    action_team_id: int | None = None

    @property
    def label(self) -> str:
        return meeting_label(self.date, self.title)


def meeting_label(date: dt.date, title: str) -> str:
    """A meeting as every picker names it: "24 Dec 2026 · Partnership refresh meeting" (the day first,
    as people write it, then its title). :func:`label_sql` is the same words in SQL."""
    return f"{words.day(date)} · {title}"


def label_sql(conn: Connection, *, date: str = "date", title: str = "title") -> str:
    """SQL for :func:`meeting_label` of the columns ``date`` and ``title``, in this store's dialect."""
    return f"{day_label(conn, date)} || ' · ' || {title}"


@dataclass(frozen=True)
class KindChoice:
    """One entry of a meeting-kind picker: the kind, its action team (if any), and its words."""

    kind: MeetingKind
    team_id: int | None
    label: str


_COLUMNS = "id, partnership_id, date, title, kind, start_time, minutes, location, action_team_id"


def kind_label(kind: str | MeetingKind, team: str | None = None) -> str:
    """A meeting kind in words ("Full partnership (regular)", "Action team: Talent pipeline", ...)."""
    meeting_kind = parse_kind(kind)
    if meeting_kind is MeetingKind.ACTION_TEAM:
        return f"Action team: {team}" if team else NO_TEAM_LABEL
    return KIND_LABELS[meeting_kind]


def kind_choices(conn: Connection, *, partnership_id: int) -> list[KindChoice]:
    """The kinds a meeting of this partnership can have, in picker order: full-partnership kinds,
    one entry per action team (active ones first), an action team not chosen yet, then other."""
    teams = conn.execute(
        "SELECT id, name FROM action_team WHERE partnership_id = ? ORDER BY status <> 'active', name, id",
        [partnership_id],
    ).fetchall()
    full = [KindChoice(kind=k, team_id=None, label=KIND_LABELS[k])
            for k in (MeetingKind.QUARTERLY, MeetingKind.LAUNCH, MeetingKind.REFRESH)]
    team_choices = [KindChoice(kind=MeetingKind.ACTION_TEAM, team_id=int(i), label=kind_label(
        MeetingKind.ACTION_TEAM, str(n))) for i, n in teams]
    labels = [c.label for c in team_choices]
    team_choices = [c if labels.count(c.label) == 1 else KindChoice(
        kind=c.kind, team_id=c.team_id, label=f"{c.label} (#{c.team_id})") for c in team_choices]
    return [*full, *team_choices, KindChoice(kind=MeetingKind.ACTION_TEAM, team_id=None, label=NO_TEAM_LABEL),
            KindChoice(kind=MeetingKind.OTHER, team_id=None, label=KIND_LABELS[MeetingKind.OTHER])]


def parse_kind(kind: str | MeetingKind) -> MeetingKind:
    """A meeting kind from its value, any case."""
    try:
        return MeetingKind(str(kind).strip().lower().replace(" ", "_"))
    except ValueError:
        allowed = ", ".join(k.value for k in MeetingKind)
        raise ValidationError(f"{kind!r} is not a meeting kind. Use one of: {allowed}.") from None


def parse_start(text: str | dt.time | None) -> dt.time | None:
    """A start time from 'HH:MM' (24-hour clock); None when blank."""
    if text is None or isinstance(text, dt.time):
        return text
    if not text.strip():
        return None
    try:
        return dt.time.fromisoformat(text.strip().zfill(5))
    except ValueError:
        raise ValidationError(f"{text!r} is not a start time. Use HH:MM, for example 07:30.") from None


def _check_minutes(minutes: int | None) -> None:
    if minutes is not None and not 0 < minutes <= MAX_MINUTES:
        raise ValidationError(
            f"A meeting of {minutes} minutes is not plausible. Give its length in minutes, "
            f"between 1 and {MAX_MINUTES} (the guide's refresh agenda needs about 90 to 120)."
        )


def add_meeting(
    conn: Connection,
    *,
    partnership_id: int,
    date: dt.date,
    kind: str | MeetingKind = MeetingKind.REFRESH,
    title: str | None = None,
    start_time: str | dt.time | None = None,
    minutes: int | None = None,
    location: str | None = None,
) -> int:
    """Plan a meeting and return its id. One meeting of a kind per day per partnership."""
    meeting_kind = parse_kind(kind)
    clean_title = " ".join((title or "").split()) or f"{DEFAULT_TITLES[meeting_kind]}, {date:%B %Y}"
    start = parse_start(start_time)
    _check_minutes(minutes)
    place = " ".join((location or "").split()) or None
    with transaction(conn):
        clash = next(iter(conn.execute(
            "SELECT title FROM meeting WHERE partnership_id = ? AND date = ? AND kind = ?",
            [partnership_id, date, meeting_kind.value],
        ).fetchall()), None)
        if clash:
            raise ValidationError(
                f"There is already a meeting of this type ({KIND_LABELS[meeting_kind]}) on "
                f"{words.day(date, '%B %Y')}: "
                f"{clash[0]!r}. Pick that meeting instead of adding another, or choose another date."
            )
        row = next(iter(conn.execute(
            "INSERT INTO meeting (partnership_id, date, title, kind, start_time, minutes, location)"
            " VALUES (?, ?, ?, ?, ?, ?, ?) RETURNING id",
            [partnership_id, date, clean_title, meeting_kind.value, start, minutes, place],
        ).fetchall()), None)
    assert row is not None
    return int(row[0])


def _to_meeting(row: tuple[object, ...]) -> Meeting:
    mid, pid, day, title, kind, start, minutes, location, team = row
    assert isinstance(day, dt.date)
    return Meeting(id=int(str(mid)), partnership_id=int(str(pid)), date=day, title=str(title),
                   kind=MeetingKind(str(kind)), start_time=start if isinstance(start, dt.time) else None,
                   minutes=None if minutes is None else int(str(minutes)),
                   location=None if location is None else str(location),
                   action_team_id=None if team is None else int(str(team)))


def get_meeting(
    conn: Connection, *, meeting_id: int, partnership_id: int | None = None
) -> Meeting:
    """The meeting with this id (checked to belong to the partnership when one is given)."""
    rows = conn.execute(
        f"SELECT {_COLUMNS} FROM meeting WHERE id = ? AND (?::INTEGER IS NULL OR partnership_id = ?)",
        [meeting_id, partnership_id, partnership_id],
    ).fetchall()
    if not rows:
        where = "" if partnership_id is None else " in this partnership"
        advice = "Pick a meeting from the list." if partnership_id is not None else (
            "Pick a meeting from the list or plan one.")
        raise NotFoundError(f"No meeting #{meeting_id}{where}. {advice}")
    return _to_meeting(rows[0])


def find_meeting(
    conn: Connection, *, partnership_id: int, date: dt.date, full_only: bool = True
) -> Meeting:
    """The partnership's meeting on ``date`` (a full-partnership one unless ``full_only`` is False)."""
    rows = conn.execute(
        f"SELECT {_COLUMNS} FROM meeting WHERE partnership_id = ? AND date = ? "
        "ORDER BY kind = 'refresh' DESC, kind = 'action_team', id",
        [partnership_id, date],
    ).fetchall()
    found = [_to_meeting(r) for r in rows]
    if full_only:
        found = [m for m in found if m.kind in FULL_PARTNERSHIP_KINDS]
    if not found:
        raise NotFoundError(
            f"No full-partnership meeting on {words.day(date, '%B %Y')}. Plan it first "
            f"(`meeting add --date {date.isoformat()}`) or check the date."
        )
    return found[0]


def upcoming_meetings(
    conn: Connection, *, partnership_id: int, as_of: dt.date, full_only: bool = True
) -> pd.DataFrame:
    """Meetings on or after ``as_of``, soonest first (full-partnership ones unless told otherwise)."""
    kinds = list(FULL_KINDS) if full_only else [k.value for k in MeetingKind]
    return conn.execute(
        f"SELECT {_COLUMNS} FROM meeting WHERE partnership_id = ? AND date >= ? "
        "AND (kind = ANY(?)) ORDER BY date, id",
        [partnership_id, as_of, kinds],
    ).df()


def next_meeting(
    conn: Connection, *, partnership_id: int, as_of: dt.date, full_only: bool = True
) -> Meeting | None:
    """The soonest upcoming meeting, or None when nothing is planned."""
    table = upcoming_meetings(conn, partnership_id=partnership_id, as_of=as_of, full_only=full_only)
    if table.empty:
        return None
    return get_meeting(conn, meeting_id=int(table.iloc[0]["id"]))


def recent_meetings(
    conn: Connection, *, partnership_id: int, as_of: dt.date, limit: int = 10
) -> pd.DataFrame:
    """Full-partnership meetings to recruit for: upcoming ones first (soonest first), then past
    ones that had a prospect list (newest first), whose results stay worth a look."""
    return conn.execute(
        f"SELECT {_COLUMNS}, date >= ? AS upcoming, {label_sql(conn)} AS label FROM meeting "
        "WHERE partnership_id = ? "
        "AND (kind = ANY(?)) "
        "AND (date >= ? OR EXISTS (SELECT 1 FROM prospect p WHERE p.meeting_id = meeting.id)) "
        "ORDER BY date < ?, abs(date - ?::DATE), id LIMIT ?",
        [as_of, partnership_id, list(FULL_KINDS), as_of, as_of, as_of, limit],
    ).df()


def full_meetings(
    conn: Connection, *, partnership_id: int, since: dt.date | None = None
) -> pd.DataFrame:
    """Full-partnership meetings for pickers: refresh meetings first, then newest first.

    With ``since``, only meetings on or after that day, plus refresh meetings of any date.
    """
    return conn.execute(
        f"""SELECT id, date, title, kind, start_time, minutes, location,
                  {label_sql(conn)} AS label
           FROM meeting WHERE partnership_id = ? AND (kind = ANY(?))
             AND (?::DATE IS NULL OR date >= ? OR kind = 'refresh')
           ORDER BY kind = 'refresh' DESC, date DESC, id DESC""",
        [partnership_id, list(FULL_KINDS), since, since],
    ).df()
