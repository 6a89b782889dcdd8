"""Write a computed import, set-based, inside the caller's transaction.

Ids come from the sequences in one query per table; rows go in with
``INSERT ... SELECT`` over registered DataFrames. Values changed on rows the
import did not create are logged in ``import_change`` so an undo restores them.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

import pandas as pd

from refresh_core.db import Connection, is_postgres, registered
from refresh_core.imports.plan import Computed
from refresh_core.imports.rows import distinct_keys
from refresh_core.people.keys import org_keys


@dataclass(frozen=True)
class Written:
    attendance_added: int
    people_added: int
    people_matched: int
    minutes_filled: int


def reserve_ids(conn: Connection, sequence: str, count: int) -> list[int]:
    if count == 0:
        return []
    rows = conn.execute(f"SELECT nextval('{sequence}') FROM generate_series(1, ?)", [count]).fetchall()
    return [int(r[0]) for r in rows]


def write(conn: Connection, *, partnership_id: int, batch_id: int, plan: Computed) -> Written:
    org_id = _organisations(conn, partnership_id, batch_id, plan)
    person_id = _people(conn, partnership_id, batch_id, plan, org_id)
    meeting_id = _meetings(conn, partnership_id, batch_id, plan)
    added, filled = _attendance(conn, batch_id, plan, meeting_id, person_id, org_id)
    _reviews(conn, partnership_id, batch_id, plan, person_id)
    new = int(plan.people["person_id"].isna().sum())
    return Written(added, new, len(plan.people) - new, filled)


def _log_and_update(
    conn: Connection, table: str, batch_id: int, changes: pd.DataFrame
) -> None:
    """Record old values, then apply each column's new values (one statement per column)."""
    if changes.empty:
        return
    frame = changes.assign(
        key1=changes["key1"].astype("int64"),
        new_value=changes["new_value"].map(lambda v: None if v is None or v is pd.NA or v != v else str(v)),
        old_value=changes["old_value"].astype(object),
    )
    with registered(conn, "_changes", frame):
        conn.execute(
            "INSERT INTO import_change (batch_id, table_name, key1, column_name, old_value, new_value)"
            " SELECT ?, ?, key1, column_name, old_value, new_value FROM _changes",
            [batch_id, table],
        )
        for column in frame["column_name"].unique():
            conn.execute(
                f"UPDATE {table} SET {column} = c.new_value::{_TYPES.get(column, 'VARCHAR')} FROM _changes c "
                f"WHERE {table}.id = c.key1 AND c.column_name = ?",
                [column],
            )


_TYPES = {"organisation_id": "INTEGER"}


def _organisations(
    conn: Connection, partnership_id: int, batch_id: int, plan: Computed
) -> dict[str, int]:
    new = plan.new_orgs.copy()
    new["id"] = reserve_ids(conn, "organisation_id_seq", len(new))
    new["name_key"] = org_keys(new["name"]) if len(new) else []
    if len(new):
        with registered(conn, "_orgs", new):
            conn.execute(
                "INSERT INTO organisation (id, partnership_id, name, name_key, domain, kind, public_subtype,"
                " kind_source, kind_reason, batch_id) SELECT id, ?, name, name_key, domain, kind,"
                " public_subtype, kind_source, kind_reason, ? FROM _orgs",
                [partnership_id, batch_id],
            )
    _log_and_update(conn, "organisation", batch_id, plan.org_changes)
    mapping = dict(zip(plan.org_ids["ref"], plan.org_ids["org_id"].astype(int), strict=True))
    mapping.update(zip(new["ref"], new["id"], strict=True))
    return mapping


