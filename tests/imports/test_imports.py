"""Importing attendance files: plans, one-transaction writes, idempotence, overlap, undo, atomicity."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import duckdb
import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from refresh_core.errors import NotFoundError, RefreshError, ValidationError
from refresh_core.hosting.export import export_all
from refresh_core.imports import write as import_write
from refresh_core.imports.apply import apply_import, file_digest, import_files, plan_import
from refresh_core.imports.batches import import_history, undo_import
from refresh_core.ingest import EmptyFileError, ImportFileError, parse_file
from refresh_core.partnerships import ensure_partnership
from tests.importing import CORE_TABLES, PARTNERSHIP, count, fixture, load, sheet, snapshot

MIXED = ("signin_spring.csv", "zoom_spring.csv", "teams_action_team.csv")


def _mixed(conn: duckdb.DuckDBPyConnection) -> None:
    for name in MIXED:
        load(conn, fixture(name), name)


def test_mixed_files_give_right_meetings_and_no_duplicate_people(conn: duckdb.DuckDBPyConnection) -> None:
    """Sign-in sheet + Zoom report of the same meeting + a Teams action-team report: 2 meetings, 8 people."""
    _mixed(conn)
    meetings = conn.execute(
        "SELECT date, title, kind, (SELECT count(*) FROM attendance a WHERE a.meeting_id = m.id)"
        " FROM meeting m ORDER BY date"
    ).fetchall()
    assert meetings == [
        (dt.date(2026, 3, 12), "Spring Quarterly Meeting", "quarterly", 7),
        (dt.date(2026, 3, 26), "Workforce Pipeline Action Team", "action_team", 4),
    ]
    names = [r[0] for r in conn.execute("SELECT full_name FROM person ORDER BY full_name").fetchall()]
    assert names == [
        "Alex Kim",
        "Dana Brooks",
        "Jordan Ellis",
        "Maria Lopez",
        "Priya Patel",
        "Sam Okafor",
        "Tom Reyes",
        "Wei Chen",  # (signed in as "Chen, Wei")
    ]
    assert count(conn, "SELECT count(*) FROM person_review") == 0


def test_mixed_files_place_people_in_the_right_kind(conn: duckdb.DuckDBPyConnection) -> None:
    """Zoom-only people land in the organisation their company domain belongs to; the host is recorded."""
    _mixed(conn)
    rows = dict(
        conn.execute(
            "SELECT p.full_name, o.name || ' / ' || o.kind FROM person p "
            "LEFT JOIN organisation o ON o.id = p.organisation_id"
        ).fetchall()
    )
    assert rows["Tom Reyes"] == "Harbor Precision / industry"
    assert rows["Jordan Ellis"] == "Lakeshore Workforce Board / public_partner"
    assert rows["Alex Kim"] is None
    roles = conn.execute(
        "SELECT p.full_name, a.role FROM attendance a JOIN person p ON p.id = a.person_id "
        "WHERE a.role <> 'participant' ORDER BY 1"
    ).fetchall()
    assert roles == [("Jordan Ellis", "host"), ("Maria Lopez", "host")]


def test_zoom_fills_missing_minutes_of_sign_in_attendance(conn: duckdb.DuckDBPyConnection) -> None:
    """The in-person record wins, but the Zoom report's total minutes (rejoins added) fill it in."""
    _mixed(conn)
    minutes = conn.execute(
        "SELECT a.minutes FROM attendance a JOIN person p ON p.id = a.person_id "
        "JOIN meeting m ON m.id = a.meeting_id WHERE p.full_name = 'Maria Lopez' "
        "AND m.kind = 'quarterly'"
    ).fetchone()
    assert minutes == (114,)


def test_leading_zero_phone_numbers_stay_text(conn: duckdb.DuckDBPyConnection) -> None:
    """A phone like 02134 (ZIP-like) or '0161 496 0000' is stored exactly as written."""
    load(conn, fixture("signin_spring.csv"))
    phones = dict(conn.execute("SELECT full_name, phone FROM person WHERE phone IS NOT NULL").fetchall())
    assert phones == {"Maria Lopez": "02134", "Wei Chen": "0161 496 0000"}


def test_same_bytes_twice_is_already_imported_and_changes_nothing(conn: duckdb.DuckDBPyConnection) -> None:
    """Re-importing a file reports when and by which batch it was imported, and writes nothing."""
    first = load(conn, fixture("zoom_spring.csv"), "zoom.csv")
    before = snapshot(conn)
    again = load(conn, fixture("zoom_spring.csv"), "renamed.csv")
    assert again.status == "already_imported" and again.batch_id == first.batch_id
    assert "zoom.csv" in again.warnings[0] and "import 1" in again.warnings[0]
    assert (again.attendance_added, again.people_added) == (0, 0)
    assert snapshot(conn) == before


