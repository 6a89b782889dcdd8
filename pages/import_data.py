"""Import attendance: pick (or create) the partnership, upload files, check what was read, fix
meetings, then import in one go."""

from __future__ import annotations

import pandas as pd
import streamlit as st

import ui
from refresh_core import words
from refresh_core.enums import MeetingKind
from refresh_core.errors import RefreshError
from refresh_core.hosting import tasks
from refresh_core.imports.apply import ImportResult, apply_imports
from refresh_core.imports.mappings import MAPPABLE_FIELDS, save_mapping
from refresh_core.imports.several import Previews, previews
from refresh_core.imports.upload import (
    FORMAT_LABELS,
    NOT_IN_FILE,
    Upload,
    confidence_label,
    edited_meetings,
    mapping_options,
    meetings_for_editing,
    uncounted_warnings,
    with_kinds,
)
from refresh_core.meetings import KindChoice, kind_choices
from refresh_core.partnerships import Partnership, create_partnership
from ui import backups
from ui.import_results import repeats_note, rows_listed, skipped_rows

RESULTS = "_import_results"
CHOSEN_COLUMNS = "_import_chosen_columns"  # columns matched by hand, saved at the start of the next run
ROUND = "_import_round"
ORDERS = {"month_first": "month first (3/4 = 4 March)", "day_first": "day first (3/4 = 3 April)"}
NEW = ""  # the picker's "New partnership" entry
REJECTED_LABELS = {"line": "Line", "column": "Column", "reason": "Why", "raw": "Row"}
REVIEW_LABELS = {"person": "Person", "candidate_new": "May be (also in this file)",
                 "score": "Name similarity",
                 "reason": "Why"}
PEOPLE_LABELS = {"full_name": "Name", "email": "Email", "organisation": "Organisation",
                 "status": "New or matched", "how": "How matched"}
ROW_LABELS = {"line": "Line", "name": "Name", "email": "Email", "organisation": "Organisation",
              "title": "Job title", "phone": "Phone", "affiliation": "Affiliation",
              "public_subtype": "Public partner type", "meeting_date": "Meeting date",
              "meeting_title": "Meeting title", "meeting_kind": "Meeting type", "role": "Role",
              "minutes": "Minutes"}

if ui.role() != ui.CONVENER:
    st.error("Only conveners can import attendance.", icon=":material/block:")
    st.stop()

st.title("Import attendance")


def new_partnership_form() -> None:
    with st.form("new_partnership"):
        name = st.text_input("Partnership name", placeholder="e.g. Tri-County Healthcare Partnership",
                             max_chars=120)
        left, right = st.columns(2)
        sector = left.text_input("Sector (optional)", placeholder="e.g. Healthcare")
        region = right.text_input("Region (optional)", placeholder="e.g. Tri-County region")
        if st.form_submit_button("Create partnership", icon=":material/add:", type="primary"):
            with ui.user_errors():
                made = create_partnership(ui.conn(), name=name, sector=sector, region=region)
                ui.switch_partnership(made.name)


def import_target() -> Partnership | None:
    """Which partnership the files go into: the current one, another, or a new one made here."""
    current = ui.current_partnership()
    names = ui.partnership_names()
    if not names:
        st.info("There is no partnership yet. Name the partnership these attendance files belong to "
                "(the Partnerships page, under Admin, lets you edit it later).", icon=":material/group_add:")
        new_partnership_form()
        return None
    here = current.name if current is not None and current.name in names else NEW
    picked = st.selectbox("Import into", [*names, NEW], index=[*names, NEW].index(here),
                          format_func=lambda n: n or "New partnership...", key=f"import_into_{here}",
                          help="The files' meetings and people are added to this partnership.")
    if picked == NEW:
        new_partnership_form()
        return None
    if picked != here:
        ui.switch_partnership(picked)
    return current


