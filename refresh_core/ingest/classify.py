"""Cell cleaning and classification, vectorised (or mapped over unique values); the words each closed
set accepts are in :mod:`refresh_core.ingest.vocabulary`."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import numpy as np
import pandas as pd

from refresh_core.emails import display_name, parse_email
from refresh_core.ingest import arrowtext, vocabulary
from refresh_core.ingest.coded import distinct, is_coded, per_distinct

_EMAIL = arrowtext.regex(r"^[^@%s<>(),;:\"\[\]]+@[^@%s<>(),;:\"\[\]]+\.[^@%s<>(),;:\"\[\].]{2,}$")
_ORIGINAL = arrowtext.regex(r"^(?P<display>.*[^%s]) ?\((?P<original>[^()]*%L[^()]*)\)$")
_GUEST = arrowtext.regex(
    r" ?[(\[](?:guest|invité|invitée|convidado|convidada|invitado|invitada|gast|ospite|ゲスト)[)\]]$",
    ignore_case=True,
)
_NOT_ORIGINAL = arrowtext.regex(r"/|^(?:guest|ext|external)$", ignore_case=True)
_EDGES = arrowtext.regex(r"^%S*(?:mailto:)?|%S+$", ignore_case=True)
_TRUE = {"checked in", "checkedin", "checked-in", "yes", "y", "true", "1", "x", "attended"}
ROLE_RANK = {"observer": 0, "participant": 1, "host": 2}


def map_unique(values: pd.Series, func: Callable[[str], object]) -> pd.Series:
    """Apply a Python function once per distinct value (fast for repetitive columns)."""
    uniques: Any
    if is_coded(values):  # (a large file's column: its own codes and texts)
        codes, uniques = distinct(values)
    else:
        text = values if isinstance(values.dtype, pd.StringDtype) else values.astype(str)  # (Arrow: as is)
        codes, uniques = pd.factorize(text, use_na_sentinel=True)
    mapped = np.array([func(str(u)) for u in uniques] + [None], dtype=object)
    return pd.Series(mapped[codes], index=values.index, dtype=object, copy=False)


def on_distinct(values: pd.Series, func: Callable[[pd.Series], pd.Series]) -> pd.Series:
    """A vectorised ``func`` run on the distinct values only and spread back (same result, same dtype):
    a 1,000,000-row file repeats 20,000 names and 120 dates, so the work shrinks with the repetition."""
    if is_coded(values):  # (a large file's column: its own codes and texts; it has no missing cells)
        codes, texts = distinct(values)
        return func(texts).take(codes).set_axis(values.index)
    codes, uniques = pd.factorize(values, use_na_sentinel=False)
    if 2 * len(uniques) > len(values):
        return func(values)
    done = func(pd.Series(uniques, dtype=values.dtype))
    return done.take(codes).set_axis(values.index)


def as_objects(values: pd.Series) -> pd.Series:
    """Object column of the cells (None where missing, never NaN) holding one Python string per distinct
    value: 1,000,000 rows naming 20,000 people hold 20,000 strings, not a million copies."""
    codes, uniques = pd.factorize(values, use_na_sentinel=True)
    table = np.empty(len(uniques) + 1, dtype=object)
    table[:-1] = np.asarray(uniques, dtype=object)
    table[-1] = None
    return pd.Series(table[codes], index=values.index, dtype=object, copy=False)


def folded_codes(values: pd.Series) -> np.ndarray:
    """One integer per case-folded text (missing and "" alike), folding each distinct value once."""
    codes, uniques = pd.factorize(values, use_na_sentinel=False)
    folded = [("" if u is None or u != u else str(u)).casefold() for u in np.asarray(uniques, dtype=object)]
    inner, _ = pd.factorize(np.asarray(folded, dtype=object))
    return np.asarray(inner, dtype=np.int64)[codes]


def no_null_titles(titles: pd.Series) -> pd.Series:
    """A title cell saying "null" (as some exports write an empty one) is empty."""
    return titles.where(titles.str.casefold() != "null", "")


def none_if_empty(values: pd.Series) -> pd.Series:
    """Object series with None for empty or missing cells (one Python string per distinct cell)."""
    return on_distinct(values, _none_if_empty)


def _none_if_empty(values: pd.Series) -> pd.Series:
    text = values.astype(object)
    return text.where(values.notna() & (values.astype(str) != ""), None)


def clean_names(names: pd.Series, *, original: bool = False, guest_suffix: bool = False) -> pd.Series:
    """Collapse inner whitespace; optionally prefer Zoom's '(Original Name)'; drop '(Guest)'."""
    return on_distinct(names, lambda distinct: _clean_names(distinct, original, guest_suffix))


