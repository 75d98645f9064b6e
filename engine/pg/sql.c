/* The statement registry (see sql.h). Names carry a version suffix: a
 * statement whose meaning changes gets a new name, so a server log or
 * pg_prepared_statements never shows two meanings under one name.
 *
 * Long by design: it is one table of every statement the engine runs, so
 * that all of the runtime SQL reads (and is reviewed) in one place. */
#include "sql.h"

#include <stddef.h>

/* Columns of the show object, shared by show and list: a compile-time
 * constant, never built at run time. */
#define DSC_SQL_REQUEST_COLUMNS                                                \
  "r.id, a.code, r.state, r.channel, r.received_on, r.clock_start, "           \
  "r.due_on, r.extended_days, r.paused_workdays, "                             \
  "r.supplement_notice_due_on, r.hold, r.hold_since, r.hold_lapses_on, "       \
  "r.applicant_type, r.applicant_name, r.applicant_id_number, r.assignee, "    \
  "r.outcome, r.answered_on, r.closed_on, r.published_url, r.form, "           \
  "r.version, r.description, "                                                 \
  "(SELECT json_agg(json_build_array(e.action, e.on_date, "                    \
  "e.payload->'days', e.payload->'delivered_on') ORDER BY e.seq) "             \
  "FROM request_events e WHERE e.request_id = r.id) "

#define DSC_SQL_OPEN_STATES "('received', 'assigned', 'drafted', 'reviewed')"

/* The dashboard's counts (migration 0008): the folded counts and the
 * deltas not folded yet, summed by the reader. */
#define DSC_SQL_DASH_STATE_COUNTS                                              \
  "(SELECT state, hold, assignee, n FROM dsc_dash_states UNION ALL "           \
  "SELECT state, hold, assignee, n FROM dsc_dash_delta "                       \
  "WHERE state IS NOT NULL) c "
#define DSC_SQL_DASH_DUE_COUNTS                                                \
  "(SELECT due_on, assignee, escalated, n FROM dsc_dash_due UNION ALL "        \
  "SELECT due_on, assignee, escalated, n FROM dsc_dash_delta "                 \
  "WHERE state IS NOT NULL AND hold IS NULL) c "

/* How each request of agency $1 counts in the year $2 (CONTRACT §9): new
 * when received in it, carried in when received before and open on its
 * first day, under its outcome when closed (answered or withdrawn) in it,
 * carried out when still open at its end. A request closed in the year
 * without an outcome gets '' so that the checks catch it.
 *
 * parts reads three index-only ranges (migrations/0010) that together hold
 * exactly the year's requests: received in the year; received before and
 * closed since (only a request closed in a later calendar year than it was
 * received can be: the range repeats that partial index's predicate so the
 * planner may use it); received before and still open. Within a range new
 * and carried in are constants. Each range is counted (n, and h the sum of
 * a 64-bit hash of the ids) by applicant type, raw outcome, closed in the
 * year and carried out — plain columns and booleans, whose few distinct
 * values the planner can estimate, so that it aggregates in a hash table
 * rather than sorting a year of requests; the report's outcome is derived
 * from the few rows that come out (DSC_SQL_REPORT_OUTCOME). IDS adds the
 * store's array of ids. */
#define DSC_SQL_REPORT_FIRST "make_date($2::int, 1, 1)"
#define DSC_SQL_REPORT_LAST "make_date($2::int, 12, 31)"
#define DSC_SQL_REPORT_AGENCY "(SELECT id FROM agencies WHERE code = $1)"
#define DSC_SQL_REPORT_CLOSED_IN                                               \
  "r.closed_on BETWEEN " DSC_SQL_REPORT_FIRST " AND " DSC_SQL_REPORT_LAST
#define DSC_SQL_REPORT_CARRIED_OUT                                             \
  "(r.closed_on IS NULL OR r.closed_on > " DSC_SQL_REPORT_LAST ")"
#define DSC_SQL_REPORT_PARTS(IDS)                                              \
  "parts AS MATERIALIZED (SELECT r.applicant_type AS t, true AS is_new, "      \
  "false AS carried_in, r.outcome AS o, " DSC_SQL_REPORT_CLOSED_IN             \
  " AS closed_in, " DSC_SQL_REPORT_CARRIED_OUT " AS carried_out, "             \
  "count(*) AS n, sum(hashint8extended(r.id, 0)) AS h" IDS " "                 \
  "FROM requests r WHERE r.agency_id = " DSC_SQL_REPORT_AGENCY " "             \
  "AND r.received_on BETWEEN " DSC_SQL_REPORT_FIRST                            \
  " AND " DSC_SQL_REPORT_LAST " "                                              \
  "AND (r.closed_on IS NULL OR r.closed_on >= " DSC_SQL_REPORT_FIRST ") "      \
  "GROUP BY 1, 4, 5, 6 "                                                       \
  "UNION ALL SELECT r.applicant_type, false, true, "                           \
  "r.outcome, " DSC_SQL_REPORT_CLOSED_IN ", " DSC_SQL_REPORT_CARRIED_OUT       \
  ", count(*), "                                                               \
  "sum(hashint8extended(r.id, 0))" IDS " FROM requests r "                     \
  "WHERE r.agency_id = " DSC_SQL_REPORT_AGENCY " "                             \
  "AND r.received_on < " DSC_SQL_REPORT_FIRST " "                              \
  "AND r.closed_on >= " DSC_SQL_REPORT_FIRST " "                               \
  "AND r.closed_on IS NOT NULL "                                               \
  "AND extract(year FROM r.closed_on) > extract(year FROM r.received_on) "     \
  "GROUP BY 1, 4, 5, 6 "                                                       \
  "UNION ALL SELECT r.applicant_type, false, true, NULL::text, false, true, "  \
  "count(*), sum(hashint8extended(r.id, 0))" IDS " FROM requests r "           \
  "WHERE r.agency_id = " DSC_SQL_REPORT_AGENCY " "                             \
  "AND r.received_on < " DSC_SQL_REPORT_FIRST " AND r.closed_on IS NULL "      \
  "GROUP BY 1) "

/* A part's outcome in the report. */
#define DSC_SQL_REPORT_OUTCOME                                                 \
  "CASE WHEN parts.closed_in THEN coalesce(parts.o, '') END"

/* One row per class. */
#define DSC_SQL_REPORT_MERGED                                                  \
  "grp AS (SELECT t, is_new, carried_in, " DSC_SQL_REPORT_OUTCOME              \
  " AS outcome, carried_out, sum(n)::bigint AS n, sum(h) AS h FROM parts "     \
  "GROUP BY 1, 2, 3, 4, 5) "

