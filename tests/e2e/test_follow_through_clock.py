"""The follow-through clock in a browser: an edit saved lands on the item edited, and on that item only."""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

import pytest

from tests.conftest import THREE_RIVERS
from tests.e2e.conftest import Server, after_run, nav, settle

pytestmark = pytest.mark.browser


def _rows(page: Any) -> list[list[str]]:
    """The cells of the first clock table, row by row (from the grid's accessible copy)."""
    grid = page.locator("[data-testid='stDataFrame']").first
    grid.locator("td").first.wait_for(state="attached")
    return [r.locator("td").all_text_contents() for r in grid.locator("tr").all() if r.locator("td").count()]


def _shows(page: Any, text: str) -> None:
    """Wait until the first clock table has drawn a cell reading ``text`` (a new table's accessible copy
    can come a frame after the run that made it; the edit lost would never come)."""
    grid = page.locator("[data-testid='stDataFrame']").first
    grid.locator("td", has_text=re.compile("^" + re.escape(text) + "$")).first.wait_for(state="attached")


def test_a_due_date_saved_stays_with_its_item(own_server: Server, page: Any) -> None:
    """Moving the first item's due date a year later and saving re-sorts the clock; the table shows the
    new date on that item only (the edit moved to the item that took its row, and the next save wrote it
    there: a team's first meeting was silently due a year later)."""
    page.goto(own_server.url)
    settle(page, "The four signs")
    page.get_by_role("combobox", name="Partnership").click()
    after_run(page, page.get_by_role("option", name=THREE_RIVERS).first.click)
    nav(page, "Follow-through")
    settle(page, "Items from")
    first = _rows(page)[0]
    item, due = first[1], first[3]
    later = (dt.date.fromisoformat(due) + dt.timedelta(days=365)).isoformat()
    grid = page.locator("[data-testid='stDataFrame']").first
    box = grid.bounding_box()
    page.mouse.click(box["x"] + 20, box["y"] + 35 + 17)  # the first body cell (Status)
    for col in range(4):  # then Item, Owner, Due: each move waited for
        if col:
            page.keyboard.press("ArrowRight")
        grid.locator(f"tr[aria-rowindex='2'] td[aria-colindex='{col + 1}'][aria-selected='true']").wait_for(
            state="attached")
    page.keyboard.press("Enter")
    editor = page.locator("input[type='date']").filter(visible=True).first
    editor.fill(later)
    after_run(page, lambda: page.keyboard.press("Enter"))  # (the edit's own run: a save clicked during it
    # saved the clock without the edit, under load)
    grid.locator("td", has_text=re.compile("^" + later + "$")).first.wait_for(state="attached")
    after_run(page, page.get_by_role("button", name="Save changes").click)
    _shows(page, later)
    shown = [(r[1], r[3]) for r in _rows(page)]
    assert [i for i, d in shown if d == later] == [item], shown
    after_run(page, page.get_by_role("button", name="Save changes").click)  # (a second save, nothing edited)
    page.reload()  # (a new session: the clock as stored)
    settle(page, "Follow-through")
    page.get_by_role("combobox", name="Partnership").click()
    after_run(page, page.get_by_role("option", name=THREE_RIVERS).first.click)
    settle(page, "Items from")
    _shows(page, later)
    stored = [(r[1], r[3]) for r in _rows(page)]
    assert [i for i, d in stored if d == later] == [item], stored
