"""A prospect list in the guide's own words imports every row (issue 13, "Too strict")."""

from __future__ import annotations

from refresh_core.recruitment.prospects import prospect_table
from tests.builders import Builder
from tests.conftest import TODAY
from tests.recruiting import plan
from tests.recruitment.test_recruitment_import import load

HEADER = "Name,Email,Company,Affiliation,Channel,Status\n"
# (channel as typed, stored channel, status as typed, stored status)
WORDS = [
    ("personal ask", "personal_in_person", "asked", "asked"),
    ("Personal Ask", "personal_in_person", "Invited", "asked"),
    ("in person", "personal_in_person", "confirmed", "confirmed"),
    ("In-person", "personal_in_person", "Yes", "confirmed"),
    ("face to face", "personal_in_person", "RSVP yes", "confirmed"),
    ("phone call", "personal_phone", "no response", "no_response"),
    ("Phone Call.", "personal_phone", "No answer", "no_response"),
    ("call", "personal_phone", "no reply", "no_response"),
    ("follow-up call", "personal_phone", "Called", "called"),
    ("email from champion", "champion_email", "declined", "declined"),
    ("Email from a champion", "champion_email", "regrets", "declined"),
    ("personal email", "champion_email", "can't make it", "declined"),
    ("champion email", "champion_email", "identified", "identified"),
    ("newsletter", "mass_email", "to ask", "identified"),
    ("mass email", "mass_email", "asked", "asked"),
    ("Mass e-mail", "mass_email", "asked", "asked"),
    ("email blast", "mass_email", "asked", "asked"),
    ("flyer", "flyer", "asked", "asked"),
    ("Flyers", "flyer", "asked", "asked"),
    ("flier", "flyer", "asked", "asked"),
    ("marketing materials", "flyer", "asked", "asked"),
    ("letter", "letter", "asked", "asked"),
    ("Personal ask by phone", "personal_phone", "Called (follow-up done)", "called"),
    ("personal_in_person", "personal_in_person", "no_response", "no_response"),
    ("PERSONAL ASK", "personal_in_person", "NO RESPONSE", "no_response"),
    ("phone", "personal_phone", "attended", "attended"),
    ("", None, "", "identified"),
    ("", None, "confirmed", "confirmed"),
    ("in person", "personal_in_person", "", "identified"),
]


def test_prospect_list_with_the_guides_words_imports_every_row(build: Builder) -> None:
    """The reported case: 29 rows whose channel and status are the words conveners type ('personal ask',
    'phone call', 'newsletter', 'no answer'...). Every row loads with the channel and status meant."""
    meeting = plan(build)
    body = "".join(
        f"Person {i},p{i}@acme.com,Acme,Industry,{channel},{status}\n"
        for i, (channel, _, status, _) in enumerate(WORDS)
    )
    result = load(build, meeting, HEADER + body)
    assert (result.prospects_added, len(result.rejected), result.warnings) == (len(WORDS), 0, ())
    table = prospect_table(build.conn, meeting_id=meeting, as_of=TODAY)
    got = {str(r["name"]): (r["channel"], r["status"]) for r in table.to_dict("records")}
    want = {f"Person {i}": (channel, status) for i, (_, channel, _, status) in enumerate(WORDS)}
    assert {k: (None if v[0] is None or v[0] != v[0] else v[0], v[1]) for k, v in got.items()} == want


def test_unknown_channel_keeps_the_row_and_warns_with_the_lines(build: Builder) -> None:
    """'smoke signal' is no channel we know: both rows load with no channel, one warning names lines 2 and
    3; the affiliation 'Martian' likewise leaves the organisation to be classified by name."""
    meeting = plan(build)
    result = load(build, meeting, HEADER + "Ada,ada@acme.com,Acme,Industry,smoke signal,asked\n"
                                           "Bo,bo@acme.com,Acme,Martian,Smoke signal!,asked\n")
    assert (result.prospects_added, len(result.rejected)) == (2, 0)
    assert any("'smoke signal' (lines 2, 3)" in w for w in result.warnings)
    assert any("'Martian' (line 3)" in w for w in result.warnings)
