# The HTTP API (issue 15, docs/api.md): staff sessions the database checks,
# and the workflow over HTTP. Every case runs its own `disclosed --listen`
# connected as a daemon role (a member of disclose_app, like ops/up's
# disclose_engine), never as the owner: the owner is the operator, who may
# act for anyone, and would prove nothing. Passwords are proved by
# PostgreSQL over TCP with SCRAM (ops/test's cluster asks for one there).
# Staff logins are database roles, shared by the cluster's databases, so
# each case names its own (a suffix of its process id): cases running side
# by side never set each other's passwords.

# shellcheck source=tests/integration/fixtures/helpers.sh
source "$(dirname "${BASH_SOURCE[0]}")/fixtures/helpers.sh"

A_PORT=""
A_PID=""
A_DB=""
A_ENGINE="" # the daemon's database role
# The cast, with this case's suffix: a clerk, two handlers, a reviewer, a
# supervisor, an admin.
A_CLERK="" A_LI="" A_ZHAO="" A_WANG="" A_BOSS="" A_ADMIN=""

_a_cleanup() {
  local status=$?
  if [[ -n "$A_PID" ]]; then
    kill -TERM "$A_PID" 2>/dev/null || true
    wait "$A_PID" 2>/dev/null || true
  fi
  exit "$status"
}

