"""Golden files: each small fixture (one per format and variant) parses to exactly the recorded rows."""

from __future__ import annotations

from typing import Any

import pytest

from refresh_core.ingest import Format, parse_file, parse_with_mapping
from tests.ingest.conftest import FIXTURES, check_golden

CASES: list[tuple[str, str, dict[str, Any]]] = [
    ("signin_title_rows", "signin_title_rows.csv", {}),
    ("signin_semicolon_dayfirst", "signin_semicolon_dayfirst.csv", {}),
    ("signin_cp1252", "signin_cp1252.csv", {}),
    ("signin_ambiguous_dates", "signin_ambiguous_dates.csv", {}),
    ("signin_ambiguous_dates.day_first", "signin_ambiguous_dates.csv", {"date_order": "day_first"}),
    ("signin_utf16le_nobom", "signin_utf16le_nobom.tsv", {}),
    ("signin_utf16be_bom", "signin_utf16be_bom.csv", {}),
    ("forms_responses", "forms_responses.csv", {}),
    ("zoom_plain", "zoom_plain.csv", {}),
    ("zoom_block", "zoom_block.csv", {}),
    ("zoom_japanese", "zoom_japanese.csv", {}),
    ("zoom_attentiveness_trailing", "zoom_attentiveness_trailing.csv", {}),
    ("teams_legacy_ptbr", "teams_legacy_ptbr.csv", {}),
    ("teams_legacy_joined_before", "teams_legacy_joined_before.csv", {}),
    ("teams_resaved_semicolon", "teams_resaved_semicolon.csv", {}),
    ("teams_2021_french", "teams_2021_french.csv", {}),
    ("teams_2022_intermediate", "teams_2022_intermediate.csv", {}),
    ("teams_2022_sections", "teams_2022_sections.csv", {}),
    ("meet_rollcall", "meet_rollcall.csv", {}),
    ("meet_report", "meet_report.csv", {}),
    ("eventbrite_attendees", "eventbrite_attendees.csv", {}),
    ("webex_attendees", "webex_attendees.csv", {}),
]
EXPECTED_FORMAT = {
    "signin": Format.SIGNIN, "forms": Format.FORMS, "zoom": Format.ZOOM, "teams": Format.TEAMS,
    "meet": Format.MEET, "eventbrite": Format.EVENTBRITE, "webex": Format.WEBEX,
}  # fmt: skip


@pytest.mark.parametrize(("golden", "file_name", "options"), CASES, ids=[c[0] for c in CASES])
def test_fixture_matches_golden(golden: str, file_name: str, options: dict[str, Any]) -> None:
    """Each sample export gives the recorded people, meetings, minutes, warnings and set-aside rows."""
    parsed = parse_file((FIXTURES / file_name).read_bytes(), file_name=file_name, **options)
    assert parsed.format == EXPECTED_FORMAT[golden.split("_")[0]]
    check_golden(golden, parsed)


def test_xlsx_matches_golden(signin_xlsx: bytes) -> None:
    """An Excel sign-in sheet (title row, date cells, numeric phone) reads like its CSV twin would."""
    check_golden("signin_xlsx", parse_file(signin_xlsx, file_name="signin.xlsx"))


def test_mapped_file_matches_golden() -> None:
    """A sheet with unfamiliar headings reads correctly once the user matches its columns by hand."""
    mapping = {"name": "Quién", "email": "Correo", "organisation": "Empresa", "meeting_date": "Día"}
    data = (FIXTURES / "unrecognised_columns.csv").read_bytes()
    check_golden("unrecognised_columns.mapped", parse_with_mapping(data, file_name="u.csv", mapping=mapping))


def test_every_fixture_is_covered() -> None:
    """No sample file sits in the fixtures folder without a golden check (so none is silently untested)."""
    used = {c[1] for c in CASES} | {"unrecognised_columns.csv"}
    present = {p.name for p in FIXTURES.iterdir() if not p.name.endswith(".json") and p.name[0] != "."}
    assert present == used
