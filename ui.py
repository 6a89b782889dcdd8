"""The app's few UI helpers: the cached connection, a cursor per session,
the current partnership, the role, and safe rendering of user text.

Pages import from here; nothing in ``refresh_core`` imports Streamlit.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from contextlib import contextmanager

import duckdb
import streamlit as st

from refresh_core.db import connect
from refresh_core.errors import RefreshError
from refresh_core.partnerships import Partnership, get_partnership, partnership_names

CONVENER = "convener"
VIEWER = "viewer"
_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+\-.!|<>~$:])")


@st.cache_resource(show_spinner=False)
def _connection() -> duckdb.DuckDBPyConnection:
    """One DuckDB connection per process (DuckDB allows one writer process)."""
    return connect()


def conn() -> duckdb.DuckDBPyConnection:
    """This session's cursor on the shared connection."""
    if "_cursor" not in st.session_state:
        st.session_state["_cursor"] = _connection().cursor()
    cursor: duckdb.DuckDBPyConnection = st.session_state["_cursor"]
    return cursor


def role() -> str:
    """``convener`` (full access) or ``viewer`` (read-only share link)."""
    return str(st.session_state.get("role", CONVENER))


def choose_partnership() -> Partnership | None:
    """Sidebar selector, remembered across pages; None when there are no partnerships."""
    names = partnership_names(conn())
    if not names:
        return None
    if st.session_state.get("partnership") not in names:
        st.session_state["partnership"] = names[0]
    st.sidebar.selectbox("Partnership", names, key="partnership")
    return get_partnership(conn(), name=st.session_state["partnership"])


def current_partnership() -> Partnership | None:
    """The partnership picked in the sidebar."""
    name = st.session_state.get("partnership")
    if not name:
        return None
    try:
        return get_partnership(conn(), name=name)
    except RefreshError:
        return None


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
