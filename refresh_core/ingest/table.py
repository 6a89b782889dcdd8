"""A header row plus the rows below it, read into a draft (shared by all column-based formats)."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from refresh_core.errors import excerpt
from refresh_core.ingest import dates
from refresh_core.ingest.assemble import Rejects, new_draft
from refresh_core.ingest.coded import as_text, distinct, each_distinct, is_coded, text_lengths
from refresh_core.ingest.durations import parse_minutes
from refresh_core.ingest.limits import check_field
from refresh_core.ingest.sheet import Sheet

_DIRECT = ("email", "organisation", "title", "phone", "affiliation", "meeting_title", "meeting_kind", "role")


@dataclass(frozen=True)
class Table:
    """Body rows of one table: the header cells, field -> column, and the row positions."""

    sheet: Sheet
    header: tuple[str, ...]
    colmap: dict[str, int]
    positions: np.ndarray

    def cells(self, fld: str, *, coded: bool = False) -> pd.Series:
        """The text cells of a field ("" when the file has no such column). ``coded``: as the sheet holds
        them, which for a large file is a Categorical (see :mod:`refresh_core.ingest.duckread`), for
        callers that work per distinct cell; else always text."""
        if fld not in self.colmap:
            return pd.Series("", index=self.index, dtype=str)
        col = self.sheet.cells[self.colmap[fld]]
        first = int(self.positions[0]) if len(self.positions) else 0
        if len(self.positions) and int(self.positions[-1]) - first + 1 == len(self.positions):
            out = col.iloc[first : first + len(self.positions)].set_axis(self.index)  # a run: no copy
        else:
            out = col.iloc[self.positions].set_axis(self.index)
        return out if coded else as_text(out)

    def label(self, fld: str) -> str | None:
        """The file's own header text for a field, for messages."""
        index = self.colmap.get(fld)
        return self.header[index] if index is not None and index < len(self.header) else None

    @property
    def index(self) -> pd.RangeIndex:
        return pd.RangeIndex(len(self.positions))


def body(sheet: Sheet, header_pos: int, colmap: dict[str, int], stop: int | None = None) -> Table:
    """Non-empty rows after the header (up to `stop`), skipping repeated header rows."""
    header = tuple(sheet.row(header_pos))
    mask = sheet.nonempty()
    mask[: header_pos + 1] = False
    if stop is not None:
        mask[stop:] = False
    positions = mask.nonzero()[0]
    for fld in ("name", "email"):
        if fld in colmap and positions.size:
            positions = positions[~_repeats_header(sheet.cells[colmap[fld]], positions, header[colmap[fld]])]
    return Table(sheet, header, colmap, positions)


def _repeats_header(column: pd.Series, positions: np.ndarray, heading: str) -> np.ndarray:
    """Which of these rows repeat the heading in this column (case-folded), folding each distinct cell
    once (no per-row copy of the column's text)."""
    target = heading.casefold()
    if is_coded(column):  # (only a text no longer than the heading can fold to it: folding never shortens)
        texts = column.cat.categories.to_numpy(dtype=object)
        short = np.flatnonzero(text_lengths(column) <= len(target))
        hit = np.zeros(len(texts) + 1, dtype=bool)  # (-1, a missing cell, takes the last entry: False)
        hit[short] = [isinstance(u, str) and u.casefold() == target for u in texts[short]]
        if not hit.any():
            return np.zeros(len(positions), dtype=bool)
        return np.asarray(hit[np.asarray(column.cat.codes)[positions]], dtype=bool)
    codes, uniques = distinct(column)  # (-1, a missing cell, takes the last entry: False)
    folded = [isinstance(u, str) and u.casefold() == target for u in uniques.to_numpy(dtype=object)]
    hit = np.array([*folded, False], dtype=bool)
    return np.asarray(hit[codes[positions]], dtype=bool)


def draft_of(table: Table, *, coded: bool = False) -> pd.DataFrame:
    """A draft with every directly-copied text field filled from the table (``coded``: see
    :meth:`Table.cells`; only for readers whose every step works per distinct cell)."""
    draft = new_draft(table.sheet, table.positions, coded=coded)
    name = table.cells("name", coded=coded)
    if "name" not in table.colmap and ("first_name" in table.colmap or "last_name" in table.colmap):
        name = (table.cells("first_name") + " " + table.cells("last_name")).str.strip()
    draft["name"] = name
    for fld in _DIRECT:
        if fld in table.colmap:  # (absent fields keep the draft's shared empty column)
            draft[fld] = table.cells(fld, coded=coded)
    for fld in ("name", "first_name", "last_name", *_DIRECT):
        if fld in table.colmap:
            check_field(table.sheet.file_name, fld, table.label(fld), table.cells(fld, coded=True),
                        draft["line"])  # fmt: skip
    return draft


def read_dates(
    table: Table, draft: pd.DataFrame, fld: str, order: str, rejects: Rejects
) -> tuple[pd.DataFrame, pd.Series]:
    """Parse one date column; rows with unreadable dates go to `rejects`. Returns (kept draft, dates)."""
    text = table.cells(fld, coded=True)
    parsed = dates.parse_datetimes(text, order)
    bad = dates.unreadable(text, parsed)
    if not bad.any():  # (the usual case: no copy of every column)
        return draft, parsed
    reasons = "'" + each_distinct(as_text(text[bad]), excerpt) + "' is not a date"
    rejects.add(
        draft[bad], table.label(fld), reasons,
        "Fix the cell or choose the other date order, then upload again.",
    )  # fmt: skip
    return draft[~bad], parsed[~bad]


def read_minutes(table: Table, draft: pd.DataFrame, fld: str = "minutes") -> tuple[pd.Series, list[str]]:
    """Minutes for each draft row; unreadable durations are left empty with a warning."""
    text = table.cells(fld).loc[draft.index]
    minutes = parse_minutes(text)
    bad = (text != "") & minutes.isna()
    if not bad.any():
        return minutes, []
    first = int(draft.loc[bad, "line"].iloc[0])
    return minutes, [
        f"{int(bad.sum())} duration cell(s) could not be read (first on line {first}: "
        f"{excerpt(text[bad].iloc[0])!r}); those minutes come from the join and leave times when the file "
        "has them, otherwise they are left empty."
    ]
