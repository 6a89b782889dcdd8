"""The Health overview's charts speak a convener's words."""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

import altair as alt
import pandas as pd
import vl_convert as vlc

from refresh_core.health.overview import ratio_takeaway
from refresh_core.reports.charts import balance_chart, newcomers_chart, ratio_chart, teams_chart
from ui.charts import funnel_chart


def test_the_ratio_charts_axis_says_what_the_number_is() -> None:
    """The line of industry leaders per public partner is labelled so, not "Ratio" (the walk-through's
    finding), on its axis and in its tooltip."""
    days = [dt.date(2026, 3, 5), dt.date(2026, 6, 4)]
    balance = pd.DataFrame({"date": days, "title": ["Spring", "Summer"], "ratio": [1.5, 0.8]})
    spec = ratio_chart(balance).to_dict()
    line = spec["layer"][0]["encoding"]
    assert " ".join(line["y"]["title"]) == "Industry leaders per public partner"
    assert [t.get("title") for t in line["tooltip"]] == ["Meeting", "Industry leaders per public partner"]


def _tooltips(spec: dict[str, Any]) -> list[dict[str, Any]]:
    """Every tooltip entry of a chart spec, wherever it sits (layers included)."""
    found: list[dict[str, Any]] = []
    for layer in spec.get("layer", [spec]):
        tips = layer.get("encoding", {}).get("tooltip", [])
        found += [t if isinstance(t, dict) else {"field": t} for t in tips]
    return found


def test_every_tooltip_names_its_values_in_words() -> None:
    """Hovering a bar shows "Who: Industry leaders", "People: 6", "Status: Asked", "Prospects: 5", never the
    data's column names ("who", "people", "label"): every tooltip line has a title."""
    days = [dt.date(2026, 3, 5), dt.date(2026, 6, 4)]
    balance = pd.DataFrame({"date": days, "title": ["Spring", "Summer"], "kind": ["quarterly", "refresh"],
                            "industry": [6, 9], "public_partner": [4, 5], "unclassified": [0, 0]})
    newcomers = pd.DataFrame({"date": days, "title": ["Spring", "Summer"], "new": [1, 2],
                              "returning": [5, 7]})
    teams = pd.DataFrame({"team": ["Youth"], "industry": [3], "public_partner": [1]})
    funnel = pd.DataFrame({"status": ["asked"], "label": ["Asked"], "people": [5], "open": [True]})
    charts = [balance_chart(balance), newcomers_chart(newcomers), teams_chart(teams), funnel_chart(funnel)]
    for chart in charts:
        tips = _tooltips(chart.to_dict())
        assert tips and all(t.get("title") for t in tips), tips
    assert {"Who", "People", "Status", "Prospects", "Action team"} <= {
        t["title"] for c in charts for t in _tooltips(c.to_dict())}


def test_counts_of_people_get_whole_number_axes() -> None:
    """With one or two people per meeting the axes show 0, 1, 2: never half a person (0.5, 1.5)."""
    days = [dt.date(2026, 3, 5), dt.date(2026, 6, 4)]
    balance = pd.DataFrame({"date": days, "title": ["Spring", "Summer"], "kind": ["quarterly", "quarterly"],
                            "industry": [1, 2], "public_partner": [0, 1], "unclassified": [0, 0]})
    newcomers = pd.DataFrame({"date": days, "title": ["Spring", "Summer"], "new": [1, 0],
                              "returning": [0, 1]})
    bars = balance_chart(balance).to_dict()["layer"][0]["encoding"]["y"]["axis"]
    new = newcomers_chart(newcomers).to_dict()["encoding"]["y"]["axis"]
    for axis in (bars, new):
        assert axis["tickMinStep"] == 1 and axis["format"] == "d"


def _labels(chart: alt.TopLevelMixin) -> list[str]:
    """The texts of a chart as the PDF renders it (vl-convert), at the PDF's size."""
    svg = vlc.vegalite_to_svg(chart.properties(width=330, height=130).to_json())
    return re.findall(r"<text[^>]*>([^<]*)</text>", svg)


