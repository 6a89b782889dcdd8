"""The Portfolio page (and the report button on the Health page), run server-side with AppTest."""

from __future__ import annotations

import ast
import json

import pytest
import streamlit as st
from streamlit.testing.v1 import AppTest

import ui
from refresh_core.partnerships import get_partnership
from refresh_core.reports import portfolio_view as view
from tests.conftest import LAKESHORE, ROOT, THREE_RIVERS, TODAY
from tests.pages.conftest import Serve


@pytest.fixture
def app_db(serve: Serve) -> str:
    """The app pointed at a private copy of the demo database."""
    copy = serve("demo")
    return copy


@pytest.fixture
def switches(monkeypatch: pytest.MonkeyPatch) -> list[object]:
    """Pages the script asked to switch to (AppTest runs one page file, without the app's navigation)."""
    asked: list[object] = []
    monkeypatch.setattr(st, "switch_page", asked.append)
    return asked


def portfolio(role: str | None = ui.CONVENER, allowed: frozenset[int] | None = None) -> AppTest:
    at = AppTest.from_file(str(ROOT / "pages" / "portfolio.py"), default_timeout=60)
    if role:
        at.session_state["role"] = role
    at.session_state["allowed_partnership_ids"] = allowed
    at.session_state["as_of"] = TODAY
    return at.run()


def names(at: AppTest) -> list[str]:
    return list(at.dataframe[0].value["Partnership"])


def test_every_partnership_with_its_verdict_and_signs(app_db: str) -> None:
    """An admin sees both demo partnerships, the one needing a refresh first, with counts above."""
    at = portfolio()
    assert not at.exception
    table = at.dataframe[0].value
    assert names(at) == [LAKESHORE, THREE_RIVERS]
    assert list(table["Verdict"]) == ["Refresh recommended", "Healthy"]
    assert list(table["Engagement"]) == ["Flag", "OK"]
    assert list(table["Industry, last 3"].iloc[1]) == [27, 28, 30]
    metrics = {m.label: m.value for m in at.metric}
    assert metrics["Refresh recommended"] == "1" and metrics["Healthy"] == "1"


def test_filter_by_verdict_sector_and_region(app_db: str) -> None:
    """Each filter narrows the table; a filter matching nothing says how to get rows back."""
    at = portfolio()
    at.multiselect(key="portfolio_verdict").set_value(["Healthy"]).run()
    assert names(at) == [THREE_RIVERS]
    at.multiselect(key="portfolio_verdict").set_value([]).run()
    at.multiselect(key="portfolio_sector").set_value(["Advanced manufacturing"]).run()
    assert names(at) == [LAKESHORE]
    at.multiselect(key="portfolio_region").set_value(["Three Rivers Region"]).run()
    assert not at.dataframe
    assert "No partnership matches these filters" in at.info[0].value


def test_sorting_by_name_and_by_the_room(app_db: str) -> None:
    """By name: alphabetical; by the room: where public partners outnumber industry leaders comes first."""
    at = portfolio()
    at.selectbox(key="portfolio_sort").set_value("Name").run()
    assert names(at) == [LAKESHORE, THREE_RIVERS]
    at.selectbox(key="portfolio_sort").set_value("Fewest industry leaders per public partner").run()
    assert names(at) == [LAKESHORE, THREE_RIVERS]
    assert list(at.dataframe[0].value["Room"]) == [0.55, 3.0]  # the demo: 6 to 11, 30 to 10


def test_sorting_changes_the_order(app_db: str) -> None:
    """Three Rivers has the demo's overdue one-on-one: 'most overdue' puts it above the more urgent
    Lakeshore."""
    at = portfolio()
    assert names(at) == [LAKESHORE, THREE_RIVERS]
    at.selectbox(key="portfolio_sort").set_value("Most overdue follow-through").run()
    assert names(at) == [THREE_RIVERS, LAKESHORE]
    overdue = list(at.dataframe[0].value["Overdue"])
    assert overdue[0] >= 1 and overdue[1] == 0


