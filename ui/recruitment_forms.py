"""The Recruitment page's convener panels: planning a meeting, the prospect list, the askers.

Each panel takes a :class:`Recruiting` (the connection, the meeting, today, the page's view)
and reads nothing else; the page composes them (``pages/recruitment.py``).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import streamlit as st

from refresh_core import meetings as planning
from refresh_core.db import Connection
from refresh_core.enums import MeetingKind
from refresh_core.guidance import ATTRIBUTION
from refresh_core.health.judge import judge_partnerships
from refresh_core.health.thresholds import load_thresholds
from refresh_core.recruitment import askers as asker_core
from refresh_core.recruitment import prospect_edits, prospects, steps
from refresh_core.recruitment.contacts import MAX_TITLE
from refresh_core.recruitment.pipeline import CHANNEL_LABELS, CIVIC_TRAITS, STATUS_LABELS
from refresh_core.recruitment.view import RecruitmentView, asker_picker
from ui.editing import editor
from ui.session import md, user_errors
from ui.tables import DATE_INPUT_FORMAT, table

STATUS_OPTIONS = list(STATUS_LABELS.values())
CHANNEL_OPTIONS = list(CHANNEL_LABELS.values())
AFFILIATIONS = {"": "Not sure", "Industry": "Industry", "Public partner": "Public partner"}
EMAIL_PATTERN = r"^$|^[^@\s]+@[^@\s]+\.[^@\s]{2,}$"
BALANCED = "_recruit_balanced"  # the sentence saying what "Balance the calls" did, shown after its rerun
# The prospect list shows its columns a set at a time, each set after the name and organisation: all of them
# together are wider than the page (at 1400 and 1280 px the channel read "Personal emai…", and traits, phone
# and email were off to the right). Widths in pixels, for the demo's longest words with the cell's padding
# (and an editable column's pencil): each set fits the 818 px a 1280 px window leaves.
ALWAYS = {"name": 115, "organisation": 188}
PROSPECT_COLUMNS: dict[str, dict[str, int]] = {
    "The ask": {"status": 92, "status_on": 88, "asker": 115, "channel": 206},
    "Who they are": {"kind": 125, "title": 170, "new_company": 100},
    "Civic entrepreneur traits": dict(zip(CIVIC_TRAITS, (114, 91, 116), strict=True)),
    "Contact details": {"phone": 131, "email": 256},
}


@dataclass(frozen=True)
class Recruiting:
    """What every panel works on."""

    conn: Connection
    meeting_id: int
    today: dt.date
    view: RecruitmentView
    date_order: str  # the partnership's, for reading dates in uploaded files


def default_kind(conn: Connection, *, partnership_id: int, today: dt.date) -> MeetingKind:
    """The kind of meeting the partnership's verdict calls for: a refresh only when one is recommended,
    else its regular full-partnership meeting."""
    judged = judge_partnerships(conn, partnership_ids=[partnership_id], as_of=today, th=load_thresholds())
    return MeetingKind.REFRESH if judged[partnership_id].refresh_recommended else MeetingKind.QUARTERLY


def plan_meeting_form(conn: Connection, *, partnership_id: int, today: dt.date,
                      expanded: bool) -> None:
    """The "Plan a meeting" form (its kind what the verdict calls for); the new meeting becomes the one
    shown."""
    suggested = today + dt.timedelta(days=42)
    kinds: list[MeetingKind] = [k for k in MeetingKind if k != MeetingKind.ACTION_TEAM]
    values: list[str] = [k.value for k in kinds]
    usual = default_kind(conn, partnership_id=partnership_id, today=today)
    with st.expander("Plan a meeting", icon=":material/event:", expanded=expanded), \
            st.form("plan_meeting", clear_on_submit=True):
        left, right = st.columns(2)
        day = left.date_input("Date", value=suggested, format=DATE_INPUT_FORMAT)
        kind = right.selectbox("Kind", values, index=kinds.index(usual),
                               format_func=planning.kind_label)
        title = left.text_input("Title (optional)",
                                placeholder=f"{planning.DEFAULT_TITLES[usual]}, {suggested:%B %Y}")
        place = right.text_input("Place (optional)")
        start = left.time_input("Start", value=dt.time(7, 30))
        length = right.number_input("Length (minutes)", min_value=30, max_value=480, value=120, step=15)
        if st.form_submit_button("Plan the meeting", icon=":material/event_available:"):
            with user_errors():
                st.session_state["recruit_meeting"] = planning.add_meeting(
                    conn, partnership_id=partnership_id, date=day, kind=kind, title=title, start_time=start,
                    minutes=int(length), location=place)
                st.rerun()


def prospects_panel(work: Recruiting) -> None:
    """The prospect list to edit, then one prospect's dated step or removal."""
    if work.view.table.empty:
        st.info("No prospects yet. Add them from the suggestions, by hand, or from a CSV file "
                "('Add prospects' above).")
        return
    _prospect_editor(work)
    st.caption("Civic entrepreneurs: collaborative and strategic business leaders who see the success "
               "of their company, their industry and the wider community as linked. " + ATTRIBUTION)
    _one_prospect(work)