def test_the_pdf_draws_whole_people_on_small_charts() -> None:
    """The PDF's renderer ignored tickMinStep and printed 0, 1, 1, 2, 2 (ticks at 0.5 rounded): each
    chart's count axis reads 0, 1, 2 for a meeting of one or two people."""
    days = pd.to_datetime(["2022-11-05", "2025-01-16"])
    newcomers = pd.DataFrame({"date": days, "title": ["a", "b"], "new": [2, 1], "returning": [0, 0]})
    balance = pd.DataFrame({"date": days, "title": ["a", "b"], "kind": ["quarterly", "refresh"],
                            "industry": [2, 1], "public_partner": [0, 0], "unclassified": [1, 2]})
    for chart in (newcomers_chart(newcomers), balance_chart(balance)):
        numbers = [t for t in _labels(chart) if t.isdigit()]
        assert numbers == ["0", "1", "2"], numbers


def test_no_public_partner_anywhere_is_said_in_words() -> None:
    """When no public partner came to any meeting the ratio chart would be an empty frame with the 1:1
    line; the page says why instead."""
    days = [dt.date(2026, 3, 5), dt.date(2026, 6, 4)]
    none = pd.DataFrame({"date": days, "industry": [4, 5], "public_partner": [0, 0],
                         "ratio": [float("nan")] * 2})
    some = none.assign(public_partner=[0, 2], ratio=[float("nan"), 2.5])
    assert "no public partner" in ratio_takeaway(none).lower()
    assert ratio_takeaway(some) == ("1 of 2 meetings had no public partner, so it has no point on "
                                    "this line.")
    assert ratio_takeaway(some.assign(public_partner=[1, 2], ratio=[4.0, 2.5])) == ""


def test_meetings_in_one_month_get_their_own_dates_on_the_axis() -> None:
    """Regression (first-hour walk): three Zoom meetings in February 2022 were labelled "Feb 2022",
    "Feb 2022", "Feb 2022" under the room and newcomer charts, so nobody could tell which bar was which
    meeting; when two meetings share a month each label carries its day."""
    days = pd.to_datetime(["2021-11-19", "2022-02-01", "2022-02-10", "2022-02-24"])
    balance = pd.DataFrame({"date": days, "title": list("abcd"), "kind": ["quarterly"] * 4,
                            "industry": [27, 0, 0, 0], "public_partner": [0, 0, 0, 0],
                            "unclassified": [0, 78, 71, 69]})
    balance["ratio"] = float("nan")
    newcomers = pd.DataFrame({"date": days, "title": list("abcd"), "new": [27, 1, 0, 0],
                              "returning": [0, 0, 1, 1]})
    for chart in (balance_chart(balance), newcomers_chart(newcomers), ratio_chart(balance)):
        labels = _labels(chart)
        assert "Feb 2022" not in labels, labels
        assert {"1 Feb 2022", "10 Feb 2022", "24 Feb 2022", "19 Nov 2021"} <= set(labels), labels


def test_meetings_in_different_months_keep_month_labels() -> None:
    """A quarterly rhythm (one meeting a month at most) keeps the short "Mar 2026" labels."""
    days = pd.to_datetime(["2026-03-05", "2026-06-04"])
    newcomers = pd.DataFrame({"date": days, "title": ["a", "b"], "new": [2, 1], "returning": [0, 1]})
    labels = _labels(newcomers_chart(newcomers))
    assert {"Mar 2026", "Jun 2026"} <= set(labels), labels


def test_the_tallest_bar_and_its_label_stay_inside_the_frame() -> None:
    """Regression (walk #7): in the PDF the Sep 2023 bar (24 people) ran into the top of both charts'
    frames, under the "Launch" label. The count axis now reaches a fifth above the tallest bar (the room
    chart's side-by-side bars; the newcomers chart's stack of first-timers and returning leaders)."""
    days = pd.to_datetime(["2023-09-14", "2024-03-21"])
    balance = pd.DataFrame({"date": days, "title": ["a", "b"], "kind": ["launch", "quarterly"],
                            "industry": [24, 21], "public_partner": [6, 6], "unclassified": [0, 1]})
    newcomers = pd.DataFrame({"date": days, "title": ["a", "b"], "new": [24, 6], "returning": [0, 15]})
    room = balance_chart(balance).to_dict()["layer"][0]["encoding"]["y"]["scale"]
    stack = newcomers_chart(newcomers).to_dict()["encoding"]["y"]["scale"]
    assert room["domainMin"] == 0 and room["domainMax"] >= 24 * 1.2
    assert stack["domainMin"] == 0 and stack["domainMax"] >= 24 * 1.2
    assert "Launch" in _labels(balance_chart(balance))
