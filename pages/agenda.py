"""Agenda builder: the five-part refresh meeting, fitted to a start time and length."""

from __future__ import annotations

import datetime as dt

import pandas as pd
import streamlit as st

import ui
from refresh_core.errors import RefreshError
from refresh_core.guidance import ATTRIBUTION, NUMBERS
from refresh_core.meeting.agenda import agenda_frame, fit_agenda, reschedule
from refresh_core.meeting.agenda_guide import PARTS
from refresh_core.meeting.agenda_store import save_agenda, saved_agenda
from refresh_core.meeting.history import where_weve_been
from refresh_core.meeting.runofshow import MeetingDetails, run_of_show_docx, run_of_show_markdown
from refresh_core.meetings import full_meetings, get_meeting
from ui.downloads import WORD, download

ui.require_convener("plan the refresh meeting's agenda")
partnership = ui.require_partnership(title="Refresh meeting agenda")
st.title("Refresh meeting agenda")

st.write(
    "The guide's five parts, fitted to your meeting. A strategic discussion, not presentations: "
    "industry leaders do most of the talking."
)
today = dt.date.today()
meetings = full_meetings(ui.conn(), partnership_id=partnership.id, since=today)
NONE = "Not linked to a meeting yet"
labels = [NONE, *meetings["label"].tolist()]
picked = st.selectbox(
    "Meeting",
    labels,
    index=1 if len(meetings) and meetings.iloc[0]["kind"] == "refresh" else 0,
    help="Link the agenda to a planned meeting to use its time and save your edits with it. "
    "Plan meetings on the Recruitment page.",
)
meeting_id = int(meetings.iloc[labels.index(picked) - 1]["id"]) if picked != NONE else None
meeting = get_meeting(ui.conn(), meeting_id=meeting_id) if meeting_id is not None else None
saved = None
if meeting_id is not None:
    with ui.user_errors():
        saved = saved_agenda(ui.conn(), meeting_id=meeting_id)

left, mid, right = st.columns(3)
start = left.time_input(
    "Start time",
    step=300,
    key=f"start_{meeting_id}",
    value=(meeting.start_time if meeting else None) or dt.time(7, 30),
)
length = mid.number_input(
    "Length (minutes)",
    min_value=1,
    max_value=720,
    step=5,
    key=f"length_{meeting_id}",
    value=(meeting.minutes if meeting else None) or 120,
)
attendees = right.number_input(
    "Expected attendees (optional)",
    min_value=0,
    max_value=500,
    value=None,
    step=1,
    help="Introductions take about a minute per industry leader, so a bigger room gives the welcome "
    "more time. " + NUMBERS["agenda.introduction_minutes"].credit,
)
try:
    proposal = fit_agenda(start=start, minutes=int(length), attendees=int(attendees) if attendees else None)
except RefreshError as exc:
    st.error(ui.md(exc), icon=":material/schedule:")
    st.stop()

st.subheader("Minutes per part")
st.caption("Proposed within the guide's ranges; change any part and the clock times follow.")
sig = f"{meeting_id}_{start}_{length}_{attendees}"
base = saved if saved and saved.start == start and saved.total == length else proposal
columns = st.columns(len(PARTS), vertical_alignment="bottom")  # (a label on two lines keeps its input level)
minutes = [
    int(
        col.number_input(
            item.title,
            min_value=0,
            max_value=240,
            value=item.minutes,
            key=f"m_{item.key}_{sig}",
            help=f"Guide: {item.low}-{item.high} minutes",
        )
    )
    for col, item in zip(columns, base.items, strict=True)
]
prompts, notes = [], []
history = where_weve_been(ui.conn(), partnership_id=partnership.id, as_of=today)
for item in base.items:
    with st.expander(f"{item.title}: lead, prompts and notes", expanded=False):
        st.markdown(f"**Lead:** {ui.md(item.lead)}")
        prompts.append(
            st.text_area(
                "Prompts (one per line, edit freely)",
                "\n".join(item.prompts),
                key=f"p_{item.key}_{meeting_id}",
            ).splitlines()
        )
        notes.append(st.text_input("Notes for the facilitator", item.notes, key=f"n_{item.key}_{meeting_id}"))
        if item.key == "going" and history.active_teams:
            st.markdown("**Teams to acknowledge:** " + ui.md(", ".join(history.active_teams)))
        if item.key == "been":
            st.markdown(
                "**Core principles to reaffirm:** " + ui.md("; ".join(history.principles))
                if history.principles
                else "**Core principles:** none written down yet; add them on the Priorities & teams page "
                "so part II can reaffirm them."
            )
agenda = reschedule(base, minutes=minutes, notes=notes, prompts=prompts)

st.subheader(f"Your agenda, {agenda.start:%H:%M}-{agenda.end:%H:%M}")
ui.table(pd.DataFrame(agenda_frame(agenda)), empty="No parts in this agenda.")
if agenda.spare_note:
    st.caption(ui.md(agenda.spare_note))
for warning in agenda.warnings:
    st.warning(ui.md(warning), icon=":material/warning:")
if not agenda.warnings:
    st.success("Every part is within the guide's range.", icon=":material/check_circle:")

st.subheader("Where we've been: talking points from your records")
st.caption(
    "Drafted for the industry champions who open part II, and printed in the run-of-show: successes, "
    "and what didn't work and what you learned (record missteps on the Priorities & teams page). Add "
    "your own points in the part's notes above."
)
for point in history.talking_points:
    st.markdown("- " + ui.md(point))

details = MeetingDetails(
    partnership.name,
    meeting.title if meeting else "Refresh meeting",
    meeting.date if meeting else None,
    meeting.location if meeting else None,
)
one, two, three = st.columns(3)
download(one, "Run-of-show (Word)", run_of_show_docx(agenda, details, history), file_name="run-of-show.docx",
         mime=WORD, icon=":material/description:")
download(two, "Run-of-show (Markdown)", run_of_show_markdown(agenda, details, history),
         file_name="run-of-show.md", mime="text/markdown", icon=":material/article:")
if (
    meeting_id is not None
    and three.button("Save with the meeting", icon=":material/save:")
):
    with ui.user_errors():
        save_agenda(ui.conn(), meeting_id=meeting_id, agenda=agenda)
        st.toast("Agenda saved with the meeting.")
st.caption(
    "The run-of-show includes clock times, leads, prompts, talking points, your core principles and a "
    "room set-up checklist. The five parts, their times and prompts: " + ATTRIBUTION + " The room set-up "
    "checklist: " + NUMBERS["agenda.room_setup"].credit
)
