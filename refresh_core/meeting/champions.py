"""The call for champions: categories become priorities, and priorities with industry
champions become action teams.

No champion, no initiative (the guide): a priority goes forward as an action
team only when at least one *industry* leader (a person whose organisation is
industry) volunteers to champion it. Otherwise it is kept with status
``on_hold`` ("no champion yet") and listed as parked in the recap. Public
partners who volunteer join the team as members: they support, industry leads.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

import pandas as pd

from refresh_core.db import Connection, one, registered, transaction
from refresh_core.enums import PriorityStatus, TeamStatus
from refresh_core.errors import NotFoundError, ValidationError
from refresh_core.meeting.enrolment import enrol, industry_champions, people_by_id
from refresh_core.meeting.followups import sync_clock_in_transaction
from refresh_core.meetings import Meeting, get_meeting

NO_CHAMPION = "no champion yet"


@dataclass(frozen=True)
class ChampionOutcome:
    priority_id: int
    title: str
    status: PriorityStatus
    team_id: int | None
    champions: tuple[str, ...]  # industry champions' names
    members: tuple[str, ...]
    message: str


def _decide_category(conn: Connection, meeting: Meeting, category_id: int | None) -> None:
    if category_id is None:
        return
    row = one(
        conn,
        "SELECT priority_id FROM idea_category WHERE id = ? AND meeting_id = ?",
        [category_id, meeting.id],
    )
    if row is None:
        raise NotFoundError("That category is not on this meeting's wall; reload the page.")
    if row[0] is not None:
        raise ValidationError(
            "This category already became a priority; change it on the Priorities & teams page."
        )


def _team_priority(conn: Connection, meeting: Meeting, team_id: int) -> tuple[int, str]:
    row = one(
        conn,
        "SELECT priority_id, name, status FROM action_team WHERE id = ? AND partnership_id = ?",
        [team_id, meeting.partnership_id],
    )
    if row is None:
        raise NotFoundError("That action team is not part of this partnership; pick it again.")
    if row[2] != TeamStatus.ACTIVE:
        raise ValidationError(
            f"{row[1]} is closed; reopen it on the Priorities & teams page or charter a new team."
        )
    if row[0] is None:
        pid = _new_priority(conn, meeting, row[1], None, PriorityStatus.ACTIVE)
        conn.execute("UPDATE action_team SET priority_id = ? WHERE id = ?", [pid, team_id])
        return pid, str(row[1])
    return int(row[0]), str(row[1])


def _new_priority(
    conn: Connection,
    meeting: Meeting,
    title: str,
    description: str | None,
    status: PriorityStatus,
) -> int:
    row = one(
        conn,
        "INSERT INTO priority (partnership_id, title, description, status, identified_on, "
        "identified_meeting_id) VALUES (?, ?, ?, ?, ?, ?) RETURNING id",
        [meeting.partnership_id, title, description, status.value, meeting.date, meeting.id],
    )
    assert row is not None
    return int(row[0])


def _names(people: pd.DataFrame, mask: pd.Series) -> tuple[str, ...]:
    return tuple(people[mask]["name"].tolist()) if len(people) else ()


def _start(
    conn: Connection,
    meeting: Meeting,
    title: str,
    description: str | None,
    team_name: str | None,
    people: pd.DataFrame,
    champs: set[int],
) -> tuple[int, int | None, str]:
    """A new priority: chartered as a team when it has an industry champion, else parked."""
    has_champion = bool(len(people)) and bool((people["id"].isin(champs) & people["industry"]).any())
    status = PriorityStatus.ACTIVE if has_champion else PriorityStatus.ON_HOLD
    pid = _new_priority(conn, meeting, title, description, status)
    if not has_champion:
        return (
            pid,
            None,
            (
                f"{title}: no industry champion yet, so it is parked ({NO_CHAMPION}). No "
                "champion, no initiative: it can become a team later, on the Priorities & teams page."
            ),
        )
    row = one(
        conn,
        "INSERT INTO action_team (partnership_id, name, priority_id, status, chartered_on) "
        "VALUES (?, ?, ?, 'active', ?) RETURNING id",
        [meeting.partnership_id, " ".join((team_name or title).split()), pid, meeting.date],
    )
    assert row is not None
    enrol(conn, int(row[0]), people, champs, meeting.date)
    return pid, int(row[0]), f"{title}: action team chartered."


def _continue(
    conn: Connection, meeting: Meeting, team_id: int, people: pd.DataFrame, champs: set[int]
) -> tuple[int, int | None, str]:
    """An existing team carries on; without any industry champion it is closed and its priority parked."""
    pid, name = _team_priority(conn, meeting, team_id)
    if len(people):
        enrol(conn, team_id, people, champs, meeting.date)
    if industry_champions(conn, team_id):
        conn.execute("UPDATE priority SET status = 'active' WHERE id = ? AND status = 'on_hold'", [pid])
        return pid, team_id, f"{name} continues."
    conn.execute("UPDATE priority SET status = 'on_hold' WHERE id = ?", [pid])
    conn.execute(
        "UPDATE action_team SET status = 'closed', closed_on = greatest(chartered_on, ?) WHERE id = ?",
        [meeting.date, team_id],
    )
    return (
        pid,
        None,
        (
            f"{name} has no industry champion, so the team is closed and its priority parked "
            f"({NO_CHAMPION}). No champion, no initiative."
        ),
    )


def _record_commitments(
    conn: Connection,
    meeting: Meeting,
    priority_id: int,
    team_id: int | None,
    people: pd.DataFrame,
    champs: set[int],
) -> None:
    if not len(people):
        return
    champion = people["id"].isin(champs) & people["industry"]
    rows = pd.DataFrame(
        {
            "person_id": people["id"].astype(int),
            "role": champion.map({True: "champion", False: "member"}),
            "new_champion": champion & ~people["was_champion"].astype(bool),
        }
    )
    with registered(conn, "new_commitments", rows):
        conn.execute(
            """INSERT INTO commitment (meeting_id, priority_id, team_id, person_id, role, new_champion)
                        SELECT ?, ?, ?, person_id, role, new_champion FROM new_commitments""",
            [meeting.id, priority_id, team_id],
        )


def call_for_champions(
    conn: Connection,
    *,
    meeting_id: int,
    title: str = "",
    champion_ids: Sequence[int] = (),
    member_ids: Sequence[int] = (),
    category_id: int | None = None,
    continue_team_id: int | None = None,
    description: str | None = None,
    team_name: str | None = None,
) -> ChampionOutcome:
    """Turn a category (or a title) into a priority, or continue an existing team, in one transaction.

    The follow-through clock is brought up to date in the same transaction.
    (long: the guide's call for champions, step by step, in one transaction)
    """
    meeting = get_meeting(conn, meeting_id=meeting_id)
    clean = " ".join(title.split())
    if not clean and continue_team_id is None:
        raise ValidationError(
            "Give the priority a short title, for example 'Shared maintenance apprenticeships'."
        )
    champs = {int(i) for i in champion_ids}
    volunteers = list(dict.fromkeys([*champs, *(int(i) for i in member_ids)]))
    with transaction(conn):
        _decide_category(conn, meeting, category_id)
        people = (
            people_by_id(conn, meeting.partnership_id, volunteers)
            if volunteers
            else pd.DataFrame({"id": [], "name": [], "industry": [], "was_champion": []})
        )
        if continue_team_id is not None:
            pid, team_id, message = _continue(conn, meeting, continue_team_id, people, champs)
        else:
            pid, team_id, message = _start(conn, meeting, clean, description, team_name, people, champs)
        _record_commitments(conn, meeting, pid, team_id, people, champs)
        if category_id is not None:
            conn.execute("UPDATE idea_category SET priority_id = ? WHERE id = ?", [pid, category_id])
        sync_clock_in_transaction(conn, meeting)
        row = one(conn, "SELECT title, status FROM priority WHERE id = ?", [pid])
    assert row is not None
    industry = people["id"].isin(champs) & people["industry"].astype(bool) if len(people) else pd.Series([])
    refused = people["id"].isin(champs) & ~people["industry"].astype(bool) if len(people) else pd.Series([])
    if len(people) and refused.any():
        message += (
            f" {', '.join(_names(people, refused))} volunteered to champion but champions must be "
            "industry leaders, so they are recorded as members (they support, industry leads)."
        )
    return ChampionOutcome(
        pid,
        str(row[0]),
        PriorityStatus(row[1]),
        team_id,
        _names(people, industry),
        _names(people, ~industry) if len(people) else (),
        message,
    )


def charter_team(
    conn: Connection,
    *,
    priority_id: int,
    champion_ids: Sequence[int],
    member_ids: Sequence[int] = (),
    chartered_on: dt.date,
    team_name: str | None = None,
) -> int:
    """Charter a team for a parked priority once an industry champion steps up; returns the team id."""
    row = one(conn, "SELECT partnership_id, title FROM priority WHERE id = ?", [priority_id])
    if row is None:
        raise NotFoundError("That priority no longer exists; reload the page.")
    partnership_id, title = int(row[0]), str(row[1])
    champs = {int(i) for i in champion_ids}
    people = people_by_id(conn, partnership_id, list(dict.fromkeys([*champs, *(int(i) for i in member_ids)])))
    if not (people["id"].isin(champs) & people["industry"]).any():
        raise ValidationError(
            f"{title} needs at least one industry champion to become an action team "
            "(no champion, no initiative). Pick an industry leader as champion."
        )
    with transaction(conn):
        team = one(
            conn,
            "INSERT INTO action_team (partnership_id, name, priority_id, status, "
            "chartered_on) VALUES (?, ?, ?, 'active', ?) RETURNING id",
            [partnership_id, " ".join((team_name or title).split()), priority_id, chartered_on],
        )
        assert team is not None
        enrol(conn, int(team[0]), people, champs, chartered_on)
        conn.execute("UPDATE priority SET status = 'active' WHERE id = ?", [priority_id])
    return int(team[0])
