# shellcheck shell=bash
# tests/integration/test_dashboard_counts.sh — the dashboard's counts kept
# by the database (migration 0008, issue 5): after a realistic mix of
# writes — every kind of transition, holds, the worker's lapses and
# escalations, a calendar re-derivation, withdrawals, two processes
# writing at once while the deltas are folded — every figure of
# `disclose-stats dashboard` equals the same figure computed the slow way,
# straight from the requests table; the counts equal a GROUP BY over
# requests key by key; the migration counts the rows a database already
# had; and the counts do not depend on session_replication_role.

# shellcheck source=tests/integration/fixtures/helpers.sh
source "$(dirname "${BASH_SOURCE[0]}")/fixtures/helpers.sh"

# _dc_submit DATE [NAME] — clerk1 registers an application received (and
# registered) on DATE; prints the new id.
_dc_submit() { h_letter "$@"; }

# _dc_do ID DATE ACTION... — one action on ID dated DATE, which must work.
_dc_do() {
  local id="$1" on="$2" action="$3"
  shift 3
  expect_exit 0 disclose "$action" "$id" "$@" --on "$on"
}

# The slow way: every figure of the dashboard (CONTRACT §9) for today $1
# and a due-soon threshold of $2 working days, from requests, staff and
# calendar_days alone. A working day is a Monday–Friday not listed as a
# holiday, or a weekend day listed as a make-up workday; workdays(a, b)
# counts the working days d with a < d <= b.
_dc_expected() {
  sql <<SQL
WITH p AS (SELECT date '$1' AS today, $2 AS within),
wd AS (SELECT g::date AS d FROM p, generate_series(date '2018-01-01',
         p.today + 400, interval '1 day') g
       LEFT JOIN calendar_days c ON c.day = g::date
       WHERE coalesce(c.kind = 'workday', extract(isodow FROM g) < 6)),
o AS (SELECT r.id, r.state, r.hold, r.assignee, r.due_on,
             r.hold IS NULL AND r.due_on < p.today AS late,
             (SELECT count(*) FROM wd WHERE wd.d > p.today
                AND wd.d <= r.due_on) AS left_days,
             (SELECT count(*) FROM wd WHERE wd.d > r.due_on
                AND wd.d <= p.today) AS late_days
        FROM requests r, p
       WHERE r.state IN ('received', 'assigned', 'drafted', 'reviewed')),
f AS (SELECT o.*, o.hold IS NULL AND NOT o.late AND o.due_on IS NOT NULL
             AND o.left_days <= p.within AS soon FROM o, p),
a AS (SELECT r.answered_on <= r.due_on AS on_time,
             greatest(0, (SELECT count(*) FROM wd WHERE wd.d > r.clock_start
                AND wd.d <= r.answered_on) - r.paused_workdays) AS net,
             r.clock_start
        FROM requests r, p
       WHERE r.answered_on BETWEEN date_trunc('year', p.today)::date
             AND p.today)
SELECT json_build_object(
  'open', (SELECT count(*) FROM f),
  'by_state', json_build_object(
     'received', (SELECT count(*) FROM f WHERE state = 'received'),
     'assigned', (SELECT count(*) FROM f WHERE state = 'assigned'),
     'drafted', (SELECT count(*) FROM f WHERE state = 'drafted'),
     'reviewed', (SELECT count(*) FROM f WHERE state = 'reviewed')),
  'on_hold', json_build_object(
     'supplement', (SELECT count(*) FROM f WHERE hold = 'supplement'),
     'third_party', (SELECT count(*) FROM f WHERE hold = 'third_party'),
     'other_agency', (SELECT count(*) FROM f WHERE hold = 'other_agency'),
     'fee', (SELECT count(*) FROM f WHERE hold = 'fee'),
     'secrecy_review', (SELECT count(*) FROM f WHERE hold = 'secrecy_review'),
     'reasons', (SELECT count(*) FROM f WHERE hold = 'reasons')),
  'due_soon', (SELECT count(*) FROM f WHERE soon),
  'overdue', (SELECT count(*) FROM f WHERE late),
  'overdue_ids', (SELECT coalesce(json_agg(id ORDER BY due_on, id), '[]')
                    FROM f WHERE late),
  'by_assignee', (SELECT coalesce(json_agg(json_build_object(
       'login', x.assignee, 'name', s.name, 'open', x.n,
       'due_soon', x.soon, 'overdue', x.late) ORDER BY x.assignee), '[]')
     FROM (SELECT assignee, count(*) AS n, count(*) FILTER (WHERE soon) AS soon,
                  count(*) FILTER (WHERE late) AS late
             FROM f WHERE assignee IS NOT NULL GROUP BY assignee) x
     JOIN staff s ON s.login = x.assignee),
  'answered_this_year', (SELECT count(*) FROM a),
  'on_time_rate', (SELECT round(1e9 * count(*) FILTER (WHERE on_time)
                     / nullif(count(on_time), 0)) FROM a),
  'median_workdays_to_answer', (SELECT percentile_disc(0.5) WITHIN GROUP
                     (ORDER BY net) FROM a WHERE clock_start IS NOT NULL),
  'buckets', json_build_object(
     'overdue', (SELECT count(*) FROM f WHERE late),
     '0-2', (SELECT count(*) FROM f WHERE hold IS NULL AND NOT late AND left_days <= 2),
     '3-5', (SELECT count(*) FROM f WHERE hold IS NULL AND NOT late AND left_days BETWEEN 3 AND 5),
     '6-10', (SELECT count(*) FROM f WHERE hold IS NULL AND NOT late AND left_days BETWEEN 6 AND 10),
     '11-20', (SELECT count(*) FROM f WHERE hold IS NULL AND NOT late AND left_days BETWEEN 11 AND 20),
     'more', (SELECT count(*) FROM f WHERE hold IS NULL AND NOT late AND left_days > 20),
     'unknown', (SELECT count(*) FROM f WHERE hold IS NULL AND due_on IS NULL)),
  'overdue_list', (SELECT coalesce(json_agg(json_build_object(
       'id', x.id, 'assignee', x.assignee, 'assignee_name', s.name,
       'due_on', x.due_on, 'workdays_overdue', x.late_days)
       ORDER BY x.due_on, x.id), '[]')
     FROM (SELECT * FROM f WHERE late ORDER BY due_on, id LIMIT 50) x
     LEFT JOIN staff s ON s.login = x.assignee))
SQL
}

