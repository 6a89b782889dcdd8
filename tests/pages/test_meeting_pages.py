"""Agenda, meeting day, follow-through, plan and meeting summary pages, run server-side with AppTest."""

from __future__ import annotations

import datetime as dt

import pandas as pd
import pytest
from streamlit.testing.v1 import AppTest

import ui
from refresh_core.db import connect
from refresh_core.meeting import missteps
from refresh_core.meetings import add_meeting
from refresh_core.partnerships import get_partnership
from tests.conftest import LAKESHORE, ROOT, THREE_RIVERS
from tests.pages.conftest import Serve
from tests.refresh_scenario import hold_refresh_meeting

REFRESH_DAY = dt.date.today() + dt.timedelta(days=14)
PAGES = ["agenda", "meeting_day", "follow_through", "plan", "meeting_summary"]


def plan_refresh_meeting(path: str, *, with_outcomes: bool = False, day: dt.date = REFRESH_DAY) -> None:
    """Lakeshore plans a 2-hour refresh meeting; optionally its wall and champions are already saved."""
    conn = connect(path)
    pid = get_partnership(conn, name=LAKESHORE).id
    if with_outcomes:
        hold_refresh_meeting(
            conn,
            partnership_id=pid,
            day=day,
            champions=2,
            with_members=False,
            ideas=["Shared CNC cohort", "Teacher tours", "Shuttle"],
            groups=["Apprenticeships", "Youth", "Housing"],
            location="Harbor Hall",
        )
    else:
        add_meeting(
            conn,
            partnership_id=pid,
            date=day,
            title="Refresh meeting",
            start_time="07:30",
            minutes=120,
            location="Harbor Hall",
        )
    conn.close()


@pytest.fixture
def app_db(serve: Serve) -> str:
    """The app pointed at a private copy of the demo's attendance history (no refresh stories), with a
    refresh meeting planned."""
    copy = serve("history")
    plan_refresh_meeting(copy)
    return copy


@pytest.fixture
def outcomes_db(serve: Serve) -> str:
    """As ``app_db``, after the refresh meeting's wall and call for champions were saved."""
    copy = serve("history")
    plan_refresh_meeting(copy, with_outcomes=True)
    return copy


@pytest.fixture
def held_db(serve: Serve) -> str:
    """As ``outcomes_db``, with the refresh meeting held three days ago."""
    copy = serve("history")
    plan_refresh_meeting(copy, with_outcomes=True, day=dt.date.today() - dt.timedelta(days=3))
    return copy


def page(name: str, partnership: str | None = LAKESHORE, role: str | None = None) -> AppTest:
    at = AppTest.from_file(str(ROOT / "pages" / f"{name}.py"), default_timeout=60)
    if partnership:
        at.session_state["partnership"] = partnership
    if role:
        at.session_state["role"] = role
    if role == ui.VIEWER and partnership:  # a share link opens exactly one partnership
        at.session_state["viewer_partnership_id"] = get_partnership(ui._connection(), name=partnership).id
    return at.run()


def texts(at: AppTest) -> str:
    parts = [
        e.value
        for kind in (
            "title",
            "header",
            "subheader",
            "markdown",
            "caption",
            "info",
            "warning",
            "error",
            "success",
        )
        for e in getattr(at, kind)
    ]
    return "\n".join(str(p) for p in parts).replace("\\", "")  # user text is shown escaped


def test_agenda_page_fits_the_planned_meeting(app_db: str) -> None:
    """Linked to the planned 2-hour refresh meeting, the five parts get their maximum; the 10 spare
    minutes are a note about a break, never a warning about the page's own proposal."""
    at = page("agenda")
    assert not at.exception
    assert at.selectbox[0].value.endswith("Refresh meeting")
    assert [n.value for n in at.number_input][:2] == [120, None]
    assert [n.label for n in at.number_input[2:]] == [
        "Welcome & introductions",
        "Where we've been",
        "Where we are",
        "Where we're going",
        "Commitments & next steps",
    ]
    assert [n.value for n in at.number_input[2:]] == [15, 15, 20, 45, 15]
    table = at.dataframe[0].value
    assert table["Time"].tolist()[0] == "07:30-07:45" and table["Part"].tolist()[-1].startswith("Spare")
    assert not at.warning
    assert any(c.value.startswith("The 10 minutes left over go") for c in at.caption)
    assert any("within the guide's range" in s.value for s in at.success)
    assert "We launched on" in texts(at)


