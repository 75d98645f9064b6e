# shellcheck shell=bash
# tests/integration/c/engine_paths.sh — the engine's concurrent paths
# through the public C API: staff actions decided in one loop turn share
# their commits (engine/pg/pgloop.h, dsc__pg_batch_set_mergeable), a failed
# shared transaction hurts only its guilty member, and submissions from
# other threads (dsc_request_submit_from_thread) are all committed, or
# turned away with DSC_BUSY beyond max_queued. (Two actions on one request
# in one turn: merged_actions.sh.) Each t_NAME() here is the ctest
# integration.c.NAME, registered by ../CMakeLists.txt and run by ../run.sh
# like every other integration case: its own copy of the migrated template
# in DISCLOSE_DB, its own $T, lib.sh's helpers. The C side is
# test_engine_paths.c ($DSC_EP_BIN); the checks on the database are made
# here with psql, because no C file may make a blocking libpq call
# (tests/lint/banned.sh).
#
# xmin of a row is the id of the transaction that wrote it (inserted it, or
# its latest version), so the events written by one transaction share one
# xmin.

# Requests of the action cases.
EP_N=100

# _ep_run ARGS... — runs the C program with ARGS and expects exit 0; its
# output is left in $T/out.
_ep_run() {
  [[ -x "${DSC_EP_BIN:-}" ]] || fail "DSC_EP_BIN is not an executable: ${DSC_EP_BIN:-unset}"
  expect_exit 0 "$DSC_EP_BIN" "$@"
}

# _ep_handlers — the handlers li and zhao, whom admin may assign.
_ep_handlers() {
  sql "insert into staff (login, name, roles) values
         ('li', '李四', array['handler']), ('zhao', '赵六', array['handler'])"
}

