"""This session: the cached connection, a cursor per session, the role, the front door, and safe
rendering of user text (the current partnership is :mod:`ui.picker`'s)."""

from __future__ import annotations

import re
import secrets
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import streamlit as st
from streamlit.runtime.pages_manager import PagesManager
from streamlit.runtime.scriptrunner import get_script_run_ctx

from refresh_core.db import Connection, connect
from refresh_core.errors import RefreshError, StorageError
from refresh_core.guard import mark_viewer

CONVENER = "convener"
VIEWER = "viewer"
DEEP_LINK = "_deep_link"  # the page a first visit asked for, opened once the gate has let it in
OPEN_NEXT = "_open_partnership"
_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+\-.!|<>~$:=])")


@st.cache_resource(show_spinner=False)
def _connection() -> Connection:
    """One DuckDB connection per process (DuckDB allows one writer process)."""
    return connect()


HELD_MESSAGE = (
    "The database is in use by another program (another copy of Partnership Pulse, or a task run on the "
    "server), so this page cannot open it right now. Try again in a minute; if it keeps happening, ask "
    "whoever runs this server to stop the other program."
)


def _shared() -> Connection:
    """The process's connection, or a plain message (never an error box) when it cannot be opened."""
    try:
        return _connection()
    except StorageError:
        st.warning(HELD_MESSAGE, icon=":material/lock:")
        st.stop()
    except RefreshError as exc:
        st.warning(md(str(exc)), icon=":material/lock:")
        st.stop()


def database_problem() -> str | None:
    """None when the database opens; else what to tell the visitor (the entry script shows it on a page
    of its own, so no other page is listed or reachable)."""
    try:
        _connection()
    except StorageError:
        return HELD_MESSAGE
    except RefreshError as exc:
        return str(exc)
    return None


def conn() -> Connection:
    """This session's cursor on the shared connection (a viewer's is marked read-only for good)."""
    front_door()
    shared = _shared()
    # One cursor per script-run thread: a rerun (say, another partnership picked while a page is still
    # running) may start on a new thread before the old run's query ends, and two runs sharing one
    # cursor collided ("connection is busy"). A new one also after a restore reopened the database.
    thread = threading.get_ident()
    if (
        "_cursor" not in st.session_state
        or st.session_state.get("_cursor_of") is not shared
        or st.session_state.get("_cursor_thread") != thread
    ):
        st.session_state["_cursor"] = shared.cursor()
        st.session_state["_cursor_of"] = shared
        st.session_state["_cursor_thread"] = thread
    cursor: Connection = st.session_state["_cursor"]
    if role() == VIEWER and "viewer_partnership_id" in st.session_state:
        mark_viewer(cursor, partnership_id=int(st.session_state["viewer_partnership_id"]))
    return cursor


def viewer_partnership_id() -> int | None:
    """The one partnership a viewer's link opens; None for a convener."""
    if role() != VIEWER or "viewer_partnership_id" not in st.session_state:
        return None
    return int(st.session_state["viewer_partnership_id"])


def service_cursor() -> Connection:
    """A fresh cursor that is never a viewer's (resolving tokens, backups); close it after use."""
    return _shared().cursor()


def entered() -> None:
    """Called first by the entry script: from now on this server routes only through it."""
    PagesManager.uses_pages_directory = False


def front_door() -> None:
    """Send a visit that skipped the entry script (and so its sign-in gate) back through it.

    Until the entry script has called ``st.navigation`` once in a server process,
    Streamlit runs the files of a ``pages/`` folder as pages of their own (its old
    multipage mode): the first visitor after a start could open ``/settings``
    directly. Every page asks for the role or the connection first, so this check
    stands in front of every page.

    The visit keeps its query string (a champion's ``?share=``) and the page it
    asked for, which the entry script opens once the gate has admitted the visitor.
    """
    if getattr(PagesManager, "uses_pages_directory", False):
        asked = _running_page()
        if asked:
            st.session_state[DEEP_LINK] = asked
        st.switch_page("streamlit_app.py", query_params=st.query_params.to_dict())


def _running_page() -> str | None:
    """The file name (``plan.py``) of the page this run executes, if Streamlit says."""
    ctx = get_script_run_ctx()
    if ctx is None:
        return None
    page = ctx.pages_manager.get_pages().get(ctx.page_script_hash)
    return Path(str(page["script_path"])).name if page and page.get("script_path") else None


def session_id() -> str:
    """A random name for this browser session (who holds a shared lock, such as an import's)."""
    if "_session_id" not in st.session_state:
        st.session_state["_session_id"] = secrets.token_hex(8)
    return str(st.session_state["_session_id"])


def role() -> str:
    """``convener`` (full access) or ``viewer`` (read-only share link)."""
    front_door()
    return str(st.session_state.get("role", CONVENER))


def require_convener(what: str) -> None:
    """Stop the page unless this session is a convener's: a viewer (share link) gets one sentence and
    nothing else (a visit that skipped the entry script is sent back by :func:`front_door`)."""
    if role() != CONVENER:
        st.error(f"Only conveners can {what}. Open the app from its home page to sign in.",
                 icon=":material/block:")  # fmt: skip
        st.stop()



def md(text: object) -> str:
    """User text made literal for Markdown (no links, emphasis, or HTML)."""
    return _MD_SPECIAL.sub(r"\\\1", str(text))


@contextmanager
def user_errors() -> Iterator[None]:
    """Show a typed core error as a plain message instead of a traceback."""
    try:
        yield
    except RefreshError as exc:
        st.error(md(exc), icon=":material/error:")
