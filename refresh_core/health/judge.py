"""The four signs judged for a set of partnerships at once: the one place the sign rules are applied.

Each sign runs one set-based query for the whole set (its ``FACTS_SQL``) and reads each
partnership's row with its ``judge``; a sign that waits for organisations to be classified names
the first ones to classify, from one more query for all such signs together. ``diagnose`` judges
a set of one; the portfolio judges every partnership it shows, so the two always agree.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from refresh_core.db import Connection
from refresh_core.enums import FULL_KINDS, SignStatus
from refresh_core.health.signs import agenda, core_group, engagement, sector
from refresh_core.health.signs.common import Sign
from refresh_core.health.thresholds import Thresholds

# The organisations of the attendees from unclassified organisations at full meetings between a
# sign's "since" (the first day it counts) and $d, by most people, for each sign (tag) that waits for
# classification. Ties go by name (before the sets were judged together their order was the order rows
# happened to come in).
NAMES_SQL = """
WITH wanted AS (SELECT unnest($tags) AS tag, unnest($pids) AS partnership_id, unnest($sinces) AS since),
came AS (
    SELECT DISTINCT w.tag, coalesce(a.organisation_id, p.organisation_id) AS organisation_id, a.person_id
    FROM wanted w
    JOIN meeting m ON m.partnership_id = w.partnership_id AND m.date >= w.since AND m.date <= $d
         AND (m.kind = ANY($full))
    JOIN attendance a ON a.meeting_id = m.id JOIN person p ON p.id = a.person_id
    LEFT JOIN organisation o ON o.id = coalesce(a.organisation_id, p.organisation_id)
    WHERE coalesce(o.kind, 'unclassified') = 'unclassified'),
orgs AS (  -- ties by name, people with no organisation after the named ones
    SELECT came.tag, o.name, count(*) AS people,
           row_number() OVER (PARTITION BY came.tag ORDER BY count(*) DESC, o.name NULLS LAST, o.id)
               AS rank
    FROM came LEFT JOIN organisation o ON o.id = came.organisation_id GROUP BY came.tag, o.id, o.name)
SELECT orgs.tag, orgs.people, orgs.name FROM orgs
WHERE orgs.rank <= $limit ORDER BY orgs.tag, orgs.rank
"""


@dataclass(frozen=True)
class Room:
    """The full meetings with attendance, as sign 1 counts them."""

    latest_meeting: dt.date | None
    latest_industry: int | None
    latest_public_partner: int | None
    industry_last_three: tuple[int, ...]  # industry leaders at the last three, oldest first


@dataclass(frozen=True)
class Judgement:
    partnership_id: int
    signs: tuple[Sign, ...]
    refresh_recommended: bool
    room: Room


def refresh_recommended(signs: Sequence[Sign], *, th: Thresholds) -> bool:
    """A refresh is recommended when a sign is flagged or enough are on watch (``[verdict]``)."""
    flags = sum(s.status == SignStatus.FLAG for s in signs)
    watches = sum(s.status == SignStatus.WATCH for s in signs)
    return flags > 0 or watches >= th.verdict.watch_signs_for_refresh


def _room(f: Mapping[str, Any]) -> Room:
    return Room(
        latest_meeting=f["latest_meeting"],
        latest_industry=f["latest_industry"],
        latest_public_partner=f["latest_public_partner"],
        industry_last_three=tuple(int(v) for v in f["industry_last_three"] or ()),
    )


def _named(conn: Connection, judged: dict[int, list[Sign]], *, as_of: dt.date) -> None:
    """Name the organisations to classify first in every sign that waits for classification (in place)."""
    waiting = [(pid, i, s) for pid, signs in judged.items() for i, s in enumerate(signs)
               if s.waits_for_classification]
    if not waiting:
        return
    params = {
        "tags": list(range(len(waiting))), "pids": [pid for pid, _, _ in waiting],
        "sinces": [dt.date.fromisoformat(str(s.evidence["unclassified_since"])) for _, _, s in waiting],
        "d": as_of, "full": list(FULL_KINDS), "limit": 5,
    }
    names: dict[int, list[str]] = {}
    for tag, people, name in conn.execute(NAMES_SQL, params).fetchall():
        count = f"{people} {'person' if people == 1 else 'people'}"
        names.setdefault(int(tag), []).append(f"{name or 'no organisation recorded'} ({count})")
    for tag, (pid, i, sign) in enumerate(waiting):
        found = names.get(tag, [])
        summary = sign.summary + (" Start with: " + "; ".join(found) + "." if found else "")
        judged[pid][i] = dataclasses.replace(
            sign, summary=summary, evidence=dict(sign.evidence) | {"classify_first": found}
        )


def judge_partnerships(
    conn: Connection, *, partnership_ids: Sequence[int], as_of: dt.date, th: Thresholds
) -> dict[int, Judgement]:
    """The four signs, the verdict and the room for every partnership in ``partnership_ids`` as of a
    date, from five queries whatever the number of partnerships."""
    ids = list(partnership_ids)
    if not ids:
        return {}
    room = engagement.engagement_facts(conn, partnership_ids=ids, as_of=as_of, th=th)
    core = core_group.core_group_facts(conn, partnership_ids=ids, as_of=as_of, th=th)
    reflections = sector.sector_facts(conn, partnership_ids=ids, as_of=as_of)
    plans = agenda.agenda_facts(conn, partnership_ids=ids, as_of=as_of, th=th)
    judged = {
        pid: [
            engagement.judge(room[pid], th=th),
            core_group.judge(core[pid], as_of=as_of, th=th),
            sector.judge(reflections.get(pid), as_of=as_of, th=th),
            agenda.judge(plans[pid], as_of=as_of, th=th),
        ]
        for pid in ids if pid in room
    }
    _named(conn, judged, as_of=as_of)
    return {
        pid: Judgement(
            partnership_id=pid, signs=tuple(signs),
            refresh_recommended=refresh_recommended(signs, th=th), room=_room(room[pid]),
        )
        for pid, signs in judged.items()
    }
