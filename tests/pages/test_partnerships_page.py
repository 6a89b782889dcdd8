"""Partnerships page (AppTest): create one and switch to it, edit, archive with confirmation, restore;
and every page, with no partnership at all, says to create one on the Partnerships page."""

from __future__ import annotations

import datetime as dt

import pytest
from streamlit.testing.v1 import AppTest

import ui
from refresh_core import words
from refresh_core.db import connect
from refresh_core.meetings import next_meeting
from refresh_core.partnerships import get_partnership, partnership_names
from tests.conftest import LAKESHORE, ROOT, THREE_RIVERS
from tests.pages.conftest import Serve


@pytest.fixture
def app_db(serve: Serve) -> str:
    """A private copy of the demo database served to the pages."""
    return serve("demo")


@pytest.fixture
def empty_db(serve: Serve) -> str:
    """A database with no partnership at all."""
    return serve("empty")


def page(name: str, partnership: str | None = LAKESHORE, role: str = ui.CONVENER) -> AppTest:
    at = AppTest.from_file(str(ROOT / "pages" / name), default_timeout=30)
    at.session_state["role"] = role
    if partnership:
        at.session_state["partnership"] = partnership
    return at.run()


def button(at: AppTest, label: str) -> object:
    return next(b for b in at.button if b.label.startswith(label))


def test_the_list_shows_each_partnership_with_its_counts(app_db: str) -> None:
    """Both demo partnerships are listed with sector, region and counts; the current one can be edited."""
    at = page("partnerships.py")
    assert not at.exception
    listed = at.dataframe[0].value
    assert listed["name"].tolist() == [LAKESHORE, THREE_RIVERS]
    assert listed["sector"].tolist() == ["Advanced manufacturing", "Healthcare"]
    assert any(s.value.startswith("Edit Lakeshore") for s in at.subheader)


def test_last_meeting_is_one_held_and_the_planned_refresh_is_the_next(app_db: str) -> None:
    """Lakeshore's refresh meeting is planned a few weeks ahead: "Last meeting" shows a meeting already
    held (on or before today), and the planned one shows under "Next meeting"."""
    conn = connect(app_db)
    lakeshore = get_partnership(conn, name=LAKESHORE)
    planned = next_meeting(conn, partnership_id=lakeshore.id, as_of=dt.date.today())
    conn.close()
    assert planned is not None and planned.date > dt.date.today()
    at = page("partnerships.py")
    assert not at.exception
    row = at.dataframe[0].value.set_index("name").loc[LAKESHORE]
    last = dt.datetime.strptime(row["last_meeting"], "%d %b %Y").date()
    assert last <= dt.date.today()
    assert row["next_meeting"] == words.day(planned.date)
    assert at.dataframe[0].value.set_index("name").loc[THREE_RIVERS, "next_meeting"] == "None planned"


def test_creating_a_partnership_makes_it_the_current_one(app_db: str) -> None:
    """A new partnership is created with its sector and becomes the partnership every page shows."""
    at = page("partnerships.py")
    name, sector, region = at.text_input[0], at.text_input[1], at.text_input[2]
    name.input("Tri-County Healthcare")
    sector.input("Healthcare")
    region.input("Tri-County region")
    at.button[0].click().run()
    assert not at.exception
    assert at.session_state["partnership"] == "Tri-County Healthcare"
    assert "Created Tri\\-County Healthcare" in at.success[0].value
    conn = connect(app_db)
    made = get_partnership(conn, name="Tri-County Healthcare")
    conn.close()
    assert (made.sector, made.region) == ("Healthcare", "Tri-County region")


