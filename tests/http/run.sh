#!/usr/bin/env bash
# tests/http/run.sh FILE CASE — runs one case of an HTTP test file
# (tests/http/test_*.sh) against tests/tools/http_fixture, with no
# database: unlike tests/integration/run.sh it needs no cluster, so these
# cases run in any build tree. The case gets its own temporary directory
# $T (removed afterwards) and the helpers of tests/integration/lib.sh;
# HTTP_FIXTURE and HTTP_FLOOD name the tools (set by ctest).
set -euo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"

[[ $# -eq 2 && -f "$1" ]] || { echo "usage: run.sh FILE CASE" >&2; exit 2; }
RUN_DIR="$(mktemp -d "${TMPDIR:-/tmp}/dsc-http.XXXXXX")"
# shellcheck disable=SC2317 # invoked through the EXIT trap
cleanup() {
  local status=$?
  # A fixture the case left running must not outlive it.
  if [[ -f "$RUN_DIR/t/fx.pid" ]]; then
    kill -KILL "$(cat "$RUN_DIR/t/fx.pid")" 2>/dev/null || true
  fi
  rm -rf "$RUN_DIR"
  exit "$status"
}
trap cleanup EXIT
export T="$RUN_DIR/t"
mkdir -p "$T"
export LANG=C.UTF-8
exec </dev/null
# shellcheck source=tests/integration/lib.sh
source "$HERE/../integration/lib.sh"
# shellcheck disable=SC1090 # the test file is chosen at run time
source "$1"
fn="t_${2#t_}"
declare -F "$fn" >/dev/null || { echo "run.sh: $1 defines no $fn" >&2; exit 2; }
set +e
(
  set -euo pipefail
  shopt -s inherit_errexit
  "$fn"
)
status=$?
set -e
[[ $status -eq 0 ]] || echo "run.sh: ${2#t_} in $(basename "$1") failed (status $status)" >&2
exit "$status"
