# shellcheck shell=bash
# tests/integration/test_report_storage.sh — how a compilation of the annual
# report finds the year's requests and stores their classification
# (migrations/0010): the three ranges of requests a year holds, one row of
# ids per class instead of one row per request, `--diff` between a
# compilation stored per request (before 0010) and one stored per class,
# and the fingerprint that keeps a change made between reading and storing
# out of a stored compilation (CONTRACT §9).

# shellcheck source=tests/integration/fixtures/helpers.sh
source "$(dirname "${BASH_SOURCE[0]}")/fixtures/helpers.sh"

# _rs_submit RECEIVED — a natural person's application registered on
# RECEIVED; prints its id.
_rs_submit() {
  jq --arg d "$1" '.received_on = $d' "$FIXTURES/request_natural_person.json" >"$T/req.json"
  expect_exit 0 disclose submit "$T/req.json" --as clerk1 --on "$1"
  cat "$T/out"
}

# _rs_answer ID OUTCOME ON — assigned, drafted with OUTCOME, reviewed and
# answered, all on ON.
_rs_answer() {
  expect_exit 0 disclose assign "$1" --to li --as clerk1 --on "$3"
  expect_exit 0 disclose draft "$1" --outcome "$2" --as li --on "$3"
  expect_exit 0 disclose review "$1" --approve --as wang --on "$3"
  expect_exit 0 disclose answer "$1" --as clerk1 --on "$3"
}

# _rs_stored YEAR [NTH] — the classification stored by the NTH newest
# compilation of YEAR (1 = the newest), read from whichever table holds
# it: "ID NEW CARRIED_IN OUTCOME CARRIED_OUT" per request in id order, one
# line each ("-" for no outcome).
_rs_stored() {
  sql "with rep as (select id from annual_reports where year = $1
                    order by id desc limit 1 offset ${2:-1} - 1),
        c as (select unnest(request_ids) as rid, is_new, carried_in, outcome,
                     carried_out from annual_report_groups, rep
              where report_id = rep.id
              union all
              select request_id, is_new, carried_in, outcome, carried_out
              from annual_report_items, rep where report_id = rep.id)
       select rid || ' ' || is_new || ' ' || carried_in || ' ' ||
              coalesce(outcome, '-') || ' ' || carried_out
       from c order by rid"
}

