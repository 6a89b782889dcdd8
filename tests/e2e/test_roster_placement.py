"""In a real browser: a roster places a guest who came without an email (issue 10), and the People page
assigns a person to an organisation."""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

import pytest

from tests.e2e.conftest import Server
from tests.e2e.test_browser import settle, shot

pytestmark = pytest.mark.browser

ROSTER = b"Organisation,Kind,Name,Email\nStark Industries,Industry,Anthony Edward Stark,tony@stark.example\n"


def unplaced(page: Any) -> int:
    """N in the 'N people have no organisation' expander (0 when it is gone)."""
    found = re.search(r"(\d+) (?:person has|people have) no organisation", page.inner_text("body"))
    return int(found.group(1)) if found else 0


def test_roster_places_the_guest_and_the_count_drops(own_server: Server, page: Any, tmp_path: Any) -> None:
    """A convener imports a guest with no email or company, uploads a roster naming them: the result
    says one person already here was placed, nobody was added, and 'no organisation' drops by one."""
    page.goto(own_server.url)
    settle(page, "The four signs")
    page.locator("[data-testid='stSidebarNav'] a", has_text="Import attendance").click()
    settle(page, "Attendance files")
    day = (dt.date.today() - dt.timedelta(days=2)).strftime("%m/%d/%Y")
    guest = tmp_path / "guests.csv"
    guest.write_text("Name,Email,Organization,Date,Meeting\n"
                     f"anthony edward stark,,,{day},Quarterly meeting\n", encoding="utf-8")
    page.locator("input[type=file]").set_input_files(str(guest))
    settle(page, "Import 1 file")
    page.get_by_role("button", name=re.compile("Import 1 file")).click()
    settle(page, "Undo an import on the Import history page")
    page.locator("[data-testid='stSidebarNav'] a", has_text="People and organisations").click()
    settle(page, "Possible duplicates")
    page.get_by_role("tab", name="All organisations").click()
    settle(page, "Upload a roster")
    before = unplaced(page)
    assert before >= 1
    roster = tmp_path / "roster.csv"
    roster.write_bytes(ROSTER)
    page.locator("input[type=file]").set_input_files(str(roster))
    page.get_by_role("button", name=re.compile("Load roster")).click()
    settle(page, "already here placed")
    shot(page, "40-roster-placed")
    body = page.inner_text("body")
    assert "0 people added" in body and "1 person already here placed" in body
    assert unplaced(page) == before - 1
    assert "anthony edward stark · no organisation" not in body  # the picker shows where people are now
