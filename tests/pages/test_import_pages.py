"""Import, People and Import history pages (AppTest), and the import page's per-file core step."""

from __future__ import annotations

import dataclasses
import datetime as dt

import pytest
from streamlit.testing.v1 import AppTest

import ui
from refresh_core.db import Connection, connect
from refresh_core.imports.apply import ImportResult
from refresh_core.imports.mappings import save_mapping
from refresh_core.imports.upload import confidence_label, edited_meetings, mapping_options, prepare_upload
from refresh_core.partnerships import ensure_partnership
from tests.conftest import LAKESHORE, ROOT, THREE_RIVERS
from tests.importing import fixture, load, sheet
from tests.pages.conftest import Serve

WEIRD = b"Attendee Full,Contact,Firm\nAnn Bell,ann@bellworks.com,Bell Works\nBo Chan,bo@chanco.com,Chan Co\n"


@pytest.fixture
def app_db(serve: Serve) -> str:
    """A copy of the demo database with two more imports into Lakeshore (one close-name pair to review);
    the demo's own is Lakeshore's prospect list, import 1."""
    copy = serve("demo")
    conn = connect(copy)
    load(conn, fixture("signin_spring.csv"), "signin_spring.csv", partnership=LAKESHORE)
    load(conn, sheet([("Jon Smith", "jon@acme.com", "Acme", "3/12/2026", "Spring Quarterly Meeting"),
                      ("John Smith", "john@acme.com", "Acme", "3/12/2026", "Spring Quarterly Meeting")]),
         "dups.csv", partnership=LAKESHORE)
    conn.close()
    return copy


def page(name: str, partnership: str | None = LAKESHORE, role: str = ui.CONVENER) -> AppTest:
    at = AppTest.from_file(str(ROOT / "pages" / name), default_timeout=30)
    at.session_state["role"] = role
    if partnership:
        at.session_state["partnership"] = partnership
    return at.run()


def test_import_page_opens_with_uploader(app_db: str) -> None:
    """The import page names the partnership and explains that nothing is saved before Import."""
    at = page("import_data.py")
    assert not at.exception
    assert at.title[0].value == "Import attendance"
    assert "Nothing is saved until you press Import" in at.markdown[0].value
    assert "undone on the Import history page" in at.caption[0].value


def test_import_page_creates_first_partnership(serve: Serve) -> None:
    """With no partnership yet, the page asks for a name and creates it."""
    serve("empty")
    at = page("import_data.py", partnership=None)
    assert "no partnership yet" in at.info[0].value.lower()
    at.text_input[0].input("Tri-County Healthcare")
    at.button[0].click().run()
    assert not at.exception
    assert at.session_state["partnership"] == "Tri-County Healthcare"
    assert "Tri\\-County Healthcare" in at.markdown[0].value


@pytest.mark.parametrize("name", ["import_data.py", "people.py", "import_history.py"])
def test_viewers_are_turned_away(app_db: str, name: str) -> None:
    """A read-only share link cannot open the import, people or history pages."""
    at = page(name, role=ui.VIEWER)
    assert not at.exception
    assert "Only conveners" in at.error[0].value


def test_people_page_merge_and_undo(app_db: str) -> None:
    """The duplicates tab offers a merge; merging empties the queue; undo brings the pair back."""
    at = page("people.py")
    assert not at.exception
    assert any("Possible duplicates (1)" in t.label for t in at.tabs)
    merge = next(b for b in at.button if b.label.startswith("Same person: merge into"))
    merge.click().run()
    assert not at.exception
    assert any("Possible duplicates (0)" in t.label for t in at.tabs)
    undo = next(b for b in at.button if b.label == "Undo")
    undo.click().run()
    assert any("Possible duplicates (1)" in t.label for t in at.tabs)


