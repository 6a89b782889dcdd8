"""Command line: ``agenda`` and ``followups`` (contracts automation relies on), and the done-when scenario."""

from __future__ import annotations

import datetime as dt
import io
import json

import docx
import duckdb
import pytest

from refresh_core.cli import main
from refresh_core.db import connect
from refresh_core.enums import SignId, SignStatus
from refresh_core.health.diagnosis import diagnose
from refresh_core.meeting import stickywall as sw
from refresh_core.meeting.agenda import fit_agenda
from refresh_core.meeting.followups import clock
from refresh_core.meeting.runofshow import MeetingDetails, run_of_show_docx
from refresh_core.partnerships import get_partnership
from tests.conftest import LAKESHORE, TODAY
from tests.conftest import run_cli as run
from tests.refresh_scenario import hold_refresh_meeting as hold_refresh_meeting_with
from tests.refresh_scenario import thirty_notes


def test_agenda_json_contract_for_a_two_hour_meeting(capsys: pytest.CaptureFixture[str], db: str) -> None:
    """Five parts in order, back to back, with ranges; 120 minutes leaves 10 spare, a note about a break
    (not a warning: the proposal never warns about its own spare minutes)."""
    code, out, _ = run(capsys, "--db", db, "agenda", "--start", "07:30", "--minutes", "120", "--json")
    payload = json.loads(out)
    assert code == 0
    assert set(payload) == {"parts", "total", "spare_minutes", "warnings", "spare_note"}
    assert [p["part"] for p in payload["parts"]] == [
        "Welcome & introductions",
        "Where we've been",
        "Where we are",
        "Where we're going",
        "Commitments & next steps",
    ]
    assert all(set(p) == {"part", "minutes", "start", "end", "range"} for p in payload["parts"])
    assert [p["range"] for p in payload["parts"]] == [[10, 15], [10, 15], [15, 20], [30, 45], [15, 15]]
    assert payload["parts"][0]["start"] == "07:30"
    for before, after in zip(payload["parts"], payload["parts"][1:], strict=False):
        assert before["end"] == after["start"]
    assert (payload["total"], payload["spare_minutes"]) == (120, 10)
    assert payload["warnings"] == [] and "break" in payload["spare_note"]


@pytest.mark.parametrize("minutes", range(80, 111, 5))
def test_agenda_json_fills_feasible_lengths_exactly(
    capsys: pytest.CaptureFixture[str], db: str, minutes: int
) -> None:
    """From 80 to 110 minutes the parts sum to the length with nothing spare."""
    _, out, _ = run(
        capsys,
        "--db",
        db,
        "agenda",
        "--start",
        "18:00",
        "--minutes",
        str(minutes),
        "--attendees",
        "20",
        "--json",
    )
    payload = json.loads(out)
    assert sum(p["minutes"] for p in payload["parts"]) == minutes == payload["total"]
    assert payload["spare_minutes"] == 0
    assert all(p["range"][0] <= p["minutes"] <= p["range"][1] for p in payload["parts"])


def test_agenda_too_short_exits_2_naming_80(capsys: pytest.CaptureFixture[str], db: str) -> None:
    """Below 80 minutes: exit code 2 and a message naming 80 as the shortest workable length."""
    code, out, err = run(capsys, "--db", db, "agenda", "--start", "07:30", "--minutes", "60", "--json")
    assert code == 2 and out == ""
    assert "80 minutes" in err


def test_agenda_text_is_readable(capsys: pytest.CaptureFixture[str], db: str) -> None:
    """Without --json the agenda prints one line per part with times, the guide's range and the lead."""
    code, out, _ = run(capsys, "--db", db, "agenda", "--start", "9:00", "--minutes", "100")
    assert code == 0
    assert "09:00-09:10  Welcome & introductions" in out
    assert "lead: A business champion" in out
    assert "Institute for Networked Communities" in out


def test_agenda_bad_time_is_a_usage_error(capsys: pytest.CaptureFixture[str], db: str) -> None:
    """A start that is not HH:MM is refused by the argument parser (exit 2)."""
    with pytest.raises(SystemExit) as exc:
        main(["--db", db, "agenda", "--start", "7.30am", "--minutes", "120"])
    assert exc.value.code == 2
    assert "use HH:MM" in capsys.readouterr().err


