"""The roster: organisations with their kind, edited by the convener or uploaded as a CSV.

Kinds set here (``kind_source`` 'convener' or 'roster') are never changed by a
later attendance import. A roster CSV has an organisation column, a kind (or
affiliation) column and optionally a subtype, and may list people: name,
email, title, level.
"""

from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass
from typing import cast

import pandas as pd

from refresh_core import words
from refresh_core.db import Connection, one, registered, transaction
from refresh_core.enums import Level, OrgKind, PublicSubtype
from refresh_core.errors import ValidationError
from refresh_core.imports.roster_people import RosterPeople, write_roster_people
from refresh_core.imports.write import reserve_ids
from refresh_core.ingest.decode import decode_bytes, sniff_delimiter
from refresh_core.people.classification import update_organisations
from refresh_core.people.keys import org_keys
from refresh_core.people.knowledge import remember
from refresh_core.people.organisations import classify, existing_organisations

__all__ = [
    "RosterResult", "import_roster", "kind_from_text", "list_organisations", "people_without_organisation",
    "read_roster", "subtype_from_text", "update_organisations",
]  # fmt: skip

_COLUMNS = {
    "organisation": {"organisation", "organization", "company", "employer", "business", "org"},
    "kind": {"kind", "affiliation", "type", "sector", "industryorpublic", "partnertype", "orgtype"},
    "subtype": {"subtype", "publicsubtype", "publicpartnertype", "category"},
    "name": {"name", "fullname", "person", "contact"},
    "email": {"email", "emailaddress", "e-mail"},
    "title": {"title", "jobtitle", "position"},
    "level": {"level", "seniority"},
}
_PUBLIC = (
    r"public|education|college|school|universit|workforce|government|economic|non-?profit|community|chamber|"
    r"union|labou?r|associat|staffing|intermediar"
)
_SUBTYPE_WORDS = (
    (PublicSubtype.EDUCATION, r"educat|college|school|universit|k-?12"),
    (PublicSubtype.INTERMEDIARY, r"intermediar|staffing|temp agency|recruit"),
    (PublicSubtype.WORKFORCE, r"workforce|job|career"),
    (PublicSubtype.ASSOCIATION, r"chamber|associat|trade group"),
    (PublicSubtype.ECONOMIC_DEVELOPMENT, r"economic"),
    (PublicSubtype.LABOUR, r"labou?r|union"),
    (PublicSubtype.GOVERNMENT, r"government|city|county|state|municipal|agency"),
    (PublicSubtype.COMMUNITY, r"community|non-?profit|foundation"),
)


@dataclass(frozen=True)
class RosterResult:
    organisations_added: int
    organisations_updated: int
    people_added: int
    people_updated: int
    people_placed: int = 0  # already here without an email or organisation; the roster filled it in
    reviews: int = 0  # unsure name matches queued under "Possible duplicates"

    def sentence(self) -> str:
        """What the upload did, in words, with plurals right."""
        parts = [
            f"{words.count(self.organisations_added, 'organisation')} added, "
            f"{self.organisations_updated} updated",
            f"{words.count(self.people_added, 'person', 'people')} added, "
            f"{self.people_updated} updated",
        ]
        if self.people_placed:
            parts.append(f"{words.count(self.people_placed, 'person', 'people')} already here "
                         "placed (email or organisation filled in)")
        if self.reviews:
            parts.append(f"{words.count(self.reviews, 'possible match', 'possible matches')} "
                         "to check under Possible duplicates")
        return "Roster loaded: " + "; ".join(parts) + "."


def list_organisations(conn: Connection, *, partnership_id: int) -> pd.DataFrame:
    """Organisations by name with kind, subtype, where the kind came from and why, and how many people."""
    return conn.execute(
        """SELECT o.id, o.name, o.kind, o.public_subtype, o.kind_source, o.domain,
                  count(p.id) FILTER (WHERE p.merged_into_id IS NULL) AS people, o.kind_reason
           FROM organisation o LEFT JOIN person p ON p.organisation_id = o.id
           WHERE o.partnership_id = ?
           GROUP BY o.id, o.name, o.kind, o.public_subtype, o.kind_source, o.domain, o.kind_reason
           ORDER BY lower(o.name), o.id""",
        [partnership_id],
    ).df()


