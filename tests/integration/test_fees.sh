# shellcheck shell=bash
# tests/integration/test_fees.sh — fees only by the tariff (issue 12):
# `fee-notice` charges exactly the 国办函〔2020〕109号 quote of the method
# chosen (Art. 3), never an amount the caller makes up; the monthly count
# of Art. 4 matches applicants by identity number only, so an applicant
# without one cannot be charged by count (docs/statutes.md D14, D15).
#
# Dates: October 2024. Every request is received and assigned on Tue
# 10-08 and the notices are given on 10-08 or 10-09, well before the due
# date wd_add(10-08, 20) = 11-04 (test_clock.sh has the calendar).

# shellcheck source=tests/integration/fixtures/helpers.sh
source "$(dirname "${BASH_SOURCE[0]}")/fixtures/helpers.sh"

# Two resident identity numbers with valid GB 11643 check characters.
ZW_ID=110101198001011232
OTHER_ID=310105197512034514

# _fe_submit NAME [ID_NUMBER] [DATE] — clerk1 registers an application by
# post from NAME, with the identity number when one is given, received on
# DATE (default 2024-10-08); prints the new id.
_fe_submit() { h_letter "${3:-2024-10-08}" "$1" "${2:-}"; }

# _fe_times N NAME [ID_NUMBER] [DATE] — N applications of _fe_submit.
_fe_times() {
  local n="$1" i
  shift
  for ((i = 0; i < n; i++)); do
    _fe_submit "$@" >/dev/null
  done
}

# _fe_eleventh — ten applications by the applicant ZW_ID, then the 11th,
# assigned to li; prints its id. By count it costs 100 yuan (Art. 4: 11–30).
_fe_eleventh() {
  local id
  _fe_times 10 张伟 "$ZW_ID"
  id="$(_fe_submit 张伟 "$ZW_ID")"
  expect_exit 0 disclose assign "$id" --to li --as clerk1 --on 2024-10-08
  printf '%s\n' "$id"
}

# An amount other than the quote of the chosen method is refused (exit 7,
# field amount, the quote and its arithmetic in the message) and writes
# nothing; the quote itself is accepted and the event keeps the method and
# the arithmetic.
t_amount_other_than_the_quote_is_refused() {
  export DISCLOSE_TODAY=2024-10-15
  h_staff
  local id first
  id="$(_fe_eleventh)"
  h_expect_error 7 statutory amount disclose fee-notice "$id" --amount 99.99 --as li --on 2024-10-09
  expect_match "$(cat "$T/err")" 'the 109号 quote is 100\.00 yuan \(by count: application 11 of the month falls in 11–30: 100 yuan'
  h_expect_error 7 statutory amount disclose fee-notice "$id" --amount 1000 --as li --on 2024-10-09
  # 250 pages by volume cost 4700, but without --method the cheaper is
  # charged: by count, 100 (Art. 3: one method, never both).
  h_expect_error 7 statutory amount disclose fee-notice "$id" --amount 4700 --pages 250 --as li --on 2024-10-09
  h_expect_error 7 statutory amount disclose fee-notice "$id" --amount 4800 --pages 250 --method volume --as li --on 2024-10-09
  h_expect_error 7 statutory amount disclose fee-notice "$id" --amount 200 --method count --as li --on 2024-10-09
  # Malformed, zero or negative amounts stay invalid input.
  h_expect_error 3 invalid amount disclose fee-notice "$id" --amount 0 --as li --on 2024-10-09
  h_expect_error 3 invalid amount disclose fee-notice "$id" --amount -100 --as li --on 2024-10-09
  h_expect_error 3 invalid amount disclose fee-notice "$id" --amount 1e2 --as li --on 2024-10-09
  h_expect_error 3 invalid method disclose fee-notice "$id" --method cheaper --as li --on 2024-10-09

  # The first application of another applicant: the quote is 0, so no
  # amount at all may be charged (条例 Art. 42; Discrepancy 4).
  first="$(_fe_submit 李雷 "$OTHER_ID")"
  expect_exit 0 disclose assign "$first" --to li --as clerk1 --on 2024-10-08
  h_expect_error 7 statutory amount disclose fee-notice "$first" --amount 100 --as li --on 2024-10-09
  expect_match "$(cat "$T/err")" 'no fee may be charged \(Art\. 42\)'

  expect_exit 0 disclose fee-notice "$id" --amount 100 --as li --on 2024-10-09
  expect_eq "$(cat "$T/out")" "request $id: fee notice given, 100.00 yuan"
  expect_exit 0 disclose show "$id" --json
  expect_eq "$(json -c '.events[-1] | [.action, .data.amount, .data.method]')" '["fee-notice","100.00","count"]'
  expect_match "$(json '.events[-1].data.arithmetic')" '^by count: application 11 of the month falls in 11–30: 100 yuan; .*chosen: count, 100\.00 yuan$'
}

