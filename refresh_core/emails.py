"""The one email parser: every path (attendance files, prospect lists, forms, convener sign-in) reads
addresses with :func:`parse_email`.

It accepts what people paste: ``Jane Doe <jane@x.org>``, ``"jane@x.org"``, ``mailto:jane@x.org``,
``jane@x.org.`` or ``(jane@x.org);`` and returns the bare address in lower case, or None when the
text holds no plausible address. :data:`PLAIN` is the shape of an address already bare (the fast
vectorised path in ``ingest.classify`` uses the same shape).
"""

from __future__ import annotations

import re

_NOT_IN_ADDRESS = r"\s@<>(),;:\"'\[\]"
PLAIN = re.compile(rf"^[^{_NOT_IN_ADDRESS}]+@[^{_NOT_IN_ADDRESS}]+\.[^{_NOT_IN_ADDRESS}.\d]{{2,}}$")
_ANGLED = re.compile(r"<\s*(?:mailto:)?([^<>]*@[^<>]*?)\s*>")
_EDGES = " \t\r\n\"'`<>()[]{}.,;:!?\u00a0\u2018\u2019\u201c\u201d"
_MAILTO = re.compile(r"^mailto:", re.IGNORECASE)
_SPLIT = re.compile(r"[\s,;]+")


def parse_email(text: object) -> str | None:
    """The address in ``text`` (lower case), or None. A display name around it is dropped."""
    if text is None or not isinstance(text, str):
        return None
    raw = text.strip()
    if not raw or "@" not in raw or len(raw) > 400:
        return None
    angled = _ANGLED.search(raw)
    candidates = [angled.group(1)] if angled else _SPLIT.split(raw)
    for candidate in candidates:
        clean = _MAILTO.sub("", candidate.strip(_EDGES)).strip(_EDGES).lower()
        if PLAIN.match(clean):
            return clean
    return None


def display_name(text: object) -> str | None:
    """The name in ``Jane Doe <jane@x.org>`` (quotes removed), or None."""
    if not isinstance(text, str) or "<" not in text:
        return None
    name = text.split("<", 1)[0].strip().strip("\"'").strip()
    return name or None
