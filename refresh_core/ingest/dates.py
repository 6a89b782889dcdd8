"""Date and time cells: day-first or month-first decided per file, parsed on unique values."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable
from dataclasses import dataclass

import numpy as np
import pandas as pd

from refresh_core import words
from refresh_core.ingest.arrowtext import SMALL, extract, regex
from refresh_core.ingest.coded import distinct, is_coded

MONTH_FIRST = "month_first"
DAY_FIRST = "day_first"

_WEEKDAY = r"(?:%L+\.?,?%S+)?"
_TIME = (
    r"(?:(?:%S*,%S*|%S+(?:à|a|at|um|às|alle|klo)%S+|%S*T%S*|%S+)"
    r"(?P<H>[0-9]{1,2})[:h.](?P<M>[0-9]{2})(?:[:.](?P<S>[0-9]{2})(?:[.,][0-9]{1,9})?)?"
    r"%S*(?P<P>[AaPp]\.?%S?[Mm]\.?)?)?"
)
_ZONE = r"(?:%S*(?:Z|UTC|GMT|[A-Z]{3,5})?%S*(?:[+-][0-9]{1,2}(?::?[0-9]{2})?)?)?"
_END = _TIME + _ZONE + "$"
_NUMERIC = regex(
    "^" + _WEEKDAY + r"(?P<a>[0-9]{1,2})[/.\-](?P<b>[0-9]{1,2})[/.\-](?P<y>[0-9]{4}|[0-9]{2})\.?" + _END
)
_ISO = regex("^" + _WEEKDAY + r"(?P<y>[0-9]{4})[/.\-年](?P<m>[0-9]{1,2})[/.\-月](?P<d>[0-9]{1,2})日?" + _END)
_NAMED_MDY = regex(
    "^" + _WEEKDAY + r"(?P<mon>%L+)\.?%S+(?P<d>[0-9]{1,2})(?:st|nd|rd|th)?,?%S+(?P<y>[0-9]{4})" + _END
)
_NAMED_DMY = regex(
    "^" + _WEEKDAY + r"(?P<d>[0-9]{1,2})(?:st|nd|rd|th)?\.?%S+(?P<mon>%L+)\.?,?%S+(?P<y>[0-9]{4})" + _END
)
_SERIAL = regex(r"^(?P<n>[0-9]{5})(?:\.[0-9]+)?$")
_MONTHS = {
    "jan": 1, "feb": 2, "mar": 3, "apr": 4, "may": 5, "jun": 6,
    "jul": 7, "aug": 8, "sep": 9, "oct": 10, "nov": 11, "dec": 12,
}  # fmt: skip
_TIME_COLS = ["H", "M", "S", "P"]
_DIGITS = ("a", "b", "y", "m", "d", "H", "M", "S")


@dataclass(frozen=True)
class OrderEvidence:
    """How the numeric dates of a file vote on day-first against month-first."""

    day_first: int
    month_first: int
    ambiguous_example: str | None


def _uniques(values: Iterable[pd.Series]) -> pd.Series:
    parts = [_texts(v) for v in values if len(v)]
    if not parts:
        return pd.Series([], dtype=str)
    joined = pd.concat(parts, ignore_index=True)
    return pd.Series(joined[joined != ""].unique(), dtype=str)


def _texts(values: pd.Series) -> pd.Series:
    """The column as text; a column held as codes gives its distinct texts only, in order of first
    appearance (all the caller keeps: a million dated rows are not spelled out for 120 dates)."""
    if not is_coded(values):
        return values.astype(str)
    texts = np.append(np.asarray(values.cat.categories, dtype=object), "")  # (code -1, missing: "")
    return pd.Series(texts[pd.unique(np.asarray(values.cat.codes))], dtype=str)


def evidence(values: Iterable[pd.Series]) -> OrderEvidence:
    """Count numeric dates whose first field exceeds 12 (day first) or whose second does (month first)."""
    uniq = _uniques(values)
    parts = extract(uniq, _NUMERIC, ("a", "b"))
    first, second = parts["a"], parts["b"]
    day_first = int((first > 12).sum())
    month_first = int((second > 12).sum())
    ambiguous = uniq[(first <= 12) & (second <= 12) & (first != second)]
    example = str(ambiguous.iloc[0]) if len(ambiguous) else None
    return OrderEvidence(day_first, month_first, example)


def choose_order(values: Iterable[pd.Series], default: str) -> tuple[str, list[str]]:
    """Decide day-first or month-first for one file; warn when the caller's choice was needed."""
    ev = evidence(values)
    if ev.day_first and not ev.month_first:
        return DAY_FIRST, []
    if ev.month_first and not ev.day_first:
        return MONTH_FIRST, []
    if ev.day_first and ev.month_first:
        order = DAY_FIRST if ev.day_first > ev.month_first else MONTH_FIRST
        return order, [
            f"Some dates only make sense day first and others only month first; they were read "
            f"{_words(order)}. Dates that do not fit were set aside: check them in the file."
        ]
    if ev.ambiguous_example is None:
        return default, []
    read = parse_datetimes(pd.Series([ev.ambiguous_example], dtype=object), default).iloc[0]
    reading = (f", so {ev.ambiguous_example.split()[0]} is {words.day(read.date(), '%B %Y')}"
               if pd.notna(read) else "")  # fmt: skip
    return default, [
        f"Dates such as {ev.ambiguous_example!r} could be read day first or month first; they were "
        f"read {_words(default)}{reading}. If that is wrong, choose the other date order."
    ]


def _words(order: str) -> str:
    return "day first" if order == DAY_FIRST else "month first"


