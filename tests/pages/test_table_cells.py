"""Read-only tables show every kind of cell DuckDB hands back as words (ui.table's conversion)."""

from __future__ import annotations

import duckdb

from ui.tables import shown


def test_a_list_column_with_a_gap_reads_as_words_not_an_error() -> None:
    """A list column from a query (e.g. the names of a team's champions) with one empty row shows
    "a, b" and a blank cell; it used to fail with "truth value of an array is ambiguous"."""
    frame = duckdb.connect().execute(
        "SELECT * FROM (VALUES (1, ['Ann Lee', 'Bo Chan']), (2, NULL)) t(i, names) ORDER BY i"
    ).df()
    out, _ = shown(frame, {"names": "Champions"})
    assert list(out["names"]) == ["Ann Lee, Bo Chan", ""]
