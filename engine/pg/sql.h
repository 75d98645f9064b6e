/* The statement registry: every SQL text the engine runs at run time
 * (internal). STYLE practice 12: schema lives only in migrations/, runtime SQL
 * only here; parameters are always $n and no C code formats SQL. Each
 * statement is prepared once per connection under its stable name, so
 * server logs read `execute dsc_submit_v1`. */
#ifndef DSC_ENGINE_SQL_H
#define DSC_ENGINE_SQL_H

/* The columns of a request's snapshot row, in the order dsc__row_read
 * (ops/row.h) reads them, for a row aliased r: one table from which come
 * both the SQL list DSC_SQL_ROW_COLUMNS and the positions DSC_ROW_ID …
 * DSC_ROW_EVENTS, so that the list and its indexes cannot disagree and
 * callers (row.c, sweep.c) read a cell by name, never by number. XX(NAME,
 * column) is a column of requests; LAST(NAME, text) the one expression
 * that ends the list: the request's history as a JSON array of [action,
 * on_date, days, delivered_on] (the payload's "days" and "delivered_on",
 * or null). tests/tools/sql_golden.c checks, against the server, that
 * every statement that selects the list gets these columns in this order.
 */
#define DSC_ROW_COLUMN_MAP(XX, LAST)                                           \
  XX(ID, id)                                                                   \
  XX(VERSION, version)                                                         \
  XX(STATE, state)                                                             \
  XX(HOLD, hold)                                                               \
  XX(HOLD_SINCE, hold_since)                                                   \
  XX(HOLD_LAPSES_ON, hold_lapses_on)                                           \
  XX(ASSIGNEE, assignee)                                                       \
  XX(DRAFTER, drafter)                                                         \
  XX(OUTCOME, outcome)                                                         \
  XX(ANSWERED_ON, answered_on)                                                 \
  XX(CLOSED_ON, closed_on)                                                     \
  XX(PUBLISHED_URL, published_url)                                             \
  XX(RECEIVED_ON, received_on)                                                 \
  XX(CLOCK_START, clock_start)                                                 \
  XX(DUE_ON, due_on)                                                           \
  XX(EXTENDED_DAYS, extended_days)                                             \
  XX(PAUSED_WORKDAYS, paused_workdays)                                         \
  XX(SUPPLEMENT_NOTICE_DUE_ON, supplement_notice_due_on)                       \
  XX(CALENDAR_GENERATION, calendar_generation)                                 \
  XX(FEE_AMOUNT_FEN, fee_amount_fen)                                           \
  XX(FEE_PAID_ON, fee_paid_on)                                                 \
  XX(ESCALATION, escalation)                                                   \
  LAST(EVENTS,                                                                 \
       "(SELECT json_agg(json_build_array(e.action, e.on_date, "               \
       "e.payload->'days', e.payload->'delivered_on') ORDER BY e.seq) "        \
       "FROM request_events e WHERE e.request_id = r.id) ")

/* A cell's position within the row: col0 + DSC_ROW_DUE_ON. */
typedef enum dsc_row_column {
#define DSC_ROW_ENUM_(name, _) DSC_ROW_##name,
  DSC_ROW_COLUMN_MAP(DSC_ROW_ENUM_, DSC_ROW_ENUM_)
#undef DSC_ROW_ENUM_
      DSC_ROW_NCOLUMNS
} dsc_row_column_t;

/* "r.id, r.version, …, r.escalation, (SELECT json_agg(…) …) ": adjacent
 * string literals, so the text is a compile-time constant. */
#define DSC_ROW_SQL_COLUMN_(name, column) "r." #column ", "
#define DSC_ROW_SQL_LAST_(name, text) text
#define DSC_SQL_ROW_COLUMNS                                                    \
  DSC_ROW_COLUMN_MAP(DSC_ROW_SQL_COLUMN_, DSC_ROW_SQL_LAST_)

/* Every statement of the registry, XX(NAME) for DSC_SQL_NAME. Appended to
 * freely: an id is only an index into the registry, never stored or sent;
 * the server sees the statement's name. tests/tools/sql_golden.c writes
 * each as docs/sql/statements/<name in lower case>.sql. */
