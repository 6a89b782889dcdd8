"""Commands: ``meeting add``, ``meeting list``, ``prospects import``, ``prospects eventbrite``,
``recruitment``."""

from __future__ import annotations

import argparse
import datetime as dt
from pathlib import Path
from typing import TYPE_CHECKING, Any

from refresh_core import deferred, words
from refresh_core.cli import iso_date, print_json
from refresh_core.db import Connection
from refresh_core.enums import MeetingKind
from refresh_core.errors import NotFoundError, ValidationError
from refresh_core.meetings import (
    KIND_LABELS,
    Meeting,
    add_meeting,
    find_meeting,
    get_meeting,
    next_meeting,
    upcoming_meetings,
)
from refresh_core.partnerships import get_partnership

if TYPE_CHECKING:  # loaded when a command uses them (see refresh_core.deferred)
    from refresh_core import ingest
    from refresh_core.recruitment import eventbrite_import, prospect_import
    from refresh_core.recruitment import status as status_of
else:
    ingest = deferred("refresh_core.ingest")
    eventbrite_import = deferred("refresh_core.recruitment.eventbrite_import")
    prospect_import = deferred("refresh_core.recruitment.prospect_import")
    status_of = deferred("refresh_core.recruitment.status")


def register(sub: Any) -> None:
    """Declare this group's commands (long: one flat list of argparse declarations reads best)."""
    meeting = sub.add_parser("meeting", help="plan meetings").add_subparsers(
        dest="meeting_command", required=True, metavar="ACTION")
    p = meeting.add_parser("add", help="plan a meeting (a refresh meeting unless --kind says otherwise)")
    p.add_argument("--partnership", required=True, metavar="NAME")
    p.add_argument("--date", required=True, type=iso_date, metavar="YYYY-MM-DD")
    p.add_argument("--kind", default=MeetingKind.REFRESH.value, choices=[k.value for k in MeetingKind])
    p.add_argument("--title", default=None, metavar="TEXT")
    p.add_argument("--minutes", type=int, default=None, metavar="N", help="length in minutes")
    p.add_argument("--start", default=None, metavar="HH:MM", help="start time (24-hour clock)")
    p.add_argument("--location", default=None, metavar="TEXT")
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=cmd_meeting_add)
    p = meeting.add_parser("list", help="upcoming full-partnership meetings")
    p.add_argument("--partnership", required=True, metavar="NAME")
    p.add_argument("--as-of", type=iso_date, default=None, metavar="YYYY-MM-DD")
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=cmd_meeting_list)

    prospects = sub.add_parser("prospects", help="the prospect list for a meeting").add_subparsers(
        dest="prospects_command", required=True, metavar="ACTION")
    p = prospects.add_parser("import", help="load prospects from a CSV or XLSX file")
    p.add_argument("file", type=Path, metavar="FILE")
    p.add_argument("--partnership", required=True, metavar="NAME")
    p.add_argument("--meeting", required=True, type=iso_date, metavar="YYYY-MM-DD")
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=cmd_prospects_import)
    p = prospects.add_parser("eventbrite", help="registrations confirm prospects; check-ins mark attended")
    p.add_argument("file", type=Path, metavar="FILE")
    p.add_argument("--partnership", required=True, metavar="NAME")
    p.add_argument("--meeting", required=True, type=iso_date, metavar="YYYY-MM-DD")
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=cmd_prospects_eventbrite)

    p = sub.add_parser("recruitment", help="will the meeting reach 20 industry leaders?")
    p.add_argument("--partnership", required=True, metavar="NAME")
    p.add_argument("--meeting", type=iso_date, default=None, metavar="YYYY-MM-DD",
                   help="the meeting's date (default: the next upcoming full-partnership meeting)")
    p.add_argument("--as-of", type=iso_date, default=None, metavar="YYYY-MM-DD")
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=cmd_recruitment)


def _meeting_json(meeting: Meeting, today: dt.date) -> dict[str, Any]:
    return {"id": meeting.id, "date": meeting.date.isoformat(), "title": meeting.title,
            "kind": meeting.kind.value,
            "start_time": meeting.start_time.strftime("%H:%M") if meeting.start_time else None,
            "minutes": meeting.minutes, "location": meeting.location, "upcoming": meeting.date >= today}


