"""The sidebar's "As of" date in a real browser: picked on one page, it stays picked on the next.

Screenshots go to test-output/e2e/.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from tests.e2e.conftest import Server, after_run, nav, settle, shot

pytestmark = pytest.mark.browser


def _as_of(page: Any) -> Any:
    """The date the sidebar's picker holds (its form value, YYYY-MM-DD)."""
    return page.locator("[data-testid='stSidebar'] [data-testid='stDateInput'] input[type=date]").first


def _set_year(page: Any, year: str) -> None:
    """Type ``year`` into the picker's year, then leave the field (which sets the date), as a person does."""
    _type_in(page, "year", year)


def _set_day(page: Any, day: str) -> None:
    _type_in(page, "day", day)


def _type_in(page: Any, part: str, text: str) -> None:
    page.locator(f"[data-testid='stSidebar'] [role=spinbutton][data-type={part}]").first.click()
    page.keyboard.type(text)
    page.locator("h1").first.click()


def test_the_as_of_date_stays_when_the_convener_changes_page(server: Server, page: Any) -> None:
    """Regression (browser walk, 1 Dec 2026): a convener set "As of" to a year back on the Portfolio,
    opened the Health overview, and found it back at today and the partnership judged as of today. The
    date now stays on the Health overview and back on the Portfolio until it is changed."""
    today = dt.date.today()
    year_ago = today.replace(year=today.year - 1, day=min(today.day, 28))  # (any 29 Feb has a 28th)
    said = f"as of {year_ago.day} {year_ago:%B %Y}"
    page.goto(server.url)
    settle(page, "The four signs")
    nav(page, "Portfolio")
    settle(page, "Click a partnership's")
    if today.day > 28:
        after_run(page, lambda: _set_day(page, "28"))
    after_run(page, lambda: _set_year(page, str(year_ago.year)))
    settle(page, said)
    nav(page, "Health overview")
    settle(page, "The four signs")
    assert _as_of(page).input_value() == year_ago.isoformat()
    assert f"Judged as of {said.removeprefix('as of ')}" in page.inner_text("[data-testid='stMain']")
    assert page.locator("[data-testid='stException']").count() == 0  # (its verdict is a red box)
    shot(page, "50-health-as-of-kept")
    nav(page, "Portfolio")
    settle(page, said)
    assert _as_of(page).input_value() == year_ago.isoformat()
