-- 0019: the applicant's reply window is the agency's setting (issue 12.2).
--
-- Art. 30 asks for "合理的补正期限" and names no figure; the engine's
-- default was 15 working days for every agency. Each agency now sets its
-- own default, 5–60 working days (the bounds a notice may give anyway,
-- docs/statutes.md D1), used by request-supplement and require-reasons
-- (Art. 35) when the notice names none. An admin's act, through the
-- function below, like the backdating window of 0012.

ALTER TABLE agencies ADD COLUMN supplement_reply_days integer NOT NULL
  DEFAULT 15 CHECK (supplement_reply_days BETWEEN 5 AND 60);
GRANT UPDATE (supplement_reply_days) ON agencies TO disclose_writer;

CREATE FUNCTION dsc_w_agency_set_supplement(text, int, text)
RETURNS TABLE (id bigint, code text, name text, supplement_reply_days int)
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, public, pg_temp AS $$
BEGIN
  PERFORM dsc_require_role($3, ARRAY['admin'], 'agency set');
  RETURN QUERY UPDATE agencies AS a SET supplement_reply_days = $2
    WHERE a.code = $1
    RETURNING a.id, a.code, a.name, a.supplement_reply_days;
END;
$$;
ALTER FUNCTION dsc_w_agency_set_supplement(text, int, text) OWNER TO disclose_writer;
REVOKE ALL ON FUNCTION dsc_w_agency_set_supplement(text, int, text) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION dsc_w_agency_set_supplement(text, int, text) TO disclose_staff;
