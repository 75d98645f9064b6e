# shellcheck shell=bash
# tests/integration/c/merged_actions.sh — staff actions of one loop turn
# share one read statement and one write statement (engine/ops/act.c,
# engine/pg/pgloop.h dsc__pg_batch_add_row), each still learning its own
# outcome, and actions on one request run one after the other. Each
# t_NAME() here is the ctest integration.c.NAME, registered by
# ../CMakeLists.txt and run by ../run.sh: its own copy of the migrated
# template in DISCLOSE_DB, its own $T, lib.sh's helpers. The C side is
# test_merged_actions.c ($DSC_MA_BIN); the checks on the database are made
# here with psql (no C file may make a blocking libpq call).
#
# xmin of a row is the transaction that wrote it and cmin the command
# within that transaction: rows written by one statement share both, rows
# of two statements of one transaction share only xmin.

MA_N=100

_ma_run() {
  [[ -x "${DSC_MA_BIN:-}" ]] || fail "DSC_MA_BIN is not an executable: ${DSC_MA_BIN:-unset}"
  expect_exit 0 "$DSC_MA_BIN" "$@"
}

_ma_handlers() {
  sql "insert into staff (login, name, roles) values
         ('li', '李四', array['handler']), ('zhao', '赵六', array['handler'])"
}

# _ma_ids — the ids of $T/ids as a comma-separated list.
_ma_ids() {
  paste -sd, "$T/ids"
}

# _ma_statements WHAT IDS — how many statements (transaction, command)
# wrote the WHAT events of the requests IDS.
_ma_statements() {
  sql "select count(distinct (xmin::text, cmin::text)) from request_events
        where action = '$1' and request_id in ($2)"
}

# A hundred assigns made in one loop turn are read by one execution of the
# merged read and written by one execution of the statement of several
# rows, which the server log shows (log_min_duration_statement = 0 for this
# database only: every execution of a prepared statement is logged as
# "execute NAME"); and the events share one transaction and one command.
t_one_read_and_one_write_per_turn() {
  [[ -r "${DSC_TEST_PGLOG:-}" ]] || fail "the test cluster's log is not readable: ${DSC_TEST_PGLOG:-unset}"
  _ma_handlers
  sql "do \$\$ begin
         execute format('alter database %I set log_min_duration_statement = 0',
                        current_database());
       end \$\$"
  local offset ids
  offset="$(stat -c %s "$DSC_TEST_PGLOG")"
  _ma_run assign "$MA_N" "$T/ids"
  expect_match "$(cat "$T/out")" "^ok $MA_N failed 0\$"
  tail -c +"$((offset + 1))" "$DSC_TEST_PGLOG" >"$T/log"
  expect_eq "$(grep -c 'execute dsc_action_read_many_v2' "$T/log")" 1 "merged reads executed"
  expect_eq "$(grep -c 'execute dsc_action_read_v2' "$T/log")" 0 "single reads executed"
  expect_eq "$(grep -c 'execute dsc_transition_many_v2' "$T/log")" 1 "writes of several rows executed"
  expect_eq "$(grep -c 'execute dsc_transition_v3' "$T/log")" 0 "single writes executed"
  ids="$(_ma_ids)"
  expect_eq "$(sql "select count(*) from requests
                    where id in ($ids) and version = 2 and state = 'assigned'
                      and assignee = 'li'")" "$MA_N" "requests assigned to li"
  expect_eq "$(sql "select count(*) from requests r join request_events e
                      on e.request_id = r.id and e.seq = 2 and e.action = 'assign'
                    where r.id in ($ids) and e.xmin::text = r.xmin::text
                      and e.payload->>'to' = 'li'")" "$MA_N" \
    "assign events written with their request's update"
  expect_eq "$(_ma_statements assign "$ids")" 1 "statements that wrote the assign events"
  expect_exit 0 disclose verify
}

