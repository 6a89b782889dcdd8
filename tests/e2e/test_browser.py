"""The hosted app in a real browser: the convener's first run, a champion's read-only link, revocation.

Screenshots of each step go to test-output/e2e/.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

import pytest

from refresh_core.errors import NEUTRAL_MESSAGE
from tests.e2e.conftest import PASSWORD, Server, after_run, nav, nav_labels, settle, shot

pytestmark = pytest.mark.browser

EMAIL = re.compile(r"[\w.+-]+@[\w-]+\.[\w.]+")
PHONE = re.compile(r"\(?\b\d{3}\)?[ .-]\d{3}[ .-]\d{4}\b")
# Anything that changes data: typing, submitting, uploading, editing cells, action buttons, downloads.
# (Pickers such as the "As of" date or a meeting selector only change the view.)
EDITING = ["input[type=file]", "[data-testid='stFileUploader']", "[data-testid='stForm']",
           "[data-testid='stFormSubmitButton']", "[data-testid='stTextInput']", "[data-testid='stTextArea']",
           "[data-testid='stNumberInput']", "[data-testid='stBaseButton-primary']",
           "[data-testid='stBaseButton-secondary']", "[data-testid='stDownloadButton']",
           "[data-testid='stDataFrame'] [aria-readonly='false']"]
REPORT = "one-page report (PDF)"


def assert_read_only(page: Any) -> None:
    """Nothing on the page edits data or shows contact details, and nothing failed (the one-page report,
    which has no contact details, is the one download a read-only link offers)."""
    found = {selector: page.locator(selector).filter(has_not_text=REPORT).count() for selector in EDITING}
    assert {s: n for s, n in found.items() if n} == {}
    body = page.inner_text("body")
    assert not EMAIL.search(body) and not PHONE.search(body)
    assert page.locator("[data-testid='stException']").count() == 0


def test_first_run_shows_the_demo_health_page(server: Server, page: Any) -> None:
    """Opening the app locally shows the demo's Health overview with the convener's pages."""
    page.goto(server.url)
    settle(page, "The four signs")
    assert page.get_by_role("heading", name=re.compile("Health overview: Lakeshore")).count() == 1
    assert page.get_by_text("A refresh is recommended").count() >= 1
    assert {"Health overview", "Share links", "Settings"} <= set(nav_labels(page))
    assert page.get_by_text("Open local mode").count() == 1
    shot(page, "01-convener-first-run")


def test_share_link_shows_health_read_only_and_survives_reload(server: Server, page: Any) -> None:
    """A champion's link opens one partnership's Health page with nothing to edit, even after a reload."""
    page.goto(server.live_link)
    settle(page, "The four signs")
    assert page.get_by_role("heading", name=re.compile("Health overview: Three Rivers")).count() == 1
    assert "Settings" not in nav_labels(page) and "Share links" not in nav_labels(page)
    assert page.locator("[data-testid='stSidebar'] [data-testid='stSelectbox']").count() == 0
    assert_read_only(page)
    shot(page, "02-share-link")
    page.reload()
    settle(page, "The four signs")
    assert page.get_by_role("heading", name=re.compile("Health overview: Three Rivers")).count() == 1
    assert server.token(server.live_link) in page.url
    assert_read_only(page)
    shot(page, "03-share-link-after-reload")


def test_every_viewer_page_is_read_only(server: Server, page: Any) -> None:
    """Each page in a champion's navigation renders without error, edits nothing, shows no contact details."""
    page.goto(server.live_link)
    settle(page, "The four signs")
    labels = nav_labels(page)
    assert labels and labels[0] == "Health overview"
    for n, label in enumerate(labels):
        if n:  # the first is the page already open
            nav(page, label)
        slug = re.sub(r"\W+", "-", label).strip("-").lower()
        shot(page, f"02-viewer-page-{n}-{slug}")
        assert_read_only(page)
        assert server.token(server.live_link) in page.url


def test_convener_pages_are_not_routable_from_a_share_link(server: Server, page: Any) -> None:
    """Typing a convener page's address with a share link still shows only viewer pages."""
    token = server.token(server.live_link)
    page.goto(f"{server.url}settings?share={token}")
    settle(page, "The four signs")
    assert page.get_by_role("heading", name="Settings").count() == 0
    assert page.get_by_text("Download backup").count() == 0
    assert_read_only(page)
    shot(page, "04-settings-address-as-viewer")


def test_revoked_link_shows_the_neutral_message(server: Server, page: Any) -> None:
    """A revoked link shows one neutral sentence and nothing of the partnership."""
    page.goto(server.revoked_link)
    settle(page, "does not open anything")
    assert page.get_by_text(NEUTRAL_MESSAGE).count() == 1
    body = page.inner_text("body")
    assert "Three Rivers" not in body and "Health overview" not in body
    assert nav_labels(page) == []
    shot(page, "05-revoked-link")