def _prospect_editor(work: Recruiting) -> None:
    view = work.view
    chosen = st.segmented_control("Columns", list(PROSPECT_COLUMNS), default="The ask",
                                  key="prospect_columns", label_visibility="collapsed")
    widths = {**ALWAYS, **PROSPECT_COLUMNS[chosen or "The ask"]}
    traits = {t: st.column_config.CheckboxColumn(label, width=widths.get(t))
              for t, label in CIVIC_TRAITS.items()}
    traits["interdependent"] = st.column_config.CheckboxColumn(
        "Sees the links", width=widths.get("interdependent"), help=CIVIC_TRAITS["interdependent"] + ".")
    edited = editor(  # (edits not yet saved stay when another set of columns is shown: same key and rows)
        view.editable, key=f"prospects_{work.meeting_id}", column_order=list(widths),
        disabled=[c for c in view.editable.columns if c not in prospect_edits.EDITABLE],
        column_config={
            "prospect_id": None, "person_id": None,
            "name": st.column_config.TextColumn("Name", width=widths["name"]),
            "organisation": st.column_config.TextColumn("Organisation", width=widths["organisation"]),
            "kind": st.column_config.TextColumn(
                "Kind", width=widths.get("kind"),
                help="\"(guessed)\": guessed from an email address alone. Confirm or correct it on the "
                "People page."),
            "title": st.column_config.TextColumn("Job title", width=widths.get("title"), max_chars=MAX_TITLE),
            "status": st.column_config.SelectboxColumn("Status", width=widths.get("status"),
                                                       options=STATUS_OPTIONS, required=True),
            "status_on": st.column_config.DateColumn("Since", width=widths.get("status_on"),
                                                     format="D MMM YYYY"),
            "asker": st.column_config.SelectboxColumn("Asker", width=widths.get("asker"),
                                                      options=list(view.asker_choices)),
            "channel": st.column_config.SelectboxColumn("Channel", width=widths.get("channel"),
                                                        options=CHANNEL_OPTIONS),
            **traits,
            "new_company": st.column_config.CheckboxColumn("New company", width=widths.get("new_company")),
            "phone": st.column_config.TextColumn("Phone", width=widths.get("phone")),
            "email": st.column_config.TextColumn("Email", width=widths.get("email"), validate=EMAIL_PATTERN)})
    st.caption("Status, asker, channel, traits, job title, phone and email can be changed here; contact "
               "details are kept on the person's record.")
    if st.button("Save changes", icon=":material/save:", key="save_prospects"):
        with user_errors():
            n = prospect_edits.save_edits(work.conn, meeting_id=work.meeting_id, current=view.editable,
                                          edited=edited, choices=view.asker_choices, on=work.today)
            st.toast(f"Saved {n} prospect{'' if n == 1 else 's'}; new statuses are dated today.")
            st.rerun()


