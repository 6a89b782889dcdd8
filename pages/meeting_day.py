"""Meeting day: the sticky wall, categories and votes, the call for champions, and the recap."""

from __future__ import annotations

import datetime as dt

import streamlit as st

import ui
from refresh_core import words
from refresh_core.enums import OrgKind
from refresh_core.guidance import ATTRIBUTION
from refresh_core.meeting import champions, principles, recharter, volunteers
from refresh_core.meeting.agenda_guide import CALL_FOR_CHAMPIONS
from refresh_core.meeting.priorities import teams
from refresh_core.meeting.recap import recap
from refresh_core.meetings import full_meetings, get_meeting
from ui.meeting_wall import sticky_wall

if ui.role() != ui.CONVENER:
    st.info("Meeting-day capture is for the convener. See the Meeting summary page instead.")
    st.stop()
partnership = ui.require_partnership(title="Meeting day")
st.title("Meeting day")

meetings = full_meetings(ui.conn(), partnership_id=partnership.id)
if meetings.empty:
    st.info(
        "No full-partnership meeting recorded yet. Plan the refresh meeting on the Recruitment page, "
        "or import a meeting's attendance on the Import attendance page, then capture the day here."
    )
    st.stop()
if not (meetings["kind"] == "refresh").any():
    st.info(
        "No refresh meeting planned yet: plan it on the Recruitment page to capture it here. "
        "You can also capture a quarterly meeting's sticky wall below.",
        icon=":material/info:",
    )
picked = st.selectbox("Meeting", meetings["label"].tolist(), key="day_meeting")
meeting = get_meeting(
    ui.conn(), meeting_id=int(meetings.iloc[meetings["label"].tolist().index(picked)]["id"])
)
mid = meeting.id
if meeting.date > dt.date.today():
    ahead = (meeting.date - dt.date.today()).days
    st.warning(
        f"This meeting is on {words.day(meeting.date, '%B %Y')}, {words.count(ahead, 'day')} "
        "from now. Capture its ideas, priorities and champions on the day or after: outcomes saved now are "
        "dated to a meeting that has not happened, and the Health overview does not count them until then.",
        icon=":material/event_upcoming:",
    )

with st.expander("Part II: core principles reaffirmed or changed", icon=":material/verified:"):
    listed = principles.principles(ui.conn(), partnership_id=partnership.id)["text"].tolist()
    done = principles.latest_review(ui.conn(), partnership_id=partnership.id, meeting_id=mid)
    if not listed:
        st.info("No core principles written down yet: add them on the Priorities & teams page, then record "
                "here whether this meeting reaffirmed or changed them.")
    else:
        st.markdown("\n".join("- " + ui.md(p) for p in listed))
        if done is not None:
            st.caption(ui.md(done.sentence))
    if listed and meeting.date > dt.date.today():
        st.caption("Record whether they were reaffirmed or changed once the meeting has met.")
    elif listed:
        with st.form("principles_today", border=False):
            reviewed = st.radio(
                "At this meeting the principles were", ["reaffirmed", "changed"], horizontal=True
            )
            note = st.text_input("What changed, or a note (optional)")
            if st.form_submit_button("Record", icon=":material/done:"):
                with ui.user_errors():
                    principles.record_review(
                        ui.conn(), meeting_id=mid, outcome=reviewed, as_of=dt.date.today(), notes=note
                    )
                    st.rerun()

cats = sticky_wall(mid)

st.header("3. Call for champions", divider="gray")
st.markdown(ui.md(CALL_FOR_CHAMPIONS))
st.caption(
    "No champion, no initiative: a category goes forward as an action team only when at least one "
    'industry leader champions it. Otherwise it is parked as "No champion yet".'
)
people = volunteers.people_for_call(ui.conn(), partnership_id=partnership.id, meeting_id=mid)
label_ids = dict(zip(people["label"], people["id"], strict=True))
active_teams = teams(ui.conn(), partnership_id=partnership.id)
active_teams = active_teams[active_teams["status"] == "active"]
NEW = "No: a new action team"
for cat in cats[cats["priority_id"].isna()].itertuples():
    with st.form(f"call_{cat.id}"):
        st.markdown(f"**{ui.md(cat.name)}** · {cat.ideas} idea{'s' if cat.ideas != 1 else ''} · "
                    f"{cat.votes} dot vote{'s' if cat.votes != 1 else ''}")
        title = st.text_input("Priority", value=str(cat.name), key=f"title_{cat.id}")
        champs = st.multiselect("Champions (industry leaders)", people["label"].tolist(), key=f"ch_{cat.id}",
                                placeholder="Type or pick names")
        members = st.multiselect("Members", people["label"].tolist(), key=f"mem_{cat.id}",
                                 placeholder="Type or pick names")
        cont = st.selectbox(
            "Continue an existing team?", [NEW, *active_teams["name"].tolist()], key=f"cont_{cat.id}"
        )
        if st.form_submit_button("Save this priority", icon=":material/how_to_reg:"):
            with ui.user_errors():
                team_id = (
                    None if cont == NEW else int(active_teams[active_teams["name"] == cont]["id"].iloc[0])
                )
                outcome = champions.call_for_champions(
                    ui.conn(),
                    meeting_id=mid,
                    title=title,
                    category_id=int(str(cat.id)),
                    continue_team_id=team_id,
                    champion_ids=[int(label_ids[c]) for c in champs],
                    member_ids=[int(label_ids[m]) for m in members],
                )
                st.session_state["last_outcome"] = outcome.message
                st.rerun()
