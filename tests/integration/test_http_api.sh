# The HTTP API (issue 15, docs/api.md): staff sessions the database checks,
# and the workflow over HTTP. Every case runs its own `disclosed --listen`
# connected as a daemon role (a member of disclose_app, like ops/up's
# disclose_engine), never as the owner: the owner is the operator, who may
# act for anyone, and would prove nothing. Passwords are proved by
# PostgreSQL over TCP with SCRAM (ops/test's cluster asks for one there).
# Staff logins are database roles, shared by the cluster's databases, so
# each case names its own (a suffix of its process id): cases running side
# by side never set each other's passwords.

# The daemon, the cast and the calls: fixtures/http.sh (shared with
# test_http_endpoints.sh).
# shellcheck source=tests/integration/fixtures/http.sh
source "$(dirname "${BASH_SOURCE[0]}")/fixtures/http.sh"

t_login_whoami_logout() {
  _a_start
  local tok
  a_expect_status 201 POST /api/v1/session \
    "$(jq -cn --arg l "$A_LI" --arg p "$(_a_password "$A_LI")" '{login: $l, password: $p}')" \
    -D "$T/headers"
  tok="$(json .token)"
  [[ "$tok" =~ ^[A-Za-z0-9_-]{43}$ ]] || fail "not a 256-bit token: $tok"
  expect_eq "$(json .login)" "$A_LI"
  expect_eq "$(json -c .roles)" '["handler"]'
  grep -qi '^set-cookie:.*Secure' "$T/headers" && fail "a Secure cookie over plain HTTP"
  # Behind a TLS proxy the cookie is Secure.
  a_expect_status 201 POST /api/v1/session \
    "$(jq -cn --arg l "$A_LI" --arg p "$(_a_password "$A_LI")" '{login: $l, password: $p}')" \
    -H 'X-Forwarded-Proto: https' -D "$T/headers2"
  grep -qi '^set-cookie: disclose_session=.*; HttpOnly; SameSite=Strict; Secure' "$T/headers2" ||
    fail "no Secure cookie behind a TLS proxy: $(cat "$T/headers2")"
  grep -qi "^set-cookie: disclose_session=$tok; Path=/; Max-Age=[0-9]*; HttpOnly; SameSite=Strict" "$T/headers" ||
    fail "no HttpOnly, SameSite=Strict cookie: $(cat "$T/headers")"
  # The database keeps the hash alone.
  expect_eq "$(sql "SELECT count(*) FROM web_sessions WHERE login = '$A_LI'
                    AND token_hash = sha256(convert_to('$tok', 'UTF8'))")" 1
  expect_eq "$(sql "SELECT count(*) FROM web_sessions WHERE encode(token_hash, 'escape') LIKE '%$tok%'")" 0
  a_expect_status 200 GET /api/v1/session "" -H "$(a_bearer "$tok")"
  expect_eq "$(json .login)" "$A_LI"
  expect_eq "$(json .today)" 2026-03-16
  a_expect_status 200 DELETE /api/v1/session "" -H "$(a_bearer "$tok")"
  a_expect_status 401 GET /api/v1/session "" -H "$(a_bearer "$tok")"
  expect_eq "$(json .error.kind)" unauthenticated
  expect_eq "$(sql "SELECT ended_why FROM web_sessions WHERE login = '$A_LI' AND token_hash = sha256(convert_to('$tok', 'UTF8'))")" logout
}

t_wrong_password_is_refused_and_recorded() {
  _a_start
  a_expect_status 401 POST /api/v1/session "{\"login\":\"$A_LI\",\"password\":\"nope\"}"
  expect_eq "$(json .error.kind)" unauthenticated
  expect_eq "$(json .error.field)" login
  # Unknown logins read the same: nobody learns who exists.
  local first
  first="$(json .error.message)"
  a_expect_status 401 POST /api/v1/session '{"login":"nobody_here","password":"nope"}'
  expect_eq "$(json .error.message)" "$first"
  expect_eq "$(sql "SELECT count(*) FROM web_sessions")" 0
  expect_eq "$(sql "SELECT string_agg(outcome, ',' ORDER BY id) FROM login_attempts")" refused,refused
  # Chinese on request.
  a_expect_status 401 POST /api/v1/session "{\"login\":\"$A_LI\",\"password\":\"nope\"}" \
    -H 'Accept-Language: zh-CN,zh;q=0.9'
  expect_eq "$(json .error.message)" 登录名或密码错误
}

