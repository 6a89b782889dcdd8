"""Command line, human output: statuses and kinds in words ("Not enough data", "Public partner",
"Refresh"), never the stored codes; the --json output keeps its codes (a contract)."""

from __future__ import annotations

import json
import re

import pytest

from tests.conftest import LAKESHORE, THREE_RIVERS, TODAY
from tests.conftest import run_cli as run

CODES = re.compile(
    r"\b(industry_engagement_waning|same_core_group|sector_changed|agenda_stale|public_partner|unclassified"
    r"|on_hold|no_response|action_team)\b|=(ok|watch|flag|unknown)\b|\[(industry|unknown)[,/\]]"
)


def test_portfolio_lines_name_each_sign_and_its_status_in_words(
    capsys: pytest.CaptureFixture[str], db: str
) -> None:
    """The portfolio line says "Engagement: Flag", not "industry_engagement_waning=flag"; its JSON keeps the
    codes."""
    code, out, _ = run(capsys, "--db", db, "portfolio", "--as-of", TODAY.isoformat())
    assert code == 0 and not CODES.search(out), out
    assert "(Engagement: Flag, Newcomers: Flag, Sector change: Watch, Agenda: Flag)" in out
    _, raw, _ = run(capsys, "--db", db, "portfolio", "--as-of", TODAY.isoformat(), "--json")
    lakeshore = next(r for r in json.loads(raw)["partnerships"] if r["name"] == LAKESHORE)
    assert lakeshore["signs"]["industry_engagement_waning"] == "flag"


def test_organisations_list_kinds_in_words(capsys: pytest.CaptureFixture[str], db: str) -> None:
    """Each organisation's kind reads "Industry", "Public partner (Education)" or "Not classified yet", and
    a count of one attendee is singular."""
    code, out, _ = run(capsys, "--db", db, "organisations", "--partnership", LAKESHORE)
    assert code == 0 and not CODES.search(out), out
    assert "[Industry, " in out and "[Public partner (" in out
    assert " 1 attendees" not in out


def test_diagnose_and_meeting_list_in_words(capsys: pytest.CaptureFixture[str], db: str) -> None:
    """``diagnose`` labels each sign "[Flag]", "[Watch]", "[OK]" or "[Not enough data]"; ``meeting list``
    gives each meeting's kind as the app names it ("Refresh")."""
    _, out, _ = run(capsys, "--db", db, "diagnose", "--partnership", LAKESHORE, "--as-of", TODAY.isoformat())
    assert "[Flag] Industry engagement is waning" in out and "[FLAG" not in out
    _, out, _ = run(capsys, "--db", db, "meeting", "list", "--partnership", LAKESHORE,
                    "--as-of", TODAY.isoformat())
    assert re.search(r"\d{4}-\d\d-\d\d  Refresh +\S", out), out
    assert not re.search(r"  refresh  ", out)


def test_followups_and_share_links_say_their_state_in_words(
    capsys: pytest.CaptureFixture[str], db: str
) -> None:
    """The clock's items read "Done ...", "OVERDUE" or "Open"; a share link reads "Live" (JSON: "live")."""
    _, out, _ = run(capsys, "--db", db, "followups", "--partnership", THREE_RIVERS,
                    "--as-of", TODAY.isoformat())
    assert "[Done 20" in out and "OVERDUE" in out and "done 20" not in out
    run(capsys, "--db", db, "share", "create", "--partnership", LAKESHORE, "--label", "Champions")
    _, out, _ = run(capsys, "--db", db, "share", "list")
    assert re.search(r"^ +\d+  Live +" + re.escape(LAKESHORE), out, re.M), out
    _, raw, _ = run(capsys, "--db", db, "share", "list", "--json")
    assert [r["status"] for r in json.loads(raw)] == ["live"]