# The dashboard's figures in the shape of _dc_expected (on_time_rate
# scaled to an integer), sorted keys.
_DC_FIGURES='{open, by_state, on_hold, due_soon, overdue, overdue_ids,
  by_assignee, answered_this_year,
  on_time_rate: (if .on_time_rate == null then null else (.on_time_rate * 1e9 | round) end),
  median_workdays_to_answer, buckets, overdue_list}'

# _dc_check TODAY [DUE_WITHIN] — the dashboard as of TODAY equals the slow
# way, figure by figure.
_dc_check() {
  local today="$1" within="${2:-5}" got want
  DISCLOSE_TODAY="$today" expect_exit 0 disclose-stats dashboard --json --due-within "$within" --as boss
  got="$(jq -S "$_DC_FIGURES" "$T/out")" || fail "dashboard JSON: $(head -c 300 "$T/out")"
  want="$(_dc_expected "$today" "$within" | jq -S .)" || fail "expected figures"
  if [[ "$got" != "$want" ]]; then
    diff <(printf '%s\n' "$want") <(printf '%s\n' "$got") >&2 || true
    fail "dashboard as of $today (due within $within) differs from the slow way (< expected, > dashboard)"
  fi
}

# _dc_count_diff — for each kind of count (states, due, answered), how
# many keys' counts (folded plus deltas) differ from a GROUP BY over
# requests: "0 0 0" when every count is exact.
_dc_count_diff() {
  sql "
    WITH s AS (SELECT state, hold, assignee, sum(n) AS n FROM
                 (SELECT state, hold, assignee, n FROM dsc_dash_states UNION ALL
                  SELECT state, hold, assignee, n FROM dsc_dash_delta
                   WHERE state IS NOT NULL) c
                GROUP BY 1, 2, 3 HAVING sum(n) <> 0),
         s0 AS (SELECT state, hold, assignee, count(*) AS n FROM requests
                 WHERE state IN ('received', 'assigned', 'drafted', 'reviewed')
                 GROUP BY 1, 2, 3),
         d AS (SELECT due_on, assignee, escalated, sum(n) AS n FROM
                 (SELECT due_on, assignee, escalated, n FROM dsc_dash_due
                  UNION ALL SELECT due_on, assignee, escalated, n
                  FROM dsc_dash_delta WHERE state IS NOT NULL AND hold IS NULL) c
                GROUP BY 1, 2, 3 HAVING sum(n) <> 0),
         d0 AS (SELECT due_on, assignee, escalation = 2 AS escalated,
                       count(*) AS n FROM requests
                 WHERE state IN ('received', 'assigned', 'drafted', 'reviewed')
                   AND hold IS NULL GROUP BY 1, 2, 3),
         a AS (SELECT answered_on, clock_start, paused_workdays, on_time,
                      sum(n) AS n FROM
                 (SELECT answered_on, clock_start, paused_workdays, on_time, n
                    FROM dsc_dash_answered UNION ALL
                  SELECT answered_on, clock_start, paused_workdays, on_time, n
                    FROM dsc_dash_delta WHERE answered_on IS NOT NULL) c
                GROUP BY 1, 2, 3, 4 HAVING sum(n) <> 0),
         a0 AS (SELECT answered_on, clock_start, paused_workdays,
                       answered_on <= due_on AS on_time, count(*) AS n
                  FROM requests WHERE answered_on IS NOT NULL
                 GROUP BY 1, 2, 3, 4)
    SELECT (SELECT count(*) FROM ((TABLE s EXCEPT TABLE s0)
                                  UNION ALL (TABLE s0 EXCEPT TABLE s)) x)
        || ' ' || (SELECT count(*) FROM ((TABLE d EXCEPT TABLE d0)
                                  UNION ALL (TABLE d0 EXCEPT TABLE d)) x)
        || ' ' || (SELECT count(*) FROM ((TABLE a EXCEPT TABLE a0)
                                  UNION ALL (TABLE a0 EXCEPT TABLE a)) x)"
}

