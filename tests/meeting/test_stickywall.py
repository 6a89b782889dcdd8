"""The sticky wall: typed and whiteboard ideas, categories, merges, moves and dot votes."""

from __future__ import annotations

import duckdb
import pandas as pd
import pytest
from hypothesis import given
from hypothesis import strategies as st

from refresh_core.errors import NotFoundError, ValidationError
from refresh_core.meeting import stickywall as sw
from refresh_core.meeting.champions import call_for_champions
from refresh_core.meeting.whiteboard import clean_idea, parse_lines, parse_whiteboard_csv
from tests.builders import Builder
from tests.refresh_scenario import Scenario, refresh_scenario


@pytest.fixture
def s(build: Builder) -> Scenario:
    return refresh_scenario(build)


def test_typed_lines_drop_bullets_numbers_and_blanks() -> None:
    """Pasted lists keep only the ideas, in order."""
    text = "- Shared apprenticeship\n\n 2. Plant tours\n• Cobot lab  \n[ ] Housing fair\n   \n"
    assert parse_lines(text) == ["Shared apprenticeship", "Plant tours", "Cobot lab", "Housing fair"]


words = st.text(alphabet=st.characters(categories=("L", "N"), max_codepoint=0x2FF), min_size=1, max_size=20)


@given(st.lists(st.lists(words, min_size=1, max_size=6).map(" ".join), max_size=30))
def test_each_typed_line_is_one_idea(ideas: list[str]) -> None:
    """Any list of one-line ideas comes back unchanged, one per line."""
    assert parse_lines("\n".join(ideas)) == ideas


def test_an_overlong_note_is_refused_with_its_number() -> None:
    """A paragraph pasted as one idea is refused, naming which one."""
    with pytest.raises(ValidationError, match="Idea 2"):
        parse_lines("short\n" + "x" * 600)


MIRO = (
    b'"Content","Sticky color","Group"\r\n'
    b'"<p>Shared <b>maintenance</b> apprenticeship</p>","yellow","Apprenticeships"\r\n'
    b'"Plant tours &amp; career days","blue","Youth"\r\n'
    b'"","yellow","Youth"\r\n'
    b'"Cobot lab","green",""\r\n'
)
SEMICOLON = "Note;Cluster;Author\nBuy-local directory;Suppliers;Ann\nJoint purchasing;Suppliers;Bo\n".encode(
    "cp1252"
)
UTF16 = "Sticky\tSection\nHousing fair\tHousing\nCarpool app\tHousing\n".encode("utf-16")
PLAIN = b"Shared apprenticeship\nPlant tours\n"


@pytest.mark.parametrize(
    ("data", "texts", "groups"),
    [
        (
            MIRO,
            ["Shared maintenance apprenticeship", "Plant tours & career days", "Cobot lab"],
            ["Apprenticeships", "Youth", None],
        ),
        (SEMICOLON, ["Buy-local directory", "Joint purchasing"], ["Suppliers", "Suppliers"]),
        (UTF16, ["Housing fair", "Carpool app"], ["Housing", "Housing"]),
        (PLAIN, ["Shared apprenticeship", "Plant tours"], [None, None]),
    ],
)
def test_whiteboard_exports_are_read(data: bytes, texts: list[str], groups: list[str | None]) -> None:
    """Text and group columns are found by name (HTML stripped, blank notes skipped, any encoding)."""
    frame = parse_whiteboard_csv(data)
    assert frame["text"].tolist() == texts
    assert [None if pd.isna(g) else g for g in frame["group"]] == groups


def test_whiteboard_without_a_text_column_says_what_to_name_it() -> None:
    """A CSV with no recognisable text column lists its columns and the names expected."""
    with pytest.raises(ValidationError, match="Text, Content, Note or Sticky"):
        parse_whiteboard_csv(b"Colour,Author\nyellow,Ann\n")


def test_clean_idea_collapses_whitespace_and_markup() -> None:
    """Whiteboard markup never reaches the wall."""
    assert clean_idea("  <div>Shuttle   to the <i>park</i></div> ") == "Shuttle to the park"


