# shellcheck shell=bash
# tests/reliability/db_outage.sh — issue 6 part 2: PostgreSQL stops for
# OUTAGE_S seconds under load. The engine must back off and come back on
# its own, lose nothing it acknowledged, never hang past a bound nor
# queue without bound, and the daemon must log the outage once, not once
# per retry.
#
# The case starts a private cluster (the shared one of ops/test is never
# stopped), migrates it, and runs against it:
#   - disclosed, its log in a file;
#   - rel_load_driver "wait": a daemon-like engine (fail_fast off) that
#     submits every 20 ms with an intake bound of 100;
#   - rel_load_driver "ff": a CLI-like engine (fail_fast on) that submits
#     every 50 ms.
# Then `pg_ctl stop -m fast`, OUTAGE_S seconds, `pg_ctl start`, a few more
# seconds of load, and SIGTERM to everyone. Every violation is listed
# before the case fails, not only the first.
#
# t_db_blip, below, is the short version: one terminated connection.

# shellcheck source=tests/reliability/lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

OUTAGE_S=10
# The intake bound of the waiting driver; it may hold at most twice that
# many submissions unanswered (the queue plus one batch in flight).
OUTAGE_MAX_QUEUED=100
# Per connection attempt; the fail-fast driver's submissions must be
# answered within it (and a second of slack) even while the server is away.
OUTAGE_CONNECT_MS=2000
# Backoff is capped at 5 s with ±25 % jitter (engine/pg/pgloop.c): once the
# server is back, the first acknowledgement must follow within this.
OUTAGE_RECOVERY_MS=9000
# In OUTAGE_S seconds a backoff from 100 ms doubling to 5 s makes about 7
# attempts; a retry loop without backoff would make hundreds.
OUTAGE_MAX_ATTEMPTS=14
OUTAGE_MAX_PAUSE_MS=7000

# _outage_acks_after LOG MS — how many submissions made at or after MS
# (epoch milliseconds) LOG acknowledges.
_outage_acks_after() {
  awk -v t="$2" '$1 == "ack" && $4 >= t { n++ } END { print n + 0 }' "$1"
}

# _outage_first_ack_after LOG MS — the callback time of the first
# acknowledgement of a submission made at or after MS, or nothing.
_outage_first_ack_after() {
  awk -v t="$2" '$1 == "ack" && $4 >= t { print $5; exit }' "$1"
}

