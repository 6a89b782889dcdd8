"""Eventbrite attendee exports: every registration is kept, with whether the person checked in."""

from __future__ import annotations

import pandas as pd

from refresh_core.ingest.classify import checked_in
from refresh_core.ingest.model import Outcome
from refresh_core.ingest.sheet import Sheet
from refresh_core.ingest.signin import locate, read_people
from refresh_core.ingest.table import Table


def _check_ins(table: Table, draft: pd.DataFrame) -> list[str]:
    if "status" not in table.colmap:
        return ["The file has no 'Attendee Status' column, so check-ins are unknown."]
    draft["checked_in"] = checked_in(table.cells("status").loc[draft.index])
    return []


def parse_eventbrite(sheet: Sheet, date_order: str) -> Outcome:
    """Meeting date comes from the caller: the export has none (Order Date is the booking date)."""
    return read_people(locate(sheet), date_order, None, _check_ins)
