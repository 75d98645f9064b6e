# shellcheck shell=bash
# The staff CLI over the network (issue 15, part 4): `disclose --server
# URL …` against a `disclosed --listen` connected as a daemon role, never
# the owner (the set-up is test_http_api.sh's, copied: staff with
# passwords, proved by PostgreSQL over TCP with SCRAM; each case's logins
# carry a suffix of its process id, since database roles are shared by the
# cluster's databases). Each member keeps the token store in a config home
# of their own, as on their own machine.

# shellcheck source=tests/integration/fixtures/helpers.sh
source "$(dirname "${BASH_SOURCE[0]}")/fixtures/helpers.sh"

R_PORT=""
R_PID=""
R_URL=""
R_ENGINE="" # the daemon's database role
# The cast: a clerk, a handler, a reviewer, a supervisor.
R_CLERK="" R_LI="" R_WANG="" R_BOSS=""

_r_cleanup() {
  local status=$?
  if [[ -n "$R_PID" ]]; then
    # SIGTERM drains (tested in test_daemon.sh and tests/http/); a daemon
    # still there after 15 s is killed and reported, so that a stuck drain
    # shows as a line in the case's output, not as the case's time-out.
    kill -TERM "$R_PID" 2>/dev/null || true
    local i
    for ((i = 0; i < 150; i++)); do
      kill -0 "$R_PID" 2>/dev/null || break
      sleep 0.1
    done
    if kill -0 "$R_PID" 2>/dev/null; then
      echo "warning: disclosed (pid $R_PID) did not stop 15 s after SIGTERM; killed" >&2
      kill -KILL "$R_PID" 2>/dev/null || true
    fi
    wait "$R_PID" 2>/dev/null || true
  fi
  exit "$status"
}

_r_free_port() {
  local p i
  for ((i = 0; i < 50; i++)); do
    p=$((20000 + RANDOM % 20000))
    if ! (exec 3<>"/dev/tcp/127.0.0.1/$p") 2>/dev/null; then
      echo "$p"
      return 0
    fi
  done
  fail "no free TCP port"
}

# _r_password LOGIN — the password this file gives LOGIN.
_r_password() { printf 'pw-%s-7Qx!' "$1"; }

# _r_start [DAEMON-ARGS...] — the cast with passwords, the business date
# pinned, and the daemon listening on a free port as a daemon role (plain
# http unless the arguments give it a certificate).
_r_start() {
  local s="$$" who db
  R_CLERK="clerk$s" R_LI="li$s" R_WANG="wang$s" R_BOSS="boss$s"
  db="$(sed -E 's/.*dbname=([^ ]+).*/\1/' <<<"$DISCLOSE_DB")"
  sql "INSERT INTO dsc_clock_override VALUES (true, '2026-03-16')
       ON CONFLICT (singleton) DO UPDATE SET today = EXCLUDED.today" >/dev/null
  expect_exit 0 disclose staff add "$R_CLERK" --name 王文员 --role clerk --as admin
  expect_exit 0 disclose staff add "$R_LI" --name 李四 --role handler --as admin
  expect_exit 0 disclose staff add "$R_WANG" --name 王五 --role reviewer --as admin
  expect_exit 0 disclose staff add "$R_BOSS" --name 主任 --role supervisor --as admin
  for who in "$R_CLERK" "$R_LI" "$R_WANG" "$R_BOSS"; do
    _r_password "$who" | expect_exit 0 disclose staff password "$who" --as admin
  done
  R_ENGINE="dsc_engine_$$_$RANDOM"
  sql "CREATE ROLE $R_ENGINE LOGIN IN ROLE disclose_app" >/dev/null
  R_PORT="$(_r_free_port)"
  R_URL="http://127.0.0.1:$R_PORT"
  trap _r_cleanup EXIT
  DISCLOSE_DB="$(h_as "$R_ENGINE")" \
    DISCLOSE_LOGIN_DB="host=127.0.0.1 port=${DSC_TEST_PGPORT:?} dbname=$db" \
    disclosed --listen "127.0.0.1:$R_PORT" "$@" 2>"$T/daemon.err" &
  R_PID=$!
  local i
  for ((i = 0; i < 100; i++)); do
    grep -qs 'listening' "$T/daemon.err" && return 0
    kill -0 "$R_PID" 2>/dev/null || break
    sleep 0.1
  done
  fail "the daemon did not listen: $(cat "$T/daemon.err")"
}

# rd WHO ARGS... — `disclose --server` on WHO's own machine: their config
# home (the token store) and no database at all.
rd() {
  local who="$1"
  shift
  # Bounded: a call that hangs fails its case with exit 124, by name.
  timeout 60 env -u DISCLOSE_DB XDG_CONFIG_HOME="$T/home-$who/.config" \
    disclose --server "$R_URL" "$@"
}

