"""Command line: ``partnership add|rename|archive|restore``, the ``partnerships`` list (a contract),
and strict JSON (no NaN) from every ``--json`` command."""

from __future__ import annotations

import argparse
import datetime as dt
import json
from pathlib import Path
from typing import Any

import pandas as pd
import pytest

from refresh_core.cli import build_parser, print_json
from refresh_core.db import connect
from refresh_core.partnerships import list_partnerships
from tests.conftest import LAKESHORE, THREE_RIVERS
from tests.conftest import run_cli as run
from tests.importing import FIXTURES

EVENTBRITE = Path(__file__).resolve().parent.parent / "ingest" / "fixtures" / "eventbrite_attendees.csv"


def strict(text: str) -> Any:
    """Parse JSON refusing NaN and Infinity (which Python's json would otherwise accept)."""
    def refuse(name: str) -> None:
        raise AssertionError(f"not strict JSON: {name}")
    return json.loads(text, parse_constant=refuse)


def test_partnerships_json_is_byte_for_byte_the_contract(capsys: pytest.CaptureFixture[str], db: str) -> None:
    """The list keeps its keys, their order and two-space indentation exactly as before; keys
    added since (``cadence``, ``next_meeting``) come after them. ``last_meeting`` is the last meeting
    held (since 1 Dec 2026: it was the latest date, a planned meeting's included), ``next_meeting`` the
    first still to come (the demo's Lakeshore refresh meeting; null for Three Rivers, nothing planned)."""
    code, out, _ = run(capsys, "--db", db, "partnerships", "--json")
    conn = connect(db)
    table = list_partnerships(conn)
    conn.close()
    expected = json.dumps([{"name": r["name"], "sector": r["sector"], "region": r["region"],
                            "meetings": int(r["meetings"]), "people": int(r["people"]),
                            "last_meeting": str(r["last_meeting"])[:10], "cadence": r["cadence"],
                            "next_meeting": None if r["next_meeting"] is None or pd.isna(r["next_meeting"])
                            else str(r["next_meeting"])[:10]}
                           for r in table.to_dict("records")],
                          indent=2, ensure_ascii=False)
    assert code == 0 and out == expected + "\n"
    assert [p["name"] for p in strict(out)] == [LAKESHORE, THREE_RIVERS]
    lakeshore, three_rivers = strict(out)
    assert lakeshore["last_meeting"] < dt.date.today().isoformat() <= lakeshore["next_meeting"]
    assert three_rivers["next_meeting"] is None


def test_a_partnership_without_a_sector_prints_null(capsys: pytest.CaptureFixture[str], db: str) -> None:
    """Regression: ``"sector": NaN`` (not JSON) for a partnership with no sector is now null."""
    run(capsys, "--db", db, "import", str(FIXTURES / "signin_spring.csv"), "--partnership", "No Sector")
    _, out, _ = run(capsys, "--db", db, "partnerships", "--json")
    assert "NaN" not in out
    row = next(p for p in strict(out) if p["name"] == "No Sector")
    assert (row["sector"], row["region"], row["meetings"]) == (None, None, 1)


def test_print_json_refuses_nan(capsys: pytest.CaptureFixture[str]) -> None:
    """The one JSON printer refuses NaN outright, so a new NaN is a failing test, not a broken file."""
    with pytest.raises(ValueError, match="JSON compliant"):
        print_json({"sector": float("nan")})
    assert capsys.readouterr().out == ""


def test_add_rename_archive_restore(capsys: pytest.CaptureFixture[str], db: str) -> None:
    """A partnership made, renamed, archived (gone from the list) and restored, each with JSON out."""
    code, out, _ = run(capsys, "--db", db, "partnership", "add", "--name", "Tri-County Healthcare",
                       "--sector", "Healthcare", "--json")
    made = strict(out)
    assert code == 0 and made["name"] == "Tri-County Healthcare" and made["sector"] == "Healthcare"
    assert (made["region"], made["date_order"], made["archived"]) == (None, "month_first", False)
    code, out, _ = run(capsys, "--db", db, "partnership", "rename", "--name", "tri-county healthcare",
                       "--to", "Tri-County Health", "--json")
    assert code == 0 and strict(out)["name"] == "Tri-County Health" and strict(out)["id"] == made["id"]
    code, out, _ = run(capsys, "--db", db, "partnership", "archive", "--name", "Tri-County Health")
    assert code == 0 and "Archived Tri-County Health" in out and "nothing was deleted" in out
    _, out, _ = run(capsys, "--db", db, "partnerships", "--json")
    assert "Tri-County Health" not in [p["name"] for p in strict(out)]
    _, out, _ = run(capsys, "--db", db, "partnerships", "--all", "--json")
    listed = {p["name"]: p["archived"] for p in strict(out)}
    assert listed == {LAKESHORE: False, "Tri-County Health": True, THREE_RIVERS: False}
    _, text, _ = run(capsys, "--db", db, "partnerships", "--all")
    assert "Tri-County Health  (0 meetings, 0 people, archived)" in text
    code, out, _ = run(capsys, "--db", db, "partnership", "restore", "--name", "Tri-County Health", "--json")
    assert code == 0 and strict(out)["archived"] is False


