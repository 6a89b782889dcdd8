"""Google Meet: the Meet Attendance extension's roll-call sheet, and Google's attendance report."""

from __future__ import annotations

from typing import cast

import numpy as np
import pandas as pd

from refresh_core.ingest import dates
from refresh_core.ingest.assemble import Options, Rejects, finish, new_draft
from refresh_core.ingest.model import Outcome
from refresh_core.ingest.sessions import CallInfo, read_sessions
from refresh_core.ingest.sheet import Sheet
from refresh_core.ingest.signin import locate


def _top_rows(sheet: Sheet) -> tuple[int, int] | None:
    positions = sheet.nonempty().nonzero()[0]
    return (int(positions[0]), int(positions[1])) if len(positions) >= 2 else None


def is_rollcall(sheet: Sheet) -> bool:
    """Row 1 holds only snapshot timestamps and row 2 only meeting links."""
    top = _top_rows(sheet)
    if top is None:
        return False
    stamps = sheet.row_cells(top[0])
    links = sheet.row_cells(top[1])
    stamps, links = stamps[stamps != ""], links[links != ""]
    if stamps.empty or links.empty:
        return False
    is_link = links.astype(str).str.contains(r"meet\.google\.com|^https?://", case=False, regex=True)
    if not is_link.all():
        return False
    readable = dates.parse_datetimes(stamps, dates.MONTH_FIRST).notna()
    readable |= dates.parse_datetimes(stamps, dates.DAY_FIRST).notna()
    return bool(readable.all())


def parse_rollcall(sheet: Sheet, date_order: str) -> Outcome:
    """Everyone named in any snapshot column attended; the column's timestamp gives the day."""
    top = _top_rows(sheet)
    assert top is not None
    header = tuple(sheet.row(top[0]))
    stamps = sheet.row_cells(top[0])
    order, warnings = dates.choose_order([stamps], date_order)
    days = dates.parse_datetimes(stamps, order).dt.normalize()
    days = days.fillna(days.min())
    below = sheet.cells.iloc[top[1] + 1 :]
    stacked = cast(pd.Series, below.stack())
    stacked = stacked[stacked != ""]
    rows = stacked.index.get_level_values(0).to_numpy()
    cols = stacked.index.get_level_values(1).to_numpy()
    draft = new_draft(sheet, np.asarray(rows, dtype=np.int64))
    draft["name"] = stacked.to_numpy()
    column_days = days.to_numpy()[np.asarray(cols, dtype=np.int64)]
    draft["meeting_date"] = pd.Series(column_days, dtype="datetime64[s]")
    rejects = Rejects(sheet)
    out, codes, merged = finish(draft, rejects, sheet.file_name, Options(name_column=None))
    return Outcome(out, rejects.frame(), tuple(warnings), order, header, codes, merged)


def parse_meet(sheet: Sheet, date_order: str) -> Outcome:
    if is_rollcall(sheet):
        return parse_rollcall(sheet, date_order)
    return read_sessions(locate(sheet), date_order, CallInfo())
