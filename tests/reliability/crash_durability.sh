# shellcheck shell=bash
# tests/reliability/crash_durability.sh — issue 6 part 1: nothing the
# engine acknowledged is lost when its process dies, and a retried
# submission never duplicates.
#
# rel_crash_driver (crash_driver.c) works through a fixed plan — CRASH_N
# applications with keys rel-crash-<i>, each assigned, drafted, reviewed
# and answered through the C API — logging every acknowledgement to an
# fsynced ack log inside its callback. This script SIGKILLs it at a random
# moment, CRASH_KILLS times, and starts it again each time; every restart
# re-submits the whole plan with the same keys and goes on from the state
# the database reports. After every kill, everything in the ack log must be
# in the database and no request may be half-changed; at the end, after a
# last run to completion, the plan is there exactly once, fully answered,
# and every history is whole (replayed through the transition table).
# Once a run gets through the plan before its kill, later kills come
# sooner, inside the (shorter) runs that only re-submit and look.
#
# REL_SEED fixes the kill schedule (the seed is printed); REL_FAULT (see
# crash_driver.c) makes the driver lie, and the case must then fail.

# shellcheck source=tests/reliability/lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

CRASH_N=200
CRASH_KILLS=22
# A kill lands between CRASH_MIN_MS and CRASH_MAX_MS after the start (the
# upper bound shrinks to the length of a run that finished first).
CRASH_MIN_MS=20
CRASH_MAX_MS=900
# The driver's pace (see crash_driver.c): slow enough that the plan takes
# most of the kills to get through.
export REL_WINDOW=3 REL_PACE_MS=20

# _crash_complete LOG — the lines of LOG that were finished: SIGKILL may
# cut the driver's last write(2) short (at a page boundary), and a line
# without its newline was never acknowledged. (The next run cuts it off.)
_crash_complete() {
  if [[ -s "$1" && "$(tail -c 1 "$1" | od -An -tx1 | tr -d ' ')" != 0a ]]; then
    sed '$d' "$1"
  else
    cat "$1"
  fi
}

# _crash_missing LOG — prints each line of the ack LOG that the database
# does not bear out: "S i id" without request id under key rel-crash-i, or
# "A i id action" without such an event on request id.
_crash_missing() {
  local log="$1" subs acts
  _crash_complete "$log" >"$log.complete"
  subs="$(awk '$1 == "S" && NF == 3 { printf "%s(%s,%s)", (n++ ? "," : ""), $2, $3 }' "$log.complete")"
  acts="$(awk '$1 == "A" && NF == 4 { printf "%s(%s,%s,'\''%s'\'')", (n++ ? "," : ""), $2, $3, $4 }' "$log.complete")"
  local good='^(S [0-9]+ [0-9]+|A [0-9]+ [0-9]+ (assign|draft|review|answer|publish))$'
  if grep -Evq "$good" "$log.complete"; then
    fail "bad lines in $log: $(grep -Ev "$good" "$log.complete" | head -n 3)"
  fi
  [[ -n "$subs" ]] || subs="(null::int, null::bigint)"
  [[ -n "$acts" ]] || acts="(null::int, null::bigint, null::text)"
  sql "
    select line from (
      select 0 as k, s.i, 'S ' || s.i || ' ' || s.id as line
      from (select distinct * from (values $subs) v(i, id)) s
      where s.i is not null and not exists (
        select 1 from requests r
        where r.id = s.id and r.idempotency_key = 'rel-crash-' || s.i)
      union all
      select 1, a.i, 'A ' || a.i || ' ' || a.id || ' ' || a.action
      from (select distinct * from (values $acts) v(i, id, action)) a
      where a.i is not null and not exists (
        select 1 from request_events e
        where e.request_id = a.id and e.action = a.action)
    ) m order by k, i, line"
}

