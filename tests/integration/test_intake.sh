# shellcheck shell=bash
# tests/integration/test_intake.sh — submission intake through the CLI
# (CONTRACT §5 "Submission JSON"): bad documents are refused with the
# field named and nothing written; the Art. 31 day of receipt derived from
# each channel's fact; idempotency keys; group commit under concurrent
# submitters.

# shellcheck source=tests/integration/fixtures/helpers.sh
source "$(dirname "${BASH_SOURCE[0]}")/fixtures/helpers.sh"

BASE_JSON="$FIXTURES/request_natural_person.json"

# _in_jq NAME FILTER — writes $T/bad/NAME.json: the valid fixture through
# the jq FILTER.
_in_jq() {
  jq "$2" "$BASE_JSON" >"$T/bad/$1.json" || fail "jq $2"
}

# _in_raw NAME PRINTF-FORMAT — writes $T/bad/NAME.json byte for byte.
_in_raw() {
  # shellcheck disable=SC2059 # the format carries the \x escapes on purpose
  printf "$2" >"$T/bad/$1.json"
}

t_bad_submissions() {
  export DISCLOSE_TODAY=2023-03-15
  h_staff
  mkdir -p "$T/bad"
  local minimal='{"channel":"online","applicant":{"type":"natural_person","name":"%s"},"description":"d"}'
  # name|exit|kind|field|as|on — one bad submission per line; its file is
  # built just below the table.
  local table="
missing_channel|3|invalid|channel|clerk1|
bad_channel|3|invalid|channel|clerk1|
channel_number|3|invalid|channel|clerk1|
bad_applicant_type|3|invalid|applicant.type|clerk1|
missing_applicant|3|invalid|applicant|clerk1|
missing_name|3|invalid|applicant.name|clerk1|
empty_name|3|invalid|applicant.name|clerk1|
missing_description|3|invalid|description|clerk1|
blank_description|3|invalid|description|clerk1|
long_description|3|invalid|description|clerk1|
bad_check_digit|3|invalid|applicant.id_number|clerk1|
short_id_number|3|invalid|applicant.id_number|clerk1|
feb_30|3|invalid|received_on|clerk1|
slashed_date|3|invalid|received_on|clerk1|
unknown_field|3|invalid|priority|clerk1|
unknown_applicant_field|3|invalid|applicant.age|clerk1|
null_phone|3|invalid|applicant.phone|clerk1|
bad_email|3|invalid|applicant.email|clerk1|
bad_form|3|invalid|form|clerk1|
duplicate_key|3|invalid|channel|clerk1|
invalid_utf8|3|invalid|(document)|clerk1|
trailing_garbage|3|invalid|(document)|clerk1|
not_an_object|3|invalid|(document)|clerk1|
empty_file|3|invalid|(document)|clerk1|
received_after_on|3|invalid|received_on|clerk1|2023-03-05
signed_on_online|3|invalid|signed_on|clerk1|
post_kind_online|3|invalid|post_kind|clerk1|
letter_without_kind|3|invalid|post_kind|clerk1|
kind_without_date|3|invalid|signed_on|clerk1|
bad_post_kind|3|invalid|post_kind|clerk1|
bad_confirmed_on|3|invalid|confirmed_on|clerk1|
signed_after_on|3|invalid|signed_on|clerk1|2023-03-05
confirmed_mismatch|3|invalid|received_on|clerk1|
unknown_agency|4|not_found|agency|clerk1|
actor_not_clerk|5|forbidden|role|li|
unknown_actor|4|not_found|ghost|ghost|
"
  _in_jq missing_channel 'del(.channel)'
  _in_jq bad_channel '.channel = "email"'
  _in_jq channel_number '.channel = 1'
  _in_jq bad_applicant_type '.applicant.type = "alien"'
  _in_jq missing_applicant 'del(.applicant)'
  _in_jq missing_name 'del(.applicant.name)'
  _in_jq empty_name '.applicant.name = ""'
  _in_jq missing_description 'del(.description)'
  _in_jq blank_description '.description = "  \u3000 "'
  _in_jq long_description '.description = ("政" * 5001)'
  _in_jq bad_check_digit '.applicant.id_number = "110105194912310021"'
  _in_jq short_id_number '.applicant.id_number = "11010519491231002"'
  _in_jq feb_30 '.received_on = "2023-02-30"'
  _in_jq slashed_date '.received_on = "2023/03/01"'
  _in_jq unknown_field '.priority = "high"'
  _in_jq unknown_applicant_field '.applicant.age = 30'
  _in_jq null_phone '.applicant.phone = null'
  _in_jq bad_email '.applicant.email = "zhangsan.example.cn"'
  _in_jq bad_form '.form = "scroll"'
  _in_raw duplicate_key '{"channel":"online","channel":"post","applicant":{"type":"natural_person","name":"a"},"description":"d"}'
  _in_raw invalid_utf8 "$(printf "$minimal" '\xff\xfe')"
  _in_raw trailing_garbage "$(printf "$minimal" 'a') x"
  _in_raw not_an_object '["online"]'
  _in_raw empty_file ''
  _in_jq received_after_on '.received_on = "2023-03-10"'
  _in_jq signed_on_online '.signed_on = "2023-03-01"'
  _in_jq post_kind_online '.post_kind = "registered"'
  _in_jq letter_without_kind '.channel = "post" | .signed_on = "2023-03-01"'
  _in_jq kind_without_date '.channel = "post" | .post_kind = "registered"'
  _in_jq bad_post_kind '.channel = "post" | .post_kind = "EMS"'
  _in_jq bad_confirmed_on '.confirmed_on = "2023-02-29"'
  _in_jq signed_after_on '.channel = "post" | .post_kind = "registered" | del(.received_on) | .signed_on = "2023-03-10"'
  _in_jq confirmed_mismatch '.confirmed_on = "2023-02-28"'
  _in_jq unknown_agency '.agency = "nosuch"'
  cp "$BASE_JSON" "$T/bad/actor_not_clerk.json"
  cp "$BASE_JSON" "$T/bad/unknown_actor.json"
  # The invalid UTF-8 case really holds the bytes.
  LC_ALL=C grep -q $'\xff' "$T/bad/invalid_utf8.json" || fail "invalid_utf8.json lacks the 0xff byte"

  local n=0 name code kind field as on
  while IFS='|' read -r name code kind field as on; do
    [[ -n "$name" ]] || continue
    [[ -f "$T/bad/$name.json" ]] || fail "no file for case $name"
    local -a cmd=(disclose submit "$T/bad/$name.json" --as "$as")
    [[ -z "$on" ]] || cmd+=(--on "$on")
    h_expect_error "$code" "$kind" "$field" "${cmd[@]}"
    # The same document on stdin is refused the same way.
    h_expect_error "$code" "$kind" "$field" "${cmd[@]/$T\/bad\/$name.json/-}" <"$T/bad/$name.json"
    n=$((n + 1))
  done <<<"$table"
  [[ $n -ge 15 ]] || fail "only $n bad submissions ran"
  expect_eq "$(count_rows requests)" 0 "requests after bad submissions"
  expect_eq "$(count_rows request_events)" 0 "events after bad submissions"
  # The good fixture itself is accepted, so the refusals above are about
  # what each case changed.
  h_submit >/dev/null
  expect_eq "$(count_rows requests)" 1
}

