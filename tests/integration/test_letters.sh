# shellcheck shell=bash
# tests/integration/test_letters.sh — the answer letters (issue 14). What
# an agency's letters say of it is the agency's setting, an admin's, one
# per call (migrations/0020; docs/letters.md).

# shellcheck source=tests/integration/fixtures/helpers.sh
source "$(dirname "${BASH_SOURCE[0]}")/fixtures/helpers.sh"

t_letter_settings_are_an_admins_one_at_a_time() {
  local before
  expect_exit 0 disclose staff add clerk1 --name 王文员 --role clerk --as admin
  before="$(sql "SELECT count(*) FROM agencies WHERE court IS NOT NULL")"
  h_expect_error 5 forbidden "" disclose agency set default --court 南昌市青云谱区人民法院 --as clerk1
  h_expect_error 4 not_found code disclose agency set nowhere --court 南昌市青云谱区人民法院 --as admin
  h_expect_error 2 usage "" disclose agency set default --court 甲 --phone 0791-1 --as admin
  h_expect_error 2 usage "" disclose agency set default --court 甲 --backdate-workdays 5 --as admin
  h_expect_error 3 invalid value disclose agency set default --court "$(printf '第一行\n第二行')" --as admin
  h_expect_error 3 invalid value disclose agency set default --court "$(printf '院%.0s' $(seq 201))" --as admin
  h_expect_error 3 invalid value disclose agency set default --court "   " --as admin
  expect_eq "$(sql "SELECT count(*) FROM agencies WHERE court IS NOT NULL")" "$before" "nothing written by the refusals"

  expect_exit 0 disclose agency set default --court 南昌市青云谱区人民法院 --as admin --json
  expect_eq "$(json .court)" 南昌市青云谱区人民法院
  expect_exit 0 disclose agency set default --short-name 青云谱公开 --as admin
  expect_exit 0 disclose agency set default --fee-payment "户名：青云谱区财政局；账号：1234" --as admin --json
  expect_eq "$(json .fee_payment)" "户名：青云谱区财政局；账号：1234"
  expect_exit 0 disclose agency set default --reconsideration-body "南昌市青云谱区人民政府" --as admin --json
  expect_eq "$(sql "SELECT short_name || '|' || court || '|' || reconsideration_body || '|' || coalesce(phone, '-') FROM agencies WHERE code = 'default'")" \
    "青云谱公开|南昌市青云谱区人民法院|南昌市青云谱区人民政府|-"
  # Set again, it is replaced: a correction of the setting, not a second one.
  expect_exit 0 disclose agency set default --court 南昌铁路运输法院 --as admin
  expect_eq "$(sql "SELECT court FROM agencies WHERE code = 'default'")" 南昌铁路运输法院
}

# Called directly, the database's function refuses a clerk, and a setting
# that is not one even from an admin.
t_the_letter_setting_function_checks_for_itself() {
  expect_exit 0 disclose staff add clerk1 --name 王文员 --role clerk --as admin
  expect_exit 0 disclose staff add root1 --name 管理员 --role admin --as admin
  h_psql_refused clerk1 "SELECT dsc_w_agency_set_letter('default', 'court', 'X', 'clerk1')"
  h_psql_refused clerk1 "SELECT dsc_w_agency_set_letter('default', 'court', 'X', 'root1')"
  h_psql_refused root1 "SELECT dsc_w_agency_set_letter('default', 'name', 'X', 'root1')"
  h_psql_refused root1 "UPDATE agencies SET court = 'X'"
  expect_eq "$(sql "SELECT count(*) FROM agencies WHERE court IS NOT NULL OR name = 'X'")" 0
}