def test_people_page_stays_on_the_duplicates_tab_after_a_merge(app_db: str) -> None:
    """Regression (first-hour walk): merging a pair changed the tab's label ("Possible duplicates (15)"
    to "(10)") and the page jumped back to "To classify", so a convener working down the pairs had to
    click the tab again after every merge. The open tab is kept by its name, whatever its count."""
    at = page("people.py")
    duplicates = next(t.label for t in at.tabs if t.label.startswith("Possible duplicates"))
    at.session_state["people_tab"] = duplicates
    at.run()
    merge = next(b for b in at.button if b.label.startswith("Same person: merge into"))
    merge.click().run()
    assert not at.exception
    assert any(t.label == "Possible duplicates (0)" for t in at.tabs)
    assert at.session_state["people_tab"] == "Possible duplicates (0)"


def test_people_page_dismiss_and_rules(app_db: str) -> None:
    """'Different people' removes the item; the rules tab lists the classification rules."""
    at = page("people.py")
    next(b for b in at.button if b.label == "Different people").click().run()
    assert not at.exception
    assert any("No possible duplicates" in s.value for s in at.success)
    rules = at.dataframe[-1].value
    assert rules["kind"].iloc[-1] == "Unclassified (you decide)"


def test_history_page_undo_with_confirmation(app_db: str) -> None:
    """Removing an import asks for confirmation, then removes it and says what went."""
    at = page("import_history.py")
    assert not at.exception
    assert at.selectbox[0].options[0].startswith("Import 3: dups.csv")
    next(b for b in at.button if b.label.startswith("Remove this import")).click().run()
    assert "cannot be undone" in at.warning[0].value
    next(b for b in at.button if b.label == "Yes, remove it").click().run()
    assert not at.exception
    assert at.success[0].value.startswith("Removed import 3")
    assert at.selectbox[0].options == [o for o in at.selectbox[0].options if "dups.csv" not in o]


def test_history_page_numbers_each_partnerships_imports_from_1(app_db: str) -> None:
    """Regression (walk): Three Rivers' first import read "Import 4", the installation's batch id after
    Lakeshore's three. Its history now says "Import 1", in the table and in the undo picker."""
    conn = connect(app_db)
    load(conn, sheet([("Ann Lee", "ann@mercy.org", "Mercy Health", "3/19/2026", "Healthcare Quarterly")]),
         "mercy.csv", partnership=THREE_RIVERS)
    conn.close()
    at = page("import_history.py", partnership=THREE_RIVERS)
    assert not at.exception
    options = at.selectbox[0].options
    assert len(options) == 1 and options[0].startswith("Import 1: mercy.csv"), options
    assert at.dataframe[0].value["number"].tolist() == [1]


def test_history_page_cancel_keeps_everything(app_db: str) -> None:
    """Cancel leaves the import in place (the two imports and the demo's prospect list)."""
    at = page("import_history.py")
    next(b for b in at.button if b.label.startswith("Remove this import")).click().run()
    next(b for b in at.button if b.label == "Cancel").click().run()
    assert len(at.selectbox[0].options) == 3 and not at.warning


def test_history_page_names_what_each_import_read_in_words(app_db: str) -> None:
    """Regression: the Type column showed the stored codes ("signin", "prospects") and the picker said
    "5 attendance"; now a sign-in sheet is a "Sign-in sheet (CSV or Excel)", the demo's prospect list a
    "Prospect list", and the picker counts attendance records."""
    at = page("import_history.py")
    assert not at.exception
    types = at.dataframe[0].value.set_index("number")["format"].to_dict()
    assert types == {3: "Sign-in sheet (CSV or Excel)", 2: "Sign-in sheet (CSV or Excel)", 1: "Prospect list"}
    options = at.selectbox[0].options
    assert options[1].endswith(", 5 attendance records added, 1 new meeting)")
    assert options[2].endswith(", 28 prospects (3 askers named))")


