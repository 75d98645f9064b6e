--
-- PostgreSQL database dump
--

SET statement_timeout = 0;
SET lock_timeout = 0;
SET idle_in_transaction_session_timeout = 0;
SET client_encoding = 'UTF8';
SET standard_conforming_strings = on;
SELECT pg_catalog.set_config('search_path', '', false);
SET check_function_bodies = false;
SET xmloption = content;
SET client_min_messages = warning;
SET row_security = off;

--
-- Name: dsc_acting_roles(text, text); Type: FUNCTION; Schema: public; Owner: disclose
--

CREATE FUNCTION public.dsc_acting_roles(actor text, action text) RETURNS text[]
    LANGUAGE plpgsql STABLE
    AS $$
DECLARE
  kind text := public.dsc_session_kind();
  r text[];
BEGIN
  IF kind = 'operator'
     OR (kind = 'staff' AND actor = session_user)
     OR (kind IN ('staff', 'engine') AND actor = 'system'
         AND action IN ('lapse', 'escalate', 'deadline-moved', 'clock-stamp'))
     OR (kind = 'engine' AND actor = 'system' AND action = 'compile')
     OR (kind = 'engine' AND actor <> 'system'
         AND public.dsc_web_actor(actor) IS NOT NULL) THEN
    SELECT s.roles INTO r FROM public.staff s WHERE s.login = actor AND s.active;
    IF NOT FOUND THEN
      PERFORM public.dsc_refuse('actor', format('no active staff member %s', actor));
    END IF;
    RETURN r;
  END IF;
  IF kind = 'none' THEN
    PERFORM public.dsc_refuse('actor', format(
      '%s is not an active staff member of this center', session_user));
  END IF;
  IF kind = 'engine' AND current_setting('disclose.web', true) <> '' THEN
    -- A session was given, but is not (or no longer) this member's live
    -- one. DS401: the engine maps it to "unauthenticated" (HTTP 401).
    RAISE EXCEPTION 'session: no live session of % in this transaction: log in again',
      actor USING ERRCODE = 'DS401';
  END IF;
  PERFORM public.dsc_refuse('actor', format(
    'connected as %s, which may not act as %s', session_user, actor));
  RETURN NULL;
END;
$$;


ALTER FUNCTION public.dsc_acting_roles(actor text, action text) OWNER TO disclose;

--
-- Name: dsc_appeal_date_ok(text, text, date, bigint); Type: FUNCTION; Schema: public; Owner: disclose
--

CREATE FUNCTION public.dsc_appeal_date_ok(actor text, action text, on_date date, agency bigint) RETURNS void
    LANGUAGE plpgsql STABLE
    SET search_path TO 'pg_catalog', 'public', 'pg_temp'
    AS $$
DECLARE
  today date := public.dsc_business_today();
BEGIN
  IF public.dsc_session_kind() = 'operator' THEN
    RETURN;
  END IF;
  IF on_date > today THEN
    RAISE EXCEPTION 'on: % is after today (%)', on_date, today
      USING ERRCODE = 'invalid_parameter_value';
  END IF;
  IF public.dsc_workdays_after(on_date, today) >
       (SELECT a.backdate_workdays FROM public.agencies a WHERE a.id = agency)
     AND NOT 'supervisor' = ANY (public.dsc_acting_roles(actor, action)) THEN
    PERFORM public.dsc_refuse('on', format(
      '%s is more than the agency''s working days before today (%s): a supervisor records it',
      on_date, today));
  END IF;
END;
$$;


ALTER FUNCTION public.dsc_appeal_date_ok(actor text, action text, on_date date, agency bigint) OWNER TO disclose;

--
-- Name: dsc_applicant_ordinal(bigint); Type: FUNCTION; Schema: public; Owner: disclose_writer
--

CREATE FUNCTION public.dsc_applicant_ordinal(bigint) RETURNS bigint
    LANGUAGE sql STABLE SECURITY DEFINER
    SET search_path TO 'pg_catalog', 'public', 'pg_temp'
    AS $_$
  -- 0 when request $1 has no identity number (or does not exist): the
  -- WHERE leaves no row, and count(*) of none is 0. Otherwise at least 1,
  -- the request itself.
  SELECT count(*) FROM requests r JOIN requests o
    ON o.agency_id = r.agency_id
   AND o.applicant_id_number = r.applicant_id_number
   AND o.received_on >= date_trunc('month', r.received_on)::date
   AND (o.received_on, o.id) <= (r.received_on, r.id)
  WHERE r.id = $1 AND r.applicant_id_number IS NOT NULL
$_$;


ALTER FUNCTION public.dsc_applicant_ordinal(bigint) OWNER TO disclose_writer;

--
-- Name: dsc_business_today(); Type: FUNCTION; Schema: public; Owner: disclose_writer
--

CREATE FUNCTION public.dsc_business_today() RETURNS date
    LANGUAGE plpgsql STABLE SECURITY DEFINER
    SET search_path TO 'pg_catalog', 'public', 'pg_temp'
    AS $$
BEGIN
  RETURN coalesce((SELECT today FROM dsc_clock_override),
                  (now() AT TIME ZONE 'Asia/Shanghai')::date);
END;
$$;


ALTER FUNCTION public.dsc_business_today() OWNER TO disclose_writer;

--
-- Name: dsc_chain_event(); Type: FUNCTION; Schema: public; Owner: disclose
--

CREATE FUNCTION public.dsc_chain_event() RETURNS trigger
    LANGUAGE plpgsql
    AS $$
DECLARE
  prev text;
  r record;
  kind text := dsc_session_kind();
  today date;
BEGIN
  SELECT q.version, q.last_action, q.last_actor, q.last_on, q.state,
         q.agency_id INTO r
    FROM requests q WHERE q.id = NEW.request_id;
  IF NOT FOUND THEN
    RAISE EXCEPTION 'event % of request %: no such request', NEW.seq,
      NEW.request_id USING ERRCODE = 'foreign_key_violation';
  END IF;
  IF NEW.seq > 1 THEN
    SELECT e.hash INTO prev FROM request_events e
     WHERE e.request_id = NEW.request_id AND e.seq = NEW.seq - 1;
    IF NOT FOUND THEN
      RAISE EXCEPTION 'event % of request %: event % is missing', NEW.seq,
        NEW.request_id, NEW.seq - 1 USING ERRCODE = 'foreign_key_violation';
    END IF;
  END IF;
  IF current_user <> 'disclose_writer' THEN
    -- The owner's direct write: its actor must at least exist (0007). An
    -- event of a write function names the actor the guard just checked.
    PERFORM FROM staff WHERE login = NEW.actor;
    IF NOT FOUND THEN
      RAISE EXCEPTION 'event % of request %: no staff member %', NEW.seq,
        NEW.request_id, NEW.actor USING ERRCODE = 'foreign_key_violation';
    END IF;
  ELSIF (NEW.seq, NEW.action, NEW.actor, NEW.on_date, NEW.state)
     IS DISTINCT FROM (r.version, r.last_action, r.last_actor, r.last_on, r.state) THEN
    PERFORM dsc_refuse('event', format(
      'event %s of request %s does not record the change checked for it',
      NEW.seq, NEW.request_id));
  END IF;
  -- The recording time is the server's; the operator's events say so.
  NEW.at := now();
  NEW.payload := NEW.payload - 'operator';
  IF kind = 'operator' THEN
    NEW.payload := NEW.payload || jsonb_build_object('operator', session_user::text);
  ELSIF NEW.actor <> 'system' THEN
    today := dsc_business_today();
    IF NEW.on_date > today THEN
      RAISE EXCEPTION 'on: % is after today (%)', NEW.on_date, today
        USING ERRCODE = 'invalid_parameter_value';
    END IF;
    IF dsc_workdays_after(NEW.on_date, today) >
         (SELECT a.backdate_workdays FROM agencies a WHERE a.id = r.agency_id)
       AND NOT (NEW.payload ? 'backdate_reason'
                AND 'supervisor' = ANY (dsc_acting_roles(NEW.actor, NEW.action))) THEN
      PERFORM dsc_refuse('on', format(
        '%s is more than %s working days before today (%s): a supervisor records it, with a reason (--backdate-reason)',
        NEW.on_date, (SELECT a.backdate_workdays FROM agencies a WHERE a.id = r.agency_id), today));
    END IF;
  END IF;
  NEW.hash := dsc_event_hash(prev, NEW.request_id, NEW.seq, NEW.action,
    NEW.state, NEW.actor, NEW.on_date, NEW.at, NEW.payload);
  RETURN NEW;
END;
$$;


ALTER FUNCTION public.dsc_chain_event() OWNER TO disclose;

--
-- Name: dsc_dash_count_delete(); Type: FUNCTION; Schema: public; Owner: disclose
--

CREATE FUNCTION public.dsc_dash_count_delete() RETURNS trigger
    LANGUAGE plpgsql
    AS $$
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


ALTER FUNCTION public.dsc_dash_count_delete() OWNER TO disclose;

--
-- Name: dsc_dash_count_insert(); Type: FUNCTION; Schema: public; Owner: disclose
--

CREATE FUNCTION public.dsc_dash_count_insert() RETURNS trigger
    LANGUAGE plpgsql
    AS $$
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


ALTER FUNCTION public.dsc_dash_count_insert() OWNER TO disclose;

--
-- Name: dsc_dash_count_truncate(); Type: FUNCTION; Schema: public; Owner: disclose
--

CREATE FUNCTION public.dsc_dash_count_truncate() RETURNS trigger
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path TO 'pg_catalog', 'public', 'pg_temp'
    AS $$
BEGIN
  DELETE FROM dsc_dash_delta;
  DELETE FROM dsc_dash_states;
  DELETE FROM dsc_dash_due;
  DELETE FROM dsc_dash_answered;
  RETURN NULL;
END;
$$;


ALTER FUNCTION public.dsc_dash_count_truncate() OWNER TO disclose;

--
-- Name: dsc_dash_count_update(); Type: FUNCTION; Schema: public; Owner: disclose
--

CREATE FUNCTION public.dsc_dash_count_update() RETURNS trigger
    LANGUAGE plpgsql
    AS $$
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


ALTER FUNCTION public.dsc_dash_count_update() OWNER TO disclose;

--
-- Name: dsc_dash_fold(); Type: FUNCTION; Schema: public; Owner: disclose
--

CREATE FUNCTION public.dsc_dash_fold() RETURNS void
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path TO 'pg_catalog', 'public', 'pg_temp'
    AS $$
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


ALTER FUNCTION public.dsc_dash_fold() OWNER TO disclose;

--
-- Name: dsc_dash_recount(); Type: FUNCTION; Schema: public; Owner: disclose
--

CREATE FUNCTION public.dsc_dash_recount() RETURNS void
    LANGUAGE plpgsql
    AS $$
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


ALTER FUNCTION public.dsc_dash_recount() OWNER TO disclose;

--
-- Name: dsc_duplicate_of(bigint, bigint); Type: FUNCTION; Schema: public; Owner: disclose_writer
--

CREATE FUNCTION public.dsc_duplicate_of(request bigint, earlier bigint) RETURNS TABLE(found boolean, identified boolean, same_applicant boolean, answered boolean)
    LANGUAGE sql STABLE SECURITY DEFINER
    SET search_path TO 'pg_catalog', 'public', 'pg_temp'
    AS $_$
  SELECT e.id IS NOT NULL,
         r.applicant_id_number IS NOT NULL,
         coalesce(same, false),
         coalesce(same AND e.state IN ('answered', 'published')
                       AND e.answered_on <= r.received_on, false)
    FROM requests r
    LEFT JOIN requests e ON e.id = $2
    CROSS JOIN LATERAL (SELECT e.id <> r.id
                           AND e.agency_id = r.agency_id
                           AND e.applicant_id_number = r.applicant_id_number
                           AS same) s
   WHERE r.id = $1
     AND (r.assignee = session_user OR NOT dsc_reads_only_assigned())
$_$;


ALTER FUNCTION public.dsc_duplicate_of(request bigint, earlier bigint) OWNER TO disclose_writer;

--
-- Name: dsc_event_hash(text, bigint, integer, text, text, text, date, timestamp with time zone, jsonb); Type: FUNCTION; Schema: public; Owner: disclose
--

CREATE FUNCTION public.dsc_event_hash(prev text, request_id bigint, seq integer, action text, state text, actor text, on_date date, at timestamp with time zone, payload jsonb) RETURNS text
    LANGUAGE sql STABLE
    AS $$
  SELECT encode(sha256(convert_to(concat_ws('|', coalesce(prev, ''),
    request_id::text, seq::text, action, state, actor,
    to_char(on_date, 'YYYY-MM-DD'),
    ((extract(epoch FROM at) * 1000000)::bigint)::text,
    payload::text), 'UTF8')), 'hex')
$$;


ALTER FUNCTION public.dsc_event_hash(prev text, request_id bigint, seq integer, action text, state text, actor text, on_date date, at timestamp with time zone, payload jsonb) OWNER TO disclose;

--
-- Name: dsc_event_session(); Type: FUNCTION; Schema: public; Owner: disclose
--

CREATE FUNCTION public.dsc_event_session() RETURNS trigger
    LANGUAGE plpgsql
    AS $$
DECLARE
  sid bigint;
BEGIN
  NEW.payload := NEW.payload - 'session';
  IF NEW.actor <> 'system' AND public.dsc_session_kind() = 'engine' THEN
    sid := public.dsc_web_actor(NEW.actor);
    IF sid IS NOT NULL THEN
      NEW.payload := NEW.payload || jsonb_build_object('session', sid);
    END IF;
  END IF;
  RETURN NEW;
END;
$$;


ALTER FUNCTION public.dsc_event_session() OWNER TO disclose;

--
-- Name: dsc_guard_answer_letter(); Type: FUNCTION; Schema: public; Owner: disclose
--

CREATE FUNCTION public.dsc_guard_answer_letter() RETURNS trigger
    LANGUAGE plpgsql
    AS $$
DECLARE
  issued date;
BEGIN
  IF NEW.last_action IS DISTINCT FROM 'answer' THEN
    RETURN NEW;
  END IF;
  SELECT l.letter_date INTO issued FROM letters l
   WHERE l.request_id = NEW.id AND l.kind = 'answer'
   ORDER BY l.seq DESC LIMIT 1;
  IF NOT FOUND THEN
    IF (SELECT a.letter_required FROM agencies a WHERE a.id = NEW.agency_id) THEN
      RAISE EXCEPTION 'letter: the agency requires the answer letter (答复书) first: disclose letter % --kind answer', NEW.id
        USING ERRCODE = 'DS006';
    END IF;
  ELSIF NEW.last_on <> issued THEN
    RAISE EXCEPTION 'on: the answer is dated as its letter, %', issued
      USING ERRCODE = 'invalid_parameter_value';
  END IF;
  RETURN NEW;
END;
$$;


ALTER FUNCTION public.dsc_guard_answer_letter() OWNER TO disclose;

--
-- Name: dsc_guard_appeal(); Type: FUNCTION; Schema: public; Owner: disclose
--

CREATE FUNCTION public.dsc_guard_appeal() RETURNS trigger
    LANGUAGE plpgsql
    AS $$
BEGIN
  IF TG_OP = 'DELETE' THEN
    PERFORM dsc_refuse('appeal', 'appeals are history: never deleted');
  END IF;
  IF (NEW.id, NEW.request_id, NEW.agency_id, NEW.kind, NEW.filed_on,
      NEW.filed_by, NEW.filed_as, NEW.created_at)
     IS DISTINCT FROM (OLD.id, OLD.request_id, OLD.agency_id, OLD.kind,
      OLD.filed_on, OLD.filed_by, OLD.filed_as, OLD.created_at)
     OR OLD.result IS NOT NULL THEN
    PERFORM dsc_refuse('appeal', 'an appeal changes only by its decision, once');
  END IF;
  RETURN NEW;
END;
$$;


ALTER FUNCTION public.dsc_guard_appeal() OWNER TO disclose;

--
-- Name: dsc_guard_request(); Type: FUNCTION; Schema: public; Owner: disclose
--

CREATE FUNCTION public.dsc_guard_request() RETURNS trigger
    LANGUAGE plpgsql
    AS $$
DECLARE
  creating boolean := TG_OP = 'INSERT';
  before_state text := CASE WHEN creating THEN 'none' ELSE OLD.state END;
  before_hold text := CASE WHEN creating THEN 'none' ELSE coalesce(OLD.hold, 'none') END;
  old_assignee text := CASE WHEN creating THEN NULL ELSE OLD.assignee END;
  old_drafter text := CASE WHEN creating THEN NULL ELSE OLD.drafter END;
  old_outcome text := CASE WHEN creating THEN NULL ELSE OLD.outcome END;
  r_rule dsc_machine_rule;
  r_step dsc_machine_step;
  roles text[];
BEGIN
  -- Only the owner (and a superuser) writes the table directly: the
  -- operator's data migrations and repairs, trusted like any owner's
  -- (who could disable this trigger) and caught by `verify` and its
  -- anchors if they rewrite what happened. Everyone else writes through
  -- the functions, which run as disclose_writer, and is checked here.
  IF current_user <> 'disclose_writer' THEN
    RETURN NEW;
  END IF;
  IF NOT creating AND NEW.version = OLD.version THEN
    -- A re-derivation that moved no date stamps the calendar generation
    -- (engine/ops/sweep.c); anything else changes only with an event.
    IF (to_jsonb(NEW) - 'calendar_generation' - 'updated_at')
       IS DISTINCT FROM (to_jsonb(OLD) - 'calendar_generation' - 'updated_at') THEN
      PERFORM dsc_refuse('version', 'a request changes only with an event');
    END IF;
    RETURN NEW;
  END IF;
  IF NEW.version <> (CASE WHEN creating THEN 1 ELSE OLD.version + 1 END) THEN
    PERFORM dsc_refuse('version', 'each change is the next version');
  END IF;
  IF NOT creating AND (NEW.id, NEW.agency_id, NEW.channel, NEW.form,
      NEW.received_on, NEW.applicant_type, NEW.applicant_name,
      NEW.applicant_id_number, NEW.applicant_phone, NEW.applicant_email,
      NEW.applicant_address, NEW.description, NEW.idempotency_key,
      NEW.created_at)
     IS DISTINCT FROM (OLD.id, OLD.agency_id, OLD.channel, OLD.form,
      OLD.received_on, OLD.applicant_type, OLD.applicant_name,
      OLD.applicant_id_number, OLD.applicant_phone, OLD.applicant_email,
      OLD.applicant_address, OLD.description, OLD.idempotency_key,
      OLD.created_at) THEN
    PERFORM dsc_refuse('application', 'what was applied for, by whom, never changes');
  END IF;

  roles := dsc_acting_roles(NEW.last_actor, NEW.last_action);
  SELECT * INTO r_rule FROM dsc_machine_rule WHERE action = NEW.last_action;
  IF NOT FOUND THEN
    PERFORM dsc_refuse('action', format('unknown action %s', NEW.last_action));
  END IF;
  IF NOT (roles && r_rule.roles) THEN
    PERFORM dsc_refuse('role', format('%s needs the role %s', r_rule.action,
                                      array_to_string(r_rule.roles, ' or ')));
  END IF;
  IF (r_rule.who = 'assignee' OR (r_rule.who = 'assignee_or_supervisor'
                                AND NOT 'supervisor' = ANY (roles)))
     AND NEW.last_actor IS DISTINCT FROM old_assignee THEN
    PERFORM dsc_refuse('assignee', format('only the assigned handler may %s',
                                          r_rule.action));
  END IF;
  SELECT * INTO r_step FROM dsc_machine_step s
   WHERE s.action = NEW.last_action AND s.from_state = before_state
     AND s.from_hold = before_hold AND s.to_state = NEW.state
     AND s.to_hold = coalesce(NEW.hold, 'none');
  IF NOT FOUND THEN
    RAISE EXCEPTION 'state: % is not allowed from % (hold %) to % (hold %)',
      NEW.last_action, before_state, before_hold, NEW.state,
      coalesce(NEW.hold, 'none') USING ERRCODE = 'DS006';
  END IF;
  IF (CASE r_step.outcome_effect
        WHEN 'keep' THEN NEW.outcome IS DISTINCT FROM old_outcome
        WHEN 'set' THEN NEW.outcome IS DISTINCT FROM r_step.outcome
        WHEN 'clear' THEN NEW.outcome IS NOT NULL
        ELSE NEW.outcome IS NULL END) THEN
    PERFORM dsc_refuse('outcome', format('%s does not give the outcome %s',
                                         r_rule.action, NEW.outcome));
  END IF;
  CASE r_rule.guard
    WHEN 'target_handler' THEN
      IF NOT EXISTS (SELECT 1 FROM staff WHERE login = NEW.assignee AND active
                     AND 'handler' = ANY (staff.roles)) THEN
        PERFORM dsc_refuse('to', 'requests are assigned to handlers only');
      END IF;
    WHEN 'draft_outcome' THEN
      IF NEW.outcome IN ('other.no_supplement', 'other.fee_unpaid') THEN
        PERFORM dsc_refuse('outcome', format('%s follows only from a lapse',
                                             NEW.outcome));
      END IF;
    WHEN 'four_eyes' THEN
      -- Art. 45: whoever wrote the answer cannot also approve it.
      IF NEW.last_actor = old_drafter THEN
        PERFORM dsc_refuse('reviewer', 'four-eyes: the reviewer wrote the draft');
      END IF;
    WHEN 'publishable' THEN
      IF old_outcome IS NULL OR old_outcome NOT IN ('disclosed', 'partially_disclosed') THEN
        PERFORM dsc_refuse('outcome', 'only disclosed answers are published');
      END IF;
    WHEN 'supplement' THEN
      -- Art. 30 (machine.c CHECK_SUPPLEMENT): reopening a withdrawn request
      -- is a supervisor's, for a request the supplement's lapse withdrew.
      IF before_state = 'withdrawn' THEN
        IF old_outcome IS DISTINCT FROM 'other.no_supplement' THEN
          PERFORM dsc_refuse('state', 'only a request withdrawn for a missing supplement is reopened by it');
        END IF;
        IF NOT 'supervisor' = ANY (roles) THEN
          PERFORM dsc_refuse('role', 'only a supervisor accepts a late supplement');
        END IF;
      END IF;
    ELSE NULL;
  END CASE;
  -- Who holds the request and who wrote its draft follow from the events.
  IF NEW.assignee IS DISTINCT FROM old_assignee AND r_rule.action <> 'assign' THEN
    PERFORM dsc_refuse('assignee', format('%s does not assign', r_rule.action));
  END IF;
  IF NEW.drafter IS DISTINCT FROM
     (CASE WHEN r_rule.action = 'draft' THEN NEW.last_actor ELSE old_drafter END) THEN
    PERFORM dsc_refuse('drafter', 'the drafter is the author of the draft');
  END IF;
  -- A lapse happens on its day, once that day is past (CONTRACT §7); the
  -- operator's replays may pin a later today.
  IF r_rule.action = 'lapse' AND (NEW.last_on IS DISTINCT FROM OLD.hold_lapses_on
     OR (OLD.hold_lapses_on >= dsc_business_today()
         AND public.dsc_session_kind() <> 'operator')) THEN
    PERFORM dsc_refuse('on', 'a hold lapses only after its last day, on that day');
  END IF;
  RETURN NEW;
