"""The one-page report on a partnership, for its board or funders, as PDF.

One US Letter page: the verdict, the four signs with their evidence, the room
chart and the newcomers chart (the Health overview's own Altair specs), active
priorities with their champions, the last meeting, recent accomplishments and
what comes next. Lists are cut to fit the page, by whole items (a sign's evidence ends with how many
more the Health overview shows); the page never overflows.
"""

from __future__ import annotations

import datetime as dt

from refresh_core import words
from refresh_core.db import Connection
from refresh_core.enums import SignStatus
from refresh_core.guidance import ATTRIBUTION, evidence_rows
from refresh_core.health.diagnosis import Sign
from refresh_core.partnerships import Partnership
from refresh_core.printing.document import MUTED
from refresh_core.recruitment.goal import GOAL
from refresh_core.reports import charts
from refresh_core.reports.content import PartnershipReport, partnership_report
from refresh_core.reports.pdf import STATUS_COLOURS, Document, chart_png
from refresh_core.reports.portfolio import Verdict

GAP = 6.0
MAX_PRIORITIES = 6
EVIDENCE_SIZE = 6.9  # points
EVIDENCE_LINES = 4  # a sign's evidence takes at most this many lines
TAKEAWAY_LINES = 3  # a chart's takeaway: the longest ones (a room with unclassified people) take three
#: Evidence shown before the rest of a sign's (in the sign's order) when not all of it fits: industry
#: engagement's room at the latest meeting and its trend, rather than the trend's window.
FIRST_EVIDENCE = ("latest_meeting", "latest_industry", "latest_public_partner", "recent_mean", "prior_mean",
                  "change_pct", "teams_without_industry")
_RANK = {key: n for n, key in enumerate(FIRST_EVIDENCE)}
_TINTS = {Verdict.REFRESH: SignStatus.FLAG, Verdict.WATCH: SignStatus.WATCH,
          Verdict.HEALTHY: SignStatus.OK, Verdict.NOT_ENOUGH_DATA: SignStatus.UNKNOWN}


def _header(doc: Document, report: PartnershipReport) -> None:
    width = doc.epw
    p = report.partnership
    doc.set_y(doc.t_margin)
    doc.write_block(doc.l_margin, width, p.name, size=15, bold=True, leading=1.2, max_lines=2)
    where = " · ".join(x for x in (p.sector, p.region) if x)
    doc.write_block(doc.l_margin, width, (where + " · " if where else "")
                    + f"One-page report as of {words.day(report.as_of, '%B %Y')}", size=8.5, colour=MUTED)
    doc.ln(2)
    top = doc.get_y()
    doc.font(10, bold=True)
    verdict = report.overview.diagnosis.verdict
    height = 4 + doc.lines_for(width - 6, verdict) * doc.line_height(10)
    colour = STATUS_COLOURS[_TINTS[report.row.verdict]]
    doc.set_fill_color(*(int(c + (255 - c) * 0.88) for c in colour))
    doc.rect(doc.l_margin, top, width, height, style="F")
    doc.set_fill_color(*colour)
    doc.rect(doc.l_margin, top, 1.6, height, style="F")
    doc.set_y(top + 2)
    doc.write_block(doc.l_margin + 4, width - 6, verdict, size=10, bold=True)
    doc.set_y(top + height + 3)


def _evidence(doc: Document, items: list[str], *, width: float) -> str:
    """As many evidence items as fit in ``EVIDENCE_LINES`` lines, in the order given, each one whole
    (never cut mid-phrase), then how many more the Health overview shows; "" when there is none."""
    doc.font(EVIDENCE_SIZE)
    for count in range(len(items), 0, -1):
        hidden = len(items) - count
        more = f"; and {hidden} more on the Health overview" if hidden else ""
        text = "Evidence: " + "; ".join(items[:count]) + more + "."
        if count == 1 or doc.lines_for(width, text) <= EVIDENCE_LINES:
            return text
    return ""


