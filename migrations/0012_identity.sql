-- disclose 0012: identity and least privilege (issue 11).
--
-- The database is the trust root (DESIGN "Round 2"). Before this migration
-- the actor of an event was whatever login the caller typed, and the roles
-- and four-eyes were checked by the C engine only: anyone with the engine's
-- credentials could append a review by the drafter, rewrite what an
-- applicant applied for, insert a staff row or delete calendar days. Now:
--
-- * Who is connected decides who acts. A staff member connects as their own
--   login role (peer authentication on the socket, SCRAM over TCP), a
--   member of disclose_staff; the actor of their events is session_user.
--   The daemon's role (a member of disclose_app) records only the `system`
--   actor's actions. The operator — connected as the schema's owner or a
--   superuser — may act for any staff member; each such event carries
--   "operator": <role> in its payload (hashed into the chain like the rest).
-- * No login role writes a table. Every write is a SECURITY DEFINER function
--   (dsc_w_*) owned by disclose_writer (or, for staff accounts,
--   disclose_roles), roles that cannot log in.
-- * Triggers check every change of a request against the transition table
--   kept here (dsc_machine_rule, dsc_machine_step: generated from
--   engine/machine.c by tests/tools/machine_sql.c and compared with it by
--   tests/integration/test_identity.sh): the actor's roles, the assignee
--   rule, four-eyes, the state and hold before and after, the outcome, and
--   what an application said, which never changes. Each event must be the
--   record of exactly the checked change of its request.
-- * The business date (`--on`) may lie at most agencies.backdate_workdays
--   working days before the server's date (default 3); further back needs a
--   supervisor and a reason (payload "backdate_reason"). Never after it.
--   The operator's replays and data migrations are exempt, and marked.
-- * Staff roles have a history (staff_history), so `verify` can ask who
--   could have done something at the time.
--
-- Cluster-wide roles are created here when missing; the migrating role
-- needs CREATEROLE (a superuser has it) — docs/operations.md.

DO $$
DECLARE
  r text;
BEGIN
  FOREACH r IN ARRAY ARRAY['disclose_staff', 'disclose_clerk',
      'disclose_handler', 'disclose_reviewer', 'disclose_supervisor',
      'disclose_admin', 'disclose_writer', 'disclose_roles'] LOOP
    IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = r) THEN
      EXECUTE format('CREATE ROLE %I NOLOGIN', r);
    END IF;
  END LOOP;
END;
$$;
-- disclose_roles creates, disables and re-roles staff logins (and ends a
-- disabled member's sessions); nothing else has CREATEROLE. Roles are
-- shared by the cluster's databases: each is changed only when it is not
-- as wanted yet, so that databases migrated side by side do not update the
-- same role at once.
DO $$
BEGIN
  IF NOT (SELECT rolcreaterole FROM pg_roles WHERE rolname = 'disclose_roles') THEN
    ALTER ROLE disclose_roles CREATEROLE;
  END IF;
  IF NOT pg_has_role('disclose_roles', 'pg_signal_backend', 'MEMBER') THEN
    GRANT pg_signal_backend TO disclose_roles;
  END IF;
END;
$$;

-- ---- What the triggers need ------------------------------------------------

-- The change an event records: set by the write functions with the new
-- snapshot, checked by dsc_guard_request, matched by the event.
ALTER TABLE requests ADD COLUMN last_action text,
                     ADD COLUMN last_actor text,
                     ADD COLUMN last_on date;

-- How far back a staff member may date an action (working days).
ALTER TABLE agencies ADD COLUMN backdate_workdays integer NOT NULL DEFAULT 3
  CHECK (backdate_workdays BETWEEN 0 AND 60);

-- The server's business date may be pinned by the owner (tests, replays,
-- demonstrations); nobody else can write this table. Empty in production.
CREATE TABLE dsc_clock_override (
  singleton boolean PRIMARY KEY DEFAULT true CHECK (singleton),
  today     date NOT NULL
);

-- Every change of a staff member's roles or status, appended by a trigger.
CREATE TABLE staff_history (
  login      text NOT NULL,
  roles      text[] NOT NULL,
  active     boolean NOT NULL,
  valid_from timestamptz NOT NULL,
  changed_by text NOT NULL,
  PRIMARY KEY (login, valid_from)
);
INSERT INTO staff_history SELECT login, roles, active, '-infinity', 'migration'
  FROM staff;
CREATE TRIGGER staff_history_append_only
  BEFORE UPDATE OR DELETE ON staff_history
  FOR EACH ROW EXECUTE FUNCTION dsc_refuse_event_change();
CREATE TRIGGER staff_history_no_truncate
  BEFORE TRUNCATE ON staff_history
  FOR EACH STATEMENT EXECUTE FUNCTION dsc_refuse_event_change();

