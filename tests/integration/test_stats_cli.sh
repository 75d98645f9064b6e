# shellcheck shell=bash
# tests/integration/test_stats_cli.sh — the supervisors' CLI
# `disclose-stats` (CONTRACT §9): the dashboard's figures on a dataset
# counted by hand, its human rendering (80 columns, no colour off a
# terminal, Chinese labels), --watch redrawing on a change, and the annual
# report: byte-identical output, official labels, --active, --diff, errors.

# shellcheck source=tests/integration/fixtures/helpers.sh
source "$(dirname "${BASH_SOURCE[0]}")/fixtures/helpers.sh"

# _st_submit DATE — clerk1 registers the natural-person fixture received on
# DATE (and registered that day); prints the new id.
_st_submit() {
  jq --arg d "$1" '.received_on = $d' "$FIXTURES/request_natural_person.json" >"$T/req.json"
  expect_exit 0 disclose submit "$T/req.json" --as clerk1 --on "$1"
  cat "$T/out"
}

# _st_answer ID ASSIGN DRAFT REVIEW ANSWER — li handles, wang reviews,
# clerk1 answers, each on its date.
_st_answer() {
  expect_exit 0 disclose assign "$1" --to li --as clerk1 --on "$2"
  expect_exit 0 disclose draft "$1" --outcome disclosed --as li --on "$3"
  expect_exit 0 disclose review "$1" --approve --as wang --on "$4"
  expect_exit 0 disclose answer "$1" --as clerk1 --on "$5"
}

# The dashboard dataset, as of 2023-03-15 (a Wednesday; no holiday from
# February to the end of March 2023). wd(D, n) is the n-th working day
# after D; due = wd(clock start, 20 + paused).
#   A received 02-01, li:     due wd(02-01,20) = 03-01 → overdue by 10
#                             (03-02,03,06..10,13,14,15)
#   B received 02-10, zhao:   due 03-10 → overdue by 3 (03-13,14,15)
#   C received 03-01, li:     due 03-29 → 10 left (bucket 6-10)
#   D received 02-20, li:     due 03-20 → 3 left (3-5, due soon)
#   E received 02-15, nobody: due 03-15 → 0 left (0-2, due soon), received
#   F received 03-10, zhao:   third party consulted 03-13 → on hold
#   K received 03-13, zhao:   supplement requested 03-14 → on hold
#   G received 01-03, answered 01-20: 13 working days (01-04..06, 09..13,
#     16..20), due 02-03 (the Spring Festival 01-21..27 skipped, 01-28/29
#     make-up days counted) → on time
#   H received 01-09, answered 02-24: due 02-09 → late; 31 working days
#   I received 02-01, third party 02-03..02-08 (3 paused: 02-06,07,08),
#     answered 02-15: 10 - 3 = 7 working days; due 03-06 → on time
#   J received and answered in 2022: not this year's.
# So: open 7 (A B C D E F K); by_state received 1 (E), assigned 6;
# on_hold third_party 1, supplement 1; due_soon 2 (D E); overdue 2 (A B),
# overdue_ids [A, B] (most overdue first); by_assignee li {3, 1, 1},
# zhao {3, 0, 1}; buckets overdue 2, 0-2 1, 3-5 1, 6-10 1; answered 3
# (G H I), on time 2/3, median of {7, 13, 31} = 13.
_st_dataset() {
  export DISCLOSE_TODAY=2023-03-15
  h_staff
  J="$(_st_submit 2022-12-01)"
  _st_answer "$J" 2022-12-01 2022-12-02 2022-12-05 2022-12-20
  G="$(_st_submit 2023-01-03)"
  _st_answer "$G" 2023-01-04 2023-01-05 2023-01-06 2023-01-20
  H="$(_st_submit 2023-01-09)"
  _st_answer "$H" 2023-01-10 2023-02-20 2023-02-21 2023-02-24
  I="$(_st_submit 2023-02-01)"
  expect_exit 0 disclose assign "$I" --to li --as clerk1 --on 2023-02-02
  expect_exit 0 disclose consult-third-party "$I" --as li --on 2023-02-03
  expect_exit 0 disclose third-party-replied "$I" --as li --on 2023-02-08
  expect_exit 0 disclose draft "$I" --outcome disclosed --as li --on 2023-02-09
  expect_exit 0 disclose review "$I" --approve --as wang --on 2023-02-10
  expect_exit 0 disclose answer "$I" --as clerk1 --on 2023-02-15
  A="$(_st_submit 2023-02-01)"
  expect_exit 0 disclose assign "$A" --to li --as clerk1 --on 2023-02-01
  B="$(_st_submit 2023-02-10)"
  expect_exit 0 disclose assign "$B" --to zhao --as clerk1 --on 2023-02-10
  C="$(_st_submit 2023-03-01)"
  expect_exit 0 disclose assign "$C" --to li --as clerk1 --on 2023-03-01
  D="$(_st_submit 2023-02-20)"
  expect_exit 0 disclose assign "$D" --to li --as clerk1 --on 2023-02-20
  E="$(_st_submit 2023-02-15)"
  F="$(_st_submit 2023-03-10)"
  expect_exit 0 disclose assign "$F" --to zhao --as clerk1 --on 2023-03-10
  expect_exit 0 disclose consult-third-party "$F" --as zhao --on 2023-03-13
  K="$(_st_submit 2023-03-13)"
  expect_exit 0 disclose assign "$K" --to zhao --as clerk1 --on 2023-03-13
  expect_exit 0 disclose request-supplement "$K" --note 请写明年份 --as zhao --on 2023-03-14
  # The dataset is as intended: the due dates the figures rest on.
  expect_exit 0 disclose show "$A" --json
  expect_eq "$(json .due_on)" 2023-03-01 "A due"
  expect_exit 0 disclose show "$D" --json
  expect_eq "$(json .due_on)" 2023-03-20 "D due"
  expect_exit 0 disclose show "$E" --json
  expect_eq "$(json .workdays_left)" 0 "E due today"
  expect_exit 0 disclose show "$F" --json
  expect_eq "$(json .hold.kind)" third_party "F on hold"
  expect_exit 0 disclose show "$K" --json
  expect_eq "$(json .hold.kind)" supplement "K on hold"
  expect_exit 0 disclose show "$H" --json
  expect_eq "$(json .on_time)" false "H late"
}

