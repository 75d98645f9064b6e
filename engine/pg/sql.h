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

typedef enum dsc_sql_id {
  DSC_SQL_SESSION_SETUP,
  DSC_SQL_PING,
  DSC_SQL_LISTEN,
  DSC_SQL_SUBMIT,
  DSC_SQL_ACTION_READ,
  DSC_SQL_TRANSITION,
  DSC_SQL_TRANSITION_MANY,
  DSC_SQL_ACTION_READ_MANY,
  DSC_SQL_CLOCK_STAMP,
  DSC_SQL_APPLICANT_ORDINAL,
  DSC_SQL_DUPLICATE_OF,
  DSC_SQL_QUOTE_READ,
  DSC_SQL_CALENDAR_GENERATION,
  DSC_SQL_VERIFY_COUNTS,
  DSC_SQL_VERIFY_CHAIN,
  DSC_SQL_REPORT_READ,
  DSC_SQL_REPORT_NOJIT,
  DSC_SQL_REPORT_TALLY,
  DSC_SQL_REPORT_APPEALS,
  DSC_SQL_REPORT_FEES,
  DSC_SQL_REPORT_STORE,
  DSC_SQL_REPORT_MOVED,
  DSC_SQL_REPORT_FEE_NOTICES,
  DSC_SQL_REPORT_SECTIONS,
  DSC_SQL_REPORT_ACTIVE_SET,
  DSC_SQL_REPORT_TEXT_SET,
  DSC_SQL_AGENCY_ACTOR_READ,
  DSC_SQL_STATS_DUE,
  DSC_SQL_DASH_STATES,
  DSC_SQL_DASH_DUE,
  DSC_SQL_DASH_OVERDUE,
  DSC_SQL_DASH_ANSWERED,
  DSC_SQL_DASH_UNDELIVERED,
  DSC_SQL_CALENDAR_DELETE_YEARS,
  DSC_SQL_CALENDAR_UPSERT_DAYS,
  DSC_SQL_CALENDAR_UPSERT_YEARS,
  DSC_SQL_CALENDAR_BUMP,
  DSC_SQL_SWEEP_STALE,
  DSC_SQL_SWEEP_LAPSES,
  DSC_SQL_SWEEP_ESCALATE,
  DSC_SQL_CALENDAR_YEARS,
  DSC_SQL_CALENDAR_DAYS,
  DSC_SQL_SHOW_REQUEST,
  DSC_SQL_SHOW_EVENTS,
  DSC_SQL_LIST,
  DSC_SQL_STAFF_ROLES,
  DSC_SQL_STAFF_ADD,
  DSC_SQL_AGENCY_ADD,
  DSC_SQL_APPEAL_FILE,
  DSC_SQL_APPEAL_READ,
  DSC_SQL_APPEAL_DECIDE,
  DSC_SQL_STAFF_SET_ROLES,
  DSC_SQL_STAFF_DISABLE,
  DSC_SQL_WHOAMI,
  DSC_SQL_AGENCY_SET,
  DSC_SQL_AGENCY_SET_SUPPLEMENT,
  DSC_SQL_MIGRATE_CHECK,
  DSC_SQL_MIGRATE_RECORD,
  DSC_SQL_MIGRATE_APPLIED,
  DSC_SQL_VERIFY_EVENTS,
  DSC_SQL_VERIFY_STAFF_TIMES,
  DSC_SQL_VERIFY_HEADS,
  DSC_SQL_VERIFY_NOW,
  DSC_SQL_VERIFY_ANCHORED,
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
