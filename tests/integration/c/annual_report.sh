# shellcheck shell=bash
# tests/integration/c/annual_report.sh — the annual report end to end
# (CONTRACT §9). Each t_NAME() here is the ctest integration.c.NAME,
# registered by ../CMakeLists.txt and run by ../run.sh like every other
# integration case: its own copy of the migrated template in DISCLOSE_DB,
# its own $T, lib.sh's helpers.
#
# annual_generate.c ($DSC_ANNUAL_BIN) drives about 400 generated
# applications over 2024 and 2025 through the public C API — every
# applicant type, every outcome, carry-over both ways, appeals of every
# kind decided in either year or pending, fees paid in both years — and
# writes, computed from its own plan and not from the engine, what the two
# reports must say ($T/gen/expected_YEAR.json). The cases here compile the
# reports with `disclose-stats annual-report` in every format and compare
# every cell of section 三 (25 rows × 7 columns), every cell of section 四
# (15) and the fees of section 六 with the expectation:
#   json  by key, with jq;
#   csv   each row found by the end of its label path (the official label),
#         its 7 numbers the cells that end the line;
#   md    the same over the pipe rows;
#   html  the <td> cells of the section-三 and section-四 tables in document
#         order, each row's innermost label (<th>) checked too.
# Every format is reduced to the same text (one line per row: `row KEY N…`,
# then `columns`, `appeals`, `fees`) and diffed against the expectation, so
# a failure shows the rows that differ.

# The generator's seed: fixed, so every run compiles the same data.
ANNUAL_SEED=20240102
# The business date the reports are compiled on.
ANNUAL_TODAY=2026-01-15
ANNUAL_FORMATS=(json csv md html)

# Section 三's rows: the report's JSON key and the official label
# (domain/statutes.md §3) as a row's label path ends — "（三）不予公开
# 1.属于国家秘密" under "三、本年度办理结果". In HTML the innermost level
# (after the last space) is the row's own <th>.
ANNUAL_ROWS=(
  "new|一、本年新收政府信息公开申请数量"
  "carried_in|二、上年结转政府信息公开申请数量"
  "disclosed|（一）予以公开"
  "partially_disclosed|（二）部分公开（区分处理的，只计这一情形，不计其他情形）"
  "withheld.state_secret|（三）不予公开 1.属于国家秘密"
  "withheld.prohibited_by_law|（三）不予公开 2.其他法律行政法规禁止公开"
  # Single-quoted: the official label holds the curly quotes U+201C, U+201D.
  'withheld.security_stability|（三）不予公开 3.危及“三安全一稳定”'
  "withheld.third_party_rights|（三）不予公开 4.保护第三方合法权益"
  "withheld.internal_affairs|（三）不予公开 5.属于三类内部事务信息"
  "withheld.process_information|（三）不予公开 6.属于四类过程性信息"
  "withheld.enforcement_files|（三）不予公开 7.属于行政执法案卷"
  "withheld.administrative_query|（三）不予公开 8.属于行政查询事项"
  "unavailable.not_held|（四）无法提供 1.本机关不掌握相关政府信息"
  "unavailable.needs_creation|（四）无法提供 2.没有现成信息需要另行制作"
  "unavailable.still_unclear|（四）无法提供 3.补正后申请内容仍不明确"
  "not_processed.petition|（五）不予处理 1.信访举报投诉类申请"
  "not_processed.duplicate|（五）不予处理 2.重复申请"
  "not_processed.publication|（五）不予处理 3.要求提供公开出版物"
  "not_processed.excessive|（五）不予处理 4.无正当理由大量反复申请"
  "not_processed.confirmation|（五）不予处理 5.要求行政机关确认或重新出具已获取信息"
  "other.no_supplement|（六）其他处理 1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请"
  "other.fee_unpaid|（六）其他处理 2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请"
  "other.other|（六）其他处理 3.其他"
  "handled_total|（七）总计"
  "carried_out|四、结转下年度继续办理"
)
# Section 三's columns: key and official label, in the format's order.
ANNUAL_COLUMNS=(
  "natural_person|自然人"
  "commercial|商业企业"
  "research|科研机构"
  "public_interest|社会公益组织"
  "legal_services|法律服务机构"
  "other_org|其他"
  "total|总计"
)
ANNUAL_APPEAL_KINDS=(reconsideration litigation_direct litigation_after_reconsideration)
ANNUAL_APPEAL_COLUMNS=(upheld corrected other pending total)

