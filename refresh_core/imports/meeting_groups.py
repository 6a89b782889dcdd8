"""A file's rows in meeting groups: one group per day and normalised title, worked out once per distinct
(date, title, type) cells of the file; the user's defaults for a file's meetings (:class:`MeetingChoice`).
Which recorded meeting each group is, and its kind: :mod:`refresh_core.imports.meetings`."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import numpy as np
import pandas as pd

from refresh_core.imports.rows import row_codes
from refresh_core.ingest.coded import first_rows
from refresh_core.people import keys as textkeys

__all__ = ["Groups", "MeetingChoice", "as_date", "groups"]


@dataclass(frozen=True)
class MeetingChoice:
    """What the user said about meetings: defaults for the whole file and per-meeting edits."""

    date: dt.date | None = None
    kind: str | None = None
    title: str | None = None
    overrides: pd.DataFrame | None = None  # key, date, title, kind (the edited meetings table)


def as_date(value: object) -> dt.date | None:
    """A cell or recorded value as a date (None when missing)."""
    if value is None or (not isinstance(value, str) and pd.isna(value)):  # type: ignore[call-overload]
        return None
    if isinstance(value, pd.Timestamp | dt.datetime):
        return value.date()
    return value if isinstance(value, dt.date) else dt.date.fromisoformat(str(value)[:10])


@dataclass(frozen=True)
class Groups:
    """A file's rows in meeting groups, worked out once per distinct (date, title, type) cells."""

    distinct: pd.DataFrame  # per distinct cells, in order of first appearance: date, title, tkey,
    # file_kind, key
    of_row: np.ndarray  # each row's line of ``distinct``

    @property
    def rows(self) -> np.ndarray:
        """How many rows each line of ``distinct`` stands for."""
        counts: np.ndarray = np.bincount(self.of_row, minlength=len(self.distinct))
        return counts

    @property
    def key(self) -> np.ndarray:
        """Each row's group key."""
        keys: np.ndarray = self.distinct["key"].to_numpy(dtype=np.int64)[self.of_row]
        return keys

    def per_row(self, by_key: pd.Series) -> pd.Categorical:
        """``by_key`` (group key -> value) for each row, held as codes and distinct values."""
        found = self.distinct["key"].map(by_key)
        codes, values = pd.factorize(found.astype(object), use_na_sentinel=True)
        keys = pd.Index(np.asarray(values, dtype=object), dtype=object)
        return pd.Categorical.from_codes(np.asarray(codes, dtype=np.int64)[self.of_row], categories=keys)


def groups(
    parsed_rows: pd.DataFrame, choice: MeetingChoice, *, finer: np.ndarray | None = None
) -> Groups:
    """The rows' meeting groups: the group key, raw date, title and kind from the file of each distinct
    (date, title, type) cells, and which of them each row has (``finer``: the parser's meeting codes of
    these rows, if known; see :func:`refresh_core.imports.rows.row_codes`)."""
    cells = ["meeting_date", "meeting_title", "meeting_kind"]
    combos = row_codes(parsed_rows, cells, finer=finer)
    first = first_rows(combos) if len(combos) else np.zeros(0, dtype=np.int64)
    distinct = _groups(parsed_rows[cells].iloc[first].reset_index(drop=True), choice)
    return Groups(distinct=distinct, of_row=np.asarray(combos, dtype=np.int64))


def _groups(parsed_rows: pd.DataFrame, choice: MeetingChoice) -> pd.DataFrame:
    date = textkeys.per_unique(parsed_rows["meeting_date"], as_date)
    if choice.date is not None:
        date = date.where(date.notna(), choice.date)
    title = textkeys.per_unique(parsed_rows["meeting_title"], lambda t: " ".join(str(t).split()) or None)
    if choice.title:
        title = title.where(title.notna(), " ".join(choice.title.split()))
    frame = pd.DataFrame(
        {
            "date": date,
            "title": title,
            "tkey": textkeys.title_keys(title).fillna(""),
            "file_kind": parsed_rows["meeting_kind"],
        },
        index=parsed_rows.index,
    )
    date_codes, _ = pd.factorize(frame["date"])
    title_codes, titles = pd.factorize(frame["tkey"])
    codes, _ = pd.factorize(date_codes.astype("int64") * (len(titles) + 1) + title_codes)
    frame["key"] = codes
    return frame
