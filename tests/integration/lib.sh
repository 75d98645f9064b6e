# shellcheck shell=bash
# tests/integration/lib.sh — helpers for integration-test cases.
#
# Sourced by run.sh before the test file. A case is a function `t_name()`
# in tests/integration/test_*.sh; it runs under `set -euo pipefail` with:
#   DISCLOSE_DB  its own database, a copy of the migrated template
#   T            its own temporary directory (removed afterwards)
#   PATH         the binaries under test ($DSC_BIN) first
# Every helper that checks something ends the case through `fail`.

# The file:line in the test file that led here, skipping frames inside this
# library, so a failed expect_eq points at the test's line, not at ours.
_dsc_caller() {
  local i
  for ((i = 1; i < ${#BASH_SOURCE[@]}; i++)); do
    if [[ "${BASH_SOURCE[i]}" != "${BASH_SOURCE[0]}" ]]; then
      printf '%s:%s' "$(basename "${BASH_SOURCE[i]}")" "${BASH_LINENO[i - 1]}"
      return
    fi
  done
  printf 'unknown'
}

# fail MSG — prints MSG with the caller's file:line and ends the case.
fail() {
  printf 'FAIL %s: %s\n' "$(_dsc_caller)" "$*" >&2
  exit 1
}

# sql QUERY — runs QUERY against $DISCLOSE_DB and prints the result
# unaligned, tuples only (columns separated by |). Without QUERY, the SQL
# is read from stdin. An SQL error ends the case.
sql() {
  local -a psql=(psql -XAtq -v ON_ERROR_STOP=1 -d "$DISCLOSE_DB")
  if [[ $# -gt 0 ]]; then
    "${psql[@]}" -c "$1" </dev/null || fail "sql failed: $1"
  else
    "${psql[@]}" -f - || fail "sql failed (script on stdin)"
  fi
}

# expect_exit CODE CMD... — runs CMD with stdout in $T/out and stderr in
# $T/err; fails, showing both, unless CMD exits with CODE. CMD keeps this
# function's stdin, so `expect_exit 0 disclose submit - <req.json` works.
expect_exit() {
  local want="$1" got=0
  shift
  "$@" >"$T/out" 2>"$T/err" || got=$?
  if [[ "$got" != "$want" ]]; then
    {
      echo "---- stdout of: $*"
      cat "$T/out"
      echo "---- stderr"
      cat "$T/err"
      echo "----"
    } >&2
    fail "expected exit $want, got $got: $*"
  fi
}

# expect_eq ACTUAL EXPECTED [MSG] — exact string comparison.
expect_eq() {
  if [[ "$1" != "$2" ]]; then
    fail "${3:-values differ}: expected '$2', got '$1'"
  fi
}

# expect_match TEXT REGEX — TEXT has a line matching the extended REGEX
# (grep -E semantics: ^ and $ anchor each line).
expect_match() {
  if ! grep -Eq -- "$2" <<<"$1"; then
    fail "no line matches /$2/ in: $1"
  fi
}

# json [JQ-OPTIONS...] FILTER — jq -r FILTER over the last command's
# stdout ($T/out, from expect_exit); invalid JSON ends the case.
json() {
  jq -r "$@" "$T/out" || fail "jq $* failed on: $(head -c 500 "$T/out")"
}

# fresh_empty_db — switches DISCLOSE_DB to a new, empty database (from
# template0: no schema at all) for tests of migrate itself. It is dropped
# with the case's own database at the end. Call it directly, not in $(…),
# or the new DISCLOSE_DB is lost with the subshell.
fresh_empty_db() {
  local db
  db="t_$(od -An -N6 -tx1 /dev/urandom | tr -d ' \n')_empty"
  createdb -h "$DSC_TEST_PGHOST" -U "$DSC_TEST_PGUSER" -T template0 "$db" \
    </dev/null || fail "cannot create empty database $db"
  echo "$db" >>"$DSC_DB_LIST"
  export DISCLOSE_DB="host=$DSC_TEST_PGHOST dbname=$db user=$DSC_TEST_PGUSER"
}

# count_rows TABLE — prints the number of rows in TABLE.
count_rows() {
  sql "select count(*) from $1"
}

# db_fingerprint — prints one checksum over every row of every table in
# every user schema (public and any other; not pg_catalog, not
# information_schema), table names included. Equal fingerprints before and
# after a failed command prove it wrote nothing (CONTRACT.md §3). Sequences
# are left out: nextval() is not rolled back by a failed transaction.
db_fingerprint() {
  local per_table
  per_table="$(sql "
    select coalesce(string_agg(format(
        'select %L as t, coalesce(md5(string_agg(r::text, chr(10) order by r::text)), %L) as h from %I.%I r',
        table_schema || '.' || table_name, 'empty', table_schema, table_name),
        ' union all ' order by table_schema, table_name),
      'select ''(no tables)'' as t, '''' as h')
    from information_schema.tables
    where table_type = 'BASE TABLE'
      and table_schema not in ('pg_catalog', 'information_schema')
      and table_schema not like 'pg\_%'")"
  sql "select md5(string_agg(t || '=' || h, ',' order by t)) from ($per_table) s"
}
