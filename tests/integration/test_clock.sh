# shellcheck shell=bash
# tests/integration/test_clock.sh — the statutory clock through the CLI
# (CONTRACT §5, §7, §8): due dates, supplements, consultations, fees,
# extensions, lapses applied by `disclosed --once`, backdating, the
# working-day calendar (`calendar due`, `calendar import`), `show
# --explain`, and the Chinese locale.
#
# Every expected date is computed by hand from the shipped calendar
# (domain/cn_workdays.csv); the arithmetic is in the comments. wd_add(D, n)
# is the n-th working day strictly after D. The 2024 days that matter:
#   2024-09-29 (Sun)            make-up working day (国庆节)
#   2024-10-01 … 2024-10-07     National Day: holidays (10-05/06 weekend)
#   2024-10-12 (Sat)            make-up working day (国庆节)
# so the working days after Fri 2024-09-27 are
#   1: 09-29  2: 09-30  3: 10-08  4: 10-09  5: 10-10  6: 10-11  7: 10-12
#   8: 10-14  9: 10-15 10: 10-16 11: 10-17 12: 10-18 13: 10-21 14: 10-22
#  15: 10-23 16: 10-24 17: 10-25 18: 10-28 19: 10-29 20: 10-30
#  21: 10-31 22: 11-01 23: 11-04 … (Mon–Fri from then on, to year end).

# shellcheck source=tests/integration/fixtures/helpers.sh
source "$(dirname "${BASH_SOURCE[0]}")/fixtures/helpers.sh"

# _ck_submit DATE [NAME] [ID_NUMBER] — clerk1 registers an application by
# post from NAME (default 张三), with identity number ID_NUMBER (default
# none), received on DATE, which is also the action's date; prints the new
# id.
_ck_submit() { h_letter "$@"; }

# _ck_assign ID DATE — clerk1 assigns ID to li on DATE.
_ck_assign() {
  expect_exit 0 disclose assign "$1" --to li --as clerk1 --on "$2"
}

# _ck_reviewed ID DATE — assigned to li, drafted by li, approved by wang,
# all on DATE.
_ck_reviewed() {
  _ck_assign "$1" "$2"
  expect_exit 0 disclose draft "$1" --outcome disclosed --as li --on "$2"
  expect_exit 0 disclose review "$1" --approve --as wang --on "$2"
}

# _ck_show ID — show --json into $T/out, for json.
_ck_show() {
  expect_exit 0 disclose show "$1" --json
}

# _ck_value_columns — for each line on stdin, the display column where its
# value (the first digit) starts, CJK characters counting two; printed once
# each (sort -u), so aligned lines give one number.
_ck_value_columns() {
  local line prefix wide
  while IFS= read -r line; do
    prefix="${line%%[0-9]*}"
    wide="${prefix//[ -~]/}"
    printf '%s\n' "$((${#prefix} + ${#wide}))"
  done | sort -u
}

# _ck_cast — h_staff plus boss, a supervisor.
_ck_cast() {
  h_staff
  expect_exit 0 disclose staff add boss --name 钱主任 --role supervisor --as admin
}

# A request received Fri 2024-09-27 is due wd_add(09-27, 20) = 2024-10-30
# (table above); a supplement may be requested until wd_add(09-27, 7) =
# Sat 2024-10-12, a make-up working day. workdays_left counts the working
# days d with today < d <= due_on.
t_due_date_of_new_request() {
  export DISCLOSE_TODAY=2024-09-27
  _ck_cast
  local id
  id="$(_ck_submit 2024-09-27)"
  _ck_show "$id"
  expect_eq "$(json .received_on)" 2024-09-27 received_on
  expect_eq "$(json .clock_start)" 2024-09-27 clock_start
  expect_eq "$(json .due_on)" 2024-10-30 due_on
  expect_eq "$(json .supplement_notice_due_on)" 2024-10-12 supplement_notice_due_on
  expect_eq "$(json .extended_days)" 0 extended_days
  expect_eq "$(json .paused_workdays)" 0 paused_workdays
  expect_eq "$(json .hold)" null hold
  # Today 09-27: all 20 working days ahead.
  expect_eq "$(json .workdays_left)" 20 "workdays_left on 09-27"
  expect_eq "$(json .due_soon)" false
  expect_eq "$(json .overdue)" false

  # Today 10-22: 10-23 10-24 10-25 10-28 10-29 10-30 = 6 left, not due soon.
  DISCLOSE_TODAY=2024-10-22 _ck_show "$id"
  expect_eq "$(json .workdays_left)" 6 "workdays_left on 10-22"
  expect_eq "$(json .due_soon)" false "due_soon with 6 left"
  # Today 10-23: 10-24 10-25 10-28 10-29 10-30 = 5 left: due soon (<= 5).
  DISCLOSE_TODAY=2024-10-23 _ck_show "$id"
  expect_eq "$(json .workdays_left)" 5 "workdays_left on 10-23"
  expect_eq "$(json .due_soon)" true "due_soon with 5 left"
  expect_eq "$(json .overdue)" false
  # Today is the due date: 0 left, still in time.
  DISCLOSE_TODAY=2024-10-30 _ck_show "$id"
  expect_eq "$(json .workdays_left)" 0 "workdays_left on the due date"
  expect_eq "$(json .due_soon)" true
  expect_eq "$(json .overdue)" false "overdue on the due date"
  # The day after: overdue, one working day late, no longer "due soon".
  DISCLOSE_TODAY=2024-10-31 _ck_show "$id"
  expect_eq "$(json .workdays_left)" -1 "workdays_left after the due date"
  expect_eq "$(json .overdue)" true "overdue on 10-31"
  expect_eq "$(json .due_soon)" false "due_soon once overdue"

  # The human show carries the deadline lines.
  DISCLOSE_TODAY=2024-10-31 expect_exit 0 disclose show "$id"
  expect_match "$(cat "$T/out")" '^  clock start +2024-09-27$'
  expect_match "$(cat "$T/out")" '^  due +2024-10-30  \(overdue\)$'
  expect_match "$(cat "$T/out")" '^  days left +overdue by 1 working day$'
  expect_match "$(cat "$T/out")" '^  supplement by +2024-10-12$'
  DISCLOSE_TODAY=2024-10-23 expect_exit 0 disclose show "$id"
  expect_match "$(cat "$T/out")" '^  due +2024-10-30  \(due soon\)$'
  expect_match "$(cat "$T/out")" '^  days left +5 working days$'
}

