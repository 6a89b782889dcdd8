"""A convener page's address (a link pasted into an email) opened in a real browser.

A champion with a read-only link gets their Health overview with one plain sentence on top, never
Streamlit's "Page not found" box (which names the app's pages folder); a convener gets the page; a
visitor who is not signed in gets the sign-in form and nothing that names a page.
Screenshots go to test-output/e2e/.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest

from refresh_core.errors import NEUTRAL_MESSAGE
from tests import pg
from tests.e2e.conftest import (
    PASSWORD,
    SHOTS,
    Server,
    free_port,
    nav,
    nav_labels,
    no_errors,
    running_app,
    settle,
    shot,
)
from ui import routes
from ui.session import HELD_MESSAGE

pytestmark = pytest.mark.browser

NOTICE = "That page is for the partnership's conveners"
VIEWER_PAGES = "With this read-only link you can see: Health overview, Recruitment, Priorities & teams, " \
               "Meeting summary."
NO_PAGE = routes.NO_PAGE
NOT_FOUND = ("Page not found", "does not seem to exist", "pages/", "no corresponding file")


def assert_no_box(page: Any) -> None:
    """Neither Streamlit's "Page not found" box nor a traceback nor anything of the app's files is on
    screen (a red verdict, "A refresh is recommended", may be)."""
    body = page.inner_text("body")
    assert not [words for words in NOT_FOUND if words in body], body[:500]
    assert page.locator("[role='dialog']").count() == 0
    assert page.locator("[data-testid='stException']").count() == 0
    assert ".py" not in body


def assert_no_streamlit_box(page: Any) -> None:
    """No box (:func:`assert_no_box`), and no red error box of any kind."""
    assert_no_box(page)
    no_errors(page)


def champion_sees_the_notice(page: Any, server: Server) -> None:
    """The champion's Health overview, the sentence naming their pages, the link still in the address."""
    settle(page, NOTICE)
    assert page.get_by_role("heading", name=re.compile("Health overview: Three Rivers")).count() == 1
    assert page.get_by_text(VIEWER_PAGES).count() == 1
    assert server.token(server.live_link) in page.url
    assert "Settings" not in nav_labels(page)
    assert_no_streamlit_box(page)


@pytest.mark.parametrize("address", ["agenda", "import_data"])
def test_a_champion_opening_a_convener_page_sees_their_health_page_and_a_sentence(
        server: Server, page: Any, address: str) -> None:
    """The reported case: /agenda (or /import_data) with a share link shows the champion's Health
    overview with "That page is for the partnership's conveners...", and no "Page not found"."""
    page.goto(f"{server.url}{address}?share={server.token(server.live_link)}")
    champion_sees_the_notice(page, server)
    assert page.get_by_role("heading", name="Refresh meeting agenda").count() == 0
    shot(page, f"40-champion-opens-{address}")


def test_the_sentence_goes_once_the_champion_moves_on(server: Server, page: Any) -> None:
    """The sentence is about the address just opened: the champion's next page does not repeat it."""
    page.goto(f"{server.url}settings?share={server.token(server.live_link)}")
    champion_sees_the_notice(page, server)
    nav(page, "Recruitment")
    assert page.get_by_role("heading", name=re.compile("Recruitment")).count() >= 1
    assert page.get_by_text(NOTICE).count() == 0


def test_a_champions_first_visit_after_a_restart_gets_the_sentence_too(fresh_server: Server,
                                                                      page: Any) -> None:
    """On a server nobody has visited yet the address reaches the page file first (Streamlit's older
    routing); the champion still lands on Health overview with the same sentence."""
    page.goto(f"{fresh_server.url}people?share={fresh_server.token(fresh_server.live_link)}")
    champion_sees_the_notice(page, fresh_server)
    assert page.get_by_label("Convener password").count() == 0
    shot(page, "41-champion-opens-people-first-visit")


def test_a_convener_opening_the_agenda_address_gets_the_agenda(server: Server, page: Any) -> None:
    """The convener's deep links keep working, query string included, and say nothing about conveners."""
    page.goto(f"{server.url}agenda?from=email")
    settle(page, "Refresh meeting agenda")
    assert page.get_by_role("heading", name="Refresh meeting agenda").count() == 1
    assert "/agenda" in page.url and "from=email" in page.url
    assert page.get_by_text(NOTICE).count() == 0
    assert_no_streamlit_box(page)
    shot(page, "42-convener-opens-agenda")


def test_a_visitor_not_signed_in_gets_the_sign_in_form_and_no_page_names(fresh_server: Server,
                                                                         page: Any) -> None:
    """Without a link or a password, /agenda shows the password form and nothing else: no box, no notice
    listing pages, no agenda. Once signed in, the convener is on the agenda they asked for."""
    page.goto(fresh_server.url)  # after a first visit, so the address goes through the navigation
    settle(page, "Convener password")
    page.goto(f"{fresh_server.url}agenda")
    settle(page, "Convener password")
    body = page.inner_text("body")
    assert NOTICE not in body and "Health overview" not in body and "Refresh meeting agenda" not in body
    assert nav_labels(page) == []
    assert_no_streamlit_box(page)
    shot(page, "43-signed-out-opens-agenda")
    page.get_by_label("Convener password").fill(PASSWORD)  # and the address still leads to the agenda
    page.get_by_role("button", name=re.compile("Sign in")).click()
    settle(page, "Your agenda")
    assert page.get_by_role("heading", name="Refresh meeting agenda").count() == 1
    assert_no_streamlit_box(page)


