# shellcheck shell=bash
# tests/integration/test_report_edges.sh — annual-report figures that depend
# on the history rather than the snapshot: fees paid per notice, and lapses
# that are due but not yet applied by the worker (CONTRACT §7, §9).

# shellcheck source=tests/integration/fixtures/helpers.sh
source "$(dirname "${BASH_SOURCE[0]}")/fixtures/helpers.sh"

# _re_request RECEIVED — registered and assigned to li on RECEIVED.
_re_request() {
  local id
  sed "s/2023-03-01/$1/" "$FIXTURES/request_natural_person.json" >"$T/req.json"
  expect_exit 0 disclose submit "$T/req.json" --as clerk1 --on "$1"
  id="$(cat "$T/out")"
  expect_exit 0 disclose assign "$id" --to li --as clerk1 --on "$1"
  printf '%s\n' "$id"
}

t_fees_count_each_payment_in_its_year() {
  export DISCLOSE_TODAY=2025-01-03
  h_staff
  local id
  id="$(_re_request 2024-12-16)"
  expect_exit 0 disclose fee-notice "$id" --amount 100 --pages 40 --method volume --as li --on 2024-12-17 --delivered-on 2024-12-17
  expect_exit 0 disclose fee-paid "$id" --as li --on 2024-12-18
  expect_exit 0 disclose fee-notice "$id" --amount 250 --pages 55 --method volume --as li --on 2025-01-02 --delivered-on 2025-01-02
  expect_exit 0 disclose fee-paid "$id" --as li --on 2025-01-03
  export DISCLOSE_TODAY=2026-01-15
  expect_exit 0 disclose-stats annual-report --year 2024 --as admin
  expect_eq "$(json -c .fees)" '{"count":1,"amount_yuan":100}' "2024 fees"
  expect_exit 0 disclose-stats annual-report --year 2025 --as admin
  expect_eq "$(json -c .fees)" '{"count":1,"amount_yuan":250}' "2025 fees"
}

t_an_unpaid_second_fee_is_not_counted() {
  export DISCLOSE_TODAY=2024-12-19
  h_staff
  local id
  id="$(_re_request 2024-12-16)"
  expect_exit 0 disclose fee-notice "$id" --amount 100 --pages 40 --method volume --as li --on 2024-12-17 --delivered-on 2024-12-17
  expect_exit 0 disclose fee-paid "$id" --as li --on 2024-12-18
  expect_exit 0 disclose fee-notice "$id" --amount 250 --pages 55 --method volume --as li --on 2024-12-19 --delivered-on 2024-12-19
  export DISCLOSE_TODAY=2026-01-15
  expect_exit 0 disclose-stats annual-report --year 2024 --as admin
  expect_eq "$(json -c .fees)" '{"count":1,"amount_yuan":100}' "2024 fees"
  expect_exit 0 disclose-stats annual-report --year 2025 --as admin
  expect_eq "$(json -c .fees)" '{"count":0,"amount_yuan":0}' "2025 fees"
  expect_eq "$(json '.applications.rows["other.fee_unpaid"][6]')" 1 "the lapse of 2025"
}

t_report_applies_a_lapse_the_worker_has_not() {
  # Fee noticed 2025-12-01, lapses wd_add(2025-12-01, 20) = 2025-12-29;
  # the report of 2025, compiled in January without any worker run,
  # counts the request as lapsed, not carried over.
  export DISCLOSE_TODAY=2025-12-01
  h_staff
  local id
  id="$(_re_request 2025-11-28)"
  expect_exit 0 disclose fee-notice "$id" --amount 100 --pages 40 --method volume --as li --on 2025-12-01 --delivered-on 2025-12-01
  export DISCLOSE_TODAY=2026-01-15
  expect_exit 0 disclose-stats annual-report --year 2025 --as admin
  expect_eq "$(json '.applications.rows["other.fee_unpaid"][6]')" 1 "fee_unpaid"
  expect_eq "$(json '.applications.rows.carried_out[6]')" 0 "carried_out"
  expect_exit 0 disclose show "$id" --json
  expect_eq "$(json .closed_on)" 2025-12-29 "closed on the lapse day"
}

