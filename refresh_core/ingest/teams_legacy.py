"""Legacy Teams attendance list (2020): a join/leave event log; minutes come from pairing events."""

from __future__ import annotations

import re

import pandas as pd

from refresh_core.ingest import dates
from refresh_core.ingest.assemble import Options, Rejects, finish
from refresh_core.ingest.classify import map_unique
from refresh_core.ingest.durations import whole_minutes
from refresh_core.ingest.model import Outcome
from refresh_core.ingest.table import Table, draft_of

_JOIN = re.compile(
    r"^(?:joined|entrou|beigetreten|a rejoint|rejoint|s'est joint|se unió|unido|si è unito|ha entrado|"
    r"deelgenomen|toegetreden|dołączył|参加)",
    re.IGNORECASE,
)
_LEAVE = re.compile(
    r"^(?:left|saiu|verlassen|hat verlassen|a quitté|quitté|est parti|salió|abandonó|ha salido|uscito|"
    r"vertrokken|opuścił|退出)",
    re.IGNORECASE,
)


def _action(text: str) -> str | None:
    if _JOIN.match(text):
        return "join"
    return "leave" if _LEAVE.match(text) else None


def pair_minutes(keys: pd.Series, when: pd.Series, kinds: pd.Series) -> pd.Series:
    """Total seconds in the meeting per event row of each person's first event (others NaN).

    A leave without an open join counts from the first event of the file (the person was
    already in); a join that never closes counts to the last event of the file.
    """
    start, end = when.min(), when.max()
    order = pd.DataFrame({"k": keys, "t": when, "a": kinds}).sort_values(["k", "t"], kind="stable")
    totals: dict[object, float] = {}
    first_row: dict[object, object] = {}
    open_at: dict[object, pd.Timestamp] = {}
    for idx, key, at, action in zip(order.index, order["k"], order["t"], order["a"], strict=True):
        first_row.setdefault(key, idx)
        totals.setdefault(key, 0.0)
        if action == "join":
            open_at.setdefault(key, at)
        else:
            began = open_at.pop(key, start)
            totals[key] += (at - began).total_seconds()
    for key, began in open_at.items():
        totals[key] += (end - began).total_seconds()
    firsts = pd.Series({idx: totals[key] for key, idx in first_row.items()}, dtype=float)
    return firsts.reindex(keys.index)


def parse_event_log(table: Table, date_order: str) -> Outcome:
    rejects = Rejects(table.sheet)
    draft = draft_of(table)
    stamps = table.cells("timestamp")
    order, warnings = dates.choose_order([stamps], date_order)
    when = dates.parse_datetimes(stamps, order)
    bad = when.isna()
    rejects.add(
        draft[bad], table.label("timestamp"), "'" + stamps + "' is not a date and time",
        "Fix the cell or choose the other date order, then upload again.",
    )  # fmt: skip
    actions = table.cells("action")
    kinds = map_unique(actions, _action)
    unknown = kinds.isna() & ~bad
    rejects.add(
        draft[unknown], table.label("action"), "'" + actions + "' is neither a join nor a leave",
        "Use Joined or Left in that column, or delete the row, then upload again.",
    )  # fmt: skip
    keep = ~bad & ~unknown
    draft, when, kinds = draft[keep], when[keep], kinds[keep]
    keys = draft["name"].str.casefold().str.strip()
    draft["minutes"] = whole_minutes(pair_minutes(keys, when, kinds) / 60)
    if len(when):
        draft["meeting_date"] = pd.Timestamp(when.min()).normalize()
    opts = Options(guest_suffix=True, name_column=table.label("name"))
    rows, codes, merged = finish(draft, rejects, table.sheet.file_name, opts)
    return Outcome(rows, rejects.frame(), tuple(warnings), order, table.header, codes, merged)
