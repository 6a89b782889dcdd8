"""The refresh meeting and what follows it: agenda, meeting day, the plan, follow-through.

Owns the five-part agenda (``agenda``, ``agenda_guide``, ``agenda_store``), the
run-of-show (``runofshow``) and "where we've been" (``history``), the sticky
wall (``stickywall``, ``whiteboard``), the call for champions (``champions``,
``volunteers``), the recap (``recap``), the follow-through clock
(``followups``), the living plan of priorities, teams and accomplishments
(``priorities``, ``teams``) and the meeting summary (``summary``).

Rule: meeting depends only on the base.
"""
