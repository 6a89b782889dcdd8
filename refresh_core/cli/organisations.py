"""Commands: ``organisations`` (list, ``set``, ``reclassify``, ``assign``): who is industry, who is a
public partner, and who works where.

``organisations --partnership NAME --json`` prints the contract
``{"organisations": [{"name", "kind", "subtype", "source", "reason", "attendees"}]}``;
``organisations assign --partnership NAME --person WHO (--name ORG | --none) --json`` prints
``{"person_id", "person", "organisation_id", "organisation", "previous", "created", "kind"}``.
"""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING, Any

from refresh_core import deferred, words
from refresh_core.cli import print_json
from refresh_core.db import Connection
from refresh_core.enums import OrgKind, PublicSubtype
from refresh_core.errors import ValidationError
from refresh_core.partnerships import get_partnership

if TYPE_CHECKING:  # loaded when a command uses them (see refresh_core.deferred)
    from refresh_core.people import assignment, classification
else:
    assignment = deferred("refresh_core.people.assignment")
    classification = deferred("refresh_core.people.classification")


def register(sub: Any) -> None:
    p = sub.add_parser(
        "organisations",
        help="list organisations with their kind (unclassified first), set one, re-run the rules, or "
        "assign a person to an organisation",
        description="organisations --partnership NAME [--json] | organisations set --partnership NAME "
        "--name ORG --kind K [--subtype S] | organisations reclassify --partnership NAME | "
        "organisations assign --partnership NAME --person WHO (--name ORG | --none) [--json]",
    )
    p.add_argument("action", nargs="?", default="list", choices=["list", "set", "reclassify", "assign"])
    p.add_argument("--partnership", required=True, metavar="NAME")
    p.add_argument("--name", default=None, metavar="ORG",
                   help="the organisation (for set; for assign, an existing one or a new one to add)")
    p.add_argument("--person", default=None, metavar="WHO",
                   help="for assign: the person's email or full name")
    p.add_argument("--none", action="store_true", help="for assign: the person has no organisation")
    p.add_argument("--kind", default=None, choices=[k.value for k in OrgKind], help="for set")
    p.add_argument(
        "--subtype",
        default=None,
        choices=[s.value for s in PublicSubtype],
        help="for set, with --kind public_partner",
    )
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=cmd_organisations)


def cmd_organisations(conn: Connection, args: argparse.Namespace) -> int:
    partnership = get_partnership(conn, name=args.partnership)
    if args.action == "set":
        if not args.name or not args.kind:
            raise ValidationError(
                "Give the organisation and its kind: organisations set --name ORG --kind K."
            )
        oid = classification.find_organisation(conn, partnership_id=partnership.id, name=args.name)
        changed = classification.set_kind(
            conn, partnership_id=partnership.id, organisation_ids=[oid], kind=args.kind, subtype=args.subtype
        )
        print(
            f"Set {args.name} to {_kind_words(args.kind, args.subtype)}; "
            f"{changed} organisation{'s' if changed != 1 else ''} changed."
        )
        return 0
    if args.action == "assign":
        return _assign(conn, args, partnership.id)
    if args.action == "reclassify":
        changed = classification.reapply_rules(conn, partnership_id=partnership.id)
        print(f"Rules re-run: {changed} organisation{'s' if changed != 1 else ''} changed kind.")
        return 0
    rows = classification.organisations_json(conn, partnership_id=partnership.id)
    if args.json:
        print_json({"organisations": rows})
    elif not rows:
        print("No organisations yet. Import attendance first.")
    for r in [] if args.json else rows:
        kind = _kind_words(r["kind"], r["subtype"])
        seen = words.count(int(r["attendees"]), "attendee")
        print(f"{r['name']}  [{kind}, {r['source']}, {seen}]  {r['reason']}")
    return 0


def _kind_words(kind: str, subtype: str | None) -> str:
    """An organisation's kind and type in words: "Public partner (Education)", never "public_partner"."""
    try:
        said = OrgKind(kind).label + (f" ({PublicSubtype(subtype).label})" if subtype else "")
    except ValueError:  # a value this version does not know: shown as stored rather than hidden
        said = kind + (f" ({subtype})" if subtype else "")
    return said


def _assign(conn: Connection, args: argparse.Namespace, partnership_id: int) -> int:
    if not args.person or bool(args.name) == bool(args.none):
        raise ValidationError(
            "Give the person and either the organisation or --none: "
            "organisations assign --person WHO --name ORG (or --none)."
        )
    person_id = assignment.find_person(conn, partnership_id=partnership_id, who=args.person)
    done = assignment.assign_organisation(conn, person_id=person_id,
                                          new_name=None if args.none else args.name)
    if args.json:
        print_json(done.to_json())
    else:
        print(done.sentence())
    return 0
