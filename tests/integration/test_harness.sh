# shellcheck shell=bash
# tests/integration/test_harness.sh — the harness checks itself: a helper
# that never fails would let every other test pass vacuously.

# expect_exit accepts the right code, captures both streams, and ends the
# case (status 1, message with our line) on a wrong one.
t_expect_exit_detects_wrong_code() {
  expect_exit 3 bash -c 'echo out; echo err >&2; exit 3'
  expect_eq "$(cat "$T/out")" out
  expect_eq "$(cat "$T/err")" err
  local status=0
  (expect_exit 0 false) 2>"$T/harness.err" || status=$?
  expect_eq "$status" 1 "expect_exit on a wrong code"
  expect_match "$(cat "$T/harness.err")" '^FAIL test_harness\.sh:[0-9]+: expected exit 0, got 1'
  status=0
  (expect_eq a b) 2>/dev/null || status=$?
  expect_eq "$status" 1 "expect_eq on different values"
  status=0
  (expect_match "abc" '^x') 2>/dev/null || status=$?
  expect_eq "$status" 1 "expect_match without a match"
}

# Each case has its own database copied from the template; sql and json
# read what they should; fresh_empty_db switches to an empty database.
t_sql_and_databases() {
  expect_eq "$(sql 'select 6 * 7')" 42
  expect_match "$(sql 'select current_database()')" '^t_[0-9a-f]{12}$'
  expect_eq "$(sql "select count(*) from pg_database where datname = current_database() and datistemplate")" 0
  expect_exit 0 echo '{"a": {"b": [1, 2, 3]}}'
  expect_eq "$(json '.a.b | length')" 3
  local before
  before="$(sql 'select current_database()')"
  fresh_empty_db
  expect_match "$(sql 'select current_database()')" '_empty$'
  [[ "$(sql 'select current_database()')" != "$before" ]] || fail "fresh_empty_db kept the database"
  expect_eq "$(sql "select count(*) from information_schema.tables where table_schema = 'public'")" 0
  local status=0
  (sql 'select * from no_such_table') 2>/dev/null || status=$?
  expect_eq "$status" 1 "sql on an SQL error"
}

# db_fingerprint sees a new table, a new row and the drop that restores
# the database, so equal fingerprints really mean nothing was written.
t_fingerprint_tracks_writes() {
  local fp0 fp1 fp2
  fp0="$(db_fingerprint)"
  expect_match "$fp0" '^[0-9a-f]{32}$'
  expect_eq "$(db_fingerprint)" "$fp0" "fingerprint of an unchanged database"
  sql 'create table harness_scratch (id int, note text)'
  fp1="$(db_fingerprint)"
  [[ "$fp1" != "$fp0" ]] || fail "fingerprint ignores a new table"
  sql "insert into harness_scratch values (1, '申请')"
  expect_eq "$(count_rows harness_scratch)" 1
  fp2="$(db_fingerprint)"
  [[ "$fp2" != "$fp1" ]] || fail "fingerprint ignores an inserted row"
  sql 'drop table harness_scratch'
  expect_eq "$(db_fingerprint)" "$fp0" "fingerprint after dropping the scratch table"
}
