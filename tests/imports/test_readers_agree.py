"""A hurried convener's sheet reads and imports the same whichever reader ran.

Large UTF-8 files are read by DuckDB into coded columns (each distinct trimmed text once, a code per
row); small ones by Python's csv module into text. Generated sign-in sheets (first and last name
columns, 'Jane Doe <jane@x.org>' in an email column, names that differ only by spaces, no-break or
zero-width characters, 'null' titles, unknown meeting types and roles, unreadable minutes and dates,
Eventbrite check-ins, affiliations, repeated header rows, the same person twice at a meeting) are read
both ways (``FAST_READ_CHARS = 0`` sends any file to DuckDB) and must give the same rows, rejects,
warnings and header, with None (never NaN) in empty cells; imported into a fresh store, the same people,
organisations, meetings, attendance and review queue. A large sheet of such rows, repeated past the
DuckDB reader's threshold, is compared with the Python reader reading the very same bytes.
"""

from __future__ import annotations

import csv
import io
from random import Random
from typing import Any

import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from refresh_core.db import connect
from refresh_core.imports.apply import import_files
from refresh_core.ingest import ImportFileError, ParsedFile, parse_file
from refresh_core.ingest import sheet as sheet_module

HEADERS = [
    "Name", "First Name", "Last Name", "Email", "Organization", "Title", "Phone", "Affiliation", "Date",
    "Meeting", "Meeting type", "Role", "Minutes", "Checked in", "Attendee Status", "Notes",
]  # fmt: skip
CELLS = [
    "", " ", "\u00a0", "\u200b", "Ana Diaz", "ana diaz", " Ana  Diaz ", "Ana\u00a0Diaz", "Ana\u200bDiaz",
    "Jane Doe <jane@x.org>", "jane@x.org", "JANE@X.ORG", "bob@", "<b@x.org>", "null", "NULL", "None",
    "nan", "NaN", "N/A", "Name", "Email", "Date", "3/1/2025", "03/01/2025", "13/1/2025", "2025-03-01",
    "soon", "45000", "host", "observer", "organizer", "wizard", "30", "1:30", "x", "-5", "1h 20m",
    "industry", "education", "zzz", "Acme", "acme", "Acme Inc", "Checked In", "Attending", "yes", "no",
    "Quarterly", "quarterly meeting", "launch", "blorp", "=1+2", "Guest (Guest)", "O'Neil", "a,b",
    "Bo Lee", "bo@acme.com", "CEO", "3/2/2025",
]  # fmt: skip
TABLES = ["person", "organisation", "meeting", "attendance", "person_review"]


def _csv(rows: list[list[str]]) -> bytes:
    out = io.StringIO()
    csv.writer(out, lineterminator="\n").writerows(rows)
    return out.getvalue().encode()


@st.composite
def sheets(draw: st.DrawFn) -> list[list[str]]:
    """A header of 1-7 known columns (usually a name and a date) and 1-14 rows of messy cells, sometimes
    with a row repeated (the same person twice at a meeting) or the header repeated in the body."""
    columns = draw(st.lists(st.sampled_from(HEADERS), min_size=1, max_size=7, unique=True))
    if draw(st.booleans()) and "Date" not in columns:
        columns.append("Date")
    body = draw(st.lists(st.lists(st.sampled_from(CELLS), min_size=len(columns), max_size=len(columns)),
                         min_size=1, max_size=14))  # fmt: skip
    if draw(st.booleans()):
        body.append(list(body[draw(st.integers(0, len(body) - 1))]))
    if draw(st.integers(0, 4)) == 0:
        body.insert(draw(st.integers(0, len(body))), list(columns))
    return [columns, *body]


def _parse(data: bytes, monkeypatch: pytest.MonkeyPatch, chars: int) -> ParsedFile | str:
    monkeypatch.setattr(sheet_module, "FAST_READ_CHARS", chars)
    try:
        return parse_file(data, file_name="sheet.csv")
    except ImportFileError as error:
        return str(error)


def _nan_cells(rows: pd.DataFrame) -> list[tuple[str, int]]:
    """(column, row) of every float NaN in the public rows (assert_frame_equal takes NaN for None)."""
    cells = ((str(c), i, v) for c in rows.columns for i, v in enumerate(rows[c]))
    return [(c, i) for c, i, v in cells if isinstance(v, float) and v != v]


