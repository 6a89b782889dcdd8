"""One meeting at a glance: attendance, ideas, priorities, teams, commitments and the clock."""

from __future__ import annotations

import datetime as dt

import pandas as pd
import streamlit as st

import ui
from refresh_core import words
from refresh_core.enums import PriorityStatus, TeamRole
from refresh_core.meeting import followups
from refresh_core.meeting.summary import meeting_summary
from refresh_core.meetings import full_meetings

partnership = ui.require_partnership(title="Meeting summary")
st.title("Meeting summary")

meetings = full_meetings(ui.conn(), partnership_id=partnership.id)
if meetings.empty:
    st.info("No full-partnership meetings recorded yet: import a sign-in sheet or plan a meeting.")
    st.stop()

today = dt.date.today()
# Refresh meetings are listed first; when that is one still to come, the page opens on the latest meeting
# already held.
days = [pd.Timestamp(day).date() for day in meetings["date"]]
held = [i for i, day in enumerate(days) if day <= today]
picked = st.selectbox("Meeting", meetings["label"].tolist(), index=held[0] if held else 0)
row = meetings["label"].tolist().index(picked)
day = days[row]
if day > today:  # (a wall captured ahead of the day is no summary of the meeting: it is on Meeting day)
    st.info(f"This meeting is on {words.day(day, '%B %Y')}, {words.count((day - today).days, 'day')} from "
            "now: nothing to sum up yet. Its room, ideas, priorities and champions appear here once it "
            "has been held.", icon=":material/event_upcoming:")
    if ui.role() == ui.CONVENER:
        ui.link_to("pages/meeting_day.py", "Capture the day on Meeting day", ":material/sticky_note_2:")
    st.stop()
with ui.user_errors():
    s = meeting_summary(ui.conn(), meeting_id=int(meetings["id"].iloc[row]), partnership_id=partnership.id,
                        as_of=today)
    st.write(ui.md(s.takeaway))
    a = s.attendance
    if ui.role() == ui.CONVENER and a.industry + a.public_partner + a.unknown == 0:
        st.caption("Import its sign-in sheet or meeting report on Import attendance to count the room.")
    cols = st.columns(5)
    cols[0].metric("Industry leaders", a.industry)
    cols[1].metric("Public partners", a.public_partner)
    cols[2].metric("New industry leaders", len(a.new_industry_leaders))
    cols[3].metric("Ideas on the wall", s.ideas)
    cols[4].metric(
        "Priorities with champions", int((s.decisions["status"] == "active").sum()) if len(s.decisions) else 0
    )
    if a.unknown:
        where = "an organisation" if a.unknown == 1 else "organisations"
        st.caption(f"{words.count(a.unknown, 'attendee')} came from {where} not classified yet: "
                   "until then they count neither as industry leaders nor as public partners.")
    if a.new_industry_leaders:
        st.caption(
            "First full-partnership meeting for: "
            + ui.md(", ".join(a.new_industry_leaders))
            + (f" (new companies: {ui.md(', '.join(a.new_companies))})" if a.new_companies else "")
        )

    if s.principles_review is not None:
        review = s.principles_review
        st.markdown(
            f":material/verified: Core principles {review.outcome.value} at this meeting: "
            + ui.md("; ".join(review.principles))
            + (f" ({ui.md(review.notes)})" if review.notes else "")
        )
    st.subheader("Priorities and teams")
    # The two tables of long text (names, teams, members, owners) wrap it (ui.reading): as grids they cut
    # it off, or left columns off to the right, at 1280 and 1400 px.
    ui.reading(
        s.decisions.assign(status=[PriorityStatus(v).label for v in s.decisions["status"]]),
        empty="No priorities were set at this meeting.",
        labels={
            "priority_id": None,
            "title": "Priority",
            "status": "Status",
            "team": "Action team",
            "champions": "Champions",
            "members": "Members",
        },
    )
    st.subheader("Who stepped up")
    ui.table(
        s.commitments.assign(role=[TeamRole(v).label for v in s.commitments["role"]]),
        empty="No commitments recorded for this meeting.",
        labels={
            "person": "Person",
            "organisation": "Organisation",
            "role": "Role",
            "priority": "Priority",
            "new_champion": st.column_config.CheckboxColumn("New champion"),
        },
    )
    st.subheader("Sticky-wall categories")
    ui.table(
        s.categories,
        empty="No sticky wall captured for this meeting.",
        labels={
            "name": "Category",
            "votes": "Dot votes",
            "ideas": "Ideas",
            "priority": "Became priority",
            "outcome": "After the call for champions",
        },
    )
    st.subheader("Follow-through")
    ui.reading(
        s.clock.assign(
            status=followups.states(s.clock)
        ),
        empty="No follow-through items from this meeting.",
        order=["status", "item", "owner", "due", "done"],
        labels={
            "status": "Status",
            "item": "Item",
            "owner": "Owner",
            "due": st.column_config.DateColumn("Due", format="D MMM YYYY"),
            "done": st.column_config.DateColumn("Done", format="D MMM YYYY"),
        },
    )
