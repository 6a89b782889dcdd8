"""The Streamlit side's helpers, for pages and the entry script (nothing in ``refresh_core``
imports Streamlit).

``ui`` itself is the session (:mod:`ui.session`: the connection, the role, the
current partnership, safe Markdown), the shared tables (:mod:`ui.tables`: ``table``, and
``reading`` for long text that wraps) and
the one editable table (:mod:`ui.editing`);
``ui.charts`` draws the Altair charts, ``ui.reports`` offers the PDFs (built on click),
``ui.signin`` is the sign-in gate and the viewer's read-only run, ``ui.routes`` what a
convener page's address shows to a champion or a visitor not let in, and any address no page
has, ``ui.backups`` the app's backups, ``ui.downloads`` every other download button (files
built in the script run), and
``ui.recruitment_forms``, ``ui.recruitment_add`` and ``ui.recruitment_invites`` the
Recruitment page's panels, ``ui.people_forms`` those of People and organisations,
``ui.meeting_wall`` Meeting day's sticky wall, ``ui.picker`` the current partnership and the
sidebar's picker.
"""

from __future__ import annotations

from ui.editing import editor
from ui.links import link_to
from ui.picker import (
    NO_PARTNERSHIP,
    as_of_picker,
    choose_partnership,
    current_partnership,
    ensure_visible,
    no_partnership,
    open_partnership,
    partnership_names,
    require_partnership,
    switch_partnership,
)
from ui.routes import unavailable
from ui.session import (
    CONVENER,
    VIEWER,
    _connection,
    conn,
    database_problem,
    entered,
    front_door,
    md,
    require_convener,
    role,
    service_cursor,
    session_id,
    user_errors,
)
from ui.tables import DATE_FORMAT, DATE_INPUT_FORMAT, reading, table

__all__ = [
    "CONVENER",
    "DATE_FORMAT",
    "DATE_INPUT_FORMAT",
    "NO_PARTNERSHIP",
    "VIEWER",
    "_connection",
    "as_of_picker",
    "choose_partnership",
    "conn",
    "current_partnership",
    "database_problem",
    "editor",
    "ensure_visible",
    "entered",
    "front_door",
    "link_to",
    "md",
    "no_partnership",
    "open_partnership",
    "partnership_names",
    "reading",
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
