# shellcheck shell=bash
# tests/reliability/concurrency_random.sh — issue 6 part 4: several
# processes drive random valid and invalid actions on the same hundred
# requests while the deadline worker (`disclosed --once`, over and over)
# applies lapses and escalations for a "today" late enough that holds
# lapse. Afterwards every history must be whole and lawful:
#
#   - events numbered 1..n without a gap, the snapshot's version n and its
#     state the last event's (SQL), and the snapshot the replay of the
#     events through the transition table (rel_replay_check);
#   - every final state one the table allows for these actions (received,
#     assigned, drafted, reviewed, answered, withdrawn), withdrawn only with
#     an outcome other.*;
#   - no hold lapsed twice (two lapse events naming the same hold and lapse
#     date); a request may lapse more than once only through separate holds
#     — a consultation that lapsed, then another — which the replay checks;
#   - no update lost and none invented: for every request, action and
#     actor, the events written by staff are exactly the actions the
#     drivers saw acknowledged;
#   - a second worker pass for the same day writes nothing.
#
# The drivers: CC_DRIVERS rel_random_driver processes (random_driver.c)
# and one loop of `disclose` CLI calls, all against the same ids.

# shellcheck source=tests/reliability/lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

CC_REQUESTS=100
CC_DRIVERS=3
CC_ACTIONS=400 # per C driver
CC_CLI_ACTIONS=80
# Simulated time, shared by the drivers (see random_driver.c), the CLI loop
# and the worker: a business day every REL_MS_PER_DAY ms from REL_DAY0,
# so that holds lapse while the drivers act (a consultation lapses after
# 15 working days, 2 to 3 seconds here).
export REL_DAY0=2024-05-06 REL_DAY_MAX=2024-07-31 REL_MS_PER_DAY=100

# _cc_today — the simulated business date now.
_cc_today() {
  local days=$((($(rel_now_ms) - REL_T0_MS) / REL_MS_PER_DAY)) max
  max=$((($(date -d "$REL_DAY_MAX" +%s) - $(date -d "$REL_DAY0" +%s)) / 86400))
  ((days <= max)) || days="$max"
  date -d "$REL_DAY0 + $days days" +%F
}

# _cc_pick WORD... — one of the words, at random.
_cc_pick() {
  local -a w=("$@")
  printf '%s\n' "${w[RANDOM % ${#w[@]}]}"
}

# _cc_cli_loop IDS LOG COUNT SEED — COUNT random actions through the CLI,
# logged like rel_random_driver's ("ok ID ACTION ACTOR ON", "err ID ACTION
# ACTOR KIND"), and "unexpected ..." for an exit code no refusal has.
_cc_cli_loop() {
  local ids_file="$1" log="$2" count="$3" k id action actor on rc kind today
  local -a ids args
  mapfile -t ids <"$ids_file"
  RANDOM="$4"
  for ((k = 0; k < count; k++)); do
    id="${ids[RANDOM % ${#ids[@]}]}"
    today="$(_cc_today)"
    on="$today"
    if ((RANDOM % 10 == 0)); then
      on="$(date -d "$REL_DAY0 + $((RANDOM % 30)) days" +%F)"
    fi
    case $((RANDOM % 9)) in
    0) action=assign actor=clerk1 args=(--to "$(_cc_pick li zhao wang)") ;;
    1) action=draft actor="$(_cc_pick li zhao)"
       args=(--outcome "$(_cc_pick disclosed withheld.state_secret other.other)") ;;
    2) action=review actor="$(_cc_pick wang chen li)"
       if ((RANDOM % 4)); then args=(--approve); else args=(--reject --comment 请补充依据); fi ;;
    3) action=answer actor="$(_cc_pick clerk1 sup)" args=() ;;
    4) action=withdraw actor=clerk1 args=() ;;
    5) action=request-supplement actor="$(_cc_pick li zhao sup)" args=(--note 请写明文件名称) ;;
    6) action=consult-third-party actor="$(_cc_pick li zhao sup)" args=(--delivered-on "$on") ;;
    7) action=third-party-replied actor="$(_cc_pick li zhao sup)" args=() ;;
    *) action=extend actor="$(_cc_pick sup sup li)"
       args=(--days "$((1 + RANDOM % 25))" --reason 需协调多个部门) ;;
    esac
    rc=0
    DISCLOSE_TODAY="$today" disclose "$action" "$id" "${args[@]}" \
      --as "$actor" --on "$on" >/dev/null 2>"$log.err" || rc=$?
    case "$rc" in
    0) echo "ok $id $action $actor $on" ;;
    3) kind=invalid ;;
    4) kind=not_found ;;
    5) kind=forbidden ;;
    6) kind=conflict ;;
    7) kind=statutory ;;
    *) echo "unexpected $id $action $actor exit $rc: $(head -c 300 "$log.err" | tr '\n' ' ')" ;;
    esac >>"$log"
    if [[ "$rc" =~ ^[34567]$ ]]; then
      echo "err $id $action $actor $kind" >>"$log"
    fi
  done
}

