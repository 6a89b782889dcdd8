"""Askers, "balance the calls", and the suggestions the data supports."""

from __future__ import annotations

import datetime as dt

import pandas as pd
import pytest

from refresh_core.errors import ValidationError
from refresh_core.recruitment.askers import (
    add_askers,
    askers,
    balance_calls,
    balance_plan,
    remove_asker,
    suggested_askers,
)
from refresh_core.recruitment.prospect_edits import assign
from refresh_core.recruitment.prospects import prospect_table
from refresh_core.recruitment.suggestions import suggestions
from tests.builders import Builder
from tests.conftest import TODAY
from tests.recruiting import plan, prospects_at


def loads(build: Builder, meeting: int) -> dict[str, int]:
    table = prospect_table(build.conn, meeting_id=meeting, as_of=TODAY)
    return table.groupby("asker").size().to_dict()


def test_balancing_spreads_prospects_evenly_across_askers(build: Builder) -> None:
    """Ten prospects, three askers: 4, 3, 3 and nobody left without an asker."""
    meeting = plan(build)
    team = [build.person(n, "Champ Co") for n in ("Cara", "Ben", "Abe")]
    add_askers(build.conn, meeting_id=meeting, person_ids=team)
    prospects_at(build, meeting, build.people(10))
    assert balance_calls(build.conn, meeting_id=meeting, as_of=TODAY) == 10
    assert sorted(loads(build, meeting).values()) == [3, 3, 4]
    assert loads(build, meeting)["Abe"] == 4  # ties go by name
    assert balance_calls(build.conn, meeting_id=meeting, as_of=TODAY) == 0


def test_balancing_tops_up_the_askers_with_fewest_calls_first(build: Builder) -> None:
    """An asker who already has three gets nothing until the others catch up."""
    meeting = plan(build)
    busy, free = build.person("Busy", "A Co"), build.person("Free", "B Co")
    add_askers(build.conn, meeting_id=meeting, person_ids=[busy, free])
    for prospect in prospects_at(build, meeting, build.people(3, prefix="Old")):
        assign(build.conn, prospect_id=prospect, asker_id=busy, channel=None)
    prospects_at(build, meeting, build.people(4, prefix="New"))
    balance_calls(build.conn, meeting_id=meeting, as_of=TODAY)
    assert loads(build, meeting) == {"Busy": 3 + 1, "Free": 3}


def test_balancing_leaves_answered_prospects_alone(build: Builder) -> None:
    """Confirmed or declined prospects need no caller and are not assigned."""
    meeting = plan(build)
    add_askers(build.conn, meeting_id=meeting, person_ids=[build.person("Asker", "A Co")])
    prospects_at(build, meeting, build.people(2, prefix="Done"), ("confirmed", TODAY))
    assert balance_calls(build.conn, meeting_id=meeting, as_of=TODAY) == 0


def test_balance_plan_is_deterministic() -> None:
    """Same input, same assignment; prospects go in name order."""
    prospects = pd.DataFrame({"prospect_id": [3, 1, 2], "name": ["Cy", "Al", "Bo"],
                              "status": ["identified"] * 3, "asker_id": [None, None, None]})
    roster = pd.DataFrame({"person_id": [20, 10], "name": ["Zed", "Amy"]})
    first = balance_plan(prospects, roster)
    assert first.equals(balance_plan(prospects.sample(frac=1, random_state=1), roster))
    assert first.to_dict("records") == [{"prospect_id": 1, "asker_id": 10},
                                        {"prospect_id": 2, "asker_id": 20},
                                        {"prospect_id": 3, "asker_id": 10}]


def test_balancing_without_askers_says_who_to_add(build: Builder) -> None:
    """The message names the champions and public partner staff."""
    meeting = plan(build)
    prospects_at(build, meeting, build.people(1))
    with pytest.raises(ValidationError, match="industry champions and public partner staff"):
        balance_calls(build.conn, meeting_id=meeting, as_of=TODAY)


def test_removing_an_asker_frees_their_prospects(build: Builder) -> None:
    """Their prospects become unassigned, ready to be balanced again."""
    meeting = plan(build)
    asker = build.person("Leaving", "A Co")
    add_askers(build.conn, meeting_id=meeting, person_ids=[asker])
    prospects_at(build, meeting, build.people(2))
    balance_calls(build.conn, meeting_id=meeting, as_of=TODAY)
    assert remove_asker(build.conn, meeting_id=meeting, person_id=asker) == 2
    assert askers(build.conn, meeting_id=meeting).empty
    assert prospect_table(build.conn, meeting_id=meeting, as_of=TODAY)["asker_id"].isna().all()


def test_suggested_askers_are_champions_and_public_partner_hosts(build: Builder) -> None:
    """Industry champions of action teams and public-partner staff who host meetings; not the others."""
    meeting = plan(build)
    champion = build.person("Cham Pion", "Plant Co")
    host = build.person("Ho St", "County Workforce Board", kind="public_partner")
    member = build.person("Mem Ber", "Other Co")
    team = build.team("Apprenticeship", TODAY - dt.timedelta(days=100))
    build.conn.execute("INSERT INTO team_member (team_id, person_id, role) VALUES (?, ?, 'champion'), "
                       "(?, ?, 'member')", [team, champion, team, member])
    build.attend(build.meeting(TODAY - dt.timedelta(days=30)), [host], role="host")
    found = suggested_askers(build.conn, meeting_id=meeting)
    assert dict(zip(found["name"], found["role"], strict=True)) == {
        "Cham Pion": "Industry champion", "Ho St": "Public partner staff"}
    add_askers(build.conn, meeting_id=meeting, person_ids=[champion])
    assert suggested_askers(build.conn, meeting_id=meeting)["name"].tolist() == ["Ho St"]


def test_suggestions_cover_the_four_groups(build: Builder) -> None:
    """Regulars, lapsed industry people, single-person companies and roster companies that never came."""
    meeting = plan(build)
    recent = [build.meeting(TODAY - dt.timedelta(days=d)) for d in (30, 120)]
    old = build.meeting(TODAY - dt.timedelta(days=500))
    regular_a, regular_b = build.person("Reg A", "Busy Co"), build.person("Reg B", "Busy Co")
    solo = build.person("Solo", "Solo Co")
    lapsed = build.person("Lapsed", "Gone Co")
    build.person("Roster", "Never Co")
    build.org("No Contact Co")
    public = build.person("Public", "City of Springs", kind="public_partner")
    for m in recent:
        build.attend(m, [regular_a, regular_b, public])
    build.attend(recent[0], [solo])
    build.attend(old, [lapsed, public])
    found = suggestions(build.conn, meeting_id=meeting, as_of=TODAY)
    groups = {g: sorted(found.loc[found["group"] == g, "name"].fillna("-")) for g in found["group"].unique()}
    assert groups == {"regular": ["Reg A", "Reg B"], "lapsed": ["Lapsed"], "single_contact": ["Solo"],
                      "never_attended": ["-", "Roster"]}
    assert "mid-level manager" in found.loc[found["group"] == "single_contact", "reason"].iloc[0]
    prospects_at(build, meeting, [regular_a])
    assert "Reg A" not in suggestions(build.conn, meeting_id=meeting, as_of=TODAY)["name"].tolist()
