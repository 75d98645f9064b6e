# shellcheck shell=bash
# tests/integration/test_worker.sh — the deadline worker (CONTRACT §7, §8):
# lapses applied exactly once however many daemons run, each dated on its
# lapse day even when the worker runs days late, escalations written once,
# and `disclosed --once` twice for the same date changing nothing.

# shellcheck source=tests/integration/fixtures/helpers.sh
source "$(dirname "${BASH_SOURCE[0]}")/fixtures/helpers.sh"

# _w_request RECEIVED — clerk1 registers the fixture received (and
# registered) on RECEIVED and assigns it to li the same day; prints the id.
_w_request() {
  local id
  sed "s/2023-03-01/$1/" "$FIXTURES/request_natural_person.json" >"$T/req.json"
  expect_exit 0 disclose submit "$T/req.json" --as clerk1 --on "$1"
  id="$(cat "$T/out")"
  expect_exit 0 disclose assign "$id" --to li --as clerk1 --on "$1"
  printf '%s\n' "$id"
}

# _w_wd_add FROM N — the N-th working day after FROM, by the CLI.
_w_wd_add() {
  expect_exit 0 disclose calendar due "$1" "$2"
  cat "$T/out"
}

t_two_daemons_apply_each_lapse_once() {
  export DISCLOSE_TODAY=2024-03-04
  h_staff
  local i id ids=()
  # Thirty requests waiting for a third party, a supplement or a fee, all
  # consulted/noticed on 2024-03-04, so every hold has lapsed by June.
  for i in $(seq 1 30); do
    id="$(_w_request 2024-03-01)"
    case $((i % 3)) in
    0) expect_exit 0 disclose consult-third-party "$id" --as li --on 2024-03-04 --delivered-on 2024-03-04 ;;
    1) expect_exit 0 disclose request-supplement "$id" --note 请补充 --as li --on 2024-03-04 ;;
    2) expect_exit 0 disclose fee-notice "$id" --amount 100 --pages 40 --method volume --as li --on 2024-03-04 --delivered-on 2024-03-04 ;;
    esac
    ids+=("$id")
  done
  export DISCLOSE_TODAY=2024-06-03
  # Two daemons at once, plus a third pass racing them.
  disclosed --once 2>"$T/d1.err" &
  local p1=$!
  disclosed --once 2>"$T/d2.err" &
  local p2=$!
  expect_exit 0 disclosed --once
  wait "$p1" || fail "first daemon failed: $(cat "$T/d1.err")"
  wait "$p2" || fail "second daemon failed: $(cat "$T/d2.err")"
  expect_eq "$(sql "SELECT count(*) FROM request_events WHERE action = 'lapse'")" 30 \
    "one lapse event per request"
  expect_eq "$(sql "SELECT count(*) FROM (SELECT request_id FROM request_events
                    WHERE action = 'lapse' GROUP BY request_id HAVING count(*) > 1) x")" 0 \
    "no request lapsed twice"
  expect_eq "$(sql "SELECT count(*) FROM requests WHERE hold IS NOT NULL")" 0 "no hold left"
  expect_eq "$(sql "SELECT count(*) FROM requests WHERE state = 'withdrawn'
                    AND outcome = 'other.no_supplement'")" 10 "supplements lapsed"
  expect_eq "$(sql "SELECT count(*) FROM requests WHERE state = 'withdrawn'
                    AND outcome = 'other.fee_unpaid'")" 10 "fees lapsed"
  expect_eq "$(sql "SELECT count(*) FROM requests WHERE state = 'assigned'")" 10 \
    "consultations lapsed, clock resumed"
  # Every event history is contiguous: seq 1..version.
  expect_eq "$(sql "SELECT count(*) FROM requests r WHERE r.version <>
                    (SELECT count(*) FROM request_events e WHERE e.request_id = r.id)")" 0 \
    "versions equal event counts"
}