def _people(
    conn: Connection,
    partnership_id: int,
    batch_id: int,
    plan: Computed,
    org_id: dict[str, int],
) -> pd.Series:
    """Insert the new people and fill blanks of matched ones; return identity -> person id."""
    new = plan.people[plan.people["person_id"].isna()].copy()
    new["id"] = reserve_ids(conn, "person_id_seq", len(new))
    new["organisation_id"] = new["org_ref"].map(org_id).astype("Int64")
    if len(new):
        with registered(conn, "_people", new):
            conn.execute(
                "INSERT INTO person (id, partnership_id, full_name, name_key, email, phone, title, level,"
                " organisation_id, batch_id) SELECT id, ?, full_name, name_key, email, phone, title, level,"
                " organisation_id, ? FROM _people",
                [partnership_id, batch_id],
            )
    changes = plan.person_changes.copy()
    is_org = changes["column_name"] == "organisation_id"
    changes.loc[is_org, "new_value"] = changes.loc[is_org, "new_value"].map(lambda v: str(org_id[str(v)[4:]]))
    _log_and_update(conn, "person", batch_id, changes)
    ids = plan.people["person_id"].astype("Int64").copy()
    ids.loc[new.index] = new["id"].astype("int64")
    return pd.Series(ids.to_numpy(dtype="int64"), index=plan.people["identity"].to_numpy())


def _meetings(
    conn: Connection, partnership_id: int, batch_id: int, plan: Computed
) -> dict[str, int]:
    meetings = plan.meetings.drop_duplicates("mkey")
    new = meetings[meetings["meeting_id"].isna()].copy()
    new["id"] = reserve_ids(conn, "meeting_id_seq", len(new))
    if len(new):
        with registered(conn, "_meetings", new[["id", "date", "title", "kind", "action_team_id"]]):
            conn.execute(
                "INSERT INTO meeting (id, partnership_id, date, title, kind, action_team_id, batch_id)"
                " SELECT id, ?, date::DATE, title, kind, action_team_id::INTEGER, ? FROM _meetings",
                [partnership_id, batch_id],
            )
    mapping = dict(zip(meetings["mkey"], meetings["meeting_id"], strict=True))
    mapping.update(zip(new["mkey"], new["id"], strict=True))
    return {k: int(v) for k, v in mapping.items()}


def _ids(values: pd.Series, mapping: Mapping[Any, Any] | pd.Series) -> pd.Series:
    """``values.map(mapping)`` as nullable integers, looked up once per distinct value (a file repeats
    each person and meeting many times)."""
    codes, uniques = distinct_keys(values)
    found = pd.Series(uniques, dtype=object).map(mapping)
    ids = pd.array(found.to_numpy(dtype=object), dtype="Int64")
    return pd.Series(ids.take(codes, allow_fill=True), index=values.index)


def _attendance_frame(
    att: pd.DataFrame, meeting_id: dict[str, int], person_id: pd.Series, org_id: dict[str, int]
) -> pd.DataFrame:
    """Ids for each planned attendance, with the organisation of the day (that file's, else the
    person's recorded one)."""
    missing = pd.Series(pd.NA, index=att.index, dtype="Int64")
    of_day = _ids(att["org_ref"], org_id) if "org_ref" in att else missing
    known = att["org_known"].astype("Int64") if "org_known" in att else missing
    return pd.DataFrame(
        {
            "meeting_id": _ids(att["mkey"], meeting_id),
            "person_id": _ids(att["identity"], person_id),
            "role": att["role"],
            "minutes": att["minutes"],
            "organisation_id": of_day.where(of_day.notna(), known),
        }
    )


def _attendance(
    conn: Connection,
    batch_id: int,
    plan: Computed,
    meeting_id: dict[str, int],
    person_id: pd.Series,
    org_id: dict[str, int],
) -> tuple[int, int]:
    frame = _attendance_frame(plan.attendance, meeting_id, person_id, org_id)
    if not _one_to_one(meeting_id, person_id):  # two of the file's pairs may be one recorded pair
        frame = frame.sort_values("minutes", ascending=False, na_position="last").drop_duplicates(
            ["meeting_id", "person_id"]
        )
    recorded = plan.meetings["meeting_id"].dropna().astype("int64")  # (meetings this import did not make)
    with registered(conn, "_att", frame):
        again = bool(frame["meeting_id"].isin(recorded).any())  # (else no row can be recorded already)
        filled = _fill_minutes(conn, batch_id) if again else 0
        if again:
            _credit(conn, batch_id)
        added = conn.execute(
            f"""INSERT INTO attendance (meeting_id, person_id, role, minutes, batch_id, batch_ids,
                                        organisation_id)
                SELECT f.meeting_id, f.person_id, f.role, f.minutes, $b, ARRAY[$b]::INTEGER[],
                       f.organisation_id
                FROM _att f {_NEW_ONLY if again else ""}""",
            {"b": batch_id},
        ).fetchone()
    return int(added[0]) if added else 0, filled