def test_followups_for_unknown_partnership_exits_2(capsys: pytest.CaptureFixture[str], db: str) -> None:
    """A wrong name lists the partnerships that exist."""
    code, _, err = run(capsys, "--db", db, "followups", "--partnership", "Nowhere", "--json")
    assert code == 2 and LAKESHORE in err


def test_followups_empty_before_any_refresh_meeting(capsys: pytest.CaptureFixture[str], db: str) -> None:
    """No clock yet: an empty JSON list, and a sentence in text mode."""
    assert json.loads(run(capsys, "--db", db, "followups", "--partnership", LAKESHORE, "--json")[1]) == []
    assert (
        "no follow-through items yet" in run(capsys, "--db", db, "followups", "--partnership", LAKESHORE)[1]
    )


def hold_refresh_meeting(conn: duckdb.DuckDBPyConnection, day: dt.date) -> int:
    """The done-when meeting on the Lakeshore demo: 30 notes, 5 categories, champions for 3."""
    ideas, groups = thirty_notes()
    pid = get_partnership(conn, name=LAKESHORE).id
    return hold_refresh_meeting_with(
        conn, partnership_id=pid, day=day, ideas=ideas, groups=groups, champions=3
    )


def test_done_when_refresh_meeting_from_plan_to_follow_through(
    db: str, capsys: pytest.CaptureFixture[str]
) -> None:
    """Agenda for 2 hours, run-of-show printed, 30 notes in 5 categories, 3 championed and 2 parked,
    the clock holding survey, team meetings and the 90-day meeting, and sign 4 no longer flagged."""
    agenda = fit_agenda(start=dt.time(7, 30), minutes=120, attendees=20)
    assert [i.minutes for i in agenda.items] == [15, 15, 20, 45, 15] and agenda.spare_minutes == 10
    printed = docx.Document(io.BytesIO(run_of_show_docx(agenda, MeetingDetails(LAKESHORE))))
    assert sum(p.style.name == "Heading 1" for p in printed.paragraphs) == 6  # five parts + room set-up

    conn = connect(db)
    lakeshore = get_partnership(conn, name=LAKESHORE)
    before = diagnose(conn, partnership=lakeshore, as_of=TODAY).sign(SignId.AGENDA_STALE)
    assert before.status == SignStatus.FLAG
    meeting = hold_refresh_meeting(conn, TODAY)
    cats = sw.categories(conn, meeting_id=meeting)
    assert len(cats) == 5 and int(cats["ideas"].sum()) == 30
    assert sorted(cats["priority_status"]) == ["active", "active", "active", "on_hold", "on_hold"]
    kinds = clock(conn, partnership_id=lakeshore.id, as_of=TODAY)["kind"].value_counts().to_dict()
    assert kinds == {"team_meeting": 3, "one_on_one": 3, "survey": 1, "full_meeting": 1}
    after = diagnose(conn, partnership=lakeshore, as_of=TODAY).sign(SignId.AGENDA_STALE)
    assert after.status != SignStatus.FLAG
    assert after.evidence["active"] == 4
    assert after.evidence["last_new_priority"] == TODAY.isoformat()
    conn.close()

    code, out, _ = run(
        capsys,
        "--db",
        db,
        "followups",
        "--partnership",
        LAKESHORE,
        "--as-of",
        (TODAY + dt.timedelta(days=15)).isoformat(),
        "--json",
    )
    rows = json.loads(out)
    assert code == 0 and len(rows) == 8
    assert all(set(r) == {"item", "owner", "due", "done", "overdue", "closed_by"} for r in rows)
    survey = next(r for r in rows if r["item"] == "Survey to all participants")
    assert survey == {
        "item": "Survey to all participants",
        "owner": "Convener",
        "due": (TODAY + dt.timedelta(days=14)).isoformat(),
        "done": None,
        "overdue": True,
        "closed_by": None,
    }
    full = next(r for r in rows if r["item"] == "Second full-partnership meeting")
    assert full["due"] == (TODAY + dt.timedelta(days=90)).isoformat() and not full["overdue"]
    text = run(
        capsys,
        "--db",
        db,
        "followups",
        "--partnership",
        LAKESHORE,
        "--as-of",
        (TODAY + dt.timedelta(days=15)).isoformat(),
    )[1]
    assert "OVERDUE" in text and "Second full-partnership meeting" in text
