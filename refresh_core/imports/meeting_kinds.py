"""A meeting's kind read from its title, with the words that decided it.

Conveners name their meetings in many ways: "Monthly Partnership Meeting",
"General Membership", "Q3 Full Partnership", "Spring Quarterly". All of these
are the partnership's regular full meetings (stored as ``quarterly``, whatever
the rhythm). The rules run in order, so "Talent Action Team kickoff" is an
action-team meeting, not a launch, and "Relaunch" is a refresh.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from refresh_core.enums import MeetingKind

# (kind, pattern); the first rule whose pattern is found in the title decides.
RULES: tuple[tuple[MeetingKind, re.Pattern[str]], ...] = (
    (MeetingKind.ACTION_TEAM, re.compile(
        r"\baction[\s_-]*teams?\b|\bteam\s+(?:meeting|call|huddle)\b", re.IGNORECASE)),
    (MeetingKind.REFRESH, re.compile(r"\brefresh(?!er)|\bre-?launch", re.IGNORECASE)),
    (MeetingKind.LAUNCH, re.compile(r"\blaunch|\bkick[\s-]?off\b", re.IGNORECASE)),
    (MeetingKind.QUARTERLY, re.compile(
        r"\bquarterly\b|\bq[1-4]\b|\b(?:bi-?|semi-?)?monthly\b|\bgeneral\s+(?:membership|meeting)\b"
        r"|\bfull[\s-]+partnership\b|\bfull\s+membership\b|\bmembership\s+meeting\b"
        r"|\bpartnership\s+meeting\b|\bregular\s+meeting\b|\ball[\s-]+partners?\b|\bsemi-?annual\b"
        r"|\bannual\s+meeting\b", re.IGNORECASE)),
)


@dataclass(frozen=True)
class KindGuess:
    """The kind a title names and the words in it that said so (None when nothing did)."""

    kind: MeetingKind
    because: str | None

    @property
    def recognised(self) -> bool:
        return self.because is not None


def infer_kind(title: str | None) -> KindGuess:
    """The kind of a meeting called ``title``: the first rule that matches, else ``other``."""
    text = " ".join(str(title or "").split())
    for kind, pattern in RULES:
        found = pattern.search(text)
        if found:
            return KindGuess(kind=kind, because=text[found.start():found.end()])
    return KindGuess(kind=MeetingKind.OTHER, because=None)


def kind_from_title(title: str | None) -> MeetingKind | None:
    """The kind a meeting title names, if any."""
    guess = infer_kind(title)
    return guess.kind if guess.recognised else None