def test_agenda_page_shortening_and_editing_parts(app_db: str) -> None:
    """A 60-minute meeting names 80 as the shortest; trimming 'Where we're going' warns about 30 minutes."""
    at = page("agenda")
    at.number_input[0].set_value(60).run()
    assert not at.exception
    assert "80 minutes" in texts(at)
    at.number_input[0].set_value(100).run()
    assert [n.value for n in at.number_input[2:]] == [10, 15, 15, 45, 15]
    at.number_input[5].set_value(25).run()
    assert any("Where we're going" in w.value and "at least 30" in w.value for w in at.warning)


def test_agenda_page_warns_about_a_guest_speaker(app_db: str) -> None:
    """A facilitator note announcing a keynote brings the guide's 'not so well' warning."""
    at = page("agenda")
    at.text_input[1].set_value("Keynote from the regional economist").run()
    assert any("a presentation or a guest speaker" in w.value for w in at.warning)


def test_agenda_page_saves_with_the_meeting(app_db: str) -> None:
    """Saving keeps edited minutes with the meeting; the next visit starts from them."""
    at = page("agenda")
    at.number_input[4].set_value(18).run()
    next(b for b in at.button if b.label == "Save with the meeting").click().run()
    assert not at.exception
    ui._connection.clear()
    again = page("agenda")
    assert [n.value for n in again.number_input[2:]] == [15, 15, 18, 45, 15]


def test_meeting_day_category_becomes_a_team(app_db: str) -> None:
    """Type ideas, create a category, file them, then champion it: a team is chartered and recapped."""
    at = page("meeting_day")
    assert not at.exception
    at.text_area[0].set_value("Shared CNC apprenticeship\nMentor training\n")
    next(b for b in at.button if b.label == "Add to the wall").click().run()
    next(t for t in at.text_input if t.label == "New category").set_value("Apprenticeships")
    next(b for b in at.button if b.label == "Create category").click().run()
    assert not at.exception
    champion = next(m for m in at.multiselect if m.label == "Champions (industry leaders)")
    industry = [o for o in champion.options if "not industry" not in o]
    champion.set_value([industry[0]])
    next(b for b in at.button if b.label == "Save this priority").click().run()
    assert not at.exception
    assert "Apprenticeships: action team chartered." in texts(at)
    recap = texts(at)
    assert "Priorities going forward, each with an action team:" in recap
    assert "Apprenticeships, championed by " + industry[0].split(" (")[0] in recap
    assert any(t.label == "Message" for t in at.text_area)


def test_meeting_day_without_champion_parks_the_category(app_db: str) -> None:
    """Saving a category with no champion parks it and the recap says so."""
    at = page("meeting_day")
    at.text_area[0].set_value("Shuttle to the industrial park")
    next(b for b in at.button if b.label == "Add to the wall").click().run()
    next(t for t in at.text_input if t.label == "New category").set_value("Transport")
    next(b for b in at.button if b.label == "Create category").click().run()
    next(b for b in at.button if b.label == "Save this priority").click().run()
    assert "Transport: no industry champion yet" in texts(at)
    assert "Parked for now" in texts(at)


def test_follow_through_page_shows_the_clock(outcomes_db: str) -> None:
    """The clock lists the survey, team meetings and 90-day meeting, with calendar and survey downloads."""
    at = page("follow_through")
    assert not at.exception
    assert "0 of 6 follow-through items done; nothing is overdue." in texts(at)
    at.multiselect[0].set_value(["Survey to all participants"]).run()  # (picking reruns the page)
    next(b for b in at.button if b.label == "Mark done").click().run()
    assert not at.exception
    assert "1 of 6 follow-through items done" in texts(at)


def test_follow_through_page_before_any_refresh_meeting(app_db: str) -> None:
    """With no clock yet the page says where the items come from."""
    at = page("follow_through")
    assert not at.exception
    assert "appear when a refresh meeting's priorities and champions are saved" in texts(at)


def test_plan_page_for_the_convener_has_editors(outcomes_db: str) -> None:
    """The convener can save priorities, teams and accomplishments, and charter a parked priority."""
    at = page("plan")
    assert not at.exception
    labels = [b.label for b in at.button]
    assert {"Save priorities", "Save teams", "Save accomplishments", "Charter the action team"} <= set(labels)


