# shellcheck shell=bash
# tests/integration/test_outcomes.sh — outcomes that rest on another
# request (issue 12, point 4): not_processed.duplicate, row (五)2, answers
# a repeated application only by naming the same applicant's earlier
# request that was answered (条例 Art. 36(六); docs/statutes.md D32).
#
# Dates: March 2024 has no holiday (test_statutory.sh). The earlier
# request is received Fri 03-01 and answered Thu 03-07; the repeat is
# received Mon 03-11 and drafted Tue 03-12.

# shellcheck source=tests/integration/fixtures/helpers.sh
source "$(dirname "${BASH_SOURCE[0]}")/fixtures/helpers.sh"

# Two resident identity numbers with valid GB 11643 check characters.
ZS_ID=110101198001011232
OTHER_ID=310105197512034514

# _o_submit ID_NUMBER [DATE] [AGENCY] — clerk1 registers 张三's letter
# with that identity number ("" for none), received on DATE (default
# 2024-03-11) by AGENCY (default default); prints the new id.
_o_submit() { h_letter "${2:-2024-03-11}" 张三 "$1" "${3:-default}"; }

# _o_answered ID_NUMBER [HANDLER] — an application received 2024-03-01,
# handled by HANDLER (default li), disclosed and answered on 03-07;
# prints its id.
_o_answered() {
  local id
  id="$(_o_submit "$1" 2024-03-01)"
  expect_exit 0 disclose assign "$id" --to "${2:-li}" --as clerk1 --on 2024-03-01
  expect_exit 0 disclose draft "$id" --outcome disclosed --as "${2:-li}" --on 2024-03-05
  expect_exit 0 disclose review "$id" --approve --as wang --on 2024-03-06
  expect_exit 0 disclose answer "$id" --as clerk1 --on 2024-03-07
  printf '%s\n' "$id"
}

# _o_repeat ID_NUMBER — the repeat, received 2024-03-11 and assigned to li;
# prints its id.
_o_repeat() {
  local id
  id="$(_o_submit "$1")"
  expect_exit 0 disclose assign "$id" --to li --as clerk1 --on 2024-03-11
  printf '%s\n' "$id"
}

# _o_refused CODE KIND FIELD ID CMD... — h_expect_error (exit CODE, the
# field named, the database unchanged), and request ID's state, events
# and outcome are what they were, said outright. $T/err keeps the refusal.
_o_refused() {
  local code="$1" kind="$2" field="$3" id="$4" before
  shift 4
  expect_exit 0 disclose show "$id" --json
  before="$(json -c '[.state, (.events | length), .outcome]')"
  h_expect_error "$code" "$kind" "$field" "$@"
  cp "$T/err" "$T/refusal"
  expect_exit 0 disclose show "$id" --json
  expect_eq "$(json -c '[.state, (.events | length), .outcome]')" "$before" \
    "request $id after: $*"
  cp "$T/refusal" "$T/err"
}

# The same applicant's answered request: the draft is accepted and names
# it in its event, the answer goes through review like any other, and the
# annual report counts it in row (五)2.
t_duplicate_of_the_applicant_s_answered_request() {
  export DISCLOSE_TODAY=2024-03-15
  h_staff
  local earlier id
  earlier="$(_o_answered "$ZS_ID")"
  id="$(_o_repeat "$ZS_ID")"
  expect_exit 0 disclose draft "$id" --outcome not_processed.duplicate --duplicate-of "$earlier" --as li --on 2024-03-12
  expect_exit 0 disclose show "$id" --json
  expect_eq "$(json -c '.events[-1] | [.action, .data.outcome, .data.duplicate_of]')" \
    "[\"draft\",\"not_processed.duplicate\",$earlier]" "the draft names the earlier request"
  expect_exit 0 disclose review "$id" --approve --as wang --on 2024-03-13
  expect_exit 0 disclose answer "$id" --as clerk1 --on 2024-03-14
  expect_exit 0 disclose show "$id" --json
  expect_eq "$(json -c '[.state, .outcome]')" '["answered","not_processed.duplicate"]'
  # A published earlier request was answered too.
  expect_exit 0 disclose publish "$earlier" --url https://www.example.gov.cn/xxgk/1 --as clerk1 --on 2024-03-14
  id="$(_o_repeat "$ZS_ID")"
  expect_exit 0 disclose draft "$id" --outcome not_processed.duplicate --duplicate-of "$earlier" --as li --on 2024-03-15
  expect_exit 0 disclose verify

  export DISCLOSE_TODAY=2025-01-15
  expect_exit 0 disclose-stats annual-report --year 2024 --as admin
  expect_eq "$(json -c '.applications.rows["not_processed.duplicate"]')" '[1,0,0,0,0,0,1]' "row (五)2"
  expect_eq "$(json -c '.applications.rows.disclosed')" '[1,0,0,0,0,0,1]' "row (一)"
}

