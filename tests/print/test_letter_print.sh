#!/usr/bin/env bash
# tests/print/test_letter_print.sh LETTER_SAMPLE OUT_DIR — the ctest
# print.letter_a4: three letters laid out by dsc_letter_html (an answer
# partially_disclosed, a supplement notice, a fee notice, as
# tests/tools/letter_sample.c renders them) printed by headless Chromium,
# and checked as a clerk would hold them:
#
#   - the HTML is valid (tidy -errors -quiet: exit 0, not even a warning);
#   - each PDF has exactly one page, of A4 (595.28 × 841.89 pt, ±1 pt);
#   - the PDF's text is the letter's text, to the character (white space
#     aside): nothing cut off, hidden or added (no header or footer);
#   - nothing overflows horizontally: a copy of the HTML with a script at
#     its end writes what overflows (the document, or any element wider
#     inside than its box) into the DOM, read back with --dump-dom; a page
#     made to overflow must be caught, so the check cannot pass vacuously;
#   - a PNG of each page (Chromium's --screenshot of the screen sheet, and
#     the printed page through pdftoppm) is left in OUT_DIR to look at.
#
# Needs chromium, poppler-utils (pdfinfo, pdftotext, pdftoppm), tidy and a
# Chinese font (ops/test installs them: dsc_install_deps). Without chromium
# the test is skipped (exit 77) unless CI=true, where it fails; any other
# missing piece fails. Runs the three letters side by side, in ~25 s.
set -euo pipefail

SAMPLE="${1:?usage: test_letter_print.sh LETTER_SAMPLE OUT_DIR}"
OUT="${2:?usage: test_letter_print.sh LETTER_SAMPLE OUT_DIR}"
CHROMIUM="${CHROMIUM:-chromium}"
TMP=""

fail() {
  echo "print.letter_a4: $*" >&2
  exit 1
}

cleanup() {
  [[ -z "$TMP" ]] || rm -rf "$TMP"
}
trap cleanup EXIT

need_tools() {
  local tool
  if ! command -v "$CHROMIUM" >/dev/null 2>&1; then
    [[ "${CI:-}" == true ]] &&
      fail "$CHROMIUM not found, and CI must print: install the Debian package chromium (ops/test does)"
    echo "print.letter_a4: skipped: $CHROMIUM not found (install the Debian package chromium, or run ops/test)"
    exit 77
  fi
  for tool in pdfinfo pdftotext pdftoppm; do
    command -v "$tool" >/dev/null 2>&1 ||
      fail "$tool not found: install the Debian package poppler-utils (ops/test does)"
  done
  command -v tidy >/dev/null 2>&1 ||
    fail "tidy not found: install the Debian package tidy (ops/test does)"
  [[ -n "$(fc-list :lang=zh family 2>/dev/null)" ]] ||
    fail "no Chinese font (fc-list :lang=zh): install fonts-arphic-gbsn00lp (ops/test does)"
  [[ -x "$SAMPLE" ]] || fail "$SAMPLE is not built"
}

# chromium PROFILE ARGS... — one headless run with a profile of its own,
# so that runs side by side share nothing.
chromium_run() {
  local profile="$1"
  shift
  "$CHROMIUM" --headless --no-sandbox --disable-gpu --user-data-dir="$profile" \
    --no-first-run --no-default-browser-check --disable-extensions \
    --disable-background-networking --disable-sync "$@" 2>/dev/null
}

# The text without its white space (U+3000 included): what must survive
# printing, however the lines are broken.
squeeze() {
  LC_ALL=C sed 's/\xe3\x80\x80//g' | LC_ALL=C tr -d ' \t\n\r\f'
}

# Appends, before </body>, a script writing into the DOM what overflows:
# "fits", or "OVERFLOW" and the offenders.
with_overflow_probe() {
  local probe
  probe='<script>
(function () {
  var bad = [], d = document.documentElement;
  if (d.scrollWidth > d.clientWidth)
    bad.push("document " + d.scrollWidth + ">" + d.clientWidth);
  document.querySelectorAll("body, body *").forEach(function (e) {
    if (e.tagName !== "SCRIPT" && e.scrollWidth > e.clientWidth + 1)
      bad.push(e.tagName + "." + e.className + " " + e.scrollWidth + ">" +
               e.clientWidth);
  });
  var r = document.createElement("div");
  r.id = "overflow-check";
  r.textContent = bad.length ? "OVERFLOW " + bad.join("; ") : "fits";
  document.body.appendChild(r);
})();
</script>'
  awk -v probe="$probe" '/<\/body>/ { print probe } { print }'
}