def test_convener_creates_a_link_and_revoking_it_locks_the_champion_out(server: Server, browser: Any,
                                                                        page: Any) -> None:
    """The Share links page makes a working link; after Revoke the champion's next load is refused."""
    page.goto(server.url + "share_links")
    settle(page, "Live links")
    page.get_by_label("Who is it for?").fill("Board chairs (e2e)")
    after_run(page, page.get_by_role("button", name=re.compile("Create link")).click)
    settle(page, "Copy it now")
    url = page.locator("[data-testid='stCode'] code").inner_text().strip()
    assert url.startswith(server.url + "?share=")
    shot(page, "06-convener-created-link")

    champion = browser.new_context(viewport={"width": 1400, "height": 1000}).new_page()
    champion.goto(url)
    settle(champion, "The four signs")
    assert champion.get_by_role("heading", name=re.compile("Health overview: Lakeshore")).count() == 1
    shot(champion, "07-champion-with-new-link")

    page.reload()
    settle(page, "Board chairs (e2e)")
    card = page.locator("[class*='st-key-share_link_']", has_text="Board chairs (e2e)")
    card.get_by_role("button", name=re.compile("Revoke")).click()
    card.get_by_role("button", name="Yes, revoke it").click()  # (Revoke asks first)
    card.wait_for(state="detached")  # "Live links" is on the page before the rerun too: wait for the card
    settle(page, "Live links")
    assert page.locator("[class*='st-key-share_link_']", has_text="Board chairs (e2e)").count() == 0
    assert page.get_by_text("Revoked the link 'Board chairs (e2e)'").count() == 1
    shot(page, "08-convener-revoked-link")

    champion.reload()
    settle(champion, "does not open anything")
    assert champion.get_by_text("Health overview").count() == 0
    shot(champion, "09-champion-after-revoke")
    champion.context.close()


@pytest.mark.parametrize("address", ["settings", "recruitment"])
def test_first_request_after_start_cannot_skip_the_gate(fresh_server: Server, page: Any,
                                                        address: str) -> None:
    """The first visit after a restart, straight to a convener page's address, still meets the gate.

    Streamlit serves a ``pages/`` folder beside the entry script as pages of their own until the entry
    script has run once; the app's pages must not live in a folder of that name.
    """
    page.goto(fresh_server.url + address)
    # wait for what the gate shows (not a fixed pause, which a loaded machine can outlast)
    settle(page, "Convener password")
    shot(page, f"10-first-request-to-{address}")
    assert nav_labels(page) == []  # neither the pages-folder navigation nor any page before sign-in
    assert page.get_by_label("Convener password").count() == 1
    assert page.get_by_text("Download backup").count() == 0
    assert not EMAIL.search(page.inner_text("body"))


def test_with_a_password_set_nothing_opens_before_sign_in(fresh_server: Server, page: Any) -> None:
    """With a password set: only a sign-in form; a wrong password is refused; the right one opens."""
    page.goto(fresh_server.url)
    settle(page, "Convener password")
    assert "Health overview" not in page.inner_text("body") and nav_labels(page) == []
    shot(page, "11-password-sign-in")
    page.get_by_label("Convener password").fill("not the password")
    page.get_by_role("button", name=re.compile("Sign in")).click()
    settle(page, "That password is not right")
    assert nav_labels(page) == []
    page.get_by_label("Convener password").fill(PASSWORD)
    page.get_by_role("button", name=re.compile("Sign in")).click()
    settle(page, "The four signs")
    assert {"Health overview", "Share links", "Settings"} <= set(nav_labels(page))
    shot(page, "12-signed-in")


def signin_csv(day: str) -> bytes:
    """A typed-up sign-in sheet for one quarterly meeting: 12 industry leaders and 3 public partners."""
    rows = ["Name,Email,Organization,Title,Sector,Date,Meeting"]
    for i in range(12):
        rows.append(f"Leader {i},leader{i}@newplant{i}.com,New Plant {i},Plant Manager,Industry,{day},"
                    "Quarterly meeting")
    for i in range(3):
        rows.append(f"Staff {i},staff{i}@lakeshorecc.edu,Lakeshore Community College,Dean,Education,{day},"
                    "Quarterly meeting")
    return ("\n".join(rows) + "\n").encode()


def test_convener_imports_a_csv_and_the_chart_changes(own_server: Server, page: Any, tmp_path: Any) -> None:
    """A convener uploads a sign-in sheet; the Health page's balance changes without a restart. It runs
    on a server of its own: the shared server's demo stays as the other tests expect, in any order."""
    page.goto(own_server.url)
    settle(page, "The four signs")
    assert "public partners outnumbered industry leaders, 11 to 6" in page.inner_text("body")  # the demo
    nav(page, "Import attendance")
    settle(page, "Attendance files")
    sheet = tmp_path / "quarterly-signin.csv"
    sheet.write_bytes(signin_csv((dt.date.today() - dt.timedelta(days=2)).strftime("%m/%d/%Y")))
    after_run(page, lambda: page.locator("input[type=file]").set_input_files(str(sheet)))
    settle(page, "Import 1 file")
    shot(page, "20-import-preview")
    after_run(page, page.get_by_role("button", name=re.compile("Import 1 file")).click)
    settle(page, "Undo an import on the Import history page")
    shot(page, "21-import-done")
    nav(page, "Health overview")
    settle(page, "The four signs")
    shot(page, "22-health-after-import")
    assert "industry leaders outnumbered public partners, 12 to 3" in page.inner_text("body")
