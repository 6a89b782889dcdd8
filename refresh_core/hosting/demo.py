"""Load the two fictional demo partnerships from ``data/demo/*.csv``.

Every date is shifted forward by whole weeks so the newest demo record
(``data/demo/ANCHOR``) falls within the week before today: the demo always
looks current and keeps its weekdays. The attendance history is loaded from
the CSV files in one transaction; then the refresh stories (a refresh in
progress for the waning partnership, a completed one for the healthy one) are
written through the product's own functions (:mod:`refresh_core.hosting.demo_story`),
each in transactions of its own.

All or nothing: the history's transaction also writes a marker (the ``app_task``
row :data:`UNFINISHED`) that only the end of the stories removes. A load that
fails removes the demo with its marker; a load that is killed cannot, so the next
load finds the marker and replaces the half-told demo.
"""

from __future__ import annotations

import datetime as dt
from contextlib import ExitStack
from pathlib import Path

import pandas as pd

from refresh_core.db import Connection, one, registered, transaction
from refresh_core.errors import StorageError
from refresh_core.hosting.demo_story import lakeshore_refresh, three_rivers_refresh
from refresh_core.people.keys import org_keys
from refresh_core.schema import partnership_tables

DEMO_DIR = Path(__file__).resolve().parents[2] / "data" / "demo"
UNFINISHED = "demo_unfinished"  # app_task row: a demo load began its stories and has not finished them