def test_history_page_counts_a_prospect_list_s_prospects_apart_from_its_askers(app_db: str) -> None:
    """Regression (walk-through): the demo's prospect list, 28 prospects whose asker column names 3
    champions and staff, read as 31 people (4 new, 27 matched); "What it did" now says "28 prospects
    (3 askers named)", and a sign-in sheet what attendance it added."""
    at = page("import_history.py")
    did = at.dataframe[0].value.set_index("number")["did"].to_dict()
    assert did[1] == "28 prospects (3 askers named)"
    assert did[2] == "5 attendance records added, 1 new meeting"
    assert "prospects" not in at.dataframe[0].value.columns  # said in words, not as a bare number


def test_history_table_fits_a_laptop_and_keeps_every_count_below(app_db: str) -> None:
    """Regression (walk-through at 1400 px): fourteen columns pushed "Imported" off the table's right edge.
    The table shows which import, what and when in seven columns; every other count is in an expander."""
    at = page("import_history.py")
    assert not at.exception
    main, details = at.dataframe[0].value, at.dataframe[1].value
    assert list(main.columns) == ["number", "file_name", "format", "did", "imported_at", "rows_read",
                                  "rows_rejected"]
    assert main.set_index("number")["imported_at"].notna().all()
    assert {"attendance_added", "people_added", "people_matched", "meetings_added", "attendance_now",
            "attendance_recorded", "open_reviews"} <= set(details.columns)
    assert at.expander[0].label == "Every count per import"


@pytest.fixture
def pid(conn: Connection) -> int:
    return ensure_partnership(conn, name="Test Partnership").id


def test_upload_step_asks_for_mapping_then_reuses_it(conn: Connection, pid: int) -> None:
    """An unrecognised layout asks for a mapping; once saved, the same header is read automatically."""
    first = prepare_upload(conn, partnership_id=pid, data=WEIRD, file_name="weird.csv")
    assert first.header == ("Attendee Full", "Contact", "Firm") and first.plan is None
    assert mapping_options(first.header) == ["", "Attendee Full", "Contact", "Firm"]
    save_mapping(conn, partnership_id=pid, header=first.header,
                 mapping={"name": "Attendee Full", "email": "Contact", "organisation": "Firm"})
    more = WEIRD + b"Cy Diaz,cy@d.com,D Co\n"
    again = prepare_upload(conn, partnership_id=pid, data=more, file_name="w2.csv")
    assert again.plan is not None and again.plan.people_new == 3
    assert not again.importable  # no meeting date yet
    edits = edited_meetings(again.plan.meetings,
                            again.plan.meetings.assign(date=dt.date(2026, 5, 1), title="May quarterly"))
    fixed = prepare_upload(conn, partnership_id=pid, data=WEIRD, file_name="weird.csv", meetings=edits)
    assert fixed.importable and fixed.plan is not None
    assert fixed.plan.meetings[["title", "kind"]].values.tolist() == [["May quarterly", "quarterly"]]


def test_upload_step_reports_unreadable_files(conn: Connection, pid: int) -> None:
    """A binary file gives a message, not an exception."""
    bad = prepare_upload(conn, partnership_id=pid, data=b"%PDF-1.4 \x00\x01", file_name="r.pdf")
    assert bad.plan is None and bad.header is None and "PDF" in (bad.error or "")


def test_meeting_edits_are_only_overrides_when_changed(conn: Connection, pid: int) -> None:
    """An untouched meetings table is no override; a changed title is."""
    plan = prepare_upload(conn, partnership_id=pid, data=fixture("zoom_spring.csv"), file_name="z.csv").plan
    assert plan is not None
    assert edited_meetings(plan.meetings, plan.meetings.copy()) is None
    changed = edited_meetings(plan.meetings, plan.meetings.assign(title="Spring Refresh"))
    assert changed is not None and changed["title"].tolist() == ["Spring Refresh"]
    assert confidence_label(0.95).startswith("very likely") and "check" in confidence_label(0.3)


