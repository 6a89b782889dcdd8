"""A champion's plan (Priorities & teams, read-only) in a real browser at a 1280-pixel laptop's width.

Screenshots go to test-output/e2e/.
"""

from __future__ import annotations

from typing import Any

import pytest

from tests.e2e.conftest import Server, nav, settle, shot

pytestmark = pytest.mark.browser

# Each table cell's text, and whether it is whole in view: not cut off inside its cell (scrollWidth),
# and inside the table and the window (a table wider than the page would hide its last columns).
CELLS = """() => [...document.querySelectorAll("[data-testid='stTable'] td, [data-testid='stTable'] th")]
    .map(c => {
        const box = c.getBoundingClientRect();
        const table = c.closest("[data-testid='stTable']").getBoundingClientRect();
        return {text: c.innerText.trim(),
                whole: c.scrollWidth <= c.clientWidth && box.right <= table.right + 1
                       && box.right <= window.innerWidth};
    })"""
LONG_TEXTS = [  # the demo's Three Rivers plan: cut off at 1280 px before
    "Career pathways for nursing assistants",  # a priority
    "Partnership refresh meeting, Fall 2026",  # its meeting ("At meeting")
    "Carlos Castillo, Carlos Fischer",  # the start of a team's members
    "The shared placement calendar stalled when two schools changed their",  # what didn't work
]


def test_a_champion_reads_the_whole_plan_at_1280_pixels(server: Server, page: Any) -> None:
    """Regression (browser walk, 1 Dec 2026, defect 8): at 1280 px (and 1400) the champion's plan cut text
    off: priority names ("Career pathways for nursing assis…"), "At meeting", the action teams' members,
    "What didn't work" and "What we learned", with the last columns off to the right; a champion cannot
    widen a column or open a cell to read the rest. The plan's tables now wrap their text: every cell is
    whole in view, inside the window."""
    page.set_viewport_size({"width": 1280, "height": 1000})
    page.goto(server.live_link)
    settle(page, "The four signs")
    nav(page, "Priorities & teams")
    settle(page, "What didn't work, and what we learned")
    page.evaluate("document.fonts.ready.then(() => true)")  # (measured in the app's font)
    page.locator("[data-testid='stTable'] td").first.wait_for()
    cells = page.evaluate(CELLS)
    shot(page, "52-champion-plan-1280")
    texts = " | ".join(c["text"] for c in cells)
    for text in LONG_TEXTS:
        assert text in texts, text
    assert "What we learned" in texts and "Members" in texts and "At meeting" in texts
    cut = [c["text"] for c in cells if not c["whole"]]
    assert not cut, cut


def test_a_champion_reads_the_meeting_summarys_teams_and_follow_through_at_1280_pixels(
    server: Server, page: Any
) -> None:
    """Regression (found checking defect 8 of the browser walk, 1 Dec 2026): at 1280 px the champion's
    Meeting summary left the teams' members and the follow-through's due and done dates off to the right
    of their tables, and cut owners off. Both tables now wrap their text: every cell is whole in view."""
    page.set_viewport_size({"width": 1280, "height": 1000})
    page.goto(server.live_link)
    settle(page, "The four signs")
    nav(page, "Meeting summary")
    settle(page, "Sticky-wall categories")
    page.evaluate("document.fonts.ready.then(() => true)")
    page.locator("[data-testid='stTable'] td").first.wait_for()
    cells = page.evaluate(CELLS)
    shot(page, "53-champion-meeting-summary-1280")
    texts = " | ".join(c["text"] for c in cells)
    for text in ("Members", "Due", "Done", "Convener with Ethan Haddad, Ines Kowalski, Linda Castillo"):
        assert text in texts, text
    cut = [c["text"] for c in cells if not c["whole"]]
    assert not cut, cut