def _components(uniq: pd.Series, order: str) -> pd.DataFrame:
    """Year, month, day, hour, minute, second (floats, NaN when absent) and AM/PM per unique text."""
    num = extract(uniq, _NUMERIC, _DIGITS)
    first, second = ("b", "a") if order == DAY_FIRST else ("a", "b")
    parts = {"year": num["y"], "month": num[first], "day": num[second]}
    parts |= {c: num[c] for c in _TIME_COLS}
    for pattern in (_ISO, _NAMED_MDY, _NAMED_DMY):
        todo = parts["year"].isna()
        if not todo.any():
            break
        found = extract(uniq[todo], pattern, _DIGITS).reindex(uniq.index)
        if "mon" in found:
            found["m"] = found["mon"].str.lower().str[:3].map(_MONTHS)
        hit = found["y"].notna() & pd.to_numeric(found["m"], errors="coerce").notna()
        for key, src in (("year", "y"), ("month", "m"), ("day", "d"), ("H", "H"), ("M", "M"), ("S", "S")):
            parts[key] = parts[key].where(~hit, found[src])
        parts["P"] = parts["P"].astype(object).where(~hit, found["P"])
    return pd.DataFrame(parts, index=uniq.index)


def _assemble(parts: pd.DataFrame) -> pd.Series:
    year = pd.to_numeric(parts["year"], errors="coerce")
    year = year.where(year >= 100, year + np.where(year < 70, 2000, 1900))
    hour = pd.to_numeric(parts["H"], errors="coerce").fillna(0)
    pm = parts["P"].astype(str).str.lower().str.startswith("p")
    am = parts["P"].astype(str).str.lower().str.startswith("a")
    hour = hour.where(~(pm & (hour < 12)), hour + 12).where(~(am & (hour == 12)), 0)
    minute = pd.to_numeric(parts["M"], errors="coerce").fillna(0)
    second = pd.to_numeric(parts["S"], errors="coerce").fillna(0)
    valid = (year >= 1900) & (year <= 2200) & (hour <= 23) & (minute <= 59) & (second <= 59)
    frame = pd.DataFrame(
        {
            "year": year.where(valid),
            "month": pd.to_numeric(parts["month"], errors="coerce"),
            "day": pd.to_numeric(parts["day"], errors="coerce"),
            "hour": hour,
            "minute": minute,
            "second": second,
        }
    )
    if frame.empty:
        return pd.Series(pd.NaT, index=parts.index, dtype="datetime64[s]")
    return pd.to_datetime(frame, errors="coerce").astype("datetime64[s]")


def _serials(uniq: pd.Series) -> pd.Series:
    days = pd.to_numeric(extract(uniq, _SERIAL)["n"], errors="coerce")
    days = days.where((days >= 20000) & (days <= 80000))
    base = pd.Timestamp("1899-12-30")
    return (base + pd.to_timedelta(days, unit="D")).astype("datetime64[s]")


def _build(match: re.Match[str], year_text: str, month: int, day: int) -> dt.datetime | None:
    year = int(year_text)
    year += (2000 if year < 70 else 1900) if year < 100 else 0
    if not 1900 <= year <= 2200:
        return None
    hour, minute, second = (int(match[g]) if match[g] else 0 for g in ("H", "M", "S"))
    marker = (match["P"] or "").lower()
    if marker.startswith("p") and hour < 12:
        hour += 12
    elif marker.startswith("a") and hour == 12:
        hour = 0
    try:
        return dt.datetime(year, month, day, hour, minute, second)
    except ValueError:
        return None


def parse_one(text: str, order: str) -> dt.datetime | None:
    """One cell, by the same rules as the vectorised path (which big columns use)."""
    match = _NUMERIC.py.fullmatch(text)
    if match:
        first, second = int(match["a"]), int(match["b"])
        if order == DAY_FIRST:
            return _build(match, match["y"], second, first)
        return _build(match, match["y"], first, second)
    for rx in (_ISO, _NAMED_MDY, _NAMED_DMY):
        match = rx.py.fullmatch(text)
        if match is None:
            continue
        groups = match.groupdict()
        month = _MONTHS.get(groups["mon"].lower()[:3]) if "mon" in groups else int(groups["m"])
        if month is not None:
            return _build(match, match["y"], month, int(match["d"]))
    serial = _SERIAL.py.fullmatch(text)
    if serial and 20000 <= int(serial["n"]) <= 80000:
        return dt.datetime(1899, 12, 30) + dt.timedelta(days=int(serial["n"]))
    return None


def _parse_unique(uniq: pd.Series, order: str) -> np.ndarray:
    if len(uniq) < SMALL:
        found = [parse_one(str(text), order) for text in uniq]
        return np.array([np.datetime64(d, "s") if d else np.datetime64("NaT", "s") for d in found])
    parsed = _assemble(_components(uniq, order)).fillna(_serials(uniq))
    return np.asarray(parsed.to_numpy(), dtype="datetime64[s]")


def parse_datetimes(values: pd.Series, order: str) -> pd.Series:
    """Parse text cells to datetime64 (NaT when empty or unreadable), keeping the input index."""
    if is_coded(values):  # (a large file's column: its codes and distinct texts as they are)
        codes, uniq = distinct(values)
    else:
        codes, uniques = pd.factorize(values.astype(str), use_na_sentinel=True)
        uniq = pd.Series(np.asarray(uniques, dtype=object), dtype=str)
    if not len(uniq):
        return pd.Series(pd.NaT, index=values.index, dtype="datetime64[s]")
    taken = _parse_unique(uniq, order)[np.where(codes >= 0, codes, 0)]
    result = pd.Series(taken, index=values.index, dtype="datetime64[s]")
    return result.where(codes >= 0)


def unreadable(values: pd.Series, parsed: pd.Series) -> pd.Series:
    """True where a cell has text that did not parse as a date."""
    return (values != "" if is_coded(values) else values.astype(str) != "") & parsed.isna()