# ld WHO ARGS... — the in-process CLI connected as WHO's own database role
# (not the operator, whose events would say they acted on WHO's behalf).
ld() {
  local who="$1"
  shift
  DISCLOSE_DB="$(h_as "$who")" disclose "$@"
}

# _r_login WHO — WHO logs in (the password on standard input).
_r_login() {
  _r_password "$1" | expect_exit 0 rd "$1" login "$1"
}

# _r_store WHO — WHO's token store.
_r_store() { printf '%s/home-%s/.config/disclose/sessions' "$T" "$1"; }

# _r_fingerprint — db_fingerprint without the sessions and login attempts,
# which every call through the API touches (a session's idle expiry
# slides with its use).
_r_fingerprint() {
  local per_table
  per_table="$(sql "
    select string_agg(format(
        'select %L as t, coalesce(md5(string_agg(r::text, chr(10) order by r::text)), %L) as h from %I.%I r',
        table_schema || '.' || table_name, 'empty', table_schema, table_name),
        ' union all ' order by table_schema, table_name)
    from information_schema.tables
    where table_type = 'BASE TABLE'
      and table_schema not in ('pg_catalog', 'information_schema')
      and table_schema not like 'pg\_%'
      and table_name not in ('web_sessions', 'login_attempts')")"
  sql "select md5(string_agg(t || '=' || h, ',' order by t)) from ($per_table) s"
}

# _r_refused CODE KIND FIELD CMD... — h_expect_error with _r_fingerprint:
# CMD exits CODE with one stderr line `disclose: KIND: …` naming FIELD
# (skip with ""), prints nothing on stdout and writes nothing.
_r_refused() {
  local code="$1" kind="$2" field="$3" before
  shift 3
  before="$(_r_fingerprint)"
  expect_exit "$code" "$@"
  expect_eq "$(wc -l <"$T/err" | tr -d ' ')" 1 "stderr lines of: $*"
  expect_match "$(cat "$T/err")" "^disclose: ${kind}: .+"
  [[ -z "$field" ]] || grep -Fq -- "$field" "$T/err" ||
    fail "stderr of '$*' does not name $field: $(cat "$T/err")"
  [[ ! -s "$T/out" ]] || fail "a failed command printed on stdout: $(cat "$T/out")"
  expect_eq "$(_r_fingerprint)" "$before" "database changed by failed command: $*"
}

# _r_comparable — a show object without what differs between two
# requests with the same history: the id, the events' times, their
# sessions (an API call names its own, migrations/0022), and which of the
# applicant's applications of the month it is (a fee's arithmetic says;
# the two are the same applicant's).
_r_comparable() {
  jq -S 'del(.id) | .events |= map(del(.at)
    | if .data then .data |= del(.session) | if .data == {} then del(.data) else . end
      else . end
    | if .data.arithmetic then .data.arithmetic |= sub("application [0-9]+ of"; "application n of")
      else . end)' "$T/out"
}

