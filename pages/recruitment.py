"""Recruitment: will the refresh meeting reach 20 industry leaders, and who still needs a call?"""

from __future__ import annotations

import datetime as dt

import pandas as pd
import streamlit as st

import ui
from refresh_core import meetings as planning
from refresh_core.enums import MeetingKind
from refresh_core.guidance import ATTRIBUTION
from refresh_core.ingest import Format, parse_file
from refresh_core.recruitment import askers as asker_core
from refresh_core.recruitment import callsheets, invitations, prospect_edits, prospects, steps
from refresh_core.recruitment.pipeline import CHANNEL_LABELS, CIVIC_TRAITS, STATUS_LABELS, ProspectSource
from refresh_core.recruitment.prospect_import import add_by_hand, apply_eventbrite, import_prospects
from refresh_core.recruitment.suggestions import GROUP_ADVICE, GROUP_TITLES, SuggestionGroup, suggestions
from refresh_core.recruitment.view import asker_picker, invitation_draft, recruitment_view
from ui import charts

STATUS_OPTIONS = list(STATUS_LABELS.values())
CHANNEL_OPTIONS = list(CHANNEL_LABELS.values())

st.title("Recruitment")
partnership = ui.require_partnership()

conn = ui.conn()
convener = ui.role() == ui.CONVENER
today = dt.date.today()
meetings = planning.recent_meetings(conn, partnership_id=partnership.id, as_of=today)

if convener:
    with st.expander("Plan a meeting", icon=":material/event:", expanded=not meetings["upcoming"].any()), \
            st.form("plan_meeting", clear_on_submit=True):
        left, right = st.columns(2)
        day = left.date_input("Date", value=today + dt.timedelta(days=42), format="YYYY-MM-DD")
        kind = right.selectbox("Kind", [k.value for k in MeetingKind if k is not MeetingKind.ACTION_TEAM],
                               index=2, format_func=lambda k: k.replace("_", " ").capitalize())
        title = left.text_input("Title (optional)",
                                placeholder=f"Refresh meeting, {today + dt.timedelta(days=42):%B %Y}")
        place = right.text_input("Place (optional)")
        start = left.time_input("Start", value=dt.time(7, 30))
        length = right.number_input("Length (minutes)", min_value=30, max_value=480, value=120, step=15)
        if st.form_submit_button("Plan the meeting", icon=":material/event_available:"):
            with ui.user_errors():
                st.session_state["recruit_meeting"] = planning.add_meeting(
                    conn, partnership_id=partnership.id, date=day, kind=kind, title=title, start_time=start,
                    minutes=int(length), location=place)
                st.rerun()

if not meetings["upcoming"].any():
    st.info("No full-partnership meeting is planned yet. "
            + ("Plan the next meeting above to start building its invitation list"
               if convener else "Your convener will plan the next one")
            + ("; past meetings stay listed for their results." if len(meetings) else "."))
if meetings.empty:
    st.stop()

labels = {int(str(r.id)): f"{r.title} · {pd.Timestamp(str(r.date)):%a %d %b %Y}"
          + ("" if r.upcoming else " (past)") for r in meetings.itertuples()}
if st.session_state.get("recruit_meeting") not in labels:
    st.session_state["recruit_meeting"] = next(iter(labels))
meeting_id = st.selectbox("Meeting", list(labels), format_func=labels.__getitem__, key="recruit_meeting")
view = recruitment_view(conn, meeting_id=meeting_id, as_of=today, convener=convener)
status = view.status

st.subheader("Goal: at least 20 industry leaders in the room")
st.progress(status.progress, text=ui.md(status.goal_takeaway))
cols = st.columns(4)
cols[0].metric("Industry leaders confirmed", f"{status.industry_confirmed} / {status.goal}")
cols[1].metric("Industry leaders attended", status.industry_attended)
cols[2].metric("Expected turnout", status.expected_turnout, help=status.show_rate.explanation)
cols[3].metric("Public partners confirmed", status.public_confirmed, help="Shown, never counted: public "
               "partners support, industry leads.")
cols = st.columns(4)
cols[0].metric("Civic entrepreneurs", status.civic_entrepreneurs_confirmed,
               help="Confirmed industry leaders with all three traits ticked.")
cols[1].metric("New companies", status.new_companies_confirmed,
               help="Companies never at a full-partnership meeting before.")
cols[2].metric("Mid-level managers", status.mid_level_confirmed)
cols[3].metric("Days to the meeting", max(status.days_to_meeting, 0))
st.caption(ui.md(status.show_rate.explanation) + " Goal of 20 business leaders: " + ATTRIBUTION)