END;
$$;


ALTER FUNCTION public.dsc_guard_request() OWNER TO disclose;

--
-- Name: dsc_notify_requests(); Type: FUNCTION; Schema: public; Owner: disclose
--

CREATE FUNCTION public.dsc_notify_requests() RETURNS trigger
    LANGUAGE plpgsql
    AS $$
BEGIN
  PERFORM pg_notify('disclose', 'requests');
  RETURN NULL;
END;
$$;


ALTER FUNCTION public.dsc_notify_requests() OWNER TO disclose;

--
-- Name: dsc_plain_login(text); Type: FUNCTION; Schema: public; Owner: disclose
--

CREATE FUNCTION public.dsc_plain_login(login text) RETURNS boolean
    LANGUAGE sql STABLE
    SET search_path TO 'pg_catalog', 'public', 'pg_temp'
    AS $$
  SELECT NOT (r.rolsuper OR r.rolcreaterole OR r.rolbypassrls OR r.rolreplication
              OR r.rolname LIKE 'disclose\_%' OR r.rolname LIKE 'pg\_%'
              OR pg_has_role(r.oid, (SELECT relowner FROM pg_class
                                     WHERE oid = 'public.requests'::regclass), 'MEMBER')
              OR pg_has_role(r.oid, 'disclose_app', 'MEMBER'))
    FROM pg_roles r WHERE r.rolname = login
$$;


ALTER FUNCTION public.dsc_plain_login(login text) OWNER TO disclose;

--
-- Name: dsc_reads_only_assigned(); Type: FUNCTION; Schema: public; Owner: disclose_writer
--

CREATE FUNCTION public.dsc_reads_only_assigned() RETURNS boolean
    LANGUAGE sql STABLE SECURITY DEFINER
    SET search_path TO 'pg_catalog', 'public', 'pg_temp'
    AS $$
  SELECT coalesce((SELECT roles = ARRAY['handler'] FROM staff
                    WHERE login = session_user AND active), false)
$$;


ALTER FUNCTION public.dsc_reads_only_assigned() OWNER TO disclose_writer;

--
-- Name: dsc_refuse(text, text); Type: FUNCTION; Schema: public; Owner: disclose
--

CREATE FUNCTION public.dsc_refuse(field text, message text) RETURNS void
    LANGUAGE plpgsql
    AS $$
BEGIN
  RAISE EXCEPTION '%: %', field, message USING ERRCODE = 'insufficient_privilege';
END;
$$;


ALTER FUNCTION public.dsc_refuse(field text, message text) OWNER TO disclose;

--
-- Name: dsc_refuse_event_change(); Type: FUNCTION; Schema: public; Owner: disclose
--

CREATE FUNCTION public.dsc_refuse_event_change() RETURNS trigger
    LANGUAGE plpgsql
    AS $$
BEGIN
  RAISE EXCEPTION 'request_events is append-only: % refused', TG_OP
    USING ERRCODE = 'insufficient_privilege';
END;
$$;


ALTER FUNCTION public.dsc_refuse_event_change() OWNER TO disclose;

--
-- Name: dsc_refuse_removal(); Type: FUNCTION; Schema: public; Owner: disclose
--

CREATE FUNCTION public.dsc_refuse_removal() RETURNS trigger
    LANGUAGE plpgsql
    AS $$
BEGIN
  RAISE EXCEPTION '% rows are never removed (the history refers to them): % refused',
    TG_TABLE_NAME, TG_OP USING ERRCODE = 'insufficient_privilege';
END;
$$;


ALTER FUNCTION public.dsc_refuse_removal() OWNER TO disclose;

--
-- Name: dsc_require_role(text, text[], text); Type: FUNCTION; Schema: public; Owner: disclose_writer
--

CREATE FUNCTION public.dsc_require_role(actor text, needed text[], what text) RETURNS void
    LANGUAGE plpgsql STABLE SECURITY DEFINER
    SET search_path TO 'pg_catalog', 'public', 'pg_temp'
    AS $$
BEGIN
  IF NOT (dsc_acting_roles(actor, what) && needed) THEN
    PERFORM dsc_refuse('role', format('%s needs the role %s', what,
                                      array_to_string(needed, ' or ')));
  END IF;
END;
$$;


ALTER FUNCTION public.dsc_require_role(actor text, needed text[], what text) OWNER TO disclose_writer;

--
-- Name: dsc_session_kind(); Type: FUNCTION; Schema: public; Owner: disclose
--

CREATE FUNCTION public.dsc_session_kind() RETURNS text
    LANGUAGE sql STABLE
    AS $$
  SELECT CASE
    WHEN (SELECT r.rolsuper FROM pg_catalog.pg_roles r
           WHERE r.rolname = session_user)
      OR pg_catalog.pg_has_role(session_user,
           (SELECT c.relowner FROM pg_catalog.pg_class c
             WHERE c.oid = 'public.requests'::pg_catalog.regclass), 'MEMBER')
      THEN 'operator'
    WHEN pg_catalog.pg_has_role(session_user, 'disclose_staff', 'MEMBER')
      AND EXISTS (SELECT 1 FROM public.staff s
                   WHERE s.login = session_user AND s.active)
      THEN 'staff'
    WHEN pg_catalog.pg_has_role(session_user, 'disclose_app', 'MEMBER')
      THEN 'engine'
    ELSE 'none' END
$$;


ALTER FUNCTION public.dsc_session_kind() OWNER TO disclose;

--
-- Name: dsc_staff_end_sessions(); Type: FUNCTION; Schema: public; Owner: disclose
--

CREATE FUNCTION public.dsc_staff_end_sessions() RETURNS trigger
    LANGUAGE plpgsql
    AS $$
BEGIN
  IF NEW.active IS DISTINCT FROM OLD.active AND NOT NEW.active THEN
    PERFORM dsc_web_sessions_end_for(NEW.login, 'disabled');
  ELSIF NEW.roles IS DISTINCT FROM OLD.roles THEN
    PERFORM dsc_web_sessions_end_for(NEW.login, 'roles');
  END IF;
  RETURN NEW;
END;
$$;


ALTER FUNCTION public.dsc_staff_end_sessions() OWNER TO disclose;

--
-- Name: dsc_staff_remember(); Type: FUNCTION; Schema: public; Owner: disclose
--

CREATE FUNCTION public.dsc_staff_remember() RETURNS trigger
    LANGUAGE plpgsql
    AS $$
BEGIN
  IF TG_OP = 'UPDATE' AND NEW.login <> OLD.login THEN
    PERFORM dsc_refuse('login', 'a staff login never changes');
  END IF;
  INSERT INTO staff_history VALUES (NEW.login, NEW.roles, NEW.active,
    clock_timestamp(), CASE WHEN dsc_session_kind() = 'engine'
      THEN coalesce(dsc_web_members(), session_user) ELSE session_user END);
  RETURN NEW;
END;
$$;


ALTER FUNCTION public.dsc_staff_remember() OWNER TO disclose;

--
-- Name: dsc_staff_sync_groups(text, text[]); Type: FUNCTION; Schema: public; Owner: disclose
--

CREATE FUNCTION public.dsc_staff_sync_groups(login text, roles text[]) RETURNS void
    LANGUAGE plpgsql
    SET search_path TO 'pg_catalog', 'public', 'pg_temp'
    AS $$
DECLARE
  r text;
  member boolean;
