"""The portfolio's own set-based queries, beside the signs (which come from
:func:`refresh_core.health.judge.judge_partnerships`, the same judge ``diagnose`` uses): one row
per partnership each, for all of them at once. Parameters: ``$ids`` the partnerships, ``$d`` the
as-of date, ``$full`` the full-partnership kinds, ``$attendance`` the formats of attendance files.
"""

from __future__ import annotations

from refresh_core.meeting.followups import OVERDUE_COUNTS_SQL

# Overdue follow-through (by the clock's own rules) and the last attendance import, per partnership: an
# import of a prospect list, Eventbrite registrations or a typed-in asker is not attendance.
PLAN_SQL = f"""
WITH late AS ({OVERDUE_COUNTS_SQL}),
imports AS (
    SELECT partnership_id, max(imported_at) AS last_import FROM import_batch
    WHERE (partnership_id = ANY($ids)) AND (format = ANY($attendance)) GROUP BY partnership_id)
SELECT p.id, coalesce(late.overdue, 0) AS overdue, imports.last_import
FROM partnership p
LEFT JOIN late ON late.partnership_id = p.id
LEFT JOIN imports ON imports.partnership_id = p.id
WHERE (p.id = ANY($ids))
"""

# The next full-partnership meeting, its industry prospects who confirmed (or came) as of $d, and the
# partnership's show rate history before it (as ``recruitment.turnout.show_rate`` counts it).
TURNOUT_SQL = """
WITH nxt AS (
    SELECT DISTINCT ON (partnership_id) partnership_id, id, date, title FROM meeting
    WHERE (kind = ANY($full)) AND date >= $d AND (partnership_id = ANY($ids))
    ORDER BY partnership_id, date, id),
latest AS (
    SELECT s.prospect_id, (array_agg(s.status ORDER BY s.on_date DESC, s.seq DESC))[1] AS status
    FROM prospect_step s
    JOIN prospect p ON p.id = s.prospect_id JOIN nxt ON nxt.id = p.meeting_id
    WHERE s.on_date <= $d GROUP BY s.prospect_id),
came AS (
    SELECT DISTINCT nxt.id AS meeting_id, coalesce(x.merged_into_id, x.id) AS root_id FROM nxt
    JOIN meeting m ON m.partnership_id = nxt.partnership_id AND m.date = nxt.date AND m.kind <> 'action_team'
    JOIN attendance a ON a.meeting_id = m.id JOIN person x ON x.id = a.person_id
    WHERE nxt.date <= $d),
now AS (
    SELECT p.meeting_id,
           count(*) FILTER (WHERE o.kind = 'industry' AND (came.root_id IS NOT NULL
                            OR latest.status IN ('confirmed', 'attended'))) AS confirmed,
           count(*) FILTER (WHERE o.kind = 'industry' AND (came.root_id IS NOT NULL
                            OR latest.status = 'attended')) AS attended
    FROM prospect p JOIN latest ON latest.prospect_id = p.id JOIN person x ON x.id = p.person_id
    LEFT JOIN organisation o ON o.id = x.organisation_id
    LEFT JOIN came ON came.meeting_id = p.meeting_id AND came.root_id = coalesce(x.merged_into_id, x.id)
    GROUP BY p.meeting_id),
held AS (
    SELECT DISTINCT nxt.partnership_id, m.id, m.date FROM nxt
    JOIN meeting m ON m.partnership_id = nxt.partnership_id AND m.date < nxt.date
    WHERE m.id IN (SELECT meeting_id FROM prospect)
      AND EXISTS (SELECT 1 FROM meeting h JOIN attendance a ON a.meeting_id = h.id
                  WHERE h.partnership_id = m.partnership_id AND h.date = m.date)),
history AS (
    SELECT s.prospect_id, (array_agg(s.status ORDER BY s.on_date DESC, s.seq DESC))[1] AS status,
           bool_or(s.status = 'confirmed') AS confirmed
    FROM prospect_step s JOIN prospect p ON p.id = s.prospect_id JOIN held ON held.id = p.meeting_id
    GROUP BY s.prospect_id),
past_came AS (
    SELECT DISTINCT held.id AS meeting_id, coalesce(x.merged_into_id, x.id) AS root_id FROM held
    JOIN meeting m ON m.partnership_id = held.partnership_id AND m.date = held.date
         AND m.kind <> 'action_team'
    JOIN attendance a ON a.meeting_id = m.id JOIN person x ON x.id = a.person_id),
rate AS (
    SELECT held.partnership_id, count(*) FILTER (WHERE history.confirmed) AS confirmed,
           count(*) FILTER (WHERE history.confirmed AND (past_came.root_id IS NOT NULL
                            OR history.status = 'attended')) AS attended
    FROM held JOIN prospect p ON p.meeting_id = held.id JOIN history ON history.prospect_id = p.id
    JOIN person x ON x.id = p.person_id
    LEFT JOIN past_came ON past_came.meeting_id = held.id
         AND past_came.root_id = coalesce(x.merged_into_id, x.id)
    GROUP BY held.partnership_id)
SELECT nxt.partnership_id, nxt.date, nxt.title, coalesce(now.confirmed, 0), coalesce(now.attended, 0),
       coalesce(rate.confirmed, 0), coalesce(rate.attended, 0)
FROM nxt LEFT JOIN now ON now.meeting_id = nxt.id LEFT JOIN rate ON rate.partnership_id = nxt.partnership_id
"""