def test_plan_and_summary_are_read_only_for_viewers(held_db: str) -> None:
    """A champion's read-only link sees the plan and summaries with no editing and no contact details."""
    for name in ("plan", "meeting_summary"):
        at = page(name, role=ui.VIEWER)
        assert not at.exception
        assert not [b for b in at.button], name
        assert not at.multiselect and not at.text_input and not at.text_area
        assert at.dataframe or at.table  # (the plan's tables are static: st.table)
        assert all(d.proto.editing_mode == 0 for d in at.dataframe)  # 0: read-only
        frames = [d.value for d in [*at.dataframe, *at.table]]
        for frame in frames:
            cells = " ".join(str(v) for v in pd.DataFrame(frame).astype(str).values.ravel())
            assert "@" not in cells and "555-" not in cells
        assert "@" not in texts(at)


def test_meeting_summary_page_for_the_refresh_meeting(held_db: str) -> None:
    """The summary of the refresh meeting held three days ago shows ideas, the two teams and the parked
    priority."""
    at = page("meeting_summary")
    assert not at.exception
    assert at.selectbox[0].value.endswith("Refresh meeting")
    metrics = {m.label: m.value for m in at.metric}
    assert metrics["Ideas on the wall"] == "3" and metrics["Priorities with champions"] == "2"
    decisions = at.table[0].value
    assert sorted(decisions["Status"]) == ["Active", "Active", "No champion yet"]
    frames = [pd.DataFrame(d.value) for d in at.dataframe]
    outcomes = next(set(f["outcome"]) for f in frames if "outcome" in f.columns)
    assert outcomes == {"Action team", "Parked: no champion yet"}
    roles = next(set(f["role"]) for f in frames if "role" in f.columns)  # who stepped up
    assert roles == {"Champion"}


CODES = {"active", "on_hold", "completed", "dropped", "closed", "champion", "member", "open", "done",
         "overdue"}


def cells(at: AppTest) -> set[str]:
    """Every cell of every table on the page, as text."""
    return {str(v).replace("\\", "")  # (a static table's cells are escaped Markdown)
            for d in [*at.dataframe, *at.table] for v in pd.DataFrame(d.value).astype(str).values.ravel()}


@pytest.mark.parametrize("role", [ui.CONVENER, ui.VIEWER])
def test_plan_shows_statuses_in_words(serve: Serve, role: str) -> None:
    """Regression (walk-through): the plan showed priority and team statuses as "active", "dropped",
    "completed"; they read "Active", "Dropped", "Completed" for the convener (the editable choices too)
    and for a champion's read-only view."""
    serve("demo")
    at = page("plan", role=role)
    assert not at.exception
    shown = cells(at)
    assert {"Active", "Dropped", "Completed"} <= shown and not shown & CODES
    if role == ui.CONVENER:
        editors = {e.proto.id: e for e in at.dataframe}
        choices = [o for e in editors.values() for o in (e.proto.columns or "")]  # the column config, JSON
        assert "No champion yet" in "".join(choices) and '"closed"' not in "".join(choices)


def test_follow_through_states_in_words(serve: Serve) -> None:
    """The clock's status column reads "Done", "Overdue" and "Open", never the lowercase codes."""
    serve("demo")
    at = page("follow_through", partnership=THREE_RIVERS)
    assert not at.exception
    states = set(at.dataframe[0].value["status"])
    assert states <= {"Done", "Overdue", "Open"} and "Done" in states


@pytest.mark.parametrize("role", [ui.CONVENER, ui.VIEWER])
def test_meeting_summary_opens_on_the_latest_meeting_held(app_db: str, role: str) -> None:
    """Regression: with a refresh meeting planned two weeks out, the summary opened on it (refresh meetings
    are listed first) and so showed nothing; it now opens on the latest meeting already held, with its room
    counted, and the planned one stays first in the list."""
    at = page("meeting_summary", role=role)
    assert not at.exception
    options = at.selectbox[0].options
    assert options[0].endswith("Refresh meeting")
    assert at.selectbox[0].value == options[1]
    metrics = {m.label: m.value for m in at.metric}
    assert int(metrics["Industry leaders"]) + int(metrics["Public partners"]) > 0


