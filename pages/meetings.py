"""Meetings: fix a meeting's kind, title and date after import, merge two meetings that are one,
reschedule or cancel a planned meeting."""

from __future__ import annotations

import datetime as dt
from collections.abc import Hashable, Mapping

import pandas as pd
import streamlit as st

import ui
from refresh_core import words
from refresh_core.meeting.merging import merge_meetings, plan_merge
from refresh_core.meeting.rhythm import uncounted_note
from refresh_core.meeting.schedule import (
    cancel_meeting,
    changed_meetings,
    likely_duplicates,
    meetings_table,
    reschedule_meeting,
    update_meetings,
)
from refresh_core.meetings import kind_choices

FLASH = "_meetings_flash"
ROUND = "_meetings_round"
MERGE_CONFIRM = "_merge_confirm"
CANCEL_CONFIRM = "_cancel_confirm"
PLANNED_HELP = "Not held yet (a meeting of today counts as held once its attendance is recorded)"
VIEWS = {"all": "All meetings", "uncounted": "Not counted", "planned": "Planned"}
EMPTY = {  # what an empty list means: no meetings at all, or none that the view shows
    "all": "No meetings yet. Import attendance files on the Import attendance page, or plan the refresh "
           "meeting on the Recruitment page.",
    "uncounted": "Every meeting counts toward the Health overview: none is set aside as not counted.",
    "planned": "Nothing planned: every meeting here has taken place. Plan the refresh meeting on the "
               "Recruitment page.",
}

if ui.role() != ui.CONVENER:
    st.error("Only conveners can change meetings.", icon=":material/block:")
    st.stop()

partnership = ui.require_partnership(title="Meetings")
st.title("Meetings: " + ui.md(partnership.name))
st.write("Only full-partnership meetings (regular, launch and refresh) and action-team meetings with their "
         "team count on the Health overview. Fix a meeting's type, title or date in the table, then save.")
if FLASH in st.session_state:
    flash = ui.md(st.session_state.pop(FLASH))
    st.success(flash, icon=":material/check_circle:")
    st.toast(flash, icon=":material/check_circle:")  # seen even when the page is scrolled down
today = dt.date.today()
note = uncounted_note(ui.conn(), partnership_id=partnership.id, as_of=today, advice=False)
if note:
    st.warning(ui.md(note + " Show 'Not counted' to see which, and set the right type in the table."),
               icon=":material/visibility_off:")
table = meetings_table(ui.conn(), partnership_id=partnership.id, as_of=today)
choices = kind_choices(ui.conn(), partnership_id=partnership.id)


def done(message: str) -> None:
    st.session_state[FLASH] = message
    st.session_state[ROUND] = st.session_state.get(ROUND, 0) + 1  # fresh widgets after a change
    st.rerun()


BY_ID = {int(r["id"]): r for r in table.to_dict("records")}


def label(meeting_id: int) -> str:
    row = BY_ID[meeting_id]
    people = words.count(int(row["attendees"]), "person", "people")
    return f"{words.day(row['date'])} · {row['title']} ({row['type']}, {people})"


def edit_list() -> None:
    view = st.segmented_control("Show", list(VIEWS), format_func=VIEWS.__getitem__, default="all",
                                key="meetings_view") or "all"
    shown = {"all": table, "uncounted": table[~table["counted"]], "planned": table[table["planned"]]}[view]
    if shown.empty:
        st.info(EMPTY["all" if table.empty else view], icon=":material/info:")
        return
    edited = ui.editor(
        shown, key=f"meetings_{view}_{st.session_state.get(ROUND, 0)}",
        column_order=["date", "title", "type", "attendees", "planned"], disabled=["attendees", "planned"],
        column_config={
            "date": st.column_config.DateColumn("Date", required=True, format="D MMM YYYY"),
            "title": st.column_config.TextColumn("Title", required=True, max_chars=200),
            "type": st.column_config.SelectboxColumn("Type", options=[c.label for c in choices],
                                                     required=True, width="large"),
            "attendees": st.column_config.NumberColumn("People recorded"),
            "planned": st.column_config.CheckboxColumn("Planned", help=PLANNED_HELP),
        },
    )  # fmt: skip
    changes = changed_meetings(shown, edited, choices)
    if not changes:
        st.caption("Edit a cell to change a meeting's date, title or type; a button to save appears then.")
    elif st.button(f"Save changes to {words.count(len(changes), 'meeting')}", type="primary",
                   icon=":material/save:"):
        with ui.user_errors():
            saved = update_meetings(ui.conn(), partnership_id=partnership.id, changes=changes)
            done(f"Saved changes to {words.count(saved, 'meeting')}.")


