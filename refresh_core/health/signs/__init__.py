"""The four signs that a partnership needs a refresh, one module each, and what they share.

Each sign module holds its rule once, in two parts: ``FACTS_SQL``, one set-based query giving one row
of facts per partnership for any set of partnerships, and ``judge``, a pure function reading a row
into a :class:`~refresh_core.health.signs.common.Sign` (status, sentence, evidence).
:mod:`refresh_core.health.judge` runs them for a set; ``diagnose`` (a set of one) and the portfolio
(every partnership at once) both go through it.
"""
