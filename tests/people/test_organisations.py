"""Organisations: the visible classification rules, kinds that are never downgraded, the roster."""

from __future__ import annotations

import duckdb
import pandas as pd
import pytest

from refresh_core.errors import ValidationError
from refresh_core.imports.roster import import_roster, list_organisations, update_organisations
from refresh_core.people.organisations import classification_rules, classify, is_free_mail
from tests.importing import count, load, sheet, snapshot

ZOOM = ("Name (Original Name)", "User Email", "Join Time", "Leave Time", "Duration (Minutes)")
SIGNIN = ("Name", "Email", "Organization", "Sector", "Date", "Meeting")


@pytest.mark.parametrize(
    ("name", "domain", "kind", "subtype"),
    [
        ("Lakeshore Community College", None, "public_partner", "education"),
        ("Iowa State University", "iastate.edu", "public_partner", "education"),
        ("Harbor School District", None, "public_partner", "education"),
        ("Tri-County Workforce Board", "tcwb.org", "public_partner", "workforce"),
        ("Harbor Area Chamber of Commerce", None, "public_partner", "association"),
        ("Harbor County Economic Development Corp", None, "public_partner", "economic_development"),
        ("City of Harbor", None, "public_partner", "government"),
        ("Marsh County", None, "public_partner", "government"),
        ("Department of Labor", None, "public_partner", "government"),
        ("State Farm Insurance", "statefarm.com", "industry", None),
        (None, "dol.gov", "public_partner", "government"),
        (None, "army.mil", "public_partner", "government"),
        (None, "un.int", "public_partner", "government"),  # (walk-through: it was guessed industry)
        (None, "harbor.k12.mi.us", "public_partner", "education"),
        (None, "cityofharbor.us", "public_partner", "government"),
        (None, "gmail.com", "unclassified", None),
        (None, "yahoo.co.uk", "unclassified", None),
        (None, "comcast.net", "unclassified", None),
        (None, "harborprecision.com", "industry", None),
        ("Harbor Precision", None, "unclassified", None),
        (None, "bayviewtool.us", "industry", None),
        (None, "lakeshorewib.org", "public_partner", "workforce"),
        (None, "harborfoundation.org", "unclassified", None),
    ],
)
def test_classification_rules(name: str | None, domain: str | None, kind: str, subtype: str | None) -> None:
    """Names and email domains are classified as the rules shown to the convener say."""
    found = classify(name, domain)
    assert (found.kind, found.subtype) == (kind, subtype)


def test_rules_are_listed_for_the_convener_in_order() -> None:
    """The rules table names what each rule looks at and what it decides; a bare company domain is only
    a guess and anything no rule recognises is left for the convener."""
    rules = classification_rules()
    assert list(rules.columns) == ["order", "looks at", "when it", "kind", "subtype"]
    assert rules["kind"].iloc[-1] == "Unclassified (you decide)"
    assert rules["kind"].iloc[-2] == "Industry (a guess, to confirm)"
    assert "Gmail" in " ".join(rules["when it"])
    assert is_free_mail("outlook.com") and not is_free_mail("harborprecision.com")


def test_org_named_from_domain_when_file_has_no_organisation(conn: duckdb.DuckDBPyConnection) -> None:
    """A Zoom report gives people a company from their email domain; personal mail gives none."""
    data = sheet(
        [
            ("Maria Lopez", "maria@harborprecision.com", "3/12/2026 9:00", "3/12/2026 10:00", "60"),
            ("Sam Okafor", "sokafor@gmail.com", "3/12/2026 9:00", "3/12/2026 10:00", "60"),
        ],
        ZOOM,
    )
    load(conn, data, "zoom.csv", meeting_title="Quarterly meeting")
    orgs = conn.execute("SELECT name, kind FROM organisation").fetchall()
    assert orgs == [("harborprecision.com", "industry")]
    assert conn.execute(
        "SELECT organisation_id FROM person WHERE email = 'sokafor@gmail.com'"
    ).fetchone() == (None,)


def test_affiliation_column_is_not_overridden_by_later_rules(conn: duckdb.DuckDBPyConnection) -> None:
    """A sign-in sheet's 'public partner' stays when a later Zoom report shows the org's company domain."""
    load(
        conn,
        sheet(
            [
                (
                    "Ann Bell",
                    "ann@harborfoundation.org",
                    "Harbor Foundation",
                    "Community partner",
                    "3/12/2026",
                    "Quarterly",
                )
            ],
            SIGNIN,
        ),
    )
    load(
        conn,
        sheet(
            [
                ("Ann Bell", "ann@harborfoundation.org", "6/11/2026 9:00", "6/11/2026 10:00", "60"),
                ("Bo Chan", "bo@harborfoundation.org", "6/11/2026 9:00", "6/11/2026 10:00", "60"),
            ],
            ZOOM,
        ),
        "zoom.csv",
        meeting_title="Quarterly",
    )
    assert conn.execute("SELECT name, kind, kind_source FROM organisation").fetchall() == [
        ("Harbor Foundation", "public_partner", "import")
    ]


def test_convener_kind_beats_a_later_affiliation_column(conn: duckdb.DuckDBPyConnection) -> None:
    """What the convener set on the roster page survives an import that says otherwise."""
    load(conn, sheet([("Ann Bell", "ann@harbor.com", "Harbor Works", "", "3/12/2026", "Q")], SIGNIN))
    orgs = list_organisations(conn, partnership_id=1)
    update_organisations(
        conn, partnership_id=1, edits=orgs.assign(kind="public_partner", public_subtype="community")
    )
    load(
        conn,
        sheet([("Ann Bell", "ann@harbor.com", "Harbor Works", "Industry", "6/11/2026", "Q")], SIGNIN),
        "b.csv",
    )
    assert conn.execute("SELECT kind, public_subtype, kind_source FROM organisation").fetchall() == [
        ("public_partner", "community", "convener")
    ]


