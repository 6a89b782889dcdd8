"""Several files uploaded together: each later file's preview counts what it adds after the files above
it (imported for the previews only, in one rehearsal rolled back at the end), so people and meetings they
share are counted as matched, as the import itself will count them.

Regression: every file was previewed against the database alone, so a second sign-in sheet naming the
same three new people said "3 new people" although the import then added them once.
"""

from __future__ import annotations

import pytest

from refresh_core.db import Connection
from refresh_core.errors import StorageError
from refresh_core.imports import several
from refresh_core.imports.apply import apply_imports
from refresh_core.imports.several import previews
from refresh_core.imports.upload import Upload
from refresh_core.partnerships import ensure_partnership
from tests import pg
from tests.importing import CORE_TABLES, PARTNERSHIP, sheet, snapshot

ONE_CONNECTION = pytest.mark.skipif(
    pg.enabled(), reason="sessions share one DuckDB connection; PostgreSQL makes the import wait instead"
)

PEOPLE = [("Ann Lee", "ann@acme-tools.com", "Acme Tools"), ("Bo Chan", "bo@brightsteel.com", "Bright Steel"),
          ("Cy Diaz", "cy@corefab.com", "Core Fab")]  # fmt: skip
OCTOBER = sheet([(n, e, o, "10/14/2026", "October employer roundtable") for n, e, o in PEOPLE])
NOVEMBER = sheet([(n, e, o, "11/18/2026", "November employer roundtable") for n, e, o in PEOPLE]
                 + [("Di Evans", "di@deltamarine.com", "Delta Marine", "11/18/2026",
                     "November employer roundtable")])  # fmt: skip


def _plans(conn: Connection, files: list[tuple[str, bytes]]) -> list[Upload]:
    """Each file prepared as the Import page prepares it: in order, each after the importable files above."""
    pid = ensure_partnership(conn, name=PARTNERSHIP).id
    uploads: list[Upload] = []
    with previews(conn) as chain:
        for i, (name, data) in enumerate(files):
            uploads.append(chain.prepare(partnership_id=pid, data=data, file_name=name))
            if i < len(files) - 1:  # (as the page: the last file has no file below it)
                chain.add(uploads[-1])
    return uploads


def test_a_later_files_preview_counts_people_the_files_above_add_as_matched(conn: Connection) -> None:
    """The November sheet names October's three people and one more: its preview says 1 new person, 3
    matched, 4 attendance records, as the import then does; nothing is written by the previews."""
    ensure_partnership(conn, name=PARTNERSHIP)
    before = snapshot(conn, CORE_TABLES)
    first, second = _plans(conn, [("october.csv", OCTOBER), ("november.csv", NOVEMBER)])
    assert first.plan is not None and second.plan is not None
    assert (first.after, second.after) == (0, 1)
    assert (first.plan.people_new, first.plan.people_matched, first.plan.attendance_new) == (3, 0, 3)
    assert (second.plan.people_new, second.plan.people_matched, second.plan.attendance_new) == (1, 3, 4)
    assert snapshot(conn, CORE_TABLES) == before  # (the files above were imported for the preview only)
    results = apply_imports(conn, plans=[first.plan, second.plan])
    assert [(r.people_added, r.people_matched, r.attendance_added) for r in results] == [(3, 0, 3), (1, 3, 4)]
    assert [r.batch_id for r in results] == [1, 2]  # (the preview's own import used up no number)


def test_alone_the_later_file_would_count_everyone_as_new(conn: Connection) -> None:
    """The same November sheet without the file above: 4 new people (what the preview said before)."""
    (only,) = _plans(conn, [("november.csv", NOVEMBER)])
    assert only.plan is not None and only.after == 0
    assert (only.plan.people_new, only.plan.people_matched) == (4, 0)


def test_the_same_file_twice_says_it_is_imported_once(conn: Connection) -> None:
    """Two copies of one file: the second says it has the same content as the first (not 'already
    imported' with an import number), is left out of the import, and the first is imported."""
    first, second = _plans(conn, [("october.csv", OCTOBER), ("october copy.csv", OCTOBER)])
    assert second.plan is not None and second.plan.already_imported is not None and not second.importable
    assert second.plan.already_imported.sentence() == (
        "This file has the same content as 'october.csv' above, so it is imported once.")
    assert first.plan is not None
    (result,) = apply_imports(conn, plans=[first.plan])
    assert (result.status, result.batch_id) == ("imported", 1)