# ---- running things ------------------------------------------------------

# _annual_generate — fills the case's database and writes the expected
# reports into $T/gen.
_annual_generate() {
  [[ -x "${DSC_ANNUAL_BIN:-}" ]] ||
    fail "DSC_ANNUAL_BIN is not an executable: ${DSC_ANNUAL_BIN:-unset}"
  mkdir -p "$T/gen"
  expect_exit 0 "$DSC_ANNUAL_BIN" "$ANNUAL_SEED" "$T/gen"
  expect_match "$(cat "$T/out")" '^requests [0-9]+ appeals [0-9]+ fees_paid [0-9]+ sweeps [0-9]+$'
  [[ -s "$T/gen/expected_2024.json" && -s "$T/gen/expected_2025.json" ]] ||
    fail "the generator wrote no expected reports"
}

# _annual_compile YEAR FORMAT FILE — compiles the report as admin on
# $ANNUAL_TODAY into FILE.
_annual_compile() {
  DISCLOSE_TODAY="$ANNUAL_TODAY" expect_exit 0 \
    disclose-stats annual-report --year "$1" --format "$2" --as admin
  [[ -s "$T/out" ]] || fail "annual-report --year $1 --format $2 printed nothing"
  cp "$T/out" "$3"
}

# ---- reducing a rendering to comparable lines ----------------------------

# Every reduction prints, in this order:
#   row KEY N1 … N7        (25 lines, section 三, in ANNUAL_ROWS order)
#   columns KEY1 … KEY7    (section 三's columns as the format labels them)
#   appeals N1 … N15       (section 四)
#   fees COUNT FEN         (section 六: fees paid in the year, in fen)
#   notices COUNT FEN      (section 六: fee notices issued in the year)
# A row that cannot be found reads `missing` (or `ambiguous`) instead.

_annual_row_keys_json() {
  local r
  for r in "${ANNUAL_ROWS[@]}"; do printf '%s\n' "${r%%|*}"; done | jq -R . | jq -sc .
}

# _annual_reduce_json FILE — a report's JSON (or the expectation).
_annual_reduce_json() {
  jq -r --argjson keys "$(_annual_row_keys_json)" \
    --argjson kinds "$(printf '%s\n' "${ANNUAL_APPEAL_KINDS[@]}" | jq -R . | jq -sc .)" \
    --argjson acols "$(printf '%s\n' "${ANNUAL_APPEAL_COLUMNS[@]}" | jq -R . | jq -sc .)" '
    def nums: if type == "array" then map(tostring) | join(" ") else "missing" end;
    ($keys[] as $k | "row \($k) \(.applications.rows[$k] | nums)"),
    "columns \(.applications.columns | nums)",
    "appeals \([$kinds[] as $k | $acols[] as $c | .appeals[$k][$c]] | nums)",
    "fees \(.fees.count) \(.fees.amount_fen // (.fees.amount_yuan * 100 | round))",
    "notices \(.fee_notices.count) \(.fee_notices.amount_fen // (.fee_notices.amount_yuan * 100 | round))"
  ' "$1" || fail "jq could not read $1: $(head -c 300 "$1")"
}