BEGIN
  -- Only what changes is granted or revoked (no notices), and two
  -- databases of one cluster (a test suite's) may grant the same
  -- membership at once: the second then finds it granted.
  FOREACH r IN ARRAY ARRAY['staff', 'clerk', 'handler', 'reviewer', 'supervisor',
                           'admin'] LOOP
    member := EXISTS (SELECT 1 FROM pg_auth_members m
                        JOIN pg_roles g ON g.oid = m.roleid
                        JOIN pg_roles u ON u.oid = m.member
                       WHERE g.rolname = 'disclose_' || r AND u.rolname = login);
    IF (r = 'staff' OR r = ANY (roles)) AND NOT member THEN
      BEGIN
        EXECUTE format('GRANT %I TO %I', 'disclose_' || r, login);
      EXCEPTION WHEN unique_violation THEN
        NULL;
      END;
    ELSIF r <> 'staff' AND NOT r = ANY (roles) AND member THEN
      EXECUTE format('REVOKE %I FROM %I', 'disclose_' || r, login);
    END IF;
  END LOOP;
END;
$$;


ALTER FUNCTION public.dsc_staff_sync_groups(login text, roles text[]) OWNER TO disclose;

--
-- Name: dsc_w_agency_add(text, text, text); Type: FUNCTION; Schema: public; Owner: disclose_writer
--

CREATE FUNCTION public.dsc_w_agency_add(text, text, text) RETURNS TABLE(id bigint, code text, name text)
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path TO 'pg_catalog', 'public', 'pg_temp'
    AS $_$
BEGIN
  PERFORM dsc_require_role($3, ARRAY['admin'], 'agency add');
  RETURN QUERY INSERT INTO agencies AS a (code, name) VALUES ($1, $2)
    ON CONFLICT ON CONSTRAINT agencies_code_key DO NOTHING
    RETURNING a.id, a.code, a.name;
END;
$_$;


ALTER FUNCTION public.dsc_w_agency_add(text, text, text) OWNER TO disclose_writer;

--
-- Name: dsc_w_agency_require_letter(text, boolean, text); Type: FUNCTION; Schema: public; Owner: disclose_writer
--

CREATE FUNCTION public.dsc_w_agency_require_letter(text, boolean, text) RETURNS TABLE(id bigint, code text, name text, letter_required boolean)
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path TO 'pg_catalog', 'public', 'pg_temp'
    AS $_$
BEGIN
  PERFORM dsc_require_role($3, ARRAY['admin'], 'agency set');
  RETURN QUERY UPDATE agencies AS a SET letter_required = $2
    WHERE a.code = $1 RETURNING a.id, a.code, a.name, a.letter_required;
END;
$_$;


ALTER FUNCTION public.dsc_w_agency_require_letter(text, boolean, text) OWNER TO disclose_writer;

--
-- Name: dsc_w_agency_set(text, integer, text); Type: FUNCTION; Schema: public; Owner: disclose_writer
--

CREATE FUNCTION public.dsc_w_agency_set(text, integer, text) RETURNS TABLE(id bigint, code text, name text, backdate_workdays integer)
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path TO 'pg_catalog', 'public', 'pg_temp'
    AS $_$
BEGIN
  PERFORM dsc_require_role($3, ARRAY['admin'], 'agency set');
  RETURN QUERY UPDATE agencies AS a SET backdate_workdays = $2
    WHERE a.code = $1 RETURNING a.id, a.code, a.name, a.backdate_workdays;
END;
$_$;


ALTER FUNCTION public.dsc_w_agency_set(text, integer, text) OWNER TO disclose_writer;

--
-- Name: dsc_w_agency_set_letter(text, text, text, text); Type: FUNCTION; Schema: public; Owner: disclose_writer
--

CREATE FUNCTION public.dsc_w_agency_set_letter(text, text, text, text) RETURNS TABLE(id bigint, code text, name text, setting text, value text)
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path TO 'pg_catalog', 'public', 'pg_temp'
    AS $_$
BEGIN
  PERFORM dsc_require_role($4, ARRAY['admin'], 'agency set');
  IF $2 IS NULL OR $2 NOT IN ('full_name', 'short_name', 'address', 'phone',
      'contact', 'seal_caption', 'reconsideration_body', 'court',
      'fee_payment') THEN
    PERFORM dsc_refuse('setting', 'not a letter setting of an agency');
  END IF;
  RETURN QUERY UPDATE agencies AS a SET
      full_name = CASE WHEN $2 = 'full_name' THEN $3 ELSE a.full_name END,
      short_name = CASE WHEN $2 = 'short_name' THEN $3 ELSE a.short_name END,
      address = CASE WHEN $2 = 'address' THEN $3 ELSE a.address END,
      phone = CASE WHEN $2 = 'phone' THEN $3 ELSE a.phone END,
      contact = CASE WHEN $2 = 'contact' THEN $3 ELSE a.contact END,
      seal_caption = CASE WHEN $2 = 'seal_caption' THEN $3
                          ELSE a.seal_caption END,
      reconsideration_body = CASE WHEN $2 = 'reconsideration_body' THEN $3
                                  ELSE a.reconsideration_body END,
      court = CASE WHEN $2 = 'court' THEN $3 ELSE a.court END,
      fee_payment = CASE WHEN $2 = 'fee_payment' THEN $3
                         ELSE a.fee_payment END
    WHERE a.code = $1
    RETURNING a.id, a.code, a.name, $2, $3;
END;
$_$;


ALTER FUNCTION public.dsc_w_agency_set_letter(text, text, text, text) OWNER TO disclose_writer;

--
-- Name: dsc_w_agency_set_supplement(text, integer, text); Type: FUNCTION; Schema: public; Owner: disclose_writer
--

CREATE FUNCTION public.dsc_w_agency_set_supplement(text, integer, text) RETURNS TABLE(id bigint, code text, name text, supplement_reply_days integer)
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path TO 'pg_catalog', 'public', 'pg_temp'
    AS $_$
BEGIN
  PERFORM dsc_require_role($3, ARRAY['admin'], 'agency set');
  RETURN QUERY UPDATE agencies AS a SET supplement_reply_days = $2
    WHERE a.code = $1
    RETURNING a.id, a.code, a.name, a.supplement_reply_days;
END;
$_$;


ALTER FUNCTION public.dsc_w_agency_set_supplement(text, integer, text) OWNER TO disclose_writer;

--
-- Name: dsc_w_appeal_decide(bigint, bigint, integer, text, text, text, text); Type: FUNCTION; Schema: public; Owner: disclose_writer
--

CREATE FUNCTION public.dsc_w_appeal_decide(bigint, bigint, integer, text, text, text, text) RETURNS TABLE(id bigint, request_id bigint, kind text, filed_on date, result text, decided_on date, agency text)
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path TO 'pg_catalog', 'public', 'pg_temp'
    AS $_$
#variable_conflict use_column
DECLARE
  ag bigint;
BEGIN
  IF $2 IS NOT NULL THEN
    RETURN QUERY
    WITH u AS (UPDATE requests SET version = version + 1, last_action =
    'appeal-decided', last_actor = $4, last_on = $7::date, updated_at = now()
    WHERE requests.id = $2 AND version = $3 AND EXISTS (SELECT 1 FROM appeals
    p WHERE p.id = $1 AND p.request_id = $2 AND p.result IS NULL) RETURNING
    requests.id, version, state), ap AS (UPDATE appeals x SET result = $6,
    decided_on = $7::date, decided_by = $4, decided_as = session_user WHERE
    x.id = $1 AND EXISTS (SELECT 1 FROM u) RETURNING x.id, x.request_id,
    x.kind, x.filed_on, x.result, x.decided_on, x.agency_id), ev AS (INSERT
    INTO request_events (request_id, seq, action, state, actor, on_date,
    payload) SELECT u.id, u.version, 'appeal-decided', u.state, $4, $7::date,
    $5::jsonb FROM u, ap) SELECT ap.id, ap.request_id, ap.kind, ap.filed_on,
    ap.result, ap.decided_on, a.code FROM ap JOIN agencies a ON a.id =
    ap.agency_id;
    RETURN;
  END IF;
  PERFORM dsc_require_role($4, ARRAY['clerk', 'supervisor'], 'appeal-decided');
  SELECT p.agency_id INTO ag FROM appeals p
   WHERE p.id = $1 AND p.request_id IS NULL AND p.result IS NULL;
  IF NOT FOUND THEN
    RETURN;
  END IF;
  PERFORM dsc_appeal_date_ok($4, 'appeal-decided', $7::date, ag);
  RETURN QUERY
  UPDATE appeals x SET result = $6, decided_on = $7::date, decided_by = $4,
    decided_as = session_user
   WHERE x.id = $1 AND x.request_id IS NULL AND x.result IS NULL
  RETURNING x.id, x.request_id, x.kind, x.filed_on, x.result, x.decided_on,
    (SELECT a.code FROM agencies a WHERE a.id = x.agency_id);
END;
$_$;


ALTER FUNCTION public.dsc_w_appeal_decide(bigint, bigint, integer, text, text, text, text) OWNER TO disclose_writer;

--
-- Name: dsc_w_appeal_file(bigint, integer, text, text, text, text, text, text, text, text); Type: FUNCTION; Schema: public; Owner: disclose_writer
--

CREATE FUNCTION public.dsc_w_appeal_file(bigint, integer, text, text, text, text, text, text, text, text) RETURNS TABLE(id bigint, request_id bigint, kind text, filed_on date, result text, decided_on date, agency text)
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path TO 'pg_catalog', 'public', 'pg_temp'
    AS $_$
#variable_conflict use_column
DECLARE
  ag bigint;
BEGIN
  IF $1 IS NOT NULL THEN
    RETURN QUERY
    WITH u AS (UPDATE requests SET version = version + 1, last_action =
    'appeal', last_actor = $3, last_on = $4::date, updated_at = now() WHERE
    requests.id = $1 AND version = $2 RETURNING requests.id, version, state,
    agency_id), ap AS (INSERT INTO appeals AS x (request_id, agency_id, kind,
    filed_on, result, decided_on, filed_by, filed_as, decided_by, decided_as)
    SELECT u.id, u.agency_id, $6, $7::date, $8, $9::date, $3, session_user,
    CASE WHEN $8 IS NOT NULL THEN $3 END, CASE WHEN $8 IS NOT NULL THEN
    session_user END FROM u RETURNING x.id, x.request_id, x.kind, x.filed_on,
    x.result, x.decided_on, x.agency_id), ev AS (INSERT INTO request_events
    (request_id, seq, action, state, actor, on_date, payload) SELECT u.id,
    u.version, 'appeal', u.state, $3, $4::date, $5::jsonb ||
    jsonb_build_object('appeal_id', ap.id) FROM u, ap) SELECT ap.id,
    ap.request_id, ap.kind, ap.filed_on, ap.result, ap.decided_on, a.code FROM
    ap JOIN agencies a ON a.id = ap.agency_id;
    RETURN;
  END IF;
  PERFORM dsc_require_role($3, ARRAY['clerk', 'supervisor'], 'appeal');
  SELECT a.id INTO ag FROM agencies a WHERE a.code = $10;
  IF NOT FOUND THEN
    RETURN;
  END IF;
  PERFORM dsc_appeal_date_ok($3, 'appeal', $4::date, ag);
  RETURN QUERY
  INSERT INTO appeals AS x (request_id, agency_id, kind, filed_on, result,
    decided_on, filed_by, filed_as, decided_by, decided_as)
  VALUES (NULL, ag, $6, $7::date, $8, $9::date, $3, session_user,
    CASE WHEN $8 IS NOT NULL THEN $3 END,
    CASE WHEN $8 IS NOT NULL THEN session_user END)
  RETURNING x.id, x.request_id, x.kind, x.filed_on, x.result, x.decided_on, $10;
END;
$_$;


ALTER FUNCTION public.dsc_w_appeal_file(bigint, integer, text, text, text, text, text, text, text, text) OWNER TO disclose_writer;

--
-- Name: dsc_w_calendar_bump(text); Type: FUNCTION; Schema: public; Owner: disclose_writer
--

CREATE FUNCTION public.dsc_w_calendar_bump(text) RETURNS TABLE(generation bigint, notified text)
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path TO 'pg_catalog', 'public', 'pg_temp'
    AS $_$
BEGIN
  PERFORM dsc_require_role($1, ARRAY['admin'], 'calendar import');
  RETURN QUERY WITH u AS (UPDATE calendar_state s
      SET generation = s.generation + 1 RETURNING s.generation)
    SELECT u.generation, pg_notify('disclose', 'calendar')::text FROM u;
END;
$_$;


ALTER FUNCTION public.dsc_w_calendar_bump(text) OWNER TO disclose_writer;

--
-- Name: dsc_w_calendar_delete_years(integer[], text); Type: FUNCTION; Schema: public; Owner: disclose_writer
--

CREATE FUNCTION public.dsc_w_calendar_delete_years(integer[], text) RETURNS void
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path TO 'pg_catalog', 'public', 'pg_temp'
    AS $_$
BEGIN
  PERFORM dsc_require_role($2, ARRAY['admin'], 'calendar import');
  DELETE FROM calendar_days WHERE extract(year FROM day)::int = ANY ($1);
END;
$_$;


ALTER FUNCTION public.dsc_w_calendar_delete_years(integer[], text) OWNER TO disclose_writer;

--
-- Name: dsc_w_calendar_upsert_days(date[], text[], text[], text); Type: FUNCTION; Schema: public; Owner: disclose_writer
--

CREATE FUNCTION public.dsc_w_calendar_upsert_days(date[], text[], text[], text) RETURNS void
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path TO 'pg_catalog', 'public', 'pg_temp'
    AS $_$
BEGIN
  PERFORM dsc_require_role($4, ARRAY['admin'], 'calendar import');
  INSERT INTO calendar_days (day, kind, name)
    SELECT * FROM unnest($1, $2, $3)
    ON CONFLICT (day) DO UPDATE SET kind = EXCLUDED.kind, name = EXCLUDED.name;
END;
$_$;


ALTER FUNCTION public.dsc_w_calendar_upsert_days(date[], text[], text[], text) OWNER TO disclose_writer;

--
-- Name: dsc_w_calendar_upsert_years(integer[], text, text); Type: FUNCTION; Schema: public; Owner: disclose_writer
--

CREATE FUNCTION public.dsc_w_calendar_upsert_years(integer[], text, text) RETURNS void
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path TO 'pg_catalog', 'public', 'pg_temp'
    AS $_$
BEGIN
  PERFORM dsc_require_role($3, ARRAY['admin'], 'calendar import');
  INSERT INTO calendar_years (year, source) SELECT unnest($1), $2
    ON CONFLICT (year) DO UPDATE SET source = EXCLUDED.source, loaded_at = now();
END;
$_$;


ALTER FUNCTION public.dsc_w_calendar_upsert_years(integer[], text, text) OWNER TO disclose_writer;

--
-- Name: dsc_w_clock_stamp(bigint, integer, bigint); Type: FUNCTION; Schema: public; Owner: disclose_writer
--

CREATE FUNCTION public.dsc_w_clock_stamp(bigint, integer, bigint) RETURNS SETOF bigint
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path TO 'pg_catalog', 'public', 'pg_temp'
    AS $_$
BEGIN
  PERFORM dsc_acting_roles('system', 'clock-stamp');
  RETURN QUERY UPDATE requests SET calendar_generation = $3
    WHERE requests.id = $1 AND version = $2 RETURNING requests.id;
END;
$_$;


ALTER FUNCTION public.dsc_w_clock_stamp(bigint, integer, bigint) OWNER TO disclose_writer;

--
-- Name: dsc_w_letter_deliver(bigint, integer, text, date, text, text, text); Type: FUNCTION; Schema: public; Owner: disclose_writer
--

CREATE FUNCTION public.dsc_w_letter_deliver(bigint, integer, text, date, text, text, text) RETURNS TABLE(seq integer, number text, kind text, delivered_on date)
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path TO 'pg_catalog', 'public', 'pg_temp'
    AS $_$
#variable_conflict use_column
DECLARE
  r record;
  l record;
BEGIN
  SELECT x.seq, x.kind, x.letter_date INTO l FROM letters x
   WHERE x.request_id = $1 AND x.number = $5 AND x.delivered_on IS NULL
   FOR UPDATE;
  IF NOT FOUND THEN
    RETURN;
  END IF;
  IF $4 < l.letter_date THEN
    PERFORM dsc_refuse('on', format('%s is before the letter''s date (%s)',
                                    $4, l.letter_date));
  END IF;
  UPDATE requests q SET version = q.version + 1, last_action = 'deliver',
         last_actor = $3, last_on = $4, updated_at = now()
   WHERE q.id = $1 AND q.version = $2
  RETURNING q.id, q.version, q.state INTO r;
  IF NOT FOUND THEN
    RETURN;
  END IF;
  INSERT INTO request_events (request_id, seq, action, state, actor, on_date,
                              payload)
  VALUES ($1, r.version, 'deliver', r.state, $3, $4,
          jsonb_build_object('number', $5, 'kind', l.kind, 'method', $6)
          || CASE WHEN $7 IS NULL THEN '{}'::jsonb
                  ELSE jsonb_build_object('tracking', $7) END);
  UPDATE letters x SET delivered_on = $4, delivery_method = $6,
         delivery_tracking = $7, delivery_seq = r.version
   WHERE x.request_id = $1 AND x.seq = l.seq;
  RETURN QUERY SELECT r.version, $5, l.kind, $4;
END;
$_$;


ALTER FUNCTION public.dsc_w_letter_deliver(bigint, integer, text, date, text, text, text) OWNER TO disclose_writer;

--
-- Name: dsc_w_letter_issue(bigint, integer, text, date, text, text, text, jsonb, text); Type: FUNCTION; Schema: public; Owner: disclose_writer
--

CREATE FUNCTION public.dsc_w_letter_issue(bigint, integer, text, date, text, text, text, jsonb, text) RETURNS TABLE(seq integer, n integer, number text, sha256 text, body text)
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path TO 'pg_catalog', 'public', 'pg_temp'
    AS $_$
#variable_conflict use_column
DECLARE
  r record;
  k int;
  num text;
  txt text;
  digest text;
  yr int := extract(year FROM $4)::int;
BEGIN
  IF strpos($6, E'\x01') = 0 THEN
    PERFORM dsc_refuse('number', 'the document number has no place for its sequence number');
  END IF;
  UPDATE requests q SET version = q.version + 1, last_action = 'letter',
         last_actor = $3, last_on = $4, updated_at = now()
   WHERE q.id = $1 AND q.version = $2
  RETURNING q.id, q.version, q.state, q.agency_id INTO r;
  IF NOT FOUND THEN
    RETURN;
  END IF;
  IF $9 IS NOT NULL AND NOT EXISTS (SELECT 1 FROM letters l
       WHERE l.request_id = $1 AND l.number = $9 AND l.kind = $5) THEN
    PERFORM dsc_refuse('corrects', format('request %s has no %s letter %s',
                                          $1, $5, $9));
  END IF;
  INSERT INTO letter_numbers AS c (agency_id, year, kind, last)
  VALUES (r.agency_id, yr, $5, 1)
  ON CONFLICT (agency_id, year, kind) DO UPDATE SET last = c.last + 1
  RETURNING c.last INTO k;
  num := replace($6, E'\x01', k::text);
  txt := replace($7, E'\x01', k::text);
  digest := encode(sha256(convert_to(txt, 'UTF8')), 'hex');
  INSERT INTO request_events (request_id, seq, action, state, actor, on_date,
                              payload)
  VALUES ($1, r.version, 'letter', r.state, $3, $4,
          jsonb_build_object('kind', $5, 'number', num, 'year', yr, 'n', k,
                             'date', $4, 'sha256', digest, 'text', txt,
                             'fields', jsonb_set(coalesce($8, '{}'::jsonb),
                                                 '{number}', to_jsonb(num)))
          || CASE WHEN $9 IS NULL THEN '{}'::jsonb
                  ELSE jsonb_build_object('corrects', $9) END);
  INSERT INTO letters (request_id, seq, agency_id, kind, year, n, number,
                       letter_date, sha256, corrects)
  VALUES ($1, r.version, r.agency_id, $5, yr, k, num, $4, digest, $9);
  RETURN QUERY SELECT r.version, k, num, digest, txt;
END;
$_$;


ALTER FUNCTION public.dsc_w_letter_issue(bigint, integer, text, date, text, text, text, jsonb, text) OWNER TO disclose_writer;

--
-- Name: dsc_w_report_active_set(text, integer, text[], text[], text); Type: FUNCTION; Schema: public; Owner: disclose_writer
--

CREATE FUNCTION public.dsc_w_report_active_set(text, integer, text[], text[], text) RETURNS TABLE(key text, value text)
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path TO 'pg_catalog', 'public', 'pg_temp'
    AS $_$
#variable_conflict use_column
BEGIN
  PERFORM dsc_require_role($5, ARRAY['supervisor'], 'report sections');
  RETURN QUERY INSERT INTO report_active_entries AS e (agency_id, year, key,
    value, entered_by, connected_as)
    SELECT a.id, $2, u.k, nullif(u.v, ''), $5, session_user
      FROM agencies a, unnest($3, $4) WITH ORDINALITY AS u(k, v, ord)
     WHERE a.code = $1 ORDER BY u.ord
    RETURNING e.key, e.value;
END;
$_$;


ALTER FUNCTION public.dsc_w_report_active_set(text, integer, text[], text[], text) OWNER TO disclose_writer;

--
-- Name: dsc_w_report_store(text, text, text, text, text); Type: FUNCTION; Schema: public; Owner: disclose_writer
--

CREATE FUNCTION public.dsc_w_report_store(text, text, text, text, text) RETURNS SETOF bigint
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path TO 'pg_catalog', 'public', 'pg_temp'
    AS $_$
BEGIN
  PERFORM dsc_require_role($3, ARRAY['supervisor', 'admin', 'system'], 'compile');
  RETURN QUERY
  WITH parts AS MATERIALIZED (SELECT r.applicant_type AS t, true AS is_new,
  false AS carried_in, r.outcome AS o, r.closed_on BETWEEN make_date($2::int,
  1, 1) AND make_date($2::int, 12, 31) AS closed_in, (r.closed_on IS NULL OR
  r.closed_on > make_date($2::int, 12, 31)) AS carried_out, count(*) AS n,
  sum(hashint8extended(r.id, 0)) AS h, array_agg(r.id) AS ids FROM requests r
  WHERE r.agency_id = (SELECT id FROM agencies WHERE code = $1) AND
  r.received_on BETWEEN make_date($2::int, 1, 1) AND make_date($2::int, 12,
  31) AND (r.closed_on IS NULL OR r.closed_on >= make_date($2::int, 1, 1))
  GROUP BY 1, 4, 5, 6 UNION ALL SELECT r.applicant_type, false, true,
  r.outcome, r.closed_on BETWEEN make_date($2::int, 1, 1) AND
  make_date($2::int, 12, 31), (r.closed_on IS NULL OR r.closed_on >
  make_date($2::int, 12, 31)), count(*), sum(hashint8extended(r.id, 0)),
  array_agg(r.id) AS ids FROM requests r WHERE r.agency_id = (SELECT id FROM
  agencies WHERE code = $1) AND r.received_on < make_date($2::int, 1, 1) AND
  r.closed_on >= make_date($2::int, 1, 1) AND r.closed_on IS NOT NULL AND
  extract(year FROM r.closed_on) > extract(year FROM r.received_on) GROUP BY
  1, 4, 5, 6 UNION ALL SELECT r.applicant_type, false, true, NULL::text,
  false, true, count(*), sum(hashint8extended(r.id, 0)), array_agg(r.id) AS
  ids FROM requests r WHERE r.agency_id = (SELECT id FROM agencies WHERE code
  = $1) AND r.received_on < make_date($2::int, 1, 1) AND r.closed_on IS NULL
  GROUP BY 1) , grp AS (SELECT t, is_new, carried_in, CASE WHEN
  parts.closed_in THEN coalesce(parts.o, '') END AS outcome, carried_out,
  sum(n)::bigint AS n, sum(h) AS h FROM parts GROUP BY 1, 2, 3, 4, 5) , dig AS
  (SELECT md5(coalesce(string_agg(concat_ws(':', grp.t, grp.is_new,
  grp.carried_in, coalesce(grp.outcome, '-'), grp.carried_out, grp.n, grp.h),
  ',' ORDER BY grp.t, grp.is_new, grp.carried_in, grp.outcome,
  grp.carried_out), '')) AS d FROM grp), rep AS (INSERT INTO annual_reports
  (agency_id, year, compiled_by, report, source_digest) SELECT a.id, $2::int,
  $3, $4, dig.d FROM agencies a, dig WHERE a.code = $1 AND dig.d = $5
  RETURNING id), items AS (INSERT INTO annual_report_groups SELECT rep.id,
  parts.t, parts.is_new, parts.carried_in, CASE WHEN parts.closed_in THEN
  coalesce(parts.o, '') END, parts.carried_out, parts.n, parts.h, parts.ids
  FROM rep, parts) SELECT id FROM rep;
END;
$_$;


ALTER FUNCTION public.dsc_w_report_store(text, text, text, text, text) OWNER TO disclose_writer;

--
-- Name: dsc_w_report_text_set(text, integer, integer, text, text); Type: FUNCTION; Schema: public; Owner: disclose_writer
--

CREATE FUNCTION public.dsc_w_report_text_set(text, integer, integer, text, text) RETURNS TABLE(section integer, body text)
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path TO 'pg_catalog', 'public', 'pg_temp'
    AS $_$
#variable_conflict use_column
BEGIN
  PERFORM dsc_require_role($5, ARRAY['supervisor'], 'report sections');
  RETURN QUERY INSERT INTO report_text_entries AS e (agency_id, year, section,
    body, entered_by, connected_as)
    SELECT a.id, $2, $3, $4, $5, session_user FROM agencies a WHERE a.code = $1
    RETURNING e.section, e.body;
END;
$_$;


ALTER FUNCTION public.dsc_w_report_text_set(text, integer, integer, text, text) OWNER TO disclose_writer;

--
-- Name: dsc_w_staff_add(text, text, text[], text); Type: FUNCTION; Schema: public; Owner: disclose_roles
--

CREATE FUNCTION public.dsc_w_staff_add(text, text, text[], text) RETURNS TABLE(login text, name text, roles text[])
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path TO 'pg_catalog', 'public', 'pg_temp'
    AS $_$
BEGIN
  PERFORM dsc_require_role($4, ARRAY['admin'], 'staff');
  IF 'system' = ANY ($3) THEN
    PERFORM dsc_refuse('role', 'system is not a staff role');
  END IF;
  IF EXISTS (SELECT 1 FROM staff s WHERE s.login = $1) THEN
    RETURN;
  END IF;
  IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = $1) THEN
    BEGIN
      EXECUTE format('CREATE ROLE %I LOGIN', $1);
    EXCEPTION WHEN duplicate_object OR unique_violation THEN
      NULL; -- created meanwhile by another database of the cluster
    END;
  END IF;
  IF NOT dsc_plain_login($1) THEN
    PERFORM dsc_refuse('login', format(
      'the database role %s has other powers; choose another login', $1));
  END IF;
  IF NOT (SELECT rolcanlogin FROM pg_roles WHERE rolname = $1) THEN
    EXECUTE format('ALTER ROLE %I LOGIN', $1);
  END IF;
  RETURN QUERY INSERT INTO staff AS s (login, name, roles) VALUES ($1, $2, $3)
    RETURNING s.login, s.name, s.roles;
  PERFORM dsc_staff_sync_groups($1, $3);
END;
$_$;


ALTER FUNCTION public.dsc_w_staff_add(text, text, text[], text) OWNER TO disclose_roles;

--
-- Name: dsc_w_staff_disable(text, text); Type: FUNCTION; Schema: public; Owner: disclose_roles
--

CREATE FUNCTION public.dsc_w_staff_disable(text, text) RETURNS TABLE(login text, name text, roles text[], active boolean)
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path TO 'pg_catalog', 'public', 'pg_temp'
    AS $_$
BEGIN
  PERFORM dsc_require_role($2, ARRAY['admin'], 'staff');
  IF $1 = 'system' THEN
    PERFORM dsc_refuse('login', 'the system actor cannot be disabled');
  END IF;
  RETURN QUERY UPDATE staff s SET active = false WHERE s.login = $1
    RETURNING s.login, s.name, s.roles, s.active;
  IF FOUND AND EXISTS (SELECT 1 FROM pg_roles WHERE rolname = $1)
     AND dsc_plain_login($1) THEN
    EXECUTE format('ALTER ROLE %I NOLOGIN', $1);
    PERFORM pg_terminate_backend(a.pid) FROM pg_stat_activity a
      WHERE a.usename = $1 AND a.pid <> pg_backend_pid();
  END IF;
END;
$_$;


ALTER FUNCTION public.dsc_w_staff_disable(text, text) OWNER TO disclose_roles;

--
-- Name: dsc_w_staff_password(text, text, text); Type: FUNCTION; Schema: public; Owner: disclose_roles
--

CREATE FUNCTION public.dsc_w_staff_password(text, text, text) RETURNS TABLE(login text, name text, roles text[], active boolean)
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path TO 'pg_catalog', 'public', 'pg_temp'
    AS $_$
BEGIN
  -- Anyone acting as themselves (checked as every actor is), or an admin.
  IF $1 IS DISTINCT FROM $3 THEN
    PERFORM dsc_require_role($3, ARRAY['admin'], 'staff');
  ELSE
    PERFORM dsc_acting_roles($3, 'staff');
  END IF;
  IF $2 IS NULL OR $2 !~ '^SCRAM-SHA-256\$[0-9]+:[A-Za-z0-9+/=]+\$[A-Za-z0-9+/=]+:[A-Za-z0-9+/=]+$' THEN
    PERFORM dsc_refuse('password', 'not a SCRAM-SHA-256 verifier');
  END IF;
  IF NOT EXISTS (SELECT 1 FROM staff s WHERE s.login = $1 AND s.active)
     OR NOT EXISTS (SELECT 1 FROM pg_roles r WHERE r.rolname = $1) THEN
    RAISE EXCEPTION 'login: no active staff member %', $1
      USING ERRCODE = 'no_data_found';
  END IF;
  IF NOT dsc_plain_login($1) THEN
    PERFORM dsc_refuse('login', format(
      'the database role %s has other powers; its password is not set here', $1));
  END IF;
  EXECUTE format('ALTER ROLE %I PASSWORD %L', $1, $2);
  PERFORM dsc_web_sessions_end_for($1, 'password');
  RETURN QUERY SELECT s.login, s.name, s.roles, s.active FROM staff s
    WHERE s.login = $1;
END;
$_$;


ALTER FUNCTION public.dsc_w_staff_password(text, text, text) OWNER TO disclose_roles;

--
-- Name: dsc_w_staff_roles(text, text[], text); Type: FUNCTION; Schema: public; Owner: disclose_roles
--

CREATE FUNCTION public.dsc_w_staff_roles(text, text[], text) RETURNS TABLE(login text, name text, roles text[], active boolean)
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path TO 'pg_catalog', 'public', 'pg_temp'
    AS $_$
BEGIN
  PERFORM dsc_require_role($3, ARRAY['admin'], 'staff');
  IF 'system' = ANY ($2) OR $1 = 'system' THEN
    PERFORM dsc_refuse('role', 'system is not a staff role');
  END IF;
  RETURN QUERY UPDATE staff s SET roles = $2 WHERE s.login = $1
    RETURNING s.login, s.name, s.roles, s.active;
  IF FOUND AND EXISTS (SELECT 1 FROM pg_roles WHERE rolname = $1)
     AND dsc_plain_login($1) THEN
    PERFORM dsc_staff_sync_groups($1, $2);
  END IF;
END;
$_$;


ALTER FUNCTION public.dsc_w_staff_roles(text, text[], text) OWNER TO disclose_roles;

--
-- Name: dsc_w_submit(text[], text[], text[], text[], text[], date[], text[], text[], text[], text[], text[], text[], text[], text[], date[], text[], date[], date[], bigint[]); Type: FUNCTION; Schema: public; Owner: disclose_writer
--

CREATE FUNCTION public.dsc_w_submit(text[], text[], text[], text[], text[], date[], text[], text[], text[], text[], text[], text[], text[], text[], date[], text[], date[], date[], bigint[]) RETURNS TABLE(agency_id bigint, roles text[], id bigint, first_id bigint)
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path TO 'pg_catalog', 'public', 'pg_temp'
    AS $_$
