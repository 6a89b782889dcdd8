"""Command line: import (JSON contract), export, import-history, undo-import, and the error exit."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import threading
from pathlib import Path

import pytest

from refresh_core.cli import main
from refresh_core.db import connect
from refresh_core.imports.mappings import save_mapping
from refresh_core.ingest import api as ingest_api
from refresh_core.partnerships import get_partnership
from tests.importing import FIXTURES

ROOT = Path(__file__).resolve().parents[2]


def run(db: Path, *args: str) -> int:
    return main(["--db", str(db), *[str(a) for a in args]])


def _export(db: Path, where: Path) -> dict[str, bytes]:
    assert run(db, "export", where) == 0
    return {p.name: p.read_bytes() for p in sorted(where.iterdir()) if p.name != "manifest.json"}


def test_import_json_contract(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """--json prints exactly the documented shape, one entry per file, and creates the partnership."""
    db = tmp_path / "t.duckdb"
    code = run(
        db,
        "import",
        FIXTURES / "signin_spring.csv",
        FIXTURES / "zoom_spring.csv",
        "--partnership",
        "Lakeshore Test",
        "--json",
    )
    assert code == 0
    out = json.loads(capsys.readouterr().out)
    first, second = out["files"]
    assert set(first) == {
        "file",
        "format",
        "status",
        "meetings",
        "rows_read",
        "rows_rejected",
        "attendance_added",
        "people_added",
        "people_matched",
        "warnings",
    }
    assert first["meetings"] == [
        {"date": "2026-03-12", "title": "Spring Quarterly Meeting", "kind": "quarterly", "attendees": 5}
    ]
    assert (first["format"], first["status"], first["rows_read"], first["rows_rejected"]) == (
        "signin",
        "imported",
        6,
        1,
    )
    assert (
        second["format"],
        second["people_added"],
        second["people_matched"],
        second["attendance_added"],
    ) == ("zoom", 2, 3, 2)
    assert second["meetings"][0]["attendees"] == 5
    assert run(db, "import", FIXTURES / "zoom_spring.csv", "--partnership", "Lakeshore Test", "--json") == 0
    assert json.loads(capsys.readouterr().out)["files"][0]["status"] == "already_imported"


def test_rejected_rows_are_listed_but_do_not_stop(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """The plain report lists rejected rows by line and still imports the rest."""
    assert run(tmp_path / "t.duckdb", "import", FIXTURES / "signin_spring.csv", "--partnership", "P") == 0
    out = capsys.readouterr().out
    assert "5 attendance records added" in out and "line 7 not imported" in out


def test_unreadable_file_exits_2_and_changes_nothing(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A PDF among the files: exit code 2, the reason on stderr, and a byte-for-byte identical export."""
    db = tmp_path / "t.duckdb"
    assert run(db, "import", FIXTURES / "signin_spring.csv", "--partnership", "P") == 0
    before = _export(db, tmp_path / "before")
    pdf = tmp_path / "report.pdf"
    pdf.write_bytes(b"%PDF-1.4 binary")
    capsys.readouterr()
    assert run(db, "import", FIXTURES / "zoom_spring.csv", pdf, "--partnership", "Someone New") == 2
    err = capsys.readouterr().err
    assert "report.pdf" in err and "PDF" in err
    assert _export(db, tmp_path / "after") == before