# Today 2024-10-31:
#   a: received 09-27, due 10-30              overdue (-1)
#   b: received Sun 09-29 (a make-up working day), due wd_add(09-29, 20):
#      one day later than a's count, 10-31    0 left (due today)
#   c: received 10-08, due wd_add(10-08, 20) = 11-04 (10-09 … 10-12 are 4,
#      10-14 … 10-18 9, 10-21 … 10-25 14, 10-28 … 11-01 19, 11-04 20)
#      left: 11-01 11-04                      2
#   d: received 10-16, due wd_add(10-16, 20) = 11-13 (10-17 10-18 2,
#      10-21 … 10-25 7, 10-28 … 11-01 12, 11-04 … 11-08 17, 11-11 … 11-13
#      20); left: 11-01 11-04 … 11-08 11-11 11-12 11-13 = 9
#   e: received 09-27, answered 10-29         closed: never listed
#   f: received 09-27, third party consulted 10-29: on hold, never listed
t_list_overdue_and_due_within() {
  export DISCLOSE_TODAY=2024-10-31
  _ck_cast
  local a b c d e f
  a="$(_ck_submit 2024-09-27)"
  b="$(_ck_submit 2024-09-29)"
  c="$(_ck_submit 2024-10-08)"
  d="$(_ck_submit 2024-10-16)"
  e="$(_ck_submit 2024-09-27)"
  _ck_reviewed "$e" 2024-10-29
  expect_exit 0 disclose answer "$e" --as clerk1 --on 2024-10-29
  f="$(_ck_submit 2024-09-27)"
  _ck_assign "$f" 2024-09-27
  expect_exit 0 disclose consult-third-party "$f" --as li --on 2024-10-29 --delivered-on 2024-10-29

  _ck_show "$b"
  expect_eq "$(json .due_on)" 2024-10-31 "b due_on"
  _ck_show "$c"
  expect_eq "$(json .due_on)" 2024-11-04 "c due_on"
  expect_eq "$(json .workdays_left)" 2 "c workdays_left"
  _ck_show "$d"
  expect_eq "$(json .due_on)" 2024-11-13 "d due_on"
  expect_eq "$(json .workdays_left)" 9 "d workdays_left"
  _ck_show "$e"
  expect_eq "$(json .on_time)" true "e answered on 10-29, due 10-30"

  expect_exit 0 disclose list --overdue --json
  expect_eq "$(json -c '[.[].id]')" "[$a]" "list --overdue"
  expect_exit 0 disclose list --due-within 0 --json
  expect_eq "$(json -c '[.[].id]')" "[$b]" "list --due-within 0"
  expect_exit 0 disclose list --due-within 2 --json
  expect_eq "$(json -c '[.[].id]')" "[$b,$c]" "list --due-within 2"
  expect_exit 0 disclose list --due-within 8 --json
  expect_eq "$(json -c '[.[].id]')" "[$b,$c]" "list --due-within 8"
  expect_exit 0 disclose list --due-within 9 --json
  expect_eq "$(json -c '[.[].id]')" "[$b,$c,$d]" "list --due-within 9"
  h_expect_error 3 invalid due-within disclose list --due-within x
  h_expect_error 3 invalid due-within disclose list --due-within -1
  # The human list shows what is left: a number, "!" once overdue, "hold".
  expect_exit 0 disclose list
  expect_match "$(cat "$T/out")" "^ +$a +received +2024-09-27 +2024-10-30 +-1! "
  expect_match "$(cat "$T/out")" "^ +$c +received +2024-10-08 +2024-11-04 +2 "
  expect_match "$(cat "$T/out")" "^ +$f +assigned +2024-09-27 +[0-9-]{10} +hold "
  awk 'length($0) > 80 { bad = 1 } END { exit bad }' "$T/out" ||
    fail "list wider than 80 columns: $(cat "$T/out")"
}

# Received Fri 2024-09-27; notice on 10-11, the 6th working day (09-29 1,
# 09-30 2, 10-08 3, 10-09 4, 10-10 5, 10-11 6). The applicant has 15
# working days: lapses_on = wd_add(10-11, 15) = 10-31 (10-12 1, 10-14 …
# 10-18 6, 10-21 … 10-25 11, 10-28 … 10-31 15). The supplement arrives Fri
# 10-18: clock_start 10-18, due wd_add(10-18, 20) = 11-15 (10-21 … 10-25 5,
# 10-28 … 11-01 10, 11-04 … 11-08 15, 11-11 … 11-15 20).
t_supplement_stops_and_restarts_the_clock() {
  export DISCLOSE_TODAY=2024-10-11
  _ck_cast
  local id
  id="$(_ck_submit 2024-09-27)"
  _ck_assign "$id" 2024-09-27
  h_expect_error 2 usage "" disclose request-supplement "$id" --as li
  h_expect_error 3 invalid reply-within disclose request-supplement "$id" --note 请补充 --reply-within 1x --as li
  h_expect_error 3 invalid reply-within disclose request-supplement "$id" --note 请补充 --reply-within 0 --as li
  h_expect_error 3 invalid reply-within disclose request-supplement "$id" --note 请补充 --reply-within 4 --as li
  h_expect_error 3 invalid note disclose request-supplement "$id" --note "  " --as li
  h_expect_error 5 forbidden "" disclose request-supplement "$id" --note 请补充 --as zhao
  expect_exit 0 disclose request-supplement "$id" --note "请明确所需信息的年份" --as li --on 2024-10-11
  expect_eq "$(cat "$T/out")" "request $id: supplement requested"
  _ck_show "$id"
  expect_eq "$(json -c .hold)" '{"kind":"supplement","since":"2024-10-11","lapses_on":"2024-10-31"}' hold
  expect_eq "$(json .clock_start)" null "clock_start while the supplement is awaited"
  expect_eq "$(json .due_on)" null "due_on while the supplement is awaited"
  expect_eq "$(json .workdays_left)" null "workdays_left while on hold"
  expect_eq "$(json .overdue)" false
  expect_eq "$(json '.events[-1].action')" request-supplement
  expect_eq "$(json '.events[-1].data.note')" "请明确所需信息的年份"
  expect_eq "$(json '.events[-1].data.days')" 15 "default reply window"
  # While it is awaited the request cannot take another hold.
  h_expect_error 6 conflict "" disclose consult-third-party "$id" --as li --on 2024-10-11
  h_expect_error 6 conflict "" disclose request-supplement "$id" --note 再次补正 --as li --on 2024-10-11

  export DISCLOSE_TODAY=2024-10-18
  expect_exit 0 disclose supplement-received "$id" --as li --on 2024-10-18 --json
  expect_eq "$(json .hold)" null "hold after the supplement"
  expect_eq "$(json .clock_start)" 2024-10-18 "clock restarts on the supplement date"
  expect_eq "$(json .due_on)" 2024-11-15 "due_on after the supplement"
  expect_eq "$(json .supplement_notice_due_on)" 2024-10-12 "supplement_notice_due_on unchanged"
  expect_eq "$(json .paused_workdays)" 0
  expect_eq "$(json .workdays_left)" 20
  # The notice is given once (一次性告知, Art. 30).
  h_expect_error 7 statutory "" disclose request-supplement "$id" --note 再次补正 --as li --on 2024-10-18
  h_expect_error 6 conflict "" disclose supplement-received "$id" --as li --on 2024-10-18
}

