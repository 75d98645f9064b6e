#!/usr/bin/env bash
# tests/lint/layers.sh SRC_DIR | --self-test — the engine's layering
# (engine/README.md) as a rule on #include lines, so that it cannot rot
# silently:
#
#   engine/core/  the pure core: the public headers (disclose/…), the C
#                 library, cJSON, libsodium and its own headers; never
#                 libpq or libuv, nor a header of engine/pg or engine/ops;
#   engine/pg/    PostgreSQL on libuv: the core's headers and its own;
#                 never a header of engine/ops;
#   engine/ops/   the engine handle and its operations: anything;
#
# and no C file of engine/ outside the three. The build makes the same
# rule hard for core (its target has no libpq header on its path); this
# names the file and line, and catches libuv, whose header is on every path.
# Prints each offence as "path:line: what" and exits 1 if there is any.
set -euo pipefail

# The headers a folder of the engine holds, one name a line.
headers_of() {
  local f
  for f in "$1"/*.h; do
    [[ -e "$f" ]] && basename "$f"
  done
  return 0
}

# Scans the engine under the current directory; status 1 on any offence.
scan() {
  local f layer n line inc found=0
  local -A pg=() ops=()
  for f in $(headers_of engine/pg); do pg[$f]=1; done
  for f in $(headers_of engine/ops); do ops[$f]=1; done

  while IFS= read -r f; do
    layer="${f#engine/}"
    layer="${layer%%/*}"
    n=0
    while IFS= read -r line || [[ -n "$line" ]]; do
      n=$((n + 1))
      [[ "$line" =~ ^[[:space:]]*#[[:space:]]*include[[:space:]]*[\<\"]([^\>\"]+)[\>\"] ]] ||
        continue
      inc="${BASH_REMATCH[1]}"
      if [[ "$layer" == core && "$inc" =~ ^(libpq-fe\.h|libpq/|postgresql/|uv\.h|uv/) ]]; then
        echo "$f:$n: the core includes $inc (libpq and libuv belong to engine/pg)"
        found=1
      elif [[ "$layer" == core && -n "${pg[$inc]:-}" ]]; then
        echo "$f:$n: the core includes $inc of engine/pg"
        found=1
      elif [[ -n "${ops[$inc]:-}" ]]; then
        echo "$f:$n: engine/$layer includes $inc of engine/ops"
        found=1
      fi
    done <"$f"
  done < <(find engine/core engine/pg -type f \( -name '*.c' -o -name '*.h' \) | LC_ALL=C sort)

  while IFS= read -r f; do
    echo "$f: a C file outside engine/core, engine/pg and engine/ops"
    found=1
  done < <(find engine -type f \( -name '*.c' -o -name '*.h' \) \
    -not -path 'engine/core/*' -not -path 'engine/pg/*' -not -path 'engine/ops/*' |
    LC_ALL=C sort)
  return "$found"
}

# A tree with one offence of each kind and the includes that are allowed.
write_fixtures() {
  local dir="$1"
  mkdir -p "$dir/engine/core" "$dir/engine/pg" "$dir/engine/ops"
  : >"$dir/engine/core/alloc.h"
  : >"$dir/engine/pg/pgloop.h"
  : >"$dir/engine/ops/row.h"
  cat >"$dir/engine/core/good.c" <<'EOF'
/* #include "row.h" in a comment is no include. */
#include "disclose/date.h"

#include <cjson/cJSON.h>
#include <stdio.h>

#include "alloc.h"
// #include "pgloop.h"
EOF
  printf '#include "alloc.h"\n#include <uv.h>\n  #  include "pgloop.h"\n#include "row.h"\n' \
    >"$dir/engine/core/bad.c"
  printf '#include <libpq-fe.h>\n' >"$dir/engine/core/bad.h"
  printf '#include <libpq-fe.h>\n#include <uv.h>\n#include "alloc.h"\n#include "pgloop.h"\n#include "row.h"\n' \
    >"$dir/engine/pg/bad.c"
  printf '#include "row.h"\n#include "pgloop.h"\n' >"$dir/engine/ops/fine.c"
  printf 'int stray;\n' >"$dir/engine/stray.c"
}

# Runs the scan on the fixtures: exactly the planted offences, status 1.
self_test() {
  local dir status=0 out want
  dir="$(mktemp -d)"
  # shellcheck disable=SC2064 # expand $dir now
  trap "rm -rf '$dir'" EXIT
  write_fixtures "$dir"
  out="$(cd "$dir" && scan)" || status=$?
  want="$(printf '%s\n' \
    'engine/core/bad.c:2: the core includes uv.h (libpq and libuv belong to engine/pg)' \
    'engine/core/bad.c:3: the core includes pgloop.h of engine/pg' \
    'engine/core/bad.c:4: engine/core includes row.h of engine/ops' \
    'engine/core/bad.h:1: the core includes libpq-fe.h (libpq and libuv belong to engine/pg)' \
    'engine/pg/bad.c:5: engine/pg includes row.h of engine/ops' \
    'engine/stray.c: a C file outside engine/core, engine/pg and engine/ops')"
  if [[ $status -ne 1 || "$out" != "$want" ]]; then
    printf 'layers.sh self-test FAILED (status %s)\n--- got\n%s\n--- wanted\n%s\n' \
      "$status" "$out" "$want" >&2
    exit 1
  fi
  echo "layers.sh self-test passed"
}

main() {
  case "${1:-}" in
  --self-test) self_test ;;
  "" | -*)
    echo "usage: layers.sh SRC_DIR | --self-test" >&2
    exit 2
    ;;
  *)
    cd "$1"
    if scan; then
      echo "layers.sh: engine/core, engine/pg and engine/ops keep their layers"
    else
      exit 1
    fi
    ;;
  esac
}

main "$@"
