#!/usr/bin/env bash
# tests/lint/errors_doc.sh ERROR_H ERRORS_MD — every code of DSC_ERROR_MAP
# is documented, and nothing else is (STYLE.md practice 5).
#
# From ERROR_H it reads the table's rows, XX(NAME, "kind", exit, "English",
# "Chinese"), and fails on a row it cannot read or one with an empty
# message. ERRORS_MD must hold, for each row, exactly one section headed
#
#     ## DSC_NAME — `kind`, exit N
#
# with the kind and exit code of the table, and in it a "**Cause.**" and a
# "**What to do.**" paragraph and (except for DSC_OK) an example line
# starting "disclose: kind: ". A "## DSC_" heading for a code the table
# lacks, or not of that shape, is an error too. Prints every offence and
# exits 1 if any, 0 when the two agree.
#
# tests/lint/errors_doc.sh --self-test — runs the check on fixtures and
# exits 1 unless it reports exactly the planted offences.
set -euo pipefail

# Prints the table's rows as "NAME kind exit", one per line; prints
# "BAD <text>" for a row it cannot read.
map_rows() {
  awk '
    /^#define DSC_ERROR_MAP\(XX\)/ { inmap = 1 }
    inmap {
      line = $0
      while (match(line, /XX\(/)) {
        rest = substr(line, RSTART)
        if (match(rest, /^XX\([A-Z_]+, *"[a-z_]+", *[0-9]+, *"[^"]+", *"[^"]+"\)/)) {
          row = substr(rest, 4, RLENGTH - 4)
          split(row, f, /, */)
          gsub(/"/, "", f[2])
          print f[1], f[2], f[3]
          line = substr(rest, RLENGTH + 1)
        } else {
          sub(/[ \t]*\\$/, "", rest)
          print "BAD", rest
          line = substr(rest, 4)
        }
      }
      if ($0 !~ /\\[ \t]*$/) exit
    }
  ' "$1"
}

# Prints the documented sections as "NAME kind exit", and "BAD <heading>"
# for a "## DSC_" heading of another shape.
doc_sections() {
  awk '
    /^## DSC_/ {
      if (match($0, /^## DSC_[A-Z_]+ — `[a-z_]+`, exit [0-9]+$/)) {
        h = $0
        sub(/^## DSC_/, "", h)
        name = h; sub(/ .*/, "", name)
        kind = h; sub(/^[^`]*`/, "", kind); sub(/`.*/, "", kind)
        code = h; sub(/.* exit /, "", code)
        print name, kind, code
      } else {
        print "BAD", $0
      }
    }
  ' "$1"
}

# Prints "NAME what" for each section lacking one of its parts.
doc_missing_parts() {
  awk '
    function close_section() {
      if (name == "") return
      if (!cause) print name, "has no **Cause.** paragraph"
      if (!todo) print name, "has no **What to do.** paragraph"
      if (name != "OK" && !example) print name, "has no example line \"disclose: " kind ": ...\""
    }
    /^## / {
      close_section()
      name = ""
      if (match($0, /^## DSC_[A-Z_]+ — `[a-z_]+`/)) {
        h = $0; sub(/^## DSC_/, "", h)
        name = h; sub(/ .*/, "", name)
        kind = h; sub(/^[^`]*`/, "", kind); sub(/`.*/, "", kind)
      }
      cause = todo = example = 0
      next
    }
    name != "" && /^\*\*Cause\.\*\*/ { cause = 1 }
    name != "" && /^\*\*What to do\.\*\*/ { todo = 1 }
    name != "" && index($0, "disclose: " kind ": ") == 1 { example = 1 }
    END { close_section() }
  ' "$1"
}

# Compares the table of HEADER with the sections of DOC; prints offences.
check() {
  local header="$1" doc="$2" status=0 name kind code
  [[ -f "$header" ]] || { echo "errors_doc.sh: no such file: $header" >&2; exit 2; }
  [[ -f "$doc" ]] || { echo "errors_doc.sh: $doc is missing" >&2; return 1; }
  local -A want_kind=() want_code=() seen=()
  local rows sections
  rows="$(map_rows "$header")"
  sections="$(doc_sections "$doc")"
  if [[ -z "$rows" ]]; then
    echo "$header: no DSC_ERROR_MAP rows found"
    return 1
  fi
  while read -r name kind code; do
    if [[ "$name" == BAD ]]; then
      echo "$header: DSC_ERROR_MAP row not of the form XX(NAME, \"kind\", exit, \"English\", \"Chinese\"): $kind $code"
      status=1
      continue
    fi
    want_kind[$name]="$kind"
    want_code[$name]="$code"
  done <<<"$rows"
  if [[ -n "$sections" ]]; then
    while read -r name kind code; do
      if [[ "$name" == BAD ]]; then
        echo "$doc: heading not of the form '## DSC_NAME — \`kind\`, exit N': $kind $code"
        status=1
      elif [[ -z "${want_kind[$name]+x}" ]]; then
        echo "$doc: DSC_$name is documented but not in DSC_ERROR_MAP"
        status=1
      elif [[ -n "${seen[$name]+x}" ]]; then
        echo "$doc: DSC_$name is documented twice"
        status=1
      else
        seen[$name]=1
        if [[ "$kind" != "${want_kind[$name]}" || "$code" != "${want_code[$name]}" ]]; then
          echo "$doc: DSC_$name says \`$kind\`, exit $code; the table says \`${want_kind[$name]}\`, exit ${want_code[$name]}"
          status=1
        fi
      fi
    done <<<"$sections"
  fi
  while read -r name kind code; do
    [[ "$name" == BAD ]] && continue
    if [[ -z "${seen[$name]+x}" ]]; then
      echo "$doc: DSC_$name ($kind, exit $code) is not documented"
      status=1
    fi
  done <<<"$rows"
  local missing
  missing="$(doc_missing_parts "$doc")"
  if [[ -n "$missing" ]]; then
    while read -r name what; do
      echo "$doc: DSC_$name $what"
    done <<<"$missing"
    status=1
  fi
  if [[ $status -eq 0 ]]; then
    echo "errors_doc.sh: all $(wc -l <<<"$rows") codes of DSC_ERROR_MAP documented in $doc"
  fi
  return "$status"
}

self_test() {
  local dir status=0 out want
  dir="$(mktemp -d)"
  # shellcheck disable=SC2064 # expand $dir now
  trap "rm -rf '$dir'" EXIT
  cat >"$dir/error.h" <<'EOF'
#define DSC_ERROR_MAP(XX)                                                      \
  XX(OK, "ok", 0, "done", "完成")                                              \
  XX(USAGE, "usage", 2, "usage", "用法错误")                                   \
  XX(INVALID, "invalid", 3, "invalid input", "输入无效")                       \
  XX(BUSY, "busy", 12, "busy: the queue is full", "繁忙")                     \
  XX(LOST, "lost", 4, "", "")

#define NOT_THE_MAP XX(NOPE, "nope", 1, "x", "y")
EOF
  cat >"$dir/errors.md" <<'EOF'
# Errors

## Reading an error line

## DSC_OK — `ok`, exit 0

**Cause.** Fine.

**What to do.** Nothing.

## DSC_USAGE — `usage`, exit 5

**Cause.** Bad flags.

**What to do.** Fix them.

    disclose: usage: unknown option: --x

## DSC_BUSY — `busy`, exit 12

**Cause.** Full.

## DSC_GONE — `gone`, exit 15

## DSC_TYPO `invalid` exit 3
EOF
  out="$(check "$dir/error.h" "$dir/errors.md" | sed "s|$dir/||")" || status=$?
  # shellcheck disable=SC2016 # the backquotes are Markdown, not shell
  want="$(printf '%s\n' \
    'error.h: DSC_ERROR_MAP row not of the form XX(NAME, "kind", exit, "English", "Chinese"): XX(LOST, "lost", 4, "", "")' \
    'errors.md: DSC_USAGE says `usage`, exit 5; the table says `usage`, exit 2' \
    'errors.md: DSC_GONE is documented but not in DSC_ERROR_MAP' \
    "errors.md: heading not of the form '## DSC_NAME — \`kind\`, exit N': ## DSC_TYPO \`invalid\` exit 3" \
    'errors.md: DSC_INVALID (invalid, exit 3) is not documented' \
    'errors.md: DSC_USAGE has no example line "disclose: usage: ..."' \
    'errors.md: DSC_BUSY has no **What to do.** paragraph' \
    'errors.md: DSC_BUSY has no example line "disclose: busy: ..."' \
    'errors.md: DSC_GONE has no **Cause.** paragraph' \
    'errors.md: DSC_GONE has no **What to do.** paragraph' \
    'errors.md: DSC_GONE has no example line "disclose: gone: ..."')"
  if [[ $status -ne 1 || "$out" != "$want" ]]; then
    printf 'errors_doc.sh self-test FAILED (status %s)\n--- got\n%s\n--- wanted\n%s\n' \
      "$status" "$out" "$want" >&2
    exit 1
  fi
  echo "errors_doc.sh self-test passed"
}

main() {
  case "${1:-}" in
  --self-test) self_test ;;
  "" | -*)
    echo "usage: errors_doc.sh ERROR_H ERRORS_MD | --self-test" >&2
    exit 2
    ;;
  *)
    [[ $# -eq 2 ]] || { echo "usage: errors_doc.sh ERROR_H ERRORS_MD | --self-test" >&2; exit 2; }
    check "$1" "$2"
    ;;
  esac
}

main "$@"
