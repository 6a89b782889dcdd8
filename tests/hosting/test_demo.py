"""The embedded demo partnerships."""

from __future__ import annotations

import datetime as dt
import shutil
import signal
import subprocess
import sys
from pathlib import Path

import duckdb
import pytest

from refresh_core.db import connect, transaction
from refresh_core.errors import ValidationError
from refresh_core.health.diagnosis import diagnose
from refresh_core.hosting.demo import DEMO_DIR, delete_partnership_data, demo_shift, load_demo
from refresh_core.meeting.agenda_store import saved_agenda
from refresh_core.meeting.followups import clock, overdue_items
from refresh_core.meeting.history import talking_points, where_weve_been
from refresh_core.meeting.principles import latest_review
from refresh_core.meeting.priorities import teams
from refresh_core.meeting.recap import decisions, recap
from refresh_core.meeting.schedule import meetings_table
from refresh_core.meeting.stickywall import wall
from refresh_core.meetings import Meeting, full_meetings, get_meeting
from refresh_core.partnerships import get_partnership
from refresh_core.recruitment.prospects import prospect_table
from refresh_core.recruitment.status import recruitment_status
from tests import pg
from tests.conftest import LAKESHORE, ROOT, THREE_RIVERS, TODAY


def test_shift_keeps_weekdays() -> None:
    """Demo dates move by whole weeks, so a Thursday meeting stays on a Thursday."""
    anchor = dt.date(2026, 11, 20)
    for today in (anchor, dt.date(2026, 11, 27), dt.date(2027, 3, 3)):
        shift = demo_shift(today=today, anchor=anchor)
        assert shift % 7 == 0
        assert 0 <= (today - (anchor + dt.timedelta(days=shift))).days < 7
    assert demo_shift(today=dt.date(2020, 1, 1), anchor=anchor) == 0


def test_demo_stays_current_next_year(conn: duckdb.DuckDBPyConnection) -> None:
    """Loaded a year from now, the demo still tells the same story (refresh vs healthy)."""
    later = dt.date(2027, 11, 27)
    load_demo(conn, today=later)
    verdicts = {
        name: diagnose(conn, partnership=get_partnership(conn, name=name), as_of=later).refresh_recommended
        for name in (LAKESHORE, THREE_RIVERS)
    }
    assert verdicts == {LAKESHORE: True, THREE_RIVERS: False}


def test_demo_people_have_organisations_and_titles(demo_conn: duckdb.DuckDBPyConnection) -> None:
    """Every demo person belongs to an organisation and has a job title; among the partners are a chamber,
    a union and a staffing agency, and each partnership has one organisation left to classify."""
    row = demo_conn.execute(
        "SELECT count(*) FILTER (WHERE organisation_id IS NULL), count(*) FILTER (WHERE title IS NULL),"
        " count(DISTINCT organisation_id) FROM person"
    ).fetchone()
    assert row is not None
    assert row[0] == 0 and row[1] == 0 and row[2] > 40
    kinds = {r[0] for r in demo_conn.execute("SELECT DISTINCT kind FROM organisation").fetchall()}
    assert kinds == {"industry", "public_partner", "unclassified"}
    per_partnership = demo_conn.execute(
        "SELECT partnership_id, array_agg(DISTINCT public_subtype) FILTER (WHERE public_subtype IS NOT NULL),"
        " count(*) FILTER (WHERE kind = 'unclassified') FROM organisation GROUP BY partnership_id"
    ).fetchall()
    assert len(per_partnership) == 2
    for _, subtypes, unclassified in per_partnership:
        assert {"association", "labour", "intermediary"} <= set(subtypes)
        assert unclassified == 1


def test_demo_rows_all_point_somewhere(demo_conn: duckdb.DuckDBPyConnection) -> None:
    """Every reference in the demo (attendance, teams, priorities...) points at an existing row."""
    from refresh_core.schema import problems

    assert problems(demo_conn).empty
    load_demo(demo_conn, reset=True, today=dt.date(2026, 11, 27))
    assert problems(demo_conn).empty


def _refresh(conn: duckdb.DuckDBPyConnection, name: str) -> Meeting:
    """The partnership's one refresh meeting."""
    pid = get_partnership(conn, name=name).id
    table = full_meetings(conn, partnership_id=pid)
    refresh = table[table["kind"] == "refresh"]
    assert len(refresh) == 1
    return get_meeting(conn, meeting_id=int(refresh.iloc[0]["id"]))