@pytest.mark.parametrize("role", [ui.CONVENER, ui.VIEWER])
def test_meeting_summary_of_a_meeting_still_to_come_says_when_it_is(app_db: str, role: str) -> None:
    """Regression: the summary of the refresh meeting planned two weeks out said "No attendance recorded
    yet; 0 ideas on the wall", told the convener to import its sign-in sheet, and listed "No priorities
    were set at this meeting". It now says the meeting is still to come, when, and shows no empty
    counts."""
    at = page("meeting_summary", role=role)
    assert not at.exception
    at.selectbox[0].select(next(o for o in at.selectbox[0].options if o.endswith("Refresh meeting"))).run()
    day = f"{REFRESH_DAY.day} {REFRESH_DAY:%B %Y}"
    assert at.info[0].value.startswith(f"This meeting is on {day}, 14 days from now: nothing to sum up yet.")
    assert not at.metric and not at.dataframe
    assert "Import its sign-in sheet" not in texts(at) and "0 ideas" not in texts(at)


@pytest.mark.parametrize("role", [ui.CONVENER, ui.VIEWER])
def test_meeting_summary_of_a_meeting_to_come_with_its_wall_captured_ahead_says_when_it_is(
        outcomes_db: str, role: str) -> None:
    """Regression (walk-through): the refresh meeting still to come, with its sticky wall already captured,
    was summed up in the past tense ("No priorities were set at this meeting.", a sticky-wall table). The
    page opens on the latest meeting held; picking the one to come says when it is and shows no summary."""
    at = page("meeting_summary", role=role)
    assert not at.exception
    refresh = next(o for o in at.selectbox[0].options if o.endswith("Refresh meeting"))
    assert at.selectbox[0].value != refresh
    at.selectbox[0].select(refresh).run()
    assert not at.exception
    day = f"{REFRESH_DAY.day} {REFRESH_DAY:%B %Y}"
    assert at.info[0].value.startswith(f"This meeting is on {day}, 14 days from now: nothing to sum up yet.")
    assert not at.metric and not at.dataframe and not at.subheader
    assert "were set at this meeting" not in texts(at)


def test_the_follow_up_email_writes_the_day_without_a_leading_zero(serve: Serve) -> None:
    """Regression: the follow-up email to everyone who came to a refresh meeting on 8 October said "what we
    agreed on 08 October" and "on 08 October 2026"; a letter writes "8 October"."""
    copy = serve("history")
    conn = connect(copy)
    pid = get_partnership(conn, name=LAKESHORE).id
    hold_refresh_meeting(conn, partnership_id=pid, day=dt.date(2026, 10, 8), champions=1,
                         ideas=["Shared CNC cohort", "Teacher tours"], groups=["Apprenticeships", "Youth"])
    conn.close()
    at = page("meeting_day")
    assert not at.exception
    assert at.selectbox[0].value.startswith("8 Oct 2026")  # the picker's label is the store's (db.day_label)
    subject = next(t for t in at.text_input if t.label == "Subject").value
    body = next(t for t in at.text_area if t.label == "Message").value
    assert subject.endswith("thank you, and what we agreed on 8 October 2026")
    assert "\u201cRefresh meeting\u201d on 8 October 2026." in body
    assert " 08 " not in subject + body


@pytest.mark.parametrize("name", PAGES)
def test_every_page_opens_for_both_demo_partnerships(app_db: str, name: str) -> None:
    """Smoke: each page runs without error for the waning and the healthy demo partnership."""
    for partnership in (LAKESHORE, THREE_RIVERS):
        at = page(name, partnership)
        assert not at.exception, (name, partnership)


@pytest.mark.parametrize("name", PAGES)
def test_pages_explain_what_to_do_without_a_partnership(name: str, serve: Serve) -> None:
    """With an empty database each page says how to get started instead of failing."""
    serve("empty")
    at = page(name, None)
    assert not at.exception
    assert "No partnership yet" in at.info[0].value


def test_meeting_summary_of_a_regular_meeting_says_no_wall_rather_than_zero(app_db: str) -> None:
    """Regression: the summary of a quarterly meeting (no sticky wall, no call for champions) read "0 ideas
    on the wall; 0 priorities with champions"; it now says there was no sticky wall and no priority with
    champions."""
    at = page("meeting_summary")  # Lakeshore, on its latest quarterly meeting
    assert not at.exception
    assert "Quarterly meeting" in at.selectbox[0].value
    takeaway = next(m.value for m in at.markdown if "sticky wall" in m.value or "on the wall" in m.value)
    assert takeaway.replace("\\", "").endswith("; no sticky wall; no priority with champions.")
    assert "0 ideas" not in takeaway and "0 priorities" not in takeaway