# _receipt NAME FILTER — writes $T/NAME.json: the fixture without its
# received_on, through the jq FILTER.
_receipt() {
  jq "del(.received_on) | $2" "$BASE_JSON" >"$T/$1.json" || fail "jq $2"
}

# Art. 31(二): a registered letter signed for on Monday 2023-03-06 and
# registered on Wednesday 03-08 is received on the Monday; the 20 working
# days (and the 7 for a supplement notice) count from the signing day, not
# from the registration. The facts stay in the submit event.
t_receipt_signed_for_post() {
  export DISCLOSE_TODAY=2023-03-15
  h_staff
  _receipt ems '.channel = "post" | .post_kind = "registered" | .signed_on = "2023-03-06"'
  expect_exit 0 disclose submit "$T/ems.json" --as clerk1 --on 2023-03-08 --json
  local id
  id="$(json .id)"
  expect_eq "$(json .channel)" post
  expect_eq "$(json .received_on)" 2023-03-06 "received_on = signed_on"
  expect_eq "$(json .clock_start)" 2023-03-06
  # 20 working days after Monday 03-06 (the day itself not counted): 04-03.
  # Counted from the registration day 03-08 it would be 04-06 (04-05 is
  # 清明节).
  expect_eq "$(json .due_on)" 2023-04-03 "due_on from the signing day"
  expect_eq "$(json .supplement_notice_due_on)" 2023-03-15
  expect_eq "$(json -c '.events[0].data | {received_on, post_kind, signed_on}')" \
    '{"received_on":"2023-03-06","post_kind":"registered","signed_on":"2023-03-06"}'
  expect_eq "$(json '.events[0].on')" 2023-03-08 "the event keeps the registration day"
  # What a court reads: the stored row and the stored event.
  expect_eq "$(sql "select received_on, due_on from requests where id = $id")" "2023-03-06|2023-04-03"
  expect_eq "$(sql "select payload->>'post_kind', payload->>'signed_on', payload->>'received_on', on_date from request_events where request_id = $id and seq = 1")" \
    "registered|2023-03-06|2023-03-06|2023-03-08"
  # show --json gives the same.
  expect_exit 0 disclose show "$id" --json
  expect_eq "$(json .due_on)" 2023-04-03
  expect_eq "$(json '.events[0].data.signed_on')" 2023-03-06

  # A received_on that contradicts the signing day is refused, naming it,
  # and nothing is written.
  jq '.received_on = "2023-03-08"' "$T/ems.json" >"$T/ems_mismatch.json"
  h_expect_error 3 invalid received_on disclose submit "$T/ems_mismatch.json" --as clerk1 --on 2023-03-08 --json
  grep -Fq 'signed_on (2023-03-06)' "$T/err" || fail "the refusal does not name the signing day: $(cat "$T/err")"
  expect_eq "$(count_rows requests)" 1
  expect_eq "$(count_rows request_events)" 1
  # received_on equal to the signing day is accepted.
  jq '.received_on = "2023-03-06"' "$T/ems.json" >"$T/ems_same.json"
  expect_exit 0 disclose submit "$T/ems_same.json" --as clerk1 --on 2023-03-08 --json
  expect_eq "$(json .received_on)" 2023-03-06
  # The record with its facts verifies (chain, snapshot, rules).
  expect_exit 0 disclose verify
}

