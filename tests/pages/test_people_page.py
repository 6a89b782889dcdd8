"""People and organisations (AppTest): who works where, and the possible duplicates handled in bulk."""

from __future__ import annotations

from typing import Any

import pytest
from streamlit.testing.v1 import AppTest

import ui
from refresh_core.db import connect
from refresh_core.partnerships import get_partnership
from refresh_core.people.classification import set_kind
from tests.conftest import LAKESHORE, ROOT
from tests.importing import load, sheet
from tests.pages.conftest import Serve


@pytest.fixture
def app_db(serve: Serve) -> str:
    """The demo plus, in Lakeshore, a guest who came without email or company and three close Smiths."""
    copy = serve("demo")
    conn = connect(copy)
    load(conn, sheet([("Zed Guest", "", "", "3/12/2026", "Spring Quarterly Meeting")]), "guest.csv",
         partnership=LAKESHORE)
    load(conn, sheet([("John Smith", "john@acme.com", "Acme", "3/12/2026", "Spring Quarterly Meeting")]),
         "one.csv", partnership=LAKESHORE)
    load(conn, sheet([("Jon Smith", "jon@acme.com", "Acme", "4/12/2026", "Q"),
                      ("Johh Smith", "johh@acme.com", "Acme", "4/12/2026", "Q")]), "two.csv",
         partnership=LAKESHORE)
    conn.close()
    return copy


def page() -> AppTest:
    at = AppTest.from_file(str(ROOT / "pages" / "people.py"), default_timeout=30)
    at.session_state["role"] = ui.CONVENER
    at.session_state["partnership"] = LAKESHORE
    return at.run()


def guest_id(path: str) -> int:
    conn = connect(path)
    try:
        row = conn.execute("SELECT id FROM person WHERE full_name = 'Zed Guest'").fetchone()
        assert row is not None
        return int(row[0])
    finally:
        conn.close()


def person_picker(at: AppTest) -> Any:
    return next(s for s in at.selectbox if s.label == "Person")


def unplaced(at: AppTest) -> str:
    """The 'N people have no organisation' line ('' when nobody is without one)."""
    return next((e.label for e in at.expander if "no organisation" in e.label), "")


def test_assign_the_guest_to_an_existing_organisation(app_db: str) -> None:
    """The person picker starts with people who have no organisation; picking an organisation and Save
    places them: the sentence says so and the 'no organisation' count drops by one."""
    at = page()
    assert not at.exception
    before = unplaced(at)
    assert before
    guest = guest_id(app_db)
    person = person_picker(at)
    assert person.options[0] == "Zed Guest · no organisation"
    person.set_value(guest).run()
    org = at.selectbox(key=f"assign_org_{guest}")
    assert org.options[:2] == ["No organisation", "A new organisation…"]
    assert org.index == 0  # where they are now
    org.select_index(next(i for i, o in enumerate(org.options) if o.startswith("Harbor Precision"))).run()
    at.button(key="assign_save").click().run()
    assert not at.exception
    assert any("Zed Guest is now at Harbor Precision" in s.value.replace("\\", "") for s in at.success)
    count = int(before.split()[0])
    after = unplaced(at)
    assert (after.split()[0] if after else "0") == str(count - 1)


def test_assign_to_a_new_organisation_typed_in(app_db: str) -> None:
    """'A new organisation…' asks for its name; saving adds it and says to check its kind."""
    at = page()
    guest = guest_id(app_db)
    person_picker(at).set_value(guest).run()
    at.selectbox(key=f"assign_org_{guest}").set_value(-2).run()
    at.text_input(key="assign_new").input("Zed Fabrication").run()
    at.button(key="assign_save").click().run()
    assert not at.exception
    said = " ".join(s.value.replace("\\", "") for s in at.success)
    assert "Zed Guest is now at Zed Fabrication (added as a new organisation" in said