t_dashboard_json() {
  _st_dataset
  expect_exit 0 disclose-stats dashboard --json --as clerk1
  expect_eq "$(json .as_of)" 2023-03-15 as_of
  expect_eq "$(json .open)" 7 open
  expect_eq "$(json -c .by_state)" '{"received":1,"assigned":6,"drafted":0,"reviewed":0}' by_state
  expect_eq "$(json -c .on_hold)" '{"supplement":1,"third_party":1,"other_agency":0,"fee":0,"secrecy_review":0,"reasons":0}' on_hold
  expect_eq "$(json .due_soon)" 2 due_soon
  expect_eq "$(json .overdue)" 2 overdue
  expect_eq "$(json -c .overdue_ids)" "[$A,$B]" overdue_ids
  expect_eq "$(json -c .by_assignee)" \
    '[{"login":"li","name":"李四","open":3,"due_soon":1,"overdue":1},{"login":"zhao","name":"赵六","open":3,"due_soon":0,"overdue":1}]' by_assignee
  expect_eq "$(json .answered_this_year)" 3 answered_this_year
  expect_eq "$(json '.on_time_rate * 1000 | round')" 667 on_time_rate
  expect_eq "$(json .median_workdays_to_answer)" 13 median
  expect_eq "$(json -c '[.buckets.overdue, .buckets["0-2"], .buckets["3-5"], .buckets["6-10"], .buckets["11-20"], .buckets.more]')" \
    '[2,1,1,1,0,0]' buckets
  expect_eq "$(json -c '[.overdue_list[] | [.id, .assignee, .due_on, .workdays_overdue]]')" \
    "[[$A,\"li\",\"2023-03-01\",10],[$B,\"zhao\",\"2023-03-10\",3]]" overdue_list
  expect_eq "$(json .calendar_warning)" false calendar_warning
  # --due-within 10 also counts C (10 left) as due soon, for li.
  expect_exit 0 disclose-stats dashboard --json --due-within 10 --as clerk1
  expect_eq "$(json .due_soon)" 3 "due soon within 10"
  expect_eq "$(json '.by_assignee[] | select(.login == "li") | .due_soon')" 2 "li due soon within 10"
  # DISCLOSE_ACTOR stands in for --as.
  DISCLOSE_ACTOR=li expect_exit 0 disclose-stats dashboard --json
  expect_eq "$(json .open)" 7 "open as li"
}

