"""The convener's classification work: the queue, one-click and bulk decisions, re-running the rules.

Every decision here is the convener's (``kind_source`` 'convener'): it is never
changed by a later import, and it is remembered for the whole installation
(:mod:`refresh_core.people.knowledge`), so organisations with the same name (or
the same company email domain) that only the rules had classified, in any
partnership, take it at once.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import pandas as pd

from refresh_core import words
from refresh_core.db import Connection, one, registered, transaction
from refresh_core.enums import KindSource, OrgKind, PublicSubtype
from refresh_core.errors import NotFoundError, ValidationError
from refresh_core.people.keys import org_key
from refresh_core.people.knowledge import PLACEHOLDER, forget, remember
from refresh_core.people.rules import classify

RETURNED = ["name", "domain", "kind", "public_subtype"]
_ATTENDED = """
    WITH att AS (
        SELECT coalesce(a.organisation_id, p.organisation_id) AS org, a.person_id, m.date
        FROM attendance a JOIN meeting m ON m.id = a.meeting_id JOIN person p ON p.id = a.person_id
        WHERE m.partnership_id = $p)
    SELECT o.id, o.name, o.domain, o.kind, o.public_subtype, o.kind_source AS source,
           coalesce(o.kind_reason, '') AS reason, count(DISTINCT att.person_id) AS attendees,
           max(att.date) AS last_seen
    FROM organisation o LEFT JOIN att ON att.org = o.id
    WHERE o.partnership_id = $p
    GROUP BY o.id, o.name, o.domain, o.kind, o.public_subtype, o.kind_source, o.kind_reason
    ORDER BY CASE WHEN o.kind = 'unclassified' THEN 0 WHEN o.kind_source = 'guess' THEN 1 ELSE 2 END,
             attendees DESC, lower(o.name), o.id
