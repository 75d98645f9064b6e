#!/usr/bin/env bash
# tests/tools/letter_examples.sh LETTER_SAMPLE DOC [--update] — the section
# "Examples" of docs/letters.md, between its two marker lines, is one letter
# of each kind as tests/tools/letter_sample.c renders it from the built-in
# templates. Without --update: exits 1, showing the difference, when DOC's
# section is not the tool's output (the ctest lint.letter_examples), 0 when
# it is. With --update: rewrites the section (after a template changes:
#   tests/tools/letter_examples.sh build/bin/letter_sample docs/letters.md --update
# and read the diff before committing it).
set -euo pipefail

SAMPLE="${1:?usage: letter_examples.sh LETTER_SAMPLE DOC [--update]}"
DOC="${2:?usage: letter_examples.sh LETTER_SAMPLE DOC [--update]}"
MODE="${3:-check}"
BEGIN='<!-- BEGIN examples: written by tests/tools/letter_examples.sh --update; do not edit -->'
END='<!-- END examples -->'

# KIND [OUTCOME] per line: the letters shown, in the kinds' order.
LETTERS=(
  "answer partially_disclosed"
  "supplement-notice"
  "extension-notice"
  "consultation"
  "fee-notice"
  "closing-notice other.no_supplement"
)

examples() {
  local kind outcome line
  for line in "${LETTERS[@]}"; do
    read -r kind outcome <<<"$line"
    if [[ -n "$outcome" ]]; then
      printf '### `%s`, outcome `%s`\n\n```text\n' "$kind" "$outcome"
      "$SAMPLE" --kind "$kind" --outcome "$outcome"
    else
      printf '### `%s`\n\n```text\n' "$kind"
      "$SAMPLE" --kind "$kind"
    fi
    printf '```\n\n'
  done
}

# DOC with its section replaced by the tool's examples, on stdout.
rewritten() {
  local gen
  gen="$(mktemp)"
  examples >"$gen"
  awk -v begin="$BEGIN" -v end="$END" -v gen="$gen" '
    $0 == begin { print; while ((getline l < gen) > 0) print l; skip = 1; seen++; next }
    $0 == end { skip = 0; seen_end++ }
    !skip { print }
    END { if (seen != 1 || seen_end != 1) exit 3 }' "$DOC" || {
    rm -f "$gen"
    echo "letter_examples.sh: $DOC must hold the two marker lines once each:" >&2
    printf '  %s\n  %s\n' "$BEGIN" "$END" >&2
    exit 1
  }
  rm -f "$gen"
}

[[ -x "$SAMPLE" ]] || {
  echo "letter_examples.sh: $SAMPLE is not built" >&2
  exit 1
}
new="$(rewritten)"
case "$MODE" in
--update)
  printf '%s\n' "$new" >"$DOC"
  echo "letter_examples.sh: wrote the examples into $DOC"
  ;;
check)
  if ! diff -u "$DOC" <(printf '%s\n' "$new") >&2; then
    echo "letter_examples.sh: the examples in $DOC are not what the templates render;" \
      "run: tests/tools/letter_examples.sh build/bin/letter_sample $DOC --update" >&2
    exit 1
  fi
  echo "letter_examples.sh: the examples in $DOC are the templates' output"
  ;;
*)
  echo "usage: letter_examples.sh LETTER_SAMPLE DOC [--update]" >&2
  exit 2
  ;;
esac