t_login_keeps_the_token_for_the_user_alone() {
  _r_start
  local store tok
  store="$(_r_store "$R_CLERK")"
  # A permissive umask changes nothing: the directory is 0700, the file
  # 0600 from its creation.
  umask 022
  _r_login "$R_CLERK"
  expect_match "$(cat "$T/out")" "^logged in as $R_CLERK at $R_URL\$"
  expect_eq "$(stat -c %a "$(dirname "$store")")" 700 "the store's directory mode"
  expect_eq "$(stat -c %a "$store")" 600 "the store's mode"
  expect_eq "$(wc -l <"$store")" 1
  tok="$(awk -v u="$R_URL" '$1 == u { print $2 }' "$store")"
  [[ "$tok" =~ ^[A-Za-z0-9_-]{43}$ ]] || fail "no token for $R_URL in the store: $(cat "$store")"
  # It is the session the database opened, and the password went nowhere.
  expect_eq "$(sql "SELECT count(*) FROM web_sessions WHERE login = '$R_CLERK'
                    AND token_hash = sha256(convert_to('$tok', 'UTF8')) AND ended_at IS NULL")" 1
  grep -q "$(_r_password "$R_CLERK")" "$store" && fail "the password is in the store"
  expect_exit 0 rd "$R_CLERK" list --json
  expect_eq "$(json 'length')" 0
  # --json: what the server said of the session, without the token.
  _r_password "$R_CLERK" | expect_exit 0 rd "$R_CLERK" login "$R_CLERK" --json
  expect_eq "$(json .login)" "$R_CLERK"
  expect_eq "$(json 'has("token")')" false
  grep -q "$(awk '{ print $2 }' "$store")" "$T/out" && fail "--json printed the token"
  expect_eq "$(wc -l <"$store")" 1 "one line per server"
  # Readable or writable by the group or the world, or not a plain file:
  # refused (exit 5), and nothing is sent.
  local mode
  for mode in 640 604 620; do
    chmod "$mode" "$store"
    expect_exit 5 rd "$R_CLERK" list
    expect_match "$(cat "$T/err")" "^disclose: forbidden: session store: $store may be read or written by others \\(mode 0$mode\\)"
  done
  chmod 600 "$store"
  expect_exit 0 rd "$R_CLERK" list
  mv "$store" "$store.real"
  ln -s "$store.real" "$store"
  expect_exit 5 rd "$R_CLERK" list
  expect_match "$(cat "$T/err")" "is a symbolic link"
  rm "$store"
  mv "$store.real" "$store"
  # Another server's line is kept when this one's changes.
  printf 'https://other.example.gov.cn AAAA\n' >>"$store"
  _r_password "$R_CLERK" | expect_exit 0 rd "$R_CLERK" login "$R_CLERK"
  expect_eq "$(grep -c '^https://other.example.gov.cn AAAA$' "$store")" 1
  expect_eq "$(grep -c "^$R_URL " "$store")" 1
  expect_eq "$(stat -c %a "$store")" 600
  # Without XDG_CONFIG_HOME: ~/.config/disclose, made 0700 too.
  _r_password "$R_CLERK" | HOME="$T/plainhome" expect_exit 0 \
    env -u XDG_CONFIG_HOME disclose --server "$R_URL" login "$R_CLERK"
  expect_eq "$(stat -c %a "$T/plainhome/.config/disclose")" 700
  expect_eq "$(stat -c %a "$T/plainhome/.config/disclose/sessions")" 600
}

t_the_password_prompt_does_not_echo() {
  _r_start
  command -v script >/dev/null || fail "script (util-linux) is needed for a terminal"
  local pw
  pw="$(_r_password "$R_CLERK")"
  # A terminal of its own (script): the prompt, echo off, then the reply.
  (sleep 1; printf '%s\n' "$pw") |
    XDG_CONFIG_HOME="$T/home-tty/.config" script -qec \
      "disclose --server $R_URL login $R_CLERK" /dev/null >"$T/tty.out" 2>&1 ||
    fail "login on a terminal failed: $(cat "$T/tty.out")"
  grep -q "password for $R_CLERK at $R_URL:" "$T/tty.out" || fail "no prompt: $(cat "$T/tty.out")"
  grep -q "logged in as $R_CLERK" "$T/tty.out" || fail "not logged in: $(cat "$T/tty.out")"
  grep -qF -- "$pw" "$T/tty.out" && fail "the password was echoed: $(cat "$T/tty.out")"
  true
}

t_a_wrong_password_is_exit_15_and_stores_nothing() {
  _r_start
  echo 'not the password' | expect_exit 15 rd "$R_LI" login "$R_LI"
  expect_match "$(cat "$T/err")" '^disclose: unauthenticated: '
  [[ ! -s "$(_r_store "$R_LI")" ]] || fail "a token was stored: $(cat "$(_r_store "$R_LI")")"
  expect_eq "$(sql "SELECT count(*) FROM web_sessions")" 0
  # No password at all: a usage error, nothing asked of the server.
  expect_exit 2 rd "$R_LI" login "$R_LI" </dev/null
  expect_eq "$(sql "SELECT count(*) FROM login_attempts")" 1
  # Without a session, every command says to log in (exit 15).
  expect_exit 15 rd "$R_LI" list
  expect_match "$(cat "$T/err")" "^disclose: unauthenticated: session: not logged in at $R_URL: disclose --server $R_URL login\$"
}

t_logout_ends_the_session() {
  _r_start
  local tok store
  store="$(_r_store "$R_LI")"
  _r_login "$R_LI"
  tok="$(awk '{ print $2 }' "$store")"
  expect_exit 0 rd "$R_LI" logout
  expect_eq "$(cat "$T/out")" "logged out of $R_URL"
  expect_eq "$(grep -c . "$store" || true)" 0 "lines left in the store"
  expect_eq "$(stat -c %a "$store")" 600
  expect_eq "$(sql "SELECT ended_why FROM web_sessions WHERE login = '$R_LI'")" logout
  # Ended on the server, not only forgotten here.
  expect_eq "$(curl -s -o /dev/null -w '%{http_code}' -H "Authorization: Bearer $tok" "$R_URL/api/v1/session")" 401
  expect_exit 15 rd "$R_LI" list
  expect_exit 0 rd "$R_LI" logout
  expect_eq "$(cat "$T/out")" "not logged in at $R_URL"
  # A session ended by the server (an admin disabled the member, changed
  # their roles or password): the next command says to log in again.
  _r_login "$R_LI"
  expect_exit 0 disclose staff roles "$R_LI" --role handler --role clerk --as admin
  expect_exit 15 rd "$R_LI" list
  expect_match "$(cat "$T/err")" "^disclose: unauthenticated: session: the session at $R_URL has ended: log in again \\(disclose --server $R_URL login\\)\$"
  expect_exit 0 rd "$R_LI" logout
  expect_eq "$(grep -c . "$store" || true)" 0
}

