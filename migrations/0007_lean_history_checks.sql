-- disclose 0007: the history's integrity checks, done where they are cheap
-- (issue 5).
--
-- Every event was checked by two foreign keys (its request, its actor).
-- PostgreSQL runs a foreign key as a separate query per inserted row that
-- also locks the referenced row FOR KEY SHARE: measured on the intake
-- statement, the two cost about a fifth of its server time, and every
-- event of every request locks the one `system` staff row, so concurrent
-- writers (the daemons, the CLI) share its lock through MultiXacts.
--
-- The chain trigger already reads, for every event, the row its link
-- depends on. It now also refuses what the foreign keys refused — an event
-- whose request or actor does not exist — and more: an event whose
-- predecessor (seq - 1) is missing, so the history is contiguous by
-- construction. Rows that events depend on can no longer disappear:
-- requests and staff refuse DELETE and TRUNCATE (the engine's role never
-- had the privilege; now not even the owner removes them by mistake).
-- The hashes are computed exactly as before (0005), so `disclose verify`
-- reads old and new events alike.

CREATE OR REPLACE FUNCTION dsc_chain_event() RETURNS trigger
LANGUAGE plpgsql AS $$
DECLARE
  prev text;
BEGIN
  IF NEW.seq = 1 THEN
    PERFORM FROM requests WHERE id = NEW.request_id;
    IF NOT FOUND THEN
      RAISE EXCEPTION 'event % of request %: no such request', NEW.seq,
        NEW.request_id USING ERRCODE = 'foreign_key_violation';
    END IF;
  ELSE
    SELECT e.hash INTO prev FROM request_events e
     WHERE e.request_id = NEW.request_id AND e.seq = NEW.seq - 1;
    IF NOT FOUND THEN
      RAISE EXCEPTION 'event % of request %: event % is missing', NEW.seq,
        NEW.request_id, NEW.seq - 1 USING ERRCODE = 'foreign_key_violation';
    END IF;
  END IF;
  PERFORM FROM staff WHERE login = NEW.actor;
  IF NOT FOUND THEN
    RAISE EXCEPTION 'event % of request %: no staff member %', NEW.seq,
      NEW.request_id, NEW.actor USING ERRCODE = 'foreign_key_violation';
  END IF;
  NEW.hash := dsc_event_hash(prev, NEW.request_id, NEW.seq, NEW.action,
    NEW.state, NEW.actor, NEW.on_date, NEW.at, NEW.payload);
  RETURN NEW;
END;
$$;

ALTER TABLE request_events
  DROP CONSTRAINT request_events_request_id_fkey,
  DROP CONSTRAINT request_events_actor_fkey;

CREATE FUNCTION dsc_refuse_removal() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION '% rows are never removed (the history refers to them): % refused',
    TG_TABLE_NAME, TG_OP USING ERRCODE = 'insufficient_privilege';
END;
$$;

CREATE TRIGGER requests_never_removed
  BEFORE DELETE ON requests
  FOR EACH ROW EXECUTE FUNCTION dsc_refuse_removal();
CREATE TRIGGER requests_never_truncated
  BEFORE TRUNCATE ON requests
  FOR EACH STATEMENT EXECUTE FUNCTION dsc_refuse_removal();
CREATE TRIGGER staff_never_removed
  BEFORE DELETE ON staff
  FOR EACH ROW EXECUTE FUNCTION dsc_refuse_removal();
CREATE TRIGGER staff_never_truncated
  BEFORE TRUNCATE ON staff
  FOR EACH STATEMENT EXECUTE FUNCTION dsc_refuse_removal();