#define DSC_SQL_ID_MAP(XX)                                                     \
  XX(SESSION_SETUP)                                                            \
  XX(PING)                                                                     \
  XX(LISTEN)                                                                   \
  XX(SUBMIT)                                                                   \
  XX(ACTION_READ)                                                              \
  XX(TRANSITION)                                                               \
  XX(TRANSITION_MANY)                                                          \
  XX(ACTION_READ_MANY)                                                         \
  XX(CLOCK_STAMP)                                                              \
  XX(APPLICANT_ORDINAL)                                                        \
  XX(DUPLICATE_OF)                                                             \
  XX(QUOTE_READ)                                                               \
  XX(CALENDAR_GENERATION)                                                      \
  XX(VERIFY_COUNTS)                                                            \
  XX(VERIFY_CHAIN)                                                             \
  XX(REPORT_READ)                                                              \
  XX(REPORT_NOJIT)                                                             \
  XX(REPORT_TALLY)                                                             \
  XX(REPORT_APPEALS)                                                           \
  XX(REPORT_FEES)                                                              \
  XX(REPORT_STORE)                                                             \
  XX(REPORT_MOVED)                                                             \
  XX(REPORT_FEE_NOTICES)                                                       \
  XX(REPORT_SECTIONS)                                                          \
  XX(REPORT_ACTIVE_SET)                                                        \
  XX(REPORT_TEXT_SET)                                                          \
  XX(AGENCY_ACTOR_READ)                                                        \
  XX(STATS_DUE)                                                                \
  XX(DASH_STATES)                                                              \
  XX(DASH_DUE)                                                                 \
  XX(DASH_OVERDUE)                                                             \
  XX(DASH_ANSWERED)                                                            \
  XX(DASH_UNDELIVERED)                                                         \
  XX(CALENDAR_DELETE_YEARS)                                                    \
  XX(CALENDAR_UPSERT_DAYS)                                                     \
  XX(CALENDAR_UPSERT_YEARS)                                                    \
  XX(CALENDAR_BUMP)                                                            \
  XX(SWEEP_STALE)                                                              \
  XX(SWEEP_LAPSES)                                                             \
  XX(SWEEP_ESCALATE)                                                           \
  XX(CALENDAR_YEARS)                                                           \
  XX(CALENDAR_DAYS)                                                            \
  XX(SHOW_REQUEST)                                                             \
  XX(SHOW_EVENTS)                                                              \
  XX(LIST)                                                                     \
  XX(STAFF_ROLES)                                                              \
  XX(STAFF_ADD)                                                                \
  XX(AGENCY_ADD)                                                               \
  XX(APPEAL_FILE)                                                              \
  XX(APPEAL_READ)                                                              \
  XX(APPEAL_DECIDE)                                                            \
  XX(STAFF_SET_ROLES)                                                          \
  XX(STAFF_DISABLE)                                                            \
  XX(WHOAMI)                                                                   \
  XX(AGENCY_SET)                                                               \
  XX(AGENCY_SET_SUPPLEMENT)                                                    \
  XX(AGENCY_SET_LETTER)                                                        \
  XX(AGENCY_REQUIRE_LETTER)                                                    \
  XX(LETTER_READ)                                                              \
  XX(LETTER_ISSUE)                                                             \
  XX(LETTER_DELIVER_READ)                                                      \
  XX(LETTER_DELIVER)                                                           \
  XX(LETTER_UNDELIVERED)                                                       \
  XX(SHOW_LETTERS)                                                             \
  XX(LETTER_GET)                                                               \
  XX(MIGRATE_CHECK)                                                            \
  XX(MIGRATE_RECORD)                                                           \
  XX(MIGRATE_APPLIED)                                                          \
  XX(VERIFY_EVENTS)                                                            \
  XX(VERIFY_STAFF_TIMES)                                                       \
  XX(VERIFY_HEADS)                                                             \
  XX(VERIFY_LETTERS)                                                           \
  XX(VERIFY_NOW)                                                               \
  XX(VERIFY_ANCHORED)                                                          \
  XX(PLAN_GENERIC)                                                             \
  XX(WEB_BIND)                                                                 \
  XX(WEB_LOGIN_GATE)                                                           \
  XX(WEB_LOGIN_REFUSED)                                                        \
  XX(WEB_SESSION_CHECK)                                                        \
  XX(WEB_SESSION_END)                                                          \
  XX(STAFF_PASSWORD)

typedef enum dsc_sql_id {
#define DSC_SQL_ENUM_(name) DSC_SQL_##name,
  DSC_SQL_ID_MAP(DSC_SQL_ENUM_)
#undef DSC_SQL_ENUM_
      DSC_SQL__COUNT
} dsc_sql_id_t;

typedef struct dsc_sql {
  const char *name; /* prepared-statement name, "dsc_submit_v1" */
  int nparams;      /* exact number of $n parameters */
  const char *text;
} dsc_sql_t;

/* The registry entry of id. */
const dsc_sql_t *dsc__sql(dsc_sql_id_t id);

/* Scripts: fixed texts run with the simple-query protocol (transaction
 * control around a migration), never with user data. */
extern const char dsc__sql_migrate_begin[];
extern const char dsc__sql_commit[];
extern const char dsc__sql_rollback[];

#endif