t_catch_up_dates_each_lapse_on_its_day() {
  export DISCLOSE_TODAY=2024-09-02
  h_staff
  local id start want ids=() wants=()
  # Consultations started on different days around National Day 2024; the
  # worker first runs in December, weeks after every window closed.
  for start in 2024-09-03 2024-09-20 2024-09-27 2024-09-29 2024-10-08; do
    export DISCLOSE_TODAY="$start"
    id="$(_w_request "$start")"
    expect_exit 0 disclose consult-agency "$id" --agency 区财政局 --as li --on "$start" --delivered-on "$start"
    want="$(_w_wd_add "$start" 15)"
    expect_exit 0 disclose show "$id" --json
    expect_eq "$(json .hold.lapses_on)" "$want" "lapses_on of a consultation from $start"
    ids+=("$id")
    wants+=("$want")
  done
  export DISCLOSE_TODAY=2024-12-02
  expect_exit 0 disclosed --once
  local k
  for k in "${!ids[@]}"; do
    expect_exit 0 disclose show "${ids[$k]}" --json
    # The lapse comes first; an overdue escalation may follow it.
    expect_eq "$(json '[.events[] | select(.action == "lapse")] | length')" 1 \
      "one lapse of ${ids[$k]}"
    expect_eq "$(json '.events[] | select(.action == "lapse") | .on')" "${wants[$k]}" \
      "lapse date of ${ids[$k]}"
    expect_eq "$(json '.events[] | select(.action == "lapse") | .actor')" system "lapse actor"
    expect_eq "$(json .hold)" null "hold after the lapse"
    # The paused span ends on the lapse day: 15 working days.
    expect_eq "$(json .paused_workdays)" 15 "paused working days of ${ids[$k]}"
  done
}

t_once_twice_changes_nothing() {
  export DISCLOSE_TODAY=2024-03-04
  h_staff
  local a b before
  a="$(_w_request 2024-03-01)"
  b="$(_w_request 2024-03-01)"
  expect_exit 0 disclose consult-third-party "$a" --as li --on 2024-03-04 --delivered-on 2024-03-04
  export DISCLOSE_TODAY=2024-05-06 # a lapsed, b overdue
  expect_exit 0 disclosed --once
  before="$(db_fingerprint)"
  expect_exit 0 disclosed --once
  expect_eq "$(db_fingerprint)" "$before" "a second pass for the same date"
  expect_exit 0 disclose show "$b" --json
  expect_eq "$(json '[.events[] | select(.action == "escalate")] | length')" 1 \
    "one escalation for a request found overdue"
  expect_eq "$(json '.events[-1].data.level')" overdue "its level"
}

t_escalations_due_soon_then_overdue() {
  # Received 2024-03-01 (Fri): due wd_add(2024-03-01, 20) = 2024-03-29.
  export DISCLOSE_TODAY=2024-03-01
  h_staff
  local id
  id="$(_w_request 2024-03-01)"
  expect_exit 0 disclose show "$id" --json
  expect_eq "$(json .due_on)" 2024-03-29 "due date"
  export DISCLOSE_TODAY=2024-03-15 # 10 working days left: nothing
  expect_exit 0 disclosed --once
  expect_eq "$(sql "SELECT count(*) FROM request_events WHERE action = 'escalate'")" 0 \
    "no escalation 10 working days ahead"
  export DISCLOSE_TODAY=2024-03-22 # 5 working days left: due soon
  expect_exit 0 disclosed --once
  expect_exit 0 disclosed --once
  expect_exit 0 disclose show "$id" --json
  expect_eq "$(json .due_soon)" true "due_soon flag"
  expect_eq "$(json '[.events[] | select(.action == "escalate")] | length')" 1 "one due-soon escalation"
  expect_eq "$(json '.events[-1].data.level')" due_soon "level"
  expect_eq "$(json '.events[-1].on')" 2024-03-22 "dated on the pass"
  export DISCLOSE_TODAY=2024-04-01 # past 2024-03-29: overdue
  expect_exit 0 disclosed --once
  expect_exit 0 disclosed --once
  expect_exit 0 disclose show "$id" --json
  expect_eq "$(json .overdue)" true "overdue flag"
  expect_eq "$(json .workdays_left)" -1 "one working day late"
  expect_eq "$(json '[.events[] | select(.action == "escalate")] | length')" 2 "two escalations in all"
  expect_eq "$(json '.events[-1].data.level')" overdue "level"
}

