"""Portfolio: every partnership this convener may open, at a glance; a click opens its Health overview."""

from __future__ import annotations

from collections.abc import Hashable
from typing import Any

import pandas as pd
import streamlit as st

import ui
from refresh_core import words
from refresh_core.enums import SignStatus
from refresh_core.guidance import ATTRIBUTION, SIGN_TITLES
from refresh_core.reports import portfolio_view as view
from refresh_core.reports.portfolio import Verdict, portfolio
from ui import charts, reports, tables
from ui.editing import GRID_FRAME, WRAPPED_ROW

TINTS = {SignStatus.FLAG.label: "#f8d7d3", SignStatus.WATCH.label: "#fde7c8", SignStatus.OK.label: "#d8efe0",
         SignStatus.UNKNOWN.label: "#e9ecef",
         Verdict.REFRESH.label: "#f8d7d3", Verdict.WATCH.label: "#fde7c8",
         Verdict.HEALTHY.label: "#d8efe0", Verdict.NOT_ENOUGH_DATA.label: "#e9ecef"}
HEALTH_PAGE = "pages/health.py"
# The essential columns' widths in pixels: together within the 818 a 1280-pixel window leaves for the table.
# Rows are three lines tall, so a long name wraps whole ("Lakeshore Advanced Manufactu…" before), as does
# "Refresh recommended" in its narrower column.
WIDTHS = {"Partnership": 206, "Verdict": 112, "Engagement": 84, "Newcomers": 82, "Sector change": 94,
          "Agenda": 62, view.COMING_UP: 110, "Overdue": 62}
ROWS_IN_VIEW = 16  # rows shown without scrolling inside the table

# Every partnership's standing: only for a session the sign-in gate admitted as a convener (a first
# request straight to this page's address, or a share link, gets nothing).
ui.front_door()
st.title("Portfolio")
if st.session_state.get("role") != ui.CONVENER:
    st.error("Only conveners can see the portfolio. Open the app from its home page to sign in.",
             icon=":material/block:")
    st.stop()

as_of = ui.as_of_picker()
allowed = st.session_state.get("allowed_partnership_ids")
found = portfolio(ui.conn(), partnership_ids=None if allowed is None else sorted(allowed), as_of=as_of)
if not found.rows:
    ui.no_partnership()
    st.stop()

total = view.counts(found.rows)
n = len(found.rows)
st.write(f"{words.count(n, 'partnership')} as of {words.day(found.as_of, '%B %Y')}. Click a partnership's "
         "row to open its Health overview.")
columns = st.columns(len(total) + 1)
for column, (verdict, count) in zip(columns, total.items(), strict=False):
    column.metric(verdict.label, count)
columns[-1].metric("Overdue items", sum(r.overdue_followups for r in found.rows),  # (whole at 1280 px)
                   help="Follow-through items past their due date, every partnership together.")

choices = view.options(found.rows)
left, middle, right, sort_column = st.columns(4)
sectors = left.multiselect("Sector", choices["sector"], key="portfolio_sector", placeholder="All sectors")
regions = middle.multiselect("Region", choices["region"], key="portfolio_region", placeholder="All regions")
verdicts = right.multiselect("Verdict", choices["verdict"], key="portfolio_verdict",
                             placeholder="All verdicts")
sort = sort_column.selectbox("Sort by", list(view.SORTS), key="portfolio_sort")
shown = view.choose(found.rows, sectors=sectors, regions=regions, verdicts=verdicts, sort=sort)

if not shown:
    st.info("No partnership matches these filters. Clear a filter to see more.", icon=":material/filter_alt:")
    st.stop()

every = st.toggle("Every column", key="portfolio_every", help=(
    "Also industry leaders at the last three full-partnership meetings, industry leaders per public "
    "partner, the last import, sector and region. The table is then wider than the page."))