def test_overlapping_files_never_double_count(conn: duckdb.DuckDBPyConnection) -> None:
    """A re-saved copy of a report (different bytes, same people) adds no attendance."""
    load(conn, fixture("zoom_spring.csv"))
    copy = load(conn, fixture("zoom_spring.csv") + b"\n", "zoom copy.csv")
    assert copy.status == "imported"
    assert (copy.attendance_added, copy.people_added, copy.people_matched) == (0, 0, 5)
    assert count(conn, "SELECT count(*) FROM attendance") == 5


def _export(conn: duckdb.DuckDBPyConnection, where: Path) -> dict[str, bytes]:
    export_all(conn, directory=where)
    return {p.name: p.read_bytes() for p in sorted(where.iterdir()) if p.name != "manifest.json"}


def test_undo_round_trip_restores_the_database(conn: duckdb.DuckDBPyConnection, tmp_path: Path) -> None:
    """Importing the Zoom report after the sign-in sheet, then undoing it, gives back the same export."""
    load(conn, fixture("signin_spring.csv"))
    before = _export(conn, tmp_path / "before")
    result = load(conn, fixture("zoom_spring.csv"), "zoom.csv")
    assert result.batch_id is not None
    undone = undo_import(conn, batch_id=result.batch_id)
    assert (undone.attendance_removed, undone.people_removed, undone.values_restored) == (2, 2, 3)
    assert _export(conn, tmp_path / "after") == before


def test_undo_keeps_what_later_imports_still_use(conn: duckdb.DuckDBPyConnection) -> None:
    """Undoing the first import keeps the people a later import's attendance refers to."""
    first = load(conn, fixture("zoom_spring.csv"))
    load(conn, fixture("teams_action_team.csv"))
    undone = undo_import(conn, batch_id=first.batch_id or 0)
    assert undone.attendance_removed == 5 and undone.meetings_removed == 1
    names = {r[0] for r in conn.execute("SELECT full_name FROM person").fetchall()}
    assert names == {"Maria Lopez", "Tom Reyes", "Priya Patel", "Alex Kim"}  # (Teams: "Patel, Priya")
    assert list(import_history(conn)["file_name"]) == ["sheet.csv"]
    with pytest.raises(NotFoundError):
        undo_import(conn, batch_id=first.batch_id or 0)


@pytest.mark.parametrize("step", ["_meetings", "_attendance", "_reviews"])
def test_failure_midway_leaves_database_unchanged(
    conn: duckdb.DuckDBPyConnection, monkeypatch: pytest.MonkeyPatch, step: str
) -> None:
    """If any write step fails, the whole import is rolled back: no batch, people or meetings."""
    load(conn, fixture("signin_spring.csv"))
    before = snapshot(conn)

    def boom(*args: object, **kwargs: object) -> None:
        raise RuntimeError("disk full")

    monkeypatch.setattr(import_write, step, boom)
    with pytest.raises(RuntimeError):
        load(conn, fixture("zoom_spring.csv"))
    assert snapshot(conn) == before


def test_unreadable_second_file_writes_nothing(conn: duckdb.DuckDBPyConnection) -> None:
    """Several files in one call: an empty one stops all of them, with the parser's own message."""
    with pytest.raises(EmptyFileError) as caught:
        import_files(
            conn, partnership="New One", files=[("zoom.csv", fixture("zoom_spring.csv")), ("empty.csv", b"")]
        )
    assert str(caught.value) == str(EmptyFileError("empty.csv"))
    assert count(conn, "SELECT count(*) FROM partnership") == 0
    assert count(conn, "SELECT count(*) FROM person") == 0


def test_plan_previews_without_writing(conn: duckdb.DuckDBPyConnection) -> None:
    """A plan lists meetings, new and matched people and rejected rows, and writes nothing."""
    pid = ensure_partnership(conn, name=PARTNERSHIP).id
    load(conn, fixture("signin_spring.csv"))
    before = snapshot(conn)
    data = fixture("zoom_spring.csv")
    plan = plan_import(
        conn, partnership_id=pid, parsed=parse_file(data, file_name="zoom.csv"), sha256=file_digest(data)
    )
    assert snapshot(conn) == before
    assert plan.meetings[["title", "attendees", "new"]].values.tolist() == [
        ["Spring Quarterly Meeting", 5, False]
    ]
    assert (plan.people_new, plan.people_matched, plan.attendance_new) == (2, 3, 2)
    assert plan.ready and plan.already_imported is None
    signin = plan_import(
        conn,
        partnership_id=pid,
        parsed=parse_file(fixture("signin_spring.csv"), file_name="s"),
        sha256=file_digest(fixture("signin_spring.csv")),
    )
    assert signin.already_imported is not None and signin.rejected["line"].tolist() == [7]


