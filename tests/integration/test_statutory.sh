# shellcheck shell=bash
# tests/integration/test_statutory.sh — the statutory corrections of issue
# 12 through the CLI (docs/statutes.md): a consultation's or a fee notice's
# window runs from the letter's delivery (Art. 32, 34, 109号); no hold opens
# after the due date; the restart of Art. 30 voids an earlier extension;
# an Art. 17 referral pauses without a window; the extension notice's date
# (Art. 33); Art. 35's reasons and longer period.
#
# The 2024 days that matter (domain/cn_workdays.csv): March has no holiday;
# 04-04 … 04-06 are 清明 holidays and Sun 04-07 a make-up working day. So
# after Fri 2024-03-01: #1 03-04 … #20 03-29 (due), and after Wed 03-06:
# #15 03-27.

# shellcheck source=tests/integration/fixtures/helpers.sh
source "$(dirname "${BASH_SOURCE[0]}")/fixtures/helpers.sh"

# _st_request DATE — clerk1 registers a letter received on DATE and assigns
# it to li the same day; prints the id.
_st_request() {
  local id
  id="$(h_letter "$1")"
  expect_exit 0 disclose assign "$id" --to li --as clerk1 --on "$1"
  printf '%s\n' "$id"
}

_st_cast() {
  h_staff
  expect_exit 0 disclose staff add boss --name 钱主任 --role supervisor --as admin
}

# The issue's example: consulted Mon 03-04, the third party receives the
# letter Wed 03-06, so it has until 03-27 (Art. 32: 自收到征求意见书之日起
# 15个工作日); a reply recorded on 03-26 is in time, though 15 working days
# from the sending ended on 03-25.
t_consultation_window_runs_from_delivery() {
  export DISCLOSE_TODAY=2024-03-26
  _st_cast
  local id
  id="$(_st_request 2024-03-01)"
  expect_exit 0 disclose consult-third-party "$id" --as li --on 2024-03-04
  expect_exit 0 disclose show "$id" --json
  expect_eq "$(json -c .hold)" \
    '{"kind":"third_party","since":"2024-03-04","lapses_on":null,"delivered_on":null}' \
    "an undelivered letter's window has not begun"
  expect_exit 0 disclose-stats dashboard --json --as boss
  expect_eq "$(json -c "[.undelivered[] | select(.id == $id) | .hold]")" '["third_party"]' \
    "the dashboard lists the undelivered letter"

  expect_exit 0 disclose delivered "$id" --as clerk1 --on 2024-03-06
  expect_exit 0 disclose show "$id" --json
  expect_eq "$(json -c .hold)" \
    '{"kind":"third_party","since":"2024-03-04","lapses_on":"2024-03-27","delivered_on":"2024-03-06"}' \
    "the window runs from the delivery"
  expect_exit 0 disclose-stats dashboard --json --as boss
  expect_eq "$(json "[.undelivered[] | select(.id == $id)] | length")" 0 "delivered: off the list"
  h_expect_error 6 conflict delivered_on disclose delivered "$id" --as clerk1 --on 2024-03-07

  expect_exit 0 disclose third-party-replied "$id" --as li --on 2024-03-26
  expect_exit 0 disclose show "$id" --json
  expect_eq "$(json .hold)" null "replied in time"
  # Paused (03-04, 03-26] = 16 working days: due wd_add(03-01, 36): #20
  # 03-29, #21–23 04-01…03 (04-04…06 off), #24 04-07 (Sun, worked), #25–29
  # 04-08…12, #30–34 04-15…19, #35–36 04-22, 23.
  expect_eq "$(json .paused_workdays)" 16 paused_workdays
  expect_eq "$(json .due_on)" 2024-04-23 due_on
}

