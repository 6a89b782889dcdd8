"""Placing roster rows on people who came without an email (Zoom and Teams guests).

A guest who joined by name only ("anthony edward stark") has nothing an email
match could find. A roster row naming that person with an email and an
organisation places the guest when the match is sure: the row's folded name key
equals the key of exactly one person without an email, that person has no
organisation (or the row's), no other person without an email has a similar
name, and no other roster row claims the same person. Anything less sure (a
similar name, two candidates, a guest recorded at another organisation) is a
pair for the review queue: two people are never merged without the convener.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
from rapidfuzz import fuzz, process

from refresh_core.people.matching import FUZZY_CUTOFF

__all__ = ["PLACED_BY_NAME", "place_by_name"]

PLACED_BY_NAME = "name (came without an email)"
CANDIDATES_PER_ROW = 3  # closest people without email asked about per roster row (this product's default)
_PAIR_COLUMNS = ["identity", "candidate_id", "score", "reason"]


def place_by_name(existing: pd.DataFrame, matched: pd.DataFrame) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Sure placements and unsure pairs for the unmatched rows of ``matched`` against people without email.

    ``existing`` is :func:`refresh_core.people.matching.existing_people`; ``matched`` is
    :func:`~refresh_core.people.matching.match_people`'s output with a boolean ``named`` column (rows
    whose name came from the file, not from an email address). Returns ``matched`` with person_id and
    how set for the sure placements, and the unsure pairs (identity, candidate_id, score, reason).
    """
    out = matched.copy()
    pairs = _candidates(existing, out)
    if pairs.empty:
        return out, pairs[_PAIR_COLUMNS]
    per_row = pairs.groupby("identity")["candidate_id"].transform("size")
    per_person = pairs.groupby("candidate_id")["identity"].transform("nunique")
    sure = pairs[(per_row == 1) & (per_person == 1) & pairs["exact"] & pairs["same_org"]]
    hit = out["identity"].map(sure.set_index("identity")["candidate_id"])
    take = out["person_id"].isna() & hit.notna()
    out.loc[take, "person_id"] = hit[take].astype("int64")
    out.loc[take, "how"] = PLACED_BY_NAME
    unsure = pairs[~pairs["identity"].isin(sure["identity"])]
    return out, unsure[_PAIR_COLUMNS].reset_index(drop=True)


def _candidates(existing: pd.DataFrame, out: pd.DataFrame) -> pd.DataFrame:
    """Every (unmatched named row, person without email) whose folded names are at least close, with
    the score, whether the keys are equal, whether the person's organisation is none or the row's,
    and the reason shown to the convener."""
    guests = existing[existing["merged_into_id"].isna() & existing["email"].isna()].reset_index(drop=True)
    rows = out[out["person_id"].isna() & out["named"] & out["name_key"].notna()].reset_index(drop=True)
    if guests.empty or rows.empty:
        return pd.DataFrame(columns=[*_PAIR_COLUMNS, "exact", "same_org"])
    queries, keys = rows["name_key"].astype(str).tolist(), guests["key"].astype(str).tolist()
    scores = np.maximum(
        process.cdist(queries, keys, scorer=fuzz.ratio, score_cutoff=FUZZY_CUTOFF, workers=1),
        process.cdist(queries, keys, scorer=fuzz.token_sort_ratio, score_cutoff=FUZZY_CUTOFF, workers=1),
    )
    r, g = _best(scores)
    pairs = pd.DataFrame(
        {
            "identity": rows["identity"].to_numpy()[r],
            "candidate_id": guests["id"].astype("int64").to_numpy()[g],
            "score": scores[r, g].astype(float),
            "exact": rows["name_key"].to_numpy()[r] == guests["key"].to_numpy()[g],
            "guest_org": guests["organisation_id"].to_numpy()[g],
            "row_org": rows["org_id"].astype(object).to_numpy()[r],
        }
    )
    pairs["same_org"] = [
        pd.isna(go) or (pd.notna(ro) and int(go) == int(ro))
        for go, ro in zip(pairs["guest_org"], pairs["row_org"], strict=True)
    ]
    pairs["reason"] = [
        _reason(exact=bool(e), same_org=bool(s))
        for e, s in zip(pairs["exact"], pairs["same_org"], strict=True)
    ]
    return pairs


def _best(scores: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """(row, guest) index pairs: each row's closest CANDIDATES_PER_ROW guests that reached the cutoff
    (a row with more is unsure anyway; this keeps the queue and the work bounded)."""
    k = min(CANDIDATES_PER_ROW, scores.shape[1])
    top = np.argpartition(-scores, k - 1, axis=1)[:, :k]
    rows = np.repeat(np.arange(scores.shape[0]), k)
    cols = top.ravel()
    keep = scores[rows, cols] > 0
    return rows[keep], cols[keep]


def _reason(*, exact: bool, same_org: bool) -> str:
    name = "same name" if exact else "similar name"
    where = "" if same_org else ", recorded at another organisation"
    return f"came without an email; {name} on the roster{where}"
