"""The demo's refresh stories, written through the product's own functions (no SQL writes here).

Lakeshore (waning) has a refresh meeting in progress: planned four weeks after
the demo's date, a prospect list imported from ``data/demo/prospects.csv``
with askers (two industry champions and the convener), ask channels, the asks,
calls and answers recorded step by step, civic-entrepreneur traits, and the
five-part agenda. Three Rivers (healthy) held its refresh at its Fall 2026
meeting: its core principles reaffirmed, a sticky wall, the call for
champions (three teams continue, one is chartered, one priority is parked for
want of an industry champion; everyone named attended that meeting), the
survey results, and a follow-through clock with owners where one one-on-one
is overdue.

``day`` is the demo's own date (the shifted anchor, within the week before
"today"): every date here is counted from it, so the story does not depend on
the wall clock beyond the shift ``load_demo`` already makes.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from refresh_core.db import Connection, transaction
from refresh_core.enums import MeetingKind
from refresh_core.meeting.agenda import fit_agenda, reschedule
from refresh_core.meeting.agenda_store import save_agenda
from refresh_core.meeting.champions import call_for_champions
from refresh_core.meeting.followups import FollowupKind, clock, save_clock
from refresh_core.meeting.principles import ReviewOutcome, record_review
from refresh_core.meeting.priorities import teams
from refresh_core.meeting.schedule import MeetingChange, update_meetings
from refresh_core.meeting.stickywall import add_ideas, categories, save_categories
from refresh_core.meeting.surveys import record_survey_results
from refresh_core.meetings import add_meeting, full_meetings
from refresh_core.recruitment.pipeline import ProspectStatus
from refresh_core.recruitment.prospect_edits import set_traits
from refresh_core.recruitment.prospect_import import import_prospects
from refresh_core.recruitment.prospects import prospect_table
from refresh_core.recruitment.steps import check_steps, write_steps

PROSPECTS_FILE = "prospects.csv"
REFRESH_IN = dt.timedelta(days=27)  # Lakeshore's refresh meeting: the fourth Thursday after the demo's date
LISTED_BEFORE = dt.timedelta(days=28)  # the prospect list was drawn up four weeks before the demo's date

AGENDA_NOTES = (
    "Hector Kim (Stratton Aerospace Components) welcomes everyone; name, company and one sentence each.",
    "Chloe Nakamura on the shared apprenticeship cohort and what the youth team delivered.",
    "What changed since 2023: tariffs, automation, cobot lines (from the sector check-in).",
    "Sticky wall: what would make the biggest difference to your company in the next two years?",
    "Call for champions; every new team picks its first meeting date before people leave.",
)

# Three Rivers' sticky wall at its refresh meeting: (category, dot votes, ideas).
WALL = (
    ("Rural telehealth", 14, ("Shared telehealth training for rural clinic staff",
                              "Tele-psychiatry coverage for the north county",
                              "Broadband gaps at three rural sites")),
    ("Behavioral health workforce", 11, ("More peer support specialists in emergency departments",
                                         "Supervision hours for new counsellors")),
    ("CNA career ladder", 9, ("A second CNA-to-LPN cohort", "Pay steps for CNAs who finish the ladder")),
    ("Workforce housing", 6, ("Employer-assisted down payments",
                              "Short-term rooms for students on placement")),
    ("Agency staffing costs", 5, ("Share what each employer spends on travel nurses",
                                  "A regional float pool instead of agencies")),
)
UNSORTED_IDEA = "A health careers day for every middle school"



@dataclass(frozen=True)
class Call:
    """One category at the call for champions; people by email."""

    category: str
    champions: tuple[str, ...]
    members: tuple[str, ...]
    title: str = ""  # a new priority's title (blank: the team below continues)
    team: str = ""  # the new team's name, or the existing team that continues
    description: str | None = None


# Everyone named here was at the refresh meeting (its attendance is in the demo's history).
NEW_TEAM = Call(
    category="Rural telehealth", title="Rural telehealth adoption", team="Rural Telehealth",
    description="Shared telehealth training for rural clinics.",
    champions=("rcastillo@stbrigidhealthsyst.com", "hiyer@confluencefamilycl.com"),
    members=("dfischer@ferrylandingmedica.com", "cfischer@unionstreetoptomet.com", "rosei@trworkforce.org",
             "hhaddad@threeriverstc.edu"))
CONTINUING = (
    Call(category="Behavioral health workforce", team="Behavioral Health Workforce",
         champions=("lsorensen@cedarridgenursingc.com",), members=("ccastillo@rivercounty.gov",)),
    Call(category="CNA career ladder", team="CNA Career Pathways",
         champions=("ikowalski@eastgateorthopedic.com",), members=("pdelgado@threeriverstc.edu",)),
    Call(category="Workforce housing", team="Workforce Housing",
         champions=("hfischer@trivalleyambulance.com",), members=("scaldwell@tricountyed.org",)),
)
# Only the chamber volunteers to champion: champions must be industry leaders, so it is parked.
PARKED = Call(category="Agency staffing costs", title="Lower agency staffing costs",
              description="A regional float pool in place of travel-nurse agencies.",
              champions=("prossi@threeriverschamber.org",), members=("ecastillo@tricountyed.org",))
CONVENER = "Renee Osei (Three Rivers Workforce Alliance)"
ONE_ON_ONES = {  # new champion -> (who holds the conversation, days after the meeting it was held or None)
    "Hannah Iyer": ("Leah Sorensen", 12),
    "Ines Kowalski": ("Hector Fischer", 19),
    "Robert Castillo": ("Renee Osei", None),  # not held yet: the overdue item
}


def _person_ids(conn: Connection, partnership_id: int, emails: list[str]) -> dict[str, int]:
    rows = conn.execute(
        "SELECT email, id FROM person WHERE partnership_id = ? AND email = ANY(?)",
        [partnership_id, emails],
    ).fetchall()
    return {str(e): int(i) for e, i in rows}


def _record_answers(conn: Connection, *, meeting_id: int, day: dt.date, plan: pd.DataFrame) -> None:
    """The asks, follow-up calls and answers of the prospect file's last columns, as dated steps
    checked by the pipeline's rules one date at a time (earliest first), all in one transaction;
    then the civic-entrepreneur traits the askers noticed."""
    table = prospect_table(conn, meeting_id=meeting_id, as_of=day)
    ids = plan.merge(table[["prospect_id", "email"]], on="email", how="inner")
    columns = (("asked_days_ago", None, ProspectStatus.ASKED.value),
               ("called_days_ago", None, ProspectStatus.CALLED.value),
               ("answered_days_ago", "answer", None))
    steps = pd.concat([
        pd.DataFrame({"prospect_id": found["prospect_id"],
                      "status": found[status_column] if status_column else status,
                      "days": found[days].astype(int)})
        for days, status_column, status in columns
        for found in [ids[ids[days].notna()]]
    ])
    with transaction(conn):
        for days, group in sorted(steps.groupby("days"), key=lambda g: -int(str(g[0]))):
            on = day - dt.timedelta(days=int(str(days)))
            check_steps(conn, meeting_id=meeting_id, steps=group, on=on)
            write_steps(conn, steps=group, on=on)
    for prospect_id, traits in zip(ids["prospect_id"], ids["civic_traits"], strict=True):
        if isinstance(traits, str) and traits:
            set_traits(conn, prospect_id=int(prospect_id), traits=traits.split(";"))


def lakeshore_refresh(conn: Connection, *, partnership_id: int, day: dt.date, demo_dir: Path) -> int:
    """Plan Lakeshore's refresh meeting, load its prospects and answers, save its agenda; the meeting id."""
    meeting_id = add_meeting(
        conn, partnership_id=partnership_id, date=day + REFRESH_IN, kind=MeetingKind.REFRESH,
        title="Partnership refresh meeting", start_time="07:30", minutes=120,
        location="Community college conference center",
    )
    data = (demo_dir / PROSPECTS_FILE).read_bytes()
    import_prospects(conn, meeting_id=meeting_id, data=data, file_name=PROSPECTS_FILE, on=day - LISTED_BEFORE)
    plan = pd.read_csv(demo_dir / PROSPECTS_FILE, dtype=str)
    _record_answers(conn, meeting_id=meeting_id, day=day, plan=plan)
    agenda = fit_agenda(start=dt.time(7, 30), minutes=120)
    save_agenda(conn, meeting_id=meeting_id, agenda=reschedule(
        agenda, minutes=[i.minutes for i in agenda.items], notes=list(AGENDA_NOTES)))
    return meeting_id