t_dashboard_errors() {
  export DISCLOSE_TODAY=2023-03-15
  h_staff
  for bad in 1x -1 0 '' ' 5' 99999; do
    expect_exit 3 disclose-stats dashboard --due-within "$bad" --as clerk1
    expect_match "$(cat "$T/err")" '^disclose-stats: invalid: due-within'
  done
  expect_exit 2 disclose-stats dashboard --year 2023 --as clerk1
  expect_match "$(cat "$T/err")" '^disclose-stats: usage: '
  expect_exit 2 disclose-stats dashbored --as clerk1
  expect_exit 2 disclose-stats dashboard --bogus --as clerk1
  expect_exit 2 disclose-stats
  expect_exit 0 disclose-stats --help
  expect_exit 4 disclose-stats dashboard --as nobody
  expect_match "$(cat "$T/err")" '^disclose-stats: not_found: '
  expect_eq "$(wc -l <"$T/err" | tr -d ' ')" 1 "one error line"
  [[ ! -s "$T/out" ]] || fail "a failed dashboard printed on stdout"
  DISCLOSE_TODAY=2031-01-05 expect_exit 8 disclose-stats dashboard --as clerk1
  expect_match "$(cat "$T/err")" '^disclose-stats: calendar_gap: '
  DISCLOSE_TODAY=2023-02-30 expect_exit 3 disclose-stats dashboard --as clerk1
  expect_match "$(cat "$T/err")" 'DISCLOSE_TODAY'
}

# Every line of FILE fits 80 display columns (a Chinese character takes
# two; wc -L counts display width under a UTF-8 locale).
_st_fits_80() {
  local width
  width="$(LC_ALL=C.UTF-8 wc -L <"$1")"
  [[ "$width" -le 80 ]] || fail "a line is $width columns wide in: $(cat "$1")"
  # wc -L must really count display width here: a line of 41 Chinese
  # characters is 82 columns.
  width="$(printf '%s\n' 一二三四五六七八九十一二三四五六七八九十一二三四五六七八九十一二三四五六七八九十一 | LC_ALL=C.UTF-8 wc -L)"
  expect_eq "$width" 82 "wc -L counts display width"
}