# Received 09-27: the 7-working-day window ends Sat 10-12 (the 7th working
# day); Mon 10-14 is the 8th. A notice on 10-12 with --reply-within 10
# lapses on wd_add(10-12, 10) = 10-25 (10-14 … 10-18 5, 10-21 … 10-25 10).
t_supplement_notice_after_seven_days() {
  export DISCLOSE_TODAY=2024-10-14
  _ck_cast
  local id
  id="$(_ck_submit 2024-09-27)"
  _ck_assign "$id" 2024-09-27
  h_expect_error 7 statutory "" disclose request-supplement "$id" --note 请补充 --as li --on 2024-10-14
  _ck_show "$id"
  expect_eq "$(json .hold)" null "no hold after the refused notice"
  expect_eq "$(json '.events | length')" 2 "no event written"
  # A supervisor may give it, on the last day, with a shorter window.
  expect_exit 0 disclose request-supplement "$id" --note 请补充 --reply-within 10 --as boss --on 2024-10-12
  _ck_show "$id"
  expect_eq "$(json -c .hold)" '{"kind":"supplement","since":"2024-10-12","lapses_on":"2024-10-25"}' hold
  expect_eq "$(json '.events[-1].data.days')" 10 "reply window"
}

# Received 09-27, due 10-30. Third party consulted Thu 10-10, replied Thu
# 10-17: paused are the working days in (10-10, 10-17]: 10-11, Sat 10-12
# (make-up), 10-14, 10-15, 10-16, 10-17 = 6. due_on = wd_add(09-27, 26) =
# wd_add(10-30, 6) = 11-07 (10-31, 11-01, 11-04 … 11-07).
t_third_party_pauses_the_clock() {
  export DISCLOSE_TODAY=2024-10-10
  _ck_cast
  local id
  id="$(_ck_submit 2024-09-27)"
  _ck_reviewed "$id" 2024-09-30
  expect_exit 0 disclose consult-third-party "$id" --note "涉及某公司商业秘密" --as li --on 2024-10-10 --delivered-on 2024-10-10
  expect_eq "$(cat "$T/out")" "request $id: third party consulted; the clock is paused"
  _ck_show "$id"
  # lapses_on = wd_add(10-10, 15) = 10-30 (10-11 1, 10-12 2, 10-14 … 10-18
  # 7, 10-21 … 10-25 12, 10-28 10-29 10-30 15).
  expect_eq "$(json -c .hold)" '{"kind":"third_party","since":"2024-10-10","lapses_on":"2024-10-30","delivered_on":"2024-10-10"}' hold
  expect_eq "$(json .due_on)" 2024-10-30 "due_on on the day of the consultation"
  expect_eq "$(json .state)" reviewed
  # A request on hold cannot be answered.
  h_expect_error 6 conflict "" disclose answer "$id" --as clerk1 --on 2024-10-10
  h_expect_error 6 conflict "" disclose agency-replied "$id" --as li --on 2024-10-10
  # While it waits there is no count of days left, and nothing is due soon
  # or overdue.
  DISCLOSE_TODAY=2024-10-16 _ck_show "$id"
  expect_eq "$(json .workdays_left)" null "workdays_left on hold"
  expect_eq "$(json .due_soon)" false
  expect_eq "$(json .overdue)" false

  export DISCLOSE_TODAY=2024-10-17
  expect_exit 0 disclose third-party-replied "$id" --as li --on 2024-10-17 --json
  expect_eq "$(json .hold)" null "hold after the reply"
  expect_eq "$(json .paused_workdays)" 6 "paused_workdays"
  expect_eq "$(json .due_on)" 2024-11-07 "due_on moved by the 6 paused days"
  expect_eq "$(json .clock_start)" 2024-09-27 "clock_start unchanged"
  # From 10-17 to 11-07: 10-18, 10-21 … 10-25, 10-28 … 11-01, 11-04 … 11-07
  # = 1 + 5 + 5 + 4 = 15.
  expect_eq "$(json .workdays_left)" 15
  h_expect_error 6 conflict "" disclose third-party-replied "$id" --as li --on 2024-10-17
  # Now it may be answered, in time.
  expect_exit 0 disclose answer "$id" --as clerk1 --on 2024-10-17
  _ck_show "$id"
  expect_eq "$(json .on_time)" true
  expect_eq "$(json .state)" answered
}

# Another agency consulted (Art. 34): same pause rules. Consulted 10-08,
# replied 10-09: paused (10-08, 10-09] = 1; due wd_add(10-30, 1) = 10-31.
t_other_agency_pauses_the_clock() {
  export DISCLOSE_TODAY=2024-10-09
  _ck_cast
  local id
  id="$(_ck_submit 2024-09-27)"
  _ck_assign "$id" 2024-09-27
  h_expect_error 2 usage "" disclose consult-agency "$id" --as li
  expect_exit 0 disclose consult-agency "$id" --agency 市财政局 --note 会签 --as li --on 2024-10-08 --delivered-on 2024-10-08
  _ck_show "$id"
  expect_eq "$(json .hold.kind)" other_agency
  expect_eq "$(json '.events[-1].data.agency')" 市财政局
  # wd_add(10-08, 15) = 10-28 (10-09 … 10-12 4, 10-14 … 10-18 9, 10-21 …
  # 10-25 14, 10-28 15).
  expect_eq "$(json .hold.lapses_on)" 2024-10-28
  expect_exit 0 disclose agency-replied "$id" --as li --on 2024-10-09
  _ck_show "$id"
  expect_eq "$(json .hold)" null
  expect_eq "$(json .paused_workdays)" 1
  expect_eq "$(json .due_on)" 2024-10-31
}

