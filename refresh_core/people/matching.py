"""People: name normalisation, level from job title, and matching import rows to people.

A row matches an existing person by email (trimmed, any case); else by the same
normalised full name at the same organisation (a row with neither email nor
organisation matches a record with neither, e.g. the same Teams guest again). Anything closer than a
stranger but not exact (similar names at the same organisation or company email
domain, or the same name elsewhere) creates a new person AND a review item: two
people are never merged without the convener (see :mod:`refresh_core.people.merges`).
"""

from __future__ import annotations

import re

import pandas as pd

from refresh_core.db import Connection
from refresh_core.enums import Level
from refresh_core.people.keys import name_keys
from refresh_core.people.lookalikes import (
    BLOCK_CAP,
    FUZZY_CUTOFF,
    MAX_CANDIDATES,
    PAIR_COLUMNS,
    SCORE_CHUNK,
    Pair,
    fuzzy_pairs,
)

__all__ = [
    "BLOCK_CAP", "FUZZY_CUTOFF", "MAX_CANDIDATES", "SCORE_CHUNK", "existing_people", "level_from_title",
    "levels", "match_people", "name_from_email", "review_pairs",
]  # fmt: skip

_EXECUTIVE = re.compile(
    r"\b(?:ceo|cfo|coo|cto|cio|president|owner|co-owner|founder|vp|svp|evp|vice president|chief|"
    r"director|administrator|general manager|managing partner|principal)\b",
    re.IGNORECASE,
)
_MID = re.compile(r"\b(?:manager|supervisor|coordinator|lead|superintendent|foreman)\b", re.IGNORECASE)


def level_from_title(title: str | None) -> Level:
    """Executive (CEO, owner, VP, director...), mid-level (manager, supervisor, lead...) or other."""
    if not title:
        return Level.OTHER
    if _EXECUTIVE.search(title):
        return Level.EXECUTIVE
    if _MID.search(title):
        return Level.MID_LEVEL
    return Level.OTHER


def levels(titles: pd.Series) -> pd.Series:
    """:func:`level_from_title` for a column."""
    uniques = {value: level_from_title(value).value for value in titles.dropna().unique()}
    return titles.map(uniques).astype(object).fillna(Level.OTHER.value)


def name_from_email(email: str) -> str:
    """A readable name when a file gives only an email: 'jane.doe@x.com' -> 'Jane Doe'."""
    local = email.split("@", 1)[0]
    words = [w for w in re.split(r"[._\-+]+", local) if w]
    return " ".join(w.capitalize() for w in words) or email


def existing_people(conn: Connection, *, partnership_id: int) -> pd.DataFrame:
    """The partnership's people with their match key and ``root`` (the person a merge kept)."""
    frame = conn.execute(
        "SELECT id, full_name, email, phone, title, level, organisation_id, merged_into_id FROM person "
        "WHERE partnership_id = ? ORDER BY id",
        [partnership_id],
    ).df()
    frame["key"] = name_keys(frame["full_name"]) if len(frame) else pd.Series(dtype=object)
    frame["email"] = frame["email"].str.strip().str.lower() if len(frame) else frame["email"]
    pairs = zip(frame["id"], frame["merged_into_id"], strict=True)
    parent = {int(i): int(m) for i, m in pairs if pd.notna(m)}
    frame["root"] = [_root(int(i), parent) for i in frame["id"]]
    return frame


def _root(pid: int, parent: dict[int, int]) -> int:
    """Follow merges to the person finally kept (stopping on a loop, which should never exist)."""
    seen = {pid}
    while (nxt := parent.get(pid)) is not None and nxt not in seen:
        pid = nxt
        seen.add(pid)
    return pid


def match_people(existing: pd.DataFrame, incoming: pd.DataFrame) -> pd.DataFrame:
    """``incoming`` (identity, name_key, email, org_id, org_ref) with person_id and how it matched.

    person_id is <NA> for people to create.
    """
    out = incoming.copy()
    out["person_id"] = pd.array([pd.NA] * len(out), dtype="Int64")
    out["how"] = None
    active = existing[existing["merged_into_id"].isna()]
    by_email = existing.dropna(subset=["email"]).groupby("email")["root"].min()
    hit = out["email"].map(by_email)
    _assign(out, hit, "email")
    with_org = active.dropna(subset=["organisation_id"])
    by_name_org = with_org.groupby(["key", with_org["organisation_id"].astype("int64")])["id"].min()
    keys = pd.MultiIndex.from_arrays([out["name_key"], out["org_id"].astype("Int64")])
    hit = pd.Series(by_name_org.reindex(keys).to_numpy(), index=out.index)
    _assign(out, hit.where(out["org_id"].notna()), "name and organisation")
    # A row with neither email nor organisation matches a record that has neither either (its name is
    # all either side knows), following merges to the person kept; anything else goes to review.
    plain = existing[existing["email"].isna() & existing["organisation_id"].isna()]
    roots = plain.groupby("key")["root"].agg(["min", "nunique"])
    unique = roots.loc[roots["nunique"] == 1, "min"]
    bare = out["email"].isna() & out["org_ref"].isna()
    _assign(out, out["name_key"].map(unique).where(bare), "name (no email or organisation on either side)")
    return out


def _assign(out: pd.DataFrame, hit: pd.Series, how: str) -> None:
    take = out["person_id"].isna() & hit.notna()
    out.loc[take, "person_id"] = hit[take].astype("int64")
    out.loc[take, "how"] = how


def review_pairs(existing: pd.DataFrame, matched: pd.DataFrame) -> pd.DataFrame:
    """Close-but-not-exact pairs for the people about to be created.

    Columns: identity (new person), candidate_id (existing person) or candidate_identity (another
    new person), score, reason. Blocks: same organisation, same company email domain.
    """
    new = matched[matched["person_id"].isna()]
    if new.empty:
        return _pairs_frame([])
    active = existing[existing["merged_into_id"].isna()]
    same = "same name, different email or organisation"
    same_name = new.merge(active, left_on="name_key", right_on="key", suffixes=("", "_e"))
    pairs: list[Pair] = [
        (identity, int(pid), None, 100.0, same)
        for identity, pid in zip(same_name["identity"].tolist(), same_name["id"].tolist(), strict=True)
    ]
    twins = new.merge(new, on="name_key", suffixes=("", "_2"))
    twins = twins[twins["identity"] < twins["identity_2"]]
    pairs += [
        (second, None, first, 100.0, same)
        for first, second in zip(twins["identity"].tolist(), twins["identity_2"].tolist(), strict=True)
    ]
    return _pairs_frame(pairs + fuzzy_pairs(active, new))


def _pairs_frame(pairs: list[Pair]) -> pd.DataFrame:
    frame = pd.DataFrame(pairs, columns=PAIR_COLUMNS)
    if frame.empty:
        return frame
    frame["other"] = [
        f"{c}|{i}" for c, i in zip(frame["candidate_id"], frame["candidate_identity"], strict=True)
    ]
    frame = frame.sort_values("score", ascending=False).drop_duplicates(["identity", "other"])
    return frame.drop(columns="other").reset_index(drop=True)
