"""Follow-through: the clock after a refresh meeting, with owners, due and done dates."""

from __future__ import annotations

import datetime as dt

import pandas as pd
import streamlit as st

import ui
from refresh_core import words
from refresh_core.guidance import ATTRIBUTION, NUMBERS
from refresh_core.meeting import followups, surveys
from ui.downloads import download

CLOCK_SAVES = "_clock_saves"  # saves of the clock in this session (see the tables below)

ui.require_convener("keep the follow-through clock")
partnership = ui.require_partnership(title="Follow-through")
st.title("Follow-through")

st.write(
    "The guide: within two weeks, a survey to all participants and a first meeting for each action "
    "team; a second full-partnership meeting within 90 days; one-on-ones to keep new champions engaged."
)
st.caption(
    "Items close themselves when the records show them done: a team's first meeting after the refresh "
    "meeting (imported or planned as an action-team meeting), the next full-partnership meeting, the "
    "survey once its results are recorded below. Tick the others by hand. One-on-ones are due 30 days "
    "after the meeting. " + NUMBERS["followup.one_on_one_days"].credit
)
today = dt.date.today()
items = followups.clock(ui.conn(), partnership_id=partnership.id, as_of=today)
st.write(ui.md(followups.clock_takeaway(items)))
if items.empty:
    st.caption(ATTRIBUTION)
    st.stop()

late = items[items["overdue"]]
if not late.empty:
    with st.container(border=True):
        st.markdown(":red[:material/alarm: **Overdue**]")
        for r in late.itertuples():
            st.markdown(f":red[{ui.md(r.item)}] · due {words.day(r.due)} · owner {ui.md(r.owner)}")

frame = items.assign(
    status=followups.states(items),
    closed_by=items["closed_by"].fillna(""),  # read-only in the editor: blank, never "None"
)
convener = ui.role() == ui.CONVENER
# One table per refresh meeting, the latest first, under the meeting's name: no column repeats it.
# Widths are proportions: the table stretches them to its width. Their sum fits the 818 px a 1280 px
# window leaves beside the open sidebar, less a scrollbar's room. Rows are three lines tall and long texts
# wrap (an owner naming a team's champions, a team that closed an item): nothing is cut off at 1280 px.
columns = {
    "id": None,
    "meeting_id": None,
    "meeting": None,
    "kind": None,
    "overdue": None,
    "auto_done": None,
    "status": st.column_config.TextColumn("Status", width=66),
    "item": st.column_config.TextColumn("Item", width=230),
    "owner": st.column_config.TextColumn("Owner", width=200),
    "due": st.column_config.DateColumn("Due", format=ui.DATE_FORMAT, width=82),
    "done": st.column_config.DateColumn("Done", format=ui.DATE_FORMAT, width=82),
    "closed_by": st.column_config.TextColumn(
        "Closed by", width=140,
        help="What closed the item: the meeting held, the survey's results recorded, or a tick by hand.",
    ),
}
order = ["status", "item", "owner", "due", "done", "closed_by"]
meetings_on_clock = list(dict.fromkeys(frame["meeting_id"]))[::-1]
# Saved rows re-sort by due date, and an editable table keeps its edits by row position across reruns:
# after a save the tables start afresh, or an edit would land on whichever item now sits in that row.
saves = int(st.session_state.get(CLOCK_SAVES, 0))
if convener:
    st.caption("Change owners and dates in the table, then save. Type a done date when an item is finished.")
    tables = []
    for meeting_id in meetings_on_clock:
        rows = frame[frame["meeting_id"] == meeting_id]
        st.markdown(f"**Items from {ui.md(rows['meeting'].iloc[0])}**")
        tables.append(ui.editor(
            rows,
            key=f"clock_{meeting_id}_{saves}",
            column_config=columns,
            column_order=order,
            disabled=["status", "item", "closed_by"],
            wrap=True,
        ))
    edited = pd.concat(tables)
    left, right = st.columns(2)
    if left.button("Save changes", icon=":material/save:"):
        with ui.user_errors():
            followups.save_clock(ui.conn(), partnership_id=partnership.id, frame=edited)
            st.session_state[CLOCK_SAVES] = saves + 1
            st.rerun()
    with right.popover("Mark done today", icon=":material/task_alt:"):
        open_items = frame[frame["done"].isna()]
        twice = open_items["item"].duplicated(keep=False)  # (each refresh meeting has its own survey)
        labels = open_items["item"].where(~twice, open_items["item"] + " (" + open_items["meeting"] + ")")
        picked = st.multiselect("Items done", labels.tolist(), placeholder="Pick items")
        ticked = set(open_items["id"][labels.isin(picked)])
        st.caption("Changes typed in the tables above are saved with the ticks.")
        wait = "Pick the items that are done first." if not picked else None
        if st.button("Mark done", disabled=not picked, help=wait):
            with ui.user_errors():  # (from the edited tables: the tables start afresh after the save)
                days = zip(edited["id"], edited["done"], strict=True)
                done = edited.assign(done=[today if i in ticked else d for i, d in days])
                followups.save_clock(ui.conn(), partnership_id=partnership.id, frame=done)
                st.session_state[CLOCK_SAVES] = saves + 1
                st.rerun()
