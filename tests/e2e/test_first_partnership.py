"""A new convener's first steps in a real browser, from an empty database: create a partnership,
import a sign-in sheet into it, fix the meeting's kind on the Meetings page, open Health.

Screenshots of each step go to test-output/e2e/.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.e2e.conftest import SHOTS, free_port, running_app
from tests.importing import FIXTURES

pytestmark = pytest.mark.browser

NAME = "Tri-County Healthcare Partnership of the Upper Valley"  # long: the sidebar must show it whole
ERRORS = "[data-testid='stException'], [data-testid='stAlertContentError']"


@pytest.fixture
def empty_app(chromium: Path, tmp_path: Path) -> Iterator[str]:
    """A server over a database with no partnership at all."""
    with running_app(tmp_path / "empty.duckdb", free_port(), SHOTS / "empty-server.log") as url:
        yield url


def shot(page: Any, name: str) -> None:
    page.screenshot(path=str(SHOTS / f"{name}.png"), full_page=True)


def settle(page: Any, text: str) -> None:
    """Wait for ``text``, then for the script run to finish (a screenshot is kept if it never comes)."""
    try:
        page.get_by_text(text).first.wait_for()
    except Exception:
        shot(page, "30-failed-waiting-for-" + re.sub(r"\W+", "-", text).strip("-").lower())
        raise
    page.wait_for_function("!document.querySelector(\"[data-testid='stStatusWidget']\")", timeout=30_000)
    page.wait_for_timeout(800)


def no_errors(page: Any) -> None:
    assert page.locator(ERRORS).count() == 0, page.locator(ERRORS).first.inner_text()


def grid_text(page: Any) -> str:
    """The cells of the page's first table (drawn on a canvas; read from its accessible copy)."""
    return " | ".join(page.locator("[data-testid='stDataFrame']").first.locator("td").all_text_contents())


def nav(page: Any, label: str) -> None:
    page.locator("[data-testid='stSidebarNav'] a", has_text=label).first.click()


def pick_in_grid(page: Any, column: int, row: int, option: str) -> None:
    """Open the editor of one cell of the page's first editable table (by keyboard) and choose ``option``."""
    box = page.locator("[data-testid='stDataFrame']").first.bounding_box()
    page.mouse.click(box["x"] + 20, box["y"] + 35 + 17)  # the first body cell
    for _ in range(column):
        page.keyboard.press("ArrowRight")
    for _ in range(row):
        page.keyboard.press("ArrowDown")
    page.keyboard.press("Enter")
    page.get_by_role("option", name=option, exact=True).first.click()
    page.keyboard.press("Escape")
    page.wait_for_timeout(1000)


def test_a_new_convener_starts_from_an_empty_database(empty_app: str, page: Any) -> None:
    """Create a partnership in the app, import into it, fix the meeting's kind, and Health opens cleanly."""
    page.goto(empty_app)
    settle(page, "No partnership yet")
    assert "Partnerships page" in page.inner_text("[data-testid='stMain']")
    assert "import a file" not in page.inner_text("body").lower()
    shot(page, "31-empty-health")

    nav(page, "Partnerships")
    settle(page, "Create a partnership")
    page.get_by_label("Name", exact=True).fill(NAME)
    page.get_by_label("Sector (optional)").fill("Healthcare")
    page.get_by_role("button", name=re.compile("Create partnership")).click()
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
    page.locator("input[type=file]").set_input_files(str(FIXTURES / "signin_spring.csv"))
    settle(page, "Import 1 file")
    grid = grid_text(page)
    assert "Full partnership (regular)" in grid and "read from the title" in grid
    shot(page, "33-import-preview")
    page.get_by_role("button", name=re.compile("Import 1 file")).click()
    settle(page, "The Health overview now includes these meetings")
    no_errors(page)

    nav(page, "Meetings")
    settle(page, "Merge two meetings that are one")
    assert "Spring Quarterly Meeting | Full partnership (regular)" in grid_text(page)
    pick_in_grid(page, column=2, row=0, option="Refresh")
    page.get_by_role("button", name=re.compile("Save changes to 1 meeting")).click()
    settle(page, "Saved changes to 1 meeting")
    no_errors(page)
    assert "Spring Quarterly Meeting | Refresh" in grid_text(page)
    shot(page, "34-meeting-kind-fixed")

    nav(page, "Health overview")
    settle(page, "The four signs")
    assert page.get_by_role("heading", name=re.compile("Health overview: Tri-County")).count() == 1
    no_errors(page)
    shot(page, "35-health-after-first-import")
