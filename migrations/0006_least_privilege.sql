-- disclose 0006: least privilege (issue 6). Migrations run as the schema's
-- owner; the engine connects as a role that is a member of disclose_app,
-- which may read and write what the workflow needs and nothing more: it
-- cannot alter the schema, cannot UPDATE, DELETE or TRUNCATE the history
-- (request_events) or the stored annual reports, and cannot disable their
-- triggers (only an owner can). Roles and four-eyes are enforced by the
-- engine; the database guarantees that even a client connecting directly
-- with the application role cannot rewrite what happened.
--
-- disclose_app is a cluster-wide group role without LOGIN, created here if
-- missing (the owner then needs CREATEROLE; a DBA may create it first).
-- ops/up adds the login role the engine uses (docs/operations.md).

DO $$
BEGIN
  IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'disclose_app') THEN
    CREATE ROLE disclose_app NOLOGIN;
  END IF;
END;
$$;

REVOKE ALL ON ALL TABLES IN SCHEMA public FROM PUBLIC;
REVOKE CREATE ON SCHEMA public FROM PUBLIC;
GRANT USAGE ON SCHEMA public TO disclose_app;

GRANT SELECT, INSERT ON agencies, staff TO disclose_app;
GRANT SELECT, INSERT, UPDATE ON requests, appeals TO disclose_app;
GRANT SELECT, INSERT ON request_events TO disclose_app;
GRANT SELECT, INSERT, UPDATE, DELETE ON calendar_days TO disclose_app;
GRANT SELECT, INSERT, UPDATE ON calendar_years TO disclose_app;
GRANT SELECT, UPDATE ON calendar_state TO disclose_app;
GRANT SELECT, INSERT ON annual_reports, annual_report_items TO disclose_app;
GRANT SELECT ON dsc_schema_migrations TO disclose_app;
GRANT USAGE ON ALL SEQUENCES IN SCHEMA public TO disclose_app;
