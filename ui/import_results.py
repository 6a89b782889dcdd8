"""Sentences the Import attendance page shows once an import is done."""

from __future__ import annotations

from refresh_core import words
from refresh_core.imports.apply import ImportResult


def skipped_rows(result: ImportResult, *, lines: int = 3) -> str | None:
    """The rows an import skipped, in one sentence: how many, why, and their first ``lines`` line numbers
    per reason (None when every row was read). The preview said so before the import; the result stays."""
    if not result.rows_rejected:
        return None
    reasons: dict[str, list[int]] = {}
    for line, _column, reason in result.rejected:
        reasons.setdefault(reason, []).append(line)
    parts = []
    for reason, at in sorted(reasons.items(), key=lambda item: -len(item[1])):
        shown = ", ".join(str(n) for n in at[:lines])
        more = f" and {len(at) - lines:,} more" if len(at) > lines else ""
        parts.append(f"{reason} ({words.plural(len(at), 'line', 'lines')} {shown}{more})")
    why = f": {'; '.join(parts)}" if parts else ""
    skipped = words.count(result.rows_rejected, "row")
    return f"{result.file}: {skipped} {words.plural(result.rows_rejected, 'was', 'were')} skipped{why}."



def repeats_note(merged: int) -> str | None:
    """Why the rows read outnumber the attendance: rows that repeat a person at the same meeting (a call
    left and joined again, a form sent twice) count once, with that person's first row (None when no row
    repeats)."""
    if not merged:
        return None
    rows = words.count(merged, "row")
    return (
        f"{rows} {words.plural(merged, 'repeats', 'repeat')} someone already listed for the same meeting "
        "(they left and joined again, or signed in twice), so each person counts once per meeting."
    )


def rows_listed(merged: int) -> str:
    """The title of the preview's list of the file's rows: it lists each person once per meeting, so
    when rows repeat someone it says why it is shorter than "Rows read" and has gaps in its line numbers."""
    if not merged:
        return "Rows read from the file"
    rows = words.count(merged, "row")
    return (
        f"Rows read from the file, each person once per meeting ({rows} that "
        f"{words.plural(merged, 'repeats', 'repeat')} someone {words.plural(merged, 'is', 'are')} "
        "counted in their first row)"
    )