def _assert_same_parse(exact: ParsedFile | str, fast: ParsedFile | str) -> None:
    if isinstance(exact, str) or isinstance(fast, str):
        assert exact == fast  # (a refused file is refused with the same words)
        return
    pd.testing.assert_frame_equal(exact.rows, fast.rows)
    assert _nan_cells(exact.rows) == _nan_cells(fast.rows) == []
    pd.testing.assert_frame_equal(exact.rejected, fast.rejected)
    assert (exact.format, exact.warnings, exact.header) == (fast.format, fast.warnings, fast.header)


def _stored(data: bytes, monkeypatch: pytest.MonkeyPatch, chars: int) -> Any:
    """What importing the file into a fresh store writes (without times of day), or the error's words."""
    monkeypatch.setattr(sheet_module, "FAST_READ_CHARS", chars)
    conn = connect(":memory:")
    try:
        results = import_files(conn, partnership="P", files=[("sheet.csv", data)])
    except Exception as error:  # (the same refusal either way; a crash shows as a difference)
        return (type(error).__name__, str(error))
    tables = {}
    for table in TABLES:
        frame = conn.execute(f"SELECT * FROM {table}").df()
        frame = frame.drop(columns=[c for c in frame.columns if c.endswith("_at") or c == "batch_ids"])
        tables[table] = frame.sort_values(list(frame.columns), kind="stable").reset_index(drop=True)
    return tables, [r.to_json() for r in results]


def _assert_same_store(exact: Any, fast: Any) -> None:
    assert type(exact) is type(fast)
    if isinstance(exact, tuple) and isinstance(exact[0], str):
        assert exact == fast
        return
    for table in TABLES:
        pd.testing.assert_frame_equal(exact[0][table], fast[0][table], obj=table)
    assert exact[1] == fast[1]


@settings(max_examples=80, deadline=None)
@given(sheets())
def test_a_messy_sheet_parses_the_same_whichever_reader_ran(rows: list[list[str]]) -> None:
    """The rows, rejects and warnings a convener sees do not depend on the file's size."""
    with pytest.MonkeyPatch.context() as monkeypatch:
        data = _csv(rows)
        _assert_same_parse(_parse(data, monkeypatch, 10**12), _parse(data, monkeypatch, 0))


@settings(max_examples=12, deadline=None)
@given(sheets())
def test_a_messy_sheet_imports_the_same_whichever_reader_ran(rows: list[list[str]]) -> None:
    """The people, organisations, meetings, attendance and review queue written do not depend on the
    file's size."""
    with pytest.MonkeyPatch.context() as monkeypatch:
        data = _csv(rows)
        _assert_same_store(_stored(data, monkeypatch, 10**12), _stored(data, monkeypatch, 0))


def _large_sheet(seed: int) -> bytes:
    """20,000 sign-ins of 4,000 people (over 800,000 characters: DuckDB reads it by default), one in
    twenty with messy cells, a few with unreadable dates."""
    rng = Random(seed)
    head = ["Name", "Email", "Organization", "Title", "Date", "Meeting", "Meeting type", "Role", "Minutes",
            "Affiliation", "Phone"]  # fmt: skip
    rows = [head]
    for i in range(20_000):
        p = rng.randint(0, 4_000)
        email = f"p{p}@example.org" if p % 3 else ""
        row = [f"Person {p}", email, f"Org {p % 300}", "", f"3/{1 + i % 28}/2025", f"Meeting {i % 40}",
               "quarterly", "", str(p % 90), "industry", ""]  # fmt: skip
        if rng.random() < 0.05:
            row = [rng.choice(CELLS) if rng.random() < 0.6 and k != 4 else c for k, c in enumerate(row)]
            if rng.random() < 0.1:
                row[4] = rng.choice(["soon", "13/13/2025", "2025-03-01", "45000"])
        rows.append(row)
    return _csv(rows)


def test_a_large_messy_sheet_reads_and_imports_as_the_python_reader_reads_it(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """The same large file gives the same rows, rejects, warnings and stored attendance from DuckDB's
    coded columns as from the Python reader's text."""
    data, default = _large_sheet(1), sheet_module.FAST_READ_CHARS
    assert len(data) > 4 * sheet_module.FAST_READ_CHARS
    assert sheet_module.sheet_from_utf8(data, "sheet.csv")[0] is not None  # (DuckDB reads it)
    fast = _parse(data, monkeypatch, default)
    exact = _parse(data, monkeypatch, 10**12)
    _assert_same_parse(exact, fast)
    assert not isinstance(fast, str) and len(fast.rows) > 19_000 and len(fast.rejected) > 0
    _assert_same_store(_stored(data, monkeypatch, 10**12), _stored(data, monkeypatch, default))
