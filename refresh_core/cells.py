"""Reading single cells of edited tables (``st.data_editor`` output) safely.

Cells can be None, NaN, NaT, pandas NA, strings, numbers or timestamps;
these helpers turn them into plain Python values.
"""

from __future__ import annotations

import datetime as dt
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
