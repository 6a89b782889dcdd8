"""Running the product for others: sign-in, share links, conveners, backups, exports, the demo.

Owns roles, passwords and share links (``access``), the list of conveners
(``conveners``), backup and restore (``backup``, ``archive``), the
formula-safe export of every table (``export``) and the demo partnerships
(``demo``). The viewer guard itself is in the base (:mod:`refresh_core.guard`).

Rule: hosting may use any domain; no domain imports hosting.
"""