def test_waning_demo_has_a_refresh_meeting_in_progress(demo_conn: duckdb.DuckDBPyConnection) -> None:
    """Lakeshore's refresh meeting is a few weeks off, with 20-30 prospects at every stage (follow-up
    calls, civic entrepreneurs, mid-level managers and new companies among them), asked by its industry
    champions and the convener, and a five-part agenda saved."""
    meeting = _refresh(demo_conn, LAKESHORE)
    assert 14 <= (meeting.date - TODAY).days <= 35
    status = recruitment_status(demo_conn, meeting_id=meeting.id, as_of=TODAY)
    assert 20 <= status.prospects <= 30
    assert {s: status.by_status.get(s, 0) > 0 for s in ("identified", "asked", "confirmed", "declined",
                                                          "no_response")} == dict.fromkeys(
        ("identified", "asked", "confirmed", "declined", "no_response"), True)
    assert 0 < status.industry_confirmed < status.goal  # a campaign under way, not finished
    assert status.by_status["called"] > 0 and status.civic_entrepreneurs_confirmed > 0
    assert status.mid_level_confirmed > 0 and status.new_companies_confirmed > 0
    table = prospect_table(demo_conn, meeting_id=meeting.id, as_of=TODAY)
    assert table["company"].notna().all() and table["title"].notna().all()
    assert {"Hector Kim", "Chloe Nakamura", "Ines Adeyemi"} == set(table["asker"].dropna())
    assert {"personal_in_person", "personal_phone", "champion_email"} <= set(table["channel"].dropna())
    assert table["new_company"].any()  # companies never at a full meeting before
    agenda = saved_agenda(demo_conn, meeting_id=meeting.id)
    assert agenda is not None and len(agenda.items) == 5 and all(i.notes for i in agenda.items)


def test_healthy_demo_has_a_completed_refresh(demo_conn: duckdb.DuckDBPyConnection) -> None:
    """Three Rivers' Fall 2026 meeting was its refresh: principles reaffirmed, a sticky wall, one new
    team with industry champions, three teams continuing, one priority parked for want of an industry
    champion."""
    meeting = _refresh(demo_conn, THREE_RIVERS)
    assert meeting.date < TODAY
    found = decisions(demo_conn, meeting_id=meeting.id)
    by_title = dict(zip(found["title"], found["status"], strict=True))
    assert by_title["Rural telehealth adoption"] == "active"
    assert by_title["Lower agency staffing costs"] == "on_hold"
    assert len(by_title) == 5
    roster = teams(demo_conn, partnership_id=get_partnership(demo_conn, name=THREE_RIVERS).id)
    telehealth = roster[roster["name"] == "Rural Telehealth"].iloc[0]
    assert telehealth["status"] == "active" and "Robert Castillo" in telehealth["champions"]
    assert "Renee Osei" in telehealth["members"]
    assert len(wall(demo_conn, meeting_id=meeting.id)) >= 10
    assert "Lower agency staffing costs" in recap(demo_conn, meeting_id=meeting.id, as_of=TODAY).read_out
    absent = demo_conn.execute(
        "SELECT count(*) FROM commitment c WHERE c.meeting_id = ? AND c.person_id NOT IN "
        "(SELECT person_id FROM attendance WHERE meeting_id = ?)", [meeting.id, meeting.id]).fetchall()
    assert absent[0][0] == 0  # whoever stepped up was in the room
    review = latest_review(demo_conn, partnership_id=meeting.partnership_id)
    assert review is not None and review.meeting_id == meeting.id and review.outcome == "reaffirmed"


def test_healthy_demo_follow_through_has_one_overdue_item(demo_conn: duckdb.DuckDBPyConnection) -> None:
    """The refresh's clock: every item has an owner; survey results and each team's first meeting close
    theirs; one new champion's one-on-one is done and one is overdue on the demo's date."""
    meeting = _refresh(demo_conn, THREE_RIVERS)
    items = clock(demo_conn, partnership_id=meeting.partnership_id, as_of=TODAY, meeting_id=meeting.id)
    assert items["owner"].notna().all()
    assert set(items["kind"]) == {"survey", "team_meeting", "one_on_one", "full_meeting"}
    assert items[items["kind"].isin(["survey", "team_meeting"])]["done"].notna().all()
    late = overdue_items(demo_conn, partnership_id=meeting.partnership_id, as_of=TODAY)
    assert list(late["item"]) == ["One-on-one with new champion Robert Castillo"]
    assert list(late["owner"]) == ["Renee Osei"]
    lakeshore = get_partnership(demo_conn, name=LAKESHORE).id
    assert overdue_items(demo_conn, partnership_id=lakeshore, as_of=TODAY).empty


def test_demo_team_meetings_belong_to_the_team_chartered_at_the_refresh(
        demo_conn: duckdb.DuckDBPyConnection) -> None:
    """The Rural Telehealth meetings after the refresh count for that team (none is left teamless)."""
    pid = get_partnership(demo_conn, name=THREE_RIVERS).id
    table = meetings_table(demo_conn, partnership_id=pid, as_of=TODAY)
    telehealth = table[table["title"] == "Rural Telehealth action team"]
    assert len(telehealth) == 2 and telehealth["action_team_id"].notna().all()