# Requests on both sides of the year boundaries of 2023 and 2024, each
# reaching the report through a different range of migration 0010: received
# in the year; received in an earlier year and closed in this one or later;
# received in an earlier year and still open — two years back too.
t_each_range_of_the_year_counts() {
  export DISCLOSE_TODAY=2025-01-15
  h_staff
  local a b c d e f g
  a="$(_rs_submit 2022-12-20)" # open since: carried into 2023 and 2024
  b="$(_rs_submit 2022-12-27)" # answered in 2024
  _rs_answer "$b" disclosed 2024-01-05
  c="$(_rs_submit 2023-05-02)" # answered in its year
  _rs_answer "$c" disclosed 2023-05-10
  d="$(_rs_submit 2023-12-28)" # answered the next January
  _rs_answer "$d" withheld.state_secret 2024-01-08
  e="$(_rs_submit 2021-06-01)" # answered long before: in neither year
  _rs_answer "$e" disclosed 2021-06-10
  f="$(_rs_submit 2024-03-01)" # after 2023
  _rs_answer "$f" disclosed 2024-03-11
  g="$(_rs_submit 2022-11-01)" # carried into 2023 and answered in it
  _rs_answer "$g" withheld.state_secret 2023-01-05

  # 2023, by hand: new C D; carried in A B G; disclosed C; state secret G;
  # carried out A B D.
  expect_exit 0 disclose-stats annual-report --year 2023 --as admin
  expect_eq "$(json -c .applications.rows.new)" '[2,0,0,0,0,0,2]' "2023 new"
  expect_eq "$(json -c .applications.rows.carried_in)" '[3,0,0,0,0,0,3]' "2023 carried in"
  expect_eq "$(json -c .applications.rows.disclosed)" '[1,0,0,0,0,0,1]' "2023 disclosed"
  expect_eq "$(json -c '.applications.rows["withheld.state_secret"]')" '[1,0,0,0,0,0,1]' "2023 state secret"
  expect_eq "$(json -c .applications.rows.handled_total)" '[2,0,0,0,0,0,2]' "2023 handled"
  expect_eq "$(json -c .applications.rows.carried_out)" '[3,0,0,0,0,0,3]' "2023 carried out"
  expect_eq "$(json '[.checks[].ok] | all')" true "2023 checks hold"
  expect_eq "$(_rs_stored 2023)" "$(printf '%s\n' \
    "$a false true - true" "$b false true - true" "$c true false disclosed false" \
    "$d true false - true" "$g false true withheld.state_secret false" | sort -n)" \
    "2023 stored classification"

  # 2024, by hand: new F; carried in A B D (A from two years back, still
  # open); disclosed B F; state secret D; carried out A.
  expect_exit 0 disclose-stats annual-report --year 2024 --as admin
  expect_eq "$(json -c .applications.rows.new)" '[1,0,0,0,0,0,1]' "2024 new"
  expect_eq "$(json -c .applications.rows.carried_in)" '[3,0,0,0,0,0,3]' "2024 carried in"
  expect_eq "$(json -c .applications.rows.disclosed)" '[2,0,0,0,0,0,2]' "2024 disclosed"
  expect_eq "$(json -c '.applications.rows["withheld.state_secret"]')" '[1,0,0,0,0,0,1]' "2024 state secret"
  expect_eq "$(json -c .applications.rows.handled_total)" '[3,0,0,0,0,0,3]' "2024 handled"
  expect_eq "$(json -c .applications.rows.carried_out)" '[1,0,0,0,0,0,1]' "2024 carried out"
  expect_eq "$(json '[.checks[].ok] | all')" true "2024 checks hold, carry-over included"
  expect_eq "$(_rs_stored 2024)" "$(printf '%s\n' \
    "$a false true - true" "$b false true disclosed false" \
    "$d false true withheld.state_secret false" "$f true false disclosed false" | sort -n)" \
    "2024 stored classification"

  # Rows per class and range, not per request, and none in the old table:
  # 2023's four classes, the carried-out one from two ranges (B closed
  # since, A still open); each row's count and id hash describe its ids.
  expect_eq "$(count_rows annual_report_items)" 0 "rows per request"
  expect_eq "$(sql "select count(*) || ' ' || count(distinct (is_new, carried_in, outcome, carried_out))
                    from annual_report_groups g
                    join annual_reports r on r.id = g.report_id where r.year = 2023")" "5 4" \
    "2023 rows and classes stored"
  expect_eq "$(sql "select count(*) from annual_report_groups
                    where request_count <> cardinality(request_ids)
                       or id_hash <> (select sum(hashint8extended(x, 0))
                                      from unnest(request_ids) x)")" 0 \
    "rows whose count or id hash disagree with their ids"
  expect_match "$(sql "select source_digest from annual_reports")" '^[0-9a-f]{32}$'
}

# The classification rows of compilation OLD_ID written as the engine did
# before migration 0010 (one row per request, the statement
# dsc_report_store_v1 used), under a new compilation that copies OLD_ID's
# report: the newest compilation is then one stored per request.
_rs_store_per_request() {
  sql "
    with rep as (
      insert into annual_reports (agency_id, year, compiled_by, report,
                                  source_digest)
      select agency_id, year, compiled_by, report, 'per-request'
      from annual_reports where id = $1 returning id, year, agency_id),
    src as (
      select r.id, r.applicant_type as t,
             r.received_on >= make_date(rep.year, 1, 1) as is_new,
             r.received_on < make_date(rep.year, 1, 1) as carried_in,
             case when r.closed_on between make_date(rep.year, 1, 1)
                                       and make_date(rep.year, 12, 31)
                  then coalesce(r.outcome, '') end as outcome,
             (r.closed_on is null
              or r.closed_on > make_date(rep.year, 12, 31)) as carried_out
      from requests r, rep
      where r.agency_id = rep.agency_id
        and r.received_on <= make_date(rep.year, 12, 31)
        and (r.closed_on is null
             or r.closed_on >= make_date(rep.year, 1, 1)))
    insert into annual_report_items
    select rep.id, src.id, src.t, src.is_new, src.carried_in, src.outcome,
           src.carried_out from rep, src"
}