def cmd_meeting_add(conn: Connection, args: argparse.Namespace) -> int:
    partnership = get_partnership(conn, name=args.partnership)
    meeting_id = add_meeting(conn, partnership_id=partnership.id, date=args.date, kind=args.kind,
                             title=args.title, start_time=args.start, minutes=args.minutes,
                             location=args.location)
    meeting = get_meeting(conn, meeting_id=meeting_id)
    if args.json:
        print_json(_meeting_json(meeting, dt.date.today()))
    else:
        when = f"{meeting.date:%A} {words.day(meeting.date, '%B %Y')}"
        print(f"Planned {meeting.title} on {when} for {partnership.name}.")
    return 0


def cmd_meeting_list(conn: Connection, args: argparse.Namespace) -> int:
    partnership = get_partnership(conn, name=args.partnership)
    as_of = args.as_of or dt.date.today()
    table = upcoming_meetings(conn, partnership_id=partnership.id, as_of=as_of)
    meetings = [get_meeting(conn, meeting_id=int(i)) for i in table["id"]]
    if args.json:
        print_json([_meeting_json(m, as_of) for m in meetings])
    elif not meetings:
        print("Nothing planned. Plan one: meeting add --partnership NAME --date YYYY-MM-DD")
    else:
        for m in meetings:
            print(f"{m.date}  {KIND_LABELS[m.kind]:26}  {m.title}")
    return 0


def _read(path: Path) -> bytes:
    try:
        return path.read_bytes()
    except OSError as exc:
        raise ValidationError(f"Cannot read {path}: {exc.strerror}. Check the path.") from exc


def cmd_prospects_import(conn: Connection, args: argparse.Namespace) -> int:
    partnership = get_partnership(conn, name=args.partnership)
    meeting = find_meeting(conn, partnership_id=partnership.id, date=args.meeting)
    result = prospect_import.import_prospects(conn, meeting_id=meeting.id, data=_read(args.file),
                                              file_name=args.file.name, on=dt.date.today())
    if args.json:
        print_json(result.to_json())
        return 0
    print(result.sentence())
    if result.reviews:
        print(f"  {words.count(result.reviews, 'close match', 'close matches')} to review.")
    for row in result.rejected.itertuples():
        print(f"  line {row.line}, {row.column}: {row.reason}")
    for warning in result.warnings:
        print(f"  Note: {warning}")
    if result.ignored_columns:
        print("  Ignored columns: " + ", ".join(result.ignored_columns))
    return 0


def cmd_prospects_eventbrite(conn: Connection, args: argparse.Namespace) -> int:
    partnership = get_partnership(conn, name=args.partnership)
    meeting = find_meeting(conn, partnership_id=partnership.id, date=args.meeting)
    data = _read(args.file)
    parsed = ingest.parse_file(data, file_name=args.file.name, format=ingest.Format.EVENTBRITE,
                               date_order=partnership.date_order)
    result = eventbrite_import.apply_eventbrite(conn, meeting_id=meeting.id, parsed=parsed,
                                                on=dt.date.today(), data=data)
    payload = {"registrations": result.registrations, "confirmed": result.confirmed,
               "attended": result.attended, "added": result.added, "people_added": result.people_added}
    if args.json:
        print_json(payload)
    else:
        print(", ".join(f"{k.replace('_', ' ')}: {v}" for k, v in payload.items()))
    return 0


def cmd_recruitment(conn: Connection, args: argparse.Namespace) -> int:
    partnership = get_partnership(conn, name=args.partnership)
    as_of = args.as_of or dt.date.today()
    if args.meeting is not None:
        meeting = find_meeting(conn, partnership_id=partnership.id, date=args.meeting)
    else:
        found = next_meeting(conn, partnership_id=partnership.id, as_of=as_of)
        if found is None:
            raise NotFoundError(
                f"{partnership.name} has no upcoming full-partnership meeting on or after {as_of}. Plan "
                "one with `meeting add --partnership NAME --date YYYY-MM-DD`, or pass --meeting.")
        meeting = found
    status = status_of.recruitment_status(conn, meeting_id=meeting.id, as_of=as_of)
    if args.json:
        print_json(status_of.recruitment_json(status))
        return 0
    print(f"{meeting.title} ({words.day(meeting.date, '%B %Y')}), as of {words.day(as_of, '%B %Y')}")
    print(status.goal_takeaway)
    print(status.funnel_takeaway)
    for warning in status.warnings:
        print(f"! {warning}")
    return 0
