"""Every date the convener picks reads one way: each ``date_input`` in the app passes the one format
kept in ``ui`` (``ui.DATE_INPUT_FORMAT``, year first), never Streamlit's default YYYY/MM/DD nor a
format of its own. The walk-through found three: 2026/12/24 on Recruitment, 12/24/2026 on Meetings
(its partnership's file date order) and 2026-12-24 on the meeting planner."""

from __future__ import annotations

import ast
from pathlib import Path

from streamlit.testing.v1 import AppTest

from tests.conftest import ROOT
from ui import DATE_INPUT_FORMAT


def _sources() -> list[Path]:
    return sorted([*ROOT.glob("pages/*.py"), *ROOT.glob("ui/*.py"), ROOT / "streamlit_app.py"])


def _unformatted(path: Path) -> list[int]:
    """The lines of ``path`` where a date_input (st., st.sidebar., a column's) is called without
    format=DATE_INPUT_FORMAT (as ``ui.DATE_INPUT_FORMAT`` or imported by name)."""
    lines = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if not (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute)
                and node.func.attr == "date_input"):
            continue
        given = next((k.value for k in node.keywords if k.arg == "format"), None)
        named = given.attr if isinstance(given, ast.Attribute) else getattr(given, "id", None)
        if named != "DATE_INPUT_FORMAT":
            lines.append(node.lineno)
    return lines


def test_every_date_input_uses_the_one_format() -> None:
    """A page that adds a date_input without the shared format, or with one of its own, fails here
    with the file and line."""
    missing = {f"{p.relative_to(ROOT)}:{line}" for p in _sources() for line in _unformatted(p)}
    assert missing == set()


def test_the_guard_sees_the_calls_it_must_see(tmp_path: Path) -> None:
    """The guard finds a bare st.date_input, a sidebar's, a column's and one with a format of its own,
    and passes the shared format however it is imported."""
    page = tmp_path / "page.py"
    page.write_text(
        "import streamlit as st\nimport ui\nfrom ui.tables import DATE_INPUT_FORMAT\n"
        "st.date_input('A')\n"
        "st.sidebar.date_input('B', format='DD/MM/YYYY')\n"
        "left, right = st.columns(2)\nright.date_input('C', key='c')\n"
        "st.date_input('D', format=ui.DATE_INPUT_FORMAT)\n"
        "left.date_input('E', format=DATE_INPUT_FORMAT)\n", encoding="utf-8")
    assert _unformatted(page) == [4, 5, 7]


def test_the_format_is_year_first_and_one_streamlit_draws() -> None:
    """Year, month, day with dashes (unambiguous in the US and elsewhere), and a format Streamlit's
    date picker accepts: a page using it runs, and the picker is told to write 2026-12-24."""
    assert DATE_INPUT_FORMAT == "YYYY-MM-DD"
    at = AppTest.from_string(
        f"import datetime as dt\nimport streamlit as st\n"
        f"st.date_input('On', value=dt.date(2026, 12, 24), format={DATE_INPUT_FORMAT!r})\n").run()
    assert not at.exception and at.date_input[0].proto.format == "YYYY-MM-DD"