@pytest.mark.parametrize(("argv", "words"), [
    (["partnership", "add", "--name", LAKESHORE.lower()], "already a partnership called"),
    (["partnership", "add", "--name", "  "], "needs a name"),
    (["partnership", "rename", "--name", "Nope", "--to", "X"], "No partnership named 'Nope'"),
    (["partnership", "rename", "--name", LAKESHORE, "--to", THREE_RIVERS], "already a partnership called"),
    (["partnership", "restore", "--name", LAKESHORE], "already active"),
])
def test_refusals_exit_2_with_what_to_do(capsys: pytest.CaptureFixture[str], db: str, argv: list[str],
                                        words: str) -> None:
    """Bad names are refused with exit code 2, a message, and nothing printed on stdout."""
    code, out, err = run(capsys, "--db", db, *argv)
    assert (code, out) == (2, "") and words in err


def json_commands(parser: argparse.ArgumentParser, prefix: tuple[str, ...] = ()) -> set[tuple[str, ...]]:
    """Every command path that takes --json, found in the parser itself."""
    found: set[tuple[str, ...]] = set()
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            for name, sub in action.choices.items():
                found |= json_commands(sub, (*prefix, name))
        elif "--json" in action.option_strings:
            found.add(prefix)
    return found


def every_json_run(db: str, tmp: Path) -> list[list[str]]:
    """One invocation of every --json command, over the demo plus a partnership with blanks."""
    prospects = tmp / "prospects.csv"
    prospects.write_text("Name,Email,Organization\nAnn Bell,ann@bellworks.com,Bell Works\n", encoding="utf-8")
    blank = "No Sector"
    return [
        ["import", str(FIXTURES / "signin_spring.csv"), "--partnership", blank, "--json"],
        ["partnerships", "--json"], ["partnerships", "--all", "--json"],
        ["partnership", "add", "--name", "Brand New", "--json"],
        ["partnership", "rename", "--name", "Brand New", "--to", "Brand Newer", "--json"],
        ["partnership", "archive", "--name", "Brand Newer", "--json"],
        ["partnership", "restore", "--name", "Brand Newer", "--json"],
        ["diagnose", "--partnership", blank, "--as-of", "2026-11-27", "--json"],
        ["diagnose", "--partnership", LAKESHORE, "--as-of", "2026-11-27", "--json"],
        ["meeting", "add", "--partnership", blank, "--date", "2099-01-15", "--json"],
        ["meeting", "list", "--partnership", blank, "--as-of", "2026-11-27", "--json"],
        ["prospects", "import", str(prospects), "--partnership", blank, "--meeting", "2099-01-15", "--json"],
        ["prospects", "eventbrite", str(EVENTBRITE), "--partnership", blank, "--meeting", "2099-01-15",
         "--json"],
        ["recruitment", "--partnership", blank, "--as-of", "2026-11-27", "--json"],
        ["followups", "--partnership", blank, "--as-of", "2026-11-27", "--json"],
        ["followups", "--partnership", THREE_RIVERS, "--as-of", "2026-11-27", "--json"],
        ["agenda", "--start", "07:30", "--minutes", "120", "--json"],
        ["import-history", "--json"],
        ["share", "create", "--partnership", blank, "--json"], ["share", "list", "--all", "--json"],
        ["conveners", "list", "--json"],
        ["portfolio", "--json"],
        ["partnership-cadence", "--partnership", blank, "--cadence", "monthly", "--json"],
        ["organisations", "--partnership", blank, "--json"],
    ]


def test_every_json_command_prints_strict_json(capsys: pytest.CaptureFixture[str], db: str,
                                               tmp_path: Path) -> None:
    """Each --json command (a new one must be added here) prints one strict JSON document."""
    runs = every_json_run(db, tmp_path)
    covered = {tuple(a for a in argv if not a.startswith("-"))[:2] for argv in runs}
    for path in json_commands(build_parser()):
        assert any(c[:len(path)] == path for c in covered), f"add a run of `{' '.join(path)} --json` here"
    for argv in runs:
        code, out, err = run(capsys, "--db", db, *argv)
        assert code == 0, (argv, err)
        assert "NaN" not in out and "Infinity" not in out, argv
        strict(out)