#variable_conflict use_column
BEGIN
  RETURN QUERY
  WITH i AS MATERIALIZED (SELECT u.*, a.id AS agency_id, s.roles, CASE WHEN
  a.id IS NOT NULL AND s.roles && $3::text[] THEN
  nextval('requests_id_seq'::regclass) END AS id FROM unnest($1::text[],
  $2::text[], $4::text[], $5::text[], $6::date[], $7::text[], $8::text[],
  $9::text[], $10::text[], $11::text[], $12::text[], $13::text[], $14::text[],
  $15::date[], $16::text[], $17::date[], $18::date[], $19::bigint[]) WITH
  ORDINALITY AS u(agency, actor, channel, form, received_on, applicant_type,
  applicant_name, id_number, phone, email, address, description,
  idempotency_key, on_date, payload, due_on, supplement_notice_due_on,
  generation, ord) LEFT JOIN agencies a ON a.code = u.agency LEFT JOIN staff s
  ON s.login = u.actor AND s.active), ins AS (INSERT INTO requests (id,
  agency_id, version, state, channel, form, received_on, clock_start,
  applicant_type, applicant_name, applicant_id_number, applicant_phone,
  applicant_email, applicant_address, description, idempotency_key, due_on,
  supplement_notice_due_on, calendar_generation, last_action, last_actor,
  last_on) OVERRIDING SYSTEM VALUE SELECT id, agency_id, 1, 'received',
  channel, form, received_on, received_on, applicant_type, applicant_name,
  id_number, phone, email, address, description, idempotency_key, due_on,
  supplement_notice_due_on, generation, 'submit', actor, on_date FROM i WHERE
  id IS NOT NULL ORDER BY ord ON CONFLICT (agency_id, idempotency_key) DO
  NOTHING RETURNING id), ev AS (INSERT INTO request_events (request_id, seq,
  action, state, actor, on_date, payload) SELECT i.id, 1, 'submit',
  'received', i.actor, i.on_date, i.payload::jsonb FROM ins JOIN i USING (id)
  ORDER BY i.ord) SELECT i.agency_id, i.roles, ins.id, CASE WHEN ins.id IS
  NULL AND i.idempotency_key IS NOT NULL THEN (SELECT r.id FROM requests r
  WHERE r.agency_id = i.agency_id AND r.idempotency_key = i.idempotency_key)
  END FROM i LEFT JOIN ins USING (id) ORDER BY i.ord;
END;
$_$;


ALTER FUNCTION public.dsc_w_submit(text[], text[], text[], text[], text[], date[], text[], text[], text[], text[], text[], text[], text[], text[], date[], text[], date[], date[], bigint[]) OWNER TO disclose_writer;

--
-- Name: dsc_w_transition_many(bigint[], integer[], text[], text[], date[], date[], text[], text[], text[], date[], date[], text[], text[], text[], date[], jsonb[], date[], date[], integer[], integer[], date[], bigint[], bigint[], date[], smallint[]); Type: FUNCTION; Schema: public; Owner: disclose_writer
--

CREATE FUNCTION public.dsc_w_transition_many(bigint[], integer[], text[], text[], date[], date[], text[], text[], text[], date[], date[], text[], text[], text[], date[], jsonb[], date[], date[], integer[], integer[], date[], bigint[], bigint[], date[], smallint[]) RETURNS TABLE(n bigint, seq integer)
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path TO 'pg_catalog', 'public', 'pg_temp'
    AS $_$
#variable_conflict use_column
BEGIN
  RETURN QUERY
  WITH i AS (SELECT * FROM unnest($1::bigint[], $2::int[], $3::text[],
  $4::text[], $5::date[], $6::date[], $7::text[], $8::text[], $9::text[],
  $10::date[], $11::date[], $12::text[], $13::text[], $14::text[],
  $15::date[], $16::jsonb[], $17::date[], $18::date[], $19::int[], $20::int[],
  $21::date[], $22::bigint[], $23::bigint[], $24::date[], $25::smallint[])
  WITH ORDINALITY AS i(id, version, state, hold, hold_since, hold_lapses_on,
  assignee, drafter, outcome, answered_on, closed_on, published_url, action,
  actor, on_date, payload, clock_start, due_on, extended_days,
  paused_workdays, supplement_notice_due_on, calendar_generation,
  fee_amount_fen, fee_paid_on, escalation, n)), u AS (UPDATE requests r SET
  version = r.version + 1, state = i.state, hold = i.hold, hold_since =
  i.hold_since, hold_lapses_on = i.hold_lapses_on, assignee = i.assignee,
  drafter = i.drafter, outcome = i.outcome, answered_on = i.answered_on,
  closed_on = i.closed_on, published_url = i.published_url, clock_start =
  i.clock_start, due_on = i.due_on, extended_days = i.extended_days,
  paused_workdays = i.paused_workdays, supplement_notice_due_on =
  i.supplement_notice_due_on, calendar_generation = i.calendar_generation,
  fee_amount_fen = i.fee_amount_fen, fee_paid_on = i.fee_paid_on, escalation =
  i.escalation, last_action = i.action, last_actor = i.actor, last_on =
  i.on_date, updated_at = now() FROM i WHERE r.id = i.id AND r.version =
  i.version RETURNING r.id, r.version, i.n, i.action, i.state, i.actor,
  i.on_date, i.payload), e AS (INSERT INTO request_events (request_id, seq,
  action, state, actor, on_date, payload) SELECT id, version, action, state,
  actor, on_date, payload FROM u) SELECT n, version AS seq FROM u;
END;
$_$;


ALTER FUNCTION public.dsc_w_transition_many(bigint[], integer[], text[], text[], date[], date[], text[], text[], text[], date[], date[], text[], text[], text[], date[], jsonb[], date[], date[], integer[], integer[], date[], bigint[], bigint[], date[], smallint[]) OWNER TO disclose_writer;

--
-- Name: dsc_web_actor(text); Type: FUNCTION; Schema: public; Owner: disclose
--

CREATE FUNCTION public.dsc_web_actor(actor text) RETURNS bigint
    LANGUAGE sql STABLE
    AS $_$
  SELECT min(w.id)
    FROM pg_catalog.unnest(pg_catalog.string_to_array(
           nullif(pg_catalog.current_setting('disclose.web', true), ''),
           ' ')) t
    JOIN public.web_sessions w
      ON w.token_hash = pg_catalog.sha256(pg_catalog.convert_to(t, 'UTF8'))
    JOIN public.staff s ON s.login = w.login
   WHERE w.login = $1 AND w.ended_at IS NULL AND s.active
     AND pg_catalog.now() < w.idle_expires_at AND pg_catalog.now() < w.expires_at
$_$;


ALTER FUNCTION public.dsc_web_actor(actor text) OWNER TO disclose;

--
-- Name: dsc_web_bind(text); Type: FUNCTION; Schema: public; Owner: disclose
--

CREATE FUNCTION public.dsc_web_bind(token text) RETURNS void
    LANGUAGE sql
    SET search_path TO 'pg_catalog', 'public', 'pg_temp'
    AS $_$
  SELECT set_config('disclose.web', concat_ws(' ',
    nullif(current_setting('disclose.web', true), ''), $1), true);
$_$;


ALTER FUNCTION public.dsc_web_bind(token text) OWNER TO disclose;

SET default_tablespace = '';

SET default_table_access_method = heap;

--
-- Name: web_sessions; Type: TABLE; Schema: public; Owner: disclose
--

CREATE TABLE public.web_sessions (
    id bigint NOT NULL,
    token_hash bytea NOT NULL,
    login text NOT NULL,
    created_at timestamp with time zone DEFAULT now() NOT NULL,
    last_seen_at timestamp with time zone DEFAULT now() NOT NULL,
    idle_expires_at timestamp with time zone NOT NULL,
    expires_at timestamp with time zone NOT NULL,
    ended_at timestamp with time zone,
    ended_why text,
    client text NOT NULL,
    agent text,
    CONSTRAINT web_sessions_agent_check CHECK ((length(agent) <= 300)),
    CONSTRAINT web_sessions_check CHECK (((ended_at IS NULL) = (ended_why IS NULL))),
    CONSTRAINT web_sessions_client_check CHECK ((length(client) <= 100)),
    CONSTRAINT web_sessions_ended_why_check CHECK ((ended_why = ANY (ARRAY['logout'::text, 'disabled'::text, 'roles'::text, 'password'::text]))),
    CONSTRAINT web_sessions_token_hash_check CHECK ((length(token_hash) = 32))
);


ALTER TABLE public.web_sessions OWNER TO disclose;

--
-- Name: dsc_web_live(text); Type: FUNCTION; Schema: public; Owner: disclose_writer
--

CREATE FUNCTION public.dsc_web_live(token text) RETURNS SETOF public.web_sessions
    LANGUAGE plpgsql STABLE
    SET search_path TO 'pg_catalog', 'public', 'pg_temp'
    AS $$
BEGIN
  RETURN QUERY
  SELECT w.* FROM web_sessions w JOIN staff s ON s.login = w.login
   WHERE w.token_hash = sha256(convert_to(token, 'UTF8'))
     AND w.ended_at IS NULL AND s.active
     AND now() < w.idle_expires_at AND now() < w.expires_at;
END;
$$;


ALTER FUNCTION public.dsc_web_live(token text) OWNER TO disclose_writer;

--
-- Name: dsc_web_login_gate(text, text); Type: FUNCTION; Schema: public; Owner: disclose_writer
--

CREATE FUNCTION public.dsc_web_login_gate(text, text) RETURNS text
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path TO 'pg_catalog', 'public', 'pg_temp'
    AS $_$
DECLARE
  p dsc_web_policy;
BEGIN
  SELECT * INTO p FROM dsc_web_policy;
  IF (SELECT count(*) FROM login_attempts a
       WHERE a.login = $1 AND a.outcome <> 'ok'
         AND a.at > clock_timestamp() - p.failure_window) >= p.max_failures
     OR (SELECT count(*) FROM login_attempts a
          WHERE a.client = $2 AND a.outcome <> 'ok'
            AND a.at > clock_timestamp() - p.failure_window) >= p.max_failures THEN
    INSERT INTO login_attempts (login, client, outcome)
      VALUES (left($1, 100), left($2, 100), 'throttled');
    RETURN 'throttled';
  END IF;
  RETURN 'ok';
END;
$_$;


ALTER FUNCTION public.dsc_web_login_gate(text, text) OWNER TO disclose_writer;

--
-- Name: dsc_web_login_refused(text, text, text); Type: FUNCTION; Schema: public; Owner: disclose_writer
--

CREATE FUNCTION public.dsc_web_login_refused(login text, client text, reason text) RETURNS void
    LANGUAGE sql SECURITY DEFINER
    SET search_path TO 'pg_catalog', 'public', 'pg_temp'
    AS $_$
  INSERT INTO login_attempts (login, client, outcome, reason)
    VALUES (left($1, 100), left($2, 100), 'refused', left($3, 300))
$_$;


ALTER FUNCTION public.dsc_web_login_refused(login text, client text, reason text) OWNER TO disclose_writer;

--
-- Name: dsc_web_members(); Type: FUNCTION; Schema: public; Owner: disclose
--

CREATE FUNCTION public.dsc_web_members() RETURNS text
    LANGUAGE sql STABLE
    AS $$
  SELECT pg_catalog.string_agg(DISTINCT w.login, ',')
    FROM pg_catalog.unnest(pg_catalog.string_to_array(
           nullif(pg_catalog.current_setting('disclose.web', true), ''),
           ' ')) t
    JOIN public.web_sessions w
      ON w.token_hash = pg_catalog.sha256(pg_catalog.convert_to(t, 'UTF8'))
   WHERE w.ended_at IS NULL
     AND pg_catalog.now() < w.idle_expires_at AND pg_catalog.now() < w.expires_at
$$;


ALTER FUNCTION public.dsc_web_members() OWNER TO disclose;

--
-- Name: dsc_web_session_check(text); Type: FUNCTION; Schema: public; Owner: disclose_writer
--

CREATE FUNCTION public.dsc_web_session_check(text) RETURNS TABLE(id bigint, login text, name text, roles text[], today date, idle_expires_at timestamp with time zone, expires_at timestamp with time zone)
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path TO 'pg_catalog', 'public', 'pg_temp'
    AS $_$
DECLARE
  w web_sessions;
  p dsc_web_policy;
BEGIN
  SELECT * INTO w FROM dsc_web_live($1);
  IF NOT FOUND THEN
    RETURN;
  END IF;
  IF w.last_seen_at < now() - interval '15 seconds' THEN
    SELECT * INTO p FROM dsc_web_policy;
    UPDATE web_sessions x SET last_seen_at = now(),
        idle_expires_at = least(now() + p.idle, x.expires_at)
      WHERE x.id = w.id
      RETURNING * INTO w;
  END IF;
  RETURN QUERY SELECT w.id, w.login, s.name, s.roles, dsc_business_today(),
      w.idle_expires_at, w.expires_at
    FROM staff s WHERE s.login = w.login;
END;
$_$;


ALTER FUNCTION public.dsc_web_session_check(text) OWNER TO disclose_writer;

--
-- Name: dsc_web_session_end(text); Type: FUNCTION; Schema: public; Owner: disclose_writer
--

CREATE FUNCTION public.dsc_web_session_end(token text) RETURNS boolean
    LANGUAGE sql SECURITY DEFINER
    SET search_path TO 'pg_catalog', 'public', 'pg_temp'
    AS $_$
  WITH e AS (
    UPDATE web_sessions w SET ended_at = now(), ended_why = 'logout'
     WHERE w.id = (SELECT l.id FROM dsc_web_live($1) l)
    RETURNING 1)
  SELECT EXISTS (SELECT 1 FROM e)
$_$;


ALTER FUNCTION public.dsc_web_session_end(token text) OWNER TO disclose_writer;

--
-- Name: dsc_web_session_open(bytea, text, text); Type: FUNCTION; Schema: public; Owner: disclose_writer
--

CREATE FUNCTION public.dsc_web_session_open(bytea, text, text) RETURNS TABLE(id bigint, login text, name text, roles text[], idle_expires_at timestamp with time zone, expires_at timestamp with time zone)
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path TO 'pg_catalog', 'public', 'pg_temp'
    AS $_$
DECLARE
  p dsc_web_policy;
BEGIN
  IF dsc_session_kind() <> 'staff' THEN
    PERFORM dsc_refuse('session', format(
      '%s is not an active staff member: only a staff member''s own connection opens a session',
      session_user));
  END IF;
  SELECT * INTO p FROM dsc_web_policy;
  INSERT INTO login_attempts (login, client, outcome)
    VALUES (session_user, left($2, 100), 'ok');
  RETURN QUERY INSERT INTO web_sessions AS w (token_hash, login,
      idle_expires_at, expires_at, client, agent)
    VALUES ($1, session_user, now() + least(p.idle, p.absolute),
            now() + p.absolute, left($2, 100), left($3, 300))
    RETURNING w.id, w.login,
      (SELECT s.name FROM staff s WHERE s.login = w.login),
      (SELECT s.roles FROM staff s WHERE s.login = w.login),
      w.idle_expires_at, w.expires_at;
END;
$_$;


ALTER FUNCTION public.dsc_web_session_open(bytea, text, text) OWNER TO disclose_writer;

--
-- Name: dsc_web_sessions_end_for(text, text); Type: FUNCTION; Schema: public; Owner: disclose_writer
--

CREATE FUNCTION public.dsc_web_sessions_end_for(member text, why text) RETURNS void
    LANGUAGE sql SECURITY DEFINER
    SET search_path TO 'pg_catalog', 'public', 'pg_temp'
    AS $_$
  UPDATE web_sessions SET ended_at = now(), ended_why = $2
   WHERE login = $1 AND ended_at IS NULL
$_$;


ALTER FUNCTION public.dsc_web_sessions_end_for(member text, why text) OWNER TO disclose_writer;

--
-- Name: dsc_whoami(); Type: FUNCTION; Schema: public; Owner: disclose_writer
--

CREATE FUNCTION public.dsc_whoami() RETURNS text
    LANGUAGE sql STABLE SECURITY DEFINER
    SET search_path TO 'pg_catalog', 'public', 'pg_temp'
    AS $$
  SELECT public.dsc_session_kind()
$$;


ALTER FUNCTION public.dsc_whoami() OWNER TO disclose_writer;

--
-- Name: dsc_workdays_after(date, date); Type: FUNCTION; Schema: public; Owner: disclose
--

CREATE FUNCTION public.dsc_workdays_after(d date, today date) RETURNS integer
    LANGUAGE sql STABLE
    SET search_path TO 'pg_catalog', 'public', 'pg_temp'
    AS $$
  SELECT CASE WHEN today - d > 366 THEN 9999 ELSE (
    SELECT count(*)::int FROM generate_series(d + 1, today, interval '1 day') g
    LEFT JOIN calendar_days c ON c.day = g::date
    WHERE coalesce(c.kind = 'workday', extract(isodow FROM g) < 6)) END
$$;


ALTER FUNCTION public.dsc_workdays_after(d date, today date) OWNER TO disclose;

--
-- Name: agencies; Type: TABLE; Schema: public; Owner: disclose
--

CREATE TABLE public.agencies (
    id bigint NOT NULL,
    code text NOT NULL,
    name text NOT NULL,
    created_at timestamp with time zone DEFAULT now() NOT NULL,
    backdate_workdays integer DEFAULT 3 NOT NULL,
    supplement_reply_days integer DEFAULT 15 NOT NULL,
    full_name text,
    short_name text,
    address text,
    phone text,
    contact text,
    seal_caption text,
    reconsideration_body text,
    court text,
    fee_payment text,
    letter_required boolean DEFAULT false NOT NULL,
    CONSTRAINT agencies_address_check CHECK (((length(address) >= 1) AND (length(address) <= 200))),
    CONSTRAINT agencies_backdate_workdays_check CHECK (((backdate_workdays >= 0) AND (backdate_workdays <= 60))),
    CONSTRAINT agencies_code_check CHECK ((code ~ '^[A-Za-z0-9_.-]{1,64}$'::text)),
    CONSTRAINT agencies_contact_check CHECK (((length(contact) >= 1) AND (length(contact) <= 200))),
    CONSTRAINT agencies_court_check CHECK (((length(court) >= 1) AND (length(court) <= 200))),
    CONSTRAINT agencies_fee_payment_check CHECK (((length(fee_payment) >= 1) AND (length(fee_payment) <= 200))),
    CONSTRAINT agencies_full_name_check CHECK (((length(full_name) >= 1) AND (length(full_name) <= 200))),
    CONSTRAINT agencies_name_check CHECK (((length(name) >= 1) AND (length(name) <= 200))),
    CONSTRAINT agencies_phone_check CHECK (((length(phone) >= 1) AND (length(phone) <= 200))),
    CONSTRAINT agencies_reconsideration_body_check CHECK (((length(reconsideration_body) >= 1) AND (length(reconsideration_body) <= 200))),
    CONSTRAINT agencies_seal_caption_check CHECK (((length(seal_caption) >= 1) AND (length(seal_caption) <= 200))),
    CONSTRAINT agencies_short_name_check CHECK (((length(short_name) >= 1) AND (length(short_name) <= 200))),
    CONSTRAINT agencies_supplement_reply_days_check CHECK (((supplement_reply_days >= 5) AND (supplement_reply_days <= 60)))
);


ALTER TABLE public.agencies OWNER TO disclose;

--
-- Name: agencies_id_seq; Type: SEQUENCE; Schema: public; Owner: disclose
--

ALTER TABLE public.agencies ALTER COLUMN id ADD GENERATED ALWAYS AS IDENTITY (
    SEQUENCE NAME public.agencies_id_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1
);


--
-- Name: annual_report_groups; Type: TABLE; Schema: public; Owner: disclose
--

CREATE TABLE public.annual_report_groups (
    report_id bigint NOT NULL,
    applicant_type text NOT NULL,
    is_new boolean NOT NULL,
    carried_in boolean NOT NULL,
    outcome text,
    carried_out boolean NOT NULL,
    request_count bigint NOT NULL,
    id_hash numeric NOT NULL,
    request_ids bigint[] NOT NULL,
    CONSTRAINT annual_report_groups_check CHECK ((request_count = cardinality(request_ids))),
    CONSTRAINT annual_report_groups_request_ids_check CHECK ((cardinality(request_ids) > 0))
);
ALTER TABLE ONLY public.annual_report_groups ALTER COLUMN request_ids SET STORAGE EXTERNAL;


ALTER TABLE public.annual_report_groups OWNER TO disclose;

--
-- Name: annual_report_items; Type: TABLE; Schema: public; Owner: disclose
--

CREATE TABLE public.annual_report_items (
    report_id bigint NOT NULL,
    request_id bigint NOT NULL,
    applicant_type text NOT NULL,
    is_new boolean NOT NULL,
    carried_in boolean NOT NULL,
    outcome text,
    carried_out boolean NOT NULL
);


ALTER TABLE public.annual_report_items OWNER TO disclose;

--
-- Name: annual_reports; Type: TABLE; Schema: public; Owner: disclose
--

CREATE TABLE public.annual_reports (
    id bigint NOT NULL,
    agency_id bigint NOT NULL,
    year integer NOT NULL,
    compiled_at timestamp with time zone DEFAULT now() NOT NULL,
    compiled_by text NOT NULL,
    report text NOT NULL,
    source_digest text NOT NULL,
    CONSTRAINT annual_reports_year_check CHECK (((year >= 2019) AND (year <= 9999)))
);


ALTER TABLE public.annual_reports OWNER TO disclose;

--
-- Name: COLUMN annual_reports.source_digest; Type: COMMENT; Schema: public; Owner: disclose
--

COMMENT ON COLUMN public.annual_reports.source_digest IS 'md5 of the classification the report was compiled from: before 0010 of every request''s line in id order, since of each class''s line (its count and the sum of hashint8extended(id, 0) over its requests)';


--
-- Name: annual_reports_id_seq; Type: SEQUENCE; Schema: public; Owner: disclose
--

ALTER TABLE public.annual_reports ALTER COLUMN id ADD GENERATED ALWAYS AS IDENTITY (
    SEQUENCE NAME public.annual_reports_id_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1
);


--
-- Name: appeals; Type: TABLE; Schema: public; Owner: disclose
--

