-- disclose 0023: the API's session check keeps its plans (issue 15,
-- docs/performance.md).
--
-- dsc_business_today (0012) and dsc_web_live (0022) were SQL functions
-- with a SET clause, which PostgreSQL can neither inline nor keep plans
-- for: every call planned its query again. Every call of the API checks its
-- session, which runs both, and every guarded write asks for the business
-- date. Measured over HTTP, the check took 0.27 ms of server time, most of
-- it planning. The same bodies in PL/pgSQL keep their plans for the life of
-- the connection. What they return, their owners (disclose_writer) and
-- their grants are unchanged: CREATE OR REPLACE keeps the last two.

CREATE OR REPLACE FUNCTION dsc_business_today() RETURNS date
LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = pg_catalog, public, pg_temp AS $$
BEGIN
  RETURN coalesce((SELECT today FROM dsc_clock_override),
                  (now() AT TIME ZONE 'Asia/Shanghai')::date);
END;
$$;

CREATE OR REPLACE FUNCTION dsc_web_live(token text) RETURNS SETOF web_sessions
LANGUAGE plpgsql STABLE SET search_path = pg_catalog, public, pg_temp AS $$
BEGIN
  RETURN QUERY
  SELECT w.* FROM web_sessions w JOIN staff s ON s.login = w.login
   WHERE w.token_hash = sha256(convert_to(token, 'UTF8'))
     AND w.ended_at IS NULL AND s.active
     AND now() < w.idle_expires_at AND now() < w.expires_at;
END;
$$;
