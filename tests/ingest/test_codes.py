"""The parser's integer codes (ParsedFile.codes): the planner trusts them to group rows, so rows that
share a code must have equal person (and meeting) cells, in every fixture and in messy sign-in sheets."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from refresh_core.imports.rows import PERSON_CELLS
from refresh_core.ingest import ImportFileError, parse_file
from refresh_core.ingest.coded import first_rows
from tests.ingest.conftest import FIXTURES

MEETING_CELLS = ["meeting_date", "meeting_title", "meeting_kind"]


def _assert_codes_finer(rows: pd.DataFrame, codes: pd.DataFrame) -> None:
    """Within each code, every cell of the group's columns is the same (missing equal to missing)."""
    assert len(codes) == len(rows)
    for code, cells in (("person", PERSON_CELLS), ("meeting", MEETING_CELLS)):
        text = rows[cells].astype(str).assign(code=codes[code].to_numpy())
        spread = text.groupby("code")[cells].nunique(dropna=False)
        assert (spread <= 1).all().all(), f"{code} code joins rows whose cells differ"


@pytest.mark.parametrize("path", sorted(FIXTURES.glob("*.csv")), ids=lambda p: p.name)
def test_fixture_codes_never_join_different_cells(path: Path) -> None:
    """Every fixture that reads: its codes (when given) split rows at least as finely as its cells."""
    try:
        parsed = parse_file(path.read_bytes(), file_name=path.name)
    except ImportFileError:
        pytest.skip(f"{path.name} is a file meant to be refused")
    if parsed.codes is not None:
        _assert_codes_finer(parsed.rows, parsed.codes)


CELL = st.sampled_from(
    [
        "Ana Diaz",
        "ana diaz",
        " Ana  Diaz ",
        "",
        "ANA@X.ORG",
        "ana@x.org",
        "Acme",
        "acme",
        "Industry",
        "education",
        "5/1/2026",
        "05/01/2026",
        "Quarterly",
        "quarterly meeting",
    ]
)


@settings(max_examples=40, deadline=None)
@given(st.lists(st.tuples(*[CELL for _ in range(7)]), min_size=1, max_size=30))
def test_messy_sheet_codes_never_join_different_cells(lines: list[tuple[str, ...]]) -> None:
    """A sign-in sheet of near-identical spellings: rows sharing a code have equal cleaned cells."""
    head = "Name,Email,Organization,Affiliation,Date,Meeting,Meeting type\n"
    body = "".join(",".join(cells) + "\n" for cells in lines)
    try:
        parsed = parse_file((head + body).encode(), file_name="messy.csv")
    except ImportFileError:
        return  # (no row with a name or email: nothing to group)
    if parsed.codes is not None:
        _assert_codes_finer(parsed.rows, parsed.codes)


def test_plain_sheet_gives_codes_and_repeats_do_not() -> None:
    """A sheet of distinct sign-ins carries codes; one whose rows collapse (same person twice at one
    meeting) carries none, and the planner groups its cells itself."""
    head = "Name,Email,Date,Meeting\n"
    plain = parse_file(
        (head + "Ana,ana@x.org,5/1/2026,Q\nBen,ben@x.org,5/1/2026,Q\n").encode(), file_name="a.csv"
    )
    assert plain.codes is not None and list(plain.codes["person"]) == [0, 1]
    twice = parse_file(
        (head + "Ana,ana@x.org,5/1/2026,Q\nAna,ana@x.org,5/1/2026,Q\n").encode(), file_name="b.csv"
    )
    assert twice.codes is None and len(twice.rows) == 1


@settings(max_examples=200, deadline=None)
@given(st.lists(st.integers(min_value=-3, max_value=40), max_size=60))
def test_first_rows_are_numpys_first_indices(values: list[int]) -> None:
    """The first row of each distinct code, in order of the codes (found by hashing, which is ten times
    cheaper than numpy's sort on a million rows), is exactly what numpy's unique gives."""
    codes = np.asarray(values, dtype=np.int64)
    assert first_rows(codes).tolist() == np.unique(codes, return_index=True)[1].tolist()