# _dc_counts_exact — every count equals the GROUP BY over requests.
_dc_counts_exact() {
  expect_eq "$(_dc_count_diff)" "0 0 0" "keys whose count differs from requests (states, due, answered)"
}

# _dc_writer TAG DATE COUNT — a second writer process: COUNT submissions
# received on DATE, each assigned, every other one drafted; failures are
# appended to $T/failures (expect_exit's files are not shared between
# processes).
_dc_writer() {
  local tag="$1" on="$2" count="$3" i id
  printf '{"agency":"default","channel":"online","received_on":"%s","applicant":{"type":"legal_services","name":"律所%s"},"description":"行政许可档案"}\n' \
    "$on" "$tag" >"$T/$tag.json"
  for ((i = 0; i < count; i++)); do
    if ! id="$(disclose submit "$T/$tag.json" --as clerk1 --on "$on" 2>>"$T/$tag.err")"; then
      echo "$tag: submit $i failed: $(cat "$T/$tag.err")" >>"$T/failures"
      continue
    fi
    disclose assign "$id" --to "$([[ $((i % 2)) == 0 ]] && echo li || echo zhao)" \
      --as clerk1 --on "$on" >/dev/null 2>>"$T/$tag.err" ||
      echo "$tag: assign $id failed" >>"$T/failures"
    if [[ $((i % 2)) == 0 ]]; then
      disclose draft "$id" --outcome disclosed --as li --on "$on" >/dev/null 2>>"$T/$tag.err" ||
        echo "$tag: draft $id failed" >>"$T/failures"
    fi
  done
}