st.subheader("Where everyone stands")
st.write(ui.md(status.funnel_takeaway))
if status.prospects:
    st.altair_chart(charts.funnel_chart(status.funnel), width="stretch")

if not convener:
    st.stop()

for warning in status.warnings:
    st.warning(ui.md(warning), icon=":material/campaign:")

if not status.per_asker.empty:
    st.subheader("Calls per asker")
    st.dataframe(status.per_asker.drop(columns="asker_id"), hide_index=True, width="stretch")

SECTIONS = ["Prospects", "Add prospects", "Askers", "Invitations and call sheets"]
section = st.radio("Work on", SECTIONS, horizontal=True, key="recruit_section", label_visibility="collapsed")


def prospects_panel() -> None:
    if view.table.empty:
        st.info("No prospects yet. Add them from the suggestions, by hand, or from a CSV file "
                "('Add prospects' above).")
    else:
        asker_options = list(view.asker_choices)
        edited = st.data_editor(
            view.editable, key=f"prospects_{meeting_id}", hide_index=True, width="stretch",
            disabled=[c for c in view.editable.columns if c not in prospect_edits.EDITABLE],
            column_config={
                "prospect_id": None,
                "name": st.column_config.TextColumn("Name"), "organisation": "Organisation",
                "kind": "Kind", "title": "Title",
                "status": st.column_config.SelectboxColumn("Status", options=STATUS_OPTIONS, required=True),
                "status_on": st.column_config.DateColumn("Since", format="D MMM YYYY"),
                "asker": st.column_config.SelectboxColumn("Asker", options=asker_options),
                "channel": st.column_config.SelectboxColumn("Channel", options=CHANNEL_OPTIONS),
                **{t: st.column_config.CheckboxColumn(label) for t, label in CIVIC_TRAITS.items()},
                "new_company": st.column_config.CheckboxColumn("New company"),
                "phone": st.column_config.TextColumn("Phone"), "email": "Email"})
        if st.button("Save changes", icon=":material/save:", key="save_prospects"):
            with ui.user_errors():
                n = prospect_edits.save_edits(conn, meeting_id=meeting_id, current=view.editable,
                                              edited=edited, choices=view.asker_choices, on=today)
                st.toast(f"Saved {n} prospect(s); new statuses are dated today.")
                st.rerun()
        st.caption("Civic entrepreneurs: collaborative and strategic business leaders who see the success "
                   "of their company, their industry and the wider community as linked. " + ATTRIBUTION)
        st.markdown("**One prospect: record a dated step, or take them off the list**")
        who = st.selectbox("Prospect", list(view.prospect_labels), key="step_prospect")
        with st.form("record_step", clear_on_submit=True, border=False):
            left, middle, right = st.columns([2, 2, 1], vertical_alignment="bottom")
            new_status = left.selectbox("Status", STATUS_OPTIONS, index=1, key="step_status")
            on = middle.date_input("On", value=today, max_value=today, key="step_on")
            if right.form_submit_button("Record step", icon=":material/done:"):
                with ui.user_errors():
                    steps.set_status(conn, prospect_id=view.prospect_labels[who], status=new_status, on=on)
                    st.toast("Step recorded.")
                    st.rerun()
        if st.button("Take them off the list", icon=":material/person_remove:", key="remove_prospect"):
            with ui.user_errors():
                prospects.remove_prospect(conn, prospect_id=view.prospect_labels[who])
                st.rerun()