# Without --duplicate-of the outcome is refused: nothing says the
# applicant was answered before.
t_duplicate_without_the_earlier_request_is_refused() {
  export DISCLOSE_TODAY=2024-03-15
  h_staff
  local id
  _o_answered "$ZS_ID" >/dev/null
  id="$(_o_repeat "$ZS_ID")"
  _o_refused 7 statutory duplicate_of "$id" disclose draft "$id" --outcome not_processed.duplicate --as li --on 2024-03-12
  expect_match "$(cat "$T/err")" 'names the earlier request it repeats \(--duplicate-of N\).*Art\. 36\(六\)'
  LANG=zh_CN.UTF-8 _o_refused 7 statutory duplicate_of "$id" disclose draft "$id" --outcome not_processed.duplicate --as li --on 2024-03-12
  expect_match "$(cat "$T/err")" '^disclose: statutory: duplicate_of：not_processed.duplicate 须指明所重复的在先申请'
}

# A request that does not exist is not found (exit 4, CONTRACT §3: no such
# request); the request itself is no earlier request.
t_duplicate_of_nothing_or_of_itself_is_refused() {
  export DISCLOSE_TODAY=2024-03-15
  h_staff
  local id
  _o_answered "$ZS_ID" >/dev/null
  id="$(_o_repeat "$ZS_ID")"
  _o_refused 4 not_found duplicate_of "$id" disclose draft "$id" --outcome not_processed.duplicate --duplicate-of 9999 --as li --on 2024-03-12
  expect_match "$(cat "$T/err")" 'duplicate_of: no request 9999$'
  _o_refused 7 statutory duplicate_of "$id" disclose draft "$id" --outcome not_processed.duplicate --duplicate-of "$id" --as li --on 2024-03-12
  expect_match "$(cat "$T/err")" "request $id cannot repeat itself"
}

# Another applicant's answered request is not a repeat: another identity
# number, or the same one at another agency, or none.
t_duplicate_of_another_applicant_is_refused() {
  export DISCLOSE_TODAY=2024-03-15
  h_staff
  local other elsewhere anonymous id earlier
  other="$(_o_answered "$OTHER_ID")"
  anonymous="$(_o_answered "")"
  expect_exit 0 disclose agency add east --name 东区政府 --as admin
  elsewhere="$(_o_submit "$ZS_ID" 2024-03-01 east)"
  id="$(_o_repeat "$ZS_ID")"
  for earlier in "$other" "$elsewhere" "$anonymous"; do
    _o_refused 7 statutory duplicate_of "$id" disclose draft "$id" --outcome not_processed.duplicate --duplicate-of "$earlier" --as li --on 2024-03-12
    expect_match "$(cat "$T/err")" "request $earlier is not the same applicant's \(the same identity number, to the same agency\)"
  done
}

