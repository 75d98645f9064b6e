/* The deadline worker's pass (CONTRACT §7, §8; see sweep.h).
 *
 * Each phase reads a page of candidates from an exact range of an index
 * (stale generation; lapse date before today; not escalated and due within
 * the due-soon threshold; escalated as due soon and now overdue), decides
 * every row with the pure clock, and writes the page's changes in one
 * transaction. Every write checks the version it read, so a second daemon
 * doing the same page changes nothing, and a row changed by staff in the
 * meantime is simply left for the next pass. */
#include "sweep.h"

#include <stdio.h>
#include <string.h>

#include "alloc.h"
#include "calendar_cache.h"
#include "disclose/clock_ops.h"
#include "json_put.h"
#include "lapse.h"

#define SWEEP_PAGE 200

/* The escalation phases read one level each (sql.c): P_DUE_SOON the
 * requests not escalated yet, P_OVERDUE those escalated as due soon. A
 * request P_DUE_SOON finds overdue gets the overdue escalation at once and
 * leaves both ranges; one it escalates as due soon is not overdue, so
 * P_OVERDUE does not read it again. */
enum { P_REFRESH, P_REDERIVE, P_LAPSE, P_DUE_SOON, P_OVERDUE, P_DONE };
enum { W_STAMP, W_MOVED, W_LAPSE, W_DUE_SOON, W_OVERDUE };

typedef struct page {
  dsc__sweep_t *sw;
  dsc__row_t rows[SWEEP_PAGE];
  int n;
  bool bad, full;
  int writes;
  int written[2 * SWEEP_PAGE];
  int kind[2 * SWEEP_PAGE];
} page_t;

static void next_phase(dsc__sweep_t *sw);
static void read_page(dsc__sweep_t *sw);

static void page_free(page_t *pg) {
  for (int i = 0; i < pg->n; i++)
    dsc__row_clear(&pg->rows[i]);
  dsc__free(pg);
}

static void fail(dsc__sweep_t *sw, dsc_err_t err, const dsc_detail_t *d) {
  dsc__op_fail(sw->op, err, d);
}

/* ---- phase 0: the calendar's generation -------------------------------- */

/* The op's state begins with its dsc__sweep_t (sweep.h). */
static void after_reload(dsc__op_t *op) { next_phase(op->state); }

static void on_generation(void *arg, const PGresult *res) {
  dsc__sweep_t *sw = arg;
  dsc_engine_t *e = sw->op->engine;
  if (PQntuples(res) == 1 && dsc__cell_int(res, 0, 0) != e->calendar_generation)
    dsc__calendar_forget(e);
}

static void on_generation_done(void *arg, dsc_err_t err,
                               const dsc_detail_t *d) {
  dsc__sweep_t *sw = arg;
  if (err != DSC_OK) {
    fail(sw, err, d);
    return;
  }
  dsc__calendar_need(sw->op, after_reload);
}

/* ---- writing one row's change ------------------------------------------ */

static void on_write_row(void *arg, const PGresult *res) {
  int *written = arg;
  *written = PQntuples(res);
}

static dsc_date_t event_date(const dsc__sweep_t *sw, const dsc__row_t *r) {
  return r->last_on > sw->today ? r->last_on : sw->today;
}

/* The clock's dates of a row, as a deadline-moved event records them;
 * false when out of memory (json_put.h). */
static bool add_dates(cJSON *o, const dsc__row_t *r) {
  return dsc__json_put_date(o, "clock_start", r->clock_start) &&
         dsc__json_put_date(o, "due_on", r->due_on) &&
         dsc__json_put_date(o, "supplement_notice_due_on",
                            r->supplement_notice_due_on) &&
         dsc__json_put_date(o, "hold_lapses_on", r->hold_lapses_on) &&
         dsc__json_put_number(o, "paused_workdays", r->paused_workdays);
}

static bool same_dates(const dsc__row_t *a, const dsc__row_t *b) {
  return a->clock_start == b->clock_start && a->due_on == b->due_on &&
         a->supplement_notice_due_on == b->supplement_notice_due_on &&
         a->hold_lapses_on == b->hold_lapses_on &&
         a->paused_workdays == b->paused_workdays &&
         a->hold_since == b->hold_since;
}

/* Re-derives one row with the current calendar, as of its last clock event
 * (the snapshot's convention, row.h). A date after the calendar leaves the row
 * as it is, stamped, until the next import moves the generation again. */
