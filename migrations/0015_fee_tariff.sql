-- disclose 0015: fees only by the tariff (issue 12, point 3).
--
-- 国办函〔2020〕109号 Art. 4 charges by "同一申请人一个自然月内累计申请"
-- — the same applicant's applications in a calendar month. Until now an
-- applicant without an identity number was matched by type and name, so ten
-- applications by one 张伟 made another 张伟's first one his 11th, at
-- 100 yuan. A name does not identify anyone: the same applicant is now the
-- same identity number (resident identity number or unified social credit
-- code) only, and an applicant without one is not counted at all — the
-- function answers 0, which the engine reads as "cannot be established"
-- (DSC_FEE_ORDINAL_UNKNOWN): no fee by count may be charged
-- (docs/statutes.md D14).
--
-- The function keeps everything else of 0012: the agency, the calendar
-- month of received_on, the (received_on, id) order, withdrawn requests
-- counted, and the writer's rights, so a handler's quote counts the
-- applications assigned to others that row security hides from them.
-- CREATE OR REPLACE keeps the owner and the grants; they are restated so
-- that this file alone says what the function is.

CREATE OR REPLACE FUNCTION dsc_applicant_ordinal(bigint) RETURNS bigint
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = pg_catalog, public, pg_temp AS $$
  -- 0 when request $1 has no identity number (or does not exist): the
  -- WHERE leaves no row, and count(*) of none is 0. Otherwise at least 1,
  -- the request itself.
  SELECT count(*) FROM requests r JOIN requests o
    ON o.agency_id = r.agency_id
   AND o.applicant_id_number = r.applicant_id_number
   AND o.received_on >= date_trunc('month', r.received_on)::date
   AND (o.received_on, o.id) <= (r.received_on, r.id)
  WHERE r.id = $1 AND r.applicant_id_number IS NOT NULL
$$;
ALTER FUNCTION dsc_applicant_ordinal(bigint) OWNER TO disclose_writer;
REVOKE ALL ON FUNCTION dsc_applicant_ordinal(bigint) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION dsc_applicant_ordinal(bigint) TO disclose_staff,
  disclose_app;
