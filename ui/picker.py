"""The current partnership: the sidebar's picker (a viewer's one partnership), switching and opening
another, and what a page says when there is none."""

from __future__ import annotations

import datetime as dt

import streamlit as st

from refresh_core.errors import RefreshError
from refresh_core.guard import ensure_scope
from refresh_core.hosting.conveners import visible_partnerships
from refresh_core.partnerships import Partnership, get_partnership, get_partnership_by_id
from ui.links import link_to
from ui.session import OPEN_NEXT, VIEWER, conn, md, role
from ui.tables import DATE_INPUT_FORMAT

_SWITCH_TO = "_switch_partnership"
AS_OF = "as_of"  # the sidebar's "As of" date picker
_AS_OF_KEPT = "_as_of_kept"  # its date, kept while a page without the picker is open
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


def no_partnership() -> None:
    """What a convener's page says when there is no partnership yet, with a link to where one is made."""
    st.info(NO_PARTNERSHIP, icon=":material/group_add:")
    link_to("pages/partnerships.py", "Create a partnership", ":material/domain:")


def require_partnership(*, title: str | None = None) -> Partnership:
    """The current partnership, or (under ``title``) how to get one, and the page stops."""
    partnership = current_partnership()
    if partnership is None:
        if title:
            st.title(title)
        if role() == VIEWER:
            st.info("This link does not open a partnership any more. Ask your convener for a new one.")
        else:
            no_partnership()
        st.stop()
    return partnership


def as_of_picker() -> dt.date:
    """The sidebar's "As of" date (Health overview, Portfolio): the date picked stays picked from page to
    page until it is changed (Streamlit forgets a picker's value on a page that does not draw it)."""
    if AS_OF not in st.session_state:
        st.session_state[AS_OF] = st.session_state.get(_AS_OF_KEPT, dt.date.today())
    picked = st.sidebar.date_input(
        "As of", key=AS_OF, help="Judge the signs as they stood on this date. It stays until you change it.",
        format=DATE_INPUT_FORMAT,
    )
    st.session_state[_AS_OF_KEPT] = picked
    assert isinstance(picked, dt.date)
    return picked
