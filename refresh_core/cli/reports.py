"""Commands: ``portfolio`` (every partnership at a glance) and ``report`` (the PDFs)."""

from __future__ import annotations

import argparse
import datetime as dt
import os
from pathlib import Path
from typing import TYPE_CHECKING, Any

from refresh_core import deferred, words
from refresh_core.cli import iso_date, print_json
from refresh_core.db import Connection
from refresh_core.errors import ValidationError
from refresh_core.partnerships import get_partnership

if TYPE_CHECKING:  # loaded when a command uses them (see refresh_core.deferred)
    from refresh_core.reports import portfolio, portfolio_pdf, portfolio_view, report_pdf
    from refresh_core.reports.portfolio import Portfolio
else:
    portfolio = deferred("refresh_core.reports.portfolio")
    portfolio_pdf = deferred("refresh_core.reports.portfolio_pdf")
    portfolio_view = deferred("refresh_core.reports.portfolio_view")
    report_pdf = deferred("refresh_core.reports.report_pdf")


def register(sub: Any) -> None:
    p = sub.add_parser("portfolio", help="every partnership's verdict, signs, next meeting, follow-through")
    p.add_argument("--as-of", type=iso_date, default=None, metavar="YYYY-MM-DD")
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=cmd_portfolio)

    p = sub.add_parser("report", help="a one-page PDF report on a partnership, or the portfolio as PDF")
    which = p.add_mutually_exclusive_group(required=True)
    which.add_argument("--partnership", metavar="NAME", help="the partnership to report on")
    which.add_argument("--portfolio", action="store_true", help="one line per partnership")
    p.add_argument("--out", required=True, type=Path, metavar="FILE.pdf")
    p.add_argument("--as-of", type=iso_date, default=None, metavar="YYYY-MM-DD")
    p.set_defaults(func=cmd_report)


def _check_as_of(as_of: dt.date | None) -> None:
    if as_of and as_of > dt.date.today() + dt.timedelta(days=3650):
        raise ValidationError("--as-of is more than ten years ahead; check the date.")


def _print_table(found: Portfolio) -> None:
    if not found.rows:
        print("No partnerships yet. Run `python -m refresh_core demo` or import a file.")
        return
    print(f"Portfolio as of {words.day(found.as_of, '%B %Y')}")
    for r in found.rows:
        signs = ", ".join(f"{portfolio_view.SIGN_COLUMNS[s]}: {status.label}"
                          for s, status in r.signs.items())
        room = "no meeting yet" if r.latest_industry is None else (
            f"{r.latest_industry} industry to {r.latest_public_partner} public at the latest meeting")
        nxt = "no meeting planned" if r.next_meeting is None else (
            f"next {words.day(r.next_meeting)}, about {r.expected_industry_turnout} of {found.goal} expected")
        print(f"{r.name}: {r.verdict.label}. {room}; {nxt}; {r.overdue_followups} overdue. ({signs})")


def cmd_portfolio(conn: Connection, args: argparse.Namespace) -> int:
    _check_as_of(args.as_of)
    found = portfolio.portfolio(conn, as_of=args.as_of)
    if args.json:
        print_json(portfolio.portfolio_json(found))
    else:
        _print_table(found)
    return 0


def check_folder(path: Path) -> None:
    """Refuse an output path whose folder does not exist (before any work is done)."""
    folder = path.parent if str(path.parent) else Path(".")
    if not folder.is_dir():
        raise ValidationError(f"The folder {folder} does not exist; create it or choose another --out.")


def write_file(path: Path, data: bytes) -> None:
    """Write ``data`` to ``path`` whole or not at all (a partial file never replaces a good one)."""
    check_folder(path)
    partial = path.with_name(f".{path.name}.partial")
    try:
        partial.write_bytes(data)
        os.replace(partial, path)
    except OSError as exc:
        partial.unlink(missing_ok=True)
        raise ValidationError(f"Cannot write {path}: {exc.strerror}. Choose another --out.") from exc


def cmd_report(conn: Connection, args: argparse.Namespace) -> int:
    _check_as_of(args.as_of)
    check_folder(args.out)
    if args.portfolio:
        data = portfolio_pdf.portfolio_pdf(conn, as_of=args.as_of)
        what = "the portfolio"
    else:
        partnership = get_partnership(conn, name=args.partnership)
        data = report_pdf.partnership_pdf(conn, partnership=partnership, as_of=args.as_of)
        what = partnership.name
    write_file(args.out, data)
    print(f"Wrote the report on {what} to {args.out}.")
    return 0
