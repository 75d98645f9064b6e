# shellcheck shell=bash
# The HTTP API's other endpoints (issue 15, docs/api.md): fee quotes,
# appeals, letters and deliveries, the dashboard and the annual report, staff
# and agencies. Each case runs its own daemon as a daemon role with the
# cast of fixtures/http.sh. For every endpoint: what it does, the refusals
# (role, bad input, not found) with nothing written, and, where the CLI has
# the command, the same document as `disclose … --as LOGIN --json` run by the
# operator for the same input.

# shellcheck source=tests/integration/fixtures/http.sh
source "$(dirname "${BASH_SOURCE[0]}")/fixtures/http.sh"

# _e_state — a digest of every table an endpoint may write (what a refusal
# must leave as it was). web_sessions and login_attempts are left out: a
# call moves its session's idle expiry on.
_e_state() {
  local t q=""
  for t in agencies staff staff_history requests request_events appeals \
    letters letter_numbers annual_reports report_active_entries \
    report_text_entries; do
    q+="${q:+ || }(SELECT coalesce(md5(string_agg(x::text, ',' ORDER BY x::text)), '-') FROM $t x)"
  done
  sql "SELECT md5($q)"
}

# _e_keep NAME — keeps the last reply ($T/out) as $T/NAME.
_e_keep() { cp "$T/out" "$T/$1"; }

# _e_same A B [JQ] — the JSON documents $T/A and $T/B are equal (after the
# jq filter JQ, default .), whatever the order of their keys.
_e_same() {
  local f="${3:-.}"
  diff <(jq -S "$f" "$T/$1") <(jq -S "$f" "$T/$2") >"$T/diff" ||
    fail "$1 and $2 differ: $(head -c 1500 "$T/diff")"
}

# _e_refused STATUS KIND FIELD METHOD PATH [JSON] [CURL-ARGS...] — the call
# is refused with STATUS, the error kind and field (skip with ""), and
# nothing is written.
_e_refused() {
  local status="$1" kind="$2" field="$3" before
  shift 3
  before="$(_e_state)"
  a_expect_status "$status" "$@"
  expect_eq "$(json .error.kind)" "$kind" "kind of $1 $2"
  [[ -z "$field" ]] || expect_eq "$(json .error.field)" "$field" "field of $1 $2"
  expect_eq "$(_e_state)" "$before" "database changed by refused $1 $2"
}

# _e_assigned CLERK — a request registered through the API and assigned
# to li; prints its id.
_e_assigned() {
  local id
  id="$(_a_submit "$1")"
  a_expect_status 200 POST "/api/v1/requests/$id/actions/assign" \
    "{\"to\":\"$A_LI\"}" -H "$(a_bearer "$1")"
  printf '%s\n' "$id"
}

# _e_letters_agency ADMIN — what the default agency's letters say of it,
# set through PATCH.
_e_letters_agency() {
  a_expect_status 200 PATCH /api/v1/agencies/default '{
    "full_name": "南昌市青云谱区人民政府办公室", "short_name": "青云谱公开",
    "address": "南昌市青云谱区井冈山大道1号", "phone": "0791-88888888",
    "seal_caption": "（政府信息公开专用章）",
    "reconsideration_body": "南昌市青云谱区人民政府",
    "court": "南昌市青云谱区人民法院",
    "fee_payment": "户名：青云谱区财政局；账号：1234"}' -H "$(a_bearer "$1")"
}

# _e_reviewed CLERK LI WANG — a request drafted (disclosed) by li and
# approved by wang, through the API; prints its id.
_e_reviewed() {
  local id
  id="$(_e_assigned "$1")"
  a_expect_status 200 POST "/api/v1/requests/$id/actions/draft" \
    '{"outcome":"disclosed"}' -H "$(a_bearer "$2")"
  a_expect_status 200 POST "/api/v1/requests/$id/actions/review" \
    '{"approve":true}' -H "$(a_bearer "$3")"
  printf '%s\n' "$id"
}