# overflow_of HTML NAME — prints what the probe found in HTML.
overflow_of() {
  local html="$1" name="$2"
  with_overflow_probe <"$html" >"$TMP/$name.probe.html"
  # The window is wider than the sheet, so only what leaves its own box
  # counts, not the window's scroll bar.
  chromium_run "$TMP/profile-$name-dom" --window-size=1000,1400 \
    --dump-dom "file://$TMP/$name.probe.html" |
    sed -n 's/.*<div id="overflow-check">\([^<]*\)<\/div>.*/\1/p'
}

# check_letter NAME KIND [OUTCOME] — every check on one letter; prints its
# failures and returns 1 if there are any.
check_letter() {
  local name="$1" kind="$2" outcome="${3:-}" html pdf errors=0 out pages size
  local -a args=(--kind "$kind")
  [[ -z "$outcome" ]] || args+=(--outcome "$outcome")
  html="$OUT/$name.html"
  pdf="$OUT/$name.pdf"
  "$SAMPLE" "${args[@]}" --format text >"$OUT/$name.txt"
  "$SAMPLE" "${args[@]}" --format html >"$html"

  if ! out="$(tidy -errors -quiet "$html" 2>&1)"; then
    echo "$name: tidy finds fault with the HTML:"$'\n'"$out"
    errors=1
  fi

  # One run prints and takes the screenshot (the window an A4 sheet at
  # 96 dpi); the probe below needs a run of its own on a copy.
  chromium_run "$TMP/profile-$name" --no-pdf-header-footer \
    --print-to-pdf="$pdf" --hide-scrollbars --window-size=794,1123 \
    --screenshot="$OUT/$name.screen.png" "file://$html" >/dev/null
  [[ -s "$pdf" ]] || {
    echo "$name: chromium printed no PDF"
    return 1
  }
  pdftoppm -r 96 -png -singlefile "$pdf" "$OUT/$name.page"

  pages="$(pdfinfo "$pdf" | sed -n 's/^Pages: *//p')"
  [[ "$pages" == 1 ]] || {
    echo "$name: $pages pages, not 1"
    errors=1
  }
  size="$(pdfinfo "$pdf" | sed -n 's/^Page size: *//p')"
  awk -v s="$size" 'BEGIN {
    n = split(s, f, " ");
    w = f[1] + 0; h = f[3] + 0;
    exit !(n >= 4 && f[4] == "pts" && w >= 594.28 && w <= 596.28 &&
           h >= 840.89 && h <= 842.89) }' || {
    echo "$name: page size $size, not A4 (595.28 x 841.89 pts)"
    errors=1
  }

  if [[ "$(pdftotext "$pdf" - | squeeze)" != "$(squeeze <"$OUT/$name.txt")" ]]; then
    echo "$name: the PDF's text differs from the letter's:"
    diff <(pdftotext "$pdf" - | squeeze | fold -w 60) \
      <(squeeze <"$OUT/$name.txt" | fold -w 60) | head -20
    errors=1
  fi

  out="$(overflow_of "$html" "$name")"
  [[ "$out" == fits ]] || {
    echo "$name: horizontal overflow: ${out:-no answer from the probe}"
    errors=1
  }
  return "$errors"
}

# The probe must see an overflow where there is one: a paragraph that
# cannot wrap, far wider than the type area.
check_probe() {
  local wide
  wide="$(printf '%0300d' 0)"
  "$SAMPLE" --kind supplement-notice --format html |
    sed "s|</main>|<p style=\"white-space: nowrap\">$wide</p></main>|" \
      >"$TMP/overflowing.html"
  [[ "$(overflow_of "$TMP/overflowing.html" overflowing)" == OVERFLOW* ]] || {
    echo "the overflow probe missed a paragraph 300 digits wide"
    return 1
  }
}

main() {
  local -A pids=()
  local name status=0
  need_tools
  mkdir -p "$OUT"
  TMP="$(mktemp -d)"
  check_letter answer answer partially_disclosed >"$TMP/answer.log" 2>&1 &
  pids[answer]=$!
  check_letter supplement-notice supplement-notice \
    >"$TMP/supplement-notice.log" 2>&1 &
  pids[supplement-notice]=$!
  check_letter fee-notice fee-notice >"$TMP/fee-notice.log" 2>&1 &
  pids[fee-notice]=$!
  check_probe >"$TMP/probe.log" 2>&1 &
  pids[probe]=$!
  for name in answer supplement-notice fee-notice probe; do
    if ! wait "${pids[$name]}"; then
      status=1
      cat "$TMP/$name.log" >&2
    fi
  done
  [[ $status -eq 0 ]] || fail "failed (the letters, PDFs and PNGs are in $OUT)"
  echo "print.letter_a4: 3 letters, one A4 page each, valid, nothing overflowing (PDFs and PNGs in $OUT)"
}

main "$@"