def show_results(results: list[ImportResult]) -> None:
    for r in results:
        if r.status == "already_imported":
            st.info(ui.md(f"{r.file}: {r.warnings[0]}"), icon=":material/content_copy:")
            continue
        st.success(ui.md(r.sentence()), icon=":material/check_circle:")
        if skipped := skipped_rows(r):
            st.warning(ui.md(skipped), icon=":material/playlist_remove:")
    after_import(results)


def after_import(results: list[ImportResult]) -> None:
    """Where the imported meetings now count, and the next step: the Health overview for meetings it
    counts, the Meetings page for those saved as Other (counted nowhere until their type is set)."""
    kinds = [str(m.get("kind")) for r in results if r.status != "already_imported" for m in r.meetings]
    uncounted = kinds.count(MeetingKind.OTHER)
    counted = len(kinds) - uncounted
    if counted:
        st.write(f"The Health overview now counts {words.count(counted, 'meeting')} from this import.")
        ui.link_to("pages/health.py", "See the verdict on the Health overview", ":material/monitor_heart:")
    if uncounted:
        they = words.plural(uncounted, "it was a partnership or action-team meeting",
                            "they were partnership or action-team meetings")
        st.warning(f"{words.count(uncounted, 'meeting')} saved as Other (not counted) "
                   f"{words.plural(uncounted, 'does', 'do')} not show on the Health overview. If {they}, "
                   "set the type on the Meetings page.", icon=":material/visibility_off:")
        ui.link_to("pages/meetings.py", "Set meeting types on the Meetings page", ":material/calendar_month:")
    st.caption("Undo an import on the Import history page.")


def mapping_step(upload: Upload, file_key: str, partnership: Partnership) -> None:
    header = upload.header or ()
    st.warning("We did not recognise this file's columns. Tell us which column holds what; the choice "
               "is remembered for files with the same columns.", icon=":material/table_edit:")
    st.caption(ui.md("Columns in this file: " + ", ".join(header)))
    with st.form(f"map_{file_key}"):
        cols = st.columns(3)
        mapping = {field: cols[i % 3].selectbox(label, mapping_options(header), key=f"map_{file_key}_{field}",
                                                format_func=lambda h: h or "not in this file")
                   for i, (field, label) in enumerate(MAPPABLE_FIELDS.items())}
        if st.form_submit_button("Use these columns", icon=":material/check:"):
            chosen = {f: h for f, h in mapping.items() if h != NOT_IN_FILE}  # (saved by the next run, before
            st.session_state[CHOSEN_COLUMNS] = (partnership.id, header, chosen)  # the previews' rehearsal)
            st.rerun()


def save_chosen_columns() -> None:
    """Remember the columns a convener matched in the last run (see :func:`mapping_step`)."""
    chosen = st.session_state.pop(CHOSEN_COLUMNS, None)
    if chosen is not None:
        pid, header, mapping = chosen
        with ui.user_errors():
            save_mapping(ui.conn(), partnership_id=pid, header=header, mapping=mapping)


def meetings_editor(upload: Upload, file_key: str, choices: list[KindChoice]) -> pd.DataFrame | None:
    assert upload.plan is not None
    st.markdown("**Meetings found** (correct the date, title or type if needed)")
    edited = ui.editor(
        meetings_for_editing(upload.plan.meetings, choices), key=f"meetings_{file_key}",
        column_order=["date", "title", "type", "type_from", "attendees", "new"],
        disabled=["type_from", "attendees", "new"],
        column_config={
            "date": st.column_config.DateColumn("Date", required=True, format="D MMM YYYY"),
            "title": st.column_config.TextColumn("Title", required=True),
            "type": st.column_config.SelectboxColumn(
                "Type", options=[c.label for c in choices], required=True,
                help="Only full-partnership meetings and action-team meetings with their team count on the "
                     "Health overview."),
            "type_from": st.column_config.TextColumn("How the type was chosen"),
            "attendees": st.column_config.NumberColumn("People in file"),
            "new": st.column_config.CheckboxColumn("New meeting", help="Unticked: already in the database; "
                                                   "attendance is added to it and its title and type stay."),
        },
    )  # fmt: skip
    return edited_meetings(upload.plan.meetings, with_kinds(edited, choices))