t_fee_quote() {
  _a_start
  local clerk li zhao id
  clerk="$(_a_login "$A_CLERK")"
  li="$(_a_login "$A_LI")"
  zhao="$(_a_login "$A_ZHAO")"
  id="$(_e_assigned "$clerk")"
  a_expect_status 200 GET "/api/v1/requests/$id/fee-quote?pages=250" "" -H "$(a_bearer "$li")"
  _e_keep api.json
  expect_eq "$(json .amount)" 0.00 # the first application of the month
  expect_eq "$(json .by_volume)" 4700.00
  expect_exit 0 disclose fee-quote "$id" --pages 250 --as "$A_LI" --json
  _e_keep cli.json
  _e_same api.json cli.json
  a_expect_status 200 GET "/api/v1/requests/$id/fee-quote?pages=250&method=volume" "" -H "$(a_bearer "$li")"
  _e_keep api.json
  expect_exit 0 disclose fee-quote "$id" --pages 250 --method volume --as "$A_LI" --json
  _e_keep cli.json
  _e_same api.json cli.json
  expect_eq "$(json .amount)" 4700.00
  # Bad input, another handler's request, no such request.
  _e_refused 422 invalid pages GET "/api/v1/requests/$id/fee-quote" "" -H "$(a_bearer "$li")"
  _e_refused 422 invalid pages GET "/api/v1/requests/$id/fee-quote?pages=-1" "" -H "$(a_bearer "$li")"
  _e_refused 422 invalid pages GET "/api/v1/requests/$id/fee-quote?pages=x" "" -H "$(a_bearer "$li")"
  _e_refused 422 invalid method GET "/api/v1/requests/$id/fee-quote?pages=1&method=cheaper" "" -H "$(a_bearer "$li")"
  _e_refused 404 not_found id GET "/api/v1/requests/$id/fee-quote?pages=1" "" -H "$(a_bearer "$zhao")"
  _e_refused 404 not_found id GET "/api/v1/requests/99999/fee-quote?pages=1" "" -H "$(a_bearer "$clerk")"
  _e_refused 404 not_found id GET "/api/v1/requests/x1/fee-quote?pages=1" "" -H "$(a_bearer "$clerk")"
  _e_refused 401 unauthenticated session GET "/api/v1/requests/$id/fee-quote?pages=1" ""
}

t_appeals() {
  _a_start
  local clerk li boss id other appeal
  clerk="$(_a_login "$A_CLERK")"
  li="$(_a_login "$A_LI")"
  boss="$(_a_login "$A_BOSS")"
  id="$(_a_submit "$clerk")"
  other="$(_a_submit "$clerk")"
  # Refusals first: role, bad input, not found.
  _e_refused 403 forbidden "" POST "/api/v1/requests/$id/appeals" '{"kind":"reconsideration"}' -H "$(a_bearer "$li")"
  _e_refused 422 invalid kind POST "/api/v1/requests/$id/appeals" '{"kind":"complaint"}' -H "$(a_bearer "$clerk")"
  _e_refused 422 invalid kind POST "/api/v1/requests/$id/appeals" '{}' -H "$(a_bearer "$clerk")"
  _e_refused 422 invalid kind POST "/api/v1/requests/$id/appeals" '{"kind":1}' -H "$(a_bearer "$clerk")"
  _e_refused 422 invalid body POST "/api/v1/requests/$id/appeals" '{"kind":"reconsideration","agency":"default"}' -H "$(a_bearer "$clerk")"
  _e_refused 422 invalid on POST "/api/v1/requests/$id/appeals" '{"kind":"reconsideration","on":"2026-13-01"}' -H "$(a_bearer "$clerk")"
  _e_refused 404 not_found "" POST "/api/v1/requests/99999/appeals" '{"kind":"reconsideration"}' -H "$(a_bearer "$clerk")"
  _e_refused 404 not_found id POST "/api/v1/requests/0/appeals" '{"kind":"reconsideration"}' -H "$(a_bearer "$clerk")"
  # Against a request: the CLI's appeal object for the same input.
  a_expect_status 201 POST "/api/v1/requests/$id/appeals" '{"kind":"reconsideration"}' -H "$(a_bearer "$clerk")"
  _e_keep api.json
  appeal="$(json .id)"
  expect_eq "$(json .request_id)" "$id"
  expect_eq "$(sql "SELECT actor FROM request_events WHERE request_id = $id AND action = 'appeal'")" "$A_CLERK"
  expect_exit 0 disclose appeal "$other" --kind reconsideration --as "$A_CLERK" --json
  _e_keep cli.json
  _e_keep cli_appeal.json
  _e_same api.json cli.json 'del(.id, .request_id)'
  # About the agency's work as a whole.
  _e_refused 403 forbidden "" POST /api/v1/appeals '{"kind":"litigation_direct"}' -H "$(a_bearer "$li")"
  _e_refused 404 not_found agency POST /api/v1/appeals '{"kind":"litigation_direct","agency":"nowhere"}' -H "$(a_bearer "$clerk")"
  _e_refused 422 invalid agency POST /api/v1/appeals '{"kind":"litigation_direct","agency":7}' -H "$(a_bearer "$clerk")"
  a_expect_status 201 POST /api/v1/appeals '{"kind":"litigation_direct","result":"upheld"}' -H "$(a_bearer "$boss")"
  _e_keep api.json
  expect_eq "$(json .request_id)" null
  expect_exit 0 disclose appeal --general --kind litigation_direct --result upheld --as "$A_BOSS" --json
  _e_keep cli.json
  _e_same api.json cli.json 'del(.id)'
  # The decision, once.
  _e_refused 422 invalid result POST "/api/v1/appeals/$appeal/decision" '{}' -H "$(a_bearer "$clerk")"
  _e_refused 422 invalid "" POST "/api/v1/appeals/$appeal/decision" '{"result":"won"}' -H "$(a_bearer "$clerk")"
  _e_refused 403 forbidden "" POST "/api/v1/appeals/$appeal/decision" '{"result":"corrected"}' -H "$(a_bearer "$li")"
  _e_refused 404 not_found "" POST "/api/v1/appeals/99999/decision" '{"result":"corrected"}' -H "$(a_bearer "$clerk")"
  a_expect_status 200 POST "/api/v1/appeals/$appeal/decision" '{"result":"corrected"}' -H "$(a_bearer "$clerk")"
  _e_keep api.json
  expect_eq "$(json .result)" corrected
  _e_refused 409 conflict "" POST "/api/v1/appeals/$appeal/decision" '{"result":"upheld"}' -H "$(a_bearer "$clerk")"
  expect_exit 0 disclose appeal-decided "$(jq .id "$T/cli_appeal.json")" --result corrected --as "$A_CLERK" --json
  _e_keep cli.json
  _e_same api.json cli.json 'del(.id, .request_id)'
  expect_exit 0 disclose verify
}

