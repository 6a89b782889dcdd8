"""The guide's meeting rules, live: missteps (R10), core principles (R11), a champion opens (R17),
every team re-chartered or closed (R9). Each test is named after the rule it holds the product to."""

from __future__ import annotations

import datetime as dt
import io

import docx
import duckdb
import pandas as pd
import pytest

from refresh_core.errors import ValidationError
from refresh_core.guidance import PRINCIPLE_EXAMPLES
from refresh_core.meeting import principles as core
from refresh_core.meeting.agenda import fit_agenda, reschedule
from refresh_core.meeting.champions import call_for_champions
from refresh_core.meeting.history import where_weve_been
from refresh_core.meeting.missteps import missteps, save_missteps
from refresh_core.meeting.recharter import close_teams, teams_not_raised
from refresh_core.meeting.runofshow import MeetingDetails, run_of_show_docx, run_of_show_markdown
from refresh_core.schema import problems
from tests.builders import Builder
from tests.refresh_scenario import REFRESH, Scenario, refresh_scenario

DETAILS = MeetingDetails("Lakeshore Manufacturing", "Refresh meeting", REFRESH, "College")


@pytest.fixture
def s(build: Builder) -> Scenario:
    return refresh_scenario(build)


def add_misstep(conn: duckdb.DuckDBPyConnection, s: Scenario) -> None:
    save_missteps(
        conn,
        partnership_id=s.build.pid,
        frame=pd.DataFrame(
            [
                {
                    "id": None,
                    "date": dt.date(2025, 3, 1),
                    "team": "Apprenticeship",
                    "text": "The shared job board got no postings",
                    "lesson": "Employers post where candidates already look",
                }
            ]
        ),
    )


# --- R10: missteps ------------------------------------------------------------------------------


def test_r10_missteps_join_the_where_weve_been_talking_points(
    conn: duckdb.DuckDBPyConnection, s: Scenario
) -> None:
    """A recorded misstep and its lesson are talking points for part II, after the successes."""
    add_misstep(conn, s)
    points = where_weve_been(conn, partnership_id=s.build.pid, as_of=REFRESH).talking_points
    assert points[-1] == (
        "What didn't work, March 2025 (Apprenticeship): The shared job board got no postings. "
        "What we learned: Employers post where candidates already look."
    )


def test_r10_missteps_are_printed_in_the_run_of_show(conn: duckdb.DuckDBPyConnection, s: Scenario) -> None:
    """The facilitator's run-of-show (Markdown and Word) carries the misstep under part II."""
    add_misstep(conn, s)
    history = where_weve_been(conn, partnership_id=s.build.pid, as_of=REFRESH)
    agenda = fit_agenda(start=dt.time(7, 30), minutes=120)
    text = run_of_show_markdown(agenda, DETAILS, history)
    part_two = text.split("## II.")[1].split("## III.")[0]
    assert "The shared job board got no postings" in part_two
    word = "\n".join(
        p.text for p in docx.Document(io.BytesIO(run_of_show_docx(agenda, DETAILS, history))).paragraphs
    )
    assert "What we learned: Employers post where candidates already look." in word


def test_r10_missteps_are_edited_like_accomplishments(conn: duckdb.DuckDBPyConnection, s: Scenario) -> None:
    """Rows are added, edited and removed; a lesson with no misstep is refused with what to do."""
    add_misstep(conn, s)
    table = missteps(conn, partnership_id=s.build.pid)
    assert table[["team", "text"]].values.tolist() == [
        ["Apprenticeship", "The shared job board got no postings"]
    ]
    with pytest.raises(ValidationError, match="say what happened"):
        save_missteps(
            conn, partnership_id=s.build.pid, frame=table.assign(text=[""], lesson=["Ask employers first"])
        )
    save_missteps(conn, partnership_id=s.build.pid, frame=table.iloc[0:0])
    assert missteps(conn, partnership_id=s.build.pid).empty
    assert problems(conn).empty


# --- R11: core principles -----------------------------------------------------------------------


def test_r11_the_guides_examples_are_suggestions_not_principles(
    conn: duckdb.DuckDBPyConnection, s: Scenario
) -> None:
    """A new partnership has no principles; the guide's examples are offered, and only those picked join."""
    assert core.principles(conn, partnership_id=s.build.pid).empty
    assert core.suggestions([]) == list(PRINCIPLE_EXAMPLES)
    assert "Networks, not hierarchies" in PRINCIPLE_EXAMPLES and "Action-focused" in PRINCIPLE_EXAMPLES
    added = core.adopt(
        conn,
        partnership_id=s.build.pid,
        picked=["Industry-driven, not public partner-driven", "Action-focused"],
    )
    assert added == 2
    listed = core.principles(conn, partnership_id=s.build.pid)["text"].tolist()
    assert listed == ["Industry-driven, not public partner-driven", "Action-focused"]
    assert "Action-focused" not in core.suggestions(listed)


def test_r11_the_list_stays_short_and_clean(conn: duckdb.DuckDBPyConnection, s: Scenario) -> None:
    """Blank rows and repeats are dropped; more than ten principles is refused with what to do."""
    core.save_principles(conn, partnership_id=s.build.pid, texts=["Networks", " ", "networks", "Long game"])
    assert core.principles(conn, partnership_id=s.build.pid)["text"].tolist() == ["Networks", "Long game"]
    with pytest.raises(ValidationError, match="short list"):
        core.save_principles(conn, partnership_id=s.build.pid, texts=[f"Principle {n}" for n in range(11)])