def _clean_names(names: pd.Series, original: bool, guest_suffix: bool) -> pd.Series:
    text = arrowtext.replace(names, arrowtext.SPACES, " ").str.strip()
    if guest_suffix:
        text = arrowtext.replace(text, _GUEST, "").str.strip()
    if original:
        found = arrowtext.extract(text, _ORIGINAL)["original"].str.strip()
        usable = found.notna() & ~arrowtext.matches(found.fillna(""), _NOT_ORIGINAL)
        text = text.where(~usable, found)
    return text


def clean_emails(values: pd.Series) -> pd.Series:
    """Lower-case address, None when there is none: bare addresses vectorised, anything else ('Jane Doe
    <jane@x.org>', quotes, trailing punctuation) through :func:`refresh_core.emails.parse_email`."""
    return on_distinct(values, _clean_emails)


def _clean_emails(values: pd.Series) -> pd.Series:
    text = arrowtext.replace(values, _EDGES, "").str.lower()
    plausible = arrowtext.matches(text, _EMAIL)
    out = text.astype(object).where(plausible, None)
    odd = ~plausible & values.astype(str).str.contains("@", regex=False).fillna(False).to_numpy(dtype=bool)
    if odd.any():  # (as an array: pandas' aligned assignment of a Series turns its None into NaN)
        out[odd] = map_unique(values[odd], parse_email).to_numpy(dtype=object)
    return out


def display_names(values: pd.Series) -> pd.Series:
    """The name in 'Jane Doe <jane@x.org>' cells (None elsewhere)."""
    has = values.astype(str).str.contains("<", regex=False).fillna(False).to_numpy(dtype=bool)
    out = pd.Series(None, index=values.index, dtype=object)
    if has.any():
        out[has] = map_unique(values[has], display_name).to_numpy(dtype=object)  # (None stays None)
    return out


def classify_affiliation(values: pd.Series) -> tuple[pd.Series, pd.Series]:
    """(affiliation, public_subtype) from free-text affiliation cells."""
    text = values if isinstance(values.dtype, pd.StringDtype) else values.astype(str)
    codes, uniques = pd.factorize(text, use_na_sentinel=True)  # (once for both)
    pairs = [(vocabulary.affiliation(str(u)), vocabulary.public_subtype(str(u))) for u in uniques]
    kinds = np.array([kind for kind, _ in pairs] + [None], dtype=object)
    subtypes = np.array([sub for _, sub in pairs] + [None], dtype=object)
    affiliation = pd.Series(kinds[codes], index=values.index, dtype=object, copy=False)
    subtype = pd.Series(subtypes[codes], index=values.index, dtype=object, copy=False)
    subtype = subtype.where(affiliation == "public_partner", None)
    return affiliation, subtype


def classify_roles(values: pd.Series) -> pd.Series:
    """'host' for organisers and hosts, 'observer' for observers, else 'participant'."""
    return map_unique(values.fillna(""), vocabulary.role).fillna("participant")


def role_ranks(values: pd.Series) -> pd.Series:
    """:data:`ROLE_RANK` of :func:`classify_roles`, computed once per distinct cell (int64)."""
    codes, uniques = per_distinct(values)  # (a missing cell reads as "")
    words = ["" if pd.isna(u) else str(u) for u in uniques.tolist()]
    table = np.array([ROLE_RANK.get(vocabulary.role(w) or "participant", np.nan) for w in words], dtype=float)
    if not len(table):
        return pd.Series(np.zeros(len(values)), index=values.index)
    if not np.isnan(table).any():  # (the usual case: whole ranks, spread as integers)
        return pd.Series(table.astype(np.int64)[codes], index=values.index, copy=False)
    ranks = table[codes]
    return pd.Series(ranks if np.isnan(ranks).any() else ranks.astype(np.int64), index=values.index)


def flags(values: pd.Series) -> pd.Series:
    """True/False/None cells as 1.0/0.0/NaN, once per distinct cell."""
    codes, uniques = pd.factorize(values, use_na_sentinel=True)
    table = np.array([{True: 1.0, False: 0.0}.get(u, np.nan) for u in uniques] + [np.nan], dtype=float)
    return pd.Series(table[codes], index=values.index, copy=False)


def classify_kinds(values: pd.Series) -> pd.Series:
    """Meeting kind from a kind cell or a meeting title; None when nothing says."""
    return map_unique(values.fillna(""), vocabulary.meeting_kind)


def checked_in(values: pd.Series) -> pd.Series:
    """Eventbrite 'Attendee Status' (or a yes/no column) to True/False."""
    return map_unique(values.fillna(""), lambda v: v.strip().lower() in _TRUE)


def person_codes(names: pd.Series, emails: pd.Series) -> np.ndarray:
    """Who counts as the same person in one file, as integers: the email when present, else the
    case-folded name (computed on distinct values, never a key string per row)."""
    email_codes, uniques = pd.factorize(emails, use_na_sentinel=True)
    by_name = folded_codes(names) + len(uniques)  # an address ("@") never equals a "name:" key
    return np.where(email_codes >= 0, email_codes, by_name)
