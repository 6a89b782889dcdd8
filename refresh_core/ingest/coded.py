"""Coded text columns: a large file's cells held as a pandas Categorical (each distinct text once, an
integer code per row), and the few helpers that let the readers treat them as text.

The DuckDB reader (:mod:`refresh_core.ingest.duckread`) gives such columns; the Python reader gives
text. A reader asks for codes only where every step after it works per distinct cell (the people
tables of sign-in sheets, forms and Eventbrite); every other reader gets text, whichever reader ran.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import numpy as np
import pandas as pd

__all__ = [
    "as_text", "code_type", "distinct", "each_distinct", "fallback", "first_rows", "in_order_of_appearance",
    "is_coded", "per_distinct", "recode", "spelled", "text_lengths",
]  # fmt: skip


def is_coded(values: pd.Series) -> bool:
    """Whether the column is held as codes and distinct texts."""
    return isinstance(values.dtype, pd.CategoricalDtype)


def as_text(values: pd.Series) -> pd.Series:
    """The column as text (a coded column spelled out; any other column as it is)."""
    return values.astype(str) if is_coded(values) else values


def distinct(values: pd.Series) -> tuple[np.ndarray, pd.Series]:
    """(a code per row, a signed integer, -1 where missing; the distinct texts): a coded column's own
    codes (as small as pandas keeps them) and texts (every text of the column, whether or not these
    rows use it), else pandas' factorisation."""
    if is_coded(values):
        texts = np.asarray(values.cat.categories, dtype=object)
        return np.asarray(values.cat.codes), pd.Series(texts, dtype=str)
    codes, uniques = pd.factorize(values, use_na_sentinel=True)
    kind = object if values.dtype == object else values.dtype
    return np.asarray(codes, dtype=np.int64), pd.Series(np.asarray(uniques, dtype=object), dtype=kind)


def each_distinct(values: pd.Series, func: Callable[[Any], object]) -> pd.Series:
    """``values.map(func)`` with ``func`` (pure) run once per distinct value, as objects."""
    codes, uniques = pd.factorize(values, use_na_sentinel=False)
    table = np.empty(len(uniques), dtype=object)
    table[:] = [func(u) for u in np.asarray(uniques, dtype=object)]
    return pd.Series(table[codes], index=values.index, dtype=object, copy=False)


def in_order_of_appearance(codes: np.ndarray, width: int) -> np.ndarray:
    """``pd.factorize(codes)[0]`` for codes in ``range(width)``: each code's first row found by a running
    minimum into a table of ``width`` entries when that is no larger than the rows (2.5x cheaper than
    hashing a million codes), else by pandas."""
    values = np.asarray(codes, dtype=np.int64)
    if not 0 < width <= len(values) + 1024:
        return np.asarray(pd.factorize(values)[0], dtype=np.int64)
    first = np.full(width, len(values), dtype=np.int64)
    np.minimum.at(first, values, np.arange(len(values)))
    present = np.flatnonzero(first < len(values))
    rank = np.empty(width, dtype=np.int64)
    rank[present[np.argsort(first[present], kind="stable")]] = np.arange(len(present))
    return rank[values]


def text_lengths(values: pd.Series) -> np.ndarray:
    """The length of each of a coded column's distinct texts, in characters (no text column made)."""
    texts = values.cat.categories.to_numpy(dtype=object)
    return np.fromiter(map(len, texts), dtype=np.int64, count=len(texts))


def first_rows(codes: np.ndarray) -> np.ndarray:
    """The position of each distinct code's first row, in order of the codes' values: what
    ``np.unique(codes, return_index=True)[1]`` gives, found by hashing (numpy sorts: ten times the
    cost on a million rows)."""
    values = np.asarray(codes)
    if len(values) and values.dtype.kind in "iu":  # codes numbered in order of appearance (as pandas'
        # factorize numbers them): each new code is one more than the largest so far, and its first row
        # is where that largest grows (no hashing)
        before = np.empty(len(values), dtype=np.int64)
        before[0] = -1
        np.maximum.accumulate(values[:-1], out=before[1:])
        if int(values.min()) >= 0 and bool(np.all(values <= before + 1)):
            return np.flatnonzero(values > before)
    first = np.flatnonzero(~pd.Series(values).duplicated().to_numpy())
    return first[np.argsort(values[first], kind="stable")]


def per_distinct(values: pd.Series) -> tuple[np.ndarray, pd.Series]:
    """(a code per row, never -1; the distinct values, a missing one included when a row has it): for
    running a function once per distinct value and spreading it back with ``table[codes]``, as
    ``on_distinct`` does (a coded column brings its own codes; anything else is factorised once)."""
    if is_coded(values):
        codes, texts = distinct(values)
        if len(codes) and int(codes.min()) < 0:  # (a coded column with missing cells: one more entry)
            codes = np.where(codes < 0, len(texts), codes)
            texts = pd.Series([*texts.tolist(), None], dtype=object)
        return codes, texts
    codes, uniques = pd.factorize(values, use_na_sentinel=False)
    return np.asarray(codes, dtype=np.int64), pd.Series(uniques, dtype=values.dtype)


def recode(codes: np.ndarray, table: object, index: pd.Index) -> pd.Series:
    """The coded column whose row i holds ``table[codes[i]]``: ``table`` holds one value per distinct
    code (repeats allowed; None or NaN where the row's value is missing), ``codes`` may be -1 (missing).
    No per-row object is made: the rows keep integer codes into the distinct non-missing values."""
    inner, uniques = pd.factorize(np.asarray(table, dtype=object), use_na_sentinel=True)
    inner = np.append(inner, -1).astype(code_type(len(uniques)))  # (code -1 reads the last entry: missing)
    categories = pd.Index(np.asarray(uniques, dtype=object), dtype=object)
    coded = pd.Categorical.from_codes(inner[codes], categories=categories)
    return pd.Series(coded, index=index, copy=False)


def code_type(categories: int) -> type[np.signedinteger]:
    """The integer type pandas keeps a Categorical's codes in, for this many categories (building the
    codes in it spares pandas a converted copy)."""
    return np.int8 if categories < 127 else np.int16 if categories < 32767 else np.int32


def fallback(first: pd.Series, second: pd.Series) -> pd.Series:
    """Coded ``first`` where it has a value, else coded ``second`` (same rows), still coded."""
    if len(second.cat.categories) == 0 or len(first.cat.categories) == 0:  # (one has no value anywhere)
        return first if len(second.cat.categories) == 0 else second
    one, two = np.asarray(first.cat.codes, dtype=np.int64), np.asarray(second.cat.codes, dtype=np.int64)
    width = len(first.cat.categories)
    codes = np.where(one >= 0, one, np.where(two >= 0, two + width, -1))
    table = [*first.cat.categories.to_numpy(dtype=object), *second.cat.categories.to_numpy(dtype=object)]
    return recode(codes, table, first.index)


def spelled(values: pd.Series, missing: object = None) -> pd.Series:
    """A coded column as objects (``missing`` where a row has no value); one Python object per distinct
    value, however many rows repeat it: the one place a coded column becomes a column per row."""
    table = np.empty(len(values.cat.categories) + 1, dtype=object)
    table[:-1] = np.asarray(values.cat.categories, dtype=object)
    table[-1] = missing
    return pd.Series(table[np.asarray(values.cat.codes)], index=values.index, dtype=object, copy=False)
