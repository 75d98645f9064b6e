#!/usr/bin/env bash
# tests/lint/exports.sh LIBRARY — the shared library's exported surface.
#
# Every function it exports (nm types T, W, i in the dynamic symbol table)
# must carry the dsc_ prefix: anything else is a missing `static` or a
# missing hidden-visibility default, and would collide with the
# applications linking us. It must not import exit() either: a library
# reports errors, it never ends its host process (STYLE.md practice 17).
# Prints every offence and exits 1 if any. NM may name the nm to use.
set -euo pipefail

NM="${NM:-nm}"

# Exported functions without the dsc_ prefix, one per line.
unprefixed_exports() {
  "$NM" -D --defined-only "$1" |
    awk '$2 ~ /^[TWi]$/ && $3 !~ /^dsc_/ { print $3 }'
}

# Imported symbols named exit (with or without a version suffix).
exit_imports() {
  "$NM" -D --undefined-only "$1" |
    awk '{ sym = $NF; sub(/@.*/, "", sym); if (sym == "exit") print $NF }'
}

main() {
  [[ $# -eq 1 ]] || { echo "usage: exports.sh LIBRARY" >&2; exit 2; }
  local lib="$1" bad imports sym status=0
  [[ -f "$lib" ]] || { echo "exports.sh: no such library: $lib" >&2; exit 2; }
  bad="$(unprefixed_exports "$lib")"
  imports="$(exit_imports "$lib")"
  if [[ -n "$bad" ]]; then
    while read -r sym; do
      echo "$lib: exported function without the dsc_ prefix: $sym" >&2
    done <<<"$bad"
    status=1
  fi
  if [[ -n "$imports" ]]; then
    echo "$lib: imports $imports; the library must never end the process" >&2
    status=1
  fi
  if [[ $status -eq 0 ]]; then
    echo "$lib: $("$NM" -D --defined-only "$lib" | awk '$2 ~ /^[TWi]$/' | wc -l) exported functions, all dsc_*, no exit import"
  fi
  exit "$status"
}

main "$@"
