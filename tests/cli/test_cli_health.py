"""Command line: demo, partnerships, diagnose (a contract automation relies on)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.conftest import LAKESHORE, THREE_RIVERS
from tests.conftest import run_cli as run


@pytest.mark.parametrize(("name", "expected"), [(LAKESHORE, True), (THREE_RIVERS, False)])
def test_diagnose_json_on_demo(
    capsys: pytest.CaptureFixture[str], db: str, name: str, expected: bool
) -> None:
    """The waning demo partnership needs a refresh; the healthy one does not."""
    code, out, _ = run(
        capsys, "--db", db, "diagnose", "--partnership", name, "--as-of", "2026-11-27", "--json"
    )
    payload = json.loads(out)
    assert code == 0
    assert payload["partnership"] == name
    assert payload["as_of"] == "2026-11-27"
    assert payload["refresh_recommended"] is expected
    assert {s["id"] for s in payload["signs"]} == {
        "industry_engagement_waning",
        "same_core_group",
        "sector_changed",
        "agenda_stale",
    }
    assert all(s["status"] in {"ok", "watch", "flag", "unknown"} for s in payload["signs"])
    assert len(payload["meetings"]) == 13
    first = payload["meetings"][0]
    assert set(first) == {"date", "kind", "title", "industry", "public_partner", "unknown", "unclassified"}
    assert all(m["unknown"] == m["unclassified"] for m in payload["meetings"])
    assert first["kind"] == "launch"


def test_waning_demo_latest_meeting_has_more_public_partners(
    capsys: pytest.CaptureFixture[str], db: str
) -> None:
    """The waning demo's latest quarterly has more public partners than industry leaders."""
    _, out, _ = run(
        capsys, "--db", db, "diagnose", "--partnership", LAKESHORE, "--as-of", "2026-11-27", "--json"
    )
    last = json.loads(out)["meetings"][-1]
    assert last["public_partner"] > last["industry"]


def test_unknown_partnership_exits_2_and_lists_existing(capsys: pytest.CaptureFixture[str], db: str) -> None:
    """A typo gets exit code 2 and the list of partnerships that do exist."""
    code, out, err = run(capsys, "--db", db, "diagnose", "--partnership", "Nope")
    assert code == 2
    assert out == ""
    assert LAKESHORE in err and THREE_RIVERS in err


def test_readable_report(capsys: pytest.CaptureFixture[str], db: str) -> None:
    """Without --json the report is readable text naming the verdict and every sign."""
    code, out, _ = run(capsys, "--db", db, "diagnose", "--partnership", LAKESHORE, "--as-of", "2026-11-27")
    assert code == 0
    assert "A refresh is recommended" in out
    assert out.count("[") >= 4


def test_partnerships_json(capsys: pytest.CaptureFixture[str], db: str) -> None:
    """`partnerships --json` lists both demo partnerships with counts."""
    code, out, _ = run(capsys, "--db", db, "partnerships", "--json")
    rows = json.loads(out)
    assert code == 0
    assert [r["name"] for r in rows] == [LAKESHORE, THREE_RIVERS]
    assert all(r["meetings"] > 13 and r["people"] > 20 for r in rows)


def test_demo_is_a_no_op_when_present(capsys: pytest.CaptureFixture[str], db: str) -> None:
    """Running `demo` twice does not duplicate anything."""
    run(capsys, "--db", db, "partnerships", "--json")
    before = json.loads(run(capsys, "--db", db, "partnerships", "--json")[1])
    code, out, _ = run(capsys, "--db", db, "demo")
    after = json.loads(run(capsys, "--db", db, "partnerships", "--json")[1])
    assert code == 0 and "already present" in out
    assert before == after


def test_demo_reset_restores_demo(capsys: pytest.CaptureFixture[str], db: str) -> None:
    """`demo --reset` reloads the demo partnerships to the same counts."""
    before = json.loads(run(capsys, "--db", db, "partnerships", "--json")[1])
    code, out, _ = run(capsys, "--db", db, "demo", "--reset")
    after = json.loads(run(capsys, "--db", db, "partnerships", "--json")[1])
    assert code == 0 and "Loaded demo partnerships" in out
    assert [(r["name"], r["meetings"], r["people"]) for r in before] == [
        (r["name"], r["meetings"], r["people"]) for r in after
    ]


def test_module_entry_point(tmp_path: Path) -> None:
    """`python -m refresh_core` works as a program and exits 2 on a bad partnership."""
    import subprocess
    import sys

    db = str(tmp_path / "m.duckdb")
    done = subprocess.run(
        [sys.executable, "-m", "refresh_core", "--db", db, "diagnose", "--partnership", "X"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 2
    assert "No partnership named 'X'" in done.stderr