# A concurrent change inside a write of several rows is a conflict for its
# own action only: another session changes request 42 (version 1 → 2) and
# holds its transaction open while the hundred assigns are read — they
# read version 1 — and written: the write waits for that transaction,
# then finds request 42 at version 2 and leaves it. Exactly that assign
# reports a conflict; the other 99 are written, by one statement; request
# 42 keeps the other session's change.
t_conflict_hits_only_its_own_action() {
  local victim=42 holder ids i
  _ma_handlers
  _ma_run submit "$MA_N" "$T/ids"
  grep -qx "$victim" "$T/ids" || fail "no request $victim among $(_ma_ids)"
  psql -XAtq -v ON_ERROR_STOP=1 -d "$DISCLOSE_DB" >"$T/holder.out" 2>&1 <<SQL &
begin;
update requests set version = 2, state = 'assigned', assignee = 'zhao'
 where id = $victim;
insert into request_events (request_id, seq, action, state, actor, on_date, payload)
values ($victim, 2, 'assign', 'assigned', 'admin', '2024-03-01', '{"to": "zhao"}');
select pg_sleep(4) as ma_holder;
commit;
SQL
  holder=$!
  for ((i = 0; i < 100; i++)); do
    [[ "$(sql "select count(*) from pg_stat_activity
               where datname = current_database() and state = 'active'
                 and query like '%pg_sleep(4) as ma_holder%'
                 and pid <> pg_backend_pid()")" == 1 ]] && break
    sleep 0.1
  done
  ((i < 100)) || fail "the other session never held request $victim"
  _ma_run reassign "$T/ids" li
  wait "$holder" || fail "the other session failed: $(cat "$T/holder.out")"
  expect_match "$(cat "$T/out")" "^ok $((MA_N - 1)) failed 1\$"
  expect_match "$(cat "$T/out")" "^result $victim conflict "
  expect_eq "$(grep -c '^result [0-9]* ok' "$T/out")" "$((MA_N - 1))" "assigns reported ok"
  ids="$(_ma_ids)"
  expect_eq "$(sql "select version || ' ' || assignee from requests where id = $victim")" \
    "2 zhao" "request $victim: the other session's change"
  expect_eq "$(sql "select count(*) from request_events where request_id = $victim")" 2 \
    "events of request $victim"
  expect_eq "$(sql "select count(*) from requests
                    where id in ($ids) and id <> $victim and version = 2
                      and assignee = 'li'")" "$((MA_N - 1))" "other requests assigned to li"
  expect_eq "$(sql "select count(distinct (xmin::text, cmin::text)) from request_events
                    where action = 'assign' and payload->>'to' = 'li'")" 1 \
    "statements that wrote the 99 assigns"
  expect_exit 0 disclose verify
}

# A row that makes the statement of several rows fail fails only its own
# action: a trigger refuses the update of request 42; the statement of a
# hundred rows fails (the server log shows the error with that statement),
# every action is written again on its own, and only the assign of request
# 42 fails, with the trigger's message.
t_failing_row_fails_only_its_own_action() {
  [[ -r "${DSC_TEST_PGLOG:-}" ]] || fail "the test cluster's log is not readable: ${DSC_TEST_PGLOG:-unset}"
  local victim=42 ids offset
  _ma_handlers
  _ma_run submit "$MA_N" "$T/ids"
  grep -qx "$victim" "$T/ids" || fail "no request $victim among $(_ma_ids)"
  sql "
    create function ma_refuse() returns trigger language plpgsql as \$\$
    begin
      if new.id = $victim and new.assignee = 'li' then
        raise exception 'ma_refuse: request % refused in %', new.id,
          current_database();
      end if;
      return new;
    end \$\$;
    create trigger ma_refuse before update on requests
      for each row execute function ma_refuse();"
  offset="$(stat -c %s "$DSC_TEST_PGLOG")"
  _ma_run reassign "$T/ids" li
  expect_match "$(cat "$T/out")" "^ok $((MA_N - 1)) failed 1\$"
  expect_match "$(cat "$T/out")" "^result $victim internal .*ma_refuse: request $victim refused"
  tail -c +"$((offset + 1))" "$DSC_TEST_PGLOG" >"$T/log"
  # The STATEMENT line that follows the refusal (after its CONTEXT, which
  # quotes the function's statement over several lines).
  awk -v pat="ma_refuse: request $victim refused in $(sql 'select current_database()')" \
    'index($0, pat) { seen = 1 } seen && /STATEMENT:/ { print; seen = 0 }' "$T/log" |
    grep -q 'STATEMENT:  SELECT n, seq FROM dsc_w_transition_many(' ||
    fail "the statement of several rows did not fail: $(grep -A2 ma_refuse "$T/log" | head -20)"
  ids="$(_ma_ids)"
  expect_eq "$(sql "select version || ' ' || state from requests where id = $victim")" \
    "1 received" "request $victim"
  expect_eq "$(sql "select count(*) from requests
                    where id in ($ids) and id <> $victim and version = 2
                      and assignee = 'li'")" "$((MA_N - 1))" "other requests assigned to li"
  expect_eq "$(sql "select count(*) from request_events where action = 'assign'")" \
    "$((MA_N - 1))" "assign events"
}