AFTER_FIRST_FILE = (
    "These counts compare this file with what is already recorded. People and meetings that are also in "
    "the files above are matched when you import them together, so this file can add fewer new people "
    "and less attendance than shown here; the result after the import gives the final counts."
)
AFTER_FILES_ABOVE = (
    "These counts are what this file adds after the files above: people and meetings they add are "
    "matched here, not counted again."
)


def plan_details(upload: Upload, *, above: int = 0) -> None:
    """The preview's counts and notes; ``above``: how many files above this one will be imported with it
    (counted first when the preview could import them all first, else said in words)."""
    plan = upload.plan
    assert plan is not None
    a, b, c, d = st.columns(4)
    a.metric("Rows read", f"{plan.rows_read:,}", help=repeats_note(plan.request.parsed.merged))
    b.metric("Rows rejected", f"{len(plan.rejected):,}")
    c.metric("New people", f"{plan.people_new:,}",
             help=f"{plan.people_matched:,} matched to people already here")
    d.metric("Attendance to add", f"{plan.attendance_new:,}")
    if above:
        st.caption(AFTER_FILES_ABOVE if upload.after == above else AFTER_FIRST_FILE)
    for warning in uncounted_warnings(plan.meetings):
        st.warning(ui.md(warning), icon=":material/visibility_off:")
    for warning in plan.warnings:
        st.info(ui.md(warning), icon=":material/info:")
    for problem in plan.problems:  # (rows with no meeting date: the table above takes it)
        st.error(ui.md(f"{problem} Type it in the Date column of the meetings table above."),
                 icon=":material/error:")
    if len(plan.rejected):
        skipped = len(plan.rejected)
        with st.expander(f"{skipped} row{'s' if skipped != 1 else ''} cannot be read and will be skipped"):
            ui.table(plan.rejected, empty="Every row can be read.", labels=REJECTED_LABELS)
    look_alikes = plan.look_alikes()
    if look_alikes:
        st.warning(look_alikes, icon=":material/group:")
        reviews = plan.reviews.assign(score=plan.reviews["score"].round().astype("Int64"))  # (a percentage)
        ui.table(reviews, empty="Nobody looks like someone already here.", labels=REVIEW_LABELS,
                 order=list(REVIEW_LABELS))
    with st.expander(f"People: {plan.people_new} new, {plan.people_matched} matched"):
        ui.table(plan.people, empty="Nobody in this file.", labels=PEOPLE_LABELS)
    with st.expander(rows_listed(plan.request.parsed.merged)):
        ui.table(plan.rows_in_words(limit=500), empty="No rows read.", labels=ROW_LABELS)


