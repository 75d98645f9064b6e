# shellcheck shell=bash disable=SC2034 # REL_* results are read by the cases
# tests/reliability/lib.sh — helpers of the reliability cases (issue 6,
# parts 1–4). Sourced by each case file, which tests/integration/run.sh
# runs like an integration case: DISCLOSE_DB is a fresh copy of the
# migrated template, $T a private directory, and tests/integration/lib.sh's
# fail, sql, expect_eq... are loaded. Names start with `rel_` so CMake never
# takes them for cases.
#
# Private clusters: the outage and failover cases need servers they may
# stop. rel_cluster_start makes one under $REL_DIR (a short path in /tmp
# that the cluster's owner can reach; $T is root's alone) with
# ops/lib/pg.sh, and the EXIT trap installed by rel_init stops every one of
# them (immediate mode), kills every process started with rel_spawn, and
# removes $REL_DIR, however the case ends. The shared test cluster of
# ops/test is never stopped.

# shellcheck source=ops/lib/pg.sh
source "${DSC_SOURCE_DIR:?}/ops/lib/pg.sh"

REL_DIR=""
REL_PIDS=()
REL_DATA_DIRS=()
REL_STATUS=0
REL_SOCK=""
REL_LAST_PID=""
REL_PROBLEM=""

# rel_init — the EXIT trap; call first in every case (inside the case's
# subshell, so the trap is the case's own).
rel_init() {
  [[ -n "${REL_BIN:-}" && -x "$REL_BIN/rel_crash_driver" ]] ||
    fail "REL_BIN does not hold the reliability drivers: ${REL_BIN:-unset}"
  trap rel_cleanup EXIT
}