def add_panel() -> None:
    st.markdown("**Suggestions from your attendance records**")
    found = suggestions(conn, meeting_id=meeting_id, as_of=today)
    if found.empty:
        st.write("No suggestions: everyone the records point to is already on the list.")
    for group in SuggestionGroup:
        part = found[found["group"] == group.value]
        if part.empty:
            continue
        with st.expander(f"{GROUP_TITLES[group]} ({len(part)})"):
            st.caption(GROUP_ADVICE[group])
            st.dataframe(part[["name", "organisation", "title", "reason"]], hide_index=True, width="stretch")
            people = part.dropna(subset=["person_id"])
            if people.empty:
                continue
            names = dict(zip(people["name"] + " (" + people["organisation"].fillna("") + ")",
                             people["person_id"].astype(int), strict=False))
            picked = st.multiselect("Pick people", list(names), key=f"pick_{group.value}")
            a, b = st.columns(2)
            chosen = [names[p] for p in picked] if a.button(
                "Add selected", key=f"add_{group.value}", icon=":material/person_add:") else []
            if b.button(f"Add all {len(names)}", key=f"all_{group.value}", icon=":material/group_add:"):
                chosen = list(names.values())
            if chosen:
                with ui.user_errors():
                    n = prospects.add_prospects(conn, meeting_id=meeting_id, person_ids=chosen, on=today,
                                                source=ProspectSource.SUGGESTION)
                    st.toast(f"Added {n} prospect(s).")
                    st.rerun()

    with st.form("add_by_hand", clear_on_submit=True):
        st.markdown("**Add someone by hand**")
        left, right = st.columns(2)
        name = left.text_input("Name")
        email = right.text_input("Email")
        phone = left.text_input("Phone")
        company = right.text_input("Company")
        title = left.text_input("Job title")
        affiliation = right.selectbox("Affiliation", ["", "Industry", "Public partner"],
                                      format_func=lambda a: a or "Not sure")
        asker = left.selectbox("Asker", ["", *view.asker_choices], format_func=lambda a: a or "Nobody yet")
        channel = right.selectbox("Channel", ["", *CHANNEL_OPTIONS], format_func=lambda c: c or "Not decided")
        first_status = left.selectbox("Status", STATUS_OPTIONS)
        if st.form_submit_button("Add prospect", icon=":material/person_add:"):
            with ui.user_errors():
                add_by_hand(conn, meeting_id=meeting_id, on=today, name=name, email=email, phone=phone,
                            company=company, title=title, affiliation=affiliation, channel=channel,
                            asker_id=view.asker_choices.get(asker), status=first_status)
                st.toast("Added " + ui.md(name or email) + ".")
                st.rerun()

    st.markdown("**Upload a prospect list** (CSV or Excel: name, email, phone, company, title, "
                "affiliation, asker, channel, status; other columns are ignored)")
    upload = st.file_uploader("Prospect list", type=["csv", "xlsx", "txt"], key=f"plist_{meeting_id}")
    if upload is not None and st.button("Load prospects", icon=":material/upload_file:"):
        with ui.user_errors(), st.status("Matching people and loading prospects..."):
            st.session_state["prospect_upload"] = import_prospects(
                conn, meeting_id=meeting_id, data=upload.getvalue(), file_name=upload.name, on=today)
            st.rerun()  # the meter and the list above now include them
    loaded = st.session_state.get("prospect_upload")
    if loaded is not None:
        st.success(ui.md(f"{loaded.file_name}: {loaded.prospects_added} added to the list, "
                         f"{loaded.prospects_updated} updated; {loaded.people_added} new to the records, "
                         f"{loaded.people_matched} already known."), icon=":material/check:")
        if loaded.reviews:
            st.info(f"{loaded.reviews} close match(es) between people wait for your review on the People "
                    "page: nobody is merged without you.")
        for warning in loaded.warnings:
            st.warning(ui.md(warning), icon=":material/info:")
        if loaded.ignored_columns:
            st.caption("Ignored columns: " + ui.md(", ".join(loaded.ignored_columns)))
        if len(loaded.rejected):
            st.warning("These rows were not loaded; fix them and upload again:")
            st.dataframe(loaded.rejected, hide_index=True, width="stretch")

    st.markdown("**Eventbrite registrations** (the attendee export for this meeting: registrations "
                "confirm, check-ins mark attended)")
    brite = st.file_uploader("Eventbrite export", type=["csv", "xlsx"], key=f"brite_{meeting_id}")
    if brite is not None and st.button("Apply registrations", icon=":material/how_to_reg:"):
        with ui.user_errors(), st.status("Reading registrations..."):
            parsed = parse_file(brite.getvalue(), file_name=brite.name, format=Format.EVENTBRITE,
                                date_order=partnership.date_order)
            done = apply_eventbrite(conn, meeting_id=meeting_id, parsed=parsed, on=today,
                                    data=brite.getvalue())
            st.toast(f"{done.confirmed} confirmed, {done.attended} attended, {done.added} added to the list.")
            st.rerun()