def _sign_cell(doc: Document, sign: Sign, x: float, y: float, width: float) -> float:
    """One sign: badge, title, summary and evidence from (x, y); returns the bottom."""
    used = doc.badge(x + 2.5, y, sign.status)
    doc.set_y(y - 0.3)
    doc.write_block(x + 2.5 + used + 2, width - used - 5, sign.title, size=9, bold=True, max_lines=1)
    doc.set_y(y + 5.2)
    doc.write_block(x + 2.5, width - 3, sign.summary, size=8.3, max_lines=4)
    ranked = sorted(dict(sign.evidence).items(), key=lambda kv: _RANK.get(kv[0], len(_RANK)))  # stable
    shown = _evidence(doc, [f"{label}: {value}" for label, value in evidence_rows(dict(ranked))],
                      width=width - 3)
    if shown:
        doc.ln(0.6)
        doc.write_block(x + 2.5, width - 3, shown, size=EVIDENCE_SIZE, colour=MUTED)
    bottom = doc.get_y()
    doc.set_draw_color(*STATUS_COLOURS[sign.status])
    doc.set_line_width(0.6)
    doc.line(x, y, x, bottom)
    return bottom


def _signs(doc: Document, report: PartnershipReport) -> None:
    doc.heading(doc.l_margin, doc.epw, "The four signs that a partnership needs a refresh")
    col = (doc.epw - GAP) / 2
    y = doc.get_y()
    signs = report.overview.diagnosis.signs
    for row in range(0, len(signs), 2):
        bottoms = [_sign_cell(doc, sign, doc.l_margin + i * (col + GAP), y, col)
                   for i, sign in enumerate(signs[row : row + 2])]
        y = max(bottoms) + 2.5
    doc.set_y(y + 1.5)


def _charts(doc: Document, report: PartnershipReport) -> None:
    view = report.overview
    col = (doc.epw - GAP) / 2
    top = doc.get_y()
    panels = [
        ("Industry leaders and public partners", view.balance_takeaway,
         charts.balance_chart(view.balance) if not view.balance.empty else None),
        ("New and returning industry leaders", view.newcomers_takeaway,
         charts.newcomers_chart(view.newcomers) if not view.newcomers.empty else None),
    ]
    doc.font(7.5)  # the takeaways' size: both charts start below the longer one, which is shown whole
    said = min(TAKEAWAY_LINES, max(doc.lines_for(col, takeaway) for _, takeaway, _ in panels))
    bottom = top
    for i, (title, takeaway, chart) in enumerate(panels):
        x = doc.l_margin + i * (col + GAP)
        doc.set_y(top)
        doc.heading(x, col, title, size=9.5)
        under = doc.get_y() + said * doc.line_height(7.5)
        doc.write_block(x, col, takeaway, size=7.5, colour=MUTED, max_lines=TAKEAWAY_LINES)
        doc.set_y(under)
        if chart is not None:
            png = chart_png(chart, width=330, height=130)
            height = doc.image_png(png, x, doc.get_y() + 1, col)
            doc.set_y(doc.get_y() + 1 + height)
        bottom = max(bottom, doc.get_y())
    doc.set_y(bottom + 3)


def _priorities(doc: Document, report: PartnershipReport, x: float, width: float) -> None:
    doc.heading(x, width, "Active priorities and their champions", size=9.5)
    if not report.priorities:
        doc.write_block(x, width, "No active priority: priorities are set, with champions, at a refresh "
                        "or quarterly meeting.", size=8)
    for line in report.priorities[:MAX_PRIORITIES]:
        who = f"championed by {line.champions}" if line.champions else "no industry champion yet"
        team = f" ({line.teams} team)" if line.teams and line.teams.lower() != line.title.lower() else ""
        doc.write_block(x, width, f"{line.title}{team}", size=8, bold=True, max_lines=2)
        doc.write_block(x + 3, width - 3, who, size=7.5, colour=MUTED, max_lines=2)
        doc.ln(0.8)
    hidden = len(report.priorities) - MAX_PRIORITIES
    if hidden > 0:
        more = words.count(hidden, "more priority", "more priorities")
        doc.write_block(x, width, f"and {more}.", size=7.5)
    wins = report.accomplishments
    doc.ln(2)
    doc.heading(x, width, "Recent accomplishments", size=9.5)
    if not wins:
        doc.write_block(x, width, "None recorded yet.", size=8)
    for day, team, text in wins:
        doc.write_block(x, width, f"{day:%B %Y}{' · ' + team if team else ''}: {text}", size=8, max_lines=2)
        doc.ln(0.6)