def _wall(conn: Connection, meeting_id: int) -> dict[str, int]:
    """Put the ideas on the wall with their dot votes; category name -> id."""
    ideas = [(idea, name) for name, _, texts in WALL for idea in texts]
    add_ideas(conn, meeting_id=meeting_id, ideas=[i for i, _ in ideas], groups=[g for _, g in ideas])
    add_ideas(conn, meeting_id=meeting_id, ideas=[UNSORTED_IDEA])
    found = categories(conn, meeting_id=meeting_id)
    votes = {name: n for name, n, _ in WALL}
    save_categories(conn, meeting_id=meeting_id, frame=found.assign(votes=found["name"].map(votes)))
    return {str(n): int(i) for n, i in zip(found["name"], found["id"], strict=True)}


def _call(conn: Connection, partnership_id: int, meeting_id: int, ids: dict[str, int]) -> int:
    """The call for champions, category by category; the new team's id."""
    calls = (NEW_TEAM, *CONTINUING, PARKED)
    people = _person_ids(conn, partnership_id, [e for c in calls for e in (*c.champions, *c.members)])
    found = teams(conn, partnership_id=partnership_id)
    team_ids = {str(n): int(i) for n, i in zip(found["name"], found["id"], strict=True)}
    outcomes = [
        call_for_champions(
            conn, meeting_id=meeting_id, category_id=ids[c.category], title=c.title,
            description=c.description, team_name=c.team or None,
            continue_team_id=None if c.title else team_ids[c.team],
            champion_ids=[people[e] for e in c.champions], member_ids=[people[e] for e in c.members])
        for c in calls
    ]
    assert outcomes[0].team_id is not None
    return outcomes[0].team_id


