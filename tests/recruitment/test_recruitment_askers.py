"""Askers, "balance the calls", and the suggestions the data supports."""

from __future__ import annotations

import datetime as dt

import pandas as pd
import pytest

from refresh_core import words
from refresh_core.errors import ValidationError
from refresh_core.recruitment.askers import (
    Balance,
    add_askers,
    add_new_asker,
    askers,
    balance_calls,
    balance_plan,
    people_choices,
    remove_asker,
    suggested_askers,
)
from refresh_core.recruitment.prospect_edits import assign
from refresh_core.recruitment.prospects import prospect_table
from refresh_core.recruitment.suggestions import GROUP_TITLES, SuggestionGroup, suggestions
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
    assert balance_calls(build.conn, meeting_id=meeting, as_of=TODAY) == Balance(given=10, moved=0)
    assert sorted(loads(build, meeting).values()) == [3, 3, 4]
    assert loads(build, meeting)["Abe"] == 4  # ties go by name
    assert balance_calls(build.conn, meeting_id=meeting, as_of=TODAY) == Balance(given=0, moved=0)


def test_balancing_says_what_it_changed_and_what_each_asker_has(build: Builder) -> None:
    """Regression (walk-through: "Balance the calls" said nothing): the result says how many prospects
    got an asker and how many each asker has afterwards, by name; run again, that nothing needed to
    change."""
    meeting = plan(build)
    team = [build.person(n, "Champ Co") for n in ("Cara", "Abe")]
    add_askers(build.conn, meeting_id=meeting, person_ids=team)
    prospects_at(build, meeting, build.people(3))
    done = balance_calls(build.conn, meeting_id=meeting, as_of=TODAY)
    assert done.sentence() == "3 prospects given an asker: Abe now has 2 prospects and Cara 1."
    again = balance_calls(build.conn, meeting_id=meeting, as_of=TODAY)
    assert again.sentence() == "The calls are already balanced: Abe has 2 prospects and Cara 1."


def test_balance_sentence_counts_each_change_in_words() -> None:
    """One prospect handed on and none given; one asker with one prospect (singular words)."""
    assert Balance(given=0, moved=1, calls=(("Dev", 1),)).sentence() == (
        "1 prospect not asked yet handed to an asker who had nobody: Dev now has 1 prospect.")
    assert Balance(given=1, moved=2, calls=(("A", 3), ("B", 1), ("C", 1))).sentence() == (
        "1 prospect given an asker and 2 prospects not asked yet handed to askers who had nobody: "
        "A now has 3 prospects, B 1 and C 1.")


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
    assert balance_calls(build.conn, meeting_id=meeting, as_of=TODAY) == Balance(given=0, moved=0)


def test_balance_plan_is_deterministic() -> None:
    """Same input, same assignment; prospects go in name order."""
    prospects = pd.DataFrame({"prospect_id": [3, 1, 2], "name": ["Cy", "Al", "Bo"],
                              "status": ["identified"] * 3, "asker_id": [None, None, None]})
    roster = pd.DataFrame({"person_id": [20, 10], "name": ["Zed", "Amy"]})
    first = balance_plan(prospects, roster)
    assert first.equals(balance_plan(prospects.sample(frac=1, random_state=1), roster))
    assert first.to_dict("records") == [{"prospect_id": 1, "asker_id": 10, "moved": False},
                                        {"prospect_id": 2, "asker_id": 20, "moved": False},
                                        {"prospect_id": 3, "asker_id": 10, "moved": False}]


def test_an_asker_with_nobody_goes_first_when_loads_tie(build: Builder) -> None:
    """Abe's prospects have all confirmed (no open calls), Zoe has nobody: the one new prospect
    goes to Zoe, not to Abe by alphabetical order, so no asker is left with nobody."""
    meeting = plan(build)
    abe, zoe = build.person("Abe", "A Co"), build.person("Zoe", "Z Co")
    add_askers(build.conn, meeting_id=meeting, person_ids=[abe, zoe])
    for prospect in prospects_at(build, meeting, build.people(2, prefix="Done"), ("confirmed", TODAY)):
        assign(build.conn, prospect_id=prospect, asker_id=abe, channel=None)
    prospects_at(build, meeting, build.people(1, prefix="New"))
    assert balance_calls(build.conn, meeting_id=meeting, as_of=TODAY) == Balance(given=1, moved=0)
    assert loads(build, meeting) == {"Abe": 2, "Zoe": 1}


def test_more_askers_than_open_calls_hand_on_a_prospect_not_asked_yet(build: Builder) -> None:
    """Busy has three prospects (one already asked); one new prospect and two new askers: one new
    asker gets the new prospect, the other takes over a prospect Busy has not asked yet."""
    meeting = plan(build)
    busy = build.person("Busy", "B Co")
    add_askers(build.conn, meeting_id=meeting, person_ids=[busy])
    old = prospects_at(build, meeting, build.people(3, prefix="Old"))
    for prospect in old:
        assign(build.conn, prospect_id=prospect, asker_id=busy, channel=None)
    prospects_at(build, meeting, [build.person("Asked Already", "Q Co")], ("asked", TODAY))
    build.conn.execute("UPDATE prospect SET asker_id = ? WHERE asker_id IS NULL", [busy])
    prospects_at(build, meeting, build.people(1, prefix="New"))
    add_askers(build.conn, meeting_id=meeting, person_ids=[build.person("Cara", "C Co"),
                                                           build.person("Dev", "D Co")])
    assert balance_calls(build.conn, meeting_id=meeting, as_of=TODAY) == Balance(given=1, moved=1)
    assert loads(build, meeting) == {"Busy": 3, "Cara": 1, "Dev": 1}
    table = prospect_table(build.conn, meeting_id=meeting, as_of=TODAY)
    assert table.loc[table["name"] == "Asked Already", "asker"].item() == "Busy"  # an ask is never moved


