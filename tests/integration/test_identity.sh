# shellcheck shell=bash
# tests/integration/test_identity.sh — nobody acts under another's name
# (issue 11, migrations/0012). Each case is an attack a tester with a shell
# tried: it must be refused, or recorded as exactly what it was.
#
# Staff connect as their own database login: $DISCLOSE_DB with the user
# replaced. Logins are cluster-wide roles, so each case uses names of its
# own where it changes a login (disable), and the usual cast otherwise.

# shellcheck source=tests/integration/fixtures/helpers.sh
source "$(dirname "${BASH_SOURCE[0]}")/fixtures/helpers.sh"

# _i_as LOGIN — the conninfo of this case's database as LOGIN.
_i_as() { h_as "$1"; }

# _i_today DATE — the owner pins the server's business date (what
# DISCLOSE_TODAY is to the operator, dsc_clock_override is to everyone).
_i_today() {
  sql "INSERT INTO dsc_clock_override VALUES (true, '$1')
       ON CONFLICT (singleton) DO UPDATE SET today = EXCLUDED.today" >/dev/null
}


# _i_cast — the usual cast, a request drafted by li on 2026-03-16 (a
# Monday), and the server's date pinned there. Prints the id.
_i_cast() {
  _i_today 2026-03-16
  h_staff >/dev/null
  expect_exit 0 disclose submit "$FIXTURES/request_natural_person.json" --as clerk1 --on 2026-03-16
  local id
  id="$(cat "$T/out")"
  expect_exit 0 disclose assign "$id" --to li --as clerk1 --on 2026-03-16
  DISCLOSE_DB="$(_i_as li)" expect_exit 0 disclose draft "$id" --outcome disclosed --on 2026-03-16
  printf '%s\n' "$id"
}

t_a_staff_member_cannot_act_under_another_name() {
  local id
  id="$(_i_cast)"
  # li drafted; li tries to approve it as wang, and as li.
  DISCLOSE_DB="$(_i_as li)" h_expect_error 5 forbidden as disclose review "$id" --approve --as wang
  DISCLOSE_DB="$(_i_as li)" DISCLOSE_ACTOR=wang h_expect_error 5 forbidden as disclose review "$id" --approve
  DISCLOSE_DB="$(_i_as li)" h_expect_error 5 forbidden "" disclose review "$id" --approve
  # wang, connected as wang, may; the event names wang and no operator.
  DISCLOSE_DB="$(_i_as wang)" expect_exit 0 disclose review "$id" --approve
  expect_eq "$(sql "SELECT actor || ' ' || (payload ? 'operator') FROM request_events
                    WHERE request_id = $id AND action = 'review'")" "wang false"
  # A clerk cannot make an admin.
  DISCLOSE_DB="$(_i_as clerk1)" h_expect_error 5 forbidden "" disclose staff add mallory --name M --role admin
  DISCLOSE_DB="$(_i_as clerk1)" h_expect_error 5 forbidden as disclose staff add mallory --name M --role admin --as admin
}