t_the_20th_failed_login_is_refused_without_trying_the_password() {
  _a_start
  local i offset tried
  [[ -n "${DSC_TEST_PGLOG:-}" ]] || fail "DSC_TEST_PGLOG is needed to count the password checks"
  offset="$(stat -c %s "$DSC_TEST_PGLOG")"
  for ((i = 1; i <= 19; i++)); do
    a_expect_status 401 POST /api/v1/session "{\"login\":\"$A_LI\",\"password\":\"wrong$i\"}"
  done
  # The 20th, even with the right password: refused, and never tried.
  a_expect_status 429 POST /api/v1/session \
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
  a_expect_status 429 POST /api/v1/session \
    "$(jq -cn --arg l "$A_WANG" --arg p "$(_a_password "$A_WANG")" '{login: $l, password: $p}')"
}

t_forged_and_expired_tokens_get_401() {
  _a_start
  local tok before
  tok="$(_a_login "$A_CLERK")"
  before="$(_a_counts)"
  a_expect_status 401 GET /api/v1/requests "" -H "$(a_bearer "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA")"
  a_expect_status 401 GET /api/v1/requests "" -H "$(a_bearer "short")"
  a_expect_status 401 GET /api/v1/requests ""
  # Past its absolute expiry: no longer a session.
  sql "UPDATE web_sessions SET expires_at = now() - interval '1 second'" >/dev/null
  a_expect_status 401 POST /api/v1/requests "$(_a_request)" \
    -H "$(a_bearer "$tok")"
  expect_eq "$(_a_counts)" "$before"
  # Idle too long.
  tok="$(_a_login "$A_CLERK")"
  sql "UPDATE web_sessions SET idle_expires_at = now() - interval '1 second'
        WHERE ended_at IS NULL AND expires_at > now()" >/dev/null
  a_expect_status 401 GET /api/v1/session "" -H "$(a_bearer "$tok")"
}

t_a_session_acts_only_as_its_member() {
  _a_start
  local clerk li wang id before
  clerk="$(_a_login "$A_CLERK")"
  li="$(_a_login "$A_LI")"
  wang="$(_a_login "$A_WANG")"
  id="$(_a_submit "$clerk")"
  a_expect_status 200 POST "/api/v1/requests/$id/actions/assign" "{\"to\":\"$A_LI\"}" -H "$(a_bearer "$clerk")"
  a_expect_status 200 POST "/api/v1/requests/$id/actions/draft" '{"outcome":"disclosed"}' -H "$(a_bearer "$li")"
  expect_eq "$(json .state)" drafted
  before="$(_a_counts)"
  # The handler cannot review (their own draft, or any), nor extend.
  a_expect_status 403 POST "/api/v1/requests/$id/actions/review" '{"approve":true}' -H "$(a_bearer "$li")"
  expect_eq "$(json .error.kind)" forbidden
  a_expect_status 403 POST "/api/v1/requests/$id/actions/extend" '{"days":20,"reason":"复杂"}' -H "$(a_bearer "$li")"
  # There is no way to name another actor: an "as" in the body is refused.
  a_expect_status 422 POST "/api/v1/requests/$id/actions/review" "{\"approve\":true,\"as\":\"$A_WANG\"}" -H "$(a_bearer "$li")"
  expect_eq "$(json .error.field)" body
  expect_eq "$(_a_counts)" "$before"
  # The reviewer can; the event names the reviewer and the session.
  a_expect_status 200 POST "/api/v1/requests/$id/actions/review" '{"approve":true}' -H "$(a_bearer "$wang")"
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
  a_expect_status 200 POST "/api/v1/requests/$id/actions/assign" "{\"to\":\"$A_LI\"}" -H "$(a_bearer "$clerk")"
  a_expect_status 200 POST "/api/v1/requests/$id/actions/draft" '{"outcome":"disclosed"}' -H "$(a_bearer "$li")"
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
  a_expect_status 200 GET /api/v1/requests "" -H "$(a_bearer "$clerk")"
  expect_exit 0 disclose staff disable "$A_CLERK" --as admin
  before="$(_a_counts)"
  a_expect_status 401 GET /api/v1/requests "" -H "$(a_bearer "$clerk")"
  a_expect_status 401 POST /api/v1/requests "$(_a_request)" -H "$(a_bearer "$clerk")"
  expect_eq "$(_a_counts)" "$before"
  expect_eq "$(sql "SELECT ended_why FROM web_sessions WHERE login = '$A_CLERK'")" disabled
  # Changed roles and a new password end sessions too.
  admin="$(_a_login "$A_ADMIN")"
  local li
  li="$(_a_login "$A_LI")"
  expect_exit 0 disclose staff roles "$A_LI" --role handler --role clerk --as admin
  a_expect_status 401 GET /api/v1/session "" -H "$(a_bearer "$li")"
  a_expect_status 200 GET /api/v1/session "" -H "$(a_bearer "$admin")"
  a_expect_status 200 PUT /api/v1/session/password '{"password":"a new one 123"}' -H "$(a_bearer "$admin")"
  a_expect_status 401 GET /api/v1/session "" -H "$(a_bearer "$admin")"
  a_expect_status 201 POST /api/v1/session "{\"login\":\"$A_ADMIN\",\"password\":\"a new one 123\"}"
}