t_dashboard_human() {
  _st_dataset
  expect_exit 0 disclose-stats dashboard --as clerk1
  cp "$T/out" "$T/en.txt"
  _st_fits_80 "$T/en.txt"
  if grep -q $'\e' "$T/en.txt"; then fail "ANSI escapes off a terminal"; fi
  local en
  en="$(cat "$T/en.txt")"
  expect_match "$en" '2023-03-15'
  expect_match "$en" '^Open requests: 7$'
  expect_match "$en" 'received 1 +assigned 6'
  expect_match "$en" '^On hold, clock paused: 2$'
  expect_match "$en" 'third party 1'
  expect_match "$en" 'Overdue: 2'
  # The chart: overdue holds the widest bar (40 blocks), 0-2 half of it.
  expect_match "$en" '^  overdue +█{40} +2$'
  expect_match "$en" '^  0-2 +█{20} +1$'
  expect_match "$en" '^  11-20 +0$'
  expect_match "$en" '^李四 \(li\) +3 +1 +1$'
  expect_match "$en" '^赵六 \(zhao\) +3 +0 +1$'
  expect_match "$en" "^ +$A +李四 \\(li\\) +2023-03-01 +10 working days$"
  expect_match "$en" "^ +$B +赵六 \\(zhao\\) +2023-03-10 +3 working days$"
  expect_match "$en" '3 answered, 66.7% on time, median 13 working days'
  if grep -q 'calendar ends' "$T/en.txt"; then fail "calendar warning without cause"; fi

  LANG=zh_CN.UTF-8 expect_exit 0 disclose-stats dashboard --as clerk1
  cp "$T/out" "$T/zh.txt"
  _st_fits_80 "$T/zh.txt"
  local zh
  zh="$(cat "$T/zh.txt")"
  expect_match "$zh" '^在办申请：7 件$'
  expect_match "$zh" '已登记 1 +已分办 6'
  expect_match "$zh" '^暂停计时：2 件$'
  expect_match "$zh" '征求第三方意见 1'
  expect_match "$zh" '已逾期：2 件'
  expect_match "$zh" '^承办人 +在办 +即将到期 +已逾期$'
  expect_match "$zh" "^ +$A +李四 \\(li\\) +2023-03-01 +10个工作日$"
  expect_match "$zh" '本年已答复 3 件，按期答复率 66.7%，答复用时中位数 13 个工作日'
  if grep -q $'\e' "$T/zh.txt"; then fail "ANSI escapes off a terminal (zh)"; fi
  # Aligned by display width: in the assignee table every row's counts
  # end in the same column as the header's.
  local header_w row_w
  header_w="$(grep '^承办人' "$T/zh.txt" | LC_ALL=C.UTF-8 wc -L)"
  row_w="$(grep '^李四 ' "$T/zh.txt" | LC_ALL=C.UTF-8 wc -L)"
  expect_eq "$row_w" "$header_w" "zh table alignment"

  # On a terminal: colour, unless NO_COLOR.
  script -qec "disclose-stats dashboard --as clerk1" /dev/null >"$T/tty.txt" </dev/null
  grep -q $'\e\\[31m' "$T/tty.txt" || fail "no red on a terminal: $(cat "$T/tty.txt")"
  grep -q $'\e\\[33m' "$T/tty.txt" || fail "no yellow on a terminal"
  NO_COLOR=1 script -qec "disclose-stats dashboard --as clerk1" /dev/null >"$T/tty.txt" </dev/null
  if grep -q $'\e\\[3' "$T/tty.txt"; then fail "colour despite NO_COLOR"; fi
}

# More than ten overdue requests: ten lines, then "… and N more"; and the
# calendar warning two months before the calendar ends.
t_dashboard_long_overdue_and_calendar_warning() {
  export DISCLOSE_TODAY=2026-11-20
  h_staff
  local i id
  for i in $(seq 1 12); do
    id="$(_st_submit 2026-09-01)"
    expect_exit 0 disclose assign "$id" --to li --as clerk1 --on 2026-09-01
  done
  expect_exit 0 disclose-stats dashboard --json --as clerk1
  expect_eq "$(json .overdue)" 12 overdue
  expect_eq "$(json .calendar_warning)" true calendar_warning
  expect_eq "$(json .calendar_ends_on)" 2026-12-31 calendar_ends_on
  expect_exit 0 disclose-stats dashboard --as clerk1
  cp "$T/out" "$T/en.txt"
  _st_fits_80 "$T/en.txt"
  expect_eq "$(grep -Ec '^ +[0-9]+ +李四 \(li\) +2026-' "$T/en.txt")" 10 "overdue lines shown"
  expect_match "$(cat "$T/en.txt")" '^  … and 2 more$'
  expect_match "$(cat "$T/en.txt")" "the working-day calendar ends on 2026-12-31: import next year's arrangement"
  LANG=zh_CN.UTF-8 expect_exit 0 disclose-stats dashboard --as clerk1
  cp "$T/out" "$T/zh.txt"
  _st_fits_80 "$T/zh.txt"
  expect_match "$(cat "$T/zh.txt")" '工作日历截至 2026-12-31'
  expect_match "$(cat "$T/zh.txt")" '另有 2 件'
}

# _st_wait_for N FILE PATTERN — waits up to 10 s until FILE holds N lines
# matching PATTERN.
_st_wait_for() {
  local n="$1" file="$2" pattern="$3" i
  for ((i = 0; i < 100; i++)); do
    if [[ "$(grep -c -- "$pattern" "$file" || true)" -ge "$n" ]]; then
      return 0
    fi
    sleep 0.1
  done
  fail "no $n lines /$pattern/ within 10 s in: $(cat "$file")"
}

