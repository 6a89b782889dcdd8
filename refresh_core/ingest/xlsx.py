"""Excel workbooks (.xlsx): the first sheet, as text cells with their sheet row numbers."""

from __future__ import annotations

import datetime as dt
import io
import zipfile
from typing import TYPE_CHECKING

import numpy as np

from refresh_core import deferred
from refresh_core.ingest.errors import BinaryFileError, EmptyFileError
from refresh_core.ingest.limits import MAX_ROWS, check_workbook
from refresh_core.ingest.sheet import Sheet, frame_from_records, make_sheet

if TYPE_CHECKING:
    import openpyxl
else:  # loaded when a workbook arrives: 14 MB and 0.09 s that a CSV import never needs
    openpyxl = deferred("openpyxl")


def cell_text(value: object) -> str:
    """One cell as text: dates in ISO form, whole numbers without '.0'."""
    if value is None:
        return ""
    if isinstance(value, dt.datetime):
        if value.time() == dt.time(0, 0):
            return value.date().isoformat()
        return value.isoformat(sep=" ", timespec="seconds")
    if isinstance(value, dt.date | dt.time):
        return value.isoformat()
    if isinstance(value, dt.timedelta):
        return f"{value.total_seconds() / 60:g} min"
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, float) and value.is_integer() and abs(value) < 1e15:
        return str(int(value))
    return str(value)


def _is_xlsx(data: bytes, file_name: str) -> bool:
    """Whether the zip is a workbook; refuses one that unpacks to more than the limit."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            names = set(archive.namelist())
            is_workbook = "[Content_Types].xml" in names and any(n.startswith("xl/") for n in names)
            if is_workbook:
                check_workbook(file_name, archive)
    except (zipfile.BadZipFile, ValueError, OSError, EOFError):
        return False
    return is_workbook


def sheet_from_xlsx(data: bytes, file_name: str) -> Sheet:
    """Read the first worksheet of an .xlsx workbook."""
    if not _is_xlsx(data, file_name):
        raise BinaryFileError(file_name, "a zip archive (or a Word or PowerPoint file)")
    try:
        workbook = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
        try:
            sheet = workbook.worksheets[0]
            records: list[list[str]] = []
            for row in sheet.iter_rows(values_only=True):
                records.append([cell_text(v) for v in row])
                if len(records) > MAX_ROWS:
                    break
        finally:
            workbook.close()
    except Exception as exc:  # openpyxl raises many kinds of error for damaged workbooks
        raise BinaryFileError(file_name, "a damaged or unreadable Excel workbook") from exc
    lines = np.arange(1, len(records) + 1, dtype=np.int64)
    cells = frame_from_records(records, file_name, lines)
    result = make_sheet(file_name, cells, lines, ",", "xlsx")
    if not result.nonempty().any():
        raise EmptyFileError(file_name)
    return result
