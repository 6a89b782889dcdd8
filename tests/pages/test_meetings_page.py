"""Meetings page (AppTest): the list in words, the 'not counted' warning, merging with confirmation,
rescheduling and cancelling a planned meeting."""

from __future__ import annotations

import datetime as dt

import pytest
from streamlit.testing.v1 import AppTest

import ui
from refresh_core import words
from refresh_core.db import connect
from refresh_core.meetings import add_meeting
from refresh_core.partnerships import create_partnership, get_partnership
from tests.conftest import LAKESHORE, ROOT
from tests.importing import load, sheet
from tests.pages.conftest import Serve

PLANNED = dt.date.today() + dt.timedelta(days=60)  # the page plans against the real today


@pytest.fixture
def app_db(serve: Serve) -> str:
    """The demo with a sign-in sheet imported twice under two titles and a planned refresh meeting."""
    copy = serve("history")
    conn = connect(copy)
    rows = [("Ann Bell", "ann@bellworks.com", "Bell Works", "3/12/2026", "Leadership breakfast"),
            ("Bo Chan", "bo@chanco.com", "Chan Co", "3/12/2026", "Leadership breakfast")]
    load(conn, sheet(rows), "breakfast.csv", partnership=LAKESHORE)
    load(conn, sheet([(*rows[0][:4], "Spring Partnership Meeting")]), "zoom.csv", partnership=LAKESHORE)
    add_meeting(conn, partnership_id=get_partnership(conn, name=LAKESHORE).id, date=PLANNED, kind="refresh",
                title="Refresh meeting")
    conn.close()
    return copy


def page(role: str = ui.CONVENER, partnership: str = LAKESHORE) -> AppTest:
    at = AppTest.from_file(str(ROOT / "pages" / "meetings.py"), default_timeout=30)
    at.session_state["role"] = role
    at.session_state["partnership"] = partnership
    return at.run()


def plain(text: str) -> str:
    """Markdown-escaped text as a person reads it."""
    return text.replace("\\", "")


def button(at: AppTest, label: str) -> object:
    return next(b for b in at.button if b.label.startswith(label))


def test_the_list_names_each_type_and_warns_about_uncounted_ones(app_db: str) -> None:
    """Types read in words; the imported 'Leadership breakfast' is flagged as not counted."""
    at = page()
    assert not at.exception
    assert at.title[0].value.startswith("Meetings: Lakeshore")
    listed = at.dataframe[0].value.set_index("title")
    assert listed.loc["Leadership breakfast", "type"] == "Other (not counted)"
    assert listed.loc["Spring Partnership Meeting", "type"] == "Full partnership (regular)"
    assert listed.loc["Refresh meeting", "type"] == "Refresh"
    assert "1 meeting is not counted on the Health overview (1 marked Other)" in plain(at.warning[0].value)
    assert not [b.label for b in at.button if b.label.startswith("Save changes")]  # nothing to save yet
    assert "Edit a cell to change a meeting's date, title or type" in " ".join(c.value for c in at.caption)


def test_merging_asks_first_and_counts_each_person_once(app_db: str) -> None:
    """Merging the breakfast into the regular meeting: two people, once each; the breakfast is gone."""
    conn = connect(app_db)
    ids = dict(conn.execute("SELECT title, id FROM meeting WHERE title IN "
                            "('Spring Partnership Meeting', 'Leadership breakfast')").fetchall())
    conn.close()
    at = page()
    assert any(plain(c.value).endswith("perhaps one meeting imported twice: 12 Mar 2026 (2)")
               for c in at.caption)
    at.selectbox(key="merge_keep").set_value(ids["Spring Partnership Meeting"]).run()
    remove = at.selectbox(key=f"merge_remove_{ids['Spring Partnership Meeting']}")
    assert "Leadership breakfast" in remove.options[0]  # the same day's meeting comes first
    remove.set_value(ids["Leadership breakfast"]).run()
    assert any("1 attendance record moves over; 1 person was at both and is counted once" in plain(m.value)
               for m in at.markdown)
    button(at, "Merge these meetings").click().run()
    assert "cannot be undone" in at.warning[-1].value
    button(at, "Yes, merge them").click().run()
    assert not at.exception
    assert plain(at.success[0].value).startswith("Merged Leadership breakfast into Spring Partnership")
    listed = at.dataframe[0].value.set_index("title")
    assert "Leadership breakfast" not in listed.index
    assert listed.loc["Spring Partnership Meeting", "attendees"] == 2
    assert not any("not counted" in w.value for w in at.warning)


