"""Reading sticky notes: typed one per line, or a CSV exported from an online whiteboard.

A whiteboard export has a text column (Text, Content, Note, Sticky, Idea...)
and sometimes a group column (Group, Cluster, Category, Section, Theme...).
Column names are matched loosely; HTML that some boards put in the text is
reduced to plain text.
"""

from __future__ import annotations

import csv
import html
import io
import re

import pandas as pd

from refresh_core.errors import ValidationError

TEXT_NAMES = ("text", "content", "note", "notes", "sticky", "stickynote", "idea", "ideas", "body")
GROUP_NAMES = ("group", "cluster", "category", "section", "theme", "frame", "area", "column", "topic")
_NOT_TEXT = ("id", "color", "colour", "type", "author", "date", "time", "url", "link", "tag")
MAX_IDEA = 500
MAX_IDEAS = 2000
_BULLET = re.compile(r"^\s*(?:[-*•·▪◦]|\d{1,3}[.)]|\[\s?\])\s+")
_TAG = re.compile(r"</?[A-Za-z][A-Za-z0-9-]*(?:\s[^<>]*)?/?>")  # a tag, not "pay < $18 and > $15"


def clean_idea(text: str) -> str:
    """One idea as plain text: tags and bullets removed, whitespace collapsed."""
    plain = html.unescape(_TAG.sub(" ", text))
    return " ".join(_BULLET.sub("", plain).split())


def parse_lines(text: str) -> list[str]:
    """Ideas typed one per line (bullets and numbering removed, blank lines skipped)."""
    ideas = [clean_idea(line) for line in text.splitlines()]
    return _checked([i for i in ideas if i])


def _checked(ideas: list[str]) -> list[str]:
    if len(ideas) > MAX_IDEAS:
        raise ValidationError(
            f"{len(ideas)} ideas is more than the {MAX_IDEAS} one wall can hold; "
            "split the file or remove empty rows."
        )
    for n, idea in enumerate(ideas, start=1):
        if len(idea) > MAX_IDEA:
            raise ValidationError(
                f"Idea {n} is {len(idea)} characters long (at most {MAX_IDEA}): a "
                "sticky note holds one short idea. Shorten or split it."
            )
    return ideas


def decode(data: bytes) -> str:
    """Text from bytes: UTF-16 or UTF-8 by byte-order mark, else UTF-8, else Windows-1252."""
    if data[:2] in (b"\xff\xfe", b"\xfe\xff"):
        return data.decode("utf-16")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return data.decode("cp1252", errors="replace")


def _key(name: str) -> str:
    return re.sub(r"[^a-z]", "", name.lower())


def _find(headers: list[str], names: tuple[str, ...], *, skip: int | None = None) -> int | None:
    keys = [_key(h) for h in headers]
    for i, k in enumerate(keys):
        if i != skip and k in names:
            return i
    for i, k in enumerate(keys):
        if i != skip and any(n in k for n in names) and not any(k.endswith(x) for x in _NOT_TEXT):
            return i
    return None


def _rows(text: str) -> list[list[str]]:
    sample = text[:4096]
    try:
        dialect: type[csv.Dialect] | csv.Dialect = csv.Sniffer().sniff(sample, delimiters=",;\t")
    except csv.Error:
        dialect = csv.excel
    return [r for r in csv.reader(io.StringIO(text), dialect) if any(c.strip() for c in r)]


def parse_whiteboard_csv(data: bytes) -> pd.DataFrame:
    """Sticky notes from a whiteboard CSV export: columns ``text`` and ``group`` (None if absent)."""
    rows = _rows(decode(data))
    if not rows:
        raise ValidationError("The file is empty: export the board's sticky notes as CSV and try again.")
    headers = [h.strip() for h in rows[0]]
    text_col = _find(headers, TEXT_NAMES)
    if text_col is None and len(headers) == 1:
        text_col = 0
    if text_col is None:
        raise ValidationError(
            f"No column with the sticky-note text found (columns: {', '.join(headers)}). Name it "
            "Text, Content, Note or Sticky, or paste the ideas one per line instead."
        )
    group_col = _find(headers, GROUP_NAMES, skip=text_col)
    body = rows[1:] if _key(headers[text_col]) in TEXT_NAMES or len(headers) > 1 else rows
    ideas, groups = [], []
    for row in body:
        idea = clean_idea(row[text_col]) if text_col < len(row) else ""
        if idea:
            ideas.append(idea)
            group = clean_idea(row[group_col]) if group_col is not None and group_col < len(row) else ""
            groups.append(group or None)
    return pd.DataFrame({"text": _checked(ideas), "group": pd.Series(groups, dtype=object)})