static dsc_err_t rederive(dsc__sweep_t *sw, page_t *pg, dsc__pg_batch_t *b,
                          dsc__row_t *r) {
  dsc_engine_t *e = sw->op->engine;
  dsc__row_t before = *r;
  dsc_clock_t c;
  char id[24], version[16], gen[24];
  const char *v[3] = {id, version, gen};
  cJSON *o, *old, *now;
  char *payload;
  dsc_err_t err;
  int i;

  if (dsc__row_clock(r, e->calendar, dsc__row_clock_date(r), e->due_soon_days,
                     &c, NULL) == DSC_OK)
    dsc__row_set_clock(r, &c, e->calendar_generation);
  if (same_dates(&before, r) ||
      r->calendar_generation != e->calendar_generation) {
    snprintf(id, sizeof id, "%lld", (long long)r->id);
    snprintf(version, sizeof version, "%d", r->version);
    snprintf(gen, sizeof gen, "%lld", (long long)e->calendar_generation);
    i = pg->writes++;
    pg->kind[i] = W_STAMP;
    return dsc__pg_batch_add(b, DSC_SQL_CLOCK_STAMP, 3, v, on_write_row,
                             &pg->written[i]);
  }
  o = cJSON_CreateObject();
  old = o ? cJSON_AddObjectToObject(o, "old") : NULL;
  now = o ? cJSON_AddObjectToObject(o, "new") : NULL;
  payload = old && now && add_dates(old, &before) && add_dates(now, r) &&
                    dsc__json_put_number(o, "calendar_generation",
                                         (double)e->calendar_generation)
                ? cJSON_PrintUnformatted(o)
                : NULL;
  cJSON_Delete(o);
  if (payload == NULL)
    return DSC_NOMEM;
  i = pg->writes++;
  pg->kind[i] = W_MOVED;
  err =
      dsc__row_write(b, r, r->version, DSC_ACTION_DEADLINE_MOVED, "system",
                     event_date(sw, r), payload, on_write_row, &pg->written[i]);
  cJSON_free(payload);
  return err;
}

/* One escalation per threshold crossed (CONTRACT §8): due soon, then
 * overdue. A request found already overdue gets only the overdue one. */
static dsc_err_t escalate(dsc__sweep_t *sw, page_t *pg, dsc__pg_batch_t *b,
                          dsc__row_t *r) {
  dsc_engine_t *e = sw->op->engine;
  dsc_clock_t c;
  char due[DSC_DATE_STRLEN], payload[160];
  int version = r->version, i;
  bool overdue;

  if (dsc__row_clock(r, e->calendar, sw->today, e->due_soon_days, &c, NULL) !=
          DSC_OK ||
      c.hold != DSC_HOLD_NONE || c.closed)
    return DSC_OK;
  overdue = c.overdue;
  if (overdue ? r->escalation >= 2 : (!c.due_soon || r->escalation >= 1))
    return DSC_OK;
  r->escalation = overdue ? 2 : 1;
  snprintf(payload, sizeof payload,
           "{\"level\": \"%s\", \"due_on\": \"%s\", \"workdays_left\": %d}",
           overdue ? "overdue" : "due_soon", dsc_date_format(c.due_on, due),
           c.workdays_left);
  i = pg->writes++;
  pg->kind[i] = overdue ? W_OVERDUE : W_DUE_SOON;
  return dsc__row_write(b, r, version, DSC_ACTION_ESCALATE, "system",
                        event_date(sw, r), payload, on_write_row,
                        &pg->written[i]);
}

/* ---- a page ------------------------------------------------------------ */

static void on_page_written(void *arg, dsc_err_t err, const dsc_detail_t *d) {
  page_t *pg = arg;
  dsc__sweep_t *sw = pg->sw;
  bool full = pg->full;

  if (err != DSC_OK) {
    page_free(pg);
    fail(sw, err, d);
    return;
  }
  for (int i = 0; i < pg->writes; i++) {
    if (pg->written[i] != 1)
      continue; /* changed by someone else meanwhile: the next pass */
    switch (pg->kind[i]) {
    case W_STAMP:
      sw->rederived++;
      break;
    case W_MOVED:
      sw->rederived++;
      sw->moved++;
      break;
    case W_LAPSE:
      sw->lapsed++;
      break;
    case W_DUE_SOON:
      sw->due_soon++;
      break;
    case W_OVERDUE:
      sw->overdue++;
      break;
    default:
      break;
    }
  }
  page_free(pg);
  if (full)
    read_page(sw);
  else
    next_phase(sw);
}

