"""The recruitment pipeline's closed sets: statuses, ask channels, step sources.

Statuses and channels are stored as their values. Files and forms may spell
them loosely: :func:`parse_status` and :func:`parse_channel` accept any case,
spaces, underscores or hyphens, and the labels shown on screen.
"""

from __future__ import annotations

import re
from enum import StrEnum

from refresh_core.errors import ValidationError


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

_SEPARATORS = re.compile(r"[\s_\-]+")


def _key(text: str) -> str:
    return _SEPARATORS.sub("_", text.strip().lower()).strip("_")


_STATUS_KEYS: dict[str, ProspectStatus] = {
    **{_key(s.value): s for s in ProspectStatus},
    **{_key(label): s for s, label in STATUS_LABELS.items()},
}
_CHANNEL_KEYS: dict[str, Channel] = {
    **{_key(c.value): c for c in Channel},
    **{_key(label): c for c, label in CHANNEL_LABELS.items()},
}


def parse_status(text: str | None) -> ProspectStatus | None:
    """A status from loose text ('No Response', 'no_response', 'CONFIRMED'); None when blank.

    Raises ValidationError naming the accepted values when the text is not a status.
    """
    if text is None or not str(text).strip():
        return None
    found = _STATUS_KEYS.get(_key(str(text)))
    if found is None:
        accepted = ", ".join(s.value for s in ProspectStatus)
        raise ValidationError(f"{str(text)!r} is not a recruitment status. Use one of: {accepted}.")
    return found


def parse_channel(text: str | None) -> Channel | None:
    """A channel from its value or label, any case; None when blank."""
    if text is None or not str(text).strip():
        return None
    found = _CHANNEL_KEYS.get(_key(str(text)))
    if found is None:
        accepted = ", ".join(c.value for c in Channel)
        raise ValidationError(f"{str(text)!r} is not an ask channel. Use one of: {accepted}.")
    return found
