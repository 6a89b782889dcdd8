"""Backups from the app: the download, automatic backups after a change and once a day,
and releasing the database before a restore.

The daily check is claimed in the database (:func:`refresh_core.hosting.tasks.claim_periodic`),
so with several app servers on one database one of them checks every few minutes, not each.
"""

from __future__ import annotations

import datetime as dt
from contextlib import suppress
from pathlib import Path

import duckdb
import streamlit as st
from streamlit.delta_generator import DeltaGenerator

from refresh_core.errors import RefreshError
from refresh_core.hosting import backup, tasks
from ui import session
from ui.downloads import download_later

DAILY_CHECK_EVERY = dt.timedelta(minutes=10)


def backup_download(where: DeltaGenerator, *, file_name: str) -> None:
    """The "Download backup" button: the zip is made only when clicked, with a cursor of its own."""
    download_later(where, "Download backup", backup.backup_bytes, file_name=file_name, mime="application/zip",
                   icon=":material/download:")


def take_backup(*, directory: Path, reason: str) -> Path:
    """An automatic-style backup into ``directory`` (newest 14 kept)."""
    cursor = session.service_cursor()
    try:
        return backup.auto_backup(cursor, directory=directory, reason=reason)
    finally:
        cursor.close()


def release_database() -> None:
    """Close the app's shared connection (before a restore swaps the file); it reopens on next use."""
    with suppress(duckdb.Error, RefreshError):
        session._connection().close()
    session._connection.clear()
    st.session_state.pop("_cursor", None)


def backup_after_change(reason: str) -> None:
    """An automatic backup after an import (when ``$REFRESH_BACKUP_DIR`` is set); never blocks the import."""
    directory = backup.backup_dir_from_env()
    if directory is None:
        return
    try:
        take_backup(directory=directory, reason=reason)
    except Exception as exc:  # the import itself succeeded: report, do not undo
        st.warning(session.md(f"The automatic backup after this {reason} failed: {exc}"),
                   icon=":material/warning:")


def daily_backup() -> None:
    """Every few minutes (on one server of several), take the daily backup if the newest is a day old."""
    directory = backup.backup_dir_from_env()
    if directory is None:
        return
    cursor = session.service_cursor()
    try:
        if tasks.claim_periodic(cursor, name=tasks.DAILY_BACKUP, every=DAILY_CHECK_EVERY):
            backup.daily_backup_if_due(cursor, directory=directory)
    except Exception as exc:
        st.toast(session.md(f"The daily backup failed: {exc}"), icon=":material/warning:")
    finally:
        cursor.close()
