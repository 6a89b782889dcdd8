"""This session: the cached connection, a cursor per session, the role, the current
partnership, and safe rendering of user text."""

from __future__ import annotations

import re
from collections.abc import Iterator
from contextlib import contextmanager

import duckdb
import streamlit as st
from streamlit.runtime.pages_manager import PagesManager

from refresh_core.db import connect
from refresh_core.errors import RefreshError, StorageError
from refresh_core.guard import ensure_scope, mark_viewer
from refresh_core.hosting.conveners import visible_partnerships
from refresh_core.partnerships import Partnership, get_partnership, get_partnership_by_id

CONVENER = "convener"
VIEWER = "viewer"
_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+\-.!|<>~$:=])")


@st.cache_resource(show_spinner=False)
def _connection() -> duckdb.DuckDBPyConnection:
    """One DuckDB connection per process (DuckDB allows one writer process)."""
    return connect()


HELD_MESSAGE = (
    "The database is in use by another program (another copy of Partnership Pulse, or a task run on the "
    "server), so this page cannot open it right now. Try again in a minute; if it keeps happening, ask "
    "whoever runs this server to stop the other program."
)


def _shared() -> duckdb.DuckDBPyConnection:
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


def unavailable(problem: str) -> None:
    """Route every address to one page saying ``problem``, and stop (the entry script calls this)."""

    def show() -> None:
        st.warning(md(problem), icon=":material/lock:")

    st.navigation([st.Page(show, title="Partnership Pulse", url_path="unavailable")], position="hidden").run()
    st.stop()


def conn() -> duckdb.DuckDBPyConnection:
    """This session's cursor on the shared connection (a viewer's is marked read-only for good)."""
    front_door()
    shared = _shared()
    if "_cursor" not in st.session_state or st.session_state.get("_cursor_of") is not shared:
        st.session_state["_cursor"] = shared.cursor()  # new after a restore reopened the database
        st.session_state["_cursor_of"] = shared
    cursor: duckdb.DuckDBPyConnection = st.session_state["_cursor"]
    if role() == VIEWER and "viewer_partnership_id" in st.session_state:
        mark_viewer(cursor, partnership_id=int(st.session_state["viewer_partnership_id"]))
    return cursor


def service_cursor() -> duckdb.DuckDBPyConnection:
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
    """
    if getattr(PagesManager, "uses_pages_directory", False):
        st.switch_page("streamlit_app.py")


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


def _viewer_partnership() -> Partnership | None:
    """A viewer's one partnership (set by ui.signin.gate from the share link)."""
    pid = st.session_state.get("viewer_partnership_id")
    if pid is None:
        return None
    try:
        return get_partnership_by_id(conn(), partnership_id=int(pid))
    except RefreshError:
        return None


def choose_partnership() -> Partnership | None:
    """Sidebar selector over the partnerships this convener may open; a viewer gets no choice."""
    if role() == VIEWER:
        partnership = _viewer_partnership()
        if partnership is not None:
            st.session_state["partnership"] = partnership.name
            st.sidebar.markdown(f"**{md(partnership.name)}**")
        return partnership
    names = [name for _, name in visible_partnerships(conn(), allowed=st.session_state.get(
        "allowed_partnership_ids"))]
    if not names:
        return None
    if st.session_state.get("partnership") not in names:
        st.session_state["partnership"] = names[0]
    st.sidebar.selectbox("Partnership", names, key="partnership")
    return get_partnership(conn(), name=st.session_state["partnership"])


def current_partnership() -> Partnership | None:
    """The partnership picked in the sidebar (a viewer's: only the one their link opens)."""
    if role() == VIEWER:
        return _viewer_partnership()
    name = st.session_state.get("partnership")
    if not name:
        return None
    try:
        partnership = get_partnership(conn(), name=name)
    except RefreshError:
        return None
    allowed = st.session_state.get("allowed_partnership_ids")
    return partnership if allowed is None or partnership.id in allowed else None


def ensure_visible(partnership_id: int) -> None:
    """Refuse (AccessDenied) a viewer asking for any partnership but theirs."""
    ensure_scope(conn(), partnership_id=partnership_id)


NO_PARTNERSHIP = (
    "No partnership yet. Open **Import attendance** and upload a sign-in sheet or a Zoom or Teams "
    "report: the partnership is created with its first file."
)


def require_partnership(*, title: str | None = None) -> Partnership:
    """The current partnership, or (under ``title``) how to get one, and the page stops."""
    partnership = current_partnership()
    if partnership is None:
        if title:
            st.title(title)
        if role() == VIEWER:
            st.info("This link does not open a partnership any more. Ask your convener for a new one.")
        else:
            st.info(NO_PARTNERSHIP, icon=":material/upload_file:")
        st.stop()
    return partnership


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