# Delivered when it was sent, the same window ends on 03-27: a reply
# recorded on 03-28 comes after it, and is refused naming the lapse.
t_reply_after_the_delivered_window_is_refused() {
  export DISCLOSE_TODAY=2024-03-28
  _st_cast
  local id
  id="$(_st_request 2024-03-01)"
  expect_exit 0 disclose consult-agency "$id" --agency 区财政局 --as li --on 2024-03-04 --delivered-on 2024-03-06
  h_expect_error 7 statutory on disclose agency-replied "$id" --as li --on 2024-03-28
  grep -q 2024-03-27 "$T/err" || fail "the refusal does not name the lapse date: $(cat "$T/err")"
  # A letter cannot arrive before it was sent, nor after today.
  local other
  other="$(_st_request 2024-03-01)"
  h_expect_error 3 invalid delivered_on disclose consult-agency "$other" --agency 区财政局 --as li --on 2024-03-04 --delivered-on 2024-03-01
  h_expect_error 3 invalid delivered_on disclose fee-notice "$other" --as li --on 2024-03-04 --delivered-on 2024-03-29
  h_expect_error 3 invalid delivered_on disclose assign "$other" --to zhao --as clerk1 --on 2024-03-04 --delivered-on 2024-03-04
  h_expect_error 6 conflict hold disclose delivered "$other" --as li --on 2024-03-05
}

# The deadline worker cannot lapse what has no window: months after an
# undelivered fee notice, nothing has lapsed and the request is open.
t_undelivered_notice_never_lapses() {
  export DISCLOSE_TODAY=2024-03-04
  _st_cast
  local id
  id="$(_st_request 2024-03-01)"
  local other
  other="$(_st_request 2024-03-01)"
  expect_exit 0 disclose fee-notice "$id" --pages 250 --method volume --as li --on 2024-03-04
  expect_exit 0 disclose consult-agency "$other" --agency 区财政局 --as li --on 2024-03-04
  export DISCLOSE_TODAY=2024-06-28
  expect_exit 0 disclosed --once
  expect_exit 0 disclose show "$id" --json
  expect_eq "$(json .state)" assigned "still open"
  expect_eq "$(json .hold.kind)" fee "still waiting for the payment"
  expect_eq "$(json '[.events[] | select(.action == "lapse")] | length')" 0 "no lapse"
  expect_exit 0 disclose show "$other" --json
  expect_eq "$(json .hold.kind)" other_agency "still waiting for the opinion"
  expect_eq "$(json '[.events[] | select(.action == "lapse")] | length')" 0 "no lapse"
}

# Art. 33: no consultation, referral or fee notice after the due date (with
# the extension), and nothing is written by the refusal.
t_no_hold_opens_after_the_due_date() {
  export DISCLOSE_TODAY=2024-04-01
  _st_cast
  local id
  id="$(_st_request 2024-03-01)" # due 03-29
  h_expect_error 7 statutory on disclose consult-third-party "$id" --as li --on 2024-04-01
  h_expect_error 7 statutory on disclose consult-agency "$id" --agency 区财政局 --as li --on 2024-04-01
  h_expect_error 7 statutory on disclose refer-secrecy "$id" --authority 区保密局 --as li --on 2024-04-01
  h_expect_error 7 statutory on disclose fee-notice "$id" --pages 250 --as li --on 2024-04-01
  # On the due date itself, still in time.
  expect_exit 0 disclose consult-third-party "$id" --as li --on 2024-03-29
}