def test_a_new_partnership_points_to_importing_its_attendance(app_db: str) -> None:
    """Regression: creating a partnership said "import its attendance on the Import attendance page" with
    nothing to click; a link to that page now follows the sentence (run alone, the page draws the link's
    words, as ui.link_to does outside the app's navigation), and only after a creation."""
    at = page("partnerships.py")
    assert not any("Import its attendance" in c.value for c in at.caption)
    at.text_input[0].input("Tri-County Healthcare")
    at.button[0].click().run()
    assert not at.exception
    assert "Created Tri\\-County Healthcare" in at.success[0].value
    assert "Import its attendance (in the menu)." in [c.value for c in at.caption]
    at.run()
    assert not at.success and "Import its attendance (in the menu)." not in [c.value for c in at.caption]


def test_a_duplicate_name_is_refused_on_the_page(app_db: str) -> None:
    """Creating a second partnership of the same name shows the refusal, and nothing is added."""
    at = page("partnerships.py")
    at.text_input[0].input(THREE_RIVERS.upper())
    at.button[0].click().run()
    assert not at.exception
    assert "already a partnership called" in at.error[0].value
    assert at.session_state["partnership"] == LAKESHORE


def test_renaming_follows_in_the_session(app_db: str) -> None:
    """Renaming the current partnership keeps it current under its new name."""
    at = page("partnerships.py")
    edit = next(t for t in at.text_input if t.value == LAKESHORE)
    edit.input("Lakeshore Manufacturing Partnership")
    button(at, "Save changes").click().run()
    assert not at.exception
    assert at.session_state["partnership"] == "Lakeshore Manufacturing Partnership"
    assert at.success[0].value.startswith("Saved Lakeshore Manufacturing Partnership")


def test_archive_asks_first_then_restore_brings_it_back(app_db: str) -> None:
    """Archive asks for confirmation; the partnership then leaves the list and can be restored."""
    at = page("partnerships.py")
    button(at, "Archive Lakeshore").click().run()
    assert "leaves the sidebar" in at.warning[0].value
    button(at, "Yes, archive it").click().run()
    assert not at.exception
    assert at.dataframe[0].value["name"].tolist() == [THREE_RIVERS]
    assert any(s.value == "Archived partnerships" for s in at.subheader)
    assert at.session_state["partnership"] == THREE_RIVERS  # the first active one
    button(at, "Restore").click().run()
    assert not at.exception
    assert at.dataframe[0].value["name"].tolist() == [LAKESHORE, THREE_RIVERS]
    conn = connect(app_db)
    assert partnership_names(conn, include_archived=False) == [LAKESHORE, THREE_RIVERS]
    conn.close()


def test_archive_cancel_keeps_it(app_db: str) -> None:
    """Cancelling the archive leaves the partnership as it was."""
    at = page("partnerships.py")
    button(at, "Archive Lakeshore").click().run()
    button(at, "Cancel").click().run()
    assert at.dataframe[0].value["name"].tolist() == [LAKESHORE, THREE_RIVERS] and not at.warning


def test_viewers_are_turned_away(app_db: str) -> None:
    """A read-only share link cannot open the Partnerships page."""
    at = page("partnerships.py", role=ui.VIEWER)
    assert "Only conveners" in at.error[0].value


def test_an_empty_installation_starts_here(empty_db: str) -> None:
    """With no partnership, the page says to create the first one and offers the form."""
    at = page("partnerships.py", partnership=None)
    assert not at.exception
    assert "No partnership yet. Create the first one below" in at.info[0].value
    at.text_input[0].input("First Partnership")
    at.button[0].click().run()
    assert at.session_state["partnership"] == "First Partnership"


@pytest.mark.parametrize("name", ["health.py", "meetings.py", "recruitment.py", "agenda.py", "meeting_day.py",
                                  "follow_through.py", "plan.py", "meeting_summary.py", "people.py",
                                  "import_history.py", "share_links.py"])
def test_every_page_sends_a_new_convener_to_the_partnerships_page(empty_db: str, name: str) -> None:
    """With no partnership at all, each page says to create one on the Partnerships page."""
    at = page(name, partnership=None)
    assert not at.exception
    assert "Create one on the **Partnerships** page" in at.info[0].value
    assert "import a file" not in at.info[0].value.lower()
