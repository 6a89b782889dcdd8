"""The portfolio's three set-based queries: one row per partnership each, for all of them at once.

They gather the facts ``health.diagnosis`` judges, by the same definitions (see
each sign's function there): full-partnership meetings with attendance recorded,
distinct attendees by their organisation's kind, newcomers since the window's
start, the latest reflection, priorities and team activity. ``portfolio.py``
judges them with the same thresholds. Parameters: ``$ids`` the partnerships,
``$d`` the as-of date, ``$full`` the full-partnership kinds, and the windows.
"""

from __future__ import annotations

# Sign 1 (the room and the trend), sign 2 (newcomers) and sign 1's idle teams, per partnership.
ATTENDANCE_SQL = """
WITH fa AS (  -- every attendance at a full-partnership meeting, with the attendee's kind
    SELECT m.partnership_id, m.id AS meeting_id, m.date, a.person_id, p.organisation_id, o.kind
    FROM meeting m JOIN attendance a ON a.meeting_id = m.id
    JOIN person p ON p.id = a.person_id LEFT JOIN organisation o ON o.id = p.organisation_id
    WHERE m.date <= $d AND (m.kind = ANY($full)) AND (m.partnership_id = ANY($ids))),
fm AS (
    SELECT partnership_id, meeting_id AS id, date,
           count(*) FILTER (WHERE kind = 'industry') AS industry,
           count(*) FILTER (WHERE kind = 'public_partner') AS public_partner
    FROM fa GROUP BY partnership_id, meeting_id, date),
ranked AS (
    SELECT *, row_number() OVER (PARTITION BY partnership_id ORDER BY date DESC, id DESC) AS back,
           count(*) OVER (PARTITION BY partnership_id) AS n
    FROM fm),
room AS (
    SELECT partnership_id, max(n) AS meetings,
           max(date) FILTER (WHERE back = 1) AS latest_date,
           max(industry) FILTER (WHERE back = 1) AS latest_industry,
           max(public_partner) FILTER (WHERE back = 1) AS latest_public,
           sum(industry) FILTER (WHERE back <= $w) AS recent_sum,
           sum(industry) FILTER (WHERE back > $w AND back <= 2 * $w) AS prior_sum,
           array_agg(industry ORDER BY date, id) FILTER (WHERE back <= 3) AS last_three
    FROM ranked GROUP BY partnership_id),
pp AS (  -- each industry leader: first and last full meeting (a person has one organisation)
    SELECT partnership_id, person_id, organisation_id, min(date) AS first_seen, max(date) AS last_seen
    FROM fa WHERE kind = 'industry' GROUP BY partnership_id, person_id, organisation_id),
people AS (  -- someone (some company) first seen after the window's start came only within it
    SELECT partnership_id, count(*) FILTER (WHERE last_seen > $start) AS people,
           count(*) FILTER (WHERE first_seen > $start) AS new_people
    FROM pp GROUP BY partnership_id),
companies AS (
    SELECT partnership_id, count(*) FILTER (WHERE first_seen > $start) AS new_orgs
    FROM (SELECT partnership_id, organisation_id, min(first_seen) AS first_seen
          FROM pp GROUP BY partnership_id, organisation_id) AS firsts
    GROUP BY partnership_id),
busy_teams AS (
    SELECT DISTINCT m.action_team_id AS team_id
    FROM meeting m JOIN attendance a ON a.meeting_id = m.id
    JOIN person p ON p.id = a.person_id JOIN organisation o ON o.id = p.organisation_id
    WHERE m.kind = 'action_team' AND m.date > $team_since AND m.date <= $d AND o.kind = 'industry'
      AND (m.partnership_id = ANY($ids))),
idle AS (
    SELECT partnership_id, count(*) AS idle_teams FROM action_team
    WHERE status = 'active' AND chartered_on <= $team_since AND (partnership_id = ANY($ids))
      AND id NOT IN (SELECT team_id FROM busy_teams)
    GROUP BY partnership_id),
firsts AS (
    SELECT partnership_id, min(date) AS first_meeting FROM meeting
    WHERE (partnership_id = ANY($ids)) GROUP BY partnership_id)
SELECT p.id, room.meetings, room.latest_date, room.latest_industry, room.latest_public,
       room.recent_sum, room.prior_sum, room.last_three,
       people.people, people.new_people, companies.new_orgs,
       coalesce(idle.idle_teams, 0) AS idle_teams, firsts.first_meeting
FROM partnership p
LEFT JOIN room ON room.partnership_id = p.id
LEFT JOIN people ON people.partnership_id = p.id
LEFT JOIN companies ON companies.partnership_id = p.id
LEFT JOIN idle ON idle.partnership_id = p.id
LEFT JOIN firsts ON firsts.partnership_id = p.id
WHERE (p.id = ANY($ids))
"""