# `--diff` between a compilation stored per request (as every compilation
# made before migration 0010 is) and the next one, stored per class; then
# between two stored per class.
t_diff_from_a_compilation_stored_per_request() {
  export DISCLOSE_TODAY=2024-01-10
  h_staff
  expect_exit 0 disclose staff add boss --name 刘主任 --role supervisor --as admin
  local r1 r2 r3 r4 first
  r1="$(_rs_submit 2023-11-01)"
  _rs_answer "$r1" disclosed 2023-11-06
  r2="$(_rs_submit 2023-11-01)"
  _rs_answer "$r2" withheld.state_secret 2023-11-06
  r3="$(_rs_submit 2023-12-01)"
  expect_exit 0 disclose assign "$r3" --to li --as clerk1 --on 2023-12-04
  expect_exit 0 disclose-stats annual-report --year 2023 --as boss
  first="$(sql "select max(id) from annual_reports")"
  _rs_store_per_request "$first"
  expect_eq "$(count_rows annual_report_items)" 3 "rows of the compilation stored per request"

  # R3 answered on 2023-12-28 (registered now) and R4, received on
  # 2023-12-29, registered late: R3 moves from 四 to (一), R4 was not
  # counted at all.
  expect_exit 0 disclose draft "$r3" --outcome disclosed --as li --on 2023-12-27
  expect_exit 0 disclose review "$r3" --approve --as wang --on 2023-12-27
  expect_exit 0 disclose answer "$r3" --as clerk1 --on 2023-12-28
  r4="$(_rs_submit 2023-12-29)"
  expect_exit 0 disclose-stats annual-report --year 2023 --diff --format json --as boss
  expect_eq "$(count_rows annual_reports)" 3 "a compilation stored per class after the per-request one"
  expect_eq "$(json -c '.moved | map(.id)')" "[$r3,$r4]" "moved against the per-request compilation"
  expect_eq "$(json -c '.moved[0].old')" \
    '{"applicant_type":"natural_person","new":true,"carried_in":false,"outcome":null,"carried_out":true}' \
    "R3 as stored per request"
  expect_eq "$(json -c '.moved[0].new')" \
    '{"applicant_type":"natural_person","new":true,"carried_in":false,"outcome":"disclosed","carried_out":false}' \
    "R3 as stored per class"
  expect_eq "$(json -c '.moved[1].old')" null "R4 was not counted"
  expect_eq "$(json '.moved[1].new.carried_out')" true "R4 carried out"
  expect_eq "$(json -c '[.diff.changes[] | select(.column == "total") | [.row, .old, .new]]')" \
    '[["new",3,4],["disclosed",1,2],["handled_total",2,3]]' "changed totals"
  # The same in the human formats, twice the same.
  expect_exit 0 disclose-stats annual-report --year 2023 --diff --format md --as boss
  cp "$T/out" "$T/diff.md"
  grep -Eq "(^|[^0-9])$r4([^0-9]|$)" "$T/diff.md" || fail "md diff does not name R4: $(cat "$T/diff.md")"
  grep -Fq '未计入' "$T/diff.md" || fail "md diff does not say R4 was not counted"
  expect_exit 0 disclose-stats annual-report --year 2023 --diff --format md --as boss
  cmp "$T/diff.md" "$T/out" || fail "two diffs differ"
  expect_eq "$(count_rows annual_reports)" 3 "unchanged data stores nothing"

  # R4 answered: the next compilation against one stored per class lists
  # R4 alone, the classes that did not change left out on both sides.
  expect_exit 0 disclose assign "$r4" --to li --as clerk1 --on 2023-12-29
  expect_exit 0 disclose draft "$r4" --outcome withheld.state_secret --as li --on 2023-12-29
  expect_exit 0 disclose review "$r4" --approve --as wang --on 2023-12-29
  expect_exit 0 disclose answer "$r4" --as clerk1 --on 2023-12-29
  expect_exit 0 disclose-stats annual-report --year 2023 --diff --format json --as boss
  expect_eq "$(count_rows annual_reports)" 4 "a second compilation stored per class"
  expect_eq "$(json -c '.moved | map(.id)')" "[$r4]" "moved between two compilations stored per class"
  expect_eq "$(json -c '.moved[0].old.carried_out')" true "R4 carried out before"
  expect_eq "$(json '.moved[0].new.outcome')" withheld.state_secret "R4 withheld now"
  expect_eq "$(_rs_stored 2023)" "$(printf '%s\n' \
    "$r1 true false disclosed false" "$r2 true false withheld.state_secret false" \
    "$r3 true false disclosed false" "$r4 true false withheld.state_secret false")" \
    "the newest stored classification"
}