# _outage_backoff_ok "T1 T2 ..." — the attempt times of one engine (ms)
# show a bounded, growing backoff: at least 2 attempts, at most
# OUTAGE_MAX_ATTEMPTS, each pause >= 3/4 of the previous one (unless the
# previous was already at the cap) and <= OUTAGE_MAX_PAUSE_MS. The reason
# is left in $REL_PROBLEM.
_outage_backoff_ok() {
  local -a t
  read -r -a t <<<"$1"
  local n=${#t[@]} k gap prev=0
  REL_PROBLEM=""
  if ((n < 2)); then
    REL_PROBLEM="$n connection attempts in ${OUTAGE_S} s: it did not retry"
    return 1
  fi
  if ((n > OUTAGE_MAX_ATTEMPTS)); then
    REL_PROBLEM="$n connection attempts in ${OUTAGE_S} s: no backoff"
    return 1
  fi
  for ((k = 1; k < n; k++)); do
    gap=$((t[k] - t[k - 1]))
    if ((gap > OUTAGE_MAX_PAUSE_MS)); then
      REL_PROBLEM="a pause of $gap ms between attempts (cap $OUTAGE_MAX_PAUSE_MS ms)"
      return 1
    fi
    if ((4 * gap < 3 * prev && prev < 3750)); then
      REL_PROBLEM="the pause shrank from $prev to $gap ms"
      return 1
    fi
    prev="$gap"
  done
}

t_db_outage() {
  rel_init
  local sock conn wait_pid ff_pid daemon_pid fake_pid t_stop t_start t_back i
  rel_cluster_start outage -c fsync=off
  sock="$REL_SOCK"
  conn="host=$sock dbname=disclose user=$DSC_PG_SUPERUSER"
  export DISCLOSE_DB="$conn"
  expect_exit 0 disclose migrate

  DISCLOSE_SWEEP_SECONDS=1 DISCLOSE_TODAY=2024-03-01 \
    rel_spawn "$T/daemon.out" "$T/daemon.log" disclosed
  daemon_pid="$REL_LAST_PID"
  rel_spawn "$T/wait.out" "$T/wait.err" "$REL_BIN/rel_load_driver" \
    "$T/wait.log" rel-wait --interval-ms 20 --max-queued "$OUTAGE_MAX_QUEUED" \
    --connect-timeout-ms "$OUTAGE_CONNECT_MS" --drain-ms 30000
  wait_pid="$REL_LAST_PID"
  rel_spawn "$T/ff.out" "$T/ff.err" "$REL_BIN/rel_load_driver" \
    "$T/ff.log" rel-ff --interval-ms 50 --fail-fast \
    --connect-timeout-ms "$OUTAGE_CONNECT_MS" --drain-ms 30000
  ff_pid="$REL_LAST_PID"
  for ((i = 0; i < 100; i++)); do
    grep -q 'database reachable' "$T/daemon.log" &&
      (($(_outage_acks_after "$T/wait.log" 0) >= 20)) &&
      (($(_outage_acks_after "$T/ff.log" 0) >= 10)) && break
    sleep 0.1
  done
  grep -q 'database reachable' "$T/daemon.log" ||
    fail "the daemon never reached the database: $(cat "$T/daemon.log")"
  (($(_outage_acks_after "$T/wait.log" 0) >= 20)) || fail "no load before the outage"
  (($(_outage_acks_after "$T/ff.log" 0) >= 10)) || fail "no fail-fast load before the outage"

  t_stop="$(rel_now_ms)"
  rel_pg_ctl outage -m fast -w -t 60 stop
  # While the server is away, a stand-in on its socket counts every
  # connection attempt, and who made it.
  rel_spawn "$T/fake.out" "$T/fake.err" "$REL_BIN/rel_fake_server" \
    "$sock/.s.PGSQL.5432" "$T/attempts.log"
  fake_pid="$REL_LAST_PID"
  sleep "$OUTAGE_S"
  kill -TERM "$fake_pid"
  rel_wait_exit "$fake_pid" 10
  [[ "$REL_STATUS" == 0 ]] || fail "rel_fake_server: status $REL_STATUS: $(cat "$T/fake.err")"
  t_start="$(rel_now_ms)"
  pg_start "$REL_DIR/outage" "$REL_DIR/outage.log"
  t_back="$(rel_now_ms)"
  echo "db_outage: server stopped $t_stop, start $t_start, accepting $t_back" >&2
  # Load after the restart, from the same driver processes, and the
  # daemon's reconnection (its backoff may still run for a few seconds).
  for ((i = 0; i < OUTAGE_RECOVERY_MS / 100 + 50; i++)); do
    (($(_outage_acks_after "$T/wait.log" "$t_back") >= 20)) &&
      (($(_outage_acks_after "$T/ff.log" "$t_back") >= 10)) &&
      grep -q 'reachable again' "$T/daemon.log" && break
    sleep 0.1
  done
  kill -TERM "$wait_pid" "$ff_pid" "$daemon_pid"
  rel_wait_exit "$wait_pid" 40
  [[ "$REL_STATUS" == 0 ]] || fail "the waiting driver: status $REL_STATUS: $(cat "$T/wait.err")"
  rel_wait_exit "$ff_pid" 40
  [[ "$REL_STATUS" == 0 ]] || fail "the fail-fast driver: status $REL_STATUS: $(cat "$T/ff.err")"
  rel_wait_exit "$daemon_pid" 20
  [[ "$REL_STATUS" == 0 ]] || fail "disclosed: status $REL_STATUS: $(cat "$T/daemon.log")"
  echo "db_outage: waiting driver: $(cat "$T/wait.out")" >&2
  echo "db_outage: fail-fast driver: $(cat "$T/ff.out")" >&2
  {
    echo "db_outage: the daemon's log:"
    sed 's/^/  /' "$T/daemon.log"
    echo "db_outage: the engine log of the waiting driver, then the fail-fast one:"
    grep -h '^engine ' "$T/wait.log" "$T/ff.log" | sed 's/^/  /'
  } >&2

  # Every check runs and every violation is reported, not just the first.
  local -a bad=()
  local first odd most d
  # 1. It came back on its own, in time, in both drivers and the daemon.
  for d in wait ff; do
    first="$(_outage_first_ack_after "$T/$d.log" "$t_start")"
    if [[ -z "$first" ]]; then
      bad+=("$d driver: nothing submitted after the restart was acknowledged")
    elif ((first - t_back > OUTAGE_RECOVERY_MS)); then
      bad+=("$d driver: first acknowledgement $((first - t_back)) ms after the server was back (bound $OUTAGE_RECOVERY_MS ms)")
    fi
  done
  # 2. Nothing acknowledged is lost; no callback later than the bound:
  # the waiting driver's wait out the outage, the fail-fast driver's fail
  # "at once" (include/disclose/engine.h), that is within one connection
  # attempt.
  rel_check_load_log "$conn" rel-wait "$T/wait.log" $(((OUTAGE_S + 15) * 1000)) ||
    bad+=("waiting driver: $REL_PROBLEM")
  rel_check_load_log "$conn" rel-ff "$T/ff.log" $((OUTAGE_CONNECT_MS + 1000)) ||
    bad+=("fail-fast driver: $REL_PROBLEM")
  # 3. Refusals are the documented ones: unavailable (the connection went
  # away with the submission in flight, or fail-fast) or busy (the intake
  # queue is full); the waiting queue stays within its bound.
  odd="$(awk '($1 == "fail" && $3 != "unavailable") ||
              ($1 == "refused" && $3 != "busy")' "$T/wait.log" "$T/ff.log" | head -n 3)"
  [[ -z "$odd" ]] || bad+=("submissions refused for other reasons: $odd")
  most="$(rel_load_field "$T/wait.log" max_outstanding)"
  ((most <= 2 * OUTAGE_MAX_QUEUED)) ||
    bad+=("the waiting engine held $most submissions unanswered with max_queued=$OUTAGE_MAX_QUEUED: its queue is not bounded")
  # 4. The daemon logged the outage once and the recovery once: one line
  # about the lost database (the engine's, or a worker's failure), one
  # about its return, before it was told to stop.
  sed '/SIGTERM received/,$d' "$T/daemon.log" >"$T/daemon.running.log"
  d="$(grep -ciE 'unavailable|connection|database:' "$T/daemon.running.log" || true)"
  [[ "$d" == 1 ]] ||
    bad+=("the daemon's log reports the outage on $d lines, not 1")
  d="$(grep -ciE 'reachable again|recovered' "$T/daemon.running.log" || true)"
  [[ "$d" == 1 ]] ||
    bad+=("the daemon's log reports the recovery on $d lines, not 1")
  # 5. It backed off: every engine tried again (the daemon and both
  # drivers), but a handful of times in the outage, not in a tight loop;
  # the pauses grew (each at least 3/4 of the one before: doubling with
  # ±25 % jitter) up to the cap of 5 s + 25 %.
  echo "db_outage: connection attempts during the outage (ms after the stop, by pid):" >&2
  for pid in "$daemon_pid" "$wait_pid" "$ff_pid"; do
    d="$(awk -v p="$pid" -v t0="$t_stop" '$2 == p { printf "%s%d", (n++ ? " " : ""), $1 - t0 }' \
      "$T/attempts.log")"
    echo "  $pid: $d" >&2
    _outage_backoff_ok "$d" || bad+=("engine of pid $pid: $REL_PROBLEM (attempts at $d ms)")
  done
  # The backoff check's self-test: a tight retry loop, a single attempt
  # and a shrinking pause are all refused.
  ! _outage_backoff_ok "$(seq -s ' ' 0 50 1000)" || fail "backoff self-test: tight loop passed"
  ! _outage_backoff_ok "120" || fail "backoff self-test: one attempt passed"
  ! _outage_backoff_ok "0 1000 1100" || fail "backoff self-test: shrinking pause passed"
  # 6. The histories written across the outage are whole.
  rel_check_history "$conn"
  if ((${#bad[@]} > 0)); then
    printf 'db_outage: %s\n' "${bad[@]}" >&2
    fail "${#bad[@]} violation(s), listed above"
  fi
}

# A blip rather than an outage: the server stays up but the daemon's
# connection is terminated (pg_terminate_backend, as a DBA or a pooler
# would). The daemon reconnects at its first attempt, and its log must
# still say both things once: the database went away, and it is back.
# (The shared test cluster is fine here: only our backend is touched.)
t_db_blip() {
  rel_init
  local app="rel_blip_$$" pid i
  DISCLOSE_DB="$DISCLOSE_DB application_name=$app" DISCLOSE_SWEEP_SECONDS=1 \
    rel_spawn "$T/daemon.out" "$T/daemon.log" disclosed
  pid="$REL_LAST_PID"
  for ((i = 0; i < 100; i++)); do
    grep -q 'database reachable' "$T/daemon.log" && break
    sleep 0.1
  done
  grep -q 'database reachable' "$T/daemon.log" ||
    fail "the daemon never reached the database: $(cat "$T/daemon.log")"
  expect_eq "$(sql "select count(pg_terminate_backend(pid)) from pg_stat_activity
                    where application_name = '$app'")" 1 "daemon connections terminated"
  # Back within the first backoff step (100 ms ± 25 %), with margin.
  for ((i = 0; i < 50; i++)); do
    [[ "$(sql "select count(*) from pg_stat_activity where application_name = '$app'")" == 1 ]] &&
      break
    sleep 0.1
  done
  expect_eq "$(sql "select count(*) from pg_stat_activity where application_name = '$app'")" 1 \
    "daemon connections after the blip"
  sleep 1.5 # a sweep or two on the new connection
  kill -TERM "$pid"
  rel_wait_exit "$pid" 20
  [[ "$REL_STATUS" == 0 ]] || fail "disclosed: status $REL_STATUS: $(cat "$T/daemon.log")"
  sed 's/^/  /' "$T/daemon.log" >&2
  local -a bad=()
  local d
  d="$(grep -ciE 'unavailable|connection|database:' "$T/daemon.log" || true)"
  [[ "$d" == 1 ]] || bad+=("the daemon's log reports the blip on $d lines, not 1")
  d="$(grep -ciE 'reachable again|recovered' "$T/daemon.log" || true)"
  [[ "$d" == 1 ]] || bad+=("the daemon's log reports the recovery on $d lines, not 1")
  if ((${#bad[@]} > 0)); then
    printf 'db_blip: %s\n' "${bad[@]}" >&2
    fail "${#bad[@]} violation(s), listed above"
  fi
}
