"""The DuckDB reader for regular delimited files gives what the Python reader gives, on every fixture.

Every delimited fixture (``tests/fixtures``, ``tests/ingest/fixtures`` and, when present, the real
exports in ``../shared/real_exports``) that the fast path accepts is read both ways; the cells, and
the parsed rows, rejected rows and warnings, must be identical. Files the fast path refuses (blank
lines, quoted line breaks) must be refused, not misread.
"""

from __future__ import annotations

import csv
import io
from pathlib import Path
from typing import Any

import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from refresh_core.ingest import api as api_module
from refresh_core.ingest import duckread as duckread_module
from refresh_core.ingest import parse_file, parse_with_mapping
from refresh_core.ingest import sheet as sheet_module
from refresh_core.ingest.decode import decode_bytes, sniff_delimiter
from refresh_core.ingest.duckread import read_regular
from refresh_core.ingest.errors import ImportFileError
from refresh_core.ingest.sheet import frame_from_records, read_text

ROOT = Path(__file__).resolve().parents[2]
REAL = ROOT.parent / "shared" / "real_exports"
SUFFIXES = {".csv", ".tsv", ".txt"}


def _files() -> list[Any]:
    found: list[Any] = [p for base in (ROOT / "tests" / "fixtures", ROOT / "tests" / "ingest" / "fixtures")
                        for p in sorted(base.rglob("*")) if p.suffix.lower() in SUFFIXES]  # fmt: skip
    if REAL.is_dir():
        found += [p for p in sorted(REAL.rglob("*")) if p.suffix.lower() in SUFFIXES]
    else:
        reason = f"the real exports are not at {REAL} (see tests/ingest/test_real_exports.py)"
        found.append(pytest.param(REAL, marks=pytest.mark.skip(reason=reason), id="real_exports"))
    return found


FILES = _files()


def _text(path: Path) -> str:
    text, _ = decode_bytes(path.read_bytes(), path.name)
    return text.replace("\x00", "").replace("\r\n", "\n").replace("\r", "\n")


def _without_empty_tail(frame: pd.DataFrame) -> pd.DataFrame:
    """Drop trailing columns that are empty in every row (a quoted delimiter widens the raw count)."""
    width = frame.shape[1]
    while width and (frame[width - 1] == "").all():
        width -= 1
    return frame.iloc[:, :width].astype(object)


def _nan_cells(rows: pd.DataFrame) -> list[tuple[str, int]]:
    """(column, row) of every float NaN in the public rows (assert_frame_equal takes NaN for None)."""
    cells = ((str(c), i, v) for c in rows.columns for i, v in enumerate(rows[c]))
    return [(c, i) for c, i, v in cells if isinstance(v, float) and v != v]


def _id(path: Path) -> str:
    return str(path.relative_to(REAL if REAL in path.parents else ROOT))


@pytest.mark.parametrize("path", FILES, ids=_id)
def test_fast_cells_equal_python_cells(path: Path) -> None:
    """Same cells in the same rows and columns, whichever reader read the file."""
    text = _text(path)
    delimiter = sniff_delimiter(text)
    fast = read_regular(text, delimiter)
    records, lines = read_text(text, delimiter, path.name)
    exact = frame_from_records(records, path.name, lines)
    if fast is None:
        assert len(records) != text.count("\n") + (0 if text.endswith("\n") else 1) or "\n\n" in text, (
            "the fast reader refused a regular file"
        )
        return
    assert list(lines) == list(range(1, len(lines) + 1))
    pd.testing.assert_frame_equal(_without_empty_tail(fast), _without_empty_tail(exact))


