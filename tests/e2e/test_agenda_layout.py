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
    page.evaluate("document.fonts.ready.then(() => true)")  # (measured in the app's font, not a fallback)
    parts = "[class*='st-key-m_']"  # (the five inputs' keys: m_<part>_...)
    # the case under test: some part names take two lines at this width (waited for: the layout is drawn
    # after the script run, and a name wraps only once the app's font is in)
    page.wait_for_function(f"""() => {{
        const labels = [...document.querySelectorAll("{parts} [data-testid='stWidgetLabel']")];
        const heights = labels.map(l => Math.round(l.getBoundingClientRect().height));
        return labels.length === 5 && new Set(heights).size > 1;
    }}""", timeout=15_000)
    inputs = page.locator(f"{parts} input")
    tops = [round(inputs.nth(i).bounding_box()["y"]) for i in range(5)]
    shot(page, "51-agenda-minutes-1280")
    assert max(tops) - min(tops) <= 1, tops
