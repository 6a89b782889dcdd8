"""Build a large deterministic deployment for benchmarks (set-based SQL, no Python loops).

50 partnerships x 300 people x (13 full + 80 action-team meetings) ~ 200,000 attendance rows.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import duckdb

from refresh_core.db import connect

PARTNERSHIPS = 50
PEOPLE = 300
ORGS = 60
TEAMS = 5
TEAM_MEETINGS = 80
END = dt.date(2026, 11, 20)


def build_large(path: Path | str, *, partnerships: int = PARTNERSHIPS) -> duckdb.DuckDBPyConnection:
    """A database at ``path`` with the large deployment of ``partnerships`` (recreated from scratch)."""
    if str(path) != ":memory:":
        Path(path).unlink(missing_ok=True)
    conn = connect(path)
    p = {"np": partnerships, "width": max(2, len(str(partnerships))), "people": PEOPLE, "orgs": ORGS,
         "teams": TEAMS, "tm": TEAM_MEETINGS, "end": END}

    def run(sql: str) -> None:
        conn.execute(sql, {k: v for k, v in p.items() if f"${k}" in sql})

    conn.execute("BEGIN")
    run(
        "INSERT INTO partnership (id, name, sector, region) SELECT i,"
        " 'Partnership ' || lpad(i::VARCHAR, $width, '0'), 'Sector', 'Region ' || (i % 5 + 1)"
        " FROM range(1, $np + 1) t(i)"
    )
    run(
        """INSERT INTO organisation (id, partnership_id, name, name_key, kind, kind_source)
           SELECT (pid - 1) * $orgs + o + 1, pid, 'Org ' || pid || '-' || o, 'org ' || pid || '-' || o,
                  CASE WHEN o < 45 THEN 'industry' ELSE 'public_partner' END, 'convener'
           FROM range(1, $np + 1) a(pid), range($orgs) b(o)"""
    )
    run(
        """INSERT INTO person (id, partnership_id, full_name, name_key, email, level, organisation_id)
           SELECT (pid - 1) * $people + i + 1, pid,
                  'Person ' || pid || '-' || i, 'person ' || pid || '-' || i,
                  'p' || pid || '-' || i || '@org' || (i % $orgs) || '.com',
                  CASE i % 3 WHEN 0 THEN 'executive' WHEN 1 THEN 'mid_level' ELSE 'other' END,
                  (pid - 1) * $orgs + (i % $orgs) + 1
           FROM range(1, $np + 1) a(pid), range($people) b(i)"""
    )
    run(
        """INSERT INTO priority (id, partnership_id, title, status, identified_on)
           SELECT (pid - 1) * $teams + k + 1, pid, 'Priority ' || k, 'active',
                  $end::DATE + (k * 120 - 700)::INTEGER
           FROM range(1, $np + 1) a(pid), range($teams) b(k)"""
    )
    run(
        """INSERT INTO action_team (id, partnership_id, name, priority_id, status, chartered_on)
           SELECT (pid - 1) * $teams + k + 1, pid, 'Team ' || k, (pid - 1) * $teams + k + 1, 'active',
                  $end::DATE + (k * 120 - 700)::INTEGER
           FROM range(1, $np + 1) a(pid), range($teams) b(k)"""
    )
    run(
        """INSERT INTO meeting (id, partnership_id, date, title, kind)
           SELECT (pid - 1) * 100 + q + 1, pid, $end::DATE - ((12 - q) * 91)::INTEGER, 'Quarterly ' || q,
                  CASE WHEN q = 0 THEN 'launch' ELSE 'quarterly' END
           FROM range(1, $np + 1) a(pid), range(13) b(q)"""
    )
    run(
        """INSERT INTO meeting (id, partnership_id, date, title, kind, action_team_id)
           SELECT 10000000 + (pid - 1) * $tm + m, pid, $end::DATE + (m * 8 - 700)::INTEGER,
                  'Team meeting ' || m, 'action_team',
                  (pid - 1) * $teams + (m % $teams) + 1
           FROM range(1, $np + 1) a(pid), range($tm) b(m)"""
    )
    run(  # full meetings: about half the people, fewer industry later on
        """INSERT INTO attendance (meeting_id, person_id, role)
           SELECT m.id, x.id, 'participant' FROM meeting m JOIN person x USING (partnership_id)
           WHERE m.kind <> 'action_team' AND hash(m.id, x.id) % 100 < 50"""
    )
    run(  # team meetings: the team's fifth of the people, a third of them each time
        """INSERT INTO attendance (meeting_id, person_id, role)
           SELECT m.id, x.id, 'participant' FROM meeting m JOIN person x USING (partnership_id)
           WHERE m.kind = 'action_team' AND (x.id % $teams) = (m.action_team_id % $teams)
             AND hash(m.id, x.id) % 100 < 40"""
    )
    conn.execute("COMMIT")
    return conn
