"""People: name keys, levels, matching rows to people, the review queue, reversible merges."""

from __future__ import annotations

import datetime as dt

import duckdb
import pytest

from refresh_core.errors import NotFoundError, ValidationError
from refresh_core.people.keys import name_key
from refresh_core.people.matching import level_from_title
from refresh_core.people.merges import (
    dismiss_review,
    dismiss_reviews,
    list_merges,
    list_reviews,
    merge_people,
    merge_reviews,
    undo_merge,
)
from tests.builders import Builder
from tests.importing import count, load, sheet, snapshot

DAY1, DAY2 = "3/12/2026", "6/11/2026"


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("José  Núñez", "jose nunez"),
        ("Núñez, José", "José Núñez"),
        ("O'Brien-Lee", "obrien lee"),
        ("  Dr. Amy   Chen ", "dr amy chen"),
    ],
)
def test_name_key_ignores_accents_case_spacing_and_order(a: str, b: str) -> None:
    """Spellings a convener would call the same name get the same key."""
    assert name_key(a) == name_key(b)


@pytest.mark.parametrize(
    ("title", "level"),
    [
        ("CEO", "executive"),
        ("President & Owner", "executive"),
        ("VP Operations", "executive"),
        ("Chief Nursing Officer", "executive"),
        ("HR Director", "executive"),
        ("Hospital Administrator", "executive"),
        ("General Manager", "executive"),
        ("Plant Manager", "mid_level"),
        ("Shift Supervisor", "mid_level"),
        ("Training Coordinator", "mid_level"),
        ("Team Lead", "mid_level"),
        ("Superintendent", "mid_level"),
        ("Machinist", "other"),
        ("", "other"),
        (None, "other"),
    ],
)
def test_level_from_title(title: str | None, level: str) -> None:
    """Job titles map to executive, mid-level or other as the diagnostics expect."""
    assert level_from_title(title) == level


# (first file's row, second file's row, people after both, open review items)
MATCHING = [
    pytest.param(
        ("Jane Doe", "jane@harbor.com", "Harbor"),
        ("J. Doe", " JANE@Harbor.com ", "Other Co"),
        1,
        0,
        id="email-any-case-and-spacing",
    ),
    pytest.param(
        ("Jane Doe", "", "Harbor Precision"),
        ("Doe, Jane", "", "Harbor Precision Inc."),
        1,
        0,
        id="last-first-same-organisation",
    ),
    pytest.param(("José Núñez", "", "Acme"), ("Jose Nunez", "", "ACME"), 1, 0, id="accents-and-case"),
    pytest.param(
        ("John Smith", "john@acme.com", "Acme"),
        ("Jon Smith", "jon@acme.com", "Acme"),
        2,
        1,
        id="similar-name-same-organisation-goes-to-review",
    ),
    pytest.param(
        ("Katherine Jones", "kjones@acme.com", ""),
        ("Catherine Jones", "cjones@acme.com", ""),
        2,
        1,
        id="similar-name-same-company-domain-goes-to-review",
    ),
    pytest.param(
        ("John Smith", "js@acme.com", "Acme"),
        ("Jon Smith", "js@beta.com", "Beta"),
        2,
        0,
        id="similar-name-elsewhere-is-someone-else",
    ),
    pytest.param(
        ("John Smith", "js1@gmail.com", ""),
        ("Jon Smith", "js2@gmail.com", ""),
        2,
        0,
        id="personal-mail-is-not-a-shared-domain",
    ),
    pytest.param(
        ("Pat Lee", "pat@acme.com", "Acme"),
        ("Pat Lee", "pat@beta.com", "Beta"),
        2,
        1,
        id="same-name-different-organisation-goes-to-review",
    ),
    pytest.param(("Alex Kim", "", ""), ("Alex Kim", "", ""), 1, 0, id="name-only-matches-name-only"),
    pytest.param(("Alex Kim", "ak@a.com", "A Co"), ("Alex Kim", "", ""), 2, 1,
                 id="name-only-does-not-guess-a-known-person"),
]


@pytest.mark.parametrize(("first", "second", "people", "reviews"), MATCHING)
def test_matching_rows_to_people(
    conn: duckdb.DuckDBPyConnection,
    first: tuple[str, str, str],
    second: tuple[str, str, str],
    people: int,
    reviews: int,
) -> None:
    """Exact matches join the existing person; close ones create a person and a review item."""
    load(conn, sheet([(*first, DAY1, "Quarterly")]), "one.csv")
    load(conn, sheet([(*second, DAY2, "Quarterly")]), "two.csv")
    assert count(conn, "SELECT count(*) FROM person") == people
    assert count(conn, "SELECT count(*) FROM person_review WHERE status = 'open'") == reviews


