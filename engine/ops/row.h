/* A request's snapshot row as the engine reads it to change it, and the one
 * statement that writes it back with its event (internal).
 *
 * Every change of a request goes through dsc__row_write: the snapshot's new
 * columns and the appended event in one statement guarded by the version
 * read (DESIGN principles 1 and 2), so a staff action, a lapse applied by
 * the deadline worker and a deadline moved by a calendar correction can
 * never overwrite each other. */
#ifndef DSC_ENGINE_ROW_H
#define DSC_ENGINE_ROW_H

#include "disclose/deadline.h"
#include "pgloop.h"
#include "sql.h"

/* The columns it reads are the registry's DSC_SQL_ROW_COLUMNS, each at its
 * position DSC_ROW_ID … DSC_ROW_EVENTS after the statement's first column
 * of the row (sql.h). */

typedef struct dsc__row {
  int64_t id;
  int version;
  dsc_state_t state;
  dsc_hold_t hold;
  dsc_date_t hold_since, hold_lapses_on;
  char *assignee, *drafter; /* owned */
  dsc_outcome_t outcome;
  dsc_date_t answered_on, closed_on;
  char *published_url; /* owned */
  dsc_date_t received_on, clock_start, due_on;
  int extended_days, paused_workdays;
  dsc_date_t supplement_notice_due_on;
  int64_t calendar_generation;
  int64_t fee_amount_fen; /* 0: none */
  dsc_date_t fee_paid_on;
  int escalation;
  dsc_clock_event_t *events; /* owned; the whole history, in order */
  size_t nevents, cap;
  dsc_date_t last_on; /* the date of the last event that records what
                         happened (escalations and moved deadlines, the
                         workers' bookkeeping, do not count) */
} dsc__row_t;

/* Reads row `row` of res, columns col0 … col0 + DSC_ROW_NCOLUMNS - 1, into
 * *out (zeroed first; release with dsc__row_clear). DSC_NOMEM, or
 * DSC_INTEGRITY when the history cannot be read. */
dsc_err_t dsc__row_read(const PGresult *res, int row, int col0,
                        dsc__row_t *out);

/* Appends the history column's events ([[action, date, days, delivered],
 * ...]; NULL for none) to r. DSC_INTEGRITY when it cannot be read,
 * DSC_NOMEM. */
dsc_err_t dsc__row_read_events(dsc__row_t *r, const char *json);

/* The clock counts from the receipt date (Art. 31), which the submit
 * event's own date — the day it was registered — may follow: the history's
 * first event is dated received_on for the replay. last_on keeps the real
 * dates, so no action is dated before the registration. */
void dsc__row_use_receipt(dsc__row_t *r, dsc_date_t received_on);

/* Frees what the row owns and zeroes it. Accepts a zeroed row. */
void dsc__row_clear(dsc__row_t *r);

/* Appends an event to the row's history (for a replay that includes the
 * action being applied); delivered is DSC_DATE_NONE unless the event is a
 * letter sent with its delivery already known. DSC_NOMEM. */
dsc_err_t dsc__row_push_event(dsc__row_t *r, dsc_action_t action, dsc_date_t on,
                              int days, dsc_date_t delivered);

/* Replays the row's history as of today into *out (dsc_clock_replay). */
dsc_err_t dsc__row_clock(const dsc__row_t *r, const dsc_calendar_t *cal,
                         dsc_date_t today, int due_soon_days, dsc_clock_t *out,
                         dsc_detail_t *detail);

/* The date the stored snapshot's clock is computed as of: the date of the
 * last event that moves the clock (not an assignment, a draft, an
 * escalation or a deadline-moved). An open hold then contributes nothing
 * beyond its start to the stored paused_workdays, so the stored columns
 * depend on the history and the calendar only, never on when they were
 * written; show and list project an open hold to today. */
dsc_date_t dsc__row_clock_date(const dsc__row_t *r);

/* Copies the derived columns of clock into the row and stamps it with the
 * calendar generation they were computed with. */
void dsc__row_set_clock(dsc__row_t *r, const dsc_clock_t *clock,
                        int64_t generation);

/* Adds to b the statement that writes r as the new snapshot, if the stored
 * version is still expected_version, and appends the event (action, actor,
 * on, payload JSON text or NULL for {}). cb receives one row (the new seq)
 * on success and none on a version conflict. */
dsc_err_t dsc__row_write(dsc__pg_batch_t *b, const dsc__row_t *r,
                         int expected_version, dsc_action_t action,
                         const char *actor, dsc_date_t on, const char *payload,
                         dsc__pg_result_cb cb, void *arg);

#endif