t_forged_writes_through_the_database_are_refused() {
  local id before
  id="$(_i_cast)"
  before="$(db_fingerprint)"
  # The drafter appends a review by hand, through the table and through
  # the write function, as wang and as li.
  h_psql_refused li "INSERT INTO request_events (request_id, seq, action, state, actor, on_date) VALUES ($id, 4, 'review', 'reviewed', 'wang', '2026-03-16')"
  h_psql_refused li "SELECT dsc_w_transition_many(ARRAY[$id]::bigint[], ARRAY[3], ARRAY['reviewed'], ARRAY[NULL]::text[], ARRAY[NULL]::date[], ARRAY[NULL]::date[], ARRAY['li'], ARRAY['li'], ARRAY['disclosed'], ARRAY[NULL]::date[], ARRAY[NULL]::date[], ARRAY[NULL]::text[], ARRAY['review'], ARRAY['wang'], ARRAY['2026-03-16']::date[], ARRAY['{}']::jsonb[], ARRAY['2026-03-16']::date[], ARRAY['2026-04-14']::date[], ARRAY[0], ARRAY[0], ARRAY[NULL]::date[], ARRAY[1]::bigint[], ARRAY[NULL]::bigint[], ARRAY[NULL]::date[], ARRAY[0]::smallint[])"
  h_psql_refused li "SELECT dsc_w_transition_many(ARRAY[$id]::bigint[], ARRAY[3], ARRAY['reviewed'], ARRAY[NULL]::text[], ARRAY[NULL]::date[], ARRAY[NULL]::date[], ARRAY['li'], ARRAY['li'], ARRAY['disclosed'], ARRAY[NULL]::date[], ARRAY[NULL]::date[], ARRAY[NULL]::text[], ARRAY['review'], ARRAY['li'], ARRAY['2026-03-16']::date[], ARRAY['{}']::jsonb[], ARRAY['2026-03-16']::date[], ARRAY['2026-04-14']::date[], ARRAY[0], ARRAY[0], ARRAY[NULL]::date[], ARRAY[1]::bigint[], ARRAY[NULL]::bigint[], ARRAY[NULL]::date[], ARRAY[0]::smallint[])"
  # A reviewer (wang) may not skip review into `answered`, nor rewrite who
  # applied: the transition table and the application's columns.
  h_psql_refused wang "SELECT dsc_w_transition_many(ARRAY[$id]::bigint[], ARRAY[3], ARRAY['answered'], ARRAY[NULL]::text[], ARRAY[NULL]::date[], ARRAY[NULL]::date[], ARRAY['li'], ARRAY['li'], ARRAY['disclosed'], ARRAY['2026-03-16']::date[], ARRAY['2026-03-16']::date[], ARRAY[NULL]::text[], ARRAY['review'], ARRAY['wang'], ARRAY['2026-03-16']::date[], ARRAY['{}']::jsonb[], ARRAY['2026-03-16']::date[], ARRAY['2026-04-14']::date[], ARRAY[0], ARRAY[0], ARRAY[NULL]::date[], ARRAY[1]::bigint[], ARRAY[NULL]::bigint[], ARRAY[NULL]::date[], ARRAY[0]::smallint[])"
  h_psql_refused li "UPDATE requests SET applicant_type = 'commercial', applicant_id_number = NULL WHERE id = $id"
  h_psql_refused li "INSERT INTO staff VALUES ('mallory', 'M', '{admin}')"
  h_psql_refused li "DELETE FROM calendar_days"
  h_psql_refused li "INSERT INTO dsc_dash_delta (n) VALUES (1)"
  h_psql_refused li "COPY (SELECT 1) TO PROGRAM 'id'"
  h_psql_refused li "SELECT dsc_w_staff_add('mallory', 'M', ARRAY['admin'], 'li')"
  h_psql_refused li "SELECT dsc_w_staff_add('mallory', 'M', ARRAY['admin'], 'admin')"
  h_psql_refused li "INSERT INTO dsc_clock_override VALUES (true, '2026-03-01')"
  expect_eq "$(db_fingerprint)" "$before" "nothing written by the attempts"
  expect_exit 0 disclose verify
}

