"""The living plan: core principles, priorities, action teams, accomplishments and missteps
(read-only for champions)."""

from __future__ import annotations

import datetime as dt

import streamlit as st

import ui
from refresh_core.enums import PriorityStatus, TeamRole, TeamStatus
from refresh_core.guidance import ATTRIBUTION
from refresh_core.meeting import champions, missteps, principles, volunteers
from refresh_core.meeting import priorities as plan
from refresh_core.meeting import teams as team_roster

partnership = ui.require_partnership(title="Priorities and action teams")
st.title("Priorities and action teams")

convener = ui.role() == ui.CONVENER
conn = ui.conn()
st.caption(
    "No champion, no initiative: a priority moves forward only while industry champions lead its "
    "action team. " + ATTRIBUTION
)

def principles_section() -> None:
    """R11: the partnership's core principles; the convener edits them and records their review.
    (long: one form with its list, suggestions and the reaffirmation record)"""
    st.subheader("Core principles")
    st.caption(
        "The guide: reaffirm your commitment to core principles at the refresh meeting. What makes this "
        "effort distinct? What core principles guide your work? " + ATTRIBUTION
    )
    listed = principles.principles(conn, partnership_id=partnership.id)
    review = principles.latest_review(conn, partnership_id=partnership.id)
    if review is not None:
        note = f" {review.notes}" if review.notes else ""
        st.markdown(":material/verified: " + ui.md(review.sentence + note))
    if not convener:
        for text in listed["text"]:
            st.markdown("- " + ui.md(text))
        if listed.empty:
            st.info("No core principles written down yet.")
        return
    if listed.empty:
        st.info("No core principles yet: start from the guide's examples, or type your own in the table.")
    edited = ui.editor(
        listed[["text"]], key="principles", num_rows="dynamic",
        column_config={"text": st.column_config.TextColumn("Principle", width="large")},
    )
    left, middle, right = st.columns(3)
    if left.button("Save principles", icon=":material/save:"):
        with ui.user_errors():
            principles.save_principles(conn, partnership_id=partnership.id, texts=edited["text"])
            st.rerun()
    offered = principles.suggestions(listed["text"].tolist())
    if offered:
        with middle.popover("Add from the guide's examples", icon=":material/lightbulb:"):
            picked = st.multiselect("Examples from the guide", offered, key="principle_examples",
                                    placeholder="Pick examples")
            if st.button("Add them", key="adopt_principles"):
                with ui.user_errors():
                    principles.adopt(conn, partnership_id=partnership.id, picked=picked)
                    st.rerun()
    held = principles.review_meetings(conn, partnership_id=partnership.id, as_of=dt.date.today())
    if listed.empty or not held:
        return
    with right.popover("Reaffirmed or changed at a meeting", icon=":material/event_available:"), st.form(
        "principle_review", border=False
    ):
        at = st.selectbox("At the meeting", list(held))
        outcome = st.radio("The principles were", ["reaffirmed", "changed"], horizontal=True)
        notes = st.text_input("What changed, or a note (optional)")
        if st.form_submit_button("Record", icon=":material/done:"):
            with ui.user_errors():
                principles.record_review(
                    conn, meeting_id=held[at], outcome=outcome, as_of=dt.date.today(), notes=notes
                )
                st.rerun()


principles_section()

st.subheader("Priorities")
prios = plan.priorities(conn, partnership_id=partnership.id)
statuses = list(plan.STATUS_LABELS.values())
pcols = {
    "id": None,
    "title": st.column_config.TextColumn("Priority", width="medium", required=True),
    "description": st.column_config.TextColumn("Description", width="large"),
    "status": st.column_config.SelectboxColumn("Status", options=statuses, required=True),
    "identified_on": st.column_config.DateColumn("Identified", format="D MMM YYYY"),
    "identified_at": st.column_config.TextColumn("At meeting"),
    "teams": st.column_config.TextColumn("Action team"),
}
# Everyone reads the plan in tables whose text wraps (a grid cut long names off at 1280 and 1400 px);
# the convener changes it in the editor under each table, its columns only those that can be changed.
if prios.empty:
    st.info(
        "No priorities yet: they come from the call for champions on the Meeting day page"
        + (", or add one under \"Change priorities\"." if convener else ".")
    )
else:
    ui.reading(prios, empty="", labels=pcols)
if convener:
    with st.expander("Change priorities", icon=":material/edit:", expanded=prios.empty):
        edited = ui.editor(
            prios,
            key="priorities",
            num_rows="add",
            column_config=pcols,
            column_order=["title", "description", "status", "identified_on"],
        )
        if st.button("Save priorities", icon=":material/save:"):
            with ui.user_errors():
                plan.save_priorities(conn, partnership_id=partnership.id, frame=edited)
                st.rerun()

st.subheader("Action teams")
team_table = plan.teams(conn, partnership_id=partnership.id)
team_table["status"] = [TeamStatus(v).label for v in team_table["status"]]  # saved back from its words
tcols = {
    "id": None,
    "name": st.column_config.TextColumn("Team", required=True),
    "priority": st.column_config.SelectboxColumn("Priority", options=prios["title"].tolist()),
    "champions": st.column_config.TextColumn("Champions", width="medium"),
    "members": st.column_config.TextColumn("Members", width="medium"),
    "status": st.column_config.SelectboxColumn("Status", options=[s.label for s in TeamStatus],
                                           required=True),
    "chartered_on": st.column_config.DateColumn("Chartered", format="D MMM YYYY"),
    "closed_on": st.column_config.DateColumn("Closed", format="D MMM YYYY"),
}
if team_table.empty:
    st.info("No action teams yet: a team is chartered when an industry leader champions a priority.")
