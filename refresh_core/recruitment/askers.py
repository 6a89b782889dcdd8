"""The askers for a meeting (industry champions and public-partner staff) and
"balance the calls": the guide's "divide up those calls among your public
partner team and industry champions".
"""

from __future__ import annotations

import datetime as dt
import heapq
from collections.abc import Iterable
from dataclasses import dataclass, field

import pandas as pd

from refresh_core import words
from refresh_core.db import Connection, registered, transaction
from refresh_core.enums import FULL_KINDS
from refresh_core.errors import ValidationError
from refresh_core.meetings import Meeting, get_meeting
from refresh_core.recruitment.pipeline import OPEN_STATUSES, ProspectStatus
from refresh_core.recruitment.prospect_file import rows_from_records
from refresh_core.recruitment.prospect_import import match_or_create_people, record_batch
from refresh_core.recruitment.prospects import prospect_table
from refresh_core.recruitment.signature import join_names
from refresh_core.tables import blank

_ROLE_SQL = """
    CASE WHEN champ.person_id IS NOT NULL AND coalesce(o.kind, 'unclassified') = 'industry'
              THEN 'Industry champion'
         WHEN coalesce(o.kind, 'unclassified') = 'public_partner' THEN 'Public partner staff'
         WHEN coalesce(o.kind, 'unclassified') = 'industry' THEN 'Industry leader'
         ELSE 'Asker' END"""
# People who champion (or championed) an action team; parameter: the partnership id.
_CHAMPIONS = """SELECT tm.person_id, bool_or(t.status = 'active') AS active
                FROM team_member tm JOIN action_team t ON t.id = tm.team_id
                WHERE t.partnership_id = $pid AND tm.role = 'champion' GROUP BY tm.person_id"""
_PID = "(SELECT partnership_id FROM meeting WHERE id = $meeting)"


def askers(conn: Connection, *, meeting_id: int) -> pd.DataFrame:
    """The meeting's askers with their organisation, kind and role, by name."""
    return conn.execute(
        f"""WITH champ AS ({_CHAMPIONS.replace("$pid", _PID)})
            SELECT per.id AS person_id, per.full_name AS name, per.email, per.phone,
                   o.name AS organisation, coalesce(o.kind, 'unclassified') AS org_kind, {_ROLE_SQL} AS role
            FROM meeting_asker ma JOIN person per ON per.id = ma.person_id
            LEFT JOIN organisation o ON o.id = per.organisation_id
            LEFT JOIN champ ON champ.person_id = per.id
            WHERE ma.meeting_id = $meeting ORDER BY per.full_name, per.id""",
        {"meeting": meeting_id}).df()


def suggested_askers(
    conn: Connection, *, meeting_id: int, meeting: Meeting | None = None
) -> pd.DataFrame:
    """People who could make asks and are not askers yet: industry champions of action
    teams (active teams first) and public-partner staff who hosted full-partnership meetings."""
    meeting = meeting or get_meeting(conn, meeting_id=meeting_id)
    return conn.execute(
        f"""WITH champ AS ({_CHAMPIONS}),
            host AS (
                SELECT DISTINCT a.person_id FROM attendance a JOIN meeting m ON m.id = a.meeting_id
                WHERE m.partnership_id = $pid AND a.role = 'host'
                  AND (m.kind = ANY($full)))
            SELECT per.id AS person_id, per.full_name AS name, o.name AS organisation,
                   coalesce(o.kind, 'unclassified') AS org_kind, {_ROLE_SQL} AS role,
                   coalesce(champ.active, false) AS active_champion
            FROM person per LEFT JOIN organisation o ON o.id = per.organisation_id
            LEFT JOIN champ ON champ.person_id = per.id
            LEFT JOIN host ON host.person_id = per.id
            WHERE per.partnership_id = $pid AND per.merged_into_id IS NULL
              AND ((champ.person_id IS NOT NULL AND coalesce(o.kind, 'unclassified') = 'industry')
                   OR (host.person_id IS NOT NULL AND coalesce(o.kind, 'unclassified') = 'public_partner'))
              AND per.id NOT IN (SELECT person_id FROM meeting_asker WHERE meeting_id = $meeting)
            ORDER BY active_champion DESC, role, per.full_name, per.id""",
        {"pid": meeting.partnership_id, "meeting": meeting_id, "full": list(FULL_KINDS)}).df()


