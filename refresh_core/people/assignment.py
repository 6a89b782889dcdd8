"""Assigning a person to an organisation by hand (or to none).

The convener picks one of the partnership's organisations, types a new one, or
says "no organisation". A typed name that matches an organisation already there
(same normalised name: "The Stark Industries, Inc." = "Stark Industries") uses
it; a new one is classified as any new organisation is: what a convener or a
roster said anywhere in the installation first, then the rules. Meetings already
recorded keep the organisation the person came with that day; the person's
organisation counts from now on and wherever a meeting recorded none.
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from refresh_core.db import Connection, one, transaction
from refresh_core.errors import NotFoundError, ValidationError
from refresh_core.guard import ensure_scope
from refresh_core.people.keys import name_key, org_key
from refresh_core.people.knowledge import lookup
from refresh_core.people.organisations import existing_organisations
from refresh_core.people.rules import classify

__all__ = ["Assignment", "assign_organisation", "find_person", "people_and_organisations"]

MAX_NAME = 200  # characters in a typed organisation name (this product's default)


@dataclass(frozen=True)
class Assignment:
    person_id: int
    person: str
    organisation_id: int | None
    organisation: str | None
    previous: str | None  # the organisation before (None: none)
    created: bool  # the organisation was added by this assignment
    kind: str | None  # the organisation's kind (industry, public_partner, unclassified)

    def sentence(self) -> str:
        """What changed, in words."""
        if self.organisation == self.previous:
            where = self.organisation or "no organisation"
            return f"{self.person} was already at {where}: nothing changed."
        if self.organisation is None:
            return f"{self.person} now has no organisation (was {self.previous})."
        added = " (added as a new organisation: check its kind under To classify)" if self.created else ""
        was = f" (was {self.previous})" if self.previous else ""
        return f"{self.person} is now at {self.organisation}{was}{added}."

    def to_json(self) -> dict[str, object]:
        return {
            "person_id": self.person_id, "person": self.person, "organisation_id": self.organisation_id,
            "organisation": self.organisation, "previous": self.previous, "created": self.created,
            "kind": self.kind,
        }  # fmt: skip


def assign_organisation(
    conn: Connection, *, person_id: int, organisation_id: int | None = None, new_name: str | None = None
) -> Assignment:
    """Put the person at ``organisation_id``, or at ``new_name`` (found by normalised name or added),
    or at no organisation when both are None. One transaction; refused for a read-only link."""
    if organisation_id is not None and new_name is not None:
        raise ValidationError("Pick an organisation or type a new one, not both.")
    name = " ".join((new_name or "").split())
    if new_name is not None and not name:
        raise ValidationError("Type the organisation's name, or pick 'No organisation'.")
    if len(name) > MAX_NAME:
        raise ValidationError(f"An organisation's name can be at most {MAX_NAME} characters long.")
    with transaction(conn):
        pid, person, previous = _person(conn, person_id)
        created = False
        if name:
            organisation_id, created = _find_or_add(conn, pid, name)
        elif organisation_id is not None:
            _check_organisation(conn, pid, organisation_id)
        # the convener's choice outlives the import that first saw this person (undo keeps them)
        conn.execute("UPDATE person SET organisation_id = ?, batch_id = NULL WHERE id = ?",
                     [organisation_id, person_id])
        found = one(conn, "SELECT name, kind FROM organisation WHERE id = ?", [organisation_id])
    return Assignment(
        person_id=person_id, person=person, organisation_id=organisation_id,
        organisation=str(found[0]) if found else None, previous=previous, created=created,
        kind=str(found[1]) if found else None,
    )


def _person(conn: Connection, person_id: int) -> tuple[int, str, str | None]:
    """(partnership id, name, current organisation's name) of a person who was not merged away."""
    row = one(
        conn,
        """SELECT p.partnership_id, p.full_name, o.name, k.full_name FROM person p
           LEFT JOIN organisation o ON o.id = p.organisation_id
           LEFT JOIN person k ON k.id = p.merged_into_id WHERE p.id = ?""",
        [person_id],
    )
    if row is None:
        raise NotFoundError(f"No person with id {person_id}. Reload the page and pick them again.")
    ensure_scope(conn, partnership_id=int(row[0]))
    if row[3] is not None:
        raise ValidationError(f"{row[1]} was merged into {row[3]}: assign {row[3]} instead.")
    return int(row[0]), str(row[1]), None if row[2] is None else str(row[2])


def _check_organisation(conn: Connection, pid: int, organisation_id: int) -> None:
    row = one(conn, "SELECT partnership_id FROM organisation WHERE id = ?", [organisation_id])
    if row is None or int(row[0]) != pid:
        raise NotFoundError(
            f"No organisation with id {organisation_id} in this partnership. Reload the page and pick again."
        )


def _find_or_add(conn: Connection, pid: int, name: str) -> tuple[int, bool]:
    """The partnership's organisation with this normalised name, else a new one, classified."""
    key = org_key(name)
    if not key:
        raise ValidationError(f"{name!r} is not an organisation's name: type letters or digits.")
    orgs = existing_organisations(conn, partnership_id=pid)
    same = orgs[orgs["key"] == key]
    if len(same):
        return int(same["id"].iloc[0]), False
    known = lookup(conn, pd.DataFrame([{"ref": "new", "name": name, "domain": None}]))
    if len(known):
        kind, subtype = str(known["kind"].iloc[0]), known["public_subtype"].iloc[0]
        source, reason = str(known["source"].iloc[0]), str(known["reason"].iloc[0])
    else:
        sector = one(conn, "SELECT sector FROM partnership WHERE id = ?", [pid])
        rule = classify(name, None, sector=sector[0] if sector else None)
        kind, subtype, source, reason = rule.kind.value, rule.subtype, rule.source.value, rule.reason
    row = one(
        conn,
        "INSERT INTO organisation (partnership_id, name, name_key, kind, public_subtype, kind_source,"
        " kind_reason) VALUES (?, ?, ?, ?, ?, ?, ?) RETURNING id",
        [pid, name, key, kind, None if pd.isna(subtype) else str(subtype), source, reason],
    )
    assert row is not None
    return int(row[0]), True


def find_person(conn: Connection, *, partnership_id: int, who: str) -> int:
    """The id of the partnership's person (not merged away) with this email, else this name (folded:
    'Stark, Anthony' = 'anthony stark'). Two people of that name: the error lists their emails."""
    ensure_scope(conn, partnership_id=partnership_id)
    found = conn.execute(
        """SELECT id, full_name, email FROM person WHERE partnership_id = $pid AND merged_into_id IS NULL
           AND (lower(trim(email)) = $email
                OR (name_key = $key AND NOT EXISTS (SELECT 1 FROM person x WHERE x.partnership_id = $pid
                    AND x.merged_into_id IS NULL AND lower(trim(x.email)) = $email)))
           ORDER BY id""",
        {"pid": partnership_id, "email": who.strip().lower(), "key": name_key(who)},
    ).fetchall()
    if not found:
        raise NotFoundError(f"No one called {who!r} in this partnership. Give their email or full name.")
    if len(found) > 1:
        emails = ", ".join(str(r[2] or "no email") for r in found)
        raise ValidationError(f"{len(found)} people are called {who!r} ({emails}): give the email instead.")
    return int(found[0][0])


def people_and_organisations(conn: Connection, *, partnership_id: int) -> pd.DataFrame:
    """The partnership's people (merged-away ones left out) with their organisation: id, full_name,
    email, organisation_id, organisation; people without an organisation first, then by name."""
    ensure_scope(conn, partnership_id=partnership_id)
    return conn.execute(
        """SELECT p.id, p.full_name, p.email, p.organisation_id, o.name AS organisation
           FROM person p LEFT JOIN organisation o ON o.id = p.organisation_id
           WHERE p.partnership_id = ? AND p.merged_into_id IS NULL
           ORDER BY p.organisation_id IS NOT NULL, lower(p.full_name), p.id""",
        [partnership_id],
    ).df()