# The issue's sequence: received 03-01, extended by 20 on 03-04, supplement
# asked 03-05 and received 03-15. The count restarts from 03-15 (Art. 30)
# without the old extension: due 04-15 (#14 04-07, #15–19 04-08…12, #20
# 04-15), not 05-14; show --explain says so; the new period may be extended
# once.
t_restart_voids_an_earlier_extension() {
  export DISCLOSE_TODAY=2024-03-20
  _st_cast
  local id
  id="$(_st_request 2024-03-01)"
  expect_exit 0 disclose extend "$id" --days 20 --reason 需调阅档案 --as boss --on 2024-03-04
  expect_exit 0 disclose request-supplement "$id" --note 请明确路段名称 --as li --on 2024-03-05
  expect_exit 0 disclose supplement-received "$id" --as li --on 2024-03-15
  expect_exit 0 disclose show "$id" --explain --json
  expect_eq "$(json .due_on)" 2024-04-15 due_on
  expect_eq "$(json .extended_days)" 0 extended_days
  expect_eq "$(json -c .explain.voided_extension)" '{"days":20,"on":"2024-03-15"}' voided_extension
  expect_exit 0 disclose show "$id" --explain
  expect_match "$(cat "$T/out")" 'voided'
  expect_exit 0 disclose extend "$id" --days 10 --reason 需会商 --as boss --on 2024-03-20
  h_expect_error 7 statutory extend disclose extend "$id" --days 5 --reason 再延 --as boss --on 2024-03-20
  expect_exit 0 disclose show "$id" --json
  expect_eq "$(json .due_on)" 2024-04-28 "04-15 + 10: 04-16…19, 04-22…26, 04-28 (Sun, worked)"
}

# Art. 17: referred for determination, the request waits as long as the
# authority takes; the days count as paused, and nothing lapses.
t_referral_pauses_without_a_window() {
  export DISCLOSE_TODAY=2024-03-04
  _st_cast
  local id
  id="$(_st_request 2024-03-01)"
  h_expect_error 2 usage "" disclose refer-secrecy "$id" --as li
  expect_exit 0 disclose refer-secrecy "$id" --authority 区保密局 --note 是否涉密 --as li --on 2024-03-04
  expect_exit 0 disclose show "$id" --json
  expect_eq "$(json -c .hold)" '{"kind":"secrecy_review","since":"2024-03-04","lapses_on":null}' hold
  expect_eq "$(json '.events[-1].data.authority')" 区保密局 "the authority is recorded"
  export DISCLOSE_TODAY=2024-05-31
  expect_exit 0 disclosed --once
  expect_exit 0 disclose show "$id" --json
  expect_eq "$(json .hold.kind)" secrecy_review "no lapse ends a referral"
  export DISCLOSE_TODAY=2024-03-11
  expect_exit 0 disclose secrecy-replied "$id" --as li --on 2024-03-11
  expect_exit 0 disclose show "$id" --json
  # (03-04, 03-11] = 5 paused: 03-29 + 5 = 04-08.
  expect_eq "$(json .paused_workdays)" 5 paused_workdays
  expect_eq "$(json .due_on)" 2024-04-08 due_on
}

# Art. 33: the applicant is told of the extension, and when is recorded:
# by default with the decision, or on the day given; never before it.
t_extension_notice_is_recorded() {
  export DISCLOSE_TODAY=2024-03-08
  _st_cast
  local a b
  a="$(_st_request 2024-03-01)"
  b="$(_st_request 2024-03-01)"
  h_expect_error 3 invalid notified_on disclose extend "$a" --days 5 --reason 需调阅档案 --notified-on 2024-03-05 --as boss --on 2024-03-06
  expect_exit 0 disclose extend "$a" --days 5 --reason 需调阅档案 --notified-on 2024-03-07 --as boss --on 2024-03-06
  expect_exit 0 disclose extend "$b" --days 5 --reason 需调阅档案 --as boss --on 2024-03-06
  expect_exit 0 disclose show "$a" --json
  expect_eq "$(json -r '.events[-1].data.notified_on')" 2024-03-07 "told on the day given"
  expect_exit 0 disclose show "$b" --json
  expect_eq "$(json -r '.events[-1].data.notified_on')" 2024-03-06 "told with the decision"
}

