"""Which organisation each import row belongs to: an existing one, or one to create, and its kind.

A row's organisation comes from its organisation column; without one, from its
company email domain (the organisation is then named after the domain, e.g.
``harborprecision.com``); without either but with an affiliation, from a
placeholder for that person so the affiliation is not lost. Personal mail
domains never create an organisation. An organisation first known by its
domain takes its real name when a later file gives one with the same domain.

A new organisation's kind comes, strongest first, from what a convener or a
roster said about it anywhere in the installation, then the file's affiliation
column, then the rules (see :mod:`refresh_core.people.organisations`).
"""

from __future__ import annotations

from collections.abc import Hashable, Mapping
from typing import Any

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from refresh_core.db import Connection, one
from refresh_core.enums import KindSource, OrgKind
from refresh_core.people.keys import modes, org_key, org_keys, per_unique
from refresh_core.people.knowledge import lookup
from refresh_core.people.organisations import (
    classify,
    existing_organisations,
    is_free_mail,
    may_reclassify,
    subtype_guess,
)

ORG_COLUMNS = ["ref", "name", "domain", "kind", "public_subtype", "kind_source", "kind_reason"]
CHANGE_COLUMNS = ["key1", "column_name", "old_value", "new_value"]
NOT_GIVEN = "(organisation not given)"  # ends the name of a stand-in for someone who gave none
Row = Mapping[Hashable, Any]
_AFFILIATION_REASON = "The attendance file's affiliation column said so."


def company_domains(emails: pd.Series) -> pd.Series:
    """The email's domain when it is a company's (None for personal mail and missing emails): the text
    after the last '@' cut in Arrow, then each distinct domain checked once."""
    codes, uniques = pd.factorize(emails, use_na_sentinel=True)
    distinct = np.asarray(uniques, dtype=object)
    if len(distinct) and pd.api.types.infer_dtype(distinct, skipna=False) == "string":
        cut = pc.replace_substring_regex(pa.array(distinct, type=pa.string()), "(?s)^.*@", "")
        domains = pd.Series(np.asarray(cut.to_numpy(zero_copy_only=False), dtype=object))
    else:
        domains = pd.Series([str(e).rsplit("@", 1)[-1] for e in distinct], dtype=object)
    done = np.empty(len(distinct) + 1, dtype=object)
    done[:-1] = per_unique(domains, lambda d: None if is_free_mail(str(d)) else d).to_numpy()
    return pd.Series(done[codes], index=emails.index, dtype=object)


def base_refs(organisation: pd.Series, domain: pd.Series) -> pd.Series:
    """'name:<key>' from the organisation column, else 'domain:<domain>', else None."""
    by_name = "name:" + org_keys(organisation)
    return by_name.where(organisation.notna(), ("domain:" + domain).where(domain.notna(), None))


def org_refs(rows: pd.DataFrame) -> pd.DataFrame:
    """One row per organisation reference in the file: display name, domain, affiliation, subtype."""
    used = rows.dropna(subset=["org_ref"])
    if used.empty:
        return pd.DataFrame(columns=["ref", "name", "domain", "affiliation", "public_subtype"])
    refs = pd.DataFrame(index=pd.Index(sorted(used["org_ref"].unique()), name="ref"))
    for column, source in (
        ("name", "org_name"),
        ("domain", "company_domain"),
        ("affiliation", "affiliation"),
        ("public_subtype", "public_subtype"),
        ("person", "name"),
    ):
        refs[column] = modes(used, "org_ref", source).reindex(refs.index).astype(object)
    refs = refs.reset_index()
    refs["name"] = [
        _display(r, n, d, p)
        for r, n, d, p in zip(refs["ref"], refs["name"], refs["domain"], refs["person"], strict=True)
    ]
    return refs.drop(columns="person")


def _display(ref: str, name: object, domain: object, person: object) -> str:
    if isinstance(name, str):
        return name
    if ref.startswith("domain:"):
        return str(domain or ref[7:])
    return f"{person} {NOT_GIVEN}"


def resolve_for(
    conn: Connection, *, partnership_id: int, refs: pd.DataFrame
) -> tuple[pd.DataFrame, pd.DataFrame, pd.DataFrame]:
    """:func:`resolve` against the partnership's organisations, the installation's knowledge and the
    partnership's sector."""
    row = one(conn, "SELECT sector FROM partnership WHERE id = ?", [partnership_id])
    existing = existing_organisations(conn, partnership_id=partnership_id)
    names = [_rule_name(str(r), n) for r, n in zip(refs["ref"], refs["name"], strict=True)]
    named = refs.assign(name=pd.Series(names, index=refs.index, dtype=object))
    return resolve(existing, refs, known=lookup(conn, named), sector=row[0] if row else None)


def _rule_name(ref: str, name: object) -> str | None:
    """The name the rules and the knowledge may read (not a domain, not a placeholder)."""
    return str(name) if ref.startswith("name:") and isinstance(name, str) else None