CREATE TABLE public.appeals (
    id bigint NOT NULL,
    request_id bigint,
    kind text NOT NULL,
    filed_on date NOT NULL,
    result text,
    decided_on date,
    created_at timestamp with time zone DEFAULT now() NOT NULL,
    agency_id bigint NOT NULL,
    filed_by text,
    filed_as text,
    decided_by text,
    decided_as text,
    CONSTRAINT appeals_check CHECK (((result IS NULL) = (decided_on IS NULL))),
    CONSTRAINT appeals_check1 CHECK (((decided_on IS NULL) OR (decided_on >= filed_on))),
    CONSTRAINT appeals_kind_check CHECK ((kind = ANY (ARRAY['reconsideration'::text, 'litigation_direct'::text, 'litigation_after_reconsideration'::text]))),
    CONSTRAINT appeals_result_check CHECK ((result = ANY (ARRAY['upheld'::text, 'corrected'::text, 'other'::text])))
);


ALTER TABLE public.appeals OWNER TO disclose;

--
-- Name: appeals_id_seq; Type: SEQUENCE; Schema: public; Owner: disclose
--

ALTER TABLE public.appeals ALTER COLUMN id ADD GENERATED ALWAYS AS IDENTITY (
    SEQUENCE NAME public.appeals_id_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1
);


--
-- Name: calendar_days; Type: TABLE; Schema: public; Owner: disclose
--

CREATE TABLE public.calendar_days (
    day date NOT NULL,
    kind text NOT NULL,
    name text DEFAULT ''::text NOT NULL,
    CONSTRAINT calendar_days_kind_check CHECK ((kind = ANY (ARRAY['holiday'::text, 'workday'::text]))),
    CONSTRAINT calendar_days_kind_weekday CHECK (((kind = 'holiday'::text) = (EXTRACT(isodow FROM day) < (6)::numeric)))
);


ALTER TABLE public.calendar_days OWNER TO disclose;

--
-- Name: calendar_state; Type: TABLE; Schema: public; Owner: disclose
--

CREATE TABLE public.calendar_state (
    singleton boolean DEFAULT true NOT NULL,
    generation bigint NOT NULL,
    CONSTRAINT calendar_state_generation_check CHECK ((generation >= 1)),
    CONSTRAINT calendar_state_singleton_check CHECK (singleton)
);


ALTER TABLE public.calendar_state OWNER TO disclose;

--
-- Name: calendar_years; Type: TABLE; Schema: public; Owner: disclose
--

CREATE TABLE public.calendar_years (
    year integer NOT NULL,
    source text NOT NULL,
    loaded_at timestamp with time zone DEFAULT now() NOT NULL,
    CONSTRAINT calendar_years_year_check CHECK (((year >= 1900) AND (year <= 9999)))
);


ALTER TABLE public.calendar_years OWNER TO disclose;

--
-- Name: dsc_clock_override; Type: TABLE; Schema: public; Owner: disclose
--

CREATE TABLE public.dsc_clock_override (
    singleton boolean DEFAULT true NOT NULL,
    today date NOT NULL,
    CONSTRAINT dsc_clock_override_singleton_check CHECK (singleton)
);


ALTER TABLE public.dsc_clock_override OWNER TO disclose;

--
-- Name: dsc_dash_answered; Type: TABLE; Schema: public; Owner: disclose
--

CREATE TABLE public.dsc_dash_answered (
    answered_on date NOT NULL,
    clock_start date,
    paused_workdays integer NOT NULL,
    on_time boolean,
    n integer NOT NULL
)
WITH (autovacuum_vacuum_scale_factor='0.05', autovacuum_vacuum_cost_delay='0');


ALTER TABLE public.dsc_dash_answered OWNER TO disclose;

--
-- Name: dsc_dash_delta; Type: TABLE; Schema: public; Owner: disclose
--

CREATE TABLE public.dsc_dash_delta (
    state text,
    hold text,
    assignee text,
    due_on date,
    escalated boolean,
    answered_on date,
    clock_start date,
    paused_workdays integer,
    on_time boolean,
    n integer NOT NULL
)
WITH (autovacuum_vacuum_scale_factor='0', autovacuum_vacuum_threshold='2000', autovacuum_vacuum_insert_threshold='2000', autovacuum_vacuum_cost_delay='0');


ALTER TABLE public.dsc_dash_delta OWNER TO disclose;

--
-- Name: dsc_dash_due; Type: TABLE; Schema: public; Owner: disclose
--

CREATE TABLE public.dsc_dash_due (
    due_on date,
    assignee text,
    escalated boolean NOT NULL,
    n integer NOT NULL
)
WITH (autovacuum_vacuum_scale_factor='0.05', autovacuum_vacuum_cost_delay='0');


ALTER TABLE public.dsc_dash_due OWNER TO disclose;

--
-- Name: dsc_dash_states; Type: TABLE; Schema: public; Owner: disclose
--

CREATE TABLE public.dsc_dash_states (
    state text NOT NULL,
    hold text,
    assignee text,
    n integer NOT NULL
)
WITH (autovacuum_vacuum_scale_factor='0.05', autovacuum_vacuum_cost_delay='0');


ALTER TABLE public.dsc_dash_states OWNER TO disclose;

--
-- Name: dsc_machine_rule; Type: TABLE; Schema: public; Owner: disclose
--

CREATE TABLE public.dsc_machine_rule (
    action text NOT NULL,
    roles text[] NOT NULL,
    who text NOT NULL,
    guard text NOT NULL,
    CONSTRAINT dsc_machine_rule_guard_check CHECK ((guard = ANY (ARRAY['none'::text, 'target_handler'::text, 'draft_outcome'::text, 'four_eyes'::text, 'publishable'::text, 'supplement'::text]))),
    CONSTRAINT dsc_machine_rule_who_check CHECK ((who = ANY (ARRAY['any'::text, 'assignee'::text, 'assignee_or_supervisor'::text])))
);


ALTER TABLE public.dsc_machine_rule OWNER TO disclose;

--
-- Name: dsc_machine_step; Type: TABLE; Schema: public; Owner: disclose
--

CREATE TABLE public.dsc_machine_step (
    action text NOT NULL,
    from_state text NOT NULL,
    from_hold text NOT NULL,
    to_state text NOT NULL,
    to_hold text NOT NULL,
    outcome_effect text NOT NULL,
    outcome text,
    CONSTRAINT dsc_machine_step_outcome_effect_check CHECK ((outcome_effect = ANY (ARRAY['keep'::text, 'set'::text, 'clear'::text, 'chosen'::text])))
);


ALTER TABLE public.dsc_machine_step OWNER TO disclose;

--
-- Name: dsc_schema_migrations; Type: TABLE; Schema: public; Owner: disclose
--

CREATE TABLE public.dsc_schema_migrations (
    name text NOT NULL,
    checksum text NOT NULL,
    applied_at timestamp with time zone DEFAULT now() NOT NULL
);


ALTER TABLE public.dsc_schema_migrations OWNER TO disclose;

--
-- Name: dsc_web_policy; Type: TABLE; Schema: public; Owner: disclose
--

CREATE TABLE public.dsc_web_policy (
    singleton boolean DEFAULT true NOT NULL,
    idle interval DEFAULT '00:30:00'::interval NOT NULL,
    absolute interval DEFAULT '12:00:00'::interval NOT NULL,
    max_failures integer DEFAULT 19 NOT NULL,
    failure_window interval DEFAULT '00:01:00'::interval NOT NULL,
    CONSTRAINT dsc_web_policy_absolute_check CHECK (((absolute >= '00:05:00'::interval) AND (absolute <= '30 days'::interval))),
    CONSTRAINT dsc_web_policy_failure_window_check CHECK (((failure_window >= '00:00:01'::interval) AND (failure_window <= '1 day'::interval))),
    CONSTRAINT dsc_web_policy_idle_check CHECK (((idle >= '00:01:00'::interval) AND (idle <= '1 day'::interval))),
    CONSTRAINT dsc_web_policy_max_failures_check CHECK (((max_failures >= 1) AND (max_failures <= 1000))),
    CONSTRAINT dsc_web_policy_singleton_check CHECK (singleton)
);


ALTER TABLE public.dsc_web_policy OWNER TO disclose;

--
-- Name: letter_numbers; Type: TABLE; Schema: public; Owner: disclose
--

CREATE TABLE public.letter_numbers (
    agency_id bigint NOT NULL,
    year integer NOT NULL,
    kind text NOT NULL,
    last integer NOT NULL,
    CONSTRAINT letter_numbers_kind_check CHECK ((kind = ANY (ARRAY['answer'::text, 'supplement-notice'::text, 'extension-notice'::text, 'consultation'::text, 'fee-notice'::text, 'closing-notice'::text]))),
    CONSTRAINT letter_numbers_last_check CHECK (((last >= 1) AND (last <= 999999))),
    CONSTRAINT letter_numbers_year_check CHECK (((year >= 1000) AND (year <= 9999)))
);


ALTER TABLE public.letter_numbers OWNER TO disclose;

--
-- Name: letters; Type: TABLE; Schema: public; Owner: disclose
--

CREATE TABLE public.letters (
    request_id bigint NOT NULL,
    seq integer NOT NULL,
    agency_id bigint NOT NULL,
    kind text NOT NULL,
    year integer NOT NULL,
    n integer NOT NULL,
    number text NOT NULL,
    letter_date date NOT NULL,
    sha256 text NOT NULL,
    corrects text,
    delivered_on date,
    delivery_method text,
    delivery_tracking text,
    delivery_seq integer,
    CONSTRAINT letters_check CHECK ((((delivered_on IS NULL) = (delivery_method IS NULL)) AND ((delivered_on IS NULL) = (delivery_seq IS NULL)) AND ((delivered_on IS NULL) OR (delivered_on >= letter_date)))),
    CONSTRAINT letters_delivery_method_check CHECK ((delivery_method = ANY (ARRAY['post'::text, 'email'::text, 'in_person'::text, 'online'::text]))),
    CONSTRAINT letters_delivery_tracking_check CHECK (((length(delivery_tracking) >= 1) AND (length(delivery_tracking) <= 200))),
    CONSTRAINT letters_sha256_check CHECK ((sha256 ~ '^[0-9a-f]{64}$'::text))
);


ALTER TABLE public.letters OWNER TO disclose;

--
-- Name: login_attempts; Type: TABLE; Schema: public; Owner: disclose
--

CREATE TABLE public.login_attempts (
    id bigint NOT NULL,
    at timestamp with time zone DEFAULT clock_timestamp() NOT NULL,
    login text NOT NULL,
    client text NOT NULL,
    outcome text NOT NULL,
    reason text,
    CONSTRAINT login_attempts_client_check CHECK ((length(client) <= 100)),
    CONSTRAINT login_attempts_login_check CHECK ((length(login) <= 100)),
    CONSTRAINT login_attempts_outcome_check CHECK ((outcome = ANY (ARRAY['ok'::text, 'refused'::text, 'throttled'::text]))),
    CONSTRAINT login_attempts_reason_check CHECK ((length(reason) <= 300))
);


ALTER TABLE public.login_attempts OWNER TO disclose;

--
-- Name: login_attempts_id_seq; Type: SEQUENCE; Schema: public; Owner: disclose
--

CREATE SEQUENCE public.login_attempts_id_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1;


ALTER TABLE public.login_attempts_id_seq OWNER TO disclose;

--
-- Name: login_attempts_id_seq; Type: SEQUENCE OWNED BY; Schema: public; Owner: disclose
--

ALTER SEQUENCE public.login_attempts_id_seq OWNED BY public.login_attempts.id;


--
-- Name: report_active_entries; Type: TABLE; Schema: public; Owner: disclose
--

CREATE TABLE public.report_active_entries (
    id bigint NOT NULL,
    agency_id bigint NOT NULL,
    year integer NOT NULL,
    key text NOT NULL,
    value text,
    entered_by text NOT NULL,
    connected_as text NOT NULL,
    entered_at timestamp with time zone DEFAULT clock_timestamp() NOT NULL,
    CONSTRAINT report_active_entries_check CHECK (
CASE
    WHEN (key = 'fees_wan_yuan'::text) THEN (value ~ '^[0-9]{1,12}(\.[0-9]{1,4})?$'::text)
    ELSE (value ~ '^[0-9]{1,12}$'::text)
END),
    CONSTRAINT report_active_entries_key_check CHECK ((key = ANY (ARRAY['rules.made'::text, 'rules.repealed'::text, 'rules.in_force'::text, 'normative_documents.made'::text, 'normative_documents.repealed'::text, 'normative_documents.in_force'::text, 'licensing'::text, 'punishment'::text, 'enforcement'::text, 'fees_wan_yuan'::text]))),
    CONSTRAINT report_active_entries_year_check CHECK (((year >= 2019) AND (year <= 9999)))
);


ALTER TABLE public.report_active_entries OWNER TO disclose;

--
-- Name: report_active_entries_id_seq; Type: SEQUENCE; Schema: public; Owner: disclose
--

ALTER TABLE public.report_active_entries ALTER COLUMN id ADD GENERATED ALWAYS AS IDENTITY (
    SEQUENCE NAME public.report_active_entries_id_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1
);


--
-- Name: report_text_entries; Type: TABLE; Schema: public; Owner: disclose
--

CREATE TABLE public.report_text_entries (
    id bigint NOT NULL,
    agency_id bigint NOT NULL,
    year integer NOT NULL,
    section integer NOT NULL,
    body text NOT NULL,
    entered_by text NOT NULL,
    connected_as text NOT NULL,
    entered_at timestamp with time zone DEFAULT clock_timestamp() NOT NULL,
    CONSTRAINT report_text_entries_body_check CHECK ((octet_length(body) < 32768)),
    CONSTRAINT report_text_entries_section_check CHECK ((section = ANY (ARRAY[1, 5, 6]))),
    CONSTRAINT report_text_entries_year_check CHECK (((year >= 2019) AND (year <= 9999)))
);


ALTER TABLE public.report_text_entries OWNER TO disclose;

--
-- Name: report_text_entries_id_seq; Type: SEQUENCE; Schema: public; Owner: disclose
--

ALTER TABLE public.report_text_entries ALTER COLUMN id ADD GENERATED ALWAYS AS IDENTITY (
    SEQUENCE NAME public.report_text_entries_id_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1
);


--
-- Name: request_events; Type: TABLE; Schema: public; Owner: disclose
--

CREATE TABLE public.request_events (
    request_id bigint NOT NULL,
    seq integer NOT NULL,
    action text NOT NULL,
    state text NOT NULL,
    actor text NOT NULL,
    on_date date NOT NULL,
    at timestamp with time zone DEFAULT now() NOT NULL,
    payload jsonb DEFAULT '{}'::jsonb NOT NULL,
    hash text NOT NULL,
    CONSTRAINT request_events_seq_check CHECK ((seq >= 1))
);


ALTER TABLE public.request_events OWNER TO disclose;

--
-- Name: requests; Type: TABLE; Schema: public; Owner: disclose
--

CREATE TABLE public.requests (
    id bigint NOT NULL,
    agency_id bigint NOT NULL,
    version integer NOT NULL,
    state text NOT NULL,
    hold text,
    hold_since date,
    hold_lapses_on date,
    channel text NOT NULL,
    form text,
    received_on date NOT NULL,
    clock_start date,
    applicant_type text NOT NULL,
    applicant_name text NOT NULL,
    applicant_id_number text,
    applicant_phone text,
    applicant_email text,
    applicant_address text,
    description text NOT NULL,
    idempotency_key text,
    assignee text,
    drafter text,
    outcome text,
    answered_on date,
    closed_on date,
    published_url text,
    due_on date,
    extended_days integer DEFAULT 0 NOT NULL,
    paused_workdays integer DEFAULT 0 NOT NULL,
    supplement_notice_due_on date,
    created_at timestamp with time zone DEFAULT now() NOT NULL,
    updated_at timestamp with time zone DEFAULT now() NOT NULL,
    calendar_generation bigint DEFAULT 0 NOT NULL,
    escalation smallint DEFAULT 0 NOT NULL,
    fee_amount_fen bigint,
    fee_paid_on date,
    last_action text,
    last_actor text,
    last_on date,
    CONSTRAINT requests_applicant_type_check CHECK ((applicant_type = ANY (ARRAY['natural_person'::text, 'commercial'::text, 'research'::text, 'public_interest'::text, 'legal_services'::text, 'other_org'::text]))),
    CONSTRAINT requests_channel_check CHECK ((channel = ANY (ARRAY['in_person'::text, 'post'::text, 'online'::text, 'fax'::text]))),
    CONSTRAINT requests_check CHECK (((hold IS NULL) = (hold_since IS NULL))),
    CONSTRAINT requests_escalation_check CHECK (((escalation >= 0) AND (escalation <= 2))),
    CONSTRAINT requests_fee_amount_fen_check CHECK ((fee_amount_fen > 0)),
    CONSTRAINT requests_form_check CHECK ((form = ANY (ARRAY['paper'::text, 'electronic'::text]))),
    CONSTRAINT requests_hold_check CHECK ((hold = ANY (ARRAY['supplement'::text, 'third_party'::text, 'other_agency'::text, 'fee'::text, 'secrecy_review'::text, 'reasons'::text]))),
    CONSTRAINT requests_state_check CHECK ((state = ANY (ARRAY['received'::text, 'assigned'::text, 'drafted'::text, 'reviewed'::text, 'answered'::text, 'published'::text, 'withdrawn'::text]))),
    CONSTRAINT requests_version_check CHECK ((version >= 1))
)
WITH (autovacuum_vacuum_scale_factor='0.01', autovacuum_vacuum_insert_scale_factor='0.01', autovacuum_analyze_scale_factor='0.01', autovacuum_vacuum_cost_delay='0');


ALTER TABLE public.requests OWNER TO disclose;

--
-- Name: requests_id_seq; Type: SEQUENCE; Schema: public; Owner: disclose
--

ALTER TABLE public.requests ALTER COLUMN id ADD GENERATED ALWAYS AS IDENTITY (
    SEQUENCE NAME public.requests_id_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1
);


--
-- Name: staff; Type: TABLE; Schema: public; Owner: disclose
--

CREATE TABLE public.staff (
    login text NOT NULL,
    name text NOT NULL,
    roles text[] NOT NULL,
    active boolean DEFAULT true NOT NULL,
    created_at timestamp with time zone DEFAULT now() NOT NULL,
    CONSTRAINT staff_login_check CHECK ((login ~ '^[A-Za-z0-9_.-]{1,64}$'::text)),
    CONSTRAINT staff_name_check CHECK (((length(name) >= 1) AND (length(name) <= 200))),
    CONSTRAINT staff_roles_check CHECK ((roles <@ ARRAY['clerk'::text, 'handler'::text, 'reviewer'::text, 'supervisor'::text, 'admin'::text, 'system'::text]))
);


ALTER TABLE public.staff OWNER TO disclose;

--
-- Name: staff_history; Type: TABLE; Schema: public; Owner: disclose
--

CREATE TABLE public.staff_history (
    login text NOT NULL,
    roles text[] NOT NULL,
    active boolean NOT NULL,
    valid_from timestamp with time zone NOT NULL,
    changed_by text NOT NULL
);


ALTER TABLE public.staff_history OWNER TO disclose;

--
-- Name: web_sessions_id_seq; Type: SEQUENCE; Schema: public; Owner: disclose
--

CREATE SEQUENCE public.web_sessions_id_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1;


ALTER TABLE public.web_sessions_id_seq OWNER TO disclose;

--
-- Name: web_sessions_id_seq; Type: SEQUENCE OWNED BY; Schema: public; Owner: disclose
--

ALTER SEQUENCE public.web_sessions_id_seq OWNED BY public.web_sessions.id;


--
-- Name: login_attempts id; Type: DEFAULT; Schema: public; Owner: disclose
--

ALTER TABLE ONLY public.login_attempts ALTER COLUMN id SET DEFAULT nextval('public.login_attempts_id_seq'::regclass);


--
-- Name: web_sessions id; Type: DEFAULT; Schema: public; Owner: disclose
--

ALTER TABLE ONLY public.web_sessions ALTER COLUMN id SET DEFAULT nextval('public.web_sessions_id_seq'::regclass);


--
-- Name: agencies agencies_code_key; Type: CONSTRAINT; Schema: public; Owner: disclose
--

ALTER TABLE ONLY public.agencies
    ADD CONSTRAINT agencies_code_key UNIQUE (code);


--
-- Name: agencies agencies_pkey; Type: CONSTRAINT; Schema: public; Owner: disclose
--

ALTER TABLE ONLY public.agencies
    ADD CONSTRAINT agencies_pkey PRIMARY KEY (id);


--
-- Name: annual_report_items annual_report_items_pkey; Type: CONSTRAINT; Schema: public; Owner: disclose
--

ALTER TABLE ONLY public.annual_report_items
    ADD CONSTRAINT annual_report_items_pkey PRIMARY KEY (report_id, request_id);


--
-- Name: annual_reports annual_reports_pkey; Type: CONSTRAINT; Schema: public; Owner: disclose
--

ALTER TABLE ONLY public.annual_reports
    ADD CONSTRAINT annual_reports_pkey PRIMARY KEY (id);


--
-- Name: appeals appeals_pkey; Type: CONSTRAINT; Schema: public; Owner: disclose
--

ALTER TABLE ONLY public.appeals
    ADD CONSTRAINT appeals_pkey PRIMARY KEY (id);


--
-- Name: calendar_days calendar_days_pkey; Type: CONSTRAINT; Schema: public; Owner: disclose
--

ALTER TABLE ONLY public.calendar_days
    ADD CONSTRAINT calendar_days_pkey PRIMARY KEY (day);


