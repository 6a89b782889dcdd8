"""The whole app, run server-side with AppTest, when a visit asked for a convener's page: a champion
gets their Health overview with one sentence on top; a convener is not told anything.

An address no page has (a typo) opens the first page under one sentence, for both.

(The address itself, and Streamlit's "Page not found" box, only exist in a browser: see
tests/e2e/test_convener_addresses.py. Here the visit's ask is the one a first visit after a restart
leaves in the session, ``session.DEEP_LINK``, or the address Streamlit's page manager reads from the
browser, set by the ``typed`` fixture.)
"""

from __future__ import annotations

from collections.abc import Callable
from urllib.parse import parse_qs, urlsplit

import pytest
from streamlit.runtime.pages_manager import PagesManager
from streamlit.testing.v1 import AppTest

from refresh_core.db import connect
from refresh_core.hosting import access
from refresh_core.partnerships import get_partnership
from tests.conftest import ROOT, THREE_RIVERS
from tests.pages.conftest import Serve
from ui import routes, session

NOTICE = ("That page is for the partnership's conveners. With this read-only link you can see: "
          "Health overview, Recruitment, Priorities & teams, Meeting summary.")


@pytest.fixture
def token(serve: Serve) -> str:
    """A live share link's token for Three Rivers, in a private copy of the demo."""
    db = serve("demo")
    conn = connect(db)
    pid = get_partnership(conn, name=THREE_RIVERS).id
    _, url = access.create_share_link(conn, partnership_id=pid, label="x", base_url="http://localhost/")
    conn.close()
    return parse_qs(urlsplit(url).query)["share"][0]


def app(*, share: str | None = None, asked: str | None = None) -> AppTest:
    """The entry script for a champion (``share``) or a signed-in convener, whose visit asked for the
    page file ``asked``."""
    at = AppTest.from_file(str(ROOT / "streamlit_app.py"), default_timeout=60)
    if share:
        at.query_params["share"] = share
    else:
        at.session_state["_password_ok"] = True
    if asked:
        at.session_state[session.DEEP_LINK] = asked
    return at


def infos(at: AppTest) -> list[str]:
    return [str(e.value).replace("\\", "") for e in at.info]


def test_a_champion_asking_for_the_agenda_gets_health_and_the_sentence(
        token: str, monkeypatch: pytest.MonkeyPatch) -> None:
    """The champion's first page runs (their partnership's Health overview) under the sentence that
    names the four pages the link opens; nothing of the agenda is drawn."""
    monkeypatch.setenv(access.PASSWORD_HASH_ENV, "set")
    at = app(share=token, asked="agenda.py").run()
    assert not at.exception
    assert NOTICE in infos(at)
    assert at.title[0].value == f"Health overview: {THREE_RIVERS}"
    assert "Refresh meeting agenda" not in [t.value for t in at.title]
    at.run()  # the next click: the sentence was about the address just opened
    assert NOTICE not in infos(at)
    assert at.title[0].value == f"Health overview: {THREE_RIVERS}"


def test_a_champion_opening_the_plain_link_gets_no_sentence(token: str,
                                                            monkeypatch: pytest.MonkeyPatch) -> None:
    """The link as sent (no page asked for): Health overview, and no word about conveners."""
    monkeypatch.setenv(access.PASSWORD_HASH_ENV, "set")
    at = app(share=token).run()
    assert not at.exception
    assert at.title[0].value == f"Health overview: {THREE_RIVERS}"
    assert not [text for text in infos(at) if "conveners" in text]


def test_a_convener_is_never_told_a_page_is_for_conveners(serve: Serve,
                                                          monkeypatch: pytest.MonkeyPatch) -> None:
    """A signed-in convener whose visit asked for the agenda: no sentence (their page opens)."""
    serve("demo")
    monkeypatch.setenv(access.PASSWORD_HASH_ENV, "set")
    at = app(asked="agenda.py").run()
    assert not at.exception
    assert not [text for text in infos(at) if "conveners" in text]
    assert routes.ASKED_CLOSED not in at.session_state


def test_the_sentence_names_only_what_it_is_given() -> None:
    """The sentence is built from the titles of the pages the link opens, in their order."""
    assert routes.notice_text(["Health overview", "Recruitment"]) == (
        "That page is for the partnership's conveners. With this read-only link you can see: "
        "Health overview, Recruitment.")


@pytest.fixture
def typed(monkeypatch: pytest.MonkeyPatch) -> Callable[[str], None]:
    """Make every run of the app read the address ``name`` from the browser, as Streamlit does for
    ``/name`` (AppTest itself only opens pages by their file)."""

    def address(name: str) -> None:
        monkeypatch.setattr(PagesManager, "intended_page_name", property(lambda self: name))

    return address


@pytest.mark.parametrize("role", ["convener", "champion"])
def test_an_address_no_page_has_opens_the_first_page_with_a_sentence(
        token: str, typed: Callable[[str], None], monkeypatch: pytest.MonkeyPatch, role: str) -> None:
    """The reported case, /agendaa (a typo): the visitor's Health overview under "There is no page at
    that address...", nothing of the agenda, and no sentence about conveners."""
    monkeypatch.setenv(access.PASSWORD_HASH_ENV, "set")
    typed("agendaa")
    at = app(share=token if role == "champion" else None).run()
    assert not at.exception
    assert routes.NO_PAGE in infos(at)
    assert at.title[0].value.startswith("Health overview: ")
    assert not [text for text in infos(at) if "conveners" in text]
    assert "Refresh meeting agenda" not in [t.value for t in at.title]


@pytest.mark.parametrize("address", ["health", "agenda"])
def test_a_page_address_gets_no_sentence(serve: Serve, typed: Callable[[str], None],
                                         monkeypatch: pytest.MonkeyPatch, address: str) -> None:
    """/health (the first page, which Streamlit serves at the bare root) and /agenda open their pages
    without the sentence."""
    serve("demo")
    monkeypatch.setenv(access.PASSWORD_HASH_ENV, "set")
    typed(address)
    at = app().run()
    assert not at.exception
    assert routes.NO_PAGE not in infos(at)
    expected = "Health overview: " if address == "health" else "Refresh meeting agenda"
    assert at.title[0].value.startswith(expected)


def test_the_sentence_says_no_page_and_points_to_the_menu() -> None:
    """One plain sentence: no page there, and where the pages are listed."""
    assert routes.NO_PAGE.startswith("There is no page at that address")
    assert "menu" in routes.NO_PAGE and "Page not found" not in routes.NO_PAGE
