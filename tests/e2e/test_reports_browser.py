"""The portfolio and the one-page report in a real browser, as a state office and a champion use them.

Screenshots go to test-output/e2e/.
"""

from __future__ import annotations

import io
import re
from pathlib import Path
from typing import Any

import pytest
from pypdf import PdfReader

from tests.conftest import THREE_RIVERS
from tests.e2e.conftest import Server, grid_text, nav, nav_labels, settle, shot
from tests.e2e.test_browser import EMAIL, PHONE, assert_read_only
from ui.editing import WRAPPED_ROW

pytestmark = pytest.mark.browser
HEADER = 35  # st.dataframe's header row, in CSS pixels (the portfolio's rows are WRAPPED_ROW tall)


def test_state_office_opens_a_partnership_from_the_portfolio(server: Server, page: Any) -> None:
    """The portfolio lists every partnership with its verdict and signs; a click on a row's cell opens
    its Health overview."""
    page.goto(server.url)
    settle(page, "The four signs")
    assert "Portfolio" in nav_labels(page)
    nav(page, "Portfolio")
    settle(page, "Sort by")
    for label in ("Refresh recommended", "Overdue items"):  # the verdict counts are drawn
        page.get_by_text(label, exact=True).first.wait_for()
    grid = page.locator("[data-testid='stDataFrame']").first
    assert "Three Rivers" in grid_text(page)  # the grid is drawn (its accessible copy is filled)
    shot(page, "20-portfolio")
    box = grid.bounding_box()
    assert box is not None
    grid.locator("canvas").first.wait_for()
    second = box["y"] + HEADER + WRAPPED_ROW * 1.5  # the second row's first cell
    page.mouse.move(box["x"] + 14, second)
    page.mouse.click(box["x"] + 14, second)
    heading = page.get_by_role("heading", name=re.compile("Health overview: Three Rivers"))
    try:
        heading.wait_for(timeout=60_000)  # a page switch on a busy machine can be slow
    except Exception:
        shot(page, "failed-opening-three-rivers-from-the-portfolio")
        raise
    settle(page, "The four signs")
    shot(page, "21-portfolio-opened-three-rivers")


def test_read_only_link_downloads_the_one_page_report(server: Server, page: Any) -> None:
    """A champion's link offers the partnership's PDF: one page, its name, no contact details."""
    page.goto(server.live_link)
    settle(page, "The four signs")
    assert_read_only(page)
    with page.expect_download() as download:
        page.get_by_role("button", name=re.compile("one-page report")).click()
    data = Path(download.value.path()).read_bytes()
    reader = PdfReader(io.BytesIO(data))
    text = " ".join((p.extract_text() or "") for p in reader.pages)
    assert len(reader.pages) == 1 and THREE_RIVERS in " ".join(text.split())
    assert not EMAIL.search(text) and not PHONE.search(text)
    assert download.value.suggested_filename.startswith("three-rivers-healthcare-partnership-")
    shot(page, "22-share-link-with-report")
