"""The Recruitment page's "Add prospects" panel: suggestions from the attendance records, one
person typed by hand, a prospect list file, and an Eventbrite registrations export."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from refresh_core.ingest import Format, parse_file
from refresh_core.recruitment import prospects
from refresh_core.recruitment.eventbrite_import import apply_eventbrite
from refresh_core.recruitment.pipeline import ProspectSource
from refresh_core.recruitment.prospect_import import ProspectImport, add_by_hand, import_prospects
from refresh_core.recruitment.suggestions import GROUP_ADVICE, GROUP_TITLES, SuggestionGroup, suggestions
from ui.recruitment_forms import AFFILIATIONS, CHANNEL_OPTIONS, STATUS_OPTIONS, Recruiting
from ui.session import md, user_errors
from ui.tables import table

UPLOADED = "prospect_upload"


def add_panel(work: Recruiting) -> None:
    """Every way to put people on the list."""
    _suggestions(work)
    _by_hand(work)
    _upload(work)
    _eventbrite(work)


def _suggestions(work: Recruiting) -> None:
    st.markdown("**Suggestions from your attendance records**")
    found = suggestions(work.conn, meeting_id=work.meeting_id, as_of=work.today)
    if found.empty:
        st.write("No suggestions: everyone the records point to is already on the list.")
    for group in SuggestionGroup:
        part = found[found["group"] == group.value]
        if not part.empty:
            _suggestion_group(work, group, part)


def _suggestion_group(work: Recruiting, group: SuggestionGroup, part: pd.DataFrame) -> None:
    with st.expander(f"{GROUP_TITLES[group]} ({len(part)})"):
        st.caption(GROUP_ADVICE[group])
        table(part[["name", "organisation", "title", "reason"]], empty="Nobody to suggest here.",
              labels={"name": "Name", "organisation": "Organisation", "title": "Job title", "reason": "Why"})
        people = part.dropna(subset=["person_id"])
        if people.empty:
            return
        names = dict(zip(people["name"] + " (" + people["organisation"].fillna("") + ")",
                         people["person_id"].astype(int), strict=False))
        picked = st.multiselect("Pick people", list(names), key=f"pick_{group.value}",
                                placeholder="Type or pick names")
        a, b = st.columns(2)
        chosen = [names[p] for p in picked] if a.button(
            "Add selected", key=f"add_{group.value}", icon=":material/person_add:") else []
        if b.button(f"Add all {len(names)}", key=f"all_{group.value}", icon=":material/group_add:"):
            chosen = list(names.values())
        if chosen:
            with user_errors():
                n = prospects.add_prospects(work.conn, meeting_id=work.meeting_id, person_ids=chosen,
                                            on=work.today, source=ProspectSource.SUGGESTION)
                st.toast(f"Added {n} prospect{'' if n == 1 else 's'}.")
                st.rerun()


def _by_hand(work: Recruiting) -> None:
    choices = work.view.asker_choices
    with st.form("add_by_hand", clear_on_submit=True):
        st.markdown("**Add someone by hand**")
        left, right = st.columns(2)
        name = left.text_input("Name")
        email = right.text_input("Email")
        phone = left.text_input("Phone")
        company = right.text_input("Company")
        title = left.text_input("Job title")
        affiliation = right.selectbox("Affiliation", list(AFFILIATIONS), format_func=AFFILIATIONS.__getitem__)
        asker = left.selectbox("Asker", ["", *choices], format_func=lambda a: a or "Nobody yet")
        channel = right.selectbox("Channel", ["", *CHANNEL_OPTIONS], format_func=lambda c: c or "Not decided")
        first_status = left.selectbox("Status", STATUS_OPTIONS)
        if st.form_submit_button("Add prospect", icon=":material/person_add:"):
            with user_errors():
                add_by_hand(work.conn, meeting_id=work.meeting_id, on=work.today, name=name, email=email,
                            phone=phone, company=company, title=title, affiliation=affiliation,
                            channel=channel, asker_id=choices.get(asker), status=first_status)
                st.toast("Added " + md(name or email) + ".")
                st.rerun()


def _upload(work: Recruiting) -> None:
    st.markdown("**Upload a prospect list** (CSV or Excel: name, email, phone, company, title, "
                "affiliation, asker, channel, status; other columns are ignored)")
    upload = st.file_uploader("Prospect list", type=["csv", "xlsx", "txt"], key=f"plist_{work.meeting_id}")
    if upload is not None and st.button("Load prospects", icon=":material/upload_file:"):
        with user_errors(), st.status("Matching people and loading prospects..."):
            st.session_state[UPLOADED] = import_prospects(
                work.conn, meeting_id=work.meeting_id, data=upload.getvalue(), file_name=upload.name,
                on=work.today)
            st.rerun()  # the meter and the list above now include them
    loaded = st.session_state.get(UPLOADED)
    if isinstance(loaded, ProspectImport):
        _upload_result(loaded)


def _upload_result(loaded: ProspectImport) -> None:
    st.success(md(loaded.sentence()), icon=":material/check:")
    if loaded.reviews:
        st.info(f"{loaded.reviews} close match{'' if loaded.reviews == 1 else 'es'} between people wait for "
                "your review on the People and organisations page: nobody is merged without you.")
    for warning in loaded.warnings:
        st.warning(md(warning), icon=":material/info:")
    if loaded.ignored_columns:
        st.caption("Ignored columns: " + md(", ".join(loaded.ignored_columns)))
    if len(loaded.rejected):
        st.warning("These rows were not loaded; fix them and upload again:")
        table(loaded.rejected, empty="Every row was loaded.",
              labels={"line": "Line", "column": "Column", "reason": "Why", "raw": "Row"})


def _eventbrite(work: Recruiting) -> None:
    st.markdown("**Eventbrite registrations** (the attendee export for this meeting: registrations "
                "confirm, check-ins mark attended)")
    brite = st.file_uploader("Eventbrite export", type=["csv", "xlsx"], key=f"brite_{work.meeting_id}")
    if brite is not None and st.button("Apply registrations", icon=":material/how_to_reg:"):
        with user_errors(), st.status("Reading registrations..."):
            parsed = parse_file(brite.getvalue(), file_name=brite.name, format=Format.EVENTBRITE,
                                date_order=work.date_order)
            done = apply_eventbrite(work.conn, meeting_id=work.meeting_id, parsed=parsed, on=work.today,
                                    data=brite.getvalue())
            st.toast(f"{done.confirmed} confirmed, {done.attended} attended, {done.added} added to the list.")
            st.rerun()
