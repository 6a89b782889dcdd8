"""Duration cells to minutes: '94', '1h 54m', '6m 15s', '2 h 44 m', '01:05:00', '45 mins'."""

from __future__ import annotations

import numpy as np
import pandas as pd

from refresh_core.ingest.arrowtext import SPACES, extract, regex, replace

_NUMBER = r"[0-9]+(?:[.,][0-9]+)?"
_HOURS = r"(?:h|hr|hrs|hours?|heures?|horas?|ore|uur|std|stunden?|時間)"
_MINUTES = r"(?:m|mn|min|mins|minutes?|minutos?|minuti|minuten?|分)"
_SECONDS = r"(?:s|sec|secs|seconds?|segundos?|secondes?|secondi|sekunden?|秒)"
_UNITS = regex(
    rf"^(?:(?P<h>{_NUMBER}) *{_HOURS}\.?,? *)?(?:(?P<m>{_NUMBER}) *{_MINUTES}\.?,? *)?"
    rf"(?:(?P<s>{_NUMBER}) *{_SECONDS}\.?)?$",
    ignore_case=True,
)
_CLOCK = regex(r"^(?P<h>[0-9]{1,3}):(?P<m>[0-9]{2})(?::(?P<s>[0-9]{2})(?:\.[0-9]+)?)?$")
_PLAIN = regex(r"^(?P<m>[0-9]{1,6}(?:[.,][0-9]+)?)$")


def _num(series: pd.Series) -> pd.Series:
    return pd.to_numeric(series.astype(str).str.replace(",", ".", regex=False), errors="coerce")


def _minutes_from(found: pd.DataFrame) -> pd.Series:
    parts = [found[c] if c in found else pd.Series(np.nan, index=found.index) for c in ("h", "m", "s")]
    hours, minutes, seconds = (_num(p) for p in parts)
    any_part = hours.notna() | minutes.notna() | seconds.notna()
    total = hours.fillna(0) * 60 + minutes.fillna(0) + seconds.fillna(0) / 60
    return total.where(any_part)


def _parse_unique(uniq: pd.Series) -> pd.Series:
    text = replace(uniq, SPACES, " ").str.strip()
    result = pd.Series(np.nan, index=uniq.index, dtype=float)
    for pattern in (_PLAIN, _CLOCK, _UNITS):
        todo = result.isna() & (text != "")
        if not todo.any():
            break
        found = extract(text[todo], pattern)
        result = result.fillna(_minutes_from(found))
    return result.where(result < 100_000)


def whole_minutes(minutes: np.ndarray | pd.Series) -> np.ndarray:
    """Round to the nearest minute, but never turn a short visit (under half a minute) into 0."""
    values = np.asarray(minutes, dtype=float)
    rounded = np.floor(np.round(values, 6) + 0.5)
    return np.where((values > 0) & (rounded == 0), 1.0, rounded)


def parse_minutes(values: pd.Series) -> pd.Series:
    """Minutes as float (to the nearest whole minute), NaN for empty or unreadable cells."""
    codes, uniques = pd.factorize(values.astype(str), use_na_sentinel=True)
    uniq = pd.Series(np.asarray(uniques, dtype=object), dtype=str)
    parsed = whole_minutes(_parse_unique(uniq).to_numpy(dtype=float)) if len(uniq) else np.array([])
    taken = parsed[np.where(codes >= 0, codes, 0)] if len(uniq) else np.full(len(values), np.nan)
    return pd.Series(np.where(codes >= 0, taken, np.nan), index=values.index, dtype=float)