# 2024 (see test_clock.sh): National Day 10-01 … 10-07, make-up working
# days 09-29 and 10-12; fixtures/calendar_2024_correction.csv also takes
# Fri 11-01 off, which moves every open due date after it.
t_dashboard_counts_follow_every_write() {
  export DISCLOSE_TODAY=2024-10-21
  h_staff
  expect_exit 0 disclose staff add boss --name 钱主任 --role supervisor --as admin
  local a1 a2 a3 h1 h2 h3 h4 h5 h6 h7 w1 e1 o1 o2 c1 u1 i pids=() status

  # Answered: last year's answer does not count this year; one answered
  # in January after a December receipt does.
  a3="$(_dc_submit 2023-11-01)"
  _dc_do "$a3" 2023-11-01 assign --to li --as clerk1
  _dc_do "$a3" 2023-11-02 draft --outcome disclosed --as li
  _dc_do "$a3" 2023-11-03 review --approve --as wang
  _dc_do "$a3" 2023-11-06 answer --as clerk1
  a2="$(_dc_submit 2023-12-20)"
  _dc_do "$a2" 2023-12-20 assign --to zhao --as clerk1
  _dc_do "$a2" 2024-01-08 draft --outcome withheld.state_secret --as zhao
  _dc_do "$a2" 2024-01-09 review --approve --as wang
  _dc_do "$a2" 2024-01-25 answer --as clerk1
  # Rejected once, then answered and published.
  a1="$(_dc_submit 2024-09-02)"
  _dc_do "$a1" 2024-09-02 assign --to li --as clerk1
  _dc_do "$a1" 2024-09-03 draft --outcome disclosed --as li
  _dc_do "$a1" 2024-09-04 review --reject --comment 请补充依据 --as wang
  _dc_do "$a1" 2024-09-05 draft --outcome partially_disclosed --as li
  _dc_do "$a1" 2024-09-06 review --approve --as wang
  _dc_do "$a1" 2024-09-09 answer --as clerk1
  _dc_do "$a1" 2024-09-10 publish --url https://www.example.gov.cn/xxgk/1 --as clerk1
  # Holds: a supplement that will lapse, one that arrives, a third party
  # that stays silent (the clock resumes), another agency that replies, a
  # fee paid and a fee that lapses.
  h1="$(_dc_submit 2024-10-14)"
  _dc_do "$h1" 2024-10-14 assign --to li --as clerk1
  _dc_do "$h1" 2024-10-15 request-supplement --note 请写明文件名称 --reply-within 5 --as li
  h2="$(_dc_submit 2024-10-14)"
  _dc_do "$h2" 2024-10-14 assign --to li --as clerk1
  _dc_do "$h2" 2024-10-15 request-supplement --note 请写明年份 --as li
  _dc_do "$h2" 2024-10-18 supplement-received --as li
  h3="$(_dc_submit 2024-10-08)"
  _dc_do "$h3" 2024-10-08 assign --to zhao --as clerk1
  _dc_do "$h3" 2024-10-09 consult-third-party --as zhao --delivered-on 2024-10-09
  h4="$(_dc_submit 2024-10-08)"
  _dc_do "$h4" 2024-10-08 assign --to li --as clerk1
  _dc_do "$h4" 2024-10-09 consult-agency --agency 区财政局 --as li --delivered-on 2024-10-09
  _dc_do "$h4" 2024-10-16 agency-replied --as li
  h5="$(_dc_submit 2024-10-08)"
  _dc_do "$h5" 2024-10-08 assign --to li --as clerk1
  _dc_do "$h5" 2024-10-09 fee-notice --amount 100 --pages 40 --method volume --as li --delivered-on 2024-10-09
  _dc_do "$h5" 2024-10-15 fee-paid --as li
  h6="$(_dc_submit 2024-10-08)"
  _dc_do "$h6" 2024-10-08 assign --to zhao --as clerk1
  _dc_do "$h6" 2024-10-09 fee-notice --amount 50 --pages 35 --method volume --as zhao --delivered-on 2024-10-09
  # Reasons asked for under Art. 35, still awaited.
  h7="$(_dc_submit 2024-10-14)"
  _dc_do "$h7" 2024-10-14 assign --to li --as clerk1
  _dc_do "$h7" 2024-10-15 require-reasons --note 请说明申请用途 --reply-within 5 --as boss
  # Withdrawn by the applicant; extended by a supervisor; overdue (one
  # drafted, one reviewed); due after 11-01 (moved by the correction); not
  # assigned yet.
  w1="$(_dc_submit 2024-10-10)"
  _dc_do "$w1" 2024-10-11 withdraw --reason applicant --as clerk1
  e1="$(_dc_submit 2024-09-20)"
  _dc_do "$e1" 2024-09-20 assign --to li --as clerk1
  _dc_do "$e1" 2024-10-15 extend --days 10 --reason 需调取档案 --as boss
  o1="$(_dc_submit 2024-09-02)"
  _dc_do "$o1" 2024-09-02 assign --to zhao --as clerk1
  _dc_do "$o1" 2024-09-03 draft --outcome disclosed --as zhao
  o2="$(_dc_submit 2024-09-09)"
  _dc_do "$o2" 2024-09-09 assign --to li --as clerk1
  _dc_do "$o2" 2024-09-10 draft --outcome disclosed --as li
  _dc_do "$o2" 2024-09-11 review --approve --as wang
  c1="$(_dc_submit 2024-10-15)"
  _dc_do "$c1" 2024-10-15 assign --to li --as clerk1
  u1="$(_dc_submit 2024-10-21)"
  for i in 1 2 3; do _dc_submit 2024-10-1"$i" >/dev/null; done
  _dc_check 2024-10-21
  _dc_counts_exact

  # Two writer processes and the deadline worker at once, while the owner
  # folds the deltas over and over: the counts stay exact.
  : >"$T/failures"
  _dc_writer w1 2024-10-21 12 &
  pids+=($!)
  _dc_writer w2 2024-10-21 12 &
  pids+=($!)
  (for i in $(seq 1 40); do
    psql -XAtq -v ON_ERROR_STOP=1 -d "$DISCLOSE_DB" -c 'SELECT dsc_dash_fold()' \
      >/dev/null 2>>"$T/fold.err" || echo "fold $i failed: $(cat "$T/fold.err")" >>"$T/failures"
    sleep 0.05
  done) &
  pids+=($!)
  disclosed --once 2>"$T/worker.err" || echo "worker failed: $(cat "$T/worker.err")" >>"$T/failures"
  for i in "${pids[@]}"; do
    status=0
    wait "$i" || status=$?
    expect_eq "$status" 0 "a background writer's exit status"
  done
  [[ ! -s "$T/failures" ]] || fail "concurrent writes failed: $(cat "$T/failures")"
  expect_eq "$(sql "select count(*) from requests where received_on = '2024-10-21'")" 25 \
    "requests of the concurrent writers"
  [[ "$(sql 'select count(*) from dsc_dash_due')" -gt 0 ]] ||
    fail "no fold ran while the writers wrote"
  _dc_counts_exact
  _dc_check 2024-10-21
  _dc_check 2024-10-21 15

  # The calendar correction re-derives every open deadline after 11-01.
  export DISCLOSE_TODAY=2024-10-25
  expect_exit 0 disclose calendar import "$FIXTURES/calendar_2024_correction.csv" --as admin --json
  [[ "$(json .moved)" -gt 0 ]] || fail "the correction moved no deadline"
  expect_exit 0 disclose show "$c1" --json
  expect_eq "$(json .due_on)" 2024-11-13 "c1's due date after the correction"
  _dc_counts_exact
  _dc_check 2024-10-25

  # Weeks later the worker applies the lapses (h1 and h6 withdrawn, h3's
  # clock resumes) and escalates what is due soon or overdue.
  export DISCLOSE_TODAY=2024-11-11
  expect_exit 0 disclosed --once
  expect_exit 0 disclose show "$h1" --json
  expect_eq "$(json .state)" withdrawn "h1 lapsed"
  expect_exit 0 disclose show "$h6" --json
  expect_eq "$(json .outcome)" other.fee_unpaid "h6 lapsed"
  expect_exit 0 disclose show "$h3" --json
  expect_eq "$(json .hold)" null "h3's consultation lapsed"
  [[ "$(sql "select count(*) from requests where escalation = 2")" -gt 0 ]] ||
    fail "the worker escalated nothing as overdue"
  # An answer after the escalation, and one more submission.
  _dc_do "$o2" 2024-11-11 answer --as clerk1
  _dc_do "$u1" 2024-11-11 assign --to zhao --as clerk1
  _dc_submit 2024-11-11 >/dev/null
  _dc_counts_exact
  _dc_check 2024-11-11
  _dc_check 2024-11-11 10
  _dc_check 2024-12-02
  # Folding changes no figure, and leaves no delta behind.
  cp "$T/out" "$T/before-fold.json"
  sql 'SELECT dsc_dash_fold()' >/dev/null
  expect_eq "$(count_rows dsc_dash_delta)" 0 "deltas left after a fold"
  DISCLOSE_TODAY=2024-12-02 expect_exit 0 disclose-stats dashboard --json --due-within 5 --as boss
  cmp "$T/before-fold.json" "$T/out" || fail "a fold changed the dashboard"
  _dc_counts_exact
  : "$a2" "$a3" "$h2" "$h4" "$h5" "$w1" "$e1" "$o1"
}