# A compilation reads, renders, then stores under the fingerprint of what
# it read. Here the store waits for a lock on annual_reports that another
# session holds; that session, once the store waits, moves R1 to another
# applicant type and commits. The first attempt must store nothing — its
# report would count R1 as a natural person beside a classification that
# files it as commercial — and the compilation made again must store the
# report and classification of the changed data, once.
t_store_refuses_a_classification_changed_after_reading() {
  export DISCLOSE_TODAY=2024-01-10
  h_staff
  local r1 r2 locker waited=0
  r1="$(_rs_submit 2023-11-01)"
  _rs_answer "$r1" disclosed 2023-11-06
  r2="$(_rs_submit 2023-11-02)"
  _rs_answer "$r2" disclosed 2023-11-06
  psql -XAtq -v ON_ERROR_STOP=1 -d "$DISCLOSE_DB" >"$T/locker.out" 2>"$T/locker.err" <<SQL &
BEGIN;
LOCK TABLE annual_reports IN EXCLUSIVE MODE;
DO \$\$
BEGIN
  FOR i IN 1..1200 LOOP
    EXIT WHEN EXISTS (SELECT 1 FROM pg_locks
                      WHERE database = (SELECT oid FROM pg_database
                                        WHERE datname = current_database())
                        AND relation = 'annual_reports'::regclass
                        AND NOT granted);
    PERFORM pg_sleep(0.05);
  END LOOP;
  IF NOT EXISTS (SELECT 1 FROM pg_locks
                 WHERE database = (SELECT oid FROM pg_database
                                   WHERE datname = current_database())
                   AND relation = 'annual_reports'::regclass
                   AND NOT granted) THEN
    RAISE EXCEPTION 'no compilation waited to store';
  END IF;
END
\$\$;
-- An owner's edit behind the guard of migrations/0012.
SET LOCAL session_replication_role = replica;
UPDATE requests SET applicant_type = 'commercial' WHERE id = $r1;
COMMIT;
SELECT 'changed';
SQL
  locker=$!
  # The compilation starts once the lock is held.
  for _ in $(seq 1 200); do
    if [[ "$(sql "select count(*) from pg_locks
                  where database = (select oid from pg_database
                                    where datname = current_database())
                    and relation = 'annual_reports'::regclass
                    and mode = 'ExclusiveLock' and granted")" == 1 ]]; then
      waited=1
      break
    fi
    sleep 0.05
  done
  [[ "$waited" == 1 ]] || fail "the other session never locked annual_reports: $(cat "$T/locker.err")"
  expect_exit 0 disclose-stats annual-report --year 2023 --as admin
  wait "$locker" || fail "the other session failed: $(cat "$T/locker.err")"
  expect_eq "$(cat "$T/locker.out")" changed "the other session changed R1 while the store waited"
  # What the command printed and what was stored: the changed data.
  expect_eq "$(json -c .applications.rows.new)" '[1,1,0,0,0,0,2]' "new, printed"
  expect_eq "$(count_rows annual_reports)" 1 "compilations stored"
  expect_eq "$(sql "select report from annual_reports" | jq -c .)" "$(jq -c . "$T/out")" \
    "the stored report is the printed one"
  expect_eq "$(sql "select (report::jsonb)->'applications'->'rows'->'disclosed'
                    from annual_reports")" '[1, 1, 0, 0, 0, 0, 2]' "disclosed, stored"
  expect_eq "$(sql "select string_agg(applicant_type || ' ' || request_count, ','
                                      order by applicant_type)
                    from annual_report_groups")" "commercial 1,natural_person 1" \
    "stored classes"
  expect_eq "$(sql "select request_ids[1] from annual_report_groups
                    where applicant_type = 'commercial'")" "$r1" "R1 filed as commercial"
}