# Section 六 reports the fee notices issued in the year (count, amount) as
# well as the fees paid in it (issue 12).
t_fee_notices_issued_are_counted() {
  export DISCLOSE_TODAY=2025-01-03
  h_staff
  local id other
  id="$(_re_request 2024-12-16)"
  other="$(_re_request 2024-12-16)"
  expect_exit 0 disclose fee-notice "$id" --amount 100 --pages 40 --method volume --as li --on 2024-12-17 --delivered-on 2024-12-17
  expect_exit 0 disclose fee-notice "$other" --amount 50 --pages 35 --method volume --as li --on 2024-12-18 --delivered-on 2024-12-18
  expect_exit 0 disclose fee-paid "$id" --as li --on 2024-12-18
  expect_exit 0 disclose fee-notice "$id" --amount 250 --pages 55 --method volume --as li --on 2025-01-02 --delivered-on 2025-01-02
  export DISCLOSE_TODAY=2026-01-15
  expect_exit 0 disclose-stats annual-report --year 2024 --as admin
  expect_eq "$(json -c .fee_notices)" '{"count":2,"amount_yuan":150}' "2024 notices"
  expect_eq "$(json -c .fees)" '{"count":1,"amount_yuan":100}' "2024 fees paid"
  expect_exit 0 disclose-stats annual-report --year 2025 --as admin
  expect_eq "$(json -c .fee_notices)" '{"count":1,"amount_yuan":250}' "2025 notices"
  expect_eq "$(json -c .fees)" '{"count":0,"amount_yuan":0}' "nothing paid in 2025"
  expect_exit 0 disclose-stats annual-report --year 2024 --as admin --format md
  grep -Fq '本年度共发出收费通知2件，收费金额150.00元；实际收取信息处理费1件，金额100.00元。' "$T/out" ||
    fail "the fees sentence of section 六: $(grep -F 收费 "$T/out")"
}