t_the_daemon_role_records_only_system_actions() {
  local id engine="dsc_engine_$$_$RANDOM"
  id="$(_i_cast)"
  sql "CREATE ROLE $engine LOGIN IN ROLE disclose_app" >/dev/null
  DISCLOSE_DB="$(_i_as "$engine")" h_expect_error 5 forbidden as disclose review "$id" --approve --as wang
  h_psql_refused "$engine" "INSERT INTO staff VALUES ('mallory', 'M', '{admin}')"
  h_psql_refused "$engine" "DELETE FROM calendar_days"
  h_psql_refused "$engine" "UPDATE requests SET applicant_type = 'commercial' WHERE id = $id"
  h_psql_refused "$engine" "INSERT INTO request_events (request_id, seq, action, state, actor, on_date) VALUES ($id, 4, 'review', 'reviewed', 'wang', '2026-03-16')"
  h_psql_refused "$engine" "SELECT dsc_w_agency_add('x', 'X', 'admin')"
  h_psql_refused "$engine" "SELECT dsc_w_transition_many(ARRAY[$id]::bigint[], ARRAY[3], ARRAY['reviewed'], ARRAY[NULL]::text[], ARRAY[NULL]::date[], ARRAY[NULL]::date[], ARRAY['li'], ARRAY['li'], ARRAY['disclosed'], ARRAY[NULL]::date[], ARRAY[NULL]::date[], ARRAY[NULL]::text[], ARRAY['review'], ARRAY['wang'], ARRAY['2026-03-16']::date[], ARRAY['{}']::jsonb[], ARRAY['2026-03-16']::date[], ARRAY['2026-04-14']::date[], ARRAY[0], ARRAY[0], ARRAY[NULL]::date[], ARRAY[1]::bigint[], ARRAY[NULL]::bigint[], ARRAY[NULL]::date[], ARRAY[0]::smallint[])"
  # Its own work goes through: a worker pass and a dashboard.
  DISCLOSE_DB="$(_i_as "$engine")" expect_exit 0 disclosed --once
  DISCLOSE_DB="$(_i_as "$engine")" expect_exit 0 disclose-stats dashboard --json
}

t_backdating_beyond_the_window_needs_a_supervisor_and_a_reason() {
  local id old
  id="$(_i_cast)"
  expect_exit 0 disclose staff add boss --name 主任 --role supervisor --as admin
  DISCLOSE_DB="$(_i_as wang)" expect_exit 0 disclose review "$id" --approve
  # The business date is the server's (2026-03-16, a Monday), not the
  # caller's: a staff member cannot pin today, nor act tomorrow.
  DISCLOSE_DB="$(_i_as clerk1)" h_expect_error 5 forbidden DISCLOSE_TODAY env DISCLOSE_TODAY=2026-03-10 disclose answer "$id"
  DISCLOSE_DB="$(_i_as clerk1)" h_expect_error 3 invalid on disclose answer "$id" --on 2026-03-17
  # Submissions three working days back (2026-03-11) pass; four
  # (2026-03-10) are refused.
  DISCLOSE_DB="$(_i_as clerk1)" expect_exit 0 disclose submit "$FIXTURES/request_natural_person.json" --on 2026-03-11
  DISCLOSE_DB="$(_i_as clerk1)" h_expect_error 5 forbidden on disclose submit "$FIXTURES/request_natural_person.json" --on 2026-03-10
  # The operator registers an old application (exempt, and marked); a
  # supervisor records its withdrawal seven working days back only with a
  # reason, which the event keeps; a clerk cannot, reason or not.
  expect_exit 0 disclose submit "$FIXTURES/request_natural_person.json" --as clerk1 --on 2026-03-02
  old="$(cat "$T/out")"
  expect_eq "$(sql "SELECT payload->>'operator' FROM request_events WHERE request_id = $old")" "$DSC_TEST_PGUSER"
  DISCLOSE_DB="$(_i_as clerk1)" h_expect_error 5 forbidden on disclose withdraw "$old" --on 2026-03-05 --backdate-reason "电话撤回"
  DISCLOSE_DB="$(_i_as boss)" h_expect_error 5 forbidden on disclose withdraw "$old" --on 2026-03-05
  DISCLOSE_DB="$(_i_as boss)" expect_exit 0 disclose withdraw "$old" --on 2026-03-05 --backdate-reason "申请人当日电话撤回，补录"
  expect_eq "$(sql "SELECT actor || ' ' || (payload->>'backdate_reason') || ' ' || (payload ? 'operator') FROM request_events WHERE request_id = $old AND action = 'withdraw'")" "boss 申请人当日电话撤回，补录 false"
  # The window is the agency's setting, an admin's to change.
  DISCLOSE_DB="$(_i_as clerk1)" h_expect_error 5 forbidden "" disclose agency set default --backdate-workdays 10
  h_expect_error 3 invalid backdate-workdays disclose agency set default --backdate-workdays 61 --as admin
  h_expect_error 4 not_found code disclose agency set nowhere --backdate-workdays 10 --as admin
  expect_exit 0 disclose agency set default --backdate-workdays 10 --as admin --json
  expect_eq "$(json .backdate_workdays)" 10
  DISCLOSE_DB="$(_i_as clerk1)" expect_exit 0 disclose submit "$FIXTURES/request_natural_person.json" --on 2026-03-04
  expect_exit 0 disclose verify
}

