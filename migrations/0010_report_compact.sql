-- disclose 0010: the annual report reads only the requests of its year,
-- from indexes alone, and stores its classification compactly (issue 5).

-- A request counts in year Y when received in Y, or received before Y and
-- still open on 1 January of Y (carried in). Three index ranges find
-- exactly those rows (engine/sql.c, DSC_SQL_REPORT_CLASSES); each index
-- carries every column the report reads, so the scans are index-only and
-- never touch the table.
--
-- Received in the year: the agency's requests by date of receipt. It
-- replaces requests_by_agency_received, which has the same key, so that
-- writers maintain one index here and not two.
CREATE INDEX requests_report_received ON requests (agency_id, received_on)
  INCLUDE (closed_on, id, applicant_type, outcome);
DROP INDEX requests_by_agency_received;
-- Carried in and still open: the open requests by date of receipt.
CREATE INDEX requests_report_open ON requests (agency_id, received_on)
  INCLUDE (id, applicant_type)
  WHERE closed_on IS NULL;
-- Carried in and closed since: only requests closed in a later calendar
-- year than they were received (a few per cent of all), by closing date.
CREATE INDEX requests_report_spanning ON requests (agency_id, closed_on)
  INCLUDE (received_on, id, applicant_type, outcome)
  WHERE closed_on IS NOT NULL
    AND extract(year FROM closed_on) > extract(year FROM received_on);

-- How each request was counted in one compilation, one row per class (the
-- columns of annual_report_items but request_id) with the ids of its
-- requests, instead of one row per request: a year of a million requests
-- is a few dozen rows. Compilations stored before this migration keep
-- their annual_report_items; each compilation has rows in one of the two
-- tables (none when its year was empty), and `annual-report --diff` reads
-- both. A class may have more than one row: the index ranges above, and
-- outcomes the report does not count (of requests not closed in the year),
-- are aggregated apart.
-- request_count and id_hash (the sum of hashint8extended(id, 0) over the
-- ids) let a comparison skip a row whose twin in the other compilation
-- holds the same requests without unpacking either.
CREATE TABLE annual_report_groups (
  report_id      bigint NOT NULL REFERENCES annual_reports ON DELETE CASCADE,
  applicant_type text NOT NULL,
  is_new         boolean NOT NULL,
  carried_in     boolean NOT NULL,
  outcome        text,
  carried_out    boolean NOT NULL,
  request_count  bigint NOT NULL
                 CHECK (request_count = cardinality(request_ids)),
  id_hash        numeric NOT NULL,
  request_ids    bigint[] NOT NULL CHECK (cardinality(request_ids) > 0)
);
CREATE INDEX annual_report_groups_by_report ON annual_report_groups
  (report_id);
-- Out of line and uncompressed: pglz took 0.7–1.3 s to shrink a year's
-- 8 MB of ids by a fifth (issue 5).
ALTER TABLE annual_report_groups ALTER COLUMN request_ids SET STORAGE EXTERNAL;

COMMENT ON COLUMN annual_reports.source_digest IS
  'md5 of the classification the report was compiled from: before 0010 of '
  'every request''s line in id order, since of each class''s line (its '
  'count and the sum of hashint8extended(id, 0) over its requests)';

-- History, like the other compilation tables.
CREATE TRIGGER annual_report_groups_append_only
  BEFORE UPDATE OR DELETE ON annual_report_groups
  FOR EACH ROW EXECUTE FUNCTION dsc_refuse_event_change();

GRANT SELECT, INSERT ON annual_report_groups TO disclose_app;
