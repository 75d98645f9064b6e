-- 0020: what an agency's letters say of it (issue 14, part 5).
--
-- Every 答复书 and 告知书 carries the agency's full name as its heading,
-- its document number (文号) built on the agency's short name, the address,
-- telephone and contact person where set, the seal caption, and — in the
-- remedy notice of every answer — the reconsideration body and the court
-- (《行政复议法》2023 第二十条、第二十三条; 《行政诉讼法》第四十六条;
-- docs/letters.md), and the fee notice how to pay (109号). A letter is refused naming a setting it needs and the
-- agency lacks, never printed with a blank, so each is NULL until an admin
-- sets it. One setting per call, like the other agency settings (0012,
-- 0019), through the function below.

ALTER TABLE agencies
  ADD COLUMN full_name text CHECK (length(full_name) BETWEEN 1 AND 200),
  ADD COLUMN short_name text CHECK (length(short_name) BETWEEN 1 AND 200),
  ADD COLUMN address text CHECK (length(address) BETWEEN 1 AND 200),
  ADD COLUMN phone text CHECK (length(phone) BETWEEN 1 AND 200),
  ADD COLUMN contact text CHECK (length(contact) BETWEEN 1 AND 200),
  ADD COLUMN seal_caption text CHECK (length(seal_caption) BETWEEN 1 AND 200),
  ADD COLUMN reconsideration_body text
    CHECK (length(reconsideration_body) BETWEEN 1 AND 200),
  ADD COLUMN court text CHECK (length(court) BETWEEN 1 AND 200),
  ADD COLUMN fee_payment text CHECK (length(fee_payment) BETWEEN 1 AND 200);
GRANT UPDATE (full_name, short_name, address, phone, contact, seal_caption,
              reconsideration_body, court, fee_payment)
  ON agencies TO disclose_writer;

-- `agency set CODE --<setting> VALUE` (admins only): sets one letter
-- setting. Nothing back: no such agency. An unknown setting is refused by
-- name; the engine refuses it first, this is the database's own word.
CREATE FUNCTION dsc_w_agency_set_letter(text, text, text, text)
RETURNS TABLE (id bigint, code text, name text, setting text, value text)
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, public, pg_temp AS $$
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
$$;
ALTER FUNCTION dsc_w_agency_set_letter(text, text, text, text) OWNER TO disclose_writer;
REVOKE ALL ON FUNCTION dsc_w_agency_set_letter(text, text, text, text) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION dsc_w_agency_set_letter(text, text, text, text) TO disclose_staff;