def resolve(
    existing: pd.DataFrame,
    refs: pd.DataFrame,
    *,
    known: pd.DataFrame | None = None,
    sector: str | None = None,
) -> tuple[pd.DataFrame, pd.DataFrame, pd.DataFrame]:
    """(ref -> existing org id, organisations to create, changes to existing organisations)."""
    by_key = existing.groupby("key")["id"].min().to_dict() if len(existing) else {}
    domain_named = existing[existing["name"].str.lower() == existing["domain"].fillna("").str.lower()]
    by_domain = existing.dropna(subset=["domain"]).groupby("domain")["id"].min().to_dict()
    by_domain_name = domain_named.groupby("domain")["id"].min().to_dict() if len(domain_named) else {}
    current = existing.set_index("id").to_dict("index") if len(existing) else {}
    knowledge: dict[Any, Any] = (
        known.set_index("ref").to_dict("index") if known is not None and len(known) else {}
    )
    found: list[tuple[str, int]] = []
    new: list[dict[str, object]] = []
    changes: list[dict[str, object]] = []
    for r in refs.assign(key=org_keys(refs["name"].astype(object))).to_dict("records"):
        ref, domain = str(r["ref"]), _text(r["domain"])
        oid = by_domain.get(domain) if ref.startswith("domain:") else None
        oid = oid or by_key.get(r["key"])
        renamed = oid is None and ref.startswith("name:") and domain in by_domain_name
        oid = by_domain_name.get(domain) if renamed else oid
        if oid is None:
            new.append(_new_org(r, knowledge.get(ref), sector))
            continue
        found.append((ref, int(oid)))
        changes += _changes(int(oid), current[oid], r, knowledge.get(ref), sector, renamed=renamed)
    mapping = pd.DataFrame(found, columns=["ref", "org_id"])
    return mapping, pd.DataFrame(new, columns=ORG_COLUMNS), pd.DataFrame(changes, columns=CHANGE_COLUMNS)


def _kind_for(r: Row, known: Mapping[str, Any] | None, sector: str | None) -> dict[str, object]:
    """kind, public_subtype, kind_source and kind_reason for a new organisation."""
    ref, domain, affiliation = str(r["ref"]), _text(r["domain"]), _text(r["affiliation"])
    by_name = _rule_name(ref, r["name"])
    ruled = classify(by_name, domain, sector=sector)
    weak = ruled.kind == OrgKind.UNCLASSIFIED or ruled.source == KindSource.GUESS
    if known is not None and (known["by"] == "name" or weak):
        return _known(known)
    if affiliation:
        subtype = _text(r["public_subtype"]) or subtype_guess(by_name, domain)
        return {
            "kind": affiliation,
            "public_subtype": subtype if affiliation == OrgKind.PUBLIC_PARTNER else None,
            "kind_source": KindSource.IMPORT.value,
            "kind_reason": _AFFILIATION_REASON,
        }
    return {
        "kind": ruled.kind.value,
        "public_subtype": ruled.subtype.value if ruled.subtype else None,
        "kind_source": ruled.source.value,
        "kind_reason": ruled.reason,
    }


def _known(known: Mapping[str, Any]) -> dict[str, object]:
    return {
        "kind": known["kind"],
        "public_subtype": _text(known["public_subtype"]),
        "kind_source": known["source"],
        "kind_reason": known["reason"],
    }


def _new_org(r: Row, known: Mapping[str, Any] | None, sector: str | None) -> dict[str, object]:
    return {"ref": r["ref"], "name": str(r["name"]), "domain": _text(r["domain"])} | _kind_for(
        r, known, sector
    )


def _text(value: object) -> str | None:
    return value if isinstance(value, str) and value else None


def _changes(
    oid: int, cur: Row, r: Row, known: Mapping[str, Any] | None, sector: str | None, *, renamed: bool
) -> list[dict[str, object]]:
    """Kind learnt from knowledge, an affiliation column or the rules; a missing domain; a real name."""
    domain = _text(r["domain"])
    want: dict[str, object] = {}
    if renamed:
        want = {"name": str(r["name"]), "name_key": org_key(str(r["name"]))}
    named = {**cur, "name": want.get("name", cur["name"])}
    want |= _kind_change(named, r, known, sector, domain or _text(cur["domain"]))
    if domain and not _text(cur["domain"]):
        want["domain"] = domain
    return [
        {"key1": oid, "column_name": col, "old_value": _text(cur.get(col)), "new_value": value}
        for col, value in want.items()
        if _text(cur.get(col)) != value
    ]


def _kind_change(
    cur: Row, r: Row, known: Mapping[str, Any] | None, sector: str | None, domain: str | None
) -> dict[str, object]:
    """The kind columns to set on an existing organisation (empty when it keeps its kind)."""
    kind, source = str(cur["kind"]), str(cur["kind_source"])
    name = None if str(cur["name"]).lower() == (domain or "").lower() else str(cur["name"])
    if known is not None and may_reclassify(kind, source, by="knowledge"):
        return _known(known)
    affiliation = _text(r["affiliation"])
    if affiliation and may_reclassify(kind, source, by="import"):
        subtype = _text(r["public_subtype"]) or subtype_guess(name, domain)
        return {
            "kind": affiliation,
            "public_subtype": subtype if affiliation == OrgKind.PUBLIC_PARTNER else None,
            "kind_source": KindSource.IMPORT.value,
            "kind_reason": _AFFILIATION_REASON,
        }
    found = classify(name, domain, sector=sector)
    if affiliation or found.kind == OrgKind.UNCLASSIFIED:
        return {}
    if not may_reclassify(kind, source, by="rule", new_source=found.source):
        return {}
    return {
        "kind": found.kind.value,
        "public_subtype": found.subtype.value if found.subtype else None,
        "kind_source": found.source.value,
        "kind_reason": found.reason,
    }
