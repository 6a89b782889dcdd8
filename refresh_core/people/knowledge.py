"""What conveners said about organisations, shared by every partnership of the installation.

A convener's choice (or a roster file's) is remembered by the organisation's
normalised name and, when it has a company email domain, by that domain. Every
import and roster of any partnership looks here before the rules, so a choice
made once survives re-imports, undo and other partnerships. Writes happen in
the caller's transaction.
"""

from __future__ import annotations

import datetime as dt

import pandas as pd

from refresh_core import words
from refresh_core.db import Connection, one, registered
from refresh_core.people.keys import org_keys
from refresh_core.people.rules import is_free_mail

PLACEHOLDER = "(organisation not given)"  # a person-specific stand-in, never remembered by name
KNOWN_COLUMNS = ["ref", "by", "kind", "public_subtype", "source", "reason"]


def _keys(frame: pd.DataFrame) -> pd.DataFrame:
    """name_key (None for placeholders and names that are just the domain) and a usable domain."""
    names = frame["name"].astype(object)
    domain = frame["domain"].astype(object).where(frame["domain"].notna(), None)
    domain = domain.map(lambda d: d.lower() if isinstance(d, str) and d and not is_free_mail(d) else None)
    bare = names.map(lambda n: not isinstance(n, str) or n.endswith(PLACEHOLDER)) | (
        names.astype(str).str.lower() == domain.astype(str)
    )
    keys = org_keys(names.where(names.notna(), "")) if len(frame) else pd.Series(dtype=object)
    return frame.assign(name_key=keys.where(~bare & (keys != ""), None), dom=domain)


def remember(
    conn: Connection, *, partnership_id: int, orgs: pd.DataFrame, source: str
) -> None:
    """Remember the kinds of ``orgs`` (name, domain, kind, public_subtype) as ``source``'s choice."""
    if orgs.empty:
        return
    keyed = _keys(orgs[["name", "domain", "kind", "public_subtype"]].astype(object))
    rows = pd.concat(
        [
            keyed.dropna(subset=["name_key"]).assign(key_type="name", key=lambda f: f["name_key"]),
            keyed.dropna(subset=["dom"]).assign(key_type="domain", key=lambda f: f["dom"]),
        ]
    ).drop_duplicates(["key_type", "key"], keep="last")
    if rows.empty:
        return
    frame = rows[["key_type", "key", "name", "kind", "public_subtype"]].astype(object)
    with registered(conn, "_known", frame.where(frame.notna(), None)):
        conn.execute(
            "INSERT INTO organisation_knowledge (key_type, key, name, kind, public_subtype,"
            " source, partnership_id, updated_at) SELECT key_type, key, name, kind, public_subtype, ?, ?,"
            " current_timestamp FROM _known ON CONFLICT (key_type, key) DO UPDATE SET name = excluded.name,"
            " kind = excluded.kind, public_subtype = excluded.public_subtype, source = excluded.source,"
            " partnership_id = excluded.partnership_id, updated_at = excluded.updated_at",
            [source, partnership_id],
        )


def forget(conn: Connection, *, orgs: pd.DataFrame) -> None:
    """Drop what was remembered about ``orgs`` (name, domain): a convener unsure again."""
    if orgs.empty:
        return
    keyed = _keys(orgs[["name", "domain"]].astype(object))
    pairs = [("name", k) for k in keyed["name_key"].dropna()] + [("domain", d) for d in keyed["dom"].dropna()]
    frame = pd.DataFrame(pairs, columns=["key_type", "key"])
    with registered(conn, "_forget", frame):
        conn.execute(
            "DELETE FROM organisation_knowledge k USING _forget f"
            " WHERE k.key_type = f.key_type AND k.key = f.key"
        )


def lookup(conn: Connection, refs: pd.DataFrame) -> pd.DataFrame:
    """For each of ``refs`` (ref, name, domain) the installation knows: ``by`` ('name' or 'domain'),
    kind, public_subtype, source and a reason naming where and when it was decided."""
    if refs.empty or not _any_knowledge(conn):
        return pd.DataFrame(columns=KNOWN_COLUMNS)
    keyed = _keys(refs[["ref", "name", "domain"]].astype(object))[["ref", "name_key", "dom"]]
    with registered(conn, "_refs", keyed.astype(object).where(keyed.notna(), None)):
        found = conn.execute(
            """SELECT r.ref, CASE WHEN n.key IS NOT NULL THEN 'name' ELSE 'domain' END AS by,
                      coalesce(n.kind, d.kind) AS kind,
                      CASE WHEN n.key IS NOT NULL THEN n.public_subtype ELSE d.public_subtype END
                          AS public_subtype,
                      coalesce(n.source, d.source) AS source,
                      coalesce(n.name, d.name) AS known_as, coalesce(n.updated_at, d.updated_at) AS at,
                      p.name AS partnership
               FROM _refs r
               LEFT JOIN organisation_knowledge n ON n.key_type = 'name' AND n.key = r.name_key
               LEFT JOIN organisation_knowledge d ON d.key_type = 'domain' AND d.key = r.dom
               LEFT JOIN partnership p ON p.id = coalesce(n.partnership_id, d.partnership_id)
               WHERE n.key IS NOT NULL OR d.key IS NOT NULL"""
        ).df()
    if found.empty:
        return pd.DataFrame(columns=KNOWN_COLUMNS)
    found["reason"] = [
        _reason(*r)
        for r in zip(
            found["source"], found["known_as"], found["at"], found["partnership"], found["by"], strict=True
        )
    ]
    return found[KNOWN_COLUMNS]


def _reason(source: str, known_as: str, at: object, partnership: object, by: str) -> str:
    who = "A convener" if source == "convener" else "A roster file"
    where = f" for {partnership}" if isinstance(partnership, str) else ""
    when = f" on {words.day(at)}" if isinstance(at, dt.datetime) else ""
    what = f"as {known_as}" if by == "name" else f"for its email domain (as {known_as})"
    return f"{who} classified it{where}{when}, {what}."


def _any_knowledge(conn: Connection) -> bool:
    row = one(conn, "SELECT EXISTS (SELECT 1 FROM organisation_knowledge)")
    return bool(row and row[0])
