-- PostgreSQL twin of ../012_attendance_person_scan.sql. PostgreSQL keeps its index on
-- attendance.person_id: its planner uses it for the person pages, for merges and to check the
-- foreign key to person when a person is deleted. Nothing changes here; this file keeps the two
-- stores' migration numbers in step.
SELECT 1;
