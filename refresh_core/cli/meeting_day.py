"""Commands: ``agenda`` (fit the five-part refresh agenda) and ``followups`` (the follow-through clock)."""

from __future__ import annotations

import argparse
import datetime as dt
from typing import TYPE_CHECKING, Any

from refresh_core import deferred, words
from refresh_core.cli import iso_date, print_json
from refresh_core.db import Connection
from refresh_core.guidance import ATTRIBUTION
from refresh_core.partnerships import get_partnership

if TYPE_CHECKING:  # loaded when a command uses them (see refresh_core.deferred)
    from refresh_core.meeting import agenda, followups
else:
    agenda = deferred("refresh_core.meeting.agenda")
    followups = deferred("refresh_core.meeting.followups")


def clock_time(text: str) -> dt.time:
    """argparse type: an HH:MM time."""
    try:
        return dt.datetime.strptime(text.strip(), "%H:%M").time()
    except ValueError as exc:
        raise argparse.ArgumentTypeError(f"{text!r} is not a time; use HH:MM, for example 07:30") from exc


def register(sub: Any) -> None:
    p = sub.add_parser("agenda", help="fit the five-part refresh meeting agenda to a start time and length")
    p.add_argument("--start", required=True, type=clock_time, metavar="HH:MM")
    p.add_argument("--minutes", required=True, type=int, metavar="N", help="meeting length (at least 80)")
    p.add_argument(
        "--attendees",
        type=int,
        default=None,
        metavar="N",
        help="expected head count (introductions take about a minute each)",
    )
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=cmd_agenda, needs_db=False)

    p = sub.add_parser("followups", help="the follow-through clock after refresh meetings")
    p.add_argument("--partnership", required=True, metavar="NAME")
    p.add_argument("--as-of", type=iso_date, default=None, metavar="YYYY-MM-DD")
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=cmd_followups)


def cmd_agenda(conn: Connection | None, args: argparse.Namespace) -> int:
    planned = agenda.fit_agenda(start=args.start, minutes=args.minutes, attendees=args.attendees)
    if args.json:
        print_json(agenda.agenda_json(planned))
        return 0
    print(f"Refresh meeting agenda, {planned.start:%H:%M}-{planned.end:%H:%M} ({planned.total} minutes)")
    for item in planned.items:
        span = f"{item.low}-{item.high}" if item.low != item.high else str(item.low)
        print(
            f"  {item.start:%H:%M}-{item.end:%H:%M}  {item.title:<26} {item.minutes:>3} min  "
            f"(guide: {span})  lead: {item.lead}"
        )
    if planned.spare_minutes:
        print(
            f"  {planned.items[-1].end:%H:%M}-{planned.end:%H:%M}  {'Spare: break or networking':<26} "
            f"{planned.spare_minutes:>3} min"
        )
    for warning in planned.warnings:
        print(f"Note: {warning}")
    print(ATTRIBUTION)
    return 0


def cmd_followups(conn: Connection, args: argparse.Namespace) -> int:
    partnership = get_partnership(conn, name=args.partnership)
    as_of = args.as_of or dt.date.today()
    items = followups.clock(conn, partnership_id=partnership.id, as_of=as_of)
    if args.json:
        print_json(followups.clock_json(items))
        return 0
    if items.empty:
        print(
            f"{partnership.name}: no follow-through items yet. They start when a refresh meeting's "
            "priorities and champions are saved."
        )
        return 0
    print(f"{partnership.name}: follow-through as of {words.day(as_of, '%B %Y')}")
    for row in followups.clock_json(items):
        said = followups.STATE_LABELS
        state = (f"{said['done']} {row['done']}" if row["done"]
                 else said["overdue"].upper() if row["overdue"] else said["open"])
        print(f"  due {row['due']}  [{state:^15}]  {row['item']}  (owner: {row['owner']})")
    return 0