/* A fingerprint of the classification: each class's count and sum of id
 * hashes, so the compilation is stored only if no request was added,
 * reclassified or swapped with another between reading and storing (a
 * change that keeps every count and sum has odds of about 2^-64). It
 * needs no order over the requests, hence no sort. */
#define DSC_SQL_REPORT_FINGERPRINT                                             \
  "md5(coalesce(string_agg(concat_ws(':', grp.t, grp.is_new, "                 \
  "grp.carried_in, coalesce(grp.outcome, '-'), grp.carried_out, grp.n, "       \
  "grp.h), ',' ORDER BY grp.t, grp.is_new, grp.carried_in, grp.outcome, "      \
  "grp.carried_out), ''))"

/* A compilation's classification, one row per request, from whichever
 * table holds it: annual_report_items before migration 0010,
 * annual_report_groups since (a compilation with rows in the latter has
 * none in the former, which is then not read; nor is it without a pair of
 * compilations to compare). REP is the compilation's id, MINE its rows of
 * annual_report_groups, SKIP the other compilation's, whose twins (same
 * class, count and id hash: the same requests) are left out on both
 * sides. */
#define DSC_SQL_REPORT_PER_REQUEST(REP, MINE, SKIP)                            \
  "SELECT i.request_id, i.applicant_type, i.is_new, i.carried_in, "            \
  "i.outcome, i.carried_out FROM annual_report_items i "                       \
  "WHERE i.report_id = (SELECT " REP " FROM pair) "                            \
  "AND EXISTS (SELECT 1 FROM pair) AND NOT EXISTS (SELECT 1 FROM " MINE ") "   \
  "UNION ALL "                                                                 \
  "SELECT unnest(g.request_ids), g.applicant_type, g.is_new, "                 \
  "g.carried_in, g.outcome, g.carried_out FROM " MINE " g "                    \
  "WHERE NOT EXISTS (SELECT 1 FROM " SKIP " x WHERE "                          \
  "(x.applicant_type, x.is_new, x.carried_in, x.carried_out, "                 \
  "x.request_count, x.id_hash) = (g.applicant_type, g.is_new, "                \
  "g.carried_in, g.carried_out, g.request_count, g.id_hash) "                  \
  "AND x.outcome IS NOT DISTINCT FROM g.outcome)"

#define DSC_SQL_REPORT_PARTS_TALLY DSC_SQL_REPORT_PARTS("")
#define DSC_SQL_REPORT_NEW DSC_SQL_REPORT_PER_REQUEST("new_id", "ng", "og")
#define DSC_SQL_REPORT_OLD DSC_SQL_REPORT_PER_REQUEST("old_id", "og", "ng")