# The key|label tables, labels without white space, for awk.
_annual_label_table() {
  local r
  for r in "$@"; do
    printf '%s\t%s\n' "${r%%|*}" "$(tr -d ' \t' <<<"${r#*|}")"
  done
}

# _annual_reduce_cells — reads one table row a line, cells separated by
# \037, and prints the row, columns and appeals lines: a section-三 row is
# the one row with seven numbers at its end whose label (its other cells
# joined, white space removed) ends with the official label; the
# columns are the cells after the one holding the 勾稽关系 note; section
# 四 is the one row ending in fifteen numbers. Byte semantics (LC_ALL=C):
# the labels are compared as UTF-8 byte strings.
# shellcheck disable=SC2016 # awk code, not shell
_ANNUAL_AWK_CELLS='
function isnum(s) { return s ~ /^[0-9]+$/ }
FILENAME == ARGV[1] { rowkey[++nr] = $1; rowlab[nr] = $2; next }
FILENAME == ARGV[2] { colkey[++nc] = $1; collab[nc] = $2; next }
{
  n = split($0, cell, "\037")
  for (i = 1; i <= n; i++) { gsub(/[ \t\r]/, "", cell[i]) }
  first = n + 1
  while (first > 1 && isnum(cell[first - 1])) first--
  label = ""
  for (i = 1; i < first; i++) label = label cell[i]
  count = n - first + 1
  nums = ""
  for (i = first; i <= n; i++) nums = nums " " cell[i]
  if (index(cell[1], "勾稽关系") > 0 && columns == "") {
    columns = "columns"
    for (i = 2; i <= n; i++) {
      key = "?" cell[i]
      for (k = 1; k <= nc; k++)
        if (length(cell[i]) >= length(collab[k]) &&
            substr(cell[i], length(cell[i]) - length(collab[k]) + 1) == collab[k]) {
          key = colkey[k]; break
        }
      columns = columns " " key
    }
  }
  if (count == 7)
    for (k = 1; k <= nr; k++)
      if (length(label) >= length(rowlab[k]) &&
          substr(label, length(label) - length(rowlab[k]) + 1) == rowlab[k]) {
        found[k]++; value[k] = nums
      }
  if (count == 15) { appeals++; avalue = nums }
}
END {
  for (k = 1; k <= nr; k++)
    print "row " rowkey[k] (found[k] == 1 ? value[k] : found[k] ? " ambiguous" : " missing")
  print (columns == "" ? "columns missing" : columns)
  print "appeals" (appeals == 1 ? avalue : appeals ? " ambiguous" : " missing")
}'

_annual_reduce_cells() {
  LC_ALL=C awk -F '\t' "$_ANNUAL_AWK_CELLS" \
    <(_annual_label_table "${ANNUAL_ROWS[@]}") \
    <(_annual_label_table "${ANNUAL_COLUMNS[@]}") -
}

# _annual_fees FILE — "fees COUNT FEN" and "notices COUNT FEN" from the
# sentence of section 六 ("本年度共发出收费通知3件，收费金额500元；实际收取
# 信息处理费2件，金额380.00元。"): the number before 件 and the amount
# before 元 of each part, on the first line naming 信息处理费.
_annual_fees() {
  local line notices
  line="$(grep -m1 '信息处理费' "$1" | sed 's/<[^>]*>//g')" || true
  notices="${line#*发出收费通知}"
  _annual_fee_part fees "${line#*实际收取}"
  _annual_fee_part notices "${notices%%实际收取*}"
}

# _annual_fee_part NAME TEXT — "NAME COUNT FEN" from the first N件 and the
# first X元 of TEXT ("NAME missing" when either is not there).
_annual_fee_part() {
  local count amount
  count="$(grep -o '[0-9][0-9]*件' <<<"$2" | head -n1 | tr -d '件')" || true
  amount="$(grep -o '[0-9][0-9]*\(\.[0-9][0-9]*\)\{0,1\}元' <<<"$2" | head -n1 | tr -d '元')" || true
  if [[ -z "$count" || -z "$amount" ]]; then
    echo "$1 missing"
    return
  fi
  # Yuan to fen without floating point: "21574.69" -> 2157469, "380" -> 38000.
  awk -v n="$1" -v c="$count" -v a="$amount" 'BEGIN {
    k = split(a, p, "."); f = (k > 1 ? p[2] : "")
    if (length(f) > 2) { print n " " c " " a "(more than 2 decimals)"; exit }
    while (length(f) < 2) f = f "0"
    print n " " c " " (p[1] * 100 + f)
  }'
}

