# shellcheck shell=bash
# tests/integration/test_lifecycle.sh — a request's life through the CLI
# (CONTRACT §3–§6): the happy path step by step, four-eyes, rejection,
# publication rules, withdrawal, errors that write nothing, appeals, list
# filters and the Chinese locale.

# shellcheck source=tests/integration/fixtures/helpers.sh
source "$(dirname "${BASH_SOURCE[0]}")/fixtures/helpers.sh"

FULL_ID=11010519491231002X
MASKED_ID='110105********002X'

# _lc_check ID STATE ASSIGNEE OUTCOME ANSWERED CLOSED URL NEVENTS ACTION ACTOR ON
# — show --json agrees with every argument ("null" for JSON null), the
# identity number is masked and the full number appears nowhere.
_lc_check() {
  local id="$1"
  expect_exit 0 disclose show "$id" --json
  expect_eq "$(json .id)" "$id" "id"
  expect_eq "$(json .state)" "$2" "state"
  expect_eq "$(json .assignee)" "$3" "assignee"
  expect_eq "$(json .outcome)" "$4" "outcome"
  expect_eq "$(json .answered_on)" "$5" "answered_on"
  expect_eq "$(json .closed_on)" "$6" "closed_on"
  expect_eq "$(json .published_url)" "$7" "published_url"
  expect_eq "$(json '.events | length')" "$8" "number of events"
  expect_eq "$(json '.events[-1].action')" "$9" "last event's action"
  expect_eq "$(json '.events[-1].actor')" "${10}" "last event's actor"
  expect_eq "$(json '.events[-1].on')" "${11}" "last event's date"
  expect_eq "$(json '.events[-1].state')" "$2" "last event's state"
  expect_eq "$(json '[.events[].seq] == [range(1; (.events | length) + 1)]')" true "event seqs 1..n"
  expect_eq "$(json .applicant.id_number)" "$MASKED_ID" "masked identity number"
  expect_eq "$(json .applicant.type)" natural_person "applicant type"
  expect_eq "$(json .received_on)" 2023-03-01 "received_on"
  expect_eq "$(json .channel)" online "channel"
  if grep -Fq "$FULL_ID" "$T/out"; then
    fail "show --json leaks the full identity number"
  fi
  expect_exit 0 disclose show "$id"
  if grep -Fq "$FULL_ID" "$T/out"; then
    fail "show leaks the full identity number"
  fi
}

t_full_lifecycle() {
  export DISCLOSE_TODAY=2023-03-15
  h_staff
  local id url=https://example.gov.cn/x
  expect_exit 0 disclose submit "$FIXTURES/request_natural_person.json" --as clerk1 --on 2023-03-01 --json
  id="$(json .id)"
  [[ "$id" =~ ^[1-9][0-9]*$ ]] || fail "submit --json gave no id: $id"
  expect_eq "$(json .state)" received "submit --json state"
  expect_eq "$(json .applicant.id_number)" "$MASKED_ID" "submit --json mask"
  if grep -Fq "$FULL_ID" "$T/out"; then fail "submit --json leaks the identity number"; fi
  _lc_check "$id" received null null null null null 1 submit clerk1 2023-03-01
  expect_exit 0 disclose show "$id" --json
  expect_eq "$(json '.events[0].data.applicant.id_number')" "$MASKED_ID" "submit event payload mask"

  expect_exit 0 disclose assign "$id" --to li --as clerk1 --on 2023-03-02 --json
  expect_eq "$(json .state)" assigned "assign --json prints the show object"
  _lc_check "$id" assigned li null null null null 2 assign clerk1 2023-03-02

  expect_exit 0 disclose draft "$id" --outcome disclosed --text "$FIXTURES/draft_text.txt" --as li --on 2023-03-03
  _lc_check "$id" drafted li disclosed null null null 3 draft li 2023-03-03
  expect_exit 0 disclose show "$id" --json
  expect_eq "$(json '.events[-1].data.text')" "$(cat "$FIXTURES/draft_text.txt")" "draft text kept in the event"

  expect_exit 0 disclose review "$id" --approve --as wang --on 2023-03-06
  _lc_check "$id" reviewed li disclosed null null null 4 review wang 2023-03-06

  expect_exit 0 disclose answer "$id" --channel email --as clerk1 --on 2023-03-07
  _lc_check "$id" answered li disclosed 2023-03-07 2023-03-07 null 5 answer clerk1 2023-03-07
  expect_exit 0 disclose show "$id" --json
  expect_eq "$(json -r '.events[-1].data.channel')" email "the answer's channel (intake's, or e-mail)"

  expect_exit 0 disclose publish "$id" --url "$url" --as clerk1 --on 2023-03-08
  _lc_check "$id" published li disclosed 2023-03-07 2023-03-07 "$url" 6 publish clerk1 2023-03-08

  # The history matches the steps, in order, in the database too.
  expect_eq "$(sql "select string_agg(action || '/' || state || '/' || actor, ' ' order by seq) from request_events where request_id = $id")" \
    "submit/received/clerk1 assign/assigned/clerk1 draft/drafted/li review/reviewed/wang answer/answered/clerk1 publish/published/clerk1"
  expect_eq "$(sql "select version from requests where id = $id")" 6 "version = last seq"
  # Published is terminal for further actions.
  h_expect_error 6 conflict "" disclose publish "$id" --url "$url" --as clerk1
}