# Consulted 10-10, no reply: the window lapses on wd_add(10-10, 15) = 10-30
# and the clock resumes. paused = working days in (10-10, 10-30] = 15, so
# due_on = wd_add(10-30, 15) = 11-20 (10-31 11-01 2, 11-04 … 11-08 7, 11-11
# … 11-15 12, 11-18 11-19 11-20 15).
t_third_party_window_lapses_in_the_daemon() {
  export DISCLOSE_TODAY=2024-10-31
  _ck_cast
  local id before
  id="$(_ck_submit 2024-09-27)"
  _ck_assign "$id" 2024-09-27
  expect_exit 0 disclose consult-third-party "$id" --as li --on 2024-10-10 --delivered-on 2024-10-10
  expect_exit 0 disclosed --once
  _ck_show "$id"
  expect_eq "$(json .hold)" null "hold after the lapse"
  expect_eq "$(json .state)" assigned "a consultation's lapse does not close"
  expect_eq "$(json .paused_workdays)" 15 paused_workdays
  expect_eq "$(json .due_on)" 2024-11-20 due_on
  expect_eq "$(json '[.events[] | select(.action == "lapse")] | length')" 1 "one lapse event"
  expect_eq "$(json -c '.events[] | select(.action == "lapse") | [.on, .actor, .state]')" \
    '["2024-10-30","system","assigned"]' "lapse event"
  before="$(db_fingerprint)"
  expect_exit 0 disclosed --once
  expect_eq "$(db_fingerprint)" "$before" "a second --once for the same date changed something"
}

# The same lapse, when nobody ran the daemon: the next staff action applies
# it first, dated lapses_on (10-30), then itself. Reviewed on 09-30,
# consulted 10-10; answered 10-31: due 11-20 (see above), so on time.
t_action_after_unapplied_lapse() {
  export DISCLOSE_TODAY=2024-10-31
  _ck_cast
  local id
  id="$(_ck_submit 2024-09-27)"
  _ck_reviewed "$id" 2024-09-30
  expect_exit 0 disclose consult-third-party "$id" --as li --on 2024-10-10 --delivered-on 2024-10-10
  expect_exit 0 disclose answer "$id" --as clerk1 --on 2024-10-31
  _ck_show "$id"
  expect_eq "$(json .state)" answered
  expect_eq "$(json -c '[.events[-2] | .action, .on, .actor]')" '["lapse","2024-10-30","system"]' "lapse first"
  expect_eq "$(json -c '[.events[-1] | .action, .on, .actor]')" '["answer","2024-10-31","clerk1"]' "then the answer"
  expect_eq "$(json .paused_workdays)" 15
  expect_eq "$(json .due_on)" 2024-11-20
  expect_eq "$(json .on_time)" true
  # A reply that comes after the window lapsed (10-30) is out of time: a
  # statutory refusal naming the date, and nothing written (not even the
  # lapse).
  local id2
  id2="$(_ck_submit 2024-09-27)"
  _ck_assign "$id2" 2024-09-27
  expect_exit 0 disclose consult-third-party "$id2" --as li --on 2024-10-10 --delivered-on 2024-10-10
  h_expect_error 7 statutory 2024-10-30 disclose third-party-replied "$id2" --as li --on 2024-10-31
  _ck_show "$id2"
  expect_eq "$(json -c .hold)" '{"kind":"third_party","since":"2024-10-10","lapses_on":"2024-10-30","delivered_on":"2024-10-10"}' "hold kept"
}

# Notice 10-11 (see the supplement case): lapses 10-31. On 11-01 the daemon
# withdraws the request as of 10-31 with other.no_supplement.
t_supplement_lapse_withdraws() {
  export DISCLOSE_TODAY=2024-11-01
  _ck_cast
  local id before
  id="$(_ck_submit 2024-09-27)"
  _ck_assign "$id" 2024-09-27
  expect_exit 0 disclose request-supplement "$id" --note 请补充 --as li --on 2024-10-11
  # On the lapse day itself nothing happens yet: it is still in time.
  DISCLOSE_TODAY=2024-10-31 expect_exit 0 disclosed --once
  _ck_show "$id"
  expect_eq "$(json .state)" assigned "not lapsed on lapses_on"
  expect_exit 0 disclosed --once
  _ck_show "$id"
  expect_eq "$(json .state)" withdrawn
  expect_eq "$(json .outcome)" other.no_supplement
  expect_eq "$(json .closed_on)" 2024-10-31
  expect_eq "$(json .hold)" null
  expect_eq "$(json -c '[.events[-1] | .action, .on, .actor, .state]')" '["lapse","2024-10-31","system","withdrawn"]'
  before="$(db_fingerprint)"
  expect_exit 0 disclosed --once
  expect_eq "$(db_fingerprint)" "$before" "second --once"
  h_expect_error 6 conflict "" disclose supplement-received "$id" --as li --on 2024-11-01
}

# Fee notice Tue 10-08: the applicant has 20 working days, lapses_on =
# wd_add(10-08, 20) = 11-04 (10-09 … 10-12 4, 10-14 … 10-18 9, 10-21 …
# 10-25 14, 10-28 … 11-01 19, 11-04 20). On 11-05 the daemon withdraws it
# as of 11-04 with other.fee_unpaid. The fee is the tariff of 40 pages by
# volume, 30×0 + 10×10 = 100 yuan (109号 Art. 5; no identity number is
# needed for it).
t_fee_lapse_withdraws() {
  export DISCLOSE_TODAY=2024-11-05
  _ck_cast
  local id
  id="$(_ck_submit 2024-09-27)"
  _ck_assign "$id" 2024-09-27
  expect_exit 0 disclose fee-notice "$id" --amount 100 --pages 40 --method volume --as li --on 2024-10-08 --delivered-on 2024-10-08
  expect_exit 0 disclosed --once
  _ck_show "$id"
  expect_eq "$(json .state)" withdrawn
  expect_eq "$(json .outcome)" other.fee_unpaid
  expect_eq "$(json .closed_on)" 2024-11-04
  expect_eq "$(json -c '[.events[-1] | .action, .on, .actor]')" '["lapse","2024-11-04","system"]'
}