/* Where the request row begins in a page's result: every page statement
 * (DSC_SQL_SWEEP_STALE, _LAPSES, _ESCALATE) selects DSC_SQL_ROW_COLUMNS
 * and nothing else. */
#define PAGE_ROW 0

static void on_page_rows(void *arg, const PGresult *res) {
  page_t *pg = arg;
  int n = PQntuples(res);
  for (int i = 0; i < n && i < SWEEP_PAGE; i++) {
    if (dsc__row_read(res, i, PAGE_ROW, &pg->rows[pg->n]) != DSC_OK) {
      pg->bad = true;
      continue;
    }
    pg->n++;
  }
  if (n > 0) {
    dsc__sweep_t *sw = pg->sw;
    /* The next page starts after the last row's key, the page's index
     * order (sql.c), read from the result rather than from the row read:
     * a row that could not be read still moves the page on. */
    sw->started = true;
    sw->after_id = dsc__cell_int(res, n - 1, PAGE_ROW + DSC_ROW_ID);
    if (sw->phase == P_REDERIVE)
      sw->after_gen =
          dsc__cell_int(res, n - 1, PAGE_ROW + DSC_ROW_CALENDAR_GENERATION);
    else {
      /* Lapses page on hold_lapses_on, escalations on due_on. */
      int key = sw->phase == P_LAPSE ? DSC_ROW_HOLD_LAPSES_ON : DSC_ROW_DUE_ON;
      sw->after_date = dsc__cell_date(res, n - 1, PAGE_ROW + key);
    }
  }
  pg->sw->page_rows = n;
}

static void on_page_read(void *arg, dsc_err_t err, const dsc_detail_t *d) {
  page_t *pg = arg;
  dsc__sweep_t *sw = pg->sw;
  dsc_engine_t *e = sw->op->engine;
  dsc__pg_batch_t *b;
  dsc_err_t werr = DSC_OK;
  bool full = sw->page_rows == SWEEP_PAGE;

  if (err != DSC_OK) {
    page_free(pg);
    fail(sw, err, d);
    return;
  }
  b = dsc__pg_batch_new(e->pg, on_page_written, pg);
  if (b == NULL) {
    page_free(pg);
    fail(sw, DSC_NOMEM, NULL);
    return;
  }
  dsc__pg_batch_set_mergeable(b);
  for (int i = 0; i < pg->n && werr == DSC_OK; i++) {
    dsc__row_t *r = &pg->rows[i];
    switch (sw->phase) {
    case P_REDERIVE:
      werr = rederive(sw, pg, b, r);
      break;
    case P_LAPSE: {
      int before = r->version, k = pg->writes;
      pg->kind[k] = W_LAPSE;
      werr = dsc__lapse_if_due(e, r, sw->today, b, on_write_row,
                               &pg->written[k], NULL);
      if (werr == DSC_OK && r->version != before)
        pg->writes++;
      else if (werr != DSC_OK && werr != DSC_NOMEM)
        werr = DSC_OK; /* the machine refused: an inconsistent row, left */
      break;
    }
    case P_DUE_SOON:
    case P_OVERDUE:
      werr = escalate(sw, pg, b, r);
      break;
    default:
      break;
    }
  }
  if (werr != DSC_OK) {
    dsc__pg_batch_discard(b);
    page_free(pg);
    fail(sw, werr, NULL);
    return;
  }
  if (dsc__pg_batch_size(b) == 0) {
    dsc__pg_batch_discard(b);
    page_free(pg);
    if (full)
      read_page(sw);
    else
      next_phase(sw);
    return;
  }
  pg->full = full;
  dsc__pg_batch_send(b);
}