t_letters_issued_read_and_delivered() {
  _a_start
  local clerk li zhao wang admin id other number
  clerk="$(_a_login "$A_CLERK")"
  li="$(_a_login "$A_LI")"
  zhao="$(_a_login "$A_ZHAO")"
  wang="$(_a_login "$A_WANG")"
  admin="$(_a_login "$A_ADMIN")"
  _e_letters_agency "$admin"
  id="$(_e_reviewed "$clerk" "$li" "$wang")"
  other="$(_e_reviewed "$clerk" "$li" "$wang")"
  # A preview stores nothing; it reads as the CLI's.
  local before
  before="$(_e_state)"
  a_expect_status 200 POST "/api/v1/requests/$id/letters" '{"kind":"answer","preview":true}' -H "$(a_bearer "$clerk")"
  _e_keep api.json
  expect_eq "$(json .number)" null
  expect_eq "$(_e_state)" "$before" "a preview wrote"
  expect_exit 0 disclose letter "$id" --kind answer --preview --as "$A_CLERK" --json
  _e_keep cli.json
  _e_same api.json cli.json
  # Refusals: bad input, another's request, a reviewer, no such request.
  _e_refused 422 invalid kind POST "/api/v1/requests/$id/letters" '{"kind":"memo"}' -H "$(a_bearer "$clerk")"
  _e_refused 422 invalid kind POST "/api/v1/requests/$id/letters" '{"preview":true}' -H "$(a_bearer "$clerk")"
  _e_refused 422 invalid preview POST "/api/v1/requests/$id/letters" '{"kind":"answer","preview":"yes"}' -H "$(a_bearer "$clerk")"
  _e_refused 422 invalid body POST "/api/v1/requests/$id/letters" '{"kind":"answer","format":"html"}' -H "$(a_bearer "$clerk")"
  _e_refused 409 conflict kind POST "/api/v1/requests/$id/letters" '{"kind":"fee-notice"}' -H "$(a_bearer "$clerk")"
  _e_refused 403 forbidden "" POST "/api/v1/requests/$id/letters" '{"kind":"answer"}' -H "$(a_bearer "$wang")"
  _e_refused 404 not_found id POST "/api/v1/requests/$id/letters" '{"kind":"answer"}' -H "$(a_bearer "$zhao")"
  _e_refused 404 not_found "" POST "/api/v1/requests/99999/letters" '{"kind":"answer"}' -H "$(a_bearer "$clerk")"
  # Issued: numbered, stored, in the chain, by the session's member.
  a_expect_status 201 POST "/api/v1/requests/$id/letters" '{"kind":"answer"}' -H "$(a_bearer "$clerk")"
  _e_keep issued.json
  number="$(json .number)"
  expect_eq "$number" "青云谱公开答〔2026〕1号"
  expect_eq "$(sql "SELECT actor FROM request_events WHERE request_id = $id AND action = 'letter'")" "$A_CLERK"
  _e_refused 409 conflict corrects POST "/api/v1/requests/$id/letters" '{"kind":"answer"}' -H "$(a_bearer "$clerk")"
  # Read back as stored, in each format, as the CLI prints it.
  local enc
  enc="$(jq -rn --arg n "$number" '$n | @uri')"
  a_expect_status 200 GET "/api/v1/requests/$id/letters/$enc" "" -H "$(a_bearer "$li")"
  _e_keep api.json
  expect_exit 0 disclose letter "$id" --number "$number" --as "$A_LI" --json
  _e_keep cli.json
  _e_same api.json cli.json
  _e_same api.json issued.json '{text, number, sha256, date, kind}'
  a_expect_status 200 GET "/api/v1/requests/$id/letters/$enc?format=text" "" -H "$(a_bearer "$li")" -D "$T/headers"
  grep -qi '^content-type: text/plain; charset=utf-8' "$T/headers" || fail "text: $(cat "$T/headers")"
  expect_exit 0 disclose letter "$id" --number "$number" --format text --as "$A_LI"
  cmp "$T/out" <(curl -sS "http://127.0.0.1:$A_PORT/api/v1/requests/$id/letters/$enc?format=text" -H "$(a_bearer "$li")") ||
    fail "the text differs from the CLI's"
  a_expect_status 200 GET "/api/v1/requests/$id/letters/$enc?format=html" "" -H "$(a_bearer "$li")" -D "$T/headers"
  grep -qi '^content-type: text/html; charset=utf-8' "$T/headers" || fail "html: $(cat "$T/headers")"
  _e_keep api.html
  expect_exit 0 disclose letter "$id" --number "$number" --format html --as "$A_LI"
  cmp "$T/out" "$T/api.html" || fail "the HTML differs from the CLI's"
  _e_refused 422 invalid format GET "/api/v1/requests/$id/letters/$enc?format=pdf" "" -H "$(a_bearer "$li")"
  _e_refused 404 not_found number GET "/api/v1/requests/$id/letters/nope" "" -H "$(a_bearer "$li")"
  _e_refused 404 not_found id GET "/api/v1/requests/$id/letters/$enc" "" -H "$(a_bearer "$zhao")"
  # The request's letters.
  a_expect_status 200 GET "/api/v1/requests/$id/letters" "" -H "$(a_bearer "$clerk")"
  _e_keep api.json
  expect_eq "$(json 'length')" 1
  expect_exit 0 disclose letter "$id" --list --as "$A_CLERK" --json
  _e_keep cli.json
  _e_same api.json cli.json
  _e_refused 404 not_found id GET "/api/v1/requests/$id/letters" "" -H "$(a_bearer "$zhao")"
  # Not delivered yet: the list of the undelivered, as the CLI's; a handler
  # sees the letters of their own requests only.
  a_expect_status 201 POST "/api/v1/requests/$other/letters" '{"kind":"answer"}' -H "$(a_bearer "$clerk")"
  a_expect_status 200 GET /api/v1/letters/undelivered "" -H "$(a_bearer "$clerk")"
  _e_keep api.json
  expect_eq "$(json 'length')" 2
  expect_exit 0 disclose list --undelivered 0 --as "$A_CLERK" --json
  _e_keep cli.json
  _e_same api.json cli.json
  a_expect_status 200 GET "/api/v1/letters/undelivered?days=0" "" -H "$(a_bearer "$li")"
  expect_eq "$(json 'length')" 2
  a_expect_status 200 GET "/api/v1/letters/undelivered?days=1" "" -H "$(a_bearer "$clerk")"
  expect_eq "$(json 'length')" 0
  a_expect_status 200 GET /api/v1/letters/undelivered "" -H "$(a_bearer "$zhao")"
  expect_eq "$(json -c .)" '[]'
  _e_refused 422 invalid days GET "/api/v1/letters/undelivered?days=-1" "" -H "$(a_bearer "$clerk")"
  # Delivered (送达): refusals, then the CLI's document for the same input.
  _e_refused 422 invalid method POST "/api/v1/requests/$id/deliveries" '{}' -H "$(a_bearer "$clerk")"
  _e_refused 422 invalid method POST "/api/v1/requests/$id/deliveries" '{"method":"pigeon"}' -H "$(a_bearer "$clerk")"
  _e_refused 422 invalid body POST "/api/v1/requests/$id/deliveries" '{"method":"post","via":"EMS"}' -H "$(a_bearer "$clerk")"
  _e_refused 404 not_found "" POST "/api/v1/requests/$id/deliveries" '{"method":"post","letter":"nope"}' -H "$(a_bearer "$clerk")"
  _e_refused 403 forbidden "" POST "/api/v1/requests/$id/deliveries" '{"method":"post"}' -H "$(a_bearer "$wang")"
  _e_refused 404 not_found id POST "/api/v1/requests/$id/deliveries" '{"method":"post"}' -H "$(a_bearer "$zhao")"
  a_expect_status 200 POST "/api/v1/requests/$id/deliveries" '{"method":"post","tracking":"EMS123"}' -H "$(a_bearer "$clerk")"
  _e_keep api.json
  expect_eq "$(json .delivered_on)" 2026-03-16
  expect_exit 0 disclose deliver "$other" --method post --tracking EMS123 --as "$A_CLERK" --json
  _e_keep cli.json
  _e_same api.json cli.json 'del(.request_id, .number)'
  _e_refused 409 conflict "" POST "/api/v1/requests/$id/deliveries" "{\"method\":\"post\",\"letter\":\"$number\"}" -H "$(a_bearer "$clerk")"
  a_expect_status 200 GET /api/v1/letters/undelivered "" -H "$(a_bearer "$clerk")"
  expect_eq "$(json -c .)" '[]'
  expect_exit 0 disclose verify
}

