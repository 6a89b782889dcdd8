"""Import page (AppTest): it says which partnership the files go into, and the convener can pick
another or create one right there."""

from __future__ import annotations

import pytest
from streamlit.testing.v1 import AppTest

import ui
from tests.conftest import LAKESHORE, ROOT, THREE_RIVERS
from tests.pages.conftest import Serve


@pytest.fixture
def app_db(serve: Serve) -> str:
    copy = serve("demo")
    return copy


def page() -> AppTest:
    at = AppTest.from_file(str(ROOT / "pages" / "import_data.py"), default_timeout=30)
    at.session_state["role"] = ui.CONVENER
    at.session_state["partnership"] = LAKESHORE
    return at.run()


def test_the_page_names_the_partnership_it_imports_into(app_db: str) -> None:
    """'Import into' shows the current partnership, and the other ones and a new one can be picked."""
    at = page()
    picker = at.selectbox[0]
    assert picker.label == "Import into" and picker.value == LAKESHORE
    assert picker.options == [LAKESHORE, THREE_RIVERS, "New partnership..."]
    assert "Add attendance to Lakeshore" in at.markdown[0].value


def test_picking_another_partnership_switches_to_it(app_db: str) -> None:
    """Choosing Three Rivers makes it the current partnership (the sidebar follows)."""
    at = page()
    at.selectbox[0].set_value(THREE_RIVERS).run()
    assert not at.exception
    assert at.session_state["partnership"] == THREE_RIVERS
    assert at.selectbox[0].value == THREE_RIVERS
    assert "Add attendance to Three Rivers" in at.markdown[0].value


def test_a_new_partnership_is_created_on_the_import_page(app_db: str) -> None:
    """'New partnership...' shows a small form; creating one makes it the import's target."""
    at = page()
    at.selectbox[0].set_value("").run()
    assert not any("Add attendance to" in m.value for m in at.markdown)  # no upload before a target
    at.text_input[0].input("Tri-County Healthcare")
    at.text_input[1].input("Healthcare")
    next(b for b in at.button if b.label == "Create partnership").click().run()
    assert not at.exception
    assert at.session_state["partnership"] == "Tri-County Healthcare"
    assert at.selectbox[0].value == "Tri-County Healthcare"
    assert "Add attendance to Tri\\-County Healthcare" in at.markdown[0].value
