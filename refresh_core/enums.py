"""Closed sets of values used across the core (stored as their string value)."""

from __future__ import annotations

from enum import StrEnum
from typing import TypeVar

from refresh_core.errors import ValidationError

E = TypeVar("E", bound=StrEnum)


class OrgKind(StrEnum):
    """Industry leads; public partners support; unclassified counts as neither until someone decides."""

    INDUSTRY = "industry"
    PUBLIC_PARTNER = "public_partner"
    UNCLASSIFIED = "unclassified"
    UNKNOWN = "unclassified"  # the old name (before migration 007): an alias, never stored

    @property
    def label(self) -> str:
        """The kind in a person's words ("Public partner")."""
        return ORG_KIND_LABELS[self]


ORG_KIND_LABELS = {OrgKind.INDUSTRY: "Industry", OrgKind.PUBLIC_PARTNER: "Public partner",
                   OrgKind.UNCLASSIFIED: "Not classified yet"}


class PublicSubtype(StrEnum):
    EDUCATION = "education"
    WORKFORCE = "workforce"
    ECONOMIC_DEVELOPMENT = "economic_development"
    GOVERNMENT = "government"
    COMMUNITY = "community"
    LABOUR = "labour"
    ASSOCIATION = "association"  # chambers of commerce and trade associations
    INTERMEDIARY = "intermediary"  # staffing agencies, recruiters

    @property
    def label(self) -> str:
        """The subtype in a person's words."""
        return SUBTYPE_LABELS[self]


SUBTYPE_LABELS = {
    PublicSubtype.EDUCATION: "Education",
    PublicSubtype.WORKFORCE: "Workforce",
    PublicSubtype.ECONOMIC_DEVELOPMENT: "Economic development",
    PublicSubtype.GOVERNMENT: "Government",
    PublicSubtype.COMMUNITY: "Community organisation",
    PublicSubtype.LABOUR: "Labour union",
    PublicSubtype.ASSOCIATION: "Chamber or trade association",
    PublicSubtype.INTERMEDIARY: "Intermediary (staffing, recruiting)",
}


class KindSource(StrEnum):
    """Where an organisation's kind came from, weakest first."""

    RULE = "rule"  # a readable rule matched with confidence
    GUESS = "guess"  # a weak signal: counted, but first in the convener's queue to confirm
    IMPORT = "import"  # an affiliation column in an attendance file
    DEMO = "demo"
    ROSTER = "roster"  # a roster file the convener uploaded
    CONVENER = "convener"  # the convener's own choice: always wins

    @property
    def public(self) -> str:
        """The source in the ``organisations --json`` contract (rule, guess, convener or roster)."""
        return {"import": "roster", "demo": "convener"}.get(self.value, self.value)


class Cadence(StrEnum):
    """How often the whole partnership meets (its regular full-partnership meetings)."""

    MONTHLY = "monthly"
    BIMONTHLY = "bimonthly"
    QUARTERLY = "quarterly"

    @property
    def months(self) -> int:
        return {"monthly": 1, "bimonthly": 2, "quarterly": 3}[self.value]

    @property
    def label(self) -> str:
        return {"monthly": "Monthly", "bimonthly": "Every two months", "quarterly": "Quarterly"}[self.value]


class Level(StrEnum):
    EXECUTIVE = "executive"
    MID_LEVEL = "mid_level"
    OTHER = "other"


class MeetingKind(StrEnum):
    LAUNCH = "launch"
    QUARTERLY = "quarterly"
    REFRESH = "refresh"
    ACTION_TEAM = "action_team"
    OTHER = "other"

    @property
    def is_full_partnership(self) -> bool:
        """Launch, quarterly and refresh meetings gather the whole partnership."""
        return self in FULL_PARTNERSHIP_KINDS


FULL_PARTNERSHIP_KINDS = frozenset({MeetingKind.LAUNCH, MeetingKind.QUARTERLY, MeetingKind.REFRESH})
# The same kinds as stored values, for SQL: pass as a parameter (``(kind = ANY(?))``).
FULL_KINDS: tuple[str, ...] = tuple(sorted(k.value for k in FULL_PARTNERSHIP_KINDS))
# The regular full-partnership meeting at the partnership's cadence (stored as 'quarterly' whether the
# partnership meets monthly, every two months or quarterly). Trends compare these only: launch and
# refresh meetings are events, not the baseline.
REGULAR_KIND = MeetingKind.QUARTERLY


class Role(StrEnum):
    """The role a person had in the room (not their affiliation)."""

    PARTICIPANT = "participant"
    OBSERVER = "observer"
    HOST = "host"

    @property
    def label(self) -> str:
        """The role in a person's words ("Host")."""
        return self.value.capitalize()


class TeamRole(StrEnum):
    CHAMPION = "champion"
    MEMBER = "member"

    @property
    def label(self) -> str:
        return {"champion": "Champion", "member": "Member"}[self.value]


class PriorityStatus(StrEnum):
    ACTIVE = "active"
    ON_HOLD = "on_hold"  # "no champion yet"
    COMPLETED = "completed"
    DROPPED = "dropped"

    @property
    def label(self) -> str:
        return {"active": "Active", "on_hold": "No champion yet", "completed": "Completed",
                "dropped": "Dropped"}[self.value]


class TeamStatus(StrEnum):
    ACTIVE = "active"
    CLOSED = "closed"

    @property
    def label(self) -> str:
        return {"active": "Active", "closed": "Closed"}[self.value]


class SignStatus(StrEnum):
    OK = "ok"
    WATCH = "watch"
    FLAG = "flag"
    UNKNOWN = "unknown"

    @property
    def label(self) -> str:
        """The status as every table, report and command shows it ("Not enough data", never "unknown")."""
        return {"ok": "OK", "watch": "Watch", "flag": "Flag", "unknown": "Not enough data"}[self.value]

    @property
    def short(self) -> str:
        """The status where a narrow column holds it (the portfolio's tables): "No data" for unknown."""
        return "No data" if self is SignStatus.UNKNOWN else self.label


def from_label(enum: type[E], text: object, *, what: str) -> E:
    """The member of ``enum`` whose label (``member.label``) or stored value is ``text``, in any case and
    spacing: a table edited on screen gives labels back, a file or an older screen may give values."""
    typed = " ".join(str(text).split()).casefold()
    for member in enum:
        if typed in (getattr(member, "label", member.value).casefold(), member.value.casefold(),
                     member.value.replace("_", " ").casefold()):
            return member
    shown = ", ".join(getattr(m, "label", m.value) for m in enum)
    raise ValidationError(f"{str(text)!r} is not a {what}: use one of {shown}.")


class SignId(StrEnum):
    INDUSTRY_ENGAGEMENT_WANING = "industry_engagement_waning"
    SAME_CORE_GROUP = "same_core_group"
    SECTOR_CHANGED = "sector_changed"
    AGENDA_STALE = "agenda_stale"