--
-- Name: calendar_state calendar_state_pkey; Type: CONSTRAINT; Schema: public; Owner: disclose
--

ALTER TABLE ONLY public.calendar_state
    ADD CONSTRAINT calendar_state_pkey PRIMARY KEY (singleton);


--
-- Name: calendar_years calendar_years_pkey; Type: CONSTRAINT; Schema: public; Owner: disclose
--

ALTER TABLE ONLY public.calendar_years
    ADD CONSTRAINT calendar_years_pkey PRIMARY KEY (year);


--
-- Name: dsc_clock_override dsc_clock_override_pkey; Type: CONSTRAINT; Schema: public; Owner: disclose
--

ALTER TABLE ONLY public.dsc_clock_override
    ADD CONSTRAINT dsc_clock_override_pkey PRIMARY KEY (singleton);


--
-- Name: dsc_dash_answered dsc_dash_answered_answered_on_clock_start_paused_workdays_o_key; Type: CONSTRAINT; Schema: public; Owner: disclose
--

ALTER TABLE ONLY public.dsc_dash_answered
    ADD CONSTRAINT dsc_dash_answered_answered_on_clock_start_paused_workdays_o_key UNIQUE NULLS NOT DISTINCT (answered_on, clock_start, paused_workdays, on_time);


--
-- Name: dsc_dash_due dsc_dash_due_due_on_assignee_escalated_key; Type: CONSTRAINT; Schema: public; Owner: disclose
--

ALTER TABLE ONLY public.dsc_dash_due
    ADD CONSTRAINT dsc_dash_due_due_on_assignee_escalated_key UNIQUE NULLS NOT DISTINCT (due_on, assignee, escalated);


--
-- Name: dsc_dash_states dsc_dash_states_state_hold_assignee_key; Type: CONSTRAINT; Schema: public; Owner: disclose
--

ALTER TABLE ONLY public.dsc_dash_states
    ADD CONSTRAINT dsc_dash_states_state_hold_assignee_key UNIQUE NULLS NOT DISTINCT (state, hold, assignee);


--
-- Name: dsc_machine_rule dsc_machine_rule_pkey; Type: CONSTRAINT; Schema: public; Owner: disclose
--

ALTER TABLE ONLY public.dsc_machine_rule
    ADD CONSTRAINT dsc_machine_rule_pkey PRIMARY KEY (action);


--
-- Name: dsc_machine_step dsc_machine_step_pkey; Type: CONSTRAINT; Schema: public; Owner: disclose
--

ALTER TABLE ONLY public.dsc_machine_step
    ADD CONSTRAINT dsc_machine_step_pkey PRIMARY KEY (action, from_state, from_hold, to_state, to_hold);


--
-- Name: dsc_schema_migrations dsc_schema_migrations_pkey; Type: CONSTRAINT; Schema: public; Owner: disclose
--

ALTER TABLE ONLY public.dsc_schema_migrations
    ADD CONSTRAINT dsc_schema_migrations_pkey PRIMARY KEY (name);


--
-- Name: dsc_web_policy dsc_web_policy_pkey; Type: CONSTRAINT; Schema: public; Owner: disclose
--

ALTER TABLE ONLY public.dsc_web_policy
    ADD CONSTRAINT dsc_web_policy_pkey PRIMARY KEY (singleton);


--
-- Name: letter_numbers letter_numbers_pkey; Type: CONSTRAINT; Schema: public; Owner: disclose
--

ALTER TABLE ONLY public.letter_numbers
    ADD CONSTRAINT letter_numbers_pkey PRIMARY KEY (agency_id, year, kind);


--
-- Name: letters letters_agency_id_year_kind_n_key; Type: CONSTRAINT; Schema: public; Owner: disclose
--

ALTER TABLE ONLY public.letters
    ADD CONSTRAINT letters_agency_id_year_kind_n_key UNIQUE (agency_id, year, kind, n);


--
-- Name: letters letters_pkey; Type: CONSTRAINT; Schema: public; Owner: disclose
--

ALTER TABLE ONLY public.letters
    ADD CONSTRAINT letters_pkey PRIMARY KEY (request_id, seq);


--
-- Name: letters letters_request_id_number_key; Type: CONSTRAINT; Schema: public; Owner: disclose
--

ALTER TABLE ONLY public.letters
    ADD CONSTRAINT letters_request_id_number_key UNIQUE (request_id, number);


--
-- Name: login_attempts login_attempts_pkey; Type: CONSTRAINT; Schema: public; Owner: disclose
--

ALTER TABLE ONLY public.login_attempts
    ADD CONSTRAINT login_attempts_pkey PRIMARY KEY (id);


--
-- Name: report_active_entries report_active_entries_pkey; Type: CONSTRAINT; Schema: public; Owner: disclose
--

ALTER TABLE ONLY public.report_active_entries
    ADD CONSTRAINT report_active_entries_pkey PRIMARY KEY (id);


--
-- Name: report_text_entries report_text_entries_pkey; Type: CONSTRAINT; Schema: public; Owner: disclose
--

ALTER TABLE ONLY public.report_text_entries
    ADD CONSTRAINT report_text_entries_pkey PRIMARY KEY (id);


--
-- Name: request_events request_events_pkey; Type: CONSTRAINT; Schema: public; Owner: disclose
--

ALTER TABLE ONLY public.request_events
    ADD CONSTRAINT request_events_pkey PRIMARY KEY (request_id, seq);


--
-- Name: requests requests_agency_id_idempotency_key_key; Type: CONSTRAINT; Schema: public; Owner: disclose
--

ALTER TABLE ONLY public.requests
    ADD CONSTRAINT requests_agency_id_idempotency_key_key UNIQUE (agency_id, idempotency_key);


--
-- Name: requests requests_pkey; Type: CONSTRAINT; Schema: public; Owner: disclose
--

ALTER TABLE ONLY public.requests
    ADD CONSTRAINT requests_pkey PRIMARY KEY (id);


--
-- Name: staff_history staff_history_pkey; Type: CONSTRAINT; Schema: public; Owner: disclose
--

ALTER TABLE ONLY public.staff_history
    ADD CONSTRAINT staff_history_pkey PRIMARY KEY (login, valid_from);


--
-- Name: staff staff_pkey; Type: CONSTRAINT; Schema: public; Owner: disclose
--

ALTER TABLE ONLY public.staff
    ADD CONSTRAINT staff_pkey PRIMARY KEY (login);


--
-- Name: web_sessions web_sessions_pkey; Type: CONSTRAINT; Schema: public; Owner: disclose
--

ALTER TABLE ONLY public.web_sessions
    ADD CONSTRAINT web_sessions_pkey PRIMARY KEY (id);


--
-- Name: web_sessions web_sessions_token_hash_key; Type: CONSTRAINT; Schema: public; Owner: disclose
--

ALTER TABLE ONLY public.web_sessions
    ADD CONSTRAINT web_sessions_token_hash_key UNIQUE (token_hash);


--
-- Name: annual_report_groups_by_report; Type: INDEX; Schema: public; Owner: disclose
--

CREATE INDEX annual_report_groups_by_report ON public.annual_report_groups USING btree (report_id);


--
-- Name: annual_reports_by_year; Type: INDEX; Schema: public; Owner: disclose
--

CREATE INDEX annual_reports_by_year ON public.annual_reports USING btree (agency_id, year, id);


--
-- Name: appeals_by_agency; Type: INDEX; Schema: public; Owner: disclose
--

CREATE INDEX appeals_by_agency ON public.appeals USING btree (agency_id);


--
-- Name: appeals_by_request; Type: INDEX; Schema: public; Owner: disclose
--

CREATE INDEX appeals_by_request ON public.appeals USING btree (request_id);


--
-- Name: letters_undelivered; Type: INDEX; Schema: public; Owner: disclose
--

CREATE INDEX letters_undelivered ON public.letters USING btree (letter_date) WHERE ((delivered_on IS NULL) AND (kind = 'answer'::text));


--
-- Name: login_attempts_client; Type: INDEX; Schema: public; Owner: disclose
--

CREATE INDEX login_attempts_client ON public.login_attempts USING btree (client, at);


--
-- Name: login_attempts_login; Type: INDEX; Schema: public; Owner: disclose
--

CREATE INDEX login_attempts_login ON public.login_attempts USING btree (login, at);


--
-- Name: report_active_entries_by_year; Type: INDEX; Schema: public; Owner: disclose
--

CREATE INDEX report_active_entries_by_year ON public.report_active_entries USING btree (agency_id, year, key, id);


--
-- Name: report_text_entries_by_year; Type: INDEX; Schema: public; Owner: disclose
--

CREATE INDEX report_text_entries_by_year ON public.report_text_entries USING btree (agency_id, year, section, id);


--
-- Name: request_events_fee_paid; Type: INDEX; Schema: public; Owner: disclose
--

CREATE INDEX request_events_fee_paid ON public.request_events USING btree (on_date) WHERE (action = 'fee-paid'::text);


--
-- Name: requests_by_answered; Type: INDEX; Schema: public; Owner: disclose
--

CREATE INDEX requests_by_answered ON public.requests USING btree (answered_on) WHERE (answered_on IS NOT NULL);


--
-- Name: requests_by_applicant_month; Type: INDEX; Schema: public; Owner: disclose
--

CREATE INDEX requests_by_applicant_month ON public.requests USING btree (agency_id, applicant_type, applicant_name, received_on);


--
-- Name: requests_open_by_assignee; Type: INDEX; Schema: public; Owner: disclose
--

CREATE INDEX requests_open_by_assignee ON public.requests USING btree (assignee) WHERE (state = ANY (ARRAY['received'::text, 'assigned'::text, 'drafted'::text, 'reviewed'::text]));


--
-- Name: requests_open_by_due; Type: INDEX; Schema: public; Owner: disclose
--

CREATE INDEX requests_open_by_due ON public.requests USING btree (due_on) WHERE (state = ANY (ARRAY['received'::text, 'assigned'::text, 'drafted'::text, 'reviewed'::text]));


--
-- Name: requests_open_by_state; Type: INDEX; Schema: public; Owner: disclose
--

CREATE INDEX requests_open_by_state ON public.requests USING btree (state) WHERE (state = ANY (ARRAY['received'::text, 'assigned'::text, 'drafted'::text, 'reviewed'::text]));


--
-- Name: requests_open_escalation_level; Type: INDEX; Schema: public; Owner: disclose
--

CREATE INDEX requests_open_escalation_level ON public.requests USING btree (escalation, due_on, id) WHERE ((hold IS NULL) AND (escalation < 2) AND (state = ANY (ARRAY['received'::text, 'assigned'::text, 'drafted'::text, 'reviewed'::text])));


--
-- Name: requests_open_lapse; Type: INDEX; Schema: public; Owner: disclose
--

CREATE INDEX requests_open_lapse ON public.requests USING btree (hold_lapses_on, id) WHERE ((hold IS NOT NULL) AND (state = ANY (ARRAY['received'::text, 'assigned'::text, 'drafted'::text, 'reviewed'::text])));


--
-- Name: requests_open_overdue; Type: INDEX; Schema: public; Owner: disclose
--

CREATE INDEX requests_open_overdue ON public.requests USING btree (due_on, id) INCLUDE (assignee) WHERE ((escalation = 2) AND (hold IS NULL) AND (state = ANY (ARRAY['received'::text, 'assigned'::text, 'drafted'::text, 'reviewed'::text])));


--
-- Name: requests_open_stale; Type: INDEX; Schema: public; Owner: disclose
--

CREATE INDEX requests_open_stale ON public.requests USING btree (calendar_generation, id) WHERE (state = ANY (ARRAY['received'::text, 'assigned'::text, 'drafted'::text, 'reviewed'::text]));


--
-- Name: requests_report_open; Type: INDEX; Schema: public; Owner: disclose
--

CREATE INDEX requests_report_open ON public.requests USING btree (agency_id, received_on) INCLUDE (id, applicant_type) WHERE (closed_on IS NULL);


--
-- Name: requests_report_received; Type: INDEX; Schema: public; Owner: disclose
--

CREATE INDEX requests_report_received ON public.requests USING btree (agency_id, received_on) INCLUDE (closed_on, id, applicant_type, outcome);


--
-- Name: requests_report_spanning; Type: INDEX; Schema: public; Owner: disclose
--

CREATE INDEX requests_report_spanning ON public.requests USING btree (agency_id, closed_on) INCLUDE (received_on, id, applicant_type, outcome) WHERE ((closed_on IS NOT NULL) AND (EXTRACT(year FROM closed_on) > EXTRACT(year FROM received_on)));


--
-- Name: requests_undelivered; Type: INDEX; Schema: public; Owner: disclose
--

CREATE INDEX requests_undelivered ON public.requests USING btree (id) WHERE ((hold = ANY (ARRAY['third_party'::text, 'other_agency'::text, 'fee'::text])) AND (hold_lapses_on IS NULL));


--
-- Name: web_sessions_live; Type: INDEX; Schema: public; Owner: disclose
--

CREATE INDEX web_sessions_live ON public.web_sessions USING btree (login) WHERE (ended_at IS NULL);


--
-- Name: annual_report_groups annual_report_groups_append_only; Type: TRIGGER; Schema: public; Owner: disclose
--

CREATE TRIGGER annual_report_groups_append_only BEFORE DELETE OR UPDATE ON public.annual_report_groups FOR EACH ROW EXECUTE FUNCTION public.dsc_refuse_event_change();


--
-- Name: annual_report_items annual_report_items_append_only; Type: TRIGGER; Schema: public; Owner: disclose
--

CREATE TRIGGER annual_report_items_append_only BEFORE DELETE OR UPDATE ON public.annual_report_items FOR EACH ROW EXECUTE FUNCTION public.dsc_refuse_event_change();


--
-- Name: annual_reports annual_reports_append_only; Type: TRIGGER; Schema: public; Owner: disclose
--

CREATE TRIGGER annual_reports_append_only BEFORE DELETE OR UPDATE ON public.annual_reports FOR EACH ROW EXECUTE FUNCTION public.dsc_refuse_event_change();


--
-- Name: appeals appeals_guard; Type: TRIGGER; Schema: public; Owner: disclose
--

CREATE TRIGGER appeals_guard BEFORE DELETE OR UPDATE ON public.appeals FOR EACH ROW EXECUTE FUNCTION public.dsc_guard_appeal();


--
-- Name: report_active_entries report_active_entries_append_only; Type: TRIGGER; Schema: public; Owner: disclose
--

CREATE TRIGGER report_active_entries_append_only BEFORE DELETE OR UPDATE ON public.report_active_entries FOR EACH ROW EXECUTE FUNCTION public.dsc_refuse_event_change();


--
-- Name: report_active_entries report_active_entries_no_truncate; Type: TRIGGER; Schema: public; Owner: disclose
--

CREATE TRIGGER report_active_entries_no_truncate BEFORE TRUNCATE ON public.report_active_entries FOR EACH STATEMENT EXECUTE FUNCTION public.dsc_refuse_event_change();


--
-- Name: report_text_entries report_text_entries_append_only; Type: TRIGGER; Schema: public; Owner: disclose
--

CREATE TRIGGER report_text_entries_append_only BEFORE DELETE OR UPDATE ON public.report_text_entries FOR EACH ROW EXECUTE FUNCTION public.dsc_refuse_event_change();


--
-- Name: report_text_entries report_text_entries_no_truncate; Type: TRIGGER; Schema: public; Owner: disclose
--

CREATE TRIGGER report_text_entries_no_truncate BEFORE TRUNCATE ON public.report_text_entries FOR EACH STATEMENT EXECUTE FUNCTION public.dsc_refuse_event_change();


--
-- Name: request_events request_events_append_only; Type: TRIGGER; Schema: public; Owner: disclose
--

CREATE TRIGGER request_events_append_only BEFORE DELETE OR UPDATE ON public.request_events FOR EACH ROW EXECUTE FUNCTION public.dsc_refuse_event_change();


--
-- Name: request_events request_events_as_session; Type: TRIGGER; Schema: public; Owner: disclose
--

CREATE TRIGGER request_events_as_session BEFORE INSERT ON public.request_events FOR EACH ROW EXECUTE FUNCTION public.dsc_event_session();


--
-- Name: request_events request_events_chain; Type: TRIGGER; Schema: public; Owner: disclose
--

CREATE TRIGGER request_events_chain BEFORE INSERT ON public.request_events FOR EACH ROW EXECUTE FUNCTION public.dsc_chain_event();


--
-- Name: request_events request_events_no_truncate; Type: TRIGGER; Schema: public; Owner: disclose
--

CREATE TRIGGER request_events_no_truncate BEFORE TRUNCATE ON public.request_events FOR EACH STATEMENT EXECUTE FUNCTION public.dsc_refuse_event_change();


--
-- Name: requests requests_answer_letter; Type: TRIGGER; Schema: public; Owner: disclose
--

CREATE TRIGGER requests_answer_letter BEFORE UPDATE ON public.requests FOR EACH ROW WHEN ((new.last_action = 'answer'::text)) EXECUTE FUNCTION public.dsc_guard_answer_letter();


--
-- Name: requests requests_dash_count_delete; Type: TRIGGER; Schema: public; Owner: disclose
--

CREATE TRIGGER requests_dash_count_delete AFTER DELETE ON public.requests REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION public.dsc_dash_count_delete();

ALTER TABLE public.requests ENABLE ALWAYS TRIGGER requests_dash_count_delete;


--
-- Name: requests requests_dash_count_insert; Type: TRIGGER; Schema: public; Owner: disclose
--

CREATE TRIGGER requests_dash_count_insert AFTER INSERT ON public.requests REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION public.dsc_dash_count_insert();

ALTER TABLE public.requests ENABLE ALWAYS TRIGGER requests_dash_count_insert;


--
-- Name: requests requests_dash_count_truncate; Type: TRIGGER; Schema: public; Owner: disclose
--

CREATE TRIGGER requests_dash_count_truncate AFTER TRUNCATE ON public.requests FOR EACH STATEMENT EXECUTE FUNCTION public.dsc_dash_count_truncate();

ALTER TABLE public.requests ENABLE ALWAYS TRIGGER requests_dash_count_truncate;


--
-- Name: requests requests_dash_count_update; Type: TRIGGER; Schema: public; Owner: disclose
--

CREATE TRIGGER requests_dash_count_update AFTER UPDATE ON public.requests REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION public.dsc_dash_count_update();

ALTER TABLE public.requests ENABLE ALWAYS TRIGGER requests_dash_count_update;


--
-- Name: requests requests_guard; Type: TRIGGER; Schema: public; Owner: disclose
--

CREATE TRIGGER requests_guard BEFORE INSERT OR UPDATE ON public.requests FOR EACH ROW EXECUTE FUNCTION public.dsc_guard_request();


--
-- Name: requests requests_never_removed; Type: TRIGGER; Schema: public; Owner: disclose
--

CREATE TRIGGER requests_never_removed BEFORE DELETE ON public.requests FOR EACH ROW EXECUTE FUNCTION public.dsc_refuse_removal();


--
-- Name: requests requests_never_truncated; Type: TRIGGER; Schema: public; Owner: disclose
--

CREATE TRIGGER requests_never_truncated BEFORE TRUNCATE ON public.requests FOR EACH STATEMENT EXECUTE FUNCTION public.dsc_refuse_removal();


--
-- Name: requests requests_notify; Type: TRIGGER; Schema: public; Owner: disclose
--

CREATE TRIGGER requests_notify AFTER INSERT OR UPDATE ON public.requests FOR EACH STATEMENT EXECUTE FUNCTION public.dsc_notify_requests();


--
-- Name: staff staff_end_sessions; Type: TRIGGER; Schema: public; Owner: disclose
--

CREATE TRIGGER staff_end_sessions AFTER UPDATE OF roles, active ON public.staff FOR EACH ROW EXECUTE FUNCTION public.dsc_staff_end_sessions();


--
-- Name: staff_history staff_history_append_only; Type: TRIGGER; Schema: public; Owner: disclose
--

CREATE TRIGGER staff_history_append_only BEFORE DELETE OR UPDATE ON public.staff_history FOR EACH ROW EXECUTE FUNCTION public.dsc_refuse_event_change();


--
-- Name: staff_history staff_history_no_truncate; Type: TRIGGER; Schema: public; Owner: disclose
--

CREATE TRIGGER staff_history_no_truncate BEFORE TRUNCATE ON public.staff_history FOR EACH STATEMENT EXECUTE FUNCTION public.dsc_refuse_event_change();


--
-- Name: staff staff_never_removed; Type: TRIGGER; Schema: public; Owner: disclose
--

CREATE TRIGGER staff_never_removed BEFORE DELETE ON public.staff FOR EACH ROW EXECUTE FUNCTION public.dsc_refuse_removal();


--
-- Name: staff staff_never_truncated; Type: TRIGGER; Schema: public; Owner: disclose
--

CREATE TRIGGER staff_never_truncated BEFORE TRUNCATE ON public.staff FOR EACH STATEMENT EXECUTE FUNCTION public.dsc_refuse_removal();


--
-- Name: staff staff_remember; Type: TRIGGER; Schema: public; Owner: disclose
--

CREATE TRIGGER staff_remember AFTER INSERT OR UPDATE ON public.staff FOR EACH ROW EXECUTE FUNCTION public.dsc_staff_remember();


--
-- Name: annual_report_groups annual_report_groups_report_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: disclose
--

