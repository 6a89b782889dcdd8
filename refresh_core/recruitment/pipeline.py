"""The recruitment pipeline's closed sets: statuses, ask channels, step sources.

Statuses and channels are stored as their values. Files and forms may spell
them loosely: :func:`parse_status` and :func:`parse_channel` accept the words in
:mod:`refresh_core.ingest.vocabulary` (the guide's "personal ask", "phone call",
"no answer"...), the labels shown on screen, in any case and punctuation.
"""

from __future__ import annotations

from enum import StrEnum

from refresh_core.errors import ValidationError, excerpt
from refresh_core.ingest import vocabulary


class ProspectStatus(StrEnum):
    """Where a prospect is in the campaign (a step is recorded with its date)."""

    IDENTIFIED = "identified"
    ASKED = "asked"
    CALLED = "called"  # the follow-up call is done
    CONFIRMED = "confirmed"
    DECLINED = "declined"
    NO_RESPONSE = "no_response"
    ATTENDED = "attended"

    @property
    def label(self) -> str:
        return STATUS_LABELS[self]


STATUS_LABELS: dict[ProspectStatus, str] = {
    ProspectStatus.IDENTIFIED: "Identified",
    ProspectStatus.ASKED: "Asked",
    ProspectStatus.CALLED: "Called (follow-up done)",
    ProspectStatus.CONFIRMED: "Confirmed",
    ProspectStatus.DECLINED: "Declined",
    ProspectStatus.NO_RESPONSE: "No response",
    ProspectStatus.ATTENDED: "Attended",
}

# Still being worked: an asker can still ask, call or chase them.
OPEN_STATUSES = frozenset({
    ProspectStatus.IDENTIFIED, ProspectStatus.ASKED, ProspectStatus.CALLED, ProspectStatus.NO_RESPONSE,
})
# Count toward the goal (an attendee confirmed, whether or not we recorded it).
COMMITTED_STATUSES = frozenset({ProspectStatus.CONFIRMED, ProspectStatus.ATTENDED})
# How far along the pipeline a status is; automatic updates never move a prospect backward.
RANK: dict[ProspectStatus, int] = {
    ProspectStatus.IDENTIFIED: 0,
    ProspectStatus.ASKED: 1,
    ProspectStatus.CALLED: 2,
    ProspectStatus.NO_RESPONSE: 3,
    ProspectStatus.DECLINED: 3,
    ProspectStatus.CONFIRMED: 4,
    ProspectStatus.ATTENDED: 5,
}


class Channel(StrEnum):
    """How the ask is made. The guide: a personal ask works; flyers do not."""

    PERSONAL_IN_PERSON = "personal_in_person"
    PERSONAL_PHONE = "personal_phone"
    CHAMPION_EMAIL = "champion_email"
    LETTER = "letter"
    MASS_EMAIL = "mass_email"
    FLYER = "flyer"

    @property
    def label(self) -> str:
        return CHANNEL_LABELS[self]


CHANNEL_LABELS: dict[Channel, str] = {
    Channel.PERSONAL_IN_PERSON: "Personal ask in person",
    Channel.PERSONAL_PHONE: "Personal ask by phone",
    Channel.CHAMPION_EMAIL: "Personal email from a champion",
    Channel.LETTER: "Letter",
    Channel.MASS_EMAIL: "Mass email",
    Channel.FLYER: "Flyer",
}
WEAK_CHANNELS = frozenset({Channel.MASS_EMAIL, Channel.FLYER})


class StepSource(StrEnum):
    """Who recorded a pipeline step."""

    CONVENER = "convener"
    IMPORT = "import"
    ATTENDANCE = "attendance"
    EVENTBRITE = "eventbrite"


class ProspectSource(StrEnum):
    """How a prospect got on the list."""

    HAND = "hand"
    SUGGESTION = "suggestion"
    IMPORT = "import"
    EVENTBRITE = "eventbrite"


CIVIC_TRAITS: dict[str, str] = {
    "collaborative": "Collaborative",
    "strategic": "Strategic",
    "interdependent": "Sees company, industry and community success as linked",
}

vocabulary.add_labels("status", {s.value: label for s, label in STATUS_LABELS.items()})
vocabulary.add_labels("channel", {c.value: label for c, label in CHANNEL_LABELS.items()})


def parse_status(text: str | None) -> ProspectStatus | None:
    """A status from the words people use ('No answer', 'no_response', 'CONFIRMED', 'RSVP yes'; see
    :mod:`refresh_core.ingest.vocabulary`); None when blank.

    Raises ValidationError naming the accepted values when the text is not a status.
    """
    if text is None or not str(text).strip():
        return None
    found = vocabulary.status(str(text))
    if found is None:
        raise ValidationError(
            f"{excerpt(str(text))!r} is not a recruitment status. Use one of: "
            f"{', '.join(s.value for s in ProspectStatus)} (or words like 'no answer', 'RSVP yes')."
        )
    return ProspectStatus(found)


def parse_channel(text: str | None) -> Channel | None:
    """A channel from the words people use ('personal ask', 'phone call', 'newsletter'...); None if blank."""
    if text is None or not str(text).strip():
        return None
    found = vocabulary.channel(str(text))
    if found is None:
        raise ValidationError(
            f"{excerpt(str(text))!r} is not an ask channel. Use one of: "
            f"{', '.join(c.value for c in Channel)} (or words like 'personal ask', 'phone call')."
        )
    return Channel(found)
