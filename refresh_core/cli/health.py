"""Commands: ``demo``, ``partnership-cadence``, ``diagnose``."""

from __future__ import annotations

import argparse
import datetime as dt
from typing import TYPE_CHECKING, Any

from refresh_core import deferred, words
from refresh_core.cli import iso_date, print_json
from refresh_core.db import Connection
from refresh_core.enums import Cadence
from refresh_core.errors import ValidationError
from refresh_core.partnerships import get_partnership, set_cadence

if TYPE_CHECKING:  # loaded when a command uses them (see refresh_core.deferred)
    from refresh_core.health import diagnosis
    from refresh_core.hosting import demo
else:
    diagnosis = deferred("refresh_core.health.diagnosis")
    demo = deferred("refresh_core.hosting.demo")


def register(sub: Any) -> None:
    p = sub.add_parser("demo", help="load the two demo partnerships (no-op when present)")
    p.add_argument("--reset", action="store_true", help="delete and reload the demo partnerships")
    p.add_argument(
        "--repair", action="store_true", help="reload them only if an earlier load was interrupted (make run)"
    )
    p.set_defaults(func=cmd_demo)

    p = sub.add_parser(
        "partnership-cadence", help="show or set how often the whole partnership meets (health trends use it)"
    )
    p.add_argument("--partnership", required=True, metavar="NAME")
    p.add_argument("--cadence", default=None, choices=[c.value for c in Cadence], help="set it")
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=cmd_cadence)

    p = sub.add_parser("diagnose", help="judge the four signs that a refresh is needed")
    p.add_argument("--partnership", required=True, metavar="NAME")
    p.add_argument("--as-of", type=iso_date, default=None, metavar="YYYY-MM-DD")
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=cmd_diagnose)


def cmd_demo(conn: Connection, args: argparse.Namespace) -> int:
    loaded = demo.load_demo(conn, reset=args.reset, repair_only=args.repair)
    if loaded:
        print("Loaded demo partnerships: " + ", ".join(loaded))
    elif args.repair:
        print("The demo partnerships need no repair.")
    else:
        print("Demo partnerships already present (use --reset to reload them).")
    return 0


def cmd_cadence(conn: Connection, args: argparse.Namespace) -> int:
    partnership = get_partnership(conn, name=args.partnership)
    if args.cadence:
        set_cadence(conn, partnership_id=partnership.id, cadence=args.cadence)
        partnership = get_partnership(conn, name=args.partnership)
    if args.json:
        print_json({"partnership": partnership.name, "cadence": partnership.cadence})
    else:
        print(f"{partnership.name} meets: {Cadence(partnership.cadence).label.lower()}.")
    return 0


def cmd_diagnose(conn: Connection, args: argparse.Namespace) -> int:
    partnership = get_partnership(conn, name=args.partnership)
    if args.as_of and args.as_of > dt.date.today() + dt.timedelta(days=3650):
        raise ValidationError("--as-of is more than ten years ahead; check the date.")
    result = diagnosis.diagnose(conn, partnership=partnership, as_of=args.as_of)
    if args.json:
        print_json(diagnosis.diagnosis_json(result))
        return 0
    print(f"{partnership.name}, as of {words.day(result.as_of, '%B %Y')}")
    print(result.verdict)
    print()
    for sign in result.signs:
        print(f"[{sign.status.label}] {sign.title}: {sign.summary}")
    return 0