"""


def classification_queue(conn: Connection, *, partnership_id: int) -> pd.DataFrame:
    """Every organisation, unclassified first, then guesses, then the rest; each by attendees (distinct
    people who came with it to any meeting), with its kind, subtype, source and reason."""
    return conn.execute(_ATTENDED, {"p": partnership_id}).df()


def organisations_json(conn: Connection, *, partnership_id: int) -> list[dict[str, Any]]:
    """The ``organisations --json`` contract: name, kind, subtype, source, reason, attendees."""
    return [
        {
            "name": str(r["name"]),
            "kind": str(r["kind"]),
            "subtype": r["public_subtype"] if isinstance(r["public_subtype"], str) else None,
            "source": KindSource(str(r["source"])).public,
            "reason": str(r["reason"]),
            "attendees": int(r["attendees"]),
        }
        for r in classification_queue(conn, partnership_id=partnership_id).to_dict("records")
    ]


def _checked(kind: str, subtype: str | None) -> tuple[str, str | None]:
    if kind not in {k.value for k in OrgKind}:
        raise ValidationError(f"Kind {kind!r} is not one of industry, public_partner, unclassified.")
    if kind != OrgKind.PUBLIC_PARTNER:
        if subtype:
            raise ValidationError("Only a public partner has a subtype; leave it out for this kind.")
        return kind, None
    if subtype is not None and subtype not in {s.value for s in PublicSubtype}:
        raise ValidationError(
            f"Subtype {subtype!r} is not one of {', '.join(s.value for s in PublicSubtype)}."
        )
    return kind, subtype


def set_kind(
    conn: Connection,
    *,
    partnership_id: int,
    organisation_ids: list[int],
    kind: str,
    subtype: str | None = None,
) -> int:
    """The convener's kind for these organisations (one click, or several at once); returns how many
    organisations changed here and, through the shared knowledge, elsewhere."""
    kind, subtype = _checked(kind, subtype)
    reason = f"Set by the convener on {words.day(dt.date.today())}."
    with transaction(conn):
        chosen = _update(conn, partnership_id, organisation_ids, kind, subtype, reason)
        return len(chosen) + _share(conn, partnership_id, chosen)


def kind_set_sentence(name: str, *, kind: str, subtype: str | None = None, changed: int = 1) -> str:
    """What the convener's one click did, in words: "Meridian Solutions is now Industry.", "Lakeside
    Partners is now a public partner (Community organisation).", with the organisations of the same
    name changed in other partnerships (``changed`` counts this one too, as :func:`set_kind` returns)."""
    kind, subtype = _checked(kind, subtype)
    said = {OrgKind.INDUSTRY: "Industry", OrgKind.UNCLASSIFIED: "not classified"}.get(
        OrgKind(kind), "a public partner" + (f" ({PublicSubtype(subtype).label})" if subtype else ""))
    also = f" Also applied to {words.count(changed - 1, 'organisation')} of the same name in other " \
           "partnerships." if changed > 1 else ""
    return f"{name} is now {said}.{also}"


def confirm(conn: Connection, *, partnership_id: int, organisation_ids: list[int]) -> int:
    """Confirm the kinds the rules gave (bulk confirm of guesses): they become the convener's.
    Unclassified organisations are left for a decision. Returns how many were confirmed."""
    reason = f"Confirmed by the convener on {words.day(dt.date.today())}."
    with transaction(conn):
        returned = conn.execute(
            """UPDATE organisation SET kind_source = 'convener', kind_reason = ?
               WHERE partnership_id = ? AND (id = ANY(?)) AND kind <> 'unclassified'
                 AND kind_source NOT IN ('convener', 'roster')
               RETURNING name, domain, kind, public_subtype""",
            [reason, partnership_id, [int(i) for i in organisation_ids]],
        ).fetchall()
        chosen = pd.DataFrame(returned, columns=RETURNED)
        _share(conn, partnership_id, chosen)
    return len(chosen)


def update_organisations(conn: Connection, *, partnership_id: int, edits: pd.DataFrame) -> int:
    """Save the convener's kind/subtype edits (an st.data_editor result) as the convener's, remembered
    like one-click choices; return how many of this partnership's organisations changed."""
    frame = edits[["id", "kind", "public_subtype"]].copy()
    frame["kind"] = frame["kind"].fillna(OrgKind.UNCLASSIFIED.value).astype(str)
    subtype = frame["public_subtype"].astype(object)
    frame["public_subtype"] = subtype.where(subtype.notna() & (frame["kind"] == OrgKind.PUBLIC_PARTNER), None)
    for kind, sub in zip(frame["kind"], frame["public_subtype"], strict=True):
        _checked(kind, sub)
    with transaction(conn), registered(conn, "_edits", frame):
        returned = conn.execute(
            """UPDATE organisation SET kind = e.kind, public_subtype = e.public_subtype,
                          kind_source = 'convener', kind_reason = 'Set by the convener.'
                   FROM _edits e WHERE organisation.id = e.id AND organisation.partnership_id = ?
                     AND (organisation.kind <> e.kind OR organisation.public_subtype IS DISTINCT FROM
                          e.public_subtype)
                   RETURNING organisation.name, organisation.domain, organisation.kind,
                             organisation.public_subtype""",
            [partnership_id],
        ).fetchall()
        changed = pd.DataFrame(returned, columns=RETURNED)
        _share(conn, partnership_id, changed)
    return len(changed)


def _update(
    conn: Connection, pid: int, ids: list[int], kind: str, subtype: str | None, reason: str
) -> pd.DataFrame:
    returned = conn.execute(
        """UPDATE organisation SET kind = ?, public_subtype = ?, kind_source = 'convener', kind_reason = ?
           WHERE partnership_id = ? AND (id = ANY(?))
           RETURNING name, domain, kind, public_subtype""",
        [kind, subtype, reason, pid, [int(i) for i in ids]],
    ).fetchall()
    chosen = pd.DataFrame(returned, columns=RETURNED)
    if len(chosen) != len(set(ids)):
        raise NotFoundError(
            "Some of these organisations are not in this partnership any more. Reload the page."
        )
    return chosen


def _share(conn: Connection, pid: int, chosen: pd.DataFrame) -> int:
    """Remember the choices (forget those set back to unclassified) and apply them to rule-classified
    namesakes in every partnership."""
    forget(conn, orgs=chosen[chosen["kind"] == OrgKind.UNCLASSIFIED])
    decided = chosen[chosen["kind"] != OrgKind.UNCLASSIFIED]
    if decided.empty:
        return 0
    remember(conn, partnership_id=pid, orgs=decided, source="convener")
    keys = [None if str(n).endswith(PLACEHOLDER) else org_key(str(n)) for n in decided["name"]]
    keyed = decided.assign(key=pd.Series(keys, index=decided.index, dtype=object))
    with registered(conn, "_chosen", keyed[["key", "domain", "kind", "public_subtype"]].astype(object)):
        row = one(
            conn,
            """UPDATE organisation SET kind = c.kind, public_subtype = c.public_subtype,
                      kind_source = 'convener', kind_reason = 'A convener classified it for another '
                      || 'partnership (' || (SELECT name FROM partnership WHERE id = $p) || ').'
               FROM _chosen c
               WHERE organisation.kind_source IN ('rule', 'guess') AND organisation.partnership_id <> $p
                 AND (organisation.name_key = c.key
                      OR (c.domain IS NOT NULL AND organisation.domain = c.domain
                      AND lower(organisation.name) = c.domain))""",
            {"p": pid},
        )
    return int(row[0]) if row else 0


