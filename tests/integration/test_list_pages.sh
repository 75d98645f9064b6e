# shellcheck shell=bash
# tests/integration/test_list_pages.sh — `disclose list` reads a page at a
# time (issue 11): at most --limit requests (default 100, at most 1000)
# after --after ID, by id, so a list never grows with the whole table.

# shellcheck source=tests/integration/fixtures/helpers.sh
source "$(dirname "${BASH_SOURCE[0]}")/fixtures/helpers.sh"

t_pages_by_id() {
  export DISCLOSE_TODAY=2023-03-15
  h_staff
  local i ids=()
  for i in 1 2 3 4 5; do
    ids+=("$(h_submit)")
  done
  expect_exit 0 disclose list --json --limit 2
  expect_eq "$(json -c '[.[].id]')" "[${ids[0]},${ids[1]}]" "first page"
  expect_exit 0 disclose list --json --limit 2 --after "${ids[1]}"
  expect_eq "$(json -c '[.[].id]')" "[${ids[2]},${ids[3]}]" "second page"
  expect_exit 0 disclose list --json --limit 2 --after "${ids[3]}"
  expect_eq "$(json -c '[.[].id]')" "[${ids[4]}]" "last page"
  # A person is told where the next page starts, only after a full page.
  expect_exit 0 disclose list --limit 2
  expect_match "$(cat "$T/out")" "^more: disclose list … --after ${ids[1]}\$"
  expect_exit 0 disclose list --limit 2 --after "${ids[3]}"
  if grep -q '^more:' "$T/out"; then fail "a last page offered more"; fi
  # The filters page too: the assigned ones, one at a time.
  h_to assigned "${ids[1]}"
  h_to assigned "${ids[3]}"
  expect_exit 0 disclose list --json --state assigned --limit 1
  expect_eq "$(json -c '[.[].id]')" "[${ids[1]}]" "first assigned"
  expect_exit 0 disclose list --json --state assigned --limit 1 --after "${ids[1]}"
  expect_eq "$(json -c '[.[].id]')" "[${ids[3]}]" "second assigned"
}

t_bad_pages_are_refused() {
  export DISCLOSE_TODAY=2023-03-15
  h_expect_error 3 invalid limit disclose list --limit 0
  h_expect_error 3 invalid limit disclose list --limit 1001
  h_expect_error 3 invalid limit disclose list --limit x
  h_expect_error 3 invalid after disclose list --after -1
  h_expect_error 3 invalid after disclose list --after abc
}
