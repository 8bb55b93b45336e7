-- Supervision at volume (docs/performance.md; measured with 1,000,000 cases).
-- A department's on-time rate per month reads only this index (covering).
CREATE INDEX cases_department_closed ON cases(department_code, clock_stopped_at, first_overdue_at);
-- The overdue list in two ordered parts: running clocks past their deadline (by deadline),
-- then closed or paused cases that went overdue (newest first); both counted from indexes.
CREATE INDEX cases_running_deadline ON cases(clock_state, deadline_at, first_overdue_at);
CREATE INDEX cases_overdue_since ON cases(first_overdue_at, clock_state);
