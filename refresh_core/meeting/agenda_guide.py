"""The refresh meeting's five parts as the practitioner guide describes them.

Time ranges, leads, purposes and facilitation prompts from the guide's agenda
table, and its "what works well / not so well" column (credit:
:data:`refresh_core.guidance.ATTRIBUTION`). Fitting minutes is ``agenda.py``.
"""

from __future__ import annotations

import re
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
