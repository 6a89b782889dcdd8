"""The follow-through clock: items, due dates, overdue logic, calendar, survey list, recap."""

from __future__ import annotations

import datetime as dt
import io
import re

import duckdb
import icalendar
import pandas as pd
import pytest

from refresh_core import words
from refresh_core.errors import ValidationError
from refresh_core.meeting.champions import call_for_champions
from refresh_core.meeting.followups import (
    clock,
    clock_ics,
    clock_json,
    clock_takeaway,
    overdue_items,
    save_clock,
    survey_csv,
    sync_clock,
)
from refresh_core.meeting.recap import recap
from tests.builders import Builder
from tests.refresh_scenario import REFRESH, Scenario, refresh_scenario

DAY = dt.timedelta(days=1)


@pytest.fixture
def s(build: Builder) -> Scenario:
    """The scenario after the call for champions: two new teams (one new champion each) and a parked one."""
    scenario = refresh_scenario(build)
    conn = build.conn
    call_for_champions(conn, meeting_id=scenario.refresh, title="Cobots", champion_ids=[scenario.industry[1]])
    call_for_champions(
        conn,
        meeting_id=scenario.refresh,
        title="Youth",
        champion_ids=[scenario.industry[0], scenario.industry[2]],
    )
    call_for_champions(conn, meeting_id=scenario.refresh, title="Housing")
    return scenario


def items(conn: duckdb.DuckDBPyConnection, s: Scenario, as_of: dt.date = REFRESH) -> pd.DataFrame:
    return clock(conn, partnership_id=s.build.pid, as_of=as_of)


def test_outcomes_start_the_clock_with_the_guides_deadlines(
    conn: duckdb.DuckDBPyConnection, s: Scenario
) -> None:
    """Survey and team meetings at 14 days, one-on-ones with new champions, the full meeting at 90 days."""
    got = {(r.item, pd.Timestamp(r.due).date()) for r in items(conn, s).itertuples()}
    assert got == {
        ("Survey to all participants", REFRESH + 14 * DAY),
        ("First Cobots action-team meeting", REFRESH + 14 * DAY),
        ("First Youth action-team meeting", REFRESH + 14 * DAY),
        ("One-on-one with new champion Ind1 Person", REFRESH + 30 * DAY),
        ("One-on-one with new champion Ind2 Person", REFRESH + 30 * DAY),
        ("Second full-partnership meeting", REFRESH + 90 * DAY),
    }


def test_team_meeting_owner_names_the_champions(conn: duckdb.DuckDBPyConnection, s: Scenario) -> None:
    """The first team meeting is owned by the convener with the team's champions."""
    owner = items(conn, s).set_index("item").loc["First Youth action-team meeting", "owner"]
    assert owner == "Convener with Ind0 Person, Ind2 Person"


@pytest.mark.parametrize(
    ("as_of", "late"),
    [(REFRESH + 14 * DAY, 0), (REFRESH + 15 * DAY, 3), (REFRESH + 31 * DAY, 5), (REFRESH + 91 * DAY, 6)],
)
def test_overdue_means_open_and_past_due(
    conn: duckdb.DuckDBPyConnection, s: Scenario, as_of: dt.date, late: int
) -> None:
    """An item due today is not overdue; the day after it is, until it is done."""
    assert int(items(conn, s, as_of)["overdue"].sum()) == late
    assert len(overdue_items(conn, partnership_id=s.build.pid, as_of=as_of)) == late


def test_done_items_are_never_overdue(conn: duckdb.DuckDBPyConnection, s: Scenario) -> None:
    """Recording a done date (and a new owner) takes the item off the overdue list."""
    frame = items(conn, s)
    survey = frame["item"] == "Survey to all participants"
    frame.loc[survey, "done"] = pd.Timestamp(REFRESH + 10 * DAY)
    frame.loc[survey, "owner"] = "  Maria  (workforce board) "
    save_clock(conn, partnership_id=s.build.pid, frame=frame)
    late = overdue_items(conn, partnership_id=s.build.pid, as_of=REFRESH + 20 * DAY)
    assert "Survey to all participants" not in late["item"].tolist()
    assert len(late) == 2 and set(late["days_late"]) == {6}
    row = items(conn, s).set_index("item").loc["Survey to all participants"]
    assert row["owner"] == "Maria (workforce board)"


def test_due_date_cannot_be_cleared(conn: duckdb.DuckDBPyConnection, s: Scenario) -> None:
    """Saving the clock with an empty due date is refused with a plain message."""
    frame = items(conn, s)
    frame.loc[0, "due"] = None
    with pytest.raises(ValidationError, match="due date"):
        save_clock(conn, partnership_id=s.build.pid, frame=frame)


def test_syncing_again_adds_only_what_is_new_and_keeps_edits(
    conn: duckdb.DuckDBPyConnection, s: Scenario
) -> None:
    """A later call for champions adds its items; edited dates of existing ones stay."""
    frame = items(conn, s)
    frame.loc[frame["item"] == "Survey to all participants", "due"] = pd.Timestamp(REFRESH + 7 * DAY)
    save_clock(conn, partnership_id=s.build.pid, frame=frame)
    sync_clock(conn, meeting_id=s.refresh)
    call_for_champions(conn, meeting_id=s.refresh, title="Suppliers", champion_ids=[s.industry[5]])
    after = items(conn, s).set_index("item")
    assert len(after) == 8
    assert pd.Timestamp(after.loc["Survey to all participants", "due"]).date() == REFRESH + 7 * DAY
    assert "First Suppliers action-team meeting" in after.index


