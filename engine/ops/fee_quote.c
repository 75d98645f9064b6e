/* `disclose fee-quote ID --pages N`: the 109号 fee with its arithmetic. The
 * quote is dsc_fee_quote's, from the same ordinal `fee-notice` reads, so
 * the two say the same: an applicant without an identity number is quoted
 * by volume only (D14). */
#include <stdio.h>
#include <string.h>

#include "alloc.h"
#include "disclose/clock_ops.h"
#include "engine_int.h"

typedef struct quote_state {
  int64_t id;
  int pages;
  dsc_fee_method_t method;
  bool found, actor_found;
  int ordinal;
} quote_state_t;

static void on_read(void *arg, const PGresult *res) {
  quote_state_t *st = ((dsc__op_t *)arg)->state;
  if (PQntuples(res) != 1)
    return;
  st->found = dsc__cell(res, 0, 0) != NULL;
  st->actor_found = dsc__cell(res, 0, 1) != NULL;
}

static void on_ordinal(void *arg, const PGresult *res) {
  quote_state_t *st = ((dsc__op_t *)arg)->state;
  if (PQntuples(res) == 1)
    st->ordinal = (int)dsc__cell_int(res, 0, 0);
}

static void on_done(void *arg, dsc_err_t err, const dsc_detail_t *d) {
  dsc__op_t *op = arg;
  quote_state_t *st = op->state;
  dsc_fee_quote_t q;
  dsc_detail_t detail;
  char amount[DSC_FEE_AMOUNT_STRLEN];
  cJSON *o;

  if (err != DSC_OK) {
    dsc__op_fail(op, err, d);
    return;
  }
  if (!st->actor_found) {
    dsc__detail_unknown_staff(&detail, "actor", op->actor);
    dsc__op_fail(op, DSC_NOT_FOUND, &detail);
    return;
  }
  if (!st->found) {
    dsc_detail_setf(&detail, DSC_NOT_FOUND, "id", "no request %lld",
                    "没有编号为 %lld 的申请", (long long)st->id);
    dsc__op_fail(op, DSC_NOT_FOUND, &detail);
    return;
  }
  err = dsc_fee_quote(st->ordinal, st->pages, st->method, &q, &detail);
  if (err != DSC_OK) {
    dsc__op_fail(op, err, &detail);
    return;
  }
  o = op->result.json = cJSON_CreateObject();
  if (o == NULL) {
    dsc__op_fail(op, DSC_NOMEM, NULL);
    return;
  }
  cJSON_AddNumberToObject(o, "request_id", (double)st->id);
  /* Without an identity number there is no count (D14): null, not 0. */
  if (q.ordinal == DSC_FEE_ORDINAL_UNKNOWN)
    cJSON_AddNullToObject(o, "ordinal");
  else
    cJSON_AddNumberToObject(o, "ordinal", q.ordinal);
  cJSON_AddNumberToObject(o, "pages", q.pages);
  cJSON_AddStringToObject(o, "method", dsc_fee_method_name(q.method));
  if (q.by_count_fen < 0)
    cJSON_AddNullToObject(o, "by_count");
  else
    cJSON_AddStringToObject(o, "by_count",
                            dsc_fee_amount_format(q.by_count_fen, amount));
  cJSON_AddStringToObject(o, "by_volume",
                          dsc_fee_amount_format(q.by_volume_fen, amount));
  cJSON_AddStringToObject(o, "amount",
                          dsc_fee_amount_format(q.amount_fen, amount));
  cJSON_AddStringToObject(o, "arithmetic", q.arithmetic);
  cJSON_AddStringToObject(o, "arithmetic_zh", q.arithmetic_zh);
  op->result.id = st->id;
  dsc__op_finish(op);
}

dsc_err_t dsc_request_fee_quote(dsc_engine_t *e, const dsc_ctx_t *ctx,
                                int64_t id, int pages, dsc_fee_method_t method,
                                dsc_result_cb cb, void *data) {
  dsc__op_t *op;
  dsc_err_t err;
  quote_state_t *st;
  dsc__pg_batch_t *b;
  char idbuf[24];
  const char *v[3] = {idbuf, NULL, NULL};

  if ((err = dsc__op_open(e, ctx, cb, data, sizeof *st, NULL, &op)) != DSC_OK)
    return err;
  st = op->state;
  st->id = id;
  st->pages = pages;
  st->method = method;
  if (!dsc__op_require_actor(op))
    return DSC_OK;
  if (pages < 0 || pages > DSC_FEE_PAGES_MAX)
    return dsc__op_defer_error(op, DSC_INVALID, "pages",
                               "must be a number of pages from 0 to 1000000",
                               "页数必须在0至1000000之间");
  if (id <= 0)
    return dsc__op_defer_error(op, DSC_NOT_FOUND, "id", "no such request",
                               "没有该申请");
  snprintf(idbuf, sizeof idbuf, "%lld", (long long)id);
  v[1] = op->actor;
  b = dsc__pg_batch_new(e->pg, on_done, op);
  if (b == NULL ||
      dsc__pg_batch_add(b, DSC_SQL_QUOTE_READ, 2, v, on_read, op) != DSC_OK ||
      dsc__pg_batch_add(b, DSC_SQL_APPLICANT_ORDINAL, 1, v, on_ordinal, op) !=
          DSC_OK) {
    if (b)
      dsc__pg_batch_discard(b);
    return dsc__op_abandon(op);
  }
  dsc__pg_batch_send(b);
  return DSC_OK;
}
