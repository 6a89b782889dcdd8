"""Partnerships a convener makes and keeps tidy: create, edit, rename, archive and restore."""

from __future__ import annotations

import datetime as dt

import duckdb
import pandas as pd
import pytest

from refresh_core.errors import NotFoundError, PermissionDenied, ValidationError
from refresh_core.guard import mark_viewer
from refresh_core.hosting.conveners import add_convener, grant_partnership, visible_partnerships
from refresh_core.partnerships import (
    create_partnership,
    edit_partnership,
    ensure_partnership,
    get_partnership,
    list_partnerships,
    partnership_names,
    rename_partnership,
    set_archived,
)
from refresh_core.schema import problems
from tests.builders import Builder


def test_create_keeps_sector_region_and_date_order(conn: duckdb.DuckDBPyConnection) -> None:
    """A new partnership has the tidied name, its sector and region, and how its files write dates."""
    made = create_partnership(conn, name="  Tri-County   Healthcare ", sector=" Healthcare ",
                              region="Tri-County region", date_order="day_first")
    assert (made.name, made.sector, made.region, made.date_order, made.archived) == (
        "Tri-County Healthcare", "Healthcare", "Tri-County region", "day_first", False)
    assert get_partnership(conn, name="tri-county healthcare").id == made.id


@pytest.mark.parametrize(("name", "words"), [("", "needs a name"), ("   ", "needs a name"),
                                             ("x" * 121, "120 or fewer")])
def test_create_refuses_an_empty_or_overlong_name(conn: duckdb.DuckDBPyConnection, name: str,
                                                  words: str) -> None:
    """A blank or very long name is refused with what to do, and nothing is created."""
    with pytest.raises(ValidationError, match=words):
        create_partnership(conn, name=name)
    assert partnership_names(conn) == []


def test_create_refuses_a_name_taken_in_any_case(conn: duckdb.DuckDBPyConnection) -> None:
    """A second 'tri-county healthcare' is refused; the message names the one that exists."""
    create_partnership(conn, name="Tri-County Healthcare")
    with pytest.raises(ValidationError, match="already a partnership called 'Tri-County Healthcare'"):
        create_partnership(conn, name="tri-county healthcare")
    assert partnership_names(conn) == ["Tri-County Healthcare"]


def test_a_taken_archived_name_says_to_restore_it(conn: duckdb.DuckDBPyConnection) -> None:
    """Creating a partnership under an archived one's name points at restoring it instead."""
    old = create_partnership(conn, name="Old Partnership")
    set_archived(conn, partnership_id=old.id, archived=True)
    with pytest.raises(ValidationError, match="archived: restore it"):
        create_partnership(conn, name="Old Partnership")


def test_rename_keeps_meetings_and_people(build: Builder) -> None:
    """A renamed partnership keeps its meetings and people; the old name no longer finds it."""
    meeting = build.meeting(dt.date(2026, 3, 12))
    build.attend(meeting, build.people(3))
    renamed = rename_partnership(build.conn, partnership_id=build.pid, name="Greater Test Partnership")
    listed = list_partnerships(build.conn).set_index("name")
    assert listed.loc["Greater Test Partnership", "meetings"] == 1
    assert listed.loc["Greater Test Partnership", "people"] == 3
    assert renamed.id == build.pid
    with pytest.raises(NotFoundError):
        get_partnership(build.conn, name="Test Partnership")
    assert problems(build.conn).empty


def test_last_meeting_is_the_last_one_held_not_the_planned_refresh_meeting(build: Builder) -> None:
    """As on the demo on 1 Dec 2026: a full meeting on 17 Sep, an action team on 19 Nov and the refresh
    meeting planned for 24 Dec. The list's last meeting is 19 Nov (held), not 24 Dec; the planned one is
    the next meeting. A meeting today counts as held once its attendance is recorded."""
    today = dt.date(2026, 12, 1)
    people = build.people(3)
    for day, kind in ((dt.date(2026, 9, 17), "quarterly"), (dt.date(2026, 11, 19), "action_team")):
        build.attend(build.meeting(day, kind), people)
    build.meeting(dt.date(2026, 12, 24), "refresh", "Refresh meeting")

    def row(as_of: dt.date) -> tuple[dt.date, dt.date | None]:
        listed = list_partnerships(build.conn, as_of=as_of).set_index("name")
        last, upcoming = listed.loc["Test Partnership", ["last_meeting", "next_meeting"]]
        return last.date(), None if pd.isna(upcoming) else upcoming.date()

    assert row(today) == (dt.date(2026, 11, 19), dt.date(2026, 12, 24))
    today_meeting = build.meeting(today, "action_team")
    assert row(today) == (dt.date(2026, 11, 19), today)  # planned for today, nothing recorded yet
    build.attend(today_meeting, people)
    assert row(today) == (today, dt.date(2026, 12, 24))
    assert row(dt.date(2026, 12, 25)) == (dt.date(2026, 12, 24), None)


