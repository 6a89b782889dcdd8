"""A file given by its path (the command line) reads exactly as its bytes would (an upload), and a large
regular one is read where it lies: never held whole in memory, never copied for DuckDB.

Every fixture (and real export, when present) is read both ways; so is a large sign-in sheet in each of
the ways files arrive, surveyed in the usual chunks and in chunks of 7 bytes (so that a CR LF, a
two-byte letter and a U+FFFD are all split between two chunks somewhere).
"""

from __future__ import annotations

import codecs
import os
from pathlib import Path
from typing import Any

import pandas as pd
import pytest

from refresh_core.db import connect
from refresh_core.imports.apply import import_files
from refresh_core.ingest import FileTooLargeError, ImportFileError, ParsedFile, api, duckread, parse_file
from refresh_core.ingest import survey as survey_module

ROOT = Path(__file__).resolve().parents[2]
REAL = ROOT.parent / "shared" / "real_exports"
SUFFIXES = {".csv", ".tsv", ".txt", ".xlsx"}


def _fixtures() -> list[Any]:
    """The fixtures, and the real exports when they are there (else one skipped case saying where)."""
    found: list[Any] = sorted(
        p
        for base in (ROOT / "tests" / "fixtures", ROOT / "tests" / "ingest" / "fixtures")
        for p in base.rglob("*")
        if p.suffix.lower() in SUFFIXES
    )
    if REAL.is_dir():
        return found + sorted(p for p in REAL.rglob("*") if p.suffix.lower() in SUFFIXES)
    reason = f"the real exports are not at {REAL} (see tests/ingest/test_real_exports.py)"
    return [*found, pytest.param(REAL, marks=pytest.mark.skip(reason=reason), id="real_exports")]


FIXTURES = _fixtures()
READ_WHERE_IT_LIES = {"lf", "crlf", "bom", "quoted", "replacement-char", "no-final-newline"}
KINDS = sorted(READ_WHERE_IT_LIES | {"windows-1252", "mixed-crlf", "blank-line", "utf-16"})


def _outcome(data: bytes | Path, name: str) -> ParsedFile | str:
    try:
        return parse_file(data, file_name=name, max_bytes=10**9)
    except ImportFileError as error:
        return f"{type(error).__name__}: {error}"


def _same(a: ParsedFile | str, b: ParsedFile | str) -> None:
    if isinstance(a, str) or isinstance(b, str):
        assert a == b
        return
    pd.testing.assert_frame_equal(a.rows, b.rows)
    pd.testing.assert_frame_equal(a.rejected, b.rejected)
    assert (a.format, a.warnings, a.header, a.date_order) == (b.format, b.warnings, b.header, b.date_order)
    assert a.merged == b.merged  # ("Rows read" counts the rows merged into a person's first)


@pytest.mark.parametrize("path", FIXTURES, ids=lambda p: f"{p.parent.name}/{p.name}")
def test_every_fixture_reads_the_same_from_its_path(path: Path) -> None:
    """Rows, rejected rows, warnings and refusals do not depend on whether the file came as a path."""
    _same(_outcome(path, path.name), _outcome(path.read_bytes(), path.name))


def _large(kind: str) -> bytes:
    """A 20,000-row sign-in sheet (over the fast reader's threshold) in one of the ways files arrive."""
    rows = [f"Person {i},p{i}@example.org,Org {i % 50},3/14/2025" for i in range(2, 20_002)]
    rows[7] = "Zoë Ødegård,zoe@example.org,Café Nord,3/14/2025"
    rows[9_000] = 'Ann Lee,ann@example.org,"Acme, Inc",3/14/2025' if kind == "quoted" else rows[9_000]
    text = "Name,Email,Organization,Date\n" + "\n".join(rows) + "\n"
    made: dict[str, Any] = {
        "crlf": lambda: text.replace("\n", "\r\n").encode(),
        "mixed-crlf": lambda: text.replace("\n", "\r\n", 500).replace("\n", "\r", 1).encode(),
        "bom": lambda: codecs.BOM_UTF8 + text.encode(),
        "replacement-char": lambda: text.replace("Café", "Caf\ufffd").encode(),
        "windows-1252": lambda: text.encode("cp1252"),
        "no-final-newline": lambda: text.rstrip("\n").encode(),
        "blank-line": lambda: text.replace("\n", "\n\n", 1).encode(),
        "utf-16": lambda: text.encode("utf-16"),
    }
    return bytes(made[kind]()) if kind in made else text.encode()