def find_organisation(conn: Connection, *, partnership_id: int, name: str) -> int:
    """The id of the partnership's organisation called ``name`` (exactly, else by normalised name)."""
    rows = conn.execute(
        "SELECT id, name FROM organisation WHERE partnership_id = ? ORDER BY id", [partnership_id]
    ).fetchall()
    exact = [i for i, n in rows if n == name]
    key = org_key(name)
    found = exact or [i for i, n in rows if org_key(str(n)) == key]
    if not found:
        near = sorted(n for _, n in rows if key[:4] and key[:4] in org_key(str(n)))[:5]
        hint = f" Similar: {', '.join(near)}." if near else ""
        raise NotFoundError(f"No organisation called {name!r} in this partnership.{hint}")
    return int(found[0])


def reapply_rules(conn: Connection, *, partnership_id: int) -> int:
    """Run today's rules again over the organisations only the rules had classified; returns how many
    changed kind. Choices of a convener, a roster or a file's affiliation column are left alone."""
    row = one(conn, "SELECT sector FROM partnership WHERE id = ?", [partnership_id])
    orgs = conn.execute(
        "SELECT id, name, domain, kind, public_subtype, kind_source FROM organisation "
        "WHERE partnership_id = ? AND kind_source IN ('rule', 'guess')",
        [partnership_id],
    ).df()
    found = [
        classify(
            None if str(n).lower() == str(d).lower() else str(n),
            d if isinstance(d, str) else None,
            sector=row[0] if row else None,
        )
        for n, d in zip(orgs["name"], orgs["domain"], strict=True)
    ]
    frame = orgs.assign(
        new_kind=[f.kind.value for f in found],
        new_subtype=pd.Series([f.subtype.value if f.subtype else None for f in found], dtype=object),
        new_source=[f.source.value for f in found],
        new_reason=[f.reason for f in found],
    )
    frame = frame[
        (frame["new_kind"] != frame["kind"])
        | (frame["new_source"] != frame["kind_source"])
        | (frame["new_subtype"].fillna("") != frame["public_subtype"].fillna(""))
    ]
    if frame.empty:
        return 0
    with transaction(conn), registered(conn, "_again", frame.astype(object).where(frame.notna(), None)):
        conn.execute(
            """UPDATE organisation SET kind = a.new_kind, public_subtype = a.new_subtype,
                      kind_source = a.new_source, kind_reason = a.new_reason
               FROM _again a WHERE organisation.id = a.id::INTEGER"""
        )
    return len(frame)


def affiliation_history(conn: Connection, *, person_id: int) -> pd.DataFrame:
    """The organisations a person came with, oldest first: organisation, kind, first and last meeting
    with it, and how many meetings."""
    return conn.execute(
        """SELECT coalesce(o.name, 'No organisation recorded') AS organisation,
                  coalesce(o.kind, 'unclassified') AS kind, min(m.date) AS first_meeting,
                  max(m.date) AS last_meeting, count(*) AS meetings
           FROM attendance a JOIN meeting m ON m.id = a.meeting_id JOIN person p ON p.id = a.person_id
           LEFT JOIN organisation o ON o.id = coalesce(a.organisation_id, p.organisation_id)
           WHERE a.person_id = ?
           GROUP BY 1, 2 ORDER BY first_meeting, organisation""",
        [person_id],
    ).df()


def people_directory(conn: Connection, *, partnership_id: int) -> pd.DataFrame:
    """The partnership's people (merged-away ones left out): id, name, email and how many organisations
    they came with; people who came with more than one first, then by name."""
    return conn.execute(
        """SELECT p.id, p.full_name, p.email,
                  count(DISTINCT coalesce(a.organisation_id, p.organisation_id)) AS organisations
           FROM person p LEFT JOIN attendance a ON a.person_id = p.id
           WHERE p.partnership_id = ? AND p.merged_into_id IS NULL
           GROUP BY p.id, p.full_name, p.email
           ORDER BY count(DISTINCT coalesce(a.organisation_id, p.organisation_id)) > 1 DESC,
                    lower(p.full_name), p.id""",
        [partnership_id],
    ).df()
