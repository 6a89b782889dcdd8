"""Organisations: the rules shown to the convener, and which source may change an organisation's kind.

An organisation is industry, public partner (with a subtype) or unclassified.
The kind comes, strongest first, from the convener or a roster file (also
remembered for the whole installation, :mod:`refresh_core.people.knowledge`),
then an affiliation column in an attendance file, then the readable rules of
:mod:`refresh_core.people.rules` (a rule, or a weaker guess). A weaker source
never overrides a stronger one (``kind_source``), so a later Zoom report cannot
reclassify someone a sign-in sheet or the convener already placed.
"""

from __future__ import annotations

import pandas as pd

from refresh_core.db import Connection
from refresh_core.enums import KindSource, OrgKind
from refresh_core.people.keys import org_keys
from refresh_core.people.rules import FREE_MAIL, Classification, classify, is_free_mail, rules_table

__all__ = [
    "FREE_MAIL", "SOURCE_RANK", "Classification", "classification_rules", "classify",
    "existing_organisations", "is_free_mail", "kind_set_by", "may_reclassify", "subtype_guess",
]  # fmt: skip

SOURCE_RANK = {"rule": 0, "guess": 0, "import": 1, "demo": 2, "knowledge": 3, "roster": 3, "convener": 3}
_SET_BY = {"convener": "you", "roster": "roster file", "import": "attendance file", "rule": "rule",
           "guess": "a guess (confirm it)", "demo": "demo data"}


def kind_set_by(kind: str, source: str) -> str:
    """Who set an organisation's kind, in the convener's words: 'nobody yet' for one the rules looked at
    and could not classify (stored as source 'rule', though no rule decided anything)."""
    if kind == OrgKind.UNCLASSIFIED and source in (KindSource.RULE, KindSource.GUESS):
        return "nobody yet"
    return _SET_BY.get(source, source)


def classification_rules() -> pd.DataFrame:
    """The rules in the order they are tried, for display."""
    return pd.DataFrame(rules_table())


def subtype_guess(name: str | None, domain: str | None) -> str | None:
    """The public-partner subtype the rules suggest (None when they cannot tell)."""
    found = classify(name, domain)
    return found.subtype.value if found.subtype else None


def existing_organisations(conn: Connection, *, partnership_id: int) -> pd.DataFrame:
    """The partnership's organisations with their normalised name (``key``)."""
    frame = conn.execute(
        "SELECT id, name, domain, kind, public_subtype, kind_source, kind_reason FROM organisation "
        "WHERE partnership_id = ? ORDER BY id",
        [partnership_id],
    ).df()
    frame["key"] = org_keys(frame["name"]) if len(frame) else pd.Series(dtype=object)
    return frame


def may_reclassify(kind: str, source: str, *, by: str, new_source: str | None = None) -> bool:
    """Whether a kind coming from ``by`` ('rule', 'import' or 'knowledge') may replace (kind, source).

    A rule replaces only an unclassified rule or a guess, and only with a rule (``new_source``);
    an affiliation column replaces the rules; the installation's knowledge replaces all but the
    convener's and a roster's own choices for this partnership.
    """
    if by == "rule":
        if source == KindSource.RULE:
            return kind == OrgKind.UNCLASSIFIED
        return source == KindSource.GUESS and new_source == KindSource.RULE
    rank = SOURCE_RANK.get(source, 3)
    return rank < SOURCE_RANK[by] or (source == by and kind == OrgKind.UNCLASSIFIED)
