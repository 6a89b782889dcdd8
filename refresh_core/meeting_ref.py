"""Looking up one meeting, and the full-partnership meetings a convener can pick from."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import duckdb
import pandas as pd

from refresh_core.enums import FULL_PARTNERSHIP_KINDS, MeetingKind
from refresh_core.errors import NotFoundError
from refresh_core.rows import one

FULL_KINDS_SQL = "(" + ", ".join(f"'{k.value}'" for k in sorted(FULL_PARTNERSHIP_KINDS)) + ")"


@dataclass(frozen=True)
class MeetingRef:
    id: int
    partnership_id: int
    date: dt.date
    title: str
    kind: MeetingKind
    start_time: dt.time | None
    minutes: int | None
    location: str | None

    @property
    def label(self) -> str:
        return f"{self.date:%d %b %Y} · {self.title}"


def get_meeting(
    conn: duckdb.DuckDBPyConnection, *, meeting_id: int, partnership_id: int | None = None
) -> MeetingRef:
    """The meeting with this id (optionally checked to belong to the partnership)."""
    row = one(
        conn,
        "SELECT id, partnership_id, date, title, kind, start_time, minutes, location FROM meeting "
        "WHERE id = ? AND (? IS NULL OR partnership_id = ?)",
        [meeting_id, partnership_id, partnership_id],
    )
    if row is None:
        raise NotFoundError(f"No meeting #{meeting_id} in this partnership. Pick a meeting from the list.")
    return MeetingRef(int(row[0]), int(row[1]), row[2], row[3], MeetingKind(row[4]), row[5], row[6], row[7])


def full_meetings(
    conn: duckdb.DuckDBPyConnection, *, partnership_id: int, since: dt.date | None = None
) -> pd.DataFrame:
    """Full-partnership meetings for pickers: refresh meetings first, then newest first.

    With ``since``, only meetings on or after that day, plus refresh meetings of any date.
    """
    return conn.execute(
        f"""SELECT id, date, title, kind, start_time, minutes, location,
                   strftime(date, '%d %b %Y') || ' · ' || title AS label
            FROM meeting WHERE partnership_id = ? AND kind IN {FULL_KINDS_SQL}
              AND (?::DATE IS NULL OR date >= ? OR kind = 'refresh')
            ORDER BY kind = 'refresh' DESC, date DESC, id DESC""",
        [partnership_id, since, since],
    ).df()