def test_quarterly_meeting_teams_get_a_first_meeting_but_no_survey(build: Builder) -> None:
    """Survey and the 90-day meeting follow refresh (and launch) meetings only."""
    s = refresh_scenario(build)
    quarterly = build.meeting(REFRESH + 30 * DAY, "quarterly")
    call_for_champions(build.conn, meeting_id=quarterly, title="Safety", champion_ids=[s.industry[3]])
    kinds = clock(build.conn, partnership_id=build.pid, as_of=REFRESH)["kind"].tolist()
    assert sorted(kinds) == ["one_on_one", "team_meeting"]


def test_json_contract(conn: duckdb.DuckDBPyConnection, s: Scenario) -> None:
    """Each item has item, owner, due, done (null until done), overdue and what closed it."""
    rows = clock_json(items(conn, s, REFRESH + 15 * DAY))
    assert set(rows[0]) == {"item", "owner", "due", "done", "overdue", "closed_by"}
    assert rows[0] == {
        "item": "Survey to all participants",
        "owner": "Convener",
        "due": (REFRESH + 14 * DAY).isoformat(),
        "done": None,
        "overdue": True,
        "closed_by": None,
    }


def test_calendar_file_parses_back_with_one_event_per_open_item(
    conn: duckdb.DuckDBPyConnection, s: Scenario
) -> None:
    """The .ics opens in icalendar: all-day events on the due dates, done items left out."""
    frame = items(conn, s)
    frame.loc[frame["item"] == "Survey to all participants", "done"] = pd.Timestamp(REFRESH)
    save_clock(conn, partnership_id=s.build.pid, frame=frame)
    cal = icalendar.Calendar.from_ical(clock_ics(items(conn, s), partnership="Test Partnership"))
    events = [c for c in cal.walk("VEVENT")]
    assert len(events) == 5
    due = {str(e["summary"]): e.decoded("dtstart") for e in events}
    assert due["Due: Second full-partnership meeting"] == REFRESH + 90 * DAY
    assert "Due: Survey to all participants" not in due
    assert len({str(e["uid"]) for e in events}) == 5


def test_survey_list_has_everyone_present_and_a_link_column(build: Builder) -> None:
    """The survey CSV lists the meeting's attendees with a survey-link column, formulas neutralised."""
    s = refresh_scenario(build)
    evil = build.person("=HYPERLINK(x)", "Evil Co")
    build.attend(s.refresh, [evil])
    data = survey_csv(build.conn, meeting_id=s.refresh, survey_link="https://survey.example/r")
    frame = pd.read_csv(io.BytesIO(data), encoding="utf-8-sig")
    assert list(frame.columns) == ["Name", "Organisation", "Industry leader or public partner", "Email",
                                   "Survey link"]  # headed in words, never "survey_link"
    assert len(frame) == 12
    assert set(frame["Survey link"]) == {"https://survey.example/r"}
    assert "'=HYPERLINK(x)" in frame["Name"].tolist()
    assert set(frame["Industry leader or public partner"]) == {"industry leader", "public partner"}


def test_every_day_in_the_recap_has_its_year(conn: duckdb.DuckDBPyConnection, s: Scenario) -> None:
    """Regression: the recap said "By 25 January: a short survey" next to "By 11 April 2027"; a reader
    across a new year could not tell which January. Every day it writes, subject included, has its year."""
    r = recap(conn, meeting_id=s.refresh)
    text = "\n".join([r.read_out, r.email_subject, r.email_body])
    months = "January|February|March|April|May|June|July|August|September|October|November|December"
    days = re.findall(rf"\b\d{{1,2}} (?:{months})\b(?: \d{{4}})?", text)
    assert len(days) >= 4  # the meeting, the survey, the teams' first meetings, the next full meeting
    assert [d for d in days if not re.search(r"\d{4}$", d)] == []


def test_takeaway_counts_done_and_overdue(conn: duckdb.DuckDBPyConnection, s: Scenario) -> None:
    """One sentence says how much is done and names the first overdue item."""
    text = clock_takeaway(items(conn, s, REFRESH + 15 * DAY))
    assert text.startswith("0 of 6 follow-through items done; 3 overdue")
    assert "Survey to all participants" in text
    assert "appear when" in clock_takeaway(items(conn, s).iloc[0:0])


def test_recap_reads_out_teams_parked_and_dates(conn: duckdb.DuckDBPyConnection, s: Scenario) -> None:
    """The closing summary names teams with champions, the parked priority, and the clock's dates."""
    r = recap(conn, meeting_id=s.refresh)
    assert "- Cobots, championed by Ind1 Person." in r.read_out
    assert "- Youth, championed by Ind0 Person, Ind2 Person." in r.read_out
    assert "Parked for now" in r.read_out and "Housing" in r.read_out
    due = REFRESH + 14 * DAY
    assert f"By {words.day(due, '%B %Y')}: a short survey" in r.read_out
    assert f"By {words.day(REFRESH + 14 * DAY, '%B %Y')}: a first meeting for each action team" in r.read_out
    assert f"By {words.day(REFRESH + 90 * DAY, '%B %Y')}: our next full-partnership meeting" in r.read_out
    assert r.email_subject.startswith("Test Partnership: thank you")
    assert "reply to this email" in r.email_body and "[survey link]" in r.email_body
    assert len(r.recipients) == 11
