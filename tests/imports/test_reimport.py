"""A re-import costs one hash: the digest is checked before parsing (issue 13, "Speed"); the command
line takes files over the web's 20 MB (``--max-mb``)."""

from __future__ import annotations

from pathlib import Path

import duckdb
import pytest

from refresh_core.cli import main
from refresh_core.imports import mappings
from refresh_core.imports.apply import import_files
from refresh_core.ingest import FileTooLargeError
from tests.importing import PARTNERSHIP, count, fixture, load


def test_same_bytes_again_are_not_parsed(
    conn: duckdb.DuckDBPyConnection, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The second import of the same bytes never reaches the parser and reports the earlier batch."""
    first = load(conn, fixture("zoom_spring.csv"))

    def no_parsing(*args: object, **kwargs: object) -> None:
        raise AssertionError("the file was parsed again")

    monkeypatch.setattr(mappings, "parse_file", no_parsing)
    again = load(conn, fixture("zoom_spring.csv"), "renamed.csv")
    assert (again.status, again.batch_id, again.attendance_added) == ("already_imported", first.batch_id, 0)
    assert again.rows_read == first.rows_read and again.meetings == first.meetings
    assert "already imported" in again.warnings[0]


def test_max_bytes_limits_what_is_read(conn: duckdb.DuckDBPyConnection) -> None:
    """A limit smaller than the file refuses it by name, with its size."""
    with pytest.raises(FileTooLargeError, match="over the"):
        files = [("z.csv", fixture("zoom_spring.csv"))]
        import_files(conn, partnership=PARTNERSHIP, files=files, max_bytes=100)


def test_a_file_on_disk_over_the_limit_is_refused_unread(
    conn: duckdb.DuckDBPyConnection, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A file named by mistake (a 2 GB video, say) is refused by its size on disk, before any of it is
    read, even to compute its digest; the database is unchanged."""
    path = tmp_path / "z.csv"
    path.write_bytes(fixture("zoom_spring.csv"))
    monkeypatch.setattr(Path, "open", lambda *a, **k: pytest.fail("the file was read"))
    with pytest.raises(FileTooLargeError, match=r"^z\.csv: the file is 753 bytes, over the 100 bytes limit"):
        import_files(conn, partnership=PARTNERSHIP, files=[("z.csv", path)], max_bytes=100)
    assert count(conn, "SELECT count(*) FROM import_batch") == 0


def test_command_line_takes_files_over_twenty_megabytes(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A 21 MB sign-in sheet (4,200 rows with long notes) imports from the command line (the web upload
    stops at 20 MB); a --max-mb below its size refuses it with exit 2."""
    notes = "n" * 5_000  # a long notes column the import does not read keeps the row count small
    rows = ["Name,Email,Organization,Date,Meeting,Notes"]
    rows += [f"P {i},p{i}@acme{i % 50}.com,Acme {i % 50},2026-03-12,Quarterly,{notes}" for i in range(4_200)]
    big = tmp_path / "big.csv"
    big.write_text("\n".join(rows) + "\n", encoding="utf-8")
    assert big.stat().st_size > 20_000_000
    db = str(tmp_path / "cli.duckdb")
    assert main(["--db", db, "import", str(big), "--partnership", "P", "--max-mb", "5"]) == 2
    assert "over the 5 MB limit" in capsys.readouterr().err
    assert main(["--db", db, "import", str(big), "--partnership", "P"]) == 0
    conn = duckdb.connect(db)
    assert count(conn, "SELECT count(*) FROM attendance") == 4_200  # type: ignore[arg-type]
    conn.close()


def test_the_import_time_is_utc_whatever_the_server_clock(conn: duckdb.DuckDBPyConnection) -> None:
    """Regression (browser walk, 1 Dec 2026): Import history showed "1 Dec 2026 04:42" with no zone,
    beside share links "last used ... 05:00 UTC"; the time was the database server's local time (a
    server in New York stored 23:42 the day before). It is stored as UTC, and said so."""
    import datetime as dt

    conn.execute("SET TimeZone = 'America/New_York'")
    before = dt.datetime.now(dt.UTC).replace(tzinfo=None)
    first = load(conn, fixture("zoom_spring.csv"))
    [(stamp,)] = conn.execute("SELECT imported_at FROM import_batch WHERE id = ?",
                              [first.batch_id]).fetchall()
    assert before - dt.timedelta(seconds=1) <= stamp <= dt.datetime.now(dt.UTC).replace(tzinfo=None)
    again = load(conn, fixture("zoom_spring.csv"), "renamed.csv")
    assert f"at {stamp:%H:%M} UTC" in again.warnings[0]