t_dashboard() {
  _a_start
  local clerk li boss
  clerk="$(_a_login "$A_CLERK")"
  li="$(_a_login "$A_LI")"
  boss="$(_a_login "$A_BOSS")"
  _e_assigned "$clerk" >/dev/null
  _a_submit "$clerk" >/dev/null
  a_expect_status 200 GET /api/v1/dashboard "" -H "$(a_bearer "$boss")"
  _e_keep api.json
  expect_eq "$(json .open)" 2
  expect_exit 0 env DISCLOSE_TODAY=2026-03-16 disclose-stats dashboard --json --as "$A_BOSS"
  _e_keep cli.json
  _e_same api.json cli.json
  a_expect_status 200 GET "/api/v1/dashboard?due_within=20" "" -H "$(a_bearer "$li")"
  _e_keep api.json
  expect_eq "$(json .due_soon_days)" 20
  expect_exit 0 env DISCLOSE_TODAY=2026-03-16 disclose-stats dashboard --json --due-within 20 --as "$A_LI"
  _e_keep cli.json
  _e_same api.json cli.json
  _e_refused 422 invalid due_within GET "/api/v1/dashboard?due_within=0" "" -H "$(a_bearer "$boss")"
  _e_refused 401 unauthenticated session GET /api/v1/dashboard ""
}