t_as_is_refused_and_the_date_is_the_servers() {
  _r_start
  local id
  _r_login "$R_CLERK"
  _r_refused 2 usage "--as" rd "$R_CLERK" list --as "$R_CLERK"
  _r_refused 2 usage "--as" rd "$R_CLERK" submit "$FIXTURES/request_natural_person.json" --as "$R_LI"
  # DISCLOSE_TODAY is the operator's; the server's business date stands.
  jq -c 'del(.received_on)' "$FIXTURES/request_natural_person.json" >"$T/req.json"
  DISCLOSE_TODAY=2020-01-01 expect_exit 0 rd "$R_CLERK" submit "$T/req.json"
  id="$(cat "$T/out")"
  expect_exit 0 rd "$R_CLERK" show "$id" --json
  expect_eq "$(json .received_on)" 2026-03-16
  # --on is the action's date, as in-process.
  expect_exit 0 rd "$R_CLERK" submit "$T/req.json" --on 2026-03-12
  id="$(cat "$T/out")"
  expect_exit 0 rd "$R_CLERK" assign "$id" --to "$R_LI" --on 2026-03-13 --json
  expect_eq "$(json .received_on)" 2026-03-12
  expect_eq "$(json -c '[.events[].on]')" '["2026-03-12","2026-03-13"]'
  # An action's --json is the request as it now stands, as in-process.
  _r_comparable >"$T/acted"
  expect_exit 0 rd "$R_CLERK" show "$id" --json
  _r_comparable | diff -u - "$T/acted" >&2 || fail "assign --json is not the show object"
  _r_refused 3 invalid on rd "$R_CLERK" assign "$id" --to "$R_LI" --on 13/03/2026
  # DISCLOSE_SERVER stands for --server.
  XDG_CONFIG_HOME="$T/home-$R_CLERK/.config" DISCLOSE_SERVER="$R_URL" \
    expect_exit 0 env -u DISCLOSE_DB disclose show "$id" --json
  expect_eq "$(json .id)" "$id"
}

