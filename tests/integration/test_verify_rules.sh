# shellcheck shell=bash
# tests/integration/test_verify_rules.sh — `disclose verify` replays every
# history through the transition table with each actor's roles as of the
# moment the event was recorded (issue 11), and lists the events recorded
# far from their business date as findings.
#
# The forged events here are perfect otherwise: the owner writes them with
# the history's triggers off, with the correct chained hash
# (dsc_event_hash over the previous hash, migrations/0005) and a snapshot
# that matches, so only the rules can catch them. Roles through time come
# from staff_history: every case here needs migration 0012.

# shellcheck source=tests/integration/fixtures/helpers.sh
source "$(dirname "${BASH_SOURCE[0]}")/fixtures/helpers.sh"

# _vr_forge ID ACTION STATE ACTOR PAYLOAD — as the owner, appends to
# request ID the event ACTION by ACTOR leading to STATE, dated 2023-03-10,
# chained correctly, and moves the snapshot's version and state with it.
_vr_forge() {
  sql "ALTER TABLE request_events DISABLE TRIGGER USER;
       ALTER TABLE requests DISABLE TRIGGER USER;
       INSERT INTO request_events
              (request_id, seq, action, state, actor, on_date, at, payload, hash)
       SELECT r.id, r.version + 1, '$2', '$3', '$4', DATE '2023-03-10', now(),
              '$5'::jsonb,
              dsc_event_hash(p.hash, r.id, r.version + 1, '$2', '$3', '$4',
                             DATE '2023-03-10', now(), '$5'::jsonb)
         FROM requests r
         JOIN request_events p ON p.request_id = r.id AND p.seq = r.version
        WHERE r.id = $1;
       UPDATE requests SET version = version + 1, state = '$3' WHERE id = $1;
       ALTER TABLE requests ENABLE TRIGGER USER;
       ALTER TABLE request_events ENABLE TRIGGER USER;" >/dev/null
}

# _vr_only_the_rules ID SEQ FIELD — verify --json failed on the rules
# alone: the chain and every snapshot hold, and the break is request ID's
# event SEQ, refused for FIELD.
_vr_only_the_rules() {
  expect_exit 9 disclose verify --json
  expect_eq "$(json .chain_break)" null "chain break"
  expect_eq "$(json .snapshot_mismatch)" null "snapshot mismatch"
  expect_eq "$(json .rule_break.request_id)" "$1" "request of the break"
  expect_eq "$(json .rule_break.seq)" "$2" "event of the break"
  expect_eq "$(json .rule_break.field)" "$3" "rule of the break"
}

# A review by the draft's own author, the four-eyes rule broken, written
# straight into the history by the owner.
t_a_review_by_its_drafter_breaks_four_eyes() {
  export DISCLOSE_TODAY=2023-03-15
  h_staff
  expect_exit 0 disclose staff add ma --name 马六 --role handler --role reviewer --as admin
  local id control
  id="$(h_submit)"
  expect_exit 0 disclose assign "$id" --to ma --as clerk1 --on 2023-03-02
  expect_exit 0 disclose draft "$id" --outcome disclosed --as ma --on 2023-03-03
  h_expect_error 5 forbidden 'four-eyes' disclose review "$id" --approve --as ma --on 2023-03-06
  # The forger's craft, checked on a review the rules allow: wang reviews
  # li's draft by the same route, and verify finds nothing wrong.
  control="$(h_submit)"
  h_to drafted "$control"
  _vr_forge "$control" review reviewed wang '{"decision": "approve"}'
  expect_exit 0 disclose verify --json
  expect_eq "$(json .ok)" true "verify after a forged review the rules allow"
  _vr_forge "$id" review reviewed ma '{"decision": "approve"}'
  h_expect_error 9 integrity "request $id: event 4 (review by ma) breaks the rules: four-eyes" \
    disclose verify
  _vr_only_the_rules "$id" 4 reviewer
}

# zhao was a handler when the forged review was recorded and became a
# reviewer only afterwards: the roles of the time count, not today's.
t_a_role_granted_later_does_not_cover_an_earlier_event() {
  export DISCLOSE_TODAY=2023-03-15
  h_staff
  local id
  id="$(h_submit)"
  h_to drafted "$id"
  _vr_forge "$id" review reviewed zhao '{"decision": "approve"}'
  sql "UPDATE staff SET roles = ARRAY['handler', 'reviewer'] WHERE login = 'zhao'" >/dev/null
  expect_eq "$(sql "SELECT string_agg(array_to_string(roles, '+'), ' ' ORDER BY valid_from)
                      FROM staff_history WHERE login = 'zhao'")" \
    "handler handler+reviewer" "zhao's roles through time"
  h_expect_error 9 integrity "request $id: event 4 (review by zhao) breaks the rules: review needs the role reviewer (zhao then: handler)" \
    disclose verify
  _vr_only_the_rules "$id" 4 role
}

# The other way round: wang reviewed as a reviewer and is a handler now;
# his review stays valid.
t_a_role_removed_later_keeps_earlier_events_valid() {
  export DISCLOSE_TODAY=2023-03-15
  h_staff
  local id
  id="$(h_submit)"
  h_to answered "$id"
  sql "UPDATE staff SET roles = ARRAY['handler'] WHERE login = 'wang'" >/dev/null
  expect_exit 0 disclose verify --json
  expect_eq "$(json .ok)" true "ok"
}

