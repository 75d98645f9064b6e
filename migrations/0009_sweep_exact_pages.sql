-- disclose 0009: the deadline worker reads only what it must act on
-- (issue 5).
--
-- Each page of a pass is an exact range of one of these indexes, read in
-- index order and keyset-paged on the whole key, so a pass visits its
-- candidates and nothing else, and a page never re-reads or sorts the
-- candidates of the pages before it.
--
-- * requests_open_stale (calendar_generation, id), beside
--   requests_open_calendar of 0003 (calendar_generation), which could only
--   filter `calendar_generation <> current`: every pass read all open
--   requests to find none stale. Stale is `calendar_generation < current`
--   (the generation only grows). After an import, when every open request
--   is stale, a page of 200 now reads 200 rows; ordering the range of
--   requests_open_calendar by id, or walking the primary key, reads them
--   all for every page. The old index stays: the dashboard's counts walk
--   it as the open requests in heap order (one key value), twice as fast
--   as through any other index.
-- * requests_open_escalation_level (escalation, due_on, id) replaces
--   requests_open_escalation (due_on, escalation), which gave one range on
--   due_on for both questions, so the requests already escalated as due
--   soon and not yet overdue were read by every pass. Leading with
--   escalation makes each question a range of its own: escalation = 0 and
--   due_on <= the due-soon threshold; escalation = 1 and due_on < today.
-- * requests_open_lapse (hold_lapses_on, id) replaces
--   requests_open_hold_lapse (hold_lapses_on), which returned its range in
--   hold_lapses_on order while the page was keyed on id: each page sorted
--   all remaining lapses again.

CREATE INDEX requests_open_stale ON requests (calendar_generation, id)
  WHERE state IN ('received', 'assigned', 'drafted', 'reviewed');

CREATE INDEX requests_open_escalation_level ON requests (escalation, due_on, id)
  WHERE hold IS NULL AND escalation < 2
    AND state IN ('received', 'assigned', 'drafted', 'reviewed');
DROP INDEX requests_open_escalation;

CREATE INDEX requests_open_lapse ON requests (hold_lapses_on, id)
  WHERE hold IS NOT NULL
    AND state IN ('received', 'assigned', 'drafted', 'reviewed');
DROP INDEX requests_open_hold_lapse;