# The migration counts the rows a database already had: the migrations
# before it applied (and recorded as `migrate` records them), rows written
# through the CLI, then `disclose migrate`.
t_migration_counts_existing_rows() {
  fresh_empty_db
  local dir mine f id i who
  dir="${DSC_SOURCE_DIR:-$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)}/migrations"
  mine="$(cd "$dir" && ls -1 -- *_dashboard_counts.sql)"
  sql "CREATE TABLE dsc_schema_migrations (name text PRIMARY KEY,
         checksum text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now())" >/dev/null
  for f in "$dir"/*.sql; do
    f="${f##*/}"
    [[ "$f" < "$mine" ]] || break
    psql -XAtq -v ON_ERROR_STOP=1 -1 -d "$DISCLOSE_DB" -f "$dir/$f" >/dev/null ||
      fail "applying $f by hand"
    sql "INSERT INTO dsc_schema_migrations (name, checksum)
         VALUES ('$f', '$(sha256sum "$dir/$f" | cut -d' ' -f1)')" >/dev/null
  done
  expect_eq "$(sql "select count(*) from pg_tables where tablename = 'dsc_dash_delta'")" 0 \
    "the counts exist before their migration"
  export DISCLOSE_TODAY=2024-11-11
  # The rows as the workflow of that time left them, written by the owner:
  # today's CLI needs the functions of later migrations (0012). Received,
  # assigned to li or zhao, drafted, on hold, answered.
  sql "INSERT INTO staff (login, name, roles) VALUES ('clerk1', '王文员', '{clerk}'),
         ('li', '李四', '{handler}'), ('zhao', '赵六', '{handler}'),
         ('wang', '王五', '{reviewer}');
       INSERT INTO requests (agency_id, version, state, hold, hold_since,
         channel, received_on, clock_start, applicant_type, applicant_name,
         description, assignee, due_on, answered_on)
       SELECT 1, 1, s, h, CASE WHEN h IS NOT NULL THEN date '2024-10-28' END,
         'post', r, r, 'natural_person', '张三', '预算', a, r + 28,
         CASE WHEN s = 'answered' THEN date '2024-09-05' END
       FROM (VALUES ('received', NULL, NULL, date '2024-10-11'),
         ('assigned', NULL, 'li', date '2024-10-12'),
         ('assigned', NULL, 'zhao', date '2024-10-13'),
         ('drafted', NULL, 'li', date '2024-10-14'),
         ('drafted', NULL, 'zhao', date '2024-10-15'),
         ('assigned', 'third_party', 'li', date '2024-10-16'),
         ('answered', NULL, 'li', date '2024-09-02'),
         ('assigned', NULL, 'zhao', date '2024-09-02')) v(s, h, a, r)" >/dev/null
  id="$(sql "SELECT max(id) FROM requests")"
  expect_exit 0 disclose migrate --json
  expect_eq "$(json '.applied[0]')" "$mine" "the counts' migration applied now"
  expect_eq "$(count_rows dsc_dash_delta)" 0 "deltas right after the migration"
  expect_eq "$(sql 'select sum(n) from dsc_dash_states')" \
    "$(sql "select count(*) from requests where state in ('received', 'assigned', 'drafted', 'reviewed')")" \
    "open requests counted by the migration"
  _dc_counts_exact
  expect_exit 0 disclose staff add boss --name 钱主任 --role supervisor --as admin
  _dc_check 2024-11-11
  # And the triggers count from there on.
  id="$(_dc_submit 2024-11-11)"
  _dc_do "$id" 2024-11-11 assign --to zhao --as clerk1
  _dc_do "$id" 2024-11-11 draft --outcome disclosed --as zhao
  _dc_submit 2024-11-11 >/dev/null
  _dc_counts_exact
  _dc_check 2024-11-11
}