# Twenty requests, each assigned twice in one loop turn — to li, then to
# zhao: the second waits for the first, so both apply, in order (before,
# the second read the same version and lost to the version check).
t_same_request_twice_in_one_turn() {
  local n=20 ids
  _ma_handlers
  _ma_run sequence "$n" "$T/ids"
  expect_match "$(cat "$T/out")" "^ok $((2 * n)) failed 0\$"
  ids="$(_ma_ids)"
  expect_eq "$(sql "select count(*) from requests
                    where id in ($ids) and version = 3 and assignee = 'zhao'")" "$n" \
    "requests at version 3, assigned to zhao"
  expect_eq "$(sql "select count(*) from request_events a join request_events b
                      on b.request_id = a.request_id and b.seq = 3
                    where a.request_id in ($ids) and a.seq = 2
                      and a.action = 'assign' and a.payload->>'to' = 'li'
                      and b.action = 'assign' and b.payload->>'to' = 'zhao'")" "$n" \
    "requests assigned to li (seq 2), then to zhao (seq 3)"
  expect_exit 0 disclose verify
}

# An action after a lapse nobody applied writes the lapse and itself:
# two events of one request in one transaction. Made for a hundred
# requests in one turn, the lapses go as one statement of several rows and
# the assigns as a second one (a request is never written twice by one
# statement), in that order, in one transaction.
t_lapse_and_action_in_one_turn() {
  local ids
  _ma_handlers
  _ma_run lapse "$MA_N" "$T/ids"
  expect_match "$(cat "$T/out")" "^ok $MA_N failed 0\$"
  ids="$(_ma_ids)"
  expect_eq "$(sql "select count(*) from requests
                    where id in ($ids) and version = 5 and state = 'assigned'
                      and assignee = 'zhao' and hold is null")" "$MA_N" \
    "requests at version 5, assigned to zhao, no hold"
  expect_eq "$(sql "select count(*) from request_events l join request_events a
                      on a.request_id = l.request_id and a.seq = 5
                    where l.request_id in ($ids) and l.seq = 4
                      and l.action = 'lapse' and l.actor = 'system'
                      and l.on_date = '2024-03-22' and a.action = 'assign'
                      and a.on_date = '2024-04-15' and a.xmin::text = l.xmin::text")" \
    "$MA_N" "lapse (seq 4) then assign (seq 5), in one transaction"
  expect_eq "$(_ma_statements lapse "$ids")" 1 "statements that wrote the lapses"
  expect_eq "$(sql "select count(distinct (xmin::text, cmin::text)) from request_events
                    where request_id in ($ids) and seq = 5")" 1 \
    "statements that wrote the assigns after them"
  expect_exit 0 disclose verify
}

# _ma_pids STATEMENT — the server processes that executed STATEMENT in
# $T/log, one a line, sorted (the log line prefix is "%m [%p] ").
_ma_pids() {
  grep -oE "\[[0-9]+\] LOG:  duration: [0-9.]+ ms  execute $1:" "$T/log" |
    grep -oE '^\[[0-9]+\]' | sort
}

