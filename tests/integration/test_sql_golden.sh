# shellcheck shell=bash
# tests/integration/test_sql_golden.sh — SQL you can see (issue 13, part 5;
# docs/sql/README.md). The statement registry (engine/pg/sql.c), written out
# by tests/tools/sql_golden.c, must equal docs/sql/statements/, so that a
# changed statement shows in review as a diff of SQL; every statement must
# prepare against the migrated schema; and the schema (`pg_dump -s`) must
# equal docs/sql/schema.sql. The self-test cases plant each kind of change
# and check that the same comparisons catch it.
#
# After an intended change, rewrite the files and review their diff:
#   DSC_UPDATE_GOLDEN=1 ops/test -R integration.test_sql_golden

# The files this source tree keeps.
_sg_golden() {
  printf '%s/docs/sql\n' "${DSC_SOURCE_DIR:-$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)}"
}

_sg_update_hint() {
  printf 'if the change is intended: DSC_UPDATE_GOLDEN=1 ops/test -R integration.test_sql_golden, then commit docs/sql/ (docs/sql/README.md)'
}

# _sg_compare GOLDEN NEW — two directories of statement files, or two
# schema snapshots: silent when the same; otherwise prints the diff (a
# changed statement as its lines, a statement without a golden file or a
# golden file without a statement as "Only in") and returns 1.
_sg_compare() {
  local out status=0
  out="$(LC_ALL=C diff -ru "$1" "$2")" || status=$?
  if [[ $status -ne 0 ]]; then
    printf '%s\n' "$out"
    return 1
  fi
}

# _sg_schema — the schema of $DISCLOSE_DB as pg_dump -s prints it, without
# what changes from run to run: the \restrict and \unrestrict lines
# (pg_dump 15.14 and later draw a new key each time) and the versions of the
# server and of pg_dump, each with the blank line after it, so that a
# pg_dump before 15.14, which prints no \restrict, gives the same text. The
# case's database is the migrated template's copy: dumping the template
# itself would hold a session on it, and createdb -T of every other case
# running meanwhile refuses a template in use.
_sg_schema() {
  # shellcheck disable=SC2016 # awk code, not shell
  pg_dump --schema-only --dbname="$DISCLOSE_DB" </dev/null | awk '
    skip && /^$/ { skip = 0; next }
    { skip = 0 }
    /^\\(un)?restrict / || /^-- Dumped (from database|by pg_dump) version / {
      skip = 1
      next
    }
    { print }'
}

# _sg_update WHAT — true when DSC_UPDATE_GOLDEN=1 asks to rewrite the files
# rather than compare them; says so.
_sg_update() {
  if [[ "${DSC_UPDATE_GOLDEN:-}" == 1 ]]; then
    echo "DSC_UPDATE_GOLDEN=1: rewriting $1" >&2
    return 0
  fi
  return 1
}