# _cc_ack_diff ACTS — every (request, action, actor) for which the "ok"
# lines of ACTS and the events written by staff (not `system`, not the
# submission) differ in number; nothing when they agree.
_cc_ack_diff() {
  local values
  values="$(awk '$1 == "ok" { n[$2 " " $3 " " $4]++ }
                 END { for (k in n) { split(k, f, " ");
                         printf "%s(%s,'\''%s'\'','\''%s'\'',%d)", (c++ ? "," : ""),
                                f[1], f[2], f[3], n[k] } }' "$1")"
  [[ -n "$values" ]] || fail "no action was acknowledged at all"
  sql "
    with acked(request_id, action, actor, n) as (values $values),
    written as (select request_id, action, actor, count(*) n from request_events
                where actor <> 'system' and action <> 'submit' group by 1, 2, 3)
    select string_agg(coalesce(a.request_id, w.request_id) || ' ' ||
                      coalesce(a.action, w.action) || ' by ' ||
                      coalesce(a.actor, w.actor) || ': acknowledged ' ||
                      coalesce(a.n, 0) || ', written ' || coalesce(w.n, 0), '; ')
    from acked a full join written w
      on w.request_id = a.request_id and w.action = a.action and w.actor = a.actor
    where coalesce(a.n, 0) <> coalesce(w.n, 0)"
}

