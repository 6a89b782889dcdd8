"""Partnerships: create one, edit the current one (name, sector, region, date order), archive and restore."""

from __future__ import annotations

import datetime as dt

import pandas as pd
import streamlit as st

import ui
from refresh_core import words
from refresh_core.hosting.conveners import grant_partnership
from refresh_core.partnerships import (
    DATE_ORDERS,
    Partnership,
    create_partnership,
    edit_partnership,
    list_partnerships,
    set_archived,
)

ORDERS = {"month_first": "Month first (3/4/2026 is 4 March)", "day_first": "Day first (3/4/2026 is 3 April)"}
FLASH = "_partnerships_flash"
IMPORT_NEXT = "_partnerships_import_next"  # a partnership was just created: its next step is an import
CONFIRM = "_archive_confirm"

if ui.role() != ui.CONVENER:
    st.error("Only conveners can manage partnerships.", icon=":material/block:")
    st.stop()

st.title("Partnerships")
st.write("Each partnership keeps its own meetings, people and plan. The one picked at the top of the "
         "sidebar is the one every page shows.")
if FLASH in st.session_state:
    flash = ui.md(st.session_state.pop(FLASH))
    st.success(flash, icon=":material/check_circle:")
    st.toast(flash, icon=":material/check_circle:")  # seen even when the page is scrolled down
    if st.session_state.pop(IMPORT_NEXT, False):
        ui.link_to("pages/import_data.py", "Import its attendance", ":material/upload_file:")


def mine(table: pd.DataFrame) -> pd.DataFrame:
    """Only the partnerships this convener may open (all of them for an admin)."""
    allowed = st.session_state.get("allowed_partnership_ids")
    return table if allowed is None else table[table["id"].isin(list(allowed))]


def created(partnership: Partnership) -> None:
    """After creating: let a non-admin convener open it, and make it the current partnership."""
    email = st.session_state.get("convener_email")
    if st.session_state.get("allowed_partnership_ids") is not None and email:
        st.session_state["allowed_partnership_ids"] = grant_partnership(
            ui.conn(), email=str(email), partnership_id=partnership.id)
    st.session_state[FLASH] = (f"Created {partnership.name}. It is now the partnership every page shows: "
                               "import its attendance on the Import attendance page.")
    st.session_state[IMPORT_NEXT] = True
    ui.switch_partnership(partnership.name)


def create_form() -> None:
    st.subheader("Create a partnership")
    with st.form("create_partnership", clear_on_submit=True):
        name = st.text_input("Name", placeholder="e.g. Tri-County Healthcare Partnership", max_chars=120)
        left, right = st.columns(2)
        sector = left.text_input("Sector (optional)", placeholder="e.g. Healthcare")
        region = right.text_input("Region (optional)", placeholder="e.g. Tri-County region")
        order = st.radio("Its attendance files write dates like 3/4/2026 as", DATE_ORDERS,
                         format_func=ORDERS.__getitem__, horizontal=True)
        if st.form_submit_button("Create partnership", icon=":material/add:", type="primary"):
            with ui.user_errors():
                created(create_partnership(ui.conn(), name=name, sector=sector, region=region,
                                           date_order=order))


def edit_form(current: Partnership) -> None:
    st.subheader(ui.md(f"Edit {current.name}"))
    with st.form(f"edit_partnership_{current.id}"):
        name = st.text_input("Name", value=current.name, max_chars=120)
        left, right = st.columns(2)
        sector = left.text_input("Sector", value=current.sector or "")
        region = right.text_input("Region", value=current.region or "")
        order = st.radio("Its attendance files write dates like 3/4/2026 as", DATE_ORDERS,
                         index=DATE_ORDERS.index(current.date_order), format_func=ORDERS.__getitem__,
                         horizontal=True)
        if st.form_submit_button("Save changes", icon=":material/save:"):
            with ui.user_errors():
                saved = edit_partnership(ui.conn(), partnership_id=current.id, name=name, sector=sector,
                                         region=region, date_order=order)
                st.session_state[FLASH] = f"Saved {saved.name}."
                ui.switch_partnership(saved.name)


def archive_step(current: Partnership) -> None:
    st.subheader("Archive")
    st.write("Archiving keeps everything (meetings, people, plan, share links) but takes the partnership "
             "out of the sidebar and the lists. You can restore it here at any time.")
    if st.session_state.get(CONFIRM) != current.id:
        if st.button(ui.md(f"Archive {current.name}"), icon=":material/archive:"):
            st.session_state[CONFIRM] = current.id
            st.rerun()
        return
    st.warning(ui.md(f"Archive {current.name}? It leaves the sidebar until you restore it."),
               icon=":material/archive:")
    yes, no = st.columns([1, 4])
    if yes.button("Yes, archive it", type="primary"):
        st.session_state.pop(CONFIRM, None)
        with ui.user_errors():
            set_archived(ui.conn(), partnership_id=current.id, archived=True)
            st.session_state[FLASH] = (f"Archived {current.name}. Restore it under Archived partnerships "
                                       "below.")
            left = ui.partnership_names()
            ui.switch_partnership(left[0] if left else "")
    if no.button("Cancel"):
        st.session_state.pop(CONFIRM, None)
        st.rerun()


def archived_list(archived: pd.DataFrame) -> None:
    st.subheader("Archived partnerships")
    for row in archived.to_dict("records"):
        with st.container(border=True):
            text, button = st.columns([4, 1])
            archived = row["archived_on"]
            when: str = "" if pd.isna(archived) else f", archived on {words.day(archived, '%B %Y')}"
            text.markdown(ui.md(f"{row['name']}{when}"))
            if button.button("Restore", key=f"restore_{row['id']}", icon=":material/unarchive:"):
                with ui.user_errors():
                    back = set_archived(ui.conn(), partnership_id=int(row["id"]), archived=False)
                    st.session_state[FLASH] = f"Restored {back.name}; it is back in the sidebar."
                    ui.switch_partnership(back.name)


def days(column: pd.Series, none: str) -> list[str]:
    """A column of dates as a person writes them; ``none`` where there is no date."""
    return [none if pd.isna(d) else words.day(pd.Timestamp(d)) for d in column]


table = mine(list_partnerships(ui.conn(), include_archived=True, as_of=dt.date.today()))
active = table[~table["archived"].astype(bool)]
ui.table(
    active.fillna({"sector": "", "region": ""}).assign(
        last_meeting=days(active["last_meeting"], "None yet"),
        next_meeting=days(active["next_meeting"], "None planned")),
    empty="No partnership yet. Create the first one below; then import its attendance files.",
    order=["name", "sector", "region", "meetings", "people", "last_meeting", "next_meeting"],
    labels={"name": "Partnership", "sector": "Sector", "region": "Region", "meetings": "Meetings",
            "people": "People", "last_meeting": "Last meeting", "next_meeting": "Next meeting"},
)
create_form()
current = ui.current_partnership()
if current is not None:
    edit_form(current)
    archive_step(current)
archived = table[table["archived"].astype(bool)]
if not archived.empty:
    archived_list(archived)
