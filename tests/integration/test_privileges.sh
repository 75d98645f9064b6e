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

t_the_engine_role_runs_the_daemons_work() {
  local owner="$DISCLOSE_DB" id
  export DISCLOSE_TODAY=2023-03-15
  h_staff
  id="$(h_submit)"
  h_to answered "$id"
  id="$(h_submit)"
  h_to assigned "$id"
  expect_exit 0 disclose consult-agency "$id" --agency 区财政局 --as li --on 2023-03-03 --delivered-on 2023-03-03
  # The server's business date, which is the daemon's (only the operator
  # pins DISCLOSE_TODAY), pinned by the owner.
  sql "INSERT INTO dsc_clock_override VALUES (true, '2024-01-10')" >/dev/null
  APP_DB="$(_p_engine_role)"
  export DISCLOSE_DB="$APP_DB"
  unset DISCLOSE_TODAY
  # Since migrations/0012 the daemon's role records only the system
  # actor's actions: lapses, escalations, re-derivations, compilations.
  expect_exit 5 disclose agency-replied "$id" --as li
  expect_exit 5 disclose staff add mallory --name M --role admin --as admin
  expect_exit 0 disclosed --once
  expect_exit 0 disclose-stats dashboard
  expect_exit 0 disclose-stats annual-report --year 2023
  expect_exit 0 disclose verify
  export DISCLOSE_DB="$owner"
  expect_eq "$(sql "SELECT DISTINCT compiled_by FROM annual_reports")" system "compiled as the system actor"
  expect_eq "$(sql "SELECT count(*) FROM request_events WHERE actor = 'system' AND action = 'lapse'")" 1 \
    "the consultation lapsed by the daemon's role"
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
