"""The Altair chart specifications of the Health overview, shared by the pages and the PDF report.

Pure specifications built from aggregated frames (no Streamlit): ``ui.charts``
re-exports them for the pages, and ``reports.pdf`` renders the same specs to
images with ``vl-convert``.
"""

from __future__ import annotations

from typing import cast

import altair as alt
import pandas as pd

INDUSTRY = "#1f6f8b"
PUBLIC = "#e08a3c"
NEW = "#2e9d5b"
RETURNING = "#9aa5b1"


UNCLASSIFIED = "#b3b9c0"
BANDS = {
    "industry": "Industry leaders",
    "public_partner": "Public partners",
    "unclassified": "Not classified yet",
}
EVENTS = {"launch": "Launch", "refresh": "Refresh"}
HEADROOM = 1.2  # the count axis runs a fifth above the tallest bar: room for it and its "Launch" label


def headroom(tallest: float) -> alt.Scale:
    """A count scale reaching ``HEADROOM`` times the tallest bar, so that bar (and a "Launch" or
    "Refresh" label over it) stays inside the chart's frame instead of running into its top edge."""
    return alt.Scale(domainMin=0, domainMax=tallest * HEADROOM) if tallest > 0 else alt.Scale()  # NaN: none


def meeting_axis(frame: pd.DataFrame) -> alt.X:
    """The x axis of one bar or point per meeting: "Mar 2026" labels, or "10 Feb 2022" ones when two
    meetings share a month (three bars all labelled "Feb 2022" cannot be told apart)."""
    months = pd.to_datetime(frame["date"]).dt.to_period("M") if len(frame) else pd.Series(dtype=object)
    fmt = "%-d %b %Y" if months.duplicated().any() else "%b %Y"
    return alt.X("yearmonthdate(date):O", title=None, axis=alt.Axis(format=fmt, labelAngle=-40))


def people_axis(channel: str = "y") -> alt.Axis:
    """The axis of a count of people on ``channel``: whole numbers, never 0.5. ``tickMinStep`` alone is
    ignored by the Vega that renders the PDF (vl-convert), so the tick count is also capped at the
    axis's span, which keeps the step at 1 or more."""
    cap = f"max(1, min(ceil({'height' if channel == 'y' else 'width'} / 40), span(domain('{channel}'))))"
    return alt.Axis(tickMinStep=1, format="d", tickCount=alt.ExprRef(expr=cap))


def balance_chart(balance: pd.DataFrame) -> alt.LayerChart:
    """Industry leaders, public partners and (when any) unclassified attendees per full meeting, side by
    side; launch and refresh meetings are labelled (they are left out of the trend)."""
    bands = [b for b in BANDS if b != "unclassified" or balance.get("unclassified", pd.Series()).sum() > 0]
    long = balance.melt(
        id_vars=["date", "title", "kind"], value_vars=bands, var_name="who", value_name="people"
    )
    long["who"] = long["who"].map(BANDS)
    x = meeting_axis(balance)
    colours = [INDUSTRY, PUBLIC, UNCLASSIFIED][: len(bands)]
    bars = alt.Chart(long).mark_bar().encode(
        x=x,
        xOffset=alt.XOffset("who:N", sort=[BANDS[b] for b in bands]),
        y=alt.Y("people:Q", title="People in the room", axis=people_axis(),
                scale=headroom(float(balance[bands].to_numpy().max(initial=0)))),
        color=alt.Color("who:N", scale=alt.Scale(domain=[BANDS[b] for b in bands], range=colours), title=None,
                        legend=alt.Legend(orient="top")),
        tooltip=[alt.Tooltip("title:N", title="Meeting"),
                 alt.Tooltip("date:T", title="Date", format="%-d %b %Y"),
                 alt.Tooltip("who:N", title="Who"), alt.Tooltip("people:Q", title="People")],
    )
    events = balance[balance["kind"].isin(list(EVENTS))].assign(
        label=lambda f: f["kind"].map(EVENTS), top=lambda f: f[bands].max(axis=1)
    )
    marks = alt.Chart(events).mark_text(dy=-8, color="#4a5560", fontStyle="italic").encode(
        x=alt.X("yearmonthdate(date):O", bandPosition=0.5), y="top:Q", text="label:N"
    )
    return cast(alt.LayerChart, (bars + marks).properties(height=220))


def ratio_chart(balance: pd.DataFrame) -> alt.LayerChart:
    """Industry leaders per public partner at each full meeting, against the 1:1 line."""
    ratio = (
        alt.Chart(balance)
        .mark_line(point=True, color=INDUSTRY)
        .encode(
            x=meeting_axis(balance),
            y=alt.Y("ratio:Q", title=["Industry leaders", "per public partner"]),
            tooltip=[alt.Tooltip("title:N", title="Meeting"),
                     alt.Tooltip("ratio:Q", title="Industry leaders per public partner", format=".2f")],
        )
    )
    one = alt.Chart(
        pd.DataFrame({"y": [1.0], "label": ["1:1 — below it, public partners outnumber industry"]})
    )
    rule = one.mark_rule(color="#b03a2e", strokeDash=[6, 4]).encode(y="y:Q")
    label = one.mark_text(align="left", dx=4, dy=-6, color="#b03a2e").encode(
        y="y:Q", text="label:N", x=alt.value(0)
    )
    return cast(alt.LayerChart, (ratio + rule + label).properties(height=160))


def newcomers_chart(newcomers: pd.DataFrame) -> alt.Chart:
    """New versus returning industry leaders per full meeting (stacked)."""
    long = newcomers.melt(
        id_vars=["date", "title"], value_vars=["new", "returning"], var_name="who", value_name="people"
    )
    long["who"] = long["who"].map({"new": "First time", "returning": "Returning"})
    chart: alt.Chart = (
        alt.Chart(long)
        .mark_bar()
        .encode(
            x=meeting_axis(newcomers),
            y=alt.Y("people:Q", title="Industry leaders", stack="zero", axis=people_axis(),
                    scale=headroom(float((newcomers["new"] + newcomers["returning"]).max()))),
            color=alt.Color(
                "who:N",
                scale=alt.Scale(domain=["First time", "Returning"], range=[NEW, RETURNING]),
                title=None,
                legend=alt.Legend(orient="top"),
            ),
            order=alt.Order("who:N", sort="descending"),
            tooltip=[alt.Tooltip("title:N", title="Meeting"), alt.Tooltip("who:N", title="Who"),
                     alt.Tooltip("people:Q", title="Industry leaders")],
        )
        .properties(height=240)
    )
    return chart


def teams_chart(teams: pd.DataFrame) -> alt.Chart:
    """Distinct industry and public-partner attendees per active team."""
    long = teams.melt(
        id_vars=["team"], value_vars=["industry", "public_partner"], var_name="who", value_name="people"
    )
    long["who"] = long["who"].map({"industry": "Industry leaders", "public_partner": "Public partners"})
    chart: alt.Chart = (
        alt.Chart(long)
        .mark_bar()
        .encode(
            y=alt.Y("team:N", title=None, axis=alt.Axis(labelLimit=260)),
            x=alt.X("people:Q", title="Distinct attendees, last 90 days", stack="zero",
                axis=people_axis("x")),
            color=alt.Color(
                "who:N",
                scale=alt.Scale(range=[INDUSTRY, PUBLIC]),
                title=None,
                legend=alt.Legend(orient="top"),
            ),
            tooltip=[alt.Tooltip("team:N", title="Action team"), alt.Tooltip("who:N", title="Who"),
                     alt.Tooltip("people:Q", title="Distinct attendees")],
        )
        .properties(height=alt.Step(34))
    )
    return chart
