"""The Refresh agenda's minutes per part in a real browser at a 1280-pixel laptop's width.

Screenshots go to test-output/e2e/.
"""

from __future__ import annotations

from typing import Any

import pytest

from tests.e2e.conftest import Server, nav, settle, shot

pytestmark = pytest.mark.browser


def test_the_five_minutes_inputs_sit_on_one_line_at_1280_pixels(server: Server, page: Any) -> None:
    """Regression (browser walk, 1 Dec 2026): at 1280 px two part names ("Welcome & introductions",
    "Commitments & next steps") wrap onto two lines and pushed their inputs lower than the other three;
    the five inputs now sit level, whatever their labels take."""
    page.set_viewport_size({"width": 1280, "height": 1000})
    page.goto(server.url)
    settle(page, "The four signs")
    nav(page, "Refresh agenda")
    settle(page, "Minutes per part")
    parts = "[class*='st-key-m_']"  # (the five inputs' keys: m_<part>_...)
    inputs = page.locator(f"{parts} input")
    assert inputs.count() == 5
    tops = [round(inputs.nth(i).bounding_box()["y"]) for i in range(5)]
    labels = page.locator(f"{parts} [data-testid='stWidgetLabel']")
    heights = {round(labels.nth(i).bounding_box()["height"]) for i in range(5)}
    shot(page, "51-agenda-minutes-1280")
    assert len(heights) > 1, "every label fits on one line at 1280 px: this case no longer tests anything"
    assert max(tops) - min(tops) <= 1, tops