def askers_panel() -> None:
    st.caption("The guide: divide up the calls among your public partner team and industry champions. "
               + ATTRIBUTION)
    if view.askers.empty:
        st.info("No askers yet. Add the industry champions and public partner staff who will make the asks.")
    else:
        st.dataframe(view.askers[["name", "organisation", "role", "phone"]], hide_index=True, width="stretch")
    picker = asker_picker(conn, meeting_id=meeting_id)
    suggested = {f"{n} · {r}": int(p) for n, r, p in zip(
        picker.suggested["name"], picker.suggested["role"], picker.suggested["person_id"], strict=True)}
    left, right = st.columns(2)
    picked = left.multiselect("Suggested askers (champions, public partner staff)", list(suggested),
                              key="asker_pick")
    other = right.selectbox("Someone else", ["", *picker.people], key="asker_other",
                            format_func=lambda p: p or "Pick a person")
    a, b, c = st.columns(3)
    if a.button("Add askers", icon=":material/person_add:"):
        with ui.user_errors():
            wanted = [suggested[p] for p in picked] + ([picker.people[other]] if other else [])
            asker_core.add_askers(conn, meeting_id=meeting_id, person_ids=wanted)
            st.rerun()
    if b.button("Balance the calls", icon=":material/balance:", type="primary"):
        with ui.user_errors():
            n = asker_core.balance_calls(conn, meeting_id=meeting_id, as_of=today)
            st.toast(f"Gave {n} prospect(s) an asker, spread evenly." if n else "Everyone has an asker.")
            st.rerun()
    if not view.askers.empty:
        drop = c.selectbox("Remove an asker", ["", *view.asker_choices], key="asker_drop",
                           format_func=lambda p: p or "Pick an asker", label_visibility="collapsed")
        if drop and c.button("Remove asker", icon=":material/person_remove:"):
            with ui.user_errors():
                asker_core.remove_asker(conn, meeting_id=meeting_id, person_id=view.asker_choices[drop])
                st.rerun()


def invitations_panel() -> None:
    draft = invitation_draft(conn, meeting_id=meeting_id)
    template = draft.template
    st.caption("Written as from your industry champions to their peers, sent on their behalf and "
               "personalised (the guide's personal ask). Placeholders: "
               + ", ".join(f"`{{{k}}}` {v}" for k, v in invitations.PLACEHOLDERS.items())
               + ". " + ATTRIBUTION)
    subject = st.text_input("Subject", value=template.subject, key=f"inv_subject_{meeting_id}")
    body = st.text_area("Invitation", value=template.body, height=320, key=f"inv_body_{meeting_id}")
    unknown = invitations.unknown_placeholders(subject, body)
    if unknown:
        st.warning("Not a known placeholder, left as typed: "
                   + ui.md(", ".join("{" + u + "}" for u in unknown)))
    a, b = st.columns(2)
    if a.button("Save invitation", icon=":material/save:"):
        with ui.user_errors():
            invitations.save_template(conn, meeting_id=meeting_id, subject=subject, body=body)
            st.toast("Invitation saved.")
    if b.button("Back to the default text", icon=":material/restart_alt:"):
        invitations.reset_template(conn, meeting_id=meeting_id)
        for key in (f"inv_subject_{meeting_id}", f"inv_body_{meeting_id}"):
            st.session_state.pop(key, None)
        st.rerun()
    current = invitations.Template(subject, body, False)
    if view.prospect_labels:
        who = st.selectbox("Preview for", list(view.prospect_labels), key="preview_who")
        row = view.table[view.table["prospect_id"] == view.prospect_labels[who]].iloc[0]
        shown = invitations.render(current, invitations.prospect_values(draft.shared_values, row))
        with st.container(border=True):
            st.text("Subject: " + shown.subject)
            st.text(shown.body)

    st.markdown("**Downloads**")
    d1, d2, d3, d4 = st.columns(4)

    def calls() -> pd.DataFrame:
        return callsheets.call_list(conn, meeting_id=meeting_id, as_of=today)

    d1.download_button(
        "Mail-merge CSV", icon=":material/mail:", file_name="invitations.csv", mime="text/csv",
        data=lambda: invitations.mail_merge_csv(
            invitations.mail_merge(conn, meeting_id=meeting_id, template=current, as_of=today)))
    d2.download_button("Call sheets (CSV)", icon=":material/table:", file_name="call-sheets.csv",
                       mime="text/csv", data=lambda: callsheets.call_sheets_csv(calls()))
    d3.download_button("Call sheets (print)", icon=":material/print:", file_name="call-sheets.txt",
                       mime="text/plain",
                       data=lambda: callsheets.call_sheets_text(conn, meeting_id=meeting_id, calls=calls()))
    d4.download_button("Call sheets (Word)", icon=":material/description:", file_name="call-sheets.docx",
                       mime="application/vnd.openxmlformats-officedocument.wordprocessingml.document",
                       data=lambda: callsheets.call_sheets_docx(conn, meeting_id=meeting_id, calls=calls()))
    without = view.table["email"].isna().sum() if len(view.table) else 0
    st.caption("The mail merge holds every prospect still to win over who has an email address"
               + (f"; {without} prospect(s) have no email and need a letter or a call." if without else ".")
               + " Word, Outlook and Gmail merge tools read the email, subject and body columns.")


PANELS = {"Prospects": prospects_panel, "Add prospects": add_panel, "Askers": askers_panel,
          "Invitations and call sheets": invitations_panel}
PANELS[section or SECTIONS[0]]()