table = view.table(shown, as_of=found.as_of, goal=found.goal)
painted: list[Hashable] = [*view.SIGN_COLUMNS.values(), "Verdict"]
shown_as: dict[str, Any] = {  # widths: the essential columns fit beside the sidebar in a 1280-pixel window
    "Partnership": st.column_config.TextColumn(width=WIDTHS["Partnership"]),
    "Verdict": st.column_config.TextColumn(width=WIDTHS["Verdict"]),
    **{label: st.column_config.TextColumn(width=WIDTHS[label], help=SIGN_TITLES[sign])
       for sign, label in view.SIGN_COLUMNS.items()},
    "Industry, last 3": st.column_config.BarChartColumn(
        width=90, y_min=0, color=charts.INDUSTRY,
        help="Industry leaders at the last three full-partnership meetings, oldest first."),
    "Room": st.column_config.NumberColumn(
        width=70, format="%.2f",
        help="Industry leaders per public partner at the latest full-partnership meeting; below 1.00, "
        "public partners outnumbered them. Blank: no public partner came, or no meeting yet."),
    view.COMING_UP: st.column_config.TextColumn(width=WIDTHS[view.COMING_UP], help=(
        f"The next full-partnership meeting planned and the industry leaders expected there (those "
        f"confirmed times the partnership's show rate), of the guide's goal of {found.goal}. "
        f"{view.NONE_PLANNED}: no full-partnership meeting is planned yet.")),
    "Next meeting": st.column_config.DateColumn(
        format="D MMM YYYY", width=105,
        help="The next full-partnership meeting planned. Blank: none planned."),
    "Expected": st.column_config.ProgressColumn(
        min_value=0, max_value=found.goal, format=f"%d of {found.goal}", width=105,
        color=charts.INDUSTRY,
        help=f"Industry leaders expected at the next full-partnership meeting (those confirmed times "
        f"the partnership's show rate), against the guide's goal of {found.goal}."),
    "Overdue": st.column_config.NumberColumn(width=WIDTHS["Overdue"], help="Overdue follow-through items."),
    "Last import": st.column_config.DateColumn(format="D MMM YYYY", width=105,
                                               help="When attendance was last imported."),
    "Sector": st.column_config.TextColumn(width=150),
    "Region": st.column_config.TextColumn(width=150),
}
for name, written in (("Expected", "{:.0f} of " + str(found.goal)), ("Room", "{:.2f}")):
    if table[name].isna().any():  # a bar or a number cannot be blank: written out instead
        table[name] = [written.format(v) if pd.notna(v) else "" for v in table[name]]
        shown_as[name] = tables.as_text(shown_as[name], name)
frame, config = tables.shown(table, shown_as)  # missing values as blank cells, dates as dates
styled = frame.style.map(lambda v: f"background-color: {TINTS.get(str(v), 'transparent')}", subset=painted)
picked = st.dataframe(
    styled,
    hide_index=True,
    width="stretch",
    key="portfolio_table",
    height=GRID_FRAME + WRAPPED_ROW * min(len(shown), ROWS_IN_VIEW),
    row_height=WRAPPED_ROW,  # (long names wrap)
    on_select="rerun",
    selection_mode="single-cell",  # a click on any cell opens the row's partnership (no tick-box column)
    column_config=config,
    column_order=view.columns(sort=sort, every=every),
)

def open_health(name: str) -> None:
    ui.open_partnership(name, page=HEALTH_PAGE)


rows = [] if picked is None else [*picked.selection.rows, *(cell[0] for cell in picked.selection.cells)]
if rows:
    open_health(shown[rows[0]].name)

with st.container(horizontal=True, vertical_alignment="bottom"):
    target = st.selectbox("Open a partnership", [r.name for r in shown], key="portfolio_open")
    if st.button("Open its Health overview", icon=":material/monitor_heart:"):
        open_health(str(target))
    reports.portfolio_button([r.partnership_id for r in shown], as_of=found.as_of)

st.caption(
    "Signs as on the Health overview, judged by the same rules; No data: that sign cannot be judged yet. "
    "Not enough data: no refresh, but a sign waits for organisations to be classified, or half the signs "
    "or more cannot be judged yet (this product's default). Coming up: the next full-partnership meeting "
    f"and the industry leaders expected there, of the guide's goal of {found.goal}. Every column adds "
    "the industry leaders at the last three meetings, industry leaders per public partner, the last "
    "import, sector and region. " + ATTRIBUTION
)