# The quote of the method chosen is accepted, by volume as by count, and
# the event records which method and how it was reckoned.
t_amount_equal_to_the_quote_is_accepted() {
  export DISCLOSE_TODAY=2024-10-15
  h_staff
  local id
  id="$(_fe_eleventh)"
  # 250 pages: 30×0 + 70×10 + 100×20 + 50×40 = 4700 yuan.
  expect_exit 0 disclose fee-notice "$id" --amount 4700.00 --pages 250 --method volume --as li --on 2024-10-09 --json
  expect_eq "$(json .hold.kind)" fee
  expect_exit 0 disclose show "$id" --json
  expect_eq "$(json -c '.events[-1] | [.data.amount, .data.method]')" '["4700.00","volume"]'
  expect_match "$(json '.events[-1].data.arithmetic')" 'by volume: 30×0 \+ 70×10 \+ 100×20 \+ 50×40 = 4700 yuan; chosen: volume, 4700\.00 yuan$'
}

# 张伟 without an identity number ten times, and another 张伟 without one:
# nobody can tell them apart, so the 11th is not "the same applicant's
# 11th" and is not charged 100 yuan — no fee by count at all without an
# identity number. With one, the same number's 11th pays 100 yuan, and a
# 张伟 with a number is not counted with those without.
t_same_name_without_identity_is_not_counted() {
  export DISCLOSE_TODAY=2024-10-15
  h_staff
  local anon named counted
  _fe_times 10 张伟
  anon="$(_fe_submit 张伟)"
  expect_exit 0 disclose assign "$anon" --to li --as clerk1 --on 2024-10-08
  h_expect_error 7 statutory applicant.id_number disclose fee-notice "$anon" --as li --on 2024-10-09
  expect_match "$(cat "$T/err")" 'no identity number'
  h_expect_error 7 statutory applicant.id_number disclose fee-notice "$anon" --amount 100 --as li --on 2024-10-09
  h_expect_error 7 statutory applicant.id_number disclose fee-notice "$anon" --amount 100 --method count --as li --on 2024-10-09
  h_expect_error 7 statutory applicant.id_number disclose fee-notice "$anon" --pages 250 --as li --on 2024-10-09
  # fee-quote says the same.
  h_expect_error 7 statutory applicant.id_number disclose fee-quote "$anon" --pages 0 --as li
  h_expect_error 7 statutory applicant.id_number disclose fee-quote "$anon" --pages 250 --method count --as li
  # By volume the pages of this one application decide, not who sent it
  # (109号 Art. 5): the quote, and only the quote, may be charged.
  expect_exit 0 disclose fee-quote "$anon" --pages 250 --method volume --as li --json
  expect_eq "$(json -c '[.ordinal, .by_count, .by_volume, .method, .amount]')" '[null,null,"4700.00","volume","4700.00"]'
  expect_match "$(json .arithmetic)" '^by count: the applicant has no identity number'
  h_expect_error 7 statutory amount disclose fee-notice "$anon" --amount 100 --pages 250 --method volume --as li --on 2024-10-09

  # A 张伟 with an identity number is the first of that number.
  named="$(_fe_submit 张伟 "$ZW_ID")"
  expect_exit 0 disclose fee-quote "$named" --pages 0 --method count --as clerk1 --json
  expect_eq "$(json .ordinal)" 1

  # Nine more by that number (one under another name: the number decides)
  # and one by another number: the 11th of ZW_ID pays 100 yuan.
  _fe_times 8 张伟 "$ZW_ID"
  _fe_submit "张 伟" "$ZW_ID" >/dev/null
  _fe_submit 张伟 "$OTHER_ID" >/dev/null
  # Last month's applications do not count in October.
  _fe_submit 张伟 "$ZW_ID" 2024-09-30 >/dev/null
  counted="$(_fe_submit 张伟 "$ZW_ID")"
  expect_exit 0 disclose assign "$counted" --to li --as clerk1 --on 2024-10-08
  expect_exit 0 disclose fee-quote "$counted" --pages 0 --method count --as li --json
  expect_eq "$(json -c '[.ordinal, .by_count]')" '[11,"100.00"]'
  expect_exit 0 disclose fee-notice "$counted" --as li --on 2024-10-09
  expect_eq "$(cat "$T/out")" "request $counted: fee notice given, 100.00 yuan"
  expect_exit 0 disclose show "$counted" --json
  expect_eq "$(json -c '.events[-1].data | [.amount, .method]')" '["100.00","count"]'
}
