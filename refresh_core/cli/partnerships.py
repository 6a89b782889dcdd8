"""Commands: ``partnerships`` (the list) and ``partnership add|rename|archive|restore``."""

from __future__ import annotations

import argparse
from typing import Any

import pandas as pd

from refresh_core.cli import print_json
from refresh_core.db import Connection
from refresh_core.partnerships import (
    DATE_ORDERS,
    Partnership,
    create_partnership,
    get_partnership,
    list_partnerships,
    rename_partnership,
    set_archived,
)


def register(sub: Any) -> None:
    p = sub.add_parser("partnerships", help="list partnerships (archived ones with --all)")
    p.add_argument("--all", action="store_true", help="include archived partnerships")
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=cmd_partnerships)

    group = sub.add_parser("partnership", help="create, rename, archive or restore a partnership")
    actions = group.add_subparsers(dest="partnership_command", required=True, metavar="ACTION")
    p = actions.add_parser("add", help="create a partnership")
    p.add_argument("--name", required=True, metavar="NAME")
    p.add_argument("--sector", default=None, metavar="TEXT", help="e.g. Advanced manufacturing")
    p.add_argument("--region", default=None, metavar="TEXT", help="e.g. Three-county region")
    p.add_argument("--date-order", default="month_first", choices=DATE_ORDERS,
                   help="how its files write dates like 3/4/2026 (default: month_first)")
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=cmd_add)
    p = actions.add_parser("rename", help="give a partnership a new name")
    p.add_argument("--name", required=True, metavar="OLD")
    p.add_argument("--to", required=True, metavar="NEW")
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=cmd_rename)
    for action, helptext in (("archive", "hide a partnership from lists (nothing is deleted)"),
                             ("restore", "bring an archived partnership back")):
        p = actions.add_parser(action, help=helptext)
        p.add_argument("--name", required=True, metavar="NAME")
        p.add_argument("--json", action="store_true")
        p.set_defaults(func=cmd_archive, archive=action == "archive")


def _text(value: object) -> str | None:
    """A text cell, None when missing (pandas reads a NULL text as NaN)."""
    return None if value is None or pd.isna(value) else str(value)  # type: ignore[call-overload]


def cmd_partnerships(conn: Connection, args: argparse.Namespace) -> int:
    table = list_partnerships(conn, include_archived=args.all)
    if args.json:
        rows = []
        for r in table.to_dict("records"):
            row: dict[str, Any] = {
                "name": r["name"],
                "sector": _text(r["sector"]),
                "region": _text(r["region"]),
                "meetings": int(r["meetings"]),
                "people": int(r["people"]),
                "last_meeting": None if pd.isna(r["last_meeting"]) else str(r["last_meeting"])[:10],
                "cadence": r["cadence"],
                "next_meeting": None if pd.isna(r["next_meeting"]) else str(r["next_meeting"])[:10],
            }
            if args.all:
                row["archived"] = bool(r["archived"])
            rows.append(row)
        print_json(rows)
    elif table.empty:
        print("No partnerships yet. Create one with `partnership add --name NAME`, "
              "or load the demo with `demo`.")
    else:
        for line in table.to_dict("records"):
            archived = ", archived" if line["archived"] else ""
            print(f"{line['name']}  ({line['meetings']} meetings, {line['people']} people{archived})")
    return 0


def partnership_json(partnership: Partnership) -> dict[str, Any]:
    """One partnership as the commands print it."""
    return {"id": partnership.id, "name": partnership.name, "sector": partnership.sector,
            "region": partnership.region, "date_order": partnership.date_order,
            "archived": partnership.archived, "cadence": partnership.cadence}


def _report(partnership: Partnership, args: argparse.Namespace, sentence: str) -> int:
    if args.json:
        print_json(partnership_json(partnership))
    else:
        print(sentence)
    return 0


def cmd_add(conn: Connection, args: argparse.Namespace) -> int:
    made = create_partnership(conn, name=args.name, sector=args.sector, region=args.region,
                              date_order=args.date_order)
    return _report(made, args, f"Created {made.name}. Import its attendance with "
                               f"`import FILE --partnership \"{made.name}\"`.")


def cmd_rename(conn: Connection, args: argparse.Namespace) -> int:
    old = get_partnership(conn, name=args.name)
    new = rename_partnership(conn, partnership_id=old.id, name=args.to)
    return _report(new, args, f"Renamed {old.name} to {new.name}.")


def cmd_archive(conn: Connection, args: argparse.Namespace) -> int:
    found = get_partnership(conn, name=args.name)
    changed = set_archived(conn, partnership_id=found.id, archived=args.archive)
    if args.archive:
        sentence = (f"Archived {changed.name}: it is left out of lists and the app's sidebar; nothing was "
                    f"deleted. Bring it back with `partnership restore --name \"{changed.name}\"`.")
    else:
        sentence = f"Restored {changed.name}."
    return _report(changed, args, sentence)