def _one_to_one(meeting_id: dict[str, int], person_id: pd.Series) -> bool:
    """Whether each of the file's meetings and people is a meeting and person of its own: then the plan's
    pairs (one per meeting and person of the file) are distinct pairs of ids, and need no sorting out.
    (Two meetings of a file recognised as one recorded meeting, or two people of a file matched to one
    recorded person, are not.)"""
    return len(set(meeting_id.values())) == len(meeting_id) and bool(person_id.is_unique)


_NEW_ONLY = """WHERE NOT EXISTS (SELECT 1 FROM attendance a WHERE a.meeting_id = f.meeting_id
                                  AND a.person_id = f.person_id)"""


def _fill_minutes(conn: Connection, batch_id: int) -> int:
    """Minutes the file gives for attendance recorded without them: logged (an undo empties them
    again), then filled in; how many."""
    conn.execute(
        """INSERT INTO import_change (batch_id, table_name, key1, key2, column_name, old_value, new_value)
           SELECT ?, 'attendance', f.meeting_id, f.person_id, 'minutes', NULL, f.minutes::VARCHAR
           FROM _att f JOIN attendance a USING (meeting_id, person_id)
           WHERE a.minutes IS NULL AND f.minutes IS NOT NULL""",
        [batch_id],
    )
    filled = conn.execute(
        """UPDATE attendance SET minutes = f.minutes FROM _att f
           WHERE attendance.meeting_id = f.meeting_id AND attendance.person_id = f.person_id
           AND attendance.minutes IS NULL AND f.minutes IS NOT NULL"""
    ).fetchone()
    return int(filled[0]) if filled else 0


_UNCREDITED = """FROM attendance a JOIN _att f ON a.meeting_id = f.meeting_id AND a.person_id = f.person_id
               WHERE array_position(a.batch_ids, $b) IS NULL"""  # (not "= ANY": a subquery per row in DuckDB)


def _credit(conn: Connection, batch_id: int) -> None:
    """Add the import to the batch list of the attendance it records again. (DuckDB rewrites a list
    cell slowly: 3.2 s for a million rows updated in place; taken out and put back with the longer
    list, 1.3 s. PostgreSQL updates in place.)"""
    if is_postgres(conn):
        conn.execute(
            """UPDATE attendance
               SET batch_ids = array_append(coalesce(attendance.batch_ids, ARRAY[]::INTEGER[]), $b)
               FROM _att f WHERE attendance.meeting_id = f.meeting_id AND attendance.person_id = f.person_id
               AND array_position(attendance.batch_ids, $b) IS NULL""",
            {"b": batch_id},
        )
        return
    conn.execute(
        f"""CREATE TEMP TABLE _credited AS
            SELECT a.* REPLACE (array_append(coalesce(a.batch_ids, ARRAY[]::INTEGER[]), $b) AS batch_ids)
            {_UNCREDITED}""",
        {"b": batch_id},
    )
    conn.execute("DELETE FROM attendance a WHERE EXISTS (SELECT 1 FROM _credited c "
                 "WHERE c.meeting_id = a.meeting_id AND c.person_id = a.person_id)")
    conn.execute("INSERT INTO attendance SELECT * FROM _credited")  # (every column, as it was taken out)
    conn.execute("DROP TABLE _credited")  # (on a failure, the transaction's rollback drops it)


def _reviews(
    conn: Connection,
    partnership_id: int,
    batch_id: int,
    plan: Computed,
    person_id: pd.Series,
) -> None:
    if plan.reviews.empty:
        return
    rv = plan.reviews
    candidate = rv["candidate_id"].where(rv["candidate_id"].notna(), rv["candidate_identity"].map(person_id))
    frame = pd.DataFrame(
        {
            "person_id": rv["identity"].map(person_id),
            "candidate_id": candidate.astype("int64"),
            "score": rv["score"],
            "reason": rv["reason"],
        }
    )
    with registered(conn, "_reviews", frame):
        conn.execute(
            "INSERT INTO person_review (partnership_id, person_id, candidate_id, score, reason, batch_id)"
            " SELECT ?, person_id, candidate_id, score, reason, ? FROM _reviews",
            [partnership_id, batch_id],
        )