def test_rename_to_another_partnerships_name_is_refused(conn: duckdb.DuckDBPyConnection) -> None:
    """Two partnerships cannot end up with one name; changing only the case of one's own name is fine."""
    a = create_partnership(conn, name="Alpha")
    create_partnership(conn, name="Beta")
    with pytest.raises(ValidationError, match="already a partnership called 'Beta'"):
        rename_partnership(conn, partnership_id=a.id, name="BETA")
    assert rename_partnership(conn, partnership_id=a.id, name="ALPHA").name == "ALPHA"


def test_edit_clears_a_blank_sector(conn: duckdb.DuckDBPyConnection) -> None:
    """Emptying the sector and region on the form stores no sector (not an empty string)."""
    made = create_partnership(conn, name="Alpha", sector="Energy", region="North")
    edited = edit_partnership(conn, partnership_id=made.id, name="Alpha", sector="  ", region="",
                              date_order="day_first")
    assert (edited.sector, edited.region, edited.date_order) == (None, None, "day_first")


def test_archived_partnerships_leave_the_lists_until_restored(conn: duckdb.DuckDBPyConnection) -> None:
    """Archiving hides a partnership from the list and the sidebar's choices; restoring brings it back."""
    a = create_partnership(conn, name="Alpha")
    create_partnership(conn, name="Beta")
    set_archived(conn, partnership_id=a.id, archived=True)
    assert list_partnerships(conn)["name"].tolist() == ["Beta"]
    assert [n for _, n in visible_partnerships(conn, allowed=None)] == ["Beta"]
    everything = list_partnerships(conn, include_archived=True).set_index("name")
    assert bool(everything.loc["Alpha", "archived"]) and not bool(everything.loc["Beta", "archived"])
    assert get_partnership(conn, name="Alpha").archived  # still there, by name
    with pytest.raises(ValidationError, match="already archived"):
        set_archived(conn, partnership_id=a.id, archived=True)
    set_archived(conn, partnership_id=a.id, archived=False)
    assert list_partnerships(conn)["name"].tolist() == ["Alpha", "Beta"]


def test_ensure_partnership_still_finds_or_creates(conn: duckdb.DuckDBPyConnection) -> None:
    """The importer's 'find or create' returns the same partnership for any case of its name."""
    first = ensure_partnership(conn, name="Alpha")
    assert ensure_partnership(conn, name="alpha").id == first.id
    assert len(partnership_names(conn)) == 1


def test_a_non_admin_convener_can_open_what_they_create(conn: duckdb.DuckDBPyConnection) -> None:
    """A convener limited to some partnerships gets the one they created added to their list."""
    alpha = create_partnership(conn, name="Alpha")
    add_convener(conn, email="admin@board.org", is_admin=True)
    add_convener(conn, email="maria@board.org", partnership_ids=[alpha.id])
    beta = create_partnership(conn, name="Beta")
    allowed = grant_partnership(conn, email="maria@board.org", partnership_id=beta.id)
    assert allowed == frozenset({alpha.id, beta.id})
    assert grant_partnership(conn, email="admin@board.org", partnership_id=beta.id) is None


def test_a_viewer_cannot_create_or_archive(conn: duckdb.DuckDBPyConnection) -> None:
    """Through a share link's cursor, creating, renaming and archiving are refused."""
    alpha = create_partnership(conn, name="Alpha")
    viewer = conn.cursor()
    mark_viewer(viewer, partnership_id=alpha.id)
    with pytest.raises(PermissionDenied):
        create_partnership(viewer, name="Beta")
    with pytest.raises(PermissionDenied):
        rename_partnership(viewer, partnership_id=alpha.id, name="Gamma")
    with pytest.raises(PermissionDenied):
        set_archived(viewer, partnership_id=alpha.id, archived=True)
    assert partnership_names(conn) == ["Alpha"]