t_cookie_requests_need_our_origin() {
  _a_start
  local clerk id before
  clerk="$(_a_login "$A_CLERK")"
  id="$(_a_submit "$clerk")"
  before="$(_a_counts)"
  # A cookie without Origin, or from another site: a forgery.
  a_expect_status 403 POST "/api/v1/requests/$id/actions/assign" "{\"to\":\"$A_LI\"}" \
    -H "Cookie: disclose_session=$clerk"
  expect_eq "$(json .error.field)" origin
  a_expect_status 403 POST "/api/v1/requests/$id/actions/assign" "{\"to\":\"$A_LI\"}" \
    -H "Cookie: disclose_session=$clerk" -H "Origin: http://evil.example"
  expect_eq "$(_a_counts)" "$before"
  # Reading needs no Origin; our own origin may change things.
  a_expect_status 200 GET "/api/v1/requests/$id" "" -H "Cookie: disclose_session=$clerk"
  a_expect_status 200 POST "/api/v1/requests/$id/actions/assign" "{\"to\":\"$A_LI\"}" \
    -H "Cookie: disclose_session=$clerk" -H "Origin: http://127.0.0.1:$A_PORT"
  expect_eq "$(json .state)" assigned
}

t_bad_bodies_are_refused_with_nothing_written() {
  _a_start
  local clerk id before
  clerk="$(_a_login "$A_CLERK")"
  id="$(_a_submit "$clerk")"
  before="$(_a_counts)"
  a_expect_status 415 POST /api/v1/requests "{}" -H "$(a_bearer "$clerk")" -H 'Content-Type: text/plain'
  expect_eq "$(json .error.field)" content-type
  a_expect_status 400 POST /api/v1/requests '{"agency": ' -H "$(a_bearer "$clerk")"
  a_expect_status 400 POST /api/v1/requests '[1,2]' -H "$(a_bearer "$clerk")"
  a_expect_status 422 POST /api/v1/requests '{"agency":"default"}' -H "$(a_bearer "$clerk")"
  expect_eq "$(json .error.kind)" invalid
  a_expect_status 422 POST "/api/v1/requests/$id/actions/assign" '{"to": 7}' -H "$(a_bearer "$clerk")"
  expect_eq "$(json .error.field)" to
  a_expect_status 422 POST "/api/v1/requests/$id/actions/assign" "{\"to\":\"$A_LI\",\"on\":\"16/03/2026\"}" -H "$(a_bearer "$clerk")"
  expect_eq "$(json .error.field)" on
  a_expect_status 404 POST "/api/v1/requests/$id/actions/lapse" '{}' -H "$(a_bearer "$clerk")"
  a_expect_status 404 POST "/api/v1/requests/0/actions/assign" "{\"to\":\"$A_LI\"}" -H "$(a_bearer "$clerk")"
  a_expect_status 404 GET "/api/v1/requests/99999999" "" -H "$(a_bearer "$clerk")"
  expect_eq "$(_a_counts)" "$before"
}