_a_free_port() {
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

# _a_password LOGIN — the password this file gives LOGIN.
_a_password() { printf 'pw-%s-7Qx!' "$1"; }

# _a_start — the cast with passwords, the business date pinned, and the
# daemon listening on a free port as a daemon role.
_a_start() {
  local s="$$" who
  A_CLERK="clerk$s" A_LI="li$s" A_ZHAO="zhao$s" A_WANG="wang$s"
  A_BOSS="boss$s" A_ADMIN="adm$s"
  A_DB="$(sed -E 's/.*dbname=([^ ]+).*/\1/' <<<"$DISCLOSE_DB")"
  sql "INSERT INTO dsc_clock_override VALUES (true, '2026-03-16')
       ON CONFLICT (singleton) DO UPDATE SET today = EXCLUDED.today" >/dev/null
  expect_exit 0 disclose staff add "$A_CLERK" --name 王文员 --role clerk --as admin
  expect_exit 0 disclose staff add "$A_LI" --name 李四 --role handler --as admin
  expect_exit 0 disclose staff add "$A_ZHAO" --name 赵六 --role handler --as admin
  expect_exit 0 disclose staff add "$A_WANG" --name 王五 --role reviewer --as admin
  expect_exit 0 disclose staff add "$A_BOSS" --name 主任 --role supervisor --as admin
  expect_exit 0 disclose staff add "$A_ADMIN" --name 管理员 --role admin --as admin
  for who in "$A_CLERK" "$A_LI" "$A_ZHAO" "$A_WANG" "$A_BOSS" "$A_ADMIN"; do
    _a_password "$who" | expect_exit 0 disclose staff password "$who" --as admin
  done
  A_ENGINE="dsc_engine_$$_$RANDOM"
  sql "CREATE ROLE $A_ENGINE LOGIN IN ROLE disclose_app" >/dev/null
  A_PORT="$(_a_free_port)"
  trap _a_cleanup EXIT
  DISCLOSE_DB="$(h_as "$A_ENGINE")" \
    DISCLOSE_LOGIN_DB="host=127.0.0.1 port=${DSC_TEST_PGPORT:?} dbname=$A_DB" \
    disclosed --listen "127.0.0.1:$A_PORT" 2>"$T/daemon.err" &
  A_PID=$!
  local i
  for ((i = 0; i < 100; i++)); do
    grep -q 'listening' "$T/daemon.err" && return 0
    kill -0 "$A_PID" 2>/dev/null || break
    sleep 0.1
  done
  fail "the daemon did not listen: $(cat "$T/daemon.err")"
}

# api METHOD PATH [JSON] [CURL-ARGS...] — one request; the body lands in
# $T/out, the status in $T/status (and is printed).
api() {
  local method="$1" path="$2" body="${3:-}"
  shift 2
  [[ $# -gt 0 ]] && shift
  local -a args=(-sS -o "$T/out" -w '%{http_code}' -X "$method"
    "http://127.0.0.1:$A_PORT$path" "$@")
  if [[ -n "$body" ]]; then
    args+=(-H 'Content-Type: application/json' --data-binary "$body")
  fi
  curl "${args[@]}" >"$T/status" || fail "curl failed: $method $path"
  cat "$T/status"
}

# expect_status WANT METHOD PATH [JSON] [CURL-ARGS...]
expect_status() {
  local want="$1" got
  shift
  got="$(api "$@")"
  [[ "$got" == "$want" ]] ||
    fail "expected HTTP $want, got $got for $1 $2: $(head -c 600 "$T/out")"
}

# _a_login LOGIN — logs in and prints the token.
_a_login() {
  expect_status 201 POST /api/v1/session \
    "$(jq -cn --arg l "$1" --arg p "$(_a_password "$1")" '{login: $l, password: $p}')"
  json .token
}

bearer() { printf 'Authorization: Bearer %s' "$1"; }

# _a_counts — what a refused call must leave as it was.
_a_counts() {
  sql "SELECT (SELECT count(*) FROM request_events) || '/' ||
              (SELECT coalesce(sum(version), 0) FROM requests) || '/' ||
              (SELECT count(*) FROM appeals)"
}

# _a_request — the natural-person fixture, received on the pinned today.
_a_request() {
  jq -c '.received_on = "2026-03-16"' "$FIXTURES/request_natural_person.json"
}

# _a_submit TOKEN — registers it through the API; prints the id.
_a_submit() {
  expect_status 201 POST /api/v1/requests "$(_a_request)" -H "$(bearer "$1")"
  json .id
}

t_login_whoami_logout() {
  _a_start
  local tok
  expect_status 201 POST /api/v1/session \
    "$(jq -cn --arg l "$A_LI" --arg p "$(_a_password "$A_LI")" '{login: $l, password: $p}')" \
    -D "$T/headers"
  tok="$(json .token)"
  [[ "$tok" =~ ^[A-Za-z0-9_-]{43}$ ]] || fail "not a 256-bit token: $tok"
  expect_eq "$(json .login)" "$A_LI"
  expect_eq "$(json -c .roles)" '["handler"]'
  grep -qi "^set-cookie: disclose_session=$tok; Path=/; Max-Age=[0-9]*; HttpOnly; SameSite=Strict" "$T/headers" ||
    fail "no HttpOnly, SameSite=Strict cookie: $(cat "$T/headers")"
  # The database keeps the hash alone.
  expect_eq "$(sql "SELECT count(*) FROM web_sessions WHERE login = '$A_LI'
                    AND token_hash = sha256(convert_to('$tok', 'UTF8'))")" 1
  expect_eq "$(sql "SELECT count(*) FROM web_sessions WHERE encode(token_hash, 'escape') LIKE '%$tok%'")" 0
  expect_status 200 GET /api/v1/session "" -H "$(bearer "$tok")"
  expect_eq "$(json .login)" "$A_LI"
  expect_eq "$(json .today)" 2026-03-16
  expect_status 200 DELETE /api/v1/session "" -H "$(bearer "$tok")"
  expect_status 401 GET /api/v1/session "" -H "$(bearer "$tok")"
  expect_eq "$(json .error.kind)" unauthenticated
  expect_eq "$(sql "SELECT ended_why FROM web_sessions WHERE login = '$A_LI'")" logout
}

t_wrong_password_is_refused_and_recorded() {
  _a_start
  expect_status 401 POST /api/v1/session "{\"login\":\"$A_LI\",\"password\":\"nope\"}"
  expect_eq "$(json .error.kind)" unauthenticated
  expect_eq "$(json .error.field)" login
  # Unknown logins read the same: nobody learns who exists.
  local first
  first="$(json .error.message)"
  expect_status 401 POST /api/v1/session '{"login":"nobody_here","password":"nope"}'
  expect_eq "$(json .error.message)" "$first"
  expect_eq "$(sql "SELECT count(*) FROM web_sessions")" 0
  expect_eq "$(sql "SELECT string_agg(outcome, ',' ORDER BY id) FROM login_attempts")" refused,refused
  # Chinese on request.
  expect_status 401 POST /api/v1/session "{\"login\":\"$A_LI\",\"password\":\"nope\"}" \
    -H 'Accept-Language: zh-CN,zh;q=0.9'
  expect_eq "$(json .error.message)" 登录名或密码错误
}

t_the_20th_failed_login_is_refused_without_trying_the_password() {
  _a_start
  local i offset tried
  [[ -n "${DSC_TEST_PGLOG:-}" ]] || fail "DSC_TEST_PGLOG is needed to count the password checks"
  offset="$(stat -c %s "$DSC_TEST_PGLOG")"
  for ((i = 1; i <= 19; i++)); do
    expect_status 401 POST /api/v1/session "{\"login\":\"$A_LI\",\"password\":\"wrong$i\"}"
  done
  # The 20th, even with the right password: refused, and never tried.
  expect_status 429 POST /api/v1/session \
    "$(jq -cn --arg l "$A_LI" --arg p "$(_a_password "$A_LI")" '{login: $l, password: $p}')" \
    -D "$T/headers"
  expect_eq "$(json .error.kind)" throttled
  grep -qi '^retry-after: 60' "$T/headers" || fail "no Retry-After: $(cat "$T/headers")"
  sleep 0.5 # the server's log is written by another process
  tried="$(tail -c +"$((offset + 1))" "$DSC_TEST_PGLOG" |
    grep -c "password authentication failed for user \"$A_LI\"" || true)"
  expect_eq "$tried" 19 "password checks PostgreSQL made"
  expect_eq "$(sql "SELECT count(*) FROM web_sessions")" 0
  expect_eq "$(sql "SELECT count(*) FILTER (WHERE outcome = 'refused') || '/' ||
                           count(*) FILTER (WHERE outcome = 'throttled') FROM login_attempts")" 19/1
  # Another member is throttled too from the same address (per client).
  expect_status 429 POST /api/v1/session \
    "$(jq -cn --arg l "$A_WANG" --arg p "$(_a_password "$A_WANG")" '{login: $l, password: $p}')"
}

t_forged_and_expired_tokens_get_401() {
  _a_start
  local tok before
  tok="$(_a_login "$A_CLERK")"
  before="$(_a_counts)"
  expect_status 401 GET /api/v1/requests "" -H "$(bearer "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA")"
  expect_status 401 GET /api/v1/requests "" -H "$(bearer "short")"
  expect_status 401 GET /api/v1/requests ""
  # Past its absolute expiry: no longer a session.
  sql "UPDATE web_sessions SET expires_at = now() - interval '1 second'" >/dev/null
  expect_status 401 POST /api/v1/requests "$(_a_request)" \
    -H "$(bearer "$tok")"
  expect_eq "$(_a_counts)" "$before"
  # Idle too long.
  tok="$(_a_login "$A_CLERK")"
  sql "UPDATE web_sessions SET idle_expires_at = now() - interval '1 second'
        WHERE ended_at IS NULL AND expires_at > now()" >/dev/null
  expect_status 401 GET /api/v1/session "" -H "$(bearer "$tok")"
}

t_a_session_acts_only_as_its_member() {
  _a_start
  local clerk li wang id before
  clerk="$(_a_login "$A_CLERK")"
  li="$(_a_login "$A_LI")"
  wang="$(_a_login "$A_WANG")"
  id="$(_a_submit "$clerk")"
  expect_status 200 POST "/api/v1/requests/$id/actions/assign" "{\"to\":\"$A_LI\"}" -H "$(bearer "$clerk")"
  expect_status 200 POST "/api/v1/requests/$id/actions/draft" '{"outcome":"disclosed"}' -H "$(bearer "$li")"
  expect_eq "$(json .state)" drafted
  before="$(_a_counts)"
  # The handler cannot review (their own draft, or any), nor extend.
  expect_status 403 POST "/api/v1/requests/$id/actions/review" '{"approve":true}' -H "$(bearer "$li")"
  expect_eq "$(json .error.kind)" forbidden
  expect_status 403 POST "/api/v1/requests/$id/actions/extend" '{"days":20,"reason":"复杂"}' -H "$(bearer "$li")"
  # There is no way to name another actor: an "as" in the body is refused.
  expect_status 422 POST "/api/v1/requests/$id/actions/review" "{\"approve\":true,\"as\":\"$A_WANG\"}" -H "$(bearer "$li")"
  expect_eq "$(json .error.field)" body
  expect_eq "$(_a_counts)" "$before"
  # The reviewer can; the event names the reviewer and the session.
  expect_status 200 POST "/api/v1/requests/$id/actions/review" '{"approve":true}' -H "$(bearer "$wang")"
  expect_eq "$(json .state)" reviewed
  expect_eq "$(sql "SELECT actor || '/' || ((payload->>'session')::bigint = (SELECT id FROM web_sessions WHERE login = '$A_WANG'))::text
                    FROM request_events WHERE request_id = $id AND action = 'review'")" "$A_WANG/true"
}

t_the_daemon_credential_alone_records_no_staff_action() {
  _a_start
  local clerk li id before engine_db="$A_ENGINE"
  clerk="$(_a_login "$A_CLERK")"
  li="$(_a_login "$A_LI")"
  id="$(_a_submit "$clerk")"
  expect_status 200 POST "/api/v1/requests/$id/actions/assign" "{\"to\":\"$A_LI\"}" -H "$(bearer "$clerk")"
  expect_status 200 POST "/api/v1/requests/$id/actions/draft" '{"outcome":"disclosed"}' -H "$(bearer "$li")"
  before="$(_a_counts)"
  # As the daemon's role, without a session: refused.
  DISCLOSE_DB="$(h_as "$engine_db")" h_expect_error 5 forbidden as \
    disclose review "$id" --approve --as "$A_WANG"
  # With a forged token, and with a real session of someone else (li's,
  # to act as wang): refused, as unauthenticated.
  local call="SELECT dsc_w_transition_many(ARRAY[$id]::bigint[], ARRAY[3], ARRAY['reviewed'], ARRAY['$A_LI']::text[], ARRAY[NULL]::date[], ARRAY[NULL]::date[], ARRAY['$A_LI'], ARRAY['$A_LI'], ARRAY['disclosed'], ARRAY[NULL]::date[], ARRAY[NULL]::date[], ARRAY[NULL]::text[], ARRAY['review'], ARRAY['$A_WANG'], ARRAY['2026-03-16']::date[], ARRAY['{}']::jsonb[], ARRAY['2026-03-16']::date[], ARRAY['2026-04-14']::date[], ARRAY[0], ARRAY[0], ARRAY[NULL]::date[], ARRAY[1]::bigint[], ARRAY[NULL]::bigint[], ARRAY[NULL]::date[], ARRAY[0]::smallint[])"
  local forged
  for forged in "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA" "$li"; do
    if psql -XAtq -v ON_ERROR_STOP=1 -d "$(h_as "$engine_db")" \
      -c "BEGIN" -c "SELECT dsc_web_bind('$forged')" -c "$call" -c "COMMIT" \
      >"$T/psql.out" 2>&1; then
      fail "the daemon's role recorded a review as $A_WANG with token $forged"
    fi
    grep -q "no live session of $A_WANG" "$T/psql.out" ||
      fail "refused for another reason: $(cat "$T/psql.out")"
  done
  # Nor can it open a session for anyone: that takes the member's password.
  if psql -XAtq -v ON_ERROR_STOP=1 -d "$(h_as "$engine_db")" \
    -c "SELECT dsc_web_session_open(sha256('x'), 'x', 'x')" >"$T/psql.out" 2>&1; then
    fail "the daemon's role opened a session"
  fi
  # Nor read the sessions' table.
  if psql -XAtq -d "$(h_as "$engine_db")" -c "SELECT token_hash FROM web_sessions" \
    >"$T/psql.out" 2>&1; then
    fail "the daemon's role read the sessions"
  fi
  expect_eq "$(_a_counts)" "$before"
}

t_disabling_a_member_ends_their_sessions_at_once() {
  _a_start
  local clerk admin before
  clerk="$(_a_login "$A_CLERK")"
  expect_status 200 GET /api/v1/requests "" -H "$(bearer "$clerk")"
  expect_exit 0 disclose staff disable "$A_CLERK" --as admin
  before="$(_a_counts)"
  expect_status 401 GET /api/v1/requests "" -H "$(bearer "$clerk")"
  expect_status 401 POST /api/v1/requests "$(_a_request)" -H "$(bearer "$clerk")"
  expect_eq "$(_a_counts)" "$before"
  expect_eq "$(sql "SELECT ended_why FROM web_sessions WHERE login = '$A_CLERK'")" disabled
  # Changed roles and a new password end sessions too.
  admin="$(_a_login "$A_ADMIN")"
  local li
  li="$(_a_login "$A_LI")"
  expect_exit 0 disclose staff roles "$A_LI" --role handler --role clerk --as admin
  expect_status 401 GET /api/v1/session "" -H "$(bearer "$li")"
  expect_status 200 GET /api/v1/session "" -H "$(bearer "$admin")"
  expect_status 200 PUT /api/v1/session/password '{"password":"a new one 123"}' -H "$(bearer "$admin")"
  expect_status 401 GET /api/v1/session "" -H "$(bearer "$admin")"
  expect_status 201 POST /api/v1/session "{\"login\":\"$A_ADMIN\",\"password\":\"a new one 123\"}"
}

t_cookie_requests_need_our_origin() {
  _a_start
  local clerk id before
  clerk="$(_a_login "$A_CLERK")"
  id="$(_a_submit "$clerk")"
  before="$(_a_counts)"
  # A cookie without Origin, or from another site: a forgery.
  expect_status 403 POST "/api/v1/requests/$id/actions/assign" "{\"to\":\"$A_LI\"}" \
    -H "Cookie: disclose_session=$clerk"
  expect_eq "$(json .error.field)" origin
  expect_status 403 POST "/api/v1/requests/$id/actions/assign" "{\"to\":\"$A_LI\"}" \
    -H "Cookie: disclose_session=$clerk" -H "Origin: http://evil.example"
  expect_eq "$(_a_counts)" "$before"
  # Reading needs no Origin; our own origin may change things.
  expect_status 200 GET "/api/v1/requests/$id" "" -H "Cookie: disclose_session=$clerk"
  expect_status 200 POST "/api/v1/requests/$id/actions/assign" "{\"to\":\"$A_LI\"}" \
    -H "Cookie: disclose_session=$clerk" -H "Origin: http://127.0.0.1:$A_PORT"
  expect_eq "$(json .state)" assigned
}

t_bad_bodies_are_refused_with_nothing_written() {
  _a_start
  local clerk id before
  clerk="$(_a_login "$A_CLERK")"
  id="$(_a_submit "$clerk")"
  before="$(_a_counts)"
  expect_status 415 POST /api/v1/requests "{}" -H "$(bearer "$clerk")" -H 'Content-Type: text/plain'
  expect_eq "$(json .error.field)" content-type
  expect_status 400 POST /api/v1/requests '{"agency": ' -H "$(bearer "$clerk")"
  expect_status 400 POST /api/v1/requests '[1,2]' -H "$(bearer "$clerk")"
  expect_status 422 POST /api/v1/requests '{"agency":"default"}' -H "$(bearer "$clerk")"
  expect_eq "$(json .error.kind)" invalid
  expect_status 422 POST "/api/v1/requests/$id/actions/assign" '{"to": 7}' -H "$(bearer "$clerk")"
  expect_eq "$(json .error.field)" to
  expect_status 422 POST "/api/v1/requests/$id/actions/assign" "{\"to\":\"$A_LI\",\"on\":\"16/03/2026\"}" -H "$(bearer "$clerk")"
  expect_eq "$(json .error.field)" on
  expect_status 404 POST "/api/v1/requests/$id/actions/lapse" '{}' -H "$(bearer "$clerk")"
  expect_status 404 POST "/api/v1/requests/0/actions/assign" "{\"to\":\"$A_LI\"}" -H "$(bearer "$clerk")"
  expect_status 404 GET "/api/v1/requests/99999999" "" -H "$(bearer "$clerk")"
  expect_eq "$(_a_counts)" "$before"
}

t_the_whole_lifecycle_over_http() {
  _a_start
  local clerk li wang id again n
  clerk="$(_a_login "$A_CLERK")"
  li="$(_a_login "$A_LI")"
  wang="$(_a_login "$A_WANG")"
  expect_status 201 POST /api/v1/requests "$(_a_request)" \
    -H "$(bearer "$clerk")" -H 'Idempotency-Key: web-1' -D "$T/headers"
  id="$(json .id)"
  grep -qi "^location: /api/v1/requests/$id" "$T/headers" || fail "no Location: $(cat "$T/headers")"
  # The same key again: the same request, nothing new.
  expect_status 201 POST /api/v1/requests "$(_a_request)" \
    -H "$(bearer "$clerk")" -H 'Idempotency-Key: web-1'
  again="$(json .id)"
  expect_eq "$again" "$id"
  expect_eq "$(sql "SELECT count(*) FROM requests")" 1
  expect_status 200 POST "/api/v1/requests/$id/actions/assign" "{\"to\":\"$A_LI\"}" -H "$(bearer "$clerk")"
  expect_status 200 POST "/api/v1/requests/$id/actions/draft" '{"outcome":"disclosed"}' -H "$(bearer "$li")"
  expect_status 200 POST "/api/v1/requests/$id/actions/review" '{"approve":true}' -H "$(bearer "$wang")"
  expect_status 200 POST "/api/v1/requests/$id/actions/answer" '{}' -H "$(bearer "$clerk")"
  expect_eq "$(json .state)" answered
  expect_eq "$(json .on_time)" true
  expect_status 200 POST "/api/v1/requests/$id/actions/publish" '{"url":"https://example.gov.cn/x"}' -H "$(bearer "$clerk")"
  expect_eq "$(json .state)" published
  # Every staff event names its session; the chain verifies.
  n="$(sql "SELECT count(*) FROM request_events WHERE request_id = $id AND actor <> 'system'")"
  expect_eq "$(sql "SELECT count(*) FROM request_events e JOIN web_sessions w
                     ON w.id = (e.payload->>'session')::bigint AND w.login = e.actor
                    WHERE e.request_id = $id")" "$n"
  expect_exit 0 disclose verify
  # Reading: show, explain, and the list with its keyset pages.
  expect_status 200 GET "/api/v1/requests/$id?explain=1" "" -H "$(bearer "$clerk")"
  expect_eq "$(json '.explain.due_on')" "$(json .due_on)"
  expect_status 200 GET "/api/v1/requests?limit=1" "" -H "$(bearer "$clerk")"
  expect_eq "$(json '.items | length')" 1
  expect_eq "$(json .next_after)" "$id"
  expect_status 200 GET "/api/v1/requests?limit=1&after=$id" "" -H "$(bearer "$clerk")"
  expect_eq "$(json '.items | length')" 0
  expect_eq "$(json .next_after)" null
  expect_status 422 GET "/api/v1/requests?limit=0" "" -H "$(bearer "$clerk")"
  expect_eq "$(json .error.field)" limit
}

t_a_handler_reads_only_their_own() {
  _a_start
  local clerk zhao id
  clerk="$(_a_login "$A_CLERK")"
  zhao="$(_a_login "$A_ZHAO")"
  id="$(_a_submit "$clerk")"
  expect_status 200 POST "/api/v1/requests/$id/actions/assign" "{\"to\":\"$A_LI\"}" -H "$(bearer "$clerk")"
  expect_status 404 GET "/api/v1/requests/$id" "" -H "$(bearer "$zhao")"
  expect_status 200 GET "/api/v1/requests" "" -H "$(bearer "$zhao")"
  expect_eq "$(json '.items | length')" 0
  expect_status 403 GET "/api/v1/requests?assignee=$A_LI" "" -H "$(bearer "$zhao")"
}
