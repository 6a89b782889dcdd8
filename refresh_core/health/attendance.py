"""Meetings and who came: the attendance counts the diagnostics and charts use.

A person is industry or public partner by their organisation's kind; people
without an organisation are unknown. Hosts and observers count as attending.
Counts are distinct people. The partnership's attendance is fetched once
(:func:`attendance_frame`) and the summaries are computed from that frame.
"""

from __future__ import annotations

import datetime as dt

import duckdb
import pandas as pd

from refresh_core.enums import FULL_KINDS

_KIND_COLUMNS = {"industry": "industry", "public_partner": "public_partner", "unknown": "unknown"}


def attendance_frame(conn: duckdb.DuckDBPyConnection, *, partnership_id: int, as_of: dt.date) -> pd.DataFrame:
    """Every attendance up to ``as_of`` with the meeting and the attendee's kind
    (few text columns: converting text to pandas is the slow part)."""
    return conn.execute(
        """
        SELECT m.id AS meeting_id, m.date, m.action_team_id, a.person_id, p.level, p.organisation_id,
               coalesce(o.kind, 'unknown') AS org_kind,
               list_contains(?, m.kind) AS is_full, m.kind = 'action_team' AS is_team
        FROM meeting m
        JOIN attendance a ON a.meeting_id = m.id
        JOIN person p ON p.id = a.person_id
        LEFT JOIN organisation o ON o.id = p.organisation_id
        WHERE m.partnership_id = ? AND m.date <= ?
        """,
        [list(FULL_KINDS), partnership_id, as_of],
    ).df()


def _distinct_by_kind(att: pd.DataFrame, key: str) -> pd.DataFrame:
    """Distinct attendees per ``key`` and organisation kind, one column per kind."""
    unique = att.drop_duplicates([key, "person_id"])  # faster than a grouped nunique
    counts = unique.groupby([key, "org_kind"]).size().unstack(fill_value=0)
    return counts.reindex(columns=list(_KIND_COLUMNS), fill_value=0)


def full_meeting_counts(
    conn: duckdb.DuckDBPyConnection,
    *,
    partnership_id: int,
    as_of: dt.date,
    attended: pd.DataFrame | None = None,
) -> pd.DataFrame:
    """Full-partnership meetings up to ``as_of``, oldest first, with distinct
    industry, public-partner and unknown attendees (meetings with no attendance
    recorded are included with zeros)."""
    listed = conn.execute(
        "SELECT id AS meeting_id, date, kind, title FROM meeting WHERE partnership_id = ? AND date <= ?"
        " AND list_contains(?, kind) ORDER BY date, id",
        [partnership_id, as_of, list(FULL_KINDS)],
    ).df()
    att = (
        attended
        if attended is not None
        else attendance_frame(conn, partnership_id=partnership_id, as_of=as_of)
    )
    counts = _distinct_by_kind(att[att["is_full"]], "meeting_id")
    out = listed.join(counts, on="meeting_id").fillna(dict.fromkeys(_KIND_COLUMNS, 0))
    return out.astype(dict.fromkeys(_KIND_COLUMNS, "int64"))


def new_vs_returning(
    conn: duckdb.DuckDBPyConnection,
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
    conn: duckdb.DuckDBPyConnection,
    *,
    partnership_id: int,
    as_of: dt.date,
    days: int = 90,
    attended: pd.DataFrame | None = None,
) -> pd.DataFrame:
    """Active action teams with their meetings and distinct industry and
    public-partner attendees over the ``days`` before ``as_of``."""
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
    out = teams.join(counts[["meetings", "industry", "public_partner"]], on="team_id")
    out = out.fillna({"meetings": 0, "industry": 0, "public_partner": 0})
    return out.astype({"meetings": "int64", "industry": "int64", "public_partner": "int64"})


def industry_attendance(
    conn: duckdb.DuckDBPyConnection,
    *,
    partnership_id: int,
    as_of: dt.date,
    attended: pd.DataFrame | None = None,
) -> pd.DataFrame:
    """One row per industry attendance at a full meeting up to ``as_of``, with
    the person's first full-meeting date and their organisation's first date."""
    att = (
        attended
        if attended is not None
        else attendance_frame(conn, partnership_id=partnership_id, as_of=as_of)
    )
    rows = att[att["is_full"] & (att["org_kind"] == "industry")].copy()
    rows["person_first"] = rows.groupby("person_id")["date"].transform("min")
    rows["org_first"] = rows.groupby("organisation_id")["date"].transform("min")
    return rows[["meeting_id", "date", "person_id", "organisation_id", "level", "person_first", "org_first"]]


def first_meeting_date(conn: duckdb.DuckDBPyConnection, *, partnership_id: int) -> dt.date | None:
    """The date of the partnership's first meeting of any kind, if any."""
    row = conn.execute("SELECT min(date) FROM meeting WHERE partnership_id = ?", [partnership_id]).fetchone()
    return row[0] if row else None
