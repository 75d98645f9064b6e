# shellcheck shell=bash
# tests/integration/test_verify.sh — `disclose verify` (issue 6): the hash
# chain of every request's events and every snapshot against the replay of
# its events; exit 9 naming the first break.

# shellcheck source=tests/integration/fixtures/helpers.sh
source "$(dirname "${BASH_SOURCE[0]}")/fixtures/helpers.sh"

# _v_history — a few requests through every kind of event: the lifecycle,
# a rejected draft, a consultation, a supplement restart, an extension, a
# withdrawal and a lapse applied by the worker.
_v_history() {
  export DISCLOSE_TODAY=2023-03-15
  h_staff
  local a b c d
  a="$(h_submit)"
  h_to answered "$a"
  expect_exit 0 disclose publish "$a" --url https://example.gov.cn/a --as clerk1 --on 2023-03-08
  b="$(h_submit)"
  h_to drafted "$b"
  expect_exit 0 disclose review "$b" --reject --comment 重写 --as wang --on 2023-03-06
  expect_exit 0 disclose consult-third-party "$b" --as li --on 2023-03-07
  expect_exit 0 disclose third-party-replied "$b" --as li --on 2023-03-10
  expect_exit 0 disclose extend "$b" --days 10 --reason 复杂 --as admin --on 2023-03-13
  c="$(h_submit)"
  h_to assigned "$c"
  expect_exit 0 disclose request-supplement "$c" --note 补充 --as li --on 2023-03-03
  expect_exit 0 disclose supplement-received "$c" --as li --on 2023-03-09
  d="$(h_submit)"
  h_to assigned "$d"
  expect_exit 0 disclose fee-notice "$d" --amount 50 --pages 35 --method volume --as li --on 2023-03-03
  export DISCLOSE_TODAY=2023-04-20
  expect_exit 0 disclosed --once
  expect_exit 0 disclose withdraw "$c" --as clerk1 --on 2023-04-20
}

t_a_true_history_verifies() {
  _v_history
  expect_exit 0 disclose verify --json
  expect_eq "$(json .ok)" true "ok"
  expect_eq "$(json .snapshots_checked)" 4 "snapshots checked"
  expect_eq "$(json .events)" "$(sql 'SELECT count(*) FROM request_events')" "events"
  expect_exit 0 disclose verify
  expect_match "$(cat "$T/out")" '^verified: '
}

t_an_edited_event_breaks_its_chain() {
  _v_history
  # Someone with the owner's rights rewrites the date of request 2's event 3.
  sql "ALTER TABLE request_events DISABLE TRIGGER request_events_append_only;
       UPDATE request_events SET on_date = on_date - 1 WHERE request_id = 2 AND seq = 3;
       ALTER TABLE request_events ENABLE TRIGGER request_events_append_only;" >/dev/null
  h_expect_error 9 integrity 'request 2: event 3' disclose verify
}

t_a_removed_event_is_a_gap() {
  _v_history
  sql "ALTER TABLE request_events DISABLE TRIGGER request_events_append_only;
       DELETE FROM request_events WHERE request_id = 1 AND seq = 2;
       ALTER TABLE request_events ENABLE TRIGGER request_events_append_only;" >/dev/null
  h_expect_error 9 integrity 'request 1: event 3' disclose verify
  expect_exit 9 disclose verify --json
  expect_eq "$(json .chain_break.reason)" gap "reason"
}

t_a_forged_snapshot_is_named() {
  _v_history
  # The owner edits snapshots behind the triggers (migrations/0012 refuses
  # it otherwise).
  sql "ALTER TABLE requests DISABLE TRIGGER requests_guard" >/dev/null
  sql "UPDATE requests SET due_on = due_on + 1 WHERE id = 2" >/dev/null
  h_expect_error 9 integrity 'request 2: due_on' disclose verify
  sql "UPDATE requests SET due_on = due_on - 1 WHERE id = 2" >/dev/null
  sql "UPDATE requests SET outcome = 'disclosed' WHERE id = 3" >/dev/null
  h_expect_error 9 integrity 'request 3: outcome' disclose verify
}