def _team_meetings(conn: Connection, partnership_id: int, team_id: int, team_name: str) -> None:
    """The new team's meetings since the refresh (imported before the team existed) become its own."""
    found = conn.execute(
        "SELECT id, date, title FROM meeting WHERE partnership_id = ? AND kind = 'action_team' "
        "AND action_team_id IS NULL AND title = ?", [partnership_id, f"{team_name} action team"]
    ).fetchall()
    update_meetings(conn, partnership_id=partnership_id, changes=[
        MeetingChange(meeting_id=int(i), date=d, title=str(t), kind=MeetingKind.ACTION_TEAM,
                      action_team_id=team_id) for i, d, t in found])


def _follow_through(
    conn: Connection, partnership_id: int, meeting_id: int, held: dt.date, day: dt.date
) -> None:
    """Survey results in, owners named, one one-on-one held and one not (overdue)."""
    record_survey_results(conn, meeting_id=meeting_id, recorded_on=held + dt.timedelta(days=12), responses=29,
                          summary="Most valued the time with other employers; asked for shorter updates.")
    items = clock(conn, partnership_id=partnership_id, as_of=day, meeting_id=meeting_id)
    owners = items["owner"].astype(object).where(items["owner"].notna(), CONVENER)
    done = items["done"].astype(object)
    for name, (owner, after) in ONE_ON_ONES.items():
        row = items["item"] == f"One-on-one with new champion {name}"
        owners = owners.where(~row, owner)
        if after is not None:
            done = done.where(~row, held + dt.timedelta(days=after))
    kinds = items["kind"].isin([FollowupKind.SURVEY.value, FollowupKind.FULL_MEETING.value])
    save_clock(conn, partnership_id=partnership_id,
               frame=items.assign(owner=owners.where(~kinds, CONVENER), done=done))


def three_rivers_refresh(conn: Connection, *, partnership_id: int, day: dt.date) -> int:
    """Record the outcomes of Three Rivers' past refresh meeting; its id."""
    refresh = full_meetings(conn, partnership_id=partnership_id)
    first = refresh[refresh["kind"] == MeetingKind.REFRESH.value].iloc[0]
    meeting_id, held = int(first["id"]), pd.Timestamp(first["date"]).date()
    record_review(conn, meeting_id=meeting_id, outcome=ReviewOutcome.REAFFIRMED, as_of=day,
                  notes="Read aloud by the champions; no change asked for.")
    ids = _wall(conn, meeting_id)
    team_id = _call(conn, partnership_id, meeting_id, ids)
    _team_meetings(conn, partnership_id, team_id, NEW_TEAM.team)
    _follow_through(conn, partnership_id, meeting_id, held, day)
    return meeting_id