# Received 09-27, due 10-30. One extension by a supervisor, at most 20
# working days, on or before the due date.
# 20 days: wd_add(10-30, 20) = 11-27 (10-31 11-01 2, 11-04 … 11-08 7,
# 11-11 … 11-15 12, 11-18 … 11-22 17, 11-25 11-26 11-27 20).
t_extend_once_by_a_supervisor() {
  export DISCLOSE_TODAY=2024-10-31
  _ck_cast
  local a b c d
  a="$(_ck_submit 2024-09-27)"
  _ck_assign "$a" 2024-09-27
  h_expect_error 2 usage "" disclose extend "$a" --days 5 --as boss
  h_expect_error 2 usage "" disclose extend "$a" --reason 复杂 --as boss
  h_expect_error 3 invalid days disclose extend "$a" --days five --reason 复杂 --as boss
  h_expect_error 3 invalid days disclose extend "$a" --days 0 --reason 复杂 --as boss
  h_expect_error 5 forbidden "" disclose extend "$a" --days 5 --reason 复杂 --as li --on 2024-10-15
  h_expect_error 7 statutory "" disclose extend "$a" --days 21 --reason 复杂 --as boss --on 2024-10-15
  expect_exit 0 disclose extend "$a" --days 20 --reason "需调取档案" --as boss --on 2024-10-15
  expect_eq "$(cat "$T/out")" "request $a: deadline extended by 20 working days"
  _ck_show "$a"
  expect_eq "$(json .extended_days)" 20
  expect_eq "$(json .due_on)" 2024-11-27
  expect_eq "$(json '.events[-1].data.reason')" "需调取档案"
  expect_eq "$(json '.events[-1].data.days')" 20
  h_expect_error 7 statutory "" disclose extend "$a" --days 1 --reason 再延 --as boss --on 2024-10-16

  # On the due date itself (10-30) it is still allowed: 3 days →
  # wd_add(10-30, 3) = 11-04.
  b="$(_ck_submit 2024-09-27)"
  expect_exit 0 disclose extend "$b" --days 3 --reason 复杂 --as boss --on 2024-10-30 --json
  expect_eq "$(json .due_on)" 2024-11-04
  expect_eq "$(json .extended_days)" 3
  # The day after (10-31), too late.
  c="$(_ck_submit 2024-09-27)"
  h_expect_error 7 statutory "" disclose extend "$c" --days 3 --reason 复杂 --as boss --on 2024-10-31
  # Not while a supplement is awaited (there is no due date to extend).
  d="$(_ck_submit 2024-09-27)"
  expect_exit 0 disclose request-supplement "$d" --note 请补充 --as boss --on 2024-10-08
  h_expect_error 6 conflict "" disclose extend "$d" --days 3 --reason 复杂 --as boss --on 2024-10-08
}

# 国办函〔2020〕109号: 250 pages by volume = 30×0 + 70×10 + 100×20 + 50×40
# = 4700 yuan; by count, the applicant's first application of the month is
# free. The cheaper is by count, 0.00.
t_fee_quote_and_notice() {
  export DISCLOSE_TODAY=2024-10-15
  _ck_cast
  local id
  id="$(_ck_submit 2024-10-08 李雷 110101198001011232)"
  _ck_assign "$id" 2024-10-08
  expect_exit 0 disclose fee-quote "$id" --pages 250 --as li --json
  expect_eq "$(json -c '[.request_id, .ordinal, .pages, .method, .by_count, .by_volume, .amount]')" \
    "[$id,1,250,\"count\",\"0.00\",\"4700.00\",\"0.00\"]" "cheaper quote"
  expect_match "$(json .arithmetic)" '30×0 \+ 70×10 \+ 100×20 \+ 50×40 = 4700'
  expect_exit 0 disclose fee-quote "$id" --pages 250 --method volume --as li
  expect_match "$(cat "$T/out")" '30×0 \+ 70×10 \+ 100×20 \+ 50×40'
  expect_match "$(cat "$T/out")" '^fee: 4700\.00 yuan \(by volume\)$'
  expect_exit 0 disclose fee-quote "$id" --pages 250 --as li
  expect_match "$(cat "$T/out")" '^fee: 0\.00 yuan \(by count\)$'
  LANG=zh_CN.UTF-8 expect_exit 0 disclose fee-quote "$id" --pages 250 --method volume --as li
  expect_match "$(cat "$T/out")" '^应收信息处理费：4700\.00 元（按量计收）$'
  h_expect_error 2 usage "" disclose fee-quote "$id" --as li
  h_expect_error 3 invalid pages disclose fee-quote "$id" --pages 2.5 --as li
  h_expect_error 3 invalid method disclose fee-quote "$id" --pages 10 --method cheaper --as li
  h_expect_error 4 not_found "" disclose fee-quote 999999 --pages 10 --as li

  # No fee may be charged for a first application: the quote is 0.
  h_expect_error 7 statutory amount disclose fee-notice "$id" --as li --on 2024-10-08
  h_expect_error 7 statutory amount disclose fee-notice "$id" --pages 250 --as li --on 2024-10-08
  h_expect_error 3 invalid amount disclose fee-notice "$id" --amount 1.234 --as li --on 2024-10-08
  h_expect_error 3 invalid amount disclose fee-notice "$id" --amount 0 --as li --on 2024-10-08
  h_expect_error 3 invalid amount disclose fee-notice "$id" --amount ¥5 --as li --on 2024-10-08
  # Nor any other amount than the quote (Discrepancy 4, fixed).
  h_expect_error 7 statutory amount disclose fee-notice "$id" --amount 100 --as li --on 2024-10-08
  # The agency chooses the volume method (109号 Art. 3) and charges its
  # quote: hold fee, 20 working days to pay, until wd_add(10-08, 20) = 11-04.
  expect_exit 0 disclose fee-notice "$id" --amount 4700 --pages 250 --method volume --as li --on 2024-10-08 --delivered-on 2024-10-08
  expect_eq "$(cat "$T/out")" "request $id: fee notice given, 4700.00 yuan"
  _ck_show "$id"
  expect_eq "$(json -c .hold)" '{"kind":"fee","since":"2024-10-08","lapses_on":"2024-11-04","delivered_on":"2024-10-08"}' hold
  expect_eq "$(json '.events[-1].data.amount')" 4700.00
  h_expect_error 6 conflict "" disclose fee-notice "$id" --amount 100 --as li --on 2024-10-08
  # Paid Tue 10-15: paused (10-08, 10-15] = 10-09 10-10 10-11, Sat 10-12,
  # 10-14 10-15 = 6. Received 10-08, it was due wd_add(10-08, 20) = 11-04
  # (10-09 … 10-12 4, 10-14 … 10-18 9, 10-21 … 10-25 14, 10-28 … 11-01 19,
  # 11-04 20); now wd_add(11-04, 6) = 11-12 (11-05 … 11-08 4, 11-11 11-12).
  expect_exit 0 disclose fee-paid "$id" --as li --on 2024-10-15
  _ck_show "$id"
  expect_eq "$(json .hold)" null "hold after payment"
  expect_eq "$(json .paused_workdays)" 6
  expect_eq "$(json .due_on)" 2024-11-12
  h_expect_error 6 conflict "" disclose fee-paid "$id" --as li --on 2024-10-15
}

