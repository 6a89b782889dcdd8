"""A people table read by the DuckDB reader stays coded (codes into distinct values) through cleaning,
classifying and collapsing; what a convener sees must not depend on it: the rows, rejected rows,
warnings and codes are the ones the Python reader's text columns give, on messy sheets as well."""

from __future__ import annotations

import csv
import io
import random

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from refresh_core.ingest import parse_file
from refresh_core.ingest import sheet as sheet_module
from refresh_core.ingest.coded import fallback, first_rows, in_order_of_appearance, recode, spelled
from refresh_core.ingest.model import ParsedFile

HEADER = ["Name", "Email", "Organization", "Title", "Date", "Meeting", "Phone", "Affiliation", "Meeting type",
          "Role", "Minutes"]  # fmt: skip
CHOICES = [
    ["Ana Diaz", "  Bo  Li ", "", "Jane Doe", "Zoë Ødegård", "Tom (Guest)", "Sam O'Neil", "NAME", "x"],
    ["", "ana@x.org", "Jane Doe <jane@x.org>", "mailto:BO@Y.COM", "bad@", " sam@z.io ", "x@y.com;", "b@c.de"],
    ["", "Acme", "acme ", "St. Mary's Hospital", "City College", "=cmd()", "null"],
    ["", "CEO", "Plant Manager", "null"],
    ["1/1/2020", "2020-02-03", "", "13/13/2020", "3/4/2021", "1/1/2020 10:00"],
    ["", "Quarterly meeting", "null", "Launch", "Refresh session", "Workshop", "NULL"],
    ["", "555-1234", "17"],
    ["", "industry", "Education", "workforce board", "mystery", "Government"],
    ["", "quarterly", "Workshop", "smoke signal", "Launch", "action team"],
    ["", "host", "Observer", "participant", "co-host"],
    ["", "30", "1:20:00", "abc", "45"],
]


def _sheet(rows: int, columns: list[int], seed: int) -> bytes:
    """A sheet of ``rows`` random messy rows (repeats, blanks, odd emails, unknown words, a repeated
    heading every 997 rows) in these columns, over the size the DuckDB reader takes."""
    pick = random.Random(seed)
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow([HEADER[c] for c in columns])
    for i in range(rows):
        if i % 997 == 500:
            writer.writerow([HEADER[c] for c in columns])
        else:
            writer.writerow([pick.choice(CHOICES[c]) for c in columns])
    return out.getvalue().encode()


def _both_ways(data: bytes, monkeypatch: pytest.MonkeyPatch) -> tuple[ParsedFile, ParsedFile]:
    """(read by DuckDB, coded; read by the Python reader, as text)."""
    monkeypatch.setattr(sheet_module, "FAST_READ_CHARS", 0)
    coded = parse_file(data, file_name="messy.csv")
    monkeypatch.setattr(sheet_module, "FAST_READ_CHARS", 10**12)
    text = parse_file(data, file_name="messy.csv")
    return coded, text


@pytest.mark.parametrize(
    "columns",
    [list(range(11)), [0, 1, 4, 5, 3], [1, 0, 2, 8, 5, 4]],
    ids=["every column", "no affiliation, kind or role", "email first"],
)
def test_a_messy_sheet_reads_the_same_coded_or_as_text(
    columns: list[int], monkeypatch: pytest.MonkeyPatch
) -> None:
    """Rows (names from 'Jane Doe <jane@x.org>' cells, None never NaN), rejected rows, warnings about
    unknown kinds and affiliations, and the codes are the same whichever reader ran."""
    coded, text = _both_ways(_sheet(6_000, columns, seed=len(columns)), monkeypatch)
    pd.testing.assert_frame_equal(coded.rows, text.rows, check_exact=True)
    for column in coded.rows.columns:  # (assert_frame_equal takes NaN for None)
        kinds = coded.rows[column].map(lambda v: type(v).__name__)
        assert kinds.equals(text.rows[column].map(lambda v: type(v).__name__)), column
    pd.testing.assert_frame_equal(coded.rejected, text.rejected, check_exact=True)
    assert coded.warnings == text.warnings
    assert len(coded.rejected) > 0 and len(coded.rows) > 0  # (the sheet has both, or nothing was compared)


def test_a_sheet_without_repeats_keeps_its_codes_whichever_reader_ran(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Every row a different person: no row is collapsed, and both readers give the same codes."""
    lines = ["Name,Email,Meeting,Date"] + [f"Person {i},,Quarterly meeting {i % 3},1/{1 + i % 28}/2025"
                                           for i in range(20_000)]  # fmt: skip
    coded, text = _both_ways(("\n".join(lines) + "\n").encode(), monkeypatch)
    assert coded.codes is not None and text.codes is not None
    pd.testing.assert_frame_equal(coded.codes, text.codes)
    pd.testing.assert_frame_equal(coded.rows, text.rows)
    assert coded.rows["meeting_kind"].eq("quarterly").all()


def test_coded_helpers_keep_missing_apart_from_empty() -> None:
    """``recode`` maps each distinct value (None is missing, "" is a value), ``fallback`` fills missing
    rows from a second column, and ``spelled`` gives objects with None (never NaN) where missing."""
    index = pd.RangeIndex(5)
    first = recode(np.array([0, 1, 2, 1, 0]), ["a", None, ""], index)
    second = recode(np.array([1, 1, 0, 0, -1]), ["z", "y"], index)
    assert spelled(first).tolist() == ["a", None, "", None, "a"]
    assert spelled(fallback(first, second)).tolist() == ["a", "y", "", "z", "a"]
    assert spelled(second, "").tolist() == ["y", "y", "z", "z", ""]


@settings(max_examples=200, deadline=None)
@given(st.lists(st.integers(min_value=0, max_value=6), max_size=30), st.booleans())
def test_first_rows_finds_each_codes_first_row(values: list[int], numbered: bool) -> None:
    """The first row of each distinct code, in order of the codes' values, whether the codes are numbered
    in order of appearance (read without hashing) or not."""
    codes = np.asarray(values, dtype=np.int64)
    codes = pd.factorize(codes)[0] if numbered else codes
    seen: dict[int, int] = {}
    for row, code in enumerate(codes.tolist()):
        seen.setdefault(code, row)
    assert first_rows(codes).tolist() == [seen[code] for code in sorted(seen)]


@settings(max_examples=200, deadline=None)
@given(st.lists(st.integers(min_value=0, max_value=40), max_size=60), st.integers(0, 3000))
def test_codes_in_order_of_appearance_are_pandas_factorisation(values: list[int], spare: int) -> None:
    """Numbering codes by first appearance through a table gives what pandas' factorize gives, for a
    table smaller or larger than the rows."""
    codes = np.asarray(values, dtype=np.int64)
    width = (max(values) + 1 if values else 1) + spare
    assert in_order_of_appearance(codes, width).tolist() == pd.factorize(codes)[0].tolist()