# _annual_reduce_csv FILE — RFC 4180: fields split on commas outside
# quotes, "" inside quotes is one quote.
_annual_reduce_csv() {
  # shellcheck disable=SC2016 # awk code, not shell
  LC_ALL=C awk '{
    sub(/\r$/, ""); out = ""; cell = ""; q = 0
    for (i = 1; i <= length($0); i++) {
      c = substr($0, i, 1)
      if (q) {
        if (c == "\"") { if (substr($0, i + 1, 1) == "\"") { cell = cell c; i++ } else q = 0 }
        else cell = cell c
      } else if (c == "\"") q = 1
      else if (c == ",") { out = out cell "\037"; cell = "" }
      else cell = cell c
    }
    print out cell
  }' "$1" | _annual_reduce_cells
  _annual_fees "$1"
}

# _annual_reduce_md FILE — the pipe rows of the Markdown tables.
_annual_reduce_md() {
  # shellcheck disable=SC2016 # awk code, not shell
  LC_ALL=C awk '/^[ \t]*\|/ {
    line = $0
    sub(/^[ \t]*\|/, "", line); sub(/\|[ \t\r]*$/, "", line)
    gsub(/\|/, "\037", line)
    print line
  }' "$1" | _annual_reduce_cells
  _annual_fees "$1"
}

# _annual_reduce_html FILE — the tables of sections 三 and 四 (found by
# their <h2> titles), one tag a line: in 三 every <tr> holding <td> cells is
# the next row of ANNUAL_ROWS, its last <th> must be that row's innermost
# label and its <td>s are its numbers; the columns are the <th> labels of
# the header; in 四 the <td>s of the one data row.
_annual_reduce_html() {
  local file="$1"
  # shellcheck disable=SC2016 # awk code, not shell
  sed 's/</\n</g' "$file" | LC_ALL=C awk -F '\t' '
    function text(s) { sub(/^<[^>]*>/, "", s); gsub(/[ \t\r]/, "", s); return s }
    FILENAME == ARGV[1] { rowkey[++nr] = $1; leaf[nr] = $2; next }
    FILENAME == ARGV[2] { colkey[++nc] = $1; collab[nc] = $2; next }
    /^<h2/ {
      t = text($0)
      sec = index(t, "三、收到和处理政府信息公开申请情况") ? 3 : \
            index(t, "四、政府信息公开行政复议、行政诉讼情况") ? 4 : 0
      next
    }
    sec == 0 { next }
    /^<tr[ >]/ { lastth = ""; ntd = 0; nums = ""; next }
    /^<th[ >]/ { lastth = text($0); if (sec == 3 && !rows) heads[lastth] = 1; next }
    /^<td[ >]/ { ntd++; nums = nums " " text($0); next }
    /^<\/tr>/ {
      if (ntd == 0) next
      if (sec == 3) {
        rows++
        if (rows > nr) print "row ?" nums
        else if (lastth != leaf[rows]) print "row " rowkey[rows] " label " lastth
        else print "row " rowkey[rows] nums
      } else { appeals++; avalue = nums }
    }
    END {
      for (k = rows + 1; k <= nr; k++) print "row " rowkey[k] " missing"
      columns = "columns"
      for (k = 1; k <= nc; k++) columns = columns " " (collab[k] in heads ? colkey[k] : "missing:" collab[k])
      print columns
      print "appeals" (appeals == 1 ? avalue : appeals ? " ambiguous" : " missing")
    }' <(_annual_leaf_table) <(_annual_label_table "${ANNUAL_COLUMNS[@]}") -
  _annual_fees "$file"
}

