/* `disclose calendar due FROM N`: wd_add with the calendar in the database
 * (CONTRACT §7). */
#include <stdio.h>

#include "alloc.h"
#include "calendar_cache.h"
#include "disclose/clock_ops.h"
#include "engine_int.h"

typedef struct due_state {
  dsc_date_t from;
  int n;
} due_state_t;

static void compute(dsc__op_t *op) {
  due_state_t *st = op->state;
  dsc_date_t due;
  dsc_detail_t d;
  char a[DSC_DATE_STRLEN], b[DSC_DATE_STRLEN];
  dsc_err_t err = dsc_calendar_add_workdays(op->engine->calendar, st->from,
                                            st->n, &due, &d);
  if (err != DSC_OK) {
    dsc__op_fail(op, err, &d);
    return;
  }
  op->result.json = cJSON_CreateObject();
  if (op->result.json == NULL) {
    dsc__op_fail(op, DSC_NOMEM, NULL);
    return;
  }
  cJSON_AddStringToObject(op->result.json, "from",
                          dsc_date_format(st->from, a));
  cJSON_AddNumberToObject(op->result.json, "n", st->n);
  cJSON_AddStringToObject(op->result.json, "due_on", dsc_date_format(due, b));
  dsc__op_finish(op);
}

dsc_err_t dsc_calendar_due(dsc_engine_t *e, const dsc_ctx_t *ctx,
                           dsc_date_t from, int n, dsc_result_cb cb,
                           void *data) {
  dsc__op_t *op;
  dsc_err_t err;
  due_state_t *st;

  if ((err = dsc__op_open(e, ctx, cb, data, sizeof *st, NULL, &op)) != DSC_OK)
    return err;
  st = op->state;
  st->from = from;
  st->n = n;
  if (n < 0 || n > 1000)
    return dsc__op_defer_error(op, DSC_INVALID, "n",
                               "must be a number of working days from 0 to "
                               "1000",
                               "必须是0至1000的工作日数");
  if (from == DSC_DATE_NONE)
    return dsc__op_defer_error(op, DSC_INVALID, "from", "a date is required",
                               "必须指定日期");
  return dsc__op_start_with_calendar(op, compute);
}