# Issue 12.4: "still unclear after the supplement" (row (四)3) needs the
# supplement of Art. 30 asked for and received; refused otherwise, with
# nothing written.
t_still_unclear_needs_a_supplement() {
  export DISCLOSE_TODAY=2024-03-15
  _st_cast
  local id
  id="$(_st_request 2024-03-01)"
  h_expect_error 7 statutory outcome disclose draft "$id" --outcome unavailable.still_unclear --as li --on 2024-03-04
  expect_exit 0 disclose request-supplement "$id" --note 请明确路段名称 --as li --on 2024-03-05
  h_expect_error 7 statutory outcome disclose draft "$id" --outcome unavailable.still_unclear --as li --on 2024-03-06
  expect_exit 0 disclose supplement-received "$id" --as li --on 2024-03-15
  expect_exit 0 disclose draft "$id" --outcome unavailable.still_unclear --as li --on 2024-03-15
  expect_exit 0 disclose show "$id" --json
  expect_eq "$(json .outcome)" unavailable.still_unclear outcome
}

# Art. 30 deems the application abandoned only when the applicant is late
# 无正当理由: a supervisor may accept a late supplement with the reason, and
# the request the lapse withdrew is reopened, its history intact; the count
# restarts from the supplement. A late payment stays refused.
t_late_supplement_accepted_by_a_supervisor() {
  export DISCLOSE_TODAY=2024-03-26
  _st_cast
  local id other
  id="$(_st_request 2024-03-01)"
  # Notice 03-04 with 15 working days: in time until 03-25.
  expect_exit 0 disclose request-supplement "$id" --note 请明确路段名称 --as li --on 2024-03-04
  h_expect_error 7 statutory on disclose supplement-received "$id" --as li --on 2024-03-26
  h_expect_error 5 forbidden role disclose supplement-received "$id" --late-reason 因住院未能按期补正 --as li --on 2024-03-26
  expect_exit 0 disclosed --once
  expect_exit 0 disclose show "$id" --json
  expect_eq "$(json .state)/$(json .outcome)" withdrawn/other.no_supplement "lapsed"
  h_expect_error 6 conflict state disclose supplement-received "$id" --as boss --on 2024-03-26
  expect_exit 0 disclose supplement-received "$id" --late-reason 因住院未能按期补正 --as boss --on 2024-03-26
  expect_exit 0 disclose show "$id" --json
  expect_eq "$(json .state)" assigned "reopened to its handler"
  expect_eq "$(json .outcome)/$(json .closed_on)/$(json .hold)" null/null/null "nothing of the lapse remains but its event"
  # 03-26 + 20: 03-27…29, 04-01…03, (04-04…06 off) 04-07, 04-08…12,
  # 04-15…19, 04-22…24.
  expect_eq "$(json .clock_start)/$(json .due_on)" 2024-03-26/2024-04-24 "the count restarts"
  expect_eq "$(json -c '[.events[].action]')" \
    '["submit","assign","request-supplement","lapse","supplement-received"]' "history intact"
  expect_eq "$(json '.events[-1].data.late_reason')" 因住院未能按期补正 "the reason is recorded"
  expect_exit 0 disclose verify
  # In time, a reason is a mistake; a late payment has no such way back.
  other="$(_st_request 2024-03-25)"
  expect_exit 0 disclose request-supplement "$other" --note 请写明年份 --as li --on 2024-03-26
  h_expect_error 3 invalid late_reason disclose supplement-received "$other" --late-reason 无 --as boss --on 2024-03-26
  h_expect_error 3 invalid late_reason disclose withdraw "$other" --late-reason 无 --as boss --on 2024-03-26
}

