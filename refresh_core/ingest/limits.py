"""Bounds on the work one file can cause: cell length, columns, rows, unpacked workbook size.

Every check runs before the expensive step it protects (an XLSX is measured before
it is unpacked; a cell before any matching), and every message names the file, the
line and the column and quotes at most a short excerpt of the bad input
(:func:`refresh_core.errors.excerpt`). The numbers are this product's defaults:
generous for any real attendance list, small enough that a hostile file fails
within seconds and a few hundred megabytes.
"""

from __future__ import annotations

import zipfile

import numpy as np
import pandas as pd

from refresh_core.errors import excerpt
from refresh_core.ingest.coded import distinct, is_coded, text_lengths
from refresh_core.ingest.errors import ImportFileError

MAX_CELL_CHARS = 32_767  # Excel's own limit for one cell
MAX_COLUMNS = 256
MAX_ROWS = 2_000_000
MAX_XLSX_UNPACKED = 200_000_000  # bytes of XML inside a workbook
# Per field: longer than this is not a name, an organisation or a title but pasted text.
FIELD_CHARS = {
    "name": 200, "first_name": 100, "last_name": 100, "email": 320, "organisation": 200, "title": 200,
    "phone": 100, "affiliation": 200, "meeting_title": 300, "meeting_kind": 100, "role": 100,
}  # fmt: skip
_FIELD_WORDS = {"meeting_title": "meeting title", "meeting_kind": "meeting type", "first_name": "first name",
                "last_name": "last name", "title": "job title"}  # fmt: skip


def column_label(index: int) -> str:
    """Spreadsheet column letters for a 0-based column index (0 -> 'A', 27 -> 'AB')."""
    label, n = "", index + 1
    while n:
        n, rem = divmod(n - 1, 26)
        label = chr(65 + rem) + label
    return label


def check_width(file_name: str, width: int, line: int) -> None:
    if width > MAX_COLUMNS:
        raise ImportFileError(
            file_name,
            f"this row has {width} columns; at most {MAX_COLUMNS} can be read. Delete the unused columns "
            "(or check that the file uses one delimiter throughout), then upload again.",
            line=line,
        )


def check_rows(file_name: str, rows: int, line: int | None = None) -> None:
    if rows > MAX_ROWS:
        raise ImportFileError(
            file_name,
            f"the file has more than {MAX_ROWS:,} rows, more than one import can take. Split it into "
            "smaller files and import them one after another.",
            line=line,
        )


def check_cells(file_name: str, cells: pd.DataFrame, lines: np.ndarray) -> None:
    """Refuse a sheet with any cell longer than :data:`MAX_CELL_CHARS` (column-wise, vectorised)."""
    for col in cells.columns:
        column = cells[col]
        if is_coded(column):  # (the longest distinct text, then its first row)
            sizes = text_lengths(column)
            if not len(sizes) or int(sizes.max()) <= MAX_CELL_CHARS:  # (no row can be longer)
                continue
            codes, _ = distinct(column)
            lengths = pd.Series(sizes[codes], dtype="int64")
        else:
            lengths = column.str.len()
        if len(lengths) and int(lengths.max()) > MAX_CELL_CHARS:
            pos = int(np.argmax(lengths.to_numpy()))
            raise _too_long(file_name, int(lines[pos]), column_label(int(col)), str(cells[col].iloc[pos]),
                            MAX_CELL_CHARS, "cell")  # fmt: skip


def check_field(file_name: str, field: str, label: str | None, values: pd.Series, lines: pd.Series) -> None:
    """Refuse a file whose ``field`` (name, organisation, title...) has a cell over its cap."""
    limit = FIELD_CHARS.get(field)
    if limit is None or values.empty:
        return
    if is_coded(values):  # (the longest distinct text, then its first row)
        sizes = text_lengths(values)
        if not len(sizes) or int(sizes.max()) <= limit:  # (no row can be longer)
            return
        codes, _ = distinct(values)
        lengths = pd.Series(sizes[codes], index=values.index)
    else:
        lengths = values.astype(str).str.len()
    if int(lengths.max()) <= limit:
        return
    pos = int(np.argmax(lengths.to_numpy()))
    raise _too_long(file_name, int(lines.iloc[pos]), label or _FIELD_WORDS.get(field, field),
                    str(values.iloc[pos]), limit, _FIELD_WORDS.get(field, field))  # fmt: skip


def _too_long(file_name: str, line: int, column: str, value: str, limit: int, what: str) -> ImportFileError:
    return ImportFileError(
        file_name,
        f"this {what} is {len(value):,} characters long ({excerpt(value)!r}); at most {limit:,} are read. "
        "Check that the right column holds it (text pasted into one cell?), fix the cell, then upload again.",
        line=line,
        column=column,
    )


def check_workbook(file_name: str, archive: zipfile.ZipFile) -> None:
    """Refuse a workbook that would unpack to more than :data:`MAX_XLSX_UNPACKED` bytes (a zip bomb),
    measured from the archive's directory before anything is unpacked."""
    unpacked = sum(info.file_size for info in archive.infolist())
    if unpacked > MAX_XLSX_UNPACKED:
        raise ImportFileError(
            file_name,
            f"this workbook unpacks to {unpacked / 1_000_000:,.0f} MB, more than the "
            f"{MAX_XLSX_UNPACKED // 1_000_000} MB one import can read (a cell or sheet far larger than an "
            "attendance list). Copy the attendance into a new workbook, or save it as CSV, then upload that.",
        )