# _w_requests_read — index entries plus sequentially scanned rows of
# requests read so far, by the statistics server. A backend reports its
# counts when it ends, just before it leaves pg_stat_activity: wait for
# every other client of this database to be gone first.
_w_requests_read() {
  local i
  for i in $(seq 1 100); do
    [[ "$(sql "SELECT count(*) FROM pg_stat_activity WHERE datname =
               current_database() AND backend_type = 'client backend'
               AND pid <> pg_backend_pid()")" == 0 ]] && break
    sleep 0.1
  done
  sql "SELECT (SELECT coalesce(sum(idx_tup_read), 0) FROM pg_stat_user_indexes
               WHERE relname = 'requests')
            + (SELECT coalesce(seq_tup_read, 0) FROM pg_stat_user_tables
               WHERE relname = 'requests')"
}

t_pass_reads_only_what_it_acts_on() {
  # Received 2024-03-01 (Fri): due 2024-03-29; on Monday 2024-03-25 it is
  # due within 5 working days and gets its due-soon escalation.
  export DISCLOSE_TODAY=2024-03-01
  h_staff
  local id before after
  id="$(_w_request 2024-03-01)"
  # 3 000 open requests beside it that no pass on 2024-03-25 acts on:
  # escalated as due soon and due the same day (not overdue yet), escalated
  # as overdue long ago, and not escalated but due in June. They all sit in
  # the ranges of an index the pass walks (due date, escalation, calendar
  # generation); a pass that reads them to skip them costs as much as one
  # that acts on them.
  sql "INSERT INTO requests (agency_id, version, state, channel, form,
         received_on, clock_start, applicant_type, applicant_name,
         description, assignee, due_on, escalation, calendar_generation)
       SELECT agency_id, version, state, channel, form, received_on,
         clock_start, applicant_type, applicant_name, description, assignee,
         due_on + CASE g % 3 WHEN 0 THEN 0 WHEN 1 THEN -21 ELSE 91 END,
         CASE g % 3 WHEN 0 THEN 1 WHEN 1 THEN 2 ELSE 0 END,
         calendar_generation
       FROM requests, generate_series(1, 3000) g WHERE id = $id"
  sql "ANALYZE requests" # as autovacuum would (migration 0004)
  export DISCLOSE_TODAY=2024-03-25
  before="$(_w_requests_read)"
  expect_exit 0 disclosed --once
  after="$(_w_requests_read)"
  expect_exit 0 disclose show "$id" --json
  expect_eq "$(json '[.events[] | select(.action == "escalate")] | length')" 1 \
    "the one candidate escalated"
  expect_eq "$(json '.events[-1].data.level')" due_soon "its level"
  expect_eq "$(sql "SELECT count(*) FROM requests WHERE id <> $id AND version = 2
                    AND escalation = (CASE WHEN due_on < '2024-03-25' THEN 2
                    WHEN due_on > '2024-04-01' THEN 0 ELSE 1 END)")" 3000 \
    "the others left as they were"
  # The pass reads the candidate (its page, its write, the event's foreign
  # key) and the statistics worker a few entries: far fewer than the 1 000
  # requests of any one kind above.
  [[ $((after - before)) -lt 100 ]] ||
    fail "one pass read $((after - before)) index entries or rows of requests"
}

