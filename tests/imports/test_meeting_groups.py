"""An import's meeting groups are worked out once per distinct (date, title, type) and spread back to
the rows: the result equals working them out row by row."""

from __future__ import annotations

import datetime as dt

import numpy as np
import pandas as pd
from hypothesis import given, settings
from hypothesis import strategies as st

from refresh_core.imports.meeting_groups import MeetingChoice, _groups, groups
from refresh_core.ingest.coded import first_rows
from refresh_core.people.keys import modes

ROW = st.tuples(
    st.sampled_from(["2026-03-12", "2026-03-13", None]),
    st.sampled_from(["Quarterly meeting", "quarterly  MEETING", "Workshop", "", None]),
    st.sampled_from(["quarterly", "other", None]),
)
CHOICE = st.builds(
    MeetingChoice,
    date=st.sampled_from([None, dt.date(2026, 3, 12), dt.date(2026, 4, 1)]),
    title=st.sampled_from([None, "Kick-off", "  Quarterly meeting "]),
)


@settings(max_examples=200, deadline=None)
@given(st.lists(ROW, max_size=30), CHOICE)
def test_groups_equal_row_by_row(cells: list[tuple[object, ...]], choice: MeetingChoice) -> None:
    """Same key, date, title and type on every row, whatever the file leaves blank or the user chose."""
    rows = pd.DataFrame(cells, columns=["meeting_date", "meeting_title", "meeting_kind"], dtype=object)
    rows.index = rows.index + 2  # the rows of a file keep their own index
    grouped = groups(rows, choice)
    spread = grouped.distinct.iloc[grouped.of_row].set_axis(rows.index)
    pd.testing.assert_frame_equal(spread, _groups(rows, choice))
    assert grouped.key.tolist() == _groups(rows, choice)["key"].tolist()
    assert grouped.rows.sum() == len(rows)


@settings(max_examples=200, deadline=None)
@given(st.lists(st.tuples(st.integers(0, 3), st.sampled_from(["a", "b", "c", None])), max_size=40))
def test_modes_of_distinct_rows_with_their_counts_equal_modes_of_the_rows(
    cells: list[tuple[int, str | None]],
) -> None:
    """A meeting's title is the most common one of its rows (ties: the first seen); worked out on the
    distinct rows, each weighted by how many rows it stands for, it is the same."""
    frame = pd.DataFrame(cells, columns=["key", "title"]).astype({"title": object})
    codes, _ = pd.factorize(pd.Series(list(zip(frame["key"], frame["title"].fillna("\0"), strict=True))))
    distinct = frame.iloc[first_rows(codes)].reset_index(drop=True) if len(frame) else frame
    weights = np.bincount(codes, minlength=len(distinct))
    pd.testing.assert_series_equal(modes(distinct, "key", "title", weights=weights),
                                   modes(frame, "key", "title"))


def test_two_spellings_of_one_title_are_one_meeting() -> None:
    """'Quarterly meeting' and 'quarterly  MEETING' on the same day share one key; another day does not."""
    rows = pd.DataFrame({"meeting_date": ["2026-03-12", "2026-03-12", "2026-03-13"],
                         "meeting_title": ["Quarterly meeting", "quarterly  MEETING", "Quarterly meeting"],
                         "meeting_kind": [None, None, None]}, dtype=object)  # fmt: skip
    assert groups(rows, MeetingChoice()).key.tolist() == [0, 0, 1]