def test_r11_the_refresh_meeting_records_reaffirmed_or_changed_dated(
    conn: duckdb.DuckDBPyConnection, s: Scenario
) -> None:
    """Recorded at the refresh meeting, the review is dated by the meeting and keeps the list as it stood."""
    core.save_principles(
        conn, partnership_id=s.build.pid, texts=["Industry-driven", "Networks, not hierarchies"]
    )
    with pytest.raises(ValidationError, match="once it has met"):
        core.record_review(
            conn, meeting_id=s.refresh, outcome="reaffirmed", as_of=REFRESH - dt.timedelta(days=3)
        )
    review = core.record_review(
        conn, meeting_id=s.refresh, outcome="changed", as_of=REFRESH, notes="Added networks"
    )
    assert review.sentence == "Changed at Refresh meeting on 12 Nov 2026."
    core.save_principles(conn, partnership_id=s.build.pid, texts=["Something else"])
    latest = core.latest_review(conn, partnership_id=s.build.pid)
    assert latest is not None and latest.on == REFRESH
    assert latest.principles == ("Industry-driven", "Networks, not hierarchies")
    assert problems(conn).empty


def test_r11_principles_are_in_the_run_of_show_part_ii(conn: duckdb.DuckDBPyConnection, s: Scenario) -> None:
    """Part II's prompts ask to reaffirm the principles, and the run-of-show lists the partnership's own."""
    core.save_principles(conn, partnership_id=s.build.pid, texts=["Playing the long game, not quick fixes"])
    history = where_weve_been(conn, partnership_id=s.build.pid, as_of=REFRESH)
    agenda = fit_agenda(start=dt.time(7, 30), minutes=120)
    assert any("core principles" in p for p in agenda.items[1].prompts)
    part_two = run_of_show_markdown(agenda, DETAILS, history).split("## II.")[1].split("## III.")[0]
    assert "**Our core principles: reaffirm them, or agree what changes:**" in part_two
    assert "- Playing the long game, not quick fixes" in part_two


# --- R17: a business champion opens -------------------------------------------------------------


def test_r17_a_workforce_board_director_opening_part_i_warns() -> None:
    """A part I note "Workforce board director opens" gets the guide's warning; a champion's name does not."""
    base = fit_agenda(start=dt.time(7, 30), minutes=110)
    minutes = [i.minutes for i in base.items]
    bad = reschedule(base, minutes=minutes, notes=["Workforce board director opens", "", "", "", ""])
    [text] = [w for w in bad.warnings if "business champion" in w]
    assert "\u201cWorkforce board director opens\u201d" in text and "kick off and welcome the group" in text
    good = reschedule(
        base, minutes=minutes, notes=["Ana Ruiz (Acme) opens; thank the college for the room", "", "", "", ""]
    )
    assert not [w for w in good.warnings if "business champion" in w]


@pytest.mark.parametrize(
    "note", ["Facilitator welcomes everyone", "Opening remarks by the mayor", "Chamber president kicks off"]
)
def test_r17_other_public_openers_warn_too(note: str) -> None:
    """The facilitator, an elected official, the chamber: none is a business champion."""
    base = fit_agenda(start=dt.time(7, 30), minutes=110)
    edited = reschedule(base, minutes=[i.minutes for i in base.items], notes=[note, "", "", "", ""])
    assert [w for w in edited.warnings if "business champion" in w]


def test_r17_only_part_i_is_checked() -> None:
    """The facilitator leads part III by design: no warning for a note there."""
    base = fit_agenda(start=dt.time(7, 30), minutes=110)
    edited = reschedule(
        base, minutes=[i.minutes for i in base.items], notes=["", "", "Facilitator leads the warm-up", "", ""]
    )
    assert not [w for w in edited.warnings if "business champion" in w]


# --- R9: teams re-chartered or closed -----------------------------------------------------------


def test_r9_a_team_left_out_of_the_call_for_champions_is_prompted(
    conn: duckdb.DuckDBPyConnection, s: Scenario
) -> None:
    """Apprenticeship was active before the refresh and nobody stepped up for it: it is listed."""
    call_for_champions(conn, meeting_id=s.refresh, title="Cobots", champion_ids=[s.industry[1]])
    left = teams_not_raised(conn, meeting_id=s.refresh)
    assert left["name"].tolist() == ["Apprenticeship"]
    assert left["champions"].tolist() == ["Ind0 Person"]
    assert teams_not_raised(conn, meeting_id=s.launch).empty  # only the refresh meeting asks


def test_r9_re_chartering_the_team_clears_the_prompt(conn: duckdb.DuckDBPyConnection, s: Scenario) -> None:
    """Its champion steps up again at the call: the team continues and is no longer listed."""
    call_for_champions(conn, meeting_id=s.refresh, continue_team_id=s.team, champion_ids=[s.industry[0]])
    assert teams_not_raised(conn, meeting_id=s.refresh).empty


def test_r9_closing_the_team_parks_its_priority(conn: duckdb.DuckDBPyConnection, s: Scenario) -> None:
    """Closed on the meeting day; its priority waits for a champion (no champion, no initiative)."""
    assert close_teams(conn, meeting_id=s.refresh, team_ids=[s.team]) == 1
    status, closed_on = conn.execute(
        "SELECT status, closed_on FROM action_team WHERE id = ?", [s.team]
    ).fetchone()
    assert (status, closed_on) == ("closed", REFRESH)
    row = conn.execute("SELECT status FROM priority WHERE id = ?", [s.team_priority]).fetchone()
    assert row == ("on_hold",)
    assert teams_not_raised(conn, meeting_id=s.refresh).empty
    with pytest.raises(ValidationError, match="reload the page"):
        close_teams(conn, meeting_id=s.refresh, team_ids=[s.team])
