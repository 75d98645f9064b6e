-- disclose 0022: staff sessions of the HTTP API (issue 15, docs/api.md).
--
-- Over the network the daemon connects as its own role (disclose_engine, a
-- member of disclose_app), which records only the `system` actor's actions
-- (0012). A staff member working in a browser or with the CLI over HTTP
-- acts through a *session* the database itself created and checks:
--
-- * Login. The daemon opens a connection as the staff member with the
--   password given (SCRAM over TCP: PostgreSQL checks it; the password is
--   never a statement's parameter, never stored by us). On that connection,
--   whose session_user is the member, dsc_web_session_open records a new
--   session under the hash of a 256-bit token the daemon drew; the daemon's
--   own role cannot call it. So the daemon's credential alone opens no
--   session for anyone.
-- * Acting. A transaction of the daemon that acts for a staff member
--   carries the raw token in the setting `disclose.web` (dsc_web_bind: the
--   tokens of every member acting in the transaction, space-separated).
--   dsc_acting_roles lets the daemon act as a staff member only when a live
--   session of that member holds one of those tokens; every event so
--   recorded names its session in the payload ("session": id), hashed into
--   the chain like the rest. The token is kept only as its SHA-256 here: a
--   copy of this table opens nothing.
-- * Ending. Logout, the idle and absolute expiries (dsc_web_policy), and
--   any change of the member's roles, status or password end the session at
--   once; a disabled member's sessions stop at the next statement.
-- * Throttling. Failed logins are recorded (login_attempts); the 20th
--   attempt within a minute for a login, or from a client address, is
--   refused without trying the password (dsc_web_login_gate).

-- How long sessions live, and the throttle: one row, changed by the owner.
CREATE TABLE dsc_web_policy (
  singleton     boolean PRIMARY KEY DEFAULT true CHECK (singleton),
  idle          interval NOT NULL DEFAULT '30 minutes'
                CHECK (idle BETWEEN '1 minute' AND '1 day'),
  absolute      interval NOT NULL DEFAULT '12 hours'
                CHECK (absolute BETWEEN '5 minutes' AND '30 days'),
  max_failures  integer NOT NULL DEFAULT 19 CHECK (max_failures BETWEEN 1 AND 1000),
  failure_window interval NOT NULL DEFAULT '1 minute'
                CHECK (failure_window BETWEEN '1 second' AND '1 day')
);
INSERT INTO dsc_web_policy DEFAULT VALUES;

CREATE TABLE web_sessions (
  id              bigserial PRIMARY KEY,
  token_hash      bytea NOT NULL UNIQUE CHECK (length(token_hash) = 32),
  login           text NOT NULL REFERENCES staff (login),
  created_at      timestamptz NOT NULL DEFAULT now(),
  last_seen_at    timestamptz NOT NULL DEFAULT now(),
  idle_expires_at timestamptz NOT NULL,
  expires_at      timestamptz NOT NULL,
  ended_at        timestamptz,
  ended_why       text CHECK (ended_why IN ('logout', 'disabled', 'roles',
                    'password')),
  client          text NOT NULL CHECK (length(client) <= 100),
  agent           text CHECK (length(agent) <= 300),
  CHECK ((ended_at IS NULL) = (ended_why IS NULL))
);
CREATE INDEX web_sessions_live ON web_sessions (login) WHERE ended_at IS NULL;

-- Every login attempt over the API, kept for the investigation of an
-- attack and counted by the throttle.
CREATE TABLE login_attempts (
  id      bigserial PRIMARY KEY,
  at      timestamptz NOT NULL DEFAULT clock_timestamp(),
  login   text NOT NULL CHECK (length(login) <= 100),
  client  text NOT NULL CHECK (length(client) <= 100),
  outcome text NOT NULL CHECK (outcome IN ('ok', 'refused', 'throttled')),
  reason  text CHECK (length(reason) <= 300)
);
CREATE INDEX login_attempts_login ON login_attempts (login, at);
CREATE INDEX login_attempts_client ON login_attempts (client, at);

-- Nobody reads or writes these but the functions below (and the owner).
REVOKE ALL ON dsc_web_policy, web_sessions, login_attempts FROM PUBLIC;
GRANT SELECT ON dsc_web_policy TO disclose_writer, disclose_roles;
GRANT SELECT, INSERT, UPDATE ON web_sessions TO disclose_writer;
GRANT SELECT, UPDATE (ended_at, ended_why) ON web_sessions TO disclose_roles;
GRANT SELECT, INSERT ON login_attempts TO disclose_writer;
GRANT USAGE ON SEQUENCE web_sessions_id_seq, login_attempts_id_seq
  TO disclose_writer;

-- ---- Login -----------------------------------------------------------------

-- May `login` try a password now, from `client`? 'ok', or 'throttled'
-- (recorded as an attempt) when the failures of the window, for the login
-- or from the address, reached the policy's maximum. Called by the daemon
-- before it tries the password.
CREATE FUNCTION dsc_web_login_gate(text, text) RETURNS text
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, public, pg_temp AS $$
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
$$;

-- Records a refused login (the daemon saw PostgreSQL refuse the password).
CREATE FUNCTION dsc_web_login_refused(login text, client text, reason text)
RETURNS void
LANGUAGE sql SECURITY DEFINER SET search_path = pg_catalog, public, pg_temp AS $$
  INSERT INTO login_attempts (login, client, outcome, reason)
    VALUES (left($1, 100), left($2, 100), 'refused', left($3, 300))
$$;

-- Opens a session for the connected staff member (session_user): only a
-- connection that authenticated as that member can. token_hash is the
-- SHA-256 of the token the daemon drew and gives the client.
CREATE FUNCTION dsc_web_session_open(bytea, text, text)
RETURNS TABLE (id bigint, login text, name text, roles text[],
               idle_expires_at timestamptz, expires_at timestamptz)
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, public, pg_temp AS $$
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
$$;

-- ---- Checking and ending -----------------------------------------------------

-- The live session of the token: not ended, before both expiries, its
-- member active. Plain SQL, inlined into its callers.
CREATE FUNCTION dsc_web_live(token text) RETURNS SETOF web_sessions
LANGUAGE sql STABLE SET search_path = pg_catalog, public, pg_temp AS $$
  SELECT w.* FROM web_sessions w JOIN staff s ON s.login = w.login
   WHERE w.token_hash = sha256(convert_to($1, 'UTF8'))
     AND w.ended_at IS NULL AND s.active
     AND now() < w.idle_expires_at AND now() < w.expires_at
$$;

-- The session of a request to the API: who it is, their roles and the
-- server's business date, and the idle expiry moved on (at most once in 15
-- seconds, so that a busy desk does not write a row per request). No row:
-- no such live session.
CREATE FUNCTION dsc_web_session_check(text)
RETURNS TABLE (id bigint, login text, name text, roles text[], today date,
               idle_expires_at timestamptz, expires_at timestamptz)
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, public, pg_temp AS $$
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
$$;

