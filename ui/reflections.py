"""The "Has the sector changed?" form's memory: the partnership's last reflection, said in words and
ticked again in the form, so the convener changes what is no longer true instead of starting blank."""

from __future__ import annotations

import datetime as dt

from refresh_core import words
from refresh_core.guidance import CHANGE_LABELS
from refresh_core.health.reflections import Reflection, latest_reflection
from ui.session import conn

__all__ = ["last_reflection", "last_reflection_sentence"]


def last_reflection(partnership_id: int, *, today: dt.date) -> Reflection | None:
    """The partnership's most recent reflection answered on or before ``today``."""
    return latest_reflection(conn(), partnership_id=partnership_id, as_of=today)


def last_reflection_sentence(last: Reflection) -> str:
    """ "Your last reflection, on 27 Mar 2026: market forces and technology had changed; the agenda still
    fitted the industry. Its answers are ticked below: change what is no longer true, then save." """
    changes = [CHANGE_LABELS[k] for k in last.changed]
    changed = ("nothing had changed" if not changes else
               (", ".join(changes[:-1]) + " and " + changes[-1] if len(changes) > 1 else changes[0])
               + " had changed")
    fits = "still fitted" if last.agenda_still_fits else "no longer fitted"
    return (f"Your last reflection, on {words.day(last.answered_on)}: {changed}; the agenda {fits} the "
            "industry. Its answers are ticked below: change what is no longer true, then save.")