def test_an_asker_who_is_not_in_the_records_is_created_once(build: Builder) -> None:
    """The convener adds themselves (name and organisation, no email): one new person, an asker; adding
    the same name and organisation again creates nobody new."""
    meeting = plan(build)
    first = add_new_asker(build.conn, meeting_id=meeting, name="Maria Lopez",
                          organisation="Springs Workforce Board", affiliation="public partner")
    assert first.created
    again = add_new_asker(build.conn, meeting_id=meeting, name="maria  lopez",
                          organisation="Springs Workforce Board")
    assert (again.person_id, again.created) == (first.person_id, False)
    roster = askers(build.conn, meeting_id=meeting)
    assert roster[["name", "organisation", "role"]].values.tolist() == [
        ["Maria Lopez", "Springs Workforce Board", "Public partner staff"]]
    people = build.conn.execute("SELECT count(*) FROM person WHERE name_key LIKE '%lopez%'").fetchall()
    assert people == [(1,)]


def test_a_new_champion_already_in_the_records_is_matched_not_duplicated(build: Builder) -> None:
    """Typing a known champion (same name, same company) makes the existing person an asker."""
    meeting = plan(build)
    known = build.person("Omar Kim", "Kim Fabrication")
    made = add_new_asker(build.conn, meeting_id=meeting, name="Omar Kim", organisation="Kim Fabrication",
                         email="")
    assert (made.person_id, made.created) == (known, False)
    assert askers(build.conn, meeting_id=meeting)["role"].tolist() == ["Industry leader"]


def test_a_new_asker_needs_a_name_and_an_organisation(build: Builder) -> None:
    """Without the organisation nothing is added and the message says why it is needed."""
    meeting = plan(build)
    with pytest.raises(ValidationError, match="name and organisation"):
        add_new_asker(build.conn, meeting_id=meeting, name="Maria Lopez", organisation=" ")
    with pytest.raises(ValidationError, match="not an email"):
        add_new_asker(build.conn, meeting_id=meeting, name="Maria Lopez", organisation="Board",
                      email="maria at board")
    assert askers(build.conn, meeting_id=meeting).empty


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
    """Regulars, lapsed industry people, single-person companies and companies that never came."""
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


def test_people_seen_only_at_other_meetings_are_not_called_companies_that_never_came(build: Builder) -> None:
    """Regression: with no roster uploaded, "Roster companies that never came (2)" listed two people who had
    come to meetings saved as Other. They are now their own group, saying what they came to; the group of
    companies that never came holds only companies nobody has come to any meeting from."""
    meeting = plan(build)
    other = build.meeting(TODAY - dt.timedelta(days=60), kind="other", title="Plant tour")
    team = build.meeting(TODAY - dt.timedelta(days=20), kind="action_team", title="Cobots team")
    toured, teamed = build.person("Tour Guest", "Tour Co"), build.person("Team Guest", "Team Co")
    build.attend(other, [toured, teamed])
    build.attend(team, [teamed])
    build.person("Listed Only", "Quiet Co")
    found = suggestions(build.conn, meeting_id=meeting, as_of=TODAY)
    by_group = {g: found.loc[found["group"] == g, ["name", "reason"]].values.tolist()
                for g in found["group"].unique()}
    team_day, tour_day = (words.day(TODAY - dt.timedelta(days=d)) for d in (20, 60))
    assert by_group == {
        "other_meetings": [
            ["Team Guest", f"Came to 2 other meetings, last on {team_day}; never to a full meeting."],
            ["Tour Guest", f"Came to 1 other meeting, last on {tour_day}; never to a full meeting."]],
        "never_attended": [["Listed Only", "Nobody from this company has come to any meeting yet."]],
    }
    assert GROUP_TITLES[SuggestionGroup.NEVER_ATTENDED] == "Companies that have not come to any meeting yet"
    assert "roster" not in GROUP_TITLES[SuggestionGroup.OTHER_MEETINGS].lower()


def test_people_choices_label_each_person_and_number_a_repeated_label(build: Builder) -> None:
    """The 'who asks' picker: 'Name (Organisation)' by name, and two people with the same label get their
    numbers, on either store (issue 14: PostgreSQL refused the window over an alias)."""
    first, second = build.person("Sam Lee", "Acme"), build.person("Sam Lee", "Acme", email="sam2@acme.com")
    alone = build.person("Ada King", "Bolt Works")
    choices = people_choices(build.conn, partnership_id=build.pid)
    assert choices == {"Ada King (Bolt Works)": alone, f"Sam Lee (Acme) #{first}": first,
                       f"Sam Lee (Acme) #{second}": second}