# A turn of more than a thousand actions is read and written in two groups
# of equal size on two connections (two server processes, two cores): two
# reads and two writes of several rows, each read and its write by the
# same process, each write one transaction. Every assign succeeds, and
# the engine closes both connections (the program exits cleanly).
t_a_busy_turn_uses_two_connections() {
  [[ -r "${DSC_TEST_PGLOG:-}" ]] || fail "the test cluster's log is not readable: ${DSC_TEST_PGLOG:-unset}"
  local n=1500 offset ids reads writes
  _ma_handlers
  sql "do \$\$ begin
         execute format('alter database %I set log_min_duration_statement = 0',
                        current_database());
       end \$\$"
  offset="$(stat -c %s "$DSC_TEST_PGLOG")"
  _ma_run assign "$n" "$T/ids"
  expect_match "$(cat "$T/out")" "^ok $n failed 0\$"
  tail -c +"$((offset + 1))" "$DSC_TEST_PGLOG" >"$T/log"
  reads="$(_ma_pids dsc_action_read_many_v2)"
  writes="$(_ma_pids dsc_transition_many_v2)"
  expect_eq "$(wc -l <<<"$reads" | tr -d ' ')" 2 "merged reads executed"
  expect_eq "$(sort -u <<<"$reads" | wc -l | tr -d ' ')" 2 "processes that read"
  expect_eq "$writes" "$reads" "processes that wrote (one write each, by the reader)"
  ids="$(_ma_ids)"
  expect_eq "$(sql "select count(*) from requests
                    where id in ($ids) and version = 2 and assignee = 'li'")" "$n" \
    "requests assigned to li"
  expect_eq "$(sql "select count(distinct xmin::text) || ' ' ||
                           count(distinct (xmin::text, cmin::text)) || ' ' || count(*)
                    from request_events where action = 'assign'")" "2 2 $n" \
    "transactions, statements and events of the assigns"
  expect_eq "$(sql "select min(c) || ' ' || max(c) from (select count(*) c
                    from request_events where action = 'assign'
                    group by xmin::text) g")" "750 750" "assigns per transaction"
  expect_exit 0 disclose verify
}

# Actions that arrive one per loop turn, as over HTTP, share commits:
# while two transactions of writes are in flight on the connection, the
# writes decided meanwhile wait and go together (engine/pg/pgloop.c,
# DSC_PG_MERGED_IN_FLIGHT). Two hundred assigns, one a turn, all succeed
# in far fewer transactions than assigns (without the wait: 191 of 200).
t_actions_one_per_turn_share_commits() {
  local n=200 tx
  _ma_handlers
  _ma_run trickle-assign "$n" "$T/ids"
  expect_match "$(cat "$T/out")" "^ok $n failed 0\$"
  expect_eq "$(sql "select count(*) from requests where version = 2
                    and assignee = 'li'")" "$n" "requests assigned to li"
  tx="$(sql "select count(distinct xmin::text) from request_events
             where action = 'assign'")"
  ((tx <= n / 2)) || fail "$n assigns, one a turn, took $tx transactions (at most $((n / 2)) expected)"
  expect_exit 0 disclose verify
}

# An engine with the connections option 2 (a daemon's) sends groups of
# submissions to the less busy of two connections, opened when the first
# is busy: a hundred submissions, one a loop turn, are written by two
# server processes; with the default option, by one. A trigger of this
# test's database records the process of every statement that inserts
# requests (not the server log, which cases running at the same time
# share).
t_submissions_spread_over_two_connections() {
  local n=100
  sql "create table ma_pids (pid int);
       grant insert on ma_pids to public;
       create function ma_pid() returns trigger language plpgsql as \$\$
       begin
         insert into ma_pids values (pg_backend_pid());
         return null;
       end \$\$;
       create trigger ma_pid after insert on requests
         for each statement execute function ma_pid();"
  _ma_run trickle-submit "$n" "$T/ids"
  expect_match "$(cat "$T/out")" "^ok $n failed 0\$"
  expect_eq "$(sql "select count(distinct pid) from ma_pids")" 1 \
    "processes that submitted (default options)"
  sql "truncate ma_pids"
  export DSC_MA_CONNECTIONS=2
  _ma_run trickle-submit "$n" "$T/ids2"
  unset DSC_MA_CONNECTIONS
  expect_match "$(cat "$T/out")" "^ok $n failed 0\$"
  expect_eq "$(sql "select count(distinct pid) from ma_pids")" 2 \
    "processes that submitted (connections 2)"
  expect_eq "$(sql "select count(*) from requests")" "$((2 * n))" "requests"
  expect_exit 0 disclose verify
}