static void read_page(dsc__sweep_t *sw) {
  dsc_engine_t *e = sw->op->engine;
  page_t *pg = dsc__calloc(1, sizeof *pg);
  dsc__pg_batch_t *b = pg ? dsc__pg_batch_new(e->pg, on_page_read, pg) : NULL;
  char a[24], bound[DSC_DATE_STRLEN], after_key[24], after_id[24];
  const char *v[4] = {a, after_key, after_id, NULL};
  int nparams = 3;
  dsc_sql_id_t sql = DSC_SQL_SWEEP_STALE;
  dsc_date_t threshold;

  if (b == NULL) {
    dsc__free(pg);
    fail(sw, DSC_NOMEM, NULL);
    return;
  }
  pg->sw = sw;
  sw->page_rows = 0;
  snprintf(after_id, sizeof after_id, "%lld", (long long)sw->after_id);
  /* Before the first page, a key below every row's: generations start at
   * 0, dates are after year 1. */
  if (sw->phase == P_REDERIVE)
    snprintf(after_key, sizeof after_key, "%lld",
             sw->started ? (long long)sw->after_gen : -1LL);
  else if (sw->started)
    dsc_date_format(sw->after_date, after_key);
  else
    snprintf(after_key, sizeof after_key, "0001-01-01");
  switch (sw->phase) {
  case P_REDERIVE:
    snprintf(a, sizeof a, "%lld", (long long)e->calendar_generation);
    break;
  case P_LAPSE:
    sql = DSC_SQL_SWEEP_LAPSES;
    dsc_date_format(sw->today, a);
    break;
  case P_DUE_SOON:
    /* due_soon: workdays_left <= N, i.e. due_on <= wd_add(today, N). */
    if (dsc_calendar_add_workdays(e->calendar, sw->today, e->due_soon_days,
                                  &threshold, NULL) != DSC_OK)
      threshold = sw->today;
    sql = DSC_SQL_SWEEP_ESCALATE;
    snprintf(a, sizeof a, "0");
    v[1] = dsc_date_format(threshold, bound);
    v[2] = after_key;
    v[3] = after_id;
    nparams = 4;
    break;
  default:
    /* overdue: due before today. */
    sql = DSC_SQL_SWEEP_ESCALATE;
    snprintf(a, sizeof a, "1");
    v[1] = dsc_date_format(sw->today - 1, bound);
    v[2] = after_key;
    v[3] = after_id;
    nparams = 4;
    break;
  }
  if (dsc__pg_batch_add(b, sql, nparams, v, on_page_rows, pg) != DSC_OK) {
    dsc__pg_batch_discard(b);
    dsc__free(pg);
    fail(sw, DSC_NOMEM, NULL);
    return;
  }
  dsc__pg_batch_send(b);
}

static void next_phase(dsc__sweep_t *sw) {
  sw->phase++;
  sw->started = false;
  sw->after_gen = 0;
  sw->after_date = DSC_DATE_NONE;
  sw->after_id = 0;
  if (sw->phase == P_LAPSE && sw->rederive_only)
    sw->phase = P_DONE;
  if (sw->phase >= P_DONE) {
    sw->done(sw);
    return;
  }
  read_page(sw);
}

void dsc__sweep_run(dsc__sweep_t *sw) {
  dsc_engine_t *e = sw->op->engine;
  dsc__pg_batch_t *b = dsc__pg_batch_new(e->pg, on_generation_done, sw);

  sw->phase = P_REFRESH;
  if (b == NULL || dsc__pg_batch_add(b, DSC_SQL_CALENDAR_GENERATION, 0, NULL,
                                     on_generation, sw) != DSC_OK) {
    if (b)
      dsc__pg_batch_discard(b);
    fail(sw, DSC_NOMEM, NULL);
    return;
  }
  dsc__pg_batch_send(b);
}

/* ---- dsc_deadline_sweep ------------------------------------------------ */

static void on_sweep_done(dsc__sweep_t *sw) {
  dsc__op_t *op = sw->op;
  cJSON *o = op->result.json = cJSON_CreateObject();
  if (o == NULL) {
    dsc__op_fail(op, DSC_NOMEM, NULL);
    return;
  }
  cJSON_AddNumberToObject(o, "rederived", sw->rederived);
  cJSON_AddNumberToObject(o, "moved", sw->moved);
  cJSON_AddNumberToObject(o, "lapsed", sw->lapsed);
  cJSON_AddNumberToObject(o, "due_soon", sw->due_soon);
  cJSON_AddNumberToObject(o, "overdue", sw->overdue);
  dsc__op_finish(op);
}

dsc_err_t dsc_deadline_sweep(dsc_engine_t *e, const dsc_ctx_t *ctx,
                             dsc_result_cb cb, void *data) {
  dsc__op_t *op;
  dsc_err_t err;
  dsc__sweep_t *sw;

  if ((err = dsc__op_open(e, ctx, cb, data, sizeof *sw, NULL, &op)) != DSC_OK)
    return err;
  sw = op->state;
  sw->op = op;
  sw->today = ctx->today;
  sw->done = on_sweep_done;
  if (ctx->today == DSC_DATE_NONE)
    return dsc__op_defer_error(op, DSC_INVALID, "today",
                               "the business date is required",
                               "必须指定业务日期");
  dsc__sweep_run(sw);
  return DSC_OK;
}