-- The state machine (engine/machine.c), as the database checks it. A rule
-- per action; a step per (action, state and hold before, state and hold
-- after). outcome_effect: keep, set (to outcome), clear, or chosen (the
-- drafter's choice, checked by the draft_outcome guard).
CREATE TABLE dsc_machine_rule (
  action text PRIMARY KEY,
  roles  text[] NOT NULL,
  who    text NOT NULL CHECK (who IN ('any', 'assignee',
           'assignee_or_supervisor')),
  guard  text NOT NULL CHECK (guard IN ('none', 'target_handler',
           'draft_outcome', 'four_eyes', 'publishable'))
);
CREATE TABLE dsc_machine_step (
  action         text NOT NULL REFERENCES dsc_machine_rule,
  from_state     text NOT NULL,
  from_hold      text NOT NULL,
  to_state       text NOT NULL,
  to_hold        text NOT NULL,
  outcome_effect text NOT NULL CHECK (outcome_effect IN ('keep', 'set',
                   'clear', 'chosen')),
  outcome        text,
  PRIMARY KEY (action, from_state, from_hold, to_state, to_hold)
);

-- Generated by `build/bin/machine_sql sql` (tests/tools/machine_sql.c).
INSERT INTO dsc_machine_rule (action, roles, who, guard) VALUES
  ('submit', '{clerk,supervisor}', 'any', 'none'),
  ('assign', '{clerk,supervisor}', 'any', 'target_handler'),
  ('draft', '{handler}', 'assignee', 'draft_outcome'),
  ('review', '{reviewer}', 'any', 'four_eyes'),
  ('answer', '{clerk,supervisor}', 'any', 'none'),
  ('publish', '{clerk,supervisor}', 'any', 'publishable'),
  ('withdraw', '{clerk,supervisor}', 'any', 'none'),
  ('request-supplement', '{handler,supervisor}', 'assignee_or_supervisor', 'none'),
  ('supplement-received', '{handler,supervisor}', 'assignee_or_supervisor', 'none'),
  ('consult-third-party', '{handler,supervisor}', 'assignee_or_supervisor', 'none'),
  ('third-party-replied', '{handler,supervisor}', 'assignee_or_supervisor', 'none'),
  ('consult-agency', '{handler,supervisor}', 'assignee_or_supervisor', 'none'),
  ('agency-replied', '{handler,supervisor}', 'assignee_or_supervisor', 'none'),
  ('fee-notice', '{handler,supervisor}', 'assignee_or_supervisor', 'none'),
  ('fee-paid', '{handler,supervisor}', 'assignee_or_supervisor', 'none'),
  ('extend', '{supervisor}', 'any', 'none'),
  ('lapse', '{system}', 'any', 'none'),
  ('escalate', '{system}', 'any', 'none'),
  ('deadline-moved', '{system}', 'any', 'none'),
  ('appeal', '{clerk,supervisor}', 'any', 'none'),
  ('appeal-decided', '{clerk,supervisor}', 'any', 'none');

INSERT INTO dsc_machine_step (action, from_state, from_hold, to_state, to_hold, outcome_effect, outcome) VALUES
  ('submit', 'none', 'none', 'received', 'none', 'keep', NULL),
  ('submit', 'none', 'supplement', 'received', 'supplement', 'keep', NULL),
  ('submit', 'none', 'third_party', 'received', 'third_party', 'keep', NULL),
  ('submit', 'none', 'other_agency', 'received', 'other_agency', 'keep', NULL),
  ('submit', 'none', 'fee', 'received', 'fee', 'keep', NULL),
  ('assign', 'received', 'none', 'assigned', 'none', 'keep', NULL),
  ('assign', 'received', 'supplement', 'assigned', 'supplement', 'keep', NULL),
  ('assign', 'received', 'third_party', 'assigned', 'third_party', 'keep', NULL),
  ('assign', 'received', 'other_agency', 'assigned', 'other_agency', 'keep', NULL),
  ('assign', 'received', 'fee', 'assigned', 'fee', 'keep', NULL),
  ('assign', 'assigned', 'none', 'assigned', 'none', 'keep', NULL),
  ('assign', 'assigned', 'supplement', 'assigned', 'supplement', 'keep', NULL),
  ('assign', 'assigned', 'third_party', 'assigned', 'third_party', 'keep', NULL),
  ('assign', 'assigned', 'other_agency', 'assigned', 'other_agency', 'keep', NULL),
  ('assign', 'assigned', 'fee', 'assigned', 'fee', 'keep', NULL),
  ('draft', 'assigned', 'none', 'drafted', 'none', 'chosen', NULL),
  ('draft', 'assigned', 'supplement', 'drafted', 'supplement', 'chosen', NULL),
  ('draft', 'assigned', 'third_party', 'drafted', 'third_party', 'chosen', NULL),
  ('draft', 'assigned', 'other_agency', 'drafted', 'other_agency', 'chosen', NULL),
  ('draft', 'assigned', 'fee', 'drafted', 'fee', 'chosen', NULL),
  ('review', 'drafted', 'none', 'reviewed', 'none', 'keep', NULL),
  ('review', 'drafted', 'none', 'assigned', 'none', 'clear', NULL),
  ('review', 'drafted', 'supplement', 'reviewed', 'supplement', 'keep', NULL),
  ('review', 'drafted', 'supplement', 'assigned', 'supplement', 'clear', NULL),
  ('review', 'drafted', 'third_party', 'reviewed', 'third_party', 'keep', NULL),
  ('review', 'drafted', 'third_party', 'assigned', 'third_party', 'clear', NULL),
  ('review', 'drafted', 'other_agency', 'reviewed', 'other_agency', 'keep', NULL),
  ('review', 'drafted', 'other_agency', 'assigned', 'other_agency', 'clear', NULL),
  ('review', 'drafted', 'fee', 'reviewed', 'fee', 'keep', NULL),
  ('review', 'drafted', 'fee', 'assigned', 'fee', 'clear', NULL),
  ('answer', 'reviewed', 'none', 'answered', 'none', 'keep', NULL),
  ('publish', 'answered', 'none', 'published', 'none', 'keep', NULL),
  ('publish', 'answered', 'supplement', 'published', 'supplement', 'keep', NULL),
  ('publish', 'answered', 'third_party', 'published', 'third_party', 'keep', NULL),
  ('publish', 'answered', 'other_agency', 'published', 'other_agency', 'keep', NULL),
  ('publish', 'answered', 'fee', 'published', 'fee', 'keep', NULL),
  ('withdraw', 'received', 'none', 'withdrawn', 'none', 'set', 'other.other'),
  ('withdraw', 'received', 'supplement', 'withdrawn', 'none', 'set', 'other.other'),
  ('withdraw', 'received', 'third_party', 'withdrawn', 'none', 'set', 'other.other'),
  ('withdraw', 'received', 'other_agency', 'withdrawn', 'none', 'set', 'other.other'),
  ('withdraw', 'received', 'fee', 'withdrawn', 'none', 'set', 'other.other'),
  ('withdraw', 'assigned', 'none', 'withdrawn', 'none', 'set', 'other.other'),
  ('withdraw', 'assigned', 'supplement', 'withdrawn', 'none', 'set', 'other.other'),
  ('withdraw', 'assigned', 'third_party', 'withdrawn', 'none', 'set', 'other.other'),
  ('withdraw', 'assigned', 'other_agency', 'withdrawn', 'none', 'set', 'other.other'),
  ('withdraw', 'assigned', 'fee', 'withdrawn', 'none', 'set', 'other.other'),
  ('withdraw', 'drafted', 'none', 'withdrawn', 'none', 'set', 'other.other'),
  ('withdraw', 'drafted', 'supplement', 'withdrawn', 'none', 'set', 'other.other'),
  ('withdraw', 'drafted', 'third_party', 'withdrawn', 'none', 'set', 'other.other'),
  ('withdraw', 'drafted', 'other_agency', 'withdrawn', 'none', 'set', 'other.other'),
  ('withdraw', 'drafted', 'fee', 'withdrawn', 'none', 'set', 'other.other'),
  ('withdraw', 'reviewed', 'none', 'withdrawn', 'none', 'set', 'other.other'),
  ('withdraw', 'reviewed', 'supplement', 'withdrawn', 'none', 'set', 'other.other'),
  ('withdraw', 'reviewed', 'third_party', 'withdrawn', 'none', 'set', 'other.other'),
  ('withdraw', 'reviewed', 'other_agency', 'withdrawn', 'none', 'set', 'other.other'),
  ('withdraw', 'reviewed', 'fee', 'withdrawn', 'none', 'set', 'other.other'),
  ('request-supplement', 'received', 'none', 'received', 'supplement', 'keep', NULL),
  ('request-supplement', 'assigned', 'none', 'assigned', 'supplement', 'keep', NULL),
  ('request-supplement', 'drafted', 'none', 'drafted', 'supplement', 'keep', NULL),
  ('request-supplement', 'reviewed', 'none', 'reviewed', 'supplement', 'keep', NULL),
  ('supplement-received', 'received', 'supplement', 'received', 'none', 'keep', NULL),
  ('supplement-received', 'assigned', 'supplement', 'assigned', 'none', 'keep', NULL),
  ('supplement-received', 'drafted', 'supplement', 'drafted', 'none', 'keep', NULL),
  ('supplement-received', 'reviewed', 'supplement', 'reviewed', 'none', 'keep', NULL),
  ('consult-third-party', 'received', 'none', 'received', 'third_party', 'keep', NULL),
  ('consult-third-party', 'assigned', 'none', 'assigned', 'third_party', 'keep', NULL),
  ('consult-third-party', 'drafted', 'none', 'drafted', 'third_party', 'keep', NULL),
  ('consult-third-party', 'reviewed', 'none', 'reviewed', 'third_party', 'keep', NULL),
  ('third-party-replied', 'received', 'third_party', 'received', 'none', 'keep', NULL),
  ('third-party-replied', 'assigned', 'third_party', 'assigned', 'none', 'keep', NULL),
  ('third-party-replied', 'drafted', 'third_party', 'drafted', 'none', 'keep', NULL),
  ('third-party-replied', 'reviewed', 'third_party', 'reviewed', 'none', 'keep', NULL),
  ('consult-agency', 'received', 'none', 'received', 'other_agency', 'keep', NULL),
  ('consult-agency', 'assigned', 'none', 'assigned', 'other_agency', 'keep', NULL),
  ('consult-agency', 'drafted', 'none', 'drafted', 'other_agency', 'keep', NULL),
  ('consult-agency', 'reviewed', 'none', 'reviewed', 'other_agency', 'keep', NULL),
  ('agency-replied', 'received', 'other_agency', 'received', 'none', 'keep', NULL),
  ('agency-replied', 'assigned', 'other_agency', 'assigned', 'none', 'keep', NULL),
  ('agency-replied', 'drafted', 'other_agency', 'drafted', 'none', 'keep', NULL),
  ('agency-replied', 'reviewed', 'other_agency', 'reviewed', 'none', 'keep', NULL),
  ('fee-notice', 'received', 'none', 'received', 'fee', 'keep', NULL),
  ('fee-notice', 'assigned', 'none', 'assigned', 'fee', 'keep', NULL),
  ('fee-notice', 'drafted', 'none', 'drafted', 'fee', 'keep', NULL),
  ('fee-notice', 'reviewed', 'none', 'reviewed', 'fee', 'keep', NULL),
  ('fee-paid', 'received', 'fee', 'received', 'none', 'keep', NULL),
  ('fee-paid', 'assigned', 'fee', 'assigned', 'none', 'keep', NULL),
  ('fee-paid', 'drafted', 'fee', 'drafted', 'none', 'keep', NULL),
  ('fee-paid', 'reviewed', 'fee', 'reviewed', 'none', 'keep', NULL),
  ('extend', 'received', 'none', 'received', 'none', 'keep', NULL),
  ('extend', 'received', 'supplement', 'received', 'supplement', 'keep', NULL),
  ('extend', 'received', 'third_party', 'received', 'third_party', 'keep', NULL),
  ('extend', 'received', 'other_agency', 'received', 'other_agency', 'keep', NULL),
  ('extend', 'received', 'fee', 'received', 'fee', 'keep', NULL),
  ('extend', 'assigned', 'none', 'assigned', 'none', 'keep', NULL),
  ('extend', 'assigned', 'supplement', 'assigned', 'supplement', 'keep', NULL),
  ('extend', 'assigned', 'third_party', 'assigned', 'third_party', 'keep', NULL),
  ('extend', 'assigned', 'other_agency', 'assigned', 'other_agency', 'keep', NULL),
  ('extend', 'assigned', 'fee', 'assigned', 'fee', 'keep', NULL),
  ('extend', 'drafted', 'none', 'drafted', 'none', 'keep', NULL),
  ('extend', 'drafted', 'supplement', 'drafted', 'supplement', 'keep', NULL),
  ('extend', 'drafted', 'third_party', 'drafted', 'third_party', 'keep', NULL),
  ('extend', 'drafted', 'other_agency', 'drafted', 'other_agency', 'keep', NULL),
  ('extend', 'drafted', 'fee', 'drafted', 'fee', 'keep', NULL),
  ('extend', 'reviewed', 'none', 'reviewed', 'none', 'keep', NULL),
  ('extend', 'reviewed', 'supplement', 'reviewed', 'supplement', 'keep', NULL),
  ('extend', 'reviewed', 'third_party', 'reviewed', 'third_party', 'keep', NULL),
  ('extend', 'reviewed', 'other_agency', 'reviewed', 'other_agency', 'keep', NULL),
  ('extend', 'reviewed', 'fee', 'reviewed', 'fee', 'keep', NULL),
  ('lapse', 'received', 'supplement', 'withdrawn', 'none', 'set', 'other.no_supplement'),
  ('lapse', 'received', 'third_party', 'received', 'none', 'keep', NULL),
  ('lapse', 'received', 'other_agency', 'received', 'none', 'keep', NULL),
  ('lapse', 'received', 'fee', 'withdrawn', 'none', 'set', 'other.fee_unpaid'),
  ('lapse', 'assigned', 'supplement', 'withdrawn', 'none', 'set', 'other.no_supplement'),
  ('lapse', 'assigned', 'third_party', 'assigned', 'none', 'keep', NULL),
  ('lapse', 'assigned', 'other_agency', 'assigned', 'none', 'keep', NULL),
  ('lapse', 'assigned', 'fee', 'withdrawn', 'none', 'set', 'other.fee_unpaid'),
  ('lapse', 'drafted', 'supplement', 'withdrawn', 'none', 'set', 'other.no_supplement'),
  ('lapse', 'drafted', 'third_party', 'drafted', 'none', 'keep', NULL),
  ('lapse', 'drafted', 'other_agency', 'drafted', 'none', 'keep', NULL),
  ('lapse', 'drafted', 'fee', 'withdrawn', 'none', 'set', 'other.fee_unpaid'),
  ('lapse', 'reviewed', 'supplement', 'withdrawn', 'none', 'set', 'other.no_supplement'),
  ('lapse', 'reviewed', 'third_party', 'reviewed', 'none', 'keep', NULL),
  ('lapse', 'reviewed', 'other_agency', 'reviewed', 'none', 'keep', NULL),
  ('lapse', 'reviewed', 'fee', 'withdrawn', 'none', 'set', 'other.fee_unpaid'),
  ('escalate', 'received', 'none', 'received', 'none', 'keep', NULL),
  ('escalate', 'received', 'supplement', 'received', 'supplement', 'keep', NULL),
  ('escalate', 'received', 'third_party', 'received', 'third_party', 'keep', NULL),
  ('escalate', 'received', 'other_agency', 'received', 'other_agency', 'keep', NULL),
  ('escalate', 'received', 'fee', 'received', 'fee', 'keep', NULL),
  ('escalate', 'assigned', 'none', 'assigned', 'none', 'keep', NULL),
  ('escalate', 'assigned', 'supplement', 'assigned', 'supplement', 'keep', NULL),
  ('escalate', 'assigned', 'third_party', 'assigned', 'third_party', 'keep', NULL),
  ('escalate', 'assigned', 'other_agency', 'assigned', 'other_agency', 'keep', NULL),
  ('escalate', 'assigned', 'fee', 'assigned', 'fee', 'keep', NULL),
  ('escalate', 'drafted', 'none', 'drafted', 'none', 'keep', NULL),
  ('escalate', 'drafted', 'supplement', 'drafted', 'supplement', 'keep', NULL),
  ('escalate', 'drafted', 'third_party', 'drafted', 'third_party', 'keep', NULL),
  ('escalate', 'drafted', 'other_agency', 'drafted', 'other_agency', 'keep', NULL),
  ('escalate', 'drafted', 'fee', 'drafted', 'fee', 'keep', NULL),
  ('escalate', 'reviewed', 'none', 'reviewed', 'none', 'keep', NULL),
  ('escalate', 'reviewed', 'supplement', 'reviewed', 'supplement', 'keep', NULL),
  ('escalate', 'reviewed', 'third_party', 'reviewed', 'third_party', 'keep', NULL),
  ('escalate', 'reviewed', 'other_agency', 'reviewed', 'other_agency', 'keep', NULL),
  ('escalate', 'reviewed', 'fee', 'reviewed', 'fee', 'keep', NULL),
  ('deadline-moved', 'received', 'none', 'received', 'none', 'keep', NULL),
  ('deadline-moved', 'received', 'supplement', 'received', 'supplement', 'keep', NULL),
  ('deadline-moved', 'received', 'third_party', 'received', 'third_party', 'keep', NULL),
  ('deadline-moved', 'received', 'other_agency', 'received', 'other_agency', 'keep', NULL),
  ('deadline-moved', 'received', 'fee', 'received', 'fee', 'keep', NULL),
  ('deadline-moved', 'assigned', 'none', 'assigned', 'none', 'keep', NULL),
  ('deadline-moved', 'assigned', 'supplement', 'assigned', 'supplement', 'keep', NULL),
  ('deadline-moved', 'assigned', 'third_party', 'assigned', 'third_party', 'keep', NULL),
  ('deadline-moved', 'assigned', 'other_agency', 'assigned', 'other_agency', 'keep', NULL),
  ('deadline-moved', 'assigned', 'fee', 'assigned', 'fee', 'keep', NULL),
  ('deadline-moved', 'drafted', 'none', 'drafted', 'none', 'keep', NULL),
  ('deadline-moved', 'drafted', 'supplement', 'drafted', 'supplement', 'keep', NULL),
  ('deadline-moved', 'drafted', 'third_party', 'drafted', 'third_party', 'keep', NULL),
  ('deadline-moved', 'drafted', 'other_agency', 'drafted', 'other_agency', 'keep', NULL),
  ('deadline-moved', 'drafted', 'fee', 'drafted', 'fee', 'keep', NULL),
  ('deadline-moved', 'reviewed', 'none', 'reviewed', 'none', 'keep', NULL),
  ('deadline-moved', 'reviewed', 'supplement', 'reviewed', 'supplement', 'keep', NULL),
  ('deadline-moved', 'reviewed', 'third_party', 'reviewed', 'third_party', 'keep', NULL),
  ('deadline-moved', 'reviewed', 'other_agency', 'reviewed', 'other_agency', 'keep', NULL),
  ('deadline-moved', 'reviewed', 'fee', 'reviewed', 'fee', 'keep', NULL),
  ('appeal', 'received', 'none', 'received', 'none', 'keep', NULL),
  ('appeal', 'received', 'supplement', 'received', 'supplement', 'keep', NULL),
  ('appeal', 'received', 'third_party', 'received', 'third_party', 'keep', NULL),
  ('appeal', 'received', 'other_agency', 'received', 'other_agency', 'keep', NULL),
  ('appeal', 'received', 'fee', 'received', 'fee', 'keep', NULL),
  ('appeal', 'assigned', 'none', 'assigned', 'none', 'keep', NULL),
  ('appeal', 'assigned', 'supplement', 'assigned', 'supplement', 'keep', NULL),
  ('appeal', 'assigned', 'third_party', 'assigned', 'third_party', 'keep', NULL),
  ('appeal', 'assigned', 'other_agency', 'assigned', 'other_agency', 'keep', NULL),
  ('appeal', 'assigned', 'fee', 'assigned', 'fee', 'keep', NULL),
  ('appeal', 'drafted', 'none', 'drafted', 'none', 'keep', NULL),
  ('appeal', 'drafted', 'supplement', 'drafted', 'supplement', 'keep', NULL),
  ('appeal', 'drafted', 'third_party', 'drafted', 'third_party', 'keep', NULL),
  ('appeal', 'drafted', 'other_agency', 'drafted', 'other_agency', 'keep', NULL),
  ('appeal', 'drafted', 'fee', 'drafted', 'fee', 'keep', NULL),
  ('appeal', 'reviewed', 'none', 'reviewed', 'none', 'keep', NULL),
  ('appeal', 'reviewed', 'supplement', 'reviewed', 'supplement', 'keep', NULL),
  ('appeal', 'reviewed', 'third_party', 'reviewed', 'third_party', 'keep', NULL),
  ('appeal', 'reviewed', 'other_agency', 'reviewed', 'other_agency', 'keep', NULL),
  ('appeal', 'reviewed', 'fee', 'reviewed', 'fee', 'keep', NULL),
  ('appeal', 'answered', 'none', 'answered', 'none', 'keep', NULL),
  ('appeal', 'answered', 'supplement', 'answered', 'supplement', 'keep', NULL),
  ('appeal', 'answered', 'third_party', 'answered', 'third_party', 'keep', NULL),
  ('appeal', 'answered', 'other_agency', 'answered', 'other_agency', 'keep', NULL),
  ('appeal', 'answered', 'fee', 'answered', 'fee', 'keep', NULL),
  ('appeal', 'published', 'none', 'published', 'none', 'keep', NULL),
  ('appeal', 'published', 'supplement', 'published', 'supplement', 'keep', NULL),
  ('appeal', 'published', 'third_party', 'published', 'third_party', 'keep', NULL),
  ('appeal', 'published', 'other_agency', 'published', 'other_agency', 'keep', NULL),
  ('appeal', 'published', 'fee', 'published', 'fee', 'keep', NULL),
  ('appeal', 'withdrawn', 'none', 'withdrawn', 'none', 'keep', NULL),
  ('appeal', 'withdrawn', 'supplement', 'withdrawn', 'supplement', 'keep', NULL),
  ('appeal', 'withdrawn', 'third_party', 'withdrawn', 'third_party', 'keep', NULL),
  ('appeal', 'withdrawn', 'other_agency', 'withdrawn', 'other_agency', 'keep', NULL),
  ('appeal', 'withdrawn', 'fee', 'withdrawn', 'fee', 'keep', NULL),
  ('appeal-decided', 'received', 'none', 'received', 'none', 'keep', NULL),
  ('appeal-decided', 'received', 'supplement', 'received', 'supplement', 'keep', NULL),
  ('appeal-decided', 'received', 'third_party', 'received', 'third_party', 'keep', NULL),
  ('appeal-decided', 'received', 'other_agency', 'received', 'other_agency', 'keep', NULL),
  ('appeal-decided', 'received', 'fee', 'received', 'fee', 'keep', NULL),
  ('appeal-decided', 'assigned', 'none', 'assigned', 'none', 'keep', NULL),
  ('appeal-decided', 'assigned', 'supplement', 'assigned', 'supplement', 'keep', NULL),
  ('appeal-decided', 'assigned', 'third_party', 'assigned', 'third_party', 'keep', NULL),
  ('appeal-decided', 'assigned', 'other_agency', 'assigned', 'other_agency', 'keep', NULL),
  ('appeal-decided', 'assigned', 'fee', 'assigned', 'fee', 'keep', NULL),
  ('appeal-decided', 'drafted', 'none', 'drafted', 'none', 'keep', NULL),
  ('appeal-decided', 'drafted', 'supplement', 'drafted', 'supplement', 'keep', NULL),
  ('appeal-decided', 'drafted', 'third_party', 'drafted', 'third_party', 'keep', NULL),
  ('appeal-decided', 'drafted', 'other_agency', 'drafted', 'other_agency', 'keep', NULL),
  ('appeal-decided', 'drafted', 'fee', 'drafted', 'fee', 'keep', NULL),
  ('appeal-decided', 'reviewed', 'none', 'reviewed', 'none', 'keep', NULL),
  ('appeal-decided', 'reviewed', 'supplement', 'reviewed', 'supplement', 'keep', NULL),
  ('appeal-decided', 'reviewed', 'third_party', 'reviewed', 'third_party', 'keep', NULL),
  ('appeal-decided', 'reviewed', 'other_agency', 'reviewed', 'other_agency', 'keep', NULL),
  ('appeal-decided', 'reviewed', 'fee', 'reviewed', 'fee', 'keep', NULL),
  ('appeal-decided', 'answered', 'none', 'answered', 'none', 'keep', NULL),
  ('appeal-decided', 'answered', 'supplement', 'answered', 'supplement', 'keep', NULL),
  ('appeal-decided', 'answered', 'third_party', 'answered', 'third_party', 'keep', NULL),
  ('appeal-decided', 'answered', 'other_agency', 'answered', 'other_agency', 'keep', NULL),
  ('appeal-decided', 'answered', 'fee', 'answered', 'fee', 'keep', NULL),
  ('appeal-decided', 'published', 'none', 'published', 'none', 'keep', NULL),
  ('appeal-decided', 'published', 'supplement', 'published', 'supplement', 'keep', NULL),
  ('appeal-decided', 'published', 'third_party', 'published', 'third_party', 'keep', NULL),
  ('appeal-decided', 'published', 'other_agency', 'published', 'other_agency', 'keep', NULL),
  ('appeal-decided', 'published', 'fee', 'published', 'fee', 'keep', NULL),
  ('appeal-decided', 'withdrawn', 'none', 'withdrawn', 'none', 'keep', NULL),
  ('appeal-decided', 'withdrawn', 'supplement', 'withdrawn', 'supplement', 'keep', NULL),
  ('appeal-decided', 'withdrawn', 'third_party', 'withdrawn', 'third_party', 'keep', NULL),
  ('appeal-decided', 'withdrawn', 'other_agency', 'withdrawn', 'other_agency', 'keep', NULL),
  ('appeal-decided', 'withdrawn', 'fee', 'withdrawn', 'fee', 'keep', NULL);

-- ---- Who is connected ------------------------------------------------------

-- 'operator' (a superuser, or a member of the role owning the schema's
-- tables), 'staff' (an active staff member's own login), 'engine' (a member
-- of disclose_app: the daemon), or 'none'. session_user, not current_user:
-- inside a SECURITY DEFINER function current_user is the function's owner.
-- It runs for every event, twice: a plain SQL function that the planner
-- inlines (no SECURITY DEFINER, no search path of its own: every name is
-- qualified, and whoever calls it may read what it reads).
CREATE FUNCTION dsc_session_kind() RETURNS text
LANGUAGE sql STABLE AS $$
  SELECT CASE
    WHEN (SELECT r.rolsuper FROM pg_catalog.pg_roles r
           WHERE r.rolname = session_user)
      OR pg_catalog.pg_has_role(session_user,
           (SELECT c.relowner FROM pg_catalog.pg_class c
             WHERE c.oid = 'public.requests'::pg_catalog.regclass), 'MEMBER')
      THEN 'operator'
    WHEN pg_catalog.pg_has_role(session_user, 'disclose_staff', 'MEMBER')
      AND EXISTS (SELECT 1 FROM public.staff s
                   WHERE s.login = session_user AND s.active)
      THEN 'staff'
    WHEN pg_catalog.pg_has_role(session_user, 'disclose_app', 'MEMBER')
      THEN 'engine'
    ELSE 'none' END
$$;

-- The same for anyone connected, whatever they may read (`whoami`).
CREATE FUNCTION dsc_whoami() RETURNS text
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = pg_catalog, public, pg_temp AS $$
  SELECT public.dsc_session_kind()
$$;

-- The business date on the server: Asia/Shanghai, unless the owner pinned it.
CREATE FUNCTION dsc_business_today() RETURNS date
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = pg_catalog, public, pg_temp AS $$
  SELECT coalesce((SELECT today FROM dsc_clock_override),
                  (now() AT TIME ZONE 'Asia/Shanghai')::date)
$$;

-- The working days w with d < w <= today (CONTRACT §7's counting), by the
-- calendar's exceptions and the Monday–Friday rule; 9999 when d is more
-- than a year back (only "more than the window" matters).
CREATE FUNCTION dsc_workdays_after(d date, today date) RETURNS integer
LANGUAGE sql STABLE SET search_path = pg_catalog, public, pg_temp AS $$
  SELECT CASE WHEN today - d > 366 THEN 9999 ELSE (
    SELECT count(*)::int FROM generate_series(d + 1, today, interval '1 day') g
    LEFT JOIN calendar_days c ON c.day = g::date
    WHERE coalesce(c.kind = 'workday', extract(isodow FROM g) < 6)) END
$$;

-- Raises insufficient_privilege (exit 5) with a message naming the field.
CREATE FUNCTION dsc_refuse(field text, message text) RETURNS void
LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION '%: %', field, message USING ERRCODE = 'insufficient_privilege';
END;
$$;

-- The roles of `actor` when the connected session may record `action` as
-- that actor; raises otherwise. A staff member acts as themselves; the
-- daemon only as `system`; anyone connected may record the `system`
-- actor's consequences of the calendar (a lapse due before a staff action
-- is applied in the same transaction, dated on its day); only the daemon
-- compiles as `system`; the operator acts for anyone.
CREATE FUNCTION dsc_acting_roles(actor text, action text) RETURNS text[]
LANGUAGE plpgsql STABLE AS $$
DECLARE
  kind text := public.dsc_session_kind();
  r text[];
BEGIN
  IF kind = 'operator'
     OR (kind = 'staff' AND actor = session_user)
     OR (kind IN ('staff', 'engine') AND actor = 'system'
         AND action IN ('lapse', 'escalate', 'deadline-moved', 'clock-stamp'))
     OR (kind = 'engine' AND actor = 'system' AND action = 'compile') THEN
    SELECT s.roles INTO r FROM public.staff s WHERE s.login = actor AND s.active;
    IF NOT FOUND THEN
      PERFORM public.dsc_refuse('actor', format('no active staff member %s', actor));
    END IF;
    RETURN r;
  END IF;
  IF kind = 'none' THEN
    PERFORM public.dsc_refuse('actor', format(
      '%s is not an active staff member of this center', session_user));
  END IF;
  PERFORM public.dsc_refuse('actor', format(
    'connected as %s, which may not act as %s', session_user, actor));
  RETURN NULL;
END;
$$;

-- The same, for an administrative action that needs one of `needed`.
CREATE FUNCTION dsc_require_role(actor text, needed text[], what text)
RETURNS void
LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = pg_catalog, public, pg_temp AS $$
BEGIN
  IF NOT (dsc_acting_roles(actor, what) && needed) THEN
    PERFORM dsc_refuse('role', format('%s needs the role %s', what,
                                      array_to_string(needed, ' or ')));
  END IF;
END;
$$;

-- ---- The guard on every change of a request --------------------------------

CREATE FUNCTION dsc_guard_request() RETURNS trigger
LANGUAGE plpgsql AS $$
DECLARE
  creating boolean := TG_OP = 'INSERT';
  before_state text := CASE WHEN creating THEN 'none' ELSE OLD.state END;
  before_hold text := CASE WHEN creating THEN 'none' ELSE coalesce(OLD.hold, 'none') END;
  old_assignee text := CASE WHEN creating THEN NULL ELSE OLD.assignee END;
  old_drafter text := CASE WHEN creating THEN NULL ELSE OLD.drafter END;
  old_outcome text := CASE WHEN creating THEN NULL ELSE OLD.outcome END;
  r_rule dsc_machine_rule;
  r_step dsc_machine_step;
  roles text[];
BEGIN
  -- Only the owner (and a superuser) writes the table directly: the
  -- operator's data migrations and repairs, trusted like any owner's
  -- (who could disable this trigger) and caught by `verify` and its
  -- anchors if they rewrite what happened. Everyone else writes through
  -- the functions, which run as disclose_writer, and is checked here.
  IF current_user <> 'disclose_writer' THEN
    RETURN NEW;
  END IF;
  IF NOT creating AND NEW.version = OLD.version THEN
    -- A re-derivation that moved no date stamps the calendar generation
    -- (engine/sweep.c); anything else changes only with an event.
    IF (to_jsonb(NEW) - 'calendar_generation' - 'updated_at')
       IS DISTINCT FROM (to_jsonb(OLD) - 'calendar_generation' - 'updated_at') THEN
      PERFORM dsc_refuse('version', 'a request changes only with an event');
    END IF;
    RETURN NEW;
  END IF;
  IF NEW.version <> (CASE WHEN creating THEN 1 ELSE OLD.version + 1 END) THEN
    PERFORM dsc_refuse('version', 'each change is the next version');
  END IF;
  IF NOT creating AND (NEW.id, NEW.agency_id, NEW.channel, NEW.form,
      NEW.received_on, NEW.applicant_type, NEW.applicant_name,
      NEW.applicant_id_number, NEW.applicant_phone, NEW.applicant_email,
      NEW.applicant_address, NEW.description, NEW.idempotency_key,
      NEW.created_at)
     IS DISTINCT FROM (OLD.id, OLD.agency_id, OLD.channel, OLD.form,
      OLD.received_on, OLD.applicant_type, OLD.applicant_name,
      OLD.applicant_id_number, OLD.applicant_phone, OLD.applicant_email,
      OLD.applicant_address, OLD.description, OLD.idempotency_key,
      OLD.created_at) THEN
    PERFORM dsc_refuse('application', 'what was applied for, by whom, never changes');
  END IF;

  roles := dsc_acting_roles(NEW.last_actor, NEW.last_action);
  SELECT * INTO r_rule FROM dsc_machine_rule WHERE action = NEW.last_action;
  IF NOT FOUND THEN
    PERFORM dsc_refuse('action', format('unknown action %s', NEW.last_action));
  END IF;
  IF NOT (roles && r_rule.roles) THEN
    PERFORM dsc_refuse('role', format('%s needs the role %s', r_rule.action,
                                      array_to_string(r_rule.roles, ' or ')));
  END IF;
  IF (r_rule.who = 'assignee' OR (r_rule.who = 'assignee_or_supervisor'
                                AND NOT 'supervisor' = ANY (roles)))
     AND NEW.last_actor IS DISTINCT FROM old_assignee THEN
    PERFORM dsc_refuse('assignee', format('only the assigned handler may %s',
                                          r_rule.action));
  END IF;
  SELECT * INTO r_step FROM dsc_machine_step s
   WHERE s.action = NEW.last_action AND s.from_state = before_state
     AND s.from_hold = before_hold AND s.to_state = NEW.state
     AND s.to_hold = coalesce(NEW.hold, 'none');
  IF NOT FOUND THEN
    RAISE EXCEPTION 'state: % is not allowed from % (hold %) to % (hold %)',
      NEW.last_action, before_state, before_hold, NEW.state,
      coalesce(NEW.hold, 'none') USING ERRCODE = 'DS006';
  END IF;
  IF (CASE r_step.outcome_effect
        WHEN 'keep' THEN NEW.outcome IS DISTINCT FROM old_outcome
        WHEN 'set' THEN NEW.outcome IS DISTINCT FROM r_step.outcome
        WHEN 'clear' THEN NEW.outcome IS NOT NULL
        ELSE NEW.outcome IS NULL END) THEN
    PERFORM dsc_refuse('outcome', format('%s does not give the outcome %s',
                                         r_rule.action, NEW.outcome));
  END IF;
  CASE r_rule.guard
    WHEN 'target_handler' THEN
      IF NOT EXISTS (SELECT 1 FROM staff WHERE login = NEW.assignee AND active
                     AND 'handler' = ANY (staff.roles)) THEN
        PERFORM dsc_refuse('to', 'requests are assigned to handlers only');
      END IF;
    WHEN 'draft_outcome' THEN
      IF NEW.outcome IN ('other.no_supplement', 'other.fee_unpaid') THEN
        PERFORM dsc_refuse('outcome', format('%s follows only from a lapse',
                                             NEW.outcome));
      END IF;
    WHEN 'four_eyes' THEN
      -- Art. 45: whoever wrote the answer cannot also approve it.
      IF NEW.last_actor = old_drafter THEN
        PERFORM dsc_refuse('reviewer', 'four-eyes: the reviewer wrote the draft');
      END IF;
    WHEN 'publishable' THEN
      IF old_outcome IS NULL OR old_outcome NOT IN ('disclosed', 'partially_disclosed') THEN
        PERFORM dsc_refuse('outcome', 'only disclosed answers are published');
      END IF;
    ELSE NULL;
  END CASE;
  -- Who holds the request and who wrote its draft follow from the events.
  IF NEW.assignee IS DISTINCT FROM old_assignee AND r_rule.action <> 'assign' THEN
    PERFORM dsc_refuse('assignee', format('%s does not assign', r_rule.action));
  END IF;
  IF NEW.drafter IS DISTINCT FROM
     (CASE WHEN r_rule.action = 'draft' THEN NEW.last_actor ELSE old_drafter END) THEN
    PERFORM dsc_refuse('drafter', 'the drafter is the author of the draft');
  END IF;
  -- A lapse happens on its day, once that day is past (CONTRACT §7); the
  -- operator's replays may pin a later today.
  IF r_rule.action = 'lapse' AND (NEW.last_on IS DISTINCT FROM OLD.hold_lapses_on
     OR (OLD.hold_lapses_on >= dsc_business_today()
         AND public.dsc_session_kind() <> 'operator')) THEN
    PERFORM dsc_refuse('on', 'a hold lapses only after its last day, on that day');
  END IF;
  RETURN NEW;
END;
$$;

CREATE TRIGGER requests_guard
  BEFORE INSERT OR UPDATE ON requests
  FOR EACH ROW EXECUTE FUNCTION dsc_guard_request();

-- ---- The history: each event is the record of its request's checked change

CREATE OR REPLACE FUNCTION dsc_chain_event() RETURNS trigger
LANGUAGE plpgsql AS $$
DECLARE
  prev text;
  r record;
  kind text := dsc_session_kind();
  today date;
BEGIN
  SELECT q.version, q.last_action, q.last_actor, q.last_on, q.state,
         q.agency_id INTO r
    FROM requests q WHERE q.id = NEW.request_id;
  IF NOT FOUND THEN
    RAISE EXCEPTION 'event % of request %: no such request', NEW.seq,
      NEW.request_id USING ERRCODE = 'foreign_key_violation';
  END IF;
  IF NEW.seq > 1 THEN
    SELECT e.hash INTO prev FROM request_events e
     WHERE e.request_id = NEW.request_id AND e.seq = NEW.seq - 1;
    IF NOT FOUND THEN
      RAISE EXCEPTION 'event % of request %: event % is missing', NEW.seq,
        NEW.request_id, NEW.seq - 1 USING ERRCODE = 'foreign_key_violation';
    END IF;
  END IF;
  IF current_user <> 'disclose_writer' THEN
    -- The owner's direct write: its actor must at least exist (0007). An
    -- event of a write function names the actor the guard just checked.
    PERFORM FROM staff WHERE login = NEW.actor;
    IF NOT FOUND THEN
      RAISE EXCEPTION 'event % of request %: no staff member %', NEW.seq,
        NEW.request_id, NEW.actor USING ERRCODE = 'foreign_key_violation';
    END IF;
  ELSIF (NEW.seq, NEW.action, NEW.actor, NEW.on_date, NEW.state)
     IS DISTINCT FROM (r.version, r.last_action, r.last_actor, r.last_on, r.state) THEN
    PERFORM dsc_refuse('event', format(
      'event %s of request %s does not record the change checked for it',
      NEW.seq, NEW.request_id));
  END IF;
  -- The recording time is the server's; the operator's events say so.
  NEW.at := now();
  NEW.payload := NEW.payload - 'operator';
  IF kind = 'operator' THEN
    NEW.payload := NEW.payload || jsonb_build_object('operator', session_user::text);
  ELSIF NEW.actor <> 'system' THEN
    today := dsc_business_today();
    IF NEW.on_date > today THEN
      RAISE EXCEPTION 'on: % is after today (%)', NEW.on_date, today
        USING ERRCODE = 'invalid_parameter_value';
    END IF;
    IF dsc_workdays_after(NEW.on_date, today) >
         (SELECT a.backdate_workdays FROM agencies a WHERE a.id = r.agency_id)
       AND NOT (NEW.payload ? 'backdate_reason'
                AND 'supervisor' = ANY (dsc_acting_roles(NEW.actor, NEW.action))) THEN
      PERFORM dsc_refuse('on', format(
        '%s is more than %s working days before today (%s): a supervisor records it, with a reason (--backdate-reason)',
        NEW.on_date, (SELECT a.backdate_workdays FROM agencies a WHERE a.id = r.agency_id), today));
    END IF;
  END IF;
  NEW.hash := dsc_event_hash(prev, NEW.request_id, NEW.seq, NEW.action,
    NEW.state, NEW.actor, NEW.on_date, NEW.at, NEW.payload);
  RETURN NEW;
END;
$$;

-- ---- Staff: history, accounts ----------------------------------------------

CREATE FUNCTION dsc_staff_remember() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'UPDATE' AND NEW.login <> OLD.login THEN
    PERFORM dsc_refuse('login', 'a staff login never changes');
  END IF;
  INSERT INTO staff_history VALUES (NEW.login, NEW.roles, NEW.active,
    clock_timestamp(), session_user);
  RETURN NEW;
END;
$$;
CREATE TRIGGER staff_remember
  AFTER INSERT OR UPDATE ON staff
  FOR EACH ROW EXECUTE FUNCTION dsc_staff_remember();

-- ---- The write functions ----------------------------------------------------
--
-- Each is the statement the engine sent before this migration (engine/sql.c
-- names the version it wraps), run with disclose_writer's rights; the
-- triggers above check what it writes. Only the columns of the checked
-- change (last_action, last_actor, last_on) are new. The two of the hot
-- path are PL/pgSQL so that their plans are kept per session (an SQL
-- function's are made again at every call).

-- dsc_submit_v4: one group commit of submissions.
CREATE FUNCTION dsc_w_submit(text[], text[], text[], text[], text[], date[],
  text[], text[], text[], text[], text[], text[], text[], text[], date[],
  text[], date[], date[], bigint[])
RETURNS TABLE (agency_id bigint, roles text[], id bigint, first_id bigint)
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, public, pg_temp AS $$
#variable_conflict use_column
BEGIN
  RETURN QUERY
  WITH i AS MATERIALIZED (SELECT u.*, a.id AS agency_id, s.roles, CASE WHEN
  a.id IS NOT NULL AND s.roles && $3::text[] THEN
  nextval('requests_id_seq'::regclass) END AS id FROM unnest($1::text[],
  $2::text[], $4::text[], $5::text[], $6::date[], $7::text[], $8::text[],
  $9::text[], $10::text[], $11::text[], $12::text[], $13::text[], $14::text[],
  $15::date[], $16::text[], $17::date[], $18::date[], $19::bigint[]) WITH
  ORDINALITY AS u(agency, actor, channel, form, received_on, applicant_type,
  applicant_name, id_number, phone, email, address, description,
  idempotency_key, on_date, payload, due_on, supplement_notice_due_on,
  generation, ord) LEFT JOIN agencies a ON a.code = u.agency LEFT JOIN staff s
  ON s.login = u.actor AND s.active), ins AS (INSERT INTO requests (id,
  agency_id, version, state, channel, form, received_on, clock_start,
  applicant_type, applicant_name, applicant_id_number, applicant_phone,
  applicant_email, applicant_address, description, idempotency_key, due_on,
  supplement_notice_due_on, calendar_generation, last_action, last_actor,
  last_on) OVERRIDING SYSTEM VALUE SELECT id, agency_id, 1, 'received',
  channel, form, received_on, received_on, applicant_type, applicant_name,
  id_number, phone, email, address, description, idempotency_key, due_on,
  supplement_notice_due_on, generation, 'submit', actor, on_date FROM i WHERE
  id IS NOT NULL ORDER BY ord ON CONFLICT (agency_id, idempotency_key) DO
  NOTHING RETURNING id), ev AS (INSERT INTO request_events (request_id, seq,
  action, state, actor, on_date, payload) SELECT i.id, 1, 'submit',
  'received', i.actor, i.on_date, i.payload::jsonb FROM ins JOIN i USING (id)
  ORDER BY i.ord) SELECT i.agency_id, i.roles, ins.id, CASE WHEN ins.id IS
  NULL AND i.idempotency_key IS NOT NULL THEN (SELECT r.id FROM requests r
  WHERE r.agency_id = i.agency_id AND r.idempotency_key = i.idempotency_key)
  END FROM i LEFT JOIN ins USING (id) ORDER BY i.ord;
END;
$$;

-- dsc_transition_many_v1: the writes of one transaction's actions.
CREATE FUNCTION dsc_w_transition_many(bigint[], int[], text[], text[], date[],
  date[], text[], text[], text[], date[], date[], text[], text[], text[],
  date[], jsonb[], date[], date[], int[], int[], date[], bigint[], bigint[],
  date[], smallint[])
RETURNS TABLE (n bigint, seq int)
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, public, pg_temp AS $$
#variable_conflict use_column
BEGIN
  RETURN QUERY
  WITH i AS (SELECT * FROM unnest($1::bigint[], $2::int[], $3::text[],
  $4::text[], $5::date[], $6::date[], $7::text[], $8::text[], $9::text[],
  $10::date[], $11::date[], $12::text[], $13::text[], $14::text[],
  $15::date[], $16::jsonb[], $17::date[], $18::date[], $19::int[], $20::int[],
  $21::date[], $22::bigint[], $23::bigint[], $24::date[], $25::smallint[])
  WITH ORDINALITY AS i(id, version, state, hold, hold_since, hold_lapses_on,
  assignee, drafter, outcome, answered_on, closed_on, published_url, action,
  actor, on_date, payload, clock_start, due_on, extended_days,
  paused_workdays, supplement_notice_due_on, calendar_generation,
  fee_amount_fen, fee_paid_on, escalation, n)), u AS (UPDATE requests r SET
  version = r.version + 1, state = i.state, hold = i.hold, hold_since =
  i.hold_since, hold_lapses_on = i.hold_lapses_on, assignee = i.assignee,
  drafter = i.drafter, outcome = i.outcome, answered_on = i.answered_on,
  closed_on = i.closed_on, published_url = i.published_url, clock_start =
  i.clock_start, due_on = i.due_on, extended_days = i.extended_days,
  paused_workdays = i.paused_workdays, supplement_notice_due_on =
  i.supplement_notice_due_on, calendar_generation = i.calendar_generation,
  fee_amount_fen = i.fee_amount_fen, fee_paid_on = i.fee_paid_on, escalation =
  i.escalation, last_action = i.action, last_actor = i.actor, last_on =
  i.on_date, updated_at = now() FROM i WHERE r.id = i.id AND r.version =
  i.version RETURNING r.id, r.version, i.n, i.action, i.state, i.actor,
  i.on_date, i.payload), e AS (INSERT INTO request_events (request_id, seq,
  action, state, actor, on_date, payload) SELECT id, version, action, state,
  actor, on_date, payload FROM u) SELECT n, version AS seq FROM u;
END;
$$;

-- dsc_appeal_file_v1
CREATE FUNCTION dsc_w_appeal_file(bigint, int, text, text, text, text, text,
  text, text)
RETURNS TABLE (id bigint, request_id bigint, kind text, filed_on date,
               result text, decided_on date)
LANGUAGE sql SECURITY DEFINER SET search_path = pg_catalog, public, pg_temp AS $$
  WITH u AS (UPDATE requests SET version = version + 1, last_action =
  'appeal', last_actor = $3, last_on = $4::date, updated_at = now() WHERE id =
  $1 AND version = $2 RETURNING id, version, state), ap AS (INSERT INTO
  appeals (request_id, kind, filed_on, result, decided_on) SELECT id, $6,
  $7::date, $8, $9::date FROM u RETURNING id, request_id, kind, filed_on,
  result, decided_on), ev AS (INSERT INTO request_events (request_id, seq,
  action, state, actor, on_date, payload) SELECT u.id, u.version, 'appeal',
  u.state, $3, $4::date, $5::jsonb || jsonb_build_object('appeal_id', ap.id)
  FROM u, ap) SELECT id, request_id, kind, filed_on, result, decided_on FROM
  ap
$$;

-- dsc_appeal_decide_v1
CREATE FUNCTION dsc_w_appeal_decide(bigint, bigint, int, text, text, text,
  text)
RETURNS TABLE (id bigint, request_id bigint, kind text, filed_on date,
               result text, decided_on date)
LANGUAGE sql SECURITY DEFINER SET search_path = pg_catalog, public, pg_temp AS $$
  WITH u AS (UPDATE requests SET version = version + 1, last_action =
  'appeal-decided', last_actor = $4, last_on = $7::date, updated_at = now()
  WHERE id = $2 AND version = $3 AND EXISTS (SELECT 1 FROM appeals WHERE id =
  $1 AND result IS NULL) RETURNING id, version, state), ap AS (UPDATE appeals
  SET result = $6, decided_on = $7::date WHERE id = $1 AND EXISTS (SELECT 1
  FROM u) RETURNING id, request_id, kind, filed_on, result, decided_on), ev AS
  (INSERT INTO request_events (request_id, seq, action, state, actor, on_date,
  payload) SELECT u.id, u.version, 'appeal-decided', u.state, $4, $7::date,
  $5::jsonb FROM u, ap) SELECT id, request_id, kind, filed_on, result,
  decided_on FROM ap
$$;

-- dsc_report_store_v2: a compilation, stored only if the classification is
-- still the one compiled ($5). Supervisors, admins and the daemon compile.
CREATE FUNCTION dsc_w_report_store(text, text, text, text, text)
RETURNS SETOF bigint
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, public, pg_temp AS $f$
BEGIN
  PERFORM dsc_require_role($3, ARRAY['supervisor', 'admin', 'system'], 'compile');
  RETURN QUERY
  WITH parts AS MATERIALIZED (SELECT r.applicant_type AS t, true AS is_new,
  false AS carried_in, r.outcome AS o, r.closed_on BETWEEN make_date($2::int,
  1, 1) AND make_date($2::int, 12, 31) AS closed_in, (r.closed_on IS NULL OR
  r.closed_on > make_date($2::int, 12, 31)) AS carried_out, count(*) AS n,
  sum(hashint8extended(r.id, 0)) AS h, array_agg(r.id) AS ids FROM requests r
  WHERE r.agency_id = (SELECT id FROM agencies WHERE code = $1) AND
  r.received_on BETWEEN make_date($2::int, 1, 1) AND make_date($2::int, 12,
  31) AND (r.closed_on IS NULL OR r.closed_on >= make_date($2::int, 1, 1))
  GROUP BY 1, 4, 5, 6 UNION ALL SELECT r.applicant_type, false, true,
  r.outcome, r.closed_on BETWEEN make_date($2::int, 1, 1) AND
  make_date($2::int, 12, 31), (r.closed_on IS NULL OR r.closed_on >
  make_date($2::int, 12, 31)), count(*), sum(hashint8extended(r.id, 0)),
  array_agg(r.id) AS ids FROM requests r WHERE r.agency_id = (SELECT id FROM
  agencies WHERE code = $1) AND r.received_on < make_date($2::int, 1, 1) AND
  r.closed_on >= make_date($2::int, 1, 1) AND r.closed_on IS NOT NULL AND
  extract(year FROM r.closed_on) > extract(year FROM r.received_on) GROUP BY
  1, 4, 5, 6 UNION ALL SELECT r.applicant_type, false, true, NULL::text,
  false, true, count(*), sum(hashint8extended(r.id, 0)), array_agg(r.id) AS
  ids FROM requests r WHERE r.agency_id = (SELECT id FROM agencies WHERE code
  = $1) AND r.received_on < make_date($2::int, 1, 1) AND r.closed_on IS NULL
  GROUP BY 1) , grp AS (SELECT t, is_new, carried_in, CASE WHEN
  parts.closed_in THEN coalesce(parts.o, '') END AS outcome, carried_out,
  sum(n)::bigint AS n, sum(h) AS h FROM parts GROUP BY 1, 2, 3, 4, 5) , dig AS
  (SELECT md5(coalesce(string_agg(concat_ws(':', grp.t, grp.is_new,
  grp.carried_in, coalesce(grp.outcome, '-'), grp.carried_out, grp.n, grp.h),
  ',' ORDER BY grp.t, grp.is_new, grp.carried_in, grp.outcome,
  grp.carried_out), '')) AS d FROM grp), rep AS (INSERT INTO annual_reports
  (agency_id, year, compiled_by, report, source_digest) SELECT a.id, $2::int,
  $3, $4, dig.d FROM agencies a, dig WHERE a.code = $1 AND dig.d = $5
  RETURNING id), items AS (INSERT INTO annual_report_groups SELECT rep.id,
  parts.t, parts.is_new, parts.carried_in, CASE WHEN parts.closed_in THEN
  coalesce(parts.o, '') END, parts.carried_out, parts.n, parts.h, parts.ids
  FROM rep, parts) SELECT id FROM rep;
END;
$f$;

-- dsc_clock_stamp_v1: a re-derivation that moved nothing. Any connected
-- member of the center (the daemon, an admin's calendar import).
CREATE FUNCTION dsc_w_clock_stamp(bigint, int, bigint) RETURNS SETOF bigint
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, public, pg_temp AS $$
BEGIN
  PERFORM dsc_acting_roles('system', 'clock-stamp');
  RETURN QUERY UPDATE requests SET calendar_generation = $3
    WHERE requests.id = $1 AND version = $2 RETURNING requests.id;
END;
$$;

-- `calendar import` (engine/calendar_import.c): admins only.
CREATE FUNCTION dsc_w_calendar_delete_years(int[], text) RETURNS void
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, public, pg_temp AS $$
BEGIN
  PERFORM dsc_require_role($2, ARRAY['admin'], 'calendar import');
  DELETE FROM calendar_days WHERE extract(year FROM day)::int = ANY ($1);
END;
$$;

CREATE FUNCTION dsc_w_calendar_upsert_days(date[], text[], text[], text)
RETURNS void
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, public, pg_temp AS $$
BEGIN
  PERFORM dsc_require_role($4, ARRAY['admin'], 'calendar import');
  INSERT INTO calendar_days (day, kind, name)
    SELECT * FROM unnest($1, $2, $3)
    ON CONFLICT (day) DO UPDATE SET kind = EXCLUDED.kind, name = EXCLUDED.name;
END;
$$;

CREATE FUNCTION dsc_w_calendar_upsert_years(int[], text, text) RETURNS void
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, public, pg_temp AS $$
BEGIN
  PERFORM dsc_require_role($3, ARRAY['admin'], 'calendar import');
  INSERT INTO calendar_years (year, source) SELECT unnest($1), $2
    ON CONFLICT (year) DO UPDATE SET source = EXCLUDED.source, loaded_at = now();
END;
$$;

CREATE FUNCTION dsc_w_calendar_bump(text) RETURNS TABLE (generation bigint,
                                                         notified text)
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, public, pg_temp AS $$
BEGIN
  PERFORM dsc_require_role($1, ARRAY['admin'], 'calendar import');
  RETURN QUERY WITH u AS (UPDATE calendar_state s
      SET generation = s.generation + 1 RETURNING s.generation)
    SELECT u.generation, pg_notify('disclose', 'calendar')::text FROM u;
END;
$$;

-- `agency add`: admins only.
CREATE FUNCTION dsc_w_agency_add(text, text, text)
RETURNS TABLE (id bigint, code text, name text)
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, public, pg_temp AS $$
BEGIN
  PERFORM dsc_require_role($3, ARRAY['admin'], 'agency add');
  RETURN QUERY INSERT INTO agencies AS a (code, name) VALUES ($1, $2)
    ON CONFLICT ON CONSTRAINT agencies_code_key DO NOTHING
    RETURNING a.id, a.code, a.name;
END;
$$;

-- `agency set`: an agency's settings (admins only). Nothing back: no such
-- agency.
CREATE FUNCTION dsc_w_agency_set(text, int, text)
RETURNS TABLE (id bigint, code text, name text, backdate_workdays int)
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, public, pg_temp AS $$
BEGIN
  PERFORM dsc_require_role($3, ARRAY['admin'], 'agency set');
  RETURN QUERY UPDATE agencies AS a SET backdate_workdays = $2
    WHERE a.code = $1 RETURNING a.id, a.code, a.name, a.backdate_workdays;
END;
$$;

-- ---- Staff accounts (owned by disclose_roles) ------------------------------

-- True when the database role `login` may become, or is, a staff login: no
-- superuser, role-maker, replication or RLS-bypassing power, not the owner,
-- not the daemon, not one of our group roles.
CREATE FUNCTION dsc_plain_login(login text) RETURNS boolean
LANGUAGE sql STABLE SET search_path = pg_catalog, public, pg_temp AS $$
  SELECT NOT (r.rolsuper OR r.rolcreaterole OR r.rolbypassrls OR r.rolreplication
              OR r.rolname LIKE 'disclose\_%' OR r.rolname LIKE 'pg\_%'
              OR pg_has_role(r.oid, (SELECT relowner FROM pg_class
                                     WHERE oid = 'public.requests'::regclass), 'MEMBER')
              OR pg_has_role(r.oid, 'disclose_app', 'MEMBER'))
    FROM pg_roles r WHERE r.rolname = login
$$;

-- Grants login exactly the group roles of `roles` (and disclose_staff).
-- Role names cannot be parameters of GRANT: each is quoted with %I, and
-- login passed the identifier check of the staff table.
CREATE FUNCTION dsc_staff_sync_groups(login text, roles text[]) RETURNS void
LANGUAGE plpgsql SET search_path = pg_catalog, public, pg_temp AS $$
DECLARE
  r text;
  member boolean;
BEGIN
  -- Only what changes is granted or revoked (no notices), and two
  -- databases of one cluster (a test suite's) may grant the same
  -- membership at once: the second then finds it granted.
  FOREACH r IN ARRAY ARRAY['staff', 'clerk', 'handler', 'reviewer', 'supervisor',
                           'admin'] LOOP
    member := EXISTS (SELECT 1 FROM pg_auth_members m
                        JOIN pg_roles g ON g.oid = m.roleid
                        JOIN pg_roles u ON u.oid = m.member
                       WHERE g.rolname = 'disclose_' || r AND u.rolname = login);
    IF (r = 'staff' OR r = ANY (roles)) AND NOT member THEN
      BEGIN
        EXECUTE format('GRANT %I TO %I', 'disclose_' || r, login);
      EXCEPTION WHEN unique_violation THEN
        NULL;
      END;
    ELSIF r <> 'staff' AND NOT r = ANY (roles) AND member THEN
      EXECUTE format('REVOKE %I FROM %I', 'disclose_' || r, login);
    END IF;
  END LOOP;
END;
$$;

-- `staff add`: the staff row and its login role (created, or an existing
-- plain role adopted). Nothing back when the login is taken.
CREATE FUNCTION dsc_w_staff_add(text, text, text[], text)
RETURNS TABLE (login text, name text, roles text[])
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, public, pg_temp AS $$
BEGIN
  PERFORM dsc_require_role($4, ARRAY['admin'], 'staff');
  IF 'system' = ANY ($3) THEN
    PERFORM dsc_refuse('role', 'system is not a staff role');
  END IF;
  IF EXISTS (SELECT 1 FROM staff s WHERE s.login = $1) THEN
    RETURN;
  END IF;
  IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = $1) THEN
    BEGIN
      EXECUTE format('CREATE ROLE %I LOGIN', $1);
    EXCEPTION WHEN duplicate_object OR unique_violation THEN
      NULL; -- created meanwhile by another database of the cluster
    END;
  END IF;
  IF NOT dsc_plain_login($1) THEN
    PERFORM dsc_refuse('login', format(
      'the database role %s has other powers; choose another login', $1));
  END IF;
  IF NOT (SELECT rolcanlogin FROM pg_roles WHERE rolname = $1) THEN
    EXECUTE format('ALTER ROLE %I LOGIN', $1);
  END IF;
  RETURN QUERY INSERT INTO staff AS s (login, name, roles) VALUES ($1, $2, $3)
    RETURNING s.login, s.name, s.roles;
  PERFORM dsc_staff_sync_groups($1, $3);
END;
$$;

-- `staff roles`: replaces a member's roles. Nothing back: no such member.
CREATE FUNCTION dsc_w_staff_roles(text, text[], text)
RETURNS TABLE (login text, name text, roles text[], active boolean)
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, public, pg_temp AS $$
BEGIN
  PERFORM dsc_require_role($3, ARRAY['admin'], 'staff');
  IF 'system' = ANY ($2) OR $1 = 'system' THEN
    PERFORM dsc_refuse('role', 'system is not a staff role');
  END IF;
  RETURN QUERY UPDATE staff s SET roles = $2 WHERE s.login = $1
    RETURNING s.login, s.name, s.roles, s.active;
  IF FOUND AND EXISTS (SELECT 1 FROM pg_roles WHERE rolname = $1)
     AND dsc_plain_login($1) THEN
    PERFORM dsc_staff_sync_groups($1, $2);
  END IF;
END;
$$;

-- `staff disable`: the member can no longer log in, and their open
-- sessions end; the row stays, for the history refers to it.
CREATE FUNCTION dsc_w_staff_disable(text, text)
RETURNS TABLE (login text, name text, roles text[], active boolean)
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, public, pg_temp AS $$
BEGIN
  PERFORM dsc_require_role($2, ARRAY['admin'], 'staff');
  IF $1 = 'system' THEN
    PERFORM dsc_refuse('login', 'the system actor cannot be disabled');
  END IF;
  RETURN QUERY UPDATE staff s SET active = false WHERE s.login = $1
    RETURNING s.login, s.name, s.roles, s.active;
  IF FOUND AND EXISTS (SELECT 1 FROM pg_roles WHERE rolname = $1)
     AND dsc_plain_login($1) THEN
    EXECUTE format('ALTER ROLE %I NOLOGIN', $1);
    PERFORM pg_terminate_backend(a.pid) FROM pg_stat_activity a
      WHERE a.usename = $1 AND a.pid <> pg_backend_pid();
  END IF;
END;
$$;

REVOKE ALL ON FUNCTION dsc_staff_sync_groups(text, text[]) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION dsc_staff_sync_groups(text, text[]) TO disclose_roles;

-- ---- Temporary objects never stand in for ours --------------------------------
--
-- A session's temporary tables come first in name look-up unless pg_temp is
-- named in the search path: a staff member could create a temporary
-- `staff` table naming themselves admin, grant it to everyone, and have a
-- SECURITY DEFINER function read it (tests/integration/test_identity.sh
-- does exactly that). Every function of this migration names pg_temp last;
-- migration 0008's two SECURITY DEFINER functions are given the same path;
-- and nobody but the owner may create temporary objects in this database.
ALTER FUNCTION dsc_dash_fold() SET search_path = pg_catalog, public, pg_temp;
ALTER FUNCTION dsc_dash_count_truncate()
  SET search_path = pg_catalog, public, pg_temp;
DO $$
BEGIN
  EXECUTE format('REVOKE TEMPORARY ON DATABASE %I FROM PUBLIC',
                 current_database());
END;
$$;

-- ---- Privileges -------------------------------------------------------------

-- No login role writes a table; members read what the workflow shows.
REVOKE INSERT, UPDATE, DELETE, TRUNCATE ON ALL TABLES IN SCHEMA public
  FROM disclose_app;
REVOKE USAGE ON ALL SEQUENCES IN SCHEMA public FROM disclose_app;
GRANT USAGE ON SCHEMA public TO disclose_staff, disclose_writer, disclose_roles;
GRANT SELECT ON ALL TABLES IN SCHEMA public TO disclose_staff, disclose_app;
REVOKE SELECT ON dsc_clock_override FROM disclose_staff, disclose_app;

-- The writers' rights, used only inside the functions they own.
GRANT SELECT ON ALL TABLES IN SCHEMA public TO disclose_writer, disclose_roles;
GRANT INSERT, UPDATE ON requests, appeals TO disclose_writer;
GRANT INSERT ON request_events, annual_reports, annual_report_groups,
  dsc_dash_delta, agencies TO disclose_writer;
GRANT UPDATE (backdate_workdays) ON agencies TO disclose_writer;
GRANT INSERT, UPDATE, DELETE ON calendar_days TO disclose_writer;
GRANT INSERT, UPDATE ON calendar_years, calendar_state TO disclose_writer;
GRANT USAGE ON ALL SEQUENCES IN SCHEMA public TO disclose_writer;
GRANT INSERT, UPDATE ON staff TO disclose_roles;
GRANT INSERT ON staff_history TO disclose_roles;
GRANT EXECUTE ON FUNCTION dsc_dash_fold() TO disclose_writer;

ALTER FUNCTION dsc_business_today() OWNER TO disclose_writer;
ALTER FUNCTION dsc_whoami() OWNER TO disclose_writer;
ALTER FUNCTION dsc_require_role(text, text[], text) OWNER TO disclose_writer;
GRANT SELECT ON dsc_clock_override TO disclose_writer;

DO $$
DECLARE
  f regprocedure;
BEGIN
  FOR f IN SELECT p.oid::regprocedure FROM pg_proc p
            WHERE p.pronamespace = 'public'::regnamespace
              AND p.proname LIKE 'dsc\_w\_%' LOOP
    EXECUTE format('REVOKE ALL ON FUNCTION %s FROM PUBLIC', f);
    EXECUTE format('GRANT EXECUTE ON FUNCTION %s TO disclose_staff', f);
    IF f::text LIKE 'dsc_w_staff%' THEN
      EXECUTE format('ALTER FUNCTION %s OWNER TO disclose_roles', f);
    ELSE
      EXECUTE format('ALTER FUNCTION %s OWNER TO disclose_writer', f);
    END IF;
  END LOOP;
END;
$$;
-- The daemon applies lapses, escalations and re-derivations, and compiles.
GRANT EXECUTE ON FUNCTION
  dsc_w_transition_many(bigint[], int[], text[], text[], date[], date[],
    text[], text[], text[], date[], date[], text[], text[], text[], date[],
    jsonb[], date[], date[], int[], int[], date[], bigint[], bigint[], date[],
    smallint[]),
  dsc_w_clock_stamp(bigint, int, bigint),
  dsc_w_report_store(text, text, text, text, text)
  TO disclose_app;

-- ---- What a handler reads ---------------------------------------------------
--
-- A member whose only role is handler works on the requests assigned to
-- them (CONTRACT §4: draft, supplements, consultations and fees are the
-- assigned handler's) and reads those alone, with their history: an
-- applicant's details are seen by whoever needs them, not by every login.
-- Every other role, the daemon and the write functions' owners read all;
-- the owner is not subject to row security.
CREATE FUNCTION dsc_reads_only_assigned() RETURNS boolean
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = pg_catalog, public, pg_temp AS $$
  SELECT coalesce((SELECT roles = ARRAY['handler'] FROM staff
                    WHERE login = session_user AND active), false)
$$;
ALTER FUNCTION dsc_reads_only_assigned() OWNER TO disclose_writer;

-- 国办函〔2020〕109号 counts an applicant's applications in a month across
-- the agency, whoever handles them: dsc_applicant_ordinal_v1, run with the
-- writer's rights so that a handler's quote counts what they cannot read.
CREATE FUNCTION dsc_applicant_ordinal(bigint) RETURNS bigint
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = pg_catalog, public, pg_temp AS $$
  SELECT count(*) FROM requests r JOIN requests o
    ON o.agency_id = r.agency_id
   AND o.received_on >= date_trunc('month', r.received_on)::date
   AND (o.received_on, o.id) <= (r.received_on, r.id)
   AND CASE WHEN r.applicant_id_number IS NOT NULL
       THEN o.applicant_id_number = r.applicant_id_number
       ELSE o.applicant_id_number IS NULL
        AND o.applicant_type = r.applicant_type
        AND o.applicant_name = r.applicant_name END
  WHERE r.id = $1
$$;
ALTER FUNCTION dsc_applicant_ordinal(bigint) OWNER TO disclose_writer;
REVOKE ALL ON FUNCTION dsc_applicant_ordinal(bigint) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION dsc_applicant_ordinal(bigint) TO disclose_staff,
  disclose_app;

ALTER TABLE requests ENABLE ROW LEVEL SECURITY;
ALTER TABLE request_events ENABLE ROW LEVEL SECURITY;
CREATE POLICY requests_staff_read ON requests FOR SELECT TO disclose_staff
  USING (assignee = session_user OR NOT dsc_reads_only_assigned());
CREATE POLICY request_events_staff_read ON request_events FOR SELECT
  TO disclose_staff
  USING (EXISTS (SELECT 1 FROM requests r WHERE r.id = request_id));
CREATE POLICY requests_all ON requests TO disclose_app, disclose_writer,
  disclose_roles USING (true) WITH CHECK (true);
CREATE POLICY request_events_all ON request_events TO disclose_app,
  disclose_writer, disclose_roles USING (true) WITH CHECK (true);
