"""The words people type for each closed set (issue 13, "Too strict")."""

from __future__ import annotations

import pytest

from refresh_core.ingest import parse_file, vocabulary
from tests.importing import sheet


@pytest.mark.parametrize(
    ("typed", "channel"),
    [("personal ask", "personal_in_person"), ("In person", "personal_in_person"),
     ("phone call", "personal_phone"), ("Call", "personal_phone"), ("email from champion", "champion_email"),
     ("newsletter", "mass_email"),
     ("Mass E-Mail", "mass_email"), ("flyer", "flyer"), ("  FLYERS ", "flyer"), ("smoke signal", None)],
)  # fmt: skip
def test_channels_read_case_and_punctuation_insensitively(typed: str, channel: str | None) -> None:
    """Channel words from the guide and from conveners read as the stored channel; others as nothing."""
    assert vocabulary.channel(typed) == channel


@pytest.mark.parametrize(
    ("typed", "status"),
    [("no response", "no_response"), ("No answer", "no_response"), ("didn't respond", "no_response"),
     ("RSVP: yes", "confirmed"), ("Can't make it", "declined"), ("Checked-in", "attended"), ("maybe", None)],
)  # fmt: skip
def test_statuses_read_case_and_punctuation_insensitively(typed: str, status: str | None) -> None:
    """Status words read as the stored status; 'maybe' is no status."""
    assert vocabulary.status(typed) == status


def test_meeting_kinds_affiliations_and_roles_share_the_table() -> None:
    """Kinds from kind cells and titles, affiliations and roles, all from the one module."""
    kinds = ("Quarterly meeting", "Kick-off", "Re-launch", "Workshop")
    assert [vocabulary.meeting_kind(t) for t in kinds] == ["quarterly", "launch", "refresh", None]
    assert [vocabulary.affiliation(t) for t in ("Employer", "Public partner", "K-12 school", "Martian")] == [
        "industry", "public_partner", "public_partner", None]  # fmt: skip
    assert [vocabulary.role(t) for t in ("Co-host", "Attendee", "Listen only", "")] == [
        "host", "participant", "observer", "participant"]  # fmt: skip


def test_unknown_affiliation_in_an_attendance_file_keeps_the_row_and_warns() -> None:
    """An attendance row whose affiliation is 'Martian' is kept, its affiliation empty, with a warning."""
    data = sheet([("Ann Lee", "ann@acme.com", "Acme", "2026-03-12", "Martian"),
                  ("Bo Chan", "bo@acme.com", "Acme", "2026-03-12", "Employer")],
                 header=("Name", "Email", "Organization", "Date", "Affiliation"))  # fmt: skip
    parsed = parse_file(data, file_name="aff.csv")
    assert parsed.rows["affiliation"].tolist() == [None, "industry"]
    assert [w for w in parsed.warnings if "'Martian' (line 2)" in w]