# The same steps on two requests received the same day, one through the
# API and one in-process, each by the members themselves: the same show
# object, the same lines, the same explanation.
t_the_lifecycle_over_the_network_equals_in_process() {
  _r_start
  local who
  for who in "$R_CLERK" "$R_LI" "$R_WANG" "$R_BOSS"; do _r_login "$who"; done
  # The steps are dated back to their day, within the agency's window.
  expect_exit 0 disclose agency set default --backdate-workdays 15 --as admin
  jq -c '.received_on = "2026-03-02"' "$FIXTURES/request_natural_person.json" >"$T/req.json"
  local -a steps=(
    "$R_CLERK|assign|--to $R_LI|2026-03-03"
    "$R_LI|request-supplement|--note 请说明所需信息的年份|2026-03-04"
    "$R_LI|supplement-received||2026-03-06"
    "$R_LI|consult-third-party|--note 涉及第三方|2026-03-09"
    "$R_LI|third-party-replied||2026-03-11"
    "$R_LI|fee-notice|--pages 300 --method volume|2026-03-11"
    "$R_LI|fee-paid||2026-03-12"
    "$R_BOSS|extend|--days 10 --reason 情况复杂|2026-03-12"
    "$R_LI|draft|--outcome partially_disclosed --text $FIXTURES/letter_partial.txt|2026-03-13"
    "$R_WANG|review|--reject --comment 请补充理由|2026-03-13"
    "$R_LI|draft|--outcome disclosed|2026-03-16"
    "$R_WANG|review|--approve|2026-03-16"
    "$R_CLERK|answer|--channel post|2026-03-16"
    "$R_CLERK|publish|--url https://example.gov.cn/open/1|2026-03-16"
  )
  local remote local_id step actor action args on kind
  expect_exit 0 rd "$R_CLERK" submit "$T/req.json" --on 2026-03-02
  remote="$(cat "$T/out")"
  expect_exit 0 ld "$R_CLERK" submit "$T/req.json" --on 2026-03-02
  local_id="$(cat "$T/out")"
  [[ "$remote" != "$local_id" ]] || fail "one request for both"
  for step in "${steps[@]}"; do
    IFS='|' read -r actor action args on <<<"$step"
    # shellcheck disable=SC2086 # args are words
    expect_exit 0 rd "$actor" "$action" "$remote" $args --on "$on"
    sed "s/^request $remote:/request N:/" "$T/out" >"$T/line.remote"
    # shellcheck disable=SC2086
    expect_exit 0 ld "$actor" "$action" "$local_id" $args --on "$on"
    sed "s/^request $local_id:/request N:/" "$T/out" >"$T/line.local"
    diff -u "$T/line.local" "$T/line.remote" >&2 || fail "$action printed another line over the network"
    for kind in remote local; do
      if [[ "$kind" == remote ]]; then
        expect_exit 0 rd "$actor" show "$remote" --json
      else
        expect_exit 0 ld "$actor" show "$local_id" --json
      fi
      _r_comparable >"$T/show.$kind"
    done
    diff -u "$T/show.local" "$T/show.remote" >&2 || fail "show --json differs after $action"
  done
  expect_eq "$(jq -r .state "$T/show.remote")" published
  # Every staff event of the remote request names its member's session.
  expect_eq "$(sql "SELECT count(*) FROM request_events e JOIN web_sessions w
                     ON w.id = (e.payload->>'session')::bigint AND w.login = e.actor
                    WHERE e.request_id = $remote")" \
    "$(sql "SELECT count(*) FROM request_events WHERE request_id = $remote AND actor <> 'system'")"
  # The human show and its explanation, line for line.
  expect_exit 0 rd "$R_CLERK" show "$remote"
  sed "s/#$remote /#N /" "$T/out" >"$T/show.txt.remote"
  expect_exit 0 ld "$R_CLERK" show "$local_id"
  sed "s/#$local_id /#N /" "$T/out" >"$T/show.txt.local"
  diff -u "$T/show.txt.local" "$T/show.txt.remote" >&2 || fail "show differs"
  expect_exit 0 rd "$R_CLERK" show "$remote" --explain
  sed "s/#$remote:/#N:/" "$T/out" >"$T/explain.remote"
  expect_exit 0 ld "$R_CLERK" show "$local_id" --explain
  sed "s/#$local_id:/#N:/" "$T/out" >"$T/explain.local"
  diff -u "$T/explain.local" "$T/explain.remote" >&2 || fail "show --explain differs"
  grep -q 'extension day' "$T/explain.remote" || fail "no extension in: $(cat "$T/explain.remote")"
  expect_exit 0 disclose verify
}

t_list_and_its_pages_over_the_network() {
  _r_start
  local i a b c
  _r_login "$R_CLERK"
  for i in 1 2 3; do
    expect_exit 0 rd "$R_CLERK" submit "$FIXTURES/request_natural_person.json"
  done
  a="$(sql "SELECT min(id) FROM requests")"
  b=$((a + 1)) c=$((a + 2))
  expect_exit 0 rd "$R_CLERK" assign "$b" --to "$R_LI"
  # Each filter, the same JSON as in-process (the operator's reading).
  local filter
  for filter in "" "--state assigned" "--assignee $R_LI" "--limit 2" "--limit 2 --after $b" "--due-within 30" "--overdue"; do
    # shellcheck disable=SC2086
    expect_exit 0 rd "$R_CLERK" list $filter --json
    jq -S . "$T/out" >"$T/list.remote"
    # shellcheck disable=SC2086
    expect_exit 0 ld "$R_CLERK" list $filter --json
    jq -S . "$T/out" >"$T/list.local"
    diff -u "$T/list.local" "$T/list.remote" >&2 || fail "list $filter differs"
  done
  expect_exit 0 rd "$R_CLERK" list --limit 2
  expect_match "$(cat "$T/out")" "^more: disclose list … --after $b\$"
  expect_eq "$(grep -c "^ *$c " "$T/out" || true)" 0
  expect_exit 0 rd "$R_CLERK" list --state assigned --json
  expect_eq "$(json -c '[.[].id]')" "[$b]"
  _r_refused 3 invalid limit rd "$R_CLERK" list --limit 0
}