# shellcheck disable=SC2317 # invoked through the EXIT trap
rel_cleanup() {
  local status=$? pid data log
  for pid in "${REL_PIDS[@]}"; do
    kill -KILL "$pid" 2>/dev/null || true
  done
  for data in "${REL_DATA_DIRS[@]}"; do
    pg_as_owner "$(pg_bindir)/pg_ctl" -D "$data" -m immediate -w -t 30 stop \
      </dev/null >/dev/null 2>&1 || true
  done
  if [[ -n "$REL_DIR" ]]; then
    if [[ $status -ne 0 ]]; then
      for log in "$REL_DIR"/*.log; do
        [[ -f "$log" ]] || continue
        echo "---- last 15 lines of $(basename "$log") ----" >&2
        tail -n 15 "$log" >&2 || true
      done
    fi
    rm -rf "$REL_DIR"
  fi
  exit "$status"
}

# rel_now_ms — milliseconds since the epoch (the drivers' clock).
rel_now_ms() {
  date +%s%3N
}

# rel_sleep_ms MS
rel_sleep_ms() {
  sleep "$(printf '%d.%03d' $(($1 / 1000)) $(($1 % 1000)))"
}

# rel_spawn OUT ERR CMD... — starts CMD in the background with its stdout
# and stderr in the files OUT and ERR; its pid is in $REL_LAST_PID and the
# EXIT trap kills it if it still runs.
rel_spawn() {
  local out="$1" err="$2"
  shift 2
  "$@" >"$out" 2>"$err" </dev/null &
  REL_LAST_PID=$!
  REL_PIDS+=("$REL_LAST_PID")
}

# rel_reap PID — waits for PID (which rel_spawn started) and forgets it;
# its exit status is left in $REL_STATUS. (Not in $(...): a subshell can
# neither wait for our children nor change our variables.)
rel_reap() {
  local pid="$1" p
  local -a keep=()
  REL_STATUS=0
  # (stderr: bash's "Killed" notice for a job we killed on purpose)
  wait "$pid" 2>/dev/null || REL_STATUS=$?
  for p in "${REL_PIDS[@]}"; do
    [[ "$p" == "$pid" ]] || keep+=("$p")
  done
  REL_PIDS=("${keep[@]}")
}

# rel_wait_exit PID SECONDS — waits at most SECONDS for PID to end and
# leaves its exit status in $REL_STATUS; fails the case (after a SIGKILL)
# when it does not end in time.
rel_wait_exit() {
  local pid="$1" limit=$(($2 * 10)) i
  for ((i = 0; i < limit; i++)); do
    kill -0 "$pid" 2>/dev/null || break
    sleep 0.1
  done
  if kill -0 "$pid" 2>/dev/null; then
    kill -KILL "$pid" 2>/dev/null || true
    rel_reap "$pid"
    fail "process $pid did not end within $2 s"
  fi
  rel_reap "$pid"
}

# rel_psql CONNINFO SQL — runs SQL, prints the rows unaligned (| between
# columns); an SQL error fails the case.
rel_psql() {
  psql -XAtq -v ON_ERROR_STOP=1 -d "$1" -c "$2" </dev/null ||
    fail "sql failed on $1: $2"
}

# rel_staff LOGIN:ROLE... — adds the staff members through the CLI (as
# admin) on $DISCLOSE_DB.
rel_staff() {
  local spec
  for spec in "$@"; do
    expect_exit 0 disclose staff add "${spec%%:*}" --name "职员${spec%%:*}" \
      --role "${spec#*:}" --as admin
  done
}

# ---- private clusters ------------------------------------------------------

# rel_cluster_start NAME [-c name=value]... — initialises and starts the
# private cluster NAME (data $REL_DIR/NAME, socket directory
# $REL_DIR/NAME.s, log $REL_DIR/NAME.log) and leaves its socket directory
# in $REL_SOCK. A data directory that already holds a cluster (a base
# backup) is only configured and started. Not in $(...), for the trap's
# sake.
rel_cluster_start() {
  local name="$1"
  shift
  if [[ -z "$REL_DIR" ]]; then
    REL_DIR="$(mktemp -d /tmp/dsc-rel.XXXXXX)"
    chmod 755 "$REL_DIR"
    pg_chown_owner "$REL_DIR"
  fi
  REL_DATA_DIRS+=("$REL_DIR/$name")
  pg_init_start --nosync "$REL_DIR/$name" "$REL_DIR/$name.s" \
    "$REL_DIR/$name.log" "$@"
  REL_SOCK="$REL_DIR/$name.s"
}

# rel_pg_ctl NAME ARGS... — pg_ctl on the private cluster NAME as its owner.
rel_pg_ctl() {
  local name="$1"
  shift
  pg_as_owner "$(pg_bindir)/pg_ctl" -D "$REL_DIR/$name" "$@" </dev/null >/dev/null ||
    fail "pg_ctl $* failed on $name"
}

# ---- checks ----------------------------------------------------------------

# rel_check_history CONNINFO — the invariants every history must keep,
# checked twice: in SQL (rel_check_snapshots), and by rel_replay_check,
# which replays every request's events through the transition table and
# compares the result with the snapshot (see replay_check.c).
rel_check_history() {
  rel_check_snapshots "$1"
  rel_check_replay "$1"
}

# rel_check_snapshots CONNINFO — no request is half-changed: its events are
# numbered 1..n without a gap, its snapshot's version is n and its state
# the last event's, and no event belongs to no request.
rel_check_snapshots() {
  local conn="$1" bad
  bad="$(rel_psql "$conn" "
    select string_agg(r.id || ' (version ' || r.version || ', ' ||
                      coalesce(e.n, 0) || ' events, seq ' ||
                      coalesce(e.lo, 0) || '..' || coalesce(e.hi, 0) || ')',
                      ', ' order by r.id)
    from requests r
    left join (select request_id, count(*) n, min(seq) lo, max(seq) hi
               from request_events group by request_id) e
      on e.request_id = r.id
    where e.n is null or e.lo <> 1 or e.hi <> e.n or r.version <> e.n")"
  [[ -z "$bad" ]] || fail "histories with gaps or a wrong version: $bad"
  bad="$(rel_psql "$conn" "
    select string_agg(r.id || ' (' || r.state || ' but event ' || e.seq ||
                      ' says ' || e.state || ')', ', ' order by r.id)
    from requests r
    join request_events e on e.request_id = r.id and e.seq = r.version
    where e.state <> r.state")"
  [[ -z "$bad" ]] || fail "snapshots whose state is not their last event's: $bad"
  bad="$(rel_psql "$conn" "
    select string_agg(request_id || ' seq ' || seq, ', ')
    from request_events e
    where not exists (select 1 from requests r where r.id = e.request_id)")"
  [[ -z "$bad" ]] || fail "events of no request: $bad"
}

# rel_check_replay CONNINFO — exports staff, events and snapshots and runs
# rel_replay_check on them.
rel_check_replay() {
  local conn="$1" status=0
  local -a psql=(psql -XAtq -v ON_ERROR_STOP=1 -F $'\t' -d "$conn")
  "${psql[@]}" -c "select login, roles from staff order by login" \
    </dev/null >"$T/replay.staff" || fail "cannot export staff"
  "${psql[@]}" -c "select request_id, seq, action, state, actor, payload
                   from request_events order by request_id, seq" \
    </dev/null >"$T/replay.events" || fail "cannot export events"
  "${psql[@]}" -c "select id, version, state, hold, outcome, assignee, drafter
                   from requests order by id" \
    </dev/null >"$T/replay.snapshots" || fail "cannot export snapshots"
  "$REL_BIN/rel_replay_check" "$T/replay.staff" "$T/replay.events" \
    "$T/replay.snapshots" >"$T/replay.out" 2>&1 || status=$?
  if [[ $status -ne 0 ]]; then
    cat "$T/replay.out" >&2
    fail "the snapshots are not the replay of their events (status $status)"
  fi
  tail -n 1 "$T/replay.out" >&2
  # Self-test: a history whose first event records another state fails.
  awk -F '\t' -v OFS='\t' 'NR == 1 { $4 = "answered" } { print }' \
    "$T/replay.events" >"$T/replay.planted"
  status=0
  "$REL_BIN/rel_replay_check" "$T/replay.staff" "$T/replay.planted" \
    "$T/replay.snapshots" >"$T/replay.out" 2>&1 || status=$?
  [[ $status -eq 1 ]] ||
    fail "rel_replay_check took a planted state for good (status $status)"
}

# rel_missing_load_acks CONNINFO PREFIX LOG — prints every "ack N ID" line of
# a rel_load_driver LOG whose request ID, with the idempotency key
# PREFIX-N, is not in the database; nothing when all are there.
rel_missing_load_acks() {
  local conn="$1" prefix="$2" log="$3" values
  values="$(awk '$1 == "ack" && $2 ~ /^[0-9]+$/ && $3 ~ /^[0-9]+$/ {
                   printf "%s(%s,%s)", (n++ ? "," : ""), $2, $3 }' "$log")"
  [[ -n "$values" ]] || return 0
  rel_psql "$conn" "
    select 'ack ' || a.n || ' ' || a.id
    from (values $values) a(n, id)
    where not exists (select 1 from requests r
                      where r.id = a.id
                        and r.idempotency_key = '$prefix-' || a.n)
    order by a.n"
}

# rel_load_field LOG NAME — the value of NAME=... on the summary line.
rel_load_field() {
  sed -n "s/^summary .*\\b$2=\\([0-9]*\\).*/\\1/p" "$1"
}