def demo_shift(*, today: dt.date, anchor: dt.date) -> int:
    """Days to add to demo dates: whole weeks, never negative."""
    return max(0, (today - anchor).days // 7 * 7)


def demo_names(*, demo_dir: Path = DEMO_DIR) -> list[str]:
    """The demo partnerships' names."""
    return [str(n) for n in _read(demo_dir, "partnerships")["name"]]


def _read(demo_dir: Path, name: str) -> pd.DataFrame:
    """One demo CSV, all text (empty cells missing), to be lent to the inserts as ``demo_<name>``."""
    return pd.read_csv(demo_dir / (name + ".csv"), dtype=str, keep_default_na=False, na_values=[""])


_INSERTS = (
    """INSERT INTO partnership (name, sector, region) SELECT name, sector, region FROM demo_partnerships""",
    """INSERT INTO organisation (partnership_id, name, name_key, domain, kind, public_subtype, kind_source,
                                 kind_reason)
       SELECT p.id, o.name, lower(o.name), o.domain, o.kind, nullif(o.public_subtype, ''),
              CASE WHEN o.kind = 'unclassified' THEN 'rule' ELSE 'demo' END,
              CASE WHEN o.kind = 'unclassified' THEN 'No rule recognises the name or the email domain '
                   || o.domain || ': decide its kind.' ELSE 'Set in the demo data.' END
       FROM demo_organisations o JOIN partnership p ON p.name = o.partnership""",
    """INSERT INTO person (partnership_id, full_name, name_key, email, phone, title, level, organisation_id)
       SELECT p.id, x.full_name, lower(x.full_name), x.email, x.phone, x.title, x.level, o.id
       FROM demo_people x JOIN partnership p ON p.name = x.partnership
       JOIN organisation o ON o.partnership_id = p.id AND o.name = x.organisation""",
    """INSERT INTO action_team (partnership_id, name, status, chartered_on, closed_on)
       SELECT p.id, t.name, t.status, t.chartered_on::DATE + $shift,
              nullif(t.closed_on, '')::DATE + $shift
       FROM demo_action_teams t JOIN partnership p ON p.name = t.partnership""",
    """INSERT INTO meeting (partnership_id, date, title, kind, action_team_id, start_time, minutes, location)
       SELECT p.id, m.date::DATE + $shift, m.title, m.kind, t.id, m.start_time::TIME,
              m.minutes::INTEGER, nullif(m.location, '')
       FROM demo_meetings m JOIN partnership p ON p.name = m.partnership
       LEFT JOIN action_team t ON t.partnership_id = p.id AND t.name = nullif(m.action_team, '')""",
    """INSERT INTO attendance (meeting_id, person_id, role, minutes, organisation_id)
       SELECT DISTINCT ON (m.id, x.id) m.id, x.id, a.role, nullif(a.minutes, '')::INTEGER, x.organisation_id
       FROM demo_attendance a JOIN partnership p ON p.name = a.partnership
       JOIN meeting m ON m.partnership_id = p.id AND m.date = a.meeting_date::DATE + $shift
            AND m.title = a.meeting_title
       JOIN person x ON x.partnership_id = p.id AND x.email = a.email""",
    """INSERT INTO priority (partnership_id, title, description, status, identified_on, identified_meeting_id)
       SELECT p.id, r.title, r.description, r.status, r.identified_on::DATE + $shift,
              (SELECT min(m.id) FROM meeting m WHERE m.partnership_id = p.id
                 AND m.date = r.identified_on::DATE + $shift AND m.kind <> 'action_team')
       FROM demo_priorities r JOIN partnership p ON p.name = r.partnership""",
    """UPDATE action_team SET priority_id = r.id FROM demo_action_teams t, partnership p, priority r
       WHERE p.name = t.partnership AND action_team.partnership_id = p.id AND action_team.name = t.name
         AND r.partnership_id = p.id AND r.title = t.priority""",
    """INSERT INTO team_member (team_id, person_id, role, joined_on)
       SELECT t.id, x.id, tm.role, tm.joined_on::DATE + $shift
       FROM demo_team_members tm JOIN partnership p ON p.name = tm.partnership
       JOIN action_team t ON t.partnership_id = p.id AND t.name = tm.team
       JOIN person x ON x.partnership_id = p.id AND x.email = tm.email""",
    """INSERT INTO accomplishment (partnership_id, team_id, date, text)
       SELECT p.id, t.id, a.date::DATE + $shift, a.text
       FROM demo_accomplishments a JOIN partnership p ON p.name = a.partnership
       LEFT JOIN action_team t ON t.partnership_id = p.id AND t.name = nullif(a.team, '')""",
    """INSERT INTO principle (partnership_id, position, text)
       SELECT p.id, r.position::INTEGER, r.text
       FROM demo_principles r JOIN partnership p ON p.name = r.partnership""",
    """INSERT INTO misstep (partnership_id, team_id, date, text, lesson)
       SELECT p.id, t.id, s.date::DATE + $shift, s.text, nullif(s.lesson, '')
       FROM demo_missteps s JOIN partnership p ON p.name = s.partnership
       LEFT JOIN action_team t ON t.partnership_id = p.id AND t.name = nullif(s.team, '')""",
    """INSERT INTO sector_reflection (partnership_id, answered_on, market_forces_changed,
         new_companies_changed, regulation_changed, technology_changed, global_events_changed,
         agenda_still_fits, notes)
       SELECT p.id, r.answered_on::DATE + $shift, r.market_forces_changed::BOOLEAN,
              r.new_companies_changed::BOOLEAN, r.regulation_changed::BOOLEAN,
              r.technology_changed::BOOLEAN, r.global_events_changed::BOOLEAN,
              r.agenda_still_fits::BOOLEAN, r.notes
       FROM demo_reflections r JOIN partnership p ON p.name = r.partnership""",
)

_TABLES = (
    "partnerships",
    "organisations",
    "people",
    "action_teams",
    "meetings",
    "attendance",
    "priorities",
    "team_members",
    "accomplishments",
    "principles",
    "missteps",
    "reflections",
)


def _name_keys(conn: Connection, names: list[str]) -> None:
    """The demo organisations' matching keys, normalised as an import would (one statement)."""
    orgs = conn.execute(
        "SELECT o.id, o.name FROM organisation o JOIN partnership p ON p.id = o.partnership_id "
        "WHERE p.name = ANY(?)",
        [names],
    ).df()
    with registered(conn, "_demo_keys", orgs.assign(key=org_keys(orgs["name"]) if len(orgs) else [])):
        conn.execute(
            "UPDATE organisation SET name_key = k.key FROM _demo_keys k WHERE organisation.id = k.id"
        )


def delete_partnership_data(conn: Connection, *, partnership_id: int) -> None:
    """Delete a partnership and everything that belongs to it (inside the caller's transaction)."""
    for table, where in partnership_tables():
        conn.execute(f"DELETE FROM {table} WHERE {where}", [partnership_id])


def load_demo(
    conn: Connection,
    *,
    reset: bool = False,
    today: dt.date | None = None,
    demo_dir: Path = DEMO_DIR,
    stories: bool = True,
    repair_only: bool = False,
) -> list[str]:
    """Load the demo partnerships that are missing or half-told (all of them again with ``reset``;
    with ``repair_only``, only when an earlier load was killed halfway, so a demo partnership the
    convener deleted stays deleted).

    Without ``stories``, only the attendance history and the plan are loaded (no refresh meeting
    planned, no outcomes recorded): a base for tests that build their own.
    Returns the names loaded; an empty list when they were already present.
    """
    names = demo_names(demo_dir=demo_dir)
    if not names:
        raise StorageError(f"No demo partnerships found in {demo_dir}.")
    present = {r[0] for r in conn.execute("SELECT name FROM partnership").fetchall()}
    if not reset and (set(names) <= present or repair_only) and not unfinished(conn):
        return []
    anchor = dt.date.fromisoformat((demo_dir / "ANCHOR").read_text(encoding="utf-8").strip())
    shift = demo_shift(today=today or dt.date.today(), anchor=anchor)
    with transaction(conn):
        _delete(conn, names)
        with ExitStack() as staged:
            for table in _TABLES:
                staged.enter_context(registered(conn, f"demo_{table}", _read(demo_dir, table)))
            for sql in _INSERTS:
                conn.execute(sql, {"shift": shift} if "$shift" in sql else None)
        _name_keys(conn, names)
        if stories:
            conn.execute("INSERT INTO app_task (name) VALUES (?)", [UNFINISHED])
    if not stories:
        return names
    try:
        _stories(conn, names, day=anchor + dt.timedelta(days=shift), demo_dir=demo_dir)
    except BaseException:
        with transaction(conn):
            _delete(conn, names)  # never a half-told demo: the next run loads it again
        raise
    with transaction(conn):
        conn.execute("DELETE FROM app_task WHERE name = ?", [UNFINISHED])
    return names


def unfinished(conn: Connection) -> bool:
    """Whether a demo load began its stories and never finished them (its process was killed)."""
    return one(conn, "SELECT name FROM app_task WHERE name = ?", [UNFINISHED]) is not None


def _delete(conn: Connection, names: list[str]) -> None:
    """Inside a transaction: delete the named partnerships with everything they own, and the marker
    of an unfinished load."""
    conn.execute("DELETE FROM app_task WHERE name = ?", [UNFINISHED])
    for row in conn.execute(
        f"SELECT id FROM partnership WHERE name IN ({', '.join('?' for _ in names)})", names
    ).fetchall():
        delete_partnership_data(conn, partnership_id=row[0])


def _stories(conn: Connection, names: list[str], *, day: dt.date, demo_dir: Path) -> None:
    """The refresh stories: in progress for the first (waning) partnership, done for the second."""
    ids = dict(conn.execute("SELECT name, id FROM partnership WHERE name = ANY(?)",
                            [names]).fetchall())
    if len(names) >= 2:
        lakeshore_refresh(conn, partnership_id=int(ids[names[0]]), day=day, demo_dir=demo_dir)
        three_rivers_refresh(conn, partnership_id=int(ids[names[1]]), day=day)
