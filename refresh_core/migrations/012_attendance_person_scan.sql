-- DuckDB answers "attendance of this person" by scanning: its index on attendance.person_id
-- was kept up on every import (measured: 0.29 s of the 0.86 s it takes to insert a million
-- attendance rows) and gave little back, because DuckDB plans joins and groupings as scans, and a
-- lookup of one person among a million attendance rows takes under 2 ms without it (0.8 ms with it).
-- The primary key (meeting_id, person_id) stays: it refuses a second attendance of a person at a
-- meeting.
DROP INDEX IF EXISTS attendance_person;