-- Logout: ends the token's session; true when there was one to end.
CREATE FUNCTION dsc_web_session_end(token text) RETURNS boolean
LANGUAGE sql SECURITY DEFINER SET search_path = pg_catalog, public, pg_temp AS $$
  WITH e AS (
    UPDATE web_sessions w SET ended_at = now(), ended_why = 'logout'
     WHERE w.id = (SELECT l.id FROM dsc_web_live($1) l)
    RETURNING 1)
  SELECT EXISTS (SELECT 1 FROM e)
$$;

-- The member's changes end their sessions: disabled, re-roled, or a new
-- password. Run by the staff functions (disclose_roles, disclose_writer).
CREATE FUNCTION dsc_web_sessions_end_for(member text, why text) RETURNS void
LANGUAGE sql SECURITY DEFINER SET search_path = pg_catalog, public, pg_temp AS $$
  UPDATE web_sessions SET ended_at = now(), ended_why = $2
   WHERE login = $1 AND ended_at IS NULL
$$;

CREATE FUNCTION dsc_staff_end_sessions() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  IF NEW.active IS DISTINCT FROM OLD.active AND NOT NEW.active THEN
    PERFORM dsc_web_sessions_end_for(NEW.login, 'disabled');
  ELSIF NEW.roles IS DISTINCT FROM OLD.roles THEN
    PERFORM dsc_web_sessions_end_for(NEW.login, 'roles');
  END IF;
  RETURN NEW;