def test_unknown_kind_is_learnt_later(conn: duckdb.DuckDBPyConnection) -> None:
    """An organisation first seen by name only (unclassified) takes the kind a later affiliation column
    gives."""
    load(conn, sheet([("Ann Bell", "", "Harbor Works", "", "3/12/2026", "Q")], SIGNIN))
    assert conn.execute("SELECT kind FROM organisation").fetchone() == ("unclassified",)
    load(conn, sheet([("Ann Bell", "", "Harbor Works", "Industry", "6/11/2026", "Q")], SIGNIN), "b.csv")
    assert conn.execute("SELECT kind, kind_source FROM organisation").fetchone() == ("industry", "import")


def test_affiliation_without_organisation_is_kept(conn: duckdb.DuckDBPyConnection) -> None:
    """A personal-mail attendee marked industry still counts as industry (a placeholder organisation)."""
    load(conn, sheet([("Sam Okafor", "sokafor@gmail.com", "", "Industry", "3/12/2026", "Q")], SIGNIN))
    assert conn.execute("SELECT name, kind FROM organisation").fetchall() == [
        ("Sam Okafor (organisation not given)", "industry")
    ]


def test_update_organisations_counts_and_validates(conn: duckdb.DuckDBPyConnection) -> None:
    """Only changed rows are saved (as the convener's); an invalid kind is refused and nothing changes."""
    load(
        conn,
        sheet(
            [
                ("Ann Bell", "ann@a.com", "A Co", "", "3/12/2026", "Q"),
                ("Bo Chan", "bo@b.com", "B Co", "", "3/12/2026", "Q"),
            ],
            SIGNIN,
        ),
    )
    orgs = list_organisations(conn, partnership_id=1)
    assert list(orgs["people"]) == [1, 1]
    edited = orgs.copy()
    edited.loc[0, "kind"] = "public_partner"
    assert update_organisations(conn, partnership_id=1, edits=edited) == 1
    before = snapshot(conn, ("organisation",))
    edited.loc[1, "kind"] = "bogus"
    with pytest.raises(ValidationError, match="bogus"):
        update_organisations(conn, partnership_id=1, edits=edited)
    assert snapshot(conn, ("organisation",)) == before


ROSTER = b"""Organisation,Kind,Subtype,Name,Email,Title,Level
Harbor Precision,Industry,,Jane Doe,JANE@harbor.com,CEO,
Lakeshore College,Public partner,education,,,,
Acme Workforce Board,public,,Sam Lee,sam@acme.org,Coordinator,executive
"""


def test_roster_upload_sets_kinds_and_adds_people(conn: duckdb.DuckDBPyConnection) -> None:
    """A roster CSV names kinds (source 'roster') and people, matched by email to who is already there."""
    load(conn, sheet([("Jane Doe", "jane@harbor.com", "Harbor Precision", "", "3/12/2026", "Q")], SIGNIN))
    result = import_roster(conn, partnership_id=1, data=ROSTER, file_name="roster.csv")
    assert (result.organisations_added, result.people_added, result.people_updated) == (2, 1, 1)
    orgs = list_organisations(conn, partnership_id=1).set_index("name")
    assert orgs.loc["Harbor Precision", ["kind", "kind_source"]].tolist() == ["industry", "roster"]
    assert orgs.loc["Acme Workforce Board", "public_subtype"] == "workforce"
    people = conn.execute("SELECT full_name, title, level FROM person ORDER BY id").fetchall()
    assert people == [("Jane Doe", "CEO", "executive"), ("Sam Lee", "Coordinator", "executive")]


def test_roster_with_bad_cell_changes_nothing(conn: duckdb.DuckDBPyConnection) -> None:
    """A roster row with an unknown kind is named by line and column, and nothing is written."""
    before = snapshot(conn, ("organisation", "person"))
    bad = b"Organisation,Kind\nHarbor Precision,Industry\nLakeshore College,Sometimes\n"
    with pytest.raises(ValidationError, match="line 3, column 'kind'"):
        import_roster(conn, partnership_id=1, data=bad, file_name="roster.csv")
    assert snapshot(conn, ("organisation", "person")) == before


def test_roster_needs_an_organisation_column(conn: duckdb.DuckDBPyConnection) -> None:
    """A roster without an organisation column is refused with the headers it has."""
    with pytest.raises(ValidationError, match="no organisation column"):
        import_roster(conn, partnership_id=1, data=b"Name,Email\nA,a@b.com\n", file_name="r.csv")
    assert count(conn, "SELECT count(*) FROM organisation") == 0


def test_edits_frame_from_data_editor_is_accepted(conn: duckdb.DuckDBPyConnection) -> None:
    """A data-editor frame with a missing subtype (None/NaN) saves as 'no subtype'."""
    load(conn, sheet([("Ann Bell", "ann@a.com", "A College", "", "3/12/2026", "Q")], SIGNIN))
    edits = pd.DataFrame(
        {"id": [1], "name": ["A College"], "kind": ["public_partner"], "public_subtype": [float("nan")]}
    )
    update_organisations(conn, partnership_id=1, edits=edits)
    assert conn.execute("SELECT kind, public_subtype, kind_source FROM organisation").fetchone() == (
        "public_partner",
        None,
        "convener",
    )
