""""Rows read" counts the rows of the file, rejoins included (walk-through, 30 Nov 2026: a Zoom report
of 31 participant rows previewed as "Rows read 27", because four people who left and joined again
were counted once each, and nothing said why the file's rows and the count differ)."""

from __future__ import annotations

from pathlib import Path

import pytest

from refresh_core.db import Connection
from refresh_core.imports.apply import plan_import
from refresh_core.ingest import parse_file
from refresh_core.partnerships import create_partnership
from tests.importing import fixture, load
from ui.import_results import repeats_note, rows_listed

REAL = Path(__file__).resolve().parents[2].parent / "shared" / "real_exports"
HEROES = REAL / "zoom" / "zoomclass_participants_heroes.csv"


@pytest.mark.skipif(not HEROES.is_file(), reason=f"the real exports are not at {REAL}")
def test_the_reported_zoom_report_reads_its_31_rows(conn: Connection) -> None:
    """The reported file: 31 participant rows, 4 of them a second join, so 27 attendances to add; the
    preview's "Rows read" is 31 and its note says why the attendance is fewer."""
    parsed = parse_file(HEROES.read_bytes(), file_name=HEROES.name)
    partnership = create_partnership(conn, name="Heroes")
    plan = plan_import(conn, partnership_id=partnership.id, parsed=parsed)
    assert (plan.rows_read, plan.attendance_new, len(plan.rejected)) == (31, 27, 0)
    assert repeats_note(parsed.merged) == (
        "4 rows repeat someone already listed for the same meeting (they left and joined again, or "
        "signed in twice), so each person counts once per meeting."
    )
    assert len(parsed.rows) == 27 and "(4 rows that repeat someone" in rows_listed(parsed.merged)


def test_an_import_records_every_row_of_the_file(conn: Connection) -> None:
    """The fixture's six participant rows (Maria Lopez joins twice) are six rows read, in the result the
    command line prints and in the import history, for five attendances."""
    result = load(conn, fixture("zoom_spring.csv"), "zoom_spring.csv")
    assert (result.rows_read, result.rows_rejected, result.attendance_added) == (6, 0, 5)
    recorded = conn.execute("SELECT rows_read FROM import_batch WHERE id = ?", [result.batch_id]).fetchone()
    assert recorded is not None and int(recorded[0]) == 6


@pytest.mark.parametrize(
    ("merged", "note"),
    [
        (0, None),
        (1, "1 row repeats someone already listed for the same meeting (they left and joined again, or "
            "signed in twice), so each person counts once per meeting."),
        (1200, "1,200 rows repeat someone already listed for the same meeting (they left and joined again, "
               "or signed in twice), so each person counts once per meeting."),
    ],
)  # fmt: skip
def test_the_note_counts_the_repeated_rows(merged: int, note: str | None) -> None:
    """One row or many, and nothing at all when no row repeats."""
    assert repeats_note(merged) == note


@pytest.mark.parametrize(
    ("merged", "title"),
    [
        (0, "Rows read from the file"),
        (1, "Rows read from the file, each person once per meeting (1 row that repeats someone is counted "
            "in their first row)"),
        (4, "Rows read from the file, each person once per meeting (4 rows that repeat someone are counted "
            "in their first row)"),
    ],
)  # fmt: skip
def test_the_list_of_rows_read_says_why_it_is_shorter_than_the_count(merged: int, title: str) -> None:
    """Walk-through at 1280 px (1 Dec 2026): the reported Zoom report's preview said "Rows read 31" and,
    below it, "Rows read from the file" listed 27 rows, its line numbers skipping the four second joins.
    The list's title now says it holds each person once per meeting and where the repeats went; with no
    repeat it keeps its plain title."""
    assert rows_listed(merged) == title