def test_picking_a_row_opens_its_health_overview(app_db: str, switches: list[object]) -> None:
    """Selecting Three Rivers' row makes it the current partnership and opens the Health overview."""
    at = portfolio()
    at.session_state["portfolio_table"] = {"selection": {"rows": [1], "columns": [], "cells": []}}
    at.run()
    assert not at.exception
    assert at.session_state[ui.session.OPEN_NEXT] == THREE_RIVERS
    assert switches == ["pages/health.py"]


def test_a_click_on_any_cell_opens_its_partnership(app_db: str, switches: list[object]) -> None:
    """The table has no tick-box column (it cost the room of a column): a click on any cell of Three
    Rivers' row opens its Health overview."""
    at = portfolio()
    clicked = {"rows": [], "columns": [], "cells": [[1, "Verdict"]]}
    at.session_state["portfolio_table"] = {"selection": clicked}
    at.run()
    assert not at.exception
    assert at.session_state[ui.session.OPEN_NEXT] == THREE_RIVERS and switches == ["pages/health.py"]


def test_coming_up_says_none_planned_rather_than_a_blank_cell(app_db: str) -> None:
    """Regression (walk-through): Three Rivers has no full-partnership meeting planned and its "Coming up"
    cell was blank (the PDF said "-"). It reads "None planned", the words the PDF uses."""
    at = portfolio()
    assert not at.exception
    coming = at.dataframe[0].value.set_index("Partnership")[view.COMING_UP]
    assert coming[THREE_RIVERS] == "None planned"
    assert coming[LAKESHORE].startswith("24 Dec")


def test_the_essential_columns_first_every_column_on_request(app_db: str) -> None:
    """Regression (walk-through): the table was wider than the page. It shows the essential columns (the
    verdict, the four signs, what is coming up, overdue items) within the width a 1280-pixel window leaves;
    a sort by a column kept aside shows that column; "Every column" shows them all."""
    at = portfolio()
    table = at.dataframe[0]
    assert list(table.proto.column_order) == view.ESSENTIAL
    config = json.loads(table.proto.columns)
    assert sum(config[name]["width"] for name in view.ESSENTIAL) <= 820
    assert list(table.value[view.COMING_UP]) == ["24 Dec: 7 of 20", "None planned"]
    at.selectbox(key="portfolio_sort").set_value("Fewest industry leaders per public partner").run()
    assert list(at.dataframe[0].proto.column_order) == [*view.ESSENTIAL, "Room"]
    at.toggle(key="portfolio_every").set_value(True).run()
    assert list(at.dataframe[0].proto.column_order) == [*view.ESSENTIAL, *view.MORE]


def test_the_picker_opens_a_partnership_too(app_db: str, switches: list[object]) -> None:
    """Without the mouse: choose a partnership, press 'Open its Health overview'."""
    at = portfolio()
    at.selectbox(key="portfolio_open").set_value(THREE_RIVERS)
    next(b for b in at.button if b.label == "Open its Health overview").click().run()
    assert at.session_state[ui.session.OPEN_NEXT] == THREE_RIVERS and switches == ["pages/health.py"]


def test_the_next_run_opens_that_partnership(app_db: str, monkeypatch: pytest.MonkeyPatch) -> None:
    """The whole app, in the run after the switch: the sidebar takes up the partnership picked in the
    portfolio, so the Health overview shows it (not the one picked before)."""
    monkeypatch.setenv("REFRESH_CONVENER_PASSWORD_HASH", "set")  # password mode, signed in
    at = AppTest.from_file(str(ROOT / "streamlit_app.py"), default_timeout=60)
    at.session_state["_password_ok"] = True
    at.session_state["partnership"] = LAKESHORE
    at.session_state[ui.session.OPEN_NEXT] = THREE_RIVERS
    at.run()
    assert not at.exception
    assert at.title[0].value == f"Health overview: {THREE_RIVERS}"
    assert at.session_state["partnership"] == THREE_RIVERS
    assert ui.session.OPEN_NEXT not in at.session_state


