"""An import's meeting groups are worked out once per distinct (date, title, type) and spread back to
the rows: the result equals working them out row by row."""

from __future__ import annotations

import datetime as dt

import pandas as pd
from hypothesis import given, settings
from hypothesis import strategies as st

from refresh_core.imports.meetings import MeetingChoice, _groups, groups

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
    pd.testing.assert_frame_equal(groups(rows, choice), _groups(rows, choice))


def test_two_spellings_of_one_title_are_one_meeting() -> None:
    """'Quarterly meeting' and 'quarterly  MEETING' on the same day share one key; another day does not."""
    rows = pd.DataFrame({"meeting_date": ["2026-03-12", "2026-03-12", "2026-03-13"],
                         "meeting_title": ["Quarterly meeting", "quarterly  MEETING", "Quarterly meeting"],
                         "meeting_kind": [None, None, None]}, dtype=object)  # fmt: skip
    assert groups(rows, MeetingChoice())["key"].tolist() == [0, 0, 1]