def test_dateless_file_without_meeting_date_exits_2(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """An Eventbrite export needs --meeting-date; without it nothing is written and stderr says so."""
    src = tmp_path / "eb.csv"
    src.write_text(
        "Order #,First Name,Last Name,Email,Ticket Type,Attendee Status\n1,Ann,Bell,ann@a.com,GA,"
        "Checked In\n",
        encoding="utf-8",
    )
    db = tmp_path / "t.duckdb"
    assert run(db, "import", src, "--partnership", "P") == 2
    err = capsys.readouterr().err
    assert "meeting date" in err and "--meeting-date YYYY-MM-DD" in err and "table" not in err
    assert (
        run(
            db,
            "import",
            src,
            "--partnership",
            "P",
            "--meeting-date",
            "2026-03-12",
            "--meeting-kind",
            "launch",
            "--json",
        )
        == 0
    )
    meeting = json.loads(capsys.readouterr().out)["files"][0]["meetings"][0]
    assert meeting == {
        "date": "2026-03-12",
        "title": "Meeting on 12 Mar 2026",
        "kind": "launch",
        "attendees": 1,
    }


def test_history_and_undo(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """import-history --json lists the batch; undo-import removes it; a second undo exits 2."""
    db = tmp_path / "t.duckdb"
    before = _export(db, tmp_path / "empty")
    assert run(db, "import", FIXTURES / "teams_action_team.csv", "--partnership", "P") == 0
    capsys.readouterr()
    assert run(db, "import-history", "--json") == 0
    history = json.loads(capsys.readouterr().out)
    assert [(h["batch_id"], h["file_name"], h["attendance_added"]) for h in history] == [
        (1, "teams_action_team.csv", 4)
    ]
    assert run(db, "undo-import", "1") == 0
    assert "Removed import 1" in capsys.readouterr().out
    assert run(db, "undo-import", "1") == 2
    after = _export(db, tmp_path / "after")
    assert {k: v for k, v in after.items() if k != "partnership.csv"} == {
        k: v for k, v in before.items() if k != "partnership.csv"
    }


def test_format_override_and_unknown_format(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """--format forces a reader; an invalid choice is an argparse error (exit 2)."""
    db = tmp_path / "t.duckdb"
    assert (
        run(db, "import", FIXTURES / "zoom_spring.csv", "--partnership", "P", "--format", "zoom", "--json")
        == 0
    )
    assert json.loads(capsys.readouterr().out)["files"][0]["format"] == "zoom"
    with pytest.raises(SystemExit) as exit_info:
        run(db, "import", FIXTURES / "zoom_spring.csv", "--partnership", "P", "--format", "pdf")
    assert exit_info.value.code == 2


def test_the_import_summary_counts_in_words(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """Reported: the command line said "1 new people" and "1 attendees"; one of each reads singular."""
    src = tmp_path / "one.csv"
    src.write_text("Name,Email,Organization,Date\nAnn Bell,ann@bell.com,Bell Tools,3/12/2026\n",
                   encoding="utf-8")
    assert run(tmp_path / "t.duckdb", "import", src, "--partnership", "P") == 0
    out = capsys.readouterr().out
    assert "1 attendance record added; 1 new person, 0 matched; 1 row read, 0 rejected." in out
    assert ": 1 attendee" in out and "1 attendees" not in out


def test_a_file_piped_in_is_imported(tmp_path: Path) -> None:
    """A file given through a pipe (a shell's ``<(unzip -p export.zip)``, here a named pipe) can be read
    only once: it is imported whole, as a file on disk is (the import reads files where they lie, and a
    pipe would have been emptied by the digest before the parse: the command then waited for ever)."""
    pipe = tmp_path / "zoom_spring.csv"
    os.mkfifo(pipe)
    writer = threading.Thread(target=pipe.write_bytes, args=((FIXTURES / "zoom_spring.csv").read_bytes(),),
                              daemon=True)  # (blocks until the import opens the pipe)
    writer.start()
    command = [sys.executable, "-m", "refresh_core", "--db", str(tmp_path / "t.duckdb"), "import", str(pipe),
               "--partnership", "P", "--json"]  # fmt: skip
    done = subprocess.run(command, capture_output=True, text=True, timeout=120, cwd=ROOT, check=True)
    writer.join(timeout=10)
    result = json.loads(done.stdout)["files"][0]
    assert (result["status"], result["rows_read"], result["attendance_added"]) == ("imported", 6, 5)


def test_a_file_read_with_a_saved_mapping_keeps_the_max_mb_given(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """A file whose columns were matched by hand once (a saved mapping) is imported from the command
    line within its ``--max-mb``: it was refused as over the web upload's limit (20 MB, made 1 KB
    here so that the file can stay small)."""
    db = tmp_path / "t.duckdb"
    rows = "".join(f"Person {i},p{i}@example.org,Firm {i}\n" for i in range(100))
    sheet = tmp_path / "custom.csv"
    sheet.write_text("Attendee Full,Contact,Firm\n" + rows, encoding="utf-8")
    assert run(db, "import", FIXTURES / "signin_spring.csv", "--partnership", "P") == 0
    conn = connect(str(db))
    save_mapping(conn, partnership_id=get_partnership(conn, name="P").id,
                 header=("Attendee Full", "Contact", "Firm"),
                 mapping={"name": "Attendee Full", "email": "Contact", "organisation": "Firm"})
    conn.close()
    monkeypatch.setattr(ingest_api, "DEFAULT_MAX_BYTES", 1_000)
    capsys.readouterr()
    code = run(db, "import", sheet, "--partnership", "P", "--max-mb", "1", "--meeting-date", "2026-05-01",
               "--json")
    assert code == 0, capsys.readouterr().err
    result = json.loads(capsys.readouterr().out)["files"][0]
    assert (result["status"], result["rows_read"], result["people_added"]) == ("imported", 100, 100)
