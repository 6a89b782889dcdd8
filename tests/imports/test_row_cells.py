"""The cells of an import's rows are cleaned once per distinct value, recognising in Arrow the cells
that are already clean: the result is exactly what the one-cell parsers give."""

from __future__ import annotations

import pandas as pd
from hypothesis import given, settings
from hypothesis import strategies as st

from refresh_core.emails import parse_email
from refresh_core.imports.organisations import company_domains
from refresh_core.imports.rows import _emails
from refresh_core.people.keys import tidy, tidy_texts

EMAILS = [
    "jane@x.org", "Jane@X.org", "jane@x.org.", "<jane@x.org>", "Jane Doe <jane@x.org>", "mailto:jane@x.org",
    "jane@x.o", "jane@x.org1", "jane@x.c0m", "'jane@x.org'", "a@b.cd", "@x.org", "jane@", "jane@x",
    "j ane@x.org", "jane@x.org;bob@y.org", "jane@x.org!", "{jane}@x.org", "jané@x.org", "x" * 395 + "@a.org",
    "x" * 396 + "@a.org", "jane@@x.org", "jane@x..org", ".jane@x.org", "jane.@x.org", "j@x.org\n", "",
]  # fmt: skip
PIECES = st.sampled_from(["jane", "J", "@", ".", "x", "org", "1", "<", ">", " ", ",", ";", "'", "!", "?", "é",
                          "mailto:", "-", "_", "{", "\n", "\xa0"])  # fmt: skip


def test_awkward_addresses_read_as_the_parser_reads_them() -> None:
    """Display names, quotes, trailing dots, upper case, bad shapes and over-long cells."""
    got = _emails(pd.Series(EMAILS, dtype=object)).tolist()
    assert got == [parse_email(v) for v in EMAILS]
    assert got[:3] == ["jane@x.org"] * 3 and got[4] == "jane@x.org" and got[6] is None


@settings(max_examples=300, deadline=None)
@given(st.lists(st.one_of(st.lists(PIECES, max_size=10).map("".join), st.text(max_size=10)), max_size=20))
def test_any_cell_reads_as_the_parser_reads_it(values: list[str]) -> None:
    """For any text, the column reading equals parse_email cell by cell (None where it finds none)."""
    assert _emails(pd.Series(values, dtype=object)).tolist() == [parse_email(v) for v in values]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.one_of(st.text(alphabet=" a\t\xa0\u3000\x1cb\n", max_size=8), st.text(max_size=8)),
                max_size=20))  # fmt: skip
def test_spacing_is_collapsed_as_python_splits(values: list[str]) -> None:
    """Any Unicode spacing collapses to single spaces; a blank cell becomes missing."""
    assert tidy_texts(pd.Series(values, dtype=object)).tolist() == list(map(tidy, values))


def test_cells_that_are_not_text_are_read_as_text() -> None:
    """A number among the names (a spreadsheet cell) is read as its text; missing cells stay missing."""
    got = tidy_texts(pd.Series(["  Ana  Diaz ", None, 12, "Ana Diaz"], dtype=object)).tolist()
    assert got == ["Ana Diaz", None, "12", "Ana Diaz"]


def test_company_domains_are_cut_after_the_last_at_sign() -> None:
    """The company domain of each address (personal mail has none; a cell without '@' is its own text)."""
    cells: list[object] = ["a@harbor.com", "b@gmail.com", None, "odd@x@harbor.org", "a@harbor.com", "nodot"]
    got = company_domains(pd.Series(cells, dtype=object)).tolist()
    assert got == ["harbor.com", None, None, "harbor.org", "harbor.com", "nodot"]
    assert company_domains(pd.Series([], dtype=object)).tolist() == []