def people_without_organisation(conn: Connection, *, partnership_id: int) -> pd.DataFrame:
    """People who are unclassified because no organisation is recorded (e.g. personal email only)."""
    return conn.execute(
        "SELECT id, full_name, email, title FROM person WHERE partnership_id = ? AND organisation_id IS NULL "
        "AND merged_into_id IS NULL ORDER BY lower(full_name)",
        [partnership_id],
    ).df()


def kind_from_text(text: str | None) -> OrgKind | None:
    """'Industry', 'Business', 'Public partner', 'Community college'... to a kind (None when blank)."""
    if not text or not text.strip():
        return None
    lower = text.strip().lower()
    if lower in {k.value for k in OrgKind}:
        return OrgKind(lower)
    if re.search(r"industr|business|employer|private|company", lower):
        return OrgKind.INDUSTRY
    if re.search(_PUBLIC, lower):
        return OrgKind.PUBLIC_PARTNER
    return OrgKind.UNCLASSIFIED if re.search(r"unknown|unsure|unclassified|\?", lower) else None


def subtype_from_text(text: str | None) -> PublicSubtype | None:
    if not text:
        return None
    lower = text.strip().lower().replace(" ", "_")
    if lower in {s.value for s in PublicSubtype}:
        return PublicSubtype(lower)
    return next((s for s, pattern in _SUBTYPE_WORDS if re.search(pattern, lower)), None)


def read_roster(data: bytes, *, file_name: str) -> pd.DataFrame:
    """The roster CSV as a frame with our column names (organisation, kind, subtype, name, ...)."""
    text, _ = decode_bytes(data, file_name)
    records = list(csv.reader(io.StringIO(text, newline=""), delimiter=sniff_delimiter(text)))
    if not records:
        raise ValidationError(f"{file_name}: the roster is empty.")
    header = ["".join(ch for ch in cell.casefold() if ch.isalnum() or ch == "-") for cell in records[0]]
    where = {field: header.index(h) for field, names in _COLUMNS.items() for h in header if h in names}
    if "organisation" not in where:
        raise ValidationError(
            f"{file_name}: no organisation column found (headers: "
            f"{', '.join(records[0][:8])}). Name one column 'Organisation'."
        )
    rows = [
        {f: (r[i].strip() or None) if i < len(r) else None for f, i in where.items()} | {"line": n}
        for n, r in enumerate(records[1:], start=2)
        if any(c.strip() for c in r)
    ]
    frame = pd.DataFrame(rows, columns=[*_COLUMNS, "line"])
    return frame.astype(object).where(frame.notna(), None)


def _check(frame: pd.DataFrame, file_name: str) -> None:
    """Raise on the first cell we cannot use, naming its line and column."""
    levels_ok = {lv.value for lv in Level} | {"mid", "mid-level", "mid level", "exec"}
    for r in frame.to_dict("records"):
        problem = None
        if not r["organisation"]:
            problem = ("organisation", "is empty; every roster row needs an organisation")
        elif r["kind"] and kind_from_text(r["kind"]) is None:
            problem = ("kind", f"{r['kind']!r} is not industry or public partner")
        elif r["subtype"] and subtype_from_text(r["subtype"]) is None:
            problem = (
                "subtype",
                f"{r['subtype']!r} is not education, workforce, economic development, government, "
                "community, labour (union), chamber or trade association, or intermediary (staffing)",
            )
        elif r["level"] and r["level"].strip().lower() not in levels_ok:
            problem = ("level", f"{r['level']!r} is not executive, mid-level or other")
        if problem:
            raise ValidationError(
                f"{file_name}, line {r['line']}, column {problem[0]!r}: {problem[1]}. "
                "Fix the cell and upload the roster again; nothing was changed."
            )


