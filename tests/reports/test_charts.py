"""The Health overview's charts speak a convener's words."""

from __future__ import annotations

import datetime as dt

import pandas as pd

from refresh_core.reports.charts import ratio_chart


def test_the_ratio_charts_axis_says_what_the_number_is() -> None:
    """The line of industry leaders per public partner is labelled so, not "Ratio" (the walk-through's
    finding), on its axis and in its tooltip."""
    days = [dt.date(2026, 3, 5), dt.date(2026, 6, 4)]
    balance = pd.DataFrame({"date": days, "title": ["Spring", "Summer"], "ratio": [1.5, 0.8]})
    spec = ratio_chart(balance).to_dict()
    line = spec["layer"][0]["encoding"]
    assert " ".join(line["y"]["title"]) == "Industry leaders per public partner"
    assert [t.get("title") for t in line["tooltip"]] == ["Meeting", "Industry leaders per public partner"]