def test_files_above_too_large_to_import_for_a_preview_leave_it_alone(
    conn: Connection, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Above the product's row limit for a preview, the later file is previewed alone (and the page
    says its counts compare with what is already recorded)."""
    monkeypatch.setattr(several, "REHEARSED_ROWS", 2)
    _, second = _plans(conn, [("october.csv", OCTOBER), ("november.csv", NOVEMBER)])
    assert second.plan is not None and second.after == 0
    assert (second.plan.people_new, second.plan.people_matched) == (4, 0)


def test_nine_files_are_each_imported_once_for_the_previews(conn: Connection,
                                                           monkeypatch: pytest.MonkeyPatch) -> None:
    """The previews of n files import each file above once (n - 1 rehearsed imports), not once per file
    below it (n(n-1)/2): a page of nine files stays as quick as its previews alone, give or take one
    import each."""
    calls: list[int] = []
    real = several.rehearse
    monkeypatch.setattr(several, "rehearse", lambda c, *, plan, number: calls.append(number) or real(
        c, plan=plan, number=number))
    files = [(f"m{i}.csv", sheet([(n, e, o, f"{i + 1}/14/2026", f"Meeting {i}") for n, e, o in PEOPLE]))
             for i in range(9)]  # fmt: skip
    uploads = _plans(conn, files)
    assert calls == [-1, -2, -3, -4, -5, -6, -7, -8]
    assert [u.after for u in uploads] == list(range(9))
    assert [u.plan.people_new for u in uploads if u.plan is not None] == [3, 0, 0, 0, 0, 0, 0, 0, 0]


@ONE_CONNECTION
def test_an_import_another_session_saves_meanwhile_leaves_the_previews_standing(conn: Connection) -> None:
    """Regression: when another window imported October's sign-ins saved again while this page's
    previews were being worked out, rehearsing the same file above raised DuckDB's "Conflict on tuple
    deletion" and the page showed "the database refused it... report it". Now the previews stand: the
    file below is planned against what is recorded (after=0: its preview says it compares with that),
    and the previews write nothing."""
    pid = ensure_partnership(conn, name=PARTNERSHIP).id
    apply_imports(conn, plans=[_plans(conn, [("october.csv", OCTOBER)])[0].plan])  # type: ignore[list-item]
    mine, other = conn.cursor(), conn.cursor()
    resaved = OCTOBER.replace(b"\n", b"\r\n")  # (the same sign-ins saved again: other bytes)
    with previews(mine) as chain:
        first = chain.prepare(partnership_id=pid, data=resaved, file_name="october resaved.csv")
        copy = _plans(other, [("copy.csv", resaved + b"\r\n")])[0].plan
        assert copy is not None
        theirs = apply_imports(other, plans=[copy])
        chain.add(first)
        second = chain.prepare(partnership_id=pid, data=NOVEMBER, file_name="november.csv")
    assert theirs[0].status == "imported"
    assert second.after == 0 and second.plan is not None
    assert (second.plan.people_new, second.plan.people_matched) == (1, 3)
    assert conn.execute("SELECT count(*) FROM import_batch").fetchone() == (2,)


@ONE_CONNECTION
def test_an_import_during_another_sessions_preview_says_to_try_again(conn: Connection) -> None:
    """Regression: an import saved while another window's preview held the same attendance records failed
    with "the database refused it... take a backup and report it". It still cannot be saved at that
    moment, but the message says why and what to do; nothing is written, and it imports once the preview
    is over."""
    pid = ensure_partnership(conn, name=PARTNERSHIP).id
    apply_imports(conn, plans=[_plans(conn, [("october.csv", OCTOBER)])[0].plan])  # type: ignore[list-item]
    mine, other = conn.cursor(), conn.cursor()
    again = OCTOBER.replace(b"\n", b"\r\n")  # (the same sign-ins saved again: other bytes)
    (plan,) = [u.plan for u in _plans(other, [("october resaved.csv", again)])]
    assert plan is not None
    with previews(mine) as chain:
        chain.add(chain.prepare(partnership_id=pid, data=again, file_name="october resaved.csv"))
        with pytest.raises(StorageError, match="someone else was changing the same records") as refused:
            apply_imports(other, plans=[plan])
        assert "report it" not in str(refused.value)
    assert conn.execute("SELECT count(*) FROM import_batch").fetchone() == (1,)
    assert apply_imports(other, plans=[plan])[0].status == "imported"
