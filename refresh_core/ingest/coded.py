"""Coded text columns: a large file's cells held as a pandas Categorical (each distinct text once, an
integer code per row), and the few helpers that let the readers treat them as text.

The DuckDB reader (:mod:`refresh_core.ingest.duckread`) gives such columns; the Python reader gives
text. A reader asks for codes only where every step after it works per distinct cell (the people
tables of sign-in sheets, forms and Eventbrite); every other reader gets text, whichever reader ran.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

__all__ = ["as_text", "distinct", "first_rows", "is_coded"]


def is_coded(values: pd.Series) -> bool:
    """Whether the column is held as codes and distinct texts."""
    return isinstance(values.dtype, pd.CategoricalDtype)


def as_text(values: pd.Series) -> pd.Series:
    """The column as text (a coded column spelled out; any other column as it is)."""
    return values.astype(str) if is_coded(values) else values


def distinct(values: pd.Series) -> tuple[np.ndarray, pd.Series]:
    """(a code per row, -1 where missing; the distinct texts): a coded column's own codes and texts
    (every text of the column, whether or not these rows use it), else pandas' factorisation."""
    if is_coded(values):
        texts = np.asarray(values.cat.categories, dtype=object)
        return np.asarray(values.cat.codes, dtype=np.int64), pd.Series(texts, dtype=str)
    codes, uniques = pd.factorize(values, use_na_sentinel=True)
    kind = object if values.dtype == object else values.dtype
    return np.asarray(codes, dtype=np.int64), pd.Series(np.asarray(uniques, dtype=object), dtype=kind)


def first_rows(codes: np.ndarray) -> np.ndarray:
    """The position of each distinct code's first row, in order of the codes' values: what
    ``np.unique(codes, return_index=True)[1]`` gives, found by hashing (numpy sorts: ten times the
    cost on a million rows)."""
    values = np.asarray(codes)
    first = np.flatnonzero(~pd.Series(values).duplicated().to_numpy())
    return first[np.argsort(values[first], kind="stable")]