# Art. 35: a supervisor asks for reasons on Mon 03-04 (li, a handler,
# cannot); the window of 10 working days runs from the demand: #10 03-18.
# The reasons come Mon 03-11, so (03-04, 03-11] pauses 5 working days: due
# wd_add(03-01, 25) = 04-08 (#20 03-29, #21–23 04-01…03, 04-04/05 清明,
# #24 Sun 04-07, #25 04-08). A longer period of 30 then moves it to
# wd_add(03-01, 55) = 05-21 (#29 04-12, #34 04-19, #39 04-26, #40 Sun
# 04-28, #42 04-30, 05-01…05 劳动节, #47 05-10, #48 Sat 05-11, #53 05-17,
# #55 05-21), once, and only after the reasons.
t_reasons_pause_and_a_longer_period_follows_them() {
  export DISCLOSE_TODAY=2024-03-12
  _st_cast
  local id
  id="$(_st_request 2024-03-01)"
  h_expect_error 5 forbidden role disclose require-reasons "$id" --note 请说明申请用途 --as li --on 2024-03-04
  h_expect_error 7 statutory reasons disclose longer-period "$id" --days 30 --reason 申请数量巨大 --as boss --on 2024-03-04
  expect_exit 0 disclose require-reasons "$id" --note 请说明申请用途 --reply-within 10 --as boss --on 2024-03-04
  expect_exit 0 disclose show "$id" --json
  expect_eq "$(json -c .hold)" '{"kind":"reasons","since":"2024-03-04","lapses_on":"2024-03-18"}' "the reasons hold"
  h_expect_error 6 conflict hold disclose longer-period "$id" --days 30 --reason 申请数量巨大 --as boss --on 2024-03-05
  h_expect_error 7 statutory outcome disclose draft "$id" --outcome not_processed.excessive --as li --on 2024-03-05
  expect_exit 0 disclose reasons-received "$id" --as li --on 2024-03-11
  expect_exit 0 disclose show "$id" --json
  expect_eq "$(json .paused_workdays)" 5 "paused while the reasons were awaited"
  expect_eq "$(json .due_on)" 2024-04-08 "due after the pause"
  h_expect_error 7 statutory reasons disclose require-reasons "$id" --note 再次说明 --as boss --on 2024-03-12
  h_expect_error 7 statutory days disclose longer-period "$id" --days 61 --reason 申请数量巨大 --as boss --on 2024-03-12
  h_expect_error 5 forbidden role disclose longer-period "$id" --days 30 --reason 申请数量巨大 --as li --on 2024-03-12
  expect_exit 0 disclose longer-period "$id" --days 30 --reason 申请数量巨大，需逐件检索 --as boss --on 2024-03-12
  expect_exit 0 disclose show "$id" --json
  expect_eq "$(json .longer_period_days)" 30 longer_period_days
  expect_eq "$(json .extended_days)" 0 "not the extension of Art. 33"
  expect_eq "$(json .due_on)" 2024-05-21 "due after the longer period"
  expect_eq "$(json -c '.events[-1].data | {days, reason, notified_on}')" \
    '{"days":30,"reason":"申请数量巨大，需逐件检索","notified_on":"2024-03-12"}' "the event records it"
  h_expect_error 7 statutory longer_period disclose longer-period "$id" --days 5 --reason 再延 --as boss --on 2024-03-12
  expect_exit 0 disclose show "$id"
  grep -q "longer period" "$T/out" || fail "show does not mention the longer period: $(cat "$T/out")"
  # Reasons found unreasonable instead: not processed, (五)4.
  expect_exit 0 disclose draft "$id" --outcome not_processed.excessive --as li --on 2024-03-12
}

# Art. 35: no reasons in the window (default 15 working days from Mon 03-04:
# #15 03-25) are no reasonable reasons. The worker's lapse ends the request
# as not processed, which the annual report counts in row (五)4, and a late
# explanation is refused.
t_reasons_never_given_lapse_into_not_processed() {
  export DISCLOSE_TODAY=2024-03-04
  _st_cast
  local id
  id="$(_st_request 2024-03-01)"
  expect_exit 0 disclose require-reasons "$id" --note 请说明申请用途 --as boss --on 2024-03-04
  expect_exit 0 disclose show "$id" --json
  expect_eq "$(json .hold.lapses_on)" 2024-03-25 "the default window"
  export DISCLOSE_TODAY=2024-03-26
  expect_exit 0 disclosed --once
  expect_exit 0 disclose show "$id" --json
  expect_eq "$(json .state)" withdrawn state
  expect_eq "$(json .outcome)" not_processed.excessive outcome
  expect_eq "$(json -c '[.events[-1] | .action, .on]')" '["lapse","2024-03-25"]' "the lapse, on its day"
  h_expect_error 6 conflict state disclose reasons-received "$id" --as li --on 2024-03-26
  # verify reconstructs the same outcome from the history.
  expect_exit 0 disclose verify
  export DISCLOSE_TODAY=2025-01-15
  expect_exit 0 disclose-stats annual-report --year 2024 --as admin
  expect_eq "$(json '.applications.rows["not_processed.excessive"][0]')" 1 "(五)4, natural persons"
  expect_eq "$(json '.applications.rows["not_processed.excessive"][6]')" 1 "(五)4, in all"
}