t_the_whole_lifecycle_over_http() {
  _a_start
  local clerk li wang id again n
  clerk="$(_a_login "$A_CLERK")"
  li="$(_a_login "$A_LI")"
  wang="$(_a_login "$A_WANG")"
  a_expect_status 201 POST /api/v1/requests "$(_a_request)" \
    -H "$(a_bearer "$clerk")" -H 'Idempotency-Key: web-1' -D "$T/headers"
  id="$(json .id)"
  grep -qi "^location: /api/v1/requests/$id" "$T/headers" || fail "no Location: $(cat "$T/headers")"
  # The same key again: the same request, nothing new.
  a_expect_status 201 POST /api/v1/requests "$(_a_request)" \
    -H "$(a_bearer "$clerk")" -H 'Idempotency-Key: web-1'
  again="$(json .id)"
  expect_eq "$again" "$id"
  expect_eq "$(sql "SELECT count(*) FROM requests")" 1
  a_expect_status 200 POST "/api/v1/requests/$id/actions/assign" "{\"to\":\"$A_LI\"}" -H "$(a_bearer "$clerk")"
  a_expect_status 200 POST "/api/v1/requests/$id/actions/draft" '{"outcome":"disclosed"}' -H "$(a_bearer "$li")"
  a_expect_status 200 POST "/api/v1/requests/$id/actions/review" '{"approve":true}' -H "$(a_bearer "$wang")"
  a_expect_status 200 POST "/api/v1/requests/$id/actions/answer" '{}' -H "$(a_bearer "$clerk")"
  expect_eq "$(json .state)" answered
  expect_eq "$(json .on_time)" true
  a_expect_status 200 POST "/api/v1/requests/$id/actions/publish" '{"url":"https://example.gov.cn/x"}' -H "$(a_bearer "$clerk")"
  expect_eq "$(json .state)" published
  # Every staff event names its session; the chain verifies.
  n="$(sql "SELECT count(*) FROM request_events WHERE request_id = $id AND actor <> 'system'")"
  expect_eq "$(sql "SELECT count(*) FROM request_events e JOIN web_sessions w
                     ON w.id = (e.payload->>'session')::bigint AND w.login = e.actor
                    WHERE e.request_id = $id")" "$n"
  expect_exit 0 disclose verify
  # Reading: show, explain, and the list with its keyset pages.
  a_expect_status 200 GET "/api/v1/requests/$id?explain=1" "" -H "$(a_bearer "$clerk")"
  expect_eq "$(json '.explain.due_on')" "$(json .due_on)"
  a_expect_status 200 GET "/api/v1/requests?limit=1" "" -H "$(a_bearer "$clerk")"
  expect_eq "$(json '.items | length')" 1
  expect_eq "$(json .next_after)" "$id"
  a_expect_status 200 GET "/api/v1/requests?limit=1&after=$id" "" -H "$(a_bearer "$clerk")"
  expect_eq "$(json '.items | length')" 0
  expect_eq "$(json .next_after)" null
  a_expect_status 422 GET "/api/v1/requests?limit=0" "" -H "$(a_bearer "$clerk")"
  expect_eq "$(json .error.field)" limit
}