@pytest.mark.parametrize("path", FILES, ids=_id)
def test_fast_parse_equals_python_parse(path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The rows, rejected rows and warnings a convener sees do not depend on which reader ran."""
    data = path.read_bytes()
    try:
        exact = parse_file(data, file_name=path.name)
    except Exception as error:  # a file the product refuses must be refused the same way
        monkeypatch.setattr(sheet_module, "FAST_READ_CHARS", 0)
        with pytest.raises(type(error)) as again:
            parse_file(data, file_name=path.name)
        assert str(again.value) == str(error)
        return
    monkeypatch.setattr(sheet_module, "FAST_READ_CHARS", 0)
    fast = parse_file(data, file_name=path.name)
    pd.testing.assert_frame_equal(exact.rows, fast.rows)
    assert _nan_cells(fast.rows) == _nan_cells(exact.rows) == []  # (None where a cell is empty, never NaN)
    pd.testing.assert_frame_equal(exact.rejected, fast.rejected)
    assert (fast.format, fast.warnings, fast.header) == (exact.format, exact.warnings, exact.header)


def test_blank_lines_and_quoted_line_breaks_go_to_the_python_reader() -> None:
    """A blank line or a name with a line break inside quotes would shift line numbers: refused."""
    assert read_regular("Name,Email\n\nAna,a@x.org\n", ",") is None
    assert read_regular('Name,Email\n"Ana\nLopez",a@x.org\n', ",") is None


def test_a_quote_after_a_space_is_read_as_the_python_reader_reads_it() -> None:
    """Found in review: `Ann Lee, "Acme, Inc",x` split into other cells by the fast reader (files of
    200,000 characters and more) than by the Python reader (smaller files). Such a file now goes to the
    Python reader, so the same sheet reads the same at any size."""
    text = 'Name,Org,Role\nAnn Lee, "Acme, Inc",CEO\n'
    assert read_regular(text, ",") is None
    assert read_regular(text.replace(', "', ',"'), ",") is not None  # an ordinary quoted field stays fast


@pytest.mark.parametrize(
    "line",
    [
        '"Ana Diaz" "Acme, Inc",ana@x.org',
        '"Ana" "Diaz",ana@x.org',
        '"" "" "",ana@x.org',
        '"Ana"\t"Diaz",a@x.org',
    ],
)
def test_a_second_quote_after_a_closing_quote_and_spaces_reads_as_the_python_reader_reads_it(
    line: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Found in review: `"Ana Diaz" "Acme, Inc",ana@x.org` (a convener's own quotes) read as one name
    'Ana Diaz Acme, Inc' by DuckDB (files of 800,000 characters and more) but as 'Ana Diaz "Acme' and
    'Inc"' in the next column by the Python reader (smaller files): the email moved a column. Such a
    line goes to the Python reader, so the same sheet reads the same at any size."""
    text = f"Name,Email\n{line}\nBo Lee,bo@x.org\n"
    records, lines = read_text(text, ",", "t.csv")
    exact = frame_from_records(records, "t.csv", lines)
    fast = read_regular(text, ",")
    if fast is not None:
        pd.testing.assert_frame_equal(_without_empty_tail(fast), _without_empty_tail(exact))
    data = text.encode()
    small = parse_file(data, file_name="t.csv")
    monkeypatch.setattr(sheet_module, "FAST_READ_CHARS", 0)
    large = parse_file(data, file_name="t.csv")
    pd.testing.assert_frame_equal(small.rows, large.rows)
    assert (small.warnings, small.header) == (large.warnings, large.header)


@pytest.mark.parametrize("delimiter", ["\t", ";", "|"])
def test_a_quote_after_a_space_goes_to_the_python_reader_with_any_delimiter(delimiter: str) -> None:
    """The spaced-quote check (now run per line inside DuckDB's scan) knows every delimiter we sniff."""
    text = f'Name{delimiter}Org\nAnn Lee{delimiter} "Acme{delimiter} Inc"\n'
    assert read_regular(text, delimiter) is None
    assert read_regular(text.replace(f'{delimiter} "', f'{delimiter}"'), delimiter) is not None
    assert read_regular(f'Name{delimiter}Org\n \t"Ann"{delimiter}x\n', delimiter) is None  # at line start


def test_trims_unicode_spaces_and_keeps_quoted_delimiters() -> None:
    """Cells lose surrounding spaces (no-break, zero-width) but keep a comma inside quotes."""
    cells = read_regular('Name,Org\n\u00a0Ana Lopez\u200b ,"Lopez, Inc"\n', ",")
    assert cells is not None
    assert cells.iloc[1].tolist()[:2] == ["Ana Lopez", "Lopez, Inc"]


def test_large_file_prints_nothing(capfd: pytest.CaptureFixture[str]) -> None:
    """Reading a big file draws no progress bar on the command line (its --json output stays JSON)."""
    rows = "\n".join(f"Person {i},p{i}@example.org,Org {i % 50}" for i in range(60_000))
    cells = read_regular("Name,Email,Organization\n" + rows + "\n", ",")
    assert cells is not None and len(cells) == 60_001
    out, err = capfd.readouterr()
    assert (out, err) == ("", "")


def _big(bad_line: int, bad: str) -> bytes:
    """A 20,000-row sign-in file (over the fast reader's threshold) with one bad row at ``bad_line``."""
    rows = [f"Person {i},p{i}@example.org,Org {i % 50},3/14/2025" for i in range(2, 20_002)]
    rows[bad_line - 2] = bad
    return ("Name,Email,Organization,Date\n" + "\n".join(rows) + "\n").encode()


@pytest.mark.parametrize(
    ("bad", "line", "column", "words"),
    [
        ("Ann Lee,ann@x.org," + "O" * 40_000 + ",3/14/2025", 12_345, "C", "40,000 characters"),
        ("Ann Lee,ann@x.org," + "O" * 300 + ",3/14/2025", 15_000, "Organization", "at most 200"),
        ("Ann Lee,ann@x.org,Acme,3/14/2025," + ",".join(["x"] * 296), 17_000, None, "300 columns"),
    ],
    ids=["cell-cap", "organisation-cap", "columns"],
)
def test_caps_name_the_line_and_column_in_a_large_file(
    bad: str, line: int, column: str | None, words: str
) -> None:
    """A large regular file (read by DuckDB) is still refused with the bad cell's line and column."""
    data = _big(line, bad)
    assert len(data) > sheet_module.FAST_READ_CHARS
    with pytest.raises(ImportFileError) as caught:
        parse_file(data, file_name="big.csv")
    assert (caught.value.line, caught.value.column) == (line, column)
    assert words in str(caught.value) and "big.csv" in str(caught.value)


CELLS = st.one_of(
    st.sampled_from(["", " ", "Ana", " Ana López ", "\u00a0x\u200b", "a,b", "O'Neil", "x\ty", "ø", "=1+2"]),
    st.text(alphabet="ab ,;\"'\u00a0", max_size=6),
)


@settings(max_examples=120, deadline=None)
@given(st.lists(st.lists(CELLS, min_size=1, max_size=5), min_size=1, max_size=8))
def test_any_table_reads_the_same_both_ways(rows: list[list[str]]) -> None:
    """Written by the csv module (quoting as spreadsheets do), any table the fast reader accepts gives the
    Python reader's cells; one it refuses is left to the Python reader."""
    out = io.StringIO()
    csv.writer(out, lineterminator="\n").writerows(rows)
    _assert_read_alike(out.getvalue())


def _assert_read_alike(text: str) -> None:
    """When the fast reader accepts ``text``, its cells are the Python reader's (else nothing to compare:
    the Python reader reads the file)."""
    fast = read_regular(text, ",")
    if fast is None:
        return
    records, lines = read_text(text, ",", "t.csv")
    exact = frame_from_records(records, "t.csv", lines)
    pd.testing.assert_frame_equal(_without_empty_tail(fast), _without_empty_tail(exact))


def _variant(kind: str) -> bytes:
    """A 20,000-row sign-in file (over the byte reader's threshold) in one of the ways files arrive."""
    rows = [f"Person {i},p{i}@example.org,Org {i % 50},3/14/2025" for i in range(2, 20_002)]
    rows[7] = "Zoë Ødegård,zoe@example.org,Café Nord,3/14/2025"
    text = "Name,Email,Organization,Date\n" + "\n".join(rows) + "\n"
    if kind == "crlf":
        return text.replace("\n", "\r\n").encode()
    if kind == "mixed-crlf":
        return text.replace("\n", "\r\n", 500).encode()
    if kind == "bom":
        return b"\xef\xbb\xbf" + text.encode()
    if kind == "replacement-char":
        return text.replace("Café", "Caf\ufffd").encode()
    if kind == "windows-1252":
        return text.encode("cp1252")
    if kind == "no-final-newline":
        return text.rstrip("\n").encode()
    if kind == "blank-line":
        return text.replace("\n", "\n\n", 1).encode()
    return text.encode()


@pytest.mark.parametrize(
    "kind",
    ["lf", "crlf", "mixed-crlf", "bom", "replacement-char", "windows-1252", "no-final-newline", "blank-line"],
)
def test_reading_the_upload_bytes_directly_changes_nothing(
    kind: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A large UTF-8 file goes to DuckDB as its bytes (no decoded copy of the text); the rows, rejects and
    warnings are the same as when the text is decoded first, whatever the line ends and encoding."""
    data = _variant(kind)
    direct = parse_file(data, file_name="big.csv")
    monkeypatch.setattr(api_module, "sheet_from_utf8", lambda data, file_name: (None, False))
    decoded = parse_file(data, file_name="big.csv")
    pd.testing.assert_frame_equal(direct.rows, decoded.rows)
    pd.testing.assert_frame_equal(direct.rejected, decoded.rejected)
    assert direct.warnings == decoded.warnings
    assert len(direct.rows) == 20_000 and "Zoë Ødegård" in set(direct.rows["name"])
    bytes_read = sheet_module.sheet_from_utf8(data, "big.csv")[0] is not None
    assert bytes_read == (kind not in {"windows-1252", "mixed-crlf", "blank-line"})
    assert ("could not be read" in " ".join(direct.warnings)) == (kind == "replacement-char")


def test_a_wider_line_far_below_the_head_still_reads_every_column() -> None:
    """A file without quotes is read at the width of its first lines without a scan first; a wider line
    further down (here line 15,000 of 20,000) makes DuckDB refuse that, and the scan's width reads it."""
    data = _big(15_000, "Ann Lee,ann@x.org,Acme,3/14/2025,an extra note")
    cells = read_regular(data.decode(), ",")
    assert cells is not None and cells.shape == (20_001, 5)
    assert cells.iloc[14_999].tolist() == ["Ann Lee", "ann@x.org", "Acme", "3/14/2025", "an extra note"]
    assert cells.iloc[1].tolist() == ["Person 2", "p2@example.org", "Org 2", "3/14/2025", ""]


def test_a_large_file_holds_each_distinct_cell_once() -> None:
    """A large file's columns hold each distinct trimmed text once and a code per row (so a million rows
    naming 20,000 people do not hold a million strings); cells that differ only in the spaces around them
    read as one text, as in the Python reader."""
    data = _big(10_000, "  Org 7 ,  \u00a0p7@example.org,Org 7 ,3/14/2025")
    sheet = sheet_module.sheet_from_utf8(data, "big.csv")[0]
    assert sheet is not None
    organisations = sheet.cells[2]
    assert isinstance(organisations.dtype, pd.CategoricalDtype)
    assert sorted(organisations.cat.categories) == sorted(["Organization", *(f"Org {i}" for i in range(50))])
    assert organisations.iloc[9_999] == "Org 7" and sheet.cells[1].iloc[9_999] == "p7@example.org"


def test_a_file_too_large_for_shared_memory_is_read_from_the_temporary_directory(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Without a shared-memory file system with room for the file, the upload's copy goes to the system's
    temporary directory and reads the same."""
    data = _big(10_000, "Ann Lee,ann@x.org,Acme,3/14/2025")
    direct = parse_file(data, file_name="big.csv")
    monkeypatch.setattr(duckread_module, "_SHM", "/nonexistent/shm")
    assert duckread_module._scratch(len(data)) is None
    again = parse_file(data, file_name="big.csv")
    pd.testing.assert_frame_equal(direct.rows, again.rows)
    assert len(again.rows) == 20_000


@pytest.mark.parametrize(
    "mapping",
    [
        {"name": "Quién", "email": "Correo", "organisation": "Empresa", "meeting_date": "Día"},
        {"first_name": "Quién", "last_name": "Empresa", "meeting_date": "Día", "meeting_kind": "Correo"},
    ],
    ids=["name", "first-last"],
)
def test_a_hand_mapped_file_reads_the_same_whichever_reader_ran(
    mapping: dict[str, str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """A file whose columns the convener matched by hand gives the same rows, rejects and warnings from
    the DuckDB reader (its columns as codes) as from the Python reader."""
    data = (ROOT / "tests" / "ingest" / "fixtures" / "unrecognised_columns.csv").read_bytes()
    exact = parse_with_mapping(data, file_name="u.csv", mapping=mapping)
    monkeypatch.setattr(sheet_module, "FAST_READ_CHARS", 0)
    fast = parse_with_mapping(data, file_name="u.csv", mapping=mapping)
    pd.testing.assert_frame_equal(exact.rows, fast.rows)
    pd.testing.assert_frame_equal(exact.rejected, fast.rejected)
    assert fast.warnings == exact.warnings and _nan_cells(fast.rows) == []
    assert len(fast.rows) > 0


RAW_TOKENS = st.sampled_from(
    ['"', '""', " ", ",", "a", "b c", "\t", "\u00a0", "\u200b", "'", "\\", '"a"', '"a, b"', '" "']
)


@settings(max_examples=150, deadline=None)
@given(st.lists(RAW_TOKENS, min_size=1, max_size=8).map("".join))
def test_any_hand_typed_line_reads_the_same_both_ways(line: str) -> None:
    """Lines as a person types them (stray, doubled and spaced quotes, not what a csv writer makes): when
    the fast reader accepts the file it gives the Python reader's cells, else the Python reader reads it."""
    _assert_read_alike(f"Name,Email\n{line}\nBo Lee,bo@x.org\n")


@pytest.mark.parametrize("first", ["5/6/2026", "3/4/2026"])
def test_a_large_files_ambiguous_date_example_is_its_first_ambiguous_date(
    first: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The date-order note quotes the file's first ambiguous date, whichever reader ran (the fast one
    reads the date column's distinct texts from its codes, not from a million spelled-out cells)."""
    other = "3/4/2026" if first == "5/6/2026" else "5/6/2026"
    rows = [f"P{i},p{i}@x.org,{first if i % 2 == 0 else other}" for i in range(30_000)]
    data = ("Name,Email,Date\n" + "\n".join(rows) + "\n").encode()
    fast = parse_file(data, file_name="dates.csv")
    monkeypatch.setattr(sheet_module, "FAST_READ_CHARS", 10**12)
    exact = parse_file(data, file_name="dates.csv")
    assert fast.warnings == exact.warnings
    assert f"Dates such as '{first}' could be read day first or month first" in fast.warnings[0]
