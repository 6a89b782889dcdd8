"""Entry point: page setup, the sign-in gate, the partnership selector, and role-filtered navigation."""

from __future__ import annotations

import streamlit as st

import auth
import ui
from refresh_core.guidance import ATTRIBUTION

st.set_page_config(page_title="Partnership Pulse", page_icon=":material/explore:", layout="wide")

# (file, title, icon, roles that may open it). Viewers never get convener pages routed.
PAGES = [
    ("pages/health.py", "Health overview", ":material/monitor_heart:", {ui.CONVENER, ui.VIEWER}),
    ("pages/import_data.py", "Import attendance", ":material/upload_file:", {ui.CONVENER}),
    ("pages/people.py", "People and organisations", ":material/groups:", {ui.CONVENER}),
    ("pages/import_history.py", "Import history", ":material/history:", {ui.CONVENER}),
    ("pages/recruitment.py", "Recruitment", ":material/campaign:", {ui.CONVENER, ui.VIEWER}),
    ("pages/agenda.py", "Refresh agenda", ":material/event_note:", {ui.CONVENER}),
    ("pages/meeting_day.py", "Meeting day", ":material/sticky_note_2:", {ui.CONVENER}),
    ("pages/follow_through.py", "Follow-through", ":material/alarm:", {ui.CONVENER}),
    ("pages/plan.py", "Priorities & teams", ":material/flag:", {ui.CONVENER, ui.VIEWER}),
    ("pages/meeting_summary.py", "Meeting summary", ":material/summarize:", {ui.CONVENER, ui.VIEWER}),
    ("pages/share_links.py", "Share links", ":material/share:", {ui.CONVENER}),
    ("pages/settings.py", "Settings", ":material/settings:", {ui.CONVENER}),
]


def navigation() -> None:
    ui.entered()  # before the gate: pages never run without passing through this script
    auth.gate()  # sets the role (convener/viewer) or shows sign-in / the neutral message and stops
    role = ui.role()
    pages = [
        st.Page(path, title=title, icon=icon, default=(i == 0))
        for i, (path, title, icon, roles) in enumerate(PAGES)
        if role in roles
    ]
    st.sidebar.title("Partnership Pulse")
    ui.choose_partnership()
    current = st.navigation(pages)
    auth.sidebar()
    st.sidebar.caption("Refresh advice: " + ATTRIBUTION)
    auth.run_page(current)  # a viewer's page runs inside a READ ONLY transaction


navigation()