# A request whose applicant type the engine does not know (here made by the
# owner, who dropped the check) stops the compilation: leaving it out would
# publish figures that silently miss a request. Nothing is stored.
t_unknown_applicant_type_stops_the_compilation() {
  export DISCLOSE_TODAY=2024-01-15
  h_staff
  local a
  a="$(_rs_submit 2023-05-02)"
  _rs_submit 2023-05-03 >/dev/null
  sql "alter table requests drop constraint requests_applicant_type_check;
       alter table requests disable trigger requests_guard;
       update requests set applicant_type = 'martian' where id = $a" >/dev/null
  expect_exit 9 disclose-stats annual-report --year 2023 --as admin
  grep -Fq applicant_type "$T/err" || fail "the error does not name applicant_type: $(cat "$T/err")"
  [[ ! -s "$T/out" ]] || fail "a failed compilation printed: $(cat "$T/out")"
  expect_eq "$(count_rows annual_reports)" 0 "compilations stored"
}

# _rs_as LOGIN — this case's database as the staff login LOGIN.
_rs_as() {
  printf '%s\n' "${DISCLOSE_DB/user=$DSC_TEST_PGUSER/user=$1}"
}

# Section 二's figures are entered per year by a supervisor, each key and
# value checked (a bad one writes nothing), kept with who entered them, and
# shown by the report (issue 12).
t_section_two_entered_per_year() {
  export DISCLOSE_TODAY=2026-01-15
  h_staff
  expect_exit 0 disclose staff add zhou --name 周主任 --role supervisor --as admin
  local owner="$DISCLOSE_DB" before
  # A supervisor, connected as themselves.
  # (DISCLOSE_TODAY is the operator's only: staff use the server's date.)
  DISCLOSE_DB="$(_rs_as zhou)" expect_exit 0 env -u DISCLOSE_TODAY disclose-stats active --year 2025 \
    --set rules.made=3 --set normative_documents.in_force=12 --set licensing=0 \
    --set fees_wan_yuan=1.25 --json
  expect_eq "$(json -c '[.active[] | select(.value != null) | [.key, .value, .entered_by]]')" \
    '[["rules.made",3,"zhou"],["normative_documents.in_force",12,"zhou"],["licensing",0,"zhou"],["fees_wan_yuan","1.25","zhou"]]'
  expect_eq "$(sql "SELECT DISTINCT entered_by || ' ' || connected_as FROM report_active_entries")" \
    "zhou zhou" "who entered them, and who was connected"
  # Refused, writing nothing: a clerk (as themselves, and for the
  # operator), a key not in the format, a negative or non-integer value —
  # even beside good ones — and a year not yet begun.
  before="$(db_fingerprint)"
  DISCLOSE_DB="$(_rs_as clerk1)" expect_exit 5 env -u DISCLOSE_TODAY disclose-stats active --year 2025 --set rules.made=4
  expect_match "$(cat "$T/err")" '^disclose-stats: forbidden: role: '
  expect_exit 5 disclose-stats active --year 2025 --set rules.made=4 --as clerk1
  expect_exit 3 disclose-stats active --year 2025 --set rules.abolished=1 --as admin
  expect_match "$(cat "$T/err")" '^disclose-stats: invalid: key: rules.abolished '
  expect_exit 3 disclose-stats active --year 2025 --set licensing=5 --set punishment=-2 --as admin
  expect_match "$(cat "$T/err")" '^disclose-stats: invalid: punishment: '
  expect_exit 3 disclose-stats active --year 2025 --set enforcement=1.5 --as admin
  expect_match "$(cat "$T/err")" '^disclose-stats: invalid: enforcement: '
  expect_exit 3 disclose-stats active --year 2025 --set fees_wan_yuan=1.23456 --as admin
  expect_exit 3 disclose-stats active --year 2025 --set licensing --as admin
  expect_exit 3 disclose-stats active --year 2027 --set licensing=1 --as admin
  expect_exit 4 disclose-stats active --year 2025 --agency nosuch --set licensing=1 --as admin
  expect_eq "$(db_fingerprint)" "$before" "refused entries wrote nothing"
  # Nor can a staff login write the table or call the function as another.
  if psql -XAtq -d "$(_rs_as clerk1)" -c "SELECT dsc_w_report_active_set('default', 2025, '{licensing}', '{9}', 'zhou')" \
    >"$T/psql.out" 2>&1 </dev/null; then
    fail "clerk1 entered a figure as zhou"
  fi
  if psql -XAtq -d "$(_rs_as zhou)" -c "INSERT INTO report_active_entries (agency_id, year, key, value, entered_by, connected_as) VALUES (1, 2025, 'licensing', '9', 'zhou', 'zhou')" \
    >"$T/psql.out" 2>&1 </dev/null; then
    fail "zhou wrote the table directly"
  fi
  expect_eq "$(db_fingerprint)" "$before" "nothing written by hand either"
  export DISCLOSE_DB="$owner"

  # The report shows them: JSON and the CSV's section 二.
  expect_exit 0 disclose-stats annual-report --year 2025 --as admin
  expect_eq "$(json -c .active)" \
    '{"rules":{"made":3,"repealed":null,"in_force":null},"normative_documents":{"made":null,"repealed":null,"in_force":12},"licensing":0,"punishment":null,"enforcement":null,"fees_wan_yuan":"1.25"}'
  expect_exit 0 disclose-stats annual-report --year 2025 --as admin --format csv
  grep -q $'^规章,3,,\r$' "$T/out" || fail "规章 row: $(grep 规章 "$T/out")"
  grep -q $'^行政规范性文件,,,12\r$' "$T/out" || fail "行政规范性文件 row"
  grep -q $'^行政许可,0\r$' "$T/out" || fail "行政许可 row"
  grep -q $'^行政事业性收费,1.25\r$' "$T/out" || fail "行政事业性收费 row"
  # The newest entry counts, the older stays; an empty value takes one back.
  expect_exit 0 disclose-stats active --year 2025 --set rules.made=4 --set licensing= --as admin
  expect_eq "$(sql "SELECT string_agg(coalesce(value, '-'), ',' ORDER BY id) FROM report_active_entries WHERE key IN ('rules.made', 'licensing')")" \
    "3,0,4,-" "every entry kept"
  # --active FILE overrides figure by figure; what it leaves out is as entered.
  echo '{"rules": {"made": 9}, "punishment": 2}' >"$T/active.json"
  expect_exit 0 disclose-stats annual-report --year 2025 --as admin --active "$T/active.json"
  expect_eq "$(json -c '[.active.rules.made, .active.licensing, .active.punishment, .active.normative_documents.in_force]')" \
    '[9,null,2,12]'
  expect_exit 0 disclose-stats annual-report --year 2025 --as admin
  expect_eq "$(json .active.rules.made)" 4 "the file changed nothing stored"
  # Another year has none.
  expect_exit 0 disclose-stats annual-report --year 2024 --as admin
  expect_eq "$(json -c .active)" null "2024"
}