t_four_eyes() {
  export DISCLOSE_TODAY=2023-03-15
  h_staff
  expect_exit 0 disclose staff add chen --name 陈七 --role handler --role reviewer --as admin
  local id
  id="$(h_submit)"
  expect_exit 0 disclose assign "$id" --to chen --as clerk1
  expect_exit 0 disclose draft "$id" --outcome disclosed --as chen
  h_expect_error 5 forbidden "" disclose review "$id" --approve --as chen
  h_expect_error 5 forbidden "" disclose review "$id" --reject --comment 自审 --as chen
  expect_eq "$(h_state "$id")" drafted
  # A plain handler may not review at all; another reviewer may.
  h_expect_error 5 forbidden "" disclose review "$id" --approve --as li
  expect_exit 0 disclose review "$id" --approve --as wang
  expect_eq "$(h_state "$id")" reviewed
}

t_reject_returns_to_assigned() {
  export DISCLOSE_TODAY=2023-03-15
  h_staff
  local id
  id="$(h_submit)"
  h_to drafted "$id"
  h_expect_error 3 invalid comment disclose review "$id" --reject --as wang
  expect_exit 0 disclose review "$id" --reject --comment "依据不足，请补充" --as wang --on 2023-03-06
  expect_exit 0 disclose show "$id" --json
  expect_eq "$(json .state)" assigned
  expect_eq "$(json .outcome)" null
  expect_eq "$(json .assignee)" li
  expect_eq "$(json '.events[-1].action')" review
  expect_eq "$(json '.events[-1].state')" assigned
  expect_eq "$(json '.events[-1].data.comment')" "依据不足，请补充"
  # Back in assigned: the handler drafts again, and may be reviewed again.
  h_expect_error 6 conflict "" disclose answer "$id" --as clerk1
  expect_exit 0 disclose draft "$id" --outcome partially_disclosed --as li
  expect_exit 0 disclose review "$id" --approve --as wang
  expect_exit 0 disclose show "$id" --json
  expect_eq "$(json .state)" reviewed
  expect_eq "$(json .outcome)" partially_disclosed
}

t_publish_only_disclosed() {
  export DISCLOSE_TODAY=2023-03-15
  h_staff
  local id
  id="$(h_submit)"
  OUTCOME=withheld.state_secret h_to answered "$id"
  expect_exit 0 disclose show "$id" --json
  expect_eq "$(json .outcome)" withheld.state_secret
  expect_eq "$(json .state)" answered
  h_expect_error 6 conflict "" disclose publish "$id" --url https://example.gov.cn/x --as clerk1
  expect_eq "$(h_state "$id")" answered
  # partially_disclosed may be published.
  local id2
  id2="$(h_submit)"
  OUTCOME=partially_disclosed h_to answered "$id2"
  expect_exit 0 disclose publish "$id2" --url https://example.gov.cn/y --as clerk1
  expect_eq "$(h_state "$id2")" published
  # Publishing before the answer is a conflict too.
  local id3
  id3="$(h_submit)"
  h_to reviewed "$id3"
  h_expect_error 6 conflict "" disclose publish "$id3" --url https://example.gov.cn/z --as clerk1
  # A bad URL is invalid input.
  h_expect_error 3 invalid url disclose publish "$id2" --url 'ftp://x y' --as clerk1
}

t_withdraw_terminal() {
  export DISCLOSE_TODAY=2023-03-15
  h_staff
  local id
  id="$(h_submit)"
  expect_exit 0 disclose withdraw "$id" --reason applicant --as clerk1 --on 2023-03-05
  expect_exit 0 disclose show "$id" --json
  expect_eq "$(json .state)" withdrawn
  expect_eq "$(json .outcome)" other.other
  expect_eq "$(json .closed_on)" 2023-03-05
  expect_eq "$(json .answered_on)" null
  expect_eq "$(json '.events[-1].action')" withdraw
  h_expect_error 6 conflict "" disclose assign "$id" --to li --as clerk1
  h_expect_error 6 conflict "" disclose withdraw "$id" --as clerk1
  h_expect_error 6 conflict "" disclose answer "$id" --as clerk1
  # A handler may not withdraw; only "applicant" is a reason staff give.
  local id2
  id2="$(h_submit)"
  h_expect_error 5 forbidden "" disclose withdraw "$id2" --as li
  h_expect_error 3 invalid reason disclose withdraw "$id2" --reason lapsed --as clerk1
}

