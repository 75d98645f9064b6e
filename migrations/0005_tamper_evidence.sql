-- disclose 0005: tamper evidence (issue 6). Each event carries the SHA-256
-- of its content chained to the previous event of its request, so that a
-- rewritten, removed or reordered event breaks every later link, and
-- `disclose verify` names the first break.
--
-- What is hashed: the previous event's hash ('' for seq 1), then request_id,
-- seq, action, state, actor, on_date, the recording time in microseconds
-- since 1970 (time-zone independent) and the payload in jsonb's canonical
-- text, joined by '|'. The database computes it, in a trigger, so every
-- writer — the engine or anyone with INSERT — produces the same chain.
-- A chain proves integrity against edits of stored rows; against someone
-- who may also recompute every later hash (the table's owner), publish or
-- archive the newest hashes elsewhere (docs/operations.md).

CREATE FUNCTION dsc_event_hash(prev text, request_id bigint, seq integer,
                               action text, state text, actor text,
                               on_date date, at timestamptz, payload jsonb)
RETURNS text LANGUAGE sql STABLE AS $$
  SELECT encode(sha256(convert_to(concat_ws('|', coalesce(prev, ''),
    request_id::text, seq::text, action, state, actor,
    to_char(on_date, 'YYYY-MM-DD'),
    ((extract(epoch FROM at) * 1000000)::bigint)::text,
    payload::text), 'UTF8')), 'hex')
$$;

ALTER TABLE request_events ADD COLUMN hash text;

CREATE FUNCTION dsc_chain_event() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  NEW.hash := dsc_event_hash(
    (SELECT e.hash FROM request_events e
      WHERE e.request_id = NEW.request_id AND e.seq = NEW.seq - 1),
    NEW.request_id, NEW.seq, NEW.action, NEW.state, NEW.actor, NEW.on_date,
    NEW.at, NEW.payload);
  RETURN NEW;
END;
$$;

-- Chain the history already recorded, seq by seq (each link needs the one
-- before it). The append-only trigger is off only inside this migration's
-- transaction.
ALTER TABLE request_events DISABLE TRIGGER request_events_append_only;
DO $$
DECLARE
  s integer;
BEGIN
  FOR s IN 1 .. coalesce((SELECT max(seq) FROM request_events), 0) LOOP
    UPDATE request_events e
       SET hash = dsc_event_hash(
             (SELECT p.hash FROM request_events p
               WHERE p.request_id = e.request_id AND p.seq = s - 1),
             e.request_id, e.seq, e.action, e.state, e.actor, e.on_date,
             e.at, e.payload)
     WHERE e.seq = s;
  END LOOP;
END;
$$;
ALTER TABLE request_events ENABLE TRIGGER request_events_append_only;

ALTER TABLE request_events ALTER COLUMN hash SET NOT NULL;

CREATE TRIGGER request_events_chain
  BEFORE INSERT ON request_events
  FOR EACH ROW EXECUTE FUNCTION dsc_chain_event();