# 张三 without an identity number cannot be identified, so nothing shows
# that he applied before — not even his own name on an answered request
# (the same reading as the fee count, D14).
t_duplicate_without_an_identity_number_is_refused() {
  export DISCLOSE_TODAY=2024-03-15
  h_staff
  local anonymous named id earlier
  anonymous="$(_o_answered "")"
  named="$(_o_answered "$ZS_ID")"
  id="$(_o_repeat "")"
  for earlier in "$anonymous" "$named"; do
    _o_refused 7 statutory applicant.id_number "$id" disclose draft "$id" --outcome not_processed.duplicate --duplicate-of "$earlier" --as li --on 2024-03-12
    expect_match "$(cat "$T/err")" 'no identity number .* cannot be identified'
  done
}

# An earlier request not answered yet — under way, or withdrawn — is no
# answer to repeat. Nor is one answered only after the repeat came in (the
# article's order: 已作出答复, then 重复申请; two applications that cross
# are both answered); an application received after the answer may be
# declined as its repeat.
t_duplicate_of_an_unanswered_request_is_refused() {
  export DISCLOSE_TODAY=2024-03-15
  h_staff
  local earlier withdrawn id step
  earlier="$(_o_submit "$ZS_ID" 2024-03-01)"
  withdrawn="$(_o_submit "$ZS_ID" 2024-03-01)"
  expect_exit 0 disclose withdraw "$withdrawn" --as clerk1 --on 2024-03-04
  id="$(_o_repeat "$ZS_ID")"
  for step in "" assign draft review; do
    case "$step" in
      assign) expect_exit 0 disclose assign "$earlier" --to zhao --as clerk1 --on 2024-03-11 ;;
      draft) expect_exit 0 disclose draft "$earlier" --outcome disclosed --as zhao --on 2024-03-11 ;;
      review) expect_exit 0 disclose review "$earlier" --approve --as wang --on 2024-03-11 ;;
    esac
    _o_refused 7 statutory duplicate_of "$id" disclose draft "$id" --outcome not_processed.duplicate --duplicate-of "$earlier" --as li --on 2024-03-12
    expect_match "$(cat "$T/err")" "request $earlier had not been answered when this application was received"
  done
  _o_refused 7 statutory duplicate_of "$id" disclose draft "$id" --outcome not_processed.duplicate --duplicate-of "$withdrawn" --as li --on 2024-03-12
  expect_exit 0 disclose answer "$earlier" --as clerk1 --on 2024-03-12
  _o_refused 7 statutory duplicate_of "$id" disclose draft "$id" --outcome not_processed.duplicate --duplicate-of "$earlier" --as li --on 2024-03-13
  expect_match "$(cat "$T/err")" "had not been answered when this application was received"
  local later
  later="$(_o_submit "$ZS_ID" 2024-03-13)"
  expect_exit 0 disclose assign "$later" --to li --as clerk1 --on 2024-03-13
  expect_exit 0 disclose draft "$later" --outcome not_processed.duplicate --duplicate-of "$earlier" --as li --on 2024-03-13
}

# --duplicate-of belongs to a draft of not_processed.duplicate and is a
# positive id: anything else is invalid input, whatever the request.
t_duplicate_of_elsewhere_is_invalid() {
  export DISCLOSE_TODAY=2024-03-15
  h_staff
  local earlier id bad
  earlier="$(_o_answered "$ZS_ID")"
  id="$(_o_repeat "$ZS_ID")"
  _o_refused 3 invalid duplicate_of "$id" disclose draft "$id" --outcome disclosed --duplicate-of "$earlier" --as li --on 2024-03-12
  expect_match "$(cat "$T/err")" 'only a draft of not_processed.duplicate names the request it repeats, not disclosed$'
  _o_refused 3 invalid duplicate_of "$id" disclose draft "$id" --outcome not_processed.excessive --duplicate-of "$earlier" --as li --on 2024-03-12
  for bad in 0 -3 abc 12x ""; do
    _o_refused 3 invalid duplicate_of "$id" disclose draft "$id" --outcome not_processed.duplicate --duplicate-of "$bad" --as li --on 2024-03-12
  done
  _o_refused 3 invalid duplicate_of "$id" disclose request-supplement "$id" --note 请写明文件名称 --duplicate-of "$earlier" --as li --on 2024-03-12
  expect_match "$(cat "$T/err")" 'not request-supplement$'
  expect_exit 0 disclose draft "$id" --outcome not_processed.duplicate --duplicate-of "$earlier" --as li --on 2024-03-12
  _o_refused 3 invalid duplicate_of "$id" disclose review "$id" --approve --duplicate-of "$earlier" --as wang --on 2024-03-13
  _o_refused 3 invalid duplicate_of "$id" disclose withdraw "$id" --duplicate-of "$earlier" --as clerk1 --on 2024-03-13
}

