"""Import history: every file imported, what it added, and undo."""

from __future__ import annotations

import streamlit as st

import ui
from refresh_core import words
from refresh_core.imports.batches import import_history, undo_import, what_it_did
from refresh_core.imports.upload import FORMAT_LABELS

PENDING = "_undo_pending"
DONE = "_undo_done"
# What each import read, in words (the stored value is a code: "zoom", "prospects").
KINDS = {**{code: label for code, label in FORMAT_LABELS.items() if code != "auto"},
         "prospects": "Prospect list", "eventbrite_registrations": "Eventbrite registrations",
         "askers": "Asker typed in"}
# The table fits a laptop's width (1400 px, the sidebar open: 910 px of columns): which import, what and
# when; the other counts sit in an expander below it.
MAIN = ["number", "file_name", "format", "did", "imported_at", "rows_read", "rows_rejected"]
DETAILS = ["attendance_added", "people_added", "people_matched", "meetings_added", "attendance_now",
           "attendance_recorded", "open_reviews"]

if ui.role() != ui.CONVENER:
    st.error("Only conveners can see and undo imports.", icon=":material/block:")
    st.stop()

st.title("Import history")
partnership = ui.current_partnership()
if partnership is None:
    ui.no_partnership()
    st.stop()

if st.session_state.get(DONE):
    st.success(ui.md(st.session_state.pop(DONE)), icon=":material/check_circle:")

history = import_history(ui.conn(), partnership_id=partnership.id)
if history.empty:
    st.info("Nothing imported into this partnership yet. Files you import appear here, and each can be "
            "undone.")
    st.stop()

st.write("Each import can be removed: the attendance only it recorded goes (attendance another import "
         "also recorded stays), and the meetings, people and organisations it created go too unless another "
         "import or your edits still use them.")
did = [what_it_did(batch) for batch in history.to_dict("records")]
shown = history.drop(columns=["partnership", "prospects", "askers"])
shown["format"] = [KINDS.get(code, str(code).replace("_", " ").capitalize()) for code in shown["format"]]
shown.insert(list(shown.columns).index("format") + 1, "did", did)
ui.table(
    shown[MAIN], empty="Nothing imported into this partnership yet.",
    labels={
        "number": st.column_config.NumberColumn("Import", width=60),
        "file_name": st.column_config.TextColumn("File", width=180),
        "format": st.column_config.TextColumn("Type", width=170),
        "did": st.column_config.TextColumn("What it did", width=250),
        "imported_at": st.column_config.DatetimeColumn("Imported (UTC)", format="D MMM YYYY, HH:mm",
                                                       width=125),
        "rows_read": st.column_config.NumberColumn("Rows", width=55),
        "rows_rejected": st.column_config.NumberColumn("Rejected", width=70),
    },
)  # fmt: skip
with st.expander("Every count per import", icon=":material/table_rows:"):
    ui.table(
        shown[["number", *DETAILS]], empty="Nothing imported into this partnership yet.",
        labels={
            "number": "Import", "attendance_added": "Attendance added",
            "people_added": "New to the records", "people_matched": "Already known",
            "meetings_added": "New meetings",
            "attendance_now": "Attendance still there", "attendance_recorded": "Attendance it recorded",
            "open_reviews": "Open duplicates",
        },
    )  # fmt: skip

labels = {int(str(r.batch_id)): f"Import {r.number}: {r.file_name} "
          f"({words.day(r.imported_at, '%b %Y %H:%M')} UTC, {what})"
          for r, what in zip(history.itertuples(), did, strict=True)}
choice = st.selectbox("Import to remove", list(labels), format_func=labels.__getitem__, key="undo_choice")
if st.button("Remove this import...", icon=":material/delete:"):
    st.session_state[PENDING] = choice

pending = st.session_state.get(PENDING)
if pending in labels:
    with st.container(border=True):
        st.warning(ui.md(f"Remove {labels[pending]}? The attendance only it recorded is deleted, "
                         "with the people and meetings only it created. This cannot be undone (import the "
                         "file again to restore it)."), icon=":material/warning:")
        yes, no = st.columns(2)
        if yes.button("Yes, remove it", type="primary", key="undo_yes"):
            with ui.user_errors(), st.spinner("Removing..."):
                st.session_state[DONE] = undo_import(ui.conn(), batch_id=int(pending)).sentence()
                st.session_state.pop(PENDING, None)
                st.rerun()
        if no.button("Cancel", key="undo_no"):
            st.session_state.pop(PENDING, None)
            st.rerun()
