"""The public result types of attendance parsing."""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum

import pandas as pd


class Format(StrEnum):
    """The kinds of attendance file we can read."""

    SIGNIN = "signin"
    FORMS = "forms"
    ZOOM = "zoom"
    TEAMS = "teams"
    MEET = "meet"
    EVENTBRITE = "eventbrite"
    WEBEX = "webex"


ROW_COLUMNS: tuple[str, ...] = (
    "line",
    "name",
    "email",
    "organisation",
    "title",
    "phone",
    "affiliation",
    "public_subtype",
    "meeting_date",
    "meeting_title",
    "meeting_kind",
    "role",
    "minutes",
    "checked_in",
)

REJECT_COLUMNS: tuple[str, ...] = ("line", "column", "reason", "raw")

DATE_ORDERS = ("month_first", "day_first")

# ParsedFile.codes (when the reader gives them): one integer column per row of ``rows`` (same order),
# equal only for rows whose cells read the same: "person" over the person cells (name, email,
# organisation, title, phone, affiliation, public subtype), "meeting" over meeting date, title and kind.
# They may split rows whose cells are equal (they number the raw cells of the file, before cleaning),
# never join rows whose cells differ; so planning works out who and which meeting once per code, then
# per distinct cells, instead of hashing every row's strings again.
CODE_COLUMNS: tuple[str, ...] = ("person", "meeting")


@dataclass(frozen=True)
class ParsedFile:
    """One uploaded file, read into attendance rows (nothing is written anywhere)."""

    file_name: str
    format: Format
    confidence: float
    rows: pd.DataFrame
    rejected: pd.DataFrame
    warnings: tuple[str, ...]
    date_order: str
    header: tuple[str, ...]
    codes: pd.DataFrame | None = field(default=None, compare=False, repr=False)  # see CODE_COLUMNS
    merged: int = 0  # rows of the file that repeat a person at a meeting (left and joined again), so
    # counted in the row of that person's first join: the file has len(rows) + len(rejected) + merged


@dataclass(frozen=True)
class Outcome:
    """What a format reader returns; the caller adds the file name, format and confidence."""

    rows: pd.DataFrame
    rejected: pd.DataFrame
    warnings: tuple[str, ...]
    date_order: str
    header: tuple[str, ...]
    codes: pd.DataFrame | None = None
    merged: int = 0  # see ParsedFile.merged
