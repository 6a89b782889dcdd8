"""The refresh meeting's five parts as the practitioner guide describes them.

Time ranges, leads, purposes and facilitation prompts from the guide's agenda
table, and its "what works well / not so well" column (credit:
:data:`refresh_core.guidance.ATTRIBUTION`). Fitting minutes is ``agenda.py``.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

KEY_QUESTION = (
    "What do we need to do together (that no one company could do on its own) in order to "
    "capitalize on opportunities to strengthen and grow our industry here?"
)
CALL_FOR_CHAMPIONS = (
    "Who will champion this? Champions are industry leaders who volunteer to join at least one "
    "follow-up call to flesh out the idea, develop a work plan, and define immediate deliverables "
    "and wins."
)
NOT_SO_WELL = re.compile(
    r"\b(presentations?|presenters?|guest speakers?|speakers?|keynotes?|panels?|panelists?|"
    r"powerpoint|slide ?decks?|slides|webinars?|lectures?)\b",
    re.IGNORECASE,
)

# R17: "Start by setting the right tone by having one or more of your business champions kick
# off and welcome the group." A part I lead or note naming a public-partner role next to an
# opening verb ("Workforce board director opens") is not a business champion opening.
CHAMPION_OPENS = (
    "Start by setting the right tone by having one or more of your business champions kick off "
    "and welcome the group."
)
PUBLIC_ROLE = re.compile(
    r"\b(workforce|college|university|community college|school|superintendent|dean|provost|mayor|"
    r"city (?:manager|council|official)|county (?:commissioner|executive|administrator|official)|governor|"
    r"commissioner|council ?member|chamber|economic development|edc|sbdc|nonprofit|non-profit|agency|"
    r"public partners?|convener|convening|staff|facilitator|elected|official|senator|legislator|"
    r"board (?:chair|director|president)|executive director|program (?:manager|director))\b",
    re.IGNORECASE,
)
OPENING = re.compile(
    r"\b(opens?|opening|welcomes?|welcoming|kicks? off|kicking off|kickoff|leads?|starts?|chairs?|"
    r"emcees?|mcs?|hosts?|introduces the meeting)\b",
    re.IGNORECASE,
)


_CLAUSE = re.compile(r"[;:,.()\n]|\b(?:then|and|after)\b", re.IGNORECASE)


def public_opener(text: str) -> str | None:
    """The first line of ``text`` where one clause has a public-partner role open the meeting
    ("Workforce board director opens"; not "Ana (Acme) opens, thank the college for the room")."""
    for line in text.splitlines():
        if any(PUBLIC_ROLE.search(c) and OPENING.search(c) for c in _CLAUSE.split(line) if c):
            return line.strip()
    return None


@dataclass(frozen=True)
class PartSpec:
    key: str
    title: str
    low: int
    high: int
    lead: str
    purpose: str
    prompts: tuple[str, ...]


PARTS: tuple[PartSpec, ...] = (
    PartSpec(
        "welcome",
        "Welcome & introductions",
        10,
        15,
        "A business champion",
        "Set the tone: a business champion opens, then every industry leader introduces "
        "themselves. Time well spent: it is how they get to know each other.",
        (
            "Welcome the group and say, in your own words, why this partnership matters to your business.",
            "Introductions from every industry leader in the room: name, company, and one thing "
            "they hope the industry can do together.",
        ),
    ),
    PartSpec(
        "been",
        "Where we've been",
        10,
        15,
        "One or more industry champions",
        "Champions reflect on the partnership to date and celebrate, teeing up the next chapter.",
        (
            "Why did we initially come together?",
            "What have our most significant accomplishments been?",
            "What work is ongoing? What work has been completed?",
            "What did we learn, including what did not work?",
            "What core principles guide our work? Reaffirm them, or say what should change.",
        ),
    ),
    PartSpec(
        "are",
        "Where we are",
        15,
        20,
        "Facilitator",
        "A warm-up discussion on where the industry is today, to bring in new voices. "
        "Spend no more than 15 minutes here.",
        (
            "What are the biggest opportunities and trends shaping our industry in this region?",
            "What has you most excited about where the industry is going? What makes you nervous?",
            "What has changed in our industry since we initially launched?",
        ),
    ),
    PartSpec(
        "going",
        "Where we're going",
        30,
        45,
        "Facilitator",
        "The heart of the agenda: field ideas on a sticky wall and group them into categories; "
        "these become the basis of new action teams.",
        (
            KEY_QUESTION,
            "Acknowledge the action teams you plan to continue, then invite ideas on how to go "
            "further or deeper with that work.",
            "Make space for new ideas: what could the partnership tackle, and what would that "
            "look like and require?",
            "Group the ideas into categories.",
        ),
    ),
    PartSpec(
        "commitments",
        "Commitments & next steps",
        15,
        15,
        "Facilitator, with the champions",
        "Set priorities by calling for champions, then recap and outline next steps.",
        (
            CALL_FOR_CHAMPIONS,
            "No champion, no initiative: if no one signs up for a priority, take it off the agenda for now.",
            "Recap what we discussed and the next steps: a survey and first action-team meetings "
            "within two weeks, the next full-partnership meeting within 90 days.",
        ),
    ),
)


def opener_warnings(parts: Sequence[Mapping[str, object]]) -> list[str]:
    """R17: part I is opened by a business champion, not by a public partner or the facilitator.
    ``parts`` are agenda rows with ``part`` (the title) and optional ``lead``, ``notes``, ``prompts``."""
    welcome = PARTS[0]
    out = []
    for row in parts:
        if str(row.get("part", "")).strip().lower() != welcome.title.lower():
            continue
        found = public_opener("\n".join(str(row.get(k) or "") for k in ("lead", "notes", "prompts")))
        if found:
            out.append(
                f'"{welcome.title}" has \u201c{found}\u201d: part I should be opened by a business '
                f"champion, not a public partner. The guide: \u201c{CHAMPION_OPENS}\u201d Public partners "
                "can thank the hosts after the champion's welcome."
            )
    return out
