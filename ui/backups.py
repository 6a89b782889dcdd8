"""Backups from the app: the download, automatic backups after a change and once a day,
and releasing the database before a restore."""

from __future__ import annotations

import datetime as dt
import threading
from collections.abc import Callable
from contextlib import suppress
from pathlib import Path
from typing import Any

import duckdb
import streamlit as st

from refresh_core.errors import RefreshError
from refresh_core.hosting import backup
from ui import session

DAILY_CHECK_EVERY = dt.timedelta(minutes=10)


@st.cache_resource(show_spinner=False)
def _daily_state() -> dict[str, Any]:
    return {"checked": None, "lock": threading.Lock()}


def backup_maker() -> Callable[[], bytes]:
    """A no-argument function making a backup zip (for a download button; runs on another thread)."""
    shared = session._shared()

    def make() -> bytes:
        cursor = shared.cursor()
        try:
            return backup.backup_bytes(cursor)
        finally:
            cursor.close()
    return make


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
    """At most every few minutes per process, take the daily backup if the newest is a day old."""
    directory = backup.backup_dir_from_env()
    state = _daily_state()
    now = dt.datetime.now(dt.UTC)
    if directory is None or not state["lock"].acquire(blocking=False):
        return
    try:
        if state["checked"] is not None and now - state["checked"] < DAILY_CHECK_EVERY:
            return
        state["checked"] = now
        cursor = session.service_cursor()
        try:
            backup.daily_backup_if_due(cursor, directory=directory, now=now)
        finally:
            cursor.close()
    except Exception as exc:
        st.toast(session.md(f"The daily backup failed: {exc}"), icon=":material/warning:")
    finally:
        state["lock"].release()
