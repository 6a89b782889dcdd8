"""The partnership's health: the guide's four signs, the verdict, and what the Health page shows.

Owns the attendance counts the signs rest on (``attendance``), the signs and
the verdict (``diagnosis``), the set-based judge both rest on (``judge``: the
signs for any set of partnerships, one query per sign), their thresholds (``thresholds`` and
``thresholds.toml``, each number with its source), the convener's dated
reflection on the sector (``reflections``) and the page's overview with
plain-language takeaways (``overview``).

Rule: health reads; apart from a reflection it never writes. It may use
``meeting`` (overdue follow-through) and the base, never recruitment, imports
or hosting.
"""
