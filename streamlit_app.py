"""Entry point: page setup, the sign-in gate, the partnership selector, and role-filtered navigation."""

from __future__ import annotations

from pathlib import Path

import streamlit as st

import ui
from refresh_core.guidance import ATTRIBUTION
from ui import routes, session, signin

# The tab's icon is a file of ours: a Material icon here would be fetched from fonts.gstatic.com, which a
# machine without internet access cannot reach (its tab had no icon).
ICON = str(Path(__file__).resolve().parent / "ui" / "icon.png")
st.set_page_config(page_title="Partnership Pulse", page_icon=ICON, layout="wide")

BOTH = {ui.CONVENER, ui.VIEWER}
# (section, file, title, icon, roles that may open it). Viewers never get convener pages routed.
PAGES = [
    ("Health", "pages/health.py", "Health overview", ":material/monitor_heart:", BOTH),
    ("Health", "pages/portfolio.py", "Portfolio", ":material/dashboard:", {ui.CONVENER}),
    ("Attendance", "pages/import_data.py", "Import attendance", ":material/upload_file:", {ui.CONVENER}),
    ("Attendance", "pages/people.py", "People and organisations", ":material/groups:", {ui.CONVENER}),
    ("Attendance", "pages/meetings.py", "Meetings", ":material/calendar_month:", {ui.CONVENER}),
    ("Attendance", "pages/import_history.py", "Import history", ":material/history:", {ui.CONVENER}),
    ("Refresh meeting", "pages/recruitment.py", "Recruitment", ":material/campaign:", BOTH),
    ("Refresh meeting", "pages/agenda.py", "Refresh agenda", ":material/event_note:", {ui.CONVENER}),
    ("Refresh meeting", "pages/meeting_day.py", "Meeting day", ":material/sticky_note_2:", {ui.CONVENER}),
    ("Refresh meeting", "pages/follow_through.py", "Follow-through", ":material/alarm:", {ui.CONVENER}),
    ("The plan", "pages/plan.py", "Priorities & teams", ":material/flag:", BOTH),
    ("The plan", "pages/meeting_summary.py", "Meeting summary", ":material/summarize:", BOTH),
    ("Admin", "pages/partnerships.py", "Partnerships", ":material/domain:", {ui.CONVENER}),
    ("Admin", "pages/share_links.py", "Share links", ":material/share:", {ui.CONVENER}),
    ("Admin", "pages/settings.py", "Settings", ":material/settings:", {ui.CONVENER}),
]


def navigation() -> None:
    ui.entered()  # before the gate: pages never run without passing through this script
    problem = ui.database_problem()  # held by another program: one plain page, nothing else listed
    if problem:
        ui.unavailable(problem)
    signin.gate()  # sets the role (convener/viewer) or shows sign-in / the neutral message and stops
    role = ui.role()
    pages: dict[str, list[st.Page]] = {}
    routed: dict[str, st.Page] = {}
    closed: list[str] = []  # convener pages' addresses, for a viewer: a notice, not "Page not found"
    for i, (section, path, title, icon, roles) in enumerate(PAGES):
        if role in roles:
            routed[path.removeprefix("pages/")] = st.Page(  # the first page is served at the bare root only
                path, title=title, icon=icon, default=(i == 0), url_path="" if i == 0 else None)
            pages.setdefault(section, []).append(routed[path.removeprefix("pages/")])
        elif role == ui.VIEWER:
            closed.append(routes.address(path))
            pages.setdefault(PAGES[0][0], []).append(routes.stand_in(path))  # hidden, in a listed section
    first = routes.address(PAGES[0][1])
    stray = routes.stray(listed=[routes.address(path) for _, path, *_ in PAGES], home=first)
    if stray is not None:  # an address no page has (a typo, an old bookmark): the first page, a sentence
        pages.setdefault(PAGES[0][0], []).append(stray)
    ui.choose_partnership()
    current = st.navigation(pages, expanded=True)  # every page in view, Admin included
    deep_link = st.session_state.pop(session.DEEP_LINK, "")
    home = next(iter(routed.values()))
    routes.refuse(current=current, home=home, asked=deep_link, closed=closed)
    routes.send_home(current=current, home=home, stray_page=stray, quiet=first)
    asked = routed.get(deep_link)
    if asked is not None and asked.url_path != current.url_path:  # the page a first visit asked for
        st.switch_page(asked, query_params=st.query_params.to_dict())
    routes.notice([page.title for page in routed.values()])
    signin.sidebar()
    st.sidebar.caption("Refresh advice: " + ATTRIBUTION)
    signin.run_page(current)  # a viewer's page runs inside a READ ONLY transaction


navigation()
