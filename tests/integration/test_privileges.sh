# shellcheck shell=bash
# tests/integration/test_privileges.sh — least privilege (issue 6,
# migrations/0006): the engine's role runs the whole workflow, and the same
# role, used directly, cannot rewrite the history or change the schema.

# shellcheck source=tests/integration/fixtures/helpers.sh
source "$(dirname "${BASH_SOURCE[0]}")/fixtures/helpers.sh"

# _p_engine_role — creates a login role in disclose_app for this case (roles
# are cluster-wide: the name is unique per case) and prints its conninfo.
_p_engine_role() {
  local role="dsc_engine_$$_$RANDOM"
  sql "CREATE ROLE $role LOGIN IN ROLE disclose_app" >/dev/null
  printf '%s\n' "${DISCLOSE_DB/user=$DSC_TEST_PGUSER/user=$role}"
}

# _p_refused SQL — the statement fails for the engine's role.
_p_refused() {
  if psql -XAtq -v ON_ERROR_STOP=1 -d "$APP_DB" -c "$1" >"$T/psql.out" 2>&1 </dev/null; then
    fail "the engine's role was allowed: $1"
  fi
  grep -Eq 'permission denied|must be owner' "$T/psql.out" ||
    fail "refused for another reason: $1: $(cat "$T/psql.out")"
}

t_the_engine_role_runs_the_workflow() {
  local owner="$DISCLOSE_DB" id
  APP_DB="$(_p_engine_role)"
  export DISCLOSE_DB="$APP_DB" DISCLOSE_TODAY=2023-03-15
  h_staff
  id="$(h_submit)"
  h_to answered "$id"
  expect_exit 0 disclose publish "$id" --url https://example.gov.cn/p --as clerk1 --on 2023-03-08
  id="$(h_submit)"
  h_to assigned "$id"
  expect_exit 0 disclose consult-agency "$id" --agency 区财政局 --as li --on 2023-03-03
  expect_exit 0 disclose agency-replied "$id" --as li --on 2023-03-06
  expect_exit 0 disclose appeal "$id" --kind reconsideration --as clerk1 --on 2023-03-07
  expect_exit 0 disclose agency add district --name 区机关 --as admin
  printf 'date,kind,name\n2027-01-01,holiday,元旦\n' >"$T/c.csv"
  expect_exit 0 disclose calendar import "$T/c.csv" --as admin
  expect_exit 0 disclose-stats dashboard --as admin
  DISCLOSE_TODAY=2024-01-10 expect_exit 0 disclose-stats annual-report --year 2023 --as admin
  DISCLOSE_TODAY=2024-01-10 expect_exit 0 disclosed --once
  expect_exit 0 disclose verify
  export DISCLOSE_DB="$owner"
  expect_eq "$(sql "SELECT count(*) FROM annual_reports")" 1 "compiled as the engine's role"
}

t_the_engine_role_cannot_rewrite_history() {
  export DISCLOSE_TODAY=2023-03-15
  h_staff
  h_submit >/dev/null
  APP_DB="$(_p_engine_role)"
  _p_refused "UPDATE request_events SET actor = 'admin'"
  _p_refused "DELETE FROM request_events"
  _p_refused "TRUNCATE request_events"
  _p_refused "ALTER TABLE request_events DISABLE TRIGGER request_events_append_only"
  _p_refused "ALTER TABLE requests ADD COLUMN x int"
  _p_refused "DROP TABLE appeals"
  _p_refused "CREATE TABLE mine (x int)"
  _p_refused "DELETE FROM requests"
  _p_refused "UPDATE annual_reports SET report = ''"
  _p_refused "DELETE FROM annual_report_groups"
  _p_refused "DELETE FROM staff"
  # and the engine's role cannot migrate: migrations need the owner.
  local before
  before="$(db_fingerprint)"
  DISCLOSE_DB="$APP_DB" expect_exit 5 disclose migrate
  expect_eq "$(db_fingerprint)" "$before" "nothing written"
}