t_errors_write_nothing() {
  export DISCLOSE_TODAY=2023-03-15
  h_staff
  local id
  id="$(h_submit)"
  expect_exit 0 disclose assign "$id" --to li --as clerk1 --on 2023-03-10
  local other rev
  other="$(h_submit)"
  rev="$(h_submit)"
  h_to reviewed "$rev"
  h_expect_error 4 not_found id disclose assign 999999 --to li --as clerk1
  h_expect_error 4 not_found id disclose show 999999
  h_expect_error 4 not_found nobody disclose assign "$other" --to li --as nobody
  h_expect_error 4 not_found nobody disclose assign "$other" --to nobody --as clerk1
  # A handler may not answer, even in the state where answering is allowed.
  h_expect_error 5 forbidden "" disclose answer "$rev" --as li
  h_expect_error 6 conflict "" disclose answer "$other" --as clerk1
  h_expect_error 3 invalid on disclose assign "$other" --to li --as clerk1 --on 2023-03-16
  h_expect_error 3 invalid on disclose draft "$id" --outcome disclosed --as li --on 2023-03-09
  h_expect_error 3 invalid on disclose assign "$other" --to li --as clerk1 --on 2023-02-30
  h_expect_error 2 usage frobnicate disclose frobnicate "$id" --as clerk1
  h_expect_error 2 usage --bogus disclose assign "$id" --to li --bogus --as clerk1
  h_expect_error 2 usage "" disclose assign "$id" --as clerk1
  h_expect_error 2 usage "" disclose assign --to li --as clerk1
  h_expect_error 3 invalid outcome disclose draft "$id" --outcome granted --as li
  h_expect_error 3 invalid id disclose show abc
  # No actor at all.
  h_expect_error 3 invalid actor disclose assign "$other" --to li
  expect_eq "$(h_state "$id")" assigned
  expect_eq "$(h_state "$other")" received
}

t_appeals() {
  export DISCLOSE_TODAY=2023-03-15
  h_staff
  local id aid
  id="$(h_submit)"
  OUTCOME=withheld.internal_affairs h_to answered "$id"
  expect_exit 0 disclose appeal "$id" --kind reconsideration --as clerk1 --on 2023-03-10 --json
  aid="$(json .id)"
  [[ "$aid" =~ ^[1-9][0-9]*$ ]] || fail "appeal --json gave no id"
  expect_eq "$(json .request_id)" "$id"
  expect_eq "$(json .kind)" reconsideration
  expect_eq "$(json .filed_on)" 2023-03-10
  expect_eq "$(json .result)" null
  expect_eq "$(json .decided_on)" null
  expect_exit 0 disclose show "$id" --json
  expect_eq "$(json '.events[-1].action')" appeal
  expect_eq "$(json .state)" answered "an appeal does not change the state"
  expect_exit 0 disclose appeal-decided "$aid" --result upheld --as clerk1 --on 2023-03-14 --json
  expect_eq "$(json .id)" "$aid"
  expect_eq "$(json .result)" upheld
  expect_eq "$(json .decided_on)" 2023-03-14
  expect_eq "$(sql "select result || ' ' || decided_on from appeals where id = $aid")" "upheld 2023-03-14"
  h_expect_error 6 conflict "" disclose appeal-decided "$aid" --result corrected --as clerk1
  h_expect_error 3 invalid kind disclose appeal "$id" --kind complaint --as clerk1
  h_expect_error 3 invalid result disclose appeal-decided "$aid" --result maybe --as clerk1
  h_expect_error 4 not_found "" disclose appeal-decided 999999 --result upheld --as clerk1
  h_expect_error 4 not_found "" disclose appeal 999999 --kind reconsideration --as clerk1
  expect_eq "$(count_rows appeals)" 1
  # Filed with its result at once.
  expect_exit 0 disclose appeal "$id" --kind litigation_direct --result corrected --as clerk1 --json
  expect_eq "$(json .result)" corrected
  expect_eq "$(json .decided_on)" 2023-03-15
}

