"""How many people each meeting of an import has: the preview's "attendees" per meeting."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from refresh_core.imports.rows import _coded, attendees


@pytest.mark.parametrize(
    ("rows", "meetings", "people"),
    [(20_000, 12, 2_000), (1_000, 500, 900), (7, 2, 3)],
    ids=["dense: a flag per pair", "sparse: hashed pairs", "tiny"],
)
def test_each_meeting_counts_each_person_once(rows: int, meetings: int, people: int) -> None:
    """A person recorded twice at one meeting counts once; a row with no person counts for nobody; a
    meeting nobody attended is not listed (the preview says 0 for it). Both ways of counting (a flag per
    possible pair when the file is dense, hashing otherwise) give the same counts as pandas."""
    rng = np.random.default_rng(rows)
    meeting = rng.integers(0, meetings, rows)
    person = rng.integers(-1, people, rows)  # (-1: a row whose person is unknown)
    frame = pd.DataFrame({"mkey": _coded(meeting, [f"m{i}" for i in range(meetings)]),
                          "identity": _coded(person, [f"p{i}" for i in range(people)])})
    known = person >= 0
    expected = (pd.DataFrame({"m": meeting[known], "p": person[known]}).drop_duplicates()
                .groupby("m").size().rename(lambda i: f"m{i}"))
    assert attendees(frame).sort_index().to_dict() == expected.sort_index().to_dict()