t_disabled_staff_cannot_act_and_stay_on_record() {
  local who="gone_$$_$RANDOM" id
  _i_today 2026-03-16
  expect_exit 0 disclose staff add clerk1 --name 王文员 --role clerk --as admin
  expect_exit 0 disclose staff add "$who" --name 离职 --role clerk --as admin
  DISCLOSE_DB="$(_i_as "$who")" expect_exit 0 disclose submit "$FIXTURES/request_natural_person.json" --on 2026-03-16
  id="$(cat "$T/out")"
  DISCLOSE_DB="$(_i_as clerk1)" h_expect_error 5 forbidden "" disclose staff disable "$who"
  expect_exit 0 disclose staff disable "$who" --as admin --json
  expect_eq "$(json .active)" false
  DISCLOSE_DB="$(_i_as "$who")" expect_exit 10 disclose list
  expect_eq "$(sql "SELECT rolcanlogin FROM pg_roles WHERE rolname = '$who'")" f
  # Their record stays and still verifies; the operator cannot act as them.
  expect_eq "$(sql "SELECT actor FROM request_events WHERE request_id = $id AND seq = 1")" "$who"
  h_expect_error 4 not_found actor disclose withdraw "$id" --as "$who" --on 2026-03-16
  expect_exit 0 disclose verify
  expect_exit 4 disclose staff disable nobody_here --as admin
}

t_role_changes_are_remembered_and_granted() {
  local who="moved_$$_$RANDOM"
  expect_exit 0 disclose staff add "$who" --name 调岗 --role clerk --as admin
  expect_eq "$(sql "SELECT pg_has_role('$who', 'disclose_clerk', 'MEMBER')")" t
  expect_exit 0 disclose staff roles "$who" --role reviewer --as admin --json
  expect_eq "$(json -c .roles)" '["reviewer"]'
  expect_eq "$(sql "SELECT pg_has_role('$who', 'disclose_clerk', 'MEMBER')::text || pg_has_role('$who', 'disclose_reviewer', 'MEMBER')::text")" falsetrue
  expect_eq "$(sql "SELECT string_agg(array_to_string(roles, ','), ' ' ORDER BY valid_from) FROM staff_history WHERE login = '$who'")" "clerk reviewer"
  h_expect_error 3 invalid role disclose staff roles "$who" --role system --as admin
}

t_staff_add_never_hands_out_a_powerful_role() {
  h_expect_error 5 forbidden login disclose staff add "$DSC_TEST_PGUSER" --name 超级 --role clerk --as admin
  h_expect_error 5 forbidden login disclose staff add disclose_writer --name X --role clerk --as admin
}

t_the_database_transition_table_is_machine_c() {
  local want got
  want="$(machine_sql tsv | sort)"
  got="$(sql "SELECT 'rule' || E'\t' || action || E'\t' || roles::text || E'\t' || who || E'\t' || guard FROM dsc_machine_rule
              UNION ALL SELECT concat_ws(E'\t', 'step', action, from_state, from_hold, to_state, to_hold, outcome_effect, coalesce(outcome, '')) FROM dsc_machine_step" | sort)"
  [[ -n "$want" ]] || fail "machine_sql printed nothing"
  expect_eq "$got" "$want" "migrations/0012's machine tables differ from engine/core/machine.c"
}