# key<TAB>innermost label, for the HTML rows.
_annual_leaf_table() {
  local r label
  for r in "${ANNUAL_ROWS[@]}"; do
    label="${r#*|}"
    printf '%s\t%s\n' "${r%%|*}" "$(tr -d ' \t' <<<"${label##* }")"
  done
}

# _annual_compare FORMAT REPORT EXPECTED — every cell of REPORT (a
# rendering in FORMAT) equals the expectation, or the case fails with the
# lines that differ.
_annual_compare() {
  local format="$1" report="$2" expected="$3" want got
  want="$T/want.$format.$$"
  got="$T/got.$format.$$"
  _annual_reduce_json "$expected" >"$want"
  case "$format" in
  json) _annual_reduce_json "$report" >"$got" ;;
  csv) _annual_reduce_csv "$report" >"$got" ;;
  md) _annual_reduce_md "$report" >"$got" ;;
  html) _annual_reduce_html "$report" >"$got" ;;
  *) fail "no reduction for format $format" ;;
  esac
  # A reduction that found nothing at all would make a poor comparison.
  expect_eq "$(wc -l <"$want" | tr -d ' ')" $((${#ANNUAL_ROWS[@]} + 4)) "lines of the expectation"
  if ! diff -u "$want" "$got" >"$T/diff.$format" 2>&1; then
    fail "the $format report ($report) differs from $expected:
$(cat "$T/diff.$format")"
  fi
}

# _annual_checks_ok FILE [CARRY] — the JSON report's checks are all ok,
# every invariant of report.h is there (7 balance, 7 results_total, 25
# row_total, 3 appeals_total) and, with CARRY=yes, the 7 carry_over checks
# too; with CARRY=no, none.
_annual_checks_ok() {
  local file="$1" carry="${2:-}" bad n
  bad="$(jq -r '[.checks[] | select(.ok != true) | .name] | join(" ")' "$file")" ||
    fail "no checks in $file"
  [[ -z "$bad" ]] || fail "checks that fail in $file: $bad"
  for n in balance:7 results_total:7 row_total:25 appeals_total:3; do
    expect_eq "$(jq --arg p "${n%%:*}." '[.checks[].name | select(startswith($p))] | length' "$file")" \
      "${n#*:}" "${n%%:*} checks in $file"
  done
  case "$carry" in
  yes) expect_eq "$(jq '[.checks[].name | select(startswith("carry_over."))] | length' "$file")" 7 \
    "carry_over checks in $file" ;;
  no) expect_eq "$(jq '[.checks[].name | select(startswith("carry_over."))] | length' "$file")" 0 \
    "carry_over checks in $file (no report of last year stored)" ;;
  esac
}

# _annual_every_format YEAR — compiles YEAR in every format and compares
# every cell with the expectation.
_annual_every_format() {
  local year="$1" f
  for f in "${ANNUAL_FORMATS[@]}"; do
    _annual_compile "$year" "$f" "$T/report_$year.$f"
    _annual_compare "$f" "$T/report_$year.$f" "$T/gen/expected_$year.json"
  done
  _annual_checks_ok "$T/report_$year.json"
}

# ---- the cases ------------------------------------------------------------

# 2024: every cell of sections 三, 四 and 六 in json, csv, md and html.
t_annual_generated_2024_every_format() {
  _annual_generate
  _annual_every_format 2024
  # Nothing was received before 2024: the year carries nothing in.
  expect_eq "$(jq -c '.applications.rows.carried_in' "$T/report_2024.json")" \
    '[0,0,0,0,0,0,0]' "2024 carried in"
}

# 2025: the same, with requests carried in from 2024.
t_annual_generated_2025_every_format() {
  _annual_generate
  _annual_every_format 2025
  (($(jq '.applications.rows.carried_in[6]' "$T/report_2025.json") > 0)) ||
    fail "nothing carried into 2025: the generated data is too thin"
}

# The comparison can fail: one wrong cell of each kind (section 三, 四,
# 六) in the expectation is caught in every format, and named.
t_annual_comparison_detects_a_wrong_cell() {
  local f mutation name
  _annual_generate
  for f in "${ANNUAL_FORMATS[@]}"; do
    _annual_compile 2024 "$f" "$T/report_2024.$f"
  done
  for mutation in \
    'withheld.state_secret|.applications.rows["withheld.state_secret"][2] += 1' \
    'carried_out|.applications.rows.carried_out[6] += 1' \
    'appeals|.appeals.litigation_direct.pending += 1' \
    'fees|.fees.amount_fen += 1' \
    'notices|.fee_notices.count += 1'; do
    name="${mutation%%|*}"
    jq "${mutation#*|}" "$T/gen/expected_2024.json" >"$T/wrong.json"
    for f in "${ANNUAL_FORMATS[@]}"; do
      if (_annual_compare "$f" "$T/report_2024.$f" "$T/wrong.json") 2>"$T/err.compare"; then
        fail "the $f comparison accepted a wrong $name"
      fi
      grep -q "^+.*$name" "$T/err.compare" ||
        fail "the $f comparison failed without naming $name: $(cat "$T/err.compare")"
    done
  done
}