t_the_statements_are_the_golden_files() {
  local golden
  golden="$(_sg_golden)/statements"
  mkdir "$T/statements"
  sql_golden write "$T/statements" || fail "sql_golden write failed"
  if _sg_update "$golden"; then
    mkdir -p "$golden"
    rm -f "$golden"/*.sql
    cp "$T/statements"/*.sql "$golden"/
    return 0
  fi
  [[ -d "$golden" ]] || fail "$golden is missing; $(_sg_update_hint)"
  _sg_compare "$golden" "$T/statements" >"$T/diff" ||
    fail "the registry (engine/pg/sql.c) differs from docs/sql/statements/:
$(cat "$T/diff")
$(_sg_update_hint)"
}

t_every_statement_prepares_against_the_schema() {
  mkdir "$T/statements"
  sql_golden write "$T/statements" || fail "sql_golden write failed"
  sql_golden prepare "$T/statements"/*.sql >"$T/out" ||
    fail "statements the migrated schema refuses (engine/pg/sql.c):
$(cat "$T/out")"
  expect_match "$(cat "$T/out")" "^all [0-9]+ statements prepare$"
}

t_the_schema_is_the_snapshot() {
  local golden
  golden="$(_sg_golden)/schema.sql"
  _sg_schema >"$T/schema.sql" || fail "pg_dump failed"
  [[ -s "$T/schema.sql" ]] || fail "pg_dump printed nothing"
  if _sg_update "$golden"; then
    cp "$T/schema.sql" "$golden"
    return 0
  fi
  [[ -f "$golden" ]] || fail "$golden is missing; $(_sg_update_hint)"
  _sg_compare "$golden" "$T/schema.sql" >"$T/diff" ||
    fail "the migrated schema differs from docs/sql/schema.sql:
$(cat "$T/diff")
$(_sg_update_hint)"
}

# ---- self-tests: each comparison fails when it must --------------------

t_self_test_a_changed_missing_or_extra_statement_file_fails() {
  local g="$T/golden"
  mkdir "$T/statements" "$g"
  sql_golden write "$T/statements"
  cp "$T/statements"/*.sql "$g"/
  _sg_compare "$g" "$T/statements" >"$T/diff" ||
    fail "identical files compared unequal: $(cat "$T/diff")"

  # A statement changed by one character shows as its diff.
  sed -i '2s/LIMIT 200/LIMIT 201/' "$g/sweep_stale.sql"
  grep -q 'LIMIT 201' "$g/sweep_stale.sql" || fail "the plant did not take"
  if _sg_compare "$g" "$T/statements" >"$T/diff"; then
    fail "a changed golden file passed"
  fi
  expect_match "$(cat "$T/diff")" '^-.*LIMIT 201'
  expect_match "$(cat "$T/diff")" '^\+.*LIMIT 200'
  cp "$T/statements/sweep_stale.sql" "$g/"

  # A statement of the registry without its golden file.
  rm "$g/submit.sql"
  if _sg_compare "$g" "$T/statements" >"$T/diff"; then
    fail "a statement without a golden file passed"
  fi
  expect_match "$(cat "$T/diff")" "^Only in $T/statements: submit.sql$"
  cp "$T/statements/submit.sql" "$g/"

  # A golden file of a statement the registry no longer has.
  cp "$g/ping.sql" "$g/retired.sql"
  if _sg_compare "$g" "$T/statements" >"$T/diff"; then
    fail "a golden file without a statement passed"
  fi
  expect_match "$(cat "$T/diff")" "^Only in $g: retired.sql$"
}

t_self_test_a_statement_the_schema_refuses_fails() {
  local s="$T/statements"
  mkdir "$s"
  sql_golden write "$s"

  # A column the statements read, renamed by a later schema: each statement
  # that reads it is named.
  sql "ALTER TABLE requests RENAME COLUMN escalation TO escalation_level"
  if sql_golden prepare "$s"/*.sql >"$T/out"; then
    fail "statements reading a renamed column prepared: $(cat "$T/out")"
  fi
  expect_match "$(cat "$T/out")" '^dsc_sweep_escalate_v3 \(DSC_SQL_SWEEP_ESCALATE, .*\): does not prepare: ERROR: +column [a-z]\.escalation does not exist'
  expect_match "$(cat "$T/out")" '^dsc_action_read_v2 \(DSC_SQL_ACTION_READ, .*\): does not prepare'
  expect_match "$(cat "$T/out")" '^[0-9]+ of [0-9]+ statements failed$'
  sql "ALTER TABLE requests RENAME COLUMN escalation_level TO escalation"
  sql_golden prepare "$s"/*.sql >"$T/out" ||
    fail "the schema restored, statements still fail: $(cat "$T/out")"

  # A parameter count the server does not agree with.
  sed -i '1s/: 19 parameters/: 18 parameters/' "$s/submit.sql"
  if sql_golden prepare "$s/submit.sql" >"$T/out"; then
    fail "a wrong parameter count passed"
  fi
  expect_match "$(cat "$T/out")" '^dsc_submit_v5 \(DSC_SQL_SUBMIT\): the server counts 19 parameters, the registry 18$'

  # The request row's columns other than DSC_ROW_COLUMN_MAP says.
  sed -i '2s/r\.version, //' "$s/sweep_lapses.sql"
  if sql_golden prepare "$s/sweep_lapses.sql" >"$T/out"; then
    fail "a request row without its version passed"
  fi
  expect_match "$(cat "$T/out")" "^dsc_sweep_lapses_v2 \(DSC_SQL_SWEEP_LAPSES\): the request row's columns are not"
}

t_self_test_a_changed_schema_fails() {
  _sg_schema >"$T/before.sql"
  _sg_compare "$T/before.sql" "$T/before.sql" >"$T/diff" ||
    fail "a schema compared unequal to itself"
  if grep -q '^\\restrict\|^-- Dumped by pg_dump version' "$T/before.sql"; then
    fail "the run-to-run lines are still in the snapshot"
  fi
  _sg_schema >"$T/again.sql"
  _sg_compare "$T/before.sql" "$T/again.sql" >"$T/diff" ||
    fail "two dumps of one schema differ: $(cat "$T/diff")"
  sql "CREATE INDEX sg_planted ON requests (received_on)"
  _sg_schema >"$T/after.sql"
  if _sg_compare "$T/before.sql" "$T/after.sql" >"$T/diff"; then
    fail "a planted index passed"
  fi
  expect_match "$(cat "$T/diff")" '^\+CREATE INDEX sg_planted ON public\.requests'
}