# The report's compilation and the sections' entries are writes the engine
# does not yet bind to the member's session (engine/ops/report_compile.c,
# report_sections.c: their write batches lack dsc__op_bind_session), so a
# daemon role is refused them by the database ("may not act as"); until
# the engine binds them, these two cases run the daemon as the operator.
# The API's side — formats, bytes, refusals, the engine's role rule — is
# the same either way.
t_annual_report_in_every_format() {
  _a_start
  local clerk li boss f api cli type
  clerk="$(_a_login "$A_CLERK")"
  li="$(_a_login "$A_LI")"
  boss="$(_a_login "$A_BOSS")"
  _e_assigned "$clerk" >/dev/null
  # Refusals: role, year, format, agency.
  _e_refused 403 forbidden "" GET /api/v1/reports/2026 "" -H "$(a_bearer "$li")"
  _e_refused 422 invalid year GET /api/v1/reports/2018 "" -H "$(a_bearer "$boss")"
  _e_refused 422 invalid year GET /api/v1/reports/2027 "" -H "$(a_bearer "$boss")"
  _e_refused 404 not_found year GET /api/v1/reports/twenty "" -H "$(a_bearer "$boss")"
  _e_refused 422 invalid format GET "/api/v1/reports/2026?format=pdf" "" -H "$(a_bearer "$boss")"
  _e_refused 422 invalid bom GET "/api/v1/reports/2026?format=csv&bom=no" "" -H "$(a_bearer "$boss")"
  _e_refused 404 not_found agency GET "/api/v1/reports/2026?agency=nowhere" "" -H "$(a_bearer "$boss")"
  # Each format is the CLI's bytes, with its content type.
  for f in json:json:application/json markdown:md:text/markdown csv:csv:text/csv html:html:text/html; do
    IFS=: read -r api cli type <<<"$f"
    a_expect_status 200 GET "/api/v1/reports/2026?format=$api" "" -H "$(a_bearer "$boss")" -D "$T/headers"
    grep -qi "^content-type: $type; charset=utf-8" "$T/headers" || fail "$api: $(cat "$T/headers")"
    _e_keep "api.$cli"
    expect_exit 0 env DISCLOSE_TODAY=2026-03-16 disclose-stats annual-report --year 2026 --format "$cli" --as "$A_BOSS"
    cmp "$T/out" "$T/api.$cli" || fail "the $api report differs from the CLI's"
  done
  head -c 3 "$T/api.csv" | od -An -tx1 | grep -q 'ef bb bf' || fail "no BOM in the CSV"
  a_expect_status 200 GET "/api/v1/reports/2026?format=csv&bom=0" "" -H "$(a_bearer "$boss")"
  expect_exit 0 env DISCLOSE_TODAY=2026-03-16 disclose-stats annual-report --year 2026 --format csv --no-bom --as "$A_BOSS"
  cmp "$T/out" <(curl -sS "http://127.0.0.1:$A_PORT/api/v1/reports/2026?format=csv&bom=0" -H "$(a_bearer "$boss")") ||
    fail "the CSV without BOM differs from the CLI's"
  expect_eq "$(jq -c '.applications.rows.new' "$T/api.json")" '[1,0,0,0,0,0,1]'
  # One compilation stored: the later ones were the same.
  expect_eq "$(sql "SELECT count(*) FROM annual_reports")" 1
}

