"""The import preview's list of the rows read says each closed-set value in a person's words."""

from __future__ import annotations

from refresh_core.db import Connection
from refresh_core.imports.apply import plan_import
from refresh_core.ingest import parse_file
from refresh_core.partnerships import ensure_partnership
from tests.importing import PARTNERSHIP, fixture, sheet


def test_rows_read_say_affiliation_meeting_type_and_role_in_words(conn: Connection) -> None:
    """Regression (browser walk, 1 Dec 2026): the preview's "Rows read from the file" showed the stored
    words "public_partner", "quarterly" and "participant" while the meetings table just above said "Full
    partnership (regular)". Each is now said as the rest of the app says it."""
    pid = ensure_partnership(conn, name=PARTNERSHIP).id
    parsed = parse_file(fixture("signin_spring.csv"), file_name="signin_spring.csv")
    shown = plan_import(conn, partnership_id=pid, parsed=parsed).rows_in_words()
    assert set(shown["affiliation"].dropna()) == {"Industry", "Public partner"}
    assert set(shown["meeting_kind"].dropna()) == {"Full partnership (regular)"}
    assert set(shown["role"].dropna()) == {"Participant"}
    assert "checked_in" not in shown and len(shown) == len(parsed.rows)
    assert list(shown["name"]) == list(parsed.rows["name"])  # (the rows themselves, in the file's order)


def test_rows_read_keep_a_word_they_do_not_know_and_show_at_most_the_limit(conn: Connection) -> None:
    """A value outside the closed sets (none today, but a reader may add one) is shown as it is, never
    dropped; and the list shows at most ``limit`` rows."""
    pid = ensure_partnership(conn, name=PARTNERSHIP).id
    parsed = parse_file(fixture("signin_spring.csv"), file_name="signin_spring.csv")
    parsed.rows.loc[parsed.rows.index[0], "role"] = "speaker"
    shown = plan_import(conn, partnership_id=pid, parsed=parsed).rows_in_words(limit=2)
    assert list(shown["role"]) == ["speaker", "Participant"]


def test_a_name_signed_in_last_name_first_is_the_person_s_name_in_order(conn: Connection) -> None:
    """Regression (browser walk, 1 Dec 2026): "Chen, Wei" on the sign-in sheet became a person called
    "Chen, Wei" in the preview and on every page. The person is Wei Chen (the row read keeps what the
    file says); names with a suffix after the comma or a company's legal form are left as written."""
    pid = ensure_partnership(conn, name=PARTNERSHIP).id
    parsed = parse_file(fixture("signin_spring.csv"), file_name="signin_spring.csv")
    plan = plan_import(conn, partnership_id=pid, parsed=parsed)
    assert "Wei Chen" in set(plan.people["full_name"]) and "Chen, Wei" not in set(plan.people["full_name"])
    assert "Chen, Wei" in set(plan.rows_in_words()["name"])
    kept = sheet([("Ann Lee, PhD", "ann@lee.org", "Lee Labs", "3/12/2026", "Spring Quarterly Meeting"),
                  ("Lee, Bo", "bo@lee.org", "Lee Labs", "3/12/2026", "Spring Quarterly Meeting")])
    people = plan_import(conn, partnership_id=pid, parsed=parse_file(kept, file_name="k.csv")).people
    assert sorted(people["full_name"]) == ["Ann Lee, PhD", "Bo Lee"]