else:
    ui.reading(team_table, empty="", labels=tcols)
if convener and not team_table.empty:
    with st.expander("Change action teams", icon=":material/edit:"):
        edited_teams = ui.editor(
            team_table,
            key="teams",
            column_config=tcols,
            column_order=["name", "priority", "status", "chartered_on", "closed_on"],
        )
        st.caption('Champions and members: under "Who is on a team".')
        if st.button("Save teams", icon=":material/save:"):
            with ui.user_errors():
                plan.save_teams(conn, partnership_id=partnership.id, frame=edited_teams)
                st.rerun()

if convener:
    people = volunteers.people_for_call(conn, partnership_id=partnership.id)
    labels = people["label"].tolist()
    with st.expander("Who is on a team", icon=":material/groups:"):
        if team_table.empty:
            st.write("Charter a team first.")
        else:
            name = st.selectbox("Team", team_table["name"].tolist())
            team_id = int(team_table[team_table["name"] == name]["id"].iloc[0])
            roster = team_roster.roster(conn, team_id=team_id)[["person", "role"]]
            roster["role"] = [TeamRole(v).label for v in roster["role"]]
            edited_roster = ui.editor(
                roster,
                key=f"roster_{team_id}",
                num_rows="dynamic",
                column_config={
                    "person": st.column_config.SelectboxColumn("Person", options=labels, required=True),
                    "role": st.column_config.SelectboxColumn(
                        "Role", options=[r.label for r in TeamRole], required=True
                    ),
                },
            )
            if st.button("Save team members", icon=":material/save:"):
                with ui.user_errors():
                    team_roster.save_roster(conn, team_id=team_id, frame=edited_roster, people=people)
                    st.rerun()
    parked = prios[prios["status"] == plan.STATUS_LABELS[PriorityStatus.ON_HOLD]]
    if not parked.empty:
        with (
            st.expander(
                f"A champion stepped up for a parked priority ({len(parked)} parked)",
                icon=":material/how_to_reg:",
            ),
            st.form("charter"),
        ):
            title = st.selectbox("Priority", parked["title"].tolist())
            champs = st.multiselect("Champions (industry leaders)", labels, placeholder="Type or pick names")
            members = st.multiselect("Members", labels, placeholder="Type or pick names")
            day = st.date_input("Chartered on", value=dt.date.today(), format=ui.DATE_INPUT_FORMAT)
            if st.form_submit_button("Charter the action team"):
                with ui.user_errors():
                    ids = dict(zip(people["label"], people["id"], strict=True))
                    champions.charter_team(
                        conn,
                        priority_id=int(parked[parked["title"] == title]["id"].iloc[0]),
                        champion_ids=[int(ids[c]) for c in champs],
                        member_ids=[int(ids[m]) for m in members],
                        chartered_on=day,
                    )
                    st.rerun()

st.subheader("Accomplishments")
wins = plan.accomplishments(conn, partnership_id=partnership.id)
wcols = {
    "id": None,
    "date": st.column_config.DateColumn("Date", format="D MMM YYYY", required=True),
    "team": st.column_config.SelectboxColumn("Team", options=team_table["name"].tolist()),
    "text": st.column_config.TextColumn("What was achieved", width="large", required=True),
}
if convener:
    st.caption('Worth celebrating at the next refresh meeting (they feed "Where we\'ve been").')
ui.reading(wins, empty="No accomplishments recorded yet.", labels=wcols)
if convener:
    with st.expander("Change accomplishments", icon=":material/edit:", expanded=wins.empty):
        edited_wins = ui.editor(
            wins, key="wins", num_rows="dynamic", column_config=wcols
        )
        if st.button("Save accomplishments", icon=":material/save:"):
            with ui.user_errors():
                plan.save_accomplishments(conn, partnership_id=partnership.id, frame=edited_wins)
                st.rerun()

st.subheader("What didn't work, and what we learned")
lessons = missteps.missteps(conn, partnership_id=partnership.id)
mcols = {
    "id": None,
    "date": st.column_config.DateColumn("Date", format="D MMM YYYY", required=True),
    "team": st.column_config.SelectboxColumn("Team", options=team_table["name"].tolist()),
    "text": st.column_config.TextColumn("What didn't work", width="large", required=True),
    "lesson": st.column_config.TextColumn("What we learned", width="large"),
}
if convener:
    st.caption(
        "The guide: don't be afraid to acknowledge missteps; learning from what didn't work is critical "
        'to future success. They join the "Where we\'ve been" talking points. ' + ATTRIBUTION
    )
ui.reading(lessons, empty="No missteps recorded yet.", labels=mcols)
if convener:
    with st.expander("Change what didn't work", icon=":material/edit:", expanded=lessons.empty):
        edited_lessons = ui.editor(
            lessons, key="missteps", num_rows="dynamic", column_config=mcols
        )
        if st.button("Save what we learned", icon=":material/save:"):
            with ui.user_errors():
                missteps.save_missteps(conn, partnership_id=partnership.id, frame=edited_lessons)
                st.rerun()
