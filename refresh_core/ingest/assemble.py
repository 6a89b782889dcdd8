"""From a draft table (raw cell texts per field) to the public rows: clean, reject, collapse."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import pandas as pd

from refresh_core.errors import excerpt
from refresh_core.ingest import classify, cleaned, vocabulary
from refresh_core.ingest.coded import each_distinct, first_rows, is_coded, spelled
from refresh_core.ingest.durations import whole_minutes
from refresh_core.ingest.errors import ImportFileError
from refresh_core.ingest.model import REJECT_COLUMNS, ROW_COLUMNS
from refresh_core.ingest.sheet import Sheet

TEXT_FIELDS = (
    "name", "email", "organisation", "title", "phone", "affiliation", "meeting_title", "meeting_kind", "role",
)  # fmt: skip
_RAW_CHARS = 500  # a rejected row is shown (and stored in the report) up to this length
_CODES = {"_person": "person", "_meeting": "meeting"}  # (columns of the working frame, until the output)
_FIRST_FIELDS = ["email", "organisation", "title", "phone", "affiliation", "public_subtype", "meeting_kind"]


@dataclass(frozen=True)
class Options:
    """How names are cleaned and which header to name in messages about missing names."""

    original_names: bool = False
    guest_suffix: bool = False
    name_column: str | None = None


@dataclass
class Rejects:
    """Rows set aside, with the reason and what the convener can do about it."""

    sheet: Sheet
    parts: list[pd.DataFrame] = field(default_factory=list)
    advice: list[str] = field(default_factory=list)

    def add(self, rows: pd.DataFrame, column: str | None, reasons: pd.Series | str, advice: str) -> None:
        if rows.empty:
            return
        reason = reasons.loc[rows.index] if isinstance(reasons, pd.Series) else reasons
        raw = self.sheet.raw_series(rows["pos"].to_numpy()).set_axis(rows.index)
        long = (raw.str.len() > _RAW_CHARS).to_numpy(dtype=bool)
        if long.any():  # (only the long ones shortened: most rows are short)
            raw = raw.where(~long, each_distinct(raw[long], lambda r: excerpt(str(r), _RAW_CHARS)))
        part = pd.DataFrame(
            {"line": rows["line"].astype("int64"), "column": column, "reason": reason, "raw": raw},
            index=rows.index,
        )
        self.parts.append(part.astype({"column": object, "reason": object, "raw": object}))
        self.advice.append(advice)

    def frame(self) -> pd.DataFrame:
        if not self.parts:
            return empty_rejects()
        out = pd.concat(self.parts, ignore_index=True).sort_values("line", kind="stable")
        return out.reset_index(drop=True)[list(REJECT_COLUMNS)]

    def error(self, file_name: str) -> ImportFileError:
        """The error for a file where no row could be read: names the first problem."""
        if not self.parts:
            return ImportFileError(
                file_name,
                "no attendance rows were found below the column headings. Check that this is the "
                "right file and that names are filled in, then upload again.",
            )
        earliest = min(range(len(self.parts)), key=lambda i: int(self.parts[i]["line"].min()))
        part = self.parts[earliest]
        first = part.sort_values("line", kind="stable").iloc[0]
        column = None if first["column"] is None else str(first["column"])
        return ImportFileError(
            file_name, f"{first['reason']}. {self.advice[earliest]}", line=int(first["line"]), column=column
        )


def empty_rejects() -> pd.DataFrame:
    return pd.DataFrame({c: pd.Series([], dtype="int64" if c == "line" else object) for c in REJECT_COLUMNS})


def new_draft(sheet: Sheet, positions: np.ndarray, *, coded: bool = False) -> pd.DataFrame:
    """A draft for these sheet rows, with every field present and empty (``coded``: the empty text
    fields are coded columns of one distinct text, "", for readers whose every step works per distinct
    cell: see :func:`refresh_core.ingest.table.draft_of`)."""
    index = pd.RangeIndex(len(positions))
    draft = pd.DataFrame({"line": sheet.lines[positions], "pos": np.asarray(positions)}, index=index)
    blank = pd.Series("", index=index, dtype=str)  # one empty column shared by every text field
    if coded:
        text = pd.Index([""], dtype=object)
        empty = pd.Categorical.from_codes(np.zeros(len(index), dtype=np.int8), categories=text)
        blank = pd.Series(empty, index=index, copy=False)
    for name in TEXT_FIELDS:
        draft[name] = blank
    never = pd.Series(pd.NaT, index=index, dtype="datetime64[s]")  # (one column shared until written)
    for name in ("meeting_date", "join", "leave"):
        draft[name] = never
    draft["minutes"] = np.nan
    draft["checked_in"] = pd.Series(None, index=index, dtype=object) if not coded else _nothing(index)
    return draft


def _nothing(index: pd.Index) -> pd.Series:
    """A coded column with no value on any row (no million-row column of None to factorise)."""
    codes = np.full(len(index), -1, dtype=np.int8)
    return pd.Series(pd.Categorical.from_codes(codes, categories=pd.Index([], dtype=object)), index=index)


def finish(
    draft: pd.DataFrame, rejects: Rejects, file_name: str, opts: Options
) -> tuple[pd.DataFrame, pd.DataFrame | None, int]:
    """Clean the draft, reject rows without a name or email, collapse repeats; raise if nothing is left.
    Returns the rows, their :data:`refresh_core.ingest.model.CODE_COLUMNS` (None when rows were
    collapsed: the codes of a collapsed row's mixed cells are left to the planner) and how many rows
    were collapsed into another (a person's second join of a meeting)."""
    found = cleaned.who(draft, original=opts.original_names, guest_suffix=opts.guest_suffix)
    missing = found.blank & found.emails.isna().to_numpy(dtype=bool)
    rejects.add(
        draft[missing], opts.name_column, "no name and no email address",
        "Fill in the name or email, or delete the row, then upload again.",
    )  # fmt: skip
    keep = ~missing
    if not keep.any():
        raise rejects.error(file_name)
    if not keep.all():  # (the usual case keeps every row: no copy of every column)
        draft, found = draft[keep], found.subset(keep)
    people = _unstacked(cleaned.people(draft, found), draft.index)
    rejects.sheet.warnings.extend([
        *unread_values(draft, people["meeting_kind"], field="meeting_kind", label="Meeting type",
                       fallback=_KIND_FALLBACK),
        *unread_values(draft, people["affiliation"], field="affiliation", label="Affiliation",
                       fallback=_AFFILIATION_FALLBACK),
    ])  # fmt: skip
    collapsed = _collapse(people)
    codes = collapsed[list(_CODES)].rename(columns=_CODES) if "_person" in collapsed else None
    return _to_output(collapsed), codes, len(people) - len(collapsed)


_KIND_FALLBACK = (
    "that meeting takes its kind from its title, else 'other' (kinds: launch, quarterly, refresh, "
    "action team, other)"
)


_AFFILIATION_FALLBACK = (
    "that person's organisation is classified by its name instead (affiliations: industry, business, "
    "employer...; public partner, education, workforce, government, economic development, community)"
)


def unread_values(
    draft: pd.DataFrame, read: pd.Series, *, field: str, label: str, fallback: str
) -> list[str]:
    """One warning per distinct non-empty cell of ``field`` that reads as nothing, with its lines."""
    return vocabulary.unread_warnings(draft[field], read, draft["line"], label=label, what_happens=fallback)


def _unstacked(columns: dict[str, Any], index: pd.Index) -> pd.DataFrame:
    """A frame of these columns as they are: ``pd.DataFrame(dict)`` would copy every object column into
    one block (a third of a second for a million rows)."""
    frame = pd.DataFrame(index=index)
    for name, values in columns.items():
        frame[name] = values
    return frame


def _group_codes(people: pd.DataFrame) -> tuple[np.ndarray, bool]:
    """(one integer per (person, meeting date, meeting title), whether any two rows share one): worked
    out once per distinct raw person (``_person``) and meeting (``_meeting``), whose cleaned cells are
    equal on every row they code, then one small integer per row (no hashing of a million rows)."""
    persons, meetings = people["_person"].to_numpy(), people["_meeting"].to_numpy()
    who = people.iloc[first_rows(persons)]
    when = people.iloc[first_rows(meetings)]
    person, _ = pd.factorize(classify.person_codes(who["name"], who["email"]))
    day, _ = pd.factorize(when["meeting_date"], use_na_sentinel=False)
    title = classify.folded_codes(when["meeting_title"])
    meeting, _ = pd.factorize(day * (int(title.max(initial=0)) + 1) + title)
    width = int(meeting.max(initial=0)) + 1
    codes = person[persons] * width + meeting[meetings]
    size = (int(person.max(initial=0)) + 1) * width
    if size <= 4 * len(codes) + 1024:  # (a count per possible code: cheaper than hashing the rows)
        return codes, bool(len(codes)) and int(np.bincount(codes, minlength=size).max()) > 1
    return codes, bool(pd.Series(codes, copy=False).duplicated().any())


def _collapse(people: pd.DataFrame) -> pd.DataFrame:
    """One row per person and meeting: minutes summed (capped by the time span), flags combined."""
    codes, repeats = _group_codes(people)
    if not repeats:
        if people["line"].is_monotonic_increasing:  # (the usual order: no copy of every column)
            return people.reset_index(drop=True)
        return people.sort_values("line", kind="stable").reset_index(drop=True)
    grouped = people.groupby(codes, sort=False)
    out = grouped.agg(
        line=("line", "min"), name=("name", "first"), meeting_date=("meeting_date", "first"),
        meeting_title=("meeting_title", "first"), role=("role", "max"), checked_in=("checked_in", "max"),
        join=("join", "min"), leave=("leave", "max"), sessions=("line", "size"),
    )  # fmt: skip
    for name in _FIRST_FIELDS:
        out[name] = grouped[name].first()
    out["minutes"] = grouped["minutes"].sum(min_count=1)
    span = pd.Series(whole_minutes((out["leave"] - out["join"]).dt.total_seconds() / 60), index=out.index)
    too_long = span.notna() & (span >= 0) & (out["minutes"] > span + out["sessions"])
    out["minutes"] = out["minutes"].where(~too_long, span)
    return out.sort_values("line", kind="stable").reset_index(drop=True)


def _nullable(values: pd.Series) -> pd.Series:
    """Objects with None where a value is missing (never NaN): a coded column spelled out (see
    :mod:`refresh_core.ingest.cleaned`); an object column with nothing missing as it is, without a copy."""
    if is_coded(values):
        return spelled(values)
    missing = values.isna().to_numpy(dtype=bool)
    if values.dtype == object and not missing.any():
        return values
    text = values if values.dtype == object else values.astype(object)
    return text.where(~missing, None)


def _spread(values: pd.Series, func: Callable[[Any], object]) -> pd.Series:
    """``func`` of each distinct value (missing ones included), spread to every row as objects: one
    Python object per distinct value, however many rows repeat it."""
    if values.dtype.kind == "f" and len(values) and bool(np.isnan(values.to_numpy()).all()):  # (nothing
        # there, as minutes and check-ins of a sheet without them: no factorising a million NaN)
        return pd.Series(np.full(len(values), func(np.nan), dtype=object), index=values.index, copy=False)
    codes, uniques = pd.factorize(values, use_na_sentinel=False)
    table = np.empty(len(uniques), dtype=object)
    table[:] = [func(u) for u in uniques]
    return pd.Series(table[codes], index=values.index, dtype=object, copy=False)


def _date(value: Any) -> object:
    return None if pd.isna(value) else value.date()


def _whole(value: Any) -> object:
    return None if pd.isna(value) else int(value)


def _flag(value: Any) -> object:
    return True if value == 1.0 else False if value == 0.0 else None


def _names(values: pd.Series) -> pd.Series:
    """The name column as text ("" where missing)."""
    return spelled(values, "") if is_coded(values) else values.fillna("").astype(object)


def _to_output(frame: pd.DataFrame) -> pd.DataFrame:
    """Public dtypes: object columns holding str/date/int/bool or None (never NaN), each built from the
    column's distinct values (a million rows of 120 meetings hold 120 date objects, 20,000 people 20,000
    names): the one step that spells out the rows."""
    rank_to_role = {rank: role for role, rank in classify.ROLE_RANK.items()}
    out = {
        "line": frame["line"].astype("int64"),
        "name": _names(frame["name"]),
        "meeting_date": _spread(frame["meeting_date"], _date),
        "role": _spread(frame["role"], lambda rank: rank_to_role.get(rank, np.nan)),
        "minutes": _spread(frame["minutes"], _whole),
        "checked_in": _spread(frame["checked_in"], _flag),
    }
    for name in [*_FIRST_FIELDS, "meeting_title"]:
        out[name] = _nullable(frame[name])
    return pd.DataFrame({name: out[name] for name in ROW_COLUMNS}, index=frame.index, copy=False)
