-- disclose 0016: the annual report's sections that are not counted from
-- requests (issue 12): section 二's figures and the texts of sections 一, 五
-- and 六, entered per agency and year by a supervisor; and section 四's
-- appeals about the agency's disclosure work that no request stands behind.
--
-- Who entered what must be provable, like a staff member's roles
-- (staff_history): each entry is a row of an append-only table naming the
-- actor the write function checked and the database role that was
-- connected; the current value of a figure or text is its newest entry.
-- Nothing but the dsc_w_* functions below writes these tables.

-- ---- Section 二 (主动公开政府信息情况) --------------------------------------

-- key: the figure's JSON path in the report (report.h): rules.made …
-- fees_wan_yuan; value: its digits, or NULL when an entry takes a figure
-- back ("not given"). Counts stay below 10^12 like dsc_report_active_parse's.
CREATE TABLE report_active_entries (
  id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  agency_id   bigint NOT NULL REFERENCES agencies,
  year        int NOT NULL CHECK (year BETWEEN 2019 AND 9999),
  key         text NOT NULL CHECK (key IN ('rules.made', 'rules.repealed',
                'rules.in_force', 'normative_documents.made',
                'normative_documents.repealed', 'normative_documents.in_force',
                'licensing', 'punishment', 'enforcement', 'fees_wan_yuan')),
  value       text CHECK (CASE WHEN key = 'fees_wan_yuan'
                THEN value ~ '^[0-9]{1,12}(\.[0-9]{1,4})?$'
                ELSE value ~ '^[0-9]{1,12}$' END),
  entered_by  text NOT NULL REFERENCES staff,
  connected_as text NOT NULL,
  entered_at  timestamptz NOT NULL DEFAULT clock_timestamp()
);
CREATE INDEX report_active_entries_by_year
  ON report_active_entries (agency_id, year, key, id);

