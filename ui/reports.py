"""PDF downloads made only when clicked (the page run stays fast), on their own cursor.

Streamlit calls the builder on another thread when the button is pressed. It
gets a fresh cursor on the shared connection; a viewer's is marked as theirs
and read-only, exactly as their page run is (``refresh_core.guard``).
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from contextlib import ExitStack

import duckdb
import streamlit as st

from refresh_core import guard
from refresh_core.partnerships import Partnership
from refresh_core.reports.portfolio_pdf import portfolio_pdf
from refresh_core.reports.report_pdf import partnership_pdf
from ui import session

Builder = Callable[[duckdb.DuckDBPyConnection], bytes]


def _deferred(build: Builder) -> Callable[[], bytes]:
    shared = session._connection()
    viewer_pid = (int(st.session_state["viewer_partnership_id"])
                  if session.role() == session.VIEWER else None)

    def run() -> bytes:
        cursor = shared.cursor()
        try:
            with ExitStack() as stack:
                if viewer_pid is not None:
                    stack.enter_context(guard.viewer_session(cursor, partnership_id=viewer_pid))
                return build(cursor)
        finally:
            cursor.close()

    return run


def file_name(text: str, day: dt.date) -> str:
    """A safe file name from a partnership's name and a date."""
    slug = re.sub(r"[^A-Za-z0-9]+", "-", text).strip("-").lower() or "partnership"
    return f"{slug[:60]}-{day:%Y-%m-%d}.pdf"


def report_button(partnership: Partnership, *, as_of: dt.date) -> None:
    """The one-page PDF report on this partnership (no contact details in it)."""
    st.download_button(
        "Download the one-page report (PDF)",
        data=_deferred(lambda c: partnership_pdf(c, partnership=partnership, as_of=as_of)),
        file_name=file_name(partnership.name, as_of),
        mime="application/pdf",
        icon=":material/picture_as_pdf:",
        on_click="ignore",
        help="One page for a board or funders: the verdict, the four signs, the room, newcomers, "
        "priorities with their champions and what comes next. No contact details.",
    )


def portfolio_button(partnership_ids: list[int], *, as_of: dt.date) -> None:
    """The portfolio as PDF, one line per partnership shown."""
    st.download_button(
        "Download the portfolio (PDF)",
        data=_deferred(lambda c: portfolio_pdf(c, partnership_ids=partnership_ids, as_of=as_of)),
        file_name=f"portfolio-{as_of:%Y-%m-%d}.pdf",
        mime="application/pdf",
        icon=":material/picture_as_pdf:",
        on_click="ignore",
    )