def test_an_idea_with_less_than_and_greater_than_keeps_every_word() -> None:
    """Regression (first-hour walk): the markup filter took "< $18/hr for techs >" for a tag, so the idea
    "Starting pay < $18/hr for techs > entry level" reached the wall as "Starting pay entry level". Only
    real tags are markup; comparisons a convener types stay."""
    typed = "Starting pay < $18/hr for techs > entry level"
    assert parse_lines(typed) == [typed]
    assert clean_idea("Wages <15 and >10 per hour") == "Wages <15 and >10 per hour"
    assert clean_idea("<p>Shuttle</p> <b class='x'>to the park</b><br/>") == "Shuttle to the park"


def test_grouped_ideas_create_their_categories_once(conn: duckdb.DuckDBPyConnection, s: Scenario) -> None:
    """Group names become categories, matched without regard to case."""
    sw.add_ideas(
        conn, meeting_id=s.refresh, ideas=["a", "b", "c", "d"], groups=["Youth", "youth ", "Housing", None]
    )
    cats = sw.categories(conn, meeting_id=s.refresh).set_index("name")
    assert cats["ideas"].to_dict() == {"Youth": 2, "Housing": 1}
    wall = sw.wall(conn, meeting_id=s.refresh)
    assert wall["text"].tolist() == ["a", "b", "c", "d"]
    assert wall["category"].isna().tolist() == [False, False, False, True]


def test_typed_ideas_can_go_straight_into_a_category(conn: duckdb.DuckDBPyConnection, s: Scenario) -> None:
    """Typing ideas while a category is picked files them there."""
    sw.create_category(conn, meeting_id=s.refresh, name="Apprenticeships")
    sw.add_ideas(
        conn, meeting_id=s.refresh, ideas=["Shared CNC cohort", "Mentor training"], category="apprenticeships"
    )
    assert sw.categories(conn, meeting_id=s.refresh)["ideas"].tolist() == [2]


def test_rename_and_vote_then_duplicates_are_refused(conn: duckdb.DuckDBPyConnection, s: Scenario) -> None:
    """Renames and dot votes save together; two categories cannot share a name."""
    for name in ("Youth", "Housing"):
        sw.create_category(conn, meeting_id=s.refresh, name=name)
    cats = sw.categories(conn, meeting_id=s.refresh)[["id", "name", "votes"]]
    sw.save_categories(
        conn, meeting_id=s.refresh, frame=cats.assign(name=["Youth pipeline", "Housing"], votes=[7, 3])
    )
    after = sw.categories(conn, meeting_id=s.refresh)
    assert after[["name", "votes"]].values.tolist() == [["Youth pipeline", 7], ["Housing", 3]]
    with pytest.raises(ValidationError, match="same name"):
        sw.save_categories(conn, meeting_id=s.refresh, frame=cats.assign(name=["Housing", "housing"]))
    with pytest.raises(ValidationError, match="negative"):
        sw.save_categories(conn, meeting_id=s.refresh, frame=cats.assign(votes=[-1, 0]))


def test_merge_moves_ideas_and_votes(conn: duckdb.DuckDBPyConnection, s: Scenario) -> None:
    """Merging empties the sources into the target, adding their votes, and removes them."""
    sw.add_ideas(conn, meeting_id=s.refresh, ideas=["a", "b", "c"], groups=["Buses", "Housing", "Transit"])
    cats = sw.categories(conn, meeting_id=s.refresh).set_index("name")["id"]
    sw.save_categories(
        conn,
        meeting_id=s.refresh,
        frame=pd.DataFrame(
            {
                "id": [cats["Buses"], cats["Housing"], cats["Transit"]],
                "name": ["Buses", "Housing", "Transit"],
                "votes": [2, 5, 1],
            }
        ),
    )
    sw.merge_categories(
        conn, meeting_id=s.refresh, source_ids=[cats["Buses"], cats["Transit"]], target_id=cats["Housing"]
    )
    after = sw.categories(conn, meeting_id=s.refresh)
    assert after[["name", "votes", "ideas"]].values.tolist() == [["Housing", 8, 3]]


