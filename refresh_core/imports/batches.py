"""Import history and undo: removing a batch deletes exactly what it added.

In one transaction, an undo removes the batch's review items and the attendance
only it recorded (an attendance row lists every import that recorded it in
``batch_ids``: a row another live import also recorded stays, now credited to
that import; a row entered by hand, ``batch_id`` NULL, always stays),
restores the values it changed on older rows (a filled-in title, an
organisation's kind), and deletes the meetings, people and organisations the
batch created unless something else still refers to them (another import's
attendance, a team, a merge, a prospect...: any column named ``*person_id``,
``*meeting_id`` or ``*organisation_id`` in any table). Rows kept that way stay
marked with the undone batch and go with the last thing that used them.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

import pandas as pd

from refresh_core import words
from refresh_core.db import Connection, is_postgres, transaction
from refresh_core.db.clock import utc_now
from refresh_core.errors import NotFoundError

_DANGLING = (
    "{t}.batch_id IS NOT NULL AND {t}.batch_id NOT IN (SELECT id FROM import_batch) "
    "AND {t}.partnership_id = ?"
)
_NOT_REFERENCES = {  # tables that describe rows rather than refer to them
    "person": {"person_review", "import_change"},
    "meeting": {"person_merge_attendance", "import_change"},
    "organisation": {"import_change", "person_merge_attendance"},
}
_TYPES = {"person": {"organisation_id": "INTEGER"}, "attendance": {"minutes": "INTEGER"}, "organisation": {}}


@dataclass(frozen=True)
class UndoResult:
    batch_id: int
    file_name: str
    attendance_removed: int
    meetings_removed: int
    people_removed: int
    organisations_removed: int
    values_restored: int
    number: int | None = None  # the partnership's number for the import ("Import 3" in its history)

    def sentence(self) -> str:
        """What the undo removed, in words (counts with their right plurals; nothing restored, not said)."""
        restored = (f"; {words.count(self.values_restored, 'earlier value')} restored"
                    if self.values_restored else "")
        return (
            f"Removed import {self.number or self.batch_id} ({self.file_name}): "
            f"{words.count(self.attendance_removed, 'attendance record')}, "
            f"{words.count(self.meetings_removed, 'meeting')}, "
            f"{words.count(self.people_removed, 'person', 'people')} and "
            f"{words.count(self.organisations_removed, 'organisation')}{restored}."
        )


def new_batch(
    conn: Connection,
    *,
    partnership_id: int,
    file_name: str,
    sha256: str,
    fmt: str,
    rows_read: int,
    rows_rejected: int,
    batch_id: int | None = None,
) -> int:
    """Inside a transaction: record an import of the partnership; its id (``batch_id`` when given: a
    rehearsal's, else the next). The import takes the partnership's next number ("Import 3" in its
    history): one more than the highest of its imports still there."""
    if is_postgres(conn):  # (two app servers importing into one partnership at once take turns here)
        conn.execute("SELECT id FROM partnership WHERE id = ? FOR UPDATE", [partnership_id])
    row = conn.execute(
        "INSERT INTO import_batch (id, partnership_id, number, file_name, sha256, format, rows_read, "
        "rows_rejected, imported_at) VALUES (coalesce($b::INTEGER, nextval('import_batch_id_seq')), $p, "
        "(SELECT coalesce(max(number), 0) + 1 FROM import_batch WHERE partnership_id = $p), $f, $s, $k, "
        "$r, $j, $t) RETURNING id",
        {"b": batch_id, "p": partnership_id, "f": file_name, "s": sha256, "k": fmt, "r": rows_read,
         "j": rows_rejected, "t": utc_now()},
    ).fetchone()
    assert row is not None
    return int(row[0])


def import_history(conn: Connection, *, partnership_id: int | None = None) -> pd.DataFrame:
    """Every import batch, newest first, with what it added, what of that is still there (attendance_now:
    rows it answers for, including those an undone earlier import handed over) and every attendance row
    it recorded, added or already there (attendance_recorded). A prospect list's people_added and
    people_matched count its askers too: prospects and askers say which were which (NULL for other
    imports, and askers for lists imported before they were counted)."""
    return conn.execute(
        """
        SELECT b.id AS batch_id, p.name AS partnership, b.file_name, b.format, b.imported_at,
               b.rows_read, b.rows_rejected, b.attendance_added, b.people_added, b.people_matched,
               (SELECT count(*) FROM meeting m WHERE m.batch_id = b.id) AS meetings_added,
               (SELECT count(*) FROM attendance a WHERE a.batch_id = b.id) AS attendance_now,
               (SELECT count(*) FROM attendance a WHERE (b.id = ANY(a.batch_ids)))
                   AS attendance_recorded,
               (SELECT count(*) FROM person_review r WHERE r.batch_id = b.id AND r.status = 'open')
                   AS open_reviews,
               b.prospects, b.askers, coalesce(b.number, b.id) AS number
        FROM import_batch b JOIN partnership p ON p.id = b.partnership_id
        WHERE ?::INTEGER IS NULL OR b.partnership_id = ?
        ORDER BY b.imported_at DESC, b.id DESC
        """,
        [partnership_id, partnership_id],
    ).df()


def what_it_did(batch: Mapping[Any, Any]) -> str:
    """One import of :func:`import_history` (a row as a mapping) in a convener's words: a prospect list's
    prospects apart from the askers it named ("29 prospects (3 askers named)"), an asker typed in, an
    Eventbrite export's registrations, else the attendance records and meetings it added."""
    fmt = str(batch["format"])
    if fmt == "prospects":
        prospects, askers = batch["prospects"], batch["askers"]
        loaded = int(batch["rows_read"]) - int(batch["rows_rejected"])
        listed = loaded if pd.isna(prospects) else int(prospects)
        named = f" ({words.count(int(askers), 'asker')} named)" if not pd.isna(askers) and askers else ""
        return f"{words.count(listed, 'prospect')}{named}"
    if fmt == "askers":
        return "1 asker added"
    if fmt == "eventbrite_registrations":
        return words.count(int(batch["rows_read"]) - int(batch["rows_rejected"]), "registration")
    meetings = int(batch["meetings_added"])
    return words.count(int(batch["attendance_added"]), "attendance record") + " added" + (
        f", {words.count(meetings, 'new meeting')}" if meetings else "")


def undo_import(conn: Connection, *, batch_id: int) -> UndoResult:
    """Remove import ``batch_id`` in one transaction: what it added, and the values it changed."""
    row = conn.execute(
        "SELECT partnership_id, file_name, coalesce(number, id) FROM import_batch WHERE id = ?", [batch_id]
    ).fetchone()
    if row is None:
        raise NotFoundError(f"There is no import {batch_id}. Run `import-history` to see the imports.")
    pid, file_name, number = int(row[0]), str(row[1]), int(row[2])
    with transaction(conn):
        restored = sum(_restore(conn, batch_id, table) for table in ("attendance", "organisation", "person"))
        conn.execute("DELETE FROM person_review WHERE batch_id = ?", [batch_id])
        attendance = _release_attendance(conn, batch_id)
        conn.execute("DELETE FROM import_change WHERE batch_id = ?", [batch_id])
        conn.execute("DELETE FROM import_batch WHERE id = ?", [batch_id])
        meetings, people, orgs = _sweep(conn, pid)
    return UndoResult(batch_id, file_name, attendance, meetings, people, orgs, restored, number)


def _release_attendance(conn: Connection, batch_id: int) -> int:
    """Delete the attendance only this batch recorded; strike it from the rows others also recorded."""
    removed = _count(
        conn,
        """DELETE FROM attendance WHERE batch_id IS NOT NULL
           AND (batch_id = $b OR ($b = ANY(batch_ids)))
           AND NOT EXISTS (SELECT 1 FROM unnest(batch_ids) AS u(x) WHERE x <> $b)""",
        {"b": batch_id},
    )
    conn.execute(
        """UPDATE attendance SET batch_ids = ARRAY(SELECT x FROM unnest(batch_ids) WITH ORDINALITY AS u(x, i)
                                                  WHERE x <> $b ORDER BY i),
               batch_id = CASE WHEN batch_id = $b
                               THEN (ARRAY(SELECT x FROM unnest(batch_ids) WITH ORDINALITY AS u(x, i)
                                           WHERE x <> $b ORDER BY i))[1]
                               ELSE batch_id END
           WHERE ($b = ANY(batch_ids))""",
        {"b": batch_id},
    )
    # a merge's dropped duplicate forgets the batch too (undoing the merge restores only live records)
    conn.execute(
        "UPDATE person_merge_attendance SET batch_ids = "
        "ARRAY(SELECT x FROM unnest(batch_ids) AS u(x) WHERE x <> $b) "
        "WHERE ($b = ANY(batch_ids))",
        {"b": batch_id},
    )
    return removed


def _count(conn: Connection, sql: str, params: list[object] | dict[str, object]) -> int:
    row = conn.execute(sql, params).fetchone()
    return int(row[0]) if row else 0


def _restore(conn: Connection, batch_id: int, table: str) -> int:
    """Put back old values where the batch's new value is still there."""
    done = 0
    for (column,) in conn.execute(
        "SELECT DISTINCT column_name FROM import_change WHERE batch_id = ? AND table_name = ?",
        [batch_id, table],
    ).fetchall():
        cast = _TYPES.get(table, {}).get(column, "VARCHAR")
        match = (
            "attendance.meeting_id = c.key1 AND attendance.person_id = c.key2"
            if table == "attendance"
            else f"{table}.id = c.key1"
        )
        done += _count(
            conn,
            f"""
            UPDATE {table} SET {column} = c.old_value::{cast} FROM import_change c
            WHERE c.batch_id = ? AND c.table_name = ? AND c.column_name = ? AND {match}
              AND {table}.{column}::VARCHAR IS NOT DISTINCT FROM c.new_value""",
            [batch_id, table, column],
        )
    return done


def _references(conn: Connection, table: str) -> str:
    """NOT EXISTS conditions for every column elsewhere that holds this table's ids."""
    rows = conn.execute(
        "SELECT table_name, column_name FROM information_schema.columns "
        "WHERE table_schema = current_schema() AND "
        "(column_name = $c OR column_name LIKE '%\\_' || $c ESCAPE '\\' OR "
        "(column_name = 'merged_into_id' AND $t = 'person'))",
        {"c": f"{table}_id", "t": table},
    ).fetchall()
    skip = _NOT_REFERENCES[table]
    return " ".join(
        f"AND NOT EXISTS (SELECT 1 FROM {t} r WHERE r.{c} = {table}.id)" for t, c in rows if t not in skip
    )


def _sweep(conn: Connection, pid: int) -> tuple[int, int, int]:
    """Delete meetings, people, then organisations left by undone imports that nothing refers to."""
    meetings = _count(
        conn,
        f"DELETE FROM meeting WHERE {_DANGLING.format(t='meeting')} {_references(conn, 'meeting')}",
        [pid],
    )
    people = _count(
        conn, f"DELETE FROM person WHERE {_DANGLING.format(t='person')} {_references(conn, 'person')}", [pid]
    )
    conn.execute(
        "DELETE FROM person_review WHERE partnership_id = ? AND (person_id NOT IN "
        "(SELECT id FROM person) OR candidate_id NOT IN (SELECT id FROM person))",
        [pid],
    )
    orgs = _count(
        conn,
        f"DELETE FROM organisation WHERE {_DANGLING.format(t='organisation')} "
        f"{_references(conn, 'organisation')}",
        [pid],
    )
    return meetings, people, orgs
