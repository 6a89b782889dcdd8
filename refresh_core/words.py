"""Counted nouns in a person's words: "1 meeting", "2 meetings", "1,200 attendance records"; and a
day as people write it, "7 Nov 2026" (no leading zero: :func:`day`).

One place decides the plural, so every sentence the product writes gets it the same way:
:func:`plural` gives the word alone (for a sentence that places the number itself), :func:`count`
the number and the word. A plural that is not the word plus "s" ("person"/"people", "prospect
is"/"prospects are") is given as ``many``.
"""

from __future__ import annotations

import datetime as dt

__all__ = ["count", "day", "plural"]


def plural(n: int, one: str, many: str | None = None) -> str:
    """``one`` for exactly one thing, else ``many`` (by default ``one`` with an "s"): the word for ``n``
    things, 0 included ("0 meetings")."""
    return one if n == 1 else (one + "s" if many is None else many)


def count(n: int, one: str, many: str | None = None) -> str:
    """``n`` and the word for it: "1 meeting", "1,200 meetings" (thousands separated)."""
    return f"{n:,} {plural(n, one, many)}"


def day(when: object, rest: str = "%b %Y") -> str:
    """``when`` (a date, a datetime or a pandas Timestamp, as a table's cell gives it) as people write a
    day: "7 Nov 2026", or with ``rest`` (the strftime of what follows the day) "7 November 2026",
    "7 November"; never "07 Nov"."""
    if not isinstance(when, dt.date):
        raise TypeError(f"A day is a date, not {when!r}.")
    return f"{when.day} {when:{rest}}"
