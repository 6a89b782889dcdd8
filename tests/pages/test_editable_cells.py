"""Editable tables leave empty cells blank (Streamlit's own default draws a grey "None")."""

from __future__ import annotations

import ast
import json

import pytest
from streamlit.testing.v1 import AppTest

from tests.conftest import LAKESHORE, ROOT, THREE_RIVERS
from tests.pages.conftest import Serve


@pytest.fixture
def app_db(serve: Serve) -> str:
    """The app pointed at a private copy of the demo (both refresh stories told), on either store."""
    return serve("demo")


def page(name: str, partnership: str) -> AppTest:
    at = AppTest.from_file(str(ROOT / "pages" / f"{name}.py"), default_timeout=60)
    at.session_state["partnership"] = partnership
    return at.run()


@pytest.mark.parametrize(("name", "partnership", "key", "column"), [
    ("recruitment", LAKESHORE, "prospects_", "asker"),  # a prospect nobody has been given to ask yet
    ("follow_through", THREE_RIVERS, "clock", "done"),  # an item not done yet
])
def test_empty_editable_cells_show_blank_not_none(
    app_db: str, name: str, partnership: str, key: str, column: str
) -> None:
    """The demo's tables with an empty cell (an asker not chosen, a follow-up not done) ask Streamlit
    to draw empty cells blank, and the page still hands the core the empty value itself."""
    at = page(name, partnership)
    assert not at.exception
    editors = list(at.data_editor)
    assert editors, f"no editable table on {name}"
    for editor in editors:
        assert editor.proto.HasField("placeholder") and editor.proto.placeholder == "", editor.key
    table = next(e for e in editors if str(e.key).startswith(key))
    assert table.value[column].isna().any()  # the empty cell is there, drawn blank


def test_every_editable_table_goes_through_ui_editor() -> None:
    """Only ``ui/editing.py`` calls ``st.data_editor``: a page calling it directly would bring the
    grey "None" back."""
    offenders = []
    for path in sorted([*ROOT.glob("pages/*.py"), *ROOT.glob("ui/*.py"), ROOT / "streamlit_app.py"]):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Attribute) and node.attr == "data_editor":
                offenders.append(f"{path.relative_to(ROOT)}:{node.lineno}")
    assert [o.split(":")[0] for o in offenders] == ["ui/editing.py"], offenders


def test_the_follow_through_clock_fits_a_laptop_with_each_item_readable(app_db: str) -> None:
    """Regression (walk-throughs at 1400 px, then at 1280 px): the clock's columns ran past the table's
    right edge, so a convener never saw "Closed by" and "From meeting" without scrolling sideways, and
    its Item column cut "One-on-one with new champion 001_Magus" to "One-on-one with new champion", two
    rows no one could tell apart. A 1280 px window with the sidebar open leaves the table 818 px
    (measured in Chromium); the columns fit it with room for a scrollbar, every one labelled in words,
    and the item gets the widest column. The meeting the items come from heads the table instead of
    filling a column with the same words on every row."""
    at = page("follow_through", THREE_RIVERS)
    assert not at.exception
    clock = next(e for e in at.data_editor if str(e.key).startswith("clock"))
    config = json.loads(clock.proto.columns)
    shown = list(clock.proto.column_order)
    assert {"status", "item", "owner", "due", "done", "closed_by"} == set(shown), shown
    widths = {name: config[name].get("width") for name in shown}
    assert all(isinstance(w, int) for w in widths.values()), widths
    assert sum(widths.values()) <= 818 - 16, widths
    assert widths["item"] == max(widths.values()), widths  # (long items wrap: see the test below)
    labels = {name: config[name].get("label") for name in shown}
    assert all(label and "_" not in label and label[0].isupper() for label in labels.values()), labels
    heads = [m.value for m in at.markdown if m.value.startswith("**Items from ")]
    assert len(heads) == 1 and heads[0].endswith(" · Partnership refresh meeting, Fall 2026**"), heads


CHARACTER = 7.5  # px: about what a character takes in the app's 14 px font (Source Sans)
PADDING = 17  # px: a grid cell's padding, both sides


def test_the_follow_through_clock_wraps_owners_and_what_closed_an_item(app_db: str) -> None:
    """Regression (browser walk, 1 Dec 2026, defect 8): at 1400 and 1280 px the clock cut off owners
    ("Renee Osei (Three Rivers Work…", "Convener with Ethan Haddad, Ines Ko…") and what closed an item
    ("Survey results recorde…"). Its rows are now three lines tall, so the grid wraps long text (it wraps
    only in rows taller than 4rem, 64 px), and the demo's longest item, owner and "Closed by" fit their
    column in under three lines (the table is made as tall as its rows: seen in screenshots)."""
    at = page("follow_through", THREE_RIVERS)
    assert not at.exception
    clock = next(e for e in at.data_editor if str(e.key).startswith("clock"))
    rows = clock.value
    assert clock.proto.row_height > 64
    config = json.loads(clock.proto.columns)
    for name in ("item", "owner", "closed_by"):
        longest = max(len(str(v)) for v in rows[name].dropna())
        room = 2.5 * (config[name]["width"] - PADDING)  # (half a line spare for where words break)
        assert longest * CHARACTER <= room, (name, longest, config[name]["width"])
    assert "Convener with Ethan Haddad, Ines Kowalski, Linda Castillo" in set(rows["owner"])
