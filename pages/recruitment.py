"""Recruitment: will the refresh meeting reach 20 industry leaders, and who still needs a call?

The page shows the goal and the funnel to everyone; a convener then works in one of four panels
(``ui.recruitment_forms``, ``ui.recruitment_add``, ``ui.recruitment_invites``).
"""

from __future__ import annotations

import datetime as dt

import streamlit as st

import ui
from refresh_core import meetings as planning
from refresh_core.guidance import NUMBERS
from refresh_core.recruitment.guide_checks import defaults_note
from refresh_core.recruitment.view import recruitment_view
from ui import charts
from ui.recruitment_add import add_panel
from ui.recruitment_forms import Recruiting, askers_panel, plan_meeting_form, prospects_panel
from ui.recruitment_invites import invitations_panel

partnership = ui.require_partnership(title="Recruitment")
st.title("Recruitment")

conn = ui.conn()
convener = ui.role() == ui.CONVENER
today = dt.date.today()
meetings = planning.recent_meetings(conn, partnership_id=partnership.id, as_of=today)

if convener:
    plan_meeting_form(conn, partnership_id=partnership.id, today=today,
                      expanded=not meetings["upcoming"].any())

if not meetings["upcoming"].any():
    st.info("No full-partnership meeting is planned yet. "
            + ("Plan the next meeting above to start building its invitation list"
               if convener else "Your convener will plan the next one")
            + ("; past meetings stay listed for their results." if len(meetings) else "."))
if meetings.empty:
    st.stop()

labels = {int(str(r.id)): str(r.label) + ("" if r.upcoming else " (past)") for r in meetings.itertuples()}
if st.session_state.get("recruit_meeting") not in labels:
    st.session_state["recruit_meeting"] = next(iter(labels))
meeting_id = st.selectbox("Meeting", list(labels), format_func=labels.__getitem__, key="recruit_meeting")
view = recruitment_view(conn, meeting_id=meeting_id, as_of=today, convener=convener)
status = view.status

meter = status.meter
st.subheader(f"Goal: at least {status.goal} industry leaders in the room")
st.progress(status.progress, text=ui.md(status.goal_takeaway))
cols = st.columns(4)
if meter.held and meter.attendance_recorded:
    cols[0].metric("Industry leaders who came", f"{meter.in_room} / {status.goal}",
                   help="Everyone recorded at the meeting from an industry organisation, walk-ins too.")
    cols[2].metric("Of those who confirmed, came", status.industry_attended)
else:
    cols[0].metric("Expected in the room", f"{status.expected_turnout} / {status.goal}",
                   help=meter.basis + " " + status.show_rate.explanation)
    cols[2].metric("Industry leaders attended", status.industry_attended)
cols[1].metric("Industry leaders confirmed", status.industry_confirmed,
               help="Promises, not the room: the meter counts those expected to come.")
cols[3].metric("Public partners confirmed", status.public_confirmed, help="Shown, never counted: public "
               "partners support, industry leads.")
cols = st.columns(4)
cols[0].metric("Civic entrepreneurs", status.civic_entrepreneurs_confirmed,
               help="Confirmed industry leaders with all three traits ticked.")
cols[1].metric("New companies", status.new_companies_confirmed,
               help="Companies never at a full-partnership meeting before.")
cols[2].metric("Mid-level managers", status.mid_level_confirmed)
cols[3].metric("Days to the meeting", max(status.days_to_meeting, 0))
st.caption(ui.md(status.show_rate.explanation) + " " + NUMBERS["recruitment.goal"].credit)

st.subheader("Where everyone stands")
st.write(ui.md(status.funnel_takeaway))
if status.prospects:
    st.altair_chart(charts.funnel_chart(status.funnel), width="stretch")

if not convener:
    st.stop()

for warning in status.warnings:
    st.warning(ui.md(warning), icon=":material/campaign:")
if status.warnings:
    st.caption(defaults_note(default_show_rate=status.show_rate.is_default))

if not status.per_asker.empty:
    st.subheader("Calls per asker")
    ui.table(status.per_asker.drop(columns="asker_id"), empty="No askers yet.",
             labels={"asker": "Asker", "role": "Role", "assigned": "Prospects", "asked": "Asked",
                                "called": "Called", "confirmed": "Confirmed", "overdue": "Call overdue"})

PANELS = {"Prospects": prospects_panel, "Add prospects": add_panel, "Askers": askers_panel,
          "Invitations and call sheets": invitations_panel}
section = st.radio("Work on", list(PANELS), horizontal=True, key="recruit_section",
                   label_visibility="collapsed")
PANELS[section or "Prospects"](Recruiting(conn=conn, meeting_id=meeting_id, today=today, view=view,
                                          date_order=partnership.date_order))