t_report_sections() {
  _a_start
  local li boss
  li="$(_a_login "$A_LI")"
  boss="$(_a_login "$A_BOSS")"
  a_expect_status 200 GET /api/v1/reports/2025/sections "" -H "$(a_bearer "$li")"
  _e_keep api.json
  expect_exit 0 env DISCLOSE_TODAY=2026-03-16 disclose-stats active --year 2025 --json --as "$A_LI"
  _e_keep cli.json
  _e_same api.json cli.json
  # Section 二's figures: all or none; only a supervisor.
  _e_refused 403 forbidden "" PUT /api/v1/reports/2025/active '{"values":{"rules.made":3}}' -H "$(a_bearer "$li")"
  _e_refused 422 invalid rules.made PUT /api/v1/reports/2025/active '{"values":{"licensing":5,"rules.made":-3}}' -H "$(a_bearer "$boss")"
  _e_refused 422 invalid rules.made PUT /api/v1/reports/2025/active '{"values":{"licensing":5,"rules.made":1.5}}' -H "$(a_bearer "$boss")"
  _e_refused 422 invalid "" PUT /api/v1/reports/2025/active '{"values":{"licensing":5,"rulez":1}}' -H "$(a_bearer "$boss")"
  _e_refused 422 invalid values PUT /api/v1/reports/2025/active '{"values":{}}' -H "$(a_bearer "$boss")"
  _e_refused 422 invalid values PUT /api/v1/reports/2025/active '{"values":[1]}' -H "$(a_bearer "$boss")"
  _e_refused 422 invalid body PUT /api/v1/reports/2025/active '{"values":{"licensing":5},"year":2025}' -H "$(a_bearer "$boss")"
  _e_refused 422 invalid year PUT /api/v1/reports/2017/active '{"values":{"licensing":5}}' -H "$(a_bearer "$boss")"
  _e_refused 404 not_found agency PUT /api/v1/reports/2025/active '{"agency":"nowhere","values":{"licensing":5}}' -H "$(a_bearer "$boss")"
  a_expect_status 200 PUT /api/v1/reports/2025/active '{"values":{"rules.made":3,"licensing":120,"fees_wan_yuan":"12.5"}}' -H "$(a_bearer "$boss")"
  _e_keep api.json
  expect_eq "$(json -c '[.active[] | select(.value != null) | [.key, .value, .entered_by]]')" \
    "[[\"rules.made\",3,\"$A_BOSS\"],[\"licensing\",120,\"$A_BOSS\"],[\"fees_wan_yuan\",\"12.5\",\"$A_BOSS\"]]"
  expect_exit 0 env DISCLOSE_TODAY=2026-03-16 disclose-stats active --year 2025 --json --as "$A_BOSS"
  _e_keep cli.json
  _e_same api.json cli.json
  # null takes a figure back, as --set KEY= does.
  a_expect_status 200 PUT /api/v1/reports/2025/active '{"values":{"licensing":null}}' -H "$(a_bearer "$boss")"
  expect_eq "$(json '.active[] | select(.key == "licensing") | .value')" null
  # The texts of sections 一, 五, 六.
  _e_refused 404 not_found section PUT /api/v1/reports/2025/sections/2 '{"text":"x"}' -H "$(a_bearer "$boss")"
  _e_refused 404 not_found section PUT /api/v1/reports/2025/sections/0 '{"text":"x"}' -H "$(a_bearer "$boss")"
  _e_refused 422 invalid text PUT /api/v1/reports/2025/sections/1 '{}' -H "$(a_bearer "$boss")"
  _e_refused 422 invalid text PUT /api/v1/reports/2025/sections/1 '{"text":"a\u0001b"}' -H "$(a_bearer "$boss")"
  _e_refused 403 forbidden "" PUT /api/v1/reports/2025/sections/1 '{"text":"x"}' -H "$(a_bearer "$li")"
  a_expect_status 200 PUT /api/v1/reports/2025/sections/5 '{"text":"\ufeff第一行\r\n第二行\r\n"}' -H "$(a_bearer "$boss")"
  _e_keep api.json
  expect_eq "$(json '.texts[] | select(.section == 5) | .text | @json')" '"第一行\n第二行\n"'
  expect_exit 0 env DISCLOSE_TODAY=2026-03-16 disclose-stats text --year 2025 --section 5 --json --as "$A_BOSS"
  _e_keep cli.json
  _e_same api.json cli.json
  # The CLI entering the same file gives the same text.
  printf '\xef\xbb\xbf第一行\r\n第二行\r\n' >"$T/five.txt"
  expect_exit 0 env DISCLOSE_TODAY=2026-03-16 disclose-stats text --year 2025 --section 6 --file "$T/five.txt" --json --as "$A_BOSS"
  expect_eq "$(json '.texts[] | select(.section == 6) | .text | @json')" '"第一行\n第二行\n"'
}