# The 11th application of the same applicant (the same identity number)
# in one month costs 100 yuan
# by count (band 11–30); a notice without --amount charges that quote, and
# with --pages 250 the cheaper of 100 (count) and 4700 (volume).
t_fee_notice_defaults_to_the_quote() {
  export DISCLOSE_TODAY=2024-10-15
  _ck_cast
  local id i
  i=0
  while [[ $i -lt 10 ]]; do
    _ck_submit 2024-10-08 韩梅梅 110101198001011240 >/dev/null
    i=$((i + 1))
  done
  id="$(_ck_submit 2024-10-09 韩梅梅 110101198001011240)"
  _ck_assign "$id" 2024-10-09
  expect_exit 0 disclose fee-quote "$id" --pages 0 --as li --json
  expect_eq "$(json .ordinal)" 11
  expect_eq "$(json .by_count)" 100.00
  expect_exit 0 disclose fee-notice "$id" --pages 250 --as li --on 2024-10-10 --delivered-on 2024-10-10 --json
  expect_eq "$(json .hold.kind)" fee
  expect_eq "$(json '.events[-1].data.amount')" 100.00
  expect_eq "$(json '.events[-1].data.method')" count
}

# --on: never before the request's last event, never after today.
t_on_backdating_rules() {
  export DISCLOSE_TODAY=2024-10-31
  _ck_cast
  local id
  id="$(_ck_submit 2024-10-08)"
  _ck_assign "$id" 2024-10-10
  h_expect_error 3 invalid on disclose request-supplement "$id" --note 请补充 --as li --on 2024-10-09
  h_expect_error 3 invalid on disclose consult-third-party "$id" --as li --on 2024-10-09
  h_expect_error 3 invalid on disclose consult-third-party "$id" --as li --on 2024-11-01
  h_expect_error 3 invalid on disclose extend "$id" --days 3 --reason 复杂 --as boss --on 2024-11-01
  h_expect_error 3 invalid on disclose consult-third-party "$id" --as li --on 2024-10-32
  # The same day as the last event is fine.
  expect_exit 0 disclose consult-third-party "$id" --as li --on 2024-10-10 --delivered-on 2024-10-10
  h_expect_error 3 invalid on disclose third-party-replied "$id" --as li --on 2024-10-09
}

# wd_add(2024-09-27, 20) = 2024-10-30 (table at the top); 2026-12-01 + 30
# working days runs into 2027, which the shipped calendar does not hold.
t_calendar_due() {
  expect_exit 0 disclose calendar due 2024-09-27 20
  expect_eq "$(cat "$T/out")" 2024-10-30
  expect_exit 0 disclose calendar due 2024-09-27 20 --json
  expect_eq "$(json -c .)" '{"from":"2024-09-27","n":20,"due_on":"2024-10-30"}'
  # wd_add(D, 7) = Sat 10-12, a make-up working day; n = 0 is D itself.
  expect_exit 0 disclose calendar due 2024-09-27 7
  expect_eq "$(cat "$T/out")" 2024-10-12
  expect_exit 0 disclose calendar due 2024-09-27 0
  expect_eq "$(cat "$T/out")" 2024-09-27
  h_expect_error 8 calendar_gap 2027 disclose calendar due 2026-12-01 30
  h_expect_error 3 invalid from disclose calendar due 2024-02-30 20
  h_expect_error 3 invalid n disclose calendar due 2024-09-27 2x
  h_expect_error 3 invalid n disclose calendar due 2024-09-27 1001
  h_expect_error 2 usage "" disclose calendar due 2024-09-27
  h_expect_error 2 usage "" disclose calendar frobnicate
}

# A request received Tue 2026-12-15 needs 2027 for its due date, so it has
# none until 2027 is imported. With the made-up 2027 of
# fixtures/calendar_2027.csv (1 January and 8–12 February off, Sat 20
# February worked), wd_add(2026-12-15, 20) = 2027-01-13: 12-16 12-17 12-18
# 3, 12-21 … 12-25 8, 12-28 … 12-31 12, (01-01 off), 01-04 … 01-08 17,
# 01-11 01-12 01-13 20.
t_calendar_import_new_year() {
  export DISCLOSE_TODAY=2026-12-15
  _ck_cast
  local id before
  id="$(_ck_submit 2026-12-15)"
  _ck_show "$id"
  expect_eq "$(json .due_on)" null "due_on before 2027 is loaded"
  h_expect_error 5 forbidden "" disclose calendar import "$FIXTURES/calendar_2027.csv" --as li
  h_expect_error 3 invalid "line 3" disclose calendar import "$FIXTURES/calendar_bad_saturday.csv" --as admin
  h_expect_error 3 invalid file disclose calendar import "$T/no-such-file.csv" --as admin
  h_expect_error 8 calendar_gap 2027 disclose calendar due 2026-12-01 30

  expect_exit 0 disclose calendar import "$FIXTURES/calendar_2027.csv" --as admin
  expect_match "$(cat "$T/out")" "^imported years 2027 \(7 rows\); [0-9]+ open requests' deadlines moved$"
  _ck_show "$id"
  expect_eq "$(json .due_on)" 2027-01-13 "due_on after the import"
  expect_eq "$(json .clock_start)" 2026-12-15
  expect_eq "$(json .workdays_left)" 20
  # 2026-12-01 + 30: 12-02 … 12-04 3, 12-07 … 12-11 8, 12-14 … 12-18 13,
  # 12-21 … 12-25 18, 12-28 … 12-31 22, (01-01 off), 01-04 … 01-08 27,
  # 01-11 01-12 01-13 30.
  expect_exit 0 disclose calendar due 2026-12-01 30
  expect_eq "$(cat "$T/out")" 2027-01-13
  # Importing the same file again moves nothing.
  before="$(sql "select count(*) from request_events where action = 'deadline-moved'")"
  expect_exit 0 disclose calendar import - --as admin --json <"$FIXTURES/calendar_2027.csv"
  expect_eq "$(json -c .years)" '[2027]'
  expect_eq "$(json .rows)" 7
  expect_eq "$(json .moved)" 0 "a repeated import moved deadlines"
  expect_eq "$(sql "select count(*) from request_events where action = 'deadline-moved'")" "$before"
}

