"""Webex attendee reports (UTF-16 LE, tab-separated): name, email, duration, join and leave times."""

from __future__ import annotations

from refresh_core.ingest.model import Outcome
from refresh_core.ingest.sessions import CallInfo, read_sessions
from refresh_core.ingest.sheet import Sheet
from refresh_core.ingest.signin import locate


def parse_webex(sheet: Sheet, date_order: str) -> Outcome:
    return read_sessions(locate(sheet), date_order, CallInfo(guest_suffix=True))
