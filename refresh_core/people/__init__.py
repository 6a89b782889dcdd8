"""People and organisations: who is who, and who counts as industry.

Owns matching keys for names, organisations and titles (``keys``), matching a
file's people to those on record and the review queue (``matching``),
reversible merges (``merges``) and organisations with their classification
rules (``organisations``).

Rule: people depends only on the base; imports and recruitment build on it.
"""