-- ---- Sections 一, 五, 六 (the agency's own text) -----------------------------

CREATE TABLE report_text_entries (
  id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  agency_id   bigint NOT NULL REFERENCES agencies,
  year        int NOT NULL CHECK (year BETWEEN 2019 AND 9999),
  section     int NOT NULL CHECK (section IN (1, 5, 6)),
  body        text NOT NULL CHECK (octet_length(body) < 32768),
  entered_by  text NOT NULL REFERENCES staff,
  connected_as text NOT NULL,
  entered_at  timestamptz NOT NULL DEFAULT clock_timestamp()
);
CREATE INDEX report_text_entries_by_year
  ON report_text_entries (agency_id, year, section, id);

CREATE TRIGGER report_active_entries_append_only
  BEFORE UPDATE OR DELETE ON report_active_entries
  FOR EACH ROW EXECUTE FUNCTION dsc_refuse_event_change();
CREATE TRIGGER report_active_entries_no_truncate
  BEFORE TRUNCATE ON report_active_entries
  FOR EACH STATEMENT EXECUTE FUNCTION dsc_refuse_event_change();
CREATE TRIGGER report_text_entries_append_only
  BEFORE UPDATE OR DELETE ON report_text_entries
  FOR EACH ROW EXECUTE FUNCTION dsc_refuse_event_change();
CREATE TRIGGER report_text_entries_no_truncate
  BEFORE TRUNCATE ON report_text_entries
  FOR EACH STATEMENT EXECUTE FUNCTION dsc_refuse_event_change();

-- dsc_report_active_set_v1: one entry per key, all or nothing. Nothing back
-- when there is no such agency.
CREATE FUNCTION dsc_w_report_active_set(text, int, text[], text[], text)
RETURNS TABLE (key text, value text)
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, public, pg_temp AS $$
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
$$;

-- dsc_report_text_set_v1
CREATE FUNCTION dsc_w_report_text_set(text, int, int, text, text)
RETURNS TABLE (section int, body text)
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, public, pg_temp AS $$
#variable_conflict use_column
BEGIN
  PERFORM dsc_require_role($5, ARRAY['supervisor'], 'report sections');
  RETURN QUERY INSERT INTO report_text_entries AS e (agency_id, year, section,
    body, entered_by, connected_as)
    SELECT a.id, $2, $3, $4, $5, session_user FROM agencies a WHERE a.code = $1
    RETURNING e.section, e.body;
END;
$$;

-- ---- Section 四: appeals without a request ----------------------------------
--
-- Art. 51 lets anyone appeal against the agency's disclosure work as a
-- whole (its active disclosure, say), not only against an answer. Such an
-- appeal has no request, so it names its agency; every appeal now does
-- (copied from its request), and the report counts appeals by it. With no
-- request history to record them, an appeal records who filed and who
-- decided it, and these never change.
ALTER TABLE appeals ALTER COLUMN request_id DROP NOT NULL,
  ADD COLUMN agency_id bigint REFERENCES agencies,
  ADD COLUMN filed_by text REFERENCES staff,
  ADD COLUMN filed_as text,
  ADD COLUMN decided_by text REFERENCES staff,
  ADD COLUMN decided_as text;
UPDATE appeals ap SET agency_id = r.agency_id FROM requests r
 WHERE r.id = ap.request_id;
ALTER TABLE appeals ALTER COLUMN agency_id SET NOT NULL;
CREATE INDEX appeals_by_agency ON appeals (agency_id);

CREATE FUNCTION dsc_guard_appeal() RETURNS trigger
LANGUAGE plpgsql AS $$
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
CREATE TRIGGER appeals_guard BEFORE UPDATE OR DELETE ON appeals
  FOR EACH ROW EXECUTE FUNCTION dsc_guard_appeal();

-- A date for an appeal without a request, checked as the request events'
-- are (dsc_chain_event): never after the server's today, and no further
-- back than the agency's window unless a supervisor records it; the
-- operator's replays are exempt.
CREATE FUNCTION dsc_appeal_date_ok(actor text, action text, on_date date,
                                   agency bigint) RETURNS void
LANGUAGE plpgsql STABLE AS $$
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

-- dsc_appeal_file_v2 with the agency: $1 the request (its version $2), or
-- NULL for an appeal about the agency's work, whose agency is $10. A
-- request's appeal is checked by the request's triggers (roles, date) as
-- before; one without a request here, with the same rule: clerk or
-- supervisor.
DROP FUNCTION dsc_w_appeal_file(bigint, int, text, text, text, text, text,
  text, text);
CREATE FUNCTION dsc_w_appeal_file(bigint, int, text, text, text, text, text,
  text, text, text)
RETURNS TABLE (id bigint, request_id bigint, kind text, filed_on date,
               result text, decided_on date, agency text)
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, public, pg_temp AS $$
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
$$;

-- dsc_appeal_decide_v1 with the agency and the decider; an appeal without
-- a request is decided under the same rule as it was filed.
DROP FUNCTION dsc_w_appeal_decide(bigint, bigint, int, text, text, text, text);
CREATE FUNCTION dsc_w_appeal_decide(bigint, bigint, int, text, text, text,
  text)
RETURNS TABLE (id bigint, request_id bigint, kind text, filed_on date,
               result text, decided_on date, agency text)
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, public, pg_temp AS $$
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
$$;

-- ---- Privileges (as migrations/0012's) ---------------------------------------

GRANT SELECT ON report_active_entries, report_text_entries TO disclose_staff,
  disclose_app, disclose_writer, disclose_roles;
GRANT INSERT ON report_active_entries, report_text_entries TO disclose_writer;
GRANT USAGE ON ALL SEQUENCES IN SCHEMA public TO disclose_writer;
ALTER FUNCTION dsc_appeal_date_ok(text, text, date, bigint)
  SET search_path = pg_catalog, public, pg_temp;

DO $$
DECLARE
  f regprocedure;
BEGIN
  FOR f IN SELECT p.oid::regprocedure FROM pg_proc p
            WHERE p.pronamespace = 'public'::regnamespace
              AND p.proname IN ('dsc_w_report_active_set',
                'dsc_w_report_text_set', 'dsc_w_appeal_file',
                'dsc_w_appeal_decide') LOOP
    EXECUTE format('REVOKE ALL ON FUNCTION %s FROM PUBLIC', f);
    EXECUTE format('GRANT EXECUTE ON FUNCTION %s TO disclose_staff', f);
    EXECUTE format('ALTER FUNCTION %s OWNER TO disclose_writer', f);
  END LOOP;
END;
$$;
