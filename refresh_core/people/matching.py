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
from typing import cast

import numpy as np
import pandas as pd
from rapidfuzz import fuzz, process

from refresh_core.db import Connection
from refresh_core.enums import Level
from refresh_core.people.keys import name_keys
from refresh_core.people.organisations import is_free_mail

__all__ = [
    "existing_people", "level_from_title", "levels", "match_people", "name_from_email", "review_pairs",
]  # fmt: skip

# Similar names at least this close (0..100) are queued for the convener: a close call at the edge is
# asked about, never decided (this product's default; 'Amy Chen' / 'Amy Chan' scores 87.5).
FUZZY_CUTOFF = 80.0
# This product's defaults, bounding the fuzzy work in one organisation or email domain: a block larger
# than BLOCK_CAP is split by the first two letters of each name word (two names scoring 80 or more
# share one almost always), names are scored SCORE_CHUNK at a time, and each new person keeps at most
# MAX_CANDIDATES close calls for review.
BLOCK_CAP = 1_000
SCORE_CHUNK = 500
MAX_CANDIDATES = 5
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
    pairs: list[dict[str, object]] = []
    same_name = new.merge(active, left_on="name_key", right_on="key", suffixes=("", "_e"))
    for row in same_name.itertuples():
        pairs.append(
            {
                "identity": row.identity,
                "candidate_id": int(cast(int, row.id)),
                "candidate_identity": None,
                "score": 100.0,
                "reason": "same name, different email or organisation",
            }
        )
    twins = new.merge(new, on="name_key", suffixes=("", "_2"))
    for row in twins[twins["identity"] < twins["identity_2"]].itertuples():
        pairs.append(
            {
                "identity": row.identity_2,
                "candidate_id": None,
                "candidate_identity": row.identity,
                "score": 100.0,
                "reason": "same name, different email or organisation",
            }
        )
    pairs += _fuzzy(active, new)
    return _pairs_frame(pairs)


def _blocks(frame: pd.DataFrame, org_col: str, new: bool) -> pd.Series:
    """The organisation block of each person: 'org:<id>' (existing) or 'ref:<file reference>' (new)."""
    refs = frame["org_ref"].tolist() if new else [None] * len(frame)
    blocks = [
        f"org:{int(o)}" if pd.notna(o) else (f"ref:{r}" if isinstance(r, str) else None)
        for o, r in zip(frame[org_col].tolist(), refs, strict=True)
    ]
    return pd.Series(blocks, index=frame.index, dtype=object)


def _domain_block(email: object) -> str | None:
    if not isinstance(email, str) or "@" not in email:
        return None
    dom = email.rsplit("@", 1)[1]
    return None if is_free_mail(dom) else f"dom:{dom}"


def _fuzzy(active: pd.DataFrame, new: pd.DataFrame) -> list[dict[str, object]]:
    """Similar names within each organisation and each company email domain that has new people."""
    who: list[object] = [*active["id"].astype(int).tolist(), *("new:" + new["identity"].astype(str)).tolist()]
    keys: list[str] = [*active["key"].astype(str).tolist(), *new["name_key"].astype(str).tolist()]
    members: dict[str, list[int]] = {}
    blocks = [
        *zip(
            _blocks(active, "organisation_id", False).tolist(),
            [_domain_block(e) for e in active["email"].tolist()],
            strict=True,
        ),
        *zip(
            _blocks(new, "org_id", True).tolist(),
            [_domain_block(e) for e in new["email"].tolist()],
            strict=True,
        ),
    ]
    for index, pair in enumerate(blocks):
        for block in pair:
            if isinstance(block, str):
                members.setdefault(block, []).append(index)
    first_new, pairs, seen = len(active), [], set()
    for block, whole in members.items():
        label = (
            f"same email domain, similar name ({block[4:]})"
            if block.startswith("dom:")
            else "same organisation, similar name"
        )
        for indices in split_block(whole, keys):
            if indices[-1] < first_new or tuple(indices) in seen:
                continue
            seen.add(tuple(indices))
            pairs += _score_block([who[i] for i in indices], [keys[i] for i in indices], label)
    return pairs


def split_block(indices: list[int], keys: list[str]) -> list[list[int]]:
    """The block itself when small; else one part per two-letter start of a name word (a person is in
    the part of each of their words), so one huge organisation is never compared all against all."""
    if len(indices) <= BLOCK_CAP:
        return [indices]
    parts: dict[str, list[int]] = {}
    for i in indices:
        for start in sorted({word[:2] for word in keys[i].split()}):
            parts.setdefault(start, []).append(i)
    return [part for part in parts.values() if len(part) > 1]


def _score_block(who: list[object], keys: list[str], reason: str) -> list[dict[str, object]]:
    """Close calls between each new person and the others in the block, best MAX_CANDIDATES each."""
    is_new = [isinstance(w, str) and w.startswith("new:") for w in who]
    rows = [i for i, flag in enumerate(is_new) if flag]
    found: list[dict[str, object]] = []
    for start in range(0, len(rows), SCORE_CHUNK):
        chunk = rows[start : start + SCORE_CHUNK]
        queries = [keys[i] for i in chunk]
        scores = np.maximum(
            process.cdist(queries, keys, scorer=fuzz.ratio, score_cutoff=FUZZY_CUTOFF),
            process.cdist(queries, keys, scorer=fuzz.token_sort_ratio, score_cutoff=FUZZY_CUTOFF),
        )
        for r, i in enumerate(chunk):
            hits = [j for j in scores[r].nonzero()[0]
                    if not (j == i or keys[i] == keys[j] or (is_new[j] and j < i))]  # fmt: skip
            best = sorted(hits, key=lambda j: -scores[r][j])[:MAX_CANDIDATES]
            found += [
                {
                    "identity": str(who[i])[4:],
                    "score": float(scores[r][j]),
                    "reason": reason,
                    "candidate_id": None if is_new[j] else int(str(who[j])),
                    "candidate_identity": str(who[j])[4:] if is_new[j] else None,
                }
                for j in sorted(best)
            ]
    return found


def _pairs_frame(pairs: list[dict[str, object]]) -> pd.DataFrame:
    columns = ["identity", "candidate_id", "candidate_identity", "score", "reason"]
    frame = pd.DataFrame(pairs, columns=columns)
    if frame.empty:
        return frame
    frame["other"] = [
        f"{c}|{i}" for c, i in zip(frame["candidate_id"], frame["candidate_identity"], strict=True)
    ]
    frame = frame.sort_values("score", ascending=False).drop_duplicates(["identity", "other"])
    return frame.drop(columns="other").reset_index(drop=True)
