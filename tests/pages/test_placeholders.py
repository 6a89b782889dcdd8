"""Pick lists say what to pick (AppTest): Streamlit's own "Choose options" is not a person's word."""

from __future__ import annotations

import pytest
from streamlit.testing.v1 import AppTest

import ui
from tests.conftest import LAKESHORE, ROOT, THREE_RIVERS
from tests.pages.conftest import Serve


@pytest.mark.parametrize(("name", "partnership"), [
    ("meeting_day.py", LAKESHORE), ("settings.py", LAKESHORE), ("follow_through.py", THREE_RIVERS),
    ("plan.py", LAKESHORE)])
def test_every_pick_list_on_the_page_says_what_to_pick(serve: Serve, name: str, partnership: str) -> None:
    """Regression: on the demo, Meeting day's "Champions who step up again" and Settings' "Partnerships they
    may open" showed Streamlit's default "Choose options"; each pick list now names what it holds."""
    serve("demo")
    at = AppTest.from_file(str(ROOT / "pages" / name), default_timeout=60)
    at.session_state["role"] = ui.CONVENER
    at.session_state["partnership"] = partnership
    at.run()
    assert not at.exception
    assert at.multiselect, f"{name} drew no pick list to check"
    assert {m.label: m.proto.placeholder for m in at.multiselect if not m.proto.placeholder} == {}