def test_plan_is_recomputed_when_the_database_changed(conn: duckdb.DuckDBPyConnection) -> None:
    """Applying a plan made before another import still adds each attendance only once."""
    pid = ensure_partnership(conn, name=PARTNERSHIP).id
    data = fixture("zoom_spring.csv")
    plan = plan_import(conn, partnership_id=pid, parsed=parse_file(data, file_name="z.csv"))
    load(conn, data + b"\n", "copy.csv")
    result = apply_import(conn, plan=plan)
    assert (result.attendance_added, result.people_added) == (0, 0)
    assert count(conn, "SELECT count(*) FROM attendance") == 5


def test_edited_meeting_date_title_and_kind_are_used(conn: duckdb.DuckDBPyConnection) -> None:
    """The meetings table the convener edited (date, title, kind) is what gets written."""
    pid = ensure_partnership(conn, name=PARTNERSHIP).id
    data = fixture("zoom_spring.csv")
    parsed = parse_file(data, file_name="z.csv")
    first = plan_import(conn, partnership_id=pid, parsed=parsed)
    edits = first.meetings.assign(date=dt.date(2026, 3, 13), title="Spring Refresh", kind="refresh")
    plan = plan_import(conn, partnership_id=pid, parsed=parsed, meetings=edits)
    apply_import(conn, plan=plan)
    assert conn.execute("SELECT date, title, kind FROM meeting").fetchall() == [
        (dt.date(2026, 3, 13), "Spring Refresh", "refresh")
    ]


NO_DATE = ("Name", "Email", "Organization")


@pytest.mark.parametrize(
    ("options", "title", "kind"),
    [
        ({"meeting_title": "Fall Quarterly Meeting"}, "Fall Quarterly Meeting", "quarterly"),
        ({"meeting_title": "Partnership relaunch"}, "Partnership relaunch", "refresh"),
        ({"meeting_kind": "launch"}, "Meeting on 12 Mar 2026", "launch"),
        ({}, "Meeting on 12 Mar 2026", "other"),
    ],
)
def test_meeting_title_and_kind_for_files_without_them(
    conn: duckdb.DuckDBPyConnection, options: dict[str, str], title: str, kind: str
) -> None:
    """Title words set the kind; else the supplied kind; else 'other'; untitled meetings get a dated title."""
    load(
        conn,
        sheet([("Ann Bell", "ann@a.com", "A Co")], NO_DATE),
        meeting_date=dt.date(2026, 3, 12),
        **options,
    )
    assert conn.execute("SELECT title, kind FROM meeting").fetchall() == [(title, kind)]


def test_untitled_file_joins_the_one_meeting_that_day(conn: duckdb.DuckDBPyConnection) -> None:
    """A dated file without titles attaches to the meeting already recorded on that date."""
    load(conn, fixture("signin_spring.csv"))
    load(
        conn,
        sheet([("Ann Bell", "ann@a.com", "A Co")], NO_DATE),
        "late.csv",
        meeting_date=dt.date(2026, 3, 12),
    )
    assert count(conn, "SELECT count(*) FROM meeting") == 1
    assert count(conn, "SELECT count(*) FROM attendance") == 6


def test_missing_meeting_date_is_refused_with_what_to_do(conn: duckdb.DuckDBPyConnection) -> None:
    """A file without dates needs the meeting date; nothing is written until it is given."""
    with pytest.raises(ValidationError, match="no meeting date") as refused:
        load(conn, sheet([("Ann Bell", "ann@a.com", "A Co")], NO_DATE))
    assert count(conn, "SELECT count(*) FROM person") == 0
    assert "command line" not in str(refused.value)  # (the app shows the core's words: each edge says where)


EVENTBRITE = b"""Order #,Order Date,First Name,Last Name,Email,Ticket Type,Attendee Status
1001,2/1/2026,Ann,Bell,ann@a.com,General Admission,Checked In
1002,2/1/2026,Bo,Chan,bo@b.com,General Admission,Attending
1003,2/2/2026,Cy,Diaz,cy@c.com,General Admission,Checked In
"""


def test_eventbrite_counts_only_checked_in(conn: duckdb.DuckDBPyConnection) -> None:
    """Registrations that never checked in are not attendance; the report says how many were left out."""
    result = load(
        conn, EVENTBRITE, "eventbrite.csv", meeting_date=dt.date(2026, 3, 12), meeting_title="Spring Launch"
    )
    assert result.format == "eventbrite" and result.attendance_added == 2
    assert any("1 registration was not checked in" in w for w in result.warnings)
    assert conn.execute("SELECT kind FROM meeting").fetchone() == ("launch",)


