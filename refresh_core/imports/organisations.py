"""Which organisation each import row belongs to: an existing one, or one to create.

A row's organisation comes from its organisation column; without one, from its
company email domain (the organisation is then named after the domain, e.g.
``harborprecision.com``); without either but with an affiliation, from a
placeholder for that person so the affiliation is not lost. Personal mail
domains never create an organisation.
"""

from __future__ import annotations

from collections.abc import Hashable, Mapping
from typing import Any

import pandas as pd

from refresh_core.enums import OrgKind
from refresh_core.people.keys import modes, org_keys, per_unique
from refresh_core.people.organisations import classify, is_free_mail, may_reclassify, subtype_guess

ORG_COLUMNS = ["ref", "name", "domain", "kind", "public_subtype", "kind_source"]
CHANGE_COLUMNS = ["key1", "column_name", "old_value", "new_value"]
NOT_GIVEN = "(organisation not given)"  # ends the name of a stand-in for someone who gave none


def company_domains(emails: pd.Series) -> pd.Series:
    """The email's domain when it is a company's (None for personal mail and missing emails)."""

    def domain(email: object) -> str | None:
        found = str(email).rsplit("@", 1)[-1]
        return None if is_free_mail(found) else found

    return per_unique(emails, domain)


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


def resolve(existing: pd.DataFrame, refs: pd.DataFrame) -> tuple[pd.DataFrame, pd.DataFrame, pd.DataFrame]:
    """(ref -> existing org id, organisations to create, changes to existing organisations)."""
    by_key = existing.groupby("key")["id"].min().to_dict() if len(existing) else {}
    by_domain = existing.dropna(subset=["domain"]).groupby("domain")["id"].min().to_dict()
    current = existing.set_index("id").to_dict("index") if len(existing) else {}
    found: list[tuple[str, int]] = []
    new: list[dict[str, object]] = []
    changes: list[dict[str, object]] = []
    keyed = refs.assign(key=org_keys(refs["name"].astype(object)))
    for r in keyed.to_dict("records"):
        oid = by_domain.get(r["domain"]) if str(r["ref"]).startswith("domain:") else None
        oid = oid or by_key.get(r["key"])
        if oid is None:
            new.append(_new_org(r))
        else:
            found.append((str(r["ref"]), int(oid)))
            changes += _changes(int(oid), current[oid], r)
    mapping = pd.DataFrame(found, columns=["ref", "org_id"])
    return mapping, pd.DataFrame(new, columns=ORG_COLUMNS), pd.DataFrame(changes, columns=CHANGE_COLUMNS)


def _new_org(r: Mapping[Hashable, Any]) -> dict[str, object]:
    name, domain, affiliation = str(r["name"]), _text(r["domain"]), _text(r["affiliation"])
    by_name = name if str(r["ref"]).startswith("name:") else None
    if affiliation:
        subtype = _text(r["public_subtype"]) or _subtype_for(by_name, domain)
        return {
            "ref": r["ref"],
            "name": name,
            "domain": domain,
            "kind": affiliation,
            "public_subtype": subtype if affiliation == OrgKind.PUBLIC_PARTNER else None,
            "kind_source": "import",
        }
    found = classify(by_name, domain)
    return {
        "ref": r["ref"],
        "name": name,
        "domain": domain,
        "kind": found.kind.value,
        "public_subtype": found.subtype.value if found.subtype else None,
        "kind_source": "rule",
    }


def _subtype_for(name: str | None, domain: str | None) -> str | None:
    guess = subtype_guess(name, domain)
    return guess.value if guess else None


def _text(value: object) -> str | None:
    return value if isinstance(value, str) and value else None


def _changes(oid: int, cur: Mapping[Hashable, Any], r: Mapping[Hashable, Any]) -> list[dict[str, object]]:
    """Kind learnt from an affiliation column or the rules, and a missing domain, for an existing org."""
    want: dict[str, object] = {}
    kind, source = str(cur["kind"]), str(cur["kind_source"])
    affiliation, domain = _text(r["affiliation"]), _text(r["domain"])
    if affiliation and may_reclassify(kind, source, by="import"):
        subtype = _text(r["public_subtype"]) or _subtype_for(str(cur["name"]), domain)
        want = {
            "kind": affiliation,
            "kind_source": "import",
            "public_subtype": subtype if affiliation == OrgKind.PUBLIC_PARTNER else None,
        }
    elif not affiliation and may_reclassify(kind, source, by="rule"):
        found = classify(str(cur["name"]), domain or _text(cur["domain"]))
        if found.kind != OrgKind.UNKNOWN:
            want = {
                "kind": found.kind.value,
                "public_subtype": found.subtype.value if found.subtype else None,
            }
    if domain and not _text(cur["domain"]):
        want["domain"] = domain
    return [
        {"key1": oid, "column_name": col, "old_value": _text(cur[col]), "new_value": value}
        for col, value in want.items()
        if _text(cur[col]) != value
    ]
