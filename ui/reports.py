"""PDF downloads made only when clicked (the page run stays fast), on their own cursor
(:func:`ui.downloads.download_later`; a viewer's is read-only and scoped to their partnership)."""

from __future__ import annotations

import datetime as dt
import re

import streamlit as st

from refresh_core.partnerships import Partnership
from refresh_core.reports.portfolio_pdf import portfolio_pdf
from refresh_core.reports.report_pdf import partnership_pdf
from ui.downloads import download_later


def file_name(text: str, day: dt.date) -> str:
    """A safe file name from a partnership's name and a date."""
    slug = re.sub(r"[^A-Za-z0-9]+", "-", text).strip("-").lower() or "partnership"
    return f"{slug[:60]}-{day:%Y-%m-%d}.pdf"


def report_button(partnership: Partnership, *, as_of: dt.date) -> None:
    """The one-page PDF report on this partnership (no contact details in it)."""
    download_later(
        st.container(),
        "Download the one-page report (PDF)",
        lambda c: partnership_pdf(c, partnership=partnership, as_of=as_of),
        file_name=file_name(partnership.name, as_of),
        mime="application/pdf",
        icon=":material/picture_as_pdf:",
        help="One page for a board or funders: the verdict, the four signs, the room, newcomers, "
        "priorities with their champions and what comes next. No contact details.",
    )


def portfolio_button(partnership_ids: list[int], *, as_of: dt.date) -> None:
    """The portfolio as PDF, one line per partnership shown."""
    download_later(
        st.container(),
        "Download the portfolio (PDF)",
        lambda c: portfolio_pdf(c, partnership_ids=partnership_ids, as_of=as_of),
        file_name=f"portfolio-{as_of:%Y-%m-%d}.pdf",
        mime="application/pdf",
        icon=":material/picture_as_pdf:",
    )
