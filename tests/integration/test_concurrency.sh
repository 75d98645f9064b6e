# shellcheck shell=bash
# tests/integration/test_concurrency.sh — racing writers and the
# append-only history (DESIGN principles 1 and 2).

# shellcheck source=tests/integration/fixtures/helpers.sh
source "$(dirname "${BASH_SOURCE[0]}")/fixtures/helpers.sh"

# Two drafts of one assigned request by its handler, started together:
# draft is allowed only from `assigned`, so whichever commits second must
# find either a changed version or the state `drafted` — exactly one wins,
# the other is a conflict (6), and one draft event is written.
t_concurrent_transitions_one_wins() {
  export DISCLOSE_TODAY=2023-03-15
  h_staff
  local round id p1 p2 s1 s2
  for round in $(seq 1 20); do
    id="$(h_submit)"
    expect_exit 0 disclose assign "$id" --to li --as clerk1
    disclose draft "$id" --outcome disclosed --as li >"$T/d1.out" 2>"$T/d1.err" &
    p1=$!
    disclose draft "$id" --outcome withheld.state_secret --as li >"$T/d2.out" 2>"$T/d2.err" &
    p2=$!
    s1=0 s2=0
    wait "$p1" || s1=$?
    wait "$p2" || s2=$?
    expect_eq "$(printf '%s\n' "$s1" "$s2" | sort | tr '\n' ' ')" "0 6 " \
      "round $round exit codes ($(cat "$T/d1.err" "$T/d2.err"))"
    if [[ "$s1" == 6 ]]; then
      expect_match "$(cat "$T/d1.err")" '^disclose: conflict: '
    else
      expect_match "$(cat "$T/d2.err")" '^disclose: conflict: '
    fi
    expect_eq "$(sql "select count(*) from request_events where request_id = $id and action = 'draft'")" 1 \
      "round $round draft events"
    expect_eq "$(sql "select state || ' ' || version from requests where id = $id")" "drafted 3" \
      "round $round snapshot"
    # The snapshot's outcome is the winner's.
    local winner
    winner="$(sql "select payload->>'outcome' from request_events where request_id = $id and action = 'draft'")"
    expect_eq "$(sql "select outcome from requests where id = $id")" "$winner" "round $round outcome"
  done
}

# _cc_psql_refused SQL [MESSAGE] — the statement fails (psql exit non-zero)
# with the refusing trigger's message (default: the append-only one).
_cc_psql_refused() {
  local status=0
  psql -XAtq -v ON_ERROR_STOP=1 -d "$DISCLOSE_DB" -c "$1" >"$T/psql.out" 2>"$T/psql.err" </dev/null || status=$?
  [[ "$status" != 0 ]] || fail "the database accepted: $1"
  grep -q "${2:-append-only}" "$T/psql.err" || fail "'$1' failed for another reason: $(cat "$T/psql.err")"
}

t_events_are_append_only() {
  export DISCLOSE_TODAY=2023-03-15
  h_staff
  local id before
  id="$(h_submit)"
  h_to drafted "$id"
  before="$(sql "select md5(string_agg(e::text, ',' order by seq)) from request_events e")"
  expect_eq "$(count_rows request_events)" 3
  _cc_psql_refused "UPDATE request_events SET actor = 'admin'"
  _cc_psql_refused "UPDATE request_events SET payload = '{}' WHERE request_id = $id AND seq = 1"
  _cc_psql_refused "DELETE FROM request_events WHERE request_id = $id AND seq = 3"
  _cc_psql_refused "DELETE FROM request_events"
  _cc_psql_refused "TRUNCATE request_events CASCADE"
  # Requests are never removed either (migration 0007), so no event loses
  # its request.
  _cc_psql_refused "TRUNCATE requests CASCADE" 'never removed'
  _cc_psql_refused "DELETE FROM requests WHERE id = $id" 'never removed'
  _cc_psql_refused "DELETE FROM staff WHERE login = 'wang'" 'never removed'
  # The chain trigger refuses what the foreign keys refused, and a gap.
  _cc_psql_refused "INSERT INTO request_events (request_id, seq, action, state, actor, on_date) VALUES ($id + 1000, 1, 'submit', 'received', 'admin', '2023-03-15')" 'no such request'
  _cc_psql_refused "INSERT INTO request_events (request_id, seq, action, state, actor, on_date) VALUES ($id, 5, 'draft', 'drafted', 'admin', '2023-03-15')" 'event 4 is missing'
  _cc_psql_refused "INSERT INTO request_events (request_id, seq, action, state, actor, on_date) VALUES ($id, 4, 'draft', 'drafted', 'nobody', '2023-03-15')" 'no staff member nobody'

  # The sql helper itself reports the refusal as a failure.
  local status=0
  (sql "UPDATE request_events SET actor='x'") 2>/dev/null || status=$?
  expect_eq "$status" 1 "sql helper on a refused UPDATE"
  expect_eq "$(count_rows request_events)" 3
  expect_eq "$(sql "select md5(string_agg(e::text, ',' order by seq)) from request_events e")" "$before" \
    "events changed"
  # Appending still works.
  expect_exit 0 disclose review "$id" --approve --as wang
  expect_eq "$(count_rows request_events)" 4
}