# Each channel's fact through the CLI: the day of receipt, and the facts in
# the stored event. received_on alone (no fact) is still the day given.
t_receipt_by_channel() {
  export DISCLOSE_TODAY=2023-03-15
  h_staff
  _receipt hand '.channel = "in_person" | .handed_in_on = "2023-03-07"'
  _receipt letter '.channel = "post" | .post_kind = "ordinary" | .confirmed_on = "2023-03-09"'
  _receipt web '.confirmed_on = "2023-03-02"'
  _receipt fax '.channel = "fax" | .confirmed_on = "2023-03-10"'
  _receipt plain '.channel = "post" | .received_on = "2023-03-03"'
  local name want fact
  while read -r name want fact; do
    expect_exit 0 disclose submit "$T/$name.json" --as clerk1 --on 2023-03-10 --json
    expect_eq "$(json .received_on)" "$want" "$name: received_on"
    expect_eq "$(sql "select payload->>'$fact' from request_events where request_id = $(json .id) and seq = 1")" \
      "$want" "$name: $fact in the submit event"
  done <<'CASES'
hand 2023-03-07 handed_in_on
letter 2023-03-09 confirmed_on
web 2023-03-02 confirmed_on
fax 2023-03-10 confirmed_on
plain 2023-03-03 received_on
CASES
  expect_eq "$(sql "select count(*) from request_events where payload ? 'signed_on' or payload ? 'post_kind' and payload->>'channel' <> 'post'")" 0
  expect_eq "$(sql "select payload->>'post_kind' from request_events e join requests r on r.id = e.request_id where r.received_on = '2023-03-09'")" ordinary
  expect_eq "$(count_rows requests)" 5
}

