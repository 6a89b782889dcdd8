"""Correcting a prospect's email, phone and job title on the prospect list (issue 10): checked,
stored on the person, and never blocking other edits."""

from __future__ import annotations

import pandas as pd
import pytest

from refresh_core.errors import ValidationError
from refresh_core.recruitment.askers import askers
from refresh_core.recruitment.prospect_edits import asker_choices, editable_table, save_edits
from refresh_core.recruitment.prospects import prospect_table
from tests.builders import Builder
from tests.conftest import TODAY
from tests.recruiting import plan, prospects_at


def tables(build: Builder, meeting: int) -> tuple[pd.DataFrame, dict[str, int]]:
    """The editable prospect table as the page shows it, and the asker choices."""
    choices = asker_choices(askers(build.conn, meeting_id=meeting))
    return editable_table(prospect_table(build.conn, meeting_id=meeting, as_of=TODAY), choices), choices


def edit(build: Builder, meeting: int, name: str, **cells: object) -> int:
    """Type ``cells`` into the row of ``name`` and save, as the page's Save button does."""
    current, choices = tables(build, meeting)
    edited = current.copy()
    row = edited.index[edited["name"] == name][0]
    for column, value in cells.items():
        edited.at[row, column] = value
    return save_edits(build.conn, meeting_id=meeting, current=current, edited=edited, choices=choices,
                      on=TODAY)


def person(build: Builder, name: str) -> tuple[object, ...]:
    return build.conn.execute("SELECT email, phone, title, level FROM person WHERE full_name = ?",
                              [name]).fetchall()[0]


def test_edited_contact_details_are_kept_on_the_person(build: Builder) -> None:
    """Ada's new email (typed in capitals), phone and title are stored on her person record, the
    level follows the new title, and the prospect list shows them."""
    meeting = plan(build)
    prospects_at(build, meeting, [build.person("Ada Lee", "Acme Tools", level="other")])
    assert edit(build, meeting, "Ada Lee", email=" Ada.Lee@Acme-Tools.com ", phone="+1 (555) 010-2030",
                title="Plant Manager") == 1
    assert person(build, "Ada Lee") == ("ada.lee@acme-tools.com", "+1 (555) 010-2030", "Plant Manager",
                                        "mid_level")
    shown = prospect_table(build.conn, meeting_id=meeting, as_of=TODAY).iloc[0]
    assert (shown["email"], shown["title"]) == ("ada.lee@acme-tools.com", "Plant Manager")


def test_a_bad_email_is_refused_by_name_and_nothing_is_saved(build: Builder) -> None:
    """A typo in an email names the prospect and the value; the status typed with it is not saved."""
    meeting = plan(build)
    prospects_at(build, meeting, [build.person("Ada Lee", "Acme Tools")])
    with pytest.raises(ValidationError, match=r"'ada\(at\)acme' is not an email address \(for Ada Lee\)"):
        edit(build, meeting, "Ada Lee", email="ada(at)acme", status="Asked")
    assert person(build, "Ada Lee")[0] == "ada.lee@example.com"
    assert prospect_table(build.conn, meeting_id=meeting, as_of=TODAY)["status"].tolist() == ["identified"]


def test_phone_and_title_are_checked(build: Builder) -> None:
    """A phone without digits and a title of a whole paragraph are refused."""
    meeting = plan(build)
    prospects_at(build, meeting, [build.person("Ada Lee", "Acme Tools")])
    with pytest.raises(ValidationError, match="not a phone number"):
        edit(build, meeting, "Ada Lee", phone="call reception")
    with pytest.raises(ValidationError, match="longer than 120 characters"):
        edit(build, meeting, "Ada Lee", title="Manager " * 20)


def test_an_email_someone_else_has_is_refused(build: Builder) -> None:
    """Typing Bo's address for Ada says whose it is and how to merge two records of one person."""
    meeting = plan(build)
    prospects_at(build, meeting, [build.person("Ada Lee", "Acme Tools")])
    build.person("Bo Chen", "Bolt Works", email="bo@bolt.com")
    with pytest.raises(ValidationError, match=r"already the email of Bo Chen.*People and organisations"):
        edit(build, meeting, "Ada Lee", email="BO@bolt.com")


def test_an_old_odd_value_never_blocks_another_edit(build: Builder) -> None:
    """A phone stored long ago as 'ask reception' does not stop recording a new status; clearing a
    cell stores nothing, and an untouched blank cell counts as no change."""
    meeting = plan(build)
    ada = build.person("Ada Lee", "Acme Tools")
    build.conn.execute("UPDATE person SET phone = 'ask reception' WHERE id = ?", [ada])
    prospects_at(build, meeting, [ada, build.person("Bo Chen", "Bolt Works")])
    assert edit(build, meeting, "Ada Lee", status="Asked") == 1
    assert person(build, "Ada Lee")[1] == "ask reception"
    assert edit(build, meeting, "Bo Chen", title="") == 0  # blank before, blank now
    assert edit(build, meeting, "Ada Lee", phone="") == 1
    assert person(build, "Ada Lee")[1] is None
