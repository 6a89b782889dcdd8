"""Who is the same person-cell combination in a file: hashed column by column, as pandas groups them."""

from __future__ import annotations

from random import Random

import numpy as np
import pandas as pd
from hypothesis import given, settings
from hypothesis import strategies as st

from refresh_core.imports.rows import PERSON_CELLS, person_codes

CELL = st.sampled_from(["Ana", "ana", "", None, "Ben Okafor", "x@y.org"])


@settings(max_examples=60, deadline=None)
@given(st.lists(st.tuples(*[CELL for _ in PERSON_CELLS]), max_size=40))
def test_codes_equal_pandas_groups(rows: list[tuple[str | None, ...]]) -> None:
    """Same groups, numbered in order of first appearance, with missing cells equal to each other."""
    frame = pd.DataFrame(rows, columns=PERSON_CELLS, dtype=object)
    expected = frame.groupby(PERSON_CELLS, dropna=False, sort=False).ngroup().to_numpy()
    assert np.array_equal(person_codes(frame), expected)


def test_many_columns_with_many_values_do_not_overflow() -> None:
    """Seven columns of 50,000 distinct values each still give one code per distinct row."""
    n = 50_000
    frame = pd.DataFrame({c: [f"{c}{i}" for i in range(n)] for c in PERSON_CELLS})
    codes = person_codes(pd.concat([frame, frame], ignore_index=True))
    assert codes.max() == n - 1
    assert np.array_equal(codes[:n], codes[n:])


@settings(max_examples=60, deadline=None)
@given(
    st.lists(st.tuples(*[CELL for _ in PERSON_CELLS]), min_size=1, max_size=40),
    st.randoms(use_true_random=False),
)
def test_codes_from_finer_codes_equal_codes_from_cells(
    rows: list[tuple[str | None, ...]], rng: Random
) -> None:
    """Given the parser's finer codes (equal cells split at random, numbered in any order), the person
    codes are exactly those worked out from the cells alone: same groups, same numbering."""
    frame = pd.DataFrame(rows, columns=PERSON_CELLS, dtype=object)
    plain = person_codes(frame)
    split = [code * 100 + rng.randrange(3) for code in plain]
    labels = sorted(set(split))
    shuffled = labels[:]
    rng.shuffle(shuffled)
    relabel = dict(zip(labels, shuffled, strict=True))  # (a permutation: distinct stays distinct)
    finer = np.array([relabel[c] for c in split], dtype=np.int64)
    assert np.array_equal(person_codes(frame, finer=finer), plain)
