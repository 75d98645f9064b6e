#!/usr/bin/env bash
# tests/lint/cycles.sh OBJECT... | --self-test — no two files of the engine
# call each other, directly or round a longer circle (issue 13): file A
# depends on file B when A's object uses a symbol B's defines (nm), and
# the graph of these must sort (tsort), as a layering does. A circle means
# two files that cannot be understood, tested or moved one without the
# other. Prints each circle tsort finds, by file, and exits 1 if any.
set -euo pipefail

# A file's name in the graph: its folder and name, "ops/act" for
# .../ops/act.c.o.
node() {
  local o="${1%.o}"
  o="${o%.c}"
  printf '%s/%s' "$(basename "$(dirname "$o")")" "$(basename "$o")"
}

# "USER DEFINER" lines, one per pair of files where USER uses a global
# symbol DEFINER defines.
edges() {
  local o
  join \
    <(for o in "$@"; do
      nm -g --defined-only "$o" | awk -v f="$(node "$o")" 'NF == 3 {print $3, f}'
    done | LC_ALL=C sort) \
    <(for o in "$@"; do
      nm -u "$o" | awk -v f="$(node "$o")" '{print $NF, f}'
    done | LC_ALL=C sort) |
    awk '$2 != $3 {print $3, $2}' | LC_ALL=C sort -u
}

scan() {
  local graph loops
  graph="$(edges "$@")"
  # tsort names the files of each circle it has to break, on stderr.
  loops="$(tsort <<<"$graph" 2>&1 >/dev/null | sed -n 's/^tsort: \([a-z_]*\/[a-z_0-9]*\)$/\1/p')" || true
  if [[ -n "$loops" ]]; then
    echo "cycles.sh: files that call each other in a circle:"
    printf '  %s\n' $loops
    return 1
  fi
  echo "cycles.sh: $(wc -l <<<"$graph") dependencies between $# files, no circle"
}

# Three objects: a calls b, b calls c, c calls a — and d, which calls a
# and is in no circle.
self_test() {
  local dir out status=0
  dir="$(mktemp -d)"
  # shellcheck disable=SC2064 # expand $dir now
  trap "rm -rf '$dir'" EXIT
  mkdir -p "$dir/ops"
  printf 'int b(void);\nint a(void) { return b(); }\n' >"$dir/ops/a.c"
  printf 'int c(void);\nint b(void) { return c(); }\n' >"$dir/ops/b.c"
  printf 'int a(void);\nint c(void) { return a(); }\n' >"$dir/ops/c.c"
  printf 'int a(void);\nint d(void) { return a(); }\n' >"$dir/ops/d.c"
  for f in a b c d; do
    "${CC:-cc}" -c -o "$dir/ops/$f.c.o" "$dir/ops/$f.c"
  done
  out="$(scan "$dir"/ops/*.o)" || status=$?
  if [[ $status -ne 1 ]] || ! grep -q 'ops/a' <<<"$out" || ! grep -q 'ops/b' <<<"$out" ||
    ! grep -q 'ops/c' <<<"$out" || grep -q 'ops/d' <<<"$out"; then
    printf 'cycles.sh self-test FAILED (status %s)\n%s\n' "$status" "$out" >&2
    exit 1
  fi
  # Without c's call back to a, the same files sort.
  printf 'int c(void) { return 0; }\n' >"$dir/ops/c.c"
  "${CC:-cc}" -c -o "$dir/ops/c.c.o" "$dir/ops/c.c"
  if ! out="$(scan "$dir"/ops/*.o)"; then
    printf 'cycles.sh self-test FAILED: a circle in a tree without one\n%s\n' "$out" >&2
    exit 1
  fi
  echo "cycles.sh self-test passed"
}

case "${1:-}" in
--self-test) self_test ;;
"" | -*)
  echo "usage: cycles.sh OBJECT... | --self-test" >&2
  exit 2
  ;;
*) scan "$@" ;;
esac