# A correction of 2024 (fixtures/calendar_2024_correction.csv: the shipped
# 2024 rows plus Fri 2024-11-01 off). A request received Tue 10-15 was due
# wd_add(10-15, 20) = 11-12 (10-16 … 10-18 3, 10-21 … 10-25 8, 10-28 …
# 11-01 13, 11-04 … 11-08 18, 11-11 11-12 20); without 11-01 the 20th
# working day is 11-13. A request answered before the import keeps its
# dates, and one received after the window (11-14) does not move.
t_calendar_import_correction_moves_deadlines() {
  export DISCLOSE_TODAY=2024-10-20
  _ck_cast
  local open closed
  open="$(_ck_submit 2024-10-15)"
  closed="$(_ck_submit 2024-10-15)"
  _ck_reviewed "$closed" 2024-10-16
  expect_exit 0 disclose answer "$closed" --as clerk1 --on 2024-10-16
  _ck_show "$open"
  expect_eq "$(json .due_on)" 2024-11-12 "due_on before the correction"
  expect_exit 0 disclose calendar due 2024-10-15 20
  expect_eq "$(cat "$T/out")" 2024-11-12

  expect_exit 0 disclose calendar import "$FIXTURES/calendar_2024_correction.csv" --as admin --json
  expect_eq "$(json -c .years)" '[2024]'
  expect_eq "$(json .rows)" 28
  expect_eq "$(json .moved)" 1 "requests moved"
  _ck_show "$open"
  expect_eq "$(json .due_on)" 2024-11-13 "due_on after the correction"
  expect_eq "$(json '.events[-1].action')" deadline-moved
  expect_eq "$(json '.events[-1].actor')" system
  expect_eq "$(json '.events[-1].data.old.due_on')" 2024-11-12
  expect_eq "$(json '.events[-1].data.new.due_on')" 2024-11-13
  _ck_show "$closed"
  expect_eq "$(json '[.events[] | select(.action == "deadline-moved")] | length')" 0 "a closed request moved"
  expect_exit 0 disclose calendar due 2024-10-15 20
  expect_eq "$(cat "$T/out")" 2024-11-13
  # A bad file changes nothing: 2024-11-02 is a Saturday (line 29 here).
  { cat "$FIXTURES/calendar_2024_correction.csv"; echo "2024-11-02,holiday,错误"; } >"$T/bad.csv"
  h_expect_error 3 invalid "line 30" disclose calendar import "$T/bad.csv" --as admin
}

# A calendar import re-derives every open request, but one whose dates the
# new calendar does not change must not move. A request on hold since
# 10-29 (third party, lapses wd_add(10-29, 15) = 11-19): the 2024
# correction (11-01 off) moves its lapses_on to 11-20, legitimately; a
# second import, of 2027 only, changes nothing of 2024 and must move
# nothing, whatever day it runs on.
t_unrelated_import_moves_nothing() {
  export DISCLOSE_TODAY=2024-10-31
  _ck_cast
  local id n
  id="$(_ck_submit 2024-09-27)"
  _ck_assign "$id" 2024-09-27
  expect_exit 0 disclose consult-third-party "$id" --as li --on 2024-10-29 --delivered-on 2024-10-29
  expect_exit 0 disclose calendar import "$FIXTURES/calendar_2024_correction.csv" --as admin --json
  expect_eq "$(json .moved)" 1
  _ck_show "$id"
  expect_eq "$(json .hold.lapses_on)" 2024-11-20 "lapses_on after the correction"
  n="$(sql "select count(*) from request_events where request_id = $id and action = 'deadline-moved'")"
  expect_eq "$n" 1 "deadline-moved events after the correction"
  expect_exit 0 disclose calendar import "$FIXTURES/calendar_2027.csv" --as admin --json
  expect_eq "$(json .moved)" 0 "importing 2027 moved a 2024 request"
  expect_eq "$(sql "select count(*) from request_events where request_id = $id and action = 'deadline-moved'")" 1 \
    "importing 2027 wrote a deadline-moved event on a 2024 request"
}

# Received 09-27: the 20 days run over National Day. --explain lists every
# day from 09-28 to the due date 10-30 with how it counted.
t_show_explain() {
  export DISCLOSE_TODAY=2024-10-31
  _ck_cast
  local id s
  id="$(_ck_submit 2024-09-27)"
  _ck_assign "$id" 2024-09-27
  expect_exit 0 disclose show "$id" --explain
  expect_match "$(cat "$T/out")" '^  clock start +2024-09-27  Fri$'
  expect_match "$(cat "$T/out")" '^    2024-09-28  Sat  weekend$'
  expect_match "$(cat "$T/out")" '^    2024-09-29  Sun  make-up working day 1$'
  expect_match "$(cat "$T/out")" '^    2024-10-01  Tue  holiday$'
  expect_match "$(cat "$T/out")" '^    2024-10-08  Tue  working day 3$'
  expect_match "$(cat "$T/out")" '^  due +2024-10-30  Wed$'
  expect_exit 0 disclose show "$id" --explain --json
  expect_eq "$(json .explain.due_on)" 2024-10-30
  expect_eq "$(json .explain.clock_start)" 2024-09-27
  expect_eq "$(json '.explain.days | length')" 33 "09-28 … 10-30 is 33 days"
  expect_eq "$(json '[.explain.days[] | select(.kind == "counted" or .kind == "makeup" or .kind == "extended")] | length')" 20
  expect_eq "$(json '[.explain.days[] | select(.kind == "holiday")] | length')" 5 "10-01 … 10-04, 10-07"
  expect_eq "$(json '.explain.days[-1].n')" 20
  expect_eq "$(json '.events | length')" 2 "the show object comes with its events"

  # Paused by a consultation (10-10 → 10-17: 6 days) and extended by 5:
  # due wd_add(09-27, 20 + 6 + 5) = wd_add(10-30, 11) = 11-14 (10-31 11-01
  # 2, 11-04 … 11-08 7, 11-11 … 11-14 11).
  expect_exit 0 disclose consult-third-party "$id" --as li --on 2024-10-10 --delivered-on 2024-10-10
  expect_exit 0 disclose third-party-replied "$id" --as li --on 2024-10-17
  expect_exit 0 disclose extend "$id" --days 5 --reason 复杂 --as boss --on 2024-10-18
  expect_exit 0 disclose show "$id" --explain --json
  expect_eq "$(json .due_on)" 2024-11-14
  expect_eq "$(json .explain.due_on)" 2024-11-14
  expect_eq "$(json .explain.extended_days)" 5
  expect_eq "$(json '[.explain.days[] | select(.kind == "counted" or .kind == "makeup" or .kind == "extended")] | length')" 25 "20 + 5"
  expect_eq "$(json '[.explain.days[] | select(.kind == "extended")] | length')" 5
  expect_eq "$(json '[.explain.days[] | select(.kind == "paused")] | length')" 6
  expect_eq "$(json -c '[.explain.paused[] | .kind, .from, .to, .workdays, .open]')" \
    '["third_party","2024-10-10","2024-10-17",6,false]'
  expect_exit 0 disclose show "$id" --explain
  s="$(cat "$T/out")"
  expect_match "$s" '^    2024-10-11  Fri  paused \(third party consultation\)$'
  expect_match "$s" '^    2024-11-14  Thu  extension day 5$'
  expect_match "$s" '^  paused +third party consultation 2024-10-10 → 2024-10-17: 6 working days$'
  expect_match "$s" '^  extended +5 working days$'
  LANG=zh_CN.UTF-8 expect_exit 0 disclose show "$id" --explain
  s="$(cat "$T/out")"
  expect_match "$s" '^    2024-10-01  周二  法定节假日$'
  expect_match "$s" '^    2024-09-29  周日  调休上班日，第1个工作日$'
  expect_match "$s" '^    2024-10-08  周二  第3个工作日$'
  expect_match "$s" '^    2024-10-11  周五  暂停计算（征求第三方意见）$'
  expect_match "$s" '^    2024-11-14  周四  延长期第5日$'

  # While a supplement is awaited there is nothing to explain.
  local w
  w="$(_ck_submit 2024-09-27)"
  expect_exit 0 disclose request-supplement "$w" --note 请补充 --as boss --on 2024-10-08
  expect_exit 0 disclose show "$w" --explain --json
  expect_eq "$(json .explain)" null "explain while a supplement is awaited"
  expect_exit 0 disclose show "$w" --explain
  expect_match "$(cat "$T/out")" 'no due date: a supplement is awaited'
  h_expect_error 4 not_found id disclose show 999999 --explain
}

