"""Command line: meeting add, prospects import, recruitment (a contract automation relies on)."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest

from tests.conftest import LAKESHORE, THREE_RIVERS
from tests.conftest import run_cli as run


def test_meeting_add_json(capsys: pytest.CaptureFixture[str], db: str) -> None:
    """A planned meeting is a refresh meeting by default, with the details given."""
    code, out, _ = run(capsys, "--db", db, "meeting", "add", "--partnership", LAKESHORE,
                       "--date", "2099-03-11",
                       "--title", "Spring relaunch", "--minutes", "120", "--start", "07:30", "--json")
    payload = json.loads(out)
    assert code == 0
    assert {k: payload[k] for k in ("date", "title", "kind", "minutes", "start_time", "upcoming")} == {
        "date": "2099-03-11", "title": "Spring relaunch", "kind": "refresh", "minutes": 120,
        "start_time": "07:30", "upcoming": True}


def test_recruitment_json_follows_the_contract(capsys: pytest.CaptureFixture[str], db: str,
                                               tmp_path: Path) -> None:
    """Without --meeting, the next upcoming meeting is reported, with every contract field typed."""
    run(capsys, "--db", db, "meeting", "add", "--partnership", LAKESHORE, "--date", "2099-05-01")
    run(capsys, "--db", db, "meeting", "add", "--partnership", LAKESHORE, "--date", "2099-03-11",
        "--kind", "quarterly", "--title", "Spring quarterly")
    prospects = tmp_path / "prospects.csv"
    prospects.write_text("name,email,company,affiliation,status,channel\n"
                         "Ada Lee,ada@acme-tools.com,Acme Tools,industry,confirmed,flyer\n"
                         "Bo Chen,bo@springs.edu,Springs College,education,confirmed,\n"
                         "Cy New,cy@newco.com,New Co,industry,asked,\n", encoding="utf-8")
    code, out, err = run(capsys, "--db", db, "prospects", "import", str(prospects),
                         "--partnership", LAKESHORE,
                         "--meeting", "2099-03-11", "--json")
    assert code == 0, err
    assert json.loads(out)["prospects_added"] == 3
    code, out, _ = run(capsys, "--db", db, "recruitment", "--partnership", LAKESHORE, "--as-of", "2099-03-01",
                       "--json")
    payload = json.loads(out)
    assert code == 0
    assert payload["meeting"] == {"date": "2099-03-11", "title": "Spring quarterly"}
    assert payload["goal"] == 20
    assert (payload["industry_confirmed"], payload["industry_attended"]) == (1, 0)
    assert payload["new_companies_confirmed"] == 1
    assert payload["by_status"] == {"identified": 0, "asked": 1, "called": 0, "confirmed": 2, "declined": 0,
                                    "no_response": 0, "attended": 0}
    assert payload["unassigned"] == 1 and payload["overdue_calls"] == 1  # asked on import day, no call since
    assert any("in 10 days" in w for w in payload["warnings"])
    for key in ("industry_confirmed", "industry_attended", "civic_entrepreneurs_confirmed",
                "new_companies_confirmed", "mid_level_confirmed", "unassigned", "overdue_calls"):
        assert isinstance(payload[key], int)
    assert all(isinstance(w, str) for w in payload["warnings"])


def test_recruitment_for_a_given_meeting_date(capsys: pytest.CaptureFixture[str], db: str) -> None:
    """--meeting picks that day's meeting even when another one comes first."""
    run(capsys, "--db", db, "meeting", "add", "--partnership", LAKESHORE, "--date", "2099-01-01")
    run(capsys, "--db", db, "meeting", "add", "--partnership", LAKESHORE, "--date", "2099-06-01",
        "--title", "Summer relaunch")
    code, out, _ = run(capsys, "--db", db, "recruitment", "--partnership", LAKESHORE,
                       "--meeting", "2099-06-01",
                       "--json")
    assert code == 0 and json.loads(out)["meeting"]["title"] == "Summer relaunch"


def test_no_upcoming_meeting_exits_2_with_what_to_do(capsys: pytest.CaptureFixture[str], db: str) -> None:
    """The message says how to plan one; nothing is printed on stdout."""
    code, out, err = run(capsys, "--db", db, "recruitment", "--partnership", THREE_RIVERS,
                         "--as-of", (dt.date.today() + dt.timedelta(days=3650)).isoformat(), "--json")
    assert code == 2 and out == ""
    assert "meeting add" in err


def test_import_for_a_day_without_a_meeting_exits_2(capsys: pytest.CaptureFixture[str], db: str,
                                                    tmp_path: Path) -> None:
    """Prospects need a planned meeting; the error says how to plan it."""
    path = tmp_path / "p.csv"
    path.write_text("name,email\nAda,ada@acme.com\n", encoding="utf-8")
    code, _, err = run(capsys, "--db", db, "prospects", "import", str(path), "--partnership", LAKESHORE,
                       "--meeting", "2099-09-09")
    assert code == 2 and "meeting add --date 2099-09-09" in err


def test_import_reports_rejected_lines(capsys: pytest.CaptureFixture[str], db: str, tmp_path: Path) -> None:
    """Rows that cannot be used are listed with their line in the JSON; the rest are loaded, and an
    unknown status is a warning naming its line (the row is kept)."""
    run(capsys, "--db", db, "meeting", "add", "--partnership", LAKESHORE, "--date", "2099-03-11")
    path = tmp_path / "p.csv"
    path.write_text("name,email,status\nAda,ada@acme.com,Confirmed\nBo,bo@acme.com,perhaps\n,,asked\n",
                    encoding="utf-8")
    code, out, _ = run(capsys, "--db", db, "prospects", "import", str(path), "--partnership", LAKESHORE,
                       "--meeting", "2099-03-11", "--json")
    payload = json.loads(out)
    assert code == 0 and payload["prospects_added"] == 2
    assert [(r["line"], r["column"]) for r in payload["rejected"]] == [(4, "name")]
    assert [w for w in payload["warnings"] if "'perhaps' (line 3)" in w]