def _meeting_lines(report: PartnershipReport) -> list[str]:
    last = report.last_meeting
    if last is None:
        return ["No full-partnership meeting with attendance recorded yet."]
    bands = [words.count(last.industry, "industry leader"),
             words.count(last.public_partner, "public partner")]
    if last.unclassified:  # their own band, so the room adds up
        bands.append(f"{last.unclassified} not classified yet")
    room = ", ".join(bands[:-1]) + " and " + bands[-1]
    lines = [f"{words.day(last.date, '%B %Y')}, {last.title}: {room}"
             f"; {last.new_industry} came for the first time."]
    if last.new_priorities:
        lines.append("New priorities set there: " + ", ".join(last.new_priorities) + ".")
    return lines


def _next_lines(report: PartnershipReport) -> list[str]:
    row = report.row
    if row.next_meeting is not None:
        confirmed, expected = row.industry_confirmed or 0, row.expected_people or 0
        lines = [f"{words.day(row.next_meeting, '%B %Y')}: {row.next_meeting_title}. "
                 f"{confirmed} of the {GOAL} industry leaders the guide recommends have confirmed; "
                 f"about {expected} expected in the room."]
    else:
        advice = f" Plan a refresh meeting: the guide's goal is at least {GOAL} business leaders in the room."
        lines = ["No full-partnership meeting is planned yet." + (advice if row.refresh_recommended else "")]
    for due, item, late in report.open_items:
        lines.append(f"{'Overdue since' if late else 'Due'} {words.day(due)}: {item}.")
    extra = row.overdue_followups - sum(late for _, _, late in report.open_items)
    if extra > 0:
        more = words.count(extra, "more follow-through item is", "more follow-through items are")
        lines.append(f"{more} overdue.")
    return lines


def _story(doc: Document, report: PartnershipReport, x: float, width: float) -> None:
    for title, lines in (("The last full-partnership meeting", _meeting_lines(report)),
                         ("What comes next", _next_lines(report))):
        doc.heading(x, width, title, size=9.5)
        for line in lines:
            doc.write_block(x, width, line, size=8, max_lines=3)
            doc.ln(0.6)
        doc.ln(2)


def render_report(report: PartnershipReport) -> bytes:
    """The report as a one-page PDF."""
    doc = Document(title=f"{report.partnership.name}: one-page report", made_on=report.as_of)
    _header(doc, report)
    _signs(doc, report)
    _charts(doc, report)
    col = (doc.epw - GAP) / 2
    top = doc.get_y()
    _priorities(doc, report, doc.l_margin, col)
    doc.set_y(top)
    _story(doc, report, doc.l_margin + col + GAP, col)
    doc.footer_note(
        "The four signs and the goal of at least 20 business leaders are " + ATTRIBUTION[0].lower()
        + ATTRIBUTION[1:] + " Judged from the partnership's own records by Partnership Pulse; "
        "no contact details are included."
    )
    return bytes(doc.output())


def partnership_pdf(
    conn: Connection, *, partnership: Partnership, as_of: dt.date | None = None
) -> bytes:
    """The one-page PDF report on ``partnership`` as of a date (default today)."""
    return render_report(partnership_report(conn, partnership=partnership, as_of=as_of))
