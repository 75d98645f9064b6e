/* The engine's copy of the working-day calendar (DESIGN principle 5).
 *
 * Loaded from calendar_years and calendar_days on the first operation that
 * needs it, then kept: about 20 KiB for 2019–2026, and every working-day
 * question after that is two array look-ups. Operations that arrive while
 * it loads wait in a queue; one load serves them all. The deadline worker
 * and `calendar import` drop it when the calendar's generation moves.
 */
#include <stdio.h>
#include <string.h>

#include "alloc.h"
#include "calendar_cache.h"
#include "engine_int.h"

typedef struct load_state {
  dsc_engine_t *engine;
  int first_year, last_year;
  int64_t generation;
  bool years_ok;
  dsc_calendar_exception_t *rows;
  size_t nrows;
  dsc_err_t err;
  dsc_detail_t detail;
} load_state_t;

void dsc__calendar_fail_waiters(dsc_engine_t *e, dsc_err_t err,
                                const dsc_detail_t *detail) {
  dsc__op_t *op;
  dsc__op_queue_t waiting = e->calendar_waiters;

  memset(&e->calendar_waiters, 0, sizeof e->calendar_waiters);
  while ((op = dsc__op_queue_pop(&waiting)) != NULL)
    dsc__op_fail(op, err, detail);
}

/* The loaded years must be one run without a hole: a missing year in the
 * middle would count its holidays as working days. `calendar import`
 * refuses to make a hole; a database edited by hand is cut at the first
 * one, so dates after it are a calendar gap rather than a guess. */
static void on_years(void *arg, const PGresult *res) {
  load_state_t *ls = arg;
  int n = PQntuples(res);

  if (n == 0)
    return;
  ls->first_year = (int)dsc__cell_int(res, 0, 0);
  ls->last_year = ls->first_year;
  for (int i = 1; i < n && dsc__cell_int(res, i, 0) == ls->last_year + 1; i++)
    ls->last_year++;
  ls->generation = dsc__cell_int(res, 0, 1);
  ls->years_ok = true;
}

static void on_days(void *arg, const PGresult *res) {
  load_state_t *ls = arg;
  int n = PQntuples(res);

  if (n == 0)
    return;
  ls->rows = dsc__calloc((size_t)n, sizeof *ls->rows);
  if (ls->rows == NULL) {
    ls->err = DSC_NOMEM;
    return;
  }
  for (int i = 0; i < n; i++) {
    const char *kind = dsc__cell(res, i, 1);
    ls->rows[i].date = dsc__cell_date(res, i, 0);
    ls->rows[i].kind = kind && strcmp(kind, "holiday") == 0 ? DSC_DAY_HOLIDAY
                                                            : DSC_DAY_WORKDAY;
  }
  ls->nrows = (size_t)n;
}

static void on_loaded(void *arg, dsc_err_t err, const dsc_detail_t *d) {
  load_state_t *ls = arg;
  dsc_engine_t *e = ls->engine;
  int64_t generation = ls->generation;
  dsc_calendar_t *cal = NULL;
  dsc_detail_t detail = {0};
  dsc__op_t *op;

  e->calendar_loading = false;
  if (err != DSC_OK && d)
    detail = *d;
  if (err == DSC_OK && ls->err != DSC_OK)
    err = dsc_detail_set(&detail, ls->err, NULL, NULL, NULL);
  if (err == DSC_OK && !ls->years_ok)
    err = dsc_detail_set(&detail, DSC_CALENDAR_GAP, "calendar",
                         "no working-day calendar is loaded; run `disclose "
                         "calendar import`",
                         "尚未导入工作日历，请运行 disclose calendar import");
  if (err == DSC_OK)
    err = dsc_calendar_create(ls->first_year, ls->last_year, ls->rows,
                              ls->nrows, &cal, &detail);
  if (err == DSC_NOMEM)
    dsc_detail_set(&detail, DSC_NOMEM, NULL, NULL, NULL);
  dsc__free(ls->rows);
  dsc__free(ls);

  if (err != DSC_OK) {
    dsc__calendar_fail_waiters(e, err, &detail);
    while ((op = dsc__op_queue_pop(&e->intake)) != NULL)
      dsc__op_fail(op, err, &detail);
    return;
  }
  dsc_calendar_destroy(e->calendar);
  e->calendar = cal;
  e->calendar_generation = generation;
  {
    dsc__op_queue_t waiting = e->calendar_waiters;
    memset(&e->calendar_waiters, 0, sizeof e->calendar_waiters);
    while ((op = dsc__op_queue_pop(&waiting)) != NULL) {
      void (*then)(dsc__op_t *) = op->calendar_then;
      op->calendar_then = NULL;
      then(op);
    }
  }
  if (e->intake.count > 0)
    dsc__engine_kick(e);
}

void dsc__calendar_load(dsc_engine_t *e) {
  load_state_t *ls;
  dsc__pg_batch_t *b;

  if (e->calendar || e->calendar_loading || e->closing)
    return;
  ls = dsc__calloc(1, sizeof *ls);
  b = ls ? dsc__pg_batch_new(e->pg, on_loaded, ls) : NULL;
  if (b == NULL ||
      dsc__pg_batch_add(b, DSC_SQL_CALENDAR_YEARS, 0, NULL, on_years, ls) !=
          DSC_OK ||
      dsc__pg_batch_add(b, DSC_SQL_CALENDAR_DAYS, 0, NULL, on_days, ls) !=
          DSC_OK) {
    if (b)
      dsc__pg_batch_discard(b);
    dsc__free(ls);
    /* Deferred, not failed here: this may run inside a public call, which
     * must not call back. */
    while (e->calendar_waiters.head) {
      dsc__op_t *op = dsc__op_queue_pop(&e->calendar_waiters);
      op->result.err = DSC_NOMEM;
      dsc_detail_set(&op->result.detail, DSC_NOMEM, NULL, NULL, NULL);
      dsc__op_defer(op);
    }
    return;
  }
  ls->engine = e;
  e->calendar_loading = true;
  dsc__pg_batch_send(b);
}

void dsc__calendar_need(dsc__op_t *op, void (*then)(dsc__op_t *op)) {
  dsc_engine_t *e = op->engine;

  if (e->calendar) {
    then(op);
    return;
  }
  op->calendar_then = then;
  dsc__op_queue_push(&e->calendar_waiters, op);
  dsc__calendar_load(e);
}

void dsc__calendar_forget(dsc_engine_t *e) {
  dsc_calendar_destroy(e->calendar);
  e->calendar = NULL;
  e->calendar_generation = 0;
}

static void on_started(void *arg, dsc_err_t err, const dsc_detail_t *d) {
  dsc__op_t *op = arg;
  void (*then)(dsc__op_t *) = op->calendar_then;
  if (err != DSC_OK) {
    dsc__op_fail(op, err, d);
    return;
  }
  op->calendar_then = NULL;
  dsc__calendar_need(op, then);
}

dsc_err_t dsc__op_start_with_calendar(dsc__op_t *op,
                                      void (*then)(dsc__op_t *op)) {
  dsc__pg_batch_t *b = dsc__pg_batch_new(op->engine->pg, on_started, op);
  if (b == NULL || dsc__pg_batch_add(b, DSC_SQL_PING, 0, NULL, NULL, NULL)) {
    if (b)
      dsc__pg_batch_discard(b);
    return dsc__op_abandon(op);
  }
  op->calendar_then = then;
  dsc__pg_batch_send(b);
  return DSC_OK;
}
