"""A new convener's first steps (AppTest): with no partnership yet, every page says where one is made and
links there; the whole app runs, so the link is the real navigation's."""

from __future__ import annotations

from typing import Any

import pytest
from streamlit.testing.v1 import AppTest

from tests.conftest import ROOT
from tests.pages.conftest import Serve


def links(at: AppTest) -> list[tuple[str, str]]:
    """Every page link drawn in the main area: (label, page address)."""
    found: list[Any] = [e for e in at.main if getattr(e, "type", "") == "page_link"]
    return [(e.proto.label, e.proto.page) for e in found]


@pytest.mark.parametrize(("asked", "title"), [
    (None, "Health overview"), ("recruitment.py", "Recruitment"), ("import_history.py", "Import history"),
    ("portfolio.py", "Portfolio")])
def test_with_no_partnership_each_page_links_to_where_one_is_created(
        serve: Serve, monkeypatch: pytest.MonkeyPatch, asked: str | None, title: str) -> None:
    """A convener's first visit to an empty installation: the Health overview (and the other pages) said
    "Create one on the Partnerships page (under Admin)" with nothing to click; now a link under the
    sentence opens the Partnerships page."""
    serve("empty")
    monkeypatch.setenv("REFRESH_CONVENER_PASSWORD_HASH", "set")  # password mode, signed in
    at = AppTest.from_file(str(ROOT / "streamlit_app.py"), default_timeout=60)
    at.session_state["_password_ok"] = True
    if asked:
        at.session_state["_deep_link"] = asked
    at.run()
    assert not at.exception
    assert at.title[0].value == title
    assert any("No partnership yet" in str(i.value) for i in at.info)
    assert [label for label, page in links(at) if page.endswith("partnerships")] == ["Create a partnership"]

