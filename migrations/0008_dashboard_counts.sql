-- disclose 0008: the supervisors' dashboard counted by the database as
-- requests change (issue 5), so that it sums a few thousand rows instead of
-- aggregating every open request.
--
-- What is counted (what the dashboard groups by, CONTRACT §9):
--   dsc_dash_states    open requests per (state, hold, assignee)
--   dsc_dash_due       open requests not on hold per (due_on, assignee)
--   dsc_dash_answered  requests with an answer date per (answered_on,
--                      clock_start, paused_workdays, answered_on <= due_on)
-- A count is the sum of its row there and of its rows in dsc_dash_delta.
--
-- Writers only append: a statement-level trigger adds, per key the
-- statement changed, one delta row (+1 per new row, -1 per old one; keys
-- whose changes cancel out, as in an escalation, are left out). Appending
-- takes no lock another writer could wait for, so the counts stay exact
-- under any number of concurrent writers and cannot deadlock. About one
-- statement in 4096 (at random: a shared counter would be one more thing
-- to contend on), and any statement that appended many deltas, then folds
-- the deltas into the two count tables — one folder at a time, under a
-- transaction-level advisory lock that a writer finding taken leaves to a
-- later one — so the delta table stays a few thousand rows long. A reader
-- sums both tables in one statement, so it sees the same totals before,
-- during and after a fold.
--
-- The triggers fire ALWAYS, also under session_replication_role =
-- replica (bulk loads): the counts must not depend on how a row came in.

-- No write may slip between the backfill and the triggers.
LOCK TABLE requests IN SHARE ROW EXCLUSIVE MODE;

