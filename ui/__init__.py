"""The Streamlit side's helpers, for pages and the entry script (nothing in ``refresh_core``
imports Streamlit).

``ui`` itself is the session (:mod:`ui.session`: the connection, the role, the
current partnership, safe Markdown) and the shared table (:mod:`ui.tables`);
``ui.charts`` draws the Altair charts, ``ui.signin`` is the sign-in gate and
the viewer's read-only run, ``ui.backups`` the app's backups.
"""

from __future__ import annotations

from ui.session import (
    CONVENER,
    NO_PARTNERSHIP,
    VIEWER,
    _connection,
    choose_partnership,
    conn,
    current_partnership,
    database_problem,
    ensure_visible,
    entered,
    front_door,
    md,
    require_convener,
    require_partnership,
    role,
    service_cursor,
    unavailable,
    user_errors,
)
from ui.tables import table

__all__ = [
    "CONVENER",
    "NO_PARTNERSHIP",
    "VIEWER",
    "_connection",
    "choose_partnership",
    "conn",
    "current_partnership",
    "database_problem",
    "ensure_visible",
    "entered",
    "front_door",
    "md",
    "require_convener",
    "require_partnership",
    "role",
    "service_cursor",
    "table",
    "unavailable",
    "user_errors",
]