# _o_as LOGIN — this case's database as LOGIN (test_identity.sh's _i_as).
_o_as() {
  printf '%s\n' "${DISCLOSE_DB/user=$DSC_TEST_PGUSER/user=$1}"
}

# li, connected as li, reads only the requests assigned to li; the earlier
# one was zhao's. The draft still finds it, through dsc_duplicate_of
# (migrations/0017), and that function tells li four booleans about a
# request li may read and nothing about one li may not.
t_a_handler_names_a_request_they_cannot_read() {
  h_staff
  # The server's business date (the backdating window counts from it).
  sql "INSERT INTO dsc_clock_override VALUES (true, '2024-03-12')
       ON CONFLICT (singleton) DO UPDATE SET today = EXCLUDED.today" >/dev/null
  export DISCLOSE_TODAY=2024-03-12
  local earlier stranger id
  earlier="$(_o_answered "$ZS_ID" zhao)"
  stranger="$(_o_answered "$OTHER_ID" zhao)"
  id="$(_o_repeat "$ZS_ID")"
  unset DISCLOSE_TODAY
  DISCLOSE_DB="$(_o_as li)" h_expect_error 4 not_found "" disclose show "$earlier"
  DISCLOSE_DB="$(_o_as li)" _o_refused 7 statutory duplicate_of "$id" disclose draft "$id" --outcome not_processed.duplicate --duplicate-of "$stranger" --on 2024-03-12
  DISCLOSE_DB="$(_o_as li)" expect_exit 0 disclose draft "$id" --outcome not_processed.duplicate --duplicate-of "$earlier" --on 2024-03-12
  DISCLOSE_DB="$(_o_as li)" expect_exit 0 disclose show "$id" --json
  expect_eq "$(json -c '.events[-1] | [.actor, .data.duplicate_of]')" "[\"li\",$earlier]"

  # What li can ask the function directly: about li's own request, the
  # four booleans (another applicant's request: not the same, and not
  # whether it was answered); about zhao's, nothing at all.
  probe() { psql -XAtq -v ON_ERROR_STOP=1 -d "$(_o_as li)" -c "SELECT * FROM dsc_duplicate_of($1, $2)" </dev/null; }
  expect_eq "$(probe "$id" "$earlier")" 't|t|t|t' "li's repeat of zhao's request"
  expect_eq "$(probe "$id" "$stranger")" 't|t|f|f' "another applicant's request"
  expect_eq "$(probe "$earlier" "$stranger")" '' "asked about zhao's request"
  expect_eq "$(probe "$stranger" "$earlier")" '' "asked about zhao's request"
  expect_eq "$(psql -XAtq -d "$(_o_as li)" -c "SELECT count(*) FROM requests WHERE id = $earlier" </dev/null)" 0 \
    "li still reads nothing of zhao's request"
  # Its result has these four columns and no other.
  expect_eq "$(sql "SELECT string_agg(p.parameter_name || ':' || p.data_type, ',' ORDER BY p.ordinal_position)
                      FROM information_schema.parameters p JOIN information_schema.routines r USING (specific_name)
                     WHERE r.routine_name = 'dsc_duplicate_of' AND p.parameter_mode = 'OUT'")" \
    'found:boolean,identified:boolean,same_applicant:boolean,answered:boolean'
}