t_list_filters() {
  export DISCLOSE_TODAY=2023-03-15
  h_staff
  local r1 a1 a2 d1 w1
  r1="$(h_submit)"
  a1="$(h_submit)"
  expect_exit 0 disclose assign "$a1" --to li --as clerk1
  a2="$(h_submit)"
  expect_exit 0 disclose assign "$a2" --to zhao --as clerk1
  d1="$(h_submit)"
  h_to drafted "$d1"
  w1="$(h_submit)"
  expect_exit 0 disclose withdraw "$w1" --as clerk1

  expect_exit 0 disclose list --json
  expect_eq "$(json -c '[.[].id]')" "[$r1,$a1,$a2,$d1,$w1]" "list all"
  expect_eq "$(json '[.[] | has("events")] | any')" false "list objects carry no events"
  expect_eq "$(json '[.[] | .applicant.id_number] | unique | join(",")')" "$MASKED_ID"
  if grep -Fq "$FULL_ID" "$T/out"; then fail "list --json leaks the identity number"; fi

  expect_exit 0 disclose list --state assigned --json
  expect_eq "$(json -c '[.[].id]')" "[$a1,$a2]" "list --state assigned"
  expect_eq "$(json '[.[].state] | unique | join(",")')" assigned
  expect_exit 0 disclose list --assignee li --json
  expect_eq "$(json -c '[.[].id]')" "[$a1,$d1]" "list --assignee li"
  expect_exit 0 disclose list --state assigned --assignee zhao --json
  expect_eq "$(json -c '[.[].id]')" "[$a2]" "both filters"
  expect_exit 0 disclose list --state withdrawn --json
  expect_eq "$(json -c '[.[].id]')" "[$w1]"
  expect_exit 0 disclose list --state published --json
  expect_eq "$(json -c '.')" "[]"
  expect_exit 0 disclose list --assignee nobody --json
  expect_eq "$(json -c '.')" "[]"
  h_expect_error 3 invalid state disclose list --state sleeping --json
  expect_exit 0 disclose list
  if grep -Fq "$FULL_ID" "$T/out"; then fail "list leaks the identity number"; fi
}

# JSON, exit codes and error kinds ignore the locale; messages follow it.
t_locale_chinese() {
  export DISCLOSE_TODAY=2023-03-15
  h_staff
  local id
  id="$(h_submit)"
  h_to drafted "$id"

  expect_exit 0 disclose show "$id" --json
  jq -S 'del(.events[].at)' "$T/out" >"$T/en.json"
  LANG=zh_CN.UTF-8 expect_exit 0 disclose show "$id" --json
  jq -S 'del(.events[].at)' "$T/out" >"$T/zh.json"
  cmp -s "$T/en.json" "$T/zh.json" || fail "show --json differs by locale: $(diff "$T/en.json" "$T/zh.json")"
  expect_exit 0 disclose list --json
  cp "$T/out" "$T/list-en.json"
  LC_ALL=zh_CN.UTF-8 expect_exit 0 disclose list --json
  cmp -s "$T/out" "$T/list-en.json" || fail "list --json differs by locale"

  # The same error: same exit code and kind, a Chinese message.
  local before
  before="$(db_fingerprint)"
  expect_exit 4 disclose assign 999999 --to li --as clerk1
  expect_match "$(cat "$T/err")" '^disclose: not_found: '
  if grep -qP '[\x{4e00}-\x{9fff}]' "$T/err"; then fail "English error message holds Chinese: $(cat "$T/err")"; fi
  LANG=zh_CN.UTF-8 expect_exit 4 disclose assign 999999 --to li --as clerk1
  expect_match "$(cat "$T/err")" '^disclose: not_found: '
  grep -qP '[\x{4e00}-\x{9fff}]' "$T/err" || fail "no Chinese in the zh_CN error: $(cat "$T/err")"
  LANG=zh_CN.UTF-8 expect_exit 6 disclose answer "$id" --as clerk1
  expect_match "$(cat "$T/err")" '^disclose: conflict: '
  grep -qP '[\x{4e00}-\x{9fff}]' "$T/err" || fail "no Chinese in the zh_CN conflict: $(cat "$T/err")"
  LANG=zh_CN.UTF-8 expect_exit 2 disclose frobnicate
  expect_match "$(cat "$T/err")" '^disclose: usage: '
  grep -qP '[\x{4e00}-\x{9fff}]' "$T/err" || fail "no Chinese in the zh_CN usage error: $(cat "$T/err")"
  expect_eq "$(db_fingerprint)" "$before" "failed commands wrote"

  # A Chinese-locale action writes the same event as an English one.
  LANG=zh_CN.UTF-8 expect_exit 0 disclose review "$id" --approve --as wang --json
  expect_eq "$(json .state)" reviewed
  expect_eq "$(json '.events[-1].data.decision')" approve
}
