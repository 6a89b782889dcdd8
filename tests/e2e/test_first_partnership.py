"""A new convener's first steps in a real browser, from an empty database: create a partnership,
import a sign-in sheet into it, fix the meeting's kind on the Meetings page, open Health.

Screenshots of each step go to test-output/e2e/.
"""

from __future__ import annotations

import re
from typing import Any

import pytest

from tests.e2e.conftest import Server, after_run, grid_text, nav, no_errors, pick_in_grid, settle, shot
from tests.importing import FIXTURES

pytestmark = pytest.mark.browser

NAME = "Tri-County Healthcare Partnership of the Upper Valley"  # long: the sidebar must show it whole


def test_a_new_convener_starts_from_an_empty_database(empty_server: Server, page: Any) -> None:
    """Create a partnership in the app, import into it, fix the meeting's kind, and Health opens cleanly."""
    page.goto(empty_server.url)
    settle(page, "No partnership yet")
    assert "Partnerships page" in page.inner_text("[data-testid='stMain']")
    assert "import a file" not in page.inner_text("body").lower()
    shot(page, "31-empty-health")

    nav(page, "Partnerships")
    settle(page, "Create a partnership")
    page.get_by_label("Name", exact=True).fill(NAME)
    page.get_by_label("Sector (optional)").fill("Healthcare")
    after_run(page, page.get_by_role("button", name=re.compile("Create partnership")).click)
    settle(page, "It is now the partnership every page shows")
    no_errors(page)
    picker = page.locator(".st-key-partnership_picker")
    assert NAME in picker.inner_text()  # the full name, under the picker, not cut off
    top_of_nav = page.locator("[data-testid='stSidebarNav']").bounding_box()["y"]
    assert picker.bounding_box()["y"] < top_of_nav  # the picker sits above the navigation
    shot(page, "32-partnership-created")

    nav(page, "Import attendance")
    settle(page, "Attendance files")
    assert page.get_by_role("combobox", name="Import into").input_value() == NAME
    upload = page.locator("input[type=file]")
    after_run(page, lambda: upload.set_input_files(str(FIXTURES / "signin_spring.csv")))
    settle(page, "Import 1 file")
    grid = grid_text(page)
    assert "Full partnership (regular)" in grid and "read from the title" in grid
    shot(page, "33-import-preview")
    after_run(page, page.get_by_role("button", name=re.compile("Import 1 file")).click)
    settle(page, "Undo an import on the Import history page")
    no_errors(page)

    nav(page, "Meetings")
    settle(page, "Merge two meetings that are one")
    assert "Spring Quarterly Meeting | Full partnership (regular)" in grid_text(page)
    after_run(page, lambda: pick_in_grid(page, column=2, row=0, option="Refresh"))
    after_run(page, page.get_by_role("button", name=re.compile("Save changes to 1 meeting")).click)
    settle(page, "Saved changes to 1 meeting")
    no_errors(page)
    assert "Spring Quarterly Meeting | Refresh" in grid_text(page)
    shot(page, "34-meeting-kind-fixed")

    nav(page, "Health overview")
    settle(page, "The four signs")
    assert page.get_by_role("heading", name=re.compile("Health overview: Tri-County")).count() == 1
    no_errors(page)
    shot(page, "35-health-after-first-import")
