"""The Streamlit side's helpers, for pages and the entry script (nothing in ``refresh_core``
imports Streamlit).

``ui`` itself is the session (:mod:`ui.session`: the connection, the role, the
current partnership, safe Markdown) and the shared table (:mod:`ui.tables`);
``ui.charts`` draws the Altair charts, ``ui.reports`` offers the PDFs (built on click),
``ui.signin`` is the sign-in gate and the viewer's read-only run, ``ui.backups`` the app's
backups, ``ui.downloads`` every other download button (files built in the script run), and
``ui.recruitment_forms``, ``ui.recruitment_add`` and ``ui.recruitment_invites`` the
Recruitment page's panels, ``ui.people_forms`` those of People and organisations.
"""

from __future__ import annotations

from ui.links import link_to
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
    open_partnership,
    partnership_names,
    require_convener,
    require_partnership,
    role,
    service_cursor,
    session_id,
    switch_partnership,
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
    "link_to",
    "md",
    "open_partnership",
    "partnership_names",
    "require_convener",
    "require_partnership",
    "role",
    "service_cursor",
    "session_id",
    "switch_partnership",
    "table",
    "unavailable",
    "user_errors",
]
