"""Tables in and out: reading cells of edited tables, and spreadsheet exports that are safe to open.

Cells of ``st.data_editor`` output can be None, NaN, NaT, pandas NA, strings,
numbers or timestamps; :func:`blank`, :func:`text`, :func:`day` and
:func:`whole` turn them into plain Python values. :func:`to_safe_csv` writes CSV
text that Excel will not execute as formulas.
"""

from __future__ import annotations

import datetime as dt
import io
import re
from typing import Any

import pandas as pd


def blank(value: Any) -> bool:
    """True for None, NaN, NaT, pandas NA and whitespace-only text."""
    if value is None:
        return True
    if isinstance(value, str):
        return not value.strip()
    try:
        return bool(pd.isna(value))
    except (TypeError, ValueError):
        return False


def text(value: Any) -> str:
    """The cell as text with whitespace collapsed ("" when blank)."""
    return "" if blank(value) else " ".join(str(value).split())


def day(value: Any) -> dt.date | None:
    """The cell as a date (None when blank)."""
    if blank(value):
        return None
    if isinstance(value, dt.date) and not isinstance(value, dt.datetime):
        return value
    return pd.Timestamp(value).date()


def whole(value: Any) -> int | None:
    """The cell as an int (None when blank)."""
    return None if blank(value) else int(value)


FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def neutralise_cell(value: object) -> object:
    """Prefix text that a spreadsheet would treat as a formula with an apostrophe."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


_ENTITY = re.compile(r"&(?=#?\w+;)")  # only an '&' that would start an entity needs escaping
_MD_SPECIAL = re.compile(r"([\\`*_\[\]|~#!])")


def markdown_text(value: object) -> str:
    """User text made safe inside a Markdown document: one line, HTML inert (``<``, ``>`` and an entity's
    ``&`` as entities), Markdown marks escaped, and a leading formula character escaped (so neither a viewer
    nor a spreadsheet the text is pasted into runs it)."""
    text = " ".join(str(value).split())
    text = _ENTITY.sub("&amp;", text).replace("<", "&lt;").replace(">", "&gt;")
    text = _MD_SPECIAL.sub(r"\\\1", text)
    return "\\" + text if text.startswith(FORMULA_STARTS) else text


def safe_frame(frame: pd.DataFrame) -> pd.DataFrame:
    """A copy of ``frame`` whose text cells (and headers) cannot run as formulas."""
    out = frame.copy()
    out.columns = [str(neutralise_cell(str(c))) for c in out.columns]
    for column in out.columns:
        if out[column].dtype == object or pd.api.types.is_string_dtype(out[column]):
            out[column] = out[column].map(neutralise_cell)
    return out


def to_safe_csv(frame: pd.DataFrame) -> bytes:
    """UTF-8 CSV (with BOM, so Excel reads accents right) with formulas neutralised."""
    buffer = io.StringIO()
    safe_frame(frame).to_csv(buffer, index=False, lineterminator="\r\n")
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")
