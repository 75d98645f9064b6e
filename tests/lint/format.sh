#!/usr/bin/env bash
# tests/lint/format.sh SRC_DIR — every .c/.h under engine/ cli/ workers/ web/
# include/ tests/ must be exactly what clang-format makes of it with the
# repository's pinned .clang-format (STYLE.md practice 17). Prints each
# offending file with clang-format's first complaints and the command that
# fixes it; exits 1 if any file needs formatting, 0 when all are clean.
#
# A missing clang-format or .clang-format is a failure, not a skip: a format
# check that quietly does nothing proves nothing. ops/test installs the
# Debian package clang-format; CLANG_FORMAT may name another binary.
#
# tests/lint/format.sh --self-test — runs the check on fixtures in a
# temporary directory and exits 1 unless it flags the misformatted file and
# only that one.
set -euo pipefail

CLANG_FORMAT="${CLANG_FORMAT:-clang-format}"
SCANNED_DIRS=(engine cli workers web include tests)

die() {
  echo "format.sh: $*" >&2
  exit 1
}

need_clang_format() {
  command -v "$CLANG_FORMAT" >/dev/null 2>&1 ||
    die "$CLANG_FORMAT not found: install the Debian package clang-format" \
      "(ops/test does) or point CLANG_FORMAT at one"
}

# Lists the C files to scan, relative to the current directory.
list_sources() {
  local -a dirs=()
  local d
  for d in "${SCANNED_DIRS[@]}"; do
    [[ -d "$d" ]] && dirs+=("$d")
  done
  [[ ${#dirs[@]} -gt 0 ]] || return 0
  find "${dirs[@]}" -type f \( -name '*.c' -o -name '*.h' \) -print |
    LC_ALL=C sort
}

# Checks the sources under SRC_DIR; prints one line per file that needs
# formatting (then clang-format's own report); status 1 if any.
scan() {
  local src="$1" f out bad=0 n=0
  [[ -d "$src" ]] || { echo "format.sh: no such directory: $src" >&2; exit 2; }
  cd "$src"
  # Without it clang-format would silently fall back to its own default.
  [[ -f .clang-format ]] || die "$src/.clang-format is missing"
  local -a files
  mapfile -t files < <(list_sources)
  for f in "${files[@]}"; do
    n=$((n + 1))
    # --style=file finds the .clang-format above the file; --dry-run
    # -Werror makes every difference an error with a non-zero status.
    if ! out="$("$CLANG_FORMAT" --style=file --dry-run -Werror "$f" 2>&1)"; then
      echo "$f: needs clang-format"
      printf '%s\n' "$out" | head -n 9 | sed 's/^/    /'
      bad=$((bad + 1))
    fi
  done
  if [[ $bad -gt 0 ]]; then
    echo "format.sh: $bad of $n files need formatting; fix with:" \
      "$CLANG_FORMAT -i FILE ($("$CLANG_FORMAT" --version | head -n 1))" >&2
    return 1
  fi
  echo "format.sh: $n files formatted as .clang-format says"
}

# Fixtures: a clean file, a misformatted one, and a misformatted file
# outside the scanned directories (which must be ignored).
write_fixtures() {
  local dir="$1"
  mkdir -p "$dir/engine" "$dir/include/disclose" "$dir/docs"
  printf 'BasedOnStyle: LLVM\nIndentWidth: 2\nColumnLimit: 80\n' >"$dir/.clang-format"
  printf 'int f(int x) {\n  if (x)\n    return 1;\n  return 0;\n}\n' >"$dir/engine/clean.c"
  printf 'int g(int x){\n    return x+1;}\n' >"$dir/include/disclose/bad.h"
  printf 'int h( void ){return 0;}\n' >"$dir/docs/ignored.c"
}

self_test() {
  local dir status=0 out want
  dir="$(mktemp -d)"
  # shellcheck disable=SC2064 # expand $dir now
  trap "rm -rf '$dir'" EXIT
  write_fixtures "$dir"
  out="$(scan "$dir" 2>/dev/null | grep -v '^    ')" || status=$?
  want='include/disclose/bad.h: needs clang-format'
  if [[ $status -ne 1 || "$out" != "$want" ]]; then
    printf 'format.sh self-test FAILED (status %s)\n--- got\n%s\n--- wanted\n%s\n' \
      "$status" "$out" "$want" >&2
    exit 1
  fi
  # Once formatted, the same tree passes.
  "$CLANG_FORMAT" --style=file -i "$dir/include/disclose/bad.h"
  if ! (scan "$dir" >/dev/null); then
    echo "format.sh self-test FAILED: the formatted tree still fails" >&2
    exit 1
  fi
  echo "format.sh self-test passed"
}

main() {
  need_clang_format
  case "${1:-}" in
  --self-test) self_test ;;
  "" | -*)
    echo "usage: format.sh SRC_DIR | --self-test" >&2
    exit 2
    ;;
  *) scan "$1" ;;
  esac
}

main "$@"