# A refusal exits as it does in-process, with the same line.
t_refusals_exit_as_in_process() {
  _r_start
  local id lid
  for who in "$R_CLERK" "$R_LI" "$R_BOSS"; do _r_login "$who"; done
  expect_exit 0 rd "$R_CLERK" submit "$FIXTURES/request_natural_person.json"
  id="$(cat "$T/out")"
  expect_exit 0 ld "$R_CLERK" submit "$FIXTURES/request_natural_person.json"
  lid="$(cat "$T/out")"
  # _r_same CODE KIND WHO ARGS... — the command on both requests ({} for
  # the id): the same exit, the same stderr, nothing written.
  _r_same() {
    local code="$1" kind="$2" who="$3" err_remote
    shift 3
    _r_refused "$code" "$kind" "" rd "$who" "${@//\{\}/$id}"
    err_remote="$(sed -E "s/\\b$id\\b/N/g" "$T/err")"
    _r_refused "$code" "$kind" "" ld "$who" "${@//\{\}/$lid}"
    expect_eq "$err_remote" "$(sed -E "s/\\b$lid\\b/N/g" "$T/err")" "stderr of $*"
  }
  _r_same 6 conflict "$R_CLERK" answer {}                      # not yet drafted
  _r_same 5 forbidden "$R_CLERK" extend {} --days 10 --reason x # a supervisor's
  _r_same 4 not_found "$R_CLERK" assign {} --to nobody_such    # no such member
  _r_same 3 invalid "$R_CLERK" assign {} --to "$R_LI" --on 2026-03-13 # before it came
  _r_same 4 not_found "$R_CLERK" show 99999999
  _r_same 4 not_found "$R_CLERK" assign 99999999 --to "$R_LI"
  _r_same 7 statutory "$R_BOSS" extend {} --days 30 --reason x # over 20 days
  _r_same 2 usage "$R_CLERK" assign {}                         # checked before any call
  _r_same 3 invalid "$R_CLERK" draft {} --outcome nonsense
  printf '{"channel":"post"}' >"$T/bad.json"
  _r_same 3 invalid "$R_CLERK" submit "$T/bad.json"
}

# _r_norm FILE — a --json reply made comparable between the two sides:
# keys sorted, without ids, times, sessions, hashes and the applicant's
# place in the month (a fee's arithmetic says it), and with a letter's
# 文号 without its serial number.
_r_norm() {
  jq -S 'walk(if type == "object" then del(.id, .request_id, .at, .session, .sha256, .ordinal) else . end)
    | walk(if type == "string" then gsub("〔(?<y>[0-9]{4})〕[0-9]+号"; "〔\(.y)〕N号")
        | gsub("application [0-9]+ of"; "application n of") | gsub("本月第[0-9]+件"; "本月第n件")
      else . end)' "$1"
}