else:
    for meeting_id in meetings_on_clock:
        rows = frame[frame["meeting_id"] == meeting_id]
        st.markdown(f"**Items from {ui.md(rows['meeting'].iloc[0])}**")
        ui.table(rows, empty="No follow-through items yet.", labels=columns, order=order)

if convener:
    with st.expander("Record the survey's results", icon=":material/poll:"):
        on_clock = items.drop_duplicates("meeting_id")
        survey_for = dict(zip(on_clock["meeting"], on_clock["meeting_id"].astype(int), strict=True))
        which_meeting = st.selectbox("Survey after", list(survey_for))
        survey_meeting = int(survey_for[which_meeting])
        earlier = surveys.survey_result(ui.conn(), meeting_id=survey_meeting)
        if earlier is not None:  # (recording again replaces them: keep their date unless it is changed)
            st.info(ui.md(surveys.recorded_sentence(earlier)), icon=":material/history:")
        with st.form(f"survey_results_{survey_meeting}", clear_on_submit=True, border=False):
            left, right = st.columns(2)
            responses = left.number_input("Responses", min_value=0, step=1,
                                          value=None if earlier is None else earlier.responses)
            on = right.date_input("Results in on", value=today if earlier is None else earlier.recorded_on,
                                  max_value=today, format=ui.DATE_INPUT_FORMAT)
            summary = st.text_input("What people said (optional)",
                                    value="" if earlier is None else earlier.summary)
            label = "Record the results" if earlier is None else "Replace the results"
            if st.form_submit_button(label, icon=":material/done:"):
                with ui.user_errors():
                    surveys.record_survey_results(
                        ui.conn(),
                        meeting_id=survey_meeting,
                        recorded_on=on,
                        responses=None if responses is None else int(responses),
                        summary=summary,
                    )
                    st.toast("Survey results recorded: the survey item is done.")
                    st.rerun()

st.subheader("Downloads")
one, two = st.columns(2)
download(one, "Calendar of due dates (.ics)", followups.clock_ics(items, partnership=partnership.name),
         file_name="follow-through.ics", mime="text/calendar", icon=":material/calendar_month:")
one.caption("Open items as all-day events on their due dates; import into Outlook or Google Calendar.")
if convener:
    meetings = items.drop_duplicates("meeting_id").iloc[::-1]  # (the latest meeting first, as the tables)
    which = two.selectbox("Survey list for", meetings["meeting"].tolist())
    link = two.text_input("Survey link (goes in every row)", placeholder="https://forms.example.com/refresh")
    meeting_id = int(meetings[meetings["meeting"] == which]["meeting_id"].iloc[0])
    survey = followups.survey_participants(ui.conn(), meeting_id=meeting_id, survey_link=link)
    who = f"{len(survey)} {'person' if len(survey) == 1 else 'people'}"
    download(two, f"Participant list for the survey ({who}, .csv)",
             followups.survey_csv(ui.conn(), meeting_id=meeting_id, survey_link=link),
             file_name="survey-participants.csv", mime="text/csv", icon=":material/mail:")
    if survey.empty:
        two.caption("No attendance recorded for this meeting yet: import its sign-in sheet first.")
st.caption(ATTRIBUTION)
