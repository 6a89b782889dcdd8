"""Generic sign-in sheets (CSV or XLSX), and the shared reader for people tables (forms, Eventbrite)."""

from __future__ import annotations

from collections.abc import Callable

import pandas as pd

from refresh_core.ingest import dates
from refresh_core.ingest.assemble import Options, Rejects, finish
from refresh_core.ingest.columns import find_header, first_row, recognise
from refresh_core.ingest.errors import UnrecognisedFormat
from refresh_core.ingest.model import Outcome
from refresh_core.ingest.sheet import Sheet
from refresh_core.ingest.table import Table, body, draft_of, read_dates, read_minutes

Hook = Callable[[Table, pd.DataFrame], list[str]]

NO_DATE = "The file gives no meeting date; choose the date when you import it."


def locate(sheet: Sheet) -> Table:
    """The header row (title rows above it are skipped) and the rows below it."""
    pos = find_header(sheet)
    if pos is None:
        raise UnrecognisedFormat(sheet.file_name, first_row(sheet))
    return body(sheet, pos, recognise(sheet.row(pos)))


def name_label(table: Table) -> str | None:
    for fld in ("name", "first_name", "last_name", "email"):
        if (label := table.label(fld)) is not None:
            return label
    return None


def _missing_dates(parsed: pd.Series) -> list[str]:
    missing = int(parsed.isna().sum())
    if missing == 0:
        return []
    if missing == len(parsed):
        return [NO_DATE]
    return [f"{missing} row(s) have no meeting date; choose the date for them when you import."]


def read_people(table: Table, date_order: str, date_field: str | None, hook: Hook | None = None) -> Outcome:
    """Read a people table: one row per person and meeting, dates per row from `date_field`."""
    rejects = Rejects(table.sheet)
    draft = draft_of(table, coded=True)
    warnings: list[str] = []
    order = date_order
    if date_field is not None and date_field in table.colmap:
        order, warnings = dates.choose_order([table.cells(date_field, coded=True)], date_order)
        draft, parsed = read_dates(table, draft, date_field, order, rejects)
        draft["meeting_date"] = parsed
        warnings += _missing_dates(parsed)
    else:
        warnings.append(NO_DATE)
    if "minutes" in table.colmap:
        draft["minutes"], more = read_minutes(table, draft)
        warnings += more
    if hook is not None:
        warnings += hook(table, draft)
    opts = Options(name_column=name_label(table))
    rows, codes, merged = finish(draft, rejects, table.sheet.file_name, opts)
    return Outcome(rows, rejects.frame(), tuple(warnings), order, table.header, codes, merged)


def parse_signin(sheet: Sheet, date_order: str) -> Outcome:
    return read_people(locate(sheet), date_order, "meeting_date")