t_idempotent_resubmission() {
  export DISCLOSE_TODAY=2023-03-15
  h_staff
  jq '.idempotency_key = "web-2023-0001"' "$BASE_JSON" >"$T/keyed.json"
  local first second third
  first="$(h_submit "$T/keyed.json")"
  second="$(h_submit "$T/keyed.json")"
  expect_eq "$second" "$first" "a replayed key returns the first id"
  expect_eq "$(count_rows requests)" 1
  expect_eq "$(count_rows request_events)" 1
  # --json on a replay shows the same request.
  expect_exit 0 disclose submit "$T/keyed.json" --as clerk1 --on 2023-03-01 --json
  expect_eq "$(json .id)" "$first"
  expect_eq "$(json '.events | length')" 1
  # A different key is a different request.
  jq '.idempotency_key = "web-2023-0002"' "$BASE_JSON" >"$T/keyed2.json"
  third="$(h_submit "$T/keyed2.json")"
  [[ "$third" != "$first" ]] || fail "a new key reused id $first"
  expect_eq "$(count_rows requests)" 2
  # Concurrent replays of one new key still make one request.
  jq '.idempotency_key = "web-2023-0003"' "$BASE_JSON" >"$T/keyed3.json"
  local i
  local -a pids=()
  for i in $(seq 1 8); do
    disclose submit "$T/keyed3.json" --as clerk1 --on 2023-03-01 >"$T/k3.$i.out" 2>"$T/k3.$i.err" &
    pids+=($!)
  done
  for i in "${!pids[@]}"; do
    wait "${pids[$i]}" || fail "concurrent replay $((i + 1)) failed: $(cat "$T/k3.$((i + 1)).err")"
  done
  expect_eq "$(cat "$T"/k3.*.out | sort -u | wc -l | tr -d ' ')" 1 "concurrent replays share one id"
  expect_eq "$(sql "select count(*) from requests where idempotency_key = 'web-2023-0003'")" 1
  expect_eq "$(count_rows requests)" 3
  expect_eq "$(count_rows request_events)" 3
}

t_group_commit() {
  export DISCLOSE_TODAY=2023-03-15
  h_staff
  local i
  local -a pids=()
  for i in $(seq 1 50); do
    jq --arg d "申请事项 $i" '.description = $d' "$BASE_JSON" >"$T/g.$i.json"
  done
  for i in $(seq 1 50); do
    disclose submit "$T/g.$i.json" --as clerk1 --on 2023-03-01 >"$T/g.$i.out" 2>"$T/g.$i.err" &
    pids+=($!)
  done
  local failed=0
  for i in "${!pids[@]}"; do
    if ! wait "${pids[$i]}"; then
      failed=$((failed + 1))
      echo "submit $((i + 1)): $(cat "$T/g.$((i + 1)).err")" >&2
    fi
  done
  expect_eq "$failed" 0 "failed concurrent submissions"
  cat "$T"/g.*.out >"$T/ids"
  expect_eq "$(grep -Ecv '^[1-9][0-9]*$' "$T/ids" || true)" 0 "every submit printed one id"
  expect_eq "$(wc -l <"$T/ids" | tr -d ' ')" 50 "ids printed"
  expect_eq "$(sort -u "$T/ids" | wc -l | tr -d ' ')" 50 "distinct ids"
  expect_eq "$(count_rows requests)" 50
  expect_eq "$(sql "select count(*) from request_events where action = 'submit' and seq = 1")" 50
  expect_eq "$(sql "select count(distinct description) from requests")" 50
  # Each printed id is the request holding that submission's description.
  for i in 1 25 50; do
    expect_eq "$(sql "select description from requests where id = $(cat "$T/g.$i.out")")" "申请事项 $i"
  done
}
