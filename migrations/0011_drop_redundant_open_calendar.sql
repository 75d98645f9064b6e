-- disclose 0011: one index fewer on every write of an open request
-- (issue 5).
--
-- requests_open_calendar (calendar_generation) has the same predicate as
-- requests_open_stale (calendar_generation, id) from 0009, of which it is
-- a prefix: every statement that could use it can use the other, and since
-- 0008 and 0009 none does (the sweep's stale page reads the range of
-- requests_open_stale, the dashboard reads its counts). A transition is
-- never a HOT update (it changes indexed columns), so each index of the open
-- requests costs an entry per transition and per submission.

DROP INDEX requests_open_calendar;
