"""Which tables hold a partnership's rows, in a safe deletion order.

Each entry is (table, WHERE clause taking the partnership id as ``?``).
Migrations that add partnership-owned tables add them here, children first.
"""

from __future__ import annotations

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
    ("attendance", _BY_MEETING),
    ("agenda_part", _BY_MEETING),
    ("idea", _BY_MEETING),
    ("idea_category", _BY_MEETING),
    ("commitment", _BY_MEETING),
    ("followup", "partnership_id = ?"),
    ("team_member", _BY_TEAM),
    ("accomplishment", "partnership_id = ?"),
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
