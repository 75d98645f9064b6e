-- disclose 0004: stored annual-report compilations and change
-- notifications for the supervisors' dashboard (CONTRACT §9).

-- Every compilation that differs from the previous one of its (agency,
-- year) is kept, with its time, its JSON rendering and the classification of
-- every request it counted, so that a later compilation can be set beside
-- an earlier one (`annual-report --diff`): a request answered late in the
-- previous year, or a reclassified outcome, shows up instead of silently
-- changing history.
CREATE TABLE annual_reports (
  id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  agency_id   bigint NOT NULL REFERENCES agencies,
  year        int NOT NULL CHECK (year BETWEEN 2019 AND 9999),
  compiled_at timestamptz NOT NULL DEFAULT now(),
  compiled_by text NOT NULL REFERENCES staff,
  report      text NOT NULL,       -- the JSON rendering (report.h)
  source_digest text NOT NULL      -- md5 of the classification below
);
CREATE INDEX annual_reports_by_year ON annual_reports (agency_id, year, id);

-- How each request was counted in one compilation (section 三).
CREATE TABLE annual_report_items (
  report_id      bigint NOT NULL REFERENCES annual_reports ON DELETE CASCADE,
  request_id     bigint NOT NULL REFERENCES requests,
  applicant_type text NOT NULL,
  is_new         boolean NOT NULL,
  carried_in     boolean NOT NULL,
  outcome        text,             -- closed in the year under this outcome
  carried_out    boolean NOT NULL,
  PRIMARY KEY (report_id, request_id)
);

-- Compilations are history: never rewritten.
CREATE TRIGGER annual_reports_append_only
  BEFORE UPDATE OR DELETE ON annual_reports
  FOR EACH ROW EXECUTE FUNCTION dsc_refuse_event_change();
CREATE TRIGGER annual_report_items_append_only
  BEFORE UPDATE OR DELETE ON annual_report_items
  FOR EACH ROW EXECUTE FUNCTION dsc_refuse_event_change();

-- `disclose-stats dashboard --watch` redraws when requests change. One
-- notification per statement (PostgreSQL folds equal notifications of one
-- transaction into one), delivered at commit.
CREATE FUNCTION dsc_notify_requests() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  PERFORM pg_notify('disclose', 'requests');
  RETURN NULL;
END;
$$;
CREATE TRIGGER requests_notify
  AFTER INSERT OR UPDATE ON requests
  FOR EACH STATEMENT EXECUTE FUNCTION dsc_notify_requests();

-- The dashboard's year figures: requests answered in a year.
CREATE INDEX requests_by_answered ON requests (answered_on)
  WHERE answered_on IS NOT NULL;

-- Section 六 counts the fees paid in a year, from the fee-paid events.
CREATE INDEX request_events_fee_paid ON request_events (on_date)
  WHERE action = 'fee-paid';

-- requests is updated at every transition and its partial indexes on the
-- open requests are read by every sweep: vacuum it early, or those hot
-- indexes fill with dead entries within seconds under load (issue 5).
ALTER TABLE requests SET (
  autovacuum_vacuum_scale_factor = 0.01,
  autovacuum_vacuum_insert_scale_factor = 0.01,
  autovacuum_analyze_scale_factor = 0.01,
  autovacuum_vacuum_cost_delay = 0
);
