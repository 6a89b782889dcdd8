"""Commands: ``share create|list|revoke``, ``backup``, ``restore``, ``conveners add|list|remove``,
``password-hash``."""

from __future__ import annotations

import argparse
import getpass
import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pandas as pd

from refresh_core import deferred
from refresh_core.cli import print_json
from refresh_core.db import Connection, default_target
from refresh_core.db.postgres import is_url
from refresh_core.errors import NotFoundError, ValidationError
from refresh_core.partnerships import get_partnership

if TYPE_CHECKING:  # loaded when a command uses them (see refresh_core.deferred)
    from refresh_core.hosting import access, backup, conveners, pg_restore
else:
    access = deferred("refresh_core.hosting.access")
    backup = deferred("refresh_core.hosting.backup")
    conveners = deferred("refresh_core.hosting.conveners")
    pg_restore = deferred("refresh_core.hosting.pg_restore")

BASE_URL_ENV = "REFRESH_BASE_URL"
DEFAULT_BASE_URL = "http://localhost:8501/"


def register(sub: Any) -> None:
    """Declare this group's commands (long: one flat list of argparse declarations reads best)."""
    share = sub.add_parser("share", help="read-only links for champions").add_subparsers(
        dest="share_command", required=True, metavar="ACTION")
    p = share.add_parser("create", help="create a read-only link for one partnership")
    p.add_argument("--partnership", required=True, metavar="NAME")
    p.add_argument("--days", type=int, default=90, help="days until the link expires (default 90)")
    p.add_argument("--label", default=None, metavar="TEXT", help="who the link is for")
    p.add_argument("--base-url", default=None, metavar="URL",
                   help=f"the app's address (default: ${BASE_URL_ENV}, else {DEFAULT_BASE_URL})")
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=cmd_share_create)
    p = share.add_parser("list", help="list live links (--all: expired and revoked too)")
    p.add_argument("--partnership", default=None, metavar="NAME")
    p.add_argument("--all", action="store_true")
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=cmd_share_list)
    p = share.add_parser("revoke", help="switch a link off at once")
    p.add_argument("id", metavar="ID")
    p.set_defaults(func=cmd_share_revoke)

    p = sub.add_parser("backup", help="write every table and a manifest to a zip")
    p.add_argument("file", type=Path, metavar="FILE.zip")
    p.set_defaults(func=cmd_backup)
    p = sub.add_parser("restore", help="replace the database by a backup (checked first; atomic)")
    p.add_argument("file", type=Path, metavar="FILE.zip")
    p.set_defaults(func=cmd_restore)

    convener_actions = sub.add_parser(
        "conveners", help="who may sign in (OpenID Connect mode)").add_subparsers(
        dest="conveners_command", required=True, metavar="ACTION")
    p = convener_actions.add_parser("add", help="allow a convener to sign in")
    p.add_argument("email")
    p.add_argument("--admin", action="store_true", help="sees every partnership and manages conveners")
    p.add_argument("--partnership", action="append", default=[], metavar="NAME",
                   help="a partnership they may open (repeat for several)")
    p.set_defaults(func=cmd_conveners_add)
    p = convener_actions.add_parser("list", help="list conveners")
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=cmd_conveners_list)
    p = convener_actions.add_parser("remove", help="stop a convener signing in")
    p.add_argument("email")
    p.set_defaults(func=cmd_conveners_remove)

    p = sub.add_parser("password-hash", help="make the argon2 hash of a convener password")
    p.add_argument("--stdin", action="store_true", help="read the password from standard input")
    p.set_defaults(func=cmd_password_hash, needs_db=False)  # needs no database (see cli.main)


def _day(value: Any) -> str | None:
    """YYYY-MM-DD of a timestamp cell, None when empty."""
    return None if value is None or bool(pd.isna(value)) else str(value)[:10]


def cmd_share_create(conn: Connection, args: argparse.Namespace) -> int:
    partnership = get_partnership(conn, name=args.partnership)
    base_url = args.base_url or os.environ.get(BASE_URL_ENV) or DEFAULT_BASE_URL
    label = args.label or access.free_label(conn, partnership_id=partnership.id,
                                            label=f"Read-only link for {partnership.name}")
    link, url = access.create_share_link(conn, partnership_id=partnership.id, label=label, days=args.days,
                                  base_url=base_url)
    expires = link.expires_at.date().isoformat()
    if args.json:
        print_json({"id": str(link.id), "url": url, "expires": expires})
    else:
        print(f"Link {link.id} for {partnership.name} ({link.label}), read-only until {expires}:")
        print(url)
        print("This is the only time the full link is shown: copy it now.")
    return 0