t_a_handler_reads_only_their_own() {
  _a_start
  local clerk zhao id
  clerk="$(_a_login "$A_CLERK")"
  zhao="$(_a_login "$A_ZHAO")"
  id="$(_a_submit "$clerk")"
  a_expect_status 200 POST "/api/v1/requests/$id/actions/assign" "{\"to\":\"$A_LI\"}" -H "$(a_bearer "$clerk")"
  a_expect_status 404 GET "/api/v1/requests/$id" "" -H "$(a_bearer "$zhao")"
  a_expect_status 200 GET "/api/v1/requests" "" -H "$(a_bearer "$zhao")"
  expect_eq "$(json '.items | length')" 0
  a_expect_status 403 GET "/api/v1/requests?assignee=$A_LI" "" -H "$(a_bearer "$zhao")"
  # Acting on it is "not found" too, as the CLI says (row security).
  a_expect_status 404 POST "/api/v1/requests/$id/actions/draft" '{"outcome":"disclosed"}' -H "$(a_bearer "$zhao")"
  DISCLOSE_DB="$(h_as "$A_ZHAO")" h_expect_error 4 not_found "" \
    disclose draft "$id" --outcome disclosed
}

# One table of refusals (CONTRACT §3, §7), each run through the CLI (on the
# member's own database connection) and through the API (the member's
# session), from the same state — drafted by li — with the same outcome:
# the kind of the CLI's message is the HTTP body's kind, the field the same,
# and nothing written either way. Columns: who | action | CLI options |
# JSON body | kind | field.
_a_refusals() {
  cat <<EOF
$A_LI|review|--approve|{"approve":true}|forbidden|role
$A_ZHAO|draft|--outcome disclosed|{"outcome":"disclosed"}|not_found|
$A_CLERK|answer||{}|conflict|state
$A_LI|draft|--outcome no_such_code|{"outcome":"no_such_code"}|invalid|outcome
$A_CLERK|assign|--to nobody_here|{"to":"nobody_here"}|not_found|to
$A_LI|extend|--days 20 --reason x|{"days":20,"reason":"x"}|forbidden|role
$A_BOSS|extend|--days 21 --reason 复杂|{"days":21,"reason":"复杂"}|statutory|days
$A_CLERK|publish|--url https://example.gov.cn/x|{"url":"https://example.gov.cn/x"}|conflict|state
$A_LI|withdraw||{}|forbidden|role
EOF
}

t_the_same_refusals_through_the_cli_and_http() {
  _a_start
  local clerk id who action opts body kind field before rc
  local -A token=()
  clerk="$(_a_login "$A_CLERK")"
  for who in "$A_LI" "$A_ZHAO" "$A_WANG" "$A_BOSS"; do token[$who]="$(_a_login "$who")"; done
  token[$A_CLERK]="$clerk"
  id="$(_a_submit "$clerk")"
  a_expect_status 200 POST "/api/v1/requests/$id/actions/assign" "{\"to\":\"$A_LI\"}" -H "$(a_bearer "$clerk")"
  a_expect_status 200 POST "/api/v1/requests/$id/actions/draft" '{"outcome":"disclosed"}' -H "$(a_bearer "${token[$A_LI]}")"
  while IFS='|' read -r who action opts body kind field; do
    before="$(_a_counts)"
    rc=0
    # shellcheck disable=SC2086 # the options are words
    DISCLOSE_DB="$(h_as "$who")" disclose "$action" "$id" $opts \
      >"$T/cli.out" 2>"$T/cli.err" </dev/null || rc=$?
    [[ $rc -ne 0 ]] || fail "$who $action: the CLI did it"
    expect_match "$(cat "$T/cli.err")" "^disclose: $kind: ${field:+$field: }"
    expect_eq "$(_a_counts)" "$before" "$who $action: the CLI wrote something"
    a_api POST "/api/v1/requests/$id/actions/$action" "$body" -H "$(a_bearer "${token[$who]}")" >/dev/null
    expect_eq "$(json .error.kind)" "$kind" "$who $action over HTTP: kind ($(cat "$T/out"))"
    [[ -z "$field" ]] || expect_eq "$(json '.error.field // ""')" "$field" "$who $action over HTTP: field"
    expect_eq "$(_a_counts)" "$before" "$who $action: HTTP wrote something"
  done < <(_a_refusals)
}