t_a_handler_reads_only_what_is_assigned_to_them() {
  local mine other
  mine="$(_i_cast)"
  expect_exit 0 disclose submit "$FIXTURES/request_natural_person.json" --as clerk1 --on 2026-03-16
  other="$(cat "$T/out")"
  expect_exit 0 disclose assign "$other" --to zhao --as clerk1 --on 2026-03-16
  DISCLOSE_DB="$(_i_as li)" expect_exit 0 disclose list --json
  expect_eq "$(json -c '[.[].id]')" "[$mine]" "li's list"
  DISCLOSE_DB="$(_i_as li)" h_expect_error 4 not_found "" disclose show "$other"
  expect_eq "$(psql -XAtq -d "$(_i_as li)" -c "SELECT count(*) FROM request_events WHERE request_id = $other")" 0 \
    "li reads no event of zhao's request"
  # A clerk, a reviewer, the daemon read everything.
  DISCLOSE_DB="$(_i_as wang)" expect_exit 0 disclose list --json
  expect_eq "$(json -c '[.[].id] | sort')" "[$mine,$other]" "wang's list"
  # And a handler still cannot write to what is not theirs.
  DISCLOSE_DB="$(_i_as li)" h_expect_error 4 not_found "" disclose consult-third-party "$other"
}

t_personal_data_is_masked_in_every_output() {
  local id raw
  expect_exit 0 disclose staff add clerk1 --name 王文员 --role clerk --as admin
  expect_exit 0 disclose submit "$FIXTURES/request_natural_person.json" --as clerk1 --on 2023-03-01 --json
  id="$(json .id)"
  expect_exit 0 env DISCLOSE_TODAY=2023-03-15 disclose show "$id" --json
  cp "$T/out" "$T/all"
  expect_exit 0 env DISCLOSE_TODAY=2023-03-15 disclose show "$id"
  cat "$T/out" >>"$T/all"
  expect_exit 0 env DISCLOSE_TODAY=2023-03-15 disclose list --json
  cat "$T/out" >>"$T/all"
  expect_exit 0 env DISCLOSE_TODAY=2023-03-15 disclose list
  cat "$T/out" >>"$T/all"
  # The fixture's identity number, phone, e-mail and address, in clear.
  for raw in 11010519491231002X 13800000000 zhangsan@example.cn 北京市朝阳区某路1号; do
    if grep -qF "$raw" "$T/all"; then fail "$raw shown in clear: $(grep -F "$raw" "$T/all" | head -3)"; fi
  done
  grep -qF '110105********002X' "$T/all" || fail "the masked identity number is not shown"
  grep -qF '138****0000' "$T/all" || fail "the masked phone is not shown"
}

t_a_temporary_table_cannot_stand_in_for_staff() {
  local id
  id="$(_i_cast)"
  # li makes a temporary `staff` naming li admin, lets everyone read it,
  # and asks the write functions, which run with their owner's rights, to
  # add an admin and to approve li's own draft.
  psql -XAtq -d "$(_i_as li)" >"$T/psql.out" 2>&1 <<SQL || true
CREATE TEMP TABLE staff (login text, name text, roles text[], active boolean);
INSERT INTO staff VALUES ('li', 'x', '{admin,supervisor,clerk,handler,reviewer}', true);
GRANT ALL ON staff TO PUBLIC;
SELECT * FROM dsc_w_staff_add('mallory', 'M', ARRAY['admin'], 'li');
SQL
  grep -q 'permission denied\|role:' "$T/psql.out" || fail "not refused as expected: $(cat "$T/psql.out")"
  expect_eq "$(sql "SELECT count(*) FROM staff WHERE login = 'mallory'")" 0 "an admin added through a temporary table"
  expect_eq "$(sql "SELECT count(*) FROM pg_roles WHERE rolname = 'mallory'")" 0 "a login created through a temporary table"
  expect_exit 0 disclose verify
}