def test_the_demo_spells_a_team_and_its_priority_one_way(demo_conn: duckdb.DuckDBPyConnection) -> None:
    """Regression (walk-through): Lakeshore's agenda talking points read "completed or closed: Youth Career
    Awareness" then "Priorities we saw through: Youth career awareness.", the same priority in two
    cases (the demo named the team and its priority differently). The demo spells the priority as its
    team is named, so the talking points name it one way."""
    lakeshore = get_partnership(demo_conn, name=LAKESHORE)
    points = " ".join(talking_points(where_weve_been(demo_conn, partnership_id=lakeshore.id, as_of=TODAY)))
    assert "completed or closed: Youth Career Awareness" in points
    assert "Priorities we saw through: Youth Career Awareness." in points
    assert "Youth career awareness" not in points


def test_loading_the_demo_again_changes_nothing(demo_conn: duckdb.DuckDBPyConnection) -> None:
    """A second load is a no-op; a reset tells the same story again, with no duplicates."""
    tables = ("prospect", "prospect_step", "agenda_part", "idea", "commitment", "followup", "priority",
              "action_team", "meeting", "attendance", "person")

    def counts() -> dict[str, int]:
        return {t: int(demo_conn.execute(f"SELECT count(*) FROM {t}").fetchall()[0][0]) for t in tables}

    before = counts()
    assert load_demo(demo_conn, today=TODAY) == []
    assert counts() == before
    assert load_demo(demo_conn, reset=True, today=TODAY) == [LAKESHORE, THREE_RIVERS]
    assert counts() == before


def test_make_runs_repair_leaves_a_deleted_demo_partnership_deleted(
    demo_conn: duckdb.DuckDBPyConnection,
) -> None:
    """``make run`` asks the demo only to repair an interrupted load: on a complete demo where the
    convener deleted one demo partnership, nothing comes back (a plain ``demo`` would reload it)."""
    with transaction(demo_conn):
        delete_partnership_data(demo_conn, partnership_id=get_partnership(demo_conn, name=LAKESHORE).id)
    assert load_demo(demo_conn, today=TODAY, repair_only=True) == []
    names = {r[0] for r in demo_conn.execute("SELECT name FROM partnership").fetchall()}
    assert LAKESHORE not in names and THREE_RIVERS in names
    assert load_demo(demo_conn, today=TODAY) == [LAKESHORE, THREE_RIVERS]  # (a plain load: both again)


def test_a_broken_story_leaves_no_half_loaded_demo(conn: duckdb.DuckDBPyConnection, tmp_path: Path) -> None:
    """If the prospect list cannot be read, the load fails with the file's problem and no demo
    partnership is left behind half-told."""
    demo_dir = tmp_path / "demo"
    shutil.copytree(DEMO_DIR, demo_dir)
    (demo_dir / "prospects.csv").write_text("nobody,here\n1,2\n", encoding="utf-8")
    with pytest.raises(ValidationError, match="no name or email column"):
        load_demo(conn, today=TODAY, demo_dir=demo_dir)
    assert conn.execute("SELECT count(*) FROM partnership").fetchall()[0][0] == 0


# Loads the demo into argv[1] (a file or a URL) and kills its own process, as a power cut or a
# `kill -9` would, when the second story starts: the first story is written, the second is not.
_KILLED_LOAD = """
import datetime as dt, os, signal, sys
from refresh_core.db import connect
from refresh_core.hosting import demo
demo.three_rivers_refresh = lambda *a, **k: os.kill(os.getpid(), signal.SIGKILL)
demo.load_demo(connect(sys.argv[1]), today=dt.date.fromisoformat(sys.argv[2]))
"""


def _told(conn: duckdb.DuckDBPyConnection) -> tuple[int, bool]:
    """Lakeshore's planned refresh meetings, and whether Three Rivers' refresh has its sticky wall."""
    lakeshore = full_meetings(conn, partnership_id=get_partnership(conn, name=LAKESHORE).id)
    three_rivers = full_meetings(conn, partnership_id=get_partnership(conn, name=THREE_RIVERS).id)
    refresh = int(three_rivers[three_rivers["kind"] == "refresh"]["id"].iloc[0])
    return int((lakeshore["kind"] == "refresh").sum()), not wall(conn, meeting_id=refresh).empty


def test_a_demo_killed_while_telling_its_stories_is_told_in_full_next_time(tmp_path: Path) -> None:
    """A demo load killed halfway through its stories leaves both partnerships behind, one story
    missing; the next ``demo`` command does not take them for a finished demo but replaces them:
    Three Rivers gets its sticky wall, and Lakeshore still has exactly one refresh meeting."""
    target = pg.fresh() if pg.enabled() else str(tmp_path / "killed.duckdb")
    killed = subprocess.run([sys.executable, "-c", _KILLED_LOAD, target, TODAY.isoformat()],
                            cwd=ROOT, capture_output=True, text=True, timeout=300)
    assert killed.returncode == -signal.SIGKILL, killed.stderr
    conn = connect(target)
    try:
        assert _told(conn) == (1, False)  # the half demo the kill left
        assert load_demo(conn, today=TODAY, repair_only=True) == [LAKESHORE, THREE_RIVERS]  # (make run)
        assert _told(conn) == (1, True)
        assert load_demo(conn, today=TODAY) == []  # and now it is complete
    finally:
        conn.close()
        if pg.enabled():
            pg.drop(target)