# A transition the table does not have (answering an assigned request), a
# disabled actor, a system action by a person, and an event the operator
# recorded on someone's behalf — judged by that someone's roles.
t_events_the_rules_refuse_are_named() {
  export DISCLOSE_TODAY=2023-03-15
  h_staff
  local a b c d
  a="$(h_submit)"
  h_to assigned "$a"
  b="$(h_submit)"
  c="$(h_submit)"
  d="$(h_submit)"
  _vr_forge "$a" answer answered clerk1 '{}'
  h_expect_error 9 integrity "request $a: event 3 (answer by clerk1) breaks the rules: cannot answer a request that is assigned" \
    disclose verify
  _vr_only_the_rules "$a" 3 state
  sql "ALTER TABLE request_events DISABLE TRIGGER USER;
       DELETE FROM request_events WHERE request_id = $a AND seq > 2;
       ALTER TABLE request_events ENABLE TRIGGER USER;
       UPDATE requests SET version = 2, state = 'assigned' WHERE id = $a" >/dev/null
  expect_exit 0 disclose verify

  _vr_forge "$b" escalate received admin '{"level": "due_soon"}'
  h_expect_error 9 integrity "request $b: event 2 (escalate by admin) breaks the rules: escalate needs the role system" \
    disclose verify
  sql "ALTER TABLE request_events DISABLE TRIGGER USER;
       DELETE FROM request_events WHERE request_id = $b AND seq = 2;
       ALTER TABLE request_events ENABLE TRIGGER USER;
       UPDATE requests SET version = 1 WHERE id = $b" >/dev/null

  _vr_forge "$c" assign assigned li '{"to": "li", "operator": "disclose"}'
  sql "UPDATE requests SET assignee = 'li' WHERE id = $c" >/dev/null
  h_expect_error 9 integrity "request $c: event 2 (assign by li) breaks the rules: assign needs the role clerk or supervisor (li then: handler)" \
    disclose verify
  sql "ALTER TABLE request_events DISABLE TRIGGER USER;
       DELETE FROM request_events WHERE request_id = $c AND seq = 2;
       ALTER TABLE request_events ENABLE TRIGGER USER;
       UPDATE requests SET version = 1, state = 'received', assignee = NULL WHERE id = $c" >/dev/null

  sql "UPDATE staff SET active = false WHERE login = 'clerk1'" >/dev/null
  _vr_forge "$d" assign assigned clerk1 '{"to": "li"}'
  sql "UPDATE requests SET assignee = 'li' WHERE id = $d" >/dev/null
  h_expect_error 9 integrity "request $d: event 2 (assign by clerk1) breaks the rules: clerk1 was disabled when the event was recorded" \
    disclose verify
}

# _vr_workdays FROM TO — working days d with FROM < d <= TO, counted in
# SQL from calendar_days alone: a reference independent of the engine's.
_vr_workdays() {
  sql "SELECT count(*) FROM generate_series(DATE '$1' + 1, DATE '$2', interval '1 day') g(d)
        WHERE coalesce((SELECT c.kind = 'workday' FROM calendar_days c WHERE c.day = g.d::date),
                       extract(isodow FROM g.d) < 6)"
}

# Events recorded long after their business date are findings: listed (the
# human output caps the list at 50 with a count), exit 0. An event
# recorded on its business date is not.
t_late_entries_are_findings_not_failures() {
  export DISCLOSE_TODAY=2023-03-15
  h_staff
  local i id today at
  for ((i = 0; i < 11; i++)); do
    id="$(h_submit)"
    h_to answered "$id"
  done
  unset DISCLOSE_TODAY
  today="$(TZ=Asia/Shanghai date +%F)"
  jq --arg d "$today" '.received_on = $d' "$FIXTURES/request_natural_person.json" >"$T/today.json"
  expect_exit 0 disclose submit "$T/today.json" --as clerk1
  id="$(cat "$T/out")"

  expect_exit 0 disclose verify --json
  expect_eq "$(json .ok)" true "ok"
  expect_eq "$(json .late_workdays_limit)" 3 "the window"
  expect_eq "$(json .late_entries_total)" 55 "late events"
  expect_eq "$(json '.late_entries | length')" 55 "late events listed"
  expect_eq "$(json "[.late_entries[] | select(.request_id == $id)] | length")" 0 \
    "events of request $id, recorded on their business date"
  expect_eq "$(json -c '.late_entries[0] | [.request_id, .seq, .action, .actor, .on]')" \
    '[1,1,"submit","clerk1","2023-03-01"]' "the first finding"
  at="$(json '.late_entries[0].at')"
  expect_match "$at" '^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}\+08:00$'
  expect_eq "$at" "$(sql "SELECT to_char(at AT TIME ZONE 'Asia/Shanghai', 'YYYY-MM-DD\"T\"HH24:MI:SS\"+08:00\"')
                            FROM request_events WHERE request_id = 1 AND seq = 1")" "recorded at"
  expect_eq "$(json '.late_entries[0].workdays')" "$(_vr_workdays 2023-03-01 "${at:0:10}")" \
    "working days from the business date to the recording"

  expect_exit 0 disclose verify
  expect_match "$(cat "$T/out")" '^verified: '
  expect_match "$(cat "$T/out")" '^late entries: 55 events recorded more than 3 working days from their business date$'
  expect_eq "$(grep -c '^  request [0-9]* event [0-9]* (' "$T/out")" 50 "findings printed"
  expect_match "$(cat "$T/out")" '^  … and 5 more \(--json lists more\)$'
}