t_concurrency_random() {
  rel_init
  local seed="${REL_SEED:-$(od -An -N2 -tu2 /dev/urandom | tr -d ' ')}"
  echo "concurrency_random: seed $seed (REL_SEED=$seed repeats the drivers' choices)" >&2
  rel_staff clerk1:clerk li:handler zhao:handler wang:reviewer chen:reviewer sup:supervisor
  REL_T0_MS="$(rel_now_ms)"
  export REL_T0_MS
  expect_exit 0 "$REL_BIN/rel_random_driver" submit "$CC_REQUESTS" "$T/ids"
  expect_eq "$(wc -l <"$T/ids")" "$CC_REQUESTS" "requests submitted"

  local -a pids=()
  local k pid alive runs=0 rc started
  local -a bad=()
  for ((k = 1; k <= CC_DRIVERS; k++)); do
    rel_spawn "$T/drv$k.out" "$T/drv$k.err" "$REL_BIN/rel_random_driver" act \
      "$T/ids" "$T/act$k.log" "$CC_ACTIONS" "$((seed * 10 + k))" 4
    pids+=("$REL_LAST_PID")
  done
  rel_spawn "$T/cli.out" "$T/cli.err" _cc_cli_loop "$T/ids" "$T/act0.log" \
    "$CC_CLI_ACTIONS" "$seed"
  pids+=("$REL_LAST_PID")
  # The deadline worker, pass after pass, for as long as anyone acts.
  started="$(rel_now_ms)"
  while :; do
    alive=0
    for pid in "${pids[@]}"; do
      kill -0 "$pid" 2>/dev/null && alive=1
    done
    ((alive)) || break
    (($(rel_now_ms) - started < 120000)) || fail "the drivers ran for more than 120 s"
    rc=0
    DISCLOSE_TODAY="$(_cc_today)" disclosed --once >/dev/null 2>>"$T/worker.log" || rc=$?
    runs=$((runs + 1))
    [[ "$rc" == 0 ]] ||
      bad+=("disclosed --once exited $rc (pass $runs): $(tail -n 1 "$T/worker.log")")
  done
  for pid in "${pids[@]}"; do
    rel_reap "$pid"
    [[ "$REL_STATUS" == 0 ]] || bad+=("a driver exited $REL_STATUS")
  done
  for ((k = 1; k <= CC_DRIVERS; k++)); do
    echo "concurrency_random: driver $k: $(cat "$T/drv$k.out") $(head -c 600 "$T/drv$k.err")" >&2
  done
  # One more pass; then a second for the same day must change nothing.
  export DISCLOSE_TODAY
  DISCLOSE_TODAY="$(_cc_today)"
  expect_exit 0 disclosed --once
  local events_before
  events_before="$(sql "select count(*) || ' ' || sum(version) from request_events e join requests r on r.id = e.request_id")"
  expect_exit 0 disclosed --once
  expect_eq "$(sql "select count(*) || ' ' || sum(version) from request_events e join requests r on r.id = e.request_id")" \
    "$events_before" "events and versions after a second pass for the same day"

  cat "$T"/act[0-9]*.log >"$T/acts"
  {
    echo "concurrency_random: $runs worker passes; answers by kind:"
    awk '{ k = ($1 == "ok") ? "ok" : ($1 == "err" ? $5 : $1); n[$3 " " k]++ }
         END { for (x in n) print "  " x, n[x] }' "$T/acts" | sort
    echo "concurrency_random: final states:"
    sql "select state || coalesce(' ' || outcome, '') || ': ' || count(*)
         from requests group by state, outcome order by 1" | sed 's/^/  /'
    echo "concurrency_random: events by action:"
    sql "select action || ': ' || count(*) from request_events group by action order by 1" |
      sed 's/^/  /'
  } >&2
  if grep -q '^unexpected' "$T/acts"; then
    grep '^unexpected' "$T/acts" | head -n 3 | sed 's/^/concurrency_random: CLI: /' >&2
    bad+=("CLI calls ended with an exit code no refusal has")
  fi

  # The histories: whole, replayable, lawful.
  rel_check_history "$DISCLOSE_DB"
  local odd
  odd="$(sql "select string_agg(id || ' ' || state || coalesce(' ' || outcome, ''), ', ')
              from requests
              where state not in ('received', 'assigned', 'drafted', 'reviewed',
                                  'answered', 'withdrawn')
                 or (state = 'withdrawn' and outcome not like 'other.%')
                 or (state = 'withdrawn' and outcome is null)")"
  [[ -z "$odd" ]] || bad+=("final states the table does not allow here: $odd")
  odd="$(sql "select string_agg(request_id || ' ' || (payload->>'hold') || ' ' ||
                                (payload->>'lapses_on') || ' x' || n, ', ')
              from (select request_id, payload->>'hold' h, payload->>'lapses_on' l,
                           min(payload::text)::jsonb payload, count(*) n
                    from request_events where action = 'lapse'
                    group by 1, 2, 3 having count(*) > 1) d")"
  [[ -z "$odd" ]] || bad+=("holds that lapsed twice: $odd")
  # No lost update, no invented one: staff events = acknowledged actions.
  odd="$(_cc_ack_diff "$T/acts")"
  [[ -z "$odd" ]] || bad+=("acknowledged actions and written events differ: $odd")
  # ... and that check sees a planted acknowledgement.
  cp "$T/acts" "$T/acts.planted"
  echo "ok $(head -n 1 "$T/ids") publish clerk1 $REL_DAY0" >>"$T/acts.planted"
  expect_match "$(_cc_ack_diff "$T/acts.planted")" "publish by clerk1: acknowledged 1, written 0"
  # The run did what it is for: the main line, holds, lapses and races.
  for k in assign draft review answer consult-third-party; do
    grep -q "^ok [0-9]* $k " "$T/acts" || bad+=("no $k was ever acknowledged: the mix is broken")
  done
  [[ "$(sql "select count(*) from request_events where action = 'lapse'")" != 0 ]] ||
    bad+=("no hold lapsed: the dates are wrong")
  grep -q ' conflict$' "$T/acts" || bad+=("no conflict at all: nothing raced")
  if ((${#bad[@]} > 0)); then
    {
      echo "concurrency_random: the worker's log (last 20 lines):"
      tail -n 20 "$T/worker.log" | sed 's/^/  /'
      printf 'concurrency_random: %s\n' "${bad[@]}"
    } >&2
    fail "${#bad[@]} violation(s), listed above"
  fi
}
