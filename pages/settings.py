"""Settings (conveners only): backups, restore, automatic backups, sign-in, conveners."""

from __future__ import annotations

import datetime as dt
import tempfile
from pathlib import Path

import streamlit as st

import ui
from refresh_core import words
from refresh_core.db import default_db_path, default_target
from refresh_core.hosting import backup
from refresh_core.hosting.access import SignInMode
from refresh_core.hosting.archive import read_manifest
from refresh_core.hosting.conveners import add_convener, list_conveners, remove_convener, visible_partnerships
from refresh_core.hosting.pg_restore import restore_target
from ui import backups, signin
from ui.downloads import download_later

RESTORED = "_restored_message"
KEPT = "_restore_kept_backup"  # the backup taken just before a restore, offered for download
UPLOADS = "_restore_uploads"
MODES = {
    SignInMode.OIDC: "Conveners sign in with your identity provider (OpenID Connect); who may sign in is "
                     "managed below.",
    SignInMode.PASSWORD: "Conveners sign in with the convener password set for this installation.",
    SignInMode.OPEN: "Open local mode: no sign-in. The app only serves this computer (localhost). Set a "
                     "convener password or an identity provider before hosting it.",
}

# The role must have been set by the sign-in gate (signin.gate): a session that never passed it
# (for example a first request straight to this page's address) gets nothing.
ui.front_door()
if st.session_state.get("role") != ui.CONVENER:
    st.error("Only conveners can open the settings. Open the app from its home page to sign in.",
             icon=":material/block:")
    st.stop()

st.title("Settings")

st.subheader("Sign-in")
mode = signin.mode()
st.write(MODES[mode])

st.subheader("Backups")
st.write("A backup holds every partnership, meeting, person and plan in one zip file. Keep one somewhere "
         "safe, and restore it below.")
backups.backup_download(st.container(), file_name=f"partnership-pulse-{dt.date.today():%Y-%m-%d}.zip")

directory = backup.backup_dir_from_env()
if directory is None:
    st.info("Automatic backups are off, so download a backup above now and then. Ask whoever hosts the app "
            "to set a folder for automatic backups: then a backup is taken every day and after each import, "
            f"the newest {backup.KEEP} kept.", icon=":material/schedule:")
else:
    status = backup.backup_status(directory)
    newest = "none yet" if status.latest is None else f"newest {words.day(status.latest, '%b %Y %H:%M')} UTC"
    st.write(ui.md(f"Automatic backups: {words.count(status.count, 'backup')} kept ({newest}); taken daily "
                   f"and after each import, the newest {backup.KEEP} kept."))
    if st.button("Back up now", icon=":material/backup:"):
        with ui.user_errors():
            made = backups.take_backup(directory=directory, reason="manual")
            st.toast(ui.md(f"Backup written: {made.name}"), icon=":material/check_circle:")
            st.rerun()

st.subheader("Restore from a backup")
if RESTORED in st.session_state:
    st.success(ui.md(st.session_state.pop(RESTORED)), icon=":material/check_circle:")
kept = st.session_state.get(KEPT)
if isinstance(kept, Path) and kept.is_file():
    read_kept = kept.read_bytes
    download_later(st.container(), "Download the backup of what was there before", lambda _: read_kept(),
                   file_name=f"partnership-pulse-before-restore-{dt.date.today():%Y-%m-%d}.zip",
                   mime="application/zip", icon=":material/download:")
uploads = int(st.session_state.get(UPLOADS, 0))
uploaded = st.file_uploader("Backup file (.zip)", type=["zip"], key=f"restore_file_{uploads}")
if uploaded is not None:
    with ui.user_errors(), tempfile.TemporaryDirectory(prefix="pulse-upload-") as work:
        archive = Path(work) / "upload.zip"
        archive.write_bytes(uploaded.getvalue())
        manifest = read_manifest(archive)
        st.write(ui.md(manifest.describe()))
        sure = st.checkbox("Replace all the data in this installation with this backup")
        if st.button("Restore", type="primary", icon=":material/restore:", disabled=not sure):
            with st.status("Restoring the backup...", expanded=True) as progress:
                st.write("Saving a safety backup of the current data...")
                safety = backups.take_backup(directory=directory or default_db_path().parent / "backups",
                                          reason="before-restore")
                st.write("Checking the backup and building the restored database...")
                backups.release_database()
                restore_target(default_target(), archive=archive)
                progress.update(label="Restored.", state="complete")
            st.session_state[RESTORED] = ("The backup is restored; every page now shows its data. A backup "
                                          "of what was there before was kept: download it below to keep a "
                                          "copy of your own.")
            st.session_state[KEPT] = safety
            st.session_state[UPLOADS] = uploads + 1
            st.rerun()

is_admin = bool(st.session_state.get("is_admin", True))
st.subheader("Conveners")
if mode is not SignInMode.OIDC:
    st.caption("The convener list is used when sign-in with an identity provider is configured.")
if not is_admin:
    st.info("Only an admin convener manages who may sign in.")
else:
    table = list_conveners(ui.conn())
    ui.table(table, empty="No conveners yet. Add yourself first, as an admin.",
             labels={"email": "Email", "admin": "Admin", "partnerships": "Partnerships"})
    choices = dict((name, pid) for pid, name in visible_partnerships(ui.conn(), allowed=None))
    with st.form("add_convener", clear_on_submit=True):
        email = st.text_input("Email they sign in with")
        admin = st.checkbox("Admin (sees every partnership and manages conveners)")
        picked = st.multiselect("Partnerships they may open", list(choices), placeholder="Pick partnerships")
        if st.form_submit_button("Add convener", icon=":material/person_add:"):
            with ui.user_errors():
                added = add_convener(ui.conn(), email=email, is_admin=admin,
                                     partnership_ids=[choices[n] for n in picked])
                st.toast(ui.md(f"{added.email} may now sign in."), icon=":material/check_circle:")
                st.rerun()
    if not table.empty:
        left, right = st.columns([3, 1], vertical_alignment="bottom")
        gone = left.selectbox("Remove a convener", table["email"].tolist(), index=None,
                              placeholder="Pick an email")
        if right.button("Remove", icon=":material/person_remove:", disabled=gone is None):
            with ui.user_errors():
                remove_convener(ui.conn(), email=str(gone))
                st.toast(ui.md(f"{gone} can no longer sign in."), icon=":material/check_circle:")
                st.rerun()
