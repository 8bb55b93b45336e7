-- cases_urgency (clock_state, deadline_at) is a prefix of cases_running_deadline
-- (clock_state, deadline_at, first_overdue_at, migration 0050), which serves every query it
-- served; keeping both only made each clock change write one more index (issue 7).
DROP INDEX IF EXISTS cases_urgency;