t_dashboard_watch() {
  export DISCLOSE_TODAY=2023-03-15
  h_staff
  local id pid rc=0
  id="$(_st_submit 2023-03-01)"
  disclose-stats dashboard --watch --as clerk1 >"$T/watch.txt" 2>"$T/watch.err" &
  pid=$!
  _st_wait_for 1 "$T/watch.txt" '^Open requests: 1$'
  # Nothing changes: no redraw before the minute is out.
  sleep 1.5
  expect_eq "$(grep -c 'dashboard as of' "$T/watch.txt")" 1 "renderings while idle"
  # A change: a second rendering, with the new figures, within seconds.
  expect_exit 0 disclose assign "$id" --to li --as clerk1 --on 2023-03-02
  _st_wait_for 1 "$T/watch.txt" '^李四 '
  expect_eq "$(grep -c 'dashboard as of' "$T/watch.txt")" 2 "renderings after a change"
  expect_eq "$(grep -c '^=====' "$T/watch.txt")" 1 "separator between renderings"
  # A burst of changes is redrawn at most once a second.
  local a b c
  a="$(_st_submit 2023-03-10)"
  b="$(_st_submit 2023-03-10)"
  c="$(_st_submit 2023-03-10)"
  _st_wait_for 1 "$T/watch.txt" '^Open requests: 4$'
  sleep 1.2
  local n
  n="$(grep -c 'dashboard as of' "$T/watch.txt")"
  [[ "$n" -le 5 ]] || fail "$n renderings for 3 changes in a burst"
  kill -INT "$pid"
  wait "$pid" || rc=$?
  expect_eq "$rc" 0 "exit status after SIGINT"
  [[ ! -s "$T/watch.err" ]] || fail "watch wrote on stderr: $(cat "$T/watch.err")"
  _st_fits_80 "$T/watch.txt"
  # SIGTERM stops it as cleanly.
  disclose-stats dashboard --watch --json --as clerk1 >"$T/watch2.txt" 2>"$T/watch2.err" &
  pid=$!
  _st_wait_for 1 "$T/watch2.txt" '"as_of"'
  kill -TERM "$pid"
  rc=0
  wait "$pid" || rc=$?
  expect_eq "$rc" 0 "exit status after SIGTERM"
  : "$a" "$b" "$c"
}

# ---- the annual report -------------------------------------------------

# A small 2023: a request answered (disclosed), one withheld, one still
# open at the end of the year, by 2024-01-10.
_st_year() {
  export DISCLOSE_TODAY=2024-01-10
  h_staff
  expect_exit 0 disclose staff add boss --name 刘主任 --role supervisor --as admin
  R1="$(_st_submit 2023-11-01)"
  _st_answer "$R1" 2023-11-01 2023-11-02 2023-11-03 2023-11-06
  R2="$(_st_submit 2023-11-01)"
  expect_exit 0 disclose assign "$R2" --to li --as clerk1 --on 2023-11-01
  expect_exit 0 disclose draft "$R2" --outcome withheld.state_secret --as li --on 2023-11-02
  expect_exit 0 disclose review "$R2" --approve --as wang --on 2023-11-03
  expect_exit 0 disclose answer "$R2" --as clerk1 --on 2023-11-06
  R3="$(_st_submit 2023-12-01)"
  expect_exit 0 disclose assign "$R3" --to li --as clerk1 --on 2023-12-04
  expect_exit 0 disclose draft "$R3" --outcome disclosed --as li --on 2023-12-05
  expect_exit 0 disclose review "$R3" --approve --as wang --on 2023-12-06
}