# rel_check_load_log CONNINFO PREFIX LOG MAX_LATENCY_MS — the checks every
# load_driver log must pass: it ended with its summary, everything
# acknowledged is in the database, and no callback took longer than
# MAX_LATENCY_MS. Returns 1 with the reason in $REL_PROBLEM (call it with
# ||, it does not fail the case by itself). A planted line (an
# acknowledgement that never happened) must be caught by the same check:
# the check's own self-test, which fails the case when it is not.
rel_check_load_log() {
  local conn="$1" prefix="$2" log="$3" bound="$4" missing slow
  REL_PROBLEM=""
  missing="$(rel_missing_load_acks "$conn" "$prefix" "$log")"
  slow="$(awk -v b="$bound" '($1 == "ack" && $5 - $4 > b) ||
                             ($1 == "fail" && $5 - $4 > b)' "$log")"
  if ! grep -q '^summary ' "$log"; then
    REL_PROBLEM="$log has no summary line"
  elif grep -q '^hang ' "$log"; then
    REL_PROBLEM="$(grep '^hang ' "$log")"
  elif [[ -n "$missing" ]]; then
    REL_PROBLEM="$(wc -l <<<"$missing") acknowledged but not in the database: $(head -n 3 <<<"$missing" | tr '\n' ';')"
  elif [[ -n "$slow" ]]; then
    REL_PROBLEM="$(wc -l <<<"$slow") callbacks later than $bound ms, e.g. $(head -n 1 <<<"$slow") (n, kind, submitted, answered)"
  fi
  # Self-test: a lie in a copy of the log is found.
  cp "$log" "$T/planted.log"
  echo "ack 999999 999999999 0 0" >>"$T/planted.log"
  expect_eq "$(rel_missing_load_acks "$conn" "$prefix" "$T/planted.log" | tail -n 1)" \
    "ack 999999 999999999" "the check's self-test (planted ack)"
  [[ -z "$REL_PROBLEM" ]]
}