t_a_handler_s_fee_quote_counts_what_they_cannot_read() {
  local first second
  _i_today 2026-03-16
  h_staff >/dev/null
  expect_exit 0 disclose submit "$FIXTURES/request_natural_person.json" --as clerk1 --on 2026-03-16
  first="$(cat "$T/out")"
  expect_exit 0 disclose submit "$FIXTURES/request_natural_person.json" --as clerk1 --on 2026-03-16
  second="$(cat "$T/out")"
  expect_exit 0 disclose assign "$first" --to zhao --as clerk1 --on 2026-03-16
  expect_exit 0 disclose assign "$second" --to li --as clerk1 --on 2026-03-16
  # li cannot read zhao's request, yet it is the same applicant's first
  # application of the month: li's is the second (国办函〔2020〕109号).
  DISCLOSE_DB="$(_i_as li)" h_expect_error 4 not_found "" disclose show "$first"
  DISCLOSE_DB="$(_i_as li)" expect_exit 0 disclose fee-quote "$second" --pages 10 --json
  expect_eq "$(json .ordinal)" 2 "li's quote counts zhao's request"
}

t_only_the_daemon_compiles_as_system() {
  expect_exit 0 disclose staff add clerk1 --name 王文员 --role clerk --as admin
  expect_exit 0 disclose staff add boss --name 主任 --role supervisor --as admin
  h_psql_refused clerk1 "SELECT dsc_w_report_store('default', '2023', 'system', '{}', 'x')"
  h_psql_refused boss "SELECT dsc_w_report_store('default', '2023', 'system', '{}', 'x')"
  h_psql_refused clerk1 "SELECT dsc_w_report_store('default', '2023', 'clerk1', '{}', 'x')"
  expect_eq "$(count_rows annual_reports)" 0 "compilations stored"
}

t_the_admin_functions_refuse_everyone_but_an_admin() {
  local id before
  id="$(_i_cast)"
  before="$(db_fingerprint)"
  # Called directly, naming themselves or naming admin: a clerk and a
  # handler reach none of the administrative write functions.
  for who in clerk1 li; do
    h_psql_refused "$who" "SELECT dsc_w_staff_roles('li', ARRAY['admin'], '$who')"
    h_psql_refused "$who" "SELECT dsc_w_staff_roles('li', ARRAY['admin'], 'admin')"
    h_psql_refused "$who" "SELECT dsc_w_staff_disable('wang', '$who')"
    h_psql_refused "$who" "SELECT dsc_w_agency_add('rogue', 'R', '$who')"
    h_psql_refused "$who" "SELECT dsc_w_agency_set('default', 60, '$who')"
    h_psql_refused "$who" "SELECT dsc_w_agency_set_letter('default', 'court', 'X', '$who')"
    h_psql_refused "$who" "SELECT dsc_w_calendar_delete_years(ARRAY[2026], '$who')"
    h_psql_refused "$who" "SELECT dsc_w_calendar_upsert_days(ARRAY['2026-03-17']::date[], ARRAY['holiday'], ARRAY['假'], '$who')"
    h_psql_refused "$who" "SELECT dsc_w_calendar_bump('$who')"
  done
  # Nor may anyone record an appeal as someone else.
  h_psql_refused li "SELECT dsc_w_appeal_file($id, 3, 'clerk1', '2026-03-16', '{}', 'reconsideration', '2026-03-16', NULL, NULL, NULL)"
  expect_eq "$(db_fingerprint)" "$before" "nothing written by the attempts"
}

