"""Meetings and who came: the attendance counts the diagnostics and charts use.

A person is industry or public partner by their organisation's kind; people
without an organisation are unknown. Hosts and observers count as attending.
Counts are distinct people.
"""

from __future__ import annotations

import datetime as dt

import duckdb
import pandas as pd

FULL_KINDS_SQL = "('launch', 'quarterly', 'refresh')"

# Attendance joined to each attendee's kind; parameters: partnership id, as-of date.
_ATTENDED = f"""
    SELECT m.id AS meeting_id, m.date, m.kind, m.title, m.action_team_id,
           a.person_id, a.role, p.level, p.organisation_id,
           coalesce(o.kind, 'unknown') AS org_kind,
           m.kind IN {FULL_KINDS_SQL} AS is_full
    FROM meeting m
    JOIN attendance a ON a.meeting_id = m.id
    JOIN person p ON p.id = a.person_id
    LEFT JOIN organisation o ON o.id = p.organisation_id
    WHERE m.partnership_id = ? AND m.date <= ?
"""


def full_meeting_counts(
    conn: duckdb.DuckDBPyConnection, *, partnership_id: int, as_of: dt.date
) -> pd.DataFrame:
    """Full-partnership meetings up to ``as_of``, oldest first, with distinct
    industry, public-partner and unknown attendees (meetings with no attendance
    recorded are included with zeros)."""
    return conn.execute(
        f"""
        WITH att AS ({_ATTENDED})
        SELECT m.id AS meeting_id, m.date, m.kind, m.title,
               count(DISTINCT att.person_id) FILTER (WHERE att.org_kind = 'industry') AS industry,
               count(DISTINCT att.person_id) FILTER (WHERE att.org_kind = 'public_partner')
                   AS public_partner,
               count(DISTINCT att.person_id) FILTER (WHERE att.org_kind = 'unknown') AS unknown
        FROM meeting m LEFT JOIN att ON att.meeting_id = m.id
        WHERE m.partnership_id = ? AND m.date <= ? AND m.kind IN {FULL_KINDS_SQL}
        GROUP BY ALL ORDER BY m.date, m.id
        """,
        [partnership_id, as_of, partnership_id, as_of],
    ).df()


def new_vs_returning(
    conn: duckdb.DuckDBPyConnection, *, partnership_id: int, as_of: dt.date
) -> pd.DataFrame:
    """Per full meeting: industry attendees there for the first time (at any
    full meeting) and those returning; plus new companies."""
    return conn.execute(
        f"""
        WITH att AS ({_ATTENDED}), ind AS (SELECT * FROM att WHERE is_full AND org_kind = 'industry'),
        firsts AS (SELECT person_id, min(date) AS first_date FROM ind GROUP BY person_id),
        org_firsts AS (SELECT organisation_id, min(date) AS first_date FROM ind GROUP BY ALL)
        SELECT ind.meeting_id, ind.date, ind.title,
               count(DISTINCT ind.person_id) FILTER (WHERE f.first_date = ind.date) AS new,
               count(DISTINCT ind.person_id) FILTER (WHERE f.first_date < ind.date) AS returning,
               count(DISTINCT ind.organisation_id) FILTER (WHERE o.first_date = ind.date)
                   AS new_companies
        FROM ind JOIN firsts f USING (person_id)
        JOIN org_firsts o USING (organisation_id)
        GROUP BY ALL ORDER BY ind.date, ind.meeting_id
        """,
        [partnership_id, as_of],
    ).df()


def team_participation(
    conn: duckdb.DuckDBPyConnection, *, partnership_id: int, as_of: dt.date, days: int = 90
) -> pd.DataFrame:
    """Active action teams with their meetings and distinct industry and
    public-partner attendees over the ``days`` before ``as_of``."""
    start = as_of - dt.timedelta(days=days)
    return conn.execute(
        f"""
        WITH att AS ({_ATTENDED})
        SELECT t.id AS team_id, t.name AS team, t.chartered_on,
               count(DISTINCT att.meeting_id) AS meetings,
               count(DISTINCT att.person_id) FILTER (WHERE att.org_kind = 'industry') AS industry,
               count(DISTINCT att.person_id) FILTER (WHERE att.org_kind = 'public_partner')
                   AS public_partner
        FROM action_team t
        LEFT JOIN att ON att.action_team_id = t.id AND att.kind = 'action_team' AND att.date > ?
        WHERE t.partnership_id = ? AND t.status = 'active' AND t.chartered_on <= ?
        GROUP BY ALL ORDER BY t.name
        """,
        [partnership_id, as_of, start, partnership_id, as_of],
    ).df()


def industry_attendance(
    conn: duckdb.DuckDBPyConnection, *, partnership_id: int, as_of: dt.date
) -> pd.DataFrame:
    """One row per industry attendance at a full meeting up to ``as_of``, with
    the person's first full-meeting date and their organisation's first date."""
    return conn.execute(
        f"""
        WITH att AS ({_ATTENDED}), ind AS (SELECT * FROM att WHERE is_full AND org_kind = 'industry')
        SELECT person_id, organisation_id, level, date,
               min(date) OVER (PARTITION BY person_id) AS person_first,
               min(date) OVER (PARTITION BY organisation_id) AS org_first
        FROM ind
        """,
        [partnership_id, as_of],
    ).df()


def first_meeting_date(
    conn: duckdb.DuckDBPyConnection, *, partnership_id: int
) -> dt.date | None:
    """The date of the partnership's first meeting of any kind, if any."""
    row = conn.execute(
        "SELECT min(date) FROM meeting WHERE partnership_id = ?", [partnership_id]
    ).fetchone()
    return row[0] if row else None
