"""Each matched person's latest meeting in a file (whose organisation becomes theirs when they moved on)
is worked out on codes; it equals sorting the rows by meeting date (undated meetings last, ties: the
later row) and keeping each person's last row."""

from __future__ import annotations

import datetime as dt

import pandas as pd
from hypothesis import given, settings
from hypothesis import strategies as st

from refresh_core.imports.moves import _latest

DAYS = st.sampled_from([dt.date(2026, 3, 11), dt.date(2026, 5, 13), dt.date(2026, 9, 9), None])
ROWS = st.lists(st.tuples(st.sampled_from("abcd"), st.sampled_from(["m1", "m2", "m3", "m4", "m5"]),
                          st.sampled_from(["ref:x", "ref:y"])), max_size=25)  # fmt: skip


@settings(max_examples=300, deadline=None)
@given(ROWS, st.tuples(DAYS, DAYS, DAYS, DAYS), st.booleans())
def test_latest_meeting_per_person_equals_a_stable_sort_by_date(
    rows: list[tuple[str, str, str]], days: tuple[dt.date | None, ...], coded: bool
) -> None:
    """Same person, meeting, organisation and date as the sort; 'm5' is not one of the file's meetings
    (its rows are left out) and a meeting may have no date (it counts as the latest)."""
    att = pd.DataFrame(rows, columns=["identity", "mkey", "org_ref"], dtype=object)
    if coded:
        att = att.astype({"identity": "category", "mkey": "category"})
    day_of = pd.Series(list(days), index=["m1", "m2", "m3", "m4"], dtype=object)
    got = _latest(att, day_of)
    dated = att.astype(object).merge(day_of.rename("date").rename_axis("mkey").reset_index(), on="mkey")
    dated["when"] = pd.to_datetime(dated["date"])
    expected = dated.sort_values("when", na_position="last", kind="stable").drop_duplicates(
        "identity", keep="last")
    assert _as_rows(got) == _as_rows(expected)


def _as_rows(frame: pd.DataFrame) -> list[tuple[object, ...]]:
    picked = frame[["identity", "mkey", "org_ref", "date"]].astype(object).to_numpy().tolist()
    return sorted(map(tuple, picked), key=str)