def test_name_only_row_with_two_namesakes_is_not_guessed(conn: duckdb.DuckDBPyConnection) -> None:
    """A bare name shared by two people creates a third person with review items, never a guess."""
    load(
        conn,
        sheet([("Alex Kim", "ak@a.com", "A Co", DAY1, "Q"), ("Alex Kim", "ak@b.com", "B Co", DAY1, "Q")]),
    )
    load(conn, sheet([("Alex Kim", "", "", DAY2, "Q")]), "two.csv")
    assert count(conn, "SELECT count(*) FROM person") == 3
    assert count(conn, "SELECT count(*) FROM person_review WHERE person_id = 3") == 2


def test_name_only_guest_reaches_the_person_it_was_merged_into(conn: duckdb.DuckDBPyConnection) -> None:
    """After the convener merges a name-only guest into the real person, the next file follows the merge."""
    load(conn, sheet([("Alex Kim", "ak@a.com", "A Co", DAY1, "Q")]), "one.csv")
    load(conn, sheet([("Alex Kim", "", "", DAY2, "Q")]), "two.csv")
    merge_people(conn, keep_id=1, merge_id=2)
    result = load(conn, sheet([("Alex Kim", "", "", "9/10/2026", "Q")]), "three.csv")
    assert (result.people_added, result.people_matched) == (0, 1)
    assert count(conn, "SELECT count(*) FROM attendance WHERE person_id = 1") == 3


def test_review_queue_never_merges_by_itself(conn: duckdb.DuckDBPyConnection) -> None:
    """A close match keeps both people, each with their own attendance, until the convener decides."""
    load(conn, sheet([("John Smith", "john@acme.com", "Acme", DAY1, "Q")]), "one.csv")
    load(conn, sheet([("Jon Smith", "jon@acme.com", "Acme", DAY2, "Q")]), "two.csv")
    queue = list_reviews(conn, partnership_id=1)
    assert list(queue[["person", "candidate"]].itertuples(index=False, name=None)) == [
        ("Jon Smith", "John Smith")
    ]
    assert count(conn, "SELECT count(*) FROM person WHERE merged_into_id IS NULL") == 2
    assert count(conn, "SELECT count(DISTINCT person_id) FROM attendance") == 2


def test_dismissed_review_leaves_the_queue(conn: duckdb.DuckDBPyConnection) -> None:
    """Dismissing says 'different people': the item is gone from the open queue, the people stay."""
    load(
        conn,
        sheet(
            [
                ("John Smith", "john@acme.com", "Acme", DAY1, "Q"),
                ("Jon Smith", "jon@acme.com", "Acme", DAY1, "Q"),
            ]
        ),
    )
    review = int(list_reviews(conn, partnership_id=1)["id"].iloc[0])
    dismiss_review(conn, review_id=review)
    assert list_reviews(conn, partnership_id=1).empty
    assert len(list_reviews(conn, partnership_id=1, status="dismissed")) == 1
    with pytest.raises(NotFoundError):
        dismiss_review(conn, review_id=review)


@pytest.fixture
def twins(build: Builder) -> tuple[Builder, int, int]:
    """Two records of one person: both at meeting A, each alone at B or C, both on one team."""
    keep = build.person("John Smith", "Acme", email="john@acme.com")
    dup = build.person("Jon Smith", "Acme", email="jon@acme.com")
    a, b, c = (build.meeting(dt.date(2026, m, 1)) for m in (1, 2, 3))
    build.attend(a, [keep, dup])
    build.attend(b, [keep])
    build.attend(c, [dup], role="observer")
    team = build.team("Pipeline", dt.date(2026, 1, 1))
    other_team = build.team("Safety", dt.date(2026, 1, 1))
    for person, tid in ((keep, team), (dup, team), (dup, other_team)):
        build.conn.execute(
            "INSERT INTO team_member (team_id, person_id, role) VALUES (?, ?, 'member')", [tid, person]
        )
    return build, keep, dup


def test_merge_moves_attendance_and_keeps_one_per_meeting(twins: tuple[Builder, int, int]) -> None:
    """After a merge the kept person has all three meetings once each and both teams."""
    build, keep, dup = twins
    merge_people(build.conn, keep_id=keep, merge_id=dup)
    rows = build.conn.execute("SELECT person_id, count(*) FROM attendance GROUP BY 1").fetchall()
    assert rows == [(keep, 3)]
    assert count(build.conn, "SELECT count(*) FROM team_member WHERE person_id = ?", [keep]) == 2
    assert count(build.conn, "SELECT merged_into_id FROM person WHERE id = ?", [dup]) == keep


def test_undo_merge_restores_exactly(twins: tuple[Builder, int, int]) -> None:
    """Undoing a merge gives back both people with exactly their own attendance and teams."""
    build, keep, dup = twins
    before = snapshot(build.conn, ("person", "attendance", "team_member"))
    merge_id = merge_people(build.conn, keep_id=keep, merge_id=dup)
    undo_merge(build.conn, merge_id=merge_id)
    assert snapshot(build.conn, ("person", "attendance", "team_member")) == before
    assert list_merges(build.conn, partnership_id=build.pid)["undone_at"].notna().all()
    with pytest.raises(ValidationError):
        undo_merge(build.conn, merge_id=merge_id)