# _i_reopen LOGIN ID VERSION — LOGIN calls the write function directly to
# reopen request ID (at VERSION) as a late supplement-received on
# 2026-03-24, bypassing the engine's machine.
_i_reopen() {
  psql -XAtq -v ON_ERROR_STOP=1 -d "$(_i_as "$1")" -c "SELECT dsc_w_transition_many(ARRAY[$2]::bigint[], ARRAY[$3], ARRAY['assigned'], ARRAY[NULL]::text[], ARRAY[NULL]::date[], ARRAY[NULL]::date[], ARRAY['li'], ARRAY[NULL]::text[], ARRAY[NULL]::text[], ARRAY[NULL]::date[], ARRAY[NULL]::date[], ARRAY[NULL]::text[], ARRAY['supplement-received'], ARRAY['$1'], ARRAY['2026-03-24']::date[], ARRAY['{\"late_reason\":\"因病\"}']::jsonb[], ARRAY['2026-03-24']::date[], ARRAY['2026-04-21']::date[], ARRAY[0], ARRAY[0], ARRAY['2026-03-25']::date[], ARRAY[1]::bigint[], ARRAY[NULL]::bigint[], ARRAY[NULL]::date[], ARRAY[0]::smallint[])" \
    >"$T/psql.out" 2>&1 </dev/null
}

# Art. 30's late supplement reopens a withdrawn request: only a supervisor's
# act, and only for a request the supplement's lapse withdrew. The database
# refuses both attempts made around the engine, for exactly that reason,
# while the same call by a supervisor on a lapsed request goes through (so
# the refusals are not a malformed call's).
t_only_a_supervisor_reopens_and_only_what_the_lapse_withdrew() {
  local lapsed withdrawn v
  _i_today 2026-03-16
  h_staff >/dev/null
  expect_exit 0 disclose staff add boss --name 钱主任 --role supervisor --as admin
  lapsed="$(h_letter 2026-03-16)"
  expect_exit 0 disclose assign "$lapsed" --to li --as clerk1 --on 2026-03-16
  DISCLOSE_DB="$(_i_as li)" expect_exit 0 disclose request-supplement "$lapsed" --note 请写明文件名称 --reply-within 5 --on 2026-03-16
  withdrawn="$(h_letter 2026-03-16)"
  expect_exit 0 disclose assign "$withdrawn" --to li --as clerk1 --on 2026-03-16
  expect_exit 0 disclose withdraw "$withdrawn" --as clerk1 --on 2026-03-16
  _i_today 2026-03-24 # the supplement's window ended on 03-23
  expect_exit 0 disclosed --once
  expect_eq "$(sql "SELECT state || ' ' || outcome FROM requests WHERE id = $lapsed")" \
    "withdrawn other.no_supplement" "lapsed"

  v="$(sql "SELECT version FROM requests WHERE id = $lapsed")"
  _i_reopen li "$lapsed" "$v" && fail "the handler reopened a lapsed request"
  grep -q "only a supervisor accepts a late supplement" "$T/psql.out" ||
    fail "refused for another reason: $(cat "$T/psql.out")"
  v="$(sql "SELECT version FROM requests WHERE id = $withdrawn")"
  _i_reopen boss "$withdrawn" "$v" && fail "a supervisor reopened an applicant's withdrawal"
  grep -q "only a request withdrawn for a missing supplement" "$T/psql.out" ||
    fail "refused for another reason: $(cat "$T/psql.out")"
  expect_eq "$(sql "SELECT count(*) FROM request_events WHERE action = 'supplement-received'")" 0 \
    "nothing written by the refusals"
  v="$(sql "SELECT version FROM requests WHERE id = $lapsed")"
  _i_reopen boss "$lapsed" "$v" || fail "the supervisor's reopening was refused: $(cat "$T/psql.out")"
  expect_eq "$(sql "SELECT state || ' ' || coalesce(outcome, '-') || ' ' || last_actor FROM requests WHERE id = $lapsed")" \
    "assigned - boss" "reopened by the supervisor"
}