# _ep_ids [N] — the ids recorded in $T/ids (first column) as a
# comma-separated list; fails unless they are N (when given) distinct
# positive integers.
_ep_ids() {
  local lines distinct
  awk '{print $1}' "$T/ids" >"$T/idcol"
  grep -Evq '^[1-9][0-9]*$' "$T/idcol" && fail "ids file holds a non-id: $(head -c 300 "$T/ids")"
  lines="$(wc -l <"$T/idcol" | tr -d ' ')"
  distinct="$(sort -u "$T/idcol" | wc -l | tr -d ' ')"
  expect_eq "$distinct" "$lines" "distinct ids among the recorded ones"
  if [[ $# -gt 0 ]]; then
    expect_eq "$lines" "$1" "ids recorded by the callbacks"
  fi
  paste -sd, "$T/idcol"
}

# _ep_assign_xacts IDS — how many transactions wrote the assign events of
# the requests IDS.
_ep_assign_xacts() {
  sql "select count(distinct xmin::text) from request_events
        where action = 'assign' and request_id in ($1)"
}

# One hundred assigns decided in one loop turn are written by fewer than a
# hundred transactions: their writes are merged (and at least one commit
# holds them). Each callback runs only after its commit: a deferred
# constraint trigger holds every COMMIT of an assign 0.3 s, and after each
# callback test_engine_paths asks a second connection to show the request,
# which must already see it assigned. The snapshot's update and its event
# come from the same transaction.
t_merged_transitions_share_commits() {
  _ep_handlers
  sql "
    create function ep_slow_commit() returns trigger language plpgsql as \$\$
    begin
      if current_setting('ep.slept', true) is distinct from 'yes' then
        perform set_config('ep.slept', 'yes', true);
        -- A notice is flushed to the client at once, and with it any
        -- results the server held back until the Sync.
        raise notice 'ep_slow_commit: holding COMMIT for 0.3 s';
        perform pg_sleep(0.3);
      end if;
      return null;
    end \$\$;
    create constraint trigger ep_slow_commit after update on requests
      deferrable initially deferred for each row
      execute function ep_slow_commit();"
  _ep_run assign "$EP_N" "$T/ids"
  expect_match "$(cat "$T/out")" "^assigned $EP_N failed 0 observed $EP_N\$"
  local ids xacts
  ids="$(_ep_ids "$EP_N")"
  expect_eq "$(sql "select count(*) from request_events
                    where action = 'assign' and request_id in ($ids)")" "$EP_N" \
    "assign events"
  xacts="$(_ep_assign_xacts "$ids")"
  echo "merged_transitions_share_commits: $EP_N assign events written by $xacts transactions"
  ((xacts >= 1 && xacts < EP_N)) ||
    fail "the $EP_N assigns of one turn were written by $xacts transactions"
  expect_eq "$(sql "select count(*) from requests
                    where id in ($ids) and version = 2 and state = 'assigned'
                      and assignee = 'li'")" "$EP_N" "requests at version 2, assigned to li"
  expect_eq "$(sql "select count(*) from requests r join request_events e
                      on e.request_id = r.id and e.seq = 2 and e.action = 'assign'
                    where r.id in ($ids) and e.xmin::text = r.xmin::text
                      and e.state = 'assigned' and e.payload->>'to' = 'li'")" "$EP_N" \
    "assign events written in the transaction that updated their request"
  expect_eq "$(count_rows request_events)" "$((2 * EP_N))" "events in the database"
}

# The same hundred assigns, with a trigger that refuses the update of one
# request: exactly that assign fails (the trigger's message comes back,
# as an internal error), the other 99 succeed, and the refused request is
# untouched. A failed shared transaction is retried member by member.
t_merged_failure_isolated() {
  local victim=42 ids
  _ep_handlers
  sql "
    create function ep_refuse() returns trigger language plpgsql as \$\$
    begin
      if new.id = $victim then
        raise exception 'ep_refuse: request % refused', new.id;
      end if;
      return new;
    end \$\$;
    create trigger ep_refuse before update on requests
      for each row execute function ep_refuse();"
  _ep_run assign "$EP_N" "$T/ids" "$victim"
  expect_match "$(cat "$T/out")" "^assigned $((EP_N - 1)) failed 1 observed $EP_N\$"
  expect_eq "$(grep -c '^failure ' "$T/out")" 1 "failures reported"
  expect_match "$(cat "$T/out")" "^failure $victim internal: .*ep_refuse: request $victim refused"
  ids="$(_ep_ids "$EP_N")"
  [[ ",$ids," == *",$victim,"* ]] || fail "request $victim was not among those submitted: $ids"
  expect_eq "$(sql "select count(*) from request_events
                    where action = 'assign' and request_id in ($ids)")" "$((EP_N - 1))" \
    "assign events"
  expect_eq "$(sql "select count(*) from request_events
                    where action = 'assign' and request_id = $victim")" 0 \
    "assign events of request $victim"
  expect_eq "$(sql "select version || ' ' || state || ' ' || coalesce(assignee, '-')
                    from requests where id = $victim")" "1 received -" \
    "request $victim: version, state, assignee"
  expect_eq "$(sql "select count(*) from requests
                    where id in ($ids) and id <> $victim and version = 2
                      and state = 'assigned' and assignee = 'li'")" "$((EP_N - 1))" \
    "other requests at version 2, assigned to li"
  echo "merged_failure_isolated: $((EP_N - 1)) assign events written by $(_ep_assign_xacts "$ids") transactions"
}

# Four threads submit 500 applications each while the loop runs on the
# main thread: all 2000 acknowledged, with distinct ids, each the request
# of the idempotency key it was submitted with, each with its submit
# event. One invalid submission from a thread gets DSC_INVALID through its
# callback and writes nothing.
t_threaded_submissions() {
  local threads=4 per=500 total ids
  total=$((threads * per))
  _ep_run threads "$threads" "$per" "$T/ids"
  expect_match "$(cat "$T/out")" "^acknowledged $total invalid 1 busy 0 other 0\$"
  ids="$(_ep_ids "$total")"
  expect_eq "$(count_rows requests)" "$total" "requests in the database"
  expect_eq "$(sql "select count(distinct idempotency_key) from requests
                    where idempotency_key like 'ep-%'")" "$total" "distinct idempotency keys"
  local pairs
  pairs="$(awk '{printf "%s(%s, %s)", sep, $1, "\047" $2 "\047"; sep = ", "}' "$T/ids")"
  expect_eq "$(sql "select count(*) from requests r
                    join (values $pairs) k(id, ikey) on k.id = r.id
                    where r.idempotency_key = k.ikey")" "$total" \
    "acknowledged ids whose request carries the key submitted"
  expect_eq "$(sql "select count(*) from requests r join request_events e
                      on e.request_id = r.id and e.seq = 1 and e.action = 'submit'
                    where r.id in ($ids) and e.xmin::text = r.xmin::text")" "$total" \
    "submit events written in their request's transaction"
  expect_eq "$(sql "select count(*) from requests where idempotency_key = 'ep-0--1'")" 0 \
    "requests of the invalid submission"
  echo "threaded_submissions: $total requests written by $(sql "select count(distinct xmin::text) from requests") transactions"
}

# An engine with max_queued = 100, four threads submitting 1250 each as
# fast as they can, never waiting for a callback: some calls get DSC_BUSY
# (and no callback), the rest are acknowledged, and acknowledged + busy =
# 5000. Each thread's attempts come in ten bursts, each after the queue
# drained, so more than 100 are acknowledged in all unless the queue never
# gives its places back. Every acknowledged id exists and nothing else was
# written; at no time were more than 100 accepted submissions waiting for
# their callback. The peak RSS is printed.
t_threaded_backpressure() {
  local threads=4 per=1250 max=100 total out acked busy inflight hwm
  total=$((threads * per))
  _ep_run backpressure "$threads" "$per" "$max" "$T/ids"
  out="$(cat "$T/out")"
  expect_match "$out" "^attempts $total acknowledged [0-9]+ busy [0-9]+ other 0 max_inflight [0-9]+ vmhwm_kb -?[0-9]+\$"
  acked="$(awk '/^attempts/ {print $4}' "$T/out")"
  busy="$(awk '/^attempts/ {print $6}' "$T/out")"
  inflight="$(awk '/^attempts/ {print $10}' "$T/out")"
  hwm="$(awk '/^attempts/ {print $12}' "$T/out")"
  echo "threaded_backpressure: $acked acknowledged, $busy busy, at most $inflight in flight, VmHWM ${hwm} kB"
  expect_eq "$((acked + busy))" "$total" "acknowledged + busy"
  ((busy > 0)) || fail "no DSC_BUSY among $total submissions against max_queued $max"
  ((acked > max)) ||
    fail "only $acked acknowledged in ten bursts: the queue does not give its $max places back"
  ((inflight <= max)) || fail "$inflight accepted submissions awaited their callback at once (max_queued $max)"
  local ids
  ids="$(_ep_ids "$acked")"
  expect_eq "$(sql "select count(*) from requests where id in ($ids)")" "$acked" \
    "acknowledged ids in the database"
  expect_eq "$(count_rows requests)" "$acked" "requests in the database"
  local pairs
  pairs="$(awk '{printf "%s(%s, %s)", sep, $1, "\047" $2 "\047"; sep = ", "}' "$T/ids")"
  expect_eq "$(sql "select count(*) from requests r
                    join (values $pairs) k(id, ikey) on k.id = r.id
                    where r.idempotency_key = k.ikey")" "$acked" \
    "acknowledged ids whose request carries the key submitted"
}
