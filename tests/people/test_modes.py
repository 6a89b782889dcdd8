"""The most common value per group (a meeting's title, an organisation's domain) counted on codes."""

from __future__ import annotations

import pandas as pd
from hypothesis import given, settings
from hypothesis import strategies as st

from refresh_core.people.keys import modes


def _by_group_by(frame: pd.DataFrame, by: str, column: str) -> pd.Series:
    """The plain pandas reading of "most common, ties to the first seen", the reference."""
    counts = frame.groupby([by, column], sort=False).size().reset_index(name="n")
    counts = counts.sort_values([by, "n"], ascending=[True, False], kind="stable").drop_duplicates(by)
    return counts.set_index(by)[column]


def test_a_meetings_title_is_the_one_most_rows_give_and_a_tie_goes_to_the_first_seen() -> None:
    """Three rows say "Quarterly", one "Qtrly": Quarterly; a 1-1 tie keeps the title met first."""
    frame = pd.DataFrame(
        {
            "key": [2, 2, 1, 2, 1, 2, 3],
            "title": ["Qtrly", "Quarterly", "Launch", "Quarterly", "Kick-off", "Quarterly", None],
        }
    )
    assert modes(frame, "key", "title").to_dict() == {1: "Launch", 2: "Quarterly"}


@settings(max_examples=300, deadline=None)
@given(
    st.lists(
        st.tuples(st.one_of(st.none(), st.integers(0, 4)), st.one_of(st.none(), st.sampled_from("abcd"))),
        max_size=40,
    )
)
def test_the_counted_mode_is_the_group_bys_for_any_rows(rows: list[tuple[int | None, str | None]]) -> None:
    """Any rows, missing keys and values included: the same groups, in the same order, with the same
    values as pandas' group-by gives."""
    keys, titles = [k for k, _ in rows], [v for _, v in rows]
    frame = pd.DataFrame({"key": pd.Series(keys, dtype=object), "title": pd.Series(titles, dtype=object)})
    fast, slow = modes(frame, "key", "title"), _by_group_by(frame, "key", "title")
    assert list(fast.index) == list(slow.index)
    assert list(fast) == list(slow)


def test_groups_of_mixed_types_keep_pandas_order_instead_of_failing() -> None:
    """Keys 1 and "1" are two groups (a group-by keeps them apart); counting them must not fail on
    comparing a number with a text."""
    frame = pd.DataFrame({"k": pd.Series([1, "1", 2, "a", 1], dtype=object), "v": ["a", "b", "c", "d", "a"]})
    assert modes(frame, "k", "v").to_dict() == _by_group_by(frame, "k", "v").to_dict()