def merge_step() -> None:
    st.subheader("Merge two meetings that are one")
    st.caption("For example a Zoom report and a sign-in sheet of the same meeting, imported under two "
               "titles. Each person is counted once.")
    if len(table) < 2:
        st.info("There is only one meeting so far: nothing to merge." if len(table) == 1 else
                "Nothing to merge until there are two meetings.", icon=":material/info:")
        return
    shared = likely_duplicates(table)
    if shared:
        st.caption(ui.md("Days with more than one meeting, perhaps one meeting imported twice: " + ", ".join(
            f"{words.day(day)} ({n})" for day, n in shared)))
    ids = [int(i) for i in table["id"]]
    left, right = st.columns(2)
    keep = left.selectbox("Meeting to keep", ids, format_func=label, index=None, key="merge_keep",
                          placeholder="Choose the meeting to keep")
    if keep is None:
        return
    same_day = [i for i in ids if i != keep and BY_ID[i]["date"] == BY_ID[keep]["date"]]
    others = same_day + [i for i in ids if i != keep and i not in same_day]
    remove = right.selectbox("Meeting to merge into it (then removed)", others, format_func=label, index=None,
                             key=f"merge_remove_{keep}", placeholder="Choose the duplicate")
    if remove is None:
        return
    confirm_merge(keep, remove)


def confirm_merge(keep: int, remove: int) -> None:
    """What the merge does, then 'Merge these meetings' and a second, confirming click."""
    plan = plan_merge(ui.conn(), partnership_id=partnership.id, keep_id=keep, remove_id=remove)
    if plan.problem:
        st.warning(ui.md(plan.problem), icon=":material/warning:")
        return
    st.write(ui.md(plan.sentence()))
    if st.session_state.get(MERGE_CONFIRM) != (keep, remove):
        if st.button("Merge these meetings", icon=":material/merge:"):
            st.session_state[MERGE_CONFIRM] = (keep, remove)
            st.rerun()
        return
    st.warning("Merge them? This cannot be undone.", icon=":material/merge:")
    yes, no = st.columns([1, 4])
    if yes.button("Yes, merge them", type="primary"):
        st.session_state.pop(MERGE_CONFIRM, None)
        with ui.user_errors():
            merged = merge_meetings(ui.conn(), partnership_id=partnership.id, keep_id=keep, remove_id=remove)
            done(f"Merged {merged.remove.title} into {merged.keep.title}.")
    if no.button("Cancel", key="merge_cancel"):
        st.session_state.pop(MERGE_CONFIRM, None)
        st.rerun()


def planned_step(row: Mapping[Hashable, object]) -> None:
    meeting_id = int(str(row["id"]))
    with st.container(border=True):
        st.markdown(ui.md(label(meeting_id)))
        when, move, drop = st.columns([2, 1, 1], vertical_alignment="bottom")
        current = pd.Timestamp(str(row["date"])).date()
        new_date = when.date_input("New date", value=current, min_value=today,
                                   format=ui.DATE_INPUT_FORMAT,
                                   key=f"reschedule_date_{meeting_id}")
        if move.button("Reschedule", key=f"reschedule_{meeting_id}", icon=":material/event_repeat:",
                       disabled=new_date == current):
            with ui.user_errors():
                moved = reschedule_meeting(ui.conn(), partnership_id=partnership.id, meeting_id=meeting_id,
                                           date=new_date, as_of=today)
                done(f"Moved {moved.title} to {moved.date:%A} {words.day(moved.date, '%B %Y')}.")
        if st.session_state.get(CANCEL_CONFIRM) != meeting_id:
            if drop.button("Cancel meeting", key=f"cancel_{meeting_id}", icon=":material/event_busy:"):
                st.session_state[CANCEL_CONFIRM] = meeting_id
                st.rerun()
            return
        st.warning("Cancel this meeting? It is removed from the list.", icon=":material/event_busy:")
        yes, no = st.columns([1, 4])
        if yes.button("Yes, cancel it", type="primary", key=f"cancel_yes_{meeting_id}"):
            st.session_state.pop(CANCEL_CONFIRM, None)
            with ui.user_errors():
                gone = cancel_meeting(ui.conn(), partnership_id=partnership.id, meeting_id=meeting_id,
                                      as_of=today)
                done(f"Cancelled {gone.title}.")
        if no.button("Keep it", key=f"cancel_no_{meeting_id}"):
            st.session_state.pop(CANCEL_CONFIRM, None)
            st.rerun()


edit_list()
merge_step()
st.subheader("Planned meetings")
planned = table[table["planned"]].sort_values(["date", "id"])
if planned.empty:
    st.info("Nothing planned. Plan the refresh meeting on the Recruitment page.", icon=":material/info:")
for planned_row in planned.to_dict("records"):
    planned_step(planned_row)