# Sign 3 (the latest reflection), sign 4 (priorities), overdue follow-through, the last import.
PLAN_SQL = """
WITH refl AS (
    SELECT DISTINCT ON (partnership_id) partnership_id, answered_on, agenda_still_fits,
           market_forces_changed OR new_companies_changed OR regulation_changed
               OR technology_changed OR global_events_changed AS any_change
    FROM sector_reflection WHERE answered_on <= $d AND (partnership_id = ANY($ids))
    ORDER BY partnership_id, answered_on DESC, id DESC),
pr AS (
    SELECT id, partnership_id, status, identified_on, identified_meeting_id FROM priority
    WHERE identified_on <= $d AND (partnership_id = ANY($ids))),
recent_q AS (
    SELECT partnership_id, id, date FROM (
        SELECT partnership_id, id, date,
               row_number() OVER (PARTITION BY partnership_id ORDER BY date DESC, id DESC) AS back
        FROM meeting WHERE (kind = ANY($full)) AND date <= $d
          AND (partnership_id = ANY($ids))) AS numbered
    WHERE back <= $n),
busy AS (
    SELECT DISTINCT t.priority_id FROM action_team t
    JOIN meeting m ON m.action_team_id = t.id AND m.kind = 'action_team'
    WHERE m.date > $agenda_since AND m.date <= $d AND (t.partnership_id = ANY($ids))),
fresh AS (
    SELECT DISTINCT pr.id, pr.partnership_id FROM pr JOIN recent_q q ON q.partnership_id = pr.partnership_id
    AND (q.id = pr.identified_meeting_id OR q.date = pr.identified_on)),
full_m AS (
    SELECT partnership_id, id, date FROM meeting
    WHERE (kind = ANY($full)) AND date <= $d AND (partnership_id = ANY($ids))),
freshness AS (
    SELECT f.partnership_id, min(f.date) AS first_full,
           (SELECT max(pr.identified_on) FROM pr WHERE pr.partnership_id = f.partnership_id
              AND (pr.identified_meeting_id IN
                       (SELECT id FROM full_m x WHERE x.partnership_id = f.partnership_id)
                   OR pr.identified_on IN
                       (SELECT date FROM full_m x WHERE x.partnership_id = f.partnership_id)))
               AS last_new_full
    FROM full_m f GROUP BY f.partnership_id),
agenda AS (
    SELECT partnership_id, count(*) AS priorities,
           count(*) FILTER (WHERE status = 'active') AS active,
           count(*) FILTER (WHERE status = 'active' AND id IN (SELECT priority_id FROM busy)) AS busy,
           count(*) FILTER (WHERE id IN (SELECT id FROM fresh)) AS new_recent
    FROM pr GROUP BY partnership_id),
late AS (
    SELECT f.partnership_id, count(*) AS overdue FROM followup f JOIN meeting m ON m.id = f.meeting_id
    WHERE (f.done_on IS NULL OR f.done_on > $d) AND f.due_on < $d AND (f.partnership_id = ANY($ids))
    GROUP BY f.partnership_id),
imports AS (
    SELECT partnership_id, max(imported_at) AS last_import FROM import_batch
    WHERE (partnership_id = ANY($ids)) GROUP BY partnership_id)
SELECT p.id, refl.answered_on, refl.agenda_still_fits, refl.any_change,
       coalesce(agenda.priorities, 0) AS priorities, coalesce(agenda.active, 0) AS active,
       coalesce(agenda.busy, 0) AS busy, coalesce(agenda.new_recent, 0) AS new_recent,
       coalesce(late.overdue, 0) AS overdue, imports.last_import,
       freshness.first_full, freshness.last_new_full
FROM partnership p
LEFT JOIN freshness ON freshness.partnership_id = p.id
LEFT JOIN refl ON refl.partnership_id = p.id
LEFT JOIN agenda ON agenda.partnership_id = p.id
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