def import_roster(
    conn: Connection, *, partnership_id: int, data: bytes, file_name: str
) -> RosterResult:
    """Load a roster CSV in one transaction: organisation kinds (source 'roster') and optional people."""
    frame = read_roster(data, file_name=file_name)
    _check(frame, file_name)
    frame["org_key"] = org_keys(frame["organisation"])
    with transaction(conn):
        added, updated, ids = _roster_orgs(conn, partnership_id, frame)
        frame["org_id"] = frame["org_key"].map(ids)
        listed = frame[frame["name"].notna() | frame["email"].notna()]
        people = (
            write_roster_people(conn, partnership_id=partnership_id, rows=listed)
            if len(listed)
            else RosterPeople(added=0, updated=0, placed=0, reviews=0)
        )
    return RosterResult(
        organisations_added=added, organisations_updated=updated, people_added=people.added,
        people_updated=people.updated, people_placed=people.placed, reviews=people.reviews,
    )


def _org_rows(conn: Connection, pid: int, frame: pd.DataFrame) -> list[dict[str, object]]:
    """One dict per roster organisation: key, name, existing id (or None), kind, subtype, source."""
    existing = existing_organisations(conn, partnership_id=pid).drop_duplicates("key").set_index("key")["id"]
    found = one(conn, "SELECT sector FROM partnership WHERE id = ?", [pid])
    sector = found[0] if found else None
    out: list[dict[str, object]] = []
    for key, part in frame.groupby("org_key", sort=False):
        name = str(part["organisation"].iloc[0])
        kind = next((k for k in map(kind_from_text, part["kind"]) if k is not None), None)
        said = next((s for s in map(subtype_from_text, part["subtype"]) if s is not None), None)
        ruled = classify(name, None, sector=sector)
        final = kind or ruled.kind
        subtype = (said or ruled.subtype) if final == OrgKind.PUBLIC_PARTNER else None
        oid = existing.get(key)
        out.append(
            {
                "key": key,
                "name": name,
                "id": None if oid is None else int(oid),
                "given": kind is not None,
                "kind": final.value,
                "public_subtype": subtype.value if subtype else None,
                "source": "roster" if kind is not None else ruled.source.value,
                "reason": "A roster file said so." if kind is not None else ruled.reason,
            }
        )
    return out


def _roster_orgs(
    conn: Connection, pid: int, frame: pd.DataFrame
) -> tuple[int, int, dict[str, int]]:
    """Create the roster's new organisations; set the kind of existing ones the roster names a kind for."""

    orgs = _org_rows(conn, pid, frame)
    new = pd.DataFrame([o for o in orgs if o["id"] is None], columns=list(orgs[0]) if orgs else None)
    new["id"] = reserve_ids(conn, "organisation_id_seq", len(new))
    columns = ["key", "name", "id", "given", "kind", "public_subtype", "source", "reason"]
    known = pd.DataFrame([o for o in orgs if o["id"] is not None and o["given"]], columns=columns)
    fields = ["id", "name", "key", "kind", "public_subtype", "source", "reason"]
    with registered(conn, "_roster_new", new.reindex(columns=fields)):
        conn.execute(
            "INSERT INTO organisation (id, partnership_id, name, name_key, kind, public_subtype,"
            " kind_source, kind_reason) SELECT id, ?, name, key, kind, public_subtype, source, reason"
            " FROM _roster_new",
            [pid],
        )
    with registered(conn, "_roster_known", known[["id", "kind", "public_subtype"]].astype(object)):
        row = conn.execute(
            """UPDATE organisation
               SET kind = k.kind, public_subtype = k.public_subtype, kind_source = 'roster',
                   kind_reason = 'A roster file said so.'
               FROM _roster_known k WHERE organisation.id = k.id::INTEGER AND (organisation.kind <> k.kind
               OR organisation.public_subtype IS DISTINCT FROM k.public_subtype
               OR organisation.kind_source NOT IN ('roster', 'convener'))"""
        ).fetchone()
    given = pd.DataFrame([o for o in orgs if o["given"]], columns=columns).assign(domain=None)
    remember(conn, partnership_id=pid, orgs=given, source="roster")
    ids = {str(o["key"]): int(cast(int, o["id"])) for o in orgs if o["id"] is not None}
    ids |= {str(k): int(v) for k, v in zip(new["key"], new["id"], strict=True)}
    return len(new), int(row[0]) if row else 0, ids
