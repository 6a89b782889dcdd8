"""Sign-in with an identity provider works from a clean install: its libraries are required."""

from __future__ import annotations

import importlib.util
import re

from tests.conftest import ROOT


def requirement_lines() -> list[str]:
    text = (ROOT / "requirements.txt").read_text(encoding="utf-8")
    return [line.strip() for line in text.splitlines() if line.strip() and not line.startswith("#")]


def test_requirements_bring_what_st_login_needs() -> None:
    """streamlit with its [auth] extra and a pinned Authlib are runtime requirements, and are installed
    (st.login raised StreamlitMissingAuthlibError on a clean install before)."""
    lines = requirement_lines()
    assert any(re.fullmatch(r"streamlit\[auth\]==[\d.]+", line) for line in lines)
    assert any(re.fullmatch(r"(?i)authlib==[\d.]+", line) for line in lines)
    assert importlib.util.find_spec("authlib") is not None
