"""Video-call participant tables (Zoom, Teams reports, Webex, Meet reports): one row per session."""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from refresh_core.ingest import dates
from refresh_core.ingest.assemble import Options, Rejects, finish
from refresh_core.ingest.classify import clean_emails
from refresh_core.ingest.durations import whole_minutes
from refresh_core.ingest.model import Outcome
from refresh_core.ingest.table import Table, draft_of, read_minutes


@dataclass(frozen=True)
class CallInfo:
    """What the file says about the meeting itself (from a summary or meeting-info block)."""

    title: str | None = None
    start: str | None = None
    host_email: str | None = None
    original_names: bool = False
    guest_suffix: bool = False


def _meeting_date(start: pd.Series, joins: pd.Series) -> pd.Timestamp | None:
    for candidates in (start, joins):
        found = candidates.dropna()
        if len(found):
            return pd.Timestamp(found.min()).normalize()
    return None


def _time_warnings(table: Table, unread: pd.Series, draft: pd.DataFrame) -> list[str]:
    if not unread.any():
        return []
    first = int(draft.loc[unread, "line"].iloc[0])
    return [
        f"{int(unread.sum())} join or leave time(s) could not be read (first on line {first}); "
        "those people are kept, with the minutes the file gives."
    ]


def read_sessions(table: Table, date_order: str, info: CallInfo) -> Outcome:
    """Read a session table: times, minutes, the meeting date and title, the host."""
    rejects = Rejects(table.sheet)
    draft = draft_of(table)
    if "upn" in table.colmap:
        draft["email"] = draft["email"].where(draft["email"] != "", table.cells("upn"))
    join_text, leave_text = table.cells("join"), table.cells("leave")
    start_text = pd.Series([info.start or ""], dtype=str)
    order, warnings = dates.choose_order([join_text, leave_text, start_text], date_order)
    draft["join"] = dates.parse_datetimes(join_text, order)
    draft["leave"] = dates.parse_datetimes(leave_text, order)
    unread = dates.unreadable(join_text, draft["join"]) | dates.unreadable(leave_text, draft["leave"])
    warnings += _time_warnings(table, unread, draft)
    minutes, minute_warnings = read_minutes(table, draft)
    span = (draft["leave"] - draft["join"]).dt.total_seconds() / 60
    draft["minutes"] = minutes.fillna(pd.Series(whole_minutes(span.where(span >= 0)), index=span.index))
    warnings += minute_warnings
    day = _meeting_date(dates.parse_datetimes(start_text, order), draft["join"])
    if day is None:
        warnings.append("The file gives no meeting date; choose the date when you import it.")
    else:
        draft["meeting_date"] = day
    draft["meeting_title"] = info.title or ""
    if info.host_email:
        is_host = clean_emails(draft["email"]) == info.host_email.strip().lower()
        draft["role"] = draft["role"].where(~is_host, "host")
    name_column = table.label("name") or table.label("email")
    opts = Options(info.original_names, info.guest_suffix, name_column)
    rows, codes, merged = finish(draft, rejects, table.sheet.file_name, opts)
    return Outcome(rows, rejects.frame(), tuple(warnings), order, table.header, codes, merged)