def test_merge_closes_the_review_and_undo_reopens_it(conn: duckdb.DuckDBPyConnection) -> None:
    """Merging from the queue marks the item merged; undoing the merge puts it back in the queue."""
    load(conn, sheet([("John Smith", "john@acme.com", "Acme", DAY1, "Q")]), "one.csv")
    load(conn, sheet([("Jon Smith", "jon@acme.com", "Acme", DAY2, "Q")]), "two.csv")
    item = list_reviews(conn, partnership_id=1).iloc[0]
    merge_id = merge_people(conn, keep_id=int(item["candidate_id"]), merge_id=int(item["person_id"]))
    assert list_reviews(conn, partnership_id=1).empty
    undo_merge(conn, merge_id=merge_id)
    assert len(list_reviews(conn, partnership_id=1)) == 1


def _three_smiths(conn: duckdb.DuckDBPyConnection) -> None:
    """John Smith first; then Jon and Johh Smith, each a close call against John."""
    load(conn, sheet([("John Smith", "john@acme.com", "Acme", DAY1, "Q")]), "one.csv")
    load(conn, sheet([("Jon Smith", "jon@acme.com", "Acme", DAY2, "Q"),
                      ("Johh Smith", "johh@acme.com", "Acme", DAY2, "Q")]), "two.csv")


def test_a_merged_away_person_leaves_the_queue(conn: duckdb.DuckDBPyConnection) -> None:
    """Reported: after merging someone away, other queue items naming them stayed. Now every
    open item naming the merged-away person goes with the merge, and comes back on undo."""
    _three_smiths(conn)
    queue = list_reviews(conn, partnership_id=1)
    assert len(queue) >= 2
    jon = int(queue.loc[queue["person"] == "Jon Smith", "person_id"].iloc[0])
    johh = int(queue.loc[queue["person"] == "Johh Smith", "person_id"].iloc[0])
    merge_id = merge_people(conn, keep_id=johh, merge_id=jon)  # not the pair the queue proposed
    left = list_reviews(conn, partnership_id=1)
    assert "Jon Smith" not in set(left["person"]) | set(left["candidate"])
    undo_merge(conn, merge_id=merge_id)
    assert len(list_reviews(conn, partnership_id=1)) == len(queue)


def test_bulk_merge_and_bulk_dismiss_handle_every_pair_shown(conn: duckdb.DuckDBPyConnection) -> None:
    """The convener can merge or dismiss all the pairs shown at once; each merge is undoable."""
    _three_smiths(conn)
    queue = list_reviews(conn, partnership_id=1)
    pairs = queue[queue["candidate_id"] == 1]
    merges = merge_reviews(conn, review_ids=[int(i) for i in pairs["id"]])
    assert len(merges) == len(pairs)
    assert count(conn, "SELECT count(*) FROM person WHERE merged_into_id = 1") == len(pairs)
    assert list_reviews(conn, partnership_id=1).empty
    for merge_id in merges:
        undo_merge(conn, merge_id=merge_id)
    ids = [int(i) for i in list_reviews(conn, partnership_id=1)["id"]]
    assert dismiss_reviews(conn, review_ids=ids) == len(ids)
    assert list_reviews(conn, partnership_id=1).empty
    assert count(conn, "SELECT count(*) FROM person WHERE merged_into_id IS NULL") == 3


def test_later_import_with_merged_email_reaches_kept_person(conn: duckdb.DuckDBPyConnection) -> None:
    """Once merged, a file using the merged record's email adds attendance to the kept person."""
    load(conn, sheet([("John Smith", "john@acme.com", "Acme", DAY1, "Q")]), "one.csv")
    load(conn, sheet([("Jon Smith", "jon@acme.com", "Acme", DAY2, "Q")]), "two.csv")
    merge_people(conn, keep_id=1, merge_id=2)
    result = load(conn, sheet([("Jon Smith", "jon@acme.com", "Acme", "9/10/2026", "Q")]), "three.csv")
    assert (result.people_added, result.people_matched) == (0, 1)
    assert count(conn, "SELECT count(*) FROM attendance WHERE person_id = 1") == 3


@pytest.mark.parametrize("same", [True, False])
def test_merge_refuses_nonsense(twins: tuple[Builder, int, int], same: bool) -> None:
    """Merging a person with themselves, or twice, is refused with a message."""
    build, keep, dup = twins
    if same:
        with pytest.raises(ValidationError, match="themselves"):
            merge_people(build.conn, keep_id=keep, merge_id=keep)
    else:
        merge_people(build.conn, keep_id=keep, merge_id=dup)
        with pytest.raises(ValidationError, match="already merged"):
            merge_people(build.conn, keep_id=keep, merge_id=dup)
