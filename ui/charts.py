"""Altair chart builders for the pages (data comes aggregated from the core).

The Health overview's charts live in ``refresh_core.reports.charts`` so the PDF
report draws the very same specifications; they are re-exported here.
"""

from __future__ import annotations

import altair as alt
import pandas as pd

from refresh_core.reports.charts import (
    INDUSTRY,
    NEW,
    PUBLIC,
    RETURNING,
    balance_chart,
    newcomers_chart,
    ratio_chart,
    teams_chart,
)

__all__ = [
    "INDUSTRY",
    "NEW",
    "PUBLIC",
    "RETURNING",
    "balance_chart",
    "funnel_chart",
    "newcomers_chart",
    "ratio_chart",
    "teams_chart",
]


def funnel_chart(funnel: pd.DataFrame) -> alt.Chart:
    """Prospects per pipeline status, those still to win in grey, answered ones in colour."""
    shown = funnel.assign(stage=funnel["open"].map({True: "Still to win", False: "Answered"}))
    chart: alt.Chart = alt.Chart(shown).mark_bar().encode(
        y=alt.Y("label:N", sort=list(shown["label"]), title=None, axis=alt.Axis(labelLimit=240)),
        x=alt.X("people:Q", title="Prospects", axis=alt.Axis(tickMinStep=1, format="d")),
        color=alt.Color(
            "stage:N",
            scale=alt.Scale(domain=["Still to win", "Answered"], range=[RETURNING, INDUSTRY]),
            title=None,
        ),
        tooltip=[alt.Tooltip("label:N", title="Status"), alt.Tooltip("people:Q", title="Prospects")],
    ).properties(height=230)
    return chart