def test_one_file_many_meetings(conn: duckdb.DuckDBPyConnection) -> None:
    """A sheet holding several dates and meeting names becomes one meeting per date and name."""
    rows = [
        ("Ann Bell", "ann@a.com", "A Co", "1/15/2026", "Quarterly"),
        ("Ann Bell", "ann@a.com", "A Co", "2/19/2026", "Skills action team"),
        ("Bo Chan", "bo@b.com", "B Co", "1/15/2026", "Quarterly "),
    ]
    result = load(conn, sheet(rows))
    assert [(m["date"], m["kind"], m["attendees"]) for m in result.meetings] == [
        ("2026-01-15", "quarterly", 2),
        ("2026-02-19", "action_team", 1),
    ]


HEADERS = ("Name", "Email", "Organization", "Title", "Date", "Meeting", "Phone", "Sector", "Notes")
CELL = st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=12) | st.sampled_from(
    ["", "Ann Bell", "ann@a.com", "3/12/2026", "13/13/2026", "Industry", "=1+1", "0123", "Quarterly"]
)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    header=st.lists(st.sampled_from(HEADERS), min_size=1, max_size=6, unique=True),
    rows=st.lists(st.lists(CELL, min_size=0, max_size=7), max_size=6),
    delimiter=st.sampled_from([",", ";", "\t"]),
)
def test_arbitrary_csv_imports_or_fails_cleanly(
    conn: duckdb.DuckDBPyConnection, header: list[str], rows: list[list[str]], delimiter: str
) -> None:
    """Any CSV text either imports (and undoes cleanly) or raises a typed error, leaving no partial rows."""
    ensure_partnership(conn, name=PARTNERSHIP)
    text = "\n".join(
        delimiter.join(c.replace(delimiter, " ").replace('"', "'") for c in r) for r in [header, *rows]
    )
    before = snapshot(conn, CORE_TABLES)
    try:
        result = load(conn, text.encode("utf-8"), meeting_date=dt.date(2026, 1, 1))
    except (ImportFileError, RefreshError):
        assert snapshot(conn, CORE_TABLES) == before
        return
    assert result.rows_read >= result.rows_rejected
    if result.status == "imported" and result.batch_id is not None:
        assert (
            count(conn, "SELECT count(*) FROM attendance WHERE batch_id = ?", [result.batch_id])
            == result.attendance_added
        )
        undo_import(conn, batch_id=result.batch_id)
    assert snapshot(conn, CORE_TABLES) == before


def test_history_lists_batches_newest_first(conn: duckdb.DuckDBPyConnection) -> None:
    """The history shows each file, what it added, and what of that is still there."""
    _mixed(conn)
    history = import_history(conn)
    assert list(history["file_name"]) == ["teams_action_team.csv", "zoom_spring.csv", "signin_spring.csv"]
    assert history["attendance_now"].tolist() == [4, 2, 5]
    assert isinstance(history, pd.DataFrame) and set(history["partnership"]) == {PARTNERSHIP}


def test_undo_is_one_transaction(conn: duckdb.DuckDBPyConnection, monkeypatch: pytest.MonkeyPatch) -> None:
    """If removing the batch's meetings and people fails, its attendance is not removed either."""
    from refresh_core.imports import batches

    result = load(conn, fixture("zoom_spring.csv"))
    before = snapshot(conn)

    def boom(*args: object) -> None:
        raise RuntimeError("disk full")

    monkeypatch.setattr(batches, "_sweep", boom)
    with pytest.raises(RuntimeError):
        undo_import(conn, batch_id=result.batch_id or 0)
    assert snapshot(conn) == before


def test_later_file_fills_organisation_and_undo_takes_it_back(conn: duckdb.DuckDBPyConnection) -> None:
    """A personal-mail attendee gets the company a later sign-in sheet gives; undoing that file removes it."""
    load(conn, sheet([("Sam Okafor", "sokafor@gmail.com", "")], NO_DATE), "zoom.csv",
         meeting_date=dt.date(2026, 3, 1))
    row = ("Sam Okafor", "sokafor@gmail.com", "Okafor Tooling", "3/12/2026", "Q")
    later = load(conn, sheet([row]), "s.csv")
    assert later.people_matched == 1
    assert conn.execute("SELECT o.name FROM person p JOIN organisation o ON o.id = p.organisation_id"
                        ).fetchall() == [("Okafor Tooling",)]
    undo_import(conn, batch_id=later.batch_id or 0)
    assert conn.execute("SELECT organisation_id FROM person").fetchall() == [(None,)]
    assert count(conn, "SELECT count(*) FROM organisation") == 0
