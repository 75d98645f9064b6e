#!/usr/bin/env bash
# tests/lint/hardening.sh BUILD_DIR — the shipped binaries are hardened
# (issue 11, part 6).
#
# Checks, with readelf, build/bin/{disclose,disclosed,disclose-stats} and
# build/lib/libdisclose.so of the optimised build (ops/up's, which ops/test
# builds too; the sanitizer build has no FORTIFY by design) for what the
# top-level CMakeLists.txt asks of the toolchain:
#   - position independent (ELF type DYN), so ASLR moves the code too;
#   - a GNU_RELRO segment and BIND_NOW (full RELRO: the GOT is read-only);
#   - a GNU_STACK header without E (the stack is never executable);
#   - __stack_chk_fail referenced (-fstack-protector-strong put canaries in);
#   - at least one other __*_chk function (-D_FORTIFY_SOURCE replaced
#     memcpy, snprintf... by their checked forms).
# Prints every offence and exits 1 if any; exits 77 (skip) when BUILD_DIR
# has no bin/ (a bare ctest without ops/test's optimised build).
#
# tests/lint/hardening.sh --check FILE... — the same checks on given files.
# tests/lint/hardening.sh --self-test — compiles a tiny program with the
# flags (it must pass) and once without each of them (each must be rejected
# for that reason, and only that one): a check that never fires proves
# nothing. READELF and CC may name the tools.
set -euo pipefail

READELF="${READELF:-readelf}"
CC="${CC:-cc}"

# The binaries and the library ops/up installs, relative to BUILD_DIR.
SHIPPED=(bin/disclose bin/disclosed bin/disclose-stats lib/libdisclose.so)