END;
$$;
CREATE TRIGGER staff_end_sessions
  AFTER UPDATE OF roles, active ON staff
  FOR EACH ROW EXECUTE FUNCTION dsc_staff_end_sessions();

-- ---- Acting through a session ------------------------------------------------

-- The statement the daemon sends first in each batch that acts for a staff
-- member: adds the session's token to the transaction's `disclose.web`
-- (transaction-local, so it never outlives the commit). Anyone may set the
-- setting; only a token of a live session makes it worth anything.
CREATE FUNCTION dsc_web_bind(token text) RETURNS void
LANGUAGE sql SET search_path = pg_catalog, public, pg_temp AS $$
  SELECT set_config('disclose.web', concat_ws(' ',
    nullif(current_setting('disclose.web', true), ''), $1), true);
$$;

-- The id of a live session of `actor` whose token this transaction
-- carries; NULL when none. It runs for every event the daemon records for
-- a member, in the write functions and triggers, whose current_user
-- (disclose_writer, disclose_roles, the owner) reads web_sessions: a plain
-- SQL function the planner inlines, with every name qualified, rather than
-- a SECURITY DEFINER one (which cannot be inlined and sets its search path
-- on every call). Anyone else calling it is refused web_sessions.
CREATE FUNCTION dsc_web_actor(actor text) RETURNS bigint
LANGUAGE sql STABLE AS $$
  SELECT min(w.id)
    FROM pg_catalog.unnest(pg_catalog.string_to_array(
           nullif(pg_catalog.current_setting('disclose.web', true), ''),
           ' ')) t
    JOIN public.web_sessions w
      ON w.token_hash = pg_catalog.sha256(pg_catalog.convert_to(t, 'UTF8'))
    JOIN public.staff s ON s.login = w.login
   WHERE w.login = $1 AND w.ended_at IS NULL AND s.active
     AND pg_catalog.now() < w.idle_expires_at AND pg_catalog.now() < w.expires_at
$$;

-- The members whose live sessions this transaction carries, for a record
-- that names who changed something when the connected role is the daemon's
-- (staff_history.changed_by); NULL when none. Plain SQL, as dsc_web_actor.
CREATE FUNCTION dsc_web_members() RETURNS text
LANGUAGE sql STABLE AS $$
  SELECT pg_catalog.string_agg(DISTINCT w.login, ',')
    FROM pg_catalog.unnest(pg_catalog.string_to_array(
           nullif(pg_catalog.current_setting('disclose.web', true), ''),
           ' ')) t
    JOIN public.web_sessions w
      ON w.token_hash = pg_catalog.sha256(pg_catalog.convert_to(t, 'UTF8'))
   WHERE w.ended_at IS NULL
     AND pg_catalog.now() < w.idle_expires_at AND pg_catalog.now() < w.expires_at
$$;

-- As 0012's, but a change made through a session names its member, not
-- the daemon's role.
CREATE OR REPLACE FUNCTION dsc_staff_remember() RETURNS trigger
LANGUAGE plpgsql AS $$
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

-- As 0012's, with one more way to act: the daemon, for a staff member
-- whose live session this transaction carries.
CREATE OR REPLACE FUNCTION dsc_acting_roles(actor text, action text) RETURNS text[]
LANGUAGE plpgsql STABLE AS $$
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