# Messages follow the locale; JSON does not.
t_chinese_locale() {
  export DISCLOSE_TODAY=2024-10-14
  _ck_cast
  local id s
  id="$(_ck_submit 2024-09-27)"
  _ck_assign "$id" 2024-09-27
  # The 8th working day: a statutory refusal, in Chinese.
  LANG=zh_CN.UTF-8 h_expect_error 7 statutory "" disclose request-supplement "$id" --note 请补充 --as li --on 2024-10-14
  grep -qP '[\x{4e00}-\x{9fff}]' "$T/err" || fail "no Chinese in the zh_CN statutory error: $(cat "$T/err")"
  LANG=zh_CN.UTF-8 h_expect_error 8 calendar_gap 2027 disclose calendar due 2026-12-01 30
  grep -qP '[\x{4e00}-\x{9fff}]' "$T/err" || fail "no Chinese in the zh_CN calendar error: $(cat "$T/err")"

  LANG=zh_CN.UTF-8 expect_exit 0 disclose show "$id"
  s="$(cat "$T/out")"
  expect_match "$s" '^  起算日期 +2024-09-27$'
  expect_match "$s" '^  答复期限 +2024-10-30$'
  expect_match "$s" '^  剩余工作日 +12个工作日$'
  expect_match "$s" '^  补正告知截止 +2024-10-12$'
  # The labels line up by display width: the values start in one column
  # (a CJK character takes two columns).
  expect_eq "$(grep -E '^  (收到日期|起算日期|答复期限|剩余工作日|补正告知截止) ' <<<"$s" | _ck_value_columns)" \
    "$(grep -E '^  (收到日期) ' <<<"$s" | _ck_value_columns)" "Chinese labels not aligned: $s"

  LANG=zh_CN.UTF-8 expect_exit 0 disclose consult-third-party "$id" --as li --on 2024-10-14 --delivered-on 2024-10-14
  expect_eq "$(cat "$T/out")" "申请 $id：已征求第三方意见，暂停计算期限"
  LANG=zh_CN.UTF-8 expect_exit 0 disclose show "$id"
  # lapses_on = wd_add(10-14 (delivered), 15) = 11-04.
  expect_match "$(cat "$T/out")" '^  暂停计时 +征求第三方意见，自 2024-10-14 起，2024-10-14 送达，2024-11-04 届满$'
  expect_exit 0 disclose show "$id"
  expect_match "$(cat "$T/out")" '^  on hold +third party consultation, since 2024-10-14, delivered 2024-10-14, lapses on 2024-11-04$'

  # JSON ignores the locale.
  expect_exit 0 disclose show "$id" --explain --json
  jq -S 'del(.events[].at)' "$T/out" >"$T/en.json"
  LANG=zh_CN.UTF-8 expect_exit 0 disclose show "$id" --explain --json
  jq -S 'del(.events[].at)' "$T/out" >"$T/zh.json"
  cmp -s "$T/en.json" "$T/zh.json" || fail "show --explain --json differs by locale"
}

t_help_lists_the_clock_commands() {
  expect_exit 0 disclose --help
  local s
  s="$(cat "$T/out")"
  local usage
  for usage in \
    "request-supplement ID --note TEXT [--reply-within N]" \
    "supplement-received ID" \
    "consult-third-party ID [--note TEXT] [--delivered-on DATE]" \
    "third-party-replied ID" \
    "consult-agency ID --agency NAME [--note TEXT] [--delivered-on DATE]" \
    "delivered ID [--on DATE]" \
    "refer-secrecy ID --authority NAME [--note TEXT]" \
    "secrecy-replied ID" \
    "agency-replied ID" \
    "fee-quote ID --pages N [--method count|volume]" \
    "fee-notice ID [--amount YUAN] [--pages N] [--method count|volume]" \
    "fee-paid ID" \
    "extend ID --days N --reason TEXT [--notified-on DATE]" \
    "require-reasons ID --note TEXT [--reply-within N]" \
    "reasons-received ID" \
    "longer-period ID --days N --reason TEXT [--notified-on DATE]" \
    "show ID [--explain]" \
    "calendar import FILE" \
    "calendar due FROM N"; do
    grep -Fq -- "disclose $usage" <<<"$s" || fail "--help does not list: $usage"
  done
  expect_exit 0 disclose calendar due --help
  expect_eq "$(cat "$T/out")" "disclose calendar due FROM N"
}
