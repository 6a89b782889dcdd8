"""A draft's cells cleaned and classified, each column kept coded (an integer per row into its distinct
values, :mod:`refresh_core.ingest.coded`) until :func:`refresh_core.ingest.assemble.finish` spells out
the rows: every cleaner and classifier runs once per distinct cell, and no step builds or hashes a
column of a million Python strings (a 1,000,000-row sheet naming 20,000 people and 120 meetings holds
20,000 names and 120 titles)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd

from refresh_core.ingest import classify, vocabulary
from refresh_core.ingest.coded import fallback, in_order_of_appearance, per_distinct, recode

_PERSON_FIELDS = ("name", "email", "organisation", "title", "phone", "affiliation")


@dataclass(frozen=True)
class Who:
    """Each row's cleaned name (missing where empty) and email (missing where none), coded; which rows'
    names are empty (a name that is missing for other reasons is not); the raw codes of both draft
    columns (for :func:`raw_codes`)."""

    names: pd.Series
    emails: pd.Series
    blank: np.ndarray
    raw: dict[str, np.ndarray]

    def subset(self, keep: np.ndarray) -> Who:
        raw = {name: codes[keep] for name, codes in self.raw.items()}
        return Who(names=self.names[keep], emails=self.emails[keep], blank=self.blank[keep], raw=raw)


def who(draft: pd.DataFrame, *, original: bool, guest_suffix: bool) -> Who:
    """Names and emails as :func:`classify.clean_names` and :func:`classify.clean_emails` read them; an
    empty name takes the name of a 'Jane Doe <jane@x.org>' email cell."""
    name_codes, name_texts = per_distinct(draft["name"])
    email_codes, email_texts = per_distinct(draft["email"])
    names = classify.clean_names(name_texts, original=original, guest_suffix=guest_suffix).to_numpy(object)
    emails = recode(email_codes, classify.clean_emails(email_texts).to_numpy(object), draft.index)
    empty = np.asarray(names == "", dtype=bool)
    table = names.copy()
    table[np.asarray(pd.isna(names), dtype=bool) | empty] = None
    coded = recode(name_codes, table, draft.index)
    blank = empty[name_codes]
    if blank.any():
        shown = classify.display_names(email_texts).fillna("").to_numpy(object)
        use = blank & (shown != "")[email_codes]
        if use.any():  # (rare: a row's name comes from its email cell; spelled out, then coded again)
            per_row = names[name_codes]
            per_row[use] = shown[email_codes[use]]
            blank = blank & ~use
            per_row[blank | np.asarray(pd.isna(per_row), dtype=bool)] = None
            coded = recode(np.arange(len(per_row)), per_row, draft.index)
    return Who(names=coded, emails=emails, blank=blank, raw={"name": name_codes, "email": email_codes})


def _mapped(values: pd.Series, table_of: Any) -> tuple[pd.Series, np.ndarray]:
    """(the coded column of ``table_of(distinct values)``, the raw codes)."""
    codes, texts = per_distinct(values)
    return recode(codes, np.asarray(table_of(texts), dtype=object), values.index), codes


def _none_if_empty(texts: pd.Series) -> np.ndarray:
    return np.asarray(classify.none_if_empty(texts), dtype=object)


def _kinds(texts: pd.Series) -> list[str | None]:
    """:func:`classify.classify_kinds` of each distinct cell."""
    return [vocabulary.meeting_kind("" if pd.isna(t) else str(t)) for t in texts.tolist()]


def _affiliations(texts: pd.Series) -> tuple[list[str | None], list[str | None]]:
    """:func:`classify.classify_affiliation` of each distinct cell: (affiliation, public subtype)."""
    words = texts.astype(str).tolist()
    kinds = [vocabulary.affiliation(w) for w in words]
    pairs = zip(words, kinds, strict=True)
    subtypes = [vocabulary.public_subtype(w) if k == "public_partner" else None for w, k in pairs]
    return kinds, subtypes


def people(draft: pd.DataFrame, found: Who) -> dict[str, Any]:
    """The columns of the people frame, the text ones coded (see :mod:`refresh_core.ingest.assemble`)."""
    index = draft.index
    raw = dict(found.raw)
    columns: dict[str, Any] = {"line": draft["line"], "name": found.names, "email": found.emails}
    for name in ("organisation", "title", "phone"):
        columns[name], raw[name] = _mapped(draft[name], _none_if_empty)
    raw["affiliation"], texts = per_distinct(draft["affiliation"])
    kinds, subtypes = _affiliations(texts)
    columns["affiliation"] = recode(raw["affiliation"], kinds, index)
    columns["public_subtype"] = recode(raw["affiliation"], subtypes, index)
    title_codes, titles = per_distinct(draft["meeting_title"])
    titles = classify.no_null_titles(titles)
    kind_codes, kind_texts = per_distinct(draft["meeting_kind"])
    kind = fallback(recode(kind_codes, _kinds(kind_texts), index), recode(title_codes, _kinds(titles), index))
    columns.update(
        meeting_date=draft["meeting_date"].dt.normalize(),
        meeting_title=recode(title_codes, _none_if_empty(titles), index),
        meeting_kind=kind,
        role=classify.role_ranks(draft["role"]),
        minutes=draft["minutes"].astype(float),
        checked_in=classify.flags(draft["checked_in"]),
        join=draft["join"],
        leave=draft["leave"],
    )
    columns["_person"] = raw_codes([raw[c] for c in _PERSON_FIELDS])
    date_codes, _ = pd.factorize(draft["meeting_date"], use_na_sentinel=False)
    columns["_meeting"] = raw_codes([np.asarray(date_codes, dtype=np.int64), title_codes, kind_codes])
    return columns


def raw_codes(parts: list[np.ndarray]) -> np.ndarray:
    """One integer per distinct combination of these raw cells' codes (each part: codes from 0, one per
    distinct raw cell), in order of first appearance: the codes of :attr:`ParsedFile.codes` (a cleaned
    cell is a function of its row's raw cells, so rows with equal codes have equal cleaned cells)."""
    codes = np.zeros(len(parts[0]) if parts else 0, dtype=np.int64)
    width = 1
    for part in parts:
        size = int(part.max()) + 1 if len(part) else 1
        if size == 1:  # (one raw cell on every row, an absent column's: it splits nothing)
            continue
        if width * size >= 2**62:
            codes, seen = pd.factorize(codes)
            width = len(seen) + 1
        codes, width = codes * size + part, width * size
    return in_order_of_appearance(codes, width)
