"""Who can step up at the call for champions, and adding a newcomer who volunteers on the day.

Pickers show names and companies only (no contact details). A volunteer typed
in on the day reuses a person or company of the same name when one exists.
"""

from __future__ import annotations

import pandas as pd

from refresh_core.db import Connection, one, transaction
from refresh_core.enums import OrgKind
from refresh_core.errors import ValidationError


def people_for_call(
    conn: Connection, *, partnership_id: int, meeting_id: int | None = None
) -> pd.DataFrame:
    """People who can volunteer (no contact details): id, name, organisation, kind, label.

    Industry leaders first; people at ``meeting_id`` before the others.
    """
    return conn.execute(
        """SELECT x.id, x.full_name AS name, o.name AS organisation, coalesce(o.kind, 'unclassified') AS kind,
                  x.full_name || coalesce(' (' || o.name || ')', '') ||
                  CASE WHEN coalesce(o.kind, 'unclassified') = 'industry' THEN '' ELSE ' · not industry' END
                  AS label
           FROM person x LEFT JOIN organisation o ON o.id = x.organisation_id
           WHERE x.partnership_id = ? AND x.merged_into_id IS NULL
           ORDER BY coalesce(o.kind, 'unclassified') = 'industry' DESC,
                    x.id IN (SELECT person_id FROM attendance WHERE meeting_id = ?) DESC, x.full_name""",
        [partnership_id, meeting_id],
    ).df()


def add_volunteer(
    conn: Connection,
    *,
    partnership_id: int,
    full_name: str,
    organisation: str,
    kind: OrgKind = OrgKind.INDUSTRY,
    email: str | None = None,
) -> int:
    """A person new to the records who volunteers on the day; reuses a same-name person or company."""
    name, org = " ".join(full_name.split()), " ".join(organisation.split())
    if not name or not org:
        raise ValidationError("Type the volunteer's name and company so the team knows who they are.")
    with transaction(conn):
        found = one(
            conn,
            "SELECT id FROM person WHERE partnership_id = ? AND name_key = lower(?) "
            "AND merged_into_id IS NULL",
            [partnership_id, name],
        )
        if found:
            return int(found[0])
        org_id = _organisation_id(conn, partnership_id, org, kind)
        row = one(
            conn,
            "INSERT INTO person (partnership_id, full_name, name_key, email, organisation_id) "
            "VALUES (?, ?, lower(?), ?, ?) RETURNING id",
            [partnership_id, name, name, (email or "").strip().lower() or None, org_id],
        )
    assert row is not None
    return int(row[0])


def _organisation_id(conn: Connection, partnership_id: int, name: str, kind: OrgKind) -> int:
    """The company called ``name`` (any case), created with ``kind`` when new (inside a transaction)."""
    found = one(
        conn,
        "SELECT id FROM organisation WHERE partnership_id = ? AND name_key = lower(?)",
        [partnership_id, name],
    )
    if found is None:
        found = one(
            conn,
            "INSERT INTO organisation (partnership_id, name, name_key, kind, kind_source) "
            "VALUES (?, ?, lower(?), ?, 'convener') RETURNING id",
            [partnership_id, name, name, kind.value],
        )
    assert found is not None
    return int(found[0])
