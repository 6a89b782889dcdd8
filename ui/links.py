"""A link to another page that also works where the page is not registered (a page run on its own)."""

from __future__ import annotations

import streamlit as st
from streamlit.errors import StreamlitAPIException


def link_to(page: str, label: str, icon: str | None = None) -> None:
    """``st.page_link`` to ``page``; when the app's navigation does not know it (a page run alone, as in
    tests), the label as plain words so the reader still knows where to go."""
    try:
        st.page_link(page, label=label, icon=icon)
    except (StreamlitAPIException, KeyError):
        st.caption(label + " (in the menu).")
