"""Meetings and who came: the attendance counts the diagnostics and charts use.

A person counts by the kind of the organisation they came with *to that meeting*
(the attendance's own organisation; when a file did not say, their current
one). People from unclassified organisations, or with none, are their own band:
never industry, never public partner. Hosts and observers count as attending.
Counts are distinct people. The partnership's attendance is fetched once
(:func:`attendance_frame`) and the summaries are computed from that frame, for the
Health page's charts and meetings; the signs count the same way in their set-based queries
(:mod:`refresh_core.health.signs`); tests hold the two to the same counts.
"""

from __future__ import annotations

import datetime as dt

import pandas as pd

from refresh_core.db import Connection
from refresh_core.enums import FULL_KINDS, REGULAR_KIND

KIND_COLUMNS = ("industry", "public_partner", "unclassified")


def attendance_frame(conn: Connection, *, partnership_id: int, as_of: dt.date) -> pd.DataFrame:
    """Every attendance up to ``as_of`` with the meeting and the attendee's kind
    (few text columns: converting text to pandas is the slow part)."""
    return conn.execute(
        """
        SELECT m.id AS meeting_id, m.date, m.action_team_id, a.person_id, p.level,
               coalesce(a.organisation_id, p.organisation_id) AS organisation_id,
               coalesce(o.kind, 'unclassified') AS org_kind,
               (m.kind = ANY($full)) AS is_full, m.kind = 'action_team' AS is_team,
               m.kind = $regular AS is_regular
        FROM meeting m
        JOIN attendance a ON a.meeting_id = m.id
        JOIN person p ON p.id = a.person_id
        LEFT JOIN organisation o ON o.id = coalesce(a.organisation_id, p.organisation_id)
        WHERE m.partnership_id = $p AND m.date <= $d
        """,
        {"full": list(FULL_KINDS), "regular": REGULAR_KIND.value, "p": partnership_id, "d": as_of},
    ).df()


def _distinct_by_kind(att: pd.DataFrame, key: str) -> pd.DataFrame:
    """Distinct attendees per ``key`` and organisation kind, one column per kind."""
    unique = att.drop_duplicates([key, "person_id"])  # faster than a grouped nunique
    counts = unique.groupby([key, "org_kind"]).size().unstack(fill_value=0)
    return counts.reindex(columns=list(KIND_COLUMNS), fill_value=0)


def full_meeting_counts(
    conn: Connection,
    *,
    partnership_id: int,
    as_of: dt.date,
    attended: pd.DataFrame | None = None,
) -> pd.DataFrame:
    """Full-partnership meetings up to ``as_of``, oldest first, with distinct
    industry, public-partner and unclassified attendees (meetings with no
    attendance recorded are included with zeros)."""
    listed = conn.execute(
        "SELECT id AS meeting_id, date, kind, title FROM meeting WHERE partnership_id = ? AND date <= ?"
        " AND (kind = ANY(?)) ORDER BY date, id",
        [partnership_id, as_of, list(FULL_KINDS)],
    ).df()
    att = (
        attended
        if attended is not None
        else attendance_frame(conn, partnership_id=partnership_id, as_of=as_of)
    )
    counts = _distinct_by_kind(att[att["is_full"]], "meeting_id")
    out = listed.join(counts, on="meeting_id").fillna(dict.fromkeys(KIND_COLUMNS, 0))
    return out.astype(dict.fromkeys(KIND_COLUMNS, "int64"))


def new_vs_returning(
    conn: Connection,
    *,
    partnership_id: int,
    as_of: dt.date,
    attended: pd.DataFrame | None = None,
) -> pd.DataFrame:
    """Per full meeting with industry attendance: leaders there for the first
    time (at any full meeting), those returning, and companies new to it."""
    rows = industry_attendance(conn, partnership_id=partnership_id, as_of=as_of, attended=attended)
    titles = conn.execute(
        "SELECT id AS meeting_id, title FROM meeting WHERE partnership_id = ?", [partnership_id]
    ).df()
    rows = rows.merge(titles, on="meeting_id")
    if rows.empty:
        return pd.DataFrame(columns=["meeting_id", "date", "title", "new", "returning", "new_companies"])
    rows["new"] = rows["person_first"] == rows["date"]
    rows["new_org"] = rows["org_first"] == rows["date"]
    grouped = rows.groupby(["meeting_id", "date", "title"], as_index=False).agg(
        new=("new", "sum"),
        total=("person_id", "nunique"),
        new_companies=("organisation_id", lambda s: s[rows.loc[s.index, "new_org"]].nunique()),
    )
    grouped["returning"] = grouped["total"] - grouped["new"]
    return grouped.drop(columns="total").sort_values(["date", "meeting_id"]).reset_index(drop=True)


def team_participation(
    conn: Connection,
    *,
    partnership_id: int,
    as_of: dt.date,
    days: int = 90,
    attended: pd.DataFrame | None = None,
) -> pd.DataFrame:
    """Active action teams with their meetings and distinct industry, public-partner
    and unclassified attendees over the ``days`` before ``as_of``."""
    teams = conn.execute(
        "SELECT id AS team_id, name AS team, chartered_on FROM action_team"
        " WHERE partnership_id = ? AND status = 'active' AND chartered_on <= ? ORDER BY name",
        [partnership_id, as_of],
    ).df()
    att = (
        attended
        if attended is not None
        else attendance_frame(conn, partnership_id=partnership_id, as_of=as_of)
    )
    recent = att[att["is_team"] & (att["date"] > pd.Timestamp(as_of - dt.timedelta(days=days)))]
    counts = _distinct_by_kind(recent, "action_team_id")
    counts["meetings"] = recent.groupby("action_team_id")["meeting_id"].nunique()
    columns = ["meetings", *KIND_COLUMNS]
    out = teams.join(counts[columns], on="team_id").fillna(dict.fromkeys(columns, 0))
    return out.astype(dict.fromkeys(columns, "int64"))


def industry_attendance(
    conn: Connection,
    *,
    partnership_id: int,
    as_of: dt.date,
    attended: pd.DataFrame | None = None,
    kind: str = "industry",
) -> pd.DataFrame:
    """One row per attendance at a full meeting up to ``as_of`` by someone who came as ``kind``
    (industry by default), with the person's first full meeting and the first full meeting their
    organisation of that day was seen at, whoever came with it (a new company is one not seen
    before at a full meeting, not a new email domain)."""
    att = (
        attended
        if attended is not None
        else attendance_frame(conn, partnership_id=partnership_id, as_of=as_of)
    )
    full = full_with_firsts(att)
    return full.loc[full["org_kind"] == kind, FIRSTS_COLUMNS]


FIRSTS_COLUMNS = ["meeting_id", "date", "person_id", "organisation_id", "level", "person_first", "org_first"]


def full_with_firsts(att: pd.DataFrame) -> pd.DataFrame:
    """Attendance at full meetings with each person's first full meeting and the first full meeting of
    their organisation of that day (``org_kind`` kept, so callers pick industry or unclassified rows)."""
    full = att[att["is_full"]].copy()
    full["person_first"] = full.groupby("person_id")["date"].transform("min")
    full["org_first"] = full.groupby("organisation_id")["date"].transform("min")
    return full