if "last_outcome" in st.session_state:
    st.success(ui.md(st.session_state.pop("last_outcome")), icon=":material/how_to_reg:")
if cats.empty:
    st.info("Create categories from the sticky wall first; each can then become a priority.")
elif cats["priority_id"].notna().all():
    st.success(
        "Every category has been through the call for champions: see the recap below.",
        icon=":material/done_all:",
    )
left_out = recharter.teams_not_raised(ui.conn(), meeting_id=mid)
if not left_out.empty:
    names = left_out["name"].tolist()
    st.warning(ui.md(recharter.not_raised_warning(left_out) or ""), icon=":material/group_off:")
    with st.form("recharter"):
        team = st.selectbox("Team", names)
        again = st.multiselect("Champions who step up again (industry leaders)", people["label"].tolist(),
                               placeholder="Type or pick names")
        a, b = st.columns(2)
        team_id = int(left_out[left_out["name"] == team]["id"].iloc[0])
        if a.form_submit_button("Re-charter with these champions", icon=":material/autorenew:"):
            with ui.user_errors():
                outcome = champions.call_for_champions(
                    ui.conn(), meeting_id=mid, continue_team_id=team_id,
                    champion_ids=[int(label_ids[c]) for c in again],
                )
                st.session_state["last_outcome"] = outcome.message
                st.rerun()
        if b.form_submit_button("Close the team", icon=":material/block:"):
            with ui.user_errors():
                recharter.close_teams(ui.conn(), meeting_id=mid, team_ids=[team_id])
                st.session_state["last_outcome"] = recharter.closed_message(team)
                st.rerun()
with st.expander("Someone not in the records volunteers"), st.form("volunteer", clear_on_submit=True):
    v1, v2 = st.columns(2)
    who, org = v1.text_input("Name"), v2.text_input("Company or organisation")
    kind = v1.radio("They are", ["industry leader", "public partner"], horizontal=True)
    email = v2.text_input("Email (optional)")
    if st.form_submit_button("Add to the list"):
        with ui.user_errors():
            volunteers.add_volunteer(
                ui.conn(),
                partnership_id=partnership.id,
                full_name=who,
                organisation=org,
                email=email,
                kind=OrgKind.INDUSTRY if kind == "industry leader" else OrgKind.PUBLIC_PARTNER,
            )
            st.toast(ui.md(who) + " added: pick them in the lists above.")
            st.rerun()

st.header("4. Recap and next steps", divider="gray")
summary = recap(ui.conn(), meeting_id=mid, as_of=dt.date.today())
if summary.decisions.empty:
    st.info("The recap fills in as categories become priorities.")
else:
    with st.container(border=True):
        st.caption("Read this out to close the meeting")
        for line in summary.read_out.splitlines():
            st.markdown("- " + ui.md(line[2:]) if line.startswith("- ") else ui.md(line))
    st.subheader("Follow-up email draft")
    if summary.recipients:
        st.caption(
            f"To the {len(summary.recipients)} participants with an email on record (their addresses "
            "are in the survey list on the Follow-through page)."
        )
    else:
        st.caption(
            "No attendance recorded for this meeting yet: import its sign-in sheet, then get the "
            "participants' addresses from the survey list on the Follow-through page."
        )
    version = abs(hash(summary.email_body))  # a new draft when the decisions change
    st.text_input("Subject", summary.email_subject, key=f"subj_{mid}_{version}")
    st.text_area("Message", summary.email_body, height=360, key=f"body_{mid}_{version}")
    if not summary.clock.empty:
        st.caption(
            f"The follow-through clock has {len(summary.clock)} items for this meeting: see the "
            "Follow-through page."
        )
st.caption(ATTRIBUTION)
