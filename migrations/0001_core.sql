-- disclose 0001: agencies, staff, requests (the snapshot), request events
-- (the append-only history) and appeals.
--
-- Applied by `disclose migrate` in one transaction; recorded with its
-- SHA-256 in dsc_schema_migrations. Never edit an applied migration: add a
-- new file.

CREATE TABLE agencies (
  id         bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  code       text NOT NULL UNIQUE CHECK (code ~ '^[A-Za-z0-9_.-]{1,64}$'),
  name       text NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
  created_at timestamptz NOT NULL DEFAULT now()
);

-- Roles (CONTRACT §4). `system` is the internal actor that applies lapses;
-- it cannot be granted with `staff add`.
CREATE TABLE staff (
  login      text PRIMARY KEY CHECK (login ~ '^[A-Za-z0-9_.-]{1,64}$'),
  name       text NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
  roles      text[] NOT NULL
             CHECK (roles <@ ARRAY['clerk', 'handler', 'reviewer', 'supervisor',
                                   'admin', 'system']::text[]),
  active     boolean NOT NULL DEFAULT true,
  created_at timestamptz NOT NULL DEFAULT now()
);

-- The current snapshot of each request: an index over its events, rebuilt
-- and checked by `disclose verify` (DESIGN principle 2). version equals the
-- seq of the request's last event.
CREATE TABLE requests (
  id               bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  agency_id        bigint NOT NULL REFERENCES agencies,
  version          integer NOT NULL CHECK (version >= 1),
  state            text NOT NULL CHECK (state IN ('received', 'assigned',
                     'drafted', 'reviewed', 'answered', 'published',
                     'withdrawn')),
  hold             text CHECK (hold IN ('supplement', 'third_party',
                     'other_agency', 'fee')),
  hold_since       date,
  hold_lapses_on   date,
  channel          text NOT NULL CHECK (channel IN ('in_person', 'post',
                     'online', 'fax')),
  form             text CHECK (form IN ('paper', 'electronic')),
  received_on      date NOT NULL,
  clock_start      date NOT NULL,
  applicant_type   text NOT NULL CHECK (applicant_type IN ('natural_person',
                     'commercial', 'research', 'public_interest',
                     'legal_services', 'other_org')),
  applicant_name   text NOT NULL,
  applicant_id_number text,
  applicant_phone  text,
  applicant_email  text,
  applicant_address text,
  description      text NOT NULL,
  idempotency_key  text,
  assignee         text REFERENCES staff,
  drafter          text REFERENCES staff,
  outcome          text,
  answered_on      date,
  closed_on        date,
  published_url    text,
  -- Deadline columns, derived from the events and the calendar (DESIGN
  -- principle 6); kept here so indexes can find what is due.
  due_on           date,
  extended_days    integer NOT NULL DEFAULT 0,
  paused_workdays  integer NOT NULL DEFAULT 0,
  supplement_notice_due_on date,
  created_at       timestamptz NOT NULL DEFAULT now(),
  updated_at       timestamptz NOT NULL DEFAULT now(),
  UNIQUE (agency_id, idempotency_key),
  CHECK ((hold IS NULL) = (hold_since IS NULL))
);

CREATE INDEX requests_open_by_state ON requests (state)
  WHERE state IN ('received', 'assigned', 'drafted', 'reviewed');
CREATE INDEX requests_open_by_due ON requests (due_on)
  WHERE state IN ('received', 'assigned', 'drafted', 'reviewed');
CREATE INDEX requests_open_by_assignee ON requests (assignee)
  WHERE state IN ('received', 'assigned', 'drafted', 'reviewed');
CREATE INDEX requests_by_agency_received ON requests (agency_id, received_on);

-- The history: one row per action, never changed (DESIGN principle 2).
CREATE TABLE request_events (
  request_id bigint NOT NULL REFERENCES requests,
  seq        integer NOT NULL CHECK (seq >= 1),
  action     text NOT NULL,
  state      text NOT NULL,
  actor      text NOT NULL REFERENCES staff,
  on_date    date NOT NULL,
  at         timestamptz NOT NULL DEFAULT now(),
  payload    jsonb NOT NULL DEFAULT '{}',
  PRIMARY KEY (request_id, seq)
);

CREATE FUNCTION dsc_refuse_event_change() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'request_events is append-only: % refused', TG_OP
    USING ERRCODE = 'insufficient_privilege';
END;
$$;

CREATE TRIGGER request_events_append_only
  BEFORE UPDATE OR DELETE ON request_events
  FOR EACH ROW EXECUTE FUNCTION dsc_refuse_event_change();
CREATE TRIGGER request_events_no_truncate
  BEFORE TRUNCATE ON request_events
  FOR EACH STATEMENT EXECUTE FUNCTION dsc_refuse_event_change();

-- Reconsideration and litigation over a request (annual report section 四).
CREATE TABLE appeals (
  id         bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  request_id bigint NOT NULL REFERENCES requests,
  kind       text NOT NULL CHECK (kind IN ('reconsideration',
               'litigation_direct', 'litigation_after_reconsideration')),
  filed_on   date NOT NULL,
  result     text CHECK (result IN ('upheld', 'corrected', 'other')),
  decided_on date,
  created_at timestamptz NOT NULL DEFAULT now(),
  CHECK ((result IS NULL) = (decided_on IS NULL)),
  CHECK (decided_on IS NULL OR decided_on >= filed_on)
);
CREATE INDEX appeals_by_request ON appeals (request_id);

INSERT INTO agencies (code, name) VALUES ('default', '本机关');
INSERT INTO staff (login, name, roles) VALUES
  ('admin', '管理员', ARRAY['admin', 'supervisor']),
  ('system', '系统', ARRAY['system']);