def test_a_planned_meeting_can_be_cancelled_after_confirming(app_db: str) -> None:
    """Cancel asks first; 'Keep it' keeps it; 'Yes, cancel it' removes it."""
    at = page()
    button(at, "Cancel meeting").click().run()
    button(at, "Keep it").click().run()
    assert "Refresh meeting" in at.dataframe[0].value["title"].tolist()
    button(at, "Cancel meeting").click().run()
    button(at, "Yes, cancel it").click().run()
    assert not at.exception
    assert plain(at.success[0].value) == "Cancelled Refresh meeting."
    assert "Refresh meeting" not in at.dataframe[0].value["title"].tolist()
    assert "Nothing planned" in at.info[-1].value


def test_cancelling_a_meeting_with_prospects_is_refused_with_what_to_do(app_db: str) -> None:
    """A planned meeting with a prospect is kept; the page says what is recorded and what to do."""
    conn = connect(app_db)
    conn.execute("INSERT INTO prospect (meeting_id, person_id) SELECT m.id, p.id FROM meeting m, person p "
                 "WHERE m.title = 'Refresh meeting' AND p.full_name = 'Ann Bell'")
    conn.close()
    at = page()
    button(at, "Cancel meeting").click().run()
    button(at, "Yes, cancel it").click().run()
    assert not at.exception
    assert "was not cancelled: it has 1 prospect recorded" in plain(at.error[0].value)
    assert "Refresh meeting" in at.dataframe[0].value["title"].tolist()


def test_rescheduling_a_planned_meeting(app_db: str) -> None:
    """A new date and Reschedule move the planned meeting."""
    at = page()
    later = PLANNED + dt.timedelta(days=7)
    next(d for d in at.date_input if d.label == "New date").set_value(later).run()
    button(at, "Reschedule").click().run()
    assert not at.exception
    assert plain(at.success[0].value) == f"Moved Refresh meeting to {later:%A} {words.day(later, '%B %Y')}."


def test_viewers_are_turned_away(app_db: str) -> None:
    """A read-only share link cannot open the Meetings page."""
    at = page(role=ui.VIEWER)
    assert "Only conveners" in at.error[0].value


def test_a_new_partnership_without_meetings_is_not_told_it_has_one(serve: Serve) -> None:
    """No meetings yet: the list asks for an import, and the merge part does not claim there is one
    meeting (the walk-through saw 'There is only one meeting so far' under 'No meetings here')."""
    conn = connect(serve("demo"))
    create_partnership(conn, name="Harbour Works")
    conn.close()
    at = page(partnership="Harbour Works")
    assert not at.exception
    shown = [i.value for i in at.info]
    assert any(i.startswith("No meetings yet. Import attendance files") for i in shown)
    assert "Nothing to merge until there are two meetings." in shown
    assert not any("only one meeting" in i for i in shown)


def test_an_empty_filter_says_what_is_true_for_it_rather_than_asking_for_an_import(app_db: str) -> None:
    """Show 'Not counted' once every meeting counts, or 'Planned' with none to come: the page says so,
    and does not ask to import attendance files as if there were no meetings."""
    conn = connect(app_db)
    conn.execute("DELETE FROM attendance WHERE meeting_id IN (SELECT id FROM meeting WHERE title = "
                 "'Leadership breakfast')")
    conn.execute("DELETE FROM meeting WHERE title IN ('Leadership breakfast', 'Refresh meeting')")
    conn.close()
    at = page()
    at.segmented_control(key="meetings_view").set_value("uncounted").run()
    assert not at.exception
    shown = " ".join(i.value for i in at.info)
    assert "Every meeting counts toward the Health overview: none is set aside as not counted." in shown
    assert "Import attendance files" not in shown
    at.segmented_control(key="meetings_view").set_value("planned").run()
    shown = " ".join(i.value for i in at.info)
    assert "Nothing planned: every meeting here has taken place." in shown
    assert "Import attendance files" not in shown