def test_the_health_page_it_opens_is_in_the_conveners_navigation() -> None:
    """The page the portfolio switches to, and the portfolio itself, are routed for conveners only."""
    tree = ast.parse((ROOT / "streamlit_app.py").read_text(encoding="utf-8"))
    pages = next(n.value for n in ast.walk(tree) if isinstance(n, ast.Assign)
                 and getattr(n.targets[0], "id", "") == "PAGES")
    entries = {e.elts[1].value: (e.elts[0].value, ast.unparse(e.elts[4]))  # type: ignore[attr-defined]
               for e in pages.elts}  # type: ignore[attr-defined]
    assert entries["pages/portfolio.py"] == ("Health", "{ui.CONVENER}")
    assert entries["pages/health.py"][0] == "Health"


def test_a_convener_sees_only_the_partnerships_they_may_open(app_db: str) -> None:
    """A convener listed for Three Rivers only gets one row and no hint of the other."""
    pid = get_partnership(ui._connection(), name=THREE_RIVERS).id
    at = portfolio(allowed=frozenset({pid}))
    assert names(at) == [THREE_RIVERS]
    assert "Lakeshore" not in " ".join(str(o) for o in at.selectbox(key="portfolio_open").options)


@pytest.mark.parametrize("role", [ui.VIEWER, None])
def test_viewers_and_sessions_never_admitted_see_nothing(app_db: str, role: str | None) -> None:
    """A share link, or a visit that skipped the sign-in gate, gets a refusal and no partnership."""
    at = portfolio(role=role)
    assert not at.exception
    assert at.error and "Only conveners" in at.error[0].value
    assert not at.dataframe and not at.metric and not at.download_button


def test_empty_installation_says_what_to_do(serve: Serve) -> None:
    """No partnership yet: the page says how to start instead of showing an empty table."""
    serve("empty")
    at = portfolio()
    assert not at.exception and "No partnership yet" in at.info[0].value


def test_portfolio_pdf_is_offered(app_db: str) -> None:
    """The convener can take the portfolio away as a PDF."""
    assert [b.label for b in portfolio().download_button] == ["Download the portfolio (PDF)"]


@pytest.mark.parametrize("role", [ui.CONVENER, ui.VIEWER])
def test_health_page_offers_the_one_page_report(app_db: str, role: str) -> None:
    """Conveners and read-only links alike get the partnership's one-page PDF on the Health page."""
    at = AppTest.from_file(str(ROOT / "pages" / "health.py"), default_timeout=60)
    at.session_state["partnership"] = THREE_RIVERS
    at.session_state["role"] = role
    if role == ui.VIEWER:
        at.session_state["viewer_partnership_id"] = get_partnership(ui._connection(), name=THREE_RIVERS).id
    at.run()
    assert not at.exception
    assert [b.label for b in at.download_button] == ["Download the one-page report (PDF)"]


CHARACTER = 7.5  # px: about what a character takes in the app's 14 px font (Source Sans)
PADDING = 17  # px: a grid cell's padding, both sides
LONG_NAMES = ["Southern Tier Logistics and Distribution Partnership", LAKESHORE]  # (e2e test, demo)


def test_long_partnership_names_wrap_whole_in_their_column(app_db: str) -> None:
    """Regression (browser walk, 1 Dec 2026, defect 8): at 1400 and 1280 px the table cut names off
    ("Lakeshore Advanced Manufactu…", "Three Rivers Healthcare Partner…"), and the names are what a host
    reads first. Rows are three lines tall so the grid wraps a name (it wraps only in rows taller than
    4rem, 64 px), and the Partnership column takes a long name in under three lines, within the width a
    1280-pixel window leaves; "Refresh recommended" wraps in two."""
    at = portfolio()
    assert not at.exception
    table = at.dataframe[0]
    assert table.proto.row_height > 64
    config = json.loads(table.proto.columns)
    assert sum(config[name]["width"] for name in view.ESSENTIAL) <= 820
    for name in LONG_NAMES:
        assert len(name) * CHARACTER <= 2.5 * (config["Partnership"]["width"] - PADDING), name
    assert len("recommended") * CHARACTER <= config["Verdict"]["width"] - PADDING
    assert {m.label for m in at.metric} >= {"Refresh recommended", "Overdue items"}
