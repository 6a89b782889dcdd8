"""The words people type for every closed set read from a file, in one table.

Channels, recruitment statuses, meeting kinds, affiliations and roles arrive as
whatever a convener or an export wrote ("Personal ask", "phone call", "No
answer", "Quarterly meeting", "Employer"). :func:`read` folds case, accents,
punctuation and spacing, then looks the text up among each value's synonyms
(the stored value and its on-screen label included); some sets also accept a
cell that merely contains a telling word ("Q3 quarterly meeting"). A value
found nowhere reads as None: the caller keeps the row, leaves the field empty
and warns with the line (see :func:`unread_warning`).

Values are the stored strings (the enums live with their domains); the
synonyms marked "guide" are the refresh guide's own words.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Mapping

import numpy as np
import pandas as pd

from refresh_core.errors import excerpt
from refresh_core.ingest.coded import each_distinct

_NOT_WORD = re.compile(r"[^0-9a-z]+")
_E_MAIL = re.compile(r"\be mail")

CHANNELS: Mapping[str, tuple[str, ...]] = {
    "personal_in_person": (
        "personal in person", "personal ask in person", "personal ask", "in person", "in person ask",  # guide
        "face to face", "personal visit", "visit", "met in person", "peer ask", "peer to peer",
        "peer to peer ask", "personal",
    ),
    "personal_phone": (
        "personal phone", "personal ask by phone", "phone call", "follow up phone call", "call",  # guide
        "phone", "called", "telephone", "phoned", "by phone", "personal call", "follow up call",
    ),
    "champion_email": (
        "champion email", "personal email from a champion", "email from champion", "email from a champion",
        "personal email", "personalised email", "personalized email", "champion letter",
        "letter from champion", "email from champions", "champion invitation",
    ),
    "letter": ("letter", "invitation letter", "mailed letter", "signed letter", "post"),
    "mass_email": (
        "mass email", "newsletter", "email blast", "blast", "e blast", "bulk email", "mailing list",
        "listserv", "list serv", "mass mailing", "group email",
    ),
    "flyer": (
        "flyer", "flyers", "flier", "fliers", "marketing", "marketing materials",  # guide
        "poster", "brochure", "social media", "advert", "advertisement",
    ),
}  # fmt: skip

STATUSES: Mapping[str, tuple[str, ...]] = {
    "identified": (
        "identified", "prospect", "to ask", "not asked", "not yet asked", "new", "to do", "todo", "on list",
    ),
    "asked": (
        "asked", "invited", "invitation sent", "invite sent", "emailed", "sent", "contacted", "reached out",
        "ask made",
    ),
    "called": (
        "called", "called follow up done", "follow up done", "followed up", "follow up call done",
        "call done", "phoned",
    ),
    "confirmed": (
        "confirmed", "yes", "accepted", "attending", "will attend", "rsvp yes", "registered", "coming",
        "going", "rsvpd", "rsvped",
    ),
    "declined": (
        "declined", "no", "regrets", "not attending", "cannot attend", "can t attend", "cant attend",
        "can t make it", "cant make it", "not coming", "unable", "unable to attend", "rsvp no",
    ),
    "no_response": (
        "no response", "no answer", "no reply", "not responded", "did not respond", "didn t respond",
        "didnt respond", "unresponsive", "nr", "silent", "no rsvp", "never heard back", "no word",
    ),
    "attended": ("attended", "came", "showed up", "present", "checked in", "was there"),
}  # fmt: skip

MEETING_KINDS: Mapping[str, tuple[str, ...]] = {
    "launch": ("launch", "launch meeting", "kickoff", "kick off", "kick off meeting", "kickoff meeting"),
    "quarterly": (
        "quarterly", "quarterly meeting", "full partnership", "full partnership meeting",
        "partnership meeting",
    ),
    "refresh": ("refresh", "refresh meeting", "relaunch", "re launch", "relaunch meeting"),
    "action_team": (
        "action team", "action team meeting", "working group", "workgroup", "work group", "task force",
    ),
    "other": ("other",),
}  # fmt: skip
# A meeting title or kind cell that contains one of these words (checked in this order).
_KIND_WORDS: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("action_team", re.compile(r"\baction ?teams?\b|\bworking group\b|\btask force\b")),
    ("refresh", re.compile(r"\brefresh|\bre ?launch")),
    ("quarterly", re.compile(r"\bquarterly\b")),
    ("launch", re.compile(r"\blaunch|\bkick ?off\b")),
)

AFFILIATIONS: Mapping[str, tuple[str, ...]] = {
    "industry": ("industry", "business", "employer", "private sector", "private", "company", "firm"),
    "public_partner": (
        "public partner", "public", "public sector", "education", "workforce", "government",
        "economic development", "nonprofit", "non profit", "community", "college",
    ),
}  # fmt: skip
_INDUSTRY_WORDS = re.compile(r"industr|business|employer|private|company|manufactur")
_PUBLIC_WORDS = re.compile(
    r"public|education|college|school|universit|workforce|government|economic|non ?profit|community|"
    r"chamber|k ?12|training provider"
)
PUBLIC_SUBTYPES: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("education", re.compile(r"education|college|school|universit|k ?12|training provider")),
    ("workforce", re.compile(r"workforce|job cent|career cent|wdb|employment service")),
    ("economic_development", re.compile(r"economic|chamber|edc\b")),
    ("government", re.compile(r"government|\bcity\b|\bcounty\b|\bstate\b|municipal|agency")),
    ("community", re.compile(r"community|non ?profit|foundation|faith|cbo\b")),
)

ROLES: Mapping[str, tuple[str, ...]] = {
    "host": ("host", "co host", "cohost", "organizer", "organiser", "facilitator", "convener"),
    "observer": ("observer", "silent observer", "listener", "listen only", "view only", "viewer"),
    "participant": ("participant", "attendee", "guest", "member", "presenter", "panelist", "panellist"),
}  # fmt: skip
_HOST_WORDS = re.compile(
    r"host|organi[sz]er|organisateur|organizador|organisator|organizzatore|veranstalter|facilitator|"
    r"convener|主催者"
)
_OBSERVER_WORDS = re.compile(r"observ|beobacht|silent|listen")


def fold(text: str) -> str:
    """Lower case, no accents, punctuation and spacing reduced to single spaces ("Can't-make it!" ->
    "can t make it")."""
    plain = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    return _E_MAIL.sub("email", _NOT_WORD.sub(" ", plain.lower()).strip())


def _index(table: Mapping[str, tuple[str, ...]]) -> dict[str, str]:
    found: dict[str, str] = {}
    for value, words in table.items():
        for word in (value, *words):
            found.setdefault(fold(word), value)
    return found


_CHANNEL_INDEX = _index(CHANNELS)
_STATUS_INDEX = _index(STATUSES)
_KIND_INDEX = _index(MEETING_KINDS)
_AFFILIATION_INDEX = _index(AFFILIATIONS)
_ROLE_INDEX = _index(ROLES)


def add_labels(table: str, labels: Mapping[str, str]) -> None:
    """Let a domain add its on-screen labels ("Personal ask by phone") as synonyms of its values."""
    index = {"channel": _CHANNEL_INDEX, "status": _STATUS_INDEX}[table]
    for value, label in labels.items():
        index.setdefault(fold(label), value)


def channel(text: str | None) -> str | None:
    """The ask channel a cell names ('personal ask' -> 'personal_in_person'), or None."""
    return _CHANNEL_INDEX.get(fold(text)) if text else None


def status(text: str | None) -> str | None:
    """The recruitment status a cell names ('No answer' -> 'no_response'), or None."""
    return _STATUS_INDEX.get(fold(text)) if text else None


def meeting_kind(text: str | None) -> str | None:
    """The meeting kind a kind cell or a title names ('Q3 Quarterly meeting' -> 'quarterly'), or None."""
    if not text:
        return None
    folded = fold(text)
    exact = _KIND_INDEX.get(folded)
    if exact is not None:
        return exact
    return next((value for value, words in _KIND_WORDS if words.search(folded)), None)


def meeting_kind_in_title(text: str | None) -> str | None:
    """The kind a meeting title names by a telling word (never 'other')."""
    if not text:
        return None
    folded = fold(text)
    return next((value for value, words in _KIND_WORDS if words.search(folded)), None)


def affiliation(text: str | None) -> str | None:
    """'industry' or 'public_partner' from an affiliation cell (the earlier telling word wins), or None."""
    if not text:
        return None
    folded = fold(text)
    exact = _AFFILIATION_INDEX.get(folded)
    if exact is not None:
        return exact
    industry, public = _INDUSTRY_WORDS.search(folded), _PUBLIC_WORDS.search(folded)
    if industry and public:
        return "industry" if industry.start() < public.start() else "public_partner"
    if industry:
        return "industry"
    return "public_partner" if public else None


def public_subtype(text: str | None) -> str | None:
    """Education, workforce, economic development, government or community, from an affiliation cell."""
    if not text:
        return None
    folded = fold(text)
    return next((name for name, words in PUBLIC_SUBTYPES if words.search(folded)), None)


def role(text: str | None) -> str:
    """'host', 'observer' or (the default) 'participant' from a role cell."""
    if not text:
        return "participant"
    lower = text.lower()
    exact = _ROLE_INDEX.get(fold(text))
    if exact is not None:
        return exact
    if _HOST_WORDS.search(lower):
        return "host"
    return "observer" if _OBSERVER_WORDS.search(lower) else "participant"


def unread_warnings(
    given: pd.Series, found: pd.Series, lines: pd.Series, *, label: str, what_happens: str
) -> list[str]:
    """One warning per unknown value (grouped as read: 'Smoke signal!' and 'smoke signal' are one), for
    the non-empty cells of ``given`` that ``found`` could not read."""
    unread = found.isna().to_numpy(dtype=bool)
    if not unread.any():
        return []
    codes, uniques = pd.factorize(given, use_na_sentinel=True)  # (each distinct cell checked once)
    filled = np.array([str(u).strip() != "" for u in np.asarray(uniques, dtype=object)] + [False], dtype=bool)
    odd = unread & filled[codes]
    if not odd.any():
        return []
    frame = pd.DataFrame({"value": given[odd].astype(object).astype(str), "line": lines[odd].astype("int64")})
    frame["key"] = each_distinct(frame["value"], fold)  # (each distinct value folded once)
    return [
        unread_warning(label, str(group["value"].iloc[0]), group["line"].tolist(), what_happens)
        for _, group in frame.groupby("key", sort=False)
    ]


def unread_warning(label: str, value: str, lines: list[int], what_happens: str) -> str:
    """'Channel 'smoke signal' (lines 3, 7) is not one we know; <what happens>.'"""
    shown = ", ".join(str(n) for n in lines[:5]) + (" and more" if len(lines) > 5 else "")
    word = "line" if len(lines) == 1 else "lines"
    return f"{label} {excerpt(value)!r} ({word} {shown}) is not one we know; {what_happens}."