# Art. 35's demand belongs to the answer period like any pause (no rescue
# of a late request) and gives a reasonable window.
t_reasons_demand_within_the_period_and_a_reasonable_window() {
  export DISCLOSE_TODAY=2024-04-01
  _st_cast
  local id
  id="$(_st_request 2024-03-01)" # due 03-29
  h_expect_error 7 statutory on disclose require-reasons "$id" --note 请说明申请用途 --as boss --on 2024-04-01
  h_expect_error 3 invalid reply-within disclose require-reasons "$id" --note 请说明申请用途 --reply-within 3 --as boss --on 2024-03-29
  h_expect_error 2 usage "" disclose require-reasons "$id" --as boss --on 2024-03-29
  h_expect_error 6 conflict hold disclose reasons-received "$id" --as li --on 2024-03-29
  h_expect_error 7 statutory outcome disclose draft "$id" --outcome not_processed.excessive --as li --on 2024-03-29
}

# Art. 30's 合理的补正期限 is the agency's setting (an admin's): 15 working
# days unless set, 5–60. A notice that names no window gives the agency's:
# set to 10, a notice of Mon 03-04 lapses on #10 03-18, and so does a
# demand for reasons; a window named in the notice still wins.
t_the_agency_sets_the_applicant_s_default_window() {
  export DISCLOSE_TODAY=2024-03-04
  _st_cast
  local a b c
  h_expect_error 3 invalid supplement-reply-within disclose agency set default --supplement-reply-within 4 --as admin
  h_expect_error 2 usage "" disclose agency set default --supplement-reply-within 10 --backdate-workdays 5 --as admin
  h_expect_error 5 forbidden "" disclose agency set default --supplement-reply-within 10 --as boss
  h_expect_error 4 not_found code disclose agency set nowhere --supplement-reply-within 10 --as admin
  a="$(_st_request 2024-03-01)"
  expect_exit 0 disclose request-supplement "$a" --note 请写明文件名称 --as li --on 2024-03-04
  expect_exit 0 disclose show "$a" --json
  expect_eq "$(json .hold.lapses_on)" 2024-03-25 "15 working days unless set"

  expect_exit 0 disclose agency set default --supplement-reply-within 10 --as admin --json
  expect_eq "$(json .supplement_reply_days)" 10 "the agency's window"
  b="$(_st_request 2024-03-01)"
  c="$(_st_request 2024-03-01)"
  expect_exit 0 disclose request-supplement "$b" --note 请写明文件名称 --as li --on 2024-03-04
  expect_exit 0 disclose show "$b" --json
  expect_eq "$(json .hold.lapses_on)" 2024-03-18 "the supplement window is the agency's"
  expect_eq "$(json '.events[-1].data.days')" 10 "the notice records the window it gave"
  expect_exit 0 disclose require-reasons "$c" --note 请说明申请用途 --as boss --on 2024-03-04
  expect_exit 0 disclose show "$c" --json
  expect_eq "$(json .hold.lapses_on)" 2024-03-18 "so is the window for reasons"
  local d
  d="$(_st_request 2024-03-01)"
  expect_exit 0 disclose request-supplement "$d" --note 请写明文件名称 --reply-within 20 --as li --on 2024-03-04
  expect_exit 0 disclose show "$d" --json
  expect_eq "$(json .hold.lapses_on)" 2024-04-01 "a window named in the notice wins"
}
