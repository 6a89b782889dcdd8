"""Closed sets of values used across the core (stored as their string value)."""

from __future__ import annotations

from enum import StrEnum


class OrgKind(StrEnum):
    INDUSTRY = "industry"
    PUBLIC_PARTNER = "public_partner"
    UNKNOWN = "unknown"


class PublicSubtype(StrEnum):
    EDUCATION = "education"
    WORKFORCE = "workforce"
    ECONOMIC_DEVELOPMENT = "economic_development"
    GOVERNMENT = "government"
    COMMUNITY = "community"


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
# The same kinds as stored values, for SQL: pass as a parameter (``list_contains(?, kind)``).
FULL_KINDS: tuple[str, ...] = tuple(sorted(k.value for k in FULL_PARTNERSHIP_KINDS))


class Role(StrEnum):
    """The role a person had in the room (not their affiliation)."""

    PARTICIPANT = "participant"
    OBSERVER = "observer"
    HOST = "host"


class TeamRole(StrEnum):
    CHAMPION = "champion"
    MEMBER = "member"


class PriorityStatus(StrEnum):
    ACTIVE = "active"
    ON_HOLD = "on_hold"  # "no champion yet"
    COMPLETED = "completed"
    DROPPED = "dropped"


class TeamStatus(StrEnum):
    ACTIVE = "active"
    CLOSED = "closed"


class SignStatus(StrEnum):
    OK = "ok"
    WATCH = "watch"
    FLAG = "flag"
    UNKNOWN = "unknown"


class SignId(StrEnum):
    INDUSTRY_ENGAGEMENT_WANING = "industry_engagement_waning"
    SAME_CORE_GROUP = "same_core_group"
    SECTOR_CHANGED = "sector_changed"
    AGENDA_STALE = "agenda_stale"