def _one_prospect(work: Recruiting) -> None:
    labels = work.view.prospect_labels
    st.markdown("**One prospect: record a dated step, or take them off the list**")
    who = st.selectbox("Prospect", list(labels), key="step_prospect")
    with st.form("record_step", clear_on_submit=True, border=False):
        left, middle, right = st.columns([2, 2, 1], vertical_alignment="bottom")
        new_status = left.selectbox("Status", STATUS_OPTIONS, index=1, key="step_status")
        on = middle.date_input("On", value=work.today, max_value=work.today, key="step_on",
                               format=DATE_INPUT_FORMAT)
        if right.form_submit_button("Record step", icon=":material/done:"):
            with user_errors():
                steps.set_status(work.conn, prospect_id=labels[who], status=new_status, on=on)
                st.toast("Step recorded.")
                st.rerun()
    if st.button("Take them off the list", icon=":material/person_remove:", key="remove_prospect"):
        with user_errors():
            prospects.remove_prospect(work.conn, prospect_id=labels[who])
            st.rerun()


def askers_panel(work: Recruiting) -> None:
    """Who makes the asks: the list, suggestions and anyone in the records, someone new, balancing."""
    st.caption("The guide: divide up the calls among your public partner team and industry champions. "
               + ATTRIBUTION)
    if work.view.askers.empty:
        st.info("No askers yet. Add the industry champions and public partner staff who will make the asks.")
    else:
        table(work.view.askers[["name", "organisation", "role", "phone"]], empty="No askers yet.",
              labels={"name": "Name", "organisation": "Organisation", "role": "Role", "phone": "Phone"})
    _pick_askers(work)
    _new_asker_form(work)
    _balance_or_remove(work)


def _pick_askers(work: Recruiting) -> None:
    picker = asker_picker(work.conn, meeting_id=work.meeting_id)
    suggested = {f"{n} · {r}": int(p) for n, r, p in zip(
        picker.suggested["name"], picker.suggested["role"], picker.suggested["person_id"], strict=True)}
    left, right = st.columns(2)
    picked = left.multiselect("Suggested askers (champions, public partner staff)", list(suggested),
                              key="asker_pick", placeholder="Pick askers")
    other = right.selectbox("Someone else in the records", ["", *picker.people], key="asker_other",
                            format_func=lambda p: p or "Pick a person")
    if st.button("Add askers", icon=":material/person_add:", disabled=not picked and not other):
        with user_errors():
            wanted = [suggested[p] for p in picked] + ([picker.people[other]] if other else [])
            asker_core.add_askers(work.conn, meeting_id=work.meeting_id, person_ids=wanted)
            st.rerun()


def _new_asker_form(work: Recruiting) -> None:
    with st.form("new_asker", clear_on_submit=True):
        st.markdown("**Someone not in the records yet** (you, a new champion)")
        left, middle, right = st.columns(3)
        name = left.text_input("Name", key="new_asker_name")
        organisation = middle.text_input("Organisation", key="new_asker_org")
        email = right.text_input("Email (optional)", key="new_asker_email")
        affiliation = left.selectbox("Affiliation", list(AFFILIATIONS), format_func=AFFILIATIONS.__getitem__,
                                     key="new_asker_affiliation")
        if st.form_submit_button("Add as asker", icon=":material/person_add:"):
            with user_errors():
                made = asker_core.add_new_asker(work.conn, meeting_id=work.meeting_id, name=name,
                                                organisation=organisation, email=email,
                                                affiliation=affiliation)
                st.toast(md(name.strip()) + (" added to the records and" if made.created else "")
                         + " is now an asker.")
                st.rerun()


def _balance_or_remove(work: Recruiting) -> None:
    if BALANCED in st.session_state:  # what the last click did, kept across its rerun
        st.success(md(st.session_state.pop(BALANCED)), icon=":material/balance:")
    left, right = st.columns(2)
    if left.button("Balance the calls", icon=":material/balance:", type="primary"):
        with user_errors():
            done = asker_core.balance_calls(work.conn, meeting_id=work.meeting_id, as_of=work.today)
            st.session_state[BALANCED] = done.sentence()
            st.rerun()
    if work.view.askers.empty:
        return
    drop = right.selectbox("Remove an asker", ["", *work.view.asker_choices], key="asker_drop",
                           format_func=lambda p: p or "Pick an asker to remove", label_visibility="collapsed")
    if drop and right.button("Remove asker", icon=":material/person_remove:"):
        with user_errors():
            asker_core.remove_asker(work.conn, meeting_id=work.meeting_id,
                                    person_id=work.view.asker_choices[drop])
            st.rerun()
