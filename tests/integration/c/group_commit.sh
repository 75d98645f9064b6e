# shellcheck shell=bash
# tests/integration/c/group_commit.sh — group commit through the public C
# API (issue 2). Each t_NAME() here is the ctest integration.c.NAME,
# registered by ../CMakeLists.txt and run by ../run.sh like every other
# integration case: its own copy of the migrated template in DISCLOSE_DB,
# its own $T, lib.sh's helpers. The C side is test_group_commit.c
# ($DSC_GC_BIN); the checks on the database are made here with psql,
# because no C file may make a blocking libpq call (tests/lint/banned.sh).
#
# xmin of a row is the id of the transaction that inserted it, so the
# requests of one transaction share one xmin, and a request's first event
# has its request's xmin when both were written by the same transaction.

# How many submissions each case makes.
GC_N=50

# _gc_run ARGS... — runs the C program with ARGS (its ids file is
# $T/ids) and expects exit 0; its summary line is left in $T/out.
_gc_run() {
  [[ -x "${DSC_GC_BIN:-}" ]] || fail "DSC_GC_BIN is not an executable: ${DSC_GC_BIN:-unset}"
  expect_exit 0 "$DSC_GC_BIN" "$@"
}

# _gc_ids — the recorded ids as a comma-separated list; fails unless they
# are distinct positive integers.
_gc_ids() {
  local lines distinct
  grep -Evq '^[1-9][0-9]*$' "$T/ids" && fail "ids file holds a non-id: $(head -c 300 "$T/ids")"
  lines="$(wc -l <"$T/ids" | tr -d ' ')"
  distinct="$(sort -u "$T/ids" | wc -l | tr -d ' ')"
  expect_eq "$distinct" "$lines" "distinct ids among the recorded ones"
  paste -sd, "$T/ids"
}

# _gc_expect_recorded N — the ids file holds exactly N ids.
_gc_expect_recorded() {
  expect_eq "$(wc -l <"$T/ids" | tr -d ' ')" "$1" "ids recorded by the callbacks"
}

# _gc_check_rows IDS N — the N requests IDS exist, each with its submit
# event (seq 1) written by the request's own transaction.
_gc_check_rows() {
  local ids="$1" n="$2"
  expect_eq "$(sql "select count(*) from requests where id in ($ids)")" "$n" \
    "requests found for the acknowledged ids"
  expect_eq "$(sql "select count(*) from requests r join request_events e
                      on e.request_id = r.id and e.seq = 1 and e.action = 'submit'
                    where r.id in ($ids) and e.xmin::text = r.xmin::text")" "$n" \
    "submit events written in their request's transaction"
}

# _gc_xacts IDS — how many transactions inserted the requests IDS.
_gc_xacts() {
  sql "select count(distinct xmin::text) from requests where id in ($1)"
}

# Every submission made in one loop turn is committed by one transaction,
# which holds exactly those requests and their events; each callback runs
# after that COMMIT. To make "after COMMIT" observable, a deferred
# constraint trigger (it runs at COMMIT, before the commit is visible)
# sleeps a second once per transaction: a callback made before COMMIT
# would come back in well under a second and the second connection of
# test_group_commit.c, asked at once, would not find its request.
t_group_commit_one_turn() {
  sql "
    create function gc_slow_commit() returns trigger language plpgsql as \$\$
    begin
      if current_setting('gc.slept', true) is distinct from 'yes' then
        perform set_config('gc.slept', 'yes', true);
        -- A notice is flushed to the client at once, and with it the
        -- statements' results the server held back until the Sync.
        raise notice 'gc_slow_commit: holding COMMIT for 1 s';
        perform pg_sleep(1);
      end if;
      return null;
    end \$\$;
    create constraint trigger gc_slow_commit after insert on requests
      deferrable initially deferred for each row
      execute function gc_slow_commit();"
  _gc_run one_turn "$GC_N" "$T/ids"
  expect_match "$(cat "$T/out")" "^acknowledged $GC_N observed $GC_N first_callback_ms [0-9]+\$"
  local ms ids xid
  ms="$(awk '{print $6}' "$T/out")"
  ((ms >= 1000)) || fail "first callback after ${ms} ms: it did not wait for the 1 s COMMIT"
  _gc_expect_recorded "$GC_N"
  ids="$(_gc_ids)"
  _gc_check_rows "$ids" "$GC_N"
  expect_eq "$(_gc_xacts "$ids")" 1 "transactions that inserted the $GC_N requests"
  # That transaction inserted these requests and events, and nothing else.
  xid="$(sql "select min(xmin::text) from requests where id in ($ids)")"
  expect_eq "$(sql "select count(*) from requests where xmin::text = '$xid'")" "$GC_N" \
    "requests of transaction $xid"
  expect_eq "$(sql "select count(*) from request_events where xmin::text = '$xid'")" "$GC_N" \
    "events of transaction $xid"
  expect_eq "$(count_rows requests)" "$GC_N" "requests in the database"
}

# The same submissions, each made only after the previous callback ran,
# are N transactions: the assertion of the case above can fail.
t_group_commit_many_turns() {
  _gc_run turns "$GC_N" "$T/ids"
  expect_match "$(cat "$T/out")" "^acknowledged $GC_N observed $GC_N first_callback_ms [0-9]+\$"
  _gc_expect_recorded "$GC_N"
  local ids
  ids="$(_gc_ids)"
  _gc_check_rows "$ids" "$GC_N"
  expect_eq "$(_gc_xacts "$ids")" "$GC_N" "transactions that inserted the $GC_N requests"
}

# Acknowledged means committed: test_group_commit submits 25 a turn for
# up to 20 turns (several batches in flight) and SIGKILLs itself right
# after recording (fsync) the 130th acknowledged id — in the middle of the
# sixth batch's callbacks, the engine never closed. Every recorded id is in
# the database with its event, and the recorded ones came from at most
# six transactions (a turn's submissions are never split). (The test
# cluster runs with fsync=off: this is about the client's death, not the
# server's.)
t_group_commit_ack_durable() {
  local per=25 rounds=20 kill_after=130 ids
  [[ -x "${DSC_GC_BIN:-}" ]] || fail "DSC_GC_BIN is not an executable: ${DSC_GC_BIN:-unset}"
  # 128 + SIGKILL (9).
  expect_exit 137 "$DSC_GC_BIN" durable "$per" "$T/ids" "$rounds" "$kill_after"
  _gc_expect_recorded "$kill_after"
  ids="$(_gc_ids)"
  _gc_check_rows "$ids" "$kill_after"
  local xacts
  xacts="$(_gc_xacts "$ids")"
  ((xacts >= 1 && xacts <= (kill_after + per - 1) / per)) ||
    fail "the $kill_after recorded requests came from $xacts transactions"
  # Committed but never acknowledged requests may exist; nothing else.
  local total
  total="$(count_rows requests)"
  ((total >= kill_after && total <= per * rounds)) ||
    fail "$total requests in the database after $kill_after acknowledgements"
}