t_annual_report_formats() {
  _st_year
  local f
  for f in json csv md html; do
    expect_exit 0 disclose-stats annual-report --year 2023 --format "$f" --as boss
    cp "$T/out" "$T/first.$f"
    expect_exit 0 disclose-stats annual-report --year 2023 --format "$f" --as boss
    cmp "$T/first.$f" "$T/out" || fail "two compilations of the same data differ in $f"
    [[ -s "$T/out" ]] || fail "empty $f report"
  done
  # JSON is the default, and carries the figures (hand count: 3 new, 1
  # disclosed, 1 state secret, 1 carried out; all natural persons).
  expect_exit 0 disclose-stats annual-report --year 2023 --as boss
  cmp "$T/first.json" "$T/out" || fail "default format is not json"
  expect_eq "$(json .year)" 2023
  expect_eq "$(json .agency)" default
  expect_eq "$(json -c .applications.rows.new)" '[3,0,0,0,0,0,3]' new
  expect_eq "$(json -c .applications.rows.disclosed)" '[1,0,0,0,0,0,1]' disclosed
  expect_eq "$(json -c '.applications.rows["withheld.state_secret"]')" '[1,0,0,0,0,0,1]' state_secret
  expect_eq "$(json -c .applications.rows.handled_total)" '[2,0,0,0,0,0,2]' handled_total
  expect_eq "$(json -c .applications.rows.carried_out)" '[1,0,0,0,0,0,1]' carried_out
  expect_eq "$(json '[.checks[].ok] | all')" true "checks hold"
  # Only the compilation's rendering: nothing else on stdout.
  jq -e . "$T/out" >/dev/null || fail "stdout is not one JSON document"
  grep -Fq '一、本年新收政府信息公开申请数量' "$T/first.csv" || fail "csv lacks the label of 一"
  grep -Fq '（七）总计' "$T/first.csv" || fail "csv lacks （七）总计"
  grep -Fq '一、本年新收政府信息公开申请数量' "$T/first.md" || fail "md lacks the label of 一"
  grep -Fq '（七）总计' "$T/first.md" || fail "md lacks （七）总计"
  grep -Fq '一、本年新收政府信息公开申请数量' "$T/first.html" || fail "html lacks the label of 一"
  grep -Fq '（七）总计' "$T/first.html" || fail "html lacks （七）总计"
  grep -Fq '2023年政府信息公开工作年度报告' "$T/first.html" || fail "html lacks its title"
  grep -q $'\r$' "$T/first.csv" || fail "csv lines do not end in CRLF"
  # The same under a Chinese locale: the report does not follow it.
  LANG=zh_CN.UTF-8 expect_exit 0 disclose-stats annual-report --year 2023 --format csv --as boss
  cmp "$T/first.csv" "$T/out" || fail "the csv changed with the locale"
}

t_annual_report_errors() {
  _st_year
  # --year: required (usage, 2); a year in range (invalid, 3, naming it).
  expect_exit 2 disclose-stats annual-report --as boss
  expect_match "$(cat "$T/err")" '^disclose-stats: usage: '
  expect_exit 3 disclose-stats annual-report --year 20x3 --as boss
  expect_match "$(cat "$T/err")" '^disclose-stats: invalid: year'
  expect_exit 3 disclose-stats annual-report --year '' --as boss
  expect_exit 2 disclose-stats annual-report --year --as boss
  expect_exit 3 disclose-stats annual-report --year 2018 --as boss
  expect_match "$(cat "$T/err")" '^disclose-stats: invalid: .*year'
  expect_exit 3 disclose-stats annual-report --year 2025 --as boss
  expect_exit 3 disclose-stats annual-report --year 2023 --format xml --as boss
  expect_match "$(cat "$T/err")" '^disclose-stats: invalid: .*format'
  expect_exit 2 disclose-stats annual-report --year 2023 --watch --as boss
  # Unknown agency: not found; a clerk or handler: forbidden.
  expect_exit 4 disclose-stats annual-report --year 2023 --agency nosuch --as boss
  expect_match "$(cat "$T/err")" '^disclose-stats: not_found: '
  expect_exit 5 disclose-stats annual-report --year 2023 --as clerk1
  expect_match "$(cat "$T/err")" '^disclose-stats: forbidden: '
  [[ ! -s "$T/out" ]] || fail "a forbidden report printed on stdout"
  expect_exit 5 disclose-stats annual-report --year 2023 --as li
  expect_exit 4 disclose-stats annual-report --year 2023 --as nobody
  expect_eq "$(sql 'select count(*) from annual_reports')" 0 "failed compilations store nothing"
  # --active: a bad key, a bad value, an unreadable file: invalid input.
  printf '{"rules": {"made": 1, "bogus": 2}}' >"$T/active.json"
  expect_exit 3 disclose-stats annual-report --year 2023 --active "$T/active.json" --as boss
  expect_match "$(cat "$T/err")" '^disclose-stats: invalid: .*rules\.bogus'
  printf '{"licensing": -1}' >"$T/active.json"
  expect_exit 3 disclose-stats annual-report --year 2023 --active "$T/active.json" --as boss
  expect_match "$(cat "$T/err")" 'licensing'
  expect_exit 3 disclose-stats annual-report --year 2023 --active "$T/nope.json" --as boss
  expect_match "$(cat "$T/err")" 'active'
  # A good one fills section 二.
  printf '{"rules": {"made": 2, "repealed": 0, "in_force": 14}, "licensing": 321, "fees_wan_yuan": "12.5"}' >"$T/active.json"
  expect_exit 0 disclose-stats annual-report --year 2023 --active "$T/active.json" --as boss
  expect_eq "$(json .active.licensing)" 321 "active.licensing"
  expect_eq "$(json .active.rules.in_force)" 14 "active.rules.in_force"
  # An agency that exists works.
  expect_exit 0 disclose agency add city --name 某市人民政府办公室 --as admin
  expect_exit 0 disclose-stats annual-report --year 2023 --agency city --format html --as boss
  grep -Fq '某市人民政府办公室2023年政府信息公开工作年度报告' "$T/out" || fail "html title of agency city"
}