def test_meeting_summary_says_who_is_not_classified_yet(app_db: str) -> None:
    """Three Rivers' refresh meeting: 30 + 10 + the 1 from an unclassified organisation make the room."""
    at = AppTest.from_file(str(ROOT / "pages" / "meeting_summary.py"), default_timeout=30)
    at.session_state["partnership"] = THREE_RIVERS
    at.run()
    assert not at.exception
    text = " ".join(m.value.replace("\\", "") for m in [*at.markdown, *at.caption])
    assert "(and 1 not classified yet)" in text
    assert "1 attendee came from an organisation not classified yet" in text


def _clock_of_two_refresh_meetings(outcomes_db: str) -> AppTest:
    """The Follow-through page once a second refresh meeting (held 200 days ago, with a Transport team)
    has its items on the clock beside the demo's."""
    conn = connect(outcomes_db)
    pid = get_partnership(conn, name=LAKESHORE).id
    hold_refresh_meeting(conn, partnership_id=pid, day=dt.date.today() - dt.timedelta(days=200),
                         champions=1, with_members=False, ideas=["Bus pass"], groups=["Transport"])
    conn.close()
    return page("follow_through")


def test_follow_through_lists_each_refresh_meetings_items_under_its_name(outcomes_db: str) -> None:
    """With two refresh meetings on the clock (one held last spring, one in two weeks) each meeting's
    items sit in a table of their own under the meeting's name, the latest first, so no column repeats
    the meeting on every row; the survey list is offered for the latest first; an item of the older
    meeting can still be marked done."""
    at = _clock_of_two_refresh_meetings(outcomes_db)
    assert not at.exception
    heads = [m.value for m in at.markdown if m.value.startswith("**Items from ")]
    assert len(heads) == 2 and all(h.endswith(" · Refresh meeting**") for h in heads), heads
    assert heads[0].startswith(f"**Items from {REFRESH_DAY.day} {REFRESH_DAY:%b %Y}"), heads
    clocks = [e for e in at.data_editor if str(e.key).startswith("clock")]
    assert len(clocks) == 2 and all("meeting" not in e.proto.column_order for e in clocks)
    assert "Transport" in " ".join(map(str, clocks[1].value["item"]))
    assert "Transport" not in " ".join(map(str, clocks[0].value["item"]))
    survey_for = next(s for s in at.selectbox if s.label == "Survey list for")
    assert survey_for.value == heads[0].removeprefix("**Items from ").removesuffix("**")  # (the latest)
    still_open = len(at.multiselect[0].options)
    assert "First Transport action-team meeting" in at.multiselect[0].options
    at.multiselect[0].set_value(["First Transport action-team meeting"]).run()
    next(b for b in at.button if b.label == "Mark done").click().run()
    assert not at.exception
    assert "First Transport action-team meeting" not in at.multiselect[0].options
    assert len(at.multiselect[0].options) == still_open - 1


def test_mark_done_today_closes_only_the_picked_meetings_item(outcomes_db: str) -> None:
    """With two refresh meetings on the clock, each has its own "Survey to all participants": the list
    of items to mark done tells them apart by meeting, and marking the older meeting's survey done
    closes that one item, not the survey of the meeting still to come."""
    at = _clock_of_two_refresh_meetings(outcomes_db)
    assert not at.exception
    assert "1 of 9 follow-through items done" in texts(at)
    surveys = [o for o in at.multiselect[0].options if o.startswith("Survey to all participants")]
    assert len(surveys) == 2 and len(set(surveys)) == 2, surveys
    heads = [m.value for m in at.markdown if m.value.startswith("**Items from ")]
    older = heads[1].removeprefix("**Items from ").removesuffix("**")
    picked = next(o for o in surveys if older in o)
    at.multiselect[0].set_value([picked]).run()
    next(b for b in at.button if b.label == "Mark done").click().run()
    assert not at.exception
    assert "2 of 9 follow-through items done" in texts(at)
    clocks = [e for e in at.data_editor if str(e.key).startswith("clock")]  # (the latest first)
    survey_done = [e.value.set_index("item").loc["Survey to all participants", "done"] for e in clocks]
    assert pd.isna(survey_done[0]) and pd.Timestamp(survey_done[1]).date() == dt.date.today()