ALTER TABLE ONLY public.annual_report_groups
    ADD CONSTRAINT annual_report_groups_report_id_fkey FOREIGN KEY (report_id) REFERENCES public.annual_reports(id) ON DELETE CASCADE;


--
-- Name: annual_report_items annual_report_items_report_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: disclose
--

ALTER TABLE ONLY public.annual_report_items
    ADD CONSTRAINT annual_report_items_report_id_fkey FOREIGN KEY (report_id) REFERENCES public.annual_reports(id) ON DELETE CASCADE;


--
-- Name: annual_report_items annual_report_items_request_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: disclose
--

ALTER TABLE ONLY public.annual_report_items
    ADD CONSTRAINT annual_report_items_request_id_fkey FOREIGN KEY (request_id) REFERENCES public.requests(id);


--
-- Name: annual_reports annual_reports_agency_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: disclose
--

ALTER TABLE ONLY public.annual_reports
    ADD CONSTRAINT annual_reports_agency_id_fkey FOREIGN KEY (agency_id) REFERENCES public.agencies(id);


--
-- Name: annual_reports annual_reports_compiled_by_fkey; Type: FK CONSTRAINT; Schema: public; Owner: disclose
--

ALTER TABLE ONLY public.annual_reports
    ADD CONSTRAINT annual_reports_compiled_by_fkey FOREIGN KEY (compiled_by) REFERENCES public.staff(login);


--
-- Name: appeals appeals_agency_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: disclose
--

ALTER TABLE ONLY public.appeals
    ADD CONSTRAINT appeals_agency_id_fkey FOREIGN KEY (agency_id) REFERENCES public.agencies(id);


--
-- Name: appeals appeals_decided_by_fkey; Type: FK CONSTRAINT; Schema: public; Owner: disclose
--

ALTER TABLE ONLY public.appeals
    ADD CONSTRAINT appeals_decided_by_fkey FOREIGN KEY (decided_by) REFERENCES public.staff(login);


--
-- Name: appeals appeals_filed_by_fkey; Type: FK CONSTRAINT; Schema: public; Owner: disclose
--

ALTER TABLE ONLY public.appeals
    ADD CONSTRAINT appeals_filed_by_fkey FOREIGN KEY (filed_by) REFERENCES public.staff(login);


--
-- Name: appeals appeals_request_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: disclose
--

ALTER TABLE ONLY public.appeals
    ADD CONSTRAINT appeals_request_id_fkey FOREIGN KEY (request_id) REFERENCES public.requests(id);


--
-- Name: dsc_machine_step dsc_machine_step_action_fkey; Type: FK CONSTRAINT; Schema: public; Owner: disclose
--

ALTER TABLE ONLY public.dsc_machine_step
    ADD CONSTRAINT dsc_machine_step_action_fkey FOREIGN KEY (action) REFERENCES public.dsc_machine_rule(action);


--
-- Name: letter_numbers letter_numbers_agency_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: disclose
--

ALTER TABLE ONLY public.letter_numbers
    ADD CONSTRAINT letter_numbers_agency_id_fkey FOREIGN KEY (agency_id) REFERENCES public.agencies(id);


--
-- Name: letters letters_agency_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: disclose
--

ALTER TABLE ONLY public.letters
    ADD CONSTRAINT letters_agency_id_fkey FOREIGN KEY (agency_id) REFERENCES public.agencies(id);


--
-- Name: letters letters_agency_id_year_kind_fkey; Type: FK CONSTRAINT; Schema: public; Owner: disclose
--

ALTER TABLE ONLY public.letters
    ADD CONSTRAINT letters_agency_id_year_kind_fkey FOREIGN KEY (agency_id, year, kind) REFERENCES public.letter_numbers(agency_id, year, kind);


--
-- Name: letters letters_request_id_seq_fkey; Type: FK CONSTRAINT; Schema: public; Owner: disclose
--

ALTER TABLE ONLY public.letters
    ADD CONSTRAINT letters_request_id_seq_fkey FOREIGN KEY (request_id, seq) REFERENCES public.request_events(request_id, seq);


--
-- Name: report_active_entries report_active_entries_agency_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: disclose
--

ALTER TABLE ONLY public.report_active_entries
    ADD CONSTRAINT report_active_entries_agency_id_fkey FOREIGN KEY (agency_id) REFERENCES public.agencies(id);


--
-- Name: report_active_entries report_active_entries_entered_by_fkey; Type: FK CONSTRAINT; Schema: public; Owner: disclose
--

ALTER TABLE ONLY public.report_active_entries
    ADD CONSTRAINT report_active_entries_entered_by_fkey FOREIGN KEY (entered_by) REFERENCES public.staff(login);


--
-- Name: report_text_entries report_text_entries_agency_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: disclose
--

ALTER TABLE ONLY public.report_text_entries
    ADD CONSTRAINT report_text_entries_agency_id_fkey FOREIGN KEY (agency_id) REFERENCES public.agencies(id);


--
-- Name: report_text_entries report_text_entries_entered_by_fkey; Type: FK CONSTRAINT; Schema: public; Owner: disclose
--

ALTER TABLE ONLY public.report_text_entries
    ADD CONSTRAINT report_text_entries_entered_by_fkey FOREIGN KEY (entered_by) REFERENCES public.staff(login);


--
-- Name: requests requests_agency_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: disclose
--

ALTER TABLE ONLY public.requests
    ADD CONSTRAINT requests_agency_id_fkey FOREIGN KEY (agency_id) REFERENCES public.agencies(id);


--
-- Name: requests requests_assignee_fkey; Type: FK CONSTRAINT; Schema: public; Owner: disclose
--

ALTER TABLE ONLY public.requests
    ADD CONSTRAINT requests_assignee_fkey FOREIGN KEY (assignee) REFERENCES public.staff(login);


--
-- Name: requests requests_drafter_fkey; Type: FK CONSTRAINT; Schema: public; Owner: disclose
--

ALTER TABLE ONLY public.requests
    ADD CONSTRAINT requests_drafter_fkey FOREIGN KEY (drafter) REFERENCES public.staff(login);


--
-- Name: web_sessions web_sessions_login_fkey; Type: FK CONSTRAINT; Schema: public; Owner: disclose
--

ALTER TABLE ONLY public.web_sessions
    ADD CONSTRAINT web_sessions_login_fkey FOREIGN KEY (login) REFERENCES public.staff(login);


--
-- Name: letters; Type: ROW SECURITY; Schema: public; Owner: disclose
--

ALTER TABLE public.letters ENABLE ROW LEVEL SECURITY;

--
-- Name: letters letters_all; Type: POLICY; Schema: public; Owner: disclose
--

CREATE POLICY letters_all ON public.letters TO disclose_app, disclose_writer, disclose_roles USING (true) WITH CHECK (true);


--
-- Name: letters letters_staff_read; Type: POLICY; Schema: public; Owner: disclose
--

CREATE POLICY letters_staff_read ON public.letters FOR SELECT TO disclose_staff USING ((EXISTS ( SELECT 1
   FROM public.requests r
  WHERE (r.id = letters.request_id))));


--
-- Name: request_events; Type: ROW SECURITY; Schema: public; Owner: disclose
--

ALTER TABLE public.request_events ENABLE ROW LEVEL SECURITY;

--
-- Name: request_events request_events_all; Type: POLICY; Schema: public; Owner: disclose
--

CREATE POLICY request_events_all ON public.request_events TO disclose_app, disclose_writer, disclose_roles USING (true) WITH CHECK (true);


--
-- Name: request_events request_events_staff_read; Type: POLICY; Schema: public; Owner: disclose
--

CREATE POLICY request_events_staff_read ON public.request_events FOR SELECT TO disclose_staff USING ((EXISTS ( SELECT 1
   FROM public.requests r
  WHERE (r.id = request_events.request_id))));


--
-- Name: requests; Type: ROW SECURITY; Schema: public; Owner: disclose
--

ALTER TABLE public.requests ENABLE ROW LEVEL SECURITY;

--
-- Name: requests requests_all; Type: POLICY; Schema: public; Owner: disclose
--

CREATE POLICY requests_all ON public.requests TO disclose_app, disclose_writer, disclose_roles USING (true) WITH CHECK (true);


--
-- Name: requests requests_staff_read; Type: POLICY; Schema: public; Owner: disclose
--

CREATE POLICY requests_staff_read ON public.requests FOR SELECT TO disclose_staff USING (((assignee = SESSION_USER) OR (NOT public.dsc_reads_only_assigned())));


--
-- Name: SCHEMA public; Type: ACL; Schema: -; Owner: pg_database_owner
--

GRANT USAGE ON SCHEMA public TO disclose_app;
GRANT USAGE ON SCHEMA public TO disclose_staff;
GRANT USAGE ON SCHEMA public TO disclose_writer;
GRANT USAGE ON SCHEMA public TO disclose_roles;


--
-- Name: FUNCTION dsc_applicant_ordinal(bigint); Type: ACL; Schema: public; Owner: disclose_writer
--

REVOKE ALL ON FUNCTION public.dsc_applicant_ordinal(bigint) FROM PUBLIC;
GRANT ALL ON FUNCTION public.dsc_applicant_ordinal(bigint) TO disclose_staff;
GRANT ALL ON FUNCTION public.dsc_applicant_ordinal(bigint) TO disclose_app;


--
-- Name: FUNCTION dsc_dash_fold(); Type: ACL; Schema: public; Owner: disclose
--

REVOKE ALL ON FUNCTION public.dsc_dash_fold() FROM PUBLIC;
GRANT ALL ON FUNCTION public.dsc_dash_fold() TO disclose_app;
GRANT ALL ON FUNCTION public.dsc_dash_fold() TO disclose_writer;


--
-- Name: FUNCTION dsc_dash_recount(); Type: ACL; Schema: public; Owner: disclose
--

REVOKE ALL ON FUNCTION public.dsc_dash_recount() FROM PUBLIC;


--
-- Name: FUNCTION dsc_duplicate_of(request bigint, earlier bigint); Type: ACL; Schema: public; Owner: disclose_writer
--

REVOKE ALL ON FUNCTION public.dsc_duplicate_of(request bigint, earlier bigint) FROM PUBLIC;
GRANT ALL ON FUNCTION public.dsc_duplicate_of(request bigint, earlier bigint) TO disclose_staff;
GRANT ALL ON FUNCTION public.dsc_duplicate_of(request bigint, earlier bigint) TO disclose_app;


--
-- Name: FUNCTION dsc_staff_sync_groups(login text, roles text[]); Type: ACL; Schema: public; Owner: disclose
--

REVOKE ALL ON FUNCTION public.dsc_staff_sync_groups(login text, roles text[]) FROM PUBLIC;
GRANT ALL ON FUNCTION public.dsc_staff_sync_groups(login text, roles text[]) TO disclose_roles;


--
-- Name: FUNCTION dsc_w_agency_add(text, text, text); Type: ACL; Schema: public; Owner: disclose_writer
--

REVOKE ALL ON FUNCTION public.dsc_w_agency_add(text, text, text) FROM PUBLIC;
GRANT ALL ON FUNCTION public.dsc_w_agency_add(text, text, text) TO disclose_staff;
GRANT ALL ON FUNCTION public.dsc_w_agency_add(text, text, text) TO disclose_app;


--
-- Name: FUNCTION dsc_w_agency_require_letter(text, boolean, text); Type: ACL; Schema: public; Owner: disclose_writer
--

REVOKE ALL ON FUNCTION public.dsc_w_agency_require_letter(text, boolean, text) FROM PUBLIC;
GRANT ALL ON FUNCTION public.dsc_w_agency_require_letter(text, boolean, text) TO disclose_staff;
GRANT ALL ON FUNCTION public.dsc_w_agency_require_letter(text, boolean, text) TO disclose_app;


--
-- Name: FUNCTION dsc_w_agency_set(text, integer, text); Type: ACL; Schema: public; Owner: disclose_writer
--

REVOKE ALL ON FUNCTION public.dsc_w_agency_set(text, integer, text) FROM PUBLIC;
GRANT ALL ON FUNCTION public.dsc_w_agency_set(text, integer, text) TO disclose_staff;
GRANT ALL ON FUNCTION public.dsc_w_agency_set(text, integer, text) TO disclose_app;


--
-- Name: FUNCTION dsc_w_agency_set_letter(text, text, text, text); Type: ACL; Schema: public; Owner: disclose_writer
--

REVOKE ALL ON FUNCTION public.dsc_w_agency_set_letter(text, text, text, text) FROM PUBLIC;
GRANT ALL ON FUNCTION public.dsc_w_agency_set_letter(text, text, text, text) TO disclose_staff;
GRANT ALL ON FUNCTION public.dsc_w_agency_set_letter(text, text, text, text) TO disclose_app;


--
-- Name: FUNCTION dsc_w_agency_set_supplement(text, integer, text); Type: ACL; Schema: public; Owner: disclose_writer
--

REVOKE ALL ON FUNCTION public.dsc_w_agency_set_supplement(text, integer, text) FROM PUBLIC;
GRANT ALL ON FUNCTION public.dsc_w_agency_set_supplement(text, integer, text) TO disclose_staff;
GRANT ALL ON FUNCTION public.dsc_w_agency_set_supplement(text, integer, text) TO disclose_app;


--
-- Name: FUNCTION dsc_w_appeal_decide(bigint, bigint, integer, text, text, text, text); Type: ACL; Schema: public; Owner: disclose_writer
--

REVOKE ALL ON FUNCTION public.dsc_w_appeal_decide(bigint, bigint, integer, text, text, text, text) FROM PUBLIC;
GRANT ALL ON FUNCTION public.dsc_w_appeal_decide(bigint, bigint, integer, text, text, text, text) TO disclose_staff;
GRANT ALL ON FUNCTION public.dsc_w_appeal_decide(bigint, bigint, integer, text, text, text, text) TO disclose_app;


--
-- Name: FUNCTION dsc_w_appeal_file(bigint, integer, text, text, text, text, text, text, text, text); Type: ACL; Schema: public; Owner: disclose_writer
--

REVOKE ALL ON FUNCTION public.dsc_w_appeal_file(bigint, integer, text, text, text, text, text, text, text, text) FROM PUBLIC;
GRANT ALL ON FUNCTION public.dsc_w_appeal_file(bigint, integer, text, text, text, text, text, text, text, text) TO disclose_staff;
GRANT ALL ON FUNCTION public.dsc_w_appeal_file(bigint, integer, text, text, text, text, text, text, text, text) TO disclose_app;


--
-- Name: FUNCTION dsc_w_calendar_bump(text); Type: ACL; Schema: public; Owner: disclose_writer
--

REVOKE ALL ON FUNCTION public.dsc_w_calendar_bump(text) FROM PUBLIC;
GRANT ALL ON FUNCTION public.dsc_w_calendar_bump(text) TO disclose_staff;
GRANT ALL ON FUNCTION public.dsc_w_calendar_bump(text) TO disclose_app;


--
-- Name: FUNCTION dsc_w_calendar_delete_years(integer[], text); Type: ACL; Schema: public; Owner: disclose_writer
--

REVOKE ALL ON FUNCTION public.dsc_w_calendar_delete_years(integer[], text) FROM PUBLIC;
GRANT ALL ON FUNCTION public.dsc_w_calendar_delete_years(integer[], text) TO disclose_staff;
GRANT ALL ON FUNCTION public.dsc_w_calendar_delete_years(integer[], text) TO disclose_app;


--
-- Name: FUNCTION dsc_w_calendar_upsert_days(date[], text[], text[], text); Type: ACL; Schema: public; Owner: disclose_writer
--

REVOKE ALL ON FUNCTION public.dsc_w_calendar_upsert_days(date[], text[], text[], text) FROM PUBLIC;
GRANT ALL ON FUNCTION public.dsc_w_calendar_upsert_days(date[], text[], text[], text) TO disclose_staff;
GRANT ALL ON FUNCTION public.dsc_w_calendar_upsert_days(date[], text[], text[], text) TO disclose_app;


--
-- Name: FUNCTION dsc_w_calendar_upsert_years(integer[], text, text); Type: ACL; Schema: public; Owner: disclose_writer
--

REVOKE ALL ON FUNCTION public.dsc_w_calendar_upsert_years(integer[], text, text) FROM PUBLIC;
GRANT ALL ON FUNCTION public.dsc_w_calendar_upsert_years(integer[], text, text) TO disclose_staff;
GRANT ALL ON FUNCTION public.dsc_w_calendar_upsert_years(integer[], text, text) TO disclose_app;


--
-- Name: FUNCTION dsc_w_clock_stamp(bigint, integer, bigint); Type: ACL; Schema: public; Owner: disclose_writer
--

REVOKE ALL ON FUNCTION public.dsc_w_clock_stamp(bigint, integer, bigint) FROM PUBLIC;
GRANT ALL ON FUNCTION public.dsc_w_clock_stamp(bigint, integer, bigint) TO disclose_staff;
GRANT ALL ON FUNCTION public.dsc_w_clock_stamp(bigint, integer, bigint) TO disclose_app;


--
-- Name: FUNCTION dsc_w_letter_deliver(bigint, integer, text, date, text, text, text); Type: ACL; Schema: public; Owner: disclose_writer
--

REVOKE ALL ON FUNCTION public.dsc_w_letter_deliver(bigint, integer, text, date, text, text, text) FROM PUBLIC;
GRANT ALL ON FUNCTION public.dsc_w_letter_deliver(bigint, integer, text, date, text, text, text) TO disclose_staff;
GRANT ALL ON FUNCTION public.dsc_w_letter_deliver(bigint, integer, text, date, text, text, text) TO disclose_app;


--
-- Name: FUNCTION dsc_w_letter_issue(bigint, integer, text, date, text, text, text, jsonb, text); Type: ACL; Schema: public; Owner: disclose_writer
--

REVOKE ALL ON FUNCTION public.dsc_w_letter_issue(bigint, integer, text, date, text, text, text, jsonb, text) FROM PUBLIC;
GRANT ALL ON FUNCTION public.dsc_w_letter_issue(bigint, integer, text, date, text, text, text, jsonb, text) TO disclose_staff;
GRANT ALL ON FUNCTION public.dsc_w_letter_issue(bigint, integer, text, date, text, text, text, jsonb, text) TO disclose_app;


--
-- Name: FUNCTION dsc_w_report_active_set(text, integer, text[], text[], text); Type: ACL; Schema: public; Owner: disclose_writer
--

REVOKE ALL ON FUNCTION public.dsc_w_report_active_set(text, integer, text[], text[], text) FROM PUBLIC;
GRANT ALL ON FUNCTION public.dsc_w_report_active_set(text, integer, text[], text[], text) TO disclose_staff;
GRANT ALL ON FUNCTION public.dsc_w_report_active_set(text, integer, text[], text[], text) TO disclose_app;


--
-- Name: FUNCTION dsc_w_report_store(text, text, text, text, text); Type: ACL; Schema: public; Owner: disclose_writer
--

REVOKE ALL ON FUNCTION public.dsc_w_report_store(text, text, text, text, text) FROM PUBLIC;
GRANT ALL ON FUNCTION public.dsc_w_report_store(text, text, text, text, text) TO disclose_staff;
GRANT ALL ON FUNCTION public.dsc_w_report_store(text, text, text, text, text) TO disclose_app;


--
-- Name: FUNCTION dsc_w_report_text_set(text, integer, integer, text, text); Type: ACL; Schema: public; Owner: disclose_writer
--

REVOKE ALL ON FUNCTION public.dsc_w_report_text_set(text, integer, integer, text, text) FROM PUBLIC;
GRANT ALL ON FUNCTION public.dsc_w_report_text_set(text, integer, integer, text, text) TO disclose_staff;
GRANT ALL ON FUNCTION public.dsc_w_report_text_set(text, integer, integer, text, text) TO disclose_app;


--
-- Name: FUNCTION dsc_w_staff_add(text, text, text[], text); Type: ACL; Schema: public; Owner: disclose_roles
--

REVOKE ALL ON FUNCTION public.dsc_w_staff_add(text, text, text[], text) FROM PUBLIC;
GRANT ALL ON FUNCTION public.dsc_w_staff_add(text, text, text[], text) TO disclose_staff;
GRANT ALL ON FUNCTION public.dsc_w_staff_add(text, text, text[], text) TO disclose_app;


--
-- Name: FUNCTION dsc_w_staff_disable(text, text); Type: ACL; Schema: public; Owner: disclose_roles
--

REVOKE ALL ON FUNCTION public.dsc_w_staff_disable(text, text) FROM PUBLIC;
GRANT ALL ON FUNCTION public.dsc_w_staff_disable(text, text) TO disclose_staff;
GRANT ALL ON FUNCTION public.dsc_w_staff_disable(text, text) TO disclose_app;


--
-- Name: FUNCTION dsc_w_staff_password(text, text, text); Type: ACL; Schema: public; Owner: disclose_roles
--

REVOKE ALL ON FUNCTION public.dsc_w_staff_password(text, text, text) FROM PUBLIC;
GRANT ALL ON FUNCTION public.dsc_w_staff_password(text, text, text) TO disclose_staff;
GRANT ALL ON FUNCTION public.dsc_w_staff_password(text, text, text) TO disclose_app;


--
-- Name: FUNCTION dsc_w_staff_roles(text, text[], text); Type: ACL; Schema: public; Owner: disclose_roles
--

REVOKE ALL ON FUNCTION public.dsc_w_staff_roles(text, text[], text) FROM PUBLIC;
GRANT ALL ON FUNCTION public.dsc_w_staff_roles(text, text[], text) TO disclose_staff;
GRANT ALL ON FUNCTION public.dsc_w_staff_roles(text, text[], text) TO disclose_app;