# check_file FILE — prints one line per missing property; status 1 if any.
# readelf's output is read whole before it is searched: `readelf | grep -q`
# under pipefail fails at random when grep exits before readelf is done.
check_file() {
  local f="$1" header segments dynamic syms type stack problems=()
  header="$("$READELF" -hW "$f")"
  segments="$("$READELF" -lW "$f")"
  dynamic="$("$READELF" -dW "$f")"
  syms="$("$READELF" -sW --dyn-syms "$f")"
  type="$(awk '$1 == "Type:" { print $2 }' <<<"$header")"
  [[ "$type" == "DYN" ]] || problems+=("not position independent (ELF type ${type:-unknown}, want DYN: -fPIE -pie)")
  grep -qw GNU_RELRO <<<"$segments" ||
    problems+=("no GNU_RELRO segment (-Wl,-z,relro)")
  grep -qE '\(BIND_NOW\)|\(FLAGS\).*\bBIND_NOW\b|\(FLAGS_1\).*\bNOW\b' <<<"$dynamic" ||
    problems+=("no BIND_NOW: lazy binding leaves the GOT writable (-Wl,-z,now)")
  # Without a GNU_STACK header the kernel makes the stack executable.
  stack="$(awk '$1 == "GNU_STACK" { print $7 }' <<<"$segments")"
  if [[ -z "$stack" || "$stack" == *E* ]]; then
    problems+=("executable stack (GNU_STACK ${stack:-missing}; -Wl,-z,noexecstack)")
  fi
  syms="$(awk '{ sub(/@.*/, "", $8); print $8 }' <<<"$syms" | sort -u)"
  grep -qx '__stack_chk_fail' <<<"$syms" ||
    problems+=("no stack protector: __stack_chk_fail is never referenced (-fstack-protector-strong)")
  awk '/^__[a-z0-9_]+_chk$/ && !/^__stack_chk/ { n++ } END { exit !n }' <<<"$syms" ||
    problems+=("no fortified functions: no __*_chk symbol (-O2 -D_FORTIFY_SOURCE=3)")
  if [[ ${#problems[@]} -gt 0 ]]; then
    printf '%s: %s\n' "$f" "${problems[@]}" >&2
    return 1
  fi
  echo "$f: position independent, full RELRO, non-executable stack, stack protector, fortified"
}

# check_files FILE... — every file, every offence; status 1 if any.
check_files() {
  local f status=0
  for f in "$@"; do
    if [[ ! -f "$f" ]]; then
      echo "$f: missing (was the optimised build made?)" >&2
      status=1
      continue
    fi
    check_file "$f" || status=1
  done
  return "$status"
}

check_build() {
  local dir="$1" rel
  local -a files=()
  if [[ ! -d "$dir/bin" ]]; then
    echo "skipped: $dir/bin does not exist (ops/test builds it)" >&2
    exit 77
  fi
  for rel in "${SHIPPED[@]}"; do
    files+=("$dir/$rel")
  done
  check_files "${files[@]}"
}

# ---- self-test -------------------------------------------------------------

# A local array (so -fstack-protector-strong puts a canary in) filled by
# functions that FORTIFY replaces when it knows the array's size.
SELF_TEST_SOURCE='
#include <stdio.h>
#include <string.h>
int main(int argc, char **argv) {
  char buf[32];
  snprintf(buf, sizeof buf, "%s", argc > 1 ? argv[1] : "x");
  memcpy(buf + 1, argv[0], strlen(argv[0]) % (sizeof buf - 1));
  fprintf(stdout, "%.8s %d\n", buf, argc);
  return 0;
}'

# shellcheck disable=SC2054 # the commas belong to -Wl options
GOOD_FLAGS=(-O2 -fstack-protector-strong -U_FORTIFY_SOURCE -D_FORTIFY_SOURCE=3
  -fPIE -pie -Wl,-z,relro,-z,now -Wl,-z,noexecstack)

# expect_rejected DIR NAME REASON FLAG... — builds the program with the good
# flags plus FLAGs, and fails unless the check rejects it, naming REASON,
# and nothing else.
expect_rejected() {
  local dir="$1" name="$2" reason="$3" out n
  shift 3
  "$CC" "${GOOD_FLAGS[@]}" "$@" -o "$dir/$name" "$dir/t.c"
  if out="$(check_file "$dir/$name" 2>&1)"; then
    echo "self-test: $name ($*) was accepted" >&2
    return 1
  fi
  n="$(grep -c . <<<"$out")"
  if ! grep -q "$reason" <<<"$out" || [[ "$n" -ne 1 ]]; then
    echo "self-test: $name ($*) should be rejected for '$reason' only; got:" >&2
    echo "$out" >&2
    return 1
  fi
  echo "self-test: $name rejected: ${out#"$dir/"}"
}

self_test() {
  local dir status=0
  dir="$(mktemp -d)"
  # shellcheck disable=SC2064 # expand $dir now
  trap "rm -rf '$dir'" EXIT
  printf '%s\n' "$SELF_TEST_SOURCE" >"$dir/t.c"
  "$CC" "${GOOD_FLAGS[@]}" -o "$dir/good" "$dir/t.c"
  "$CC" "${GOOD_FLAGS[@]/-pie/-shared}" -fPIC -o "$dir/good.so" "$dir/t.c"
  check_files "$dir/good" "$dir/good.so" || {
    echo "self-test: the program built with every flag was rejected" >&2
    status=1
  }
  expect_rejected "$dir" no-pie "not position independent" -fno-pie -no-pie || status=1
  expect_rejected "$dir" no-relro "no GNU_RELRO" -Wl,-z,norelro || status=1
  expect_rejected "$dir" lazy "no BIND_NOW" -Wl,-z,lazy || status=1
  expect_rejected "$dir" execstack "executable stack" -Wl,-z,execstack || status=1
  expect_rejected "$dir" no-canary "no stack protector" -fno-stack-protector || status=1
  expect_rejected "$dir" no-fortify "no fortified functions" -U_FORTIFY_SOURCE || status=1
  return "$status"
}

main() {
  case "${1:-}" in
    --self-test) self_test ;;
    --check)
      shift
      [[ $# -ge 1 ]] || { echo "usage: hardening.sh --check FILE..." >&2; exit 2; }
      check_files "$@"
      ;;
    "" | -*)
      echo "usage: hardening.sh BUILD_DIR | --check FILE... | --self-test" >&2
      exit 2
      ;;
    *) check_build "$1" ;;
  esac
}

main "$@"
