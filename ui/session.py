"""This session: the cached connection, a cursor per session, the role, the current
partnership, and safe rendering of user text."""

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
from refresh_core.guard import ensure_scope, mark_viewer
from refresh_core.hosting.conveners import visible_partnerships
from refresh_core.partnerships import Partnership, get_partnership, get_partnership_by_id

CONVENER = "convener"
VIEWER = "viewer"
_SWITCH_TO = "_switch_partnership"
# The sidebar's partnership picker sits above the navigation: the sidebar's parts are laid out as
# one column and the picker's container (key "partnership_picker") is ordered before the page links.
SIDEBAR_CSS = """<style>
[data-testid="stSidebarContent"] { display: flex; flex-direction: column; }
[data-testid="stSidebarHeader"] { order: 0; }
[data-testid="stSidebarNav"] { order: 2; }
[data-testid="stSidebarUserContent"] { order: 3; }
[data-testid="stSidebarUserContent"]:has(.st-key-partnership_picker),
[data-testid="stSidebarUserContent"]:has(.st-key-partnership_picker) > div,
[data-testid="stSidebarUserContent"]:has(.st-key-partnership_picker) > div > [data-testid="stVerticalBlock"] {
  display: contents; }
[data-testid="stSidebarUserContent"] > div > [data-testid="stVerticalBlock"] > * {
  order: 3; padding: 0 0.6rem; margin-bottom: 1rem; }
[data-testid="stSidebarUserContent"] > div > [data-testid="stVerticalBlock"]
  > :has(> .st-key-partnership_picker) { order: 1; margin-bottom: 0.5rem; }
.st-key-partnership_picker h1 { font-size: 1.5rem; padding-top: 0; }
.st-key-partnership_picker [data-testid="stCaptionContainer"] p { overflow-wrap: anywhere; }
</style>"""
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


def unavailable(problem: str) -> None:
    """Route every address to one page saying ``problem``, and stop (the entry script calls this)."""

    def show() -> None:
        st.warning(md(problem), icon=":material/lock:")

    st.navigation([st.Page(show, title="Partnership Pulse", url_path="unavailable")], position="hidden").run()
    st.stop()


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


def _viewer_partnership() -> Partnership | None:
    """A viewer's one partnership (set by ui.signin.gate from the share link)."""
    pid = st.session_state.get("viewer_partnership_id")
    if pid is None:
        return None
    try:
        return get_partnership_by_id(conn(), partnership_id=int(pid))
    except RefreshError:
        return None


def switch_partnership(name: str) -> None:
    """Make ``name`` the current partnership from the next run on (the sidebar follows); rerun."""
    st.session_state[_SWITCH_TO] = name
    st.rerun()


def _apply_switch() -> None:
    """A switch asked for by :func:`switch_partnership`, applied before the picker is drawn."""
    if _SWITCH_TO in st.session_state:
        st.session_state["partnership"] = st.session_state.pop(_SWITCH_TO)


def partnership_names() -> list[str]:
    """Names of the active partnerships this convener may open, by name."""
    return [name for _, name in visible_partnerships(conn(), allowed=st.session_state.get(
        "allowed_partnership_ids"))]


def choose_partnership() -> Partnership | None:
    """The app's title and the partnership picker, at the top of the sidebar (a viewer gets no choice;
    the full name is shown under the picker when it is too long to fit in it)."""
    _apply_switch()
    st.html(SIDEBAR_CSS)
    picker = st.sidebar.container(key="partnership_picker")
    picker.title("Partnership Pulse")
    if role() == VIEWER:
        partnership = _viewer_partnership()
        if partnership is not None:
            st.session_state["partnership"] = partnership.name
            picker.markdown(f"**{md(partnership.name)}**")
        return partnership
    names = partnership_names()
    if not names:
        picker.caption("No partnership yet: create one on the Partnerships page.")
        return None
    wanted = st.session_state.pop(OPEN_NEXT, None)  # set by open_partnership() on the run before
    if wanted in names:
        st.session_state["partnership"] = wanted
    if st.session_state.get("partnership") not in names:
        st.session_state["partnership"] = names[0]
    picker.selectbox("Partnership", names, key="partnership", help="The partnership every page shows. "
                     "Create, rename or archive partnerships on the Partnerships page.")
    if len(st.session_state["partnership"]) > FITS_IN_PICKER:
        picker.caption(md(st.session_state["partnership"]))
    return get_partnership(conn(), name=st.session_state["partnership"])


def open_partnership(name: str, *, page: str) -> None:
    """Go to ``page`` with ``name`` as the current partnership. The sidebar picker already exists in
    this run, so the choice is handed to the next run, where it is applied before the picker is drawn."""
    st.session_state[OPEN_NEXT] = name
    st.switch_page(page)


def current_partnership() -> Partnership | None:
    """The partnership picked in the sidebar (a viewer's: only the one their link opens); an archived
    one is not current any more."""
    if role() == VIEWER:
        return _viewer_partnership()
    _apply_switch()
    name = st.session_state.get("partnership")
    if not name:
        return None
    try:
        partnership = get_partnership(conn(), name=name)
    except RefreshError:
        return None
    allowed = st.session_state.get("allowed_partnership_ids")
    visible = not partnership.archived and (allowed is None or partnership.id in allowed)
    return partnership if visible else None


def ensure_visible(partnership_id: int) -> None:
    """Refuse (AccessDenied) a viewer asking for any partnership but theirs."""
    ensure_scope(conn(), partnership_id=partnership_id)


NO_PARTNERSHIP = (
    "No partnership yet. Create one on the **Partnerships** page (under Admin), then import its "
    "attendance files."
)
FITS_IN_PICKER = 26  # characters of a name the sidebar's picker shows without cutting it off


def require_partnership(*, title: str | None = None) -> Partnership:
    """The current partnership, or (under ``title``) how to get one, and the page stops."""
    partnership = current_partnership()
    if partnership is None:
        if title:
            st.title(title)
        if role() == VIEWER:
            st.info("This link does not open a partnership any more. Ask your convener for a new one.")
        else:
            st.info(NO_PARTNERSHIP, icon=":material/group_add:")
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