--
-- Name: FUNCTION dsc_w_submit(text[], text[], text[], text[], text[], date[], text[], text[], text[], text[], text[], text[], text[], text[], date[], text[], date[], date[], bigint[]); Type: ACL; Schema: public; Owner: disclose_writer
--

REVOKE ALL ON FUNCTION public.dsc_w_submit(text[], text[], text[], text[], text[], date[], text[], text[], text[], text[], text[], text[], text[], text[], date[], text[], date[], date[], bigint[]) FROM PUBLIC;
GRANT ALL ON FUNCTION public.dsc_w_submit(text[], text[], text[], text[], text[], date[], text[], text[], text[], text[], text[], text[], text[], text[], date[], text[], date[], date[], bigint[]) TO disclose_staff;
GRANT ALL ON FUNCTION public.dsc_w_submit(text[], text[], text[], text[], text[], date[], text[], text[], text[], text[], text[], text[], text[], text[], date[], text[], date[], date[], bigint[]) TO disclose_app;


--
-- Name: FUNCTION dsc_w_transition_many(bigint[], integer[], text[], text[], date[], date[], text[], text[], text[], date[], date[], text[], text[], text[], date[], jsonb[], date[], date[], integer[], integer[], date[], bigint[], bigint[], date[], smallint[]); Type: ACL; Schema: public; Owner: disclose_writer
--

REVOKE ALL ON FUNCTION public.dsc_w_transition_many(bigint[], integer[], text[], text[], date[], date[], text[], text[], text[], date[], date[], text[], text[], text[], date[], jsonb[], date[], date[], integer[], integer[], date[], bigint[], bigint[], date[], smallint[]) FROM PUBLIC;
GRANT ALL ON FUNCTION public.dsc_w_transition_many(bigint[], integer[], text[], text[], date[], date[], text[], text[], text[], date[], date[], text[], text[], text[], date[], jsonb[], date[], date[], integer[], integer[], date[], bigint[], bigint[], date[], smallint[]) TO disclose_staff;
GRANT ALL ON FUNCTION public.dsc_w_transition_many(bigint[], integer[], text[], text[], date[], date[], text[], text[], text[], date[], date[], text[], text[], text[], date[], jsonb[], date[], date[], integer[], integer[], date[], bigint[], bigint[], date[], smallint[]) TO disclose_app;


--
-- Name: FUNCTION dsc_web_actor(actor text); Type: ACL; Schema: public; Owner: disclose
--

REVOKE ALL ON FUNCTION public.dsc_web_actor(actor text) FROM PUBLIC;
GRANT ALL ON FUNCTION public.dsc_web_actor(actor text) TO disclose_writer;
GRANT ALL ON FUNCTION public.dsc_web_actor(actor text) TO disclose_roles;


--
-- Name: TABLE web_sessions; Type: ACL; Schema: public; Owner: disclose
--

GRANT SELECT,INSERT,UPDATE ON TABLE public.web_sessions TO disclose_writer;
GRANT SELECT ON TABLE public.web_sessions TO disclose_roles;


--
-- Name: COLUMN web_sessions.ended_at; Type: ACL; Schema: public; Owner: disclose
--

GRANT UPDATE(ended_at) ON TABLE public.web_sessions TO disclose_roles;


--
-- Name: COLUMN web_sessions.ended_why; Type: ACL; Schema: public; Owner: disclose
--

GRANT UPDATE(ended_why) ON TABLE public.web_sessions TO disclose_roles;


--
-- Name: FUNCTION dsc_web_live(token text); Type: ACL; Schema: public; Owner: disclose_writer
--

REVOKE ALL ON FUNCTION public.dsc_web_live(token text) FROM PUBLIC;


--
-- Name: FUNCTION dsc_web_login_gate(text, text); Type: ACL; Schema: public; Owner: disclose_writer
--

REVOKE ALL ON FUNCTION public.dsc_web_login_gate(text, text) FROM PUBLIC;
GRANT ALL ON FUNCTION public.dsc_web_login_gate(text, text) TO disclose_app;


--
-- Name: FUNCTION dsc_web_login_refused(login text, client text, reason text); Type: ACL; Schema: public; Owner: disclose_writer
--

REVOKE ALL ON FUNCTION public.dsc_web_login_refused(login text, client text, reason text) FROM PUBLIC;
GRANT ALL ON FUNCTION public.dsc_web_login_refused(login text, client text, reason text) TO disclose_app;


--
-- Name: FUNCTION dsc_web_members(); Type: ACL; Schema: public; Owner: disclose
--

REVOKE ALL ON FUNCTION public.dsc_web_members() FROM PUBLIC;
GRANT ALL ON FUNCTION public.dsc_web_members() TO disclose_writer;
GRANT ALL ON FUNCTION public.dsc_web_members() TO disclose_roles;


--
-- Name: FUNCTION dsc_web_session_check(text); Type: ACL; Schema: public; Owner: disclose_writer
--

REVOKE ALL ON FUNCTION public.dsc_web_session_check(text) FROM PUBLIC;
GRANT ALL ON FUNCTION public.dsc_web_session_check(text) TO disclose_app;


--
-- Name: FUNCTION dsc_web_session_end(token text); Type: ACL; Schema: public; Owner: disclose_writer
--

REVOKE ALL ON FUNCTION public.dsc_web_session_end(token text) FROM PUBLIC;
GRANT ALL ON FUNCTION public.dsc_web_session_end(token text) TO disclose_app;


--
-- Name: FUNCTION dsc_web_session_open(bytea, text, text); Type: ACL; Schema: public; Owner: disclose_writer
--

REVOKE ALL ON FUNCTION public.dsc_web_session_open(bytea, text, text) FROM PUBLIC;
GRANT ALL ON FUNCTION public.dsc_web_session_open(bytea, text, text) TO disclose_staff;


--
-- Name: FUNCTION dsc_web_sessions_end_for(member text, why text); Type: ACL; Schema: public; Owner: disclose_writer
--

REVOKE ALL ON FUNCTION public.dsc_web_sessions_end_for(member text, why text) FROM PUBLIC;
GRANT ALL ON FUNCTION public.dsc_web_sessions_end_for(member text, why text) TO disclose_roles;


--
-- Name: TABLE agencies; Type: ACL; Schema: public; Owner: disclose
--

GRANT SELECT ON TABLE public.agencies TO disclose_app;
GRANT SELECT ON TABLE public.agencies TO disclose_staff;
GRANT SELECT,INSERT ON TABLE public.agencies TO disclose_writer;
GRANT SELECT ON TABLE public.agencies TO disclose_roles;


--
-- Name: COLUMN agencies.backdate_workdays; Type: ACL; Schema: public; Owner: disclose
--

GRANT UPDATE(backdate_workdays) ON TABLE public.agencies TO disclose_writer;


--
-- Name: COLUMN agencies.supplement_reply_days; Type: ACL; Schema: public; Owner: disclose
--

GRANT UPDATE(supplement_reply_days) ON TABLE public.agencies TO disclose_writer;


--
-- Name: COLUMN agencies.full_name; Type: ACL; Schema: public; Owner: disclose
--

GRANT UPDATE(full_name) ON TABLE public.agencies TO disclose_writer;


--
-- Name: COLUMN agencies.short_name; Type: ACL; Schema: public; Owner: disclose
--

GRANT UPDATE(short_name) ON TABLE public.agencies TO disclose_writer;


--
-- Name: COLUMN agencies.address; Type: ACL; Schema: public; Owner: disclose
--

GRANT UPDATE(address) ON TABLE public.agencies TO disclose_writer;


--
-- Name: COLUMN agencies.phone; Type: ACL; Schema: public; Owner: disclose
--

GRANT UPDATE(phone) ON TABLE public.agencies TO disclose_writer;


--
-- Name: COLUMN agencies.contact; Type: ACL; Schema: public; Owner: disclose
--

GRANT UPDATE(contact) ON TABLE public.agencies TO disclose_writer;


--
-- Name: COLUMN agencies.seal_caption; Type: ACL; Schema: public; Owner: disclose
--

GRANT UPDATE(seal_caption) ON TABLE public.agencies TO disclose_writer;


--
-- Name: COLUMN agencies.reconsideration_body; Type: ACL; Schema: public; Owner: disclose
--

GRANT UPDATE(reconsideration_body) ON TABLE public.agencies TO disclose_writer;


--
-- Name: COLUMN agencies.court; Type: ACL; Schema: public; Owner: disclose
--

GRANT UPDATE(court) ON TABLE public.agencies TO disclose_writer;


--
-- Name: COLUMN agencies.fee_payment; Type: ACL; Schema: public; Owner: disclose
--

GRANT UPDATE(fee_payment) ON TABLE public.agencies TO disclose_writer;


--
-- Name: COLUMN agencies.letter_required; Type: ACL; Schema: public; Owner: disclose
--

GRANT UPDATE(letter_required) ON TABLE public.agencies TO disclose_writer;


--
-- Name: SEQUENCE agencies_id_seq; Type: ACL; Schema: public; Owner: disclose
--

GRANT USAGE ON SEQUENCE public.agencies_id_seq TO disclose_writer;


--
-- Name: TABLE annual_report_groups; Type: ACL; Schema: public; Owner: disclose
--

GRANT SELECT ON TABLE public.annual_report_groups TO disclose_app;
GRANT SELECT ON TABLE public.annual_report_groups TO disclose_staff;
GRANT SELECT,INSERT ON TABLE public.annual_report_groups TO disclose_writer;
GRANT SELECT ON TABLE public.annual_report_groups TO disclose_roles;


--
-- Name: TABLE annual_report_items; Type: ACL; Schema: public; Owner: disclose
--

GRANT SELECT ON TABLE public.annual_report_items TO disclose_app;
GRANT SELECT ON TABLE public.annual_report_items TO disclose_staff;
GRANT SELECT ON TABLE public.annual_report_items TO disclose_writer;
GRANT SELECT ON TABLE public.annual_report_items TO disclose_roles;


--
-- Name: TABLE annual_reports; Type: ACL; Schema: public; Owner: disclose
--

GRANT SELECT ON TABLE public.annual_reports TO disclose_app;
GRANT SELECT ON TABLE public.annual_reports TO disclose_staff;
GRANT SELECT,INSERT ON TABLE public.annual_reports TO disclose_writer;
GRANT SELECT ON TABLE public.annual_reports TO disclose_roles;


--
-- Name: SEQUENCE annual_reports_id_seq; Type: ACL; Schema: public; Owner: disclose
--

GRANT USAGE ON SEQUENCE public.annual_reports_id_seq TO disclose_writer;


--
-- Name: TABLE appeals; Type: ACL; Schema: public; Owner: disclose
--

GRANT SELECT ON TABLE public.appeals TO disclose_app;
GRANT SELECT ON TABLE public.appeals TO disclose_staff;
GRANT SELECT,INSERT,UPDATE ON TABLE public.appeals TO disclose_writer;
GRANT SELECT ON TABLE public.appeals TO disclose_roles;


--
-- Name: SEQUENCE appeals_id_seq; Type: ACL; Schema: public; Owner: disclose
--

GRANT USAGE ON SEQUENCE public.appeals_id_seq TO disclose_writer;


--
-- Name: TABLE calendar_days; Type: ACL; Schema: public; Owner: disclose
--

GRANT SELECT ON TABLE public.calendar_days TO disclose_app;
GRANT SELECT ON TABLE public.calendar_days TO disclose_staff;
GRANT SELECT,INSERT,DELETE,UPDATE ON TABLE public.calendar_days TO disclose_writer;
GRANT SELECT ON TABLE public.calendar_days TO disclose_roles;


--
-- Name: TABLE calendar_state; Type: ACL; Schema: public; Owner: disclose
--

GRANT SELECT ON TABLE public.calendar_state TO disclose_app;
GRANT SELECT ON TABLE public.calendar_state TO disclose_staff;
GRANT SELECT,INSERT,UPDATE ON TABLE public.calendar_state TO disclose_writer;
GRANT SELECT ON TABLE public.calendar_state TO disclose_roles;


--
-- Name: TABLE calendar_years; Type: ACL; Schema: public; Owner: disclose
--

GRANT SELECT ON TABLE public.calendar_years TO disclose_app;
GRANT SELECT ON TABLE public.calendar_years TO disclose_staff;
GRANT SELECT,INSERT,UPDATE ON TABLE public.calendar_years TO disclose_writer;
GRANT SELECT ON TABLE public.calendar_years TO disclose_roles;


--
-- Name: TABLE dsc_clock_override; Type: ACL; Schema: public; Owner: disclose
--

GRANT SELECT ON TABLE public.dsc_clock_override TO disclose_writer;
GRANT SELECT ON TABLE public.dsc_clock_override TO disclose_roles;


--
-- Name: TABLE dsc_dash_answered; Type: ACL; Schema: public; Owner: disclose
--

GRANT SELECT ON TABLE public.dsc_dash_answered TO disclose_app;
GRANT SELECT ON TABLE public.dsc_dash_answered TO disclose_staff;
GRANT SELECT ON TABLE public.dsc_dash_answered TO disclose_writer;
GRANT SELECT ON TABLE public.dsc_dash_answered TO disclose_roles;


--
-- Name: TABLE dsc_dash_delta; Type: ACL; Schema: public; Owner: disclose
--

GRANT SELECT ON TABLE public.dsc_dash_delta TO disclose_app;
GRANT SELECT ON TABLE public.dsc_dash_delta TO disclose_staff;
GRANT SELECT,INSERT ON TABLE public.dsc_dash_delta TO disclose_writer;
GRANT SELECT ON TABLE public.dsc_dash_delta TO disclose_roles;


--
-- Name: TABLE dsc_dash_due; Type: ACL; Schema: public; Owner: disclose
--

GRANT SELECT ON TABLE public.dsc_dash_due TO disclose_app;
GRANT SELECT ON TABLE public.dsc_dash_due TO disclose_staff;
GRANT SELECT ON TABLE public.dsc_dash_due TO disclose_writer;
GRANT SELECT ON TABLE public.dsc_dash_due TO disclose_roles;


--
-- Name: TABLE dsc_dash_states; Type: ACL; Schema: public; Owner: disclose
--

GRANT SELECT ON TABLE public.dsc_dash_states TO disclose_app;
GRANT SELECT ON TABLE public.dsc_dash_states TO disclose_staff;
GRANT SELECT ON TABLE public.dsc_dash_states TO disclose_writer;
GRANT SELECT ON TABLE public.dsc_dash_states TO disclose_roles;


--
-- Name: TABLE dsc_machine_rule; Type: ACL; Schema: public; Owner: disclose
--

GRANT SELECT ON TABLE public.dsc_machine_rule TO disclose_staff;
GRANT SELECT ON TABLE public.dsc_machine_rule TO disclose_app;
GRANT SELECT ON TABLE public.dsc_machine_rule TO disclose_writer;
GRANT SELECT ON TABLE public.dsc_machine_rule TO disclose_roles;


--
-- Name: TABLE dsc_machine_step; Type: ACL; Schema: public; Owner: disclose
--

GRANT SELECT ON TABLE public.dsc_machine_step TO disclose_staff;
GRANT SELECT ON TABLE public.dsc_machine_step TO disclose_app;
GRANT SELECT ON TABLE public.dsc_machine_step TO disclose_writer;
GRANT SELECT ON TABLE public.dsc_machine_step TO disclose_roles;


--
-- Name: TABLE dsc_schema_migrations; Type: ACL; Schema: public; Owner: disclose
--

GRANT SELECT ON TABLE public.dsc_schema_migrations TO disclose_app;
GRANT SELECT ON TABLE public.dsc_schema_migrations TO disclose_staff;
GRANT SELECT ON TABLE public.dsc_schema_migrations TO disclose_writer;
GRANT SELECT ON TABLE public.dsc_schema_migrations TO disclose_roles;


--
-- Name: TABLE dsc_web_policy; Type: ACL; Schema: public; Owner: disclose
--

GRANT SELECT ON TABLE public.dsc_web_policy TO disclose_writer;
GRANT SELECT ON TABLE public.dsc_web_policy TO disclose_roles;


--
-- Name: TABLE letter_numbers; Type: ACL; Schema: public; Owner: disclose
--

GRANT SELECT ON TABLE public.letter_numbers TO disclose_staff;
GRANT SELECT ON TABLE public.letter_numbers TO disclose_app;
GRANT SELECT,INSERT,UPDATE ON TABLE public.letter_numbers TO disclose_writer;
GRANT SELECT ON TABLE public.letter_numbers TO disclose_roles;


--
-- Name: TABLE letters; Type: ACL; Schema: public; Owner: disclose
--

GRANT SELECT ON TABLE public.letters TO disclose_staff;
GRANT SELECT ON TABLE public.letters TO disclose_app;
GRANT SELECT,INSERT ON TABLE public.letters TO disclose_writer;
GRANT SELECT ON TABLE public.letters TO disclose_roles;


--
-- Name: COLUMN letters.delivered_on; Type: ACL; Schema: public; Owner: disclose
--

GRANT UPDATE(delivered_on) ON TABLE public.letters TO disclose_writer;


--
-- Name: COLUMN letters.delivery_method; Type: ACL; Schema: public; Owner: disclose
--

GRANT UPDATE(delivery_method) ON TABLE public.letters TO disclose_writer;


--
-- Name: COLUMN letters.delivery_tracking; Type: ACL; Schema: public; Owner: disclose
--

GRANT UPDATE(delivery_tracking) ON TABLE public.letters TO disclose_writer;


--
-- Name: COLUMN letters.delivery_seq; Type: ACL; Schema: public; Owner: disclose
--

GRANT UPDATE(delivery_seq) ON TABLE public.letters TO disclose_writer;


--
-- Name: TABLE login_attempts; Type: ACL; Schema: public; Owner: disclose
--

GRANT SELECT,INSERT ON TABLE public.login_attempts TO disclose_writer;


--
-- Name: SEQUENCE login_attempts_id_seq; Type: ACL; Schema: public; Owner: disclose
--

GRANT USAGE ON SEQUENCE public.login_attempts_id_seq TO disclose_writer;


--
-- Name: TABLE report_active_entries; Type: ACL; Schema: public; Owner: disclose
--

GRANT SELECT ON TABLE public.report_active_entries TO disclose_staff;
GRANT SELECT ON TABLE public.report_active_entries TO disclose_app;
GRANT SELECT,INSERT ON TABLE public.report_active_entries TO disclose_writer;
GRANT SELECT ON TABLE public.report_active_entries TO disclose_roles;


--
-- Name: SEQUENCE report_active_entries_id_seq; Type: ACL; Schema: public; Owner: disclose
--

GRANT USAGE ON SEQUENCE public.report_active_entries_id_seq TO disclose_writer;


--
-- Name: TABLE report_text_entries; Type: ACL; Schema: public; Owner: disclose
--

GRANT SELECT ON TABLE public.report_text_entries TO disclose_staff;
GRANT SELECT ON TABLE public.report_text_entries TO disclose_app;
GRANT SELECT,INSERT ON TABLE public.report_text_entries TO disclose_writer;
GRANT SELECT ON TABLE public.report_text_entries TO disclose_roles;


--
-- Name: SEQUENCE report_text_entries_id_seq; Type: ACL; Schema: public; Owner: disclose
--

GRANT USAGE ON SEQUENCE public.report_text_entries_id_seq TO disclose_writer;


--
-- Name: TABLE request_events; Type: ACL; Schema: public; Owner: disclose
--

GRANT SELECT ON TABLE public.request_events TO disclose_app;
GRANT SELECT ON TABLE public.request_events TO disclose_staff;
GRANT SELECT,INSERT ON TABLE public.request_events TO disclose_writer;
GRANT SELECT ON TABLE public.request_events TO disclose_roles;


--
-- Name: TABLE requests; Type: ACL; Schema: public; Owner: disclose
--

GRANT SELECT ON TABLE public.requests TO disclose_app;
GRANT SELECT ON TABLE public.requests TO disclose_staff;
GRANT SELECT,INSERT,UPDATE ON TABLE public.requests TO disclose_writer;
GRANT SELECT ON TABLE public.requests TO disclose_roles;


--
-- Name: SEQUENCE requests_id_seq; Type: ACL; Schema: public; Owner: disclose
--

GRANT USAGE ON SEQUENCE public.requests_id_seq TO disclose_writer;


--
-- Name: TABLE staff; Type: ACL; Schema: public; Owner: disclose
--

GRANT SELECT ON TABLE public.staff TO disclose_app;
GRANT SELECT ON TABLE public.staff TO disclose_staff;
GRANT SELECT ON TABLE public.staff TO disclose_writer;
GRANT SELECT,INSERT,UPDATE ON TABLE public.staff TO disclose_roles;


--
-- Name: TABLE staff_history; Type: ACL; Schema: public; Owner: disclose
--

GRANT SELECT ON TABLE public.staff_history TO disclose_staff;
GRANT SELECT ON TABLE public.staff_history TO disclose_app;
GRANT SELECT ON TABLE public.staff_history TO disclose_writer;
GRANT SELECT,INSERT ON TABLE public.staff_history TO disclose_roles;


--
-- Name: SEQUENCE web_sessions_id_seq; Type: ACL; Schema: public; Owner: disclose
--

GRANT USAGE ON SEQUENCE public.web_sessions_id_seq TO disclose_writer;


--
-- PostgreSQL database dump complete
--