def test_a_blank_new_name_is_refused_in_words(app_db: str) -> None:
    """Saving 'A new organisation…' with no name shows what to do, and nothing changes."""
    at = page()
    guest = guest_id(app_db)
    before = unplaced(at)
    person_picker(at).set_value(guest).run()
    at.selectbox(key=f"assign_org_{guest}").set_value(-2).run()
    at.button(key="assign_save").click().run()
    assert not at.exception
    assert any("Type the organisation's name" in e.value for e in at.error)
    assert unplaced(at) == before


def test_bulk_merge_of_the_pairs_selected(app_db: str) -> None:
    """Select all, then 'merge': every pair shown is merged at once (the third Smith pair is settled by
    the first two merges), the queue is empty and the sentence says so."""
    at = page()
    assert any(t.label == "Possible duplicates (3)" for t in at.tabs)
    assert at.button(key="merge_picked").disabled
    at.checkbox(key="pick_all").check().run()
    button = at.button(key="merge_picked")
    assert button.label == "Same person: merge 3 selected pairs" and not button.disabled
    button.click().run()
    assert not at.exception
    assert any(t.label == "Possible duplicates (0)" for t in at.tabs)
    said = "Merged 2 pairs (1 more settled by those merges). Undo any of them under Recent merges."
    assert any(said in s.value.replace("\\", "") for s in at.success)


def test_bulk_different_people_for_one_ticked_pair(app_db: str) -> None:
    """Ticking one pair and 'Different people' dismisses just that one."""
    at = page()
    first = next(c for c in at.checkbox if c.key and c.key.startswith("pick_") and c.key != "pick_all")
    first.check().run()
    button = at.button(key="dismiss_picked")
    assert button.label == "Different people: 1 selected pair"
    button.click().run()
    assert not at.exception
    assert any(t.label == "Possible duplicates (2)" for t in at.tabs)
    assert any("1 pair marked as different people." in s.value.replace("\\", "") for s in at.success)


def meridian_classified(path: str) -> None:
    """Lakeshore's one unclassified demo organisation, Meridian Solutions, set to industry."""
    conn = connect(path)
    pid = get_partnership(conn, name=LAKESHORE).id
    row = conn.execute("SELECT id FROM organisation WHERE name = 'Meridian Solutions' AND partnership_id = ?",
                       [pid]).fetchone()
    assert row is not None
    set_kind(conn, partnership_id=pid, organisation_ids=[int(row[0])], kind="industry")
    conn.close()


def test_to_classify_does_not_say_every_attendee_counts_while_someone_has_no_organisation(
        serve: Serve) -> None:
    """Regression: after a Zoom report (names and emails, no company) of a full meeting, Health greyed its
    78 attendees out as not classified and sent the convener here, where "To classify" said "Every
    organisation is classified: each attendee counts as industry or public partner". With every
    organisation classified and one guest without any, the tab now says who is left and where to place
    them."""
    copy = serve("demo")
    meridian_classified(copy)
    conn = connect(copy)
    load(conn, sheet([("Zed Guest", "zed@gmail.com", "", "3/12/2026", "Spring Quarterly Meeting")]),
         "guest.csv", partnership=LAKESHORE)
    conn.close()
    at = page()
    assert not at.exception
    assert at.tabs[0].label == "To classify (0)"
    assert not [x for x in at.success if "Every organisation" in x.value]
    assert "Every organisation is classified." in [m.value for m in at.markdown]
    warning = at.warning[0].value
    assert warning.startswith("1 person has no organisation recorded")
    assert "neither as industry leaders nor as public partners" in warning and "Who works where" in warning


def test_to_classify_says_every_attendee_counts_when_it_is_so(serve: Serve) -> None:
    """With every organisation classified and nobody without one, the tab says each attendee counts."""
    meridian_classified(serve("demo"))
    at = page()
    assert not at.exception
    assert at.success[0].value.startswith("Every organisation is classified: each attendee counts")
    assert not at.warning