static const dsc_sql_t registry[DSC_SQL__COUNT] = {
    [DSC_SQL_SESSION_SETUP] =
        {"dsc_session_setup_v1", 0,
         /* Dates as YYYY-MM-DD and timestamps in the business time zone,
          * whatever the server's defaults (DESIGN principle 10). */
         "SELECT set_config('DateStyle', 'ISO, YMD', false), "
         "set_config('TimeZone', 'Asia/Shanghai', false)"},

    [DSC_SQL_PING] = {"dsc_ping_v1", 0, "SELECT 1"},

    /* Daemons hear `calendar import` (and, later, other changes) at once
     * rather than at their next timer tick. */
    [DSC_SQL_LISTEN] = {"dsc_listen_v1", 0, "LISTEN disclose"},

    [DSC_SQL_SUBMIT] =
        {"dsc_submit_v5", 19,
         /* One statement for a whole group commit (migrations/0012,
          * dsc_w_submit, wraps dsc_submit_v4): every parameter but $3 is
          * an array with one element per submission, and the answer is one
          * row per submission in the same order: the agency's id, the
          * actor's roles, the new id, and for a replayed idempotency key
          * the first id. A missing agency or an actor without the role
          * inserts nothing and raises nothing; the database refuses an
          * actor who is not the connected staff member. */
         "SELECT * FROM dsc_w_submit("
         "$1, $2, $3, $4, $5, $6, $7, $8, $9, "
         "$10, $11, $12, $13, $14, $15, $16, $17, $18, $19)"},

    [DSC_SQL_ACTION_READ] =
        {"dsc_action_read_v2", 3,
         /* Always one row: a NULL id means no such request, NULL roles no
          * such (active) staff member. */
         "SELECT " DSC_SQL_ROW_COLUMNS ", "
         "(SELECT roles FROM staff WHERE login = $2 AND active), "
         "(SELECT roles FROM staff WHERE login = $3 AND active) "
         "FROM (SELECT 1) AS one LEFT JOIN requests r ON r.id = $1"},

    [DSC_SQL_TRANSITION] =
        {"dsc_transition_v3", 25,
         /* One request's new snapshot and event, in one statement that
          * checks the version: dsc_transition_many_v2 for one row. No row
          * back means a concurrent change: the caller reports a conflict.
          * The database checks the change (migrations/0012). */
         "SELECT seq FROM dsc_w_transition_many(ARRAY[$1::bigint], "
         "ARRAY[$2::int], ARRAY[$3::text], ARRAY[$4::text], ARRAY[$5::date], "
         "ARRAY[$6::date], ARRAY[$7::text], ARRAY[$8::text], "
         "ARRAY[$9::text], ARRAY[$10::date], ARRAY[$11::date], "
         "ARRAY[$12::text], ARRAY[$13::text], ARRAY[$14::text], "
         "ARRAY[$15::date], ARRAY[$16::jsonb], ARRAY[$17::date], "
         "ARRAY[$18::date], ARRAY[$19::int], ARRAY[$20::int], "
         "ARRAY[$21::date], ARRAY[$22::bigint], ARRAY[$23::bigint], "
         "ARRAY[$24::date], ARRAY[$25::smallint])"},

    [DSC_SQL_TRANSITION_MANY] =
        {"dsc_transition_many_v2", 25,
         /* The writes of several requests at once (pgloop.h,
          * dsc__pg_batch_add_row; migrations/0012, dsc_w_transition_many,
          * wraps dsc_transition_many_v1): each parameter an array, element
          * i for the i-th request, never one request twice. The version
          * check is per row; a row back, led by its position, for each
          * request written, none for a conflict. Triggers check each change
          * against the transition table and the connected identity. */
         "SELECT n, seq FROM dsc_w_transition_many($1, $2, $3, $4, $5, $6, "
         "$7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, $20, "
         "$21, $22, $23, $24, $25)"},

    [DSC_SQL_ACTION_READ_MANY] =
        {"dsc_action_read_many_v2", 3,
         /* dsc_action_read_v2 for the actions of a loop turn: request ids,
          * actors and assignment targets as arrays, one row back per
          * element, led by its position (from 1). */
         "SELECT q.n, " DSC_SQL_ROW_COLUMNS ", "
         "(SELECT roles FROM staff WHERE login = q.actor AND active), "
         "(SELECT roles FROM staff WHERE login = q.target AND active), "
         "(SELECT supplement_reply_days FROM agencies WHERE id = r.agency_id) "
         "FROM unnest($1::bigint[], $2::text[], $3::text[]) WITH ORDINALITY "
         "AS q(id, actor, target, n) LEFT JOIN requests r ON r.id = q.id"},

    [DSC_SQL_CLOCK_STAMP] =
        {"dsc_clock_stamp_v2", 3,
         /* A re-derivation that moved nothing: only the generation. */
         "SELECT * FROM dsc_w_clock_stamp($1, $2, $3)"},

    [DSC_SQL_APPLICANT_ORDINAL] =
        {"dsc_applicant_ordinal_v3", 1,
         /* 国办函〔2020〕109号 Art. 4 counts "同一申请人一个自然月内累计申请":
          * this request's number among the same applicant's applications
          * to the same agency received in its calendar month. The same
          * applicant is the same identity number (resident identity number
          * or unified social credit code), never the same name: 0 when the
          * request has none, which the engine reads as a count that cannot
          * be established (DSC_FEE_ORDINAL_UNKNOWN, D14). A function of
          * migrations/0012, so that the count is the agency's whatever the
          * asker may read; by identity only since migrations/0015 (v2
          * matched a request without one by type and name). */
         "SELECT dsc_applicant_ordinal($1)"},

    [DSC_SQL_DUPLICATE_OF] =
        {"dsc_duplicate_of_v1", 2,
         /* 条例 Art. 36(六): whether request $2 is another application of
          * request $1's applicant (the same identity number, the same
          * agency) that was answered — four booleans, nothing of $2
          * itself. A function of migrations/0017, run with the writer's
          * rights, so that a handler may name a request handled by
          * someone else; no row when the asker may not read $1. */
         "SELECT found, identified, same_applicant, answered "
         "FROM dsc_duplicate_of($1, $2)"},

    [DSC_SQL_QUOTE_READ] =
        {"dsc_quote_read_v1", 2,
         "SELECT (SELECT id FROM requests WHERE id = $1), "
         "(SELECT roles FROM staff WHERE login = $2 AND active)"},

    [DSC_SQL_CALENDAR_GENERATION] = {"dsc_calendar_generation_v1", 0,
                                     "SELECT generation FROM calendar_state"},

    /* The deadline worker's pages (engine/ops/sweep.c): each an exact range of
     * a partial index of migrations/0009, read in the index's order and
     * keyset-paged on its whole key, so a pass reads its candidates and
     * nothing else. */
    [DSC_SQL_SWEEP_STALE] =
        {"dsc_sweep_stale_v2", 3,
         /* Computed with a calendar older than generation $1 (0: never);
          * generations only grow. After ($2, $3). */
         "SELECT " DSC_SQL_ROW_COLUMNS "FROM requests r "
         "WHERE r.state IN " DSC_SQL_OPEN_STATES
         " AND r.calendar_generation < $1::bigint "
         "AND (r.calendar_generation, r.id) > ($2::bigint, $3::bigint) "
         "ORDER BY r.calendar_generation, r.id LIMIT 200"},

    [DSC_SQL_SWEEP_LAPSES] =
        {"dsc_sweep_lapses_v2", 3,
         /* Holds that lapsed before today $1. After ($2, $3). */
         "SELECT " DSC_SQL_ROW_COLUMNS "FROM requests r "
         "WHERE r.state IN " DSC_SQL_OPEN_STATES
         " AND r.hold IS NOT NULL AND r.hold_lapses_on < $1::date "
         "AND (r.hold_lapses_on, r.id) > ($2::date, $3::bigint) "
         "ORDER BY r.hold_lapses_on, r.id LIMIT 200"},

    [DSC_SQL_SWEEP_ESCALATE] =
        {"dsc_sweep_escalate_v3", 4,
         /* The requests at escalation level $1 due on or before $2: level
          * 0 up to the due-soon threshold, level 1 up to yesterday (now
          * overdue). Each is one exact range of
          * requests_open_escalation_level, so the requests escalated as
          * due soon and not yet overdue are never read. The page's ids
          * come first, from an index-only scan of it; then the rows, by
          * id. Read in one step, a generic plan may rather walk
          * requests_open_by_due over both levels and filter (it costs the
          * two alike: it cannot know that the requests due soon are mostly
          * escalated already); joined, a small table is hashed whole.
          * `escalation < 2` lets a generic plan prove the partial index's
          * predicate. After ($3, $4). */
         "SELECT " DSC_SQL_ROW_COLUMNS "FROM requests r "
         "WHERE r.id = ANY (ARRAY(SELECT k.id FROM requests k "
         "WHERE k.state IN " DSC_SQL_OPEN_STATES
         " AND k.hold IS NULL AND k.escalation < 2 "
         "AND k.escalation = $1::smallint AND k.due_on <= $2::date "
         "AND (k.due_on, k.id) > ($3::date, $4::bigint) "
         "ORDER BY k.due_on, k.id LIMIT 200)) "
         "ORDER BY r.due_on, r.id"},

    /* `calendar import` (engine/ops/calendar_import.c): one transaction. */
    [DSC_SQL_CALENDAR_DELETE_YEARS] =
        {"dsc_calendar_delete_years_v2", 2,
         "SELECT dsc_w_calendar_delete_years($1, $2)"},

    [DSC_SQL_CALENDAR_UPSERT_DAYS] =
        {"dsc_calendar_upsert_days_v2", 4,
         "SELECT dsc_w_calendar_upsert_days($1, $2, $3, $4)"},

    [DSC_SQL_CALENDAR_UPSERT_YEARS] =
        {"dsc_calendar_upsert_years_v2", 3,
         "SELECT dsc_w_calendar_upsert_years($1, $2, $3)"},

    [DSC_SQL_CALENDAR_BUMP] =
        {"dsc_calendar_bump_v2", 1,
         /* Daemons listening on `disclose` reload the calendar. */
         "SELECT generation, notified FROM dsc_w_calendar_bump($1)"},

    /* The dashboard (engine/ops/dashboard.c): sums of the counts the
     * triggers of migration 0008 keep, never an aggregate over the
     * requests themselves. */
    [DSC_SQL_DASH_STATES] = {"dsc_dash_states_v3", 0,
                             "SELECT state, hold, assignee, sum(n), "
                             "(SELECT name FROM staff WHERE login = assignee) "
                             "FROM " DSC_SQL_DASH_STATE_COUNTS
                             "GROUP BY state, hold, assignee "
                             "HAVING sum(n) <> 0"},

    [DSC_SQL_DASH_DUE] = {"dsc_dash_due_v2", 0,
                          "SELECT due_on, assignee, sum(n) "
                          "FROM " DSC_SQL_DASH_DUE_COUNTS
                          "GROUP BY due_on, assignee HAVING sum(n) <> 0"},

    [DSC_SQL_DASH_OVERDUE] =
        {"dsc_dash_overdue_v4", 1,
         /* Those the deadline worker escalated as overdue from the index
          * requests_open_overdue alone; the others (overdue since its last
          * pass) at the due dates where the counts say some are. */
         "SELECT r.id, r.assignee, r.due_on, s.name FROM ("
         "SELECT id, assignee, due_on FROM requests "
         "WHERE escalation = 2 AND hold IS NULL AND state "
         "IN " DSC_SQL_OPEN_STATES " AND due_on < $1::date "
         "UNION ALL SELECT id, assignee, due_on FROM requests "
         "WHERE escalation < 2 AND hold IS NULL AND state "
         "IN " DSC_SQL_OPEN_STATES " AND due_on = ANY (ARRAY(SELECT due_on "
         "FROM " DSC_SQL_DASH_DUE_COUNTS "WHERE NOT escalated "
         "AND due_on < $1::date GROUP BY due_on HAVING sum(n) > 0))) r "
         "LEFT JOIN staff s ON s.login = r.assignee "
         "ORDER BY r.due_on, r.id"},

    [DSC_SQL_DASH_ANSWERED] =
        {"dsc_dash_answered_v2", 2,
         "SELECT clock_start, answered_on, paused_workdays, on_time, sum(n) "
         "FROM (SELECT answered_on, clock_start, paused_workdays, on_time, n "
         "FROM dsc_dash_answered UNION ALL SELECT answered_on, clock_start, "
         "paused_workdays, on_time, n FROM dsc_dash_delta "
         "WHERE answered_on IS NOT NULL) c "
         "WHERE answered_on BETWEEN $1::date AND $2::date "
         "GROUP BY 1, 2, 3, 4 HAVING sum(n) <> 0"},

    [DSC_SQL_DASH_UNDELIVERED] =
        {"dsc_dash_undelivered_v1", 0,
         /* Letters whose receipt is not recorded, so that their windows
          * have not begun (Art. 32, 34, 109号), from the partial index
          * requests_undelivered (migration 0013). */
         "SELECT r.id, r.hold, r.hold_since, r.assignee FROM requests r "
         "WHERE r.hold IN ('third_party', 'other_agency', 'fee') "
         "AND r.hold_lapses_on IS NULL ORDER BY r.id LIMIT 1000"},

    /* The annual report (engine/ops/report_compile.c). */
    [DSC_SQL_REPORT_READ] =
        {"dsc_report_read_v1", 3,
         "SELECT a.id, a.name, "
         "(SELECT roles FROM staff WHERE login = $3 AND active), "
         "(SELECT count(*) FROM annual_reports x WHERE x.agency_id = a.id "
         "AND x.year = $2::int), "
         "(SELECT report FROM annual_reports x WHERE x.agency_id = a.id "
         "AND x.year = $2::int ORDER BY id DESC LIMIT 1), "
         "(SELECT report FROM annual_reports x WHERE x.agency_id = a.id "
         "AND x.year = $2::int ORDER BY id DESC LIMIT 1 OFFSET 1), "
         "(SELECT report FROM annual_reports x WHERE x.agency_id = a.id "
         "AND x.year = $2::int - 1 ORDER BY id DESC LIMIT 1) "
         "FROM (SELECT 1) AS one LEFT JOIN agencies a ON a.code = $1"},

    [DSC_SQL_REPORT_NOJIT] =
        {"dsc_report_nojit_v1", 0,
         /* For the rest of the batch's transaction: compiling the report's
          * aggregates to machine code took 0.1 to 1.5 s, longer than
          * running them (issue 5). */
         "SELECT set_config('jit', 'off', true)"},

    [DSC_SQL_REPORT_TALLY] =
        {"dsc_report_tally_v1", 2,
         /* One pass: the classes, then the 总计 column counted on its own
          * by the database (per outcome, and the year's totals), not summed
          * from the applicant columns, so that the row-total checks test
          * something; every row also carries the fingerprint. */
         "WITH " DSC_SQL_REPORT_PARTS_TALLY ", " DSC_SQL_REPORT_MERGED
         "SELECT grouping(t), grouping(outcome), t, is_new, carried_in, "
         "outcome, carried_out, sum(n)::bigint, "
         "coalesce(sum(n) FILTER (WHERE is_new), 0)::bigint, "
         "coalesce(sum(n) FILTER (WHERE carried_in), 0)::bigint, "
         "coalesce(sum(n) FILTER (WHERE carried_out), 0)::bigint, "
         "coalesce(sum(n) FILTER (WHERE outcome IS NOT NULL), 0)::bigint, "
         "(SELECT " DSC_SQL_REPORT_FINGERPRINT " FROM grp) FROM grp "
         "GROUP BY GROUPING SETS ((t, is_new, carried_in, outcome, "
         "carried_out), (outcome), ())"},

    [DSC_SQL_REPORT_APPEALS] =
        {"dsc_report_appeals_v2", 3,
         /* An appeal counts under its result in the year it was decided,
          * and as pending at the end of every year it was open; by its
          * agency, since an appeal about the agency's work as a whole has
          * no request (migrations/0016). */
         "SELECT ap.kind, "
         "count(*) FILTER (WHERE ap.decided_on BETWEEN $2::date AND $3::date "
         "AND ap.result = 'upheld'), "
         "count(*) FILTER (WHERE ap.decided_on BETWEEN $2::date AND $3::date "
         "AND ap.result = 'corrected'), "
         "count(*) FILTER (WHERE ap.decided_on BETWEEN $2::date AND $3::date "
         "AND ap.result = 'other'), "
         "count(*) FILTER (WHERE ap.filed_on <= $3::date AND "
         "(ap.decided_on IS NULL OR ap.decided_on > $3::date)), "
         "count(*) FILTER (WHERE ap.decided_on BETWEEN $2::date AND $3::date "
         "OR (ap.filed_on <= $3::date AND "
         "(ap.decided_on IS NULL OR ap.decided_on > $3::date))) "
         "FROM appeals ap JOIN agencies a ON a.id = ap.agency_id "
         "AND a.code = $1 GROUP BY ap.kind"},

    [DSC_SQL_REPORT_FEES] =
        {"dsc_report_fees_v2", 3,
         /* Fees paid in the year, each at the amount of the notice it
          * paid: a request may have had more than one notice. */
         "SELECT count(*), coalesce(sum((SELECT round((n.payload->>'amount')"
         "::numeric * 100) FROM request_events n "
         "WHERE n.request_id = p.request_id AND n.action = 'fee-notice' "
         "AND n.seq < p.seq ORDER BY n.seq DESC LIMIT 1)), 0)::bigint "
         "FROM request_events p JOIN requests r ON r.id = p.request_id "
         "JOIN agencies a ON a.id = r.agency_id AND a.code = $1 "
         "WHERE p.action = 'fee-paid' "
         "AND p.on_date BETWEEN $2::date AND $3::date"},

    [DSC_SQL_REPORT_STORE] =
        {"dsc_report_store_v3", 5,
         /* Stored only if the fingerprint is still the one read ($5):
          * migrations/0012, dsc_w_report_store, wraps dsc_report_store_v2,
          * which was DSC_SQL_REPORT_PARTS with the ids of each class. */
         "SELECT * FROM dsc_w_report_store($1, $2, $3, $4, $5)"},

    [DSC_SQL_REPORT_MOVED] =
        {"dsc_report_moved_v2", 2,
         /* Requests counted differently by the two newest compilations,
          * each stored in either form. */
         "WITH ids AS (SELECT x.id FROM annual_reports x JOIN agencies a "
         "ON a.id = x.agency_id AND a.code = $1 WHERE x.year = $2::int "
         "ORDER BY x.id DESC LIMIT 2), "
         "pair AS (SELECT max(id) AS new_id, min(id) AS old_id FROM ids "
         "HAVING count(*) = 2), "
         "ng AS (SELECT * FROM annual_report_groups "
         "WHERE report_id = (SELECT new_id FROM pair)), "
         "og AS (SELECT * FROM annual_report_groups "
         "WHERE report_id = (SELECT old_id FROM pair)), "
         "n AS (" DSC_SQL_REPORT_NEW "), o AS (" DSC_SQL_REPORT_OLD ") "
         "SELECT coalesce(n.request_id, o.request_id), "
         "o.applicant_type, o.is_new, o.carried_in, o.outcome, o.carried_out, "
         "n.applicant_type, n.is_new, n.carried_in, n.outcome, n.carried_out "
         "FROM n FULL JOIN o ON o.request_id = n.request_id "
         "WHERE o.request_id IS NULL OR n.request_id IS NULL "
         "OR (o.applicant_type, o.is_new, o.carried_in, o.outcome, "
         "o.carried_out) IS DISTINCT FROM (n.applicant_type, n.is_new, "
         "n.carried_in, n.outcome, n.carried_out) "
         "ORDER BY 1 LIMIT 200"},

    [DSC_SQL_REPORT_FEE_NOTICES] =
        {"dsc_report_fee_notices_v1", 3,
         /* Fee notices issued in the year, each at its own amount
          * (section 六 reports them beside the fees paid). */
         "SELECT count(*), coalesce(sum(round((n.payload->>'amount')"
         "::numeric * 100)), 0)::bigint "
         "FROM request_events n JOIN requests r ON r.id = n.request_id "
         "JOIN agencies a ON a.id = r.agency_id AND a.code = $1 "
         "WHERE n.action = 'fee-notice' "
         "AND n.on_date BETWEEN $2::date AND $3::date"},

    [DSC_SQL_REPORT_SECTIONS] =
        {"dsc_report_sections_v1", 2,
         /* The newest entry of each section-二 figure and of each text of
          * agency $1's year $2 (migrations/0016): kind, key, value,
          * section, entered_by, entered_at. */
         "SELECT 'active', x.key, x.value, NULL::int, x.entered_by, "
         "x.entered_at FROM (SELECT DISTINCT ON (e.key) e.key, e.value, "
         "e.entered_by, e.entered_at FROM report_active_entries e "
         "JOIN agencies a ON a.id = e.agency_id AND a.code = $1 "
         "WHERE e.year = $2::int ORDER BY e.key, e.id DESC) x "
         "UNION ALL SELECT 'text', NULL, y.body, y.section, y.entered_by, "
         "y.entered_at FROM (SELECT DISTINCT ON (t.section) t.section, "
         "t.body, t.entered_by, t.entered_at FROM report_text_entries t "
         "JOIN agencies a ON a.id = t.agency_id AND a.code = $1 "
         "WHERE t.year = $2::int ORDER BY t.section, t.id DESC) y "
         "ORDER BY 1, 2, 4"},

    [DSC_SQL_REPORT_ACTIVE_SET] =
        {"dsc_report_active_set_v1", 5,
         "SELECT * FROM dsc_w_report_active_set($1, $2::int, $3::text[], "
         "$4::text[], $5)"},

    [DSC_SQL_REPORT_TEXT_SET] =
        {"dsc_report_text_set_v1", 5,
         "SELECT * FROM dsc_w_report_text_set($1, $2::int, $3::int, $4, "
         "$5)"},

    [DSC_SQL_AGENCY_ACTOR_READ] =
        {"dsc_agency_actor_read_v1", 2,
         /* The agency $1 (NULL when there is none) and the roles of the
          * actor $2 (NULL when not an active member). */
         "SELECT a.id, (SELECT roles FROM staff WHERE login = $2 AND active) "
         "FROM (SELECT 1) AS one LEFT JOIN agencies a ON a.code = $1"},

    [DSC_SQL_STATS_DUE] =
        {"dsc_stats_due_v1", 1,
         /* Ended years without a stored compilation, per agency, from the
          * first year that holds a request of the agency. */
         "SELECT a.code, y FROM agencies a, LATERAL generate_series("
         "(SELECT extract(year FROM min(received_on))::int FROM requests r "
         "WHERE r.agency_id = a.id), $1::int - 1) AS y "
         "WHERE NOT EXISTS (SELECT 1 FROM annual_reports x "
         "WHERE x.agency_id = a.id AND x.year = y) ORDER BY a.code, y"},

    /* `disclose verify` (engine/ops/verify.c). */
    [DSC_SQL_VERIFY_COUNTS] = {"dsc_verify_counts_v1", 0,
                               "SELECT (SELECT count(*) FROM request_events), "
                               "(SELECT count(*) FROM requests)"},

    [DSC_SQL_VERIFY_CHAIN] =
        {"dsc_verify_chain_v1", 0,
         /* The first event, in request and seq order, whose seq is not the
          * next one or whose stored hash is not the hash of its content
          * chained to the stored hash before it. */
         "SELECT request_id, seq, reason FROM (SELECT e.request_id, e.seq, "
         "CASE WHEN e.seq <> row_number() OVER w THEN 'gap' "
         "WHEN e.hash IS DISTINCT FROM dsc_event_hash(lag(e.hash) OVER w, "
         "e.request_id, e.seq, e.action, e.state, e.actor, e.on_date, e.at, "
         "e.payload) THEN 'hash' END AS reason "
         "FROM request_events e "
         "WINDOW w AS (PARTITION BY e.request_id ORDER BY e.seq)) x "
         "WHERE reason IS NOT NULL ORDER BY request_id, seq LIMIT 1"},

    [DSC_SQL_VERIFY_LETTERS] =
        {"dsc_verify_letters_v1", 0,
         /* The first issued letter (migrations/0021) whose text is not what
          * its digest says ('letter'), or whose index row disagrees with its
          * event ('index': number, kind, date or digest, a letter event
          * without its row, a row without its letter event). The chain
          * covers the events; this covers their index. */
         "SELECT request_id, seq, reason FROM (SELECT coalesce(e.request_id, "
         "l.request_id) AS request_id, coalesce(e.seq, l.seq) AS seq, "
         "CASE WHEN e.request_id IS NULL THEN 'index' "
         "WHEN encode(sha256(convert_to(e.payload->>'text', 'UTF8')), 'hex') "
         "IS DISTINCT FROM e.payload->>'sha256' THEN 'letter' "
         "WHEN l.request_id IS NULL OR (l.number, l.kind, l.letter_date, "
         "l.sha256) IS DISTINCT FROM (e.payload->>'number', "
         "e.payload->>'kind', e.on_date, e.payload->>'sha256') THEN 'index' "
         "END AS reason FROM (SELECT * FROM request_events WHERE action = "
         "'letter') e FULL JOIN letters l ON l.request_id = e.request_id AND "
         "l.seq = e.seq) x "
         "WHERE reason IS NOT NULL ORDER BY request_id, seq LIMIT 1"},

    [DSC_SQL_CALENDAR_YEARS] =
        {"dsc_calendar_years_v1", 0,
         "SELECT y.year, s.generation FROM calendar_years y, calendar_state s "
         "ORDER BY y.year"},

    [DSC_SQL_CALENDAR_DAYS] = {"dsc_calendar_days_v1", 0,
                               "SELECT day, kind FROM calendar_days "
                               "ORDER BY day"},

    [DSC_SQL_SHOW_REQUEST] = {"dsc_show_request_v2", 1,
                              "SELECT " DSC_SQL_REQUEST_COLUMNS
                              "FROM requests r JOIN agencies a ON "
                              "a.id = r.agency_id WHERE r.id = $1"},

    [DSC_SQL_SHOW_EVENTS] =
        {"dsc_show_events_v2", 1,
         /* A letter's event shows its number and digest; its text is
          * `disclose letter`'s to print (the record keeps it whole). */
         "SELECT seq, action, state, actor, on_date, "
         "to_char(at AT TIME ZONE 'Asia/Shanghai', "
         "'YYYY-MM-DD\"T\"HH24:MI:SS\"+08:00\"'), CASE WHEN action = "
         "'letter' THEN payload - 'text' - 'fields' ELSE payload END "
         "FROM request_events WHERE request_id = $1 ORDER BY seq"},

    [DSC_SQL_LIST] =
        {"dsc_list_v3", 7,
         /* The date filters narrow by the stored due date; the engine then
          * decides each row exactly with the calendar (working days left,
          * holds). A request on hold is neither overdue nor due soon. */
         "SELECT " DSC_SQL_REQUEST_COLUMNS
         "FROM requests r JOIN agencies a ON a.id = r.agency_id "
         "WHERE ($1::text IS NULL OR r.state = $1) "
         "AND ($2::text IS NULL OR r.assignee = $2) "
         "AND (NOT $3::boolean OR (r.state IN " DSC_SQL_OPEN_STATES
         " AND r.hold IS NULL AND r.due_on < $4::date)) "
         "AND (NOT $5::boolean OR (r.state IN " DSC_SQL_OPEN_STATES
         " AND r.hold IS NULL AND r.due_on >= $4::date)) "
         /* A keyset page: after id $6, at most $7 rows. */
         "AND r.id > $6::bigint ORDER BY r.id LIMIT $7::int"},

    [DSC_SQL_STAFF_ROLES] = {"dsc_staff_roles_v1", 1,
                             "SELECT roles FROM staff WHERE login = $1 AND "
                             "active"},

    [DSC_SQL_STAFF_ADD] =
        {"dsc_staff_add_v2", 4,
         /* The staff row and its database login (migrations/0012). */
         "SELECT * FROM dsc_w_staff_add($1, $2, $3::text[], $4)"},

    [DSC_SQL_AGENCY_ADD] = {"dsc_agency_add_v2", 3,
                            "SELECT * FROM dsc_w_agency_add($1, $2, $3)"},

    [DSC_SQL_APPEAL_FILE] =
        {"dsc_appeal_file_v3", 10,
         /* A request's appeal is part of its history: the request's
          * version moves and an event records it, in one statement; an
          * appeal about the agency's work ($1 NULL) names the agency $10
          * (migrations/0016, dsc_w_appeal_file). */
         "SELECT * FROM dsc_w_appeal_file($1, $2, $3, $4, $5, $6, $7, $8, "
         "$9, $10)"},

    [DSC_SQL_APPEAL_READ] =
        {"dsc_appeal_read_v1", 2,
         "SELECT ap.id, ap.request_id, ap.kind, ap.filed_on, ap.result, "
         "r.version, r.state, "
         "(SELECT e.on_date FROM request_events e WHERE e.request_id = r.id "
         "ORDER BY e.seq DESC LIMIT 1), "
         "(SELECT roles FROM staff WHERE login = $2 AND active) "
         "FROM (SELECT 1) AS one LEFT JOIN appeals ap ON ap.id = $1 "
         "LEFT JOIN requests r ON r.id = ap.request_id"},

    [DSC_SQL_APPEAL_DECIDE] =
        {"dsc_appeal_decide_v3", 7,
         /* The version check and the "not yet decided" check guard the
          * same statement, so a decision is recorded at most once. */
         "SELECT * FROM dsc_w_appeal_decide($1, $2, $3, $4, $5, $6, $7)"},

    [DSC_SQL_STAFF_SET_ROLES] =
        {"dsc_staff_set_roles_v1", 3,
         "SELECT * FROM dsc_w_staff_roles($1, $2::text[], $3)"},

    [DSC_SQL_STAFF_DISABLE] = {"dsc_staff_disable_v1", 2,
                               "SELECT * FROM dsc_w_staff_disable($1, $2)"},

    [DSC_SQL_WHOAMI] =
        {"dsc_whoami_v2", 0,
         /* Who the database says is connected, and the server's business
          * date (migrations/0012). */
         "SELECT session_user, dsc_whoami(), dsc_business_today()"},

    [DSC_SQL_AGENCY_SET] = {"dsc_agency_set_v1", 3,
                            "SELECT * FROM dsc_w_agency_set($1, $2::int, $3)"},
    [DSC_SQL_AGENCY_SET_SUPPLEMENT] =
        {"dsc_agency_set_supplement_v1", 3,
         /* The applicant's default reply window (migrations/0019). */
         "SELECT * FROM dsc_w_agency_set_supplement($1, $2::int, $3)"},
    [DSC_SQL_AGENCY_SET_LETTER] =
        {"dsc_agency_set_letter_v1", 4,
         /* One of what the agency's letters say of it (migrations/0020). */
         "SELECT * FROM dsc_w_agency_set_letter($1, $2, $3, $4)"},

    [DSC_SQL_AGENCY_REQUIRE_LETTER] =
        {"dsc_agency_require_letter_v1", 3,
         /* Whether an answer waits for its letter (migrations/0021). */
         "SELECT * FROM dsc_w_agency_require_letter($1, $2::boolean, $3)"},

    [DSC_SQL_LETTER_READ] =
        {"dsc_letter_read_v1", 2,
         /* Always one row: what a letter of request $1 may say (letter_read.c
          * names the columns), the roles of $2, the events that letters
          * report (their payloads without the letters' own text), and the
          * answer letter of the request a duplicate repeats. */
         "SELECT r.id, r.version, r.state, r.hold, r.hold_lapses_on, "
         "r.last_on, r.outcome, r.channel, r.form, r.received_on, "
         "r.applicant_name, r.description, r.due_on, r.fee_amount_fen, "
         "a.full_name, a.short_name, a.address, a.phone, a.contact, "
         "a.seal_caption, a.reconsideration_body, a.court, a.fee_payment, "
         "(SELECT roles FROM staff WHERE login = $2 AND active), "
         "(SELECT jsonb_agg(jsonb_build_object('seq', e.seq, 'action', "
         "e.action, 'on', e.on_date, 'actor_name', s.name, 'payload', CASE "
         "WHEN e.action = 'letter' THEN e.payload - 'text' - 'fields' ELSE "
         "e.payload END) ORDER BY e.seq) FROM request_events "
         "e LEFT JOIN staff s ON s.login = e.actor WHERE e.request_id = r.id "
         "AND e.action IN ('draft', 'request-supplement', 'extend', "
         "'consult-third-party', 'fee-notice', 'lapse', 'letter')), "
         "(SELECT jsonb_build_object('number', l.number, 'date', "
         "l.letter_date) FROM letters l WHERE l.kind = 'answer' AND "
         "l.request_id = (SELECT (d.payload->>'duplicate_of')::bigint FROM "
         "request_events d WHERE d.request_id = r.id AND d.action = 'draft' "
         "ORDER BY d.seq DESC LIMIT 1) ORDER BY l.seq DESC LIMIT 1) "
         "FROM (SELECT 1) AS one LEFT JOIN requests r ON r.id = $1 "
         "LEFT JOIN agencies a ON a.id = r.agency_id"},

    [DSC_SQL_LETTER_ISSUE] =
        {"dsc_letter_issue_v1", 9,
         /* Numbers, stores and digests the letter in one statement that
          * checks the version (migrations/0021). No row: a concurrent
          * change. */
         "SELECT * FROM dsc_w_letter_issue($1::bigint, $2::int, $3, "
         "$4::date, $5, $6, $7, $8::jsonb, $9)"},

    [DSC_SQL_LETTER_DELIVER_READ] =
        {"dsc_letter_deliver_read_v1", 2,
         /* Always one row: the request's version, state and last date, the
          * roles of $2, and its letters. */
         "SELECT r.id, r.version, r.state, r.last_on, "
         "(SELECT roles FROM staff WHERE login = $2 AND active), "
         "(SELECT jsonb_agg(jsonb_build_object('number', l.number, 'kind', "
         "l.kind, 'date', l.letter_date, 'delivered_on', l.delivered_on) "
         "ORDER BY l.seq) FROM letters l WHERE l.request_id = r.id) "
         "FROM (SELECT 1) AS one LEFT JOIN requests r ON r.id = $1"},

    [DSC_SQL_LETTER_DELIVER] =
        {"dsc_letter_deliver_v1", 7,
         "SELECT * FROM dsc_w_letter_deliver($1::bigint, $2::int, $3, "
         "$4::date, $5, $6, $7)"},

    [DSC_SQL_LETTER_UNDELIVERED] =
        {"dsc_letter_undelivered_v1", 1,
         /* The latest answer letter of each request, issued on or before
          * $1 and not delivered (the partial index letters_undelivered). */
         "SELECT l.request_id, l.number, l.letter_date FROM letters l "
         "WHERE l.kind = 'answer' AND l.delivered_on IS NULL "
         "AND l.letter_date <= $1::date AND NOT EXISTS (SELECT 1 FROM "
         "letters c WHERE c.request_id = l.request_id AND c.kind = 'answer' "
         "AND c.seq > l.seq) ORDER BY l.letter_date, l.request_id "
         "LIMIT 1000"},

    [DSC_SQL_LETTER_GET] =
        {"dsc_letter_get_v1", 2,
         /* An issued letter as stored: its event's payload, and its
          * delivery. No row: no such letter of the request (or a request
          * the reader may not see). */
         "SELECT e.payload, l.delivered_on, l.delivery_method, "
         "l.delivery_tracking FROM letters l JOIN request_events e ON "
         "e.request_id = l.request_id AND e.seq = l.seq "
         "WHERE l.request_id = $1 AND l.number = $2"},

    [DSC_SQL_SHOW_LETTERS] =
        {"dsc_show_letters_v1", 1,
         "SELECT kind, number, letter_date, sha256, corrects, delivered_on, "
         "delivery_method, delivery_tracking FROM letters "
         "WHERE request_id = $1 ORDER BY seq"},

    [DSC_SQL_MIGRATE_CHECK] =
        {"dsc_migrate_check_v1", 2,
         "SELECT checksum = encode(sha256(convert_to($2, 'UTF8')), 'hex') "
         "FROM dsc_schema_migrations WHERE name = $1"},

    [DSC_SQL_MIGRATE_RECORD] =
        {"dsc_migrate_record_v1", 2,
         "INSERT INTO dsc_schema_migrations (name, checksum) VALUES ($1, "
         "encode(sha256(convert_to($2, 'UTF8')), 'hex'))"},

    [DSC_SQL_MIGRATE_APPLIED] = {"dsc_migrate_applied_v1", 0,
                                 "SELECT name FROM dsc_schema_migrations "
                                 "ORDER BY name"},

    /* `disclose verify` since issue 11 (engine/verify*.c). */
    [DSC_SQL_VERIFY_EVENTS] =
        {"dsc_verify_page_v3", 1,
         /* dsc_verify_page_v1 with, per event, what the rules and the
          * late-entry check need: the actor, the review's decision, the
          * recording time in microseconds since 1970 (as the chain hashes
          * it, so it compares exactly with staff_history) and in Shanghai
          * time, and the operator who recorded it on the actor's behalf. */
         "SELECT " DSC_SQL_ROW_COLUMNS ", "
         "(SELECT json_agg(json_build_array(e.seq, e.action, e.state, "
         "e.on_date, e.payload->>'to', e.payload->>'outcome', "
         "e.payload->>'hold', e.actor, e.payload->>'decision', "
         "((extract(epoch FROM e.at) * 1000000)::bigint)::text, "
         "to_char(e.at AT TIME ZONE 'Asia/Shanghai', "
         "'YYYY-MM-DD\"T\"HH24:MI:SS\"+08:00\"'), e.payload->>'operator') "
         "ORDER BY e.seq) FROM request_events e WHERE e.request_id = r.id), "
         /* the agency's window for late entries (migrations/0012) */
         "(SELECT a.backdate_workdays FROM agencies a "
         "WHERE a.id = r.agency_id) "
         "FROM requests r WHERE r.id > $1::bigint ORDER BY r.id LIMIT 500"},

    [DSC_SQL_VERIFY_STAFF_TIMES] =
        {"dsc_verify_staff_times_v1", 0,
         /* Every staff member's roles through time (migration 0012), in
          * byte order of the login (the engine searches it with strcmp)
          * and then in time; ctid breaks a tie of one transaction's rows
          * in the order this append-only table received them. */
         "SELECT login, roles, active, CASE "
         "WHEN valid_from = '-infinity' THEN '-9223372036854775808' "
         "WHEN valid_from = 'infinity' THEN '9223372036854775807' "
         "ELSE ((extract(epoch FROM valid_from) * 1000000)::bigint)::text "
         "END FROM staff_history "
         "ORDER BY login COLLATE \"C\", valid_from, ctid"},

    [DSC_SQL_VERIFY_HEADS] =
        {"dsc_verify_heads_v1", 1,
         /* The last event of each request after $1, in id order: one
          * backward probe of the primary key per request, whatever the
          * snapshot says. */
         "SELECT r.id, h.seq, h.hash FROM requests r, LATERAL ("
         "SELECT e.seq, e.hash FROM request_events e "
         "WHERE e.request_id = r.id ORDER BY e.seq DESC LIMIT 1) h "
         "WHERE r.id > $1::bigint ORDER BY r.id LIMIT 1000"},

    [DSC_SQL_VERIFY_NOW] =
        {"dsc_verify_now_v1", 0,
         "SELECT to_char(now() AT TIME ZONE 'Asia/Shanghai', "
         "'YYYY-MM-DD\"T\"HH24:MI:SS\"+08:00\"'), current_database()"},

    [DSC_SQL_VERIFY_ANCHORED] =
        {"dsc_verify_anchored_v1", 3,
         /* The first anchored (request, seq, hash) whose event is missing
          * or holds another hash, by its position in the arrays. */
         "SELECT a.i, e.hash FROM unnest($1::bigint[], $2::int[], "
         "$3::text[]) WITH ORDINALITY AS a(request_id, seq, hash, i) "
         "LEFT JOIN request_events e ON e.request_id = a.request_id "
         "AND e.seq = a.seq WHERE e.hash IS DISTINCT FROM a.hash "
         "ORDER BY a.i LIMIT 1"},

    [DSC_SQL_PLAN_GENERIC] =
        {"dsc_plan_generic_v1", 0,
         /* For the rest of the transaction, prepared statements run on
          * their generic plans: the merged read of a turn's actions,
          * planned for its own ids at every execution, spent twice as long
          * planning as executing (docs/performance.md). */
         "SELECT set_config('plan_cache_mode', 'force_generic_plan', true)"},

    /* The HTTP API's sessions (migrations/0022, engine/ops/session.c). */
    [DSC_SQL_WEB_BIND] =
        {"dsc_web_bind_v1", 1,
         /* First in each batch that acts for a staff member through their
          * session: the token joins the transaction's `disclose.web`. */
         "SELECT dsc_web_bind($1)"},
    [DSC_SQL_WEB_LOGIN_GATE] = {"dsc_web_login_gate_v1", 2,
                                "SELECT dsc_web_login_gate($1, $2)"},
    [DSC_SQL_WEB_LOGIN_REFUSED] = {"dsc_web_login_refused_v1", 3,
                                   "SELECT dsc_web_login_refused($1, $2, $3)"},
    [DSC_SQL_WEB_SESSION_CHECK] =
        {"dsc_web_session_check_v1", 1,
         "SELECT id, login, name, roles, today, "
         "to_char(idle_expires_at AT TIME ZONE 'Asia/Shanghai', "
         "'YYYY-MM-DD\"T\"HH24:MI:SS\"+08:00\"'), "
         "to_char(expires_at AT TIME ZONE 'Asia/Shanghai', "
         "'YYYY-MM-DD\"T\"HH24:MI:SS\"+08:00\"') "
         "FROM dsc_web_session_check($1)"},
    [DSC_SQL_WEB_SESSION_END] = {"dsc_web_session_end_v1", 1,
                                 "SELECT dsc_web_session_end($1)"},
    [DSC_SQL_STAFF_PASSWORD] =
        {"dsc_staff_password_v1", 3,
         /* $2 is a SCRAM verifier made on the client (PQencryptPasswordConn):
          * the password itself is never a parameter. */
         "SELECT * FROM dsc_w_staff_password($1, $2, $3)"},
};

const dsc_sql_t *dsc__sql(dsc_sql_id_t id) {
  if ((unsigned)id >= DSC_SQL__COUNT)
    return NULL;
  return &registry[id];
}

/* Migrations serialise on one transaction-level advisory lock, so two
 * concurrent `migrate` runs apply each file once; the bookkeeping table is
 * created under the same lock. */
const char dsc__sql_migrate_begin[] =
    "BEGIN; SELECT pg_advisory_xact_lock(7201905150711); "
    "CREATE TABLE IF NOT EXISTS dsc_schema_migrations ("
    "name text PRIMARY KEY, checksum text NOT NULL, "
    "applied_at timestamptz NOT NULL DEFAULT now())";
const char dsc__sql_commit[] = "COMMIT";
const char dsc__sql_rollback[] = "ROLLBACK";