# Compiling again without a change gives the same bytes in every format,
# and stores no second compilation.
t_annual_two_compilations_identical() {
  local year f
  _annual_generate
  for year in 2024 2025; do
    for f in "${ANNUAL_FORMATS[@]}"; do
      _annual_compile "$year" "$f" "$T/first.$f"
      _annual_compile "$year" "$f" "$T/second.$f"
      cmp -s "$T/first.$f" "$T/second.$f" ||
        fail "two compilations of $year as $f differ: $(diff "$T/first.$f" "$T/second.$f" | head -n 20)"
    done
    _annual_compare json "$T/second.json" "$T/gen/expected_$year.json"
  done
  expect_eq "$(sql "select string_agg(year || ':' || n, ' ' order by year)
                    from (select year, count(*) n from annual_reports group by year) s")" \
    "2024:1 2025:1" "stored compilations per year"
}

# This year's 二 is last year's 四: compiled before 2024 is stored, 2025
# has no carry-over check; once 2024 is stored, it has the seven, all ok,
# and the rows agree with each other and with the expectation.
t_annual_carry_over_chain() {
  local out24 in25
  _annual_generate
  _annual_compile 2025 json "$T/early_2025.json"
  _annual_checks_ok "$T/early_2025.json" no
  _annual_compile 2024 json "$T/report_2024.json"
  _annual_checks_ok "$T/report_2024.json" no
  _annual_compile 2025 json "$T/report_2025.json"
  _annual_checks_ok "$T/report_2025.json" yes
  out24="$(jq -c '.applications.rows.carried_out' "$T/report_2024.json")"
  in25="$(jq -c '.applications.rows.carried_in' "$T/report_2025.json")"
  expect_eq "$in25" "$out24" "2025 carried in against 2024 carried out"
  expect_eq "$out24" "$(jq -c '.applications.rows.carried_out' "$T/gen/expected_2024.json")" \
    "2024 carried out against the expectation"
  expect_eq "$(jq -c '[.checks[] | select(.name | startswith("carry_over.")) | .right]' \
    "$T/report_2025.json")" "$out24" "the carry-over checks' last-year side"
  _annual_compare json "$T/report_2025.json" "$T/gen/expected_2025.json"
}

# `disclosed --once` on 2026-01-02 compiles and stores both ended years
# of both agencies (the generator's second one, `district`, holds one
# request in twenty), as system, each equal to its expectation; a second
# run stores nothing.
t_annual_worker_compiles_ended_years() {
  local agency year expected before
  _annual_generate
  expect_eq "$(count_rows annual_reports)" 0 "compilations before the worker ran"
  DISCLOSE_TODAY=2026-01-02 expect_exit 0 disclosed --once
  expect_eq "$(sql "select string_agg(a.code || ':' || x.year || ':' || x.compiled_by, ' '
                           order by a.code, x.year)
                    from annual_reports x join agencies a on a.id = x.agency_id")" \
    "default:2024:system default:2025:system district:2024:system district:2025:system" \
    "compilations stored"
  for agency in default district; do
    for year in 2024 2025; do
      expected="$T/gen/expected_$year.json"
      [[ "$agency" == default ]] || expected="$T/gen/expected_${agency}_$year.json"
      sql "select x.report from annual_reports x join agencies a on a.id = x.agency_id
           where a.code = '$agency' and x.year = $year" >"$T/stored_${agency}_$year.json"
      _annual_compare json "$T/stored_${agency}_$year.json" "$expected"
      _annual_checks_ok "$T/stored_${agency}_$year.json"
    done
  done
  before="$(sql "select md5(string_agg(id::text || ':' || year || ':' || report, ',' order by id)) from annual_reports")"
  DISCLOSE_TODAY=2026-01-02 expect_exit 0 disclosed --once
  expect_eq "$(count_rows annual_reports)" 4 "compilations after a second run"
  expect_eq "$(sql "select md5(string_agg(id::text || ':' || year || ':' || report, ',' order by id)) from annual_reports")" \
    "$before" "stored compilations after a second run"
}
