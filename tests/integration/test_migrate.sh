# shellcheck shell=bash
# tests/integration/test_migrate.sh — `disclose migrate` on an empty
# database: applies everything once, is idempotent, serialises concurrent
# runs and refuses an applied file whose text changed (CONTRACT §5).

# The migration files this source tree ships, sorted.
_mg_files() {
  local dir="${DSC_SOURCE_DIR:-$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)}/migrations"
  (cd "$dir" && ls -1 -- *.sql) | sort
}

# _mg_seeded — what a fresh database holds after migrate.
_mg_seeded() {
  expect_eq "$(sql "select array_to_string(roles, ',') from staff where login = 'admin' and active")" "admin,supervisor" \
    "admin account"
  expect_eq "$(sql "select count(*) from agencies where code = 'default'")" 1 "default agency"
  expect_eq "$(sql "select count(*) from information_schema.tables where table_schema = 'public' and table_name in ('requests', 'request_events', 'staff', 'agencies', 'appeals')")" 5 \
    "core tables"
}

t_migrate_fresh_and_idempotent() {
  fresh_empty_db
  local files
  files="$(_mg_files)"
  [[ -n "$files" ]] || fail "no migration files found"
  expect_exit 0 disclose migrate --json
  expect_eq "$(json '.applied | length > 0')" true "first run applies something"
  expect_eq "$(json '.applied[]')" "$files" "first run applies every file, in order"
  expect_eq "$(json '.already')" 0
  expect_eq "$(sql "select string_agg(name, E'\n' order by name) from dsc_schema_migrations")" "$files"
  expect_eq "$(sql "select count(*) from dsc_schema_migrations where checksum !~ '^[0-9a-f]{64}$'")" 0 "sha-256 checksums"
  _mg_seeded
  local fp
  fp="$(db_fingerprint)"
  expect_exit 0 disclose migrate --json
  expect_eq "$(json -c '.applied')" "[]" "second run applies nothing"
  expect_eq "$(json '.already')" "$(wc -l <<<"$files" | tr -d ' ')"
  expect_eq "$(db_fingerprint)" "$fp" "second run changed the database"
  expect_exit 0 disclose migrate
  expect_match "$(cat "$T/out")" 'up to date'
  _mg_seeded
  # The migrated database works: admin can add staff.
  expect_exit 0 disclose staff add clerk1 --name 文员 --role clerk --as admin
}

t_migrate_concurrent() {
  fresh_empty_db
  local p1 p2 p3 s1=0 s2=0 s3=0
  disclose migrate --json >"$T/m1.out" 2>"$T/m1.err" &
  p1=$!
  disclose migrate --json >"$T/m2.out" 2>"$T/m2.err" &
  p2=$!
  disclose migrate --json >"$T/m3.out" 2>"$T/m3.err" &
  p3=$!
  wait "$p1" || s1=$?
  wait "$p2" || s2=$?
  wait "$p3" || s3=$?
  expect_eq "$s1 $s2 $s3" "0 0 0" "concurrent migrate exit codes ($(cat "$T"/m*.err))"
  local files
  files="$(_mg_files)"
  expect_eq "$(sql "select string_agg(name, E'\n' order by name) from dsc_schema_migrations")" "$files"
  expect_eq "$(sql "select count(*) - count(distinct name) from dsc_schema_migrations")" 0 "each file once"
  # Between them the runs applied each file exactly once.
  expect_eq "$(jq -r '.applied[]' "$T/m1.out" "$T/m2.out" "$T/m3.out" | sort)" "$files" \
    "files applied across the runs"
  _mg_seeded
  expect_eq "$(sql "select count(*) from staff where login = 'admin'")" 1
  expect_eq "$(sql "select count(*) from agencies")" 1
}

t_migrate_detects_changed_file() {
  fresh_empty_db
  expect_exit 0 disclose migrate
  sql "UPDATE dsc_schema_migrations SET checksum = 'x' WHERE name = '0001_core.sql'"
  local fp
  fp="$(db_fingerprint)"
  expect_exit 9 disclose migrate
  expect_match "$(cat "$T/err")" '^disclose: integrity: .*0001_core\.sql'
  expect_eq "$(wc -l <"$T/err" | tr -d ' ')" 1
  expect_eq "$(db_fingerprint)" "$fp" "a refused migrate wrote"
  expect_exit 9 disclose migrate --json
  # An applied migration this build does not know: the database is newer.
  fresh_empty_db
  expect_exit 0 disclose migrate
  sql "INSERT INTO dsc_schema_migrations (name, checksum) VALUES ('9999_future.sql', 'abc')"
  expect_exit 9 disclose migrate
  expect_match "$(cat "$T/err")" '^disclose: integrity: .*9999_future\.sql'
}
