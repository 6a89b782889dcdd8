"""Reports across and about partnerships: the portfolio and the one-page PDF report.

Owns the portfolio rows (every partnership's verdict, the four signs, industry
attendance, the room ratio, the next meeting and its expected industry turnout,
overdue follow-through, the last import), computed in a few set-based queries
for all partnerships together and judged by the same thresholds as
``health.diagnosis``; the Altair chart specifications the pages and the PDF
share (``charts``); and the PDFs themselves: one page per partnership for a
board or funder, and one line per partnership for a state office.
"""