def cmd_share_list(conn: Connection, args: argparse.Namespace) -> int:
    pid = get_partnership(conn, name=args.partnership).id if args.partnership else None
    table = access.list_share_links(conn, partnership_id=pid, live_only=not args.all)
    rows = [{"id": str(r["id"]), "partnership": str(r["partnership"]), "label": str(r["label"]),
             "created": _day(r["created"]), "expires": _day(r["expires"]), "last_used": _day(r["last_used"]),
             "revoked": _day(r["revoked"]), "status": str(r["status"])} for r in table.to_dict("records")]
    if args.json:
        print_json(rows)
        return 0
    if not rows:
        print("No live share links. Create one with `share create --partnership NAME`.")
    for r in rows:
        state = access.STATE_LABELS[str(r["status"])]
        print(f"{r['id']!s:>4}  {state:8} {r['partnership']}: {r['label']}  created {r['created']}, "
              f"expires {r['expires']}, last used {r['last_used'] or 'never'}")
    return 0


def cmd_share_revoke(conn: Connection, args: argparse.Namespace) -> int:
    if not str(args.id).strip().isdigit():
        raise NotFoundError(f"No share link {args.id!r}: ids are numbers. Run `share list` to see them.")
    link = access.revoke_share_link(conn, link_id=int(args.id))
    print(f"Link {link.id} ({link.label}) is switched off; whoever holds it now sees a neutral message.")
    return 0


def cmd_backup(conn: Connection, args: argparse.Namespace) -> int:
    manifest = backup.backup(conn, path=args.file)
    rows = sum(manifest.tables.values())
    print(f"Backed up {len(manifest.tables)} tables ({rows} rows, schema {manifest.schema_version}) "
          f"to {args.file}")
    return 0


def cmd_restore(conn: Connection, args: argparse.Namespace) -> int:
    target = str(args.db) if args.db else default_target()
    conn.close()  # release the file: the restore swaps it for a new one
    if is_url(target):
        manifest = pg_restore.restore_postgres(target, archive=args.file)
        target = "the PostgreSQL database"
    else:
        manifest = backup.restore(Path(target), archive=args.file)
    print(f"Restored {sum(manifest.tables.values())} rows from {args.file} "
          f"(backup of {manifest.created_at}) into {target}")
    return 0


def _partnership_ids(conn: Connection, names: list[str]) -> list[int]:
    return [get_partnership(conn, name=n).id for n in names]


def cmd_conveners_add(conn: Connection, args: argparse.Namespace) -> int:
    convener = conveners.add_convener(conn, email=args.email, is_admin=args.admin,
                            partnership_ids=_partnership_ids(conn, args.partnership))
    scope = "every partnership (admin)" if convener.is_admin else (
        ", ".join(args.partnership) if args.partnership else "no partnership yet")
    print(f"{convener.email} may now sign in and open {scope}.")
    return 0


def cmd_conveners_list(conn: Connection, args: argparse.Namespace) -> int:
    table = conveners.list_conveners(conn)
    if args.json:
        print_json([{"email": r.email, "admin": bool(r.admin), "partnerships": r.partnerships}
                    for r in table.itertuples()])
    elif table.empty:
        print("No conveners yet. Add the first admin with `conveners add EMAIL --admin`.")
    for r in [] if args.json else table.itertuples():
        print(f"{r.email}{' (admin)' if r.admin else ''}: {r.partnerships}")
    return 0


def cmd_conveners_remove(conn: Connection, args: argparse.Namespace) -> int:
    conveners.remove_convener(conn, email=args.email)
    print(f"{args.email} can no longer sign in.")
    return 0


def cmd_password_hash(conn: Connection | None, args: argparse.Namespace) -> int:
    if args.stdin or not sys.stdin.isatty():
        password = sys.stdin.readline().rstrip("\r\n")
    else:
        password = getpass.getpass("Convener password: ")
        if getpass.getpass("Again: ") != password:
            raise ValidationError("The two passwords differ. Run the command again.")
    print(access.hash_password(password))
    return 0
