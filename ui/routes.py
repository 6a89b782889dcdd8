"""A convener page's address opened with a champion's read-only link: the champion's own first page
with one plain sentence, instead of Streamlit's "Page not found" box.

Streamlit shows that box whenever the address names a page the navigation does not list, and a
champion's navigation lists only the pages a read-only link may open. So the entry script gives each
convener page a hidden stand-in at the same address (:func:`stand_in`, nothing of the page itself:
no file, no title); when the visit lands on one, or a first visit after a restart asked for one
(``session.DEEP_LINK``), :func:`refuse` remembers it and opens the first page, which shows
:func:`notice` above it. A visitor the gate does not let in gets its one page (a sign-in form, a
plain message) at whatever address they typed (:func:`answer_any_address`).

An address no page has at all (``/agendaa``, an old bookmark) gets a hidden page of its own too
(:func:`stray`); a run that lands there opens the first page under one sentence, :data:`NO_PAGE`
(:func:`send_home`). The very first visit after a server starts would reach Streamlit's older
page-folder routing before the entry script, which shows its box for an unknown address before the app
can answer; the app's launcher (:mod:`ui.serve`) switches that routing off before the server starts
(under plain ``streamlit run`` the box shows, with the app's first page and the sentence under it).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Collection, Sequence
from pathlib import Path

import streamlit as st
from streamlit.runtime.scriptrunner import get_script_run_ctx

from ui.session import md

ASKED_CLOSED = "_asked_convener_page"  # the visit asked for a page its link does not open
ASKED_NOWHERE = "_asked_no_page"  # the visit asked for an address no page has
NO_PAGE = ("There is no page at that address, so here is the first page instead. "
           "The menu on the left lists every page you can open.")
TITLE = "Partnership Pulse"
_ANSWERED = "_answered_address"  # the address a visitor who is not let in typed
_PLAIN_ADDRESS = re.compile(r"[^/\s]{1,100}")  # one step of a path, as Streamlit reads it


def address(path: str) -> str:
    """The address Streamlit gives a page file (``pages/agenda.py`` and ``agenda.py`` -> ``agenda``)."""
    return Path(path).stem


def _nothing_here() -> None:
    """A stand-in is never meant to run (the entry script switches away first); if it does, it says
    where the visitor is rather than drawing anything of the convener's page."""
    st.info("That page is for the partnership's conveners.", icon=":material/lock:")


def stand_in(path: str) -> st.Page:
    """A hidden page at the address of the convener page ``path``: listed nowhere, it only lets the
    address resolve, so Streamlit does not answer with its "Page not found" box."""
    return st.Page(_nothing_here, title=TITLE, url_path=address(path), visibility="hidden")


def _no_page() -> None:
    """Like a stand-in, a stray page is never meant to run; if it does, it says why."""
    st.info(NO_PAGE, icon=":material/explore:")


def stray(*, listed: Collection[str], home: str) -> st.Page | None:
    """A hidden page at the address this run asked for when no page in ``listed`` (every page file's
    address) has it, so Streamlit does not answer with its "Page not found" box; also at ``home``, the
    first page's own name, which Streamlit serves at the bare root only. A visitor who typed the
    address before signing in is answered there once signed in."""
    answered = st.session_state.pop(_ANSWERED, None)
    asked = asked_address() or answered
    if asked is None or (asked in listed and asked != home):
        return None
    return st.Page(_no_page, title=TITLE, url_path=asked, visibility="hidden")


def send_home(*, current: st.Page, home: st.Page, stray_page: st.Page | None, quiet: str) -> None:
    """When this run landed on ``stray_page``: remember to say there is no page at that address (unless
    it is ``quiet``, the first page's own name), and open ``home`` keeping the address's query string
    (it may carry a share link)."""
    if stray_page is None or current.url_path != stray_page.url_path:
        return
    if current.url_path != quiet:
        st.session_state[ASKED_NOWHERE] = True
    st.switch_page(home, query_params=st.query_params.to_dict())


def asked_address() -> str | None:
    """The address this run was asked for (``agenda`` for ``/agenda``), when it is a plain page name;
    Streamlit keeps it on the run's page manager until the navigation resolves it."""
    ctx = get_script_run_ctx()
    name = ctx.pages_manager.intended_page_name if ctx is not None else None
    return name if name and _PLAIN_ADDRESS.fullmatch(name) else None


def answer_any_address(render: Callable[[], None], *, home: str) -> list[st.Page]:
    """The one page ``render`` at ``home``, and hidden at the address asked for if it is another: a
    visitor who is not let in gets the same page at any address, with no "Page not found" box, and
    learns no page's name that they did not type."""
    pages = [st.Page(render, title=TITLE, url_path=home, default=True)]
    asked = asked_address()
    if asked:  # the next runs (a form sent) name the page by its key only: keep answering there
        st.session_state[_ANSWERED] = asked
    asked = asked or st.session_state.get(_ANSWERED)
    if asked and asked != home:
        pages.append(st.Page(render, title=TITLE, url_path=asked, visibility="hidden"))
    return pages


def refuse(*, current: st.Page, home: st.Page, asked: str, closed: Collection[str]) -> None:
    """When this run landed on a stand-in (an address in ``closed``), or a first visit asked for the
    page file ``asked`` whose address is in ``closed``: remember to say so, and open ``home`` (keeping
    the address's query string, which carries the share link)."""
    if current.url_path not in closed and not (asked and address(asked) in closed):
        return
    st.session_state[ASKED_CLOSED] = True
    if current.url_path != home.url_path:
        st.switch_page(home, query_params=st.query_params.to_dict())


def notice_text(titles: Sequence[str]) -> str:
    """The sentence a champion reads, naming the pages their link opens."""
    return ("That page is for the partnership's conveners. With this read-only link you can see: "
            + ", ".join(titles) + ".")


def notice(titles: Sequence[str]) -> None:
    """Above the page, once: the sentence, when the last address asked for a convener's page or for
    no page at all."""
    if st.session_state.pop(ASKED_CLOSED, False):
        st.info(md(notice_text(titles)), icon=":material/lock:")
    if st.session_state.pop(ASKED_NOWHERE, False):
        st.info(md(NO_PAGE), icon=":material/explore:")


def unavailable(problem: str) -> None:
    """Route every address to one page saying ``problem``, and stop (the entry script calls this when
    the database cannot be opened)."""

    def show() -> None:
        st.warning(md(problem), icon=":material/lock:")

    st.navigation(answer_any_address(show, home="unavailable"), position="hidden").run()
    st.stop()