# The commands whose endpoints came after the first ones (fee-quote,
# appeal, appeal-decided, letter, deliver, list --undelivered, staff,
# agency): each run over the network and in-process by the same member
# on two requests with the same history, the same exit and, but for ids,
# times and sessions, the same --json.
t_the_other_commands_over_the_network_equal_in_process() {
  _r_start
  local adm="adm$$" who id lid aid="" laid=""
  expect_exit 0 disclose staff add "$adm" --name 管理员 --role admin --as admin
  _r_password "$adm" | expect_exit 0 disclose staff password "$adm" --as admin
  for who in "$R_CLERK" "$R_LI" "$R_WANG" "$R_BOSS" "$adm"; do _r_login "$who"; done
  # What the letters say of the agency (test_letters.sh's).
  local -a settings=(--full-name 南昌市青云谱区人民政府办公室 --short-name 青云谱公开
    --address 南昌市青云谱区井冈山大道1号 --phone 0791-88888888
    --seal-caption "（政府信息公开专用章）" --reconsideration-body 南昌市青云谱区人民政府
    --court 南昌市青云谱区人民法院 --fee-payment "户名：青云谱区财政局；账号：1234")
  local i
  for ((i = 0; i < ${#settings[@]}; i += 2)); do
    expect_exit 0 disclose agency set default "${settings[i]}" "${settings[i + 1]}" --as admin
  done
  expect_exit 0 rd "$R_CLERK" submit "$FIXTURES/request_natural_person.json"
  id="$(cat "$T/out")"
  expect_exit 0 ld "$R_CLERK" submit "$FIXTURES/request_natural_person.json"
  lid="$(cat "$T/out")"
  # _r_both WHO ARGS... — ARGS on both sides, {} the side's request, {a}
  # its appeal, {s} its new member, {g} its new agency, {n} its letter's
  # 文号; exit 0 on both, the same normalised output.
  _r_both() {
    local who="$1" side code_r out_r a
    shift
    for side in remote local; do
      local -a args=()
      for a in "$@"; do
        if [[ "$side" == remote ]]; then
          a="${a//\{\}/$id}" a="${a//\{a\}/$aid}" a="${a//\{s\}/s$$r}"
          a="${a//\{g\}/g$$r}" a="${a//\{n\}/${num_r:-}}"
        else
          a="${a//\{\}/$lid}" a="${a//\{a\}/$laid}" a="${a//\{s\}/s$$l}"
          a="${a//\{g\}/g$$l}" a="${a//\{n\}/${num_l:-}}"
        fi
        args+=("$a")
      done
      local code=0
      if [[ "$side" == remote ]]; then
        rd "$who" "${args[@]}" >"$T/out" 2>"$T/err" || code=$?
        code_r="$code"
        [[ "$code" == 0 ]] || fail "$* over the network: exit $code: $(cat "$T/err")"
        sed -E "s/\\bs$$r\\b/S/g; s/\\bg$$r\\b/G/g; s/^request $id:/request N:/" "$T/out" >"$T/both.remote"
      else
        ld "$who" "${args[@]}" >"$T/out" 2>"$T/err" || code=$?
        expect_eq "$code" "$code_r" "exit of $* over the network and in-process"
        sed -E "s/\\bs$$l\\b/S/g; s/\\bg$$l\\b/G/g; s/^request $lid:/request N:/" "$T/out" >"$T/both.local"
      fi
    done
    if jq -e . "$T/both.local" >/dev/null 2>&1; then
      out_r="$(_r_norm "$T/both.remote")"
      expect_eq "$out_r" "$(_r_norm "$T/both.local")" "--json of $*"
    else
      for side in r l; do
        sed -E 's/〔([0-9]{4})〕[0-9]+号/〔\1〕N号/g; s/application [0-9]+ of/application n of/g' \
          "$T/both.$([[ $side == r ]] && echo remote || echo local)" >"$T/both.$side"
      done
      diff -u "$T/both.l" "$T/both.r" >&2 || fail "$* printed otherwise over the network"
    fi
    cp "$T/both.remote" "$T/out"
  }
  local num_r="" num_l=""
  _r_both "$R_CLERK" fee-quote {} --pages 250 --json
  _r_both "$R_CLERK" fee-quote {} --pages 250 --method volume
  _r_both "$R_CLERK" assign {} --to "$R_LI"
  _r_both "$R_LI" draft {} --outcome disclosed
  _r_both "$R_WANG" review {} --approve
  _r_both "$R_CLERK" letter {} --kind answer --preview --json
  _r_both "$R_CLERK" letter {} --kind answer --json
  num_r="$(jq -r .number "$T/out")"
  expect_exit 0 ld "$R_CLERK" letter "$lid" --list --json
  num_l="$(jq -r '.[0].number' "$T/out")"
  [[ -n "$num_r" && "$num_r" != "$num_l" ]] || fail "no two letters: $num_r $num_l"
  _r_both "$R_CLERK" letter {} --list --json
  _r_both "$R_CLERK" letter {} --number "{n}" --json
  _r_both "$R_CLERK" letter {} --number "{n}" --format text
  _r_both "$R_CLERK" letter {} --number "{n}" --format html
  _r_both "$R_CLERK" list --undelivered 0 --json
  expect_eq "$(jq length "$T/out")" 2
  _r_both "$R_CLERK" answer {} --channel post
  _r_both "$R_CLERK" deliver {} --method post --tracking EMS1234567890 --json
  _r_both "$R_CLERK" list --undelivered 0 --json
  expect_eq "$(jq length "$T/out")" 0
  _r_both "$R_CLERK" appeal {} --kind reconsideration --json
  aid="$(jq -r .id "$T/out")"
  laid="$(sql "SELECT max(id) FROM appeals WHERE request_id = $lid")"
  _r_both "$R_CLERK" appeal-decided "{a}" --result upheld --json
  _r_both "$R_CLERK" appeal --general --kind litigation_direct --json
  _r_both "$adm" staff add "{s}" --name 赵敏 --role clerk --json
  _r_both "$adm" staff roles "{s}" --role clerk --role handler --json
  _r_both "$adm" staff disable "{s}"
  # Another's password, an admin's (standard input is read once per side).
  echo 'another one 5678' | expect_exit 0 rd "$adm" staff password "$R_WANG"
  cp "$T/out" "$T/pw.remote"
  echo 'another one 5678' | expect_exit 0 ld "$adm" staff password "$R_WANG"
  diff -u "$T/out" "$T/pw.remote" >&2 || fail "staff password printed otherwise"
  expect_eq "$(cat "$T/out")" "set the password of $R_WANG"
  _r_both "$adm" agency add "{g}" --name 青云谱区发展和改革委员会 --json
  _r_both "$adm" agency set "{g}" --backdate-workdays 5 --json
  _r_both "$adm" agency set "{g}" --supplement-reply-within 10 --json
  _r_both "$adm" agency set "{g}" --court 南昌市青云谱区人民法院 --json
  _r_both "$adm" agency set "{g}" --require-letter yes
  # Two refusals, with the in-process exit and nothing written: a decided
  # appeal (6) and a member who is not there (4).
  _r_refused 6 conflict "" rd "$R_CLERK" appeal-decided "$aid" --result corrected
  _r_refused 6 conflict "" ld "$R_CLERK" appeal-decided "$laid" --result corrected
  _r_refused 4 not_found "" rd "$adm" staff roles "nobody$$" --role clerk
  _r_refused 4 not_found "" ld "$adm" staff roles "nobody$$" --role clerk
}

t_commands_without_an_endpoint_say_so() {
  _r_start
  local cmd
  _r_login "$R_CLERK"
  for cmd in "calendar due 2026-03-16 5" "calendar import x.csv" "verify" "migrate"; do
    # shellcheck disable=SC2086
    _r_refused 2 usage "not available over the network: an operator's command" rd "$R_CLERK" $cmd
  done
  # One's own password goes through the session's endpoint, another's is
  # an admin's; the change ends one's sessions.
  echo 'a new one 1234' | _r_refused 5 forbidden "" rd "$R_CLERK" staff password "$R_LI"
  echo 'a new one 1234' | expect_exit 0 rd "$R_CLERK" staff password "$R_CLERK"
  expect_eq "$(cat "$T/out")" "set the password of $R_CLERK"
  expect_exit 15 rd "$R_CLERK" list
  echo 'a new one 1234' | expect_exit 0 rd "$R_CLERK" login "$R_CLERK"
  # login and logout are only for the network.
  _r_refused 2 usage "--server URL login" disclose login "$R_CLERK"
}

t_https_verifies_the_certificate() {
  command -v openssl >/dev/null || fail "openssl is needed to make a test CA"
  local ca="$T/ca" id
  mkdir -p "$ca"
  # A center's own CA, and the server's certificate for 127.0.0.1.
  timeout 60 openssl req -x509 -newkey rsa:2048 -nodes -days 2 -subj '/CN=Test Center CA' \
    -keyout "$ca/ca.key" -out "$ca/ca.pem" 2>/dev/null
  timeout 60 openssl req -newkey rsa:2048 -nodes -subj '/CN=127.0.0.1' \
    -keyout "$ca/server.key" -out "$ca/server.csr" 2>/dev/null
  printf 'subjectAltName=IP:127.0.0.1\n' >"$ca/ext"
  timeout 60 openssl x509 -req -in "$ca/server.csr" -CA "$ca/ca.pem" -CAkey "$ca/ca.key" \
    -CAcreateserial -days 2 -extfile "$ca/ext" -out "$ca/server.pem" 2>/dev/null
  _r_start --tls-cert "$ca/server.pem" --tls-key "$ca/server.key"
  R_URL="https://127.0.0.1:$R_PORT"
  # Not signed by a CA the system knows: refused before the password goes.
  _r_password "$R_CLERK" | expect_exit 10 rd "$R_CLERK" login "$R_CLERK"
  expect_match "$(cat "$T/err")" "^disclose: unavailable: tls: $R_URL: the server's certificate cannot be verified"
  expect_eq "$(sql "SELECT count(*) FROM login_attempts")" 0
  # With the center's CA.
  _r_password "$R_CLERK" | expect_exit 0 rd "$R_CLERK" login "$R_CLERK" --cacert "$ca/ca.pem"
  DISCLOSE_CACERT="$ca/ca.pem" expect_exit 0 rd "$R_CLERK" submit "$FIXTURES/request_natural_person.json"
  id="$(cat "$T/out")"
  expect_exit 0 rd "$R_CLERK" show "$id" --cacert "$ca/ca.pem"
  # The CA vouches for 127.0.0.1, not for "localhost".
  R_URL="https://localhost:$R_PORT"
  _r_password "$R_CLERK" | expect_exit 10 rd "$R_CLERK" login "$R_CLERK" --cacert "$ca/ca.pem"
  expect_match "$(cat "$T/err")" '^disclose: unavailable: tls: '
  _r_refused 3 invalid cacert rd "$R_CLERK" list --cacert "$ca/missing.pem"
  # Plain http goes to this machine only; no credentials in the URL.
  R_URL="http://desk.example.gov.cn"
  _r_refused 2 usage "use https" rd "$R_CLERK" list
  R_URL="https://u:p@127.0.0.1:$R_PORT"
  _r_refused 2 usage "server" rd "$R_CLERK" list
  R_URL="ftp://127.0.0.1:$R_PORT"
  _r_refused 2 usage "server" rd "$R_CLERK" list
  # Nothing listening: unavailable (exit 10).
  R_URL="http://127.0.0.1:$(_r_free_port)"
  _r_password "$R_CLERK" | _r_refused 10 unavailable "cannot be reached" rd "$R_CLERK" login "$R_CLERK"
}