t_annual_report_diff() {
  _st_year
  # One compilation: nothing to compare (in the locale's words).
  expect_exit 0 disclose-stats annual-report --year 2023 --diff --as boss
  expect_eq "$(cat "$T/out")" "only one compilation of 2023 is stored: nothing to compare"
  LANG=zh_CN.UTF-8 expect_exit 0 disclose-stats annual-report --year 2023 --diff --as boss
  grep -Fq '2023' "$T/out" || fail "zh message lacks the year"
  grep -qP '[\x{4e00}-\x{9fff}]' "$T/out" || fail "no Chinese in the zh message"
  expect_eq "$(sql 'select count(*) from annual_reports')" 1 "one stored compilation"
  # R3's answer, given on 2023-12-28 and registered now, moves it from
  # 四 (carried out) to (一) 予以公开 in 2023.
  expect_exit 0 disclose answer "$R3" --as clerk1 --on 2023-12-28
  expect_exit 0 disclose-stats annual-report --year 2023 --diff --format json --as boss
  cp "$T/out" "$T/diff.json"
  expect_eq "$(sql 'select count(*) from annual_reports')" 2 "a second compilation stored"
  expect_eq "$(json -c '.moved | map(.id)')" "[$R3]" "moved ids"
  expect_eq "$(json '.moved[0].old.carried_out')" true "moved: old carried out"
  expect_eq "$(json '.moved[0].new.outcome')" disclosed "moved: new outcome"
  expect_eq "$(json -c '[.diff.changes[] | select(.row == "disclosed" and .column == "natural_person") | [.old, .new]]')" \
    '[[1,2]]' "disclosed natural_person 1 → 2"
  expect_eq "$(json -c '[.diff.changes[] | select(.row == "carried_out" and .column == "total") | [.old, .new]]')" \
    '[[1,0]]' "carried_out total 1 → 0"
  # The same difference in every format, twice identical, with R3 listed.
  local f
  for f in md csv html; do
    expect_exit 0 disclose-stats annual-report --year 2023 --diff --format "$f" --as boss
    cp "$T/out" "$T/diff1.$f"
    grep -Eq "(^|[^0-9])$R3([^0-9]|$)" "$T/out" || fail "$f diff does not name request $R3: $(cat "$T/out")"
    grep -Fq '予以公开' "$T/out" || fail "$f diff lacks the changed row's label"
    expect_exit 0 disclose-stats annual-report --year 2023 --diff --format "$f" --as boss
    cmp "$T/diff1.$f" "$T/out" || fail "two diffs differ in $f"
  done
  # No new compilation while nothing changed.
  expect_eq "$(sql 'select count(*) from annual_reports')" 2 "unchanged data stores nothing"
}
