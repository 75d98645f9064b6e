#!/usr/bin/env bash
# tests/bench/quick.sh BENCH — the ctest bench.quick: runs disclose-bench
# --quick against the throwaway cluster of ops/test, in two fresh databases
# of its own (one for the throughput scenarios, one for the data set), and
# checks that it exits 0 and writes a valid results.json holding every key
# of issue 5. It asserts nothing about speed: the test cluster runs with
# fsync off, under the sanitizers, beside the rest of the suite.
#
# Exit status: 0 pass, 1 fail, 77 skip (no test cluster: DSC_TEST_PGHOST
# unset, as in a plain `ctest` outside ops/test).
set -euo pipefail

BENCH="${1:?usage: quick.sh BENCH}"
KEYS=(intake_per_s intake_ratio lifecycle_per_s sweep_ms dashboard_ms
  annual_report_ms rss_mib)

if [[ -z "${DSC_TEST_PGHOST:-}" ]]; then
  echo "skipped: DSC_TEST_PGHOST is not set (run the suite through ops/test)" >&2
  exit 77
fi
PGUSER_="${DSC_TEST_PGUSER:-disclose}"
SUFFIX="$(od -An -N4 -tx1 /dev/urandom | tr -d ' \n')"
DB_MAIN="bq_${SUFFIX}"
DB_DATA="bq_${SUFFIX}_data"
WORK="$(mktemp -d)"

# shellcheck disable=SC2317 # invoked through the EXIT trap
cleanup() {
  local status=$? db
  for db in "$DB_MAIN" "$DB_DATA"; do
    dropdb -h "$DSC_TEST_PGHOST" -U "$PGUSER_" --if-exists --force "$db" \
      </dev/null || echo "quick.sh: warning: could not drop $db" >&2
  done
  rm -rf "$WORK"
  exit "$status"
}
trap cleanup EXIT

for db in "$DB_MAIN" "$DB_DATA"; do
  createdb -h "$DSC_TEST_PGHOST" -U "$PGUSER_" "$db" </dev/null
done

status=0
"$BENCH" --quick \
  --conninfo "host=$DSC_TEST_PGHOST dbname=$DB_MAIN user=$PGUSER_" \
  --data-conninfo "host=$DSC_TEST_PGHOST dbname=$DB_DATA user=$PGUSER_" \
  --json "$WORK/results.json" </dev/null || status=$?
if [[ $status -ne 0 ]]; then
  echo "quick.sh: disclose-bench --quick exited $status" >&2
  exit 1
fi

# Valid JSON, and every figure of issue 5 is a number (none is null: every
# scenario ran).
jq -e . "$WORK/results.json" >/dev/null || {
  echo "quick.sh: results.json is not valid JSON:" >&2
  cat "$WORK/results.json" >&2
  exit 1
}
for key in "${KEYS[@]}"; do
  if ! jq -e --arg k "$key" '.[$k] | type == "number"' "$WORK/results.json" >/dev/null; then
    echo "quick.sh: results.json: \"$key\" is not a number:" >&2
    jq --arg k "$key" '.[$k]' "$WORK/results.json" >&2
    exit 1
  fi
done
echo "quick.sh: disclose-bench --quick ran every scenario; results.json has" \
  "${KEYS[*]}"
