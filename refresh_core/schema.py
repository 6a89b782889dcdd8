"""The schema's own knowledge: which tables a partnership owns, and the references to check.

DuckDB keeps no foreign keys here (see 001_core.sql), so two lists stand in for
them: :func:`partnership_tables` names the tables holding a partnership's rows in
a safe deletion order (migrations that add partnership-owned tables add them,
children first), and :func:`problems` lists rows that point at something missing
(the tests run it after every kind of write; modules that own later tables add
their references with :func:`register_references`).
"""

from __future__ import annotations

import pandas as pd

from refresh_core.db import Connection

_BY_MEETING = "meeting_id IN (SELECT id FROM meeting WHERE partnership_id = ?)"
_BY_TEAM = "team_id IN (SELECT id FROM action_team WHERE partnership_id = ?)"

PARTNERSHIP_TABLES: tuple[tuple[str, str], ...] = (
    ("person_merge_attendance", "merge_id IN (SELECT id FROM person_merge WHERE partnership_id = ?)"),
    ("person_merge_team", "merge_id IN (SELECT id FROM person_merge WHERE partnership_id = ?)"),
    ("person_merge", "partnership_id = ?"),
    ("person_review", "partnership_id = ?"),
    ("import_change", "batch_id IN (SELECT id FROM import_batch WHERE partnership_id = ?)"),
    ("saved_mapping", "partnership_id = ?"),
    ("prospect_step", "prospect_id IN (SELECT id FROM prospect WHERE " + _BY_MEETING + ")"),
    ("prospect", _BY_MEETING),
    ("meeting_asker", _BY_MEETING),
    ("invitation_template", _BY_MEETING),
    ("invitation_signer", _BY_MEETING),
    ("attendance", _BY_MEETING),
    ("agenda_part", _BY_MEETING),
    ("idea", _BY_MEETING),
    ("idea_category", _BY_MEETING),
    ("commitment", _BY_MEETING),
    ("survey_result", _BY_MEETING),
    ("principle_review", "partnership_id = ?"),
    ("followup", "partnership_id = ?"),
    ("team_member", _BY_TEAM),
    ("accomplishment", "partnership_id = ?"),
    ("misstep", "partnership_id = ?"),
    ("principle", "partnership_id = ?"),
    ("priority", "partnership_id = ?"),
    ("meeting", "partnership_id = ?"),
    ("action_team", "partnership_id = ?"),
    ("sector_reflection", "partnership_id = ?"),
    ("person", "partnership_id = ?"),
    ("organisation", "partnership_id = ?"),
    ("import_batch", "partnership_id = ?"),
    ("share_link", "partnership_id = ?"),
    ("convener_partnership", "partnership_id = ?"),
    ("partnership", "id = ?"),
)


def partnership_tables() -> tuple[tuple[str, str], ...]:
    """Tables to clear, children first, when a partnership is deleted."""
    return PARTNERSHIP_TABLES


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
    ("attendance", "organisation_id", "organisation"),
    ("priority", "partnership_id", "partnership"),
    ("priority", "identified_meeting_id", "meeting"),
    ("action_team", "partnership_id", "partnership"),
    ("action_team", "priority_id", "priority"),
    ("team_member", "team_id", "action_team"),
    ("team_member", "person_id", "person"),
    ("accomplishment", "partnership_id", "partnership"),
    ("accomplishment", "team_id", "action_team"),
    ("sector_reflection", "partnership_id", "partnership"),
    ("principle", "partnership_id", "partnership"),
    ("principle_review", "partnership_id", "partnership"),
    ("principle_review", "meeting_id", "meeting"),
    ("misstep", "partnership_id", "partnership"),
    ("misstep", "team_id", "action_team"),
    ("survey_result", "meeting_id", "meeting"),
]


def register_references(*refs: tuple[str, str, str]) -> None:
    """Let a later migration's module add its own references to the checks."""
    for ref in refs:
        if ref not in REFERENCES:
            REFERENCES.append(ref)


def problems(conn: Connection) -> pd.DataFrame:
    """Rows whose reference points at a missing row: table, column, missing id, count."""
    parts = [
        f"SELECT '{t}' AS table_name, '{c}' AS column_name, x.{c} AS missing_id, count(*) AS rows "
        f"FROM {t} x WHERE x.{c} IS NOT NULL AND NOT EXISTS (SELECT 1 FROM {r} y WHERE y.id = x.{c}) "
        f"GROUP BY x.{c}"
        for t, c, r in REFERENCES
    ]
    return conn.execute(" UNION ALL ".join(parts) + " ORDER BY 1, 2, 3").df()
