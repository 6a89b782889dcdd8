"""Every editable table: no index, the page's width, and empty cells that look empty.

Streamlit draws a missing value in an editable table as a grey "None", which reads as if someone had
typed the word (an asker nobody chose yet, a follow-up not done yet, a phone number nobody has).
:func:`editor` is the one way pages show an ``st.data_editor``: its empty cells are blank unless the
caller names a word for them (``placeholder``), and what comes back is Streamlit's edited frame,
unchanged (empty cells still None, for :mod:`refresh_core.tables` to read).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any, Literal

import pandas as pd
import streamlit as st

EMPTY_CELL = ""  # what an empty editable cell shows (Streamlit's own default is "None")
# A row tall enough for three lines of text: in rows taller than 4rem (64 px) Streamlit's grid wraps a text
# cell's words onto more lines instead of cutting them off with "…" at the column's edge.
WRAPPED_ROW = 72
GRID_FRAME = 38  # px: the grid's header row and its borders


def editor(
    frame: pd.DataFrame,
    *,
    key: str,
    column_config: Mapping[str, Any] | None = None,
    disabled: bool | Iterable[str] = False,
    num_rows: Literal["fixed", "dynamic", "add", "delete"] = "fixed",
    placeholder: str = EMPTY_CELL,
    column_order: Iterable[str] | None = None,
    height: int | Literal["auto"] = "auto",
    wrap: bool = False,
) -> pd.DataFrame:
    """``frame`` as an editable table under ``key``; the edited frame (see the module docstring).
    With ``wrap``, rows are three lines tall and long texts wrap (for cells read whole, such as whom an
    item names), and the table is as tall as its rows (its automatic height would hide some of them)."""
    if wrap and height == "auto":
        height = GRID_FRAME + WRAPPED_ROW * (len(frame) + (num_rows != "fixed"))
    edited: pd.DataFrame = st.data_editor(
        frame,
        key=key,
        hide_index=True,
        width="stretch",
        height=height,
        column_config=dict(column_config or {}),
        column_order=column_order,
        disabled=disabled,
        num_rows=num_rows,
        placeholder=placeholder,
        row_height=WRAPPED_ROW if wrap else None,
    )
    return edited