# A bulk load with triggers off for replication (as the bench's data set
# is loaded) still counts: the counting triggers fire ALWAYS. The engine's
# role reads the counts and appends deltas through the triggers, but
# cannot write the counts themselves.
t_counts_hold_under_replica_role_and_least_privilege() {
  export DISCLOSE_TODAY=2024-11-11
  h_staff
  expect_exit 0 disclose staff add boss --name 钱主任 --role supervisor --as admin
  sql "SET session_replication_role = replica;
       INSERT INTO requests (agency_id, version, state, channel, received_on,
         clock_start, applicant_type, applicant_name, description, assignee,
         due_on, answered_on, escalation)
       SELECT 1, 1, (ARRAY['received', 'assigned', 'drafted', 'answered'])[1 + g % 4],
         'post', date '2024-10-01' + g % 30, date '2024-10-01' + g % 30,
         'natural_person', '张三', '批量', CASE WHEN g % 4 > 0 THEN 'li' END,
         date '2024-10-28' + g % 40,
         CASE WHEN g % 4 = 3 THEN date '2024-11-01' + g % 7 END,
         CASE WHEN g % 40 < 10 THEN 2 ELSE 0 END
       FROM generate_series(1, 3000) g;
       UPDATE requests SET state = 'reviewed' WHERE state = 'drafted' AND id % 3 = 0;" >/dev/null
  _dc_counts_exact
  _dc_check 2024-11-11
  # Only an owner who disables the triggers can make the counts wrong, and
  # dsc_dash_recount() repairs them.
  sql "ALTER TABLE requests DISABLE TRIGGER requests_dash_count_update;
       ALTER TABLE requests DISABLE TRIGGER requests_guard;
       UPDATE requests SET assignee = 'zhao' WHERE assignee = 'li' AND id % 5 = 0;
       ALTER TABLE requests ENABLE TRIGGER requests_guard;
       ALTER TABLE requests ENABLE ALWAYS TRIGGER requests_dash_count_update" >/dev/null
  [[ "$(_dc_count_diff)" != "0 0 0" ]] || fail "counts unchanged by writes the triggers did not see"
  sql 'SELECT dsc_dash_recount()' >/dev/null
  _dc_counts_exact
  _dc_check 2024-11-11
  local role app
  role="dsc_dash_$$_$RANDOM"
  sql "CREATE ROLE $role LOGIN IN ROLE disclose_app" >/dev/null
  app="${DISCLOSE_DB/user=$DSC_TEST_PGUSER/user=$role}"
  for stmt in "INSERT INTO dsc_dash_states (state, n) VALUES ('received', 1)" \
    "UPDATE dsc_dash_due SET n = n + 1" "DELETE FROM dsc_dash_delta" \
    "DELETE FROM dsc_dash_answered" "TRUNCATE dsc_dash_states" \
    "SELECT dsc_dash_recount()"; do
    if psql -XAtq -v ON_ERROR_STOP=1 -d "$app" -c "$stmt" >"$T/psql.out" 2>&1 </dev/null; then
      fail "the engine's role was allowed: $stmt"
    fi
    grep -q 'permission denied' "$T/psql.out" || fail "refused for another reason: $(cat "$T/psql.out")"
  done
  # Through the engine: a clerk's writes count (as the clerk's own login,
  # on the server's business date, pinned by the owner; migrations/0012),
  # and the daemon's role reads the dashboard.
  local id clerk="${DISCLOSE_DB/user=$DSC_TEST_PGUSER/user=clerk1}"
  sql "INSERT INTO dsc_clock_override VALUES (true, '2024-11-11')" >/dev/null
  id="$(DISCLOSE_TODAY='' DISCLOSE_DB="$clerk" _dc_submit 2024-11-11)"
  DISCLOSE_TODAY='' DISCLOSE_DB="$clerk" expect_exit 0 disclose assign "$id" --to zhao
  DISCLOSE_TODAY='' DISCLOSE_DB="$app" expect_exit 0 disclose-stats dashboard --json
  _dc_counts_exact
  _dc_check 2024-11-11
}
