#!/usr/bin/env bash
# tests/lint/banned.sh SRC_DIR — the banned-function list of STYLE.md
# practice 17, checked over every .c/.h under engine/ cli/ workers/ web/
# include/ tests/ (tests/lint/ itself excluded).
#
#   everywhere: blocking libpq calls (the loop must never block: DESIGN.md
#               principle 3), and sprintf strcpy strcat atoi atol gets
#               localtime gmtime strtok (unbounded, unchecked or not
#               thread-safe; use snprintf, strtol, localtime_r, ...)
#   engine/:    exit, _exit, _Exit, quick_exit, abort (a library reports
#               errors to its caller; it never ends the process)
#
# Comments and string literals are ignored, so a comment may name what it
# avoids. Prints every offence as file:line: name: text and exits 1 if
# any; 0 when clean; 2 on a usage error.
#
# tests/lint/banned.sh --self-test — runs the check on fixtures in a
# temporary directory and exits 1 unless it catches what it must and
# nothing else.
set -euo pipefail

BANNED_ALL='PQexec|PQexecParams|PQexecPrepared|PQconnectdb|PQconnectdbParams|PQsetdbLogin|PQprepare|PQreset|PQcancelBlocking|PQdescribePrepared|sprintf|strcpy|strcat|atoi|atol|gets|localtime|gmtime|strtok'
BANNED_ENGINE='exit|_exit|_Exit|quick_exit|abort'
SCANNED_DIRS=(engine cli workers web include tests)

# Lists the C files to scan, relative to the current directory.
list_sources() {
  local -a dirs=()
  local d
  for d in "${SCANNED_DIRS[@]}"; do
    [[ -d "$d" ]] && dirs+=("$d")
  done
  [[ ${#dirs[@]} -gt 0 ]] || return 0
  find "${dirs[@]}" -path tests/lint -prune -o -type f \( -name '*.c' -o -name '*.h' \) -print |
    LC_ALL=C sort
}

# The awk program: blanks comments, string and character literals (keeping
# line numbers, and block comments that span lines), then looks for a
# banned name followed by "(" that is not part of a longer identifier.
# shellcheck disable=SC2016 # awk code, not shell
AWK_SCAN='
function check(code, names, path, lineno, text,    rest, m, name) {
  rest = code
  while (match(rest, "(^|[^A-Za-z0-9_])(" names ")[ \t]*[(]")) {
    m = substr(rest, RSTART, RLENGTH)
    name = m
    sub(/^[^A-Za-z0-9_]/, "", name)
    sub(/[ \t]*[(]$/, "", name)
    printf "%s:%d: %s: %s\n", path, lineno, name, text
    found = 1
    rest = substr(rest, RSTART + RLENGTH)
  }
}
FNR == 1 { state = "code" }
{
  line = $0; out = ""; i = 1; n = length(line)
  while (i <= n) {
    c = substr(line, i, 1); c2 = substr(line, i, 2)
    if (state == "block") {
      if (c2 == "*/") { state = "code"; i += 2; out = out "  " } else { i++; out = out " " }
    } else if (state == "str" || state == "chr") {
      if (c == "\\") { i += 2; out = out "  " }
      else { if ((state == "str" && c == "\"") || (state == "chr" && c == "\047")) state = "code"; i++; out = out " " }
    } else if (c2 == "/*") { state = "block"; i += 2; out = out "  " }
    else if (c2 == "//") { break }
    else if (c == "\"") { state = "str"; i++; out = out " " }
    else if (c == "\047") { state = "chr"; i++; out = out " " }
    else { out = out c; i++ }
  }
  # A literal never spans lines (no trailing-backslash continuation here).
  if (state == "str" || state == "chr") state = "code"
  check(out, all, FILENAME, FNR, $0)
  if (FILENAME ~ /^engine\//) check(out, engine, FILENAME, FNR, $0)
}
END { exit found ? 1 : 0 }
'

# Scans the C sources under SRC_DIR; exit status 1 when anything is banned.
scan() {
  local src="$1"
  [[ -d "$src" ]] || { echo "banned.sh: no such directory: $src" >&2; exit 2; }
  cd "$src"
  local -a files
  mapfile -t files < <(list_sources)
  [[ ${#files[@]} -gt 0 ]] || return 0
  awk -v all="$BANNED_ALL" -v engine="$BANNED_ENGINE" "$AWK_SCAN" "${files[@]}"
}

# Writes the fixtures: one file per thing that must be caught, and one
# with near-misses that must not be.
write_fixtures() {
  local dir="$1"
  mkdir -p "$dir/engine" "$dir/cli" "$dir/tests/lint"
  printf 'void f(PGconn *c) {\n  PQexec(c, "select 1");\n}\n' >"$dir/cli/bad_pq.c"
  printf 'void g(char *b) { sprintf (b, "%%d", 1); }\n' >"$dir/cli/bad_sprintf.c"
  printf 'void h(void) {\n  if (1)\n    abort();\n}\n' >"$dir/engine/bad_abort.c"
  cat >"$dir/engine/clean.c" <<'EOF'
/* Never PQexec() here, and no exit(1): the engine returns errors.
   sprintf( in a block comment spanning
   lines, strcpy( too. */
static int ok(char *b, size_t n, const char *s) {
  snprintf(b, n, "%s: PQexec(", s); // atoi( in a line comment
  char q = '(';
  return PQsendQuery(NULL, "exit(") + (int)strtol(s, NULL, 10) + q +
         my_atoi(s) + localtime_r(NULL, NULL) + PQresetStart(NULL);
}
EOF
  printf 'int main(void) { exit(0); }\n' >"$dir/cli/exit_is_fine_here.c"
  printf 'void x(void) { PQexec(0, 0); }\n' >"$dir/tests/lint/ignored.c"
}

# Runs the scan on the fixtures and checks exactly the three offences come
# out, with their lines, and the exit status is 1.
self_test() {
  local dir status=0 out
  dir="$(mktemp -d)"
  # shellcheck disable=SC2064 # expand $dir now
  trap "rm -rf '$dir'" EXIT
  write_fixtures "$dir"
  out="$(scan "$dir")" || status=$?
  local want
  want="$(printf '%s\n' \
    'cli/bad_pq.c:2: PQexec:   PQexec(c, "select 1");' \
    'cli/bad_sprintf.c:1: sprintf: void g(char *b) { sprintf (b, "%d", 1); }' \
    'engine/bad_abort.c:3: abort:     abort();')"
  if [[ $status -ne 1 || "$out" != "$want" ]]; then
    printf 'banned.sh self-test FAILED (status %s)\n--- got\n%s\n--- wanted\n%s\n' \
      "$status" "$out" "$want" >&2
    exit 1
  fi
  echo "banned.sh self-test passed"
}

main() {
  case "${1:-}" in
  --self-test) self_test ;;
  "" | -*)
    echo "usage: banned.sh SRC_DIR | --self-test" >&2
    exit 2
    ;;
  *)
    local status=0
    scan "$1" || status=$?
    if [[ $status -eq 1 ]]; then
      echo "banned.sh: banned functions found (see STYLE.md practice 17)" >&2
    fi
    exit "$status"
    ;;
  esac
}

main "$@"