# An appeal about the agency's disclosure work as a whole has no request
# (`appeal --general`): filed and decided by a clerk, counted in section 四
# with the request's appeals (issue 12).
t_general_appeal_counted_in_section_four() {
  export DISCLOSE_TODAY=2025-03-10
  h_staff
  local id aid before
  id="$(_re_request 2025-03-03)"
  expect_exit 0 disclose appeal "$id" --kind litigation_direct --as clerk1 --on 2025-03-04
  expect_exit 0 disclose appeal --general --kind litigation_direct --as clerk1 --on 2025-03-05 --json
  expect_eq "$(json -c '[.request_id, .agency, .kind, .filed_on, .result]')" \
    '[null,"default","litigation_direct","2025-03-05",null]'
  aid="$(json .id)"
  expect_eq "$(sql "SELECT filed_by || ' ' || filed_as FROM appeals WHERE id = $aid")" \
    "clerk1 $DSC_TEST_PGUSER" "who filed it, and who was connected"
  expect_exit 0 disclose appeal --general --kind reconsideration --result upheld --as clerk1 --on 2025-03-06
  expect_exit 0 disclose appeal-decided "$aid" --result corrected --as clerk1 --on 2025-03-07 --json
  expect_eq "$(json -c '[.result, .decided_on]')" '["corrected","2025-03-07"]'
  expect_eq "$(sql "SELECT decided_by FROM appeals WHERE id = $aid")" clerk1
  # Refused, writing nothing: neither ID nor --general, both, --agency
  # with an ID, a handler, an unknown agency or kind, a second decision.
  before="$(db_fingerprint)"
  expect_exit 2 disclose appeal --kind reconsideration --as clerk1
  expect_exit 2 disclose appeal "$id" --general --kind reconsideration --as clerk1
  expect_exit 2 disclose appeal "$id" --agency default --kind reconsideration --as clerk1
  expect_exit 5 disclose appeal --general --kind reconsideration --as li
  expect_match "$(cat "$T/err")" '^disclose: forbidden: role: '
  expect_exit 4 disclose appeal --general --agency nosuch --kind reconsideration --as clerk1
  expect_match "$(cat "$T/err")" '^disclose: not_found: agency: '
  expect_exit 3 disclose appeal --general --kind complaint --as clerk1
  expect_exit 6 disclose appeal-decided "$aid" --result upheld --as clerk1
  expect_eq "$(db_fingerprint)" "$before" "refused appeals wrote nothing"
  # A clerk connected as themselves: the server's date, the agency's
  # backdating window (3 working days), and no recording as another.
  sql "INSERT INTO dsc_clock_override VALUES (true, '2025-03-10')" >/dev/null
  local as_clerk="${DISCLOSE_DB/user=$DSC_TEST_PGUSER/user=clerk1}"
  before="$(db_fingerprint)"
  DISCLOSE_DB="$as_clerk" expect_exit 5 env -u DISCLOSE_TODAY \
    disclose appeal --general --kind reconsideration --on 2025-03-03
  expect_match "$(cat "$T/err")" '^disclose: forbidden: on: '
  expect_eq "$(db_fingerprint)" "$before" "a date beyond the window wrote nothing"
  if psql -XAtq -d "${DISCLOSE_DB/user=$DSC_TEST_PGUSER/user=li}" -c \
    "SELECT dsc_w_appeal_file(NULL, NULL, 'clerk1', '2025-03-10', '{}', 'reconsideration', '2025-03-10', NULL, NULL, 'default')" \
    >"$T/psql.out" 2>&1 </dev/null; then
    fail "li recorded a general appeal as clerk1"
  fi
  DISCLOSE_DB="$as_clerk" expect_exit 0 env -u DISCLOSE_TODAY \
    disclose appeal --general --kind litigation_after_reconsideration --on 2025-03-07
  expect_eq "$(sql "SELECT filed_by || ' ' || filed_as FROM appeals ORDER BY id DESC LIMIT 1")" \
    "clerk1 clerk1" "filed by clerk1, connected as clerk1"
  export DISCLOSE_TODAY=2026-01-15
  expect_exit 0 disclose-stats annual-report --year 2025 --as admin
  expect_eq "$(json -c .appeals.litigation_after_reconsideration.pending)" 1
  expect_eq "$(json -c .appeals.litigation_direct)" \
    '{"upheld":0,"corrected":1,"other":0,"pending":1,"total":2}' "the request's appeal and the general one"
  expect_eq "$(json -c .appeals.reconsideration)" \
    '{"upheld":1,"corrected":0,"other":0,"pending":0,"total":1}'
}

# The CSV starts with a UTF-8 byte-order mark (Excel on Windows shows
# Chinese as garbage without one); --no-bom leaves it out; the other
# formats never carry one.
t_csv_starts_with_a_byte_order_mark() {
  export DISCLOSE_TODAY=2025-03-10
  expect_exit 0 disclose-stats annual-report --year 2025 --as admin --format csv
  expect_eq "$(head -c 3 "$T/out" | od -An -tx1 | tr -d ' ')" efbbbf "the BOM"
  expect_eq "$(head -c 12 "$T/out" | tail -c 9)" "本机关" "the title after it"
  expect_exit 0 disclose-stats annual-report --year 2025 --as admin --format csv --no-bom
  expect_eq "$(head -c 9 "$T/out")" "本机关" "no BOM"
  expect_exit 0 disclose-stats annual-report --year 2025 --as admin --format md
  expect_eq "$(head -c 2 "$T/out")" "# " "md without BOM"
  expect_exit 0 disclose-stats annual-report --year 2025 --as admin
  expect_eq "$(head -c 1 "$T/out")" "{" "json without BOM"
  expect_exit 2 disclose-stats dashboard --no-bom --as admin
}
