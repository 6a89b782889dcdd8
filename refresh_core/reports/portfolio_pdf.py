"""The portfolio as PDF: one line per partnership, those needing a refresh first (US Letter, landscape)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable

from refresh_core import words
from refresh_core.db import Connection
from refresh_core.enums import SignId, SignStatus
from refresh_core.guidance import ATTRIBUTION, SIGN_TITLES
from refresh_core.printing.document import INK, MUTED, RULE
from refresh_core.reports.pdf import STATUS_COLOURS, Document
from refresh_core.reports.portfolio import Portfolio, PortfolioRow, Verdict, portfolio
from refresh_core.reports.portfolio_view import NONE_PLANNED

ROW_HEIGHT = 8.6
SHORT_SIGN = {
    SignId.INDUSTRY_ENGAGEMENT_WANING: "Engagement",
    SignId.SAME_CORE_GROUP: "Newcomers",
    SignId.SECTOR_CHANGED: "Sector",
    SignId.AGENDA_STALE: "Agenda",
}
FOOTER = ("The four signs and the goal of at least 20 business leaders are " + ATTRIBUTION[0].lower()
          + ATTRIBUTION[1:])
ORDER = [Verdict.REFRESH, Verdict.WATCH, Verdict.NOT_ENOUGH_DATA, Verdict.HEALTHY]


def _date(day: dt.date | dt.datetime | None) -> str:
    return "-" if day is None else f"{words.day(day)}"


def _room(row: PortfolioRow) -> str:
    if row.latest_industry is None:
        return "-"
    return f"{row.latest_industry} : {row.latest_public_partner}"


def _turnout(row: PortfolioRow) -> str:
    return "-" if row.expected_people is None else str(row.expected_people)


# (header, width in mm, text of a row)
COLUMNS: list[tuple[str, float, Callable[[PortfolioRow], str]]] = [
    ("Partnership", 50, lambda r: r.name),
    ("Verdict", 31, lambda r: r.verdict.label),
    *[(SHORT_SIGN[s], 17.5, (lambda r, s=s: r.signs[s].short)) for s in SignId],
    ("Industry, last 3", 22, lambda r: " · ".join(map(str, r.industry_last_three)) or "-"),
    ("Room", 14, _room),
    ("Next meeting", 19, lambda r: NONE_PLANNED if r.next_meeting is None else _date(r.next_meeting)),
    ("Expected", 14, _turnout),
    ("Overdue", 14, lambda r: str(r.overdue_followups)),
    ("Last import", 21, lambda r: _date(r.last_import)),
]


def _summary(found: Portfolio) -> str:
    counts = {v: sum(r.verdict == v for r in found.rows) for v in Verdict}
    overdue = sum(r.overdue_followups for r in found.rows)
    parts = ", ".join(f"{counts[v]} {v.label.lower()}" for v in ORDER)
    noun = "partnership" if len(found.rows) == 1 else "partnerships"
    late = f"; {overdue} follow-through item{'s' if overdue != 1 else ''} overdue" if overdue else ""
    return f"{len(found.rows)} {noun}: {parts}{late}."


def _header_row(doc: Document) -> None:
    x, y = doc.l_margin, doc.get_y()
    doc.font(6.2, bold=True, colour=MUTED)
    for title, width, _ in COLUMNS:
        doc.set_xy(x, y)
        doc.multi_cell(width - 0.5, 3.2, title, align="L")
        x += width
    doc.set_y(y + 7.4)
    doc.set_draw_color(*RULE)
    doc.line(doc.l_margin, doc.get_y(), doc.l_margin + doc.epw, doc.get_y())
    doc.set_y(doc.get_y() + 1)


def _line(doc: Document, row: PortfolioRow) -> None:
    x, y = doc.l_margin, doc.get_y()
    bottom = y + ROW_HEIGHT
    for i, (_, width, text) in enumerate(COLUMNS):
        doc.set_xy(x, y)
        status = row.signs[list(SignId)[i - 2]] if 2 <= i < 6 else None
        if i == 0:
            doc.write_block(x, width - 1, text(row), size=7.4, bold=True, leading=1.25, max_lines=2)
            where = " · ".join(v for v in (row.sector, row.region) if v)
            doc.write_block(x, width - 1, where or " ", size=6.4, colour=MUTED, max_lines=1)
            bottom = max(bottom, doc.get_y() + 1.6)
        elif status is not None:
            doc.font(7, bold=True, colour=STATUS_COLOURS[status])
            doc.cell(width - 1, 4, doc.clean(text(row)))
        else:
            refresh = i == 1 and row.verdict == Verdict.REFRESH
            doc.font(7, colour=STATUS_COLOURS[SignStatus.FLAG] if refresh else INK)
            doc.cell(width - 1, 4, doc.clean(text(row)))
        x += width
    doc.set_y(bottom)
    doc.set_draw_color(235, 238, 241)
    doc.line(doc.l_margin, bottom - 1.2, doc.l_margin + doc.epw, bottom - 1.2)


def _top(doc: Document, found: Portfolio, page: int) -> None:
    title = "Portfolio of partnerships" + (f" (continued, page {page})" if page > 1 else "")
    doc.write_block(doc.l_margin, doc.epw, title, size=13, bold=True)
    as_of = words.day(found.as_of, "%B %Y")
    doc.write_block(doc.l_margin, doc.epw, f"As of {as_of}. " + _summary(found), size=8, colour=MUTED)
    doc.write_block(doc.l_margin, doc.epw, "Signs: " + "; ".join(
        f"{SHORT_SIGN[s]} = {SIGN_TITLES[s].lower()}" for s in SignId) + ". Flag, Watch, OK, or No data "
        f"(not enough data to judge). Industry, last 3: industry leaders at the last three full meetings. "
        f"Room: industry leaders to public partners at the latest full meeting. "
        f"Expected: industry leaders expected at the next meeting, against a goal of {found.goal}.",
        size=6.6, colour=MUTED)
    doc.ln(2)
    _header_row(doc)


def render_portfolio(found: Portfolio, *, rows: Iterable[PortfolioRow] | None = None) -> bytes:
    """The portfolio as a PDF, refresh-recommended partnerships first, then by name."""
    chosen = sorted(rows if rows is not None else found.rows, key=lambda r: (ORDER.index(r.verdict), r.name))
    doc = Document(title="Portfolio of partnerships", landscape=True, made_on=found.as_of)
    page = 1
    _top(doc, found, page)
    bottom = doc.h - 16
    for row in chosen:
        if doc.get_y() + ROW_HEIGHT + 3 > bottom:
            doc.footer_note(FOOTER)
            doc.add_page()
            page += 1
            _top(doc, found, page)
        _line(doc, row)
    if not chosen:
        doc.write_block(doc.l_margin, doc.epw, "No partnerships yet.", size=9)
    doc.footer_note(FOOTER)
    return bytes(doc.output())


def portfolio_pdf(
    conn: Connection, *, partnership_ids: Iterable[int] | None = None,
    as_of: dt.date | None = None,
) -> bytes:
    """The portfolio PDF for these partnerships (default all) as of a date (default today)."""
    return render_portfolio(portfolio(conn, partnership_ids=partnership_ids, as_of=as_of))
