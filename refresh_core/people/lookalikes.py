"""Look-alike names: close calls between the people an import would create and the others in the same
organisation or company email domain, for the convener to review (never merged automatically).

Blocks are formed with array operations; each block is scored with rapidfuzz's ``cdist`` on whole
chunks of names, and the best :data:`MAX_CANDIDATES` per new person are picked with numpy sorts, so
no Python loop runs per person or per pair.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
from rapidfuzz import fuzz, process

from refresh_core.people.keys import email_domains, per_unique
from refresh_core.people.rules import is_free_mail

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
PAIR_COLUMNS = ["identity", "candidate_id", "candidate_identity", "score", "reason"]
Pair = tuple[object, object, object, float, str]


def _is_text(values: pd.Series) -> np.ndarray:
    """Which cells hold text (checked once per distinct value)."""
    codes, uniques = pd.factorize(values, use_na_sentinel=True)
    text = np.array([isinstance(u, str) for u in uniques] + [False], dtype=bool)
    return text[codes]


def _blocks(orgs: pd.Series, refs: pd.Series | None, emails: pd.Series) -> tuple[np.ndarray, np.ndarray]:
    """Each person's organisation block ('org:<id>', or for a new person without one 'ref:<file
    reference>') and company-domain block ('dom:<domain>'; None for personal mail and no email)."""
    org = pd.to_numeric(orgs, errors="coerce").astype("Int64")
    by_org = np.full(len(orgs), None, dtype=object)
    has = org.notna().to_numpy(dtype=bool)
    by_org[has] = ("org:" + org[has].astype("int64").astype(str)).to_numpy(dtype=object)
    if refs is not None:
        use = ~has & _is_text(refs)
        by_org[use] = ("ref:" + refs[use].astype(str)).to_numpy(dtype=object)
    domains = email_domains(emails.where(_is_text(emails), None))
    company = per_unique(domains, lambda d: None if is_free_mail(str(d)) else f"dom:{d}")
    return by_org, company.to_numpy(dtype=object)


def _members(by_org: np.ndarray, by_domain: np.ndarray) -> list[tuple[str, np.ndarray]]:
    """(block, member indices ascending) in order of each block's first member."""
    blocks = np.empty(2 * len(by_org), dtype=object)
    blocks[0::2], blocks[1::2] = by_org, by_domain
    owner = np.repeat(np.arange(len(by_org)), 2)
    named = pd.notna(blocks)
    codes, names = pd.factorize(blocks[named])
    order = np.argsort(codes, kind="stable")
    parts = np.split(owner[named][order], np.flatnonzero(np.diff(codes[order])) + 1)
    return [(str(name), part) for name, part in zip(names, parts, strict=True)] if len(codes) else []


def fuzzy_pairs(active: pd.DataFrame, new: pd.DataFrame) -> list[Pair]:
    """Similar names within each organisation and each company email domain that has new people:
    (identity, candidate_id, candidate_identity, score, reason), block by block."""
    keys: list[str] = [*active["key"].astype(str).tolist(), *new["name_key"].astype(str).tolist()]
    codes = pd.factorize(pd.Series(keys, dtype=object))[0]
    ids = active["id"].astype("int64").to_numpy()
    identities = new["identity"].astype(str).to_numpy(dtype=object)
    first_new = len(active)
    is_new = np.arange(len(keys)) >= first_new
    org_a, dom_a = _blocks(active["organisation_id"], None, active["email"])
    org_n, dom_n = _blocks(new["org_id"], new["org_ref"], new["email"])
    members = _members(np.concatenate([org_a, org_n]), np.concatenate([dom_a, dom_n]))
    pairs: list[Pair] = []
    seen: set[tuple[int, ...]] = set()
    for block, whole in members:
        label = (f"same email domain, similar name ({block[4:]})" if block.startswith("dom:")
                 else "same organisation, similar name")  # fmt: skip
        for indices in split_block(whole.tolist(), keys):
            if indices[-1] < first_new or tuple(indices) in seen:
                continue
            seen.add(tuple(indices))
            at = np.asarray(indices)
            i, j, score = close_calls([keys[k] for k in indices], is_new[at], codes[at])
            gi, gj = at[i], at[j]
            pairs += [
                (identities[a - first_new], None if b >= first_new else int(ids[b]),
                 identities[b - first_new] if b >= first_new else None, float(s), label)
                for a, b, s in zip(gi.tolist(), gj.tolist(), score.tolist(), strict=True)
            ]  # fmt: skip
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


def close_calls(
    keys: list[str], is_new: np.ndarray, codes: np.ndarray | None = None
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """(i, j, score) for the block's names ``keys`` (``codes``: equal for equal keys): each new person
    i with the others j scoring at least FUZZY_CUTOFF (never the same key, and a pair of new people
    once), best MAX_CANDIDATES per i (ties: the earlier j), ordered by i then j."""
    if codes is None:
        codes = np.unique(np.asarray(keys, dtype=object), return_inverse=True)[1]
    columns = np.arange(len(keys))
    found: list[tuple[np.ndarray, np.ndarray, np.ndarray]] = []
    rows = np.flatnonzero(is_new)
    for start in range(0, len(rows), SCORE_CHUNK):
        chunk = rows[start : start + SCORE_CHUNK]
        queries = [keys[i] for i in chunk]
        scores = np.maximum(
            process.cdist(queries, keys, scorer=fuzz.ratio, score_cutoff=FUZZY_CUTOFF),
            process.cdist(queries, keys, scorer=fuzz.token_sort_ratio, score_cutoff=FUZZY_CUTOFF),
        )
        same = codes[None, :] == codes[chunk][:, None]  # itself, or a name with the same key
        scores[same | (is_new[None, :] & (columns[None, :] < chunk[:, None]))] = 0  # new pairs once
        r, j = np.nonzero(scores)
        s = scores[r, j]
        order = np.lexsort((j, -s, r))
        r, j, s = r[order], j[order], s[order]
        first = np.flatnonzero(np.concatenate([[True], r[1:] != r[:-1]])) if len(r) else r
        rank = np.arange(len(r)) - np.repeat(first, np.diff(np.append(first, len(r))))
        keep = np.flatnonzero(rank < MAX_CANDIDATES)
        keep = keep[np.lexsort((j[keep], r[keep]))]
        found.append((chunk[r[keep]], j[keep], s[keep]))
    if not found:
        empty = np.zeros(0, dtype=np.int64)
        return empty, empty, np.zeros(0, dtype=np.float32)
    return tuple(np.concatenate(part) for part in zip(*found, strict=True))  # type: ignore[return-value]
