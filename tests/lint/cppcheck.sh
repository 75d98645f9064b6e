#!/usr/bin/env bash
# tests/lint/cppcheck.sh SRC_DIR — cppcheck over engine/ cli/ workers/
# (STYLE.md practice 17): the checks of severity error, warning,
# performance and portability, as C11, with our public headers. Prints each
# finding as file:line: severity: message [id] and exits 1 if there is any,
# 0 when clean.
#
# A finding that is a false positive is silenced where it occurs, with a
# comment saying why, on the line before it:
#     // cppcheck-suppress nullPointerRedundantCheck
# Never silence a real finding: fix it.
#
# System headers are not parsed (missingIncludeSystem is suppressed), which
# keeps the run to seconds — except cJSON's: cJSON_ArrayForEach is a macro
# that cppcheck must see to parse the loops written with it, so the
# directory holding cjson/cJSON.h goes on the include path through a
# temporary directory with only that in it.
#
# A missing cppcheck is a failure, not a skip. ops/test installs the Debian
# package cppcheck; CPPCHECK may name another binary.
#
# tests/lint/cppcheck.sh --self-test — runs the check on fixtures in a
# temporary directory and exits 1 unless it reports the planted bugs and
# nothing in the clean or suppressed code.
set -euo pipefail

CPPCHECK="${CPPCHECK:-cppcheck}"
SCANNED_DIRS=(engine cli workers web)
TMP_DIR=""

die() {
  echo "cppcheck.sh: $*" >&2
  exit 1
}

cleanup() {
  if [[ -n "$TMP_DIR" ]]; then
    rm -rf "$TMP_DIR"
  fi
}
trap cleanup EXIT

need_cppcheck() {
  command -v "$CPPCHECK" >/dev/null 2>&1 ||
    die "$CPPCHECK not found: install the Debian package cppcheck" \
      "(ops/test does) or point CPPCHECK at one"
}

# Makes TMP_DIR/include/cjson a link to the system's cJSON headers, so that
# <cjson/cJSON.h> resolves and nothing else of /usr/include does.
cjson_include_dir() {
  local base=""
  if command -v pkg-config >/dev/null 2>&1; then
    base="$(pkg-config --variable=includedir libcjson 2>/dev/null || true)"
  fi
  [[ -n "$base" && -f "$base/cjson/cJSON.h" ]] || base=/usr/include
  [[ -f "$base/cjson/cJSON.h" ]] ||
    die "cjson/cJSON.h not found (is libcjson-dev installed?)"
  mkdir -p "$TMP_DIR/include"
  ln -s "$base/cjson" "$TMP_DIR/include/cjson"
  printf '%s\n' "$TMP_DIR/include"
}

# Runs cppcheck on the sources under SRC_DIR; status 1 on any finding.
scan() {
  local src="$1" sysinc
  [[ -d "$src" ]] || { echo "cppcheck.sh: no such directory: $src" >&2; exit 2; }
  cd "$src"
  local -a dirs=()
  local d
  for d in "${SCANNED_DIRS[@]}"; do
    [[ -d "$d" ]] && dirs+=("$d")
  done
  [[ ${#dirs[@]} -gt 0 ]] || die "nothing to check under $src"
  [[ -n "$TMP_DIR" ]] || TMP_DIR="$(mktemp -d)"
  sysinc="$(cjson_include_dir)"
  "$CPPCHECK" --quiet -j2 \
    --error-exitcode=1 \
    --enable=warning,performance,portability \
    --std=c11 --library=posix -D_POSIX_C_SOURCE=200809L \
    --inline-suppr \
    --suppress=missingIncludeSystem \
    --template='{file}:{line}: {severity}: {message} [{id}]' \
    -I include -I "$sysinc" \
    "${dirs[@]}"
}

# Fixtures: a leak and an out-of-bounds write that must be reported, a
# clean file using cJSON_ArrayForEach and our headers, and a suppressed
# finding that must not be.
write_fixtures() {
  local dir="$1"
  mkdir -p "$dir/engine" "$dir/cli" "$dir/include/disclose"
  printf '#define DSC_X 1\n' >"$dir/include/disclose/x.h"
  cat >"$dir/engine/bad.c" <<'EOF'
#include <stdlib.h>
int bad_index(void) {
  int a[4];
  a[4] = 1;
  return a[0];
}
int bad_leak(int n) {
  char *p = malloc(16);
  if (n > 0)
    return n;
  free(p);
  return 0;
}
EOF
  cat >"$dir/cli/clean.c" <<'EOF'
#include <cjson/cJSON.h>
#include "disclose/x.h"
int count(const cJSON *arr) {
  const cJSON *it;
  int n = DSC_X - 1;
  cJSON_ArrayForEach(it, arr) { n++; }
  return n;
}
int suppressed(void) {
  int a[2];
  // cppcheck-suppress arrayIndexOutOfBounds
  a[2] = 0;
  return a[0];
}
EOF
}

self_test() {
  local dir status=0 out want
  dir="$(mktemp -d)"
  TMP_DIR="$(mktemp -d)"
  # shellcheck disable=SC2064 # expand $dir now
  trap "rm -rf '$dir'; cleanup" EXIT
  write_fixtures "$dir"
  out="$(scan "$dir" 2>&1 | grep -E '^[a-z]+/[a-z_]+\.c:[0-9]+:' | LC_ALL=C sort)" || status=$?
  want="$(printf '%s\n' \
    'engine/bad.c:10: error: Memory leak: p [memleak]' \
    "engine/bad.c:4: error: Array 'a[4]' accessed at index 4, which is out of bounds. [arrayIndexOutOfBounds]")"
  if [[ $status -ne 1 || "$out" != "$want" ]]; then
    printf 'cppcheck.sh self-test FAILED (status %s)\n--- got\n%s\n--- wanted\n%s\n' \
      "$status" "$out" "$want" >&2
    exit 1
  fi
  echo "cppcheck.sh self-test passed"
}

main() {
  need_cppcheck
  case "${1:-}" in
  --self-test) self_test ;;
  "" | -*)
    echo "usage: cppcheck.sh SRC_DIR | --self-test" >&2
    exit 2
    ;;
  *)
    local status=0
    scan "$1" || status=$?
    if [[ $status -ne 0 ]]; then
      echo "cppcheck.sh: findings above (fix them; suppress only false" \
        "positives, inline, with a reason)" >&2
    else
      echo "cppcheck.sh: engine/ cli/ workers/ clean"
    fi
    exit "$status"
    ;;
  esac
}

main "$@"