@pytest.mark.parametrize("chunk", [survey_module.CHUNK_BYTES, 7], ids=["8-MB-chunks", "7-byte-chunks"])
@pytest.mark.parametrize("kind", KINDS)
def test_a_large_file_reads_the_same_from_its_path(
    kind: str, chunk: int, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Whatever its line ends, byte-order mark, quotes or encoding, a large file on disk gives the rows
    and warnings its bytes give; the usual UTF-8 ones are read where they lie (reading them whole would
    fail here), the others whole, as an upload."""
    data = _large(kind)
    path = tmp_path / "big.csv"
    path.write_bytes(data)
    expected = _outcome(data, "big.csv")
    monkeypatch.setattr(survey_module, "CHUNK_BYTES", chunk)
    if kind in READ_WHERE_IT_LIES:
        monkeypatch.setattr(api, "_read_at_most", lambda *a: pytest.fail("the file was read whole"))
    found = _outcome(path, "big.csv")
    _same(found, expected)
    assert isinstance(found, ParsedFile) and len(found.rows) == 20_000
    assert "Zoë Ødegård" in set(found.rows["name"])
    assert ("could not be read" in " ".join(found.warnings)) == (kind == "replacement-char")


def test_a_file_over_the_limit_is_refused_before_it_is_read(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """``--max-mb`` is checked against the file's size on disk, with the file's name and the limit."""
    path = tmp_path / "huge.csv"
    path.write_bytes(_large("lf"))
    monkeypatch.setattr(Path, "open", lambda *a, **k: pytest.fail("the file was opened"))
    with pytest.raises(FileTooLargeError) as caught:
        parse_file(path, file_name="huge.csv", max_bytes=100_000)
    assert str(caught.value).startswith("huge.csv: the file is 954 KB, over the 100 KB limit.")


class _SizedEarlier(type(Path())):  # type: ignore[misc]
    """A path whose size was taken before the file grew: ``stat`` reports 1,000 bytes."""

    def stat(self, **kwargs: Any) -> Any:
        real = tuple(super().stat(**kwargs))
        return os.stat_result((*real[:6], 1_000, *real[7:]))


@pytest.mark.parametrize("kind", ["lf", "windows-1252"])
def test_a_file_that_grows_past_the_limit_after_its_size_was_checked_is_refused(
    kind: str, tmp_path: Path
) -> None:
    """A file under ``--max-mb`` when its size is checked but over it when it is read (a log still being
    written) is refused by name, whether it would be read where it lies or whole; never read on to
    its end."""
    path = tmp_path / "growing.csv"
    path.write_bytes(_large(kind))
    with pytest.raises(FileTooLargeError) as caught:
        parse_file(_SizedEarlier(path), file_name="growing.csv", max_bytes=100_000)
    assert str(caught.value).startswith("growing.csv: the file is "), str(caught.value)
    assert "over the 100 KB limit" in str(caught.value)


def test_a_file_duckdb_refuses_where_it_lies_is_not_given_to_it_again(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A large sheet with a note that spans two lines (a quoted line break) is one DuckDB cannot read as
    one record a line: read from its path, DuckDB is asked once, and the rows are those of its bytes."""
    text = _large("lf").decode().replace("Org 3,", '"Org 3, ground\nfloor",', 1)
    path = tmp_path / "note.csv"
    path.write_text(text, encoding="utf-8")
    expected = _outcome(path.read_bytes(), "note.csv")
    asked: list[str] = []
    real = duckread._with_reader
    monkeypatch.setattr(duckread, "_with_reader", lambda *a: asked.append(a[0]) or real(*a))
    found = _outcome(path, "note.csv")
    _same(found, expected)
    assert isinstance(found, ParsedFile) and "Org 3, ground\nfloor" in set(found.rows["organisation"])
    assert len(asked) == 1, asked


def test_a_file_that_went_away_says_so(tmp_path: Path) -> None:
    """A file removed after it was named is reported by name, not as a crash."""
    with pytest.raises(ImportFileError) as caught:
        parse_file(tmp_path / "gone.csv", file_name="gone.csv")
    assert "gone.csv" in str(caught.value) and "could not be read" in str(caught.value)


def test_a_file_imported_by_path_is_already_imported_as_an_upload(tmp_path: Path) -> None:
    """The command line's import of a file and a later web upload of the same bytes are one file: the
    second is reported as already imported and adds nothing."""
    data = _large("crlf")
    path = tmp_path / "big.csv"
    path.write_bytes(data)
    conn = connect(":memory:")
    first = import_files(conn, partnership="Disk", files=[("big.csv", path)], max_bytes=10**8)
    again = import_files(conn, partnership="Disk", files=[("big.csv", data)], max_bytes=10**8)
    assert first[0].status == "imported" and first[0].attendance_added == 20_000
    assert again[0].status == "already_imported"
    conn.close()


@pytest.mark.parametrize("start", [b"{\\rtf1\\ansi\n", b"%PDF-1.4\n", b"PK"], ids=["rtf", "pdf", "zip"])
def test_a_large_text_file_that_starts_like_a_document_is_refused_from_its_path(
    start: bytes, tmp_path: Path
) -> None:
    """A large file that begins as an RTF, a PDF or a zip archive does (text all the way, so the survey
    finds it plain) is refused from the command line with the same message as when it is uploaded,
    instead of being read as a sign-in sheet of 20,000 rows."""
    data = start + _large("lf")
    path = tmp_path / "big.csv"
    path.write_bytes(data)
    expected = _outcome(data, "big.csv")
    assert isinstance(expected, str) and expected.startswith("BinaryFileError: big.csv: this looks like")
    assert _outcome(path, "big.csv") == expected


@pytest.mark.parametrize("what", ["gone", "directory"])
def test_a_path_that_cannot_be_read_when_the_import_starts_is_named(what: str, tmp_path: Path) -> None:
    """A file removed (or replaced by a folder) after the command line checked it, while the import
    waited its turn, is reported with its name and what to do, not as a Python traceback."""
    path = tmp_path / "sheet.csv"
    if what == "directory":
        path.mkdir()
    conn = connect(":memory:")
    with pytest.raises(ImportFileError) as caught:
        import_files(conn, partnership="Disk", files=[("sheet.csv", path)])
    assert str(caught.value).startswith("sheet.csv: ") and "could not be read" in str(caught.value)
    conn.close()


@pytest.mark.parametrize(("name", "matched"), [
    ("sheet[1].csv", "sheet1.csv"), ("sheet?.csv", "sheet1.csv"), ("sheet*.csv", "sheet1.csv"),
    ("[March] sign-in/sheet.csv", "M sign-in/sheet.csv"),
])
def test_a_file_whose_path_looks_like_a_pattern_is_the_file_read(
    name: str, matched: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A file named with brackets, a question mark or a star (or in such a folder), beside another file
    the name matches as a pattern ("sheet[1].csv" and "sheet1.csv"), is the file imported (the other
    file's people were imported instead), and it is still read where it lies."""
    for at, data in ((name, _large("lf")), (matched, _large("lf").replace(b"Person ", b"Other "))):
        (tmp_path / at).parent.mkdir(exist_ok=True)
        (tmp_path / at).write_bytes(data)
    monkeypatch.setattr(Path, "read_bytes", lambda self: pytest.fail("the file was read whole"))
    found = _outcome(tmp_path / name, "sheet.csv")
    assert isinstance(found, ParsedFile) and len(found.rows) == 20_000
    assert not found.rows["name"].str.startswith("Other").any()