def add_askers(conn: Connection, *, meeting_id: int, person_ids: Iterable[int]) -> int:
    """Make these people askers for the meeting; returns how many were new."""
    wanted = sorted({int(p) for p in person_ids})
    if not wanted:
        return 0
    meeting = get_meeting(conn, meeting_id=meeting_id)
    with transaction(conn):
        known = next(iter(conn.execute(
            "SELECT count(*) FROM person WHERE partnership_id = ? AND (id = ANY(?))",
            [meeting.partnership_id, wanted]).fetchall()), None)
        if known is None or int(known[0]) != len(wanted):
            raise ValidationError("Some of these people are not in this partnership. Reload the page.")
        added = conn.execute(
            """INSERT INTO meeting_asker (meeting_id, person_id)
               SELECT ?, unnest(?::INTEGER[]) AS person_id EXCEPT
               SELECT meeting_id, person_id FROM meeting_asker WHERE meeting_id = ?
               RETURNING person_id""", [meeting_id, wanted, meeting_id]).fetchall()
    return len(added)


@dataclass(frozen=True)
class NewAsker:
    person_id: int
    created: bool  # new to the records (False: someone already there was matched)
    reviews: int  # close matches queued for the convener's review on the People page


def add_new_asker(
    conn: Connection, *, meeting_id: int, name: str, organisation: str, email: str = "",
    affiliation: str = "",
) -> NewAsker:
    """Make someone an asker who may not be in the records yet (the convener, a new champion).

    They are matched exactly as a prospect-list row is (email, then name and organisation; close
    matches queued for review), so the same name at the same organisation is never added twice;
    otherwise they are created with their organisation. One transaction."""
    if blank(name) or blank(organisation):
        raise ValidationError("Type the asker's name and organisation (the email is optional): the "
                              "organisation says who they speak for and keeps one person from being "
                              "added twice.")
    parsed = rows_from_records([{"name": name, "email": email, "company": organisation,
                                 "affiliation": affiliation}], file_name="asker typed by hand")
    if len(parsed.rejected):
        raise ValidationError(str(parsed.rejected.iloc[0]["reason"]))
    meeting = get_meeting(conn, meeting_id=meeting_id)
    rows = parsed.rows.rename(columns={"company": "organisation"})
    typed = f"{name}|{organisation}|{email}|{dt.datetime.now().isoformat()}".encode()
    with transaction(conn):
        batch = record_batch(conn, partnership_id=meeting.partnership_id, file_name=parsed.file_name,
                             data=typed, fmt="askers", rows=1, rejected=0)
        people, added, reviews = match_or_create_people(conn, partnership_id=meeting.partnership_id,
                                                        batch_id=batch, rows=rows)
        person = int(people.iloc[0])
        conn.execute("UPDATE import_batch SET people_added = ?, people_matched = ? WHERE id = ?",
                     [added, 1 - added, batch])
        conn.execute("INSERT INTO meeting_asker (meeting_id, person_id) VALUES (?, ?) ON CONFLICT DO NOTHING",
                     [meeting_id, person])
    return NewAsker(person_id=person, created=added > 0, reviews=reviews)


def remove_asker(conn: Connection, *, meeting_id: int, person_id: int) -> int:
    """Stop this person asking for the meeting; their prospects become unassigned (returned)."""
    with transaction(conn):
        freed = conn.execute("UPDATE prospect SET asker_id = NULL WHERE meeting_id = ? AND asker_id = ? "
                             "RETURNING id", [meeting_id, person_id]).fetchall()
        conn.execute("DELETE FROM meeting_asker WHERE meeting_id = ? AND person_id = ?",
                     [meeting_id, person_id])
    return len(freed)


@dataclass(frozen=True)
class Balance:
    given: int  # open prospects without an asker that got one
    moved: int  # prospects not asked yet, handed on so that no asker was left with nobody
    # each asker's name and prospects afterwards (the Calls per asker table's Prospects), by name
    calls: tuple[tuple[str, int], ...] = field(default=(), compare=False)

    def sentence(self) -> str:
        """What balancing did, for the convener: "3 prospects given an asker: Chloe Nakamura now has
        10 prospects, Hector Kim 10 and Ines Adeyemi 9." or "The calls are already balanced: ..."."""
        each = [f"{name} {'now ' if self.given or self.moved else ''}has {words.count(n, 'prospect')}"
                if i == 0 else f"{name} {n:,}" for i, (name, n) in enumerate(self.calls)]
        stands = f": {join_names(each)}." if each else "."
        if not self.given and not self.moved:
            return "The calls are already balanced" + stands
        done = [f"{words.count(self.given, 'prospect')} given an asker"] if self.given else []
        if self.moved:
            done.append(f"{words.count(self.moved, 'prospect')} not asked yet handed to "
                        f"{words.plural(self.moved, 'an asker who had', 'askers who had')} nobody")
        return " and ".join(done) + stands


