"""The one clock: every moment is stored as naive UTC, on both stores."""

from __future__ import annotations

import datetime as dt


def utc_now() -> dt.datetime:
    """Now, as naive UTC: how every moment is stored (a column's ``DEFAULT current_timestamp`` would
    store the server's local time, which the pages cannot name)."""
    return dt.datetime.now(dt.UTC).replace(tzinfo=None)