-- Each event recorded through a session names it; nobody else can put a
-- "session" in a payload. Fires before request_events_chain (names sort),
-- so the chain's hash covers it.
CREATE FUNCTION dsc_event_session() RETURNS trigger
LANGUAGE plpgsql AS $$
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
CREATE TRIGGER request_events_as_session
  BEFORE INSERT ON request_events
  FOR EACH ROW EXECUTE FUNCTION dsc_event_session();

-- ---- Passwords -----------------------------------------------------------------

-- Sets a staff login's password for SCRAM logins (the API's login and psql
-- over TCP): the member themself or an admin. `verifier` is the SCRAM
-- secret the client computed (libpq's PQencryptPasswordConn), so the
-- password itself never reaches a statement; the member's sessions end.
CREATE FUNCTION dsc_w_staff_password(text, text, text)
RETURNS TABLE (login text, name text, roles text[], active boolean)
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, public, pg_temp AS $$
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
$$;

-- ---- Owners and grants ---------------------------------------------------------

DO $$
DECLARE
  f text;
BEGIN
  FOREACH f IN ARRAY ARRAY[
      'dsc_web_login_gate(text, text)',
      'dsc_web_login_refused(text, text, text)',
      'dsc_web_session_open(bytea, text, text)',
      'dsc_web_session_check(text)',
      'dsc_web_session_end(text)',
      'dsc_web_sessions_end_for(text, text)',
      'dsc_web_live(text)'] LOOP
    EXECUTE format('ALTER FUNCTION %s OWNER TO disclose_writer', f);
    EXECUTE format('REVOKE ALL ON FUNCTION %s FROM PUBLIC', f);
  END LOOP;
  ALTER FUNCTION dsc_w_staff_password(text, text, text) OWNER TO disclose_roles;
  REVOKE ALL ON FUNCTION dsc_w_staff_password(text, text, text) FROM PUBLIC;
END;
$$;
-- The daemon gates, records refusals, checks and ends sessions; a staff
-- member's own connection opens one; the acting checks run inside the
-- write functions (disclose_writer, disclose_roles) and triggers, whoever
-- is connected.
GRANT EXECUTE ON FUNCTION dsc_web_login_gate(text, text),
  dsc_web_login_refused(text, text, text), dsc_web_session_check(text),
  dsc_web_session_end(text) TO disclose_app;
GRANT EXECUTE ON FUNCTION dsc_web_session_open(bytea, text, text)
  TO disclose_staff;
REVOKE ALL ON FUNCTION dsc_web_actor(text), dsc_web_members() FROM PUBLIC;
GRANT EXECUTE ON FUNCTION dsc_web_actor(text), dsc_web_members()
  TO disclose_writer, disclose_roles;
GRANT EXECUTE ON FUNCTION dsc_web_sessions_end_for(text, text)
  TO disclose_writer, disclose_roles;
GRANT EXECUTE ON FUNCTION dsc_w_staff_password(text, text, text)
  TO disclose_staff, disclose_app;

-- The daemon calls every staff write function, for the members whose
-- sessions its transactions carry: each checks its actor through
-- dsc_acting_roles (itself or in the triggers on requests and events), so
-- without a live session the call is refused as before.
DO $$
DECLARE
  f regprocedure;
BEGIN
  FOR f IN SELECT p.oid::regprocedure FROM pg_proc p
            WHERE p.pronamespace = 'public'::regnamespace
              AND p.proname ~ '^dsc_w_'
              AND has_function_privilege('disclose_staff', p.oid, 'EXECUTE')
              AND NOT has_function_privilege('disclose_app', p.oid, 'EXECUTE')
            ORDER BY 1 LOOP
    EXECUTE format('GRANT EXECUTE ON FUNCTION %s TO disclose_app', f);
  END LOOP;
END;
$$;
