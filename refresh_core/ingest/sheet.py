"""A file as a grid of cleaned text cells with the physical line number of every row."""

from __future__ import annotations

import codecs
import csv
import io
import re
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import pandas as pd

from refresh_core.ingest.decode import binary_kind, check_head, plain_utf8, sniff_delimiter, utf16_without_bom
from refresh_core.ingest.duckread import (
    SCAN_DELIMITER,
    STRIPPED,
    read_regular,
    read_regular_bytes,
    read_regular_path,
)
from refresh_core.ingest.errors import FileTooLargeError, ImportFileError
from refresh_core.ingest.limits import MAX_COLUMNS, check_cells, check_rows, check_width
from refresh_core.ingest.survey import survey

FAST_READ_CHARS = 200_000  # smaller files go through the csv module, which reports exact lines
_WRITTEN = re.compile(r"[^\s\ufeff\x00]")  # (as the text path: anything but spaces, BOMs and NULs)


@dataclass(frozen=True)
class Sheet:
    """Cells are str ("" when empty), stripped of Unicode whitespace; columns are 0..n-1."""

    file_name: str
    cells: pd.DataFrame
    lines: np.ndarray
    delimiter: str
    encoding: str
    filled: np.ndarray
    warnings: list[str] = field(default_factory=list)

    @property
    def width(self) -> int:
        return int(self.cells.shape[1])

    def row_cells(self, index: int) -> pd.Series:
        """Every cell of row ``index`` (position), as text, indexed by column. A sheet with coded columns
        is read column by column (``cells.iloc[index]`` would spell out every row of a coded column to
        take one cell); a sheet of text, as one row (faster on a wide sheet)."""
        columns = self.cells.columns
        if any(isinstance(kind, pd.CategoricalDtype) for kind in self.cells.dtypes):  # (see coded.is_coded)
            return pd.Series([str(self.cells[c].iat[index]) for c in columns], index=columns, dtype=object)
        return self.cells.iloc[index].astype(str).astype(object)

    def row(self, index: int) -> list[str]:
        """The cells of row `index` (position, not line number), trailing empties removed."""
        values = self.row_cells(index).tolist()
        while values and not values[-1]:
            values.pop()
        return values

    def raw_series(self, positions: np.ndarray) -> pd.Series:
        """Row texts for many positions at once (vectorised column concatenation)."""
        part = self.cells.iloc[positions]
        if part.shape[1] == 0:
            return pd.Series([""] * len(part), index=part.index, dtype=object)
        joined = part[0].astype(str)
        for col in part.columns[1:]:
            joined = joined + self.delimiter + part[col].astype(str)
        return joined.str.rstrip(self.delimiter).astype(object)

    def nonempty(self) -> np.ndarray:
        """Boolean mask (a fresh copy) of rows with at least one non-empty cell."""
        return self.filled.copy()


def make_sheet(
    file_name: str, cells: pd.DataFrame, lines: np.ndarray, delimiter: str, encoding: str
) -> Sheet:
    """The sheet, once its size is within the limits (rows, cell length)."""
    check_rows(file_name, len(cells))
    check_cells(file_name, cells, np.asarray(lines))
    if cells.shape[1] == 0:
        filled = np.zeros(len(cells), dtype=bool)
    else:
        filled = np.array((cells != "").any(axis=1).to_numpy(), dtype=bool)
    return Sheet(file_name, cells, np.asarray(lines, dtype=np.int64), delimiter, encoding, filled)


def clean_cells(frame: pd.DataFrame) -> pd.DataFrame:
    """Fill missing cells with "" and strip Unicode whitespace (NO-BREAK SPACE, zero-width spaces and
    byte-order marks included: the characters the DuckDB reader trims too)."""
    out = {}
    for col in frame.columns:
        out[col] = frame[col].fillna("").astype(str).str.strip(STRIPPED)
    result = pd.DataFrame(out, index=frame.index)
    result.columns = pd.RangeIndex(result.shape[1])
    return result


def frame_from_records(
    records: list[list[str]], file_name: str, lines: list[int] | np.ndarray
) -> pd.DataFrame:
    """Records as a frame of cleaned cells; refuses a row with more than MAX_COLUMNS cells that are not
    all empty (trailing empty cells, as spreadsheets save them, are dropped)."""
    check_rows(file_name, len(records))
    width = 0
    for i, record in enumerate(records):
        if len(record) > MAX_COLUMNS:
            used = len(record)
            while used > MAX_COLUMNS and not record[used - 1]:
                used -= 1
            check_width(file_name, used, int(lines[i]))
        width = max(width, min(len(record), MAX_COLUMNS))
    if width == 0:
        return pd.DataFrame(index=pd.RangeIndex(len(records)))
    trimmed = [r[:width] if len(r) >= width else r + [""] * (width - len(r)) for r in records]
    frame = pd.DataFrame(trimmed, columns=pd.RangeIndex(width), dtype=object)
    return clean_cells(frame)


