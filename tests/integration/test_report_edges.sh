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
  expect_exit 0 disclose fee-notice "$id" --amount 100 --pages 40 --method volume --as li --on 2024-12-17
  expect_exit 0 disclose fee-paid "$id" --as li --on 2024-12-18
  expect_exit 0 disclose fee-notice "$id" --amount 250 --pages 55 --method volume --as li --on 2025-01-02
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
  expect_exit 0 disclose fee-notice "$id" --amount 100 --pages 40 --method volume --as li --on 2024-12-17
  expect_exit 0 disclose fee-paid "$id" --as li --on 2024-12-18
  expect_exit 0 disclose fee-notice "$id" --amount 250 --pages 55 --method volume --as li --on 2024-12-19
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
  expect_exit 0 disclose fee-notice "$id" --amount 100 --pages 40 --method volume --as li --on 2025-12-01
  export DISCLOSE_TODAY=2026-01-15
  expect_exit 0 disclose-stats annual-report --year 2025 --as admin
  expect_eq "$(json '.applications.rows["other.fee_unpaid"][6]')" 1 "fee_unpaid"
  expect_eq "$(json '.applications.rows.carried_out[6]')" 0 "carried_out"
  expect_exit 0 disclose show "$id" --json
  expect_eq "$(json .closed_on)" 2025-12-29 "closed on the lapse day"
}
