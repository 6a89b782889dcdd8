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
) -> pd.DataFrame:
    """``frame`` as an editable table under ``key``; the edited frame (see the module docstring)."""
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
    )
    return edited