-- Open requests per state, hold and assignee (by_state, on_hold and each
-- assignee's open count) …
CREATE TABLE dsc_dash_states (
  state    text NOT NULL,
  hold     text,
  assignee text,
  n        integer NOT NULL,
  UNIQUE NULLS NOT DISTINCT (state, hold, assignee)
);

-- … open requests not on hold per due date and assignee (due soon,
-- overdue, the buckets), and whether the deadline worker has escalated them
-- as overdue (escalation = 2), which tells the overdue list where to look …
CREATE TABLE dsc_dash_due (
  due_on    date,
  assignee  text,
  escalated boolean NOT NULL,
  n         integer NOT NULL,
  UNIQUE NULLS NOT DISTINCT (due_on, assignee, escalated)
);

-- … and requests with an answer date, per what the year's figures need.
CREATE TABLE dsc_dash_answered (
  answered_on     date NOT NULL,
  clock_start     date,
  paused_workdays integer NOT NULL,
  on_time         boolean,
  n               integer NOT NULL,
  UNIQUE NULLS NOT DISTINCT (answered_on, clock_start, paused_workdays,
                             on_time)
);

-- What the statements changed, not folded yet: the open part (state …
-- escalated) is set for an open request, the answered part (answered_on …)
-- for one with an answer date.
CREATE TABLE dsc_dash_delta (
  state           text,
  hold            text,
  assignee        text,
  due_on          date,
  escalated       boolean,
  answered_on     date,
  clock_start     date,
  paused_workdays integer,
  on_time         boolean,
  n               integer NOT NULL
);

-- Small, rewritten all the time: vacuum them early.
ALTER TABLE dsc_dash_delta SET (autovacuum_vacuum_scale_factor = 0,
  autovacuum_vacuum_threshold = 2000, autovacuum_vacuum_insert_threshold = 2000,
  autovacuum_vacuum_cost_delay = 0);
ALTER TABLE dsc_dash_states SET (autovacuum_vacuum_scale_factor = 0.05,
  autovacuum_vacuum_cost_delay = 0);
ALTER TABLE dsc_dash_due SET (autovacuum_vacuum_scale_factor = 0.05,
  autovacuum_vacuum_cost_delay = 0);
ALTER TABLE dsc_dash_answered SET (autovacuum_vacuum_scale_factor = 0.05,
  autovacuum_vacuum_cost_delay = 0);

-- Counts every request again from scratch: the migration's backfill, and
-- the owner's repair should requests ever have been changed with these
-- triggers disabled (docs/operations.md). Writers wait meanwhile.
CREATE FUNCTION dsc_dash_recount() RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  LOCK TABLE requests IN SHARE ROW EXCLUSIVE MODE;
  PERFORM pg_advisory_xact_lock(7201905150712); -- no fold meanwhile
  DELETE FROM dsc_dash_delta;
  DELETE FROM dsc_dash_states;
  DELETE FROM dsc_dash_due;
  DELETE FROM dsc_dash_answered;
  INSERT INTO dsc_dash_states (state, hold, assignee, n)
  SELECT state, hold, assignee, count(*) FROM requests
   WHERE state IN ('received', 'assigned', 'drafted', 'reviewed')
   GROUP BY 1, 2, 3;

  INSERT INTO dsc_dash_due (due_on, assignee, escalated, n)
  SELECT due_on, assignee, escalation = 2, count(*) FROM requests
   WHERE state IN ('received', 'assigned', 'drafted', 'reviewed')
     AND hold IS NULL
   GROUP BY 1, 2, 3;

  INSERT INTO dsc_dash_answered (answered_on, clock_start, paused_workdays,
                                 on_time, n)
  SELECT answered_on, clock_start, paused_workdays, answered_on <= due_on,
         count(*) FROM requests
   WHERE answered_on IS NOT NULL
   GROUP BY 1, 2, 3, 4;
END;
$$;
REVOKE ALL ON FUNCTION dsc_dash_recount() FROM PUBLIC;

SELECT dsc_dash_recount();

-- The overdue list reads every overdue request. Those the deadline worker
-- has escalated as overdue (nearly all: it runs every day) come from this
-- small index alone; only writes to such requests maintain it. The rest,
-- overdue since the worker's last pass, come from requests_open_escalation.
CREATE INDEX requests_open_overdue ON requests (due_on, id) INCLUDE (assignee)
  WHERE escalation = 2 AND hold IS NULL
    AND state IN ('received', 'assigned', 'drafted', 'reviewed');

-- The dashboard's first plans must not guess at empty statistics.
ANALYZE dsc_dash_states, dsc_dash_due, dsc_dash_answered;

-- Moves every committed delta into the count tables and drops the counts
-- that reached zero (by the row versions the fold itself wrote).
CREATE FUNCTION dsc_dash_fold() RETURNS void
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, public AS $$
DECLARE
  zero_states tid[];
  zero_due tid[];
  zero_answered tid[];
BEGIN
  IF NOT pg_try_advisory_xact_lock(7201905150712) THEN
    RETURN;
  END IF;
  WITH moved AS (DELETE FROM dsc_dash_delta RETURNING *),
  s AS (
    INSERT INTO dsc_dash_states AS c (state, hold, assignee, n)
    SELECT state, hold, assignee, sum(n) FROM moved
     WHERE state IS NOT NULL
     GROUP BY 1, 2, 3 HAVING sum(n) <> 0
    ON CONFLICT (state, hold, assignee) DO UPDATE SET n = c.n + excluded.n
    RETURNING c.ctid, c.n),
  d AS (
    INSERT INTO dsc_dash_due AS c (due_on, assignee, escalated, n)
    SELECT due_on, assignee, escalated, sum(n) FROM moved
     WHERE state IS NOT NULL AND hold IS NULL
     GROUP BY 1, 2, 3 HAVING sum(n) <> 0
    ON CONFLICT (due_on, assignee, escalated)
    DO UPDATE SET n = c.n + excluded.n
    RETURNING c.ctid, c.n),
  a AS (
    INSERT INTO dsc_dash_answered AS c (answered_on, clock_start,
                                        paused_workdays, on_time, n)
    SELECT answered_on, clock_start, paused_workdays, on_time, sum(n)
      FROM moved
     WHERE answered_on IS NOT NULL
     GROUP BY 1, 2, 3, 4 HAVING sum(n) <> 0
    ON CONFLICT (answered_on, clock_start, paused_workdays, on_time)
    DO UPDATE SET n = c.n + excluded.n
    RETURNING c.ctid, c.n)
  SELECT ARRAY(SELECT ctid FROM s WHERE n = 0),
         ARRAY(SELECT ctid FROM d WHERE n = 0),
         ARRAY(SELECT ctid FROM a WHERE n = 0)
    INTO zero_states, zero_due, zero_answered;
  IF cardinality(zero_states) > 0 THEN
    DELETE FROM dsc_dash_states WHERE ctid = ANY (zero_states);
  END IF;
  IF cardinality(zero_due) > 0 THEN
    DELETE FROM dsc_dash_due WHERE ctid = ANY (zero_due);
  END IF;
  IF cardinality(zero_answered) > 0 THEN
    DELETE FROM dsc_dash_answered WHERE ctid = ANY (zero_answered);
  END IF;
END;
$$;

-- The keys of one row, as the delta's columns. One function per trigger
-- kind: a transition table exists only for the events that have one.
CREATE FUNCTION dsc_dash_count_insert() RETURNS trigger
LANGUAGE plpgsql AS $$
DECLARE
  added bigint;
BEGIN
  INSERT INTO dsc_dash_delta (state, hold, assignee, due_on, escalated,
                              answered_on, clock_start, paused_workdays,
                              on_time, n)
  SELECT CASE WHEN o THEN state END, CASE WHEN o THEN hold END,
         CASE WHEN o THEN assignee END, CASE WHEN o THEN due_on END,
         CASE WHEN o THEN escalation = 2 END,
         answered_on, CASE WHEN answered_on IS NOT NULL THEN clock_start END,
         CASE WHEN answered_on IS NOT NULL THEN paused_workdays END,
         answered_on <= due_on, count(*)
    FROM (SELECT r.state, r.hold, r.assignee, r.due_on, r.escalation,
                 r.answered_on, r.clock_start, r.paused_workdays,
                 r.state IN ('received', 'assigned', 'drafted',
                             'reviewed') AS o
            FROM new_rows r) k
   WHERE o OR answered_on IS NOT NULL
   GROUP BY 1, 2, 3, 4, 5, 6, 7, 8, 9;
  GET DIAGNOSTICS added = ROW_COUNT;
  -- Only a statement that changed a count folds: one that changed none
  -- (a due-soon escalation, a refused submission) leaves the tables as
  -- they were.
  IF added > 1024 OR (added > 0 AND random() < 1.0 / 4096) THEN
    PERFORM dsc_dash_fold();
  END IF;
  RETURN NULL;
END;
$$;

CREATE FUNCTION dsc_dash_count_update() RETURNS trigger
LANGUAGE plpgsql AS $$
DECLARE
  added bigint;
BEGIN
  INSERT INTO dsc_dash_delta (state, hold, assignee, due_on, escalated,
                              answered_on, clock_start, paused_workdays,
                              on_time, n)
  SELECT CASE WHEN o THEN state END, CASE WHEN o THEN hold END,
         CASE WHEN o THEN assignee END, CASE WHEN o THEN due_on END,
         CASE WHEN o THEN escalation = 2 END,
         answered_on, CASE WHEN answered_on IS NOT NULL THEN clock_start END,
         CASE WHEN answered_on IS NOT NULL THEN paused_workdays END,
         answered_on <= due_on, sum(n)
    FROM (SELECT r.state, r.hold, r.assignee, r.due_on, r.escalation,
                 r.answered_on, r.clock_start, r.paused_workdays,
                 r.state IN ('received', 'assigned', 'drafted',
                             'reviewed') AS o, -1 AS n
            FROM old_rows r
          UNION ALL
          SELECT r.state, r.hold, r.assignee, r.due_on, r.escalation,
                 r.answered_on, r.clock_start, r.paused_workdays,
                 r.state IN ('received', 'assigned', 'drafted',
                             'reviewed'), 1
            FROM new_rows r) k
   WHERE o OR answered_on IS NOT NULL
   GROUP BY 1, 2, 3, 4, 5, 6, 7, 8, 9 HAVING sum(n) <> 0;
  GET DIAGNOSTICS added = ROW_COUNT;
  -- Only a statement that changed a count folds: one that changed none
  -- (a due-soon escalation, a refused submission) leaves the tables as
  -- they were.
  IF added > 1024 OR (added > 0 AND random() < 1.0 / 4096) THEN
    PERFORM dsc_dash_fold();
  END IF;
  RETURN NULL;
END;
$$;

CREATE FUNCTION dsc_dash_count_delete() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO dsc_dash_delta (state, hold, assignee, due_on, escalated,
                              answered_on, clock_start, paused_workdays,
                              on_time, n)
  SELECT CASE WHEN o THEN state END, CASE WHEN o THEN hold END,
         CASE WHEN o THEN assignee END, CASE WHEN o THEN due_on END,
         CASE WHEN o THEN escalation = 2 END,
         answered_on, CASE WHEN answered_on IS NOT NULL THEN clock_start END,
         CASE WHEN answered_on IS NOT NULL THEN paused_workdays END,
         answered_on <= due_on, -count(*)
    FROM (SELECT r.state, r.hold, r.assignee, r.due_on, r.escalation,
                 r.answered_on, r.clock_start, r.paused_workdays,
                 r.state IN ('received', 'assigned', 'drafted',
                             'reviewed') AS o
            FROM old_rows r) k
   WHERE o OR answered_on IS NOT NULL
   GROUP BY 1, 2, 3, 4, 5, 6, 7, 8, 9;
  RETURN NULL;
END;
$$;

CREATE FUNCTION dsc_dash_count_truncate() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, public AS $$
BEGIN
  DELETE FROM dsc_dash_delta;
  DELETE FROM dsc_dash_states;
  DELETE FROM dsc_dash_due;
  DELETE FROM dsc_dash_answered;
  RETURN NULL;
END;
$$;

CREATE TRIGGER requests_dash_count_insert
  AFTER INSERT ON requests REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION dsc_dash_count_insert();
CREATE TRIGGER requests_dash_count_update
  AFTER UPDATE ON requests REFERENCING OLD TABLE AS old_rows
  NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION dsc_dash_count_update();
CREATE TRIGGER requests_dash_count_delete
  AFTER DELETE ON requests REFERENCING OLD TABLE AS old_rows
  FOR EACH STATEMENT EXECUTE FUNCTION dsc_dash_count_delete();
CREATE TRIGGER requests_dash_count_truncate
  AFTER TRUNCATE ON requests
  FOR EACH STATEMENT EXECUTE FUNCTION dsc_dash_count_truncate();
ALTER TABLE requests ENABLE ALWAYS TRIGGER requests_dash_count_insert;
ALTER TABLE requests ENABLE ALWAYS TRIGGER requests_dash_count_update;
ALTER TABLE requests ENABLE ALWAYS TRIGGER requests_dash_count_delete;
ALTER TABLE requests ENABLE ALWAYS TRIGGER requests_dash_count_truncate;

-- The engine's role appends deltas through the triggers, which run with
-- its rights (a SECURITY DEFINER trigger would cost every statement a
-- switch of user and search_path); only the fold, as the owner, moves them.
GRANT SELECT ON dsc_dash_states, dsc_dash_due, dsc_dash_answered,
  dsc_dash_delta TO disclose_app;
GRANT INSERT ON dsc_dash_delta TO disclose_app;
REVOKE ALL ON FUNCTION dsc_dash_fold() FROM PUBLIC;
GRANT EXECUTE ON FUNCTION dsc_dash_fold() TO disclose_app;
