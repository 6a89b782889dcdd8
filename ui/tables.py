"""Showing a table the way every page should: plain labels, no index, blanks for missing
values, and a sentence saying what to do when there is nothing to show."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import pandas as pd
import streamlit as st


def table(
    frame: pd.DataFrame,
    *,
    empty: str,
    labels: Mapping[str, Any] | None = None,
    order: list[str] | None = None,
) -> None:
    """``frame`` as a read-only table with ``labels`` (column -> words or a column config),
    or ``empty`` (what to do next) when it has no rows. Missing values show as blank cells."""
    if frame.empty:
        st.info(empty, icon=":material/info:")
        return
    shown = frame.astype(object).where(frame.notna(), None)
    st.dataframe(shown, hide_index=True, width="stretch", column_config=dict(labels or {}),
                 column_order=order)
