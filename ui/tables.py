"""Showing a table the way every page should: plain labels, no index, blank cells for missing
values, dates as dates, and a sentence saying what to do when there is nothing to show.

Streamlit draws a missing value as a grey "None" and a date column as "2026-11-20 00:00:00";
:func:`shown` turns a frame and its column config into one that reads right: dates get the
"20 Nov 2026" format, and a column with missing values becomes text with blank cells."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Any

import numpy as np
import pandas as pd
import streamlit as st

from refresh_core import words
from ui.session import md

DATE_FORMAT = "D MMM YYYY"  # the column config's moment.js format: 20 Nov 2026
# Every st.date_input's format (tests/test_date_inputs.py keeps it so). Streamlit's date picker cannot
# write "20 Nov 2026" (it offers YYYY/MM/DD, DD/MM/YYYY and MM/DD/YYYY, with / - or .); year first
# reads the same to a US and an international convener, where 03/04 is March or April.
DATE_INPUT_FORMAT = "YYYY-MM-DD"


def _is_dates(column: pd.Series) -> bool:
    """True for a datetime column, or an object column holding only dates."""
    if pd.api.types.is_datetime64_any_dtype(column):
        return True
    values = column.dropna()
    return bool(len(values)) and bool(values.map(lambda v: isinstance(v, dt.date)).all())


def _date_text(value: Any, *, with_time: bool) -> str:
    """``value`` as "20 Nov 2026" (with "14:05" when the column has times), blank when missing."""
    if value is None or pd.isna(value):
        return ""
    stamp = pd.Timestamp(value)
    return words.day(stamp) + (f" {stamp:%H:%M}" if with_time else "")


def _dates_text(column: pd.Series) -> tuple[list[str], bool]:
    """A date column as "20 Nov 2026" texts (with "14:05" when it has times), and whether it has times."""
    stamps = pd.to_datetime(column, errors="coerce")
    with_time = bool((stamps.dropna() != stamps.dropna().dt.normalize()).any())
    return [_date_text(v, with_time=with_time) for v in column], with_time


def _cell_text(value: Any) -> str:
    """``value`` as text: blank when missing, whole numbers without ".0"."""
    if isinstance(value, np.ndarray):  # a list column from DuckDB's frames
        value = value.tolist()
    if isinstance(value, (list, tuple, dict)):
        return ", ".join(str(v) for v in value) if not isinstance(value, dict) else str(value)
    if value is None or pd.isna(value):
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def as_text(config: Any, name: str) -> dict[str, Any]:
    """A text column keeping ``config``'s label, help and width (its type cannot show blanks)."""
    if isinstance(config, Mapping):
        kept = {k: v for k, v in config.items() if k != "type_config"}
        kept.setdefault("label", name)
        return kept
    return {"label": config if isinstance(config, str) else name}


def shown(
    frame: pd.DataFrame, labels: Mapping[str, Any] | None = None
) -> tuple[pd.DataFrame, dict[str, Any]]:
    """``frame`` and its column config, made to read right (see the module docstring)."""
    config: dict[str, Any] = dict(labels or {})
    out = frame.copy()
    for name in frame.columns:
        column, given = frame[name], config.get(name)
        if given is None and name in config:  # hidden by the caller
            continue
        typed = isinstance(given, Mapping) and "type_config" in given
        missing = bool(column.isna().any())
        if _is_dates(column):
            texts, with_time = _dates_text(column)
            if missing or with_time:
                out[name] = texts
                config[name] = as_text(given, str(name))
            elif not typed:
                label = given.get("label", name) if isinstance(given, Mapping) else (given or name)
                config[name] = st.column_config.DateColumn(str(label), format=DATE_FORMAT)
        elif missing and column.dtype != bool:
            out[name] = [_cell_text(v) for v in column]
            if typed:
                config[name] = as_text(given, str(name))
    return out, config


def table(
    frame: pd.DataFrame,
    *,
    empty: str,
    labels: Mapping[str, Any] | None = None,
    order: list[str] | None = None,
) -> None:
    """``frame`` as a read-only table with ``labels`` (column -> words or a column config),
    or ``empty`` (what to do next) when it has no rows. Missing values show as blank cells,
    dates as "20 Nov 2026"."""
    if frame.empty:
        st.info(empty, icon=":material/info:")
        return
    data, config = shown(frame, labels)
    st.dataframe(data, hide_index=True, width="stretch", column_config=config, column_order=order)


def _header(config: Any, name: str) -> str:
    """The words over a column: its config's label, the words given, or its name."""
    if isinstance(config, Mapping):
        return str(config.get("label") or name)
    return config if isinstance(config, str) else name


def reading(
    frame: pd.DataFrame,
    *,
    empty: str,
    labels: Mapping[str, Any] | None = None,
    order: list[str] | None = None,
) -> None:
    """``frame`` as a read-only table for reading, its long texts wrapped onto more lines (a static
    ``st.table``): every word shows at any window width, with no cell cut off and nothing to hover or
    widen. For tables of long text read, not worked in (a champion's plan). ``labels`` and ``order`` as
    for :func:`table` (a column whose label is None is left out); dates read "20 Nov 2026" and stay on
    one line. ``st.table`` reads Markdown, so every cell is escaped: user text shows as typed."""
    if frame.empty:
        st.info(empty, icon=":material/info:")
        return
    given = dict(labels or {})
    names = [c for c in (order or list(frame.columns)) if not (c in given and given[c] is None)]
    out: dict[str, list[str]] = {}
    for name in names:
        column = frame[name]
        if _is_dates(column):  # (a date never breaks across lines: its spaces are non-breaking)
            texts = [t.replace(" ", "\u00a0") for t in _dates_text(column)[0]]
        else:
            texts = [_cell_text(v) for v in column]
        out[md(_header(given.get(name), str(name)))] = [md(t) for t in texts]
    st.table(pd.DataFrame(out), hide_index=True)
