"""Organisations: the classification rules the convener can see, and org lookup for imports.

An organisation is industry, public partner (with a subtype) or unknown. The kind
comes, strongest first, from the convener or a roster file, then an affiliation
column in an attendance file, then these rules. A rule never overrides a kind
that came from anywhere else (``kind_source``), so a later Zoom report cannot
reclassify someone a sign-in sheet or the convener already placed.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

import duckdb
import pandas as pd

from refresh_core.enums import OrgKind, PublicSubtype
from refresh_core.people.keys import org_keys

# Second-level labels of personal (free) mail providers: gmail.com, yahoo.co.uk, ...
FREE_MAIL = frozenset({
    "gmail", "googlemail", "yahoo", "ymail", "rocketmail", "outlook", "hotmail", "live", "msn",
    "icloud", "me", "mac", "aol", "proton", "protonmail", "pm", "comcast", "att", "sbcglobal",
    "bellsouth", "verizon", "charter", "cox", "earthlink", "frontier", "windstream", "centurylink",
    "gmx", "mail", "zoho", "yandex", "fastmail", "hey", "juno", "netzero", "optonline", "rr",
})  # fmt: skip
SOURCE_RANK = {"rule": 0, "import": 1, "demo": 2, "roster": 3, "convener": 3}


@dataclass(frozen=True)
class Rule:
    """One classification rule, in the order they are tried."""

    looks_at: str  # "organisation name" or "email domain"
    shown: str  # what the convener reads
    pattern: str  # regular expression, case-insensitive
    kind: OrgKind
    subtype: PublicSubtype | None


def _words(*words: str) -> str:
    return r"\b(?:" + "|".join(words) + r")\b"


RULES: tuple[Rule, ...] = (
    Rule(
        "organisation name",
        "contains Workforce",
        _words("workforce"),
        OrgKind.PUBLIC_PARTNER,
        PublicSubtype.WORKFORCE,
    ),
    Rule(
        "organisation name",
        "contains Chamber or Economic Development",
        _words("chamber", r"economic development"),
        OrgKind.PUBLIC_PARTNER,
        PublicSubtype.ECONOMIC_DEVELOPMENT,
    ),
    Rule(
        "organisation name",
        "contains College, University, School or District",
        _words("college", "university", "school", "district"),
        OrgKind.PUBLIC_PARTNER,
        PublicSubtype.EDUCATION,
    ),
    Rule(
        "organisation name",
        "contains County, City of, State of (or State agency/department/office) or Department",
        _words("county", r"city of", r"state of", r"state (?:agency|department|office|board)", "department"),
        OrgKind.PUBLIC_PARTNER,
        PublicSubtype.GOVERNMENT,
    ),
    Rule(
        "email domain",
        "ends in .edu or contains k12",
        r"\.edu$|\bk12\b",
        OrgKind.PUBLIC_PARTNER,
        PublicSubtype.EDUCATION,
    ),
    Rule(
        "email domain",
        "ends in .gov, .mil or .us",
        r"\.(?:gov|mil|us)$",
        OrgKind.PUBLIC_PARTNER,
        PublicSubtype.GOVERNMENT,
    ),
    Rule(
        "email domain",
        "personal mail (Gmail, Yahoo, Outlook, Hotmail, iCloud, AOL, Proton, Live, MSN, Comcast...)",
        "",
        OrgKind.UNKNOWN,
        None,
    ),
    Rule("email domain", "any other company domain", r".", OrgKind.INDUSTRY, None),
)
_COMPILED = tuple(re.compile(rule.pattern, re.IGNORECASE) for rule in RULES)


@dataclass(frozen=True)
class Classification:
    kind: OrgKind
    subtype: PublicSubtype | None
    rule: str | None  # the rule that decided, in words; None when none applied


def classification_rules() -> pd.DataFrame:
    """The rules in the order they are tried, for display."""
    return pd.DataFrame(
        [
            {
                "order": i + 1,
                "looks at": r.looks_at,
                "when it": r.shown,
                "kind": r.kind.value,
                "subtype": r.subtype.value if r.subtype else "",
            }
            for i, r in enumerate(RULES)
        ]
    )


@lru_cache(maxsize=65536)
def is_free_mail(domain: str | None) -> bool:
    """True for a personal mail provider's domain (gmail.com, yahoo.co.uk, ...)."""
    if not domain:
        return False
    labels = domain.lower().strip(".").split(".")
    if len(labels) < 2:
        return False
    second = labels[-3] if len(labels) >= 3 and labels[-2] in {"co", "com", "net"} else labels[-2]
    return second in FREE_MAIL


def classify(name: str | None, domain: str | None) -> Classification:
    """Apply the rules: the organisation name first, then the email domain."""
    for rule, regex in zip(RULES, _COMPILED, strict=True):
        if rule.looks_at == "organisation name":
            if name and regex.search(name):
                return Classification(rule.kind, rule.subtype, f"name {rule.shown}")
        elif domain:
            if not rule.pattern:
                if is_free_mail(domain):
                    return Classification(rule.kind, rule.subtype, f"domain is {rule.shown}")
            elif regex.search(domain):
                return Classification(rule.kind, rule.subtype, f"domain {rule.shown}")
    return Classification(OrgKind.UNKNOWN, None, None)


def subtype_guess(name: str | None, domain: str | None) -> PublicSubtype | None:
    """The subtype the rules suggest for a public partner (None when they cannot tell)."""
    return classify(name, domain).subtype


def existing_organisations(conn: duckdb.DuckDBPyConnection, *, partnership_id: int) -> pd.DataFrame:
    """The partnership's organisations with their normalised name (``key``)."""
    frame = conn.execute(
        "SELECT id, name, domain, kind, public_subtype, kind_source FROM organisation "
        "WHERE partnership_id = ? ORDER BY id",
        [partnership_id],
    ).df()
    frame["key"] = org_keys(frame["name"]) if len(frame) else pd.Series(dtype=object)
    return frame


def may_reclassify(kind: str, source: str, *, by: str) -> bool:
    """Whether a kind coming from ``by`` ('rule' or 'import') may replace (kind, source)."""
    if by == "rule":
        return source == "rule" and kind == OrgKind.UNKNOWN
    return SOURCE_RANK.get(source, 3) < SOURCE_RANK[by] or (source == by and kind == OrgKind.UNKNOWN)
