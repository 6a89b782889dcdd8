"""The refresh meeting's five-part agenda: fitting minutes to a length, and checking edits.

The parts, their time ranges, leads and prompts come from the practitioner
guide's agenda table (credit: :data:`refresh_core.guidance.ATTRIBUTION`).

How spare minutes ("slack" above the 80-minute minimum) are shared, always in
this order, so the same inputs give the same agenda:

1. "Where we're going" up to 40 minutes: it is the heart of the meeting.
2. "Welcome & introductions" up to the time introductions need: about a minute
   per expected attendee, 10 to 15 minutes (skipped when no head count is given).
3. "Where we're going" up to its 45-minute maximum.
4. "Where we've been" up to 15.
5. "Welcome & introductions" up to 15.
6. "Where we are" up to 20 last: the guide says spend no more than 15 there.

Past 110 minutes every part is at its maximum and the rest is spare time.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace

from refresh_core.errors import ValidationError
from refresh_core.meeting.agenda_guide import NOT_SO_WELL, PARTS, PartSpec, opener_warnings

SHORTEST = sum(p.low for p in PARTS)  # 80
LONGEST = sum(p.high for p in PARTS)  # 110
_BY_KEY = {p.key: p for p in PARTS}
_BY_TITLE = {p.title.lower(): p for p in PARTS}


@dataclass(frozen=True)
class AgendaItem:
    key: str
    title: str
    minutes: int
    start: dt.time
    end: dt.time
    low: int
    high: int
    lead: str
    prompts: tuple[str, ...]
    notes: str = ""


@dataclass(frozen=True)
class Agenda:
    start: dt.time
    total: int
    items: tuple[AgendaItem, ...]
    spare_minutes: int
    warnings: tuple[str, ...]
    attendees: int | None = None

    @property
    def end(self) -> dt.time:
        return _clock(self.start, self.total)

    @property
    def spare_note(self) -> str | None:
        """Where the minutes no part takes go (a plan, not a problem: never a warning)."""
        if not self.spare_minutes:
            return None
        minutes = f"{self.spare_minutes} minute{'s' if self.spare_minutes != 1 else ''}"
        goes = "go" if self.spare_minutes != 1 else "goes"
        return (f"The {minutes} left over {goes} to a break or networking time at the end (the run-of-show "
                "lists them), rather than stretching a part.")


def _clock(start: dt.time, minutes: int) -> dt.time:
    moment = dt.datetime.combine(dt.date(2000, 1, 1), start) + dt.timedelta(minutes=minutes)
    return moment.time()


def part_minutes(total: int, attendees: int | None = None) -> dict[str, int]:
    """Minutes per part key for a meeting of ``total`` minutes (at least 80)."""
    minutes = {p.key: p.low for p in PARTS}
    slack = total - SHORTEST
    welcome_need = min(15, max(10, attendees)) if attendees else 10
    for key, upto in (
        ("going", 40),
        ("welcome", welcome_need),
        ("going", 45),
        ("been", 15),
        ("welcome", 15),
        ("are", 20),
    ):
        give = max(0, min(slack, upto - minutes[key]))
        minutes[key] += give
        slack -= give
    return minutes


def build_items(
    start: dt.time,
    minutes: Sequence[int],
    *,
    specs: Sequence[PartSpec] = PARTS,
    notes: Sequence[str] | None = None,
    prompts: Sequence[Sequence[str]] | None = None,
) -> tuple[AgendaItem, ...]:
    """Back-to-back agenda items from ``start`` with the given minutes."""
    items, offset = [], 0
    for i, (spec, length) in enumerate(zip(specs, minutes, strict=True)):
        items.append(
            AgendaItem(
                spec.key,
                spec.title,
                int(length),
                _clock(start, offset),
                _clock(start, offset + int(length)),
                spec.low,
                spec.high,
                spec.lead,
                tuple(prompts[i]) if prompts else spec.prompts,
                notes[i] if notes else "",
            )
        )
        offset += int(length)
    return tuple(items)


def _check_inputs(start: dt.time, minutes: int, attendees: int | None) -> None:
    if minutes < SHORTEST:
        raise ValidationError(
            f"A meeting of {minutes} minutes cannot fit the five parts at their shortest: the shortest "
            f"workable refresh meeting is {SHORTEST} minutes (1 hour 20). Plan at least {SHORTEST} "
            "minutes; 2 hours leaves room for a break or networking."
        )
    ends = dt.datetime.combine(dt.date(2000, 1, 1), start) + dt.timedelta(minutes=minutes)
    if ends > dt.datetime(2000, 1, 2):
        raise ValidationError(
            f"Starting at {start:%H:%M}, a meeting of {minutes} minutes would run past "
            "midnight. Pick an earlier start or a shorter meeting."
        )
    if attendees is not None and attendees < 0:
        raise ValidationError("Expected attendees cannot be negative; leave it empty if unsure.")


def fit_agenda(*, start: dt.time, minutes: int, attendees: int | None = None) -> Agenda:
    """Propose minutes per part for a meeting of ``minutes`` starting at ``start``."""
    _check_inputs(start, minutes, attendees)
    fitted = part_minutes(min(minutes, LONGEST), attendees)
    items = build_items(start, [fitted[p.key] for p in PARTS])
    spare = minutes - LONGEST if minutes > LONGEST else 0  # told by Agenda.spare_note, not a warning
    return Agenda(start, minutes, items, spare, tuple(_headcount(attendees, items)), attendees)


def _headcount(attendees: int | None, items: Sequence[AgendaItem]) -> list[str]:
    """A warning when introductions (about a minute each) will not fit the welcome."""
    welcome = next((i.minutes for i in items if i.key == "welcome"), 0)
    if not attendees or attendees <= welcome:
        return []
    return [
        f"With about {attendees} people, introductions at a minute each take {attendees} minutes, "
        f"more than the {welcome} the welcome has: ask for name, company and one sentence each, "
        "and keep public partners' introductions short."
    ]


def reschedule(
    agenda: Agenda,
    *,
    minutes: Sequence[int],
    notes: Sequence[str] | None = None,
    prompts: Sequence[Sequence[str]] | None = None,
) -> Agenda:
    """The agenda with edited minutes (and notes/prompts), clock times recomputed and checked."""
    specs = [
        _BY_KEY.get(i.key, PartSpec(i.key, i.title, i.low, i.high, i.lead, "", i.prompts))
        for i in agenda.items
    ]
    items = build_items(
        agenda.start,
        minutes,
        specs=specs,
        notes=notes if notes is not None else [i.notes for i in agenda.items],
        prompts=prompts if prompts is not None else [i.prompts for i in agenda.items],
    )
    used = sum(i.minutes for i in items)
    rows = [
        {"part": i.title, "minutes": i.minutes, "notes": i.notes, "prompts": "\n".join(i.prompts),
         "lead": i.lead}
        for i in items
    ]
    return replace(
        agenda,
        items=items,
        spare_minutes=max(0, agenda.total - used),
        warnings=(*check_agenda(rows, total=agenda.total), *_headcount(agenda.attendees, items)),
    )


def _spec_for(row: Mapping[str, object]) -> PartSpec | None:
    return _BY_TITLE.get(str(row.get("part", "")).strip().lower())


def _range_warnings(rows: Sequence[Mapping[str, object]]) -> list[str]:
    out = []
    for row in rows:
        spec, length = _spec_for(row), int(str(row.get("minutes") or 0))
        if spec is None:
            continue
        if spec.key == "going" and length < spec.low:
            out.append(
                f'"Where we\'re going" has only {length} minutes: it is the heart of the meeting '
                "and needs at least 30 for the sticky wall and grouping ideas into categories."
            )
        elif not spec.low <= length <= spec.high:
            span = f"{spec.low}-{spec.high}" if spec.low != spec.high else str(spec.low)
            out.append(f'"{spec.title}" has {length} minutes; the guide suggests {span} minutes.')
    found = {s.key for s in (_spec_for(r) for r in rows) if s}
    out += [
        f'The agenda has no "{p.title}" part; the guide\'s five parts all matter.'
        for p in PARTS
        if p.key not in found
    ]
    return out


def check_agenda(parts: Sequence[Mapping[str, object]], *, total: int | None = None) -> list[str]:
    """Plain warnings for an edited agenda (rows with ``part``, ``minutes``, optional ``notes``)."""
    warnings = _range_warnings(parts)
    used = sum(int(str(r.get("minutes") or 0)) for r in parts)
    if total is not None and used > total:
        warnings.append(
            f"The parts add up to {used} minutes but the meeting is {total} minutes long: "
            "shorten a part or lengthen the meeting."
        )
    warnings += opener_warnings(parts)
    for row in parts:
        text = " ".join(str(row.get(k) or "") for k in ("part", "notes", "prompts"))
        match = NOT_SO_WELL.search(text)
        if match:
            warnings.append(
                f'"{row.get("part")}" mentions a {match.group(0).lower()}. The guide: a '
                'strategic discussion works well; "a presentation or a guest speaker" does '
                "not. Keep the focus on industry leaders talking with each other."
            )
    return warnings


def agenda_json(agenda: Agenda) -> dict[str, object]:
    """The ``agenda --json`` contract."""
    return {
        "parts": [
            {
                "part": i.title,
                "minutes": i.minutes,
                "start": f"{i.start:%H:%M}",
                "end": f"{i.end:%H:%M}",
                "range": [i.low, i.high],
            }
            for i in agenda.items
        ],
        "total": agenda.total,
        "spare_minutes": agenda.spare_minutes,
        "warnings": list(agenda.warnings),
        "spare_note": agenda.spare_note,
    }


def agenda_frame(agenda: Agenda) -> list[dict[str, object]]:
    """Rows for display: time, part, minutes, the guide's range, lead (spare time as a last row)."""
    rows: list[dict[str, object]] = [
        {
            "Time": f"{i.start:%H:%M}-{i.end:%H:%M}",
            "Part": i.title,
            "Minutes": i.minutes,
            "Guide": f"{i.low}-{i.high}" if i.low != i.high else str(i.low),
            "Lead": i.lead,
        }
        for i in agenda.items
    ]
    if agenda.spare_minutes:
        rows.append(
            {
                "Time": f"{agenda.items[-1].end:%H:%M}-{agenda.end:%H:%M}",
                "Part": "Spare: break or networking",
                "Minutes": agenda.spare_minutes,
                "Guide": "",
                "Lead": "Convener",
            }
        )
    return rows
