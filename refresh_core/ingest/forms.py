"""Google Forms responses: a Timestamp column first; each distinct day of the timestamps is a meeting."""

from __future__ import annotations

from refresh_core.ingest.model import Outcome
from refresh_core.ingest.sheet import Sheet
from refresh_core.ingest.signin import locate, read_people


def parse_forms(sheet: Sheet, date_order: str) -> Outcome:
    table = locate(sheet)
    field = "meeting_date" if "meeting_date" in table.colmap else "timestamp"
    return read_people(table, date_order, field)