def one_file(file: object, index: int, partnership: Partnership, chain: Previews, above: int) -> Upload:
    """One uploaded file's panel: its type and date order, then its preview (planned by ``chain`` after
    the ``above`` files above it that will be imported with it)."""
    name, data, key = str(file.name), bytes(file.getvalue()), f"{index}_{file.file_id}"  # type: ignore[attr-defined]
    with st.container(border=True):
        st.subheader(ui.md(name))
        left, right = st.columns(2)
        fmt = left.selectbox("File type", list(FORMAT_LABELS), format_func=FORMAT_LABELS.__getitem__,
                             key=f"fmt_{key}")
        order = right.radio("Dates like 3/4/2026 are", list(ORDERS), format_func=ORDERS.__getitem__,
                            index=list(ORDERS).index(partnership.date_order), horizontal=True,
                            key=f"order_{key}")
        upload = chain.prepare(partnership_id=partnership.id, data=data, file_name=name, format=fmt,
                               date_order=order)
        if upload.header is not None:
            mapping_step(upload, key, partnership)
            return upload
        if upload.plan is None:
            st.error(ui.md(upload.error), icon=":material/error:")
            return upload
        st.caption(f"Read as {FORMAT_LABELS[upload.plan.format.value]}: "
                   f"{confidence_label(upload.plan.request.parsed.confidence)}.")
        if upload.plan.already_imported is not None:
            st.info(ui.md(upload.plan.already_imported.sentence()), icon=":material/content_copy:")
            return upload
        overrides = meetings_editor(upload, key, kind_choices(ui.conn(), partnership_id=partnership.id))
        if overrides is not None:
            upload = chain.prepare(partnership_id=partnership.id, data=data, file_name=name, format=fmt,
                                   date_order=order, meetings=overrides)
        if upload.plan is None:
            st.error(ui.md(upload.error), icon=":material/error:")
        else:
            plan_details(upload, above=above)
        return upload


def run_import(ready: list[Upload]) -> None:
    plans = [u.plan for u in ready if u.plan is not None]
    with st.status(f"Importing {len(plans)} files...", expanded=True) as status:
        try:  # one import at a time, across every app server on this database
            with tasks.exclusive(ui.conn(), name=tasks.IMPORT, holder=ui.session_id()):
                results = apply_imports(
                    ui.conn(), plans=plans,
                    progress=lambda i, name: status.write(f"{i + 1}/{len(plans)}: " + ui.md(name)),
                )
        except RefreshError as exc:
            status.update(label="Nothing was imported", state="error")
            st.error(ui.md(exc), icon=":material/error:")
            return
        status.update(label="Import finished", state="complete")
    if any(r.attendance_added or r.people_added for r in results):
        backups.backup_after_change("import")
    st.session_state[RESULTS] = results
    st.session_state[ROUND] = st.session_state.get(ROUND, 0) + 1
    st.rerun()


partnership = import_target()
if partnership is None:
    st.stop()

st.write(ui.md(f"Add attendance to {partnership.name}. Upload sign-in sheets (CSV or Excel), Google Forms "
               "responses, or Zoom, Teams, Meet, Eventbrite or Webex reports. Nothing is saved until you "
               "press Import."))
if st.session_state.get(RESULTS):
    show_results(st.session_state.pop(RESULTS))

files = st.file_uploader("Attendance files", type=["csv", "tsv", "txt", "xlsx"], accept_multiple_files=True,
                         key=f"uploads_{st.session_state.get(ROUND, 0)}")
if not files:
    st.caption("Tip: the same file imported twice is recognised and changes nothing, and an import can "
               "be undone on the Import history page.")
    st.stop()

save_chosen_columns()
uploads: list[Upload] = []
with previews(ui.conn()) as chain:  # (each file's preview counts the importable files above it)
    for i, f in enumerate(files):
        uploads.append(one_file(f, i, partnership, chain, sum(u.importable for u in uploads)))
        if i < len(files) - 1:  # (the last file has no file below it to preview)
            chain.add(uploads[-1])
ready = [u for u in uploads if u.importable]
blocked = [u for u in uploads if u.plan is not None and not u.plan.ready]
skipped = [u.file_name for u in uploads if u not in ready and u not in blocked]
if blocked:
    st.warning(ui.md("Not included until fixed: " + ", ".join(u.file_name for u in blocked) + " (see the "
                     "problem shown for each; usually a missing meeting date in its meetings table)."),
               icon=":material/warning:")
if skipped:
    st.caption(ui.md("Not included: " + ", ".join(skipped) + " (already imported, unreadable, or columns "
                     "still to be matched)."))
label = f"Import {words.count(len(ready), 'file')}" if ready else "Nothing to import yet"
if st.button(label, type="primary", icon=":material/upload:", disabled=not ready):
    run_import(ready)
