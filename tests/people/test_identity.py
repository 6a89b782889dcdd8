"""Identity slips (issue 13): transliterated names, honorifics, apostrophes in organisations, one email
parser, close calls queued for review."""

from __future__ import annotations

import time
from collections import Counter

import duckdb
import numpy as np
import pytest
from rapidfuzz import fuzz

from refresh_core.emails import parse_email
from refresh_core.hosting.conveners import normalise_email
from refresh_core.ingest import parse_file
from refresh_core.people.lookalikes import BLOCK_CAP, MAX_CANDIDATES, close_calls, split_block
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


def test_a_huge_organisation_is_split_and_still_finds_its_near_duplicate(
    conn: duckdb.DuckDBPyConnection,
) -> None:
    """6,000 people of one hospital system with no emails (over the block cap, so split by name-word
    starts and scored in chunks) import in seconds, and 'Amy Chen' / 'Amy Chan' among them is queued."""
    first = ["Ana", "Ben", "Chloe", "Dev", "Elena", "Farid", "Grace", "Hiro", "Ines", "Jamal", "Kofi", "Lena"]
    last = ["Alvarez", "Brooks", "Diaz", "Evans", "Fischer", "Garcia", "Haddad", "Ito", "Jensen", "Khan"]
    rows = [(f"{first[i % 12]} {last[i // 12 % 10]}{i}", "", "Mercy Health", "2026-03-12", "Q")
            for i in range(6_000)]  # fmt: skip
    rows += [("Amy Chen", "", "Mercy Health", "2026-03-12", "Q")]
    rows += [("Amy Chan", "", "Mercy Health", "2026-03-12", "Q")]
    started = time.process_time()
    done = load(conn, sheet(rows), "big.csv")
    assert time.process_time() - started < 20, "the fuzzy matching went quadratic"
    assert done.people_added == 6_002
    reasons = conn.execute(
        "SELECT p.full_name, c.full_name FROM person_review r JOIN person p ON p.id = r.person_id "
        "JOIN person c ON c.id = r.candidate_id"
    ).fetchall()
    assert {frozenset(r) for r in reasons} >= {frozenset({"Amy Chen", "Amy Chan"})}


def test_a_person_keeps_at_most_five_close_calls() -> None:
    """Forty look-alikes ('jon smithaa', 'jon smithab'...) in one organisation: each new person gets at most
    five candidates for review, the closest ones."""
    keys = [f"jon smith{chr(97 + i // 26)}{chr(97 + i % 26)}" for i in range(40)]
    people, _, scores = close_calls(keys, np.ones(len(keys), dtype=bool))
    per_person = Counter(people.tolist())
    assert per_person and max(per_person.values()) == MAX_CANDIDATES
    others = [max(fuzz.ratio(keys[0], k), fuzz.token_sort_ratio(keys[0], k)) for k in keys[1:]]
    kept = sorted(scores[people == 0].tolist(), reverse=True)  # the first one's: the closest five
    assert kept == pytest.approx(sorted(others, reverse=True)[:MAX_CANDIDATES])


def test_huge_block_is_split_by_name_word_starts() -> None:
    """A block over the cap is split so that no part holds more than the people sharing a word start."""
    keys = [f"{chr(97 + i % 26)}x{i} {chr(97 + i // 26 % 26)}y" for i in range(BLOCK_CAP * 3)]
    parts = split_block(list(range(len(keys))), keys)
    assert len(parts) > 1 and max(len(p) for p in parts) < BLOCK_CAP * 3 // 4
    assert split_block([0, 1, 2], keys) == [[0, 1, 2]]