# The texts of sections 一, 五 and 六 are the agency's, entered per year
# by a supervisor and rendered in every format (issue 12).
t_texts_entered_and_rendered() {
  export DISCLOSE_TODAY=2026-01-15
  h_staff
  local before
  printf '\xEF\xBB\xBF本年度公开工作总体平稳。\r\n<b>平台</b>运行正常。\r\n' >"$T/one.txt"
  printf '个别答复超期。\n' >"$T/five.txt"
  printf '人大代表建议办理结果已公开。\n' >"$T/six.txt"
  expect_exit 0 disclose-stats text --year 2025 --section 1 --file "$T/one.txt" --as admin
  expect_exit 0 disclose-stats text --year 2025 --section 5 --file "$T/five.txt" --as admin
  expect_exit 0 disclose-stats text --year 2025 --section 6 --file "$T/six.txt" --as admin --json
  expect_eq "$(json -c '[.texts[] | [.section, .text, .entered_by]]')" \
    '[[1,"本年度公开工作总体平稳。\n<b>平台</b>运行正常。\n","admin"],[5,"个别答复超期。\n","admin"],[6,"人大代表建议办理结果已公开。\n","admin"]]'
  expect_exit 0 disclose-stats text --year 2025 --section 5 --as clerk1
  expect_match "$(cat "$T/out")" '^个别答复超期。$'
  before="$(db_fingerprint)"
  expect_exit 5 disclose-stats text --year 2025 --section 1 --file "$T/five.txt" --as clerk1
  expect_exit 3 disclose-stats text --year 2025 --section 2 --file "$T/five.txt" --as admin
  expect_match "$(cat "$T/err")" '^disclose-stats: invalid: section: '
  printf 'bad\001text' >"$T/bad.txt"
  expect_exit 3 disclose-stats text --year 2025 --section 1 --file "$T/bad.txt" --as admin
  expect_match "$(cat "$T/err")" '^disclose-stats: invalid: text: '
  expect_exit 3 disclose-stats text --year 2025 --section 1 --file "$T/none.txt" --as admin
  expect_eq "$(db_fingerprint)" "$before" "refused texts wrote nothing"

  expect_exit 0 disclose-stats annual-report --year 2025 --as admin
  expect_eq "$(json -c .texts)" \
    '{"overview":"本年度公开工作总体平稳。\n<b>平台</b>运行正常。\n","problems":"个别答复超期。\n","other":"人大代表建议办理结果已公开。\n"}'
  expect_exit 0 disclose-stats annual-report --year 2025 --as admin --format md
  grep -Fq "$(printf '## 一、总体情况\n\n本年度公开工作总体平稳。')" "$T/out" || fail "md section 一"
  grep -Fq '\<b\>平台\<\/b\>运行正常。' "$T/out" || fail "md: the text is escaped"
  grep -Fq '个别答复超期。' "$T/out" || fail "md section 五"
  grep -Fq '（由本机关填写）' "$T/out" && fail "md: a placeholder is left"
  grep -Fq '人大代表建议办理结果已公开。' "$T/out" || fail "md section 六"
  expect_exit 0 disclose-stats annual-report --year 2025 --as admin --format html
  grep -Fq '<p>&lt;b&gt;平台&lt;/b&gt;运行正常。</p>' "$T/out" || fail "html section 一"
  # A year without texts keeps the placeholders.
  expect_exit 0 disclose-stats annual-report --year 2024 --as admin --format md
  expect_eq "$(grep -c '（由本机关填写）' "$T/out")" 2 "placeholders of 一 and 五"
}