def read_text(text: str, delimiter: str, file_name: str) -> tuple[list[list[str]], list[int]]:
    """Parse delimited text; return records and the physical line where each record starts."""
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    records: list[list[str]] = []
    lines: list[int] = []
    start = 1
    try:
        for record in reader:
            records.append(record)
            lines.append(start)
            start = reader.line_num + 1
    except csv.Error as exc:
        raise ImportFileError(
            file_name,
            f"the file cannot be read as a table ({exc}). Check for a stray quote mark near this "
            "line, or save the file again as CSV from your spreadsheet program.",
            line=reader.line_num or None,
        ) from exc
    return records, lines


def _fast_frame(text: str, delimiter: str) -> pd.DataFrame | None:
    """pandas' C reader when every record is one physical line (the usual case); else None."""
    physical = text.split("\n")
    if physical and physical[-1] == "":
        physical.pop()
    width = max((line.count(delimiter) + 1 for line in physical), default=0)
    if width > MAX_COLUMNS:
        return None
    try:
        frame = pd.read_csv(
            io.StringIO(text), sep=delimiter, header=None, names=range(width), dtype=str,
            keep_default_na=False, na_filter=False, skip_blank_lines=False, engine="c", index_col=False,
        )  # fmt: skip
    except (pd.errors.ParserError, ValueError, csv.Error, IndexError):
        return None
    return frame if len(frame) == len(physical) else None


def sheet_from_utf8(data: bytes, file_name: str) -> tuple[Sheet | None, bool]:
    """A large regular UTF-8 file read by DuckDB straight from its bytes (no decoded copy of the text):
    (the sheet, or None when the caller must decode the text; whether DuckDB already refused the file,
    so the text path need not ask it again)."""
    plain = plain_utf8(data)
    if plain is None:
        return None, False
    start, encoding, head, crlf = plain
    text_chars = len(data) - start - crlf  # at least len(data) / 4 characters
    if text_chars < 4 * FAST_READ_CHARS:
        return None, False
    check_head(head, file_name)
    delimiter = sniff_delimiter(head.replace("\r\n", "\n"))
    cells = read_regular_bytes(data, delimiter, start)
    if cells is None:
        return None, b"\r" not in data  # with CR LF the text path's LF-only copy may still read fast
    return make_sheet(file_name, cells, np.arange(1, len(cells) + 1), delimiter, encoding), False


@dataclass(frozen=True)
class OnDisk:
    """What reading a file where it lies gave: the sheet (None when the file is not one DuckDB reads
    there), whether a literal U+FFFD occurs in it, and whether DuckDB tried and refused it (the caller
    then reads the file's bytes and takes them as an upload's, without asking DuckDB again)."""

    sheet: Sheet | None = None
    replaced: bool = False
    refused: bool = False


def sheet_from_path(path: Path, file_name: str, *, max_bytes: int) -> OnDisk:
    """A large regular UTF-8 file on disk read by DuckDB where it lies, never whole in memory (see
    :class:`OnDisk`). Raises OSError when it cannot be read, FileTooLargeError when it has grown past
    ``max_bytes`` since its size was checked."""
    found = survey(path, scan_byte=SCAN_DELIMITER.encode(), max_bytes=max_bytes)
    if found.size > max_bytes:
        raise FileTooLargeError(file_name, found.size, max_bytes)
    bom = len(codecs.BOM_UTF8) if found.head.startswith(codecs.BOM_UTF8) else 0
    if not found.plain or found.has_byte or found.size - bom - found.crlf < 4 * FAST_READ_CHARS:
        return OnDisk()
    if found.head.startswith(b"PK") or binary_kind(found.head) is not None:  # (refused as an upload is)
        return OnDisk()
    if bom == 0 and utf16_without_bom(found.head) is not None:
        return OnDisk()
    head = codecs.getincrementaldecoder("utf-8")().decode(found.head[bom:], final=False)
    if not found.written or _WRITTEN.search(head[:8192]) is None:
        return OnDisk()
    check_head(head, file_name)
    delimiter = sniff_delimiter(head.replace("\r\n", "\n"))
    cells = read_regular_path(
        str(path), delimiter, lines=found.lines, head=None if found.quoted else found.head[bom:]
    )
    if cells is None:  # (with CR LF the text path's LF-only copy may still read fast: ask again then)
        return OnDisk(refused=found.crlf == 0)
    encoding = "utf-8-sig" if bom else "utf-8"
    sheet = make_sheet(file_name, cells, np.arange(1, len(cells) + 1), delimiter, encoding)
    return OnDisk(sheet=sheet, replaced=found.replaced)


def sheet_from_text(text: str, file_name: str, encoding: str, *, duckdb_refused: bool = False) -> Sheet:
    text = text.replace("\x00", "").replace("\r\n", "\n").replace("\r", "\n")
    delimiter = sniff_delimiter(text)
    if len(text) >= FAST_READ_CHARS:
        cells = None if duckdb_refused else read_regular(text, delimiter)  # DuckDB: most large files
        if cells is None and (frame := _fast_frame(text, delimiter)) is not None:
            cells = clean_cells(frame)  # pandas: blank lines between one-line records
        if cells is not None:
            return make_sheet(file_name, cells, np.arange(1, len(cells) + 1), delimiter, encoding)
    records, lines = read_text(text, delimiter, file_name)
    return make_sheet(
        file_name, frame_from_records(records, file_name, lines), np.asarray(lines), delimiter, encoding
    )