def test_a_revoked_link_at_a_convener_address_gets_the_neutral_sentence_only(server: Server,
                                                                             page: Any) -> None:
    """A revoked link on /settings: the one neutral sentence, no box, nothing of the partnership."""
    page.goto(server.revoked_link)  # after a first visit, so the address goes through the navigation
    settle(page, NEUTRAL_MESSAGE)
    page.goto(f"{server.url}settings?share={server.token(server.revoked_link)}")
    settle(page, NEUTRAL_MESSAGE)
    body = page.inner_text("body")
    assert NOTICE not in body and "Three Rivers" not in body and "Health overview" not in body
    assert nav_labels(page) == []
    assert_no_streamlit_box(page)


@pytest.mark.skipif(pg.enabled(), reason="about the DuckDB file one process holds (PostgreSQL has none)")
def test_a_second_server_on_a_held_database_answers_any_address_with_its_one_message(server: Server,
                                                                                    page: Any) -> None:
    """A second copy of the app on the file the first one holds: /agenda shows the plain "in use"
    message, no box and no page names."""
    assert isinstance(server.db, Path)
    page.goto(server.url)  # the first server opens (and so holds) its file on its first visit
    settle(page, "The four signs")
    port = free_port()
    with running_app(server.db, port, SHOTS / "held-second-server.log") as url:
        page.goto(url)  # after a first visit, so the address goes through the navigation
        settle(page, "in use by another program")
        page.goto(f"{url}agenda")
        settle(page, "in use by another program")
        assert page.get_by_text(HELD_MESSAGE).count() == 1
        assert nav_labels(page) == [] and "Health overview" not in page.inner_text("body")
        assert_no_streamlit_box(page)


@pytest.mark.parametrize("role", ["convener", "champion"])
def test_an_address_no_page_has_opens_the_first_page_with_a_sentence(server: Server, page: Any,
                                                                      role: str) -> None:
    """The reported case: /agendaa (a typo) shows the visitor's Health overview under "There is no
    page at that address...", with the menu, and no "Page not found" box; a champion keeps their link."""
    share = f"?share={server.token(server.live_link)}" if role == "champion" else ""
    page.goto(f"{server.url}{share}")  # after a first visit, so the address goes through the navigation
    settle(page, "The four signs")
    page.goto(f"{server.url}agendaa{share}")
    settle(page, NO_PAGE)
    assert page.get_by_text(NO_PAGE).count() == 1
    assert page.get_by_role("heading", name=re.compile("^Health overview: ")).count() == 1
    assert "Health overview" in nav_labels(page)
    assert page.get_by_text(NOTICE).count() == 0
    assert "/agendaa" not in page.url and share in page.url
    assert_no_box(page)
    shot(page, f"44-{role}-opens-agendaa")
    nav(page, "Recruitment")  # the sentence was about the address just opened
    assert page.get_by_text(NO_PAGE).count() == 0


def test_the_first_visit_after_a_start_to_an_address_no_page_has_gets_the_sentence_and_no_box(
    own_server: Server, page: Any
) -> None:
    """A server nobody has visited since it started (a deploy, a restart), opened at /agendaa: the first
    page under the sentence and no "Page not found" box (the launcher, ``ui.serve``, switches off
    Streamlit's page-folder routing, which answered that first visit before the app could)."""
    page.goto(f"{own_server.url}agendaa")
    settle(page, NO_PAGE)
    assert page.get_by_role("heading", name=re.compile("^Health overview: ")).count() == 1
    assert_no_box(page)
    shot(page, "44-first-visit-opens-agendaa")


def test_the_first_pages_own_name_opens_it_without_a_sentence(server: Server, page: Any) -> None:
    """/health, the Health overview's name (Streamlit serves it at the bare root only): the page, no
    sentence, no box."""
    page.goto(server.url)
    settle(page, "The four signs")
    page.goto(f"{server.url}health")
    settle(page, "The four signs")
    assert page.get_by_role("heading", name=re.compile("^Health overview: ")).count() == 1
    assert page.get_by_text(NO_PAGE).count() == 0
    assert_no_box(page)


def test_a_visitor_who_typed_a_wrong_address_signs_in_to_the_sentence(fresh_server: Server,
                                                                      page: Any) -> None:
    """Signed out, /agendaa shows only the password form; once signed in, the convener gets the first
    page under the sentence."""
    page.goto(fresh_server.url)  # after a first visit, so the address goes through the navigation
    settle(page, "Convener password")
    page.goto(f"{fresh_server.url}agendaa")
    settle(page, "Convener password")
    assert NO_PAGE not in page.inner_text("body")
    assert_no_box(page)
    page.get_by_label("Convener password").fill(PASSWORD)
    page.get_by_role("button", name=re.compile("Sign in")).click()
    settle(page, NO_PAGE)
    assert page.get_by_role("heading", name=re.compile("^Health overview: ")).count() == 1
    assert_no_box(page)
    shot(page, "45-signed-in-after-agendaa")
