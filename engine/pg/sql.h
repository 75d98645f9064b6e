/* The statement registry: every SQL text the engine runs at run time
 * (internal). STYLE practice 12: schema lives only in migrations/, runtime SQL
 * only here; parameters are always $n and no C code formats SQL. Each
 * statement is prepared once per connection under its stable name, so
 * server logs read `execute dsc_submit_v1`. */
#ifndef DSC_ENGINE_SQL_H
#define DSC_ENGINE_SQL_H

/* The columns of a request's snapshot row, in the order dsc__row_read
 * (ops/row.h) reads them, for a row aliased r. The last one is the
 * request's history as a JSON array of [action, on_date, days,
 * delivered_on] (the payload's "days" and "delivered_on", or null). */
#define DSC_SQL_ROW_COLUMNS                                                    \
  "r.id, r.version, r.state, r.hold, r.hold_since, r.hold_lapses_on, "         \
  "r.assignee, r.drafter, r.outcome, r.answered_on, r.closed_on, "             \
  "r.published_url, r.received_on, r.clock_start, r.due_on, "                  \
  "r.extended_days, r.paused_workdays, r.supplement_notice_due_on, "           \
  "r.calendar_generation, r.fee_amount_fen, r.fee_paid_on, r.escalation, "     \
  "(SELECT json_agg(json_build_array(e.action, e.on_date, "                    \
  "e.payload->'days', e.payload->'delivered_on') ORDER BY e.seq) "             \
  "FROM request_events e WHERE e.request_id = r.id) "
#define DSC_ROW_NCOLUMNS 23

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
