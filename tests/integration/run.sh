#!/usr/bin/env bash
# tests/integration/run.sh FILE CASE — runs one integration-test case.
#
# ctest calls this once per `t_CASE()` function of every test_*.sh (see
# CMakeLists.txt here). Each case gets its own database, copied from the
# migrated template that ops/test prepared, and its own temporary
# directory $T; both are removed afterwards whatever the outcome. Exit
# status: the case's own (0 pass, non-zero fail), or 77 (skip) when no
# test cluster is available.
set -euo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
# createdb -T fails while another session is connected to the template;
# that only lasts a moment, so a few retries ride it out.
CREATEDB_TRIES=5

# Work directory of this run: $T for the test, plus our list of databases
# to drop (a file, because fresh_empty_db runs in the case's subshell).
RUN_DIR=""

usage() {
  echo "usage: run.sh FILE CASE" >&2
  exit 2
}

# Without the cluster of ops/test there is nothing to run against: skip
# rather than fail, so `ctest` in a bare build tree stays green.
require_cluster() {
  if [[ -z "${DSC_TEST_PGHOST:-}" ]]; then
    echo "skipped: DSC_TEST_PGHOST is not set (run the suite through ops/test)" >&2
    exit 77
  fi
  export DSC_TEST_PGUSER="${DSC_TEST_PGUSER:-disclose}"
  export DSC_TEST_TEMPLATE="${DSC_TEST_TEMPLATE:-disclose_template}"
}

# A database name no other case uses, even when ctest runs them in parallel.
random_db_name() {
  printf 't_%s\n' "$(od -An -N6 -tx1 /dev/urandom | tr -d ' \n')"
}

# Copies the template into a fresh database, retrying while it is busy.
create_case_db() {
  local db="$1" try err
  for ((try = 1; try <= CREATEDB_TRIES; try++)); do
    if err="$(createdb -h "$DSC_TEST_PGHOST" -U "$DSC_TEST_PGUSER" \
      -T "$DSC_TEST_TEMPLATE" "$db" 2>&1 </dev/null)"; then
      echo "$db" >>"$RUN_DIR/databases"
      return 0
    fi
    sleep "$try"
  done
  echo "run.sh: cannot create $db from $DSC_TEST_TEMPLATE: $err" >&2
  exit 1
}

# Drops every database of this run, then the work directory. Runs from the
# EXIT trap, so it also runs when the case or the set-up fails.
# shellcheck disable=SC2317 # invoked through the EXIT trap
cleanup() {
  local status=$? db
  if [[ -n "$RUN_DIR" ]]; then
    if [[ -f "$RUN_DIR/databases" ]]; then
      while read -r db; do
        dropdb -h "$DSC_TEST_PGHOST" -U "$DSC_TEST_PGUSER" --if-exists --force \
          "$db" </dev/null || echo "run.sh: warning: could not drop $db" >&2
      done <"$RUN_DIR/databases"
    fi
    rm -rf "$RUN_DIR"
  fi
  exit "$status"
}

# The environment every case starts from: its own database, the binaries
# under test first on PATH, the real date (DISCLOSE_TODAY unset), no
# implicit actor, English messages, and no stdin to wait on.
setup_env() {
  local db="$1"
  export DISCLOSE_DB="host=$DSC_TEST_PGHOST dbname=$db user=$DSC_TEST_PGUSER"
  unset DISCLOSE_TODAY DISCLOSE_ACTOR LC_ALL LC_MESSAGES LANGUAGE
  export LANG=C.UTF-8
  if [[ -n "${DSC_BIN:-}" ]]; then
    export PATH="$DSC_BIN:$PATH"
  fi
  export T="$RUN_DIR/t"
  mkdir -p "$T"
  export DSC_DB_LIST="$RUN_DIR/databases"
}

# Loads the helpers and the test file, and checks that the case exists.
load_case() {
  local file="$1" fn="$2"
  # shellcheck source=tests/integration/lib.sh
  source "$HERE/lib.sh"
  # shellcheck disable=SC1090 # the test file is chosen at run time
  source "$file"
  if ! declare -F "$fn" >/dev/null; then
    echo "run.sh: $file defines no function $fn" >&2
    exit 2
  fi
}

# Runs the case in a subshell with strict mode, so a failing command ends
# the case and an `exit` inside it cannot skip our clean-up. It must not be
# called from an `if`, `||` or `&&`: bash ignores `set -e` inside anything
# run from such a context, which would let failing steps pass silently.
run_case() {
  (
    set -euo pipefail
    shopt -s inherit_errexit
    "$1"
  )
}

main() {
  [[ $# -eq 2 ]] || usage
  local file="$1" case="$2" db status=0
  [[ -f "$file" ]] || { echo "run.sh: no such file: $file" >&2; exit 2; }
  require_cluster
  RUN_DIR="$(mktemp -d "${TMPDIR:-/tmp}/dsc-it.XXXXXX")"
  trap cleanup EXIT
  exec </dev/null
  db="$(random_db_name)"
  create_case_db "$db"
  setup_env "$db"
  load_case "$file" "t_${case#t_}"
  set +e
  run_case "t_${case#t_}"
  status=$?
  set -e
  if [[ $status -ne 0 ]]; then
    echo "run.sh: ${case#t_} in $(basename "$file") failed (status $status)" >&2
  fi
  exit "$status"
}

main "$@"