def _result(*kinds: str) -> ImportResult:
    """An import's outcome with one meeting of each of ``kinds``, as the page keeps it for the next run."""
    meetings = tuple({"date": f"2022-02-{i + 1:02d}", "title": f"Meeting on {i + 1} Feb 2022", "kind": kind,
                      "attendees": 70} for i, kind in enumerate(kinds))
    return ImportResult(file="zoom.csv", format="zoom", status="imported", batch_id=9, meetings=meetings,
                        rows_read=70, rows_rejected=0, attendance_added=70, people_added=70, people_matched=0,
                        warnings=())


def test_import_of_uncounted_meetings_does_not_claim_the_health_overview_counts_them(app_db: str) -> None:
    """Regression: three Zoom reports whose titles name no meeting type are saved as Other (not counted);
    the page used to say "The Health overview now includes these meetings" anyway. It now says they do
    not show there and links to the Meetings page, where their type is set."""
    at = AppTest.from_file(str(ROOT / "pages" / "import_data.py"), default_timeout=30)
    at.session_state["role"] = ui.CONVENER
    at.session_state["partnership"] = LAKESHORE
    at.session_state["_import_results"] = [_result("other", "other", "other")]
    at.run()
    assert not at.exception
    said = " ".join(m.value for m in at.markdown)
    assert "Health overview now" not in said
    warning = at.warning[0].value
    assert warning.startswith("3 meetings saved as Other (not counted) do not show on the Health overview")
    assert "they were partnership or action-team meetings" in warning
    assert "Meetings page" in " ".join(c.value for c in at.caption) + warning


def test_import_of_counted_meetings_says_how_many_the_health_overview_counts(app_db: str) -> None:
    """A sign-in sheet of a quarterly meeting and a call saved as Other: one is counted, one is not, and the
    page says both, in the singular."""
    at = AppTest.from_file(str(ROOT / "pages" / "import_data.py"), default_timeout=30)
    at.session_state["role"] = ui.CONVENER
    at.session_state["partnership"] = LAKESHORE
    at.session_state["_import_results"] = [_result("quarterly", "other")]
    at.run()
    assert not at.exception
    assert any(m.value == "The Health overview now counts 1 meeting from this import." for m in at.markdown)
    assert at.warning[0].value.startswith("1 meeting saved as Other (not counted) does not show")
    assert "If it was a partnership or action-team meeting" in at.warning[0].value


def test_an_import_that_skipped_rows_says_so_after_the_import(app_db: str) -> None:
    """Regression (first-hour walk): a Zoom report with 7 rows naming nobody was imported with "69
    attendance records added" and not a word of the 7 rows skipped (only the preview, gone after the
    import, had said so); the result now says how many rows were skipped, why and on which lines."""
    skipped = tuple((80 + i, "User Name", "no name and no email address") for i in range(7))
    result = dataclasses.replace(_result("quarterly"), rows_read=77, rows_rejected=7, rejected=skipped)
    at = AppTest.from_file(str(ROOT / "pages" / "import_data.py"), default_timeout=30)
    at.session_state["role"] = ui.CONVENER
    at.session_state["partnership"] = LAKESHORE
    at.session_state["_import_results"] = [result]
    at.run()
    assert not at.exception
    said = [w.value.replace("\\", "") for w in at.warning]  # (ui.md escapes the file name's dots)
    assert ("zoom.csv: 7 rows were skipped: no name and no email address (lines 80, 81, 82 and 4 more)."
            in said), said


def test_an_import_that_skipped_no_row_says_nothing_of_skipping(app_db: str) -> None:
    """Every row read: no word of skipped rows."""
    at = AppTest.from_file(str(ROOT / "pages" / "import_data.py"), default_timeout=30)
    at.session_state["role"] = ui.CONVENER
    at.session_state["partnership"] = LAKESHORE
    at.session_state["_import_results"] = [_result("quarterly")]
    at.run()
    assert not at.exception
    assert not any("skipped" in w.value for w in at.warning)
