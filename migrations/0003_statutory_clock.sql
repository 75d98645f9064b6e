-- disclose 0003: the statutory clock (CONTRACT §7, docs/statutes.md).
--
-- The deadline columns of requests are derived from the request's events and
-- the working-day calendar by the pure module engine/deadline.c; they are
-- stored so that indexes can find what is due, lapsed or stale.

-- While a supplement (补正, Art. 30) is awaited the answer period has not
-- started: there is no clock_start and no due date.
ALTER TABLE requests ALTER COLUMN clock_start DROP NOT NULL;

-- The calendar generation the deadline columns were computed with. Every
-- `calendar import` bumps calendar_state.generation; the import and the
-- deadline worker re-derive open requests whose generation is older, so a
-- correction reaches every open deadline even if the import was killed
-- half-way. Generation 0 means "not computed" (e.g. the due date fell after
-- the loaded calendar).
ALTER TABLE requests ADD COLUMN calendar_generation bigint NOT NULL DEFAULT 0;

-- Escalations written by the deadline worker: 1 once the due-soon event was
-- written, 2 once the overdue one was. Each is written once per request.
ALTER TABLE requests ADD COLUMN escalation smallint NOT NULL DEFAULT 0
  CHECK (escalation BETWEEN 0 AND 2);

-- The fee notice (Art. 42, 国办函〔2020〕109号): the amount noticed and, once
-- paid, the day — annual report section 六 counts fees paid in the year.
ALTER TABLE requests ADD COLUMN fee_amount_fen bigint CHECK (fee_amount_fen > 0);
ALTER TABLE requests ADD COLUMN fee_paid_on date;

-- One row: the calendar's generation.
CREATE TABLE calendar_state (
  singleton  boolean PRIMARY KEY DEFAULT true CHECK (singleton),
  generation bigint NOT NULL CHECK (generation >= 1)
);
INSERT INTO calendar_state (generation) VALUES (1);
UPDATE requests SET calendar_generation = 0;

-- The deadline worker's three questions, each answered from an index.
CREATE INDEX requests_open_hold_lapse ON requests (hold_lapses_on)
  WHERE hold IS NOT NULL
    AND state IN ('received', 'assigned', 'drafted', 'reviewed');
CREATE INDEX requests_open_escalation ON requests (due_on, escalation)
  WHERE hold IS NULL AND escalation < 2
    AND state IN ('received', 'assigned', 'drafted', 'reviewed');
CREATE INDEX requests_open_calendar ON requests (calendar_generation)
  WHERE state IN ('received', 'assigned', 'drafted', 'reviewed');
-- Fee quotes count an applicant's applications in a calendar month.
CREATE INDEX requests_by_applicant_month ON requests
  (agency_id, applicant_type, applicant_name, received_on);