t_pages_through_many_requests_due_the_same_day() {
  # 451 requests received 2024-03-01 and due 2024-03-29, each with the same
  # history, and all computed with an older calendar (as a killed import
  # leaves them): every phase of a pass pages through them (200 a page),
  # keyed on one generation or one due date and then the id.
  export DISCLOSE_TODAY=2024-03-01
  h_staff
  local id gen
  id="$(_w_request 2024-03-01)"
  sql <<SQL
CREATE TEMP TABLE clones AS
  SELECT nextval(pg_get_serial_sequence('requests', 'id')) AS id
  FROM generate_series(1, 450);
INSERT INTO requests (id, agency_id, version, state, channel, form,
  received_on, clock_start, applicant_type, applicant_name, description,
  assignee, due_on, escalation, calendar_generation)
  OVERRIDING SYSTEM VALUE
  SELECT c.id, agency_id, version, state, channel, form, received_on,
    clock_start, applicant_type, applicant_name, description, assignee,
    due_on, escalation, calendar_generation
  FROM requests, clones c WHERE requests.id = $id;
INSERT INTO request_events (request_id, seq, action, state, actor, on_date,
  payload)
  SELECT c.id, e.seq, e.action, e.state, e.actor, e.on_date, e.payload
  FROM request_events e, clones c WHERE e.request_id = $id AND e.seq = 1;
INSERT INTO request_events (request_id, seq, action, state, actor, on_date,
  payload)
  SELECT c.id, e.seq, e.action, e.state, e.actor, e.on_date, e.payload
  FROM request_events e, clones c WHERE e.request_id = $id AND e.seq = 2;
UPDATE requests SET calendar_generation = 0;
SQL
  gen="$(sql "SELECT generation FROM calendar_state")"
  export DISCLOSE_TODAY=2024-03-25
  expect_exit 0 disclosed --once
  expect_eq "$(sql "SELECT count(*) FROM requests WHERE calendar_generation = $gen
                    AND due_on = '2024-03-29' AND escalation = 1")" 451 \
    "re-derived and escalated as due soon"
  export DISCLOSE_TODAY=2024-04-01
  expect_exit 0 disclosed --once
  expect_exit 0 disclosed --once
  expect_eq "$(sql "SELECT count(*) FROM requests WHERE escalation = 2")" 451 \
    "escalated as overdue"
  expect_eq "$(sql "SELECT string_agg(n::text, ',') FROM (SELECT count(*) AS n
                    FROM request_events WHERE action = 'escalate'
                    GROUP BY payload->>'level' ORDER BY 1) x")" 451,451 \
    "one escalation of each level per request"
  expect_eq "$(sql "SELECT count(*) FROM request_events WHERE action = 'escalate'
                    GROUP BY request_id HAVING count(*) <> 2")" "" \
    "two escalations for every request"
}

t_answer_on_its_date_after_an_overdue_escalation() {
  # The worker's bookkeeping is dated on its pass; staff may still record
  # an answer given before it. Received 2024-03-01, due 2024-03-29.
  export DISCLOSE_TODAY=2024-03-01
  h_staff
  local id
  id="$(_w_request 2024-03-01)"
  export DISCLOSE_TODAY=2024-04-02
  expect_exit 0 disclosed --once # writes the overdue escalation on 04-02
  expect_exit 0 disclose show "$id" --json
  expect_eq "$(json '.events[-1].action')" escalate "the escalation"
  expect_exit 0 disclose draft "$id" --outcome disclosed --as li --on 2024-03-27
  expect_exit 0 disclose review "$id" --approve --as wang --on 2024-03-28
  expect_exit 0 disclose answer "$id" --as clerk1 --on 2024-03-29 --json
  expect_eq "$(json .answered_on)" 2024-03-29 "answered on its due date"
  expect_eq "$(json .on_time)" true "on time"
  # But not before a real action: the review was on 2024-03-28.
  expect_exit 0 disclose publish "$id" --url https://example.gov.cn/a --as clerk1 --on 2024-03-29
}

t_submission_outside_the_calendar_is_a_gap() {
  export DISCLOSE_TODAY=2024-01-05
  h_staff
  sed 's/2023-03-01/2018-12-20/' "$FIXTURES/request_natural_person.json" >"$T/old.json"
  h_expect_error 8 calendar_gap 2018 disclose submit "$T/old.json" --as clerk1
}

t_import_keeps_a_loaded_year_beside_the_next_notice() {
  # A 2027 notice may fix days of late December 2026 (as the 2019 notice
  # fixed 2018-12-29 and 2018-12-31): they do not replace 2026.
  export DISCLOSE_TODAY=2026-12-01
  h_staff
  local before
  before="$(sql "SELECT count(*) FROM calendar_days WHERE day BETWEEN '2026-01-01' AND '2026-12-31'")"
  { cat "$FIXTURES/calendar_2027.csv"; echo '2026-12-26,workday,元旦'; } >"$T/c.csv"
  expect_exit 0 disclose calendar import "$T/c.csv" --as admin --json
  expect_eq "$(json '.years | map(tostring) | join(",")')" 2027 "only 2027 is replaced"
  expect_eq "$(sql "SELECT count(*) FROM calendar_days WHERE day BETWEEN '2026-01-01' AND '2026-12-31'")" \
    "$((before + 1))" "2026 keeps its rows and gains the new one"
  expect_exit 0 disclose calendar due 2026-12-25 1
  expect_eq "$(cat "$T/out")" 2026-12-26 "the make-up Saturday counts"
}