t_staff() {
  _a_start
  local admin clerk
  admin="$(_a_login "$A_ADMIN")"
  clerk="$(_a_login "$A_CLERK")"
  local new="new$$" cli="cli$$"
  # Refusals: role, bad input, a login taken.
  _e_refused 403 forbidden "" POST /api/v1/staff "{\"login\":\"$new\",\"name\":\"新人\",\"roles\":[\"clerk\"]}" -H "$(a_bearer "$clerk")"
  _e_refused 422 invalid roles POST /api/v1/staff "{\"login\":\"$new\",\"name\":\"新人\",\"roles\":[]}" -H "$(a_bearer "$admin")"
  _e_refused 422 invalid roles POST /api/v1/staff "{\"login\":\"$new\",\"name\":\"新人\",\"roles\":[\"system\"]}" -H "$(a_bearer "$admin")"
  _e_refused 422 invalid roles POST /api/v1/staff "{\"login\":\"$new\",\"name\":\"新人\",\"roles\":\"clerk\"}" -H "$(a_bearer "$admin")"
  _e_refused 422 invalid name POST /api/v1/staff "{\"login\":\"$new\",\"roles\":[\"clerk\"]}" -H "$(a_bearer "$admin")"
  _e_refused 422 invalid login POST /api/v1/staff '{"login":"no spaces","name":"新人","roles":["clerk"]}' -H "$(a_bearer "$admin")"
  _e_refused 422 invalid body POST /api/v1/staff "{\"login\":\"$new\",\"name\":\"新人\",\"roles\":[\"clerk\"],\"password\":\"x\"}" -H "$(a_bearer "$admin")"
  _e_refused 409 conflict "" POST /api/v1/staff "{\"login\":\"$A_LI\",\"name\":\"新人\",\"roles\":[\"clerk\"]}" -H "$(a_bearer "$admin")"
  # Added: the CLI's staff record for the same input.
  a_expect_status 201 POST /api/v1/staff "{\"login\":\"$new\",\"name\":\"新人\",\"roles\":[\"handler\",\"clerk\"]}" -H "$(a_bearer "$admin")"
  _e_keep api.json
  expect_exit 0 disclose staff add "$cli" --name 新人 --role handler --role clerk --as "$A_ADMIN" --json
  _e_keep cli.json
  _e_same api.json cli.json 'del(.login)'
  expect_eq "$(sql "SELECT roles FROM staff WHERE login = '$new'")" '{clerk,handler}'
  # Roles.
  _e_refused 403 forbidden "" PUT "/api/v1/staff/$new/roles" '{"roles":["admin"]}' -H "$(a_bearer "$clerk")"
  _e_refused 422 invalid roles PUT "/api/v1/staff/$new/roles" '{"roles":["boss"]}' -H "$(a_bearer "$admin")"
  _e_refused 404 not_found login PUT /api/v1/staff/nobody_here/roles '{"roles":["clerk"]}' -H "$(a_bearer "$admin")"
  a_expect_status 200 PUT "/api/v1/staff/$new/roles" '{"roles":["reviewer"]}' -H "$(a_bearer "$admin")"
  _e_keep api.json
  expect_exit 0 disclose staff roles "$cli" --role reviewer --as "$A_ADMIN" --json
  _e_keep cli.json
  _e_same api.json cli.json 'del(.login)'
  # A password an admin sets: the member logs in with it.
  _e_refused 422 invalid password PUT "/api/v1/staff/$new/password" '{"password":"short"}' -H "$(a_bearer "$admin")"
  _e_refused 403 forbidden "" PUT "/api/v1/staff/$new/password" '{"password":"a long password"}' -H "$(a_bearer "$clerk")"
  a_expect_status 200 PUT "/api/v1/staff/$new/password" '{"password":"a long password"}' -H "$(a_bearer "$admin")"
  expect_eq "$(json .login)" "$new"
  a_expect_status 201 POST /api/v1/session "{\"login\":\"$new\",\"password\":\"a long password\"}"
  local tok
  tok="$(json .token)"
  # Disabled: the record stays, the session ends.
  _e_refused 403 forbidden "" POST "/api/v1/staff/$new/disable" '' -H "$(a_bearer "$clerk")"
  _e_refused 404 not_found login POST /api/v1/staff/nobody_here/disable '' -H "$(a_bearer "$admin")"
  a_expect_status 200 POST "/api/v1/staff/$new/disable" '' -H "$(a_bearer "$admin")"
  _e_keep api.json
  expect_eq "$(json .active)" false
  expect_exit 0 disclose staff disable "$cli" --as "$A_ADMIN" --json
  _e_keep cli.json
  _e_same api.json cli.json 'del(.login)'
  a_expect_status 401 GET /api/v1/session "" -H "$(a_bearer "$tok")"
  # The history names the admin who changed the member through the API,
  # not the daemon's role.
  expect_eq "$(sql "SELECT string_agg(DISTINCT changed_by, ',') FROM staff_history WHERE login = '$new'")" "$A_ADMIN"
}

