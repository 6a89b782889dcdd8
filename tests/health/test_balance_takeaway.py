"""The Health overview's words: the sentence over the room chart (industry leaders against public
partners) and the dates in a sign's evidence."""

from __future__ import annotations

import datetime as dt

import pandas as pd

from refresh_core.guidance import evidence_rows
from refresh_core.health.overview import balance_takeaway, newcomers_takeaway


def rooms(*counts: tuple[int, int]) -> pd.DataFrame:
    """Full-partnership meetings a quarter apart from 1 Feb 2026, each (industry, public partners)."""
    return pd.DataFrame({
        "date": [dt.date(2026, 2, 1) + dt.timedelta(days=91 * i) for i in range(len(counts))],
        "industry": [c[0] for c in counts], "public_partner": [c[1] for c in counts],
        "unclassified": [0] * len(counts)})


def test_a_new_partnerships_only_meeting_is_not_called_every_meeting() -> None:
    """Regression: after a first sign-in sheet the chart said "every meeting stayed above 1:1" of one
    meeting, and wrote its date "01 Feb 2026"."""
    said = balance_takeaway(rooms((3, 2)))
    assert said == ("At the latest meeting (1 Feb 2026) industry leaders outnumbered public partners, "
                    "3 to 2; it is the only full-partnership meeting so far.")


def test_an_even_room_is_not_said_to_be_outnumbered() -> None:
    """Regression: 10 industry leaders and 10 public partners read "industry leaders outnumbered public
    partners, 10 to 10"; an even room is even, and it does not fall below 1:1."""
    said = balance_takeaway(rooms((12, 6), (10, 10)))
    assert said == ("At the latest meeting (3 May 2026) industry leaders and public partners were even, "
                    "10 each; none of the 2 meetings fell below 1:1.")


def test_meetings_below_one_to_one_are_counted() -> None:
    """Public partners ahead at the latest of three meetings: the sentence says so and counts it."""
    said = balance_takeaway(rooms((12, 6), (9, 8), (6, 11)))
    assert said == ("At the latest meeting (2 Aug 2026) public partners outnumbered industry leaders, "
                    "11 to 6; 1 of 3 meetings fell below 1:1.")


def test_evidence_dates_read_as_days() -> None:
    """A sign's evidence shows its dates as people write them: "7 Mar 2026", not "07 Mar 2026"."""
    rows = evidence_rows({"last_new_priority": "2026-03-07"})
    assert rows == [("Last new priority identified", "7 Mar 2026")]


def test_a_room_of_unclassified_attendees_is_not_called_even() -> None:
    """Regression (first-hour walk): a Zoom report whose 69 attendees all came from organisations
    nobody had classified read "industry leaders and public partners were even, 0 each (69 more from
    organisations not classified yet)"; nothing was even, nobody was classified."""
    frame = rooms((27, 0), (0, 0))
    frame.loc[1, "unclassified"] = 69
    said = balance_takeaway(frame)
    assert "even" not in said and "0 each" not in said
    assert said.startswith("At the latest meeting (3 May 2026) all 69 attendees came from organisations "
                           "not classified yet, so it shows no balance of industry leaders and public "
                           "partners")


def test_no_meeting_in_the_last_year_is_not_called_the_same_group() -> None:
    """Regression (first-hour walk): with the only industry attendance years old, the newcomers chart
    said "No industry leader has come for the first time in the last 12 months: the same group keeps
    coming"; no group came at all in those 12 months."""
    newcomers = pd.DataFrame({"date": [pd.Timestamp(2021, 11, 19)], "title": ["Heroes meeting"],
                              "new": [27], "returning": [0], "new_companies": [5]})
    said = newcomers_takeaway(newcomers, as_of=dt.date(2026, 11, 30))
    assert "same group keeps coming" not in said
    assert said == ("No full-partnership meeting with industry leaders in the last 12 months, so nobody "
                    "could come for the first time: hold one, then look again.")


def test_a_year_of_the_same_faces_is_still_said_so() -> None:
    """A meeting in the last year with returning industry leaders only: the same group keeps coming."""
    newcomers = pd.DataFrame({"date": [pd.Timestamp(2026, 6, 1)], "title": ["June meeting"],
                              "new": [0], "returning": [12], "new_companies": [0]})
    said = newcomers_takeaway(newcomers, as_of=dt.date(2026, 11, 30))
    assert said.endswith("the same group keeps coming.")
