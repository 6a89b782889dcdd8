"""People who moved on: a matched person whose latest meeting in a file is with another organisation
than the one recorded takes the new one (logged, so an undo restores it); their past attendance keeps
the organisation of its day."""

from __future__ import annotations

import numpy as np
import pandas as pd

from refresh_core.db import Connection, registered
from refresh_core.imports.rows import distinct_keys

__all__ = ["moved_on"]


def moved_on(
    conn: Connection, *, people: pd.DataFrame, attendance: pd.DataFrame,
    meetings: pd.DataFrame, org_ids: pd.DataFrame, existing: pd.DataFrame,
) -> pd.DataFrame:
    """Matched people whose latest meeting in the file is with another organisation than the one
    recorded, and no earlier than their last recorded meeting: their organisation becomes the new one
    (logged, so an undo restores it). Their past attendance keeps the organisation of its day."""
    columns = ["key1", "column_name", "old_value", "new_value"]
    matched = people.dropna(subset=["person_id"])["identity"]
    attendance = attendance[attendance["identity"].isin(matched) & attendance["org_ref"].notna()]
    if attendance.empty or existing.empty:
        return pd.DataFrame(columns=columns)
    latest = _latest(attendance, meetings.drop_duplicates("mkey").set_index("mkey")["date"])
    latest = latest.assign(person_id=latest["identity"].map(people.set_index("identity")["person_id"]))
    latest = latest.dropna(subset=["person_id", "date"])
    if latest.empty or existing.empty:
        return pd.DataFrame(columns=columns)
    latest = latest.astype({"org_ref": object})
    resolved = latest["org_ref"].map(org_ids.set_index("ref")["org_id"]).astype("Int64")
    current = latest["person_id"].map(existing.set_index("id")["organisation_id"]).astype("Int64")
    moved = latest[current.notna() & (resolved.isna() | (resolved != current)).fillna(True)]
    if moved.empty:
        return pd.DataFrame(columns=columns)
    frame = pd.DataFrame({"person_id": moved["person_id"].astype("int64"), "org_ref": moved["org_ref"],
                          "day": pd.to_datetime(moved["date"])})
    with registered(conn, "_moved", frame):
        found = conn.execute(
            """SELECT w.person_id, w.org_ref, p.organisation_id
               FROM _moved w JOIN person p ON p.id = w.person_id
               WHERE w.day::DATE >= coalesce((SELECT max(m.date) FROM attendance a JOIN meeting m
                                              ON m.id = a.meeting_id WHERE a.person_id = p.id),
                                             w.day::DATE)"""
        ).df()
    return pd.DataFrame(
        {"key1": found["person_id"], "column_name": "organisation_id",
         "old_value": found["organisation_id"].astype(str), "new_value": "ref:" + found["org_ref"]},
        columns=columns,
    )


def _latest(attendance: pd.DataFrame, day_of: pd.Series) -> pd.DataFrame:
    """Each person's attendance at their latest meeting in the file, with its ``date`` (undated meetings
    count as the latest; ties: the later row), worked out on codes: a million rows cost a sort of
    integers, not of dates."""
    meeting, mkeys = distinct_keys(attendance["mkey"])
    person, _ = distinct_keys(attendance["identity"])
    days = pd.Series(mkeys, dtype=object).map(day_of)
    ours: np.ndarray = np.asarray(pd.Index(mkeys, dtype=object).isin(day_of.index), dtype=bool)
    known = np.append(ours, False)[meeting]  # (rows of the file's meetings)
    order_of_day = pd.Series(pd.to_datetime(days)).rank(method="dense").fillna(np.inf).to_numpy()
    rows = np.flatnonzero(known & (person >= 0))
    when = np.append(order_of_day, np.inf)[meeting[rows]]
    order = rows[np.lexsort((rows, when, person[rows]))]
    last = order[np.r_[person[order][1:] != person[order][:-1], True]] if len(order) else order
    last = np.sort(last)
    dates = days.to_numpy(dtype=object)[meeting[last]]  # (every picked row is of a known meeting)
    return attendance.iloc[last].assign(date=dates)
