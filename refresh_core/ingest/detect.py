"""Which kind of attendance file is this? A short list of rules, most specific first."""

from __future__ import annotations

from collections.abc import Callable

from refresh_core.ingest.columns import compact, find_header, first_row, recognise
from refresh_core.ingest.errors import UnrecognisedFormat
from refresh_core.ingest.meet import is_rollcall
from refresh_core.ingest.model import Format
from refresh_core.ingest.sheet import Sheet
from refresh_core.ingest.table import body
from refresh_core.ingest.teams import looks_like_report
from refresh_core.ingest.zoom import has_block

Found = tuple[Format, float] | None
Rule = Callable[[Sheet, int, dict[str, int], tuple[str, ...]], Found]
_FORM_STAMPS = {"timestamp", "horodateur", "marcatemporal", "carimbodedatahora", "zeitstempel"}


def _layout(sheet: Sheet) -> Found:
    if is_rollcall(sheet):
        return Format.MEET, 0.95
    if looks_like_report(sheet):
        return Format.TEAMS, 0.95
    if has_block(sheet):
        return Format.ZOOM, 0.95
    return None


def _columns(sheet: Sheet, pos: int, colmap: dict[str, int], header: tuple[str, ...]) -> Found:
    if "action" in colmap and "timestamp" in colmap:
        return Format.TEAMS, 0.95
    if "order" in colmap and ("status" in colmap or "ticket_type" in colmap):
        return Format.EVENTBRITE, 0.95
    keys = [compact(h) for h in header]
    if "upn" in colmap:
        return Format.TEAMS, 0.9
    if any("originalname" in k or "元の名前" in k or k == "attentivenessscore" for k in keys):
        return Format.ZOOM, 0.9
    if "attendanceduration" in keys or "attendeeemail" in keys:
        return Format.WEBEX, 0.9
    if "timejoined" in keys or "timeexited" in keys:
        return Format.MEET, 0.85
    if keys and keys[0] in _FORM_STAMPS:
        return Format.FORMS, 0.9
    return None


def _sessions(sheet: Sheet, pos: int, colmap: dict[str, int], header: tuple[str, ...]) -> Found:
    """A name plus join/leave/duration columns: decide by how durations are written."""
    if not ({"join", "leave"} & colmap.keys()) or "minutes" not in colmap:
        return None
    sample = body(sheet, pos, colmap).cells("minutes").head(50)
    spelled = sample.str.contains(r"[0-9]\s*[hms]\b", regex=True).any()
    if spelled:
        return Format.TEAMS, 0.75
    if sheet.encoding.startswith("utf-16"):
        return Format.WEBEX, 0.7
    return Format.ZOOM, 0.7


def _signin(sheet: Sheet, pos: int, colmap: dict[str, int], header: tuple[str, ...]) -> Found:
    extra = len(colmap.keys() - {"name", "first_name", "last_name", "email"})
    return Format.SIGNIN, min(0.9, 0.6 + 0.1 * extra)


_RULES: tuple[Rule, ...] = (_columns, _sessions, _signin)


def detect_sheet(sheet: Sheet) -> tuple[Format, float]:
    """Detect the format of a loaded sheet; raise UnrecognisedFormat with the header found."""
    found = _layout(sheet)
    if found is not None:
        return found
    pos = find_header(sheet)
    if pos is None:
        raise UnrecognisedFormat(sheet.file_name, first_row(sheet))
    header = tuple(sheet.row(pos))
    colmap = recognise(list(header))
    for rule in _RULES:
        found = rule(sheet, pos, colmap, header)
        if found is not None:
            return found
    raise UnrecognisedFormat(sheet.file_name, header)