def balance_plan(prospects: pd.DataFrame, roster: pd.DataFrame) -> pd.DataFrame:
    """(prospect_id, asker_id, moved) so that calls are spread evenly and no asker has nobody.

    First each open prospect without an asker, in list order (name, id), goes to the asker with
    the fewest open prospects; ties go to the one with fewest prospects of any status (someone
    with nobody at all comes first), then by name and id. Then an asker still with nobody takes
    over a prospect not asked yet from the asker with the most open prospects (two or more), so
    nobody is left out while someone else has several. Deterministic."""
    open_ = prospects[prospects["status"].isin([s.value for s in OPEN_STATUSES])]
    load = open_["asker_id"].dropna().astype(int).value_counts().to_dict()
    total = prospects["asker_id"].dropna().astype(int).value_counts().to_dict()
    heap = [(load.get(int(pid), 0), total.get(int(pid), 0), str(name), int(pid))
            for pid, name in zip(roster["person_id"], roster["name"], strict=True)]
    heapq.heapify(heap)
    todo = open_[open_["asker_id"].isna()].sort_values(["name", "prospect_id"])
    plan: list[tuple[int, int, bool]] = []
    for prospect_id in todo["prospect_id"]:
        count, anyone, name, asker_id = heapq.heappop(heap)
        plan.append((int(prospect_id), asker_id, False))
        heapq.heappush(heap, (count + 1, anyone + 1, name, asker_id))
    plan += _hand_on(prospects, roster, plan)
    return pd.DataFrame(plan, columns=["prospect_id", "asker_id", "moved"]).astype(
        {"prospect_id": "int64", "asker_id": "int64", "moved": bool})


def _hand_on(prospects: pd.DataFrame, roster: pd.DataFrame,
             plan: list[tuple[int, int, bool]]) -> list[tuple[int, int, bool]]:
    """For each asker left with nobody (by name), one prospect not asked yet from the busiest asker."""
    table = prospects.sort_values(["name", "prospect_id"]).set_index("prospect_id")
    asker = table["asker_id"].astype(float)  # NaN: nobody (compares unequal to every asker)
    for prospect_id, asker_id, _ in plan:
        asker[prospect_id] = asker_id
    is_open = table["status"].isin([s.value for s in OPEN_STATUSES])
    movable = table["status"] == ProspectStatus.IDENTIFIED.value
    moves: list[tuple[int, int, bool]] = []
    for pid, _name in sorted(zip(roster["person_id"].astype(int), roster["name"].astype(str), strict=True),
                             key=lambda r: (r[1], r[0])):
        if (asker == pid).any():
            continue
        counts = asker[is_open].dropna().value_counts()
        load = dict(zip(counts.index.astype(int).tolist(), counts.tolist(), strict=True))
        can_give = set(asker[movable].dropna().astype(int).tolist())
        donors = [a for a, n in load.items() if n >= 2 and a in can_give]
        if not donors:
            break
        donor = max(donors, key=lambda a: (load[a], -a))
        taken = int(asker.index[movable & (asker == donor)][-1])
        asker[taken] = pid
        moves.append((taken, pid, True))
    return moves


def balance_calls(conn: Connection, *, meeting_id: int, as_of: dt.date) -> Balance:
    """Give every open prospect without an asker one, evenly across the askers, and hand a prospect
    not asked yet to any asker who would otherwise have nobody (see :func:`balance_plan`)."""
    roster = askers(conn, meeting_id=meeting_id)
    if roster.empty:
        raise ValidationError(
            "There is nobody to give the calls to yet. Add askers first: the industry champions and "
            "public partner staff who will make the personal asks and follow-up calls.")
    prospects = prospect_table(conn, meeting_id=meeting_id, as_of=as_of)
    plan = balance_plan(prospects, roster)
    if not plan.empty:
        with transaction(conn), registered(conn, "balance_plan", plan):
            conn.execute("UPDATE prospect SET asker_id = b.asker_id FROM balance_plan b "
                         "WHERE prospect.id = b.prospect_id AND prospect.meeting_id = ?", [meeting_id])
    asker = prospects.set_index("prospect_id")["asker_id"].astype(float)
    asker.update(plan.set_index("prospect_id")["asker_id"].astype(float))
    load = asker.dropna().astype(int).value_counts().to_dict()
    moved = int(plan["moved"].sum())
    return Balance(given=len(plan) - moved, moved=moved, calls=tuple(
        (str(name), int(load.get(int(pid), 0))) for pid, name in zip(roster["person_id"], roster["name"],
                                                                       strict=True)))


def people_choices(conn: Connection, *, partnership_id: int) -> dict[str, int]:
    """Label ('Name (Organisation)') -> person id for everyone in the partnership, by name;
    a repeated label gets the person's number."""
    rows = conn.execute(
        """SELECT id, label, count(*) OVER (PARTITION BY label) > 1 AS repeated
           FROM (SELECT per.id, per.full_name || coalesce(' (' || o.name || ')', '') AS label
                 FROM person per LEFT JOIN organisation o ON o.id = per.organisation_id
                 WHERE per.partnership_id = ? AND per.merged_into_id IS NULL) AS labelled
           ORDER BY label, id""",
        [partnership_id]).fetchall()
    return {(f"{label} #{pid}" if repeated else str(label)): int(pid) for pid, label, repeated in rows}