def test_a_category_that_became_a_priority_cannot_be_merged_away(
    conn: duckdb.DuckDBPyConnection, s: Scenario
) -> None:
    """Decided categories stay; the others can be merged into them."""
    sw.add_ideas(conn, meeting_id=s.refresh, ideas=["a", "b"], groups=["Youth", "Schools"])
    cats = sw.categories(conn, meeting_id=s.refresh).set_index("name")["id"]
    call_for_champions(
        conn,
        meeting_id=s.refresh,
        title="Youth",
        category_id=int(cats["Youth"]),
        champion_ids=[s.industry[1]],
    )
    with pytest.raises(ValidationError, match="merge the others into it"):
        sw.merge_categories(
            conn, meeting_id=s.refresh, source_ids=[int(cats["Youth"])], target_id=int(cats["Schools"])
        )
    sw.merge_categories(
        conn, meeting_id=s.refresh, source_ids=[int(cats["Schools"])], target_id=int(cats["Youth"])
    )
    assert sw.categories(conn, meeting_id=s.refresh)["ideas"].tolist() == [2]


def test_moving_and_unsorting_ideas(conn: duckdb.DuckDBPyConnection, s: Scenario) -> None:
    """Ideas move between categories; deleting a category sends its ideas back to unsorted."""
    sw.add_ideas(conn, meeting_id=s.refresh, ideas=["a", "b"], groups=["Youth", None])
    wall = sw.wall(conn, meeting_id=s.refresh)
    youth = int(wall["category_id"].dropna().iloc[0])
    sw.move_ideas(conn, meeting_id=s.refresh, idea_ids=[int(wall["id"].iloc[1])], category_id=youth)
    assert sw.categories(conn, meeting_id=s.refresh)["ideas"].tolist() == [2]
    sw.delete_category(conn, meeting_id=s.refresh, category_id=youth)
    assert sw.wall(conn, meeting_id=s.refresh)["category"].isna().all()


def test_edited_wall_table_is_applied(conn: duckdb.DuckDBPyConnection, s: Scenario) -> None:
    """The ideas table saves edits, new rows (with new categories) and removals in one go."""
    sw.add_ideas(conn, meeting_id=s.refresh, ideas=["keep", "drop", "fix tpyo"])
    wall = sw.wall(conn, meeting_id=s.refresh)[["id", "text", "category"]]
    edited = pd.concat(
        [
            wall[wall["text"] != "drop"].assign(category=["Youth", None]),
            pd.DataFrame({"id": [None], "text": ["brand new"], "category": ["Housing"]}),
        ]
    )
    edited.loc[edited["text"] == "fix tpyo", "text"] = "fix typo"
    sw.save_wall(conn, meeting_id=s.refresh, frame=edited)
    after = sw.wall(conn, meeting_id=s.refresh)
    assert after[["text", "category"]].fillna("-").values.tolist() == [
        ["keep", "Youth"],
        ["fix typo", "-"],
        ["brand new", "Housing"],
    ]


def test_another_meetings_category_is_not_touched(conn: duckdb.DuckDBPyConnection, s: Scenario) -> None:
    """Ids from another meeting's wall are refused rather than silently edited."""
    sw.create_category(conn, meeting_id=s.launch, name="Old")
    other = int(sw.categories(conn, meeting_id=s.launch)["id"].iloc[0])
    with pytest.raises(NotFoundError):
        sw.delete_category(conn, meeting_id=s.refresh, category_id=other)


def test_vote_takeaway_names_the_leader() -> None:
    """The one-line takeaway names the category with most votes and reminds who decides."""
    assert sw.vote_share({"Youth": 3, "Housing": 9}).startswith("Housing drew the most dot votes (9 of 12)")
    assert "optional" in sw.vote_share({"Youth": 0})