def test_mark_done_today_keeps_an_owner_typed_but_not_yet_saved(outcomes_db: str) -> None:
    """A convener types a new owner in the clock's table, then (without pressing Save) marks another item
    done today: both are saved. (Reported: Mark done saved the table as it was first drawn and started
    the tables afresh, so the typed owner was lost.)"""
    at = page("follow_through")
    clock = next(e for e in at.data_editor if str(e.key).startswith("clock"))
    items = list(clock.value["item"])
    renamed = items.index("Survey to all participants")
    at.session_state[str(clock.key)] = {
        "edited_rows": {renamed: {"owner": "Dana Whitfield"}}, "added_rows": [], "deleted_rows": [],
    }
    at.run()
    ticked = next(i for i in at.multiselect[0].options if i != "Survey to all participants")
    at.multiselect[0].set_value([ticked]).run()
    next(b for b in at.button if b.label == "Mark done").click().run()
    assert not at.exception
    assert "1 of 6 follow-through items done" in texts(at)
    saved = next(e for e in at.data_editor if str(e.key).startswith("clock")).value.set_index("item")
    assert saved.loc["Survey to all participants", "owner"] == "Dana Whitfield"
    assert pd.Timestamp(saved.loc[ticked, "done"]).date() == dt.date.today()


def test_mark_done_today_waits_for_an_item_to_be_picked(outcomes_db: str) -> None:
    """With no item picked, "Mark done" cannot be pressed and says to pick the items first (reported:
    pressing it with nothing picked did nothing and said nothing); once an item is picked it can."""
    at = page("follow_through")
    assert at.multiselect[0].value == []
    mark = next(b for b in at.button if b.label == "Mark done")
    assert mark.disabled
    assert mark.help == "Pick the items that are done first."
    at.multiselect[0].set_value([at.multiselect[0].options[0]]).run()
    assert not next(b for b in at.button if b.label == "Mark done").disabled


def test_a_champion_reads_the_plan_in_tables_that_wrap_and_show_text_as_typed(serve: Serve) -> None:
    """Regression (browser walk, 1 Dec 2026, defect 8): the champion's plan drew its tables as grids that
    cut long text off ("Registered apprenticeship expan…", "What didn't work" mid-sentence), and a
    champion has no other way to read them. The plan is now four static tables whose text wraps
    (st.table); they read Markdown, so what a convener typed shows as typed: no link, no emphasis."""
    db = serve("demo")
    conn = connect(db)
    pid = get_partnership(conn, name=LAKESHORE).id
    typed = "Buyers wanted [introductions](https://example.com), not a *directory* <b>list</b>"
    lessons = missteps.missteps(conn, partnership_id=pid)
    missteps.save_missteps(conn, partnership_id=pid, frame=lessons.assign(lesson=typed))
    conn.close()
    at = page("plan", role=ui.VIEWER)
    assert not at.exception and not at.dataframe
    tables = {tuple(t.value.columns): t.value for t in at.table}
    headers = [h for columns in tables for h in columns]
    assert {"Priority", "At meeting", "Members", "What didn't work", "What we learned"} <= set(headers)
    learned = next(frame for columns, frame in tables.items() if "What we learned" in columns)
    assert set(learned["What we learned"]) == {ui.md(typed)}  # escaped: shown as typed
    shown = cells(at)
    assert "Registered apprenticeship expansion" in shown and typed in shown


def test_a_convener_reads_the_plan_whole_and_changes_it_below_each_table(serve: Serve) -> None:
    """Regression (browser walk, 1 Dec 2026, defect 8): the convener's plan was four editable grids that
    cut off priority names, "At meeting", the teams' members and "What didn't work" at 1280 and 1400 px.
    The convener reads the same wrapped tables as a champion; each editor sits under its table in a
    "Change ..." panel, showing only the columns that can be changed there."""
    serve("demo")
    at = page("plan")
    assert not at.exception
    headers = {h for t in at.table for h in t.value.columns}
    assert {"Priority", "At meeting", "Action team", "Members", "Champions", "What didn't work"} <= headers
    assert "Curtis Hartley, Grace Ferreira, Lauren Sorensen, Leah Osei, Robert Ferreira, Yolanda Adeyemi" in (
        cells(at))
    assert {"Change priorities", "Change action teams", "Change accomplishments",
            "Change what didn't work"} <= {e.label for e in at.expander}
    shown = {key: list(at.data_editor(key=key).proto.column_order) for key in ("priorities", "teams")}
    assert shown == {"priorities": ["title", "description", "status", "identified_on"],
                     "teams": ["name", "priority", "status", "chartered_on", "closed_on"]}
