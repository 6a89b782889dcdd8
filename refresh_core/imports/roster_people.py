"""The people a roster lists: matched, placed, created, or queued for the convener.

A row matches a person by email, else by name at the row's organisation (see
:func:`refresh_core.people.matching.match_people`), else (a guest who came
without an email) by name when the match is sure (:mod:`refresh_core.people.placement`).
A matched person without an email or organisation gets the row's: that person is
"placed". A person already recorded at another organisation keeps it (a roster
fills blanks, it does not move people). An unsure name match creates the row's
person and queues the pair, so the merge the convener makes keeps the roster's
record (email and organisation) and moves the guest's attendance onto it.
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from refresh_core.db import Connection, registered
from refresh_core.enums import Level
from refresh_core.imports.write import reserve_ids
from refresh_core.people.keys import name_keys
from refresh_core.people.matching import existing_people, levels, match_people, name_from_email
from refresh_core.people.placement import place_by_name

__all__ = ["RosterPeople", "write_roster_people"]


@dataclass(frozen=True)
class RosterPeople:
    added: int  # new people
    updated: int  # job title or level changed
    placed: int  # an email or organisation filled in for someone already here
    reviews: int  # unsure matches queued for the convener


def _level(text: object) -> str | None:
    if not isinstance(text, str) or not text.strip():
        return None
    lower = text.strip().lower()
    return "mid_level" if lower.startswith("mid") else ("executive" if lower.startswith("exec") else lower)


def _incoming(rows: pd.DataFrame) -> pd.DataFrame:
    """The roster's people in the shape matching wants (one per email, or per name at an organisation)."""
    incoming = pd.DataFrame(
        {
            "full_name": [
                n or name_from_email(str(e)) for n, e in zip(rows["name"], rows["email"], strict=True)
            ],
            "named": rows["name"].notna().to_numpy(),
            "email": rows["email"].map(lambda e: e.strip().lower() if isinstance(e, str) else None),
            "title": rows["title"],
            "org_id": rows["org_id"].astype("Int64"),
            "org_ref": rows["org_key"],
            "level": [_level(lv) for lv in rows["level"]],
        }
    )
    incoming["name_key"] = name_keys(incoming["full_name"])
    from_title = levels(incoming["title"]).where(incoming["title"].notna(), None)
    incoming["level"] = incoming["level"].where(incoming["level"].notna(), from_title)
    incoming["identity"] = incoming["email"].where(
        incoming["email"].notna(), incoming["name_key"] + "|" + incoming["org_ref"]
    )
    return incoming.drop_duplicates("identity").reset_index(drop=True)


def write_roster_people(conn: Connection, *, partnership_id: int, rows: pd.DataFrame) -> RosterPeople:
    """Inside the caller's transaction: match, place, create and queue the roster's people."""
    existing = existing_people(conn, partnership_id=partnership_id)
    matched, unsure = place_by_name(existing, match_people(existing, _incoming(rows)))
    new = matched[matched["person_id"].isna()].copy()
    new["id"] = reserve_ids(conn, "person_id_seq", len(new))
    new["level"] = new["level"].fillna(Level.OTHER.value)
    with registered(
        conn, "_roster_people", new[["id", "full_name", "name_key", "email", "title", "level", "org_id"]]
    ):
        conn.execute(
            "INSERT INTO person (id, partnership_id, full_name, name_key, email, title, level,"
            " organisation_id) SELECT id, ?, full_name, name_key, email, title, level, org_id"
            " FROM _roster_people",
            [partnership_id],
        )
    placed, updated = _fill(conn, matched[matched["person_id"].notna()])
    reviews = _queue(conn, partnership_id, unsure, new.set_index("identity")["id"])
    return RosterPeople(added=len(new), updated=len(updated - placed), placed=len(placed), reviews=reviews)


def _fill(conn: Connection, old: pd.DataFrame) -> tuple[set[int], set[int]]:
    """Blank emails and organisations filled (placed), then titles and levels: the ids each changed.

    A placed person now carries the roster's facts, so they no longer belong to the import that first
    saw them: undoing that import keeps them (with their email and organisation)."""
    frame = old[["person_id", "email", "org_id", "title", "level"]].astype(object)
    frame = frame.where(frame.notna(), None)
    with registered(conn, "_roster_old", frame):
        placed = conn.execute(
            """UPDATE person SET email = coalesce(person.email, o.email),
                      organisation_id = coalesce(person.organisation_id, o.org_id::INTEGER),
                      batch_id = NULL
               FROM _roster_old o WHERE person.id = o.person_id::INTEGER
               AND ((person.email IS NULL AND o.email IS NOT NULL)
                    OR (person.organisation_id IS NULL AND o.org_id IS NOT NULL))
               RETURNING person.id"""
        ).fetchall()
        updated = conn.execute(
            """UPDATE person
               SET title = coalesce(o.title, person.title), level = coalesce(o.level, person.level)
               FROM _roster_old o WHERE person.id = o.person_id::INTEGER
               AND (person.title IS DISTINCT FROM coalesce(o.title, person.title)
                    OR person.level <> coalesce(o.level, person.level))
               RETURNING person.id"""
        ).fetchall()
    return {int(r[0]) for r in placed}, {int(r[0]) for r in updated}


def _queue(conn: Connection, pid: int, unsure: pd.DataFrame, created: pd.Series) -> int:
    """Review items for the unsure name matches: the guest (merged away on 'same person') and the
    roster's new record (kept), unless that pair is already open."""
    if unsure.empty:
        return 0
    frame = pd.DataFrame(
        {
            "person_id": unsure["candidate_id"].astype("int64"),
            "candidate_id": unsure["identity"].map(created).astype("int64"),
            "score": unsure["score"].astype(float),
            "reason": unsure["reason"].astype(str),
        }
    )
    with registered(conn, "_roster_reviews", frame):
        rows = conn.execute(
            """INSERT INTO person_review (partnership_id, person_id, candidate_id, score, reason)
               SELECT ?, r.person_id, r.candidate_id, r.score, r.reason FROM _roster_reviews r
               WHERE NOT EXISTS (SELECT 1 FROM person_review x WHERE x.status = 'open'
                   AND x.person_id = r.person_id AND x.candidate_id = r.candidate_id)
               RETURNING id""",
            [pid],
        ).fetchall()
    return len(rows)