t_crash_durability() {
  rel_init
  local seed="${REL_SEED:-$(od -An -N2 -tu2 /dev/urandom | tr -d ' ')}"
  RANDOM="$seed"
  echo "crash_durability: seed $seed (REL_SEED=$seed repeats the kills)" >&2
  rel_staff clerk1:clerk li:handler wang:reviewer
  local log="$T/acks" drv="$REL_BIN/rel_crash_driver"
  local kills=0 rounds=0 finished=0 ms before after missing acts started elapsed
  local max_ms="$CRASH_MAX_MS"
  local -a progress=()
  : >"$log"
  while ((kills < CRASH_KILLS)); do
    ((++rounds <= 3 * CRASH_KILLS)) || fail "only $kills kills in $((rounds - 1)) runs"
    before="$(grep -c '^A' "$log" || true)"
    started="$(rel_now_ms)"
    rel_spawn "$T/drv.out" "$T/drv.err" "$drv" "$CRASH_N" "$log"
    ms=$((CRASH_MIN_MS + RANDOM % (max_ms - CRASH_MIN_MS)))
    rel_sleep_ms "$ms"
    if kill -KILL "$REL_LAST_PID" 2>/dev/null; then
      rel_reap "$REL_LAST_PID"
      # It may have ended on its own just before the signal.
      [[ "$REL_STATUS" == 137 || "$REL_STATUS" == 0 ]] ||
        fail "run $rounds ended with status $REL_STATUS: $(cat "$T/drv.err")"
      if [[ "$REL_STATUS" == 0 ]]; then
        finished=$((finished + 1))
      else
        kills=$((kills + 1))
      fi
    else
      rel_reap "$REL_LAST_PID"
      [[ "$REL_STATUS" == 0 ]] ||
        fail "run $rounds ended with status $REL_STATUS: $(cat "$T/drv.err")"
      finished=$((finished + 1))
    fi
    if [[ "$REL_STATUS" == 0 ]]; then
      # Done before the kill: the next kills come sooner, so that they
      # land inside the (now shorter) runs.
      elapsed=$(($(rel_now_ms) - started))
      ((elapsed - 10 < max_ms)) && max_ms=$((elapsed - 10))
      ((max_ms > CRASH_MIN_MS + 10)) || max_ms=$((CRASH_MIN_MS + 10))
    fi
    after="$(grep -c '^A' "$log" || true)"
    progress+=("$((after - before))@${ms}ms")
    # Whatever was acknowledged before the kill is in the database.
    missing="$(_crash_missing "$log")"
    [[ -z "$missing" ]] ||
      fail "after run $rounds (killed at $ms ms): acknowledged but missing: $(head -n 5 <<<"$missing")"
    # ... and no request is half-changed.
    rel_check_snapshots "$DISCLOSE_DB"
  done
  acts="$(grep -c '^A' "$log" || true)"
  echo "crash_durability: $kills kills in $rounds runs ($finished finished first);" \
    "$acts of $((4 * CRASH_N)) actions acknowledged by then;" \
    "actions acknowledged per run: ${progress[*]}" >&2
  # The last run is left to finish: the whole plan gets done.
  rel_spawn "$T/drv.out" "$T/drv.err" "$drv" "$CRASH_N" "$log"
  rel_wait_exit "$REL_LAST_PID" 90
  [[ "$REL_STATUS" == 0 ]] ||
    fail "the last run ended with status $REL_STATUS: $(cat "$T/drv.err")"
  expect_eq "$(cat "$T/drv.out")" "done $CRASH_N" "the last run's report"

  missing="$(_crash_missing "$log")"
  [[ -z "$missing" ]] || fail "acknowledged but missing: $(head -n 5 <<<"$missing")"
  # Every key once, each under the one id ever acknowledged for it.
  expect_eq "$(sql "select count(*) || ' ' || count(distinct idempotency_key)
                    from requests")" "$CRASH_N $CRASH_N" "requests and distinct keys"
  expect_eq "$(sql "select count(*) from requests
                    where idempotency_key !~ '^rel-crash-[0-9]+\$'")" 0 "requests of no key"
  expect_eq "$(awk '$1 == "S" { print $2, $3 }' "$log.complete" | sort -u | awk '{ print $1 }' | uniq -d | head -n 3)" "" \
    "keys acknowledged under two ids"
  # Every request fully answered, each step exactly once.
  expect_eq "$(sql "select count(*) from requests where state = 'answered' and version = 5")" \
    "$CRASH_N" "requests answered with 5 events"
  expect_eq "$(sql "select count(*) from (
                      select request_id, action from request_events
                      group by 1, 2 having count(*) <> 1) d")" 0 \
    "actions recorded twice on a request"
  rel_check_history "$DISCLOSE_DB"

  # The check itself can fail: a planted submission and a planted
  # transition in a copy of the log are both reported.
  local id0
  id0="$(sql "select id from requests where idempotency_key = 'rel-crash-0'")"
  cp "$log" "$T/planted"
  printf 'S %d 999999999\nA 0 %d publish\n' "$((CRASH_N + 1))" "$id0" >>"$T/planted"
  expect_eq "$(_crash_missing "$T/planted" | tr '\n' ';')" \
    "S $((CRASH_N + 1)) 999999999;A 0 $id0 publish;" "the check's self-test"
}