t_agencies() {
  _a_start
  local admin clerk
  admin="$(_a_login "$A_ADMIN")"
  clerk="$(_a_login "$A_CLERK")"
  # Added.
  _e_refused 403 forbidden "" POST /api/v1/agencies '{"code":"qyp","name":"青云谱区"}' -H "$(a_bearer "$clerk")"
  _e_refused 422 invalid name POST /api/v1/agencies '{"code":"qyp"}' -H "$(a_bearer "$admin")"
  _e_refused 422 invalid code POST /api/v1/agencies '{"code":"a b","name":"青云谱区"}' -H "$(a_bearer "$admin")"
  _e_refused 422 invalid body POST /api/v1/agencies '{"code":"qyp","name":"青云谱区","court":"x"}' -H "$(a_bearer "$admin")"
  a_expect_status 201 POST /api/v1/agencies '{"code":"qyp","name":"青云谱区"}' -H "$(a_bearer "$admin")"
  _e_keep api.json
  expect_exit 0 disclose agency add qyp2 --name 青云谱区 --as "$A_ADMIN" --json
  _e_keep cli.json
  _e_same api.json cli.json 'del(.id, .code)'
  _e_refused 409 conflict "" POST /api/v1/agencies '{"code":"qyp","name":"又一个"}' -H "$(a_bearer "$admin")"
  # Settings: each as `agency set`; several at once, all checked first.
  a_expect_status 200 PATCH /api/v1/agencies/qyp '{"court":"南昌市青云谱区人民法院"}' -H "$(a_bearer "$admin")"
  _e_keep api.json
  expect_exit 0 disclose agency set qyp --court 南昌市青云谱区人民法院 --as "$A_ADMIN" --json
  _e_keep cli.json
  _e_same api.json cli.json
  a_expect_status 200 PATCH /api/v1/agencies/qyp '{"backdate_workdays":5}' -H "$(a_bearer "$admin")"
  _e_keep api.json
  expect_exit 0 disclose agency set qyp --backdate-workdays 5 --as "$A_ADMIN" --json
  _e_keep cli.json
  _e_same api.json cli.json
  a_expect_status 200 PATCH /api/v1/agencies/qyp \
    '{"supplement_reply_within":10,"require_letter":true,"phone":"0791-1","on":"2026-03-16"}' -H "$(a_bearer "$admin")"
  expect_eq "$(json -c '[.code, .supplement_reply_days, .letter_required, .phone]')" '["qyp",10,true,"0791-1"]'
  expect_eq "$(json -c 'keys_unsorted')" '["id","code","name","supplement_reply_days","letter_required","phone"]'
  expect_eq "$(sql "SELECT backdate_workdays || '/' || supplement_reply_days || '/' || letter_required || '/' || phone || '/' || court
                    FROM agencies WHERE code = 'qyp'")" "5/10/true/0791-1/南昌市青云谱区人民法院"
  # A bad value anywhere: nothing set, not even the good ones before it.
  local long
  long="$(printf '院%.0s' $(seq 201))"
  _e_refused 422 invalid court PATCH /api/v1/agencies/qyp "{\"phone\":\"0791-2\",\"court\":\"$long\"}" -H "$(a_bearer "$admin")"
  _e_refused 422 invalid court PATCH /api/v1/agencies/qyp '{"phone":"0791-2","court":"第一行\n第二行"}' -H "$(a_bearer "$admin")"
  _e_refused 422 invalid court PATCH /api/v1/agencies/qyp '{"phone":"0791-2","court":"   "}' -H "$(a_bearer "$admin")"
  _e_refused 422 invalid backdate_workdays PATCH /api/v1/agencies/qyp '{"phone":"0791-2","backdate_workdays":61}' -H "$(a_bearer "$admin")"
  _e_refused 422 invalid supplement_reply_within PATCH /api/v1/agencies/qyp '{"phone":"0791-2","supplement_reply_within":4}' -H "$(a_bearer "$admin")"
  _e_refused 422 invalid require_letter PATCH /api/v1/agencies/qyp '{"phone":"0791-2","require_letter":"yes"}' -H "$(a_bearer "$admin")"
  _e_refused 422 invalid body PATCH /api/v1/agencies/qyp '{"phone":"0791-2","name":"改名"}' -H "$(a_bearer "$admin")"
  _e_refused 422 invalid body PATCH /api/v1/agencies/qyp '{}' -H "$(a_bearer "$admin")"
  _e_refused 422 invalid on PATCH /api/v1/agencies/qyp '{"phone":"0791-2","on":"yesterday"}' -H "$(a_bearer "$admin")"
  _e_refused 403 forbidden "" PATCH /api/v1/agencies/qyp '{"phone":"0791-2","court":"x"}' -H "$(a_bearer "$clerk")"
  _e_refused 404 not_found code PATCH /api/v1/agencies/nowhere '{"phone":"0791-2","court":"x"}' -H "$(a_bearer "$admin")"
}
