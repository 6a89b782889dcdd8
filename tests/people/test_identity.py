"""Identity slips (issue 13): transliterated names, honorifics, apostrophes in organisations, one email
parser, close calls queued for review."""

from __future__ import annotations

import duckdb
import pytest

from refresh_core.emails import parse_email
from refresh_core.hosting.conveners import normalise_email
from refresh_core.ingest import parse_file
from tests.importing import count, load, sheet


def _people(conn: duckdb.DuckDBPyConnection) -> list[str]:
    return [str(r[0]) for r in conn.execute("SELECT full_name FROM person ORDER BY id").fetchall()]


def test_soren_odegard_with_and_without_the_danish_letters_is_one_person(
    conn: duckdb.DuckDBPyConnection,
) -> None:
    """The reported case: 'Søren Ødegård' then 'Soren Odegard' at the same company (no email): one person,
    two meetings (it scored 85, under the cut-off, and made a second person without a review)."""
    load(conn, sheet([("Søren Ødegård", "", "Nordic Tools", "2026-03-12", "Quarterly")]), "a.csv")
    second = load(conn, sheet([("Soren Odegard", "", "Nordic Tools", "2026-06-12", "Quarterly")]), "b.csv")
    assert (second.people_added, second.people_matched) == (0, 1)
    assert _people(conn) == ["Søren Ødegård"]
    assert count(conn, "SELECT count(*) FROM attendance") == 2


def test_dr_amy_chen_is_amy_chen(conn: duckdb.DuckDBPyConnection) -> None:
    """'Dr. Amy Chen' and 'Amy Chen' at one organisation are one person; at another, a review item."""
    load(conn, sheet([("Dr. Amy Chen", "", "Mercy Hospital", "2026-03-12", "Quarterly")]), "a.csv")
    same = load(conn, sheet([("Amy Chen, PhD", "", "Mercy Hospital", "2026-06-12", "Quarterly")]), "b.csv")
    assert (same.people_added, same.people_matched) == (0, 1)
    other = sheet([("Amy Chen", "amy@valley.org", "Valley Clinic", "2026-07-12", "Q")])
    elsewhere = load(conn, other, "c.csv")
    assert elsewhere.people_added == 1
    assert count(conn, "SELECT count(*) FROM person_review WHERE status = 'open'") == 1


def test_st_marys_hospital_with_and_without_the_apostrophe_is_one_organisation(
    conn: duckdb.DuckDBPyConnection,
) -> None:
    """The reported case: "St. Mary's Hospital" and "St. Marys Hospital" were two organisations."""
    load(conn, sheet([("Ann Lee", "ann@stmarys.org", "St. Mary's Hospital", "2026-03-12", "Q")]), "a.csv")
    load(conn, sheet([("Bo Chan", "bo@gmail.com", "St. Marys Hospital", "2026-03-12", "Q")]), "b.csv")
    load(conn, sheet([("Cy Diaz", "cy@gmail.com", "St Mary’s Hospital", "2026-03-12", "Q")]), "c.csv")
    assert count(conn, "SELECT count(*) FROM organisation") == 1


def test_close_call_under_the_old_cut_off_is_queued_for_review(conn: duckdb.DuckDBPyConnection) -> None:
    """'Amy Chen' and 'Amy Chan' at one organisation (87.5) are two people AND a review item, never a
    silent second person."""
    load(conn, sheet([("Amy Chen", "", "Mercy Hospital", "2026-03-12", "Q")]), "a.csv")
    load(conn, sheet([("Amy Chan", "", "Mercy Hospital", "2026-06-12", "Q")]), "b.csv")
    assert _people(conn) == ["Amy Chen", "Amy Chan"]
    assert count(conn, "SELECT count(*) FROM person_review WHERE status = 'open'") == 1


@pytest.mark.parametrize(
    ("text", "address"),
    [("Jane Doe <jane@x.org>", "jane@x.org"), ('"jane@x.org"', "jane@x.org"),
     ("mailto:Jane@X.org", "jane@x.org"), ("jane@x.org.", "jane@x.org"),
     ("(jane@x.org);", "jane@x.org"), ("a@b", None), ("not an email", None)],
)  # fmt: skip
def test_one_email_parser(text: str, address: str | None) -> None:
    """The parser every path uses: display names, quotes and trailing punctuation are dropped."""
    assert parse_email(text) == address


def test_name_and_address_cell_keeps_the_address_on_every_path() -> None:
    """'Jane Doe <jane@x.org>' in an attendance file keeps the address (it was lost) and gives the name
    when the name cell is empty; the convener sign-in list reads it the same way."""
    data = sheet([("", "Jane Doe <Jane@X.org>", "X", "2026-03-12", "Q"),
                  ("Bo Chan", '"bo@x.org".', "X", "2026-03-12", "Q")])  # fmt: skip
    parsed = parse_file(data, file_name="mail.csv")
    assert parsed.rows["email"].tolist() == ["jane@x.org", "bo@x.org"]
    assert parsed.rows["name"].tolist() == ["Jane Doe", "Bo Chan"]
    assert normalise_email("Jane Doe <jane@x.org>") == "jane@x.org"
