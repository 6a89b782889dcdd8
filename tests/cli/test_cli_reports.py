"""Command line: ``portfolio`` and ``report``."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest
from pypdf import PdfReader

from tests.conftest import LAKESHORE, THREE_RIVERS, TODAY, run_cli

SIGNS = {"industry_engagement_waning", "same_core_group", "sector_changed", "agenda_stale"}
CONTRACT = {"name": str, "refresh_recommended": bool, "signs": dict, "latest_industry": (int, type(None)),
            "latest_public_partner": (int, type(None)), "next_meeting": (str, type(None)),
            "expected_industry_turnout": (int, float, type(None)), "overdue_followups": int}


def no_nan(text: str) -> object:
    raise AssertionError(f"{text} is not strict JSON")


def test_portfolio_json_keeps_the_contract(capsys: pytest.CaptureFixture[str], db: str) -> None:
    """``portfolio --json``: every contract key with its type, strict JSON, one row per partnership."""
    code, out, _ = run_cli(capsys, "--db", db, "portfolio", "--as-of", TODAY.isoformat(), "--json")
    assert code == 0
    rows = json.loads(out, parse_constant=no_nan)["partnerships"]
    assert [r["name"] for r in rows] == [LAKESHORE, THREE_RIVERS]
    for row in rows:
        for key, kind in CONTRACT.items():
            assert isinstance(row[key], kind), key
        assert set(row["signs"]) == SIGNS
        assert set(row["signs"].values()) <= {"ok", "watch", "flag", "unknown"}


def test_portfolio_json_agrees_with_diagnose_json(capsys: pytest.CaptureFixture[str], db: str) -> None:
    """The command-line portfolio and ``diagnose --json`` give each demo partnership the same judgement."""
    _, out, _ = run_cli(capsys, "--db", db, "portfolio", "--as-of", TODAY.isoformat(), "--json")
    for row in json.loads(out)["partnerships"]:
        _, text, _ = run_cli(capsys, "--db", db, "diagnose", "--partnership", row["name"],
                             "--as-of", TODAY.isoformat(), "--json")
        found = json.loads(text)
        assert row["refresh_recommended"] == found["refresh_recommended"]
        assert row["signs"] == {s["id"]: s["status"] for s in found["signs"]}
        assert row["latest_industry"] == found["meetings"][-1]["industry"]


def test_portfolio_in_words(capsys: pytest.CaptureFixture[str], db: str) -> None:
    """Without --json: one plain line per partnership with its verdict."""
    code, out, _ = run_cli(capsys, "--db", db, "portfolio", "--as-of", TODAY.isoformat())
    assert code == 0
    assert f"{LAKESHORE}: Refresh recommended." in out and f"{THREE_RIVERS}: Healthy." in out


def test_report_writes_a_one_page_pdf(capsys: pytest.CaptureFixture[str], db: str, tmp_path: Path) -> None:
    """``report --partnership`` writes a readable one-page PDF and says where."""
    out_file = tmp_path / "lakeshore.pdf"
    code, out, _ = run_cli(capsys, "--db", db, "report", "--partnership", LAKESHORE, "--out", str(out_file))
    assert code == 0 and str(out_file) in out
    reader = PdfReader(io.BytesIO(out_file.read_bytes()))
    assert len(reader.pages) == 1 and LAKESHORE in (reader.pages[0].extract_text() or "")


def test_report_portfolio_lists_every_partnership(capsys: pytest.CaptureFixture[str], db: str,
                                                  tmp_path: Path) -> None:
    """``report --portfolio`` writes a PDF naming every partnership."""
    out_file = tmp_path / "portfolio.pdf"
    assert run_cli(capsys, "--db", db, "report", "--portfolio", "--out", str(out_file))[0] == 0
    text = " ".join(p.extract_text() or "" for p in PdfReader(io.BytesIO(out_file.read_bytes())).pages)
    assert "Lakeshore Advanced" in text and "Three Rivers Healthcare" in text


def test_unknown_partnership_writes_nothing(capsys: pytest.CaptureFixture[str], db: str,
                                            tmp_path: Path) -> None:
    """A mistyped name: exit 2, the known names listed, and no file left behind."""
    folder = tmp_path / "reports"
    folder.mkdir()
    code, _, err = run_cli(capsys, "--db", db, "report", "--partnership", "Lakeshor",
                           "--out", str(folder / "x.pdf"))
    assert code == 2 and LAKESHORE in err
    assert list(folder.iterdir()) == []


def test_missing_folder_is_refused_before_any_work(capsys: pytest.CaptureFixture[str], db: str,
                                                   tmp_path: Path) -> None:
    """An --out in a folder that does not exist: exit 2 naming the folder."""
    missing = tmp_path / "no" / "x.pdf"
    code, _, err = run_cli(capsys, "--db", db, "report", "--portfolio", "--out", str(missing))
    assert code == 2 and "does not exist" in err


def test_one_report_at_a_time(capsys: pytest.CaptureFixture[str], db: str, tmp_path: Path) -> None:
    """--partnership and --portfolio together is a usage error."""
    with pytest.raises(SystemExit) as stopped:
        run_cli(capsys, "--db", db, "report", "--portfolio", "--partnership", LAKESHORE,
                "--out", str(tmp_path / "x.pdf"))
    assert stopped.value.code == 2
