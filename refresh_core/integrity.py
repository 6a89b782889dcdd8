"""Referential checks the database cannot enforce itself (see 001_core.sql).

``problems(conn)`` lists rows that point at something missing; the tests run
it after every kind of write, and it is cheap enough to run on demand.
"""

from __future__ import annotations

import duckdb
import pandas as pd

# (table, column, referenced table); NULL references are allowed.
REFERENCES: list[tuple[str, str, str]] = [
    ("import_batch", "partnership_id", "partnership"),
    ("organisation", "partnership_id", "partnership"),
    ("person", "partnership_id", "partnership"),
    ("person", "organisation_id", "organisation"),
    ("person", "merged_into_id", "person"),
    ("meeting", "partnership_id", "partnership"),
    ("meeting", "action_team_id", "action_team"),
    ("attendance", "meeting_id", "meeting"),
    ("attendance", "person_id", "person"),
    ("priority", "partnership_id", "partnership"),
    ("priority", "identified_meeting_id", "meeting"),
    ("action_team", "partnership_id", "partnership"),
    ("action_team", "priority_id", "priority"),
    ("team_member", "team_id", "action_team"),
    ("team_member", "person_id", "person"),
    ("accomplishment", "partnership_id", "partnership"),
    ("accomplishment", "team_id", "action_team"),
    ("sector_reflection", "partnership_id", "partnership"),
]


def register_references(*refs: tuple[str, str, str]) -> None:
    """Let a later migration's module add its own references to the checks."""
    for ref in refs:
        if ref not in REFERENCES:
            REFERENCES.append(ref)


def problems(conn: duckdb.DuckDBPyConnection) -> pd.DataFrame:
    """Rows whose reference points at a missing row: table, column, missing id, count."""
    parts = [
        f"SELECT '{t}' AS table_name, '{c}' AS column_name, x.{c} AS missing_id, count(*) AS rows "
        f"FROM {t} x WHERE x.{c} IS NOT NULL AND NOT EXISTS (SELECT 1 FROM {r} y WHERE y.id = x.{c}) "
        f"GROUP BY x.{c}"
        for t, c, r in REFERENCES
    ]
    return conn.execute(" UNION ALL ".join(parts) + " ORDER BY 1, 2, 3").df()
